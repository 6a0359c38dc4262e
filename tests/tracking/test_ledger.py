import datetime as dt

import pytest

from apps.review.statuses import ReviewStatus
from apps.tracking.models import CommitmentInitiative, LinkStatus
from apps.tracking.selectors import actor_stance_history, initiative_ledger
from apps.tracking.services import initiative_create
from tests.factories import ArticleFactory, CommitmentFactory, CountryFactory, OutletFactory
from tests.tracking.scenario import country

pytestmark = pytest.mark.django_db


def _at(day, outlet=None):
    return ArticleFactory(published_at=dt.datetime(2025, 9, day, 12, tzinfo=dt.UTC), outlet=outlet or OutletFactory())


def _link(initiative, commitment, status=LinkStatus.CONFIRMED):
    return CommitmentInitiative.objects.create(commitment=commitment, initiative=initiative, status=status)


@pytest.fixture
def force():
    return initiative_create(name="Reassurance force for Ukraine")


def test_ledger_gives_each_actor_its_latest_stance_date_and_evidence(force):
    italy = country("Italy")
    first = CommitmentFactory(actor=italy, article=_at(1), stance="undecided", stated_on=None)
    second = CommitmentFactory(actor=italy, article=_at(10), stance="declined", stated_on=dt.date(2025, 9, 9))
    _link(force, first)
    _link(force, second)

    ledger = initiative_ledger(initiative=force, published_only=False)

    [entry] = ledger.entries
    assert entry.actor == italy
    assert entry.stance == "declined"
    assert entry.stated_on == dt.date(2025, 9, 9)  # stated_on wins over the publication date
    assert entry.evidence.commitment_id == second.pk
    assert entry.evidence.text == second.article.body[second.start : second.end]
    assert [p.stance for p in entry.history] == ["undecided", "declined"]
    assert entry.history[0].since == dt.date(2025, 9, 1)  # falls back to article.published_at


def test_a_change_from_a_single_unverified_source_is_flagged(force):
    france = country("France")
    _link(force, CommitmentFactory(actor=france, article=_at(1), stance="undecided"))
    _link(force, CommitmentFactory(actor=france, article=_at(5), stance="committed"))

    entry = initiative_ledger(initiative=force, published_only=False).entries[0]
    assert entry.current.is_change and entry.current.flagged
    assert not entry.history[0].flagged  # the first stance is not a change


def test_a_change_is_not_flagged_once_verified_or_backed_by_two_outlets(force):
    germany, poland = country("Germany"), country("Poland")
    _link(force, CommitmentFactory(actor=germany, article=_at(1), stance="undecided"))
    _link(
        force, CommitmentFactory(actor=germany, article=_at(5), stance="committed", review_status=ReviewStatus.VERIFIED)
    )
    _link(force, CommitmentFactory(actor=poland, article=_at(1), stance="open"))
    _link(force, CommitmentFactory(actor=poland, article=_at(5), stance="declined"))
    _link(force, CommitmentFactory(actor=poland, article=_at(6), stance="declined"))

    entries = {e.actor.name: e for e in initiative_ledger(initiative=force, published_only=False).entries}
    assert entries["Germany"].current.is_change and not entries["Germany"].flagged
    assert entries["Poland"].current.source_count == 2 and not entries["Poland"].flagged


def test_public_ledger_shows_only_published_commitments_with_confirmed_links(force):
    sweden, denmark, greece = (country(n) for n in ("Sweden", "Denmark", "Greece"))
    _link(force, CommitmentFactory(actor=sweden, review_status=ReviewStatus.VERIFIED))
    _link(force, CommitmentFactory(actor=denmark))  # unreviewed
    _link(force, CommitmentFactory(actor=greece, review_status=ReviewStatus.VERIFIED), status=LinkStatus.SUGGESTED)

    public = initiative_ledger(initiative=force, published_only=True)
    editors = initiative_ledger(initiative=force, published_only=False)

    assert [e.actor.name for e in public.entries] == ["Sweden"]
    assert {e.actor.name for e in editors.entries} == {"Sweden", "Denmark", "Greece"}


def test_rejected_links_and_dismissed_commitments_stay_out_of_the_ledger(force):
    italy, greece = country("Italy"), country("Greece")
    _link(force, CommitmentFactory(actor=italy), status=LinkStatus.REJECTED)
    _link(force, CommitmentFactory(actor=greece, review_status=ReviewStatus.DISMISSED))
    assert initiative_ledger(initiative=force, published_only=False).entries == []


def test_stance_history_of_an_actor_across_initiatives_follows_merges(force):
    sanctions = initiative_create(name="Sanctions on Russian oil")
    france = country("France")
    duplicate = CountryFactory.build(name="French Republic", country_code="")
    duplicate.merged_into = france
    duplicate.save()
    _link(force, CommitmentFactory(actor=france, article=_at(1), stance="open"))
    _link(force, CommitmentFactory(actor=duplicate, article=_at(8), stance="committed"))
    _link(sanctions, CommitmentFactory(actor=france, article=_at(3), stance="committed"))

    histories = {h.initiative.name: h for h in actor_stance_history(actor=france, published_only=False)}

    assert set(histories) == {"Reassurance force for Ukraine", "Sanctions on Russian oil"}
    assert [p.stance for p in histories["Reassurance force for Ukraine"].history] == ["open", "committed"]
    # The ledger lists the merged duplicate under the kept actor.
    assert [e.actor for e in initiative_ledger(initiative=force, published_only=False).entries] == [france]


def test_ledger_costs_one_query(force, django_assert_num_queries):
    for name in ("France", "Italy", "Germany", "Poland"):
        _link(force, CommitmentFactory(actor=country(name)))
    with django_assert_num_queries(1):
        ledger = initiative_ledger(initiative=force, published_only=False)
        assert len(ledger.entries) == 4


def test_the_ledger_read_as_rows_is_the_ledger_without_evidence_text():
    from dataclasses import replace

    from apps.tracking.ledger import ledger_from_rows
    from apps.tracking.models import Initiative
    from apps.tracking.selectors import initiative_links
    from apps.tracking.services import articles_track
    from tests.tracking.scenario import november_article, september_article

    articles_track(articles=[september_article(), november_article()])
    [initiative] = Initiative.objects.all()
    links = initiative_links(initiative=initiative, published_only=False)
    full, light = initiative_ledger(initiative=initiative, published_only=False), ledger_from_rows(initiative, links)

    def stripped(ledger):
        return [
            (e.actor.pk, [(p.stance, p.since, [replace(s, text="") for s in p.sources]) for p in e.history])
            for e in ledger.entries
        ]

    assert len(full.entries) > 5 and stripped(light) == stripped(full)
