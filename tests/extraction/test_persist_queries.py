"""Persistence cost and natural keys: a fixed number of queries per article, one row per natural key."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.actors.models import Actor
from apps.articles.models import Article
from apps.claims.models import Claim
from apps.extraction.engine import types as t
from apps.extraction.persist import extraction_persist
from apps.review.statuses import ReviewStatus
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SENTENCE = "Delegates from {n} places pledged {n} tonnes of grain to the fund, the {who} said."


def body_and_extraction(items: int, salt: str = "") -> tuple[str, t.Extraction]:
    """An article of ``items`` sentences, each with a new actor, a claim, a quote and a commitment."""
    parts, actors, claims, quotes, commitments = [], [], [], [], []
    offset = 0
    for i in range(items):
        who = f"Agency Number{i} Office"
        sentence = SENTENCE.format(n=10 + i, who=who)
        start, end = offset, offset + len(sentence)
        at = start + sentence.index(who)
        actors.append(t.Actor(who, "organisation", None, [t.Span(at, at + len(who), who)]))
        quantity = t.Quantity(10 + i, "tonnes")
        claims.append(t.Claim(sentence, start, end, "quantitative", quantity, who, 0.8))
        quotes.append(t.Quote(sentence, start, end, who))
        commitments.append(t.Commitment(who, "committed", "pledge grain to the fund", start, end))
        parts.append(sentence)
        offset = end + 1
    body = " ".join(parts) + salt
    extraction = t.Extraction(
        actors=actors, quotes=quotes, claims=claims, commitments=commitments, language="en", engine_version="q-1"
    )
    return body, extraction


def persist_queries(items: int) -> int:
    body, extraction = body_and_extraction(items)
    article = ArticleFactory(body=body, status=Article.Status.EXTRACTING, published_at=timezone.now())
    with CaptureQueriesContext(connection) as ctx:
        extraction_persist(article=article, extraction=extraction)
    assert article.claims.count() == items and article.commitments.count() == items
    assert article.quotes.count() == items and article.mentions.count() == items
    return len(ctx.captured_queries)


def test_persisting_few_or_many_items_takes_the_same_number_of_queries():
    few = persist_queries(2)
    many = persist_queries(25)
    assert few == many, (few, many)


def test_a_rerun_that_changes_every_item_takes_the_same_number_of_queries_as_one_that_changes_one():
    def rerun_queries(items: int) -> int:
        body, extraction = body_and_extraction(items, salt=" Rerun.")
        article = ArticleFactory(body=body, status=Article.Status.EXTRACTING, published_at=timezone.now())
        extraction_persist(article=article, extraction=extraction)
        for claim in extraction.claims:
            claim.score = 0.5  # every claim changes
        with CaptureQueriesContext(connection) as ctx:
            extraction_persist(article=article, extraction=extraction)
        assert set(article.claims.values_list("score", flat=True)) == {0.5}
        assert set(article.claims.values_list("version", flat=True)) == {2}
        # Each changed row has its history entry, as a row-by-row save would have written.
        assert Claim.history.filter(article_id=article.pk, history_type="~").count() == items
        return len(ctx.captured_queries)

    assert rerun_queries(1) == rerun_queries(12)


def test_new_actors_get_their_history_and_alias_and_are_reused():
    body, extraction = body_and_extraction(3)
    article = ArticleFactory(body=body, status=Article.Status.EXTRACTING, published_at=timezone.now())
    extraction_persist(article=article, extraction=extraction)
    actors = Actor.objects.filter(name__startswith="Agency Number")
    assert actors.count() == 3
    for actor in actors:
        assert actor.history.filter(history_type="+").count() == 1
        assert list(actor.aliases.values_list("alias", "source")) == [(actor.name, "machine")]
    other = ArticleFactory(body=body + " Again.", status=Article.Status.EXTRACTING, published_at=timezone.now())
    extraction_persist(article=other, extraction=extraction)
    assert Actor.objects.filter(name__startswith="Agency Number").count() == 3
    assert set(other.claims.values_list("speaker_id", flat=True)) == set(actors.values_list("pk", flat=True))


def test_a_sentence_repeating_its_number_gives_one_claim_not_a_duplicate_key_failure():
    """Regression: the engine gives one claim per occurrence of a quantity, so a sentence that states the same
    amount twice (a headline and its lead, "six per 100,000 ... four per 100,000") gave two claims with one
    (article, machine_key); the second insert broke ``claim_machine_key_unique`` and the article ended failed."""
    body = "The bill adds $30 million for repairs, and the $30 million is due this year."
    claim = t.Claim(body, 0, len(body), "quantitative", t.Quantity(30_000_000, "USD"), None, 0.7)
    twice = t.Extraction(claims=[claim, claim], language="en", engine_version="q-1")
    article = ArticleFactory(body=body, status=Article.Status.EXTRACTING, published_at=timezone.now())
    summary = extraction_persist(article=article, extraction=twice)
    assert article.claims.count() == 1 and summary.created["claim"] == 1
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED
    extraction_persist(article=article, extraction=twice)  # a re-run keeps that one row
    assert article.claims.count() == 1


def test_bulk_rerun_leaves_reviewed_rows_alone():
    body, extraction = body_and_extraction(3)
    article = ArticleFactory(body=body, status=Article.Status.EXTRACTING, published_at=timezone.now())
    extraction_persist(article=article, extraction=extraction)
    reviewed = article.claims.order_by("start").first()
    Claim.objects.filter(pk=reviewed.pk).update(review_status=ReviewStatus.VERIFIED, score=0.99)
    for claim in extraction.claims:
        claim.score = 0.1
    extraction_persist(article=article, extraction=extraction)
    reviewed.refresh_from_db()
    assert reviewed.score == 0.99 and reviewed.version == 1
    assert reviewed.machine_candidate["score"] == 0.1
    assert set(article.claims.exclude(pk=reviewed.pk).values_list("score", flat=True)) == {0.1}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_persists_naming_the_same_new_actors_neither_fail_nor_duplicate(on_postgres):
    """Two workers store two articles naming the same new actors (listed in opposite orders) at once."""
    import threading

    from django.db import connections

    body, extraction = body_and_extraction(8)
    reverse = t.Extraction(
        actors=list(reversed(extraction.actors)),
        quotes=list(reversed(extraction.quotes)),
        claims=list(reversed(extraction.claims)),
        commitments=list(reversed(extraction.commitments)),
        language="en",
        engine_version="q-1",
    )
    articles = [
        ArticleFactory(body=body + f" Copy {i}.", status=Article.Status.EXTRACTING, published_at=timezone.now())
        for i in range(2)
    ]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def persist(article, result):
        try:
            barrier.wait(timeout=10)
            extraction_persist(article=article, extraction=result)
        except BaseException as exc:  # noqa: BLE001 - the assertion below reports it
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=persist, args=pair) for pair in zip(articles, (extraction, reverse))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Actor.objects.filter(name__startswith="Agency Number").count() == 8
    for article in articles:
        assert article.claims.count() == 8 and article.commitments.count() == 8
        assert article.claims.filter(speaker__isnull=True).count() == 0
    assert Actor.objects.get(name="Agency Number3 Office").aliases.count() == 1


def _extract_queries(text: str) -> tuple[int, Article]:
    from apps.extraction.aliases import alias_table
    from apps.extraction.services import article_extract

    alias_table()  # a worker has read the alias table before its first article
    article = ArticleFactory(body=text, status=Article.Status.QUEUED, published_at=timezone.now())
    with CaptureQueriesContext(connection) as ctx:
        article_extract(article_id=article.pk)
    article.refresh_from_db()
    return len(ctx.captured_queries), article


def test_extracting_a_new_article_takes_a_small_fixed_number_of_queries():
    """The whole extraction task outside the engine: claim, read, alias-table check, persist, mark extracted."""
    short = "The Varnholt council said 40 schools will reopen next month, the mayor Ilse Brandauer said."
    longer = " ".join(
        [
            short,
            "Brandauer told reporters the town will spend 12 million euros on roofs and heating.",
            '"We will not raise the rates this year," said Tomas Quellin, the treasurer of Varnholt.',
            "Officials from 9 villages agreed on Monday to share the cost of two new buses.",
        ]
    )
    few, a = _extract_queries(short)
    many, b = _extract_queries(longer)
    assert a.status == b.status == Article.Status.EXTRACTED
    assert b.claims.count() > a.claims.count() >= 1
    # Writes happen only for what there is (new actors, quotes, commitments), each kind in a bulk statement or
    # two whatever its number of rows: the count is bounded, never proportional to the article.
    assert few <= 24 and many <= 28, (few, many)
    # A third article naming the same actors again: claim, read, alias check (3), lock, alias lookup, mentions
    # (2), each kind's rows read, inserted and their history (3 x 3), mark extracted, and the savepoint pair: 21.
    again, c = _extract_queries(longer + " Again.")
    assert c.status == Article.Status.EXTRACTED and again <= 21, again
