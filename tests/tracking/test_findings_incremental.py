"""Findings kept up to date batch by batch are those a full rebuild computes: the refresh skips count gaps only
when the batch cannot change them, and builds only the ledger entries a new stance conflict can involve."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.tracking.models import Finding, Initiative
from apps.tracking.services import articles_track, findings_refresh_for_initiative
from tests.factories import ArticleFactory, OutletFactory
from tests.tracking.scenario import SEPTEMBER, claim, commit

pytestmark = pytest.mark.django_db


def _report(n: int, day: int, stance: str):
    """An invented follow-up report: the same statements, from another outlet, on a given day."""
    article = ArticleFactory(
        title=f"Follow-up {n}",
        body=SEPTEMBER + f"\nFollow-up number {n}.\n",
        outlet=OutletFactory(name=f"Outlet {n}"),
        published_at=dt.datetime(2025, 9, 1, 12, 0, tzinfo=dt.UTC) + dt.timedelta(days=day),
    )
    commit(article, "France", "committed", "deploy as a reassurance force troops in Ukraine", "26 countries who")
    commit(article, "Italy", stance, "send troops to Ukraine", "Italy will not send troops")
    claim(
        article,
        "We have today 26 countries who have formally committed — some others have not yet taken "
        "a position — to deploy as a 'reassurance force' troops in Ukraine",
        26,
        "countries",
    )
    return article


def _findings():
    return sorted(Finding.objects.values_list("key", "summary", "details", "claim_id", "commitment_id"))


def test_findings_after_batches_equal_a_full_rebuild():
    # Days out of order, repeated statements inside a period (gaps unchanged) and stance changes (gaps change),
    # some within the stance-conflict window of each other and some far apart.
    plan = [(0, "declined"), (40, "declined"), (3, "open"), (41, "declined"), (80, "open"), (2, "declined")]
    plan += [(81, "open"), (120, "committed"), (60, "declined")]
    for n, (day, stance) in enumerate(plan):
        articles_track(articles=[_report(n, day, stance)])
    incremental = _findings()
    assert {k.split(":")[0] for k, *_ in incremental} >= {"count_gap", "stance_conflict"}

    Finding.objects.all().delete()
    for initiative in Initiative.objects.all():
        findings_refresh_for_initiative(initiative=initiative)
    assert _findings() == incremental
