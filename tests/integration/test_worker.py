"""End to end on PostgreSQL with a real `celery -A newsroom worker` process on Redis."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from apps.articles.models import Article
from apps.articles.services import article_ingest
from tests.conftest import skip_or_fail, wait_for

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def wait_until_done(ids, log, timeout=180):
    def done():
        states = dict(Article.objects.filter(pk__in=ids).values_list("pk", "status"))
        finished = all(s in (Article.Status.EXTRACTED, Article.Status.FAILED) for s in states.values())
        return states if finished and len(states) == len(ids) else None

    return wait_for(done, log, timeout=timeout, what=f"extraction of articles {ids}")


def test_seed_articles_are_extracted_by_a_real_worker(worker):
    _proc, log = worker
    if not SEEDS.is_dir():
        skip_or_fail(f"seed articles not found at {SEEDS}")
    articles = [article_ingest(raw=p.read_bytes(), filename=p.name) for p in sorted(SEEDS.glob("*.txt"))]
    assert len(articles) == 2
    assert {a.status for a in articles} == {Article.Status.QUEUED}  # nothing ran in this process
    states = wait_until_done([a.pk for a in articles], log)
    assert set(states.values()) == {Article.Status.EXTRACTED}, states

    for article in articles:
        article.refresh_from_db()
        assert article.mentions.exists()
        assert article.quotes.filter(speaker__isnull=False).exists(), "no quote with a speaker"
    names = {n for a in articles for n in a.mentions.values_list("actor__name", flat=True)}
    assert {"Emmanuel Macron", "France", "Italy"} <= names
    moscow_times = next(a for a in articles if "26 countries" in a.body)
    claim = moscow_times.claims.filter(quantity_value=26).first()
    assert claim is not None and "countries" in claim.quantity_unit
    assert "26 countries" in claim.text
    assert log.read_text().count("extract_article") >= 2  # the worker process ran them


def test_the_same_article_queued_twice_gives_one_set_of_results(worker):
    _proc, log = worker
    from apps.pipeline.tasks import extract_article

    article = article_ingest(
        text='Ministers from 14 countries agreed to put $4 billion into a fund. "It is a start," the chair said.'
    )
    extract_article.delay(article.pk)  # a duplicate message, as after a redelivery
    wait_until_done([article.pk], log)
    time.sleep(2)  # let the duplicate finish too
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED
    # One sentence holds two numbers (two claims on one span); each is stored once.
    values = list(article.claims.values_list("quantity_value", flat=True))
    assert 14 in values and len(values) == len(set(values))
    keys = list(article.claims.values_list("machine_key", flat=True))
    assert len(keys) == len(set(keys))
    assert log.read_text().count("succeeded") >= 2
