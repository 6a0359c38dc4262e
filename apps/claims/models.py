from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.review.models import ReviewableModel
from apps.review.statuses import Origin


class Claim(ReviewableModel):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", "Quantitative"
        ATTRIBUTED = "attributed", "Attributed"
        FACTUAL = "factual", "Factual"

    # What the review workflow needs to know about claims (apps/review/models.py).
    correctable_fields = ("text", "kind", "quantity_value", "quantity_unit", "quantity_qualifier", "speaker")
    correction_groups = (
        ("text", ("text",)),
        ("kind", ("kind",)),
        ("quantity", ("quantity_qualifier", "quantity_value", "quantity_unit")),
        ("speaker", ("speaker",)),
    )
    queue_label = "Claims"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="claims")
    text = models.TextField()
    kind = models.CharField(max_length=12, choices=Kind.choices, db_index=True)
    quantity_value = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    quantity_unit = models.CharField(max_length=64, blank=True)
    quantity_qualifier = models.CharField(max_length=32, blank=True, help_text='e.g. "more than", "about"')
    speaker = models.ForeignKey("actors.Actor", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    score = models.FloatField(default=0.0, help_text="Check-worthiness, 0 to 1.", db_index=True)
    history = HistoricalRecords(excluded_fields=["machine_candidate"])

    class Meta(ReviewableModel.Meta):
        ordering = ["-score", "-id"]
        constraints = [
            *ReviewableModel.Meta.constraints,
            # One sentence may state several numbers: the key holds the span, kind and quantity.
            models.UniqueConstraint(
                fields=["article", "machine_key"],
                condition=Q(origin=Origin.MACHINE) & ~Q(machine_key=""),
                name="claim_machine_key_unique",
            ),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="claim_score_range"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
