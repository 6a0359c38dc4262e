"""Articles and outlets as the API shows them.

The serializers declare their fields (for the OpenAPI schema and the browsable API) and build their
representation directly: DRF's generic field-by-field path costs several times more per row, and a
page has many rows. tests/api/test_serializers.py checks both paths give the same output.
"""

from __future__ import annotations

from rest_framework import serializers

from apps.common.api.fields import SelfLinkField, iso_datetime
from apps.common.api.links import api_link


def outlet_data(outlet, context: dict) -> dict:
    return {
        "id": outlet.pk,
        "url": api_link(context, "outlet-detail", outlet.pk),
        "name": outlet.name,
        "domain": outlet.domain,
    }


def article_summary_data(article, context: dict) -> dict:
    return {
        "id": article.pk,
        "url": api_link(context, "article-detail", article.pk),
        "title": article.title,
        "web_url": article.url,
        "outlet": outlet_data(article.outlet, context) if article.outlet_id else None,
        "published_at": iso_datetime(article.published_at),
    }


def article_summary_row(row: dict, prefix: str, context: dict) -> dict:
    """``article_summary_data`` from a ``.values()`` row with ``article_summary_columns(prefix)``."""
    pk, outlet_id = row[f"{prefix}_id"], row[f"{prefix}__outlet_id"]
    return {
        "id": pk,
        "url": api_link(context, "article-detail", pk),
        "title": row[f"{prefix}__title"],
        "web_url": row[f"{prefix}__url"],
        "outlet": {
            "id": outlet_id,
            "url": api_link(context, "outlet-detail", outlet_id),
            "name": row[f"{prefix}__outlet__name"],
            "domain": row[f"{prefix}__outlet__domain"],
        }
        if outlet_id
        else None,
        "published_at": iso_datetime(row[f"{prefix}__published_at"]),
    }


class OutletSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = SelfLinkField("outlet-detail")
    name = serializers.CharField(read_only=True)
    domain = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        return outlet_data(instance, self.context)


class ArticleSummarySerializer(serializers.Serializer):
    """An article as shown inside a claim, quote or commitment."""

    id = serializers.IntegerField(read_only=True)
    url = SelfLinkField("article-detail")
    title = serializers.CharField(read_only=True)
    web_url = serializers.URLField(
        source="url", read_only=True, allow_null=True, help_text="The article's own address."
    )
    outlet = OutletSerializer(read_only=True, allow_null=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def to_representation(self, instance):
        return article_summary_data(instance, self.context)


class ArticleSerializer(ArticleSummarySerializer):
    language = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        return {**article_summary_data(instance, self.context), "language": instance.language}
