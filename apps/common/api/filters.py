"""Filters shared by the public FilterSets: bounded ids, actors (with merged duplicates), full-text search.
The filters every reviewable kind shares (published status, article, dates) are in apps/review/api.py."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

# The text search configuration of the query and of the GIN expression indexes (migrations in
# apps/claims and apps/quotes): they must be the same for PostgreSQL to use the index.
SEARCH_CONFIG = "english"
MAX_ID = 2**63 - 1
MAX_SEARCH_WORDS = 10


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.INT64)
class IdFilter(django_filters.NumberFilter):
    """A positive 64-bit id (a plain NumberFilter accepts decimals and numbers the database can't hold)."""

    field_class = IdField


class ActorFilter(IdFilter):
    """An actor id; also matches items recorded under duplicates merged into that actor."""

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        # An IN over the actor ids (the actor and its merged duplicates) keeps the index on the foreign key
        # usable; an OR across the join to the actors table does not.
        actors = qs.model._meta.get_field(self.field_name).related_model
        ids = actors._base_manager.filter(Q(pk=value) | Q(merged_into_id=value)).values("pk")
        return qs.filter(**{f"{self.field_name}_id__in": ids})


def search_vector(field: str) -> SearchVector:
    return SearchVector(field, config=SEARCH_CONFIG)


def full_text_search(queryset, field: str, value: str):
    """PostgreSQL full-text search (web-search syntax, index-backed); on other databases every word
    must appear in the text (case-insensitive)."""
    value = " ".join(value.split()[:MAX_SEARCH_WORDS])
    if not value:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        query = SearchQuery(value, config=SEARCH_CONFIG, search_type="websearch")
        matches = (
            queryset.model._base_manager.alias(_search=search_vector(field))
            .filter(_search=query)
            .order_by()
            .values("pk")
        )
        sql, params = matches.query.get_compiler(using=queryset.db).as_sql()
        # "OFFSET 0" keeps PostgreSQL from merging the subquery into the outer one. Merged, the planner
        # prefers walking the primary key backwards (for the ORDER BY ... LIMIT of the page) and computing
        # to_tsvector() on every row it passes, which it costs far too low; fenced, the matches come from
        # the GIN expression index and the page costs in proportion to the number of matches.
        # The SQL is Django's own compiled query; the user's words are only in ``params``.
        return queryset.filter(pk__in=RawSQL(f"{sql} OFFSET 0", params))  # noqa: S611
    condition = Q()
    for word in value.split():
        condition &= Q(**{f"{field}__icontains": word})
    return queryset.filter(condition)
