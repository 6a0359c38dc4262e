"""Which saves publish, correct or retract an item: the one place that decides when webhooks fire.

The review services (apps/review/services.py) save items one by one with ``Model.save()``; these receivers
compare the item's public state when it was loaded (``post_init``) with its state after the save
(``post_save``), and enqueue the deliveries once the transaction commits. When the review workflow
sends a signal of its own, only :func:`connect` needs rewiring to it; :func:`transition` stays.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models.signals import post_delete, post_init, post_save, pre_save

from apps.review.corrections import correctable_fields, field_of
from apps.review.registry import reviewable_models
from apps.review.statuses import PUBLISHED_STATUSES

from .models import Event
from .services import dispatch

_STATE = "_webhook_public_state"
_PUBLIC_FIELDS: dict[type[models.Model], tuple[str, ...]] = {}


def public_fields(model: type[models.Model]) -> tuple[str, ...]:
    """What a reader sees of an item besides its status: the fields the kind declares correctable (what an
    editor may correct is what is published), as stored columns ("speaker" → "speaker_id"). A change to one
    of these while the item stays published is a correction. Read from the kind's model, so a new
    reviewable kind needs no edit here."""
    if model not in _PUBLIC_FIELDS:
        _PUBLIC_FIELDS[model] = tuple(field_of(model, f).attname for f in correctable_fields(model))
    return _PUBLIC_FIELDS[model]


def item_type(model: type[models.Model]) -> str:
    """The payload's ``item_type``: the model's name ("claim", "quote", "commitment")."""
    return model._meta.model_name or ""


def _state(instance) -> dict | None:
    """The loaded public state, from the instance's own values only (never triggers a query)."""
    values = instance.__dict__
    if "review_status" not in values:
        return None
    return {f: values[f] for f in ("review_status", *public_fields(type(instance))) if f in values}


def transition(before: dict | None, after: dict) -> str | None:
    """The event a change from ``before`` (None: the row is new) to ``after`` is, if any."""
    was = before is not None and before["review_status"] in PUBLISHED_STATUSES
    now = after["review_status"] in PUBLISHED_STATUSES
    if now and not was:
        return Event.PUBLISHED
    if was and not now:
        return Event.RETRACTED
    if was and now and before is not None:
        shared = set(before) & set(after) - {"review_status"}
        if any(before[f] != after[f] for f in shared):
            return Event.CORRECTED
    return None


def _on_init(sender, instance, **kwargs):
    setattr(instance, _STATE, _state(instance))


def _on_pre_save(sender, instance, **kwargs):
    # Loaded with review_status deferred: read the stored state once (rare; the review services load whole rows).
    if getattr(instance, _STATE, None) is None and not instance._state.adding and instance.pk:
        fields = ("review_status", *public_fields(sender))
        setattr(instance, _STATE, sender._base_manager.filter(pk=instance.pk).values(*fields).first())


def _on_save(sender, instance, created, **kwargs):
    before = None if created else getattr(instance, _STATE, None)
    after = _state(instance)
    if after is None:
        return
    setattr(instance, _STATE, after)
    event = transition(before, after)
    if event:
        enqueue(event, item_type(sender), instance.pk)


def _on_delete(sender, instance, **kwargs):
    state = getattr(instance, _STATE, None) or _state(instance)
    if state and state["review_status"] in PUBLISHED_STATUSES:
        enqueue(Event.RETRACTED, item_type(sender), instance.pk)


def enqueue(event: str, item_type: str, item_id: int) -> None:
    """Deliveries are created and sent only after the change is committed (a rolled-back save sends nothing)."""
    transaction.on_commit(lambda: dispatch(event=event, item_type=item_type, item_id=item_id))


def connect() -> None:
    """Watch every reviewable kind (apps/review/registry.py)."""
    for model in reviewable_models():
        uid = f"webhooks-{model._meta.label_lower}"
        post_init.connect(_on_init, sender=model, dispatch_uid=uid)
        pre_save.connect(_on_pre_save, sender=model, dispatch_uid=uid)
        post_save.connect(_on_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_delete, sender=model, dispatch_uid=uid)
