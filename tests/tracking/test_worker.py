"""End to end on PostgreSQL with a real Celery worker: ingest the seeds; the worker extracts them and then
runs the tracking task that the extraction task enqueues (on the worker's own queue), in batches."""

import os
from pathlib import Path

import pytest

from apps.articles.models import Article
from apps.tracking.models import CommitmentInitiative, Finding, Initiative
from tests.conftest import skip_or_fail, wait_for
from tests.integration.test_worker import SEEDS, wait_until_done

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_worker_tracks_the_seed_articles_after_extraction(worker):
    from apps.articles.services import article_ingest

    _proc, log = worker
    seeds = Path(os.environ.get("NEWSROOM_SEEDS_DIR", SEEDS))
    if not seeds.is_dir():
        skip_or_fail(f"seed articles not found at {seeds} (set NEWSROOM_SEEDS_DIR)")
    # Date order: the Moscow Times report (September) first.
    articles = [article_ingest(raw=p.read_bytes(), filename=p.name) for p in sorted(seeds.glob("*.txt"), reverse=True)]
    wait_until_done([a.pk for a in articles], log)
    commitments = sum(a.commitments.count() for a in articles)
    assert commitments > 0

    # The worker's batch tracking task took every article: each is marked tracked, every commitment linked.
    def tracked():
        ran = not Article.objects.filter(pk__in=[a.pk for a in articles]).exclude(tracking_status="tracked").exists()
        links = CommitmentInitiative.objects.filter(commitment__article__in=articles).count()
        return ran and links == commitments

    wait_for(tracked, log, timeout=120, what="tracking of the seed articles")
    assert Initiative.objects.count() >= 1

    # Running it again changes nothing.
    from apps.pipeline.tasks import track_article

    before = (CommitmentInitiative.objects.count(), Finding.objects.count(), Initiative.objects.count())
    for article in articles:
        track_article(article.pk)
    assert (CommitmentInitiative.objects.count(), Finding.objects.count(), Initiative.objects.count()) == before
