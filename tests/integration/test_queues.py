"""The worker's queues and start: extraction and tracking routed to their own queues, the engine loaded
before the pool forks, each task's cost logged. A real `celery -A newsroom worker` on Redis."""

from __future__ import annotations

import re

import pytest

from apps.articles.models import Article
from apps.articles.services import article_ingest
from tests.conftest import EXTRACT_QUEUE, TRACK_QUEUE, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_extraction_and_tracking_run_from_their_own_queues(worker):
    from newsroom.celery import app

    _proc, log = worker
    router = app.amqp.router
    assert router.route({}, "apps.extraction.tasks.extract_article")["queue"].name == EXTRACT_QUEUE
    assert router.route({}, "apps.tracking.tasks.track_article")["queue"].name == TRACK_QUEUE

    article = article_ingest(
        text="The council said 40 schools will reopen next month. The mayor will not raise taxes this year."
    )

    def tracked():
        text = log.read_text()
        return re.search(rf"task apps\.tracking\.tasks\.\w+ args=\[\[?{article.pk}\b.*queries=(\d+)", text)

    found = wait_for(tracked, log, what="extraction and tracking")
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED and article.claims.exists()
    text = log.read_text()
    # Loaded once in the main process, before the pool's children started (they log nothing of the kind).
    assert text.count("extraction engine loaded") == 1
    assert text.index("extraction engine loaded") < text.index(" ready.")
    assert re.search(rf"article {article.pk} extracted: engine_cpu=[\d.]+ persist_cpu=[\d.]+", text)
    assert re.search(
        rf"task apps\.extraction\.tasks\.extract_article args=\[{article.pk}\] cpu=[\d.]+ queries=\d+", text
    )
    assert int(found.group(1)) > 0
