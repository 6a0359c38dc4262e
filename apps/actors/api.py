from __future__ import annotations

from django.db.models import F

from apps.actors.filters import ActorFilter
from apps.actors.selectors import actor_list_public
from apps.actors.serializers import ActorSerializer
from apps.common.api.views import PublicReadOnlyViewSet


class ActorViewSet(PublicReadOnlyViewSet):
    """People, countries and organisations named in published claims, quotes or commitments."""

    # The actor's commitments timeline (/actors/{id}/commitments/) is added by apps/commitments/api.py,
    # which owns commitments and stances; the router registers that subclass.

    selector = actor_list_public
    serializer_class = ActorSerializer
    filterset_class = ActorFilter
    ordering_fields = {"id": F("id"), "name": F("name")}
    default_ordering = "name"
