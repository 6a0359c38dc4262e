"""Findings kept up to date batch by batch are those a full rebuild computes: the refresh skips count gaps only
when the batch cannot change them, and builds only the ledger entries a new stance conflict can involve."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.tracking.models import Finding, Initiative
from apps.tracking.services import articles_track, findings_refresh_for_initiative
from tests.factories import ArticleFactory, OutletFactory
from tests.tracking.scenario import SEPTEMBER, claim, claim_formally_committed, commit

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
    claim_formally_committed(article)
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


def _random_report(rng, n: int):
    """An invented report: two or three actors' stances and a count, from one of a few outlets (or none)."""
    outlet = rng.choice([None, "Outlet A", "Outlet B", "Outlet C"])
    value = rng.choice([1, 2, 3, 26])
    count = f"We have today {value} countries who have formally committed to the force"
    article = ArticleFactory(
        title=f"Random report {n}",
        body=SEPTEMBER + f"\n{count}.\nRandom report number {n}.\n",
        outlet=OutletFactory(name=outlet) if outlet else None,
        published_at=dt.datetime(2025, 9, 1, 12, 0, tzinfo=dt.UTC) + dt.timedelta(days=rng.randrange(60)),
    )
    commit(article, "France", "committed", "deploy as a reassurance force troops in Ukraine", "26 countries who")
    for actor in rng.sample(["Italy", "Germany", "Poland"], rng.randint(1, 2)):
        stance = rng.choice(["committed", "declined", "open"])
        commit(article, actor, stance, "send troops to Ukraine", "Italy will not send troops")
    claim(article, count, value, "countries")
    return article


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_batches_reviews_and_late_reports_equal_a_full_rebuild(settings, editor_user, seed):
    import random

    from apps.tracking.services import finding_review

    settings.NEWSROOM_STANCE_CONFLICT_PAIRS = 2  # small, so the bound on partners is reached
    rng = random.Random(seed)
    made = 0
    reviewed: dict[str, tuple] = {}
    for _step in range(7):
        batch = [_random_report(rng, made + k) for k in range(rng.randint(1, 3))]
        made += len(batch)
        articles_track(articles=batch)
        unreviewed = list(Finding.objects.unreviewed().order_by("key"))
        if unreviewed and rng.random() < 0.5:  # an editor publishes or dismisses one
            finding = rng.choice(unreviewed)
            finding_review(finding=finding, editor=editor_user, status=rng.choice(["verified", "dismissed"]))
            reviewed[finding.key] = (finding.summary, finding.details)
    incremental = _findings()
    assert {k.split(":")[0] for k, *_ in incremental} >= {"count_gap", "stance_conflict"}
    # Reviewed findings are exactly as the editor left them.
    now = {f.key: (f.summary, f.details) for f in Finding.objects.exclude(review_status="unreviewed")}
    assert now == reviewed

    Finding.objects.unreviewed().delete()
    for initiative in Initiative.objects.all():
        findings_refresh_for_initiative(initiative=initiative)
    assert _findings() == incremental


def test_a_new_statement_is_checked_against_a_bounded_number_of_earlier_ones(settings):
    settings.NEWSROOM_STANCE_CONFLICT_PAIRS = 3
    articles_track(articles=[_report(n, day=n % 5, stance="declined") for n in range(8)])
    late = _report(99, day=2, stance="open")
    articles_track(articles=[late])
    raised = Finding.objects.filter(kind=Finding.Kind.STANCE_CONFLICT, commitment__article=late)
    # Eight earlier sources said "declined" within the window (days 0-4): the closest three in date are named, the
    # latest reported first among those as close.
    partners = sorted(f.details["dates"][f.details["stances"].index("declined")] for f in raised)
    assert partners == ["2025-09-02", "2025-09-03", "2025-09-03"]
