"""A published claim as schema.org ClaimReview (https://schema.org/ClaimReview)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from apps.actors.models import Actor
from apps.review.statuses import ReviewStatus

# reviewRating from the review status, on a 1 (false) to 5 (verified) scale. Only the published
# statuses can reach a reader; the others are listed so the scale reads as a whole.
RATINGS: dict[str, tuple[int, str]] = {
    ReviewStatus.VERIFIED: (5, "Verified"),
    ReviewStatus.CORRECTED: (4, "Verified with corrections"),
    ReviewStatus.DISPUTED: (2, "Disputed"),
    ReviewStatus.FALSE: (1, "False"),
}

SCHEMA_TYPES = {
    Actor.Kind.PERSON: "Person",
    Actor.Kind.COUNTRY: "Country",
    Actor.Kind.ORGANISATION: "Organization",
    Actor.Kind.GROUP: "Organization",
}


def clean_text(value: str) -> str:
    """JSON-LD text fields on one line: line breaks and runs of spaces from the article become one space."""
    return " ".join((value or "").split())


def _date(value):
    return value.date().isoformat() if value is not None and hasattr(value, "date") else None


def rating(claim) -> tuple[int, str]:
    """(ratingValue, its name). A claim an editor corrected and then verified still rates as corrected,
    as the API still reports ``corrected: true`` for it."""
    status = claim.review_status
    if status == ReviewStatus.VERIFIED and claim.corrected:
        status = ReviewStatus.CORRECTED
    return RATINGS[status]


def claimreview_document(claim, *, url: str) -> dict:
    """``url`` is the address of the public page that carries this review (``public:claim``)."""
    rating_value, rating_name = rating(claim)
    article = claim.article
    appearance: dict[str, Any] = {"@type": "NewsArticle", "headline": clean_text(article.title)}
    if article.url:
        appearance["url"] = article.url
    if article.published_at:
        appearance["datePublished"] = _date(article.published_at)
    if article.outlet_id:
        appearance["publisher"] = {"@type": "Organization", "name": clean_text(article.outlet.name)}
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if claim.speaker_id:
        speaker = claim.speaker.merged_into or claim.speaker
        item["author"] = {"@type": SCHEMA_TYPES.get(speaker.kind, "Thing"), "name": clean_text(speaker.name)}
    elif article.outlet_id:
        # No speaker: the claim is the outlet's own statement (Google requires itemReviewed.author).
        item["author"] = {"@type": "Organization", "name": clean_text(article.outlet.name)}
    if article.published_at:
        item["datePublished"] = _date(article.published_at)
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": clean_text(claim.text),
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating_value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": rating_name,
        },
        "author": {
            "@type": "Organization",
            "name": settings.NEWSROOM_PUBLISHER_NAME,
            "url": settings.NEWSROOM_PUBLISHER_URL,
        },
    }
    date_published = _date(claim.reviewed_at) or _date(claim.updated_at)
    if date_published:
        review["datePublished"] = date_published
    return review
