from __future__ import annotations

import django_filters

from apps.commitments.models import Commitment, Stance
from apps.common.api.filters import ActorFilter
from apps.review.api import PublicFilterSet


class CommitmentFilter(PublicFilterSet):
    actor = ActorFilter(field_name="actor", help_text="Actor id.")
    actor_name = django_filters.CharFilter(
        field_name="actor__name", lookup_expr="icontains", max_length=200, help_text="Part of the actor's name."
    )
    country = django_filters.CharFilter(
        field_name="actor__country_code", lookup_expr="iexact", max_length=2, help_text="Actor's country code."
    )
    stance = django_filters.ChoiceFilter(choices=Stance.choices)
    stated_after = django_filters.DateFilter(field_name="stated_on", lookup_expr="gte", help_text="Stated on or after.")
    stated_before = django_filters.DateFilter(
        field_name="stated_on", lookup_expr="lte", help_text="Stated on or before."
    )
    search = django_filters.CharFilter(
        field_name="action", lookup_expr="icontains", max_length=200, help_text="Part of the action's text."
    )

    class Meta:
        model = Commitment
        fields: list[str] = []
