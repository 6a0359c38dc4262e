"""Compile the SQL of a page's shape once per process.

A public page that takes no parameter at all (the first page of a list: ``/api/v1/claims/``) runs the
same SQL with the same parameters on every request, yet Django compiles it again each time: the select
list, the joins of the summary columns, the published-only condition, the ordering. That is about a fifth
of the page's CPU. ``compile_once(queryset, key)`` marks the request's queryset; the first time a query
carrying that key reaches the database its compiler is kept, and later requests reuse its SQL, parameters
and column set-up (the rows are still read and converted per request: only the compiling is skipped).

A filtered page (``?speaker=12``) has the same SQL for every value, only its parameters differ. Such a
page is built from a template queryset whose filters hold *placeholders* (values no request can send,
drawn at random per process) and is marked with ``bound``, a mapping of each placeholder to the request's
value (apps/common/api/bound.py). Every SQL compiled from a bound query, cached or not (a count, a
subquery), has its placeholders replaced by the request's values before it reaches the database; a
placeholder that does not appear verbatim among the parameters is an error, never a query run with it.

Safety: the key names the view, the page's shape (which filters, the page size) and the placeholders, and
a query is served from the cache only when its structure (model, slice, ordering, selected columns,
annotations, joins, number of conditions) equals the one that was compiled; any other query derived from a
marked one compiles as usual. Nothing read per request (user, language, parameters) is in the cached SQL:
a request's values are only ever parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.db.models.sql import Query


class _Compiled:
    """What a compiled query leaves for the next one of its key: its SQL and parameters, where its placeholders
    sit among them, the compiler's column set-up, and the converters of its columns (per connection: a
    backend's converters may be bound to it)."""

    __slots__ = ("structure", "sql", "params", "state", "slots", "converters")

    def __init__(self, structure: tuple, sql: str, params: tuple, state: dict[str, Any], slots: tuple) -> None:
        self.structure, self.sql, self.params, self.state, self.slots = structure, sql, params, state, slots
        self.converters: tuple[Any, dict] | None = None


# (key, database alias) -> what its first query compiled to
_COMPILED: dict[tuple[Any, str], _Compiled] = {}
_MAX_ENTRIES = 256
# The compiler's own attributes; everything else it holds was set up by as_sql() and is kept.
_PER_CALL = ("query", "connection", "using", "elide_empty")
# Placeholders are ids or choice strings; a parameter of another type (a float equal to an int, a bool) is
# never taken for one.
_PLACEHOLDER_TYPES = (int, str)


class UnboundPlaceholderError(RuntimeError):
    """A bound query compiled to SQL in which one of its placeholders is not a parameter of its own."""


def _structure(query: Query) -> tuple:
    """What must be equal for two queries under the same key to compile to the same SQL (a guard against
    a query derived from a marked one: a count, a different slice, an added condition)."""
    return (
        query.model,
        query.low_mark,
        query.high_mark,
        tuple(query.order_by),
        tuple(query.values_select),
        tuple(query.annotations),
        tuple(query.alias_map),
        len(query.where.children),
        query.distinct,
        query.combinator,
        query.select_for_update,
    )


def placeholder_slots(params, bound: Mapping[Any, Any]) -> tuple[tuple[int, Any], ...]:
    """Where each placeholder of ``bound`` sits among ``params``; every one must appear."""
    slots = tuple(
        (index, param) for index, param in enumerate(params) if type(param) in _PLACEHOLDER_TYPES and param in bound
    )
    if {param for _, param in slots} != set(bound):
        raise UnboundPlaceholderError("a filter's value does not reach the SQL as a parameter of its own")
    return slots


def _bind(params, slots: tuple[tuple[int, Any], ...], bound: Mapping[Any, Any]) -> list:
    values = list(params)
    for index, placeholder in slots:
        values[index] = bound[placeholder]
    return values


class CompiledOnceQuery(Query):
    """A Query whose compilation is cached under ``self.compiled_key`` (set by ``compile_once``), and whose
    placeholders, if it has any (``self.bound_values``), are replaced in every SQL compiled from it."""

    compiled_key: Any = None
    bound_values: Mapping[Any, Any] | None = None

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        bound = self.bound_values or {}
        if self.compiled_key is not None and elide_empty and self._from_cache(compiler, bound):
            return compiler
        if bound:
            default_as_sql = compiler.as_sql

            def as_sql(*args, **kwargs):
                sql, params = default_as_sql(*args, **kwargs)
                return sql, _bind(params, placeholder_slots(params, bound), bound)

            compiler.as_sql = as_sql
        return compiler

    def _from_cache(self, compiler, bound: Mapping[Any, Any]) -> bool:
        """Set ``compiler`` up with the cached SQL of this query's key (compiling it the first time); False
        when the cached SQL is of another structure."""
        key = (self.compiled_key, compiler.using or "")
        structure = _structure(self)
        entry = _COMPILED.get(key)
        if entry is None:
            sql, params = compiler.as_sql()
            state = {name: value for name, value in vars(compiler).items() if name not in _PER_CALL}
            if len(_COMPILED) >= _MAX_ENTRIES:
                _COMPILED.clear()
            entry = _COMPILED[key] = _Compiled(structure, sql, tuple(params), state, placeholder_slots(params, bound))
        elif entry.structure != structure:
            return False
        else:
            vars(compiler).update(entry.state)
        sql, values = entry.sql, _bind(entry.params, entry.slots, bound)
        default_as_sql = compiler.as_sql
        default_get_converters = compiler.get_converters

        def as_sql(*args, **kwargs):
            if args or kwargs:
                sub_sql, sub_params = default_as_sql(*args, **kwargs)
                return sub_sql, _bind(sub_params, placeholder_slots(sub_params, bound), bound) if bound else sub_params
            return sql, list(values)

        computing: list[bool] = []

        def get_converters(expressions):
            # Called by results_iter with the compiled select list, the same for every query of the entry (and
            # by itself for composite columns, which are computed, not cached).
            cached = entry.converters
            if computing:
                return default_get_converters(expressions)
            if cached is not None and cached[0] is compiler.connection:
                return cached[1]
            computing.append(True)
            try:
                converters = default_get_converters(expressions)
            finally:
                computing.pop()
            entry.converters = (compiler.connection, converters)
            return converters

        compiler.get_converters = get_converters
        compiler.as_sql = as_sql
        return True


def compile_once(queryset: QuerySet, key: Any, bound: Mapping[Any, Any] | None = None) -> QuerySet:
    """The same queryset, its SQL compiled once per process under ``key``, its placeholders (the keys of
    ``bound``) replaced by their values (see the module docstring)."""
    queryset = queryset.all()
    query = queryset.query
    if type(query) is Query:
        # Same state, two more attributes: clones (slicing, ordering) keep the class, the key and the values.
        query.__class__ = CompiledOnceQuery
    if isinstance(query, CompiledOnceQuery):
        query.compiled_key = key
        query.bound_values = bound
    elif bound:
        raise TypeError(f"{type(query).__name__} cannot carry placeholders")
    return queryset
