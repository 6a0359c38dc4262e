"""HMAC-SHA256 signatures of webhook payloads.

Header ``X-Newsroom-Signature: t=<unix time>,v1=<hex>`` where ``hex`` is
HMAC-SHA256(secret, "<t>." + raw body). The time is signed too, so a captured request cannot be replayed
later than the receiver's tolerance.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Newsroom-Signature"
EVENT_HEADER = "X-Newsroom-Event"
DELIVERY_HEADER = "X-Newsroom-Delivery"
DEFAULT_TOLERANCE = 300  # seconds


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={ts},v1={digest}"


def verify(
    secret: str, header: str, body: bytes, *, tolerance: int = DEFAULT_TOLERANCE, now: float | None = None
) -> bool:
    """What a receiver runs: the signature matches and is recent."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        ts = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - ts) > tolerance:
        return False
    expected = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)
