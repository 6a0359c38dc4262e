"""Tracking one new article against one large initiative (a repro of the findings refresh's growth).

    REPRO_N=300 pytest bench/findings_scale.py -s -p no:cacheprovider    # SQLite; compare with REPRO_N=1500

Stores REPRO_N reports of the same story (one day apart, each a new outlet; 3 commitments and 2 counting claims
each) linked to one initiative with its findings computed, then tracks one more report under cProfile and
prints the CPU seconds, queries and the profile's heaviest tracking functions. A measurement, not a test.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import os
import pstats
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.claims.models import Claim
from apps.commitments.models import Commitment
from apps.tracking.models import CommitmentInitiative, Finding, Initiative
from apps.tracking.services import articles_track, findings_refresh_for_initiative
from apps.tracking.services.claims import claims_index
from tests.factories import ArticleFactory, OutletFactory
from tests.tracking.scenario import SEPTEMBER, claim, commit

N = int(os.environ.get("REPRO_N", "300"))
_made = [0]


def _report(day: int):
    _made[0] += 1
    k = _made[0]
    article = ArticleFactory(
        title=f"Coalition report {k}",
        body=SEPTEMBER + f"\nReported by outlet {k}.\n",
        outlet=OutletFactory(name=f"Outlet copy {k}"),
        published_at=dt.datetime(2024, 9, 4, 18, 0, tzinfo=dt.UTC) + dt.timedelta(days=day),
    )
    commit(article, "France", "committed", "deploy as a reassurance force troops in Ukraine", "26 countries who")
    commit(article, "Italy", "declined" if day % 2 else "open", "send troops to Ukraine", "Italy will not send troops")
    commit(article, "Russia", "opposed", "agree to the deployment of foreign troops", "Moscow would not agree")
    claim(
        article,
        "We have today 26 countries who have formally committed — some others have not yet taken "
        "a position — to deploy as a 'reassurance force' troops in Ukraine",
        26,
        "countries",
    )
    claim(article, "More than two dozen countries have pledged to join a force", 24, "countries", "more than")
    return article


@pytest.mark.django_db
def test_track_one_report_against_a_large_initiative():
    articles_track(articles=[_report(n) for n in range(3)])
    initiative = Initiative.objects.get()
    stored = [_report(n) for n in range(N)]
    CommitmentInitiative.objects.bulk_create(
        [
            CommitmentInitiative(commitment=c, initiative=initiative, score=0.9)
            for c in Commitment.objects.filter(article__in=stored)
        ]
    )
    claims_index(claims=list(Claim.objects.select_related("article")))
    findings_refresh_for_initiative(initiative=initiative)
    new = _report(N + 1)
    profile = cProfile.Profile()
    cpu = time.process_time()
    with CaptureQueriesContext(connection) as queries:
        profile.enable()
        [result] = articles_track(articles=[new])
        profile.disable()
    cpu = time.process_time() - cpu
    print(f"stored {N}: {cpu:.2f} s CPU, {len(queries)} queries, {Finding.objects.count()} findings")
    pstats.Stats(profile).sort_stats("cumulative").print_stats("tracking", 12)
    assert result.links == 3
