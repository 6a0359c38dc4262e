"""The webhook transitions read the reviewable kinds and their declared fields from the registry."""

from __future__ import annotations

from django.db.models.signals import post_save

from apps.claims.models import Claim
from apps.commitments.models import Commitment
from apps.quotes.models import Quote
from apps.review.registry import reviewable_models
from apps.webhooks import transitions


def test_public_fields_come_from_each_kinds_declared_correctable_fields():
    assert set(transitions.public_fields(Claim)) == {
        "text", "kind", "quantity_value", "quantity_unit", "quantity_qualifier", "speaker_id",
    }  # fmt: skip
    assert set(transitions.public_fields(Quote)) == {"text", "speaker_id"}
    assert set(transitions.public_fields(Commitment)) == {"actor_id", "stance", "action", "condition", "stated_on"}
    assert [transitions.item_type(m) for m in (Claim, Quote, Commitment)] == ["claim", "quote", "commitment"]


def test_every_reviewable_kind_is_watched():
    for model in reviewable_models():
        assert post_save.has_listeners(model)
        assert any(key[0] == f"webhooks-{model._meta.label_lower}" for key, *_ in post_save.receivers), (
            model._meta.label
        )
