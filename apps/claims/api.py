from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.claims.claimreview import claimreview_document
from apps.claims.filters import ClaimFilter
from apps.claims.selectors import claim_list_public, claim_rows_public
from apps.claims.serializers import ClaimSerializer
from apps.common.api.ordering import EPOCH
from apps.common.api.renderers import JSONLDRenderer
from apps.common.api.views import PublicReadOnlyViewSet


class ClaimViewSet(PublicReadOnlyViewSet):
    """Claims editors verified or corrected, newest first."""

    selector = claim_list_public
    row_selector = claim_rows_public
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    ordering_fields = {
        "id": F("id"),
        "published_at": Coalesce("article__published_at", EPOCH),
        "reviewed_at": Coalesce("reviewed_at", EPOCH),
    }

    @extend_schema(
        summary="The claim as schema.org ClaimReview (JSON-LD)",
        responses={
            (200, "application/ld+json"): OpenApiResponse(OpenApiTypes.OBJECT, description="ClaimReview"),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="ClaimReview"),
        },
        filters=False,
    )
    @action(detail=True, renderer_classes=[JSONLDRenderer, JSONRenderer], pagination_class=None, filterset_class=None)
    def claimreview(self, request, pk=None):
        claim = self.get_object()
        # The review's address is the public page that carries it, not this endpoint.
        url = request.build_absolute_uri(reverse("public:claim", args=[claim.pk]))
        return Response(claimreview_document(claim, url=url))
