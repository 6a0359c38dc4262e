"""Celery tasks of the tracking app: thin, primitive ids in, one service call."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from apps.articles.models import Article

from .services import article_track

log = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def track_article(self, article_id: int) -> dict | None:
    """Initiative suggestions, claim matching and findings for one extracted article (idempotent)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        log.warning("track_article: article %s does not exist", article_id)
        return None
    result = article_track(article=article)
    return {"article": result.article_id, "links": result.links, "matches": result.matches, "findings": result.findings}
