"""Corrections, as pure functions of an item: the model, the admin and the public API all use these.

``machine_values`` holds the machine's original value of every field an editor corrected (the first
correction snapshots it if the extractor did not). An item is *corrected* when its status is
``corrected`` or any correctable field differs from ``machine_values``, so a claim corrected and then
verified still reports corrected. Nothing here runs a query: foreign keys are compared by id.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.db import models

from .statuses import ReviewStatus


def field_of(model: type[models.Model] | models.Model, name: str) -> Any:
    """A concrete field (typed loosely: correctable fields are never reverse relations)."""
    return model._meta.get_field(name)


def correctable_fields(model: type[models.Model] | models.Model) -> tuple[str, ...]:
    """The fields an editor may correct, as the model declares them (``ReviewableModel.correctable_fields``)."""
    return tuple(getattr(model, "correctable_fields", ()))


def field_snapshot(item: models.Model, field: str) -> Any:
    """JSON-able value of a field as stored in ``machine_values``: FKs by id."""
    attname = _relation_attname(item._meta, field)
    if attname is not None:
        return getattr(item, attname)
    value = getattr(item, field)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def same_value(a: Any, b: Any) -> bool:
    """Equal as an editor means it: empty equals empty, 27 equals 27.000000."""
    if a in (None, "") and b in (None, ""):
        return True
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError, TypeError):
        return str(a) == str(b)


@cache
def _relation_attname(opts: Any, field: str) -> str | None:
    """The column name of a foreign key ``field`` of the model whose ``_meta`` is ``opts``, None for other
    fields. Cached: the public API asks it for every correctable field of every row of a page."""
    f = opts.get_field(field)
    return f.attname if f.is_relation else None


def machine_key(item: Any, field: str) -> str | None:
    """Key under which ``machine_values`` holds a field: ``speaker_id`` for FKs, else the field name."""
    mv = item.machine_values or {}
    attname = _relation_attname(item._meta, field)
    if attname is not None:
        # The extractor stores a related row by pk under the field name ("speaker": 12); a correction
        # snapshot uses the column name ("speaker_id": 12). Accept both.
        if attname in mv:
            return attname
        return field if field in mv and not isinstance(mv[field], (dict, list, str)) else None
    return field if field in mv else None


def machine_value(item: Any, field: str) -> Any:
    """What the machine said for ``field`` (a pk for foreign keys), or the current value if unknown."""
    key = machine_key(item, field)
    return item.machine_values[key] if key is not None else field_snapshot(item, field)


def corrected_fields(item: Any) -> list[str]:
    """Correctable fields whose current value differs from what the machine said."""
    out: list[str] = []
    if not item.machine_values:
        return out  # nothing the machine said is on record: nothing to compare
    for field in correctable_fields(item):
        key = machine_key(item, field)
        if key is not None and not same_value(item.machine_values[key], field_snapshot(item, field)):
            out.append(field)
    return out


def is_corrected(item: Any) -> bool:
    """True once an editor changed a machine value, whatever the review status is now."""
    return item.review_status == ReviewStatus.CORRECTED or bool(corrected_fields(item))


class RowItem:
    """A ``.values()`` row of ``model`` seen as an item by the rules above (they read an item's attributes
    and its model's field declarations), so a page read without model instances is judged by the same rules.
    The row must hold ``review_status``, ``machine_values`` and every correctable field (FKs by column)."""

    def __init__(self, model: type[models.Model], row: dict) -> None:
        self._meta = model._meta
        self.correctable_fields = correctable_fields(model)
        self._row = row

    def __getattr__(self, name: str) -> Any:
        try:
            return self._row[name]
        except KeyError:
            raise AttributeError(name) from None


def is_corrected_row(model: type[models.Model], row: dict) -> bool:
    """``is_corrected`` of a ``.values()`` row of ``model`` (see ``RowItem``), without wrapping the row when
    ``machine_values`` is empty (most rows of a page: then only the status decides)."""
    if not row["machine_values"]:
        return row["review_status"] == ReviewStatus.CORRECTED
    return is_corrected(RowItem(model, row))
