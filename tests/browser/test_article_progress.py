"""The embedded default never blocks: an editor adds an article in the admin, lands at once on its page,
which shows the extraction's progress and refreshes itself until the background worker (Celery on the
folder broker `manage.py serve` uses, no broker server) has extracted it; then the items are there.

The worker is started only after the add: the add cannot have waited for it. PostgreSQL only (the worker
is another process; the SQLite test database is in memory).
"""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group

from apps.articles.models import Article
from apps.review.roles import EDITOR, ensure_roles
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
TEXT = (
    "Ministers from 14 countries agreed on Monday to put $4 billion into a new climate fund.\n\n"
    '"It is a start," the chair of the meeting, Maria Lopez, told reporters in Geneva.'
)


def test_add_lands_on_the_progress_page_and_the_items_appear(
    browser, live_server, folder_broker_worker, screenshot_dir
):
    ensure_roles()
    UserFactory(username="progress-editor").groups.add(Group.objects.get(name=EDITOR))
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "progress-editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill("#id_text", TEXT)
    page.fill("#id_title", "Climate fund")
    page.click("input[name=_save]")
    page.wait_for_load_state()

    article = Article.objects.get(title="Climate fund")
    assert page.url.endswith(f"/admin/articles/article/{article.pk}/change/")
    assert page.locator(".nr-progress").get_attribute("data-status") == "queued"  # no worker yet: nothing ran
    assert page.locator('meta[http-equiv="refresh"]').count() == 1
    page.screenshot(path=os.path.join(screenshot_dir, "article-progress-queued.png"), full_page=True)

    _proc, log = folder_broker_worker()
    # The page refreshes itself; no reload by the test.
    page.wait_for_selector('.nr-progress[data-status="extracted"]', timeout=180_000)
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert page.locator("table.nr-rows a").count() >= 1, log.read_text()[-2000:]
    assert "found" in page.locator(".nr-progress").inner_text()
    page.screenshot(path=os.path.join(screenshot_dir, "article-progress-extracted.png"), full_page=True)
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED and article.claims.exists()
    assert "extract_article" in log.read_text()  # the background worker ran it
    context.close()
