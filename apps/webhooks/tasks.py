"""Thin Celery task: one delivery attempt, retried with exponential backoff."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from . import delivery as sending
from .models import Delivery

logger = logging.getLogger(__name__)


def backoff(retries: int) -> float:
    """Seconds before retry number ``retries + 1``: base, 2 × base, 4 × base, … (at most an hour)."""
    return min(3600.0, settings.NEWSROOM_WEBHOOK_BACKOFF_SECONDS * 2**retries)


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (Delivery.Status.DELIVERED, Delivery.Status.SKIPPED):
        return "done"  # a redelivered message for a finished delivery
    result = sending.attempt(delivery)
    if result.outcome != "retry":
        return result.outcome
    # Without a worker (the embedded default runs tasks eagerly, inside the editor's request) a retry would
    # run at once, with no backoff, while the editor waits: give up sooner; `manage.py redeliver_webhooks`
    # sends failed deliveries again.
    eager = bool(getattr(self.request, "is_eager", False))
    limit = settings.NEWSROOM_WEBHOOK_EAGER_RETRIES if eager else settings.NEWSROOM_WEBHOOK_MAX_RETRIES
    if self.request.retries >= limit:
        Delivery.objects.filter(pk=delivery_id).update(status=Delivery.Status.FAILED)
        logger.warning("webhook delivery %s failed after %s attempts", delivery_id, delivery.attempts)
        return "failed"
    raise self.retry(countdown=backoff(self.request.retries))
