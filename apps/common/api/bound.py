"""Filtered first pages built once per shape and bound to each request's values.

``/api/v1/claims/?speaker=12`` costs about twice the unfiltered page in Python: django-filter builds a
FilterSet and its form for the request, the actor filter builds its subquery, and Django compiles the whole
SQL again, although only the id differs from one request to the next. When every parameter of a list
request is a *bindable* filter (an id, or a choice, compared for equality: ``speaker``, ``article``,
``outlet``, ``kind``, ``review_status``, ``actor``, ``stance``...) and possibly ``page_size``:

1. each value is validated by its filter's own form field, as the FilterSet's form would (an invalid or
   empty value leaves the request to django-filter, which answers the usual 400 or ignores it);
2. the filtered queryset is built once per view and set of filters, with placeholders for the values
   (random per process, of the value's type), by the filters themselves, and kept;
3. the request gets a clone of it bound to its values (apps/common/api/compiled.py): its SQL is compiled
   once per shape and page size and every compiled statement carries the request's values as parameters.

The placeholders must reach the SQL verbatim as parameters; the template is checked for that when it is
built, and a filter set whose template fails the check is left to django-filter. The resulting SQL is the
one django-filter builds (tests/api/test_bound_filters.py compares them).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.sql import Query
from django_filters import ChoiceFilter, FilterSet
from django_filters.constants import EMPTY_VALUES

from .compiled import UnboundPlaceholderError, compile_once, placeholder_slots
from .filters import MAX_ID, IdFilter

# Parameters a bound page may have besides its filters (the page size is part of the compiled key).
PAGE_SIZE_PARAM = "page_size"
# (view class, filter names in declaration order) -> (filtered template, {filter name: placeholder}), or None
# when the template failed the placeholder check.
_TEMPLATES: dict[tuple[Any, tuple[str, ...]], tuple[QuerySet, dict[str, Any]] | None] = {}
_MAX_TEMPLATES = 256


def _bindable(filter_) -> bool:
    """A filter whose value goes into the SQL unchanged, as one equality (or the actor filter's subquery)."""
    return (
        isinstance(filter_, (IdFilter, ChoiceFilter))
        and filter_.lookup_expr == "exact"
        and filter_.method is None
        and not filter_.exclude
        and not filter_.distinct
    )


def _placeholder(filter_) -> Any:
    if isinstance(filter_, IdFilter):
        # Above every real id (ids count up from 1) yet within the field's bounds.
        return MAX_ID - secrets.randbits(60)
    return f"\x00placeholder-{secrets.token_hex(16)}"


def request_values(filterset_class: type[FilterSet], params: Mapping[str, Any]) -> dict[str, Any] | None:
    """The cleaned value of each filter the request names, when every parameter is a bindable filter (or the
    page size) with a valid, non-empty value; None otherwise (django-filter then handles the request)."""
    values: dict[str, Any] = {}
    for name in params:
        if name == PAGE_SIZE_PARAM:
            continue
        filter_ = filterset_class.base_filters.get(name)
        if filter_ is None or not _bindable(filter_):
            return None
        field = filter_.field
        try:
            # What the FilterSet's form does with this field: the widget reads the (last) value, the field
            # cleans it.
            value = field.clean(field.widget.value_from_datadict(params, {}, name))
        except ValidationError:
            return None
        if value in EMPTY_VALUES or value == getattr(filter_, "null_value", None):
            return None
        values[name] = value
    return values or None


def _template(
    filterset_class: type[FilterSet], queryset: QuerySet, names: tuple[str, ...], key: Any
) -> tuple[QuerySet, dict[str, Any]] | None:
    entry_key = (key, names)
    if entry_key in _TEMPLATES:
        return _TEMPLATES[entry_key]
    entry: tuple[QuerySet, dict[str, Any]] | None = None
    if type(queryset.query) is Query:
        # The filters as django-filter sets them up (model and parent), applied in declaration order as
        # FilterSet.filter_queryset does; filters the request does not name are no-ops there.
        filters = filterset_class(queryset=queryset).filters
        template = queryset.all()
        placeholders = {}
        for name in names:
            placeholders[name] = _placeholder(filters[name])
            template = filters[name].filter(template, placeholders[name])
        if _binds(template, placeholders.values()):
            entry = (template, placeholders)
    return _remember(_TEMPLATES, entry_key, entry)


def _binds(template: QuerySet, placeholders: Iterable[Any]) -> bool:
    """Whether every placeholder reaches the compiled SQL's parameters, so that a request's values can
    replace them (a filter that transforms its value, say, leaves one unbound)."""
    _sql, params = template.query.get_compiler(using=template.db).as_sql()
    try:
        placeholder_slots(params, {placeholder: None for placeholder in placeholders})
    except UnboundPlaceholderError:
        return False
    return True


def _remember(cache: dict, key: Any, entry: Any) -> Any:
    """Store ``entry`` (None included: the answer "no template" is kept too) in a bounded per-process cache."""
    if len(cache) >= _MAX_TEMPLATES:
        cache.clear()
    cache[key] = entry
    return entry


def bound_queryset(
    filterset_class: type[FilterSet], queryset: QuerySet, params: Mapping[str, Any], key: Any, page_size: int
) -> QuerySet | None:
    """``queryset`` filtered by the request's ``params`` through a template built once per ``key`` (the view)
    and set of filters, or None when the request is not one for a bound page (see the module docstring).
    ``queryset`` must be the same rows for every request under ``key``."""
    values = request_values(filterset_class, params)
    if values is None:
        return None
    names = tuple(name for name in filterset_class.base_filters if name in values)
    entry = _template(filterset_class, queryset, names, key)
    if entry is None:
        return None
    template, placeholders = entry
    bound = {placeholders[name]: values[name] for name in names}
    compiled_key = (key, names, page_size, tuple(placeholders.values()))
    return compile_once(template, compiled_key, bound=bound)


# (view class) -> (the shared rows filtered by a placeholder id, the placeholder), or None (see _template)
_DETAIL_TEMPLATES: dict[Any, tuple[QuerySet, int] | None] = {}


def bound_detail(queryset: QuerySet, key: Any, pk: int) -> QuerySet | None:
    """``queryset`` filtered to the row of primary key ``pk`` through a template built once per ``key`` (the
    view), so that a detail's SQL is compiled once per process; None when ``queryset``'s query cannot carry
    placeholders. ``queryset`` must be the same rows for every request under ``key``."""
    entry = _DETAIL_TEMPLATES.get(key)
    if key not in _DETAIL_TEMPLATES:
        entry = None
        if type(queryset.query) is Query:
            placeholder = MAX_ID - secrets.randbits(60)
            template = queryset.filter(pk=placeholder)
            if _binds(template, [placeholder]):
                entry = (template, placeholder)
        _remember(_DETAIL_TEMPLATES, key, entry)
    if entry is None:
        return None
    template, placeholder = entry
    return compile_once(template, (key, placeholder), bound={placeholder: pk})
