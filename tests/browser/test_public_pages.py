"""The public side in a real browser (Debian's Chromium driven by Playwright) against a live server:
the claim page, the actor page, the index with a filter, the feeds, and the API docs with the network
cut. Pages are read with JavaScript turned off (they need none); screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from apps.review.statuses import ReviewStatus
from apps.tracking.models import ClaimGroup, ClaimGroupMember, CommitmentInitiative, Initiative, LinkStatus
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ClaimFactory,
    CommitmentFactory,
    CountryFactory,
    OutletFactory,
    QuoteFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Made up for these tests.
BODY = (
    "Ministers met in the capital on Monday to agree the coastal fund.\n\n"
    "The fund will hold about 120 million euros from next year, the finance minister said after the talks.\n\n"
    "Critics said the sum was too small."
)


@pytest.fixture
def published(db):
    outlet = OutletFactory(name="Coastal Herald")
    minister = ActorFactory(name="Maria Finance")
    article = ArticleFactory(
        title="Ministers agree coastal fund", outlet=outlet, body=BODY, url="https://herald.example/a"
    )
    start = BODY.index("The fund")
    end = start + len("The fund will hold about 120 million euros")
    claim = ClaimFactory(
        article=article,
        speaker=minister,
        start=start,
        end=end,
        text=BODY[start:end],
        quantity_value=Decimal("1200000000"),
        quantity_unit="EUR",
        quantity_qualifier="about",
        machine_values={"text": BODY[start:end], "quantity_value": "120000000", "quantity_unit": "EUR"},
        review_status=ReviewStatus.CORRECTED,
        review_note="The budget annex gives 1.2 billion.",
    )
    twin = ClaimFactory(
        article=ArticleFactory(title="Fund agreed", outlet=OutletFactory(name="Bay Times")),
        text="The coastal fund is worth 1.2 billion euros",
        review_status=ReviewStatus.VERIFIED,
        speaker=ActorFactory(name="Port Authority Chief"),
    )
    hidden = ClaimFactory(
        article=article,
        speaker=minister,
        text="An unreviewed figure of 99 ships",
        review_status=ReviewStatus.UNREVIEWED,
    )
    group = ClaimGroup.objects.create(label="fund")
    for c in (claim, twin, hidden):
        ClaimGroupMember.objects.create(group=group, claim=c)
    QuoteFactory(
        article=article, speaker=minister, text="We will not wait for the next storm", review_status="verified"
    )
    initiative = Initiative.objects.create(name="Coastal resilience fund", slug="coastal-fund")
    commitment = CommitmentFactory(
        article=article,
        actor=CountryFactory(name="Poland"),
        action="pay into the coastal fund",
        review_status="verified",
    )
    CommitmentInitiative.objects.create(commitment=commitment, initiative=initiative, status=LinkStatus.CONFIRMED)
    CommitmentFactory(
        article=article, actor=minister, action="pay into the coastal fund", review_status="verified", stance="open"
    )
    CommitmentInitiative.objects.create(
        commitment=minister.commitments.get(), initiative=initiative, status=LinkStatus.CONFIRMED
    )
    return {"claim": claim, "twin": twin, "hidden": hidden, "minister": minister, "initiative": initiative}


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _shot(page, screenshot_dir, name):
    path = os.path.join(screenshot_dir, name)
    page.screenshot(path=path, full_page=True)
    assert os.path.getsize(path) > 5_000


def test_claim_page(no_js_page, live_server, screenshot_dir, published):
    page = no_js_page
    claim = published["claim"]
    page.goto(f"{live_server.url}/facts/claims/{claim.pk}/")
    assert page.locator("h1").inner_text() == "Fact check"
    assert "The fund will hold about 120 million euros" in page.locator(".claim-text").inner_text()
    assert page.locator(".verdict").first.inner_text() == "Verified with corrections"
    assert page.locator(".speaker a").inner_text() == "Maria Finance"
    assert page.locator(".quantity").inner_text() == "about €1.2 billion"
    assert "The budget annex gives 1.2 billion." in page.locator(".editor-note").inner_text()
    row = page.locator('tr[data-field="quantity_value"]')
    assert row.locator(".machine").inner_text() == "120 million"
    assert row.locator(".editor").inner_text() == "1.2 billion"
    assert page.locator("blockquote.evidence mark").inner_text() == "The fund will hold about 120 million euros"
    assert "the finance minister said" in page.locator("blockquote.evidence").inner_text()
    # related claims: the published twin, not the unreviewed member of the group
    related = page.locator(".claim-card")
    assert related.count() == 1 and "1.2 billion euros" in related.inner_text()
    assert "99 ships" not in page.content()
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "ClaimReview" and data["url"] == page.url
    assert data["itemReviewed"]["author"]["name"] == "Maria Finance"
    _shot(page, screenshot_dir, "public_claim_page.png")


def test_actor_page_links_to_its_tracker(no_js_page, live_server, screenshot_dir, published):
    page = no_js_page
    page.goto(f"{live_server.url}/facts/actors/{published['minister'].pk}/")
    assert page.locator("h1").inner_text() == "Maria Finance"
    cards = page.locator(".claim-card")
    assert cards.count() == 1 and "120 million euros" in cards.inner_text()
    assert "We will not wait for the next storm" in page.locator(".quote").inner_text()
    assert "99 ships" not in page.content()
    stance = page.locator('.stance-history[data-initiative="coastal-fund"]')
    assert "Open" in stance.inner_text()
    _shot(page, screenshot_dir, "public_actor_page.png")
    stance.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/tracker/coastal-fund/")
    assert page.locator("h1").inner_text() == "Coastal resilience fund"
    # and back from the tracker's ledger to the actor's page
    page.locator('tr[data-actor="Maria Finance"] td.actor a').click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Maria Finance"


def test_index_with_a_filter(no_js_page, live_server, screenshot_dir, published):
    page = no_js_page
    page.goto(f"{live_server.url}/facts/")
    assert page.locator(".claim-card").count() == 2
    assert "99 ships" not in page.content()
    page.select_option("select[name=speaker]", label="Port Authority Chief")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "speaker=" in page.url
    cards = page.locator(".claim-card")
    assert cards.count() == 1 and "Port Authority Chief" in cards.inner_text()
    page.fill("input[name=q]", "ships")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".claim-card").count() == 0 and page.locator(".empty").is_visible()
    page.goto(f"{live_server.url}/facts/?q=fund")
    assert page.locator(".claim-card").count() == 2
    _shot(page, screenshot_dir, "public_index_filtered.png")


def test_feeds_are_reachable_from_the_pages(browser, live_server, published):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/facts/")
        href = page.locator('link[rel=alternate][type="application/atom+xml"]').get_attribute("href")
        response = page.request.get(f"{live_server.url}{href}")
        assert response.status == 200 and response.headers["content-type"].startswith("application/atom+xml")
        assert "Maria Finance" in response.text() and "99 ships" not in response.text()
        page.goto(f"{live_server.url}/tracker/coastal-fund/")
        feed = page.locator("a", has_text="Atom feed").last.get_attribute("href")
        assert "pay into the coastal fund" in page.request.get(f"{live_server.url}{feed}").text()
    finally:
        context.close()


@pytest.mark.parametrize(("path", "ready"), [("/api/docs/", ".opblock"), ("/api/redoc/", "[data-section-id]")])
def test_api_docs_render_offline(browser, live_server, screenshot_dir, path, ready):
    """Every request that leaves this machine is aborted: the docs still render their operations."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def cut_network(route):
        host = urlsplit(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost", "::1"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", cut_network)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector(ready)
        assert page.locator(ready).count() >= 10
        assert "/api/v1/claims/" in page.content()
        assert outside == [], f"the docs tried to reach: {outside}"
        _shot(page, screenshot_dir, f"api_docs_offline_{path.strip('/').replace('/', '_')}.png")
    finally:
        context.close()
