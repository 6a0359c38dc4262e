"""Webhook payloads: the item exactly as the public API shows it, read through the published-only
selectors, so a payload can never hold more than a reader of the API may see."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.claims.claimreview import claimreview_document
from apps.claims.selectors import claim_list_public
from apps.claims.serializers import ClaimSerializer
from apps.commitments.selectors import commitment_list_public
from apps.commitments.serializers import CommitmentSerializer
from apps.quotes.selectors import quote_list_public
from apps.quotes.serializers import QuoteSerializer

SOURCES = {
    "claim": (claim_list_public, ClaimSerializer),
    "quote": (quote_list_public, QuoteSerializer),
    "commitment": (commitment_list_public, CommitmentSerializer),
}


def absolute(path: str) -> str:
    return urljoin(settings.NEWSROOM_PUBLISHER_URL, path)


class _SiteBase:
    """Stands in for a request in the serializers' context: links are made absolute against the site."""

    def build_absolute_uri(self, path: str) -> str:
        return absolute(path)


def _page_url(item_type: str, item) -> str:
    if item_type == "claim":
        return absolute(reverse("public:claim", args=[item.pk]))
    actor = item.speaker if item_type == "quote" else item.actor
    if actor is None:
        return absolute(reverse("public:index"))
    actor = actor.merged_into or actor
    return absolute(reverse("public:actor", args=[actor.pk]) + f"#{item_type}-{item.pk}")


def build_payload(event: str, item_type: str, item_id: int, *, delivery_id: int | None = None) -> dict | None:
    """The JSON body of one delivery, or None when the item is not published (nothing may be sent)."""
    envelope: dict[str, Any] = {
        "event": event,
        "delivery": delivery_id,
        "sent_at": timezone.now().isoformat(),
        "item_type": item_type,
        "item_id": item_id,
    }
    if event == "retracted":
        # The item is no longer public: its id and type say which one to take down, and nothing else.
        return envelope
    selector, serializer = SOURCES[item_type]
    item = selector().filter(pk=item_id).first()
    if item is None:
        return None
    page_url = _page_url(item_type, item)
    envelope["item"] = serializer(item, context={"request": _SiteBase()}).data
    envelope["page_url"] = page_url
    if item_type == "claim":
        envelope["claimreview"] = claimreview_document(item, url=page_url)
    return envelope
