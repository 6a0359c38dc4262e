"""Atom feeds of newly published facts: overall, per actor, per initiative; published items only."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ClaimFactory

from .conftest import HIDDEN_STATUSES, PUBLISHED, SECRETS, hidden_texts

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def client():
    return Client()


def entries(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "id": e.findtext(f"{ATOM}id"),
            "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"),
            "updated": e.findtext(f"{ATOM}updated"),
        }
        for e in root.findall(f"{ATOM}entry")
    ]


def assert_clean(response, archive):
    body = response.content.decode()
    for secret in [*SECRETS, *hidden_texts(archive)]:
        assert secret not in body


def test_overall_feed_has_every_published_item_and_nothing_else(client, archive, tracked):
    response = client.get("/facts/feed/")
    ids = {e["id"] for e in entries(response)}
    expected = {
        f"tag:newsroom,{kind}:{archive[kind + 's'][s].pk}"
        for kind in ("claim", "quote", "commitment")
        for s in PUBLISHED
    }
    assert ids == expected
    assert_clean(response, archive)
    links = {e["link"] for e in entries(response)}
    assert f"http://testserver/facts/claims/{archive['claims']['verified'].pk}/" in links


def test_feed_is_newest_published_first(client):
    now = timezone.now()
    old = ClaimFactory(review_status=ReviewStatus.VERIFIED, reviewed_at=now - dt.timedelta(days=3))
    new = ClaimFactory(review_status=ReviewStatus.VERIFIED, reviewed_at=now - dt.timedelta(hours=1))
    ids = [e["id"] for e in entries(client.get("/facts/feed/"))]
    assert ids == [f"tag:newsroom,claim:{new.pk}", f"tag:newsroom,claim:{old.pk}"]


def test_actor_feed(client, archive):
    speaker = archive["actors"]["corrected"]
    response = client.get(f"/facts/actors/{speaker.pk}/feed/")
    ids = {e["id"] for e in entries(response)}
    assert ids == {
        f"tag:newsroom,claim:{archive['claims']['corrected'].pk}",
        f"tag:newsroom,quote:{archive['quotes']['corrected'].pk}",
    }
    assert_clean(response, archive)
    for status in HIDDEN_STATUSES:
        assert client.get(f"/facts/actors/{archive['actors'][status].pk}/feed/").status_code == 404


def test_initiative_feed_has_confirmed_published_commitments_of_a_public_initiative(client, archive, tracked):
    response = client.get("/facts/initiatives/reassurance-force/feed/")
    assert [e["id"] for e in entries(response)] == [f"tag:newsroom,commitment:{archive['commitments']['verified'].pk}"]
    assert_clean(response, archive)
    assert client.get("/facts/initiatives/secret-proposal/feed/").status_code == 404


def test_feed_titles_write_numbers_as_editors_do(client):
    ClaimFactory(
        review_status=ReviewStatus.VERIFIED,
        quantity_value=30_000_000,
        quantity_unit="tonnes",
        quantity_qualifier="more than",
        speaker=ActorFactory(name="Agency Chief"),
    )
    (entry,) = entries(client.get("/facts/feed/"))
    assert entry["title"] == "Claim checked: Agency Chief: more than 30 million tonnes"
