"""Public API of the tracking app: published rows only, read-only, cursor-paginated."""

from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from apps.actors.models import Actor
from apps.common.api.caching import conditional_response
from apps.common.api.throttling import PublicAnonThrottle
from apps.common.api.views import PublicReadOnlyViewSet

from .models import ClaimGroup, Finding, Initiative
from .selectors import actor_stance_history, claim_group_list, initiative_ledger, initiative_list, published_findings
from .services.findings import finding_recorded_since


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Initiative
        fields = ["slug", "status"]


class InitiativeSerializer(serializers.ModelSerializer):
    actor_count = serializers.IntegerField(read_only=True)
    tracker_url = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "name",
            "slug",
            "description",
            "status",
            "actor_count",
            "tracker_url",
            "created_at",
            "updated_at",
        ]

    def get_tracker_url(self, obj) -> str:
        return f"/tracker/{obj.slug}/"


class InitiativeViewSet(PublicReadOnlyViewSet):
    """Initiatives editors accepted. ``/ledger/`` gives every actor's published stance, evidence and history."""

    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilter

    def get_queryset(self):
        return initiative_list(public=True)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def ledger(self, request, pk=None):
        initiative = self.get_object()
        ledger = initiative_ledger(initiative=initiative, published_only=True)
        return Response(
            {
                "initiative": InitiativeSerializer(initiative, context={"request": request}).data,
                "by_stance": {stance: len(entries) for stance, entries in ledger.by_stance().items()},
                "actors": [entry.as_dict() for entry in ledger.entries],
            }
        )


class ClaimMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="claim.id")
    text = serializers.CharField(source="claim.text")
    kind = serializers.CharField(source="claim.kind")
    quantity_value = serializers.DecimalField(
        source="claim.quantity_value", max_digits=30, decimal_places=6, allow_null=True
    )
    quantity_unit = serializers.CharField(source="claim.quantity_unit")
    review_status = serializers.CharField(source="claim.review_status")
    article = serializers.IntegerField(source="claim.article_id")
    outlet = serializers.CharField(source="claim.article.outlet.name", default="")
    published_at = serializers.DateTimeField(source="claim.article.published_at")


class ClaimGroupSerializer(serializers.ModelSerializer):
    claims = ClaimMemberSerializer(source="visible_members", many=True)

    class Meta:
        model = ClaimGroup
        fields = ["id", "label", "claims", "created_at", "updated_at"]


class ClaimGroupFilter(django_filters.FilterSet):
    claim = django_filters.NumberFilter(field_name="members__claim", label="Groups containing this claim id")

    class Meta:
        model = ClaimGroup
        fields = ["claim"]


class ClaimGroupViewSet(PublicReadOnlyViewSet):
    """The same claim reported by several articles. Only published claims are listed."""

    serializer_class = ClaimGroupSerializer
    filterset_class = ClaimGroupFilter

    def get_queryset(self):
        return claim_group_list(published_only=True)


class FindingSerializer(serializers.ModelSerializer):
    initiative: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor = serializers.CharField(source="actor.name", default=None)
    claim = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = ["id", "kind", "summary", "initiative", "actor", "claim", "review_status", "reviewed_at", "created_at"]

    def get_claim(self, obj) -> int | None:
        return obj.claim_id if obj.claim_id and obj.claim.is_published else None


class RecordedSinceSerializer(serializers.Serializer):
    """An actor listed under a finding's ``recorded_since`` (documents the field's items)."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class FindingDetailSerializer(FindingSerializer):
    """A finding with, for a count gap, the actors recorded with the claim's stance since its date."""

    recorded_since = serializers.SerializerMethodField()

    class Meta(FindingSerializer.Meta):
        fields = [*FindingSerializer.Meta.fields, "recorded_since"]

    @extend_schema_field(RecordedSinceSerializer(many=True))
    def get_recorded_since(self, obj) -> list[dict]:
        # The public ledger's statements only (``published_only=True``: confirmed links of verified or corrected
        # commitments in an accepted initiative, as /initiatives/{id}/ledger/ and the public tracker show):
        # the API must not reveal an unreviewed statement through a finding.
        return [{"id": e.actor.pk, "name": e.actor.name} for e in finding_recorded_since(obj, published_only=True)]


class FindingFilter(django_filters.FilterSet):
    initiative = django_filters.CharFilter(field_name="initiative__slug")

    class Meta:
        model = Finding
        fields = ["kind", "initiative"]


class FindingViewSet(PublicReadOnlyViewSet):
    """Consistency findings that editors reviewed and published."""

    serializer_class = FindingSerializer
    filterset_class = FindingFilter

    def get_queryset(self):
        return published_findings()

    def get_serializer_class(self):
        # ``recorded_since`` reads the finding's initiative's ledger (two queries): on the detail only, so a
        # list page costs the same whatever initiatives its findings belong to.
        return FindingDetailSerializer if self.action == "retrieve" else FindingSerializer


class ActorStanceSerializer(serializers.Serializer):
    actor = serializers.DictField()
    initiatives = serializers.ListField(child=serializers.DictField())


class ActorStanceViewSet(viewsets.ViewSet):
    """An actor's published stances on every initiative over time: ``/api/v1/actor-stances/{actor_id}/``."""

    serializer_class = ActorStanceSerializer
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicAnonThrottle]
    lookup_value_regex = "[0-9]{1,18}"

    @extend_schema(
        responses=ActorStanceSerializer,
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Actor id")],
    )
    def retrieve(self, request, pk=None):
        actor = get_object_or_404(Actor.objects.all(), pk=pk)
        histories = actor_stance_history(actor=actor, published_only=True)
        canonical = actor.canonical()
        return Response(
            {
                "actor": {"id": canonical.pk, "name": canonical.name, "kind": canonical.kind},
                "initiatives": [h.as_dict() for h in histories if h.initiative.is_public],
            }
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return conditional_response(request, response)


def register(router) -> None:
    """Add the tracking endpoints to the shared API router."""
    router.register("initiatives", InitiativeViewSet, basename="initiative")
    router.register("claim-groups", ClaimGroupViewSet, basename="claim-group")
    router.register("findings", FindingViewSet, basename="finding")
    router.register("actor-stances", ActorStanceViewSet, basename="actor-stances")
