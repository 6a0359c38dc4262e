"""Consistency checks: counting claims against the ledger, and conflicts between sources.

Findings are keyed by what they are about (``count_gap:claim:12``), so a refresh updates the machine's
unreviewed findings in place, deletes those that no longer hold, and leaves every finding an editor
reviewed exactly as the editor left it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from apps.claims.models import Claim
from apps.review.statuses import ReviewStatus

from ..ledger import (
    STANCE_LABELS,
    STANCE_ORDER,
    ActorStances,
    Evidence,
    StanceTable,
    Statement,
    actor_stances,
    ledger_from_rows,
    stance_table,
)
from ..matching import Quantity, is_actor_count_unit, normalize_unit, rank_documents, satisfies
from ..matching.quantities import numbers_conflict
from ..matching.stance import ANY_STANCE, claim_stance
from ..models import CommitmentInitiative, Finding, Initiative
from ..selectors import EXCLUDED_COMMITMENT_STATUSES, initiative_links

MAX_NAMES = 30


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _date(moment: dt.date) -> str:
    return f"{moment.day} {moment:%b %Y}"


def claim_date(claim: Claim) -> dt.date:
    return (claim.article.published_at or claim.article.created_at).date()


def _quantity(claim: Claim) -> Quantity | None:
    if claim.quantity_value is None:
        return None
    return Quantity(float(Decimal(claim.quantity_value)), claim.quantity_unit or "", claim.quantity_qualifier or "")


def is_count_claim(claim: Claim) -> bool:
    return claim.quantity_value is not None and is_actor_count_unit(claim.quantity_unit)


def _stance_phrase(stance: str) -> str:
    return "with a recorded stance" if stance == ANY_STANCE else STANCE_LABELS.get(stance, stance).lower()


def article_initiative(article) -> Initiative | None:
    """The initiative most of the article's commitments belong to; else the closest by words, if close enough."""
    votes = Counter(
        CommitmentInitiative.objects.active()
        .filter(commitment__article=article)
        .exclude(commitment__review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .values_list("initiative_id", flat=True)
    )
    if votes:
        return Initiative.objects.get(pk=votes.most_common(1)[0][0])
    counts = [c for c in Claim.objects.filter(article=article) if is_count_claim(c)]
    initiatives = list(Initiative.objects.all())
    if not counts or not initiatives:
        return None
    docs = [" ".join([i.name, i.description, *i.alias_list()]) for i in initiatives]
    sims = rank_documents(" ".join(c.text for c in counts), docs)
    best = max(range(len(initiatives)), key=lambda k: sims[k])
    return initiatives[best] if sims[best] >= settings.NEWSROOM_INITIATIVE_SUGGEST_MIN else None


def _stance_on(entry: ActorStances, at: dt.date) -> str | None:
    """The actor's stance on ``at``: that of its last period begun by then (the periods are in date order)."""
    k = bisect.bisect_right(entry.periods, at, key=lambda p: p[1])
    return entry.periods[k - 1][0] if k else None


def _count_gap(claim: Claim, table: list[ActorStances]) -> tuple[str, dict] | None:
    """The claim's count against the initiative's actors (``StanceTable.entries()``) on the claim's date.

    What the finding says depends on the ledger *as of the claim's date* only (not on anyone's current stance or
    latest statement), so a statement dated after a claim never changes the claim's finding: a batch of new
    reports rewrites the count gaps of the claims dated from its earliest stance change on, not every count gap
    of the initiative."""
    stance = claim_stance(claim.text)
    quantity = _quantity(claim)
    if stance is None or quantity is None:
        return None
    as_of = claim_date(claim)
    kind = "country" if normalize_unit(claim.quantity_unit) == "country" else None
    wanted = None if stance == ANY_STANCE else stance
    rank = {s: i for i, s in enumerate(STANCE_ORDER)}
    by_then = []
    for entry in table:
        then = _stance_on(entry, as_of)
        if then is None or (wanted and then != wanted) or (kind and entry.actor.kind != kind):
            continue
        by_then.append((rank.get(then, 99), entry.actor.name, entry.actor.pk))
    by_then.sort()
    n = len(by_then)
    if satisfies(quantity, n):
        return None
    qualifier = f"{quantity.qualifier} " if quantity.qualifier else ""
    phrase = _stance_phrase(stance)
    claim_phrase = "taking part" if stance == ANY_STANCE else phrase
    names = [name for _rank, name, _pk in by_then]
    shown = ", ".join(names[:MAX_NAMES]) + (", …" if len(names) > MAX_NAMES else "")
    summary = (
        f"Claim says {qualifier}{_num(quantity.value)} {claim.quantity_unit} {claim_phrase}; "
        f"ledger names {n} {phrase} by {_date(as_of)}{': ' + shown if names else ''}"
    )
    if quantity.value > n:
        summary += f"; {_num(quantity.value - n)} unnamed."
    else:
        summary += f"; {_num(n - quantity.value)} more than the claim."
    details = {
        "claim_value": quantity.value,
        "qualifier": quantity.qualifier,
        "unit": claim.quantity_unit,
        "stance": stance,
        "as_of": as_of.isoformat(),
        "named": [{"actor": pk, "name": name} for _rank, name, pk in by_then],
        "named_count": n,
        "unnamed": max(0.0, quantity.value - n),
    }
    return summary, details


def recorded_since(finding: Finding, entries: list[ActorStances]) -> list[ActorStances]:
    """For a count gap: the actors the ledger (``entries``, now) records with the claim's stance who did not
    have it on the claim's date. Read when the finding is shown, not stored: it changes with every new
    statement, and storing it made each new report rewrite every count gap of its initiative."""
    stance, as_of = finding.details.get("stance"), finding.details.get("as_of")
    if finding.kind != Finding.Kind.COUNT_GAP or stance is None or as_of is None:
        return []
    wanted = None if stance == ANY_STANCE else stance
    kind = "country" if normalize_unit(finding.details.get("unit") or "") == "country" else None
    day = dt.date.fromisoformat(as_of)
    out = []
    for entry in entries:
        if (wanted and entry.stance != wanted) or (kind and entry.actor.kind != kind):
            continue
        then = _stance_on(entry, day)
        if then is None or (wanted and then != wanted):
            out.append(entry)
    return out


def finding_recorded_since(finding: Finding, *, published_only: bool) -> list[ActorStances]:
    """``recorded_since`` for one finding, reading its initiative's ledger now: nothing for other kinds (no
    query); for a count gap two queries (the initiative's statements as light rows, then their actors), however
    many statements it has. ``published_only``: the public ledger's statements only (``initiative_links``)."""
    if finding.kind != Finding.Kind.COUNT_GAP or finding.initiative_id is None:
        return []
    links = initiative_links(published_only=published_only).filter(initiative_id=finding.initiative_id)
    return recorded_since(finding, stance_table(links).entries())


def _timeline_change(before: ActorStances | None, after: ActorStances | None) -> dt.date | None:
    """The first date on which an actor's stance (``_stance_on``) differs between two versions of its periods."""
    dates = sorted({d for e in (before, after) if e is not None for _s, d in e.periods})
    for day in dates:
        if (before and _stance_on(before, day)) != (after and _stance_on(after, day)):
            return day
    return None


def _gaps_changed_from(table: StanceTable, new_commitments: set[int]) -> dt.date | None:
    """The earliest date from which the new commitments change some actor's stance, so the count gaps of claims
    dated from then on may change; None when no actor's stance changes on any date (a repeated statement
    inside a period, say). Only the actors with a new commitment can change."""
    first: dt.date | None = None
    for actor, statements in table.statements.values():
        if not any(s.commitment_id in new_commitments for s in statements):
            continue
        before = actor_stances(actor, [s for s in statements if s.commitment_id not in new_commitments])
        day = _timeline_change(before, actor_stances(actor, statements))
        if day is not None and (first is None or day < first):
            first = day
    return first


def _pairs(n: int, chosen: set[int] | None):
    """Index pairs (i < j) of ``n`` items; with ``chosen``, only the pairs with at least one chosen item, found
    in O(chosen x n) rather than by skipping through all n² pairs (an initiative's counting claims run to
    thousands, a batch adds a few)."""
    if chosen is None:
        yield from ((i, j) for i in range(n) for j in range(i + 1, n))
        return
    for i in sorted(chosen):
        for j in range(n):
            if j != i and not (j in chosen and j < i):  # a pair of two chosen items once
                yield min(i, j), max(i, j)


def _count_conflicts(claims: list[Claim], new: set[int] | None = None) -> list[tuple[str, Claim, Claim, str, dict]]:
    """Pairs of counting claims that disagree; with ``new``, only pairs with at least one claim in it."""
    window = settings.NEWSROOM_COUNT_CONFLICT_DAYS
    keyed = [(c, claim_stance(c.text), normalize_unit(c.quantity_unit), _quantity(c), claim_date(c)) for c in claims]
    out = []
    for i, j in _pairs(len(keyed), None if new is None else {k for k, c in enumerate(claims) if c.pk in new}):
        (a, sa, ua, qa, da), (b, sb, ub, qb, db) = keyed[i], keyed[j]
        if a.article_id == b.article_id or sa is None or sa != sb or ua != ub:
            continue
        if abs((da - db).days) > window or not numbers_conflict(qa, qb):
            continue
        older, newer = sorted((a, b), key=lambda c: (claim_date(c), c.pk))
        q_older, q_newer = (qa, qb) if older is a else (qb, qa)
        if q_older is None or q_newer is None:  # numbers_conflict() already refuses a missing quantity
            continue
        summary = (
            f"Different counts of {ub} {_stance_phrase(sa)}: “{older.text[:120]}” "
            f"({_source(older)}, {_date(claim_date(older))}) says {_num(q_older.value)}; "
            f"“{newer.text[:120]}” ({_source(newer)}, {_date(claim_date(newer))}) says "
            f"{_num(q_newer.value)}."
        )
        key = f"count_conflict:{min(a.pk, b.pk)}:{max(a.pk, b.pk)}"
        out.append(
            (
                key,
                older,
                newer,
                summary,
                {"stance": sa, "unit": ub, "values": [q_older.value, q_newer.value]},
            )
        )
    return out


def _source(claim_or_evidence) -> str:
    if isinstance(claim_or_evidence, Evidence):
        return claim_or_evidence.outlet or claim_or_evidence.article_title
    article = claim_or_evidence.article
    return article.outlet.name if article.outlet_id else (article.title or f"article {article.pk}")


def _conflict_partners(s: Statement, by_date: list[Statement], dates: list[dt.date], window: int, limit: int):
    """The statements ``s`` is compared with: of the same actor, reported before it (``arrival``), by another
    source, with another stance, at most ``window`` days apart; the ``limit`` closest in date (then the latest)."""
    lo = bisect.bisect_left(dates, s.date - dt.timedelta(days=window))
    hi = bisect.bisect_right(dates, s.date + dt.timedelta(days=window))
    found = [
        o
        for o in by_date[lo:hi]
        if o.arrival < s.arrival
        and o.stance != s.stance
        and o.article_id != s.article_id
        and o.source_key != s.source_key
    ]
    return heapq.nsmallest(limit, found, key=lambda o: (abs((o.date - s.date).days), -o.commitment_id))


def _stance_conflict_pairs(table: StanceTable, new: set[int] | None) -> dict[int, list[tuple[Statement, Statement]]]:
    """Stance conflicts as (statement, earlier-reported partner) pairs, by the statement that raised them.

    Each statement is compared with at most ``NEWSROOM_STANCE_CONFLICT_PAIRS`` statements reported before it
    (``_conflict_partners``), so a new report raises a bounded number of conflicts however many sources said the
    opposite that week. With ``new``, only the statements whose partners can change: the new ones, and those
    reported after a new one within the window (a report of old news coming in late)."""
    window = settings.NEWSROOM_STANCE_CONFLICT_DAYS
    limit = settings.NEWSROOM_STANCE_CONFLICT_PAIRS
    out: dict[int, list[tuple[Statement, Statement]]] = {}
    for _actor, statements in table.statements.values():
        fresh = statements if new is None else [s for s in statements if s.commitment_id in new]
        if not fresh:
            continue
        by_date = sorted(statements, key=lambda s: (s.date, s.commitment_id))
        dates = [s.date for s in by_date]
        raised = set() if new is None else {s.commitment_id for s in fresh}
        if new is not None:
            for c in fresh:
                lo = bisect.bisect_left(dates, c.date - dt.timedelta(days=window))
                hi = bisect.bisect_right(dates, c.date + dt.timedelta(days=window))
                raised |= {o.commitment_id for o in by_date[lo:hi] if o.arrival > c.arrival}
        for s in statements if new is None else [s for s in statements if s.commitment_id in raised]:
            out[s.commitment_id] = [(s, o) for o in _conflict_partners(s, by_date, dates, window, limit)]
    return out


def _stance_conflicts(initiative: Initiative, pairs: dict[int, list[tuple[Statement, Statement]]]):
    """The findings of ``pairs`` (``_stance_conflict_pairs``), their statements read as ledger evidence."""
    ids = {x.commitment_id for found in pairs.values() for pair in found for x in pair}
    # The same queries whether or not there is a conflict (``or [0]``: no commitment has id 0): a batch's query
    # count does not depend on what it finds.
    links = initiative_links(initiative=initiative, published_only=False).filter(commitment_id__in=ids or [0])
    evidence = {
        e.commitment_id: (entry.actor, e)
        for entry in ledger_from_rows(initiative, links).entries
        for p in entry.history
        for e in p.sources
    }
    out = []
    for owner, found in pairs.items():
        for s, o in found:
            actor, x = evidence[s.commitment_id]
            y = evidence[o.commitment_id][1]
            a, b = sorted((x, y), key=lambda e: (e.date, e.commitment_id))
            summary = (
                f"{actor.name} on “{initiative}”: {STANCE_LABELS.get(a.stance, a.stance).lower()} "
                f"per {_source(a)} ({_date(a.date)}), {STANCE_LABELS.get(b.stance, b.stance).lower()} "
                f"per {_source(b)} ({_date(b.date)})."
            )
            out.append(
                (f"stance_conflict:{a.commitment_id}:{b.commitment_id}", actor, a, b, owner, o.commitment_id, summary)
            )
    return out


def _articles_initiatives(articles, claims_by_article: dict[int, list[Claim]]) -> dict[int, Initiative | None]:
    """``article_initiative`` for many articles at once: one query for the votes of all of them."""
    votes: dict[int, Counter[int]] = {a.pk: Counter() for a in articles}
    rows = (
        CommitmentInitiative.objects.active()
        .filter(commitment__article__in=[a.pk for a in articles])
        .exclude(commitment__review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .values_list("commitment__article_id", "initiative_id")
    )
    for article_id, initiative_id in rows:
        votes[article_id][initiative_id] += 1
    winners = {pk: v.most_common(1)[0][0] for pk, v in votes.items() if v}
    by_id = Initiative.objects.in_bulk(set(winners.values()))
    out: dict[int, Initiative | None] = {pk: by_id[i] for pk, i in winners.items()}
    unvoted = [a for a in articles if a.pk not in winners]
    if unvoted:
        limit = settings.NEWSROOM_INITIATIVE_CANDIDATES
        initiatives = sorted(Initiative.objects.order_by("-updated_at", "-id")[:limit], key=lambda i: (i.name, i.pk))
        docs = [" ".join([i.name, i.description, *i.alias_list()]) for i in initiatives]
        for article in unvoted:
            counts = [c for c in claims_by_article.get(article.pk, []) if is_count_claim(c)]
            out[article.pk] = None
            if counts and initiatives:
                sims = rank_documents(" ".join(c.text for c in counts), docs)
                best = max(range(len(initiatives)), key=lambda k: sims[k])
                if sims[best] >= settings.NEWSROOM_INITIATIVE_SUGGEST_MIN:
                    out[article.pk] = initiatives[best]
    return out


def _finding(kind: str, initiative: Initiative, summary: str, details: dict, **ids) -> dict:
    fields = dict.fromkeys(("claim_id", "related_claim_id", "actor_id", "commitment_id", "related_commitment_id"), None)
    return fields | ids | {"kind": kind, "initiative_id": initiative.pk, "summary": summary, "details": details}


def _update_rows(rows: list[Finding], names: list[str]) -> None:
    """Save ``names`` of ``rows``: one UPDATE statement sent with ``executemany``. (``bulk_update`` builds a
    CASE expression per field with a branch per row: with the thousands of count gaps a large initiative
    rewrites when an actor's latest statement changes, building it dominated the whole refresh.)"""
    fields = [f for f in Finding._meta.concrete_fields if f.attname in names]
    qn = connection.ops.quote_name
    sql = (
        f"UPDATE {qn(Finding._meta.db_table)} SET {', '.join(f'{qn(f.column)} = %s' for f in fields)}"
        f" WHERE {qn(Finding._meta.pk.column)} = %s"
    )
    params = [[f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields] + [row.pk] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _write(wanted: dict[str, dict], stale_scope) -> list[Finding]:
    """Upsert the wanted findings in bulk and delete the machine's findings in ``stale_scope`` not wanted.

    Findings an editor reviewed are never written or deleted; unchanged ones are not written. New rows are
    inserted with ``ignore_conflicts`` (another worker may insert the same key: its row is the same).
    """
    existing = {f.key: f for f in Finding.objects.select_for_update().filter(key__in=wanted)}
    create, update, names = [], [], set()
    for key, fields in wanted.items():
        finding = existing.get(key)
        if finding is None:
            create.append(Finding(key=key, **fields))
        elif not finding.is_editor_owned:
            changed = [name for name, value in fields.items() if getattr(finding, name) != value]
            if changed:
                for name in changed:
                    setattr(finding, name, fields[name])
                finding.updated_at = timezone.now()
                names |= set(changed) | {"updated_at"}
                update.append(finding)
    if create:
        Finding.objects.bulk_create(create, ignore_conflicts=True)
    if update:
        _update_rows(update, sorted(names))
    if stale_scope is not None:
        Finding.objects.unreviewed().filter(stale_scope).exclude(key__in=wanted).delete()
    return list(Finding.objects.filter(key__in=wanted)) if wanted else []


def _initiative_findings(
    initiative: Initiative,
    claims: list[Claim],
    *,
    table: StanceTable,
    gap_claims: list[Claim],
    new_claims: set[int] | None,
    conflicts: dict[int, list[tuple[Statement, Statement]]],
) -> dict[str, dict]:
    """The findings of one initiative that involve what is new (``None``: everything).

    ``claims`` are the initiative's counting claims, ``gap_claims`` those whose count gap is recomputed,
    ``table`` the initiative's stances (``stance_table``), ``conflicts`` the stance conflicts to state
    (``_stance_conflict_pairs``).
    """
    wanted: dict[str, dict] = {}
    if gap_claims:
        entries = table.entries()
        for claim in gap_claims:
            gap = _count_gap(claim, entries)
            if gap:
                summary, details = gap
                wanted[f"count_gap:claim:{claim.pk}"] = _finding(
                    Finding.Kind.COUNT_GAP, initiative, summary, details, claim_id=claim.pk
                )
    for key, older, newer, summary, details in _count_conflicts(claims, new_claims):
        wanted[key] = _finding(
            Finding.Kind.COUNT_CONFLICT, initiative, summary, details, claim_id=newer.pk, related_claim_id=older.pk
        )
    for key, actor, a, b, owner, partner, summary in _stance_conflicts(initiative, conflicts):
        wanted[key] = _finding(
            Finding.Kind.STANCE_CONFLICT,
            initiative,
            summary,
            {"stances": [a.stance, b.stance], "dates": [a.date.isoformat(), b.date.isoformat()]},
            actor_id=actor.pk,
            commitment_id=owner,
            related_commitment_id=partner,
        )
    return wanted


def _stance_table(initiative: Initiative) -> StanceTable:
    return stance_table(initiative_links(initiative=initiative, published_only=False))


def _day_ranges(field: str, ranges: Sequence[tuple[dt.date, dt.date | None]]) -> Q:
    """Rows whose article date (publication, else ingestion: ``claim_date``) falls in one of ``ranges``
    (``(first, last)`` days, ``last`` None: no end)."""
    published, created = f"{field}__published_at", f"{field}__created_at"
    out = Q(pk__in=[])
    for first, last in ranges:
        low = dt.datetime.combine(first, dt.time.min, tzinfo=dt.UTC)
        pub, made = Q(**{f"{published}__gte": low}), Q(**{f"{created}__gte": low})
        if last is not None:
            high = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
            pub &= Q(**{f"{published}__lt": high})
            made &= Q(**{f"{created}__lt": high})
        out |= pub | (Q(**{f"{published}__isnull": True}) & made)
    return out


def _initiative_count_claims(
    initiative: Initiative, extra_articles=(), ranges: Sequence[tuple[dt.date, dt.date | None]] | None = None
) -> list[Claim]:
    """Counting claims checked against ``initiative``: those of articles whose main initiative it is.

    With ``ranges``, only those of articles dated in one of them (and those of ``extra_articles``): what a batch
    compares its claims with and rechecks is bounded by dates, so it is read without reading the initiative's
    whole history."""
    links = (
        CommitmentInitiative.objects.active()
        .filter(initiative=initiative)
        .exclude(commitment__review_status__in=EXCLUDED_COMMITMENT_STATUSES)
    )
    found = Finding.objects.filter(initiative=initiative, claim__isnull=False)
    if ranges is not None:
        links = links.filter(_day_ranges("commitment__article", ranges))
        found = found.filter(_day_ranges("claim__article", ranges))
    article_ids = set(links.values_list("commitment__article_id", flat=True))
    article_ids |= set(found.values_list("claim__article_id", flat=True))
    article_ids |= {a.pk for a in extra_articles}
    claims = list(
        Claim.objects.filter(article_id__in=article_ids, quantity_value__isnull=False)
        .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .select_related("article__outlet")
        .defer("article__body")
        .order_by("id")
    )
    claims = [c for c in claims if is_count_claim(c)]
    articles = {c.article_id: c.article for c in claims}
    by_article: dict[int, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    # A counting claim is checked against its article's initiative only.
    owner = _articles_initiatives(list(articles.values()), by_article)
    return [c for c in claims if (i := owner.get(c.article_id)) is not None and i.pk == initiative.pk]


@transaction.atomic
def findings_refresh_for_initiative(*, initiative: Initiative, extra_claims: Sequence[Claim] = ()) -> list[Finding]:
    """Recompute all the machine's findings for one initiative (its counting claims, counts and stances)."""
    Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    claims = _initiative_count_claims(initiative, {c.article for c in extra_claims})
    wanted = _initiative_findings(
        initiative,
        claims,
        table=(table := _stance_table(initiative)),
        gap_claims=claims,
        new_claims=None,
        conflicts=_stance_conflict_pairs(table, None),
    )
    return _write(wanted, Q(initiative=initiative))


@transaction.atomic
def findings_refresh(*, articles) -> list[Finding]:
    """Refresh the findings a batch of newly tracked articles can change, and only those.

    For each initiative the batch touches (locked, one at a time in id order, so two workers adding to it take
    turns): count gaps of all its counting claims when the batch added commitments to its ledger, else of the
    batch's claims only; count conflicts of pairs with a claim of the batch; stance conflicts of pairs with a
    commitment of the batch. Written with bulk upserts (``_write``).
    """
    articles = list(articles)
    ids = [a.pk for a in articles]
    claims = list(
        Claim.objects.filter(article_id__in=ids)
        .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .select_related("article__outlet")
        .order_by("id")
    )
    by_article: dict[int, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    owner = _articles_initiatives(articles, by_article)
    links = list(
        CommitmentInitiative.objects.active()
        .filter(commitment__article_id__in=ids)
        .exclude(commitment__review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .values_list("initiative_id", "commitment_id")
    )
    ledger_changed = {initiative_id for initiative_id, _ in links}
    new_commitments = {commitment_id for _, commitment_id in links}
    touched = ledger_changed | {i.pk for i in owner.values() if i is not None}
    claim_ids = {c.pk for c in claims}
    # Count findings of the batch's claims that now belong elsewhere (or nowhere) are dropped (one query).
    elsewhere = Q(pk__in=[])
    for article_id, mine in by_article.items():
        ids_here = [c.pk for c in mine]
        about = Q(claim_id__in=ids_here) | Q(related_claim_id__in=ids_here)
        initiative = owner.get(article_id)
        elsewhere |= about & ~Q(initiative=initiative) if initiative is not None else about
    if by_article:
        Finding.objects.unreviewed().filter(
            elsewhere, kind__in=(Finding.Kind.COUNT_GAP, Finding.Kind.COUNT_CONFLICT)
        ).delete()
    window = dt.timedelta(days=settings.NEWSROOM_COUNT_CONFLICT_DAYS)
    batch_counting = [c for c in claims if is_count_claim(c)]
    out: list[Finding] = []
    for initiative in Initiative.objects.select_for_update().filter(pk__in=touched).order_by("pk"):
        mine = [a for a in articles if (i := owner.get(a.pk)) is not None and i.pk == initiative.pk]
        table = _stance_table(initiative)
        # Count gaps read the ledger as of their claim's date: only the claims dated from the first day on which
        # the batch changes some actor's stance are rechecked (besides the batch's own).
        since = _gaps_changed_from(table, new_commitments) if initiative.pk in ledger_changed else None
        # What a batch compares and rechecks is bounded by dates: the count-conflict window around its counting
        # claims, and the days from ``since`` on.
        ranges: list[tuple[dt.date, dt.date | None]] = [
            (claim_date(c) - window, claim_date(c) + window)
            for c in batch_counting
            if owner.get(c.article_id) == initiative
        ]
        if since is not None:
            ranges.append((since, None))
        counting = _initiative_count_claims(initiative, mine, ranges) if ranges or mine else []
        new_counting = {c.pk for c in counting if c.pk in claim_ids}
        gaps = [c for c in counting if c.pk in new_counting or (since is not None and claim_date(c) >= since)]
        wanted = _initiative_findings(
            initiative,
            counting,
            table=table,
            gap_claims=gaps,
            new_claims=new_counting,
            conflicts=(conflicts := _stance_conflict_pairs(table, new_commitments)),
        )
        scope = Q(initiative=initiative) & (
            Q(kind=Finding.Kind.COUNT_GAP, claim_id__in=[c.pk for c in gaps])
            | Q(kind=Finding.Kind.COUNT_CONFLICT, claim_id__in=new_counting)
            | Q(kind=Finding.Kind.COUNT_CONFLICT, related_claim_id__in=new_counting)
            | Q(kind=Finding.Kind.STANCE_CONFLICT, commitment_id__in=list(conflicts))
        )
        out += _write(wanted, scope)
    return out


@transaction.atomic
def findings_refresh_for_article(*, article) -> list[Finding]:
    return findings_refresh(articles=[article])


@transaction.atomic
def finding_review(*, finding: Finding, editor, status: str, note: str = "", summary: str | None = None) -> Finding:
    """An editor publishes (verified), corrects, or dismisses a finding; later refreshes leave it alone."""
    if status not in ReviewStatus.values:
        raise ValueError(f"unknown review status {status!r}")
    finding.review_status = status
    finding.reviewed_by = editor
    finding.reviewed_at = timezone.now()
    if note:
        finding.review_note = note
    if summary is not None:
        finding.summary = summary
    finding.save()
    return finding
