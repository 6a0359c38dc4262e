"""Reads: the querysets and ledgers pages, the admin and the API need, with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.review.statuses import PUBLISHED_STATUSES, ReviewStatus

from .ledger import Ledger, StancePeriod, build_history, build_ledger, canonical_actor, evidence_for
from .models import ClaimGroup, ClaimGroupMember, CommitmentInitiative, Finding, Initiative, LinkStatus

# Commitments an editor threw out never count in a ledger.
EXCLUDED_COMMITMENT_STATUSES = (ReviewStatus.FALSE, ReviewStatus.DISMISSED)

_LINK_RELATED = ("commitment__actor__merged_into", "commitment__article__outlet", "initiative")


def initiative_links(*, initiative: Initiative | None = None, published_only: bool) -> QuerySet[CommitmentInitiative]:
    qs = CommitmentInitiative.objects.select_related(*_LINK_RELATED)
    if published_only:
        qs = qs.public()
    else:
        qs = qs.active().exclude(commitment__review_status__in=EXCLUDED_COMMITMENT_STATUSES)
    if initiative is not None:
        qs = qs.filter(initiative=initiative)
    return qs


def initiative_ledger(*, initiative: Initiative, published_only: bool, as_of: dt.date | None = None) -> Ledger:
    """Every actor of the initiative with its current stance, date, evidence and history (one query)."""
    return build_ledger(initiative, initiative_links(initiative=initiative, published_only=published_only), as_of=as_of)


@dataclass
class InitiativeHistory:
    initiative: Initiative
    history: list[StancePeriod]

    def as_dict(self) -> dict:
        return {
            "initiative": {"id": self.initiative.pk, "name": self.initiative.name, "slug": self.initiative.slug},
            "current_stance": self.history[-1].stance,
            "history": [p.as_dict() for p in self.history],
        }


def actor_stance_history(*, actor, published_only: bool) -> list[InitiativeHistory]:
    """An actor's stances on every initiative over time (merged duplicates included), newest change first."""
    actor = canonical_actor(actor)
    qs = initiative_links(published_only=published_only).filter(
        Q(commitment__actor=actor) | Q(commitment__actor__merged_into=actor)
    )
    by_initiative: dict[int, tuple[Initiative, list]] = {}
    for link in qs:
        by_initiative.setdefault(link.initiative_id, (link.initiative, []))[1].append(evidence_for(link))
    result = [InitiativeHistory(initiative=i, history=build_history(evs)) for i, evs in by_initiative.values()]
    result.sort(key=lambda h: h.history[-1].last_stated, reverse=True)
    return result


def initiative_list(*, public: bool) -> QuerySet[Initiative]:
    qs = Initiative.objects.all()
    if public:
        qs = qs.public().annotate(
            actor_count=Count(
                "commitment_links__commitment__actor",
                filter=Q(
                    commitment_links__status=LinkStatus.CONFIRMED,
                    commitment_links__commitment__review_status__in=PUBLISHED_STATUSES,
                ),
                distinct=True,
            )
        )
    return qs


def claim_group_list(*, published_only: bool) -> QuerySet[ClaimGroup]:
    """Groups with their members; public: only published claims, and only groups that have one."""
    members = ClaimGroupMember.objects.select_related("claim__article__outlet", "claim__speaker").order_by("claim_id")
    qs = ClaimGroup.objects.all()
    if published_only:
        members = members.filter(claim__review_status__in=PUBLISHED_STATUSES)
        qs = qs.filter(members__claim__review_status__in=PUBLISHED_STATUSES).distinct()
    return qs.prefetch_related(Prefetch("members", queryset=members, to_attr="visible_members"))


def published_findings() -> QuerySet[Finding]:
    return Finding.objects.published().select_related("initiative", "actor", "claim")
