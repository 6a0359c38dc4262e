from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce

from apps.articles.filters import ArticleFilter, OutletFilter
from apps.articles.selectors import article_list_public, outlet_list_public
from apps.articles.serializers import ArticleSerializer, OutletSerializer
from apps.common.api.ordering import EPOCH
from apps.common.api.views import PublicReadOnlyViewSet


class ArticleViewSet(PublicReadOnlyViewSet):
    """Articles with at least one published claim, quote or commitment."""

    selector = article_list_public
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    ordering_fields = {"id": F("id"), "published_at": Coalesce("published_at", EPOCH)}


class OutletViewSet(PublicReadOnlyViewSet):
    """Publishers with at least one visible article."""

    selector = outlet_list_public
    serializer_class = OutletSerializer
    filterset_class = OutletFilter
    ordering_fields = {"id": F("id"), "name": F("name")}
    default_ordering = "name"
