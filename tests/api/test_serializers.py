"""The serializers build their output directly for speed: it must equal what DRF's generic
field-by-field path gives for the declared fields (which the OpenAPI schema describes)."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from apps.actors.serializers import ActorSerializer, ActorSummarySerializer
from apps.articles.serializers import ArticleSerializer, ArticleSummarySerializer, OutletSerializer
from apps.claims.serializers import ClaimSerializer
from apps.commitments.serializers import CommitmentSerializer, TimelineEntrySerializer
from apps.quotes.serializers import QuoteSerializer
from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, CommitmentFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    return {"request": APIRequestFactory().get("/api/v1/")}


def both_paths(serializer_class, instance, context):
    fast = serializer_class(instance, context=context).data
    generic = serializers.Serializer.to_representation(serializer_class(instance, context=context), instance)
    return dict(fast), dict(generic)


def test_item_serializers_match_the_generic_path(context):
    actor = ActorFactory()
    article = ArticleFactory(url="https://example.org/x", published_at=dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    claim = ClaimFactory(
        article=article, speaker=actor, review_status=ReviewStatus.CORRECTED, reviewed_at=dt.datetime.now(dt.UTC)
    )
    quote = QuoteFactory(article=article, speaker=None, review_status=ReviewStatus.VERIFIED)
    commitment = CommitmentFactory(article=article, review_status=ReviewStatus.VERIFIED, stated_on=None)
    for serializer_class, instance in [
        (ClaimSerializer, claim),
        (QuoteSerializer, quote),
        (CommitmentSerializer, commitment),
        (ArticleSerializer, article),
        (ArticleSummarySerializer, ArticleFactory(outlet=None, url=None, published_at=None)),
        (OutletSerializer, article.outlet),
        (ActorSerializer, actor),
        (ActorSummarySerializer, actor),
    ]:
        fast, generic = both_paths(serializer_class, instance, context)
        assert fast == generic, serializer_class.__name__


def test_timeline_entry_matches_the_generic_path(context):
    commitment = CommitmentFactory(review_status=ReviewStatus.VERIFIED)
    commitment.previous_stance = "open"
    commitment.stance_changed = True
    fast, generic = both_paths(TimelineEntrySerializer, commitment, context)
    assert fast == generic
