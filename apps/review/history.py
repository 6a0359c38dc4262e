"""Who the history names, and what happened to an item since a given version (the "changed by someone else"
message)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.common.formatting import number_text

from .corrections import correctable_fields, field_of, same_value
from .models import ReviewableModel

# simple-history keeps the change reason in a CharField(max_length=100); the full note is kept in
# ``review_note``, which every historical row copies.
CHANGE_REASON_MAX = 100


MACHINE = "machine"


@contextmanager
def as_machine() -> Iterator[None]:
    """Record the history written inside this block as the machine's (``history_user`` None).

    simple-history takes the user from the request its middleware keeps in a thread-local; an extraction
    run eagerly inside an editor's request (the admin's add, the embedded default) would otherwise be
    recorded as that editor's. A worker has no request, so there it changes nothing.
    """
    context = HistoricalRecords.context
    request = getattr(context, "request", None)
    if request is not None:
        del context.request
    try:
        yield
    finally:
        if request is not None:
            context.request = request


def history_user_label(user: Any) -> str:
    """The name the history shows: the editor's username, or "machine" for rows the machine wrote."""
    return user.get_username() if user is not None else MACHINE


def change_reason(label: str, note: str) -> str:
    text = f"{label}: {note}" if note else label
    return text if len(text) <= CHANGE_REASON_MAX else text[: CHANGE_REASON_MAX - 1] + "…"


def _display(item: models.Model, field: str, value: Any) -> str:
    f = field_of(item, field)
    if value in (None, ""):
        return "—"
    if f.is_relation:
        obj = f.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj else f"#{value}"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return number_text(value)
    return str(value)


def changes_since(item: ReviewableModel, version: int) -> tuple[list[str], list[str]]:
    """What changed in ``item`` since ``version`` (from its history): (lines "field: old → new", editors)."""
    history = item.history.all()  # type: ignore[attr-defined]
    old = history.filter(version=version).order_by("-history_date").first()
    later = history.filter(version__gt=version).select_related("history_user").order_by("history_date")
    editors = []
    for rec in later:
        who = history_user_label(rec.history_user)
        when = timezone.localtime(rec.history_date).strftime("%Y-%m-%d %H:%M")
        editors.append(f"{who} at {when}" + (f" ({rec.history_change_reason})" if rec.history_change_reason else ""))
    lines = []
    if old is not None:
        for field in (*correctable_fields(item), "review_status", "review_note", "start", "end"):
            f = field_of(item, field)
            before = getattr(old, f.attname)
            after = getattr(item, f.attname)
            if not same_value(before, after):
                lines.append(f"{f.verbose_name}: {_display(item, field, before)} → {_display(item, field, after)}")
    return lines, editors


def stale_message(item: ReviewableModel, expected_version: int) -> str:
    label = item._meta.verbose_name
    lines, editors = changes_since(item, expected_version)
    msg = (
        f"This {label} was changed by someone else while you were editing it "
        f"(you loaded version {expected_version}, it is now version {item.version}). "
        "Your changes were NOT saved."
    )
    if editors:
        msg += " Changed by: " + "; ".join(editors) + "."
    if lines:
        msg += " What changed: " + "; ".join(lines) + "."
    msg += " Reload the page to see the current values, then re-apply your edit if it is still needed."
    return msg
