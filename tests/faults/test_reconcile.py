"""The reconciler and the broker-away paths, in-process (SQLite and PostgreSQL).

The fault tests next to this file (test_faults.py) run the same code against real workers, Redis and PostgreSQL
with faults injected; these pin down the rules one at a time."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.articles.models import Article
from apps.pipeline.reconcile import reconcile
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class Sender:
    """Records what the reconciler sends; ``refuse_after`` makes the broker go away after so many messages."""

    def __init__(self, refuse_after: int | None = None):
        self.sent: list[tuple[str, int]] = []
        self.refuse_after = refuse_after

    def _send(self, kind: str, article_id: int) -> bool:
        if self.refuse_after is not None and len(self.sent) >= self.refuse_after:
            return False
        self.sent.append((kind, article_id))
        return True

    def run(self):
        return reconcile(
            send_extraction=lambda pk: self._send("extract", pk), send_tracking=lambda pk: self._send("track", pk)
        )


def _age(article: Article, seconds: float, **fields) -> None:
    """Backdate an article's pipeline timestamps (a queryset update: ``auto_now`` would undo a save)."""
    then = timezone.now() - timedelta(seconds=seconds)
    Article.objects.filter(pk=article.pk).update(updated_at=then, **{k: then for k in fields})


def test_orphaned_work_is_sent_once_and_fresh_work_is_left_alone(settings):
    settings.NEWSROOM_RECONCILE_GRACE = 60
    old_queued = ArticleFactory(status=Article.Status.QUEUED)
    new_queued = ArticleFactory(status=Article.Status.QUEUED)
    stuck = ArticleFactory(status=Article.Status.EXTRACTING)
    working = ArticleFactory(status=Article.Status.EXTRACTING)
    untracked = ArticleFactory(status=Article.Status.EXTRACTED, tracking_status=Article.Tracking.PENDING)
    tracked = ArticleFactory(status=Article.Status.EXTRACTED, tracking_status=Article.Tracking.TRACKED)
    failed = ArticleFactory(status=Article.Status.FAILED)
    _age(old_queued, 120)
    _age(stuck, settings.CELERY_TASK_TIME_LIMIT + settings.NEWSROOM_STUCK_MARGIN + 5, extraction_started_at=True)
    _age(working, 120, extraction_started_at=True)  # claimed 2 minutes ago: within the hard time limit
    for article in (untracked, tracked, failed):
        _age(article, 120)

    sender = Sender()
    report = sender.run()
    assert sorted(sender.sent) == sorted([("extract", old_queued.pk), ("extract", stuck.pk), ("track", untracked.pk)])
    assert (report.extraction, report.stuck, report.tracking) == ([old_queued.pk], [stuck.pk], [untracked.pk])
    assert new_queued.pk not in dict(sender.sent).values()

    # Idempotent: a second run (or a second process) within the grace period sends nothing again.
    again = Sender()
    assert again.run().total == 0 and again.sent == []


def test_a_broker_that_goes_away_leaves_the_rest_for_the_next_run(settings):
    settings.NEWSROOM_RECONCILE_GRACE = 60
    articles = ArticleFactory.create_batch(3, status=Article.Status.QUEUED)
    for article in articles:
        _age(article, 120)
    first = Sender(refuse_after=1)
    report = first.run()
    assert len(first.sent) == 1 and len(report.unsent) == 2
    # The unsent ones were not stamped: the next run takes them at once, not a grace period later.
    second = Sender()
    second.run()
    assert sorted(pk for _, pk in second.sent) == sorted(a.pk for a in articles if a.pk != first.sent[0][1])


def test_reconcile_command_dry_run_counts_and_sends_nothing(settings):
    settings.NEWSROOM_RECONCILE_GRACE = 60
    article = ArticleFactory(status=Article.Status.QUEUED)
    _age(article, 120)
    import io

    out = io.StringIO()
    call_command("reconcile", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 extraction, 0 stuck, 0 tracking")
    article.refresh_from_db()
    assert article.enqueued_at is None


@pytest.fixture
def broker_away(settings):
    """A non-eager Celery app whose broker is a closed port on this machine."""
    from newsroom.celery import app
    from tests.conftest import _forget_celery_connections

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once the socket is closed
    # Namespaced keys, as newsroom/celery.py reads Django settings with the CELERY_ namespace.
    keys = ("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL")
    saved = dict(zip(keys, (app.conf.task_always_eager, app.conf.broker_url)))
    app.conf.update(dict(zip(keys, (False, f"redis://127.0.0.1:{port}/0"))))
    _forget_celery_connections(app)
    yield
    app.conf.update(saved)
    _forget_celery_connections(app)


@pytest.mark.django_db(transaction=True)  # the command's own commits run the on-commit send, as in real use
def test_ingest_goes_on_when_the_broker_is_away(tmp_path, broker_away):
    import io

    for n in range(2):
        (tmp_path / f"{n}.txt").write_text(f"Report {n}. The minister said 40 schools would open in {2030 + n}.")
    out = io.StringIO()
    call_command("ingest", str(tmp_path), stdout=out)
    text = out.getvalue()
    assert text.count("queued; will be extracted when the task queue is reachable") == 2, text
    assert "2 created, 0 refused" in text
    articles = list(Article.objects.all())
    assert len(articles) == 2
    assert all(a.status == Article.Status.QUEUED and "task queue unreachable" in a.last_error for a in articles)


def test_admin_add_answers_without_error_when_the_broker_is_away(
    admin_client, broker_away, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        resp = admin_client.post(
            reverse("admin:articles_article_add"),
            {"text": "The minister said 40 schools would open in 2031.", "title": "Schools"},
        )
    assert resp.status_code == 302, resp.content[:2000]
    article = Article.objects.get()
    assert article.status == Article.Status.QUEUED and "task queue unreachable" in article.last_error
    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "task queue unreachable" in page.content.decode()
