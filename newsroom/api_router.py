"""The one router of the public API, under /api/v1/.

Each app adds its viewsets with one line, ``router.register("<resource>", <ViewSet>, basename="<name>")``,
either here or from its own ``api.py`` (imported below). Every viewset should subclass
``apps.common.api.views.PublicReadOnlyViewSet`` so it inherits the published-only, anonymous, throttled,
cursor-paginated and cacheable behaviour.
"""

from rest_framework.routers import DefaultRouter

from apps.articles.api import ArticleViewSet, OutletViewSet
from apps.claims.api import ClaimViewSet
from apps.commitments.api import ActorWithTimelineViewSet, CommitmentViewSet
from apps.quotes.api import QuoteViewSet
from apps.tracking.api import register as register_tracking

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("outlets", OutletViewSet, basename="outlet")
# The actors resource with its commitments timeline (the timeline belongs to the commitments app).
router.register("actors", ActorWithTimelineViewSet, basename="actor")
router.register("claims", ClaimViewSet, basename="claim")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("commitments", CommitmentViewSet, basename="commitment")

# tracking (apps/tracking): initiatives, ledgers, claim groups, findings, actor stances
register_tracking(router)
