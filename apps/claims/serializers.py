"""Claims as the API shows them (see apps/articles/serializers.py for why the representation is built
directly)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.actors.serializers import ActorSummarySerializer, actor_summary_data
from apps.articles.serializers import ArticleSummarySerializer, article_summary_data
from apps.common.api.fields import SelfLinkField
from apps.common.api.links import api_link
from apps.review.api import ReviewedItemSerializer


class QuantitySerializer(serializers.Serializer):
    value = serializers.FloatField(read_only=True)
    unit = serializers.CharField(read_only=True)
    qualifier = serializers.CharField(read_only=True, help_text='e.g. "more than", "about"; empty when exact.')


class ClaimSerializer(ReviewedItemSerializer):
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
        if obj.quantity_value is None:
            return None
        value = obj.quantity_value
        number = int(value) if value == int(value) else float(value)
        return {"value": number, "unit": obj.quantity_unit, "qualifier": obj.quantity_qualifier}

    def to_representation(self, instance):
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
