"""Only published items (verified, corrected) and what they hang on are visible, for every resource;
nothing internal appears anywhere."""

from __future__ import annotations

import json

import pytest

from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, CommitmentFactory, OutletFactory, QuoteFactory

from .conftest import EDITOR_NAME, FORBIDDEN_KEYS, HIDDEN_STATUSES, SECRET_NOTE, ids, results, walk_keys

pytestmark = pytest.mark.django_db

PUBLISHED = ["verified", "corrected"]
ITEM_RESOURCES = ["claims", "quotes", "commitments"]
ALL_RESOURCES = [*ITEM_RESOURCES, "articles", "actors", "outlets"]


def assert_nothing_internal(response):
    body = response.content.decode()
    assert SECRET_NOTE not in body
    assert EDITOR_NAME not in body
    assert "secret-extractor-9" not in body
    leaked = FORBIDDEN_KEYS & set(walk_keys(response.json()))
    assert not leaked, f"internal fields in the response: {leaked}"


@pytest.mark.parametrize("resource", ITEM_RESOURCES)
def test_lists_show_only_published_items(client, archive, resource):
    response = client.get(f"/api/v1/{resource}/")
    assert ids(response) == {archive[resource][s].pk for s in PUBLISHED}
    assert {row["review_status"] for row in results(response)} == set(PUBLISHED)
    assert_nothing_internal(response)


@pytest.mark.parametrize("resource", ITEM_RESOURCES)
@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_unpublished_items_answer_404_without_details(client, archive, resource, status):
    item = archive[resource][status]
    response = client.get(f"/api/v1/{resource}/{item.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "status": 404}


@pytest.mark.parametrize("resource", ITEM_RESOURCES)
@pytest.mark.parametrize("status", PUBLISHED)
def test_published_item_details_are_visible(client, archive, resource, status):
    response = client.get(f"/api/v1/{resource}/{archive[resource][status].pk}/")
    assert response.status_code == 200
    assert response.json()["review_status"] == status
    assert_nothing_internal(response)


@pytest.mark.parametrize("resource", ITEM_RESOURCES)
@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_filtering_by_an_internal_status_leaks_nothing(client, archive, resource, status):
    response = client.get(f"/api/v1/{resource}/", {"review_status": status})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and "review_status" in body["errors"]
    text = response.content.decode()
    assert "results" not in body
    assert SECRET_NOTE not in text


@pytest.mark.parametrize("resource", ITEM_RESOURCES)
def test_filtering_by_a_published_status(client, archive, resource):
    response = client.get(f"/api/v1/{resource}/", {"review_status": "corrected"})
    assert ids(response) == {archive[resource]["corrected"].pk}


@pytest.mark.parametrize("resource", ["claims", "quotes"])
def test_search_finds_only_published_items(client, archive, resource):
    response = client.get(f"/api/v1/{resource}/", {"search": "troops"})
    assert ids(response) == {archive[resource][s].pk for s in PUBLISHED}
    response = client.get(f"/api/v1/{resource}/", {"search": "disputed"})
    assert ids(response) == set()


def test_articles_need_a_published_item(client, archive):
    response = client.get("/api/v1/articles/")
    assert ids(response) == {archive["articles"][s].pk for s in PUBLISHED}
    assert_nothing_internal(response)
    hidden = archive["articles"]["disputed"]
    assert client.get(f"/api/v1/articles/{hidden.pk}/").status_code == 404


def test_an_article_with_only_a_published_quote_is_visible(client, db):
    article = ArticleFactory()
    ClaimFactory(article=article, review_status=ReviewStatus.UNREVIEWED)
    QuoteFactory(article=article, review_status=ReviewStatus.VERIFIED)
    assert ids(client.get("/api/v1/articles/")) == {article.pk}
    detail = client.get(f"/api/v1/articles/{article.pk}/")
    assert detail.status_code == 200
    assert_nothing_internal(detail)


def test_actors_need_a_published_item_and_must_be_active(client, archive):
    response = client.get("/api/v1/actors/")
    visible = ids(response)
    # The speakers of the published claims and quotes, and the countries of the published commitments.
    expected = {archive["actors"][s].pk for s in PUBLISHED} | {archive["commitments"][s].actor_id for s in PUBLISHED}
    assert visible == expected
    assert_nothing_internal(response)
    for status in HIDDEN_STATUSES:
        assert client.get(f"/api/v1/actors/{archive['actors'][status].pk}/").status_code == 404


def test_merged_actor_is_hidden_and_items_show_the_kept_actor(client, db):
    kept = ActorFactory(name="Kept Name")
    duplicate = ActorFactory(name="Old Spelling", merged_into=kept)
    claim = ClaimFactory(speaker=duplicate, review_status=ReviewStatus.VERIFIED)
    assert ids(client.get("/api/v1/actors/")) == {kept.pk}
    assert client.get(f"/api/v1/actors/{duplicate.pk}/").status_code == 404
    speaker = client.get(f"/api/v1/claims/{claim.pk}/").json()["speaker"]
    assert speaker["id"] == kept.pk and speaker["name"] == "Kept Name"
    assert ids(client.get("/api/v1/claims/", {"speaker": kept.pk})) == {claim.pk}


def test_outlets_need_a_visible_article(client, archive):
    OutletFactory(name="Outlet without articles")
    response = client.get("/api/v1/outlets/")
    assert ids(response) == {archive["outlets"][s].pk for s in PUBLISHED}
    assert_nothing_internal(response)
    assert client.get(f"/api/v1/outlets/{archive['outlets']['false'].pk}/").status_code == 404


def test_timeline_shows_only_published_commitments(client, archive):
    actor = archive["commitments"]["verified"].actor
    CommitmentFactory(actor=actor, review_status=ReviewStatus.DISMISSED, review_note=SECRET_NOTE)
    response = client.get(f"/api/v1/actors/{actor.pk}/commitments/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [archive["commitments"]["verified"].pk]
    assert_nothing_internal(response)


def test_claimreview_of_an_unpublished_claim_is_404(client, archive):
    response = client.get(f"/api/v1/claims/{archive['claims']['false'].pk}/claimreview/")
    assert response.status_code == 404
    assert SECRET_NOTE not in response.content.decode()


@pytest.mark.parametrize("resource", ALL_RESOURCES)
def test_ordering_by_an_internal_field_is_ignored(client, archive, resource):
    """Unknown orderings (score, review_note...) fall back to the default instead of sorting by them."""
    default = client.get(f"/api/v1/{resource}/")
    by_score = client.get(f"/api/v1/{resource}/", {"ordering": "-score"})
    by_note = client.get(f"/api/v1/{resource}/", {"ordering": "review_note"})
    assert json.loads(by_score.content)["results"] == json.loads(default.content)["results"]
    assert json.loads(by_note.content)["results"] == json.loads(default.content)["results"]
