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
from tests.tracking.scenario import september_copy

N = int(os.environ.get("REPRO_N", "300"))
_FIRST = dt.datetime(2024, 9, 4, 18, 0, tzinfo=dt.UTC)
_made = [0]


def _report(day: int):
    """One more copy of the story (each from a new outlet), ``day`` days after the first."""
    _made[0] += 1
    return september_copy(_made[0], day=day, first=_FIRST)


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
