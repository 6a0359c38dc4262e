"""The public index's search and filters (django-filter), over published claims only."""

from __future__ import annotations

import django_filters
from django import forms

from apps.actors.selectors import actor_list_public
from apps.articles.selectors import outlet_list_public
from apps.claims.claimreview import RATINGS
from apps.claims.models import Claim
from apps.common.api.filters import full_text_search
from apps.review.statuses import PUBLISHED_STATUSES

from .selectors import actor_ids

VERDICT_CHOICES = [(s.value, RATINGS[s][1]) for s in PUBLISHED_STATUSES]
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def _speakers(request):
    return actor_list_public().order_by("name")


def _outlets(request):
    return outlet_list_public().order_by("name")


class ClaimPageFilter(django_filters.FilterSet):
    """Applied to ``claim_list_public()``: the choices offered are themselves public (actors and outlets
    behind a published item), so no filter can name or reveal anything unpublished."""

    q = django_filters.CharFilter(method="filter_search", label="Search", max_length=200)
    speaker = django_filters.ModelChoiceFilter(
        queryset=_speakers, label="Who said it", empty_label="Anyone", method="filter_speaker"
    )
    outlet = django_filters.ModelChoiceFilter(
        field_name="article__outlet", queryset=_outlets, label="Outlet", empty_label="Any outlet"
    )
    kind = django_filters.ChoiceFilter(choices=Claim.Kind.choices, label="Kind", empty_label="Any kind")
    verdict = django_filters.ChoiceFilter(
        field_name="review_status", choices=VERDICT_CHOICES, label="Verdict", empty_label="Any verdict"
    )
    published_after = django_filters.DateFilter(
        field_name="article__published_at", lookup_expr="date__gte", label="From", widget=DATE_INPUT
    )
    published_before = django_filters.DateFilter(
        field_name="article__published_at", lookup_expr="date__lte", label="To", widget=DATE_INPUT
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return full_text_search(queryset, "text", value)

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(speaker_id__in=actor_ids(value)) if value else queryset
