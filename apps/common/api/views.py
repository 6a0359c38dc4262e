from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.expressions import Combinable
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from .bound import bound_detail, bound_queryset
from .caching import cached_response, conditional_response
from .compiled import compile_once
from .ordering import PublicOrderingFilter
from .pagination import PublicCursorPagination
from .rawjson import EncodedObject, EncodedRows, PublicJSONRenderer, writes_raw_json
from .throttling import PublicAnonThrottle

_BASE_QUERYSETS: dict[Callable[[], QuerySet[Any]], QuerySet[Any]] = {}


def _is_id(value: str) -> bool:
    """A positive 64-bit id as the router's pattern lets it through (ASCII digits, at most 18)."""
    return value.isascii() and value.isdigit() and len(value) <= 18


class PublicFilterBackend(DjangoFilterBackend):
    """django-filter, without building a FilterSet when the request names none of its filters
    (building one deep-copies every filter: a millisecond on each unfiltered page), nor when it names only
    filters by id or choice on the view's shared rows (a template bound to the request's values:
    apps/common/api/bound.py)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        params = request.query_params
        if not any(name in params for name in filterset_class.base_filters):
            return queryset
        if getattr(view, "reads_shared_rows", lambda: False)():
            # Part of the compiled SQL's key (the compiled structure is checked anyway): any paginator may be set.
            get_page_size = getattr(view.paginator, "get_page_size", None)
            page_size = get_page_size(request) if get_page_size is not None else None
            bound = bound_queryset(filterset_class, queryset, params, (type(view), view.action), page_size)
            if bound is not None:
                return bound
        return super().filter_queryset(request, queryset, view)


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Base of every public resource: read-only, anonymous, throttled, cursor-paginated, cacheable.

    Subclasses set ``selector`` (a function returning the published rows, see ``apps/*/selectors.py``),
    ``serializer_class``, ``filterset_class``, ``ordering_fields`` and ``default_ordering``.
    No authentication: everybody sees the same published data, so there is nothing to log in for,
    and no session lookup per request.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicAnonThrottle]
    pagination_class = PublicCursorPagination
    filter_backends = [PublicFilterBackend, PublicOrderingFilter]
    ordering_fields: dict[str, Combinable] = {"id": F("id")}
    default_ordering = "-id"
    selector: Callable[[], QuerySet[Any]] | None = None
    # Optional: the same published rows as ``.values()`` dicts for the list and the detail (not for other
    # actions, which may need instances), when the serializer reads both.
    row_selector: Callable[[], QuerySet[Any]] | None = None
    # Ids are positive 64-bit integers: longer path values answer 404 before reaching the database.
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self) -> QuerySet[Any]:
        selector = type(self).selector
        if self.action in ("list", "retrieve") and type(self).row_selector is not None:
            selector = type(self).row_selector
        if selector is None:
            raise NotImplementedError(f"{type(self).__name__} sets no selector")
        # Built once per process and cloned per request, as DRF does with a ``queryset`` attribute: the
        # selectors depend on nothing but the code, and building select_related/only chains again on every
        # request is a few percent of a page's CPU.
        base = _BASE_QUERYSETS.get(selector)
        if base is None:
            base = _BASE_QUERYSETS[selector] = selector()
        return base.all()

    def filter_queryset(self, queryset):
        # List filters and orderings mean nothing for one object: a detail view looks it up by id alone,
        # without the model's default ordering (a sort of the one row PostgreSQL would still plan).
        if self.detail:
            return queryset.order_by()
        queryset = super().filter_queryset(queryset)
        if self._fixed_shape():
            queryset = compile_once(queryset, (type(self), self.action))
        return queryset

    def get_object(self):
        # A detail looked up by id in the shared rows: its SQL is compiled once per process with the id as a
        # bound parameter (apps/common/api/bound.py); anything else is DRF's lookup.
        if (
            self.action == "retrieve"
            and self.lookup_field == "pk"
            and self.lookup_url_kwarg is None
            and type(self).get_queryset is PublicReadOnlyViewSet.get_queryset
            and _is_id(self.kwargs.get("pk", ""))
        ):
            queryset = bound_detail(self.filter_queryset(self.get_queryset()), type(self), int(self.kwargs["pk"]))
            if queryset is not None:
                obj = generics.get_object_or_404(queryset)
                self.check_object_permissions(self.request, obj)
                return obj
        return super().get_object()

    def reads_shared_rows(self) -> bool:
        """True for a list read from the shared selector's queryset, with no path argument: the same rows
        before filtering on every request (see apps/common/api/compiled.py and bound.py)."""
        return (
            self.action == "list" and not self.kwargs and type(self).get_queryset is PublicReadOnlyViewSet.get_queryset
        )

    def _fixed_shape(self) -> bool:
        """True when this page's SQL is the same on every request: shared rows asked with no parameter (its
        only other input, the page size, is part of the compiled query's checked structure)."""
        return not self.request.query_params and self.reads_shared_rows()

    def get_renderers(self):
        # DRF's JSON renderer (from settings or the view) as the one that also writes the rows' own JSON: same
        # media type, format and bytes (apps/common/api/rawjson.py).
        return [
            PublicJSONRenderer() if type(renderer) is JSONRenderer else renderer for renderer in super().get_renderers()
        ]

    def _row_writer(self):
        """A function writing a row's JSON (the serializer's ``row_json_writer``), when this response may be written
        that way."""
        if not hasattr(self.get_serializer_class(), "row_json_writer") or not writes_raw_json(self.request):
            return None
        return self.get_serializer().row_json_writer()

    def list(self, request, *args, **kwargs):
        cached = cached_response(request)
        if cached is not None:
            return cached
        # DRF's ListModelMixin.list, the rows written as JSON directly when the serializer can.
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = page if page is not None else queryset
        writer = self._row_writer()
        if writer is not None and isinstance(rows, list) and all(type(row) is dict for row in rows):
            data = EncodedRows.of([writer(row) for row in rows])
        else:
            data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        cached = cached_response(request)
        if cached is not None:
            return cached
        instance = self.get_object()
        writer = self._row_writer()
        if writer is not None and type(instance) is dict:
            return Response(EncodedObject(writer(instance)))
        return Response(self.get_serializer(instance).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return conditional_response(request, response)
