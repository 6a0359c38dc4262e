"""Creating deliveries for an event and queueing them."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from .models import Delivery, Subscription
from .tasks import deliver_webhook


def dispatch(*, event: str, item_type: str, item_id: int) -> list[int]:
    """One delivery per active subscription that wants ``event``; each sent by its own task."""
    subscriptions = [s for s in Subscription.objects.filter(active=True) if s.wants(event)]
    if not subscriptions:
        return []
    with transaction.atomic():
        deliveries = Delivery.objects.bulk_create(
            [Delivery(subscription=s, event=event, item_type=item_type, item_id=item_id) for s in subscriptions]
        )
    ids = [d.pk for d in deliveries]
    for pk in ids:
        transaction.on_commit(partial(deliver_webhook.delay, pk))
    return ids
