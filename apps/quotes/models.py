from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.review.models import ReviewableModel
from apps.review.statuses import Origin


class Quote(ReviewableModel):
    # What the review workflow needs to know about quotes (apps/review/models.py).
    correctable_fields = ("text", "speaker")
    queue_label = "Quotes"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    speaker = models.ForeignKey("actors.Actor", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    history = HistoricalRecords(excluded_fields=["machine_candidate"])

    class Meta(ReviewableModel.Meta):
        ordering = ["article", "start"]
        constraints = [
            *ReviewableModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["article", "machine_key"],
                condition=Q(origin=Origin.MACHINE) & ~Q(machine_key=""),
                name="quote_machine_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]
