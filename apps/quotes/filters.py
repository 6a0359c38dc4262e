from __future__ import annotations

import django_filters

from apps.common.api.filters import ActorFilter, full_text_search
from apps.quotes.models import Quote
from apps.review.api import PublicFilterSet


class QuoteFilter(PublicFilterSet):
    speaker = ActorFilter(field_name="speaker", help_text="Speaker (actor) id.")
    speaker_name = django_filters.CharFilter(
        field_name="speaker__name", lookup_expr="icontains", max_length=200, help_text="Part of the speaker's name."
    )
    country = django_filters.CharFilter(
        field_name="speaker__country_code", lookup_expr="iexact", max_length=2, help_text="Speaker's country code."
    )
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Full-text search in the text."
    )

    class Meta:
        model = Quote
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return full_text_search(queryset, "text", value)
