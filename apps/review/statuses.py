"""Where an item came from, where its review stands, and the actions that move it."""

from __future__ import annotations

from django.db import models


class Origin(models.TextChoices):
    MACHINE = "machine", "Machine"
    EDITOR = "editor", "Editor"


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    FALSE = "false", "False"
    CORRECTED = "corrected", "Corrected"
    DISMISSED = "dismissed", "Dismissed"


# What the public API shows: items an editor verified or corrected.
PUBLISHED_STATUSES = (ReviewStatus.VERIFIED, ReviewStatus.CORRECTED)


class Action(models.TextChoices):
    VERIFY = "verify", "Verify"
    DISPUTE = "dispute", "Dispute"
    MARK_FALSE = "mark_false", "Mark false"
    DISMISS = "dismiss", "Dismiss"
    REOPEN = "reopen", "Reopen"


ACTION_STATUS: dict[str, str] = {
    Action.VERIFY: ReviewStatus.VERIFIED,
    Action.DISPUTE: ReviewStatus.DISPUTED,
    Action.MARK_FALSE: ReviewStatus.FALSE,
    Action.DISMISS: ReviewStatus.DISMISSED,
    Action.REOPEN: ReviewStatus.UNREVIEWED,
}
