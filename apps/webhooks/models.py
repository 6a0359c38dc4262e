"""Partner newsrooms' webhook subscriptions, and the log of every delivery."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import models

from apps.common.models import TimeStampedModel

from .targets import TargetRefused, check_target


def new_secret() -> str:
    return secrets.token_hex(32)


class Event(models.TextChoices):
    PUBLISHED = "published", "Published"
    CORRECTED = "corrected", "Corrected"
    RETRACTED = "retracted", "Retracted"


class Subscription(TimeStampedModel):
    """A partner's endpoint. Payloads are signed with ``secret`` (HMAC-SHA256, see apps.webhooks.signing)."""

    name = models.CharField(max_length=200, help_text="The partner newsroom.")
    url = models.URLField(max_length=2000, help_text="Where to POST the events: a public http(s) address.")
    secret = models.CharField(
        max_length=128, default=new_secret, help_text="Shared with the partner; signs every payload."
    )
    active = models.BooleanField(default=True)
    on_published = models.BooleanField("publish", default=True, help_text="An item is published.")
    on_corrected = models.BooleanField("correction", default=True, help_text="A published item is corrected.")
    on_retracted = models.BooleanField("retraction", default=True, help_text="A published item is withdrawn.")

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def wants(self, event: str) -> bool:
        return bool(getattr(self, f"on_{event}", False))

    def clean(self):
        try:
            check_target(self.url)
        except TargetRefused as exc:
            raise ValidationError({"url": str(exc)}) from exc


class Delivery(TimeStampedModel):
    """One event for one subscription: every attempt updates it (attempts, last response code, error)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RETRYING = "retrying", "Retrying"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped (no longer published)"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=10, choices=Event.choices)
    item_type = models.CharField(max_length=12, help_text="claim, quote or commitment")
    item_id = models.PositiveBigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    payload = models.JSONField(null=True, blank=True, help_text="What was sent (public data only).")
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["-id"]
        indexes = [models.Index(fields=["item_type", "item_id"])]

    def __str__(self) -> str:
        return f"{self.event} {self.item_type} #{self.item_id} → {self.subscription}"
