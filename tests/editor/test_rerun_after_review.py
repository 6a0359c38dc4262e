"""What editors did survives a machine re-run, including a corrected item a Chief editor reopened."""

import pytest

from apps.claims.services import claim_correct, claim_review
from apps.commitments.services import commitment_correct
from apps.extraction.persist import extraction_persist
from apps.quotes.services import quote_correct
from apps.review.corrections import is_corrected
from apps.review.statuses import Action, Origin, ReviewStatus
from tests.extraction.test_persist import BODY, make_extraction
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    from django.utils import timezone

    a = ArticleFactory(body=BODY, published_at=timezone.now())
    extraction_persist(article=a, extraction=make_extraction())
    return a


def test_corrected_then_reopened_claim_is_not_overwritten_by_a_rerun(article, editor, chief):
    claim = article.claims.get()
    claim_correct(claim=claim, editor=editor, quantity_value=27, note="ministry")
    claim_review(action=Action.VERIFY, claim=claim, editor=editor)
    claim_review(action=Action.REOPEN, claim=claim, editor=chief, note="check again")
    extraction_persist(article=article, extraction=make_extraction(value=26))
    claims = list(article.claims.all())
    assert len(claims) == 1  # linked, not duplicated
    claim = claims[0]
    assert claim.quantity_value == 27 and claim.origin == Origin.EDITOR
    assert claim.review_status == ReviewStatus.UNREVIEWED and is_corrected(claim)
    assert claim.machine_candidate and claim.machine_candidate["quantity_value"] == "26"


def test_corrections_of_each_kind_survive_a_rerun(article, editor):
    quote, commitment = article.quotes.get(), article.commitments.get()
    someone = ActorFactory(name="Someone Else")
    quote_correct(quote=quote, editor=editor, speaker=someone)
    commitment_correct(commitment=commitment, editor=editor, stance="conditional")
    extraction_persist(article=article, extraction=make_extraction())
    assert article.quotes.get().speaker == someone
    assert article.commitments.get().stance == "conditional"
    assert article.quotes.count() == 1 and article.commitments.count() == 1
