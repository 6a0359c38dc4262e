"""The admin pages editors use render, show what they must, and cost a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.claims.models import Claim
from apps.claims.services import claim_correct, claim_review
from apps.review.statuses import Action, ReviewStatus
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ClaimFactory,
    CommitmentFactory,
    MentionFactory,
    OutletFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

BODY = (
    "Leaders met in Paris.\n\nFrance said on Tuesday that 26 countries have formally committed to the force. "
    "Italy declined.\n\nMacron said: “We are united in support of a lasting peace.”"
)


@pytest.fixture
def article():
    return ArticleFactory(body=BODY, title="Coalition of the willing")


@pytest.fixture
def claim(article):
    start = BODY.index("26 countries")
    end = BODY.index(" Italy declined")
    return ClaimFactory(article=article, start=start, end=end, text=BODY[start:end], quantity_value=26)


def test_claim_queue_defaults_to_unreviewed_highest_score_first(client, editor, article):
    low = ClaimFactory(article=article, score=0.2, text="low one")
    high = ClaimFactory(article=article, score=0.95, text="high one")
    ClaimFactory(article=article, score=0.99, text="already verified", review_status=ReviewStatus.VERIFIED)
    client.force_login(editor)
    resp = client.get(reverse("admin:claims_claim_changelist"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "already verified" not in html
    assert html.index("high one") < html.index("low one")
    resp = client.get(reverse("admin:claims_claim_changelist") + "?status=all")
    assert "already verified" in resp.content.decode()
    assert low and high


def test_claim_queue_filters_and_search(client, editor):
    a1 = ArticleFactory(title="First piece", outlet=OutletFactory(name="Le Monde"))
    a2 = ArticleFactory(title="Second piece")
    macron = ActorFactory(name="Emmanuel Macron")
    ClaimFactory(article=a1, text="alpha claim", speaker=macron, kind=Claim.Kind.ATTRIBUTED)
    ClaimFactory(article=a2, text="beta claim")
    client.force_login(editor)
    url = reverse("admin:claims_claim_changelist")
    assert "beta claim" not in client.get(url + f"?article={a1.pk}").content.decode()
    assert "beta claim" not in client.get(url + "?speaker=Macron").content.decode()
    assert "beta claim" not in client.get(url + "?kind__exact=attributed").content.decode()
    assert "beta claim" not in client.get(url + f"?article__outlet__id__exact={a1.outlet_id}").content.decode()
    page = client.get(url + "?q=beta").content.decode()
    assert "beta claim" in page and "alpha claim" not in page


@pytest.mark.parametrize("value", ["1\x00", "Mac\x00ron", "9" * 30, "\x00"])
@pytest.mark.parametrize(
    "url_name,actor_param",
    [
        ("admin:claims_claim_changelist", "speaker"),
        ("admin:quotes_quote_changelist", "speaker"),
        ("admin:commitments_commitment_changelist", "actor"),
    ],
)
def test_free_text_filters_survive_odd_input(client, editor, url_name, actor_param, value):
    """NUL bytes (PostgreSQL refuses them) and ids too long for a bigint filter nothing out, not a 500."""
    ClaimFactory(text="gamma claim")
    client.force_login(editor)
    for param in ("article", actor_param):
        resp = client.get(reverse(url_name), {param: value, "q": value})
        assert resp.status_code == 200, (param, resp.status_code)


@pytest.mark.parametrize("n", [5, 40])
def test_claim_changelist_query_count_is_fixed(client, editor, django_assert_max_num_queries, n):
    outlet = OutletFactory()
    for i in range(n):
        ClaimFactory(article=ArticleFactory(outlet=outlet), speaker=ActorFactory(), text=f"claim {i}")
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        resp = client.get(reverse("admin:claims_claim_changelist"))
    assert resp.status_code == 200
    assert resp.content.decode().count('class="action-select"') == n


@pytest.mark.parametrize(
    "url_name,factory",
    [
        ("admin:quotes_quote_changelist", QuoteFactory),
        ("admin:commitments_commitment_changelist", CommitmentFactory),
    ],
)
def test_quote_and_commitment_changelists_query_count_is_fixed(
    client, editor, django_assert_max_num_queries, url_name, factory
):
    for _ in range(30):
        factory()
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        resp = client.get(reverse(url_name))
    assert resp.status_code == 200
    assert resp.content.decode().count('class="action-select"') == 30


@pytest.mark.parametrize("name", ["actors_actor", "actors_actoralias", "actors_mention", "actors_actormerge"])
def test_actor_changelists_query_count_is_fixed(client, editor, superuser, django_assert_max_num_queries, name):
    from apps.actors.services import actor_merge
    from tests.factories import ActorAliasFactory

    for i in range(15):
        ActorAliasFactory(actor=ActorFactory(name=f"Actor {i}"))
        MentionFactory()
        actor_merge(kept=ActorFactory(name=f"Kept {i}"), merged=ActorFactory(name=f"Dup {i}"), editor=superuser)
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        resp = client.get(reverse(f"admin:{name}_changelist"))
    assert resp.status_code == 200
    assert resp.content.decode().count("<tr") >= 15


def test_article_changelist_shows_unreviewed_counts_in_fixed_queries(client, editor, django_assert_max_num_queries):
    for i in range(20):
        a = ArticleFactory()
        for _ in range(i % 3):
            ClaimFactory(article=a)
        ClaimFactory(article=a, review_status=ReviewStatus.VERIFIED)
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        resp = client.get(reverse("admin:articles_article_changelist"))
    html = resp.content.decode()
    assert resp.status_code == 200
    assert html.count('class="nr-count"') == sum(1 for i in range(20) if i % 3)  # articles with unreviewed claims
    assert ">2</a>" in html


def test_claim_page_shows_highlighted_evidence_and_article_link(client, editor, claim):
    client.force_login(editor)
    resp = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    html = resp.content.decode()
    assert '<mark class="nr-hl nr-hl-claim">26 countries have formally committed to the force.</mark>' in html
    assert "France said on Tuesday that" in html  # the sentence around it
    assert "Macron said" not in html.split("nr-evidence")[1].split("</div>")[0]  # only its paragraph
    assert reverse("admin:articles_article_change", args=[claim.article_id]) in html


def test_claim_page_shows_machine_value_next_to_correction_and_history(client, editor, claim):
    claim_correct(claim=claim, editor=editor, quantity_value=27, note="The ministry counts 27")
    claim_review(action=Action.VERIFY, claim=claim, editor=editor, note="Confirmed by phone")
    client.force_login(editor)
    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "machine said" in html
    assert '<span class="nr-old">26 countries</span>' in html
    assert '<span class="nr-new">27 countries</span>' in html
    assert "by editor1 on" in html and "note: The ministry counts 27" in html
    # The timeline: who, why and what changed, newest first.
    assert "Corrected quantity value: The ministry counts 27" in html
    assert "Verify: Confirmed by phone" in html
    assert html.index("Verify: Confirmed by phone") < html.index("Corrected quantity value")


def test_article_page_highlights_every_span_by_type(client, editor, article, claim):
    q_start = BODY.index("We are united")
    QuoteFactory(article=article, start=q_start, end=BODY.index("peace") + 5, text="We are united …")
    c_start = BODY.index("Italy declined")
    CommitmentFactory(article=article, start=c_start, end=c_start + 14)
    MentionFactory(article=article, start=BODY.index("France"), end=BODY.index("France") + 6)
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    for kind in ("claim", "quote", "commitment", "mention"):
        assert f'class="nr-hl nr-hl-{kind}" title=' in html
    assert "add a claim the machine missed" in html


def test_article_body_json_for_span_picker(client, editor, reporter, staff_nogroup, article):
    url = reverse("admin:articles_article_body", args=[article.pk])
    client.force_login(editor)
    assert client.get(url).json()["body"] == BODY
    client.force_login(staff_nogroup)
    assert client.get(url).status_code == 403


def test_add_pages_render_with_span_picker(client, editor, article):
    client.force_login(editor)
    for name in ("claims_claim", "quotes_quote", "commitments_commitment"):
        resp = client.get(reverse(f"admin:{name}_add") + f"?article={article.pk}")
        assert resp.status_code == 200, name
        html = resp.content.decode()
        assert 'id="nr-span-picker"' in html and "span-picker.js" in html


def test_editor_adds_a_claim_through_the_form(client, editor, article):
    start = BODY.index("Italy declined")
    client.force_login(editor)
    resp = client.post(
        reverse("admin:claims_claim_add"),
        {"article": article.pk, "start": start, "end": start + 14, "text": "", "kind": "factual", "note": "missed"},
    )
    assert resp.status_code == 302, resp.content.decode()[-3000:]
    claim = Claim.objects.get(origin="editor")
    assert claim.text == "Italy declined" and claim.review_status == ReviewStatus.VERIFIED


def test_add_form_refuses_span_outside_body(client, editor, article):
    client.force_login(editor)
    resp = client.post(
        reverse("admin:claims_claim_add"), {"article": article.pk, "start": 5, "end": 99999, "kind": "factual"}
    )
    assert resp.status_code == 200
    assert "is not inside the article text" in resp.content.decode()
    assert not Claim.objects.exists()


def _change_data(claim, **overrides):
    data = {
        "text": claim.text,
        "kind": claim.kind,
        "quantity_qualifier": claim.quantity_qualifier,
        "quantity_value": str(claim.quantity_value or ""),
        "quantity_unit": claim.quantity_unit,
        "speaker": claim.speaker_id or "",
        "review_action": "",
        "note": "",
        "expected_version": claim.version,
    }
    data.update(overrides)
    return data


def test_change_form_corrects_and_verifies_in_one_save(client, editor, claim):
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    resp = client.post(url, _change_data(claim, quantity_value="27", review_action="verify", note="per ministry"))
    assert resp.status_code == 302
    claim.refresh_from_db()
    assert claim.quantity_value == Decimal("27")
    assert claim.review_status == ReviewStatus.VERIFIED
    assert claim.machine_values["quantity_value"] == "26"
    assert claim.version == 3


def test_stale_form_is_refused_with_what_changed(client, editor, editor2, claim):
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    stale = _change_data(claim, quantity_value="27")
    claim_correct(claim=claim, editor=editor2, quantity_value=28, note="other source")
    client.force_login(editor)
    resp = client.post(url, stale)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "changed by someone else" in html and "editor2" in html and "26 → 28" in html
    claim.refresh_from_db()
    assert claim.quantity_value == 28


def test_actor_pages_render(client, editor):
    a = ActorFactory(name="Emmanuel Macron")
    client.force_login(editor)
    assert client.get(reverse("admin:actors_actor_changelist")).status_code == 200
    assert client.get(reverse("admin:actors_actor_change", args=[a.pk])).status_code == 200
    assert client.get(reverse("admin:actors_actormerge_changelist")).status_code == 200
    assert client.get(reverse("admin:actors_actoralias_add")).status_code == 200
    assert client.get(reverse("admin:articles_article_add")).status_code == 200


def test_front_page_shows_what_waits_for_review(client, editor, staff_nogroup):
    ClaimFactory()
    ClaimFactory()
    ClaimFactory(review_status=ReviewStatus.VERIFIED)
    QuoteFactory()
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Waiting for review" in html
    assert '<span class="nr-count">2</span> claims' in html
    assert '<span class="nr-count">1</span> quotes' in html
    client.force_login(staff_nogroup)
    assert "Waiting for review" not in client.get(reverse("admin:index")).content.decode()


def test_quote_and_commitment_pages_show_their_evidence(client, editor, article):
    q_start = BODY.index("We are united")
    quote = QuoteFactory(article=article, start=q_start, end=q_start + 13, text="We are united")
    c_start = BODY.index("Italy declined")
    commitment = CommitmentFactory(article=article, start=c_start, end=c_start + 14)
    client.force_login(editor)
    html = client.get(reverse("admin:quotes_quote_change", args=[quote.pk])).content.decode()
    assert '<mark class="nr-hl nr-hl-quote">We are united</mark>' in html
    html = client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk])).content.decode()
    assert '<mark class="nr-hl nr-hl-commitment">Italy declined</mark>' in html
