"""Reads of articles and outlets for the public API: an article is visible when at least one of its
claims, quotes or commitments is published; an outlet when one of its articles is visible."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, QuerySet

from apps.articles.models import Article, Outlet
from apps.common.api.query import exists_per_row
from apps.review.registry import reviewable_models


def article_summary_fields(prefix: str) -> tuple[str, ...]:
    """The columns ``ArticleSummarySerializer`` reads, for ``.only()`` through a relation ``prefix``."""
    return (
        prefix, *(f"{prefix}__{f}" for f in ("id", "title", "url", "published_at", "outlet")),
        *(f"{prefix}__outlet__{f}" for f in ("id", "name", "domain")),
    )  # fmt: skip


def article_summary_columns(prefix: str) -> tuple[str, ...]:
    """The same columns for ``.values()`` (``article_summary_row`` reads them)."""
    return (
        f"{prefix}_id", *(f"{prefix}__{f}" for f in ("title", "url", "published_at", "outlet_id")),
        *(f"{prefix}__outlet__{f}" for f in ("name", "domain")),
    )  # fmt: skip


# The body stays out of the public API (readers follow the article's own URL); internal columns too.
PUBLIC_FIELDS = (
    "id",
    "title",
    "url",
    "published_at",
    "language",
    "outlet",
    "outlet__id",
    "outlet__name",
    "outlet__domain",
)


def _visible_articles() -> QuerySet[Article]:
    published_items = (
        exists_per_row(model.objects.published().filter(article=OuterRef("pk"))) for model in reviewable_models()
    )
    return Article.objects.filter(reduce(or_, published_items))


def article_list_public() -> QuerySet[Article]:
    return _visible_articles().select_related("outlet").only(*PUBLIC_FIELDS)


def outlet_list_public() -> QuerySet[Outlet]:
    return Outlet.objects.filter(Exists(_visible_articles().filter(outlet=OuterRef("pk"))))
