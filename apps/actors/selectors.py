"""Reads of actors for the public API: active (not merged) actors attached to at least one published
claim, quote or commitment (directly, or through a duplicate merged into them)."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import OuterRef, QuerySet

from apps.actors.models import Actor
from apps.common.api.query import exists_per_row
from apps.review.registry import foreign_keys_to, reviewable_models


def actor_summary_fields(prefix: str) -> tuple[str, ...]:
    """The columns ``ActorSummarySerializer`` reads (the actor, and the one it was merged into)."""
    return (
        prefix, *(f"{prefix}__{f}" for f in ("id", "name", "kind", "merged_into")),
        *(f"{prefix}__merged_into__{f}" for f in ("id", "name", "kind")),
    )  # fmt: skip


def actor_summary_columns(prefix: str) -> tuple[str, ...]:
    """The same columns for ``.values()`` (``actor_summary_row`` reads them)."""
    return (
        f"{prefix}_id", f"{prefix}__name", f"{prefix}__kind",
        f"{prefix}__merged_into_id", f"{prefix}__merged_into__name", f"{prefix}__merged_into__kind",
    )  # fmt: skip


def _published_by(model, field: str):
    published = model.objects.published()
    return exists_per_row(published.filter(**{field: OuterRef("pk")})) | exists_per_row(
        published.filter(**{f"{field}__merged_into": OuterRef("pk")})
    )


def actor_list_public() -> QuerySet[Actor]:
    # Every reviewable kind's foreign keys to Actor: a claim's or quote's speaker, a commitment's actor.
    links = (_published_by(model, field) for model in reviewable_models() for field in foreign_keys_to(model, Actor))
    return Actor.objects.active().filter(reduce(or_, links))
