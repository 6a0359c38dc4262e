"""Numbers as editors write them wherever an editor or reader sees one (one formatting module for the admin,
the correction summary and the public pages); the API keeps exact values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.claims.services import claim_correct, claim_review
from apps.common.formatting import number_text, quantity_text, score_text
from apps.review.admin import correction_lines
from apps.review.statuses import Action
from tests.factories import ClaimFactory


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((Decimal("1200000000"), "EUR", ""), "€1.2 billion"),
        ((Decimal("30000000"), "tonnes", "more than"), "more than 30 million tonnes"),
        ((Decimal("120000000.000000"), "EUR", "about"), "about €120 million"),
        ((Decimal("1200"), "troops", ""), "1,200 troops"),
        ((Decimal("2.5"), "percent", "about"), "about 2.5%"),
        ((Decimal("12345.5"), "", ""), "12,345.5"),
        ((None, "EUR", ""), ""),
    ],
)
def test_quantities_read_as_editors_write_them(args, expected):
    assert quantity_text(*args) == expected


def test_numbers_and_scores():
    assert number_text(999_999) == "999,999"
    assert number_text("1000000") == "1 million"
    assert score_text(0.8500000000000001) == "0.85"
    assert score_text(None) == "—"


@pytest.fixture
def big_claim(db):
    return ClaimFactory(
        text="The plan costs 1.2 billion euros.",
        quantity_value=Decimal("1200000000"),
        quantity_unit="EUR",
        quantity_qualifier="about",
        score=0.8500000000000001,
    )


@pytest.mark.django_db
def test_the_claims_queue_shows_grouped_numbers_and_two_decimal_scores(client, editor, big_claim):
    client.force_login(editor)
    html = client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert "about €1.2 billion" in html and "0.85" in html
    assert "0.8500000000000001" not in html and "1200000000" not in html
    page = client.get(reverse("admin:claims_claim_change", args=[big_claim.pk])).content.decode()
    assert "0.85" in page and "0.8500000000000001" not in page


@pytest.mark.django_db
def test_the_correction_summary_says_what_the_machine_said_as_editors_write_it(client, editor):
    claim = ClaimFactory(quantity_value=Decimal("120000000"), quantity_unit="EUR", quantity_qualifier="about")
    claim = claim_correct(claim=claim, editor=editor, quantity_value=Decimal("150000000"), note="budget annex")
    lines = " ".join(correction_lines(claim, claim.correction_groups))
    assert 'machine said <span class="nr-old">about €120 million</span>' in lines
    assert 'corrected to <span class="nr-new">about €150 million</span>' in lines


@pytest.mark.django_db
def test_the_api_keeps_the_exact_value(client, editor, big_claim):
    claim_review(claim=big_claim, action=Action.VERIFY, editor=editor)
    data = client.get(f"/api/v1/claims/{big_claim.pk}/").json()
    assert data["quantity"] == {"value": 1200000000, "unit": "EUR", "qualifier": "about"}
