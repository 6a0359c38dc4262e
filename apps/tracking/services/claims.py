"""Claim matching and claim groups.

Each claim of an article is scored against claims of other articles around its date; pairs scoring at
least ``NEWSROOM_MATCH_AUTO_LINK`` are grouped at once, pairs from ``NEWSROOM_MATCH_REVIEW`` up wait for
an editor. Matches are keyed by the (newer, older) claim pair, so a re-run updates scores in place and
never touches a match an editor confirmed or rejected.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.actors.models import Mention
from apps.claims.models import Claim
from apps.review.statuses import Origin, ReviewStatus

from ..matching import ClaimDoc, Quantity, make_matcher
from ..models import ClaimGroup, ClaimGroupMember, ClaimMatch, MatchStatus
from ..selectors import EXCLUDED_COMMITMENT_STATUSES

# Verdicts that can be carried from one claim of a group to the others. "corrected" can't: a correction
# rewrites one claim's own text.
TRANSFERABLE_VERDICTS = (ReviewStatus.VERIFIED, ReviewStatus.FALSE, ReviewStatus.DISPUTED, ReviewStatus.DISMISSED)


class VerdictError(ValueError):
    pass


def _quantity(claim: Claim) -> Quantity | None:
    if claim.quantity_value is None:
        return None
    return Quantity(float(Decimal(claim.quantity_value)), claim.quantity_unit or "", claim.quantity_qualifier or "")


def _claim_date(claim: Claim) -> dt.datetime:
    return claim.article.published_at or claim.article.created_at


def _docs(claims: list[Claim]) -> dict[int, ClaimDoc]:
    """Matcher documents, with each claim's actors: its speaker and the actors named inside its span."""
    actors: dict[int, set[str]] = {c.pk: set() for c in claims}
    by_article: dict[int, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
        if c.speaker_id:
            actors[c.pk].add(f"actor:{c.speaker_id}")
    if claims:
        mentions = Mention.objects.filter(article_id__in=by_article).values_list(
            "article_id", "start", "end", "actor_id"
        )
        for article_id, start, end, actor_id in mentions:
            for c in by_article[article_id]:
                if c.start <= start and end <= c.end:
                    actors[c.pk].add(f"actor:{actor_id}")
    return {
        c.pk: ClaimDoc(key=c.pk, text=c.text, quantity=_quantity(c), actors=frozenset(actors[c.pk])) for c in claims
    }


def _group_of(claim_id: int) -> ClaimGroupMember | None:
    return ClaimGroupMember.objects.select_related("group").filter(claim_id=claim_id).first()


def _link(a: Claim, b: Claim, *, origin: str = Origin.MACHINE) -> ClaimGroup:
    """Put two claims in one group, merging their groups if both have one."""
    ma, mb = _group_of(a.pk), _group_of(b.pk)
    if ma and mb:
        if ma.group_id == mb.group_id:
            return ma.group
        keep, drop = sorted((ma.group, mb.group), key=lambda g: g.pk)
        ClaimGroupMember.objects.filter(group=drop).update(group=keep, updated_at=timezone.now())
        drop.delete()
        return keep
    member = ma or mb
    if member is not None:
        other = b if ma else a
        ClaimGroupMember.objects.create(claim=other, group=member.group, origin=origin)
        return member.group
    first = min((a, b), key=lambda c: (_claim_date(c), c.pk))
    group = ClaimGroup.objects.create(label=first.text[:300])
    ClaimGroupMember.objects.bulk_create(
        [ClaimGroupMember(claim=a, group=group, origin=origin), ClaimGroupMember(claim=b, group=group, origin=origin)]
    )
    return group


def _candidates(claims: list[Claim], article) -> list[Claim]:
    window = dt.timedelta(days=settings.NEWSROOM_MATCH_WINDOW_DAYS)
    moment = article.published_at or article.created_at
    return list(
        Claim.objects.exclude(article=article)
        .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .filter(
            Q(article__published_at__range=(moment - window, moment + window))
            | Q(article__published_at__isnull=True, article__created_at__range=(moment - window, moment + window))
        )
        .select_related("article")
        .order_by("-article__published_at", "-id")[: settings.NEWSROOM_MATCH_MAX_CANDIDATES]
    )


@transaction.atomic
def claims_match_for_article(*, article) -> list[ClaimMatch]:
    """Score the article's claims against earlier and later claims of other articles; link or suggest."""
    auto, review = settings.NEWSROOM_MATCH_AUTO_LINK, settings.NEWSROOM_MATCH_REVIEW
    claims = list(
        Claim.objects.filter(article=article)
        .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .select_related("article")
    )
    if not claims:
        return []
    pool = _candidates(claims, article)
    if not pool:
        return []
    docs = _docs(claims + pool)
    matcher = make_matcher(settings.NEWSROOM_MATCH_BACKEND).fit(list(docs.values()))
    by_id = {c.pk: c for c in claims + pool}
    pairs = {}
    for claim in claims:
        for cand, score in matcher.rank(docs[claim.pk], [docs[c.pk] for c in pool], minimum=review):
            newer, older = max(claim.pk, cand.key), min(claim.pk, cand.key)
            pairs[(newer, older)] = score
    existing = {
        (m.claim_id, m.candidate_id): m
        for m in ClaimMatch.objects.filter(Q(claim__in=claims) | Q(candidate__in=claims))
    }
    out = []
    for (newer, older), score in pairs.items():
        status = MatchStatus.AUTO if score.score >= auto else MatchStatus.SUGGESTED
        match = existing.pop((newer, older), None)
        if match is None:
            match = ClaimMatch.objects.create(
                claim_id=newer,
                candidate_id=older,
                score=round(score.score, 4),
                features=score.features(),
                status=status,
            )
        elif not match.is_editor_owned:
            match.score, match.features = round(score.score, 4), score.features()
            if status == MatchStatus.AUTO:  # upgrade only; an auto link already made is not undone by drift
                match.status = MatchStatus.AUTO
            match.save(update_fields=["score", "features", "status", "updated_at"])
        if match.status == MatchStatus.AUTO:
            _link(by_id[newer], by_id[older])
        out.append(match)
    # Suggestions that no longer reach the review threshold are dropped; auto links and editors' decisions stay.
    stale = [m.pk for m in existing.values() if m.status == MatchStatus.SUGGESTED]
    if stale:
        ClaimMatch.objects.filter(pk__in=stale).delete()
    return out


def _decide(match: ClaimMatch, *, status: str, editor) -> ClaimMatch:
    match.status, match.decided_by, match.decided_at = status, editor, timezone.now()
    match.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return match


@transaction.atomic
def claim_match_confirm(*, match: ClaimMatch, editor) -> ClaimGroup:
    """An editor says the two claims state the same fact: they are grouped."""
    _decide(match, status=MatchStatus.CONFIRMED, editor=editor)
    return _link(match.claim, match.candidate, origin=Origin.EDITOR)


@transaction.atomic
def claim_match_reject(*, match: ClaimMatch, editor) -> ClaimMatch:
    """An editor says the claims differ. If the machine had grouped them, the newer claim leaves the group."""
    was_auto = match.status == MatchStatus.AUTO
    _decide(match, status=MatchStatus.REJECTED, editor=editor)
    if was_auto:
        ma, mb = _group_of(match.claim_id), _group_of(match.candidate_id)
        if ma and mb and ma.group_id == mb.group_id:
            claim_group_remove_member(claim=match.claim, editor=editor)
    return match


@transaction.atomic
def claim_group_remove_member(*, claim: Claim, editor) -> None:
    """Take a claim out of its group; its matches with the remaining members are marked rejected so no re-run
    puts it back."""
    member = _group_of(claim.pk)
    if member is None:
        return
    group = member.group
    others = list(group.members.exclude(claim=claim).values_list("claim_id", flat=True))
    now = timezone.now()
    for other in others:
        newer, older = max(claim.pk, other), min(claim.pk, other)
        ClaimMatch.objects.update_or_create(
            claim_id=newer,
            candidate_id=older,
            defaults={"status": MatchStatus.REJECTED, "decided_by": editor, "decided_at": now},
            create_defaults={"status": MatchStatus.REJECTED, "decided_by": editor, "decided_at": now, "score": 0.0},
        )
    member.delete()
    if len(others) < 2:
        group.delete()


def claim_group_verdict_targets(*, group: ClaimGroup, source_claim: Claim) -> list[Claim]:
    """Members the verdict of ``source_claim`` may be applied to: the unreviewed ones."""
    return list(
        Claim.objects.filter(group_membership__group=group, review_status=ReviewStatus.UNREVIEWED)
        .exclude(pk=source_claim.pk)
        .select_related("article")
        .order_by("id")
    )


@transaction.atomic
def claim_group_apply_verdict(
    *, group: ClaimGroup, source_claim: Claim, editor, claims: list[Claim] | None = None, note: str = ""
) -> list[Claim]:
    """Give the other claims of ``group`` the verdict an editor gave ``source_claim``.

    Only unreviewed members are changed (an editor's own verdict on a claim is never overwritten);
    ``claims`` narrows the targets to those the editor ticked. Returns the claims changed.
    """
    source_claim.refresh_from_db()
    if not ClaimGroupMember.objects.filter(group=group, claim=source_claim).exists():
        raise VerdictError("the claim is not in this group")
    if source_claim.review_status not in TRANSFERABLE_VERDICTS:
        raise VerdictError(f"a “{source_claim.get_review_status_display()}” verdict can't be applied to other claims")
    allowed = {c.pk for c in claim_group_verdict_targets(group=group, source_claim=source_claim)}
    wanted = allowed if claims is None else {c.pk for c in claims} & allowed
    now = timezone.now()
    note = note or f"Verdict applied from claim {source_claim.pk} of claim group {group.pk}."
    changed = []
    for claim in Claim.objects.select_for_update().filter(pk__in=wanted, review_status=ReviewStatus.UNREVIEWED):
        claim.review_status = source_claim.review_status
        claim.reviewed_by = editor
        claim.reviewed_at = now
        claim.review_note = note
        claim.version += 1
        claim.save(
            update_fields=["review_status", "reviewed_by", "reviewed_at", "review_note", "version", "updated_at"]
        )
        changed.append(claim)
    return changed
