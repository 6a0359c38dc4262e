"""Where webhooks may be sent: the same SSRF guard as URL ingestion, applied to a subscription's address.

Its own module so that the subscription model can validate an address without importing the delivery code.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

from apps.articles.ingestion import InputError
from apps.articles.ingestion.fetch import resolve_checked


class TargetRefused(Exception):
    """The subscription's address is not one we may send to."""


def check_target(url: str) -> tuple[str, str]:
    """(checked IP address, host) for ``url``; refuses non-http(s) schemes and internal addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused(f"only http and https URLs can receive webhooks, not {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        ip = resolve_checked(
            parts.hostname, port, allow_private=False, allow_loopback=settings.NEWSROOM_WEBHOOK_ALLOW_LOOPBACK
        )
    except InputError as exc:
        raise TargetRefused(str(exc).replace("refusing to fetch", "refusing to send to")) from exc
    return ip, parts.hostname
