"""Reads of quotes for the public API: published rows only (``ReviewableQuerySet.published()``)."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.actors.selectors import actor_summary_fields
from apps.articles.selectors import article_summary_fields
from apps.quotes.models import Quote

# What the serializers read, and nothing else: no internal column, no article body.
PUBLIC_FIELDS = (
    "id", "text", "start", "end", "review_status", "reviewed_at", "updated_at",
    "machine_values",  # only to tell whether an editor corrected the item; never serialized
    *article_summary_fields("article"), *actor_summary_fields("speaker"),
)  # fmt: skip


def quote_list_public() -> QuerySet[Quote]:
    return Quote.objects.published().select_related("article__outlet", "speaker__merged_into").only(*PUBLIC_FIELDS)
