"""The commitment ledger of an initiative, built in Python from one query's rows.

An actor's *history* is a list of stance periods: consecutive statements of the same stance form one
period; a new period starts when the stance changes. A change is flagged for review when the new
stance rests on a single source (one outlet, or one article without an outlet) and no statement of it
is verified or corrected.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from apps.actors.models import Actor
from apps.commitments.models import Stance
from apps.commitments.stances import stance_runs
from apps.review.statuses import PUBLISHED_STATUSES

from .models import CommitmentInitiative, Initiative

# Display order, from most to least engaged.
STANCE_ORDER = [
    s.value
    for s in (Stance.COMMITTED, Stance.CONDITIONAL, Stance.OPEN, Stance.UNDECIDED, Stance.DECLINED, Stance.OPPOSED)
]
STANCE_LABELS = dict(Stance.choices)
# Stances that point the same way; a change inside one bucket is not a conflict between sources.
STANCE_BUCKET = {
    "committed": "for",
    "conditional": "for",
    "open": "neutral",
    "undecided": "neutral",
    "declined": "against",
    "opposed": "against",
}


def commitment_date(commitment) -> dt.date:
    """When the stance was stated: ``stated_on``, else the article's publication, else its ingestion date."""
    if commitment.stated_on:
        return commitment.stated_on
    article = commitment.article
    moment = article.published_at or article.created_at
    return moment.date()


def canonical_actor(actor: Actor) -> Actor:
    if actor.merged_into_id is None:
        return actor
    return actor.canonical()


@dataclass(frozen=True)
class Evidence:
    commitment_id: int
    article_id: int
    article_title: str
    outlet: str
    outlet_id: int | None
    url: str
    published_at: dt.datetime | None
    date: dt.date
    stance: str
    action: str
    condition: str
    start: int
    end: int
    text: str
    review_status: str
    published: bool

    @property
    def source_key(self) -> tuple[str, int]:
        return ("outlet", self.outlet_id) if self.outlet_id else ("article", self.article_id)

    def as_dict(self) -> dict:
        return {
            "commitment": self.commitment_id,
            "article": self.article_id,
            "article_title": self.article_title,
            "outlet": self.outlet,
            "url": self.url,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "date": self.date.isoformat(),
            "stance": self.stance,
            "action": self.action,
            "condition": self.condition,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "review_status": self.review_status,
        }


@dataclass
class StancePeriod:
    stance: str
    since: dt.date
    last_stated: dt.date
    previous_stance: str | None
    sources: list[Evidence] = field(default_factory=list)

    @property
    def stance_label(self) -> str:
        return STANCE_LABELS.get(self.stance, self.stance)

    @property
    def is_change(self) -> bool:
        return self.previous_stance is not None

    @property
    def source_count(self) -> int:
        return len({e.source_key for e in self.sources})

    @property
    def single_unverified_source(self) -> bool:
        return self.source_count == 1 and not any(e.published for e in self.sources)

    @property
    def flagged(self) -> bool:
        return self.is_change and self.single_unverified_source

    def as_dict(self) -> dict:
        return {
            "stance": self.stance,
            "previous_stance": self.previous_stance,
            "since": self.since.isoformat(),
            "last_stated": self.last_stated.isoformat(),
            "flagged_for_review": self.flagged,
            "sources": [e.as_dict() for e in self.sources],
        }


@dataclass
class LedgerEntry:
    actor: Actor  # canonical
    history: list[StancePeriod]

    @property
    def current(self) -> StancePeriod:
        return self.history[-1]

    @property
    def stance(self) -> str:
        return self.current.stance

    @property
    def stance_label(self) -> str:
        return self.current.stance_label

    @property
    def stated_on(self) -> dt.date:
        """The latest statement of the current stance."""
        return self.current.last_stated

    @property
    def since(self) -> dt.date:
        return self.current.since

    @property
    def evidence(self) -> Evidence:
        return self.current.sources[-1]

    @property
    def changes(self) -> list[StancePeriod]:
        return [p for p in self.history if p.is_change]

    @property
    def flagged(self) -> bool:
        return any(p.flagged for p in self.history)

    def as_dict(self) -> dict:
        return {
            "actor": {
                "id": self.actor.pk,
                "name": self.actor.name,
                "kind": self.actor.kind,
                "country_code": self.actor.country_code,
            },
            "stance": self.stance,
            "stated_on": self.stated_on.isoformat(),
            "since": self.since.isoformat(),
            "evidence": self.evidence.as_dict(),
            "flagged_for_review": self.flagged,
            "history": [p.as_dict() for p in self.history],
        }


@dataclass
class Ledger:
    initiative: Initiative
    entries: list[LedgerEntry]
    as_of: dt.date | None = None

    def by_stance(self) -> OrderedDict[str, list[LedgerEntry]]:
        groups: OrderedDict[str, list[LedgerEntry]] = OrderedDict((s, []) for s in STANCE_ORDER)
        for entry in self.entries:
            groups.setdefault(entry.stance, []).append(entry)
        return groups

    def with_stance(self, stance: str | None, *, kind: str | None = None) -> list[LedgerEntry]:
        return [
            e for e in self.entries if (stance is None or e.stance == stance) and (kind is None or e.actor.kind == kind)
        ]

    @property
    def dates(self) -> list[dt.date]:
        return sorted({s.date for e in self.entries for p in e.history for s in p.sources})


def evidence_for(link: CommitmentInitiative) -> Evidence:
    c = link.commitment
    article = c.article
    # Callers that need no evidence text (the consistency checks) defer the bodies: loading them dominated.
    body = "" if "body" in article.get_deferred_fields() else (article.body or "")
    return Evidence(
        commitment_id=c.pk,
        article_id=article.pk,
        article_title=article.title or f"Article {article.pk}",
        outlet=article.outlet.name if article.outlet is not None else "",
        outlet_id=article.outlet_id,
        url=article.url or "",
        published_at=article.published_at,
        date=commitment_date(c),
        stance=c.stance,
        action=c.action,
        condition=c.condition,
        start=c.start,
        end=c.end,
        text=body[c.start : c.end],
        review_status=c.review_status,
        published=c.is_published,
    )


def build_history(evidence: Iterable[Evidence]) -> list[StancePeriod]:
    ordered = sorted(
        evidence,
        key=lambda e: (
            e.date,
            e.published_at or dt.datetime.min.replace(tzinfo=dt.UTC),
            e.article_id,
            e.start,
            e.commitment_id,
        ),
    )
    return [
        StancePeriod(
            stance=run.stance,
            since=run.items[0].date,
            last_stated=max(ev.date for ev in run.items),
            previous_stance=run.previous_stance,
            sources=run.items,
        )
        for run in stance_runs(ordered, lambda ev: ev.stance)
    ]


def build_ledger(initiative, links: Iterable[CommitmentInitiative], *, as_of: dt.date | None = None) -> Ledger:
    by_actor: dict[int, tuple[Actor, list[Evidence]]] = {}
    for link in links:
        ev = evidence_for(link)
        if as_of is not None and ev.date > as_of:
            continue
        actor = canonical_actor(link.commitment.actor)
        by_actor.setdefault(actor.pk, (actor, []))[1].append(ev)
    entries = [LedgerEntry(actor=actor, history=build_history(evs)) for actor, evs in by_actor.values()]
    rank = {s: i for i, s in enumerate(STANCE_ORDER)}
    entries.sort(key=lambda e: (rank.get(e.stance, 99), e.actor.name))
    return Ledger(initiative=initiative, entries=entries, as_of=as_of)


def ledger_from_rows(initiative, links) -> Ledger:
    """``build_ledger(initiative, links)`` with evidence read as rows, not model instances, and no evidence text:
    for checks over many statements (the stance conflicts) that never show the text."""
    rows = links.values_list(
        "commitment_id",
        "commitment__article_id",
        "commitment__article__title",
        "commitment__article__outlet__name",
        "commitment__article__outlet_id",
        "commitment__article__url",
        "commitment__article__published_at",
        "commitment__article__created_at",
        "commitment__stated_on",
        "commitment__stance",
        "commitment__action",
        "commitment__condition",
        "commitment__start",
        "commitment__end",
        "commitment__review_status",
        "commitment__actor_id",
    )
    by_raw: dict[int, list[Evidence]] = {}
    for (
        cid,
        aid,
        title,
        outlet,
        outlet_id,
        url,
        published,
        created,
        stated,
        stance,
        action,
        cond,
        start,
        end,
        st,
        actor_id,
    ) in rows:
        by_raw.setdefault(actor_id, []).append(
            Evidence(
                commitment_id=cid,
                article_id=aid,
                article_title=title or f"Article {aid}",
                outlet=outlet or "",
                outlet_id=outlet_id,
                url=url or "",
                published_at=published,
                date=stated or (published or created).date(),  # commitment_date()
                stance=stance,
                action=action,
                condition=cond,
                start=start,
                end=end,
                text="",
                review_status=st,
                published=st in PUBLISHED_STATUSES,
            )
        )
    actors = {a.pk: a for a in Actor.objects.select_related("merged_into").filter(pk__in=list(by_raw) or [0])}
    by_actor: dict[int, tuple[Actor, list[Evidence]]] = {}
    for actor_id, evidence in by_raw.items():
        actor = canonical_actor(actors[actor_id])
        by_actor.setdefault(actor.pk, (actor, []))[1].extend(evidence)
    entries = [LedgerEntry(actor=actor, history=build_history(evs)) for actor, evs in by_actor.values()]
    rank = {s: i for i, s in enumerate(STANCE_ORDER)}
    entries.sort(key=lambda e: (rank.get(e.stance, 99), e.actor.name))
    return Ledger(initiative=initiative, entries=entries)


# --- stances only: what the count checks need, from light rows -------------------------------------------------


class Statement(NamedTuple):
    """One commitment as the count checks see it: no text, no outlet (a tuple, not a model instance, so an
    initiative of tens of thousands of commitments costs little memory)."""

    commitment_id: int
    article_id: int
    published_at: dt.datetime | None
    date: dt.date
    stance: str
    start: int
    outlet_id: int | None = None
    posted: dt.datetime | None = None  # the article's publication, else ingestion: the order reports came in

    @property
    def source_key(self) -> tuple[str, int]:
        return ("outlet", self.outlet_id) if self.outlet_id else ("article", self.article_id)

    @property
    def arrival(self) -> tuple:
        return (self.posted, self.article_id)


def _statement_order(s: Statement) -> tuple:
    # The order build_history() puts evidence in.
    return (s.date, s.published_at or dt.datetime.min.replace(tzinfo=dt.UTC), s.article_id, s.start, s.commitment_id)


@dataclass
class ActorStances:
    """An actor's stance periods ``(stance, since)``, oldest first, and the commitment behind its current stance
    (the ledger entry's ``evidence``): the parts of a ledger entry a count check reads."""

    actor: Actor  # canonical
    periods: list[tuple[str, dt.date]]
    evidence_commitment_id: int

    @property
    def stance(self) -> str:
        return self.periods[-1][0]


def actor_stances(actor: Actor, statements: Iterable[Statement]) -> ActorStances | None:
    runs = stance_runs(sorted(statements, key=_statement_order), lambda s: s.stance)
    if not runs:
        return None
    return ActorStances(actor, [(r.stance, r.items[0].date) for r in runs], runs[-1].items[-1].commitment_id)


@dataclass
class StanceTable:
    """Each canonical actor's statements in one initiative, and the raw actor ids folded into it."""

    statements: dict[int, tuple[Actor, list[Statement]]]
    raw_actor_ids: dict[int, set[int]]

    def entries(self) -> list[ActorStances]:
        """The ledger's entries (same order as ``build_ledger``), stances only."""
        out = [e for actor, sts in self.statements.values() if (e := actor_stances(actor, sts)) is not None]
        rank = {s: i for i, s in enumerate(STANCE_ORDER)}
        out.sort(key=lambda e: (rank.get(e.stance, 99), e.actor.name))
        return out


def stance_table(links) -> StanceTable:
    """Read ``links`` (a CommitmentInitiative queryset) as light rows, grouped by canonical actor (one query for
    the rows, one for the actors)."""
    rows = links.values_list(
        "commitment_id",
        "commitment__article_id",
        "commitment__article__published_at",
        "commitment__article__created_at",
        "commitment__stated_on",
        "commitment__stance",
        "commitment__start",
        "commitment__actor_id",
        "commitment__article__outlet_id",
    )
    by_raw: dict[int, list[Statement]] = {}
    for cid, article_id, published, created, stated, stance, start, actor_id, outlet_id in rows.iterator(
        chunk_size=5000
    ):
        date = stated or (published or created).date()  # commitment_date()
        by_raw.setdefault(actor_id, []).append(
            Statement(cid, article_id, published, date, stance, start, outlet_id, published or created)
        )
    actors = Actor.objects.select_related("merged_into").in_bulk(list(by_raw))
    table = StanceTable({}, {})
    for actor_id, statements in by_raw.items():  # in the links' order, as build_ledger() meets the actors
        actor = canonical_actor(actors[actor_id])
        table.statements.setdefault(actor.pk, (actor, []))[1].extend(statements)
        table.raw_actor_ids.setdefault(actor.pk, set()).add(actor_id)
    return table
