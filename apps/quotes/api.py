from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce

from apps.common.api.ordering import EPOCH
from apps.common.api.views import PublicReadOnlyViewSet
from apps.quotes.filters import QuoteFilter
from apps.quotes.selectors import quote_list_public
from apps.quotes.serializers import QuoteSerializer


class QuoteViewSet(PublicReadOnlyViewSet):
    """Quotes editors verified or corrected, newest first."""

    selector = quote_list_public
    serializer_class = QuoteSerializer
    filterset_class = QuoteFilter
    ordering_fields = {
        "id": F("id"),
        "published_at": Coalesce("article__published_at", EPOCH),
        "reviewed_at": Coalesce("reviewed_at", EPOCH),
    }
