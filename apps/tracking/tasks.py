"""Celery tasks of the tracking app: thin, primitive ids in, one service call."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from apps.articles.models import Article

from .services import article_track, articles_track

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


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def track_articles(self, article_ids: list[int]) -> dict:
    """Tracking for a batch of extracted articles: profiles, matcher and ledgers built once (idempotent).

    Articles deleted meanwhile are skipped. Deadlocks and serialisation failures (OperationalError) retry.
    """
    articles = list(Article.objects.filter(pk__in=article_ids))
    results = articles_track(articles=articles)
    return {
        "articles": [r.article_id for r in results],
        "links": sum(r.links for r in results),
        "matches": sum(r.matches for r in results),
        "findings": sum(r.findings for r in results),
    }
