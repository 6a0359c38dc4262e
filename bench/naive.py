"""The same resources served the naive way, for the benchmark's comparison only: querysets without
select_related/defer (one query per related object and row) and offset pagination (with its COUNT)."""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.routers import SimpleRouter

from apps.claims.api import ClaimViewSet
from apps.claims.models import Claim
from apps.commitments.api import CommitmentViewSet
from apps.commitments.models import Commitment


class NaivePagination(LimitOffsetPagination):
    default_limit = 20
    max_limit = 100


class NaiveClaimViewSet(ClaimViewSet):
    pagination_class = NaivePagination
    row_selector = None  # model instances, one query per related object

    @staticmethod
    def selector():
        return Claim.objects.published()


class NaiveCommitmentViewSet(CommitmentViewSet):
    pagination_class = NaivePagination
    row_selector = None

    @staticmethod
    def selector():
        return Commitment.objects.published()


router = SimpleRouter()
router.register("claims", NaiveClaimViewSet, basename="naive-claim")
router.register("commitments", NaiveCommitmentViewSet, basename="naive-commitment")
