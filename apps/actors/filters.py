from __future__ import annotations

import django_filters

from apps.actors.models import Actor


class ActorFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=200, help_text="Part of the name.")
    kind = django_filters.ChoiceFilter(choices=Actor.Kind.choices)
    country = django_filters.CharFilter(field_name="country_code", lookup_expr="iexact", max_length=2)

    class Meta:
        model = Actor
        fields: list[str] = []
