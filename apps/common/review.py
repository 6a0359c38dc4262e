"""The generic part of the editors' review workflow: status changes, corrections, editor-added items.

Every write goes through a service here (or a thin per-app wrapper in ``apps/<app>/services.py``):
it locks the row (``select_for_update``), checks the caller's permission and the optimistic-locking
``version``, applies the change, bumps ``version``, sets ``reviewed_by``/``reviewed_at``/``review_note``
and gives django-simple-history the editor and a change reason, all in one transaction.

Decisions worth knowing (also in the README's Editor's guide):

* **Corrected is derived, not a status you lose.** ``machine_values`` holds the machine's original value
  of every field an editor corrected (the first correction snapshots it if the extractor did not). An item
  is *corrected* when its status is ``corrected`` or any correctable field differs from ``machine_values``.
  So a claim corrected (status ``corrected``) and then verified (status ``verified``) still reports
  ``is_corrected() == True`` and the admin still shows "machine said ...; corrected to ...".
* **Reopen keeps corrections.** Reopening sends an item back to ``unreviewed``. If the item carries
  corrections, its ``origin`` becomes ``editor`` so ``editor_owned()`` still covers it and a machine
  re-run never overwrites the corrected values; ``machine_values`` is kept, so the correction stays visible.
* **Permissions are checked here too**, not only in the admin, so a direct POST or a script cannot go around
  them: ``<app>.review_<model>`` to verify/dispute/mark false/dismiss/correct, ``<app>.reopen_<model>`` to
  reopen (Chief editor), ``<app>.add_<model>`` to add an item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from apps.common.models import Origin, ReviewableModel, ReviewStatus

T = TypeVar("T", bound=ReviewableModel)

# simple-history keeps the change reason in a CharField(max_length=100); the full note is kept in
# ``review_note``, which every historical row copies.
CHANGE_REASON_MAX = 100

# Fields an editor may correct, per model label. Everything else is read-only evidence.
CORRECTABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "claims.claim": ("text", "kind", "quantity_value", "quantity_unit", "quantity_qualifier", "speaker"),
    "quotes.quote": ("text", "speaker"),
    "commitments.commitment": ("actor", "stance", "action", "condition", "stated_on"),
}


class Action(models.TextChoices):
    VERIFY = "verify", "Verify"
    DISPUTE = "dispute", "Dispute"
    MARK_FALSE = "mark_false", "Mark false"
    DISMISS = "dismiss", "Dismiss"
    REOPEN = "reopen", "Reopen"


ACTION_STATUS: dict[str, str] = {
    Action.VERIFY: ReviewStatus.VERIFIED,
    Action.DISPUTE: ReviewStatus.DISPUTED,
    Action.MARK_FALSE: ReviewStatus.FALSE,
    Action.DISMISS: ReviewStatus.DISMISSED,
    Action.REOPEN: ReviewStatus.UNREVIEWED,
}


class StaleObjectError(Exception):
    """The item changed since the editor loaded it; ``message`` says who changed what."""

    def __init__(self, message: str, *, item: ReviewableModel | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.item = item


# --- permissions -----------------------------------------------------------------------------------


def _field(model: type[models.Model] | models.Model, name: str) -> Any:
    """A concrete field (typed loosely: the items' correctable fields are never reverse relations)."""
    return model._meta.get_field(name)


def perm_name(model: type[models.Model] | models.Model, action: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def can_review(user: Any, model: type[models.Model] | models.Model) -> bool:
    return bool(user and user.is_active and user.has_perm(perm_name(model, "review")))


def can_reopen(user: Any, model: type[models.Model] | models.Model) -> bool:
    return bool(user and user.is_active and user.has_perm(perm_name(model, "reopen")))


def require_perm(user: Any, perm: str) -> None:
    if not (user and user.is_active and user.has_perm(perm)):
        raise PermissionDenied(f"You do not have the permission {perm!r} needed for this.")


def required_perm_for_action(model: type[models.Model] | models.Model, action: str) -> str:
    return perm_name(model, "reopen" if action == Action.REOPEN else "review")


# --- corrections -----------------------------------------------------------------------------------


def correctable_fields(model: type[models.Model] | models.Model) -> tuple[str, ...]:
    return CORRECTABLE_FIELDS.get(model._meta.label_lower, ())


def field_snapshot(item: models.Model, field: str) -> Any:
    """JSON-able value of a field as stored in ``machine_values``: FKs by id (with the name for display)."""
    f = _field(item, field)
    if f.is_relation:
        return getattr(item, f.attname)
    value = getattr(item, field)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _same(a: Any, b: Any) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError, TypeError):
        return str(a) == str(b)


def _machine_key(item: Any, field: str) -> str | None:
    """Key under which ``machine_values`` holds a field: ``speaker_id`` for FKs, else the field name."""
    mv = item.machine_values or {}
    f = _field(item, field)
    if f.is_relation:
        # The extractor stores a related row by pk under the field name ("speaker": 12); a correction
        # snapshot uses the column name ("speaker_id": 12). Accept both.
        if f.attname in mv:
            return f.attname
        return field if field in mv and not isinstance(mv[field], (dict, list, str)) else None
    return field if field in mv else None


def machine_value(item: Any, field: str) -> Any:
    """What the machine said for ``field`` (a pk for foreign keys), or the current value if unknown."""
    key = _machine_key(item, field)
    return item.machine_values[key] if key is not None else field_snapshot(item, field)


def corrected_fields(item: ReviewableModel) -> list[str]:
    """Correctable fields whose current value differs from what the machine said."""
    out = []
    for field in correctable_fields(item):
        key = _machine_key(item, field)
        if key is not None and not _same(item.machine_values[key], field_snapshot(item, field)):
            out.append(field)
    return out


def is_corrected(item: ReviewableModel) -> bool:
    """True once an editor changed a machine value, whatever the review status is now."""
    return item.review_status == ReviewStatus.CORRECTED or bool(corrected_fields(item))


# --- history helpers -------------------------------------------------------------------------------


def _reason(label: str, note: str) -> str:
    text = f"{label}: {note}" if note else label
    return text if len(text) <= CHANGE_REASON_MAX else text[: CHANGE_REASON_MAX - 1] + "…"


def _display(item: models.Model, field: str, value: Any) -> str:
    f = _field(item, field)
    if value in (None, ""):
        return "—"
    if f.is_relation:
        obj = f.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj else f"#{value}"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def changes_since(item: ReviewableModel, version: int) -> tuple[list[str], list[str]]:
    """What changed in ``item`` since ``version`` (from its history): (lines "field: old → new", editors)."""
    history = item.history.all()  # type: ignore[attr-defined]
    old = history.filter(version=version).order_by("-history_date").first()
    later = history.filter(version__gt=version).select_related("history_user").order_by("history_date")
    editors = []
    for rec in later:
        who = rec.history_user.get_username() if rec.history_user else "the system"
        when = timezone.localtime(rec.history_date).strftime("%Y-%m-%d %H:%M")
        editors.append(f"{who} at {when}" + (f" ({rec.history_change_reason})" if rec.history_change_reason else ""))
    lines = []
    if old is not None:
        for field in (*correctable_fields(item), "review_status", "review_note", "start", "end"):
            f = _field(item, field)
            before = getattr(old, f.attname)
            after = getattr(item, f.attname)
            if not _same(before, after):
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


# --- services --------------------------------------------------------------------------------------


def _lock(item: T) -> T:
    return type(item)._default_manager.select_for_update().get(pk=item.pk)


def _check_version(locked: ReviewableModel, expected_version: int | None) -> None:
    if expected_version is not None and locked.version != expected_version:
        raise StaleObjectError(stale_message(locked, expected_version), item=locked)


def _validate(item: models.Model, fields: Iterable[str]) -> None:
    """Field validation of the values an editor typed (the admin form did it too; scripts may not)."""
    keep = set(fields)
    exclude = [f.name for f in item._meta.concrete_fields if f.name not in keep]
    item.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


def _save(locked: T, *, editor: Any, reason: str) -> T:
    locked.version += 1
    locked._history_user = editor  # type: ignore[attr-defined]
    locked._change_reason = reason  # type: ignore[attr-defined]
    locked.save()
    return locked


@transaction.atomic
def review_set_status(*, item: T, action: str, editor: Any, note: str = "", expected_version: int | None = None) -> T:
    """Verify, dispute, mark false, dismiss or reopen one item."""
    if action not in ACTION_STATUS:
        raise ValidationError(f"Unknown review action {action!r}.")
    require_perm(editor, required_perm_for_action(item, action))
    locked = _lock(item)
    _check_version(locked, expected_version)
    status = ACTION_STATUS[action]
    if action == Action.REOPEN:
        if locked.review_status == ReviewStatus.UNREVIEWED:
            raise ValidationError("This item is already unreviewed.")
        if is_corrected(locked):
            # Keep the editor's corrected values out of the machine's reach (see module docstring).
            locked.origin = Origin.EDITOR
        locked.reviewed_by = None
        locked.reviewed_at = None
    else:
        locked.reviewed_by = editor
        locked.reviewed_at = timezone.now()
    locked.review_status = status
    locked.review_note = note
    return _save(locked, editor=editor, reason=_reason(Action(action).label, note))


@transaction.atomic
def review_correct(
    *,
    item: T,
    editor: Any,
    changes: Mapping[str, Any],
    note: str = "",
    expected_version: int | None = None,
) -> T:
    """Change an item's values. The machine's original values stay in ``machine_values``.

    ``changes`` maps correctable field names to new values (model instances for foreign keys).
    Fields whose value does not actually change are ignored; if nothing changes, nothing is saved.
    """
    require_perm(editor, perm_name(item, "review"))
    allowed = correctable_fields(item)
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError(f"These fields cannot be corrected: {', '.join(sorted(unknown))}.")
    locked = _lock(item)
    _check_version(locked, expected_version)
    machine_values = dict(locked.machine_values or {})
    changed = []
    for field, value in changes.items():
        f = _field(locked, field)
        before = field_snapshot(locked, field)
        new_raw = value.pk if isinstance(value, models.Model) else value
        if _same(before, new_raw):
            continue
        key = f.attname if f.is_relation else field
        machine_made = locked.origin == Origin.MACHINE or bool(locked.machine_values)  # (reopened items too)
        if machine_made and _machine_key(locked, field) is None:
            # First correction of this field: remember what the machine said.
            machine_values[key] = before
            if f.is_relation:
                related = getattr(locked, field)
                machine_values[f"{field}_name"] = str(related) if related else None
        if f.is_relation and not (value is None or isinstance(value, models.Model)):
            setattr(locked, f.attname, value)
        else:
            setattr(locked, field, value)
        changed.append(str(f.verbose_name))
    if not changed:
        return locked
    locked.machine_values = machine_values
    _validate(locked, changes)
    locked.review_status = ReviewStatus.CORRECTED
    locked.reviewed_by = editor
    locked.reviewed_at = timezone.now()
    locked.review_note = note
    return _save(locked, editor=editor, reason=_reason("Corrected " + ", ".join(changed), note))


@transaction.atomic
def review_add(
    *,
    model: type[T],
    editor: Any,
    article: Any,
    start: int,
    end: int,
    note: str = "",
    review_status: str = ReviewStatus.VERIFIED,
    **values: Any,
) -> T:
    """An item the machine missed, added by an editor with its evidence span (``origin=editor``).

    The adding editor vouches for it, so it starts ``verified`` unless another status is given."""
    require_perm(editor, perm_name(model, "add"))
    require_perm(editor, perm_name(model, "review"))
    body = article.body
    if not (0 <= start < end <= len(body)):
        raise ValidationError(
            f"The evidence span {start}–{end} is not inside the article body (0–{len(body)}); select the text again."
        )
    if "text" in {f.name for f in model._meta.get_fields()} and not values.get("text"):
        values["text"] = body[start:end]
    item = model(
        article=article,
        start=start,
        end=end,
        origin=Origin.EDITOR,
        review_status=review_status,
        reviewed_by=editor,
        reviewed_at=timezone.now(),
        review_note=note,
        version=0,
        **values,
    )
    _validate(item, [*values, "start", "end"])
    return _save(item, editor=editor, reason=_reason("Added by editor", note))


@dataclass
class BulkResult:
    changed: list[Any]
    skipped: list[tuple[Any, str]]


def review_bulk(
    *,
    items: Iterable[T],
    action: str,
    editor: Any,
    note: str = "",
    expected_versions: Mapping[int, int] | None = None,
) -> BulkResult:
    """Apply one review action to many items; each in its own transaction, so one stale item
    does not undo the others. Items already in the target status are skipped."""
    target = ACTION_STATUS.get(action)
    result = BulkResult(changed=[], skipped=[])
    for item in items:
        if item.review_status == target:
            result.skipped.append((item, "already " + ReviewStatus(target).label.lower()))
            continue
        try:
            done = review_set_status(
                item=item,
                action=action,
                editor=editor,
                note=note,
                expected_version=(expected_versions or {}).get(item.pk),
            )
        except StaleObjectError:
            result.skipped.append((item, "changed by someone else meanwhile"))
        except ValidationError as exc:
            result.skipped.append((item, "; ".join(exc.messages)))
        else:
            result.changed.append(done)
    return result
