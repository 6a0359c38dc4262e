"""The pipeline's Celery tasks: thin, primitive ids in, one service call each, then the next step.

Task names keep the dotted paths they had when each step queued the next itself, so messages already
in a broker (and workers' logs) still match.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError, transaction

from apps.articles import lifecycle
from apps.articles.models import Article
from apps.extraction.services import article_extract
from apps.tracking.services import article_track

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError)


def queue_extraction(sender: Any = None, *, article_id: int, **_: Any) -> None:
    """Receiver of ``article_queued``: extract the article once the transaction that queued it commits."""
    transaction.on_commit(lambda: extract_article.delay(article_id))


@shared_task(
    bind=True, name="apps.extraction.tasks.extract_article", acks_late=True, reject_on_worker_lost=True, max_retries=5
)
def extract_article(self: Any, article_id: int) -> str:
    """Step 2: extraction. On success the tracking step is queued (the persist transaction has committed)."""
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    try:
        summary = article_extract(article_id=article_id, redelivered=redelivered)
    except Article.DoesNotExist:
        logger.warning("article %s no longer exists", article_id)
        return "missing"
    except TRANSIENT as exc:
        # Put it back so the retry can claim it, then retry with backoff.
        lifecycle.release(article_id=article_id)
        raise self.retry(exc=exc, countdown=min(300, 5 * 2**self.request.retries)) from exc
    except SoftTimeLimitExceeded:
        lifecycle.mark_failed(article_id=article_id, reason="extraction took too long and was stopped")
        return "failed"
    except Exception as exc:
        logger.exception("extraction of article %s failed", article_id)
        lifecycle.mark_failed(article_id=article_id, reason=f"extraction failed: {exc.__class__.__name__}: {exc}")
        return "failed"
    if summary is None:
        return "skipped"
    track_article.delay(article_id)
    return "done"


@shared_task(
    bind=True,
    name="apps.tracking.tasks.track_article",
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def track_article(self: Any, article_id: int) -> dict | None:
    """Step 3: initiative suggestions, claim matching and findings for one extracted article (idempotent)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        logger.warning("track_article: article %s does not exist", article_id)
        return None
    result = article_track(article=article)
    return {"article": result.article_id, "links": result.links, "matches": result.matches, "findings": result.findings}
