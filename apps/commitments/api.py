from __future__ import annotations

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.actors.api import ActorViewSet
from apps.actors.serializers import ActorSummarySerializer
from apps.commitments.filters import CommitmentFilter
from apps.commitments.selectors import commitment_list_public, commitment_rows_public, commitment_timeline_public
from apps.commitments.serializers import CommitmentSerializer, TimelineEntrySerializer
from apps.commitments.stances import stance_runs
from apps.common.api.ordering import EPOCH, EPOCH_DATE
from apps.common.api.views import PublicReadOnlyViewSet


class CommitmentViewSet(PublicReadOnlyViewSet):
    """Commitments editors verified or corrected: who said they will (or won't) do what, and when."""

    selector = commitment_list_public
    row_selector = commitment_rows_public
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter
    ordering_fields = {
        "id": F("id"),
        "stated_on": Coalesce("stated_on", EPOCH_DATE),
        "published_at": Coalesce("article__published_at", EPOCH),
        "reviewed_at": Coalesce("reviewed_at", EPOCH),
    }


class ActorWithTimelineViewSet(ActorViewSet):
    """People, countries and organisations named in published claims, quotes or commitments."""

    @extend_schema(
        summary="The actor's commitments in date order, with stance changes",
        filters=False,
        responses=inline_serializer(
            "ActorTimeline",
            fields={
                "actor": ActorSummarySerializer(),
                "truncated": serializers.BooleanField(help_text="True when only the first entries are listed."),
                "results": TimelineEntrySerializer(many=True),
            },
        ),
    )
    @action(detail=True, url_path="commitments", url_name="commitments", pagination_class=None, filterset_class=None)
    def commitments(self, request, pk=None):
        actor = self.get_object()
        limit = settings.NEWSROOM_API_TIMELINE_LIMIT
        rows = list(
            commitment_timeline_public(actor_id=actor.pk).order_by(F("stated_on").asc(nulls_last=True), "id")[
                : limit + 1
            ]
        )
        truncated = len(rows) > limit
        rows = rows[:limit]
        for run in stance_runs(rows, lambda row: row.stance):
            for k, row in enumerate(run.items):
                row.previous_stance = run.previous_stance if k == 0 else run.stance
                row.stance_changed = k == 0 and run.previous_stance is not None
        context = self.get_serializer_context()
        return Response(
            {
                "actor": ActorSummarySerializer(actor, context=context).data,
                "truncated": truncated,
                "results": TimelineEntrySerializer(rows, many=True, context=context).data,
            }
        )
