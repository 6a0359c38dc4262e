"""The one owner of an article's status: every transition is a single conditional UPDATE.

    queued --claim_for_extraction--> extracting --mark_extracted--> extracted
                                         |------mark_failed-------> failed
                                         `------release-----------> queued   (a transient error; retried)
    any ----reset-----------------------------------------------> queued   (new text, re-extraction)

Tracking has its own state, meaningful once the article is extracted:

    pending --mark_tracked--> tracked        pending --mark_tracking_failed--> failed
    (mark_extracted and reset put it back to pending: new rows to track)

``last_error`` keeps the pipeline's last transient error (broker unreachable, database away, a tracking
retry) for editors; a successful step clears it.

Nothing here enqueues work: ``apps/pipeline`` decides what runs next. A transition that does not apply
(another worker took the article, it was deleted) changes no row and says so in its return value.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Article

Status = Article.Status
Tracking = Article.Tracking
# Starts ``last_error`` when a task could not be sent; the reconciler sends it once the broker is back.
QUEUE_UNREACHABLE = "task queue unreachable"


def waits_for_queue(article: Article) -> bool:
    """The article's task could not be sent: it waits, queued, for the task queue to be reachable."""
    return article.status == Status.QUEUED and QUEUE_UNREACHABLE in article.last_error


def stale_before() -> datetime:
    """A claim older than this was left by a worker that died: it may be taken again."""
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + settings.NEWSROOM_STUCK_MARGIN)


def claim_for_extraction(*, article_id: int, redelivered: bool = False) -> bool:
    """Atomically take the article for extraction. False when another run has it or it is done.

    A run that was killed half-way leaves the article ``extracting``; it is taken again when the broker
    redelivers the message, or once it is older than the hard time limit.
    Raises ``Article.DoesNotExist`` when there is no such article.
    """
    now = timezone.now()
    claimed = Article.objects.filter(pk=article_id, status=Status.QUEUED).update(
        status=Status.EXTRACTING, extraction_started_at=now, updated_at=now
    )
    if claimed:
        return True
    if not Article.objects.filter(pk=article_id).exists():
        raise Article.DoesNotExist(f"article {article_id} does not exist")
    stuck = Article.objects.filter(pk=article_id, status=Status.EXTRACTING)
    if not redelivered:
        stuck = stuck.filter(extraction_started_at__lt=stale_before())
    return bool(stuck.update(extraction_started_at=now, updated_at=now))


def mark_extracted(*, article_id: int, extractor_version: str, language: str) -> bool:
    """Record a stored extraction; called inside the persistence transaction, which holds the article's lock."""
    now = timezone.now()
    updated = Article.objects.filter(pk=article_id).update(
        status=Status.EXTRACTED,
        failure_reason="",
        extracted_at=now,
        extractor_version=extractor_version,
        language=language,
        tracking_status=Tracking.PENDING,
        tracked_at=None,
        last_error="",
        updated_at=now,
    )
    return bool(updated)


def mark_failed(*, article_id: int, reason: str) -> bool:
    """The article cannot be extracted; ``reason`` is shown to editors."""
    return bool(
        Article.objects.filter(pk=article_id).update(
            status=Status.FAILED, failure_reason=reason[:2000], updated_at=timezone.now()
        )
    )


def release(*, article_id: int) -> bool:
    """Give a claimed article back to the queue (a transient error), so the retry can claim it."""
    return bool(
        Article.objects.filter(pk=article_id, status=Status.EXTRACTING).update(
            status=Status.QUEUED, updated_at=timezone.now()
        )
    )


def reset(*, article_id: int) -> bool:
    """Put the article back in the queue for a fresh machine run (new text, new engine, after a failure)."""
    return bool(
        Article.objects.filter(pk=article_id).update(
            status=Status.QUEUED,
            failure_reason="",
            tracking_status=Tracking.PENDING,
            last_error="",
            updated_at=timezone.now(),
        )
    )


def mark_tracked(*, article_id: int) -> bool:
    """Tracking ran on the article's current rows."""
    now = timezone.now()
    return bool(
        Article.objects.filter(pk=article_id, status=Status.EXTRACTED).update(
            tracking_status=Tracking.TRACKED, tracked_at=now, last_error="", updated_at=now
        )
    )


def mark_tracked_many(*, article_ids: list[int]) -> int:
    """``mark_tracked`` for a batch (one UPDATE); the number of articles marked."""
    now = timezone.now()
    return Article.objects.filter(pk__in=article_ids, status=Status.EXTRACTED).update(
        tracking_status=Tracking.TRACKED, tracked_at=now, last_error="", updated_at=now
    )


def waiting_for_tracking(*, limit: int, among: list[int] | None = None) -> list[int]:
    """Ids of extracted articles whose tracking is pending, oldest first (the partial index covers this), leaving
    out those another tracking process holds locked (PostgreSQL's ``SKIP LOCKED``; the lock is released at once:
    the tracking run takes its own), so two tracking processes take different batches."""
    waiting = Article.objects.filter(status=Status.EXTRACTED, tracking_status=Tracking.PENDING)
    if among is not None:
        waiting = waiting.filter(pk__in=among)
    with transaction.atomic():
        return list(waiting.order_by("pk").select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])


def mark_tracking_failed(*, article_id: int, reason: str) -> bool:
    """Tracking gave up (retries used up, or an error a retry cannot fix); ``reason`` is shown to editors."""
    return bool(
        Article.objects.filter(pk=article_id).update(
            tracking_status=Tracking.FAILED, last_error=reason[:2000], updated_at=timezone.now()
        )
    )


def note_error(*, article_id: int, error: str) -> bool:
    """Record a transient error (it is retried); the state is unchanged."""
    return bool(Article.objects.filter(pk=article_id).update(last_error=error[:2000]))


def take_for_resend(*, ids: list[int], now: datetime | None) -> None:
    """Stamp articles the reconciler is about to send again (inside its locking transaction); None unstamps."""
    Article.objects.filter(pk__in=ids).update(enqueued_at=now)
