"""Fixtures of the public API tests: an anonymous client, throttling off unless a test turns it on,
and a small archive with one item per review status."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from apps.review.statuses import ReviewStatus
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ClaimFactory,
    CommitmentFactory,
    CountryFactory,
    OutletFactory,
    QuoteFactory,
    UserFactory,
)

# Strings that only live in internal fields: none may ever reach a reader.
SECRET_NOTE = "internal-editor-note-do-not-publish"
EDITOR_NAME = "secret_editor_username"
FORBIDDEN_KEYS = {
    "review_note",
    "machine_values",
    "machine_candidate",
    "score",
    "reviewed_by",
    "version",
    "extractor_version",
    "origin",
    "body",
    "body_sha256",
    "failure_reason",
    "created_by",
    "source_name",
    "status",
}
HIDDEN_STATUSES = [s for s in ReviewStatus.values if s not in ("verified", "corrected")]


@pytest.fixture(autouse=True)
def _api_defaults(settings):
    settings.NEWSROOM_API_ANON_RATE = ""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def editor(db):
    return UserFactory(username=EDITOR_NAME)


def _review(status, editor):
    from django.utils import timezone

    reviewed = status != ReviewStatus.UNREVIEWED
    return {
        "review_status": status,
        "review_note": SECRET_NOTE,
        "reviewed_by": editor if reviewed else None,
        "reviewed_at": timezone.now() if reviewed else None,
        "machine_candidate": {"text": SECRET_NOTE},
        "extractor_version": "secret-extractor-9",
    }


@pytest.fixture
def archive(db, editor):
    """One claim, quote and commitment per review status, each in its own article, outlet and actor."""
    items = {"claims": {}, "quotes": {}, "commitments": {}, "articles": {}, "actors": {}, "outlets": {}}
    countries = iter(["France", "Italy", "Germany", "Poland", "Greece", "Sweden"])
    for status in ReviewStatus.values:
        outlet = OutletFactory(name=f"Outlet {status}")
        article = ArticleFactory(outlet=outlet, title=f"Article {status}")
        speaker = ActorFactory(name=f"Speaker {status}")
        claim = ClaimFactory(
            article=article, speaker=speaker, text=f"Claim {status} about troops", **_review(status, editor)
        )
        quote = QuoteFactory(
            article=article, speaker=speaker, text=f"Quote {status} about troops", **_review(status, editor)
        )
        commitment = CommitmentFactory(
            article=article, actor=CountryFactory(name=next(countries)), **_review(status, editor)
        )
        items["claims"][status] = claim
        items["quotes"][status] = quote
        items["commitments"][status] = commitment
        items["articles"][status] = article
        items["actors"][status] = speaker
        items["outlets"][status] = outlet
    return items


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response):
    return {row["id"] for row in results(response)}


def walk_keys(data):
    """Every dict key anywhere in a JSON document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from walk_keys(value)
    elif isinstance(data, list):
        for value in data:
            yield from walk_keys(value)
