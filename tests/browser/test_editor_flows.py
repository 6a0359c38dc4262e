"""The editors' workflow in a real browser (Debian's Chromium driven by Playwright) against a live server.

1. An editor opens the unreviewed queue, opens the "26 countries" claim, sees the highlighted evidence,
   corrects the value to 27 with a note, verifies it; the history shows it; the public API shows it.
2. Two editors edit the same claim; the second (stale) save is refused with the explanation.
3. A Reporter cannot verify (no controls, and a direct POST is refused).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from apps.claims.models import Claim
from apps.review.roles import EDITOR, REPORTER, ensure_roles
from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, OutletFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path("/work/shared/seeds/004_e190f107e8b93090.txt")
PASSWORD = "correct horse battery staple"
FALLBACK_BODY = (
    "Leaders met in Paris on Thursday.\n\n"
    "\"We have today 26 countries who have formally committed to deploy as a 'reassurance force' troops in "
    'Ukraine, or be present on the ground, in the sea, or in the air," Macron told reporters.\n\n'
    "Zelensky hailed the move."
)


def _body() -> str:
    return SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK_BODY


@pytest.fixture
def claim_26(db):
    body = _body()
    start = body.index("We have today 26 countries")
    end = body.index('," Macron told reporters')
    article = ArticleFactory(
        body=body, title="Coalition of the willing: 26 countries commit", outlet=OutletFactory(name="Wire")
    )
    macron = ActorFactory(name="Emmanuel Macron")
    ClaimFactory(article=article, start=0, end=40, text="A less check-worthy statement", score=0.3)
    return ClaimFactory(
        article=article,
        start=start,
        end=end,
        text=" ".join(body[start:end].split()),
        quantity_value=26,
        quantity_unit="countries",
        speaker=macron,
        score=0.93,
    )


def _user(username: str, role: str):
    ensure_roles()
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


def _login(context, live_server, username: str, next_url: str):
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    return page


def _shot(page, screenshot_dir, name):
    page.screenshot(path=os.path.join(screenshot_dir, name), full_page=True)


def test_editor_corrects_and_verifies_the_26_countries_claim(browser, live_server, screenshot_dir, claim_26):
    _user("editor1", EDITOR)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = _login(context, live_server, "editor1", "/admin/claims/claim/")
        # The queue: unreviewed by default, highest score first.
        assert "/admin/claims/claim/" in page.url
        rows = page.locator("#result_list tbody tr")
        assert rows.count() == 2
        assert "26 countries" in rows.nth(0).inner_text()
        assert page.locator("#changelist-filter li.selected", has_text="Unreviewed").count() == 1
        _shot(page, screenshot_dir, "editor_1_unreviewed_queue.png")

        page.click("#result_list tbody tr >> nth=0 >> th a")
        page.wait_for_load_state()
        mark = page.locator("mark.nr-hl-claim")
        assert mark.is_visible()
        assert "26 countries" in mark.inner_text()
        assert "Macron told reporters" in page.locator(".nr-evidence").inner_text()  # its paragraph around it
        assert page.locator(".nr-evidence-link a", has_text="Coalition of the willing").count() == 1

        # Correct the value, with a note.
        page.fill("#id_quantity_value", "27")
        page.fill("#id_note", "The Élysée's list has 27 names")
        page.click("input[name=_continue]")
        page.wait_for_load_state()
        assert page.locator(".messagelist .success").count() == 1
        assert "machine said" in page.locator(".nr-correction").inner_text()

        # Then verify it.
        page.check("input[name=review_action][value=verify]")
        page.fill("#id_note", "Confirmed with the ministry")
        page.click("input[name=_continue]")
        page.wait_for_load_state()

        correction = page.locator(".nr-correction").inner_text()
        assert "machine said 26 countries" in correction
        assert "corrected to 27 countries by editor1" in correction
        assert "note: The Élysée's list has 27 names" in correction
        timeline = page.locator(".nr-timeline").inner_text()
        assert "Verify: Confirmed with the ministry" in timeline
        assert "Corrected quantity value: The Élysée's list has 27 names" in timeline
        assert "26 → 27" in timeline.replace("\n", " ")
        assert "Verified" in page.locator(".field-review_state").inner_text()
        _shot(page, screenshot_dir, "editor_1_claim_corrected_and_verified.png")

        claim = Claim.objects.get(pk=claim_26.pk)
        assert claim.quantity_value == Decimal("27") and claim.review_status == ReviewStatus.VERIFIED

        # The public API shows the corrected, verified claim.
        path = f"/api/v1/claims/{claim.pk}/"
        response = context.request.get(live_server.url + path, headers={"Accept": "application/json"})
        assert response.status == 200, response.text()
        data = response.json()
        assert data["id"] == claim.pk
        assert data["review_status"] == "verified"
        assert data["corrected"] is True
        assert Decimal(str(data["quantity"]["value"])) == Decimal("27")
        assert data["quantity"]["unit"] == "countries"
        api = context.new_page()
        api.goto(live_server.url + path)
        _shot(api, screenshot_dir, "editor_1_public_api_claim.png")
    finally:
        context.close()


def test_second_stale_save_is_refused_with_an_explanation(browser, live_server, screenshot_dir, claim_26):
    _user("editor1", EDITOR)
    _user("editor2", EDITOR)
    url = f"/admin/claims/claim/{claim_26.pk}/change/"
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    second = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page_a = _login(first, live_server, "editor1", url)
        page_b = _login(second, live_server, "editor2", url)
        assert page_a.locator("#id_quantity_value").input_value().startswith("26")
        assert page_b.locator("#id_quantity_value").input_value().startswith("26")

        page_a.fill("#id_quantity_value", "27")
        page_a.fill("#id_note", "first editor's fix")
        page_a.click("input[name=_continue]")
        page_a.wait_for_load_state()
        assert page_a.locator(".messagelist .success").count() == 1

        page_b.fill("#id_quantity_value", "28")
        page_b.click("input[name=_continue]")
        page_b.wait_for_load_state()
        error = page_b.locator(".errornote, .errorlist.nonfield").all_inner_texts()
        text = " ".join(error)
        # The page shows the values as they are now, not the refused ones.
        assert "corrected to 27 countries" in page_b.locator(".nr-correction").inner_text()
        assert "changed by someone else" in text
        assert "editor1" in text
        assert "26 → 27" in text
        assert "NOT saved" in text
        _shot(page_b, screenshot_dir, "editor_2_stale_save_refused.png")

        assert Claim.objects.get(pk=claim_26.pk).quantity_value == Decimal("27")
    finally:
        first.close()
        second.close()


def test_reporter_cannot_verify(browser, live_server, screenshot_dir, claim_26):
    _user("reporter", REPORTER)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = _login(context, live_server, "reporter", "/admin/claims/claim/")
        # The queue is visible, but offers no review action.
        assert page.locator("#result_list").count() == 1
        options = page.locator("select[name=action] option").all_inner_texts()
        assert not any("Verify" in o for o in options)

        change_url = f"/admin/claims/claim/{claim_26.pk}/change/"
        page.goto(live_server.url + change_url)
        assert page.locator("mark.nr-hl-claim").is_visible()  # may see the evidence
        assert page.locator("input[name=review_action]").count() == 0
        assert page.locator("input[name=_save]").count() == 0

        # A hand-made POST that skips the UI is refused too.
        token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
        response = page.request.post(
            live_server.url + change_url,
            form={
                "csrfmiddlewaretoken": token,
                "text": claim_26.text,
                "kind": "quantitative",
                "quantity_value": "26",
                "quantity_unit": "countries",
                "review_action": "verify",
                "expected_version": "1",
            },
            headers={"Referer": live_server.url + change_url},
        )
        assert response.status == 403
        bulk = page.request.post(
            live_server.url + "/admin/claims/claim/",
            form={
                "csrfmiddlewaretoken": token,
                "action": "verify_selected",
                "_selected_action": str(claim_26.pk),
                "nr_confirm": "yes",
            },
            headers={"Referer": live_server.url + "/admin/claims/claim/"},
        )
        assert bulk.status in (200, 302, 403)
        claim = Claim.objects.get(pk=claim_26.pk)
        assert claim.review_status == ReviewStatus.UNREVIEWED and claim.version == 1
        page.goto(live_server.url + change_url)
        _shot(page, screenshot_dir, "editor_3_reporter_cannot_verify.png")
    finally:
        context.close()


def test_editor_adds_a_missed_claim_by_selecting_its_words(browser, live_server, screenshot_dir, claim_26):
    _user("editor1", EDITOR)
    article = claim_26.article
    wanted = "three and a half years after Russia"
    if wanted not in article.body:
        wanted = "Zelensky hailed the move"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = _login(context, live_server, "editor1", f"/admin/claims/claim/add/?article={article.pk}")
        page.wait_for_selector("#nr-picker-body:not(:empty)")
        # Select the words with a DOM range, as a mouse drag would.
        page.evaluate(
            """(wanted) => {
                const node = document.getElementById('nr-picker-body').firstChild;
                const at = node.textContent.indexOf(wanted);
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + wanted.length);
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);
            }""",
            wanted,
        )
        page.click("#nr-use-selection")
        start = int(page.input_value("#id_start"))
        end = int(page.input_value("#id_end"))
        assert article.body[start:end] == wanted
        assert page.input_value("#id_text") == wanted
        page.select_option("#id_kind", "quantitative")
        page.fill("#id_note", "The machine missed this one")
        page.click("input[name=_continue]")
        page.wait_for_load_state()
        assert page.locator(".messagelist .success").count() == 1
        assert wanted in page.locator("mark.nr-hl-claim").inner_text()
        _shot(page, screenshot_dir, "editor_4_claim_added_by_selection.png")
        added = Claim.objects.get(origin="editor")
        assert (added.start, added.end, added.text) == (start, end, wanted)

        # The article page highlights every span, the new one included, and links each to its item.
        page.click(".nr-evidence-link a")
        page.wait_for_load_state()
        assert page.locator(".nr-body .nr-hl-claim").count() >= 2
        assert page.locator(f".nr-body a[href$='/claims/claim/{added.pk}/change/']").count() >= 1
        _shot(page, screenshot_dir, "editor_4_article_spans.png")
    finally:
        context.close()
