"""An actor's commitments as a timeline: date order, stance changes visible."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, CommitmentFactory, CountryFactory

pytestmark = pytest.mark.django_db


def commit(actor, stance, day, **kwargs):
    kwargs.setdefault("review_status", ReviewStatus.VERIFIED)
    return CommitmentFactory(actor=actor, stance=stance, stated_on=day, **kwargs)


def test_timeline_is_in_date_order_with_stance_changes(client, db):
    italy = CountryFactory(name="Italy")
    later = commit(italy, "declined", dt.date(2025, 9, 4))
    first = commit(italy, "open", dt.date(2025, 3, 1))
    same = commit(italy, "open", dt.date(2025, 5, 1), review_status=ReviewStatus.CORRECTED)
    undated = commit(italy, "committed", None)
    commit(italy, "opposed", dt.date(2025, 4, 1), review_status=ReviewStatus.DISPUTED)
    commit(CountryFactory(name="France"), "committed", dt.date(2025, 4, 2))

    response = client.get(f"/api/v1/actors/{italy.pk}/commitments/")
    assert response.status_code == 200
    body = response.json()
    assert body["actor"]["id"] == italy.pk and body["actor"]["name"] == "Italy"
    assert body["truncated"] is False
    rows = body["results"]
    assert [r["id"] for r in rows] == [first.pk, same.pk, later.pk, undated.pk]
    assert [r["stance"] for r in rows] == ["open", "open", "declined", "committed"]
    assert [r["previous_stance"] for r in rows] == [None, "open", "open", "declined"]
    assert [r["stance_changed"] for r in rows] == [False, False, True, True]
    assert rows[1]["corrected"] is True
    assert rows[0]["stated_on"] == "2025-03-01"


def test_timeline_includes_duplicates_merged_into_the_actor(client, db):
    kept = ActorFactory(name="Giorgia Meloni")
    duplicate = ActorFactory(name="G. Meloni", merged_into=kept)
    old = commit(duplicate, "open", dt.date(2025, 1, 1))
    new = commit(kept, "declined", dt.date(2025, 2, 1))
    rows = client.get(f"/api/v1/actors/{kept.pk}/commitments/").json()["results"]
    assert [r["id"] for r in rows] == [old.pk, new.pk]
    assert rows[0]["actor"]["id"] == kept.pk
    assert rows[1]["stance_changed"] is True


def test_timeline_is_capped(client, db, settings):
    settings.NEWSROOM_API_TIMELINE_LIMIT = 2
    actor = CountryFactory(name="Poland")
    for day in range(1, 4):
        commit(actor, "open", dt.date(2025, 1, day))
    body = client.get(f"/api/v1/actors/{actor.pk}/commitments/").json()
    assert body["truncated"] is True
    assert len(body["results"]) == 2


def test_timeline_of_a_hidden_actor_is_404(client, db):
    actor = ActorFactory()
    commit(actor, "open", dt.date(2025, 1, 1), review_status=ReviewStatus.UNREVIEWED)
    assert client.get(f"/api/v1/actors/{actor.pk}/commitments/").status_code == 404


def test_commitments_filter_by_actor_and_stance(client, db):
    actor = CountryFactory(name="Germany")
    wanted = commit(actor, "conditional", dt.date(2025, 1, 1))
    commit(actor, "declined", dt.date(2025, 1, 2))
    commit(CountryFactory(name="Greece"), "conditional", dt.date(2025, 1, 3))
    response = client.get("/api/v1/commitments/", {"actor": actor.pk, "stance": "conditional"})
    assert [r["id"] for r in response.json()["results"]] == [wanted.pk]
    response = client.get("/api/v1/commitments/", {"actor_name": "germ", "stated_before": "2025-01-01"})
    assert [r["id"] for r in response.json()["results"]] == [wanted.pk]
    response = client.get("/api/v1/commitments/", {"country": "GR"})
    assert len(response.json()["results"]) == 1
    response = client.get("/api/v1/commitments/", {"ordering": "stated_on", "actor": actor.pk})
    assert [r["stance"] for r in response.json()["results"]] == ["conditional", "declined"]
