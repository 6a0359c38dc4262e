"""`manage.py load_demo` leaves a published public side: part of the items verified by the demo editor
(through the review services, so the history names them), one accepted initiative with confirmed links."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from apps.claims.models import Claim
from apps.review.statuses import ReviewStatus
from apps.tracking.models import CommitmentInitiative, Initiative, LinkStatus

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_facts_a_tracker_and_feeds(client):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "published as the demo editor: verified" in out.getvalue()

    verified = Claim.objects.filter(review_status=ReviewStatus.VERIFIED)
    assert verified.exists() and Claim.objects.filter(review_status=ReviewStatus.UNREVIEWED).exists()
    claim = verified.first()
    history = list(claim.history.order_by("history_date", "history_id"))
    assert history[0].history_user is None  # the machine found it
    assert history[-1].history_user.username == "editor" and history[-1].review_status == ReviewStatus.VERIFIED

    [accepted] = Initiative.objects.filter(status=Initiative.Status.ACTIVE)
    assert CommitmentInitiative.objects.filter(initiative=accepted, status=LinkStatus.CONFIRMED).count() >= 2

    api = client.get("/api/v1/claims/").json()["results"]
    assert {c["id"] for c in api} == set(verified.values_list("pk", flat=True))
    facts = client.get("/facts/").content.decode()
    assert f"/facts/claims/{claim.pk}/" in facts
    assert accepted.name in client.get("/tracker/").content.decode()
    assert client.get(f"/tracker/{accepted.slug}/").status_code == 200
    assert client.get("/facts/feed/").content.decode().count("<entry>") >= verified.count()


def test_a_second_load_keeps_the_editors_work_and_publishes_nothing_more():
    call_command("load_demo", stdout=io.StringIO())
    before = sorted(Claim.objects.values_list("pk", "review_status", "version"))
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "published as the demo editor" not in out.getvalue()
    assert sorted(Claim.objects.values_list("pk", "review_status", "version")) == before


def test_no_publish_leaves_everything_unreviewed():
    call_command("load_demo", "--no-publish", stdout=io.StringIO())
    assert not Claim.objects.exclude(review_status=ReviewStatus.UNREVIEWED).exists()
    assert not Initiative.objects.filter(status=Initiative.Status.ACTIVE).exists()
