import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.actors.models import Actor, ActorAlias, ActorMerge, Mention
from apps.actors.services import actor_alias_add, actor_create, actor_merge, actor_unmerge, actor_update
from apps.claims.models import Claim
from apps.commitments.models import Commitment
from apps.quotes.models import Quote
from apps.review.services import StaleObjectError
from apps.tracking.models import Finding
from tests.factories import (
    ActorAliasFactory,
    ActorFactory,
    ArticleFactory,
    ClaimFactory,
    CommitmentFactory,
    MentionFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    kept = ActorFactory(name="Emmanuel Macron")
    dup = ActorFactory(name="Macron")
    article = ArticleFactory()
    rows = {
        "alias": ActorAliasFactory(actor=dup, alias="the French president"),
        "mention": MentionFactory(actor=dup, article=article),
        "quote": QuoteFactory(speaker=dup, article=article),
        "claim": ClaimFactory(speaker=dup, article=article),
        "commitment": CommitmentFactory(actor=dup, article=article),
    }
    return kept, dup, rows


def _owner(rows):
    return {
        "alias": ActorAlias.objects.get(pk=rows["alias"].pk).actor_id,
        "mention": Mention.objects.get(pk=rows["mention"].pk).actor_id,
        "quote": Quote.objects.get(pk=rows["quote"].pk).speaker_id,
        "claim": Claim.objects.get(pk=rows["claim"].pk).speaker_id,
        "commitment": Commitment.objects.get(pk=rows["commitment"].pk).actor_id,
    }


def test_merge_moves_everything_and_is_recorded(pair, editor):
    kept, dup, rows = pair
    merge = actor_merge(kept=kept, merged=dup, editor=editor, note="same person")
    assert set(_owner(rows).values()) == {kept.pk}
    dup.refresh_from_db()
    assert dup.merged_into == kept and dup.canonical() == kept
    assert not Actor.objects.active().filter(pk=dup.pk).exists()
    assert merge.created_by == editor and merge.note == "same person"
    assert merge.moved["claims"] == [rows["claim"].pk]
    # The duplicate's name now resolves to the kept actor in future extractions.
    assert ActorAlias.objects.get(normalized="macron").actor == kept
    from apps.extraction.aliases import alias_snapshot

    assert any(e.alias == "Macron" and e.name == "Emmanuel Macron" for e in alias_snapshot())
    # Moved rows have a history entry naming the editor and the merge, and a new version (optimistic locking).
    claim = Claim.objects.get(pk=rows["claim"].pk)
    assert claim.version == 2
    assert claim.history.first().history_user == editor
    assert "Merged Macron" in claim.history.first().history_change_reason


def test_unmerge_puts_everything_back(pair, editor):
    kept, dup, rows = pair
    before = _owner(rows)
    merge = actor_merge(kept=kept, merged=dup, editor=editor)
    actor_unmerge(merge=merge, editor=editor, note="different people after all")
    assert _owner(rows) == before
    dup.refresh_from_db()
    assert dup.merged_into is None
    assert not ActorAlias.objects.filter(normalized="macron").exists()
    merge.refresh_from_db()
    assert merge.undone_by == editor and merge.undo_note == "different people after all"
    with pytest.raises(ValidationError):
        actor_unmerge(merge=merge, editor=editor)


def test_unmerge_leaves_rows_an_editor_repointed_since(pair, editor):
    kept, dup, rows = pair
    other = ActorFactory(name="Someone else")
    merge = actor_merge(kept=kept, merged=dup, editor=editor)
    from apps.claims.services import claim_correct

    claim_correct(claim=rows["claim"], editor=editor, speaker=other)
    actor_unmerge(merge=merge, editor=editor)
    assert Claim.objects.get(pk=rows["claim"].pk).speaker == other
    assert Quote.objects.get(pk=rows["quote"].pk).speaker == dup


def test_merge_keeps_colliding_machine_commitment_on_the_duplicate(editor):
    kept, dup = ActorFactory(name="Italy A", kind="country"), ActorFactory(name="Italy B", kind="country")
    article = ArticleFactory()
    CommitmentFactory(actor=kept, article=article, start=5, end=40)
    clash = CommitmentFactory(actor=dup, article=article, start=5, end=40)
    merge = actor_merge(kept=kept, merged=dup, editor=editor)
    assert merge.moved["skipped_commitments"] == [clash.pk]
    clash.refresh_from_db()
    assert clash.actor == dup and clash.actor.canonical() == kept


def test_merge_refusals(editor, reporter):
    a, b = ActorFactory(), ActorFactory()
    with pytest.raises(PermissionDenied):
        actor_merge(kept=a, merged=b, editor=reporter)
    with pytest.raises(ValidationError):
        actor_merge(kept=a, merged=a, editor=editor)
    actor_merge(kept=a, merged=b, editor=editor)
    c = ActorFactory()
    with pytest.raises(ValidationError):
        actor_merge(kept=c, merged=b, editor=editor)  # b is already merged
    assert ActorMerge.objects.count() == 1


def test_alias_add_and_conflicts(editor, reporter):
    macron, other = ActorFactory(name="Emmanuel Macron"), ActorFactory(name="Other")
    alias = actor_alias_add(actor=macron, alias="The Élysée", editor=editor)
    assert alias.normalized == "elysee" and alias.source == "editor" and alias.created_by == editor
    assert actor_alias_add(actor=macron, alias="the elysee", editor=editor) == alias
    with pytest.raises(ValidationError):
        actor_alias_add(actor=other, alias="Elysée", editor=editor)
    with pytest.raises(PermissionDenied):
        actor_alias_add(actor=macron, alias="Macron", editor=reporter)


def test_actor_update_name_iso_code_with_history_and_locking(editor, editor2):
    fr = ActorFactory(name="france", kind="country")
    loaded = fr.version
    actor_update(actor=fr, editor=editor2, name="France", country_code="fr", expected_version=loaded, note="caps")
    fr.refresh_from_db()
    assert (fr.name, fr.country_code, fr.version) == ("France", "FR", 2)
    assert fr.history.first().history_change_reason == "Edited name, country code: caps"
    with pytest.raises(StaleObjectError):
        actor_update(actor=fr, editor=editor, name="French Republic", expected_version=loaded)
    with pytest.raises(ValidationError):
        actor_update(actor=ActorFactory(kind="person"), editor=editor, country_code="DE")


def test_actor_create_is_editor_origin(editor):
    actor = actor_create(editor=editor, name="Mark Rutte", kind="person")
    assert actor.origin == "editor" and actor.version == 1


def test_alias_update_through_the_admin(client, editor):
    macron, other = ActorFactory(name="Emmanuel Macron"), ActorFactory(name="Someone")
    alias = actor_alias_add(actor=other, alias="Macronn", editor=editor)
    client.force_login(editor)
    from django.urls import reverse

    resp = client.post(
        reverse("admin:actors_actoralias_change", args=[alias.pk]), {"alias": "Macron", "actor": macron.pk}
    )
    assert resp.status_code == 302
    alias.refresh_from_db()
    assert (alias.alias, alias.normalized, alias.actor) == ("Macron", "macron", macron)
    assert alias.history.first().history_user == editor


def test_merge_and_unmerge_move_tracking_rows_too(pair, editor):
    """Every foreign key to Actor moves, including apps the actors app does not import (tracking)."""
    kept, dup, rows = pair
    finding = Finding.objects.create(
        key="test:stance:dup", kind=Finding.Kind.STANCE_CONFLICT, actor=dup, summary="two stances"
    )
    merge = actor_merge(kept=kept, merged=dup, editor=editor)
    assert Finding.objects.get(pk=finding.pk).actor == kept
    assert merge.moved["tracking_finding_actor"] == [finding.pk]
    actor_unmerge(merge=merge, editor=editor)
    assert Finding.objects.get(pk=finding.pk).actor == dup
