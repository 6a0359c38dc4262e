"""Articles and outlets as the API shows them.

The serializers declare their fields (for the OpenAPI schema and the browsable API) and build their
representation directly: DRF's generic field-by-field path costs several times more per row, and a
page has many rows. tests/api/test_serializers.py checks both paths give the same output.
"""

from __future__ import annotations

from collections.abc import Callable

from rest_framework import serializers

from apps.common.api.fields import SelfLinkField, iso_datetime, iso_datetime_json
from apps.common.api.links import api_link, json_link_template
from apps.common.api.rawjson import string


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


def article_summary_row_writer(prefix: str, context: dict) -> Callable[[dict], str]:
    """``article_summary_row`` written as JSON (apps/common/api/rawjson.py), by a function made once per page."""
    start, end = json_link_template(context, "article-detail")
    outlet_start, outlet_end = json_link_template(context, "outlet-detail")
    id_key, title_key, url_key, published_key, outlet_key, name_key, domain_key = (
        f"{prefix}_id", f"{prefix}__title", f"{prefix}__url", f"{prefix}__published_at", f"{prefix}__outlet_id",
        f"{prefix}__outlet__name", f"{prefix}__outlet__domain",
    )  # fmt: skip

    def write(row: dict) -> str:
        pk, outlet_id, web_url, published_at = row[id_key], row[outlet_key], row[url_key], row[published_key]
        if outlet_id:
            outlet = (
                f'{{"id":{int(outlet_id)},"url":{outlet_start}{int(outlet_id)}{outlet_end},'
                f'"name":{string(row[name_key])},"domain":{string(row[domain_key])}}}'
            )
        else:
            outlet = "null"
        return (
            f'{{"id":{int(pk)},"url":{start}{int(pk)}{end},"title":{string(row[title_key])},'
            f'"web_url":{"null" if web_url is None else string(web_url)},"outlet":{outlet},'
            f'"published_at":{iso_datetime_json(published_at)}}}'
        )

    return write


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
