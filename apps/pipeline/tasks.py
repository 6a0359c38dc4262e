"""The pipeline's Celery tasks: thin, primitive ids in, one service call each, then the next step.

Task names keep the dotted paths they had when each step queued the next itself, so messages already
in a broker (and workers' logs) still match.

Faults (docs/operations.md#faults): the database, not the broker, is the record of pending work. A
message that cannot be sent leaves its article queued (or extracted and not tracked) for the reconciler;
a transient error schedules the retry *before* touching the database again, so a database outage can
never keep the retry from being scheduled.
"""

from __future__ import annotations

import logging
import random
import time
from types import SimpleNamespace
from typing import Any, Literal

from celery import current_app, shared_task
from celery.exceptions import Reject, SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from apps.articles import lifecycle
from apps.articles.models import Article
from apps.extraction.services import article_extract
from apps.tracking.services import TrackingResult, article_track, articles_track

from .reconcile import reconcile
from .worker import consumes_extraction

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError)
# Tracking also loses races with a concurrent tracker (a pair or slug inserted meanwhile): a retry sees it.
TRACKING_TRANSIENT = (*TRANSIENT, IntegrityError)
# What sending a message raises when the broker is away (kombu wraps most; a refused socket is an OSError).
BROKER_ERRORS = (KombuError, RedisError, OSError)
UNREACHABLE = f"{lifecycle.QUEUE_UNREACHABLE}; the reconciler will send it again"


def _send(task: Any, arg: int | list[int], step: str) -> bool:
    """Send one task. The broker being away is not an error of the caller: the article's state in the
    database still says the work is pending, and the reconciler sends it again."""
    article_id = arg[0] if isinstance(arg, list) else arg
    try:
        task.delay(arg)
    except BROKER_ERRORS as exc:
        logger.warning(
            "%s of article %s not sent (%s: %s); left for the reconciler", step, article_id, type(exc).__name__, exc
        )
        try:
            lifecycle.note_error(article_id=article_id, error=f"{step}: {UNREACHABLE} ({type(exc).__name__})")
        except TRANSIENT:
            pass
        return False
    return True


def send_extraction(article_id: int) -> bool:
    return _send(extract_article, article_id, "extraction")


def send_tracking(article_id: int) -> bool:
    """Ask for the article's tracking: the batch task takes it with whatever else is waiting."""
    return _send(track_articles, [article_id], "tracking")


def queue_extraction(sender: Any = None, *, article_id: int, **_: Any) -> None:
    """Receiver of ``article_queued``: extract the article once the transaction that queued it commits."""
    transaction.on_commit(lambda: send_extraction(article_id))


def backoff(attempt: int) -> float:
    """Seconds before retry number ``attempt + 1``: doubling from the base, capped, with some jitter."""
    delay = min(settings.NEWSROOM_RETRY_MAX_SECONDS, settings.NEWSROOM_RETRY_BASE_SECONDS * 2**attempt)
    return delay * random.uniform(0.8, 1.0)


def _schedule_retry(task: Any, exc: BaseException) -> Literal["scheduled", "exhausted", "unsent"]:
    """Schedule the task's retry; needs the broker only, never the database."""
    if task.request.is_eager:
        return "unsent"  # in-process (no broker): an immediate retry would meet the same fault; the reconciler waits
    attempts = settings.NEWSROOM_RETRY_ATTEMPTS
    if task.request.retries >= attempts:
        return "exhausted"
    try:
        # max_retries given: None would mean the task's default (3), far short of an outage.
        task.retry(exc=exc, countdown=backoff(task.request.retries), max_retries=attempts, throw=False)
    except (Reject, *BROKER_ERRORS) as send_exc:  # celery raises Reject when the retry cannot be sent
        logger.warning("retry of %s not sent (%s); left for the reconciler", task.name, send_exc)
        return "unsent"
    return "scheduled"


@shared_task(bind=True, name="apps.extraction.tasks.extract_article", acks_late=True, reject_on_worker_lost=True)
def extract_article(self: Any, article_id: int) -> str:
    """Step 2: extraction. On success the tracking step is queued (the persist transaction has committed)."""
    # A retry finds the article as this task left it: claimed, when the database was away for the release.
    redelivered = bool((self.request.delivery_info or {}).get("redelivered")) or bool(self.request.retries)
    try:
        summary = article_extract(article_id=article_id, redelivered=redelivered)
    except Article.DoesNotExist:
        logger.warning("article %s no longer exists", article_id)
        return "missing"
    except TRANSIENT as exc:
        outcome = _schedule_retry(self, exc)
        logger.warning("extraction of article %s: %s (%s); retry %s", article_id, type(exc).__name__, exc, outcome)
        try:
            # Give the claim back so the retry (or the reconciler) can take it; the retry can also take it as is.
            lifecycle.release(article_id=article_id)
            lifecycle.note_error(
                article_id=article_id, error=f"extraction: {type(exc).__name__}: {exc}; retry {outcome}"
            )
        except TRANSIENT:
            pass  # still away: the claim goes stale after the hard time limit, and the reconciler sends it again
        return f"retry {outcome}"
    except SoftTimeLimitExceeded:
        lifecycle.mark_failed(article_id=article_id, reason="extraction took too long and was stopped")
        return "failed"
    except Exception as exc:
        logger.exception("extraction of article %s failed", article_id)
        lifecycle.mark_failed(article_id=article_id, reason=f"extraction failed: {exc.__class__.__name__}: {exc}")
        return "failed"
    if summary is None:
        return "skipped"
    # The rows are committed: the extraction succeeded whatever happens to this message.
    send_tracking(article_id)
    return "done"


@shared_task(bind=True, name="apps.tracking.tasks.track_article", acks_late=True, reject_on_worker_lost=True)
def track_article(self: Any, article_id: int) -> dict | str | None:
    """Step 3: initiative suggestions, claim matching and findings for one extracted article (idempotent)."""
    try:
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            logger.warning("track_article: article %s does not exist", article_id)
            return None
        result = article_track(article=article)
        lifecycle.mark_tracked(article_id=article_id)
    except TRACKING_TRANSIENT as exc:
        outcome = _schedule_retry(self, exc)
        logger.warning("tracking of article %s: %s (%s); retry %s", article_id, type(exc).__name__, exc, outcome)
        error = f"tracking: {type(exc).__name__}: {exc}"
        try:
            if outcome == "exhausted":
                lifecycle.mark_tracking_failed(article_id=article_id, reason=f"{error}; gave up after retries")
            else:
                lifecycle.note_error(article_id=article_id, error=f"{error}; retry {outcome}")
        except TRANSIENT:
            pass  # the article stays pending: the reconciler sends it again
        return f"retry {outcome}"
    except Exception as exc:
        logger.exception("tracking of article %s failed", article_id)
        lifecycle.mark_tracking_failed(article_id=article_id, reason=f"tracking failed: {type(exc).__name__}: {exc}")
        return "failed"
    return {"article": result.article_id, "links": result.links, "matches": result.matches, "findings": result.findings}


def _track_batch(ids: list[int]) -> tuple[list[TrackingResult], list[int]]:
    """Track ``ids`` together (those still waiting and not held by another worker). A batch that fails on
    something a retry cannot fix is tracked one article at a time, so only the faulty article is marked failed.
    The results, and the ids marked failed."""
    try:
        return articles_track(articles=Article.objects.filter(pk__in=ids), pending_only=True), []
    except TRACKING_TRANSIENT:
        raise
    except Exception as exc:
        if len(ids) == 1:
            logger.exception("tracking of article %s failed", ids[0])
            lifecycle.mark_tracking_failed(article_id=ids[0], reason=f"tracking failed: {type(exc).__name__}: {exc}")
            return [], ids
    results, failed = [], []
    for article_id in ids:
        done, bad = _track_batch([article_id])
        results += done
        failed += bad
    return results, failed


def _worker_extracts() -> bool:
    """Whether this worker also consumes the extraction queue (no ``-Q``, or ``-Q`` naming it): then a tracking
    round never waits, since the process it holds could be extracting (``make run``'s single worker)."""
    return consumes_extraction(SimpleNamespace(app=current_app))


def _take_batch(*, limit: int, among: list[int] | None) -> list[int]:
    """The next batch of articles waiting for tracking. A worker's round that finds some, but fewer than a full
    batch, waits ``NEWSROOM_TRACK_GATHER_SECONDS`` once and looks again: extractions finishing meanwhile join the
    batch, whose profiles, matcher and ledgers are built once (a batch of one costs about twice the CPU per
    article of a batch of ten). In-process (``among``), or in a worker that also extracts, it never waits."""
    ids = lifecycle.waiting_for_tracking(limit=limit, among=among)
    gather = settings.NEWSROOM_TRACK_GATHER_SECONDS
    if among is None and gather > 0 and 0 < len(ids) < limit and not _worker_extracts():
        time.sleep(gather)
        ids = lifecycle.waiting_for_tracking(limit=limit, among=among)
    return ids


@shared_task(bind=True, name="apps.tracking.tasks.track_articles", acks_late=True, reject_on_worker_lost=True)
def track_articles(self: Any, article_ids: list[int] | None = None) -> dict[str, int] | str:
    """Step 3, batched: track ``article_ids`` and every other extracted article waiting for tracking.

    Every extraction sends one of these; the first to run takes up to ``NEWSROOM_TRACK_BATCH`` waiting articles
    at a time (``SKIP LOCKED``: two tracking processes split the backlog) and keeps taking batches for
    ``NEWSROOM_TRACK_ROUND_SECONDS``, so the messages of articles it already tracked find nothing to do. The
    initiative profiles, the matcher and each initiative's ledger are built once per batch. In-process (no
    broker) only the given articles are tracked: there is no backlog to share.
    """
    started = time.monotonic()
    limit = settings.NEWSROOM_TRACK_BATCH
    among = list(article_ids or []) if self.request.is_eager else None
    tracked = failed = 0
    ids: list[int] = []
    try:
        while time.monotonic() - started < settings.NEWSROOM_TRACK_ROUND_SECONDS:
            ids = _take_batch(limit=limit, among=among)
            if not ids:
                break
            results, bad = _track_batch(ids)
            tracked += len(results)
            failed += len(bad)
            if among is not None:
                break
    except TRACKING_TRANSIENT as exc:
        outcome = _schedule_retry(self, exc)
        logger.warning("tracking of articles %s: %s (%s); retry %s", ids, type(exc).__name__, exc, outcome)
        error = f"tracking: {type(exc).__name__}: {exc}"
        try:
            for article_id in ids:
                if outcome == "exhausted":
                    lifecycle.mark_tracking_failed(article_id=article_id, reason=f"{error}; gave up after retries")
                else:
                    lifecycle.note_error(article_id=article_id, error=f"{error}; retry {outcome}")
        except TRANSIENT:
            pass  # the articles stay pending: the reconciler sends them again
        return f"retry {outcome}"
    return {"tracked": tracked, "failed": failed}


@shared_task(name="apps.pipeline.tasks.reconcile_pipeline", ignore_result=True)
def reconcile_pipeline() -> dict[str, int]:
    """Beat's periodic task: send again what the database says is pending and no task is doing."""
    try:
        report = reconcile(send_extraction=send_extraction, send_tracking=send_tracking)
    except TRANSIENT as exc:
        # The database is away: one line, no traceback every interval; the next run tries again.
        logger.warning(
            "reconciler: database unavailable (%s: %s); next run in %s s",
            type(exc).__name__,
            exc,
            settings.NEWSROOM_RECONCILE_INTERVAL,
        )
        return {}
    if report.total:
        logger.info("reconciler: %s", report)
    return report.as_counts()
