"""Commitments as the API shows them (see apps/articles/serializers.py for why the representation is
built directly)."""

from __future__ import annotations

from rest_framework import serializers

from apps.actors.serializers import ActorSummarySerializer, actor_summary_data, actor_summary_row
from apps.articles.serializers import ArticleSummarySerializer, article_summary_data, article_summary_row
from apps.commitments.models import Commitment, Stance
from apps.common.api.fields import SelfLinkField, iso_date
from apps.common.api.links import api_link
from apps.review.api import ReviewedItemSerializer


class CommitmentSerializer(ReviewedItemSerializer):
    """A commitment, from a model instance or from a ``.values()`` row of ``commitment_rows_public``."""

    id = serializers.IntegerField(read_only=True)
    url = SelfLinkField("commitment-detail")
    actor = ActorSummarySerializer(read_only=True)
    stance = serializers.ChoiceField(choices=Stance.choices, read_only=True)
    action = serializers.CharField(read_only=True)
    condition = serializers.CharField(read_only=True)
    stated_on = serializers.DateField(read_only=True, allow_null=True)
    article = ArticleSummarySerializer(read_only=True)

    def to_representation(self, instance):
        context = self.context
        if isinstance(instance, dict):
            return self.row_representation(instance)
        return {
            "id": instance.pk,
            "url": api_link(context, "commitment-detail", instance.pk),
            "actor": actor_summary_data(instance.actor, context),
            "stance": instance.stance,
            "action": instance.action,
            "condition": instance.condition,
            "stated_on": iso_date(instance.stated_on),
            "article": article_summary_data(instance.article, context),
            **self.review_data(instance),
        }

    def row_representation(self, row: dict) -> dict:
        """The same representation from a row (apps/commitments/selectors.py: ROW_FIELDS)."""
        context = self.context
        pk = row["id"]
        return {
            "id": pk,
            "url": api_link(context, "commitment-detail", pk),
            "actor": actor_summary_row(row, "actor", context),
            "stance": row["stance"],
            "action": row["action"],
            "condition": row["condition"],
            "stated_on": iso_date(row["stated_on"]),
            "article": article_summary_row(row, "article", context),
            **self.review_row_data(Commitment, row),
        }


class TimelineEntrySerializer(CommitmentSerializer):
    """A commitment in an actor's timeline, with the stance it replaced."""

    previous_stance = serializers.ChoiceField(
        choices=Stance.choices, read_only=True, allow_null=True, help_text="The actor's stance in the entry before."
    )
    stance_changed = serializers.BooleanField(
        read_only=True, help_text="True when the stance differs from the previous entry's."
    )

    def to_representation(self, instance):
        return {
            **super().to_representation(instance),
            "previous_stance": instance.previous_stance,
            "stance_changed": instance.stance_changed,
        }
