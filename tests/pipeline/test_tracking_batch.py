"""The pipeline's batch tracking task: every extraction asks for tracking, one task run tracks all that waits,
with the same results as tracking one article at a time."""

from __future__ import annotations

import pytest

from apps.articles.models import Article
from apps.pipeline.tasks import track_article, track_articles
from apps.tracking.models import ClaimGroupMember, ClaimMatch, CommitmentInitiative, Finding, Initiative
from tests.tracking.test_scale import _stored_article

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
    articles = [_stored_article(n) for n in range(8)]
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
    waiting = [_stored_article(n) for n in range(5)]
    done = _stored_article(10)
    Article.objects.filter(pk=done.pk).update(tracking_status=Article.Tracking.TRACKED)
    queued = _stored_article(11)
    Article.objects.filter(pk=queued.pk).update(status=Article.Status.QUEUED)

    assert track_articles([waiting[0].pk]) == {"tracked": 5, "failed": 0}
    assert not CommitmentInitiative.objects.filter(commitment__article__in=[done, queued]).exists()
    assert CommitmentInitiative.objects.filter(commitment__article__in=waiting).count() == 10


def test_in_process_the_task_tracks_only_the_articles_it_is_given():
    first, second = _stored_article(1), _stored_article(2)
    track_articles.apply(args=([first.pk],))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.tracking_status == Article.Tracking.TRACKED
    assert second.tracking_status == Article.Tracking.PENDING
