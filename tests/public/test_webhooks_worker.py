"""Webhook deliveries by a real `celery -A newsroom worker` on Redis, against PostgreSQL: a publication
committed in this process is delivered by the worker, retried with backoff after two server errors."""

from __future__ import annotations

import json

import pytest

from apps.claims.services import claim_review
from apps.webhooks import signing
from apps.webhooks.models import Delivery, Subscription
from tests.conftest import wait_for
from tests.factories import ClaimFactory, UserFactory

from .receiver import start_receiver

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_settings(monkeypatch, settings):
    """Read by the worker process from its environment, so set before it starts."""
    for name, value in {"NEWSROOM_WEBHOOK_ALLOW_LOOPBACK": "1", "NEWSROOM_WEBHOOK_BACKOFF_SECONDS": "0.2"}.items():
        monkeypatch.setenv(name, value)
    settings.NEWSROOM_WEBHOOK_ALLOW_LOOPBACK = True


@pytest.fixture
def receiver():
    state, server = start_receiver()
    yield state
    server.shutdown()
    server.server_close()


def test_worker_delivers_with_retries(worker_settings, receiver, worker):
    _proc, log = worker
    receiver.statuses = [500, 502]
    subscription = Subscription.objects.create(name="Partner", url=receiver.url)
    claim = ClaimFactory(text="Published for the worker")
    claim_review(claim=claim, action="verify", editor=UserFactory(username="boss", is_superuser=True))

    def delivered():
        d = Delivery.objects.filter(item_id=claim.pk).first()
        return d if d is not None and d.status == Delivery.Status.DELIVERED else None

    delivery = wait_for(delivered, log, timeout=90, what="the webhook delivery")
    assert (delivery.attempts, delivery.response_code) == (3, 200)
    assert len(receiver.requests) == 3
    for request in receiver.requests:
        assert signing.verify(subscription.secret, request.headers["X-Newsroom-Signature"], request.body)
        assert json.loads(request.body)["item"]["text"] == "Published for the worker"
