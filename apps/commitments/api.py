from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce

from apps.commitments.filters import CommitmentFilter
from apps.commitments.selectors import commitment_list_public
from apps.commitments.serializers import CommitmentSerializer
from apps.common.api.ordering import EPOCH, EPOCH_DATE
from apps.common.api.views import PublicReadOnlyViewSet


class CommitmentViewSet(PublicReadOnlyViewSet):
    """Commitments editors verified or corrected: who said they will (or won't) do what, and when."""

    selector = commitment_list_public
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter
    ordering_fields = {
        "id": F("id"),
        "stated_on": Coalesce("stated_on", EPOCH_DATE),
        "published_at": Coalesce("article__published_at", EPOCH),
        "reviewed_at": Coalesce("reviewed_at", EPOCH),
    }
