"""Store an engine result for an article: the only code that writes machine rows.

Ownership rule: a machine run may create, update or delete only rows that are machine-made and
unreviewed (``ReviewableQuerySet.machine_owned``). A candidate that matches a row an editor owns is
recorded on that row as ``machine_candidate`` and nothing else about the row changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from apps.actors.models import Actor, ActorAlias, Mention
from apps.articles import lifecycle
from apps.articles.models import Article
from apps.claims.models import Claim
from apps.commitments.models import Commitment
from apps.quotes.models import Quote
from apps.review.statuses import Origin

from .engine import ENGINE_VERSION, Extraction
from .engine import types as t
from .engine.normalize import normalize_alias
from .keys import claim_key, commitment_key, quote_key

# A stored Claim, Quote or Commitment: the three kinds share the span and review fields, not the rest.
Row = Any


@dataclass
class PersistSummary:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    linked: dict[str, int] = field(default_factory=dict)


# --- actors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorWanted:
    """An actor the engine named: resolved to a stored actor, or created."""

    name: str
    kind: str
    country_code: str = ""


def actors_resolve(wanted: list[ActorWanted]) -> dict[str, Actor]:
    """Stored actors for engine actors, by name: by ISO code, then alias, then name; the new ones created.

    A fixed number of queries whatever the number of actors. New actors and their aliases are inserted
    with ``ON CONFLICT DO NOTHING`` in sorted order, so two workers storing articles that name the same
    new actors neither fail nor deadlock (each waits for the other's row, in the same order), and both
    then read the one row that was kept.
    """
    found: dict[str, Actor] = {}
    codes = {w.country_code.upper() for w in wanted if w.kind == Actor.Kind.COUNTRY and w.country_code}
    by_code = {a.country_code: a for a in Actor.objects.active().filter(country_code__in=codes)} if codes else {}
    for w in wanted:
        if w.kind == Actor.Kind.COUNTRY and w.country_code and w.country_code.upper() in by_code:
            found[w.name] = by_code[w.country_code.upper()]
    norms = {w.name: normalize_alias(w.name) for w in wanted if w.name not in found}
    if norms:
        known = ActorAlias.objects.select_related("actor", "actor__merged_into").filter(
            normalized__in=set(norms.values())
        )
        by_norm = {a.normalized: a.actor for a in known}
        for name, norm in norms.items():
            if norm in by_norm:
                found[name] = by_norm[norm].canonical()
    missing = {w.name: w for w in wanted if w.name not in found}
    if not missing:
        return found
    new = sorted({(w.name[:200], w.kind): w for w in missing.values()}.values(), key=lambda w: (w.name[:200], w.kind))
    keys = {(w.name[:200], w.kind) for w in new}
    names = {name for name, _kind in keys}
    existing = {(a.name, a.kind): a for a in Actor.objects.active().filter(name__in=names)}
    to_create = [
        Actor(
            name=w.name[:200],
            kind=w.kind,
            country_code=w.country_code.upper() if w.kind == Actor.Kind.COUNTRY else "",
            origin=Origin.MACHINE,
        )
        for w in new
        if (w.name[:200], w.kind) not in existing
    ]
    if to_create:
        Actor.objects.bulk_create(to_create, ignore_conflicts=True)
        codes = {a.country_code for a in to_create if a.country_code}
        rows = Actor.objects.active().filter(Q(name__in=names) | Q(country_code__in=codes))
        stored = {(a.name, a.kind): a for a in rows}
        by_code = {a.country_code: a for a in rows if a.country_code}
        created = [stored[(a.name, a.kind)] for a in to_create if (a.name, a.kind) in stored]
        Actor.history.bulk_history_create(created)
        aliases = sorted(
            {normalize_alias(a.name): a for a in created if normalize_alias(a.name)}.items(), key=lambda kv: kv[0]
        )
        ActorAlias.objects.bulk_create(
            [
                ActorAlias(actor=a, alias=a.name, normalized=norm, source=ActorAlias.Source.MACHINE)
                for norm, a in aliases
            ],
            ignore_conflicts=True,
        )
        ours = ActorAlias.objects.filter(normalized__in=[norm for norm, _a in aliases], actor__in=created)
        ActorAlias.history.bulk_history_create(list(ours))
        existing.update(stored)
    for name, w in missing.items():
        actor = existing.get((name[:200], w.kind))
        if actor is None and w.country_code:  # the code was taken by a country of another name meanwhile
            actor = by_code.get(w.country_code.upper())
        if actor is not None:
            found[name] = actor
    return found


# --- matching machine candidates against stored rows ---------------------------------------------


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    inter = min(a_end, b_end) - max(a_start, b_start)
    shortest = max(1, min(a_end - a_start, b_end - b_start))
    return max(0, inter) / shortest


def _owner_for(
    candidate: dict,
    owned: list[Row],
    candidates: list[dict],
    compatible: Callable[[Row, dict], bool],
    same: Callable[[Row, dict], bool],
) -> Row | None:
    """The editor-owned row a candidate stands for, if any.

    A row on an overlapping span (or with the same text) that is ``compatible`` (e.g. the same actor) is
    the candidate's row when the candidate is the only compatible one there, or when it is the ``same``
    item (e.g. the same quantity) while several candidates share the span.
    """
    for row in owned:
        if not compatible(row, candidate) or not _near(row, candidate):
            continue
        rivals = [c for c in candidates if compatible(row, c) and _near(row, c)]
        if len(rivals) == 1 or same(row, candidate):
            return row
    return None


def _near(row: Row, cand: dict) -> bool:
    return _overlap(row.start, row.end, cand["start"], cand["end"]) >= 0.5 or (
        "text" in cand and getattr(row, "text", None) == cand["text"]
    )


def _sync(
    model: type[Row],
    article: Article,
    candidates: list[dict],
    key: Callable[[dict], str],
    summary: PersistSummary,
    same: Callable[[Row, dict], bool] = lambda row, cand: True,
    compatible: Callable[[Row, dict], bool] = lambda row, cand: True,
) -> None:
    """Upsert machine rows by natural key, link candidates to editor-owned rows, drop stale machine rows.

    ``key`` gives a candidate's natural key (``apps/extraction/keys.py``); ``compatible`` and ``same``
    decide which editor-owned row a candidate stands for (see :func:`_owner_for`), so that two items on
    one sentence don't both attach to one reviewed row. The writes are bulk: a fixed number of queries
    whatever the number of candidates (one read, then at most one insert, one update of machine rows, one
    update of editor rows' ``machine_candidate``, one delete, plus their history rows).
    """
    label = model._meta.model_name or ""
    # Two candidates with one natural key are one item (e.g. a sentence that repeats its number): the
    # first stands for both, instead of a second insert breaking the (article, machine_key) constraint.
    unique: dict[str, dict] = {}
    for cand in candidates:
        unique.setdefault(key(cand), cand)
    candidates = list(unique.values())
    # Lock the article's rows: an editor's review of one of them waits for this transaction, then sees
    # its result (and a version bump) instead of being overwritten by it.
    rows = list(model.objects.select_for_update().filter(article=article).order_by("pk"))
    owned = [r for r in rows if r.is_editor_owned]
    machine = {r.machine_key: r for r in rows if not r.is_editor_owned}
    keep: set[int] = set()
    pending: list[tuple[dict, str]] = []
    linked: dict[int, Row] = {}
    changed: dict[int, Row] = {}
    fields: set[str] = set()
    for natural, cand in unique.items():
        owner = _owner_for(cand, owned, candidates, compatible, same)
        if owner is not None:
            snapshot = _snapshot(cand)
            if owner.machine_candidate != snapshot:
                owner.machine_candidate = snapshot
                linked[owner.pk] = owner
            summary.linked[label] = summary.linked.get(label, 0) + 1
            continue
        row = machine.get(natural)
        if row is not None and row.pk not in keep:
            fields |= _update(row, cand, natural, changed)
            keep.add(row.pk)
        elif row is None:
            pending.append((cand, natural))
    # A candidate whose key changed (the machine now reads another number or stance on the same span)
    # updates the unreviewed row that was there, so the row keeps its id; otherwise it is new.
    new: list[Row] = []
    for cand, natural in pending:
        row = next(
            (
                r
                for r in machine.values()
                if r.pk not in keep and (r.start, r.end) == (cand["start"], cand["end"]) and compatible(r, cand)
            ),
            None,
        )
        if row is None:
            values = {**cand, "machine_key": natural, "machine_values": _snapshot(cand)}
            new.append(model(article=article, origin=Origin.MACHINE, **values))
        else:
            fields |= _update(row, cand, natural, changed)
            machine[natural] = row
            keep.add(row.pk)
    if linked:
        model.objects.bulk_update(list(linked.values()), ["machine_candidate"])
    # Only machine-owned rows that are no longer found go; reviewed and editor rows are never in ``keep``'s
    # complement here because the queryset is limited to machine-owned rows.
    # The rows are locked, so the stale ones are known without asking again; a first extraction has none, and
    # skips the delete (and the SELECT its collector runs) altogether.
    stale = [r.pk for r in rows if not r.is_editor_owned and r.pk not in keep]
    if stale:
        count, _ = model.objects.machine_owned().filter(pk__in=stale).delete()
        if count:
            summary.deleted[label] = count
    if changed:
        bulk_update_with_history(list(changed.values()), model, sorted(fields | {"version", "updated_at"}))
        summary.updated[label] = summary.updated.get(label, 0) + len(changed)
    if new:
        bulk_create_with_history(new, model)
        summary.created[label] = summary.created.get(label, 0) + len(new)


def _snapshot(cand: dict) -> dict:
    return {k: _jsonable(v) for k, v in cand.items()}


def _update(row: Row, cand: dict, natural: str, changed: dict[int, Row]) -> set[str]:
    """Apply a candidate to an unreviewed machine row in memory; the fields that changed (saved in bulk)."""
    values = {**cand, "machine_key": natural, "machine_values": _snapshot(cand)}
    diff = {k for k, v in values.items() if _current(row, k) != (v.pk if isinstance(v, Model) else v)}
    if diff:
        for k in diff:
            setattr(row, k, values[k])
        # A new version: an editor's form loaded before this update is refused as stale, not saved over it.
        row.version += 1
        row.updated_at = timezone.now()
        changed[row.pk] = row
    return diff


def _current(row: Row, name: str) -> Any:
    """A row's stored value; a foreign key's id, so comparing never loads the related row."""
    field = row._meta.get_field(name)
    return getattr(row, field.attname)


def _was(row: Row, cand: dict, *fields: str) -> bool:
    """Candidate equals the row on ``fields``, as the row stands now or as the machine first gave it."""
    want = [_jsonable(cand[f]) for f in fields]
    now = [_jsonable(getattr(row, f if f not in ("speaker", "actor") else f"{f}_id")) for f in fields]
    first = [row.machine_values.get(f) for f in fields] if row.machine_values else None
    return want == now or want == first


def _jsonable(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return None


def extraction_persist(*, article: Article, extraction: Extraction) -> PersistSummary:
    """Store an engine result for ``article`` in one transaction (see the module docstring)."""
    summary = PersistSummary()
    version = extraction.engine_version or ENGINE_VERSION
    with transaction.atomic():
        Article.objects.select_for_update().filter(pk=article.pk).first()
        wanted = {a.name: ActorWanted(a.name, a.kind, a.country_code or "") for a in extraction.actors}
        named = [q.speaker for q in extraction.quotes] + [c.speaker for c in extraction.claims]
        for name in [*named, *(c.actor for c in extraction.commitments)]:
            if name and name not in wanted:
                wanted[name] = ActorWanted(name, _guess_kind(name, extraction))
        actors = actors_resolve(list(wanted.values()))

        def actor_named(name: str | None) -> Actor | None:
            return actors.get(name) if name else None

        Mention.objects.filter(article=article).delete()
        mentions, seen = [], set()
        for a in extraction.actors:
            actor = actors.get(a.name)
            for m in a.mentions:
                if actor is not None and (m.start, m.end) not in seen and m.end > m.start:
                    seen.add((m.start, m.end))
                    mentions.append(Mention(actor=actor, article=article, start=m.start, end=m.end, text=m.text[:300]))
        Mention.objects.bulk_create(mentions)
        summary.created["mention"] = len(mentions)

        _sync(
            Quote,
            article,
            [
                {
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "speaker": actor_named(q.speaker),
                    "extractor_version": version,
                }
                for q in extraction.quotes
            ],
            lambda c: quote_key(start=c["start"], end=c["end"]),
            summary,
        )
        _sync(
            Claim,
            article,
            [_claim_values(c, actor_named(c.speaker), version) for c in extraction.claims],
            lambda c: claim_key(
                start=c["start"], end=c["end"], kind=c["kind"], unit=c["quantity_unit"], value=c["quantity_value"]
            ),
            summary,
            same=lambda row, cand: _was(row, cand, "quantity_value", "quantity_unit"),
        )
        stated_on = (article.published_at or article.created_at or timezone.now()).date()
        commitments, seen_keys = [], set()
        for c in extraction.commitments:
            actor = actor_named(c.actor)
            if actor is None or (c.start, c.end, actor.pk, c.stance) in seen_keys:
                continue
            seen_keys.add((c.start, c.end, actor.pk, c.stance))
            commitments.append(
                {
                    "start": c.start,
                    "end": c.end,
                    "actor": actor,
                    "stance": c.stance,
                    "action": c.action[:500],
                    "condition": c.condition or "",
                    "stated_on": stated_on,
                    "extractor_version": version,
                }
            )
        _sync(
            Commitment,
            article,
            commitments,
            lambda c: commitment_key(start=c["start"], end=c["end"], actor_id=c["actor"].pk, stance=c["stance"]),
            summary,
            same=lambda row, cand: _was(row, cand, "actor", "stance"),
            compatible=lambda row, cand: _was(row, cand, "actor"),
        )
        lifecycle.mark_extracted(
            article_id=article.pk, extractor_version=version, language=extraction.language or article.language
        )
    return summary


def _claim_values(c: t.Claim, speaker: Actor | None, version: str) -> dict:
    q = c.quantity
    return {
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "kind": c.kind,
        "quantity_value": _decimal(q.value) if q else None,
        "quantity_unit": (q.unit or "")[:64] if q else "",
        "quantity_qualifier": (q.qualifier or "")[:32] if q else "",
        "speaker": speaker,
        "score": min(1.0, max(0.0, float(c.score))),
        "extractor_version": version,
    }


def _guess_kind(name: str, extraction: Extraction) -> str:
    for a in extraction.actors:
        if a.name == name:
            return a.kind
    return Actor.Kind.PERSON if len(name.split()) >= 2 else Actor.Kind.ORGANISATION
