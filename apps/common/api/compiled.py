"""Compile the SQL of a fixed-shape page once per process.

A public page that takes no parameter at all (the first page of a list: ``/api/v1/claims/``) runs the
same SQL with the same parameters on every request, yet Django compiles it again each time: the select
list, the joins of the summary columns, the published-only condition, the ordering. That is about a fifth
of the page's CPU. ``compile_once(queryset, key)`` marks the request's queryset; the first time a query
carrying that key reaches the database its compiler is kept, and later requests reuse its SQL, parameters
and column set-up (the rows are still read and converted per request: only the compiling is skipped).

Safety: the key names the view and the page size (the only inputs of a parameterless page), and a
query is served from the cache only when its structure (model, slice, ordering, selected columns,
annotations, joins, number of conditions) equals the one that was compiled; any other query derived from a
marked one compiles as usual. Nothing read per request (user, language, parameters) is in such a query.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.sql import Query

# (key, database alias) -> (structure, SQL, parameters, compiler state)
_COMPILED: dict[tuple[Any, str], tuple[tuple, str, tuple, dict[str, Any]]] = {}
_MAX_ENTRIES = 256
# The compiler's own attributes; everything else it holds was set up by as_sql() and is kept.
_PER_CALL = ("query", "connection", "using", "elide_empty")


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


class CompiledOnceQuery(Query):
    """A Query whose compilation is cached under ``self.compiled_key`` (set by ``compile_once``)."""

    compiled_key: Any = None

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        if self.compiled_key is None or not elide_empty:
            return compiler
        key = (self.compiled_key, compiler.using or "")
        structure = _structure(self)
        entry = _COMPILED.get(key)
        if entry is None:
            sql, params = compiler.as_sql()
            state = {name: value for name, value in vars(compiler).items() if name not in _PER_CALL}
            if len(_COMPILED) >= _MAX_ENTRIES:
                _COMPILED.clear()
            _COMPILED[key] = (structure, sql, tuple(params), state)
            return compiler
        cached_structure, sql, params, state = entry
        if cached_structure != structure:
            return compiler
        vars(compiler).update(state)
        default_as_sql = compiler.as_sql

        def as_sql(*args, **kwargs):
            if args or kwargs:
                return default_as_sql(*args, **kwargs)
            return sql, list(params)

        compiler.as_sql = as_sql
        return compiler


def compile_once(queryset: QuerySet, key: Any) -> QuerySet:
    """The same queryset, its SQL compiled once per process under ``key`` (see the module docstring)."""
    queryset = queryset.all()
    query = queryset.query
    if type(query) is Query:
        # Same state, one more method: CompiledOnceQuery adds no attribute of its own but the key, and
        # clones (slicing, ordering) keep the class and the key.
        query.__class__ = CompiledOnceQuery
    if isinstance(query, CompiledOnceQuery):
        query.compiled_key = key
    return queryset
