"""Reads of claims for the public API. Visibility is ``ReviewableQuerySet.published()``: nothing else
is ever returned to a reader."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.actors.selectors import actor_summary_columns, actor_summary_fields
from apps.articles.selectors import article_summary_columns, article_summary_fields
from apps.claims.models import Claim

# What the serializers read, and nothing else: no internal column, no article body.
PUBLIC_FIELDS = (
    "id", "text", "kind", "quantity_value", "quantity_unit", "quantity_qualifier",
    "start", "end", "review_status", "reviewed_at", "updated_at",
    "machine_values",  # only to tell whether an editor corrected the item; never serialized
    *article_summary_fields("article"), *actor_summary_fields("speaker"),
)  # fmt: skip


def claim_list_public() -> QuerySet[Claim]:
    """Published claims with their article, outlet and speaker (and the speaker it was merged into)."""
    return Claim.objects.published().select_related("article__outlet", "speaker__merged_into").only(*PUBLIC_FIELDS)


# The columns of a list page read as rows: the same as PUBLIC_FIELDS (ClaimSerializer reads either).
ROW_FIELDS = (
    "id", "text", "kind", "quantity_value", "quantity_unit", "quantity_qualifier",
    "start", "end", "review_status", "reviewed_at",
    "machine_values",  # only to tell whether an editor corrected the item; never serialized
    *article_summary_columns("article"), *actor_summary_columns("speaker"),
)  # fmt: skip


def claim_rows_public() -> QuerySet:
    """The published claims of ``claim_list_public`` as ``.values()`` rows, for list and detail pages:
    building five model instances per row (claim, article, outlet, speaker, merged speaker) is about a fifth
    of a page's CPU, and a page only reads their columns."""
    return Claim.objects.published().values(*ROW_FIELDS)
