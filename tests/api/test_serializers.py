"""The serializers build their output directly for speed: it must equal what DRF's generic
field-by-field path gives for the declared fields (which the OpenAPI schema describes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from apps.actors.serializers import ActorSerializer, ActorSummarySerializer
from apps.articles.serializers import ArticleSerializer, ArticleSummarySerializer, OutletSerializer
from apps.claims.selectors import claim_list_public
from apps.claims.serializers import ClaimSerializer
from apps.commitments.selectors import commitment_list_public
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


def test_claim_rows_give_what_instances_give(client, context):
    """List and detail pages read ``.values()`` rows (apps/claims/selectors.py), webhooks and the ClaimReview
    read model instances: the same claim must look the same both ways, merged speakers, corrections and
    missing parts included."""
    kept = ActorFactory(name="Kept Speaker")
    duplicate = ActorFactory(name="Duplicate Speaker", merged_into=kept)
    bare = ArticleFactory(outlet=None, url=None, published_at=None)
    V, C = ReviewStatus.VERIFIED, ReviewStatus.CORRECTED
    by_machine = ClaimFactory(speaker=duplicate, review_status=V, machine_values={})
    edited = ClaimFactory(
        speaker=kept, review_status=V, text="Edited text.", machine_values={"text": "Machine text."},
        quantity_value=Decimal("27.5"), quantity_unit="percent", quantity_qualifier="about",
    )  # fmt: skip
    ClaimFactory(speaker=None, article=bare, review_status=C, quantity_value=Decimal("3"), quantity_unit="")
    ClaimFactory(review_status=ReviewStatus.UNREVIEWED)  # never listed
    listed = client.get("/api/v1/claims/").json()["results"]
    assert len(listed) == 3
    for item in listed:
        instance = claim_list_public().get(pk=item["id"])
        assert item == ClaimSerializer(instance, context=context).data
        assert item == client.get(f"/api/v1/claims/{item['id']}/").json()
    by_id = {item["id"]: item for item in listed}
    assert by_id[by_machine.pk]["speaker"]["id"] == kept.pk and by_id[by_machine.pk]["corrected"] is False
    assert by_id[edited.pk]["corrected"] is True
    assert by_id[edited.pk]["quantity"] == {"value": 27.5, "unit": "percent", "qualifier": "about"}


def test_commitment_rows_give_what_instances_give(client, context):
    kept = ActorFactory(name="Kept Actor")
    duplicate = ActorFactory(name="Duplicate Actor", merged_into=kept)
    by_machine = CommitmentFactory(actor=duplicate, review_status=ReviewStatus.VERIFIED, stated_on=None)
    edited = CommitmentFactory(
        actor=kept, review_status=ReviewStatus.VERIFIED, stance="committed", machine_values={"stance": "open"}
    )
    CommitmentFactory(review_status=ReviewStatus.DISMISSED)  # never listed
    listed = client.get("/api/v1/commitments/").json()["results"]
    assert len(listed) == 2
    for item in listed:
        instance = commitment_list_public().get(pk=item["id"])
        assert item == CommitmentSerializer(instance, context=context).data
        assert item == client.get(f"/api/v1/commitments/{item['id']}/").json()
    by_id = {item["id"]: item for item in listed}
    assert by_id[by_machine.pk]["actor"]["id"] == kept.pk and by_id[by_machine.pk]["corrected"] is False
    assert by_id[edited.pk]["corrected"] is True
