"""The public tracker page in Debian's Chromium (Playwright), with a screenshot saved as a CI artifact."""

import os

import pytest

from apps.review.statuses import ReviewStatus
from apps.tracking.models import CommitmentInitiative, Initiative, LinkStatus
from apps.tracking.services import article_track, initiative_accept
from tests.factories import UserFactory
from tests.tracking.scenario import november_article, september_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _publish_everything_but_russia():
    editor = UserFactory(username="desk")
    article_track(article=september_article())
    article_track(article=november_article())
    initiative = Initiative.objects.get()
    initiative.name = "Reassurance force for Ukraine"
    initiative.save()
    initiative_accept(initiative=initiative, editor=editor)
    for link in CommitmentInitiative.objects.select_related("commitment__actor"):
        if link.commitment.actor.name == "Russia":
            continue  # stays unreviewed: must not appear publicly
        link.status = LinkStatus.CONFIRMED
        link.save()
        link.commitment.review_status = ReviewStatus.VERIFIED
        link.commitment.save()
    return initiative


def test_public_tracker_page_shows_badges_and_timeline(browser, screenshot_dir, live_server):
    initiative = _publish_everything_but_russia()
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    try:
        page.goto(f"{live_server.url}/tracker/{initiative.slug}/")
        assert page.locator("h1").inner_text() == "Reassurance force for Ukraine"
        rows = page.locator("table.ledger tbody tr")
        assert rows.count() == 11
        italy = page.locator('tr[data-actor="Italy"]')
        assert italy.get_attribute("data-stance") == "declined"
        assert italy.locator(".badge-declined").first.is_visible()
        # Coloured badges: committed is green.
        colour = page.locator('tr[data-actor="France"] .badge-committed').first.evaluate(
            "el => getComputedStyle(el).backgroundColor"
        )
        assert colour == "rgb(26, 127, 55)"
        assert page.locator('tr[data-actor="Russia"]').count() == 0
        svg = page.locator("svg.timeline")
        assert svg.is_visible()
        assert svg.locator("g.timeline-row").count() == 11
        assert svg.locator("circle").count() >= 12
        page.screenshot(path=os.path.join(screenshot_dir, "tracker-public.png"), full_page=True)
        assert os.path.getsize(os.path.join(screenshot_dir, "tracker-public.png")) > 10_000
    finally:
        page.close()
