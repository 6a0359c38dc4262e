"""The claim resource: its fields, corrections, filters, search, ordering, pagination and ClaimReview."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, CountryFactory, OutletFactory

from .conftest import ids, results

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def verified(**kwargs):
    kwargs.setdefault("review_status", ReviewStatus.VERIFIED)
    kwargs.setdefault("reviewed_at", dt.datetime(2025, 9, 5, 12, 0, tzinfo=UTC))
    return ClaimFactory(**kwargs)


def test_claim_fields(client, db):
    outlet = OutletFactory(name="The Moscow Times", domain="themoscowtimes.com")
    article = ArticleFactory(
        outlet=outlet,
        title="Coalition meets in Paris",
        url="https://example.org/coalition",
        published_at=dt.datetime(2025, 9, 4, 18, 0, tzinfo=UTC),
    )
    speaker = ActorFactory(name="Emmanuel Macron")
    claim = verified(
        article=article,
        speaker=speaker,
        text="26 countries have formally committed to the force.",
        quantity_value=Decimal("26"),
        quantity_unit="countries",
        quantity_qualifier="",
        start=10,
        end=60,
    )
    data = client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert set(data) >= {
        "id", "url", "text", "kind", "quantity", "speaker", "article", "start", "end",
        "review_status", "corrected", "reviewed_at",
    }  # fmt: skip
    assert data["id"] == claim.pk
    assert data["url"] == f"http://testserver/api/v1/claims/{claim.pk}/"
    assert data["quantity"] == {"value": 26, "unit": "countries", "qualifier": ""}
    assert isinstance(data["quantity"]["value"], int)
    assert data["speaker"] == {
        "id": speaker.pk,
        "url": f"http://testserver/api/v1/actors/{speaker.pk}/",
        "name": "Emmanuel Macron",
        "kind": "person",
    }
    assert data["article"]["id"] == article.pk
    assert data["article"]["title"] == "Coalition meets in Paris"
    assert data["article"]["web_url"] == "https://example.org/coalition"
    assert data["article"]["url"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert data["article"]["published_at"] == "2025-09-04T18:00:00Z"
    assert data["article"]["outlet"]["name"] == "The Moscow Times"
    assert (data["start"], data["end"]) == (10, 60)
    assert data["review_status"] == "verified"
    assert data["corrected"] is False
    assert data["reviewed_at"] == "2025-09-05T12:00:00Z"


def test_fractional_quantity_is_a_json_number_and_missing_quantity_is_null(client, db):
    fraction = verified(quantity_value=Decimal("2.5"), quantity_unit="percent", quantity_qualifier="about")
    none = verified(quantity_value=None, quantity_unit="", kind="factual", speaker=None)
    assert client.get(f"/api/v1/claims/{fraction.pk}/").json()["quantity"] == {
        "value": 2.5,
        "unit": "percent",
        "qualifier": "about",
    }
    data = client.get(f"/api/v1/claims/{none.pk}/").json()
    assert data["quantity"] is None
    assert data["speaker"] is None


def test_corrected_claims_show_corrected_values_and_say_so(client, db):
    by_status = verified(review_status=ReviewStatus.CORRECTED, text="Corrected text", quantity_value=30)
    by_values = verified(
        text="The editor's text",
        quantity_value=Decimal("30"),
        machine_values={"text": "The machine's text", "quantity_value": "26"},
    )
    untouched = verified(
        quantity_value=Decimal("26"), machine_values={"quantity_value": "26.000000", "text": "t"}, text="t"
    )
    assert client.get(f"/api/v1/claims/{by_status.pk}/").json()["corrected"] is True
    data = client.get(f"/api/v1/claims/{by_values.pk}/").json()
    assert data["corrected"] is True
    assert data["text"] == "The editor's text"
    assert data["quantity"]["value"] == 30
    assert client.get(f"/api/v1/claims/{untouched.pk}/").json()["corrected"] is False


def test_corrected_speaker_counts_as_a_correction(client, db):
    first, second = ActorFactory(), ActorFactory()
    claim = verified(speaker=second, machine_values={"speaker_id": first.pk})
    assert client.get(f"/api/v1/claims/{claim.pk}/").json()["corrected"] is True


def test_filters(client, db):
    france = CountryFactory(name="France")
    person = ActorFactory(name="Keir Starmer")
    outlet = OutletFactory()
    old_article = ArticleFactory(outlet=outlet, published_at=dt.datetime(2024, 1, 10, tzinfo=UTC))
    new_article = ArticleFactory(published_at=dt.datetime(2025, 6, 1, tzinfo=UTC))
    by_france = verified(speaker=france, article=old_article)
    by_person = verified(speaker=person, article=new_article, kind="attributed", review_status="corrected")
    assert ids(client.get("/api/v1/claims/", {"speaker": france.pk})) == {by_france.pk}
    assert ids(client.get("/api/v1/claims/", {"speaker_name": "starmer"})) == {by_person.pk}
    assert ids(client.get("/api/v1/claims/", {"country": "fr"})) == {by_france.pk}
    assert ids(client.get("/api/v1/claims/", {"article": new_article.pk})) == {by_person.pk}
    assert ids(client.get("/api/v1/claims/", {"outlet": outlet.pk})) == {by_france.pk}
    assert ids(client.get("/api/v1/claims/", {"kind": "attributed"})) == {by_person.pk}
    assert ids(client.get("/api/v1/claims/", {"review_status": "verified"})) == {by_france.pk}
    assert ids(client.get("/api/v1/claims/", {"published_after": "2025-01-01"})) == {by_person.pk}
    assert ids(client.get("/api/v1/claims/", {"published_before": "2024-12-31"})) == {by_france.pk}
    assert ids(client.get("/api/v1/claims/", {"speaker": france.pk, "kind": "attributed"})) == set()


@pytest.mark.parametrize(
    "params",
    [
        {"speaker": "abc"},
        {"speaker": "1.5"},
        {"speaker": "99999999999999999999999"},
        {"article": "-1"},
        {"kind": "opinion"},
        {"published_after": "yesterday"},
        {"search": "x" * 201},
        {"search": "nul\x00byte"},
    ],
)
def test_invalid_filter_values_answer_400_json(client, db, params):
    response = client.get("/api/v1/claims/", params)
    assert response.status_code == 400
    assert response.json()["status"] == 400
    assert set(response.json()["errors"]) == set(params)


def test_search_matches_words_in_any_order(client, db):
    troops = verified(text="France will send troops to Ukraine after a ceasefire.")
    verified(text="Germany prefers to fund air defence.")
    assert ids(client.get("/api/v1/claims/", {"search": "troops France"})) == {troops.pk}
    assert ids(client.get("/api/v1/claims/", {"search": "submarines"})) == set()
    assert ids(client.get("/api/v1/claims/", {"search": "   "})) == {troops.pk, troops.pk + 1}


def test_ordering_fields(client, db):
    older = verified(article=ArticleFactory(published_at=dt.datetime(2024, 1, 1, tzinfo=UTC)))
    newer = verified(article=ArticleFactory(published_at=dt.datetime(2025, 1, 1, tzinfo=UTC)))
    undated = verified(article=ArticleFactory(published_at=None))
    order = lambda value: [r["id"] for r in results(client.get("/api/v1/claims/", {"ordering": value}))]  # noqa: E731
    assert order("published_at") == [undated.pk, older.pk, newer.pk]
    assert order("-published_at") == [newer.pk, older.pk, undated.pk]
    assert order("id") == [older.pk, newer.pk, undated.pk]
    assert order("-id") == [undated.pk, newer.pk, older.pk]


@pytest.mark.parametrize("ordering", ["-id", "published_at", "-published_at", "reviewed_at"])
def test_cursor_pagination_visits_every_claim_once(client, db, settings, ordering):
    dates = [dt.datetime(2025, 1, 1 + (i % 3), tzinfo=UTC) for i in range(11)]
    claims = [verified(article=ArticleFactory(published_at=d), reviewed_at=d) for d in dates]
    claims.append(verified(article=ArticleFactory(published_at=None), reviewed_at=None))
    seen, url, pages = [], "/api/v1/claims/", 0
    params = {"page_size": 4, "ordering": ordering}
    while url:
        body = client.get(url, params).json()
        seen += [row["id"] for row in body["results"]]
        url, params, pages = body["next"], None, pages + 1
        assert pages < 10
    assert sorted(seen) == sorted(c.pk for c in claims)
    assert len(seen) == len(set(seen))
    assert pages == 3


def test_page_size_is_capped(client, db, settings):
    settings.NEWSROOM_API_MAX_PAGE_SIZE = 3
    for _ in range(5):
        verified()
    assert len(results(client.get("/api/v1/claims/", {"page_size": 1000}))) == 3
    assert len(results(client.get("/api/v1/claims/", {"page_size": 2}))) == 2


@pytest.mark.parametrize("cursor", ["garbage", "cD1hYmM=", "cD0=", "cD0yMDI1LTAxLTAxIG5vcGU="])
def test_forged_cursors_answer_404_json(client, db, cursor):
    verified()
    response = client.get("/api/v1/claims/", {"cursor": cursor, "ordering": "-published_at"})
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_claimreview_json_ld(client, db, settings):
    settings.NEWSROOM_PUBLISHER_NAME = "Fact Desk"
    settings.NEWSROOM_PUBLISHER_URL = "https://facts.example.org/"
    article = ArticleFactory(
        title="Coalition meets", url="https://example.org/a", published_at=dt.datetime(2025, 9, 4, tzinfo=UTC)
    )
    claim = verified(article=article, speaker=CountryFactory(name="France"), text="26 countries committed.")
    response = client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = response.json()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == "26 countries committed."
    # issue 13: the review's url is the public page that carries it, not this API endpoint
    assert data["url"] == f"http://testserver/facts/claims/{claim.pk}/"
    assert data["datePublished"] == "2025-09-05"
    assert data["author"] == {"@type": "Organization", "name": "Fact Desk", "url": "https://facts.example.org/"}
    assert data["reviewRating"]["ratingValue"] == 5
    assert data["reviewRating"]["alternateName"] == "Verified"
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Country", "name": "France"}
    assert item["datePublished"] == "2025-09-04"
    assert item["appearance"]["url"] == "https://example.org/a"
    corrected = verified(review_status=ReviewStatus.CORRECTED)
    rating = client.get(f"/api/v1/claims/{corrected.pk}/claimreview/").json()["reviewRating"]
    assert rating["alternateName"] == "Verified with corrections"
    assert client.get(f"/api/v1/claims/{claim.pk}/claimreview/", {"format": "jsonld"}).status_code == 200
