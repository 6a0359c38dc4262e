"""The pipeline's batch tracking task: every extraction asks for tracking, one task run tracks all that waits,
with the same results as tracking one article at a time."""

from __future__ import annotations

import pytest

from apps.articles.models import Article
from apps.pipeline.tasks import track_article, track_articles
from apps.tracking.models import ClaimGroupMember, ClaimMatch, CommitmentInitiative, Finding, Initiative
from tests.tracking.scenario import stored_article

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(CommitmentInitiative.objects.values_list("commitment_id", "initiative__slug", "score")),
        sorted(ClaimMatch.objects.values_list("claim_id", "candidate_id", "status", "score")),
        sorted(Finding.objects.values_list("key", "summary")),
        sorted(ClaimGroupMember.objects.values_list("claim_id", "group__members__claim_id")),
    )


def _forget_tracking():
    for model in (ClaimMatch, Finding, CommitmentInitiative, ClaimGroupMember, Initiative):
        model.objects.all().delete()
    Article.objects.update(tracking_status=Article.Tracking.PENDING, tracked_at=None)


def test_one_run_of_the_batch_task_tracks_every_waiting_article_as_one_at_a_time_would():
    articles = [stored_article(n) for n in range(8)]
    assert all(a.tracking_status == Article.Tracking.PENDING for a in articles)

    # Called as a worker runs it (not in-process): the message names one article, the run takes the backlog.
    outcome = track_articles([articles[0].pk])
    assert outcome == {"tracked": 8, "failed": 0}
    assert set(Article.objects.values_list("tracking_status", flat=True)) == {Article.Tracking.TRACKED}
    batch = _snapshot()
    assert batch[0] and batch[1] and batch[2], "the scenario gives links, matches and findings"
    # The other articles' messages find nothing left to do.
    assert track_articles([articles[5].pk]) == {"tracked": 0, "failed": 0}

    _forget_tracking()
    for article in articles:
        track_article(article.pk)
    assert _snapshot() == batch


def test_the_batch_task_leaves_tracked_and_unextracted_articles_alone(settings):
    settings.NEWSROOM_TRACK_BATCH = 2  # several rounds in one run
    waiting = [stored_article(n) for n in range(5)]
    done = stored_article(10)
    Article.objects.filter(pk=done.pk).update(tracking_status=Article.Tracking.TRACKED)
    queued = stored_article(11)
    Article.objects.filter(pk=queued.pk).update(status=Article.Status.QUEUED)

    assert track_articles([waiting[0].pk]) == {"tracked": 5, "failed": 0}
    assert not CommitmentInitiative.objects.filter(commitment__article__in=[done, queued]).exists()
    assert CommitmentInitiative.objects.filter(commitment__article__in=waiting).count() == 10


def test_in_process_the_task_tracks_only_the_articles_it_is_given():
    first, second = stored_article(1), stored_article(2)
    track_articles.apply(args=([first.pk],))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.tracking_status == Article.Tracking.TRACKED
    assert second.tracking_status == Article.Tracking.PENDING


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_tracking_processes_split_the_waiting_articles_and_lose_nothing(on_postgres):
    """Two worker processes run the batch task at once over the same backlog (one article a batch, so they
    interleave): each article is tracked by exactly one of them, and the result is complete."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from django.db import connection

    from apps.commitments.models import Commitment
    from apps.tracking.services import articles_track, findings_refresh_for_initiative
    from tests.tracking.scenario import november_article, september_copy
    from tests.tracking.test_scale import _snapshot

    articles = [september_copy(n) for n in range(8)] + [november_article()]
    ids = [a.pk for a in articles]
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "NEWSROOM_TRACK_BATCH": "1",
    }
    env.pop("CELERY_BROKER_URL", None)
    # Called as a worker calls it (not in-process): each run takes whatever waits.
    run = "import json; from apps.pipeline.tasks import track_articles; print(json.dumps(track_articles([])))"
    cmd = [sys.executable, "manage.py", "shell", "-c", run]
    root = Path(__file__).resolve().parents[2]
    procs = [subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in "ab"]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()[-3000:]
    counts = [json.loads(out.decode().strip().splitlines()[-1]) for out, _err in outputs]

    assert sum(c["tracked"] for c in counts) == len(ids)  # each article once, by one process
    assert all(c["failed"] == 0 for c in counts)
    assert set(Article.objects.filter(pk__in=ids).values_list("tracking_status", flat=True)) == {"tracked"}
    assert CommitmentInitiative.objects.count() == Commitment.objects.filter(article_id__in=ids).count()
    same = ClaimMatch.objects.filter(
        claim__text__startswith="We have today 26", candidate__text__startswith="We have today 26"
    )
    assert same.count() == 8 * 7 // 2
    assert Initiative.objects.count() == 1

    # Nothing is missing: tracking again and recomputing every finding from scratch change nothing.
    before = _snapshot()
    articles_track(articles=articles)
    for initiative in Initiative.objects.all():
        findings_refresh_for_initiative(initiative=initiative)
    assert _snapshot() == before


@pytest.mark.parametrize(("waiting", "sleeps"), [(2, 1), (3, 0), (0, 0)])
def test_a_round_short_of_a_full_batch_waits_once_for_more(settings, monkeypatch, waiting, sleeps):
    """A worker's round that finds 0 < n < NEWSROOM_TRACK_BATCH articles waits once and looks again (taking what
    arrived meanwhile); a full batch or an empty backlog never waits."""
    from apps.pipeline import tasks

    settings.NEWSROOM_TRACK_BATCH = 3
    settings.NEWSROOM_TRACK_GATHER_SECONDS = 5
    articles = [stored_article(n) for n in range(waiting)]
    late = []

    def sleep(seconds):
        assert seconds == 5
        late.append(stored_article(100))  # an extraction finishing while the round waits

    monkeypatch.setattr(tasks.time, "sleep", sleep)
    assert tasks._worker_extracts()  # no worker here: as one consuming every queue, which never waits
    assert tasks._take_batch(limit=3, among=None) == sorted(a.pk for a in articles)[:3] and not late
    monkeypatch.setattr(tasks, "_worker_extracts", lambda: False)  # a worker given -Q track
    ids = tasks._take_batch(limit=3, among=None)
    assert len(late) == sleeps
    assert ids == sorted(a.pk for a in articles + late)[:3]
    # In-process (the articles given) nothing waits.
    assert tasks._take_batch(limit=3, among=[a.pk for a in articles]) == sorted(a.pk for a in articles)[:3]
    assert len(late) == sleeps
