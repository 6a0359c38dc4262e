"""Explicit ordering: a public name per sortable field, mapped to a non-null database expression.

Cursor pagination filters on the first ordering field (``field < position``), so every sortable
field must be non-null: nullable columns are sorted through ``Coalesce`` annotations. The primary key
is always appended as a tie-breaker so the order is total.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.db.models import F, Value
from rest_framework.filters import BaseFilterBackend


class PublicOrderingFilter(BaseFilterBackend):
    """Reads ``?ordering=<name>`` or ``?ordering=-<name>`` among ``view.ordering_fields``.

    ``view.ordering_fields`` maps a public name to an expression (``F(...)``, ``Coalesce(...)``);
    ``view.default_ordering`` is the public ordering used when none (or an unknown one) is asked for.
    """

    ordering_param = "ordering"

    @staticmethod
    def _annotation(name: str) -> str:
        return "id" if name == "id" else f"_order_{name}"

    def _requested(self, request, view) -> str:
        fields = getattr(view, "ordering_fields", {"id": F("id")})
        raw = request.query_params.get(self.ordering_param, "").strip()
        if raw.lstrip("-") in fields:
            return raw
        return getattr(view, "default_ordering", "-id")

    def get_ordering(self, request, queryset, view):
        requested = self._requested(request, view)
        descending = requested.startswith("-")
        name = requested.lstrip("-")
        prefix = "-" if descending else ""
        ordering = [prefix + self._annotation(name)]
        if name != "id":
            ordering.append(prefix + "id")
        return tuple(ordering)

    def filter_queryset(self, request, queryset, view):
        requested = self._requested(request, view)
        name = requested.lstrip("-")
        if name != "id":
            queryset = queryset.annotate(**{self._annotation(name): view.ordering_fields[name]})
        return queryset.order_by(*self.get_ordering(request, queryset, view))

    def get_schema_operation_parameters(self, view):
        names = list(getattr(view, "ordering_fields", {"id": None}))
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sort order; prefix with '-' for descending. Default: "
                + getattr(view, "default_ordering", "-id"),
                "schema": {"type": "string", "enum": [p + n for n in names for p in ("", "-")]},
            }
        ]


# Sorts missing dates first (ascending) or last (descending) through Coalesce.
EPOCH = Value(datetime(1970, 1, 1, tzinfo=UTC))
EPOCH_DATE = Value(date(1970, 1, 1))
