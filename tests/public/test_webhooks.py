"""Outgoing webhooks: publish, correction and retraction events, HMAC-SHA256 signatures, retries with
backoff, the delivery log, the SSRF guard, and never a byte of unpublished data. Delivered to a real HTTP
receiver on 127.0.0.1 (the loopback allowance is a test-only setting)."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.claims.services import claim_correct, claim_review
from apps.quotes.services import quote_review
from apps.review.statuses import ReviewStatus
from apps.webhooks import signing
from apps.webhooks.models import Delivery, Subscription
from apps.webhooks.targets import TargetRefused, check_target
from apps.webhooks.tasks import backoff, deliver_webhook
from apps.webhooks.transitions import transition
from tests.api.conftest import FORBIDDEN_KEYS, walk_keys
from tests.factories import ActorFactory, ClaimFactory, QuoteFactory, UserFactory

from .conftest import SECRETS
from .receiver import start_receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    settings.NEWSROOM_WEBHOOK_ALLOW_LOOPBACK = True
    settings.NEWSROOM_WEBHOOK_BACKOFF_SECONDS = 0.01
    settings.NEWSROOM_WEBHOOK_EAGER_RETRIES = settings.NEWSROOM_WEBHOOK_MAX_RETRIES  # retries run inline here
    settings.NEWSROOM_WEBHOOK_TIMEOUT = 5
    state, server = start_receiver()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def subscription(receiver):
    return Subscription.objects.create(name="Partner Daily", url=receiver.url)


@pytest.fixture
def boss(db):
    return UserFactory(username="secret_editor_username", is_superuser=True)


def bodies(receiver) -> list[dict]:
    return [json.loads(r.body) for r in receiver.requests]


def assert_public_only(raw: bytes) -> None:
    text = raw.decode()
    for secret in [*SECRETS, "machine said"]:
        assert secret not in text
    leaked = FORBIDDEN_KEYS & set(walk_keys(json.loads(text)))
    assert not leaked


# --- detection ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "event"),
    [
        (None, {"review_status": "unreviewed"}, None),
        (None, {"review_status": "verified"}, "published"),
        ({"review_status": "unreviewed", "text": "a"}, {"review_status": "verified", "text": "a"}, "published"),
        ({"review_status": "unreviewed", "text": "a"}, {"review_status": "corrected", "text": "b"}, "published"),
        ({"review_status": "verified", "text": "a"}, {"review_status": "corrected", "text": "b"}, "corrected"),
        ({"review_status": "corrected", "text": "b"}, {"review_status": "verified", "text": "b"}, None),
        ({"review_status": "verified", "text": "a"}, {"review_status": "disputed", "text": "a"}, "retracted"),
        ({"review_status": "corrected", "text": "a"}, {"review_status": "unreviewed", "text": "a"}, "retracted"),
        ({"review_status": "disputed", "text": "a"}, {"review_status": "false", "text": "b"}, None),
    ],
)
def test_transition(before, after, event):
    assert transition(before, after) == event


# --- signatures -----------------------------------------------------------------------------------


def test_signature_round_trip_and_tampering():
    header = signing.sign("s3cret", b'{"a":1}', timestamp=1_700_000_000)
    assert signing.verify("s3cret", header, b'{"a":1}', now=1_700_000_100)
    assert not signing.verify("s3cret", header, b'{"a":2}', now=1_700_000_100)
    assert not signing.verify("other", header, b'{"a":1}', now=1_700_000_100)
    assert not signing.verify("s3cret", header, b'{"a":1}', now=1_700_000_000 + 301)  # replayed too late
    assert not signing.verify("s3cret", "garbage", b'{"a":1}')


def test_backoff_doubles():
    from django.conf import settings

    base = settings.NEWSROOM_WEBHOOK_BACKOFF_SECONDS
    assert [backoff(n) for n in range(4)] == [base, 2 * base, 4 * base, 8 * base]


# --- deliveries to a real receiver ----------------------------------------------------------------


def test_publishing_a_claim_sends_a_signed_payload(receiver, subscription, boss, django_capture_on_commit_callbacks):
    claim = ClaimFactory(speaker=ActorFactory(name="Jane Minister"), extractor_version="secret-extractor-9")
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=claim, action="verify", editor=boss, note="internal-editor-note-do-not-publish")
    (request,) = receiver.requests
    assert request.headers["X-Newsroom-Event"] == "published"
    assert signing.verify(subscription.secret, request.headers["X-Newsroom-Signature"], request.body)
    payload = json.loads(request.body)
    assert payload["event"] == "published" and payload["item_type"] == "claim" and payload["item_id"] == claim.pk
    assert payload["item"]["text"] == claim.text and payload["item"]["speaker"]["name"] == "Jane Minister"
    assert payload["page_url"] == f"http://127.0.0.1:8000/facts/claims/{claim.pk}/"
    assert payload["claimreview"]["url"] == payload["page_url"]
    assert_public_only(request.body)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("delivered", 200, 1)
    assert str(delivery.pk) == request.headers["X-Newsroom-Delivery"]


def test_retries_on_500_until_delivered(receiver, subscription, boss, django_capture_on_commit_callbacks):
    receiver.statuses = [500, 503]
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=claim, action="verify", editor=boss)
    assert len(receiver.requests) == 3
    for request in receiver.requests:  # every attempt is signed afresh
        assert signing.verify(subscription.secret, request.headers["X-Newsroom-Signature"], request.body)
    assert len({json.loads(r.body)["delivery"] for r in receiver.requests}) == 1  # one delivery, three attempts
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("delivered", 200, 3)


def test_gives_up_after_the_last_retry(receiver, subscription, boss, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_WEBHOOK_MAX_RETRIES = settings.NEWSROOM_WEBHOOK_EAGER_RETRIES = 2
    receiver.statuses = [500] * 10
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=ClaimFactory(), action="verify", editor=boss)
    assert len(receiver.requests) == 3
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("failed", 500, 3)


def test_a_client_error_is_not_retried(receiver, subscription, boss, django_capture_on_commit_callbacks):
    receiver.statuses = [400]
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=ClaimFactory(), action="verify", editor=boss)
    assert len(receiver.requests) == 1
    assert Delivery.objects.get().status == "failed"


def test_correction_and_retraction(receiver, subscription, boss, django_capture_on_commit_callbacks):
    claim = ClaimFactory(quantity_value=26)
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=claim, action="verify", editor=boss)
    with django_capture_on_commit_callbacks(execute=True):
        claim_correct(claim=claim, editor=boss, quantity_value=Decimal(27), note="internal-editor-note-do-not-publish")
    claim.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=claim, action="dispute", editor=boss, note="internal-editor-note-do-not-publish")
    published, corrected, retracted = bodies(receiver)
    assert [published["event"], corrected["event"], retracted["event"]] == ["published", "corrected", "retracted"]
    assert corrected["item"]["quantity"]["value"] == 27 and corrected["item"]["corrected"] is True
    # a retraction names the item and says nothing of it
    assert retracted.keys() == {"event", "delivery", "sent_at", "item_type", "item_id"}
    assert retracted["item_id"] == claim.pk
    for request in receiver.requests:
        assert_public_only(request.body)


def test_unpublished_changes_send_nothing(receiver, subscription, boss, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim = ClaimFactory()  # a machine row
        quote = QuoteFactory()
        claim_review(claim=claim, action="dispute", editor=boss)
        quote_review(quote=quote, action="mark_false", editor=boss)
        ClaimFactory(review_status=ReviewStatus.DISMISSED)
    assert receiver.requests == []
    assert not Delivery.objects.exists()


def test_an_item_withdrawn_before_its_delivery_is_skipped(receiver, subscription):
    claim = ClaimFactory(review_status=ReviewStatus.DISPUTED, text="Withdrawn before delivery")
    delivery = Delivery.objects.create(
        subscription=subscription, event="published", item_type="claim", item_id=claim.pk
    )
    deliver_webhook.delay(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "skipped" and delivery.payload is None
    assert receiver.requests == []


def test_rolled_back_publication_sends_nothing(receiver, subscription, boss, django_capture_on_commit_callbacks):
    from django.db import transaction

    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            claim_review(claim=claim, action="verify", editor=boss)
            raise RuntimeError("rolled back")
    assert receiver.requests == []


def test_only_subscribed_events_and_active_subscriptions(receiver, boss, django_capture_on_commit_callbacks):
    Subscription.objects.create(name="Paused", url=receiver.url, active=False)
    Subscription.objects.create(name="Retractions only", url=receiver.url, on_published=False, on_corrected=False)
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=claim, action="verify", editor=boss)
    assert receiver.requests == []
    claim.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=claim, action="dismiss", editor=boss)
    assert [b["event"] for b in bodies(receiver)] == ["retracted"]


# --- the SSRF guard -------------------------------------------------------------------------------


def test_loopback_is_refused_unless_the_test_setting_allows_it(
    receiver, subscription, boss, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_WEBHOOK_ALLOW_LOOPBACK = False
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=ClaimFactory(), action="verify", editor=boss)
    assert receiver.requests == []
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and "private or local address" in delivery.last_error


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/hook",
        "http://192.168.0.10/",
        "http://169.254.169.254/latest",
        "http://[::1]/",
        "ftp://example.org/",
    ],
)
def test_internal_targets_are_refused_even_with_the_loopback_allowance(settings, url):
    settings.NEWSROOM_WEBHOOK_ALLOW_LOOPBACK = "[::1]" not in url
    with pytest.raises(TargetRefused):
        check_target(url)
    with pytest.raises(ValidationError):
        Subscription(name="x", url=url).full_clean()


def test_admin_lists_subscriptions_and_the_delivery_log(client, receiver, subscription, boss):
    Delivery.objects.create(
        subscription=subscription, event="published", item_type="claim", item_id=1, response_code=500
    )
    client.force_login(boss)
    assert client.get("/admin/webhooks/subscription/").status_code == 200
    assert client.get(f"/admin/webhooks/subscription/{subscription.pk}/change/").status_code == 200
    log = client.get("/admin/webhooks/delivery/")
    assert log.status_code == 200 and "500" in log.content.decode()
    response = client.post(
        "/admin/webhooks/subscription/add/",
        {"name": "Bad", "url": "http://10.0.0.1/x", "secret": "s", "active": "on", "on_published": "on"},
    )
    assert response.status_code == 200 and "private or local address" in response.content.decode()
    assert not Subscription.objects.filter(name="Bad").exists()


def test_without_a_worker_a_failure_is_not_retried_inside_the_request(
    receiver, subscription, boss, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_WEBHOOK_EAGER_RETRIES = 0  # the embedded default
    receiver.statuses = [500]
    with django_capture_on_commit_callbacks(execute=True):
        claim_review(claim=ClaimFactory(), action="verify", editor=boss)
    assert len(receiver.requests) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code) == ("failed", 500)
    # the editor's desk sends it again later
    from django.core.management import call_command

    out = io.StringIO()
    call_command("redeliver_webhooks", "--failed", stdout=out)
    assert "queued 1 delivery" in out.getvalue()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("delivered", 200, 2)
    assert len(receiver.requests) == 2
