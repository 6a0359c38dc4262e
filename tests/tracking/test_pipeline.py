import datetime as dt

import pytest
from django.core.management import call_command

from apps.pipeline.tasks import track_article
from apps.review.statuses import ReviewStatus
from apps.tracking.ledger import stance_table
from apps.tracking.models import (
    ClaimGroupMember,
    ClaimMatch,
    CommitmentInitiative,
    Finding,
    Initiative,
    LinkStatus,
)
from apps.tracking.selectors import initiative_ledger, initiative_links
from apps.tracking.services import (
    article_track,
    commitment_initiative_move,
    finding_review,
    initiative_create,
)
from apps.tracking.services.findings import recorded_since
from tests.factories import ArticleFactory, ClaimFactory, CommitmentFactory, OutletFactory
from tests.tracking.scenario import country, november_article, september_article

pytestmark = pytest.mark.django_db

SEED_ACTORS = {
    "France",
    "United Kingdom",
    "Turkey",
    "Poland",
    "Greece",
    "Italy",
    "Sweden",
    "Denmark",
    "Australia",
    "Germany",
    "United States",
    "Russia",
}


def _state():
    return (
        sorted(CommitmentInitiative.objects.values_list("commitment_id", "initiative_id", "status", "score")),
        sorted(ClaimMatch.objects.values_list("claim_id", "candidate_id", "status", "score")),
        sorted(ClaimGroupMember.objects.values_list("claim_id", "group_id")),
        sorted(Finding.objects.values_list("key", "summary", "review_status")),
        Initiative.objects.count(),
    )


def test_the_two_seed_reports_make_one_initiative_with_the_whole_ledger():
    september, november = september_article(), november_article()
    article_track(article=september)
    article_track(article=november)

    [initiative] = Initiative.objects.all()
    assert initiative.status == Initiative.Status.PROPOSED
    ledger = initiative_ledger(initiative=initiative, published_only=False)
    stances = {e.actor.name: e.stance for e in ledger.entries}
    assert set(stances) == SEED_ACTORS
    assert stances["France"] == "committed" and stances["Germany"] == "undecided"
    assert stances["Italy"] == "declined" and stances["Russia"] == "opposed" and stances["Sweden"] == "open"
    dates = {e.actor.name: e.stated_on for e in ledger.entries}
    assert dates["Germany"] == dt.date(2025, 9, 4) and dates["Poland"] == dt.date(2025, 11, 25)
    us = next(e for e in ledger.entries if e.actor.name == "United States")
    assert [p.stance for p in us.history] == ["open", "committed"] and us.flagged
    assert "Moscow would not agree" in next(e for e in ledger.entries if e.actor.name == "Russia").evidence.text

    # The "26 countries" claim is checked against the ledger and gets a finding naming who is recorded.
    gap = Finding.objects.get(kind=Finding.Kind.COUNT_GAP, claim__quantity_value=26)
    assert gap.initiative == initiative
    assert gap.summary.startswith("Claim says 26 countries committed; ledger names 1 committed by 4 Sep 2025: France")
    assert "25 unnamed" in gap.summary
    # Who the ledger records as committed since the claim is read when the finding is shown, not stored.
    assert "since" not in gap.summary and "recorded_later" not in gap.details
    later = {
        e.actor.name
        for e in recorded_since(
            gap, stance_table(initiative_links(initiative=initiative, published_only=False)).entries()
        )
    }
    assert {"United Kingdom", "Turkey", "United States"} <= later and "France" not in later
    participation = Finding.objects.get(kind=Finding.Kind.COUNT_GAP, claim__quantity_value=35)
    assert participation.details["named_count"] == 12 and participation.details["unnamed"] == 23


def test_tracking_twice_is_idempotent_and_the_task_runs_the_same_service():
    september = september_article()
    november = november_article()
    track_article(september.pk)
    track_article(november.pk)
    first = _state()
    track_article(november.pk)
    track_article(september.pk)
    assert _state() == first
    assert track_article(999_999) is None  # a deleted article is not an error


def test_rerun_never_overwrites_editor_decisions(editor_user):
    september = september_article()
    article_track(article=september)
    elsewhere = initiative_create(name="Monitoring mission")
    italy_open = CommitmentInitiative.objects.get(commitment__actor__name="Italy", commitment__stance="open")
    commitment_initiative_move(commitment=italy_open.commitment, initiative=elsewhere, editor=editor_user)
    rejected = CommitmentInitiative.objects.get(commitment__actor__name="Germany")
    rejected.status = LinkStatus.REJECTED
    rejected.save()
    finding = Finding.objects.filter(kind=Finding.Kind.COUNT_GAP).first()
    finding_review(finding=finding, editor=editor_user, status=ReviewStatus.VERIFIED, summary="Edited by an editor.")

    article_track(article=september)
    article_track(article=november_article())

    italy_open.refresh_from_db()
    rejected.refresh_from_db()
    finding.refresh_from_db()
    assert italy_open.initiative == elsewhere and italy_open.status == LinkStatus.CONFIRMED
    assert rejected.status == LinkStatus.REJECTED
    assert finding.summary == "Edited by an editor." and finding.review_status == ReviewStatus.VERIFIED


def test_a_new_commitment_joins_the_initiative_its_words_match():
    force = initiative_create(name="Reassurance force for Ukraine", aliases="troops in Ukraine\npeacekeepers")
    sanctions = initiative_create(name="Sanctions on Russian oil", description="Price cap, import bans, tariffs.")
    article = ArticleFactory(
        body="Spain said it would send troops to Ukraine. Norway backs a ban on Russian oil imports."
    )
    troops = CommitmentFactory(
        article=article, actor=country("France"), action="send troops to Ukraine", start=0, end=44
    )
    oil = CommitmentFactory(
        article=article, actor=country("Germany"), action="ban imports of Russian oil", start=45, end=len(article.body)
    )
    article_track(article=article)
    assert CommitmentInitiative.objects.get(commitment=troops).initiative == force
    assert CommitmentInitiative.objects.get(commitment=oil).initiative == sanctions
    assert Initiative.objects.count() == 2  # nothing new proposed


def test_different_counts_at_the_same_time_and_conflicting_stances_are_findings(settings):
    settings.NEWSROOM_COUNT_CONFLICT_DAYS = 7
    settings.NEWSROOM_STANCE_CONFLICT_DAYS = 14
    force = initiative_create(name="Reassurance force for Ukraine")
    a = ArticleFactory(outlet=OutletFactory(name="Outlet A"), published_at=dt.datetime(2025, 9, 4, tzinfo=dt.UTC))
    b = ArticleFactory(outlet=OutletFactory(name="Outlet B"), published_at=dt.datetime(2025, 9, 6, tzinfo=dt.UTC))
    for article, stance in ((a, "committed"), (b, "declined")):
        c = CommitmentFactory(article=article, actor=country("Poland"), stance=stance)
        CommitmentInitiative.objects.create(commitment=c, initiative=force, status=LinkStatus.CONFIRMED)
    ClaimFactory(article=a, text="26 countries have committed to the force", quantity_value=26)
    ClaimFactory(article=b, text="30 countries have committed to the force", quantity_value=30)

    article_track(article=a)
    article_track(article=b)

    conflict = Finding.objects.get(kind=Finding.Kind.COUNT_CONFLICT)
    assert "says 26" in conflict.summary and "says 30" in conflict.summary
    stance = Finding.objects.get(kind=Finding.Kind.STANCE_CONFLICT)
    assert stance.actor.name == "Poland"
    assert "committed per Outlet A" in stance.summary and "declined per Outlet B" in stance.summary
    assert Finding.objects.filter(kind=Finding.Kind.COUNT_GAP).count() == 2  # 26 and 30 vs 1 committed


def test_stances_far_apart_are_a_change_not_a_conflict(settings):
    settings.NEWSROOM_STANCE_CONFLICT_DAYS = 14
    force = initiative_create(name="Reassurance force for Ukraine")
    for day, stance in (
        (dt.datetime(2025, 9, 4, tzinfo=dt.UTC), "open"),
        (dt.datetime(2025, 11, 25, tzinfo=dt.UTC), "committed"),
    ):
        c = CommitmentFactory(article=ArticleFactory(published_at=day), actor=country("Sweden"), stance=stance)
        CommitmentInitiative.objects.create(commitment=c, initiative=force)
    from apps.tracking.services import findings_refresh_for_initiative

    findings_refresh_for_initiative(initiative=force)
    assert not Finding.objects.filter(kind=Finding.Kind.STANCE_CONFLICT).exists()


def test_a_count_the_ledger_agrees_with_gives_no_finding():
    force = initiative_create(name="Reassurance force for Ukraine")
    article = ArticleFactory()
    for name in ("France", "Italy"):
        c = CommitmentFactory(article=article, actor=country(name), stance="committed")
        CommitmentInitiative.objects.create(commitment=c, initiative=force)
    ClaimFactory(article=article, text="Two countries have committed", quantity_value=2)
    article_track(article=article)
    assert not Finding.objects.exists()


def test_track_command(capsys):
    september = september_article()
    call_command("track", str(september.pk))
    assert f"article {september.pk}: 6 commitment link(s)" in capsys.readouterr().out
    call_command("track", "--all")
    assert CommitmentInitiative.objects.count() == 6


def test_extraction_hands_each_article_to_tracking(django_capture_on_commit_callbacks):
    """Ingest -> extraction task -> track_article, in process: the same claim in two reports is grouped."""
    from apps.articles.services import article_ingest
    from apps.tracking.models import ClaimGroup

    sentence = "Ministers from 14 countries agreed on Monday to put $4 billion into a new fund."
    with django_capture_on_commit_callbacks(execute=True):
        first = article_ingest(text=sentence + ' "It is a start," the chair said.', title="One")
    with django_capture_on_commit_callbacks(execute=True):
        second = article_ingest(text="Brussels. " + sentence + " Critics called it too little.", title="Two")
    claims = {a.pk: a.claims.filter(quantity_value=14).first() for a in (first, second)}
    assert all(claims.values()), "the extraction engine found no '14 countries' claim"
    # The $4 billion claims form their own group; the two "14 countries" claims share one.
    group = ClaimGroup.objects.get(members__claim=claims[first.pk])
    assert set(group.members.values_list("claim_id", flat=True)) == {c.pk for c in claims.values()}
