"""The admin fits a 1366 x 768 screen: the claims queue's key columns are visible without scrolling
sideways, and titles do not wrap one word per line. "View site" opens the public index."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group

from apps.review.roles import EDITOR, ensure_roles
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, OutletFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
WIDTH, HEIGHT = 1366, 768
KEY_COLUMNS = ("short_text", "score_shown", "speaker", "article_link", "published", "origin")

# Words per line of a cell's link: one client rectangle per line of an inline box.
WORDS_PER_LINE = """(el) => {
    const link = el.querySelector('a') || el;
    const lines = Math.max(1, link.getClientRects().length);
    return link.innerText.trim().split(/\\s+/).length / lines;
}"""


@pytest.fixture
def queue(db):
    outlet = OutletFactory(name="The Northern Evening Chronicle and Gazette")
    for n in range(6):
        article = ArticleFactory(
            title=f"Ministers from fourteen countries pledge billions to a coastal resilience fund, part {n}",
            outlet=outlet,
        )
        ClaimFactory(
            article=article,
            text=(
                "Ministers from 14 countries agreed on Monday in the capital to put $4 billion into a new fund that "
                "pays for sea walls, flood warnings and mangrove restoration in low-lying states."
            ),
            quantity_value=4_000_000_000,
            quantity_unit="USD",
            speaker=ActorFactory(name=f"Alexandra Konstantinopoulou-Henderson {n}"),
            score=0.8500000000000001,
        )


def test_the_claims_queue_fits_1366_pixels(browser, live_server, queue, screenshot_dir):
    ensure_roles()
    user = UserFactory(username="layout-editor")
    user.groups.add(Group.objects.get(name=EDITOR))
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/claims/claim/")
    page.fill("#id_username", "layout-editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#result_list")
    page.screenshot(path=os.path.join(screenshot_dir, "claims-queue-1366.png"))

    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, "the page scrolls sideways"
    for column in KEY_COLUMNS:
        box = page.locator(f"#result_list th.column-{column}").bounding_box()
        assert box is not None, column
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, f"{column} is off screen: {box}"
    # Titles keep several words a line: the article column is wide enough for them.
    title = page.locator("#result_list td.field-article_link").first
    words_per_line = page.evaluate(WORDS_PER_LINE, title.element_handle())
    assert words_per_line >= 2.5, f"the title wraps almost one word per line ({words_per_line:.1f} words a line)"
    assert "0.85" in page.locator("#result_list td.field-score_shown").first.inner_text()

    page.goto(f"{live_server.url}/admin/articles/article/")
    page.wait_for_selector("#result_list")
    page.screenshot(path=os.path.join(screenshot_dir, "articles-1366.png"))
    last = page.locator("#result_list thead th").last.bounding_box()
    assert last is not None and last["x"] + last["width"] <= WIDTH, f"the article list is cut off: {last}"
    title_words = page.evaluate(WORDS_PER_LINE, page.locator("#result_list th.field-title").first.element_handle())
    assert title_words >= 2.5, f"article titles wrap almost one word per line ({title_words:.1f} words a line)"

    page.click("text=View site")
    page.wait_for_load_state()
    assert page.url.endswith("/facts/")
    assert "Page not found" not in page.content()
    page.screenshot(path=os.path.join(screenshot_dir, "view-site-1366.png"))
    context.close()
