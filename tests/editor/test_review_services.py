from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.claims.models import Claim
from apps.claims.services import claim_add, claim_correct, claim_review
from apps.commitments.models import Commitment
from apps.commitments.services import commitment_correct, commitment_review
from apps.quotes.services import quote_correct
from apps.review.corrections import is_corrected
from apps.review.services import StaleObjectError, review_bulk
from apps.review.statuses import Action, Origin, ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, CommitmentFactory, CountryFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_verify_sets_review_fields_bumps_version_and_records_history(editor):
    claim = ClaimFactory()
    claim_review(action=Action.VERIFY, claim=claim, editor=editor, note="Checked with the ministry")
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.VERIFIED
    assert claim.reviewed_by == editor and claim.reviewed_at is not None
    assert claim.review_note == "Checked with the ministry"
    assert claim.version == 2
    last = claim.history.first()
    assert last.history_user == editor
    assert last.history_change_reason == "Verify: Checked with the ministry"
    assert Claim.objects.editor_owned().filter(pk=claim.pk).exists()


def test_long_note_is_kept_whole_while_change_reason_is_truncated(editor):
    claim = ClaimFactory()
    note = "x" * 500
    claim_review(action=Action.VERIFY, claim=claim, editor=editor, note=note)
    rec = claim.history.first()
    assert len(rec.history_change_reason) <= 100
    assert rec.review_note == note


def test_correct_keeps_machine_value_and_stays_corrected_after_verify(editor):
    claim = ClaimFactory(quantity_value=26, machine_values={})
    claim_correct(claim=claim, editor=editor, quantity_value=27, note="Ministry says 27")
    claim.refresh_from_db()
    assert claim.quantity_value == Decimal("27")
    assert claim.review_status == ReviewStatus.CORRECTED
    assert claim.machine_values["quantity_value"] == "26"
    claim_review(action=Action.VERIFY, claim=claim, editor=editor)
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.VERIFIED
    assert is_corrected(claim)
    assert claim.machine_values["quantity_value"] == "26"


def test_correct_does_not_overwrite_an_earlier_machine_snapshot(editor):
    claim = ClaimFactory(quantity_value=26)
    claim_correct(claim=claim, editor=editor, quantity_value=27)
    claim_correct(claim=claim, editor=editor, quantity_value=28)
    claim.refresh_from_db()
    assert claim.machine_values["quantity_value"] == "26"
    assert claim.quantity_value == 28


def test_correct_with_no_real_change_saves_nothing(editor):
    claim = ClaimFactory(quantity_value=26)
    claim_correct(claim=claim, editor=editor, quantity_value="26.0")
    claim.refresh_from_db()
    assert claim.version == 1 and claim.review_status == ReviewStatus.UNREVIEWED


def test_correct_speaker_keeps_machine_speaker_id_and_name(editor):
    old, new = ActorFactory(name="Someone"), ActorFactory(name="Emmanuel Macron")
    quote = QuoteFactory(speaker=old)
    quote_correct(quote=quote, editor=editor, speaker=new, note="It was Macron")
    quote.refresh_from_db()
    assert quote.speaker == new
    assert quote.machine_values["speaker_id"] == old.pk
    assert quote.machine_values["speaker_name"] == "Someone"
    assert is_corrected(quote)


def test_commitment_correct_stance_and_actor(editor):
    c = CommitmentFactory(stance=Commitment.Stance.COMMITTED)
    italy = CountryFactory(name="Italy")
    commitment_correct(commitment=c, editor=editor, stance=Commitment.Stance.DECLINED, actor=italy)
    c.refresh_from_db()
    assert (c.stance, c.actor) == ("declined", italy)
    assert c.machine_values["stance"] == "committed"
    commitment_review(action=Action.VERIFY, commitment=c, editor=editor)
    c.refresh_from_db()
    assert is_corrected(c) and c.review_status == ReviewStatus.VERIFIED


def test_invalid_correction_is_refused(editor):
    claim = ClaimFactory()
    with pytest.raises(ValidationError):
        claim_correct(claim=claim, editor=editor, kind="nonsense")


def test_stale_version_is_refused_with_what_changed(editor, editor2):
    claim = ClaimFactory(quantity_value=26)
    loaded = claim.version
    claim_correct(claim=claim, editor=editor2, quantity_value=28, expected_version=loaded, note="first")
    with pytest.raises(StaleObjectError) as err:
        claim_correct(claim=claim, editor=editor, quantity_value=27, expected_version=loaded)
    assert "editor2" in err.value.message
    assert "26 → 28" in err.value.message
    claim.refresh_from_db()
    assert claim.quantity_value == 28


def test_reopen_is_chief_only_and_keeps_corrections_out_of_machine_reach(editor, chief):
    claim = ClaimFactory(quantity_value=26)
    claim_correct(claim=claim, editor=editor, quantity_value=27)
    with pytest.raises(PermissionDenied):
        claim_review(action=Action.REOPEN, claim=claim, editor=editor)
    claim_review(action=Action.REOPEN, claim=claim, editor=chief, note="needs another look")
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.UNREVIEWED
    assert claim.origin == Origin.EDITOR
    assert claim.quantity_value == 27 and claim.machine_values["quantity_value"] == "26"
    assert Claim.objects.editor_owned().filter(pk=claim.pk).exists()
    assert is_corrected(claim)


def test_reopen_of_uncorrected_machine_item_returns_it_to_the_machine(editor, chief):
    claim = ClaimFactory()
    claim_review(action=Action.DISMISS, claim=claim, editor=editor)
    claim_review(action=Action.REOPEN, claim=claim, editor=chief)
    claim.refresh_from_db()
    assert claim.origin == Origin.MACHINE
    assert claim.reviewed_by is None
    assert Claim.objects.machine_owned().filter(pk=claim.pk).exists()


def test_reporter_cannot_review_or_correct(reporter):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        claim_review(action=Action.VERIFY, claim=claim, editor=reporter)
    with pytest.raises(PermissionDenied):
        claim_correct(claim=claim, editor=reporter, quantity_value=1)
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.UNREVIEWED


def test_claim_add_uses_span_and_marks_origin_editor(editor):
    article = ArticleFactory(body="Intro. Germany pledged 4,000 soldiers. End.")
    start = article.body.index("Germany")
    end = article.body.index(" End")
    claim = claim_add(article=article, start=start, end=end, editor=editor, kind="quantitative", quantity_value=4000)
    assert claim.origin == Origin.EDITOR
    assert claim.text == "Germany pledged 4,000 soldiers."
    assert claim.version == 1
    assert claim.history.first().history_change_reason == "Added by editor"
    assert Claim.objects.editor_owned().filter(pk=claim.pk).exists()
    assert not is_corrected(claim)


def test_claim_add_refuses_span_outside_body(editor):
    article = ArticleFactory(body="Short.")
    with pytest.raises(ValidationError):
        claim_add(article=article, start=2, end=99, editor=editor, kind="factual")


def test_bulk_skips_stale_and_already_done(editor, editor2):
    a, b, c = ClaimFactory(), ClaimFactory(), ClaimFactory(review_status=ReviewStatus.DISPUTED)
    versions = {a.pk: a.version, b.pk: b.version}
    claim_review(action=Action.VERIFY, claim=b, editor=editor2)
    result = review_bulk(items=[a, b, c], action=Action.DISPUTE, editor=editor, note="n", expected_versions=versions)
    assert [x.pk for x in result.changed] == [a.pk]
    assert {x.pk for x, _ in result.skipped} == {b.pk, c.pk}
    b.refresh_from_db()
    assert b.review_status == ReviewStatus.VERIFIED


def test_corrected_property_for_the_api(editor):
    claim = ClaimFactory(quantity_value=26)
    assert claim.corrected is False
    claim_correct(claim=claim, editor=editor, quantity_value=27)
    claim_review(action=Action.VERIFY, claim=claim, editor=editor)
    claim.refresh_from_db()
    assert claim.corrected is True and claim.review_status == ReviewStatus.VERIFIED
    plain = ClaimFactory()
    claim_review(action=Action.VERIFY, claim=plain, editor=editor)
    plain.refresh_from_db()
    assert plain.corrected is False


def test_reopened_corrected_item_still_snapshots_newly_corrected_fields(editor, chief):
    claim = ClaimFactory(quantity_value=26, quantity_unit="countries", machine_values={})
    claim_correct(claim=claim, editor=editor, quantity_value=27)
    claim_review(action=Action.REOPEN, claim=claim, editor=chief)
    claim_correct(claim=claim, editor=editor, quantity_unit="nations")
    claim.refresh_from_db()
    assert claim.machine_values["quantity_value"] == "26"
    assert claim.machine_values["quantity_unit"] == "countries"


def test_editor_added_items_have_no_machine_values_to_compare(editor):
    article = ArticleFactory(body="Sweden will send 300 soldiers.")
    claim = claim_add(article=article, start=0, end=30, editor=editor, kind="quantitative", quantity_value=300)
    claim_correct(claim=claim, editor=editor, quantity_value=350)
    claim.refresh_from_db()
    assert claim.machine_values == {}
    assert claim.review_status == ReviewStatus.CORRECTED
