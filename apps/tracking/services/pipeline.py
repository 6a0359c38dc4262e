"""The tracking step of the pipeline: the services the Celery tasks and ``manage.py track`` call."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from django.db import OperationalError, transaction

from apps.articles import lifecycle
from apps.articles.models import Article
from apps.claims.models import Claim

from ..selectors import EXCLUDED_COMMITMENT_STATUSES
from .claims import claims_index, claims_match
from .findings import findings_refresh
from .initiatives import initiatives_suggest

log = logging.getLogger(__name__)
DEADLOCK_ATTEMPTS = 3


@dataclass(frozen=True)
class TrackingResult:
    article_id: int
    links: int
    matches: int
    findings: int


def articles_track(*, articles, pending_only: bool = False) -> list[TrackingResult]:
    """Suggest initiatives for the articles' commitments, match their claims, refresh findings: one batch.

    Profiles, the matcher and each touched initiative's ledger are built once for the whole batch, and every
    write is a bulk upsert, so the cost per article does not grow with the archive. Idempotent: rows are keyed
    naturally (commitment, claim pair, finding key), so a second run changes nothing; editors' decisions
    (confirmed/rejected links and matches, reviewed findings) are never overwritten.

    Two transactions: the claims' matching keys are committed first, so two workers tracking at once always
    see each other's claims; then the articles are locked (in id order) for the rest, so two workers tracking
    the same article take turns and the second finds the first's work done.

    ``pending_only`` (the pipeline's batch task): of ``articles``, track only those still extracted with tracking
    pending that no other worker holds (``SKIP LOCKED``), and mark them tracked in the same transaction, so two
    workers given overlapping batches split them instead of queueing behind each other's locks.
    """
    ids = sorted({a.pk for a in articles})
    if not ids:
        return []
    claims_index(
        claims=list(
            Claim.objects.filter(article_id__in=ids)
            .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
            .select_related("article")
        )
    )
    for attempt in range(DEADLOCK_ATTEMPTS):
        try:
            with transaction.atomic():
                locked = Article.objects.filter(pk__in=ids).order_by("pk")
                if pending_only:
                    locked = locked.select_for_update(skip_locked=True).filter(
                        status=Article.Status.EXTRACTED, tracking_status=Article.Tracking.PENDING
                    )
                else:
                    locked = locked.select_for_update()
                batch = list(locked)
                if not batch:
                    return []
                links = initiatives_suggest(articles=batch)
                matches = claims_match(articles=batch, index=False)
                findings = findings_refresh(articles=batch)
                if pending_only:
                    lifecycle.mark_tracked_many(article_ids=[a.pk for a in batch])
            break
        except OperationalError as exc:
            # Two workers can lock the same initiatives and claims in different orders; PostgreSQL then aborts
            # one of them. Its transaction rolled back entirely, so running it again is safe (unless a caller's
            # transaction encloses this one: then the caller retries, as the Celery tasks do).
            deadlock = getattr(getattr(exc, "__cause__", None), "sqlstate", None) in ("40P01", "40001")
            if not deadlock or attempt == DEADLOCK_ATTEMPTS - 1 or transaction.get_connection().in_atomic_block:
                raise
            log.info("tracking articles %s: deadlock, attempt %d again", ids, attempt + 2)
    claim_article = dict(Claim.objects.filter(article_id__in=ids).values_list("pk", "article_id"))
    per_match: Counter[int] = Counter()
    for m in matches:
        for claim_id in {m.claim_id, m.candidate_id}:
            if claim_id in claim_article:
                per_match[claim_article[claim_id]] += 1
    per_finding = Counter(claim_article.get(f.claim_id) or claim_article.get(f.related_claim_id) for f in findings)
    commitment_article = {link.commitment_id: a for a, ls in links.items() for link in ls}
    per_finding.update(
        commitment_article[f.commitment_id]
        for f in findings
        if f.claim_id is None and f.commitment_id in commitment_article
    )
    return [
        TrackingResult(article_id=pk, links=len(links.get(pk, [])), matches=per_match[pk], findings=per_finding[pk])
        for pk in ids
        if any(a.pk == pk for a in batch)
    ]


def article_track(*, article: Article) -> TrackingResult:
    """Track one article (a batch of one)."""
    results = articles_track(articles=[article])
    if not results:
        raise Article.DoesNotExist(f"article {article.pk} does not exist")
    return results[0]
