"""Claims as the API shows them (see apps/articles/serializers.py for why the representation is built
directly)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.actors.serializers import ActorSummarySerializer, actor_summary_data, actor_summary_row
from apps.articles.serializers import ArticleSummarySerializer, article_summary_data, article_summary_row
from apps.claims.models import Claim
from apps.common.api.fields import SelfLinkField
from apps.common.api.links import api_link
from apps.review.api import ReviewedItemSerializer


class QuantitySerializer(serializers.Serializer):
    value = serializers.FloatField(read_only=True)
    unit = serializers.CharField(read_only=True)
    qualifier = serializers.CharField(read_only=True, help_text='e.g. "more than", "about"; empty when exact.')


def quantity_data(value, unit: str, qualifier: str) -> dict | None:
    if value is None:
        return None
    number = int(value) if value == int(value) else float(value)
    return {"value": number, "unit": unit, "qualifier": qualifier}


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
