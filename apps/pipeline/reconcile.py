"""The reconciler: the database, not the broker, says which work is pending; this sends it again.

A message can be lost without any row saying so: the broker was away when it was sent, Redis restarted
without persistence, a worker was killed holding it. Each such article is still visible in the database:

- ``queued`` and untouched (no task sent, no state change) for longer than ``NEWSROOM_RECONCILE_GRACE``;
- ``extracting`` with a claim older than the hard time limit (its worker died);
- ``extracted`` with tracking ``pending`` and untouched for longer than the grace period.

Each run takes at most ``NEWSROOM_RECONCILE_BATCH`` of each with ``SELECT … FOR UPDATE SKIP LOCKED``,
stamps ``enqueued_at`` in the same transaction, and sends the tasks after the commit: two reconcilers
running at once never take the same article, and a resend is harmless anyway (a task claims its article
with a conditional UPDATE, and tracking is idempotent).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from apps.articles import lifecycle
from apps.articles.models import Article

Send = Callable[[int], bool]


@dataclass
class ReconcileReport:
    extraction: list[int] = field(default_factory=list)  # queued, no live task
    stuck: list[int] = field(default_factory=list)  # extracting past the hard time limit
    tracking: list[int] = field(default_factory=list)  # extracted, never tracked
    unsent: list[int] = field(default_factory=list)  # the broker refused: left for the next run

    @property
    def total(self) -> int:
        return len(self.extraction) + len(self.stuck) + len(self.tracking)

    def as_counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.__dict__.items()}

    def __str__(self) -> str:
        return ", ".join(f"{n} {k}" for k, n in self.as_counts().items())


def pending(now: datetime | None = None) -> dict[str, QuerySet[Article]]:
    """The three kinds of orphaned work, as querysets (also what `manage.py reconcile --dry-run` counts)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.NEWSROOM_RECONCILE_GRACE)
    # Last time anything happened to the article's pipeline: a state change or a task sent by us.
    touched = Greatest(Coalesce("enqueued_at", "updated_at"), F("updated_at"))
    articles = Article.objects.alias(touched=touched)
    stale = lifecycle.stale_before()
    return {
        "extraction": articles.filter(status=Article.Status.QUEUED, touched__lt=cutoff),
        # A resent claim is taken again at once (it is stale); until then, one resend per stale period.
        "stuck": articles.filter(
            Q(enqueued_at=None) | Q(enqueued_at__lt=stale),
            status=Article.Status.EXTRACTING,
            extraction_started_at__lt=stale,
        ),
        "tracking": articles.filter(
            status=Article.Status.EXTRACTED, tracking_status=Article.Tracking.PENDING, touched__lt=cutoff
        ),
    }


def _take(qs: QuerySet[Article], *, limit: int, now: datetime) -> list[int]:
    with transaction.atomic():
        ids = list(qs.order_by("pk").select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
        if ids:
            lifecycle.take_for_resend(ids=ids, now=now)
    return ids


def reconcile(*, send_extraction: Send, send_tracking: Send, limit: int | None = None) -> ReconcileReport:
    """One pass: take what is orphaned, send its task again. Safe to run from several processes at once."""
    now = timezone.now()
    limit = limit or settings.NEWSROOM_RECONCILE_BATCH
    report = ReconcileReport()
    for kind, qs in pending(now).items():
        ids = _take(qs, limit=limit, now=now)
        send = send_tracking if kind == "tracking" else send_extraction
        for position, article_id in enumerate(ids):
            if not send(article_id):
                # The broker is away: do not wait on it for every article. Unstamp the rest so the next run
                # takes them at once instead of a grace period later.
                report.unsent = ids[position:]
                lifecycle.take_for_resend(ids=report.unsent, now=None)
                ids = ids[:position]
                break
        getattr(report, kind).extend(ids)
        if report.unsent:
            break
    return report
