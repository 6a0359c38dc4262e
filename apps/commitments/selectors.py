"""Reads of commitments for the public API: published rows only (``ReviewableQuerySet.published()``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from apps.actors.models import Actor
from apps.actors.selectors import actor_summary_columns, actor_summary_fields
from apps.articles.selectors import article_summary_columns, article_summary_fields
from apps.commitments.models import Commitment

# What the serializers read, and nothing else: no internal column, no article body.
PUBLIC_FIELDS = (
    "id", "stance", "action", "condition", "stated_on", "start", "end", "review_status", "reviewed_at", "updated_at",
    "machine_values",  # only to tell whether an editor corrected the item; never serialized
    *article_summary_fields("article"), *actor_summary_fields("actor"),
)  # fmt: skip


def commitment_list_public() -> QuerySet[Commitment]:
    return Commitment.objects.published().select_related("article__outlet", "actor__merged_into").only(*PUBLIC_FIELDS)


# The columns of a list or detail page read as rows: the same as PUBLIC_FIELDS (CommitmentSerializer reads either).
ROW_FIELDS = (
    "id", "stance", "action", "condition", "stated_on", "start", "end", "review_status", "reviewed_at",
    "machine_values",  # only to tell whether an editor corrected the item; never serialized
    *article_summary_columns("article"), *actor_summary_columns("actor"),
)  # fmt: skip


def commitment_rows_public() -> QuerySet:
    """The published commitments as ``.values()`` rows, for list and detail pages (see
    ``apps.claims.selectors.claim_rows_public`` for why)."""
    return Commitment.objects.published().values(*ROW_FIELDS)


def commitment_timeline_public(*, actor_id: int) -> QuerySet[Commitment]:
    """An actor's published commitments, oldest first (undated ones last), including those recorded
    under duplicates that editors merged into this actor."""
    actors = Actor.objects.filter(Q(pk=actor_id) | Q(merged_into_id=actor_id)).values("pk")
    return commitment_list_public().filter(actor_id__in=actors)
