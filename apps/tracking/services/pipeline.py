"""The tracking step of the pipeline: one service the Celery task and ``manage.py track`` call."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from apps.articles.models import Article

from .claims import claims_match_for_article
from .findings import findings_refresh_for_article
from .initiatives import initiatives_suggest_for_article


@dataclass(frozen=True)
class TrackingResult:
    article_id: int
    links: int
    matches: int
    findings: int


@transaction.atomic
def article_track(*, article: Article) -> TrackingResult:
    """Suggest initiatives for the article's commitments, match its claims, refresh findings.

    Idempotent: every row is keyed naturally (commitment, claim pair, finding key), so a second run
    changes nothing; editors' decisions (confirmed/rejected links and matches, reviewed findings) are
    never overwritten. The article row is locked so two workers tracking it serialise on PostgreSQL.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    links = initiatives_suggest_for_article(article=article)
    matches = claims_match_for_article(article=article)
    findings = findings_refresh_for_article(article=article)
    return TrackingResult(article_id=article.pk, links=len(links), matches=len(matches), findings=len(findings))
