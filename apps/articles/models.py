from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.common.models import TimeStampedModel


class Outlet(TimeStampedModel):
    """A publisher."""

    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True, help_text="Web domain, e.g. themoscowtimes.com")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["domain"], condition=~Q(domain=""), name="outlet_domain_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Article(TimeStampedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        EXTRACTING = "extracting", "Extracting"
        EXTRACTED = "extracted", "Extracted"
        FAILED = "failed", "Failed"

    class Tracking(models.TextChoices):
        PENDING = "pending", "Pending"
        TRACKED = "tracked", "Tracked"
        FAILED = "failed", "Failed"

    class Source(models.TextChoices):
        TEXT = "text", "Pasted text"
        HTML = "html", "HTML"
        FILE = "file", "File"
        URL = "url", "URL"

    title = models.CharField(max_length=500, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    url = models.URLField(max_length=2000, null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=12, blank=True)
    body = models.TextField(help_text="The article's text as received (HTML already reduced to text).")
    body_sha256 = models.CharField(max_length=64, editable=False)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.TEXT)
    source_name = models.CharField(max_length=500, blank=True, help_text="File name or URL it came from.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    failure_reason = models.TextField(blank=True)
    extraction_started_at = models.DateTimeField(null=True, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    # The pipeline's bookkeeping (apps/articles/lifecycle.py): the database, not the broker, says what is pending.
    enqueued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the reconciler last sent a task for it (extraction or tracking)."
    )
    # Database defaults too: rows written by code that predates these columns (a rolling deploy) get them.
    tracking_status = models.CharField(
        max_length=8, choices=Tracking.choices, default=Tracking.PENDING, db_default=Tracking.PENDING
    )
    tracked_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(
        blank=True, default="", db_default="", help_text="The pipeline's last error (retried unless a status failed)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["body_sha256"], name="article_body_unique"),
            models.UniqueConstraint(fields=["url"], condition=Q(url__isnull=False), name="article_url_unique"),
        ]
        indexes = [
            # The reconciler's scan: only articles with pipeline work left are in it.
            models.Index(
                fields=["updated_at"],
                condition=Q(status__in=["queued", "extracting"]) | Q(status="extracted", tracking_status="pending"),
                name="article_pipeline_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"
