"""The reviewable base model: the evidence span and the review fields every extracted item carries.

Each concrete kind declares, on its model, what the review workflow needs to know about it:
``correctable_fields`` (what an editor may change), ``correction_groups`` (how the admin shows
"machine said ...; corrected to ...") and ``queue_label`` (the review queue's name). ``registry.py``
finds the kinds; nothing else lists them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from apps.common.models import TimeStampedModel

from . import corrections
from .statuses import PUBLISHED_STATUSES, Origin, ReviewStatus


class ReviewableQuerySet(models.QuerySet):
    def published(self) -> ReviewableQuerySet:
        return self.filter(review_status__in=PUBLISHED_STATUSES)

    def unreviewed(self) -> ReviewableQuerySet:
        return self.filter(review_status=ReviewStatus.UNREVIEWED)

    def machine_owned(self) -> ReviewableQuerySet:
        """Rows a machine re-run may update or delete: machine-made and never reviewed."""
        return self.filter(origin=Origin.MACHINE, review_status=ReviewStatus.UNREVIEWED)

    def editor_owned(self) -> ReviewableQuerySet:
        """Rows a machine re-run must never touch."""
        return self.exclude(origin=Origin.MACHINE, review_status=ReviewStatus.UNREVIEWED)


# A manager class built from the queryset: with it django-stubs resolves every kind's related managers
# (``article.claims``, ``actor.quotes``, ...), which ``as_manager()`` on an abstract model does not give it.
# mypy itself cannot follow the dynamic base; the django-stubs plugin does.
class ReviewableManager(models.Manager.from_queryset(ReviewableQuerySet)):  # type: ignore[misc]
    pass


class ReviewableModel(TimeStampedModel):
    """An extracted (or editor-added) item with its evidence span and its review state.

    ``machine_values`` keeps what the machine originally said, apart from the
    editable fields, so a correction never loses the machine's version.
    ``machine_candidate`` records what a later machine run proposed for a row an
    editor already owns (the row itself is left alone). ``version`` is bumped on
    every save through a service and used for optimistic locking.
    """

    # What each kind declares (see the module docstring).
    correctable_fields: ClassVar[tuple[str, ...]] = ()
    correction_groups: ClassVar[Sequence[tuple[str, Sequence[str]]] | None] = None
    queue_label: ClassVar[str] = ""
    # Foreign keys to an actor that belong to the row's natural key (a commitment's actor): an actor merge
    # leaves a machine row on the duplicate rather than give the kept actor two machine rows on one span.
    key_actor_fields: ClassVar[tuple[str, ...]] = ()

    start = models.PositiveIntegerField(help_text="Start of the evidence span in the article body.")
    end = models.PositiveIntegerField(help_text="End of the evidence span in the article body.")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MACHINE, db_index=True)
    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    machine_values = models.JSONField(default=dict, blank=True)
    machine_candidate = models.JSONField(null=True, blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    machine_key = models.CharField(
        max_length=300,
        blank=True,
        editable=False,
        help_text="Natural key of a machine row within its article (span, and what tells apart two items on it).",
    )
    version = models.PositiveIntegerField(default=1)

    objects = ReviewableManager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="%(app_label)s_%(class)s_span_ordered"),
        ]

    @property
    def is_editor_owned(self) -> bool:
        return not (self.origin == Origin.MACHINE and self.review_status == ReviewStatus.UNREVIEWED)

    @property
    def corrected(self) -> bool:
        """An editor changed the machine's values (stays true after a later verify)."""
        return corrections.is_corrected(self)

    @property
    def is_published(self) -> bool:
        return self.review_status in PUBLISHED_STATUSES

    def evidence(self) -> str:
        return self.article.body[self.start : self.end]  # type: ignore[attr-defined]
