from __future__ import annotations

import django_filters

from apps.articles.models import Article, Outlet
from apps.common.api.filters import IdFilter


class ArticleFilter(django_filters.FilterSet):
    outlet = IdFilter(field_name="outlet_id", help_text="Outlet id.")
    published_after = django_filters.DateFilter(field_name="published_at", lookup_expr="date__gte")
    published_before = django_filters.DateFilter(field_name="published_at", lookup_expr="date__lte")
    language = django_filters.CharFilter(max_length=12)
    search = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", max_length=200, help_text="Part of the title."
    )

    class Meta:
        model = Article
        fields: list[str] = []


class OutletFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=200)
    domain = django_filters.CharFilter(lookup_expr="iexact", max_length=253)

    class Meta:
        model = Outlet
        fields: list[str] = []
