"""Thin Celery tasks: primitive ids in, one service call."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from apps.articles.models import Article
from apps.tracking.tasks import track_article

from . import services

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def extract_article(self, article_id: int) -> str:
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    try:
        summary = services.article_extract(article_id=article_id, redelivered=redelivered)
    except Article.DoesNotExist:
        logger.warning("article %s no longer exists", article_id)
        return "missing"
    except TRANSIENT as exc:
        # Put it back so the retry can claim it, then retry with backoff.
        Article.objects.filter(pk=article_id, status=Article.Status.EXTRACTING).update(status=Article.Status.QUEUED)
        raise self.retry(exc=exc, countdown=min(300, 5 * 2**self.request.retries)) from exc
    except SoftTimeLimitExceeded:
        services.article_fail(article_id=article_id, reason="extraction took too long and was stopped")
        return "failed"
    except Exception as exc:
        logger.exception("extraction of article %s failed", article_id)
        services.article_fail(article_id=article_id, reason=f"extraction failed: {exc.__class__.__name__}: {exc}")
        return "failed"
    if summary is not None:
        track_article.delay(article_id)  # tracking step (apps/tracking); the persist transaction has committed
    return "done" if summary is not None else "skipped"
