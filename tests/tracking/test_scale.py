"""Tracking at scale: its cost per article does not grow with the archive, and two workers tracking the same
articles at once lose nothing (PostgreSQL, two real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.articles.models import Article
from apps.commitments.models import Commitment
from apps.tracking.models import ClaimGroupMember, ClaimMatch, CommitmentInitiative, Finding, Initiative, MatchStatus
from apps.tracking.services import articles_track, findings_refresh_for_initiative
from tests.tracking.scenario import november_article, september_copy, stored_article

ROOT = Path(__file__).resolve().parents[2]


# --- cost per article -------------------------------------------------------------------------------------------


def _queries_to_track_a_new_article(n: int) -> int:
    article = stored_article(n)
    with CaptureQueriesContext(connection) as queries:
        [result] = articles_track(articles=[article])
    assert result.links == 2 and result.matches >= 1  # it did its work: linked and matched
    return len(queries)


@pytest.mark.django_db
def test_tracking_one_article_costs_the_same_queries_with_10_or_60_stored(settings):
    settings.NEWSROOM_MATCH_CANDIDATES = 20
    articles_track(articles=[stored_article(n) for n in range(10)])
    with_10 = _queries_to_track_a_new_article(1000)
    articles_track(articles=[stored_article(n) for n in range(10, 60)])
    with_60 = _queries_to_track_a_new_article(1001)

    assert with_10 == with_60
    assert with_60 <= 60
    # The new claims were matched with a bounded set of candidates, and grouped with the stored copies.
    newest = ClaimMatch.objects.filter(claim__article__title__isnull=False).order_by("-claim_id").first()
    assert ClaimMatch.objects.filter(claim_id=newest.claim_id).count() <= settings.NEWSROOM_MATCH_CANDIDATES
    assert (
        ClaimGroupMember.objects.filter(claim__text__startswith="26 countries").values("group").distinct().count() == 1
    )


def test_a_batch_gives_what_one_article_at_a_time_gives(db):
    """The batch task's profiles and ledgers, built once, give the same links and findings."""
    articles = [stored_article(n) for n in range(6)]
    articles_track(articles=articles)
    batch = (
        sorted(CommitmentInitiative.objects.values_list("commitment_id", "initiative__slug")),
        sorted(Finding.objects.values_list("key", flat=True)),
        sorted(ClaimMatch.objects.values_list("claim_id", "candidate_id", "status")),
    )
    for model in (ClaimMatch, Finding, CommitmentInitiative, ClaimGroupMember, Initiative):
        model.objects.all().delete()
    for article in articles:
        articles_track(articles=[article])
    one_by_one = (
        sorted(CommitmentInitiative.objects.values_list("commitment_id", "initiative__slug")),
        sorted(Finding.objects.values_list("key", flat=True)),
        sorted(ClaimMatch.objects.values_list("claim_id", "candidate_id", "status")),
    )
    assert batch == one_by_one
    assert batch[1], "the scenario should give findings (stance conflicts between outlets)"


# --- two workers at once ---------------------------------------------------------------------------------------


def _snapshot():
    return (
        sorted(ClaimMatch.objects.values_list("claim_id", "candidate_id")),
        sorted(ClaimGroupMember.objects.values_list("claim_id", "group_id")),
        sorted(Finding.objects.values_list("key", flat=True)),
        sorted(CommitmentInitiative.objects.values_list("commitment_id", "initiative_id")),
        sorted(Initiative.objects.values_list("pk", flat=True)),
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_processes_tracking_the_same_articles_at_once_lose_nothing(on_postgres):
    articles = [september_copy(n) for n in range(8)] + [november_article()]
    ids = [a.pk for a in articles]
    db = connection.settings_dict  # the test database: the subprocesses must write where this test reads
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
    }
    env.pop("CELERY_BROKER_URL", None)
    # One worker goes oldest first one article at a time, the other newest first in pairs: they meet midway.
    forwards = [sys.executable, "manage.py", "track", "--batch", "1", *map(str, ids)]
    backwards = [
        sys.executable,
        "manage.py",
        "shell",
        "-c",
        "from apps.articles.models import Article; from apps.tracking.services import articles_track\n"
        f"arts = list(Article.objects.filter(pk__in={ids!r}).order_by('-pk'))\n"
        "for k in range(0, len(arts), 2): articles_track(articles=arts[k:k + 2])\n",
    ]
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for cmd in
             (forwards, backwards)]  # fmt: skip
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()[-3000:]

    # Every commitment linked once; the copies of the same claim matched pairwise (each pair once) and grouped.
    assert CommitmentInitiative.objects.count() == Commitment.objects.filter(article_id__in=ids).count()
    same = list(
        ClaimMatch.objects.filter(
            claim__text__startswith="We have today 26", candidate__text__startswith="We have today 26"
        )
    )
    assert len(same) == len({(m.claim_id, m.candidate_id) for m in same}) == 8 * 7 // 2
    assert {m.status for m in same} == {MatchStatus.AUTO}
    assert (
        ClaimGroupMember.objects.filter(claim__text__startswith="We have today 26").values("group").distinct().count()
        == 1
    )
    assert Initiative.objects.count() == 1  # no two workers proposed the same initiative twice
    assert Finding.objects.filter(kind=Finding.Kind.STANCE_CONFLICT).exists()

    # Nothing is missing: running tracking again, and recomputing every finding from scratch, changes nothing.
    before = _snapshot()
    articles_track(articles=articles)
    for initiative in Initiative.objects.all():
        findings_refresh_for_initiative(initiative=initiative)
    assert _snapshot() == before


def test_a_batch_tracks_what_exists_and_is_idempotent(db):
    articles = [stored_article(n) for n in range(3)]
    batch = Article.objects.filter(pk__in=[a.pk for a in articles] + [999_999])
    results = articles_track(articles=batch)
    assert sorted(r.article_id for r in results) == sorted(a.pk for a in articles)
    assert sum(r.links for r in results) == 6 and sum(r.matches for r in results) >= 3
    assert CommitmentInitiative.objects.count() == 6
    assert sum(r.links for r in articles_track(articles=batch)) == 0  # idempotent
