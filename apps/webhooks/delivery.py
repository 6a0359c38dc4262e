"""Sending one webhook attempt: the target passes the SSRF guard of URL ingestion, the body is signed,
nothing is followed (no redirects), and the outcome is written to the delivery log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from apps.articles.ingestion.fetch import _PinnedAdapter

from .models import Delivery
from .payloads import build_payload
from .signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, sign
from .targets import TargetRefused, check_target

USER_AGENT = "NewsroomFactTracker-Webhooks/1.0"


@dataclass
class Attempt:
    outcome: str  # "delivered", "retry", "failed", "skipped"
    response_code: int | None = None
    error: str = ""


def encode(payload: dict) -> bytes:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()


def attempt(delivery: Delivery) -> Attempt:
    """One try. Re-reads the item through the public selectors first: an item that is no longer published
    when its turn comes is skipped, so a publish event never carries data that was withdrawn meanwhile."""
    payload = build_payload(delivery.event, delivery.item_type, delivery.item_id, delivery_id=delivery.pk)
    if payload is None:
        return _record(delivery, Attempt("skipped", error="the item is no longer published"), payload=None)
    subscription = delivery.subscription
    try:
        ip, host = check_target(subscription.url)
    except TargetRefused as exc:
        return _record(delivery, Attempt("failed", error=str(exc)), payload=payload)
    body = encode(payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
        SIGNATURE_HEADER: sign(subscription.secret, body),
    }
    session = requests.Session()
    session.mount(f"{urlsplit(subscription.url).scheme}://", _PinnedAdapter(ip, host))
    try:
        response = session.post(
            subscription.url,
            data=body,
            headers=headers,
            timeout=settings.NEWSROOM_WEBHOOK_TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        return _record(delivery, Attempt("retry", error=f"{exc.__class__.__name__}: {exc}"[:500]), payload=payload)
    finally:
        session.close()
    code = response.status_code
    if 200 <= code < 300:
        return _record(delivery, Attempt("delivered", code), payload=payload)
    # 4xx other than 408/429 will not get better by retrying (bad endpoint, refused signature).
    retry = code >= 500 or code in (408, 429)
    return _record(delivery, Attempt("retry" if retry else "failed", code, f"HTTP {code}"), payload=payload)


def _record(delivery: Delivery, result: Attempt, *, payload) -> Attempt:
    delivery.attempts += 1
    delivery.response_code = result.response_code
    delivery.last_error = result.error
    if payload is not None:
        delivery.payload = payload
    delivery.status = {
        "delivered": Delivery.Status.DELIVERED,
        "retry": Delivery.Status.RETRYING,
        "failed": Delivery.Status.FAILED,
        "skipped": Delivery.Status.SKIPPED,
    }[result.outcome]
    if result.outcome == "delivered":
        delivery.delivered_at = timezone.now()
    delivery.save()
    return result
