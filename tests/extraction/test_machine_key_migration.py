"""The migrations that introduced machine keys fill them in for rows stored before them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.extraction.keys import claim_key, commitment_key, quote_key

BEFORE = [
    ("claims", "0002_claim_text_search_index"),
    ("quotes", "0002_quote_text_search_index"),
    ("commitments", "0001_initial"),
]
AFTER = [("claims", "0003_machine_key"), ("quotes", "0003_machine_key"), ("commitments", "0002_machine_key")]


@pytest.mark.django_db(transaction=True)
def test_backfill_gives_every_existing_row_its_key():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Article = old.get_model("articles", "Article")
    Actor = old.get_model("actors", "Actor")
    article = Article.objects.create(title="t", body="Italy will send 300 troops.", body_sha256="x" * 64)
    italy = Actor.objects.create(name="Italy", kind="country", country_code="IT")
    old.get_model("claims", "Claim").objects.create(
        article=article,
        text="300 troops",
        start=17,
        end=27,
        kind="quantitative",
        quantity_value=Decimal("300.000000"),
        quantity_unit="troops",
    )
    old.get_model("quotes", "Quote").objects.create(article=article, text="Italy", start=0, end=5)
    old.get_model("commitments", "Commitment").objects.create(
        article=article, actor=italy, stance="committed", action="send troops", start=0, end=27
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    claim = new.get_model("claims", "Claim").objects.get()
    quote = new.get_model("quotes", "Quote").objects.get()
    commitment = new.get_model("commitments", "Commitment").objects.get()
    assert claim.machine_key == claim_key(start=17, end=27, kind="quantitative", unit="troops", value=Decimal("300"))
    assert claim.machine_key.endswith("|troops|300")
    assert quote.machine_key == quote_key(start=0, end=5)
    assert commitment.machine_key == commitment_key(start=0, end=27, actor_id=italy.pk, stance="committed")

    # Leave the schema as the other tests expect it.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
