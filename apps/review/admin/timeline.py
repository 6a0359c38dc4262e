"""An item's history as a timeline, and the "machine said ...; corrected to ..." summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from apps.common.formatting import number_text, quantity_text
from apps.review.corrections import correctable_fields, corrected_fields, field_of, machine_value
from apps.review.history import history_user_label

from .rendering import status_badge

TRACKED_EXTRA = ("review_status", "review_note", "origin", "start", "end")


def _value_label(model: type[models.Model], field: str, value: Any, names: dict[tuple[Any, Any], str]) -> str:
    f = field_of(model, field)
    if value in (None, ""):
        return "—"
    if f.is_relation:
        return names.get((f.related_model, value), f"#{value}")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if hasattr(value, "normalize"):
        return number_text(value)
    return str(value)


def _quantity_fields(fields: Sequence[str]) -> tuple[str, str, str] | None:
    """(value, unit, qualifier) when a correction group is one quantity ("quantity_value", "quantity_unit", ...),
    so the summary reads "about €120 million" rather than "about 120000000 EUR"."""
    prefixes = {f.removesuffix("_value") for f in fields if f.endswith("_value")}
    if len(prefixes) != 1:
        return None
    p = prefixes.pop()
    names = (f"{p}_value", f"{p}_unit", f"{p}_qualifier")
    return names if set(fields) <= set(names) else None


@dataclass
class TimelineEntry:
    when: Any
    who: str
    reason: str
    kind: str
    changes: list[tuple[str, str, str]]
    note: str
    version: int
    status: str


def history_entries(obj: models.Model, fields: Sequence[str] | None = None) -> list[TimelineEntry]:
    """Oldest first: who, when, why (change reason), what changed (field, old, new), the note."""
    model = type(obj)
    fields = list(fields if fields is not None else (*correctable_fields(obj), *TRACKED_EXTRA))
    fields = [f for f in fields if _has_field(model, f)]
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    names = _related_names(model, fields, records)
    entries, prev = [], None
    for rec in records:
        changes = []
        for field in fields:
            f = field_of(model, field)
            new = getattr(rec, f.attname)
            old: Any = getattr(prev, f.attname) if prev is not None else None
            if prev is None or old != new:
                if prev is None and new in (None, ""):
                    continue
                if field == "review_note":
                    continue  # shown as the note
                changes.append(
                    (
                        str(f.verbose_name),
                        "" if prev is None else _value_label(model, field, old, names),
                        _value_label(model, field, new, names),
                    )
                )
        note = getattr(rec, "review_note", "") or ""
        if prev is not None and note == (getattr(prev, "review_note", "") or ""):
            note = ""
        kind = {"+": "created", "~": "changed", "-": "deleted"}.get(rec.history_type, rec.history_type)
        entries.append(
            TimelineEntry(
                when=rec.history_date,
                who=history_user_label(rec.history_user),
                reason=rec.history_change_reason or "",
                kind=kind,
                changes=changes,
                note=note,
                version=getattr(rec, "version", 0),
                status=getattr(rec, "review_status", ""),
            )
        )
        prev = rec
    return entries


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        field_of(model, name)
    except FieldDoesNotExist:
        return False
    return True


def _related_names(model, fields, records) -> dict[tuple[Any, Any], str]:
    """One query per related model for every id appearing in the history."""
    names: dict[tuple[Any, Any], str] = {}
    for field in fields:
        f = field_of(model, field)
        if not f.is_relation:
            continue
        ids = {getattr(r, f.attname) for r in records} - {None}
        if ids:
            for o in f.related_model._default_manager.filter(pk__in=ids):
                names[(f.related_model, o.pk)] = str(o)
    return names


def history_timeline_html(obj: models.Model, fields: Sequence[str] | None = None) -> SafeString:
    entries = history_entries(obj, fields)
    if not entries:
        return mark_safe('<p class="nr-muted">No history yet.</p>')  # noqa: S308
    items = []
    for e in reversed(entries):
        changes = format_html_join(
            "",
            '<li><strong>{}</strong>: <span class="nr-old">{}</span> → <span class="nr-new">{}</span></li>',
            ((name, old or "∅", new) for name, old, new in e.changes),
        )
        if e.kind == "created":
            changes = format_html_join(
                "", "<li><strong>{}</strong>: {}</li>", ((name, new) for name, _old, new in e.changes)
            )
        items.append(
            format_html(
                '<li class="nr-tl-item"><div class="nr-tl-head"><time>{}</time> · <strong>{}</strong> · {}{}'
                '<span class="nr-muted"> (version {})</span></div>{}{}</li>',
                timezone.localtime(e.when).strftime("%Y-%m-%d %H:%M"),
                e.who,
                e.reason or e.kind,
                format_html(" · {}", status_badge(e.status)) if e.status else "",
                e.version,
                format_html('<ul class="nr-tl-changes">{}</ul>', changes) if e.changes else "",
                format_html('<div class="nr-tl-note">Note: {}</div>', e.note) if e.note else "",
            )
        )
    return format_html('<ol class="nr-timeline">{}</ol>', mark_safe("".join(items)))  # noqa: S308


def correction_lines(obj: models.Model, groups: Sequence[tuple[str, Sequence[str]]] | None = None) -> list[SafeString]:
    """ "machine said 26 countries; corrected to 27 countries by editor1 on 2026-11-23 15:40, note: ..." """
    changed = set(corrected_fields(obj))  # type: ignore[arg-type]
    if not changed:
        return []
    groups = groups or [(f, [f]) for f in correctable_fields(obj)]
    entries = history_entries(obj, [f for _, fs in groups for f in fs])
    mv = obj.machine_values or {}  # type: ignore[attr-defined]
    model = type(obj)
    lines = []
    for label, fields in groups:
        if not changed & set(fields):
            continue

        def render(values: dict[str, Any], fields=fields) -> str:
            quantity = _quantity_fields(fields)
            if quantity:
                value, unit, qualifier = (values.get(f) for f in quantity)
                return quantity_text(value, unit or "", qualifier or "") or "—"
            out = []
            for f in fields:
                fo = field_of(model, f)
                v = values.get(f)
                if fo.is_relation:
                    out.append(str(v) if v else "—")
                elif v not in (None, ""):
                    out.append(_value_label(model, f, v, {}))
            return " ".join(out) or "—"

        machine = {}
        current = {}
        for f in fields:
            fo = field_of(model, f)
            current[f] = getattr(obj, f)
            if fo.is_relation:
                pk = machine_value(obj, f)
                if pk == getattr(obj, fo.attname):
                    machine[f] = current[f]
                else:
                    machine[f] = mv.get(f"{f}_name") or fo.related_model._default_manager.filter(pk=pk).first()
            else:
                machine[f] = machine_value(obj, f)
        verbose = {str(field_of(model, f).verbose_name) for f in fields}
        last = next(
            (e for e in reversed(entries) if any(c[0] in verbose for c in e.changes) and e.kind != "created"), None
        )
        who = f" by {last.who} on {timezone.localtime(last.when).strftime('%Y-%m-%d %H:%M')}" if last else ""
        note = f", note: {last.note}" if last and last.note else ""
        lines.append(
            format_html(
                '<div class="nr-correction"><strong>{}</strong>: machine said <span class="nr-old">{}</span>; '
                'corrected to <span class="nr-new">{}</span>{}{}</div>',
                label,
                render(machine),
                render(current),
                who,
                note,
            )
        )
    return lines
