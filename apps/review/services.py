"""The generic part of the editors' review workflow: status changes, corrections, editor-added items.

Every write goes through a service here (or a thin per-app wrapper in ``apps/<app>/services.py``):
it locks the row (``select_for_update``), checks the caller's permission and the optimistic-locking
``version``, applies the change, bumps ``version``, sets ``reviewed_by``/``reviewed_at``/``review_note``
and gives django-simple-history the editor and a change reason, all in one transaction.

Decisions worth knowing (also in docs/editor-guide.md):

* **Corrected is derived, not a status you lose** (see ``corrections.py``): a claim corrected and then
  verified still reports ``is_corrected() == True`` and the admin still shows "machine said ...; corrected to ...".
* **Reopen keeps corrections.** Reopening sends an item back to ``unreviewed``. If the item carries
  corrections, its ``origin`` becomes ``editor`` so ``editor_owned()`` still covers it and a machine
  re-run never overwrites the corrected values; ``machine_values`` is kept, so the correction stays visible.
* **Permissions are checked here too** (``permissions.py``), not only in the admin.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from .corrections import correctable_fields, field_of, field_snapshot, is_corrected, machine_key, same_value
from .history import change_reason, stale_message
from .models import ReviewableModel
from .permissions import perm_name, require_perm, required_perm_for_action
from .statuses import ACTION_STATUS, Action, Origin, ReviewStatus

T = TypeVar("T", bound=ReviewableModel)


class StaleObjectError(Exception):
    """The item changed since the editor loaded it; ``message`` says who changed what."""

    def __init__(self, message: str, *, item: ReviewableModel | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.item = item


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
    return _save(locked, editor=editor, reason=change_reason(Action(action).label, note))


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
        f = field_of(locked, field)
        before = field_snapshot(locked, field)
        new_raw = value.pk if isinstance(value, models.Model) else value
        if same_value(before, new_raw):
            continue
        key = f.attname if f.is_relation else field
        machine_made = locked.origin == Origin.MACHINE or bool(locked.machine_values)  # (reopened items too)
        if machine_made and machine_key(locked, field) is None:
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
    return _save(locked, editor=editor, reason=change_reason("Corrected " + ", ".join(changed), note))


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
    return _save(item, editor=editor, reason=change_reason("Added by editor", note))


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
