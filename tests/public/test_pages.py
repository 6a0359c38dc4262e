"""The public fact-check pages: a page per published claim (with ClaimReview JSON-LD), per actor, an index
with search and filters, sitemaps. Only published data, ever."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.test import Client

from apps.review.statuses import ReviewStatus
from apps.tracking.models import ClaimGroup, ClaimGroupMember
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, OutletFactory, QuoteFactory

from .conftest import HIDDEN_STATUSES, PUBLISHED, SECRETS, hidden_texts

pytestmark = pytest.mark.django_db
UTC = dt.UTC

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def client():
    return Client()


def json_ld(response) -> dict:
    blocks = JSON_LD.findall(response.content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


def assert_no_secrets(body: str, archive) -> None:
    for secret in SECRETS:
        assert secret not in body
    for text in hidden_texts(archive):
        assert text not in body


# --- the claim page ------------------------------------------------------------------------------


def test_claim_page_carries_a_valid_claimreview(client, settings):
    settings.NEWSROOM_PUBLISHER_NAME = "Fact Desk"
    article = ArticleFactory(
        title="Coalition\n  meets in   Paris",
        url="https://news.example.org/a",
        outlet=OutletFactory(name="Wire"),
        published_at=dt.datetime(2025, 9, 4, 18, tzinfo=UTC),
    )
    speaker = ActorFactory(name="Jane Minister")
    claim = ClaimFactory(
        article=article,
        speaker=speaker,
        text="26 countries\nhave   formally committed.",
        review_status=ReviewStatus.VERIFIED,
        reviewed_at=dt.datetime(2025, 9, 5, 12, tzinfo=UTC),
    )
    response = client.get(f"/facts/claims/{claim.pk}/")
    assert response.status_code == 200
    data = json_ld(response)
    # Google's required properties, and schema.org's types.
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    assert data["url"] == f"http://testserver/facts/claims/{claim.pk}/"
    assert data["claimReviewed"] == "26 countries have formally committed."
    assert data["datePublished"] == "2025-09-05"
    assert data["author"]["@type"] == "Organization" and data["author"]["name"] == "Fact Desk"
    rating = data["reviewRating"]
    assert rating["@type"] == "Rating" and rating["ratingValue"] == 5 and rating["alternateName"] == "Verified"
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Jane Minister"}
    assert item["appearance"]["@type"] == "NewsArticle"
    assert item["appearance"]["headline"] == "Coalition meets in Paris"
    assert item["appearance"]["url"] == "https://news.example.org/a"
    for text in (data["claimReviewed"], item["appearance"]["headline"], item["author"]["name"]):
        assert "\n" not in text and "  " not in text
    html = response.content.decode()
    assert f'href="/facts/actors/{speaker.pk}/"' in html  # who said it, linked to the actor's page
    assert "Wire" in html and "4 September 2025" in html
    assert 'rel="canonical" href="http://testserver/facts/claims/' in html
    assert "<script src" not in html  # no JavaScript needed


def test_claim_without_speaker_names_the_outlet_as_the_claims_author(client):
    claim = ClaimFactory(article=ArticleFactory(outlet=OutletFactory(name="Daily Wire")), speaker=None)
    claim.review_status = ReviewStatus.VERIFIED
    claim.save()
    item = json_ld(client.get(f"/facts/claims/{claim.pk}/"))["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Daily Wire"}
    assert "appearance" in item


def test_json_ld_cannot_close_its_script_element(client):
    claim = ClaimFactory(text="A </script><script>alert(1)</script> claim", review_status=ReviewStatus.VERIFIED)
    response = client.get(f"/facts/claims/{claim.pk}/")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(response)["claimReviewed"] == "A </script><script>alert(1)</script> claim"


def test_corrected_claim_shows_the_machine_value_beside_the_correction(client, settings):
    settings.NEWSROOM_PUBLIC_SHOW_EDITOR_NOTE = True
    body = "Leaders met on Monday.\n\nThe fund will hold about 120 million euros, the minister said.\n\nMore later."
    start = body.index("The fund")
    article = ArticleFactory(body=body)
    claim = ClaimFactory(
        article=article,
        start=start,
        end=start + len("The fund will hold about 120 million euros"),
        text="The fund will hold about 120 million euros",
        quantity_value=Decimal("1200000000"),
        quantity_unit="EUR",
        quantity_qualifier="about",
        machine_values={"text": "x", "quantity_value": "120000000", "quantity_unit": "EUR"},
        review_status=ReviewStatus.CORRECTED,
        review_note="The budget annex gives 1.2 billion",
    )
    claim.text = "The fund will hold about 120 million euros"
    claim.machine_values["text"] = claim.text
    claim.save()
    response = client.get(f"/facts/claims/{claim.pk}/")
    html = response.content.decode()
    assert json_ld(response)["reviewRating"]["alternateName"] == "Verified with corrections"
    row = re.search(r'<tr data-field="quantity_value">(.*?)</tr>', html, re.S).group(1)
    assert re.search(r'class="machine">120 million<.*class="editor">1.2 billion<', row, re.S)  # machine beside editor
    assert "about €1.2 billion" in html  # numbers as editors write them
    assert "The budget annex gives 1.2 billion" in html  # the editor's note is the verdict's rationale
    # the evidence in its paragraph, the claim's own words marked, the neighbouring paragraphs left out
    evidence = re.search(r'<blockquote class="evidence">(.*?)</blockquote>', html, re.S).group(1)
    assert "<mark>The fund will hold about 120 million euros</mark>, the minister said." in evidence
    assert "Leaders met" not in evidence and "More later" not in evidence


def test_editor_note_can_be_kept_off_the_pages(client, settings):
    settings.NEWSROOM_PUBLIC_SHOW_EDITOR_NOTE = False
    claim = ClaimFactory(review_status=ReviewStatus.VERIFIED, review_note="private source: the minister's aide")
    assert "private source" not in client.get(f"/facts/claims/{claim.pk}/").content.decode()


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_unpublished_claims_have_no_page(client, archive, status):
    response = client.get(f"/facts/claims/{archive['claims'][status].pk}/")
    assert response.status_code == 404
    assert_no_secrets(response.content.decode(), archive)


def test_related_claims_are_the_published_members_of_its_group(client, archive, tracked):
    response = client.get(f"/facts/claims/{archive['claims']['verified'].pk}/")
    html = response.content.decode()
    assert f'href="/facts/claims/{archive["claims"]["corrected"].pk}/"' in html
    assert f"/facts/claims/{archive['claims']['disputed'].pk}/" not in html
    assert archive["claims"]["disputed"].text not in html


def test_claim_page_query_count(client, django_assert_max_num_queries):
    group = ClaimGroup.objects.create(label="x")
    claims = [ClaimFactory(review_status=ReviewStatus.VERIFIED, speaker=ActorFactory()) for _ in range(6)]
    for c in claims:
        ClaimGroupMember.objects.create(group=group, claim=c)
    with django_assert_max_num_queries(8):
        assert client.get(f"/facts/claims/{claims[0].pk}/").status_code == 200


# --- the actor page -------------------------------------------------------------------------------


def test_actor_page_shows_its_published_claims_quotes_and_stances(client, archive, tracked):
    speaker = archive["actors"]["verified"]
    QuoteFactory(speaker=speaker, text="An unpublished remark", review_status=ReviewStatus.DISPUTED)
    response = client.get(f"/facts/actors/{speaker.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert archive["claims"]["verified"].text in html
    assert archive["quotes"]["verified"].text in html
    assert "An unpublished remark" not in html
    # stance history across initiatives, linked to the tracker page
    country = archive["commitments"]["verified"].actor
    html = client.get(f"/facts/actors/{country.pk}/").content.decode()
    assert 'href="/tracker/reassurance-force/"' in html
    assert "Secret proposal" not in html and "secret-proposal" not in html
    assert f'id="commitment-{archive["commitments"]["verified"].pk}"' in html


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_actors_with_nothing_published_have_no_page(client, archive, status):
    response = client.get(f"/facts/actors/{archive['actors'][status].pk}/")
    assert response.status_code == 404


def test_a_merged_duplicates_claims_show_on_the_kept_actor(client):
    kept = ActorFactory(name="Kept Name")
    duplicate = ActorFactory(name="Old Spelling", merged_into=kept)
    claim = ClaimFactory(
        speaker=duplicate, review_status=ReviewStatus.VERIFIED, text="A claim recorded under the duplicate"
    )
    assert client.get(f"/facts/actors/{duplicate.pk}/").status_code == 404
    assert claim.text in client.get(f"/facts/actors/{kept.pk}/").content.decode()
    assert "Kept Name" in client.get(f"/facts/claims/{claim.pk}/").content.decode()


def test_actor_page_query_count(client, django_assert_max_num_queries):
    actor = ActorFactory()
    for _ in range(5):
        ClaimFactory(speaker=actor, review_status=ReviewStatus.VERIFIED)
        QuoteFactory(speaker=actor, review_status=ReviewStatus.VERIFIED)
    with django_assert_max_num_queries(10):
        assert client.get(f"/facts/actors/{actor.pk}/").status_code == 200


# --- the index ------------------------------------------------------------------------------------


def claim_links(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'<h3><a href="/facts/claims/(\d+)/">', response.content.decode())}


def test_index_lists_published_claims_only(client, archive, tracked):
    response = client.get("/facts/")
    assert response.status_code == 200
    assert claim_links(response) == {archive["claims"][s].pk for s in PUBLISHED}
    html = response.content.decode()
    assert 'href="/tracker/reassurance-force/"' in html and "Secret proposal" not in html
    assert_no_secrets(html, archive)


def test_index_filter_choices_name_only_public_actors_and_outlets(client, archive):
    html = client.get("/facts/").content.decode()
    for status in HIDDEN_STATUSES:
        assert f">{archive['actors'][status].name}<" not in html
        assert f">{archive['outlets'][status].name}<" not in html
    assert f">{archive['actors']['verified'].name}<" in html


def test_index_search_and_filters(client, archive):
    verified, corrected = archive["claims"]["verified"], archive["claims"]["corrected"]
    assert claim_links(client.get("/facts/", {"q": "troops"})) == {verified.pk, corrected.pk}
    assert claim_links(client.get("/facts/", {"q": "disputed"})) == set()
    assert claim_links(client.get("/facts/", {"verdict": "corrected"})) == {corrected.pk}
    assert claim_links(client.get("/facts/", {"speaker": archive["actors"]["verified"].pk})) == {verified.pk}
    assert claim_links(client.get("/facts/", {"outlet": archive["outlets"]["corrected"].pk})) == {corrected.pk}


@pytest.mark.parametrize(
    "params",
    [{"verdict": "disputed"}, {"speaker": "{hidden}"}, {"outlet": "{hidden_outlet}"}, {"published_after": "nope"}],
)
def test_index_filters_cannot_reach_unpublished_rows(client, archive, params):
    params = {
        k: v.format(hidden=archive["actors"]["disputed"].pk, hidden_outlet=archive["outlets"]["false"].pk)
        for k, v in params.items()
    }
    response = client.get("/facts/", params)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert claim_links(response) <= {archive["claims"][s].pk for s in PUBLISHED}
    assert_no_secrets(response.content.decode(), archive)


def test_index_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    for _ in range(20):
        ClaimFactory(review_status=ReviewStatus.VERIFIED, speaker=ActorFactory())
    with django_assert_max_num_queries(8):
        assert len(claim_links(client.get("/facts/"))) == 20


def test_site_root_and_view_site_lead_to_the_index(client):
    assert client.get("/")["Location"] == "/facts/"
    from django.contrib import admin

    assert admin.site.site_url == "/facts/"


# --- sitemaps -------------------------------------------------------------------------------------


def test_sitemap_lists_published_claims_public_actors_and_trackers(client, archive, tracked):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and "<sitemapindex" in index.content.decode()
    sections = re.findall(r"<loc>http://testserver(/[^<]*)</loc>", index.content.decode())
    assert sorted(sections) == [f"/sitemap-{s}.xml" for s in ("actors", "claims", "pages", "trackers")]
    locs = set()
    for section in sections:
        response = client.get(section)
        assert response.status_code == 200
        locs |= set(re.findall(r"<loc>http://testserver(/[^<]*)</loc>", response.content.decode()))
    for status in PUBLISHED:
        assert f"/facts/claims/{archive['claims'][status].pk}/" in locs
        assert f"/facts/actors/{archive['actors'][status].pk}/" in locs
    for status in HIDDEN_STATUSES:
        assert f"/facts/claims/{archive['claims'][status].pk}/" not in locs
        assert f"/facts/actors/{archive['actors'][status].pk}/" not in locs
    assert "/tracker/reassurance-force/" in locs and "/tracker/secret-proposal/" not in locs
    assert {"/facts/", "/tracker/"} <= locs


def test_corrected_then_verified_still_rates_as_corrected_everywhere(client):
    claim = ClaimFactory(
        quantity_value=27, machine_values={"quantity_value": "26"}, review_status=ReviewStatus.VERIFIED, text="Twenty"
    )
    rating = json_ld(client.get(f"/facts/claims/{claim.pk}/"))["reviewRating"]
    assert (rating["ratingValue"], rating["alternateName"]) == (4, "Verified with corrections")
    api = client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["reviewRating"]
    assert api["alternateName"] == "Verified with corrections"
    assert "Verified with corrections" in client.get("/facts/").content.decode()
