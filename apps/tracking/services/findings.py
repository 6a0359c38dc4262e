"""Consistency checks: counting claims against the ledger, and conflicts between sources.

Findings are keyed by what they are about (``count_gap:claim:12``), so a refresh updates the machine's
unreviewed findings in place, deletes those that no longer hold, and leaves every finding an editor
reviewed exactly as the editor left it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.actors.models import Actor
from apps.articles.models import Article
from apps.claims.models import Claim
from apps.review.statuses import ReviewStatus

from ..ledger import STANCE_LABELS, Evidence, Ledger, build_ledger
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


def _count_gap(claim: Claim, initiative: Initiative, full: Ledger) -> tuple[str, dict] | None:
    stance = claim_stance(claim.text)
    quantity = _quantity(claim)
    if stance is None or quantity is None:
        return None
    as_of = claim_date(claim)
    kind = "country" if normalize_unit(claim.quantity_unit) == "country" else None
    wanted = None if stance == ANY_STANCE else stance

    def named(entries_ledger: Ledger, at: dt.date | None):
        out = []
        for entry in entries_ledger.entries:
            history = [p for p in entry.history if at is None or p.since <= at]
            if not history or (wanted and history[-1].stance != wanted):
                continue
            if kind and entry.actor.kind != kind:
                continue
            out.append(entry)
        return out

    by_then = named(full, as_of)
    now = named(full, None)
    later = [e for e in now if e.actor.pk not in {x.actor.pk for x in by_then}]
    n = len(by_then)
    if satisfies(quantity, n):
        return None
    qualifier = f"{quantity.qualifier} " if quantity.qualifier else ""
    phrase = _stance_phrase(stance)
    claim_phrase = "taking part" if stance == ANY_STANCE else phrase
    names = [e.actor.name for e in by_then]
    shown = ", ".join(names[:MAX_NAMES]) + (", …" if len(names) > MAX_NAMES else "")
    summary = (
        f"Claim says {qualifier}{_num(quantity.value)} {claim.quantity_unit} {claim_phrase}; "
        f"ledger names {n} {phrase} by {_date(as_of)}{': ' + shown if names else ''}"
    )
    if quantity.value > n:
        summary += f"; {_num(quantity.value - n)} unnamed"
    else:
        summary += f"; {_num(n - quantity.value)} more than the claim"
    if later:
        summary += f". Recorded {phrase} since: " + ", ".join(e.actor.name for e in later[:MAX_NAMES])
    summary += "."
    details = {
        "claim_value": quantity.value,
        "qualifier": quantity.qualifier,
        "unit": claim.quantity_unit,
        "stance": stance,
        "as_of": as_of.isoformat(),
        "named": [{"actor": e.actor.pk, "name": e.actor.name, "commitment": e.evidence.commitment_id} for e in by_then],
        "named_count": n,
        "unnamed": max(0.0, quantity.value - n),
        "recorded_later": [{"actor": e.actor.pk, "name": e.actor.name} for e in later],
    }
    return summary, details


def _count_conflicts(claims: list[Claim]) -> list[tuple[str, Claim, Claim, str, dict]]:
    window = settings.NEWSROOM_COUNT_CONFLICT_DAYS
    keyed = [(c, claim_stance(c.text), normalize_unit(c.quantity_unit), _quantity(c), claim_date(c)) for c in claims]
    out = []
    for i, (a, sa, ua, qa, da) in enumerate(keyed):
        for b, sb, ub, qb, db in keyed[i + 1 :]:
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


def _stance_conflicts(ledger: Ledger) -> list[tuple[str, Actor, Evidence, Evidence, str]]:
    window = settings.NEWSROOM_STANCE_CONFLICT_DAYS
    out = []
    for entry in ledger.entries:
        evidence = sorted((s for p in entry.history for s in p.sources), key=lambda e: (e.date, e.commitment_id))
        for i, a in enumerate(evidence):
            for b in evidence[i + 1 :]:
                if (b.date - a.date).days > window:
                    break
                if a.stance == b.stance or a.article_id == b.article_id or a.source_key == b.source_key:
                    continue
                summary = (
                    f"{entry.actor.name} on “{ledger.initiative}”: {STANCE_LABELS.get(a.stance, a.stance).lower()} "
                    f"per {_source(a)} ({_date(a.date)}), {STANCE_LABELS.get(b.stance, b.stance).lower()} "
                    f"per {_source(b)} ({_date(b.date)})."
                )
                out.append((f"stance_conflict:{a.commitment_id}:{b.commitment_id}", entry.actor, a, b, summary))
    return out


def _upsert(key: str, *, keep: set[str], **fields) -> None:
    keep.add(key)
    finding = Finding.objects.filter(key=key).first()
    if finding is None:
        Finding.objects.create(key=key, **fields)
    elif not finding.is_editor_owned:
        for name, value in fields.items():
            setattr(finding, name, value)
        finding.save()


@transaction.atomic
def findings_refresh_for_initiative(*, initiative: Initiative, extra_claims: Sequence[Claim] = ()) -> list[Finding]:
    """Recompute the machine's findings for one initiative (its counting claims, counts and stances)."""
    links = list(initiative_links(initiative=initiative, published_only=False))
    full = build_ledger(initiative, links)
    article_ids = {link.commitment.article_id for link in links}
    article_ids |= {c.article_id for c in extra_claims}
    article_ids |= set(
        Finding.objects.filter(initiative=initiative, claim__isnull=False).values_list("claim__article_id", flat=True)
    )
    # A counting claim is checked against its article's initiative only.
    articles = {a.pk: a for a in Article.objects.filter(pk__in=article_ids)}
    article_ids = {pk for pk, a in articles.items() if (i := article_initiative(a)) and i.pk == initiative.pk}
    claims = [
        c
        for c in Claim.objects.filter(article_id__in=article_ids)
        .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .select_related("article__outlet")
        .order_by("id")
        if is_count_claim(c)
    ]
    keep: set[str] = set()
    for claim in claims:
        gap = _count_gap(claim, initiative, full)
        if gap:
            summary, details = gap
            _upsert(
                f"count_gap:claim:{claim.pk}",
                keep=keep,
                kind=Finding.Kind.COUNT_GAP,
                initiative=initiative,
                claim=claim,
                summary=summary,
                details=details,
            )
    for key, older, newer, summary, details in _count_conflicts(claims):
        _upsert(
            key,
            keep=keep,
            kind=Finding.Kind.COUNT_CONFLICT,
            initiative=initiative,
            claim=newer,
            related_claim=older,
            summary=summary,
            details=details,
        )
    for key, actor, a, b, summary in _stance_conflicts(full):
        _upsert(
            key,
            keep=keep,
            kind=Finding.Kind.STANCE_CONFLICT,
            initiative=initiative,
            actor=actor,
            commitment_id=b.commitment_id,
            related_commitment_id=a.commitment_id,
            summary=summary,
            details={"stances": [a.stance, b.stance], "dates": [a.date.isoformat(), b.date.isoformat()]},
        )
    Finding.objects.unreviewed().filter(initiative=initiative).exclude(key__in=keep).delete()
    return list(Finding.objects.filter(key__in=keep))


@transaction.atomic
def findings_refresh_for_article(*, article) -> list[Finding]:
    initiative = article_initiative(article)
    touched = set(
        CommitmentInitiative.objects.active()
        .filter(commitment__article=article)
        .values_list("initiative_id", flat=True)
    )
    claims = list(Claim.objects.filter(article=article))
    # Count findings of this article's claims that now belong elsewhere (or nowhere) are recomputed or dropped.
    touched |= set(
        Finding.objects.filter(claim__in=claims).exclude(initiative=None).values_list("initiative_id", flat=True)
    )
    if initiative is not None:
        touched.add(initiative.pk)
    out: list[Finding] = []
    for init in Initiative.objects.filter(pk__in=touched).order_by("pk"):
        extra = claims if initiative is not None and init.pk == initiative.pk else []
        out += findings_refresh_for_initiative(initiative=init, extra_claims=extra)
    return out


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
