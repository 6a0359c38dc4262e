"""Claims as the API shows them (see apps/articles/serializers.py for why the representation is built
directly)."""

from __future__ import annotations

from collections.abc import Callable

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.actors.serializers import (
    ActorSummarySerializer,
    actor_summary_data,
    actor_summary_row,
    actor_summary_row_writer,
)
from apps.articles.serializers import (
    ArticleSummarySerializer,
    article_summary_data,
    article_summary_row,
    article_summary_row_writer,
)
from apps.claims.models import Claim
from apps.common.api.fields import SelfLinkField
from apps.common.api.links import api_link, json_link_template
from apps.common.api.rawjson import number, string
from apps.review.api import ReviewedItemSerializer, review_row_writer


class QuantitySerializer(serializers.Serializer):
    value = serializers.FloatField(read_only=True)
    unit = serializers.CharField(read_only=True)
    qualifier = serializers.CharField(read_only=True, help_text='e.g. "more than", "about"; empty when exact.')


def quantity_data(value, unit: str, qualifier: str) -> dict | None:
    if value is None:
        return None
    number = int(value) if value == int(value) else float(value)
    return {"value": number, "unit": unit, "qualifier": qualifier}


def quantity_json(value, unit: str, qualifier: str) -> str:
    """``quantity_data`` written as JSON."""
    if value is None:
        return "null"
    number_ = int(value) if value == int(value) else float(value)
    return f'{{"value":{number(number_)},"unit":{string(unit)},"qualifier":{string(qualifier)}}}'


class ClaimSerializer(ReviewedItemSerializer):
    """A claim, from a model instance or from a ``.values()`` row of ``claim_rows_public`` (list and detail)."""

    id = serializers.IntegerField(read_only=True)
    url = SelfLinkField("claim-detail")
    claimreview_url = SelfLinkField("claim-claimreview", help_text="This claim as schema.org ClaimReview JSON-LD.")
    text = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    quantity = serializers.SerializerMethodField()
    speaker = ActorSummarySerializer(read_only=True, allow_null=True)
    article = ArticleSummarySerializer(read_only=True)

    @extend_schema_field(QuantitySerializer(allow_null=True))
    def get_quantity(self, obj):
        return quantity_data(obj.quantity_value, obj.quantity_unit, obj.quantity_qualifier)

    def to_representation(self, instance):
        if isinstance(instance, dict):
            return self.row_representation(instance)
        context = self.context
        return {
            "id": instance.pk,
            "url": api_link(context, "claim-detail", instance.pk),
            "claimreview_url": api_link(context, "claim-claimreview", instance.pk),
            "text": instance.text,
            "kind": instance.kind,
            "quantity": self.get_quantity(instance),
            "speaker": actor_summary_data(instance.speaker, context) if instance.speaker_id else None,
            "article": article_summary_data(instance.article, context),
            **self.review_data(instance),
        }

    def row_representation(self, row: dict) -> dict:
        """The same representation from a row (apps/claims/selectors.py: ROW_FIELDS)."""
        context = self.context
        pk = row["id"]
        return {
            "id": pk,
            "url": api_link(context, "claim-detail", pk),
            "claimreview_url": api_link(context, "claim-claimreview", pk),
            "text": row["text"],
            "kind": row["kind"],
            "quantity": quantity_data(row["quantity_value"], row["quantity_unit"], row["quantity_qualifier"]),
            "speaker": actor_summary_row(row, "speaker", context),
            "article": article_summary_row(row, "article", context),
            **self.review_row_data(Claim, row),
        }

    def row_json_writer(self) -> Callable[[dict], str]:
        """A function writing ``row_representation`` as JSON (apps/common/api/rawjson.py): the bytes DRF's
        renderer writes for it, without building the dicts. Made once per page (links, keys)."""
        context = self.context
        start, end = json_link_template(context, "claim-detail")
        review_start, review_end = json_link_template(context, "claim-claimreview")
        speaker = actor_summary_row_writer("speaker", context)
        article = article_summary_row_writer("article", context)
        review = review_row_writer(Claim)

        def write(row: dict) -> str:
            pk = int(row["id"])
            return (
                f'{{"id":{pk},"url":{start}{pk}{end},"claimreview_url":{review_start}{pk}{review_end},'
                f'"text":{string(row["text"])},"kind":{string(row["kind"])},'
                f'"quantity":{quantity_json(row["quantity_value"], row["quantity_unit"], row["quantity_qualifier"])},'
                f'"speaker":{speaker(row)},"article":{article(row)},{review(row)}}}'
            )

        return write
