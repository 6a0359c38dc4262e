"""Reads for the public pages and feeds, built on the published-only selectors of each app.

Nothing here widens visibility: every queryset starts from ``claim_list_public``, ``quote_list_public``,
``commitment_list_public``, ``actor_list_public`` or the tracker's public links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from apps.actors.models import Actor
from apps.actors.selectors import actor_list_public
from apps.articles.models import Article
from apps.claims.models import Claim
from apps.claims.selectors import claim_list_public
from apps.commitments.models import Commitment
from apps.commitments.selectors import commitment_list_public
from apps.common.formatting import number_text
from apps.quotes.models import Quote
from apps.quotes.selectors import quote_list_public
from apps.review.admin.rendering import evidence_bounds
from apps.review.corrections import corrected_fields, machine_value
from apps.tracking.models import ClaimGroupMember, Initiative
from apps.tracking.selectors import actor_stance_history, initiative_links

CLAIM_FIELD_LABELS = {
    "text": "Text",
    "kind": "Kind",
    "quantity_value": "Number",
    "quantity_unit": "Unit",
    "quantity_qualifier": "Qualifier",
    "speaker": "Speaker",
}


@dataclass(frozen=True)
class Evidence:
    before: str
    span: str
    after: str
    cut_before: bool
    cut_after: bool


@dataclass(frozen=True)
class Correction:
    field: str
    label: str
    machine: Any
    editor: Any


def actor_ids(actor: Actor) -> QuerySet:
    """The actor and the duplicates editors merged into it (items recorded under either show here)."""
    return Actor.objects.filter(Q(pk=actor.pk) | Q(merged_into_id=actor.pk)).values("pk")


def public_claim(pk: int) -> Claim | None:
    return claim_list_public().filter(pk=pk).first()


def public_actor(pk: int) -> Actor | None:
    return actor_list_public().filter(pk=pk).first()


def evidence_in_context(item) -> Evidence | None:
    """The paragraph of the article around a published item, the item's own words apart.

    The public selectors leave the body out; it is read here for this one item's paragraph only."""
    body = Article.objects.filter(pk=item.article_id).values_list("body", flat=True).first() or ""
    if not body or item.start >= len(body):
        return None
    s, e = evidence_bounds(body, item.start, item.end)
    return Evidence(body[s : item.start], body[item.start : item.end], body[item.end : e], s > 0, e < len(body))


def claim_corrections(claim: Claim) -> list[Correction]:
    """What the machine read and what an editor corrected it to, field by field (public fields only)."""
    out = []
    for field in corrected_fields(claim):
        if field not in CLAIM_FIELD_LABELS:
            continue
        machine, editor = machine_value(claim, field), getattr(claim, field)
        if field == "quantity_value":
            machine = number_text(machine) if machine not in (None, "") else machine
            editor = number_text(editor) if editor is not None else editor
        if field == "speaker":
            machine = (claim.machine_values or {}).get("speaker_name") or "someone else"
            editor = (editor.merged_into or editor).name if editor else "nobody"
        out.append(Correction(field, CLAIM_FIELD_LABELS[field], machine, editor))
    return out


def related_claims(claim: Claim) -> list[Claim]:
    """Other published claims of the claim's group (the same fact reported elsewhere), oldest article first."""
    group_ids = ClaimGroupMember.objects.filter(claim_id=claim.pk).values("group_id")
    members = ClaimGroupMember.objects.filter(group_id__in=group_ids).exclude(claim_id=claim.pk).values("claim_id")
    return list(claim_list_public().filter(pk__in=members).order_by("article__published_at", "id"))


def actor_claims(actor: Actor) -> QuerySet[Claim]:
    return claim_list_public().filter(speaker_id__in=actor_ids(actor)).order_by("-article__published_at", "-id")


def actor_quotes(actor: Actor) -> QuerySet[Quote]:
    return quote_list_public().filter(speaker_id__in=actor_ids(actor)).order_by("-article__published_at", "-id")


def actor_commitments(actor: Actor) -> QuerySet[Commitment]:
    return commitment_list_public().filter(actor_id__in=actor_ids(actor)).order_by("stated_on", "id")


def actor_stances(actor: Actor) -> list:
    """The actor's stance history on every public initiative (confirmed links to published commitments)."""
    return [h for h in actor_stance_history(actor=actor, published_only=True) if h.initiative.is_public]


def initiative_commitments(initiative: Initiative) -> QuerySet[Commitment]:
    """Published commitments an editor confirmed as part of a public initiative."""
    links = initiative_links(initiative=initiative, published_only=True).values("commitment_id")
    return commitment_list_public().filter(pk__in=links)


def recent_facts(*, actor: Actor | None = None, initiative: Initiative | None = None, limit: int = 50) -> list:
    """The newest published claims, quotes and commitments, by the time an editor published them."""
    querysets: list[QuerySet]
    if initiative is not None:
        querysets = [initiative_commitments(initiative)]
    elif actor is not None:
        querysets = [actor_claims(actor), actor_quotes(actor), actor_commitments(actor)]
    else:
        querysets = [claim_list_public(), quote_list_public(), commitment_list_public()]
    items: list = []
    for qs in querysets:
        items.extend(qs.order_by(F("reviewed_at").desc(nulls_last=True), "-updated_at", "-id")[:limit])
    items.sort(key=lambda i: (i.reviewed_at or i.updated_at, i.pk), reverse=True)
    return items[:limit]
