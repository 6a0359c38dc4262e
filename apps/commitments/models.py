from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.review.models import ReviewableModel
from apps.review.statuses import Origin


class Stance(models.TextChoices):
    COMMITTED = "committed", "Committed"
    CONDITIONAL = "conditional", "Conditional"
    OPEN = "open", "Open"
    UNDECIDED = "undecided", "Undecided"
    DECLINED = "declined", "Declined"
    OPPOSED = "opposed", "Opposed"


class Commitment(ReviewableModel):
    """What an actor said it will or won't do, with its stance, at a date."""

    Stance = Stance

    # What the review workflow needs to know about commitments (apps/review/models.py).
    correctable_fields = ("actor", "stance", "action", "condition", "stated_on")
    queue_label = "Commitments"
    key_actor_fields = ("actor",)

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="commitments")
    actor = models.ForeignKey("actors.Actor", on_delete=models.PROTECT, related_name="commitments")
    stance = models.CharField(max_length=12, choices=Stance.choices, db_index=True)
    action = models.CharField(max_length=500)
    condition = models.TextField(blank=True)
    stated_on = models.DateField(null=True, blank=True, db_index=True, help_text="When the stance was stated.")
    history = HistoricalRecords(excluded_fields=["machine_candidate"])

    class Meta(ReviewableModel.Meta):
        ordering = ["-stated_on", "-id"]
        constraints = [
            *ReviewableModel.Meta.constraints,
            # One sentence may give one actor two stances ("will not send troops, but could help monitor").
            models.UniqueConstraint(
                fields=["article", "machine_key"],
                condition=Q(origin=Origin.MACHINE) & ~Q(machine_key=""),
                name="commitment_machine_key_unique",
            ),
        ]
        indexes = [models.Index(fields=["actor", "stated_on"])]

    def __str__(self) -> str:
        return f"{self.actor}: {self.stance} – {self.action[:60]}"
