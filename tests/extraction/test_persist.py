"""extraction_persist: upsert machine rows, never touch what editors own, link candidates to it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.actors.models import Actor, ActorAlias, Mention
from apps.articles.models import Article
from apps.claims.models import Claim
from apps.extraction import services
from apps.extraction.aliases import alias_snapshot
from apps.extraction.engine import types as t
from apps.extraction.persist import extraction_persist
from apps.pipeline import tasks
from apps.review.statuses import Origin, ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = (
    'France said 26 countries have formally committed. "We are ready," Macron said. '
    "Italy will not send troops to the mission."
)


def span(text):
    start = BODY.index(text)
    return start, start + len(text)


def make_extraction(*, value=26, stance="declined", quote_text="We are ready,"):
    c_start, c_end = span("France said 26 countries have formally committed.")
    q_start, q_end = span("We are ready,")
    k_start, k_end = span("Italy will not send troops to the mission.")
    return t.Extraction(
        actors=[
            t.Actor("France", "country", "FR", [t.Span(0, 6, "France")]),
            t.Actor("Italy", "country", "IT", [t.Span(k_start, k_start + 5, "Italy")]),
            t.Actor(
                "Emmanuel Macron", "person", None, [t.Span(BODY.index("Macron"), BODY.index("Macron") + 6, "Macron")]
            ),
        ],
        quotes=[t.Quote(quote_text, q_start, q_end, "Emmanuel Macron")],
        claims=[
            t.Claim(BODY[c_start:c_end], c_start, c_end, "quantitative", t.Quantity(value, "countries"), "France", 0.9)
        ],
        commitments=[t.Commitment("Italy", stance, "send troops to the mission", k_start, k_end)],
        language="en",
        engine_version="test-1",
    )


@pytest.fixture
def article():
    return ArticleFactory(body=BODY, status=Article.Status.EXTRACTING, published_at=timezone.now())


def counts(article):
    return (article.claims.count(), article.quotes.count(), article.commitments.count(), article.mentions.count())


def test_persist_stores_every_kind_with_its_span_and_the_machine_values(article):
    extraction_persist(article=article, extraction=make_extraction())
    claim = article.claims.get()
    assert BODY[claim.start : claim.end] == claim.text
    assert claim.quantity_value == 26 and claim.quantity_unit == "countries"
    assert claim.speaker.name == "France" and claim.speaker.country_code == "FR"
    assert claim.machine_values["quantity_value"] == "26"
    assert claim.origin == Origin.MACHINE and claim.review_status == ReviewStatus.UNREVIEWED
    quote = article.quotes.get()
    assert quote.speaker.name == "Emmanuel Macron"
    commitment = article.commitments.get()
    assert (commitment.actor.name, commitment.stance) == ("Italy", "declined")
    assert commitment.stated_on == article.published_at.date()
    assert set(Mention.objects.filter(article=article).values_list("text", flat=True)) == {"France", "Italy", "Macron"}
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED and article.extractor_version == "test-1"


def test_persist_twice_leaves_one_set_of_rows(article):
    extraction_persist(article=article, extraction=make_extraction())
    first = (list(Claim.objects.values_list("pk", flat=True)), counts(article), Actor.objects.count())
    summary = extraction_persist(article=article, extraction=make_extraction())
    assert (list(Claim.objects.values_list("pk", flat=True)), counts(article), Actor.objects.count()) == first
    assert not summary.created.get("claim") and not summary.deleted


def test_unreviewed_machine_rows_are_updated_and_stale_ones_removed(article):
    extraction_persist(article=article, extraction=make_extraction())
    claim_pk = article.claims.get().pk
    extraction_persist(article=article, extraction=make_extraction(value=27))
    claim = article.claims.get()
    assert claim.pk == claim_pk and claim.quantity_value == 27
    empty = make_extraction()
    empty.claims, empty.quotes, empty.commitments = [], [], []
    extraction_persist(article=article, extraction=empty)
    assert counts(article)[:3] == (0, 0, 0)


def test_a_machine_update_makes_an_editors_open_form_stale(article):
    """The editor loaded version N; a re-run changed the row; the editor's save is refused, not applied."""
    from django.contrib.auth.models import Group

    from apps.claims.services import claim_review
    from apps.review.roles import EDITOR, ensure_roles
    from apps.review.services import StaleObjectError
    from apps.review.statuses import Action

    extraction_persist(article=article, extraction=make_extraction())
    loaded = article.claims.get()
    extraction_persist(article=article, extraction=make_extraction())  # nothing changed: same version
    assert article.claims.get().version == loaded.version
    extraction_persist(article=article, extraction=make_extraction(value=27))
    assert article.claims.get().version == loaded.version + 1
    ensure_roles()
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITOR))
    with pytest.raises(StaleObjectError):
        claim_review(claim=loaded, action=Action.VERIFY, editor=editor, expected_version=loaded.version)
    assert article.claims.get().review_status == ReviewStatus.UNREVIEWED


def review(row, status=ReviewStatus.VERIFIED):
    row.review_status = status
    row.reviewed_by = UserFactory()
    row.reviewed_at = timezone.now()
    row.save()
    return row


@pytest.mark.parametrize("status", [ReviewStatus.VERIFIED, ReviewStatus.DISMISSED, ReviewStatus.CORRECTED])
def test_reextraction_keeps_reviewed_claims_and_links_the_candidate(article, status):
    extraction_persist(article=article, extraction=make_extraction())
    claim = article.claims.get()
    claim.quantity_value = 27  # the editor's correction
    review(claim, status)
    extraction_persist(article=article, extraction=make_extraction(value=30))
    after = article.claims.get()
    assert after.pk == claim.pk
    assert after.quantity_value == 27 and after.review_status == status
    assert after.machine_candidate["quantity_value"] == "30"


def test_reextraction_keeps_reviewed_quotes(article):
    extraction_persist(article=article, extraction=make_extraction())
    quote = article.quotes.get()
    quote.speaker = ActorFactory(name="Someone Else")
    review(quote, ReviewStatus.CORRECTED)
    extraction_persist(article=article, extraction=make_extraction(quote_text="We are ready"))
    after = article.quotes.get()
    assert after.pk == quote.pk and after.speaker.name == "Someone Else"
    assert after.machine_candidate is not None


def test_reextraction_keeps_reviewed_commitments(article):
    extraction_persist(article=article, extraction=make_extraction())
    commitment = review(article.commitments.get())
    extraction_persist(article=article, extraction=make_extraction(stance="opposed"))
    after = article.commitments.get()
    assert after.pk == commitment.pk and after.stance == "declined"
    assert after.machine_candidate["stance"] == "opposed"


def test_editor_added_rows_survive_a_run_that_finds_nothing(article):
    editor_claim = Claim.objects.create(
        article=article, start=0, end=10, text=BODY[:10], kind="factual", origin=Origin.EDITOR
    )
    empty = t.Extraction(language="en", engine_version="test-1")
    extraction_persist(article=article, extraction=empty)
    assert Claim.objects.filter(pk=editor_claim.pk).exists()


def test_actors_resolve_through_editor_aliases_and_merges(article):
    kept = Actor.objects.create(name="Emmanuel Macron", kind="person")
    duplicate = Actor.objects.create(name="E. Macron", kind="person", merged_into=kept)
    ActorAlias.objects.create(actor=duplicate, alias="E. Macron", source="machine")
    ActorAlias.objects.create(actor=kept, alias="the French president", source="editor")
    extraction = make_extraction()
    extraction.actors[2].name = "E. Macron"
    extraction.quotes[0].speaker = "E. Macron"
    extraction_persist(article=article, extraction=extraction)
    assert article.quotes.get().speaker == kept
    entries = {(e.alias, e.name) for e in alias_snapshot()}
    assert ("the French president", "Emmanuel Macron") in entries
    assert ("E. Macron", "Emmanuel Macron") in entries


# --- the task ----------------------------------------------------------------------------------


def queued_article(body=BODY):
    return ArticleFactory(body=body, status=Article.Status.QUEUED, language="en")


def test_task_run_twice_leaves_one_set_of_results():
    article = queued_article()
    assert tasks.extract_article.apply(args=[article.pk]).get() == "done"
    first = counts(article)
    assert tasks.extract_article.apply(args=[article.pk]).get() == "skipped"
    assert counts(article) == first
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED


def test_task_after_a_worker_died_midway_reclaims_only_when_redelivered_or_stale():
    article = queued_article()
    # A worker took it and died before persisting: status is left "extracting".
    Article.objects.filter(pk=article.pk).update(status=Article.Status.EXTRACTING, extraction_started_at=timezone.now())
    assert tasks.extract_article.apply(args=[article.pk]).get() == "skipped"
    assert counts(article)[:3] == (0, 0, 0)
    # The broker redelivers the message of a worker that died (acks_late): the run takes the article again.
    assert services.article_extract(article_id=article.pk, redelivered=True) is not None
    extracted = counts(article)
    # Stale claim: an old "extracting" state is taken again without redelivery, and results aren't doubled.
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.EXTRACTING, extraction_started_at=timezone.now() - timedelta(hours=2)
    )
    assert tasks.extract_article.apply(args=[article.pk]).get() == "done"
    assert counts(article) == extracted


def test_unusable_article_ends_failed_with_a_reason():
    article = queued_article(body="   \n  ")
    assert tasks.extract_article.apply(args=[article.pk]).get() == "skipped"
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "empty" in article.failure_reason


def test_missing_article_is_not_an_error():
    assert tasks.extract_article.apply(args=[987654]).get() == "missing"
