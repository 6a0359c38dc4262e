"""PostgreSQL full-text search: stemming, web-search syntax, and the GIN expression index being used."""

from __future__ import annotations

import pytest

from apps.claims.models import Claim
from apps.common.api.filters import full_text_search
from apps.quotes.models import Quote
from apps.review.statuses import ReviewStatus
from tests.factories import ClaimFactory, QuoteFactory

from .conftest import ids

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_search_uses_stemming_and_web_search_syntax(client, on_postgres):
    sent = ClaimFactory(text="France is sending troops to the reassurance force.", review_status=ReviewStatus.VERIFIED)
    fund = ClaimFactory(text="Germany funds air defence systems.", review_status=ReviewStatus.VERIFIED)
    assert ids(client.get("/api/v1/claims/", {"search": "send troop"})) == {sent.pk}
    assert ids(client.get("/api/v1/claims/", {"search": "france OR germany"})) == {sent.pk, fund.pk}
    assert ids(client.get("/api/v1/claims/", {"search": "france -troops"})) == set()
    assert ids(client.get("/api/v1/claims/", {"search": '"air defence"'})) == {fund.pk}
    quote = QuoteFactory(text="We will be committed partners", review_status=ReviewStatus.VERIFIED)
    assert ids(client.get("/api/v1/quotes/", {"search": "commitment partner"})) == {quote.pk}


@pytest.mark.parametrize(
    ("model", "table", "index"),
    [(Claim, "claims_claim", "claims_claim_text_fts"), (Quote, "quotes_quote", "quotes_quote_text_fts")],
)
def test_search_query_uses_the_gin_expression_index(on_postgres, model, table, index):
    """The API's search expression is the indexed one (the planner matches expressions exactly)."""
    with on_postgres.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s", [table, index])
        row = cursor.fetchone()
    assert row is not None, "the migration did not create the index"
    assert "gin" in row[0].lower() and "to_tsvector" in row[0]
    queryset = full_text_search(model.objects.only("id").order_by(), "text", "troops")
    sql, params = queryset.query.sql_with_params()
    with on_postgres.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert index in plan, plan
