"""Quotes as the API shows them (see apps/articles/serializers.py for why the representation is built
directly)."""

from __future__ import annotations

from rest_framework import serializers

from apps.actors.serializers import ActorSummarySerializer, actor_summary_data
from apps.articles.serializers import ArticleSummarySerializer, article_summary_data
from apps.common.api.fields import SelfLinkField
from apps.common.api.links import api_link
from apps.review.api import ReviewedItemSerializer


class QuoteSerializer(ReviewedItemSerializer):
    id = serializers.IntegerField(read_only=True)
    url = SelfLinkField("quote-detail")
    text = serializers.CharField(read_only=True)
    speaker = ActorSummarySerializer(read_only=True, allow_null=True)
    article = ArticleSummarySerializer(read_only=True)

    def to_representation(self, instance):
        context = self.context
        return {
            "id": instance.pk,
            "url": api_link(context, "quote-detail", instance.pk),
            "text": instance.text,
            "speaker": actor_summary_data(instance.speaker, context) if instance.speaker_id else None,
            "article": article_summary_data(instance.article, context),
            **self.review_data(instance),
        }
