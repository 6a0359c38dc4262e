"""Initiatives: the pipeline's suggestions and the editors' decisions (confirm, reject, move, create)."""

from __future__ import annotations

import re
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from apps.commitments.models import Commitment
from apps.review.statuses import Origin

from ..matching import rank_documents
from ..models import CommitmentInitiative, Initiative, LinkStatus
from ..selectors import EXCLUDED_COMMITMENT_STATUSES

TEXT_WEIGHT = 0.75
ACTOR_WEIGHT = 0.25
PROFILE_COMMITMENTS = 60


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "initiative"
    slug, n = base, 1
    while Initiative.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def initiative_create(
    *,
    name: str,
    description: str = "",
    aliases: str = "",
    status: str = Initiative.Status.ACTIVE,
    origin: str = Origin.EDITOR,
    created_by=None,
    slug: str = "",
) -> Initiative:
    return Initiative.objects.create(
        name=name.strip()[:200],
        slug=slug or _unique_slug(name),
        description=description,
        aliases=aliases,
        status=status,
        origin=origin,
        created_by=created_by,
    )


def commitment_text(commitment: Commitment) -> str:
    """The words an initiative is recognised by: action, condition and the evidence span."""
    span = (commitment.article.body or "")[commitment.start : commitment.end]
    return " ".join(x for x in (commitment.action, commitment.condition, span) if x)


class _Profiles:
    """Each initiative's words (name, description, aliases, its commitments' actions) and actors."""

    def __init__(self) -> None:
        self.initiatives: list[Initiative] = list(Initiative.objects.all())
        self.texts: dict[int, list[str]] = {
            i.pk: [i.name, i.name, i.description, *i.alias_list()] for i in self.initiatives
        }
        self.actors: dict[int, set[int]] = {i.pk: set() for i in self.initiatives}
        links = (
            CommitmentInitiative.objects.active()
            .exclude(commitment__review_status__in=EXCLUDED_COMMITMENT_STATUSES)
            .select_related("commitment")
            .order_by("-status", "-id")  # confirmed before suggested
            .only("initiative_id", "status", "commitment__action", "commitment__condition", "commitment__actor_id")
        )
        counts: Counter[int] = Counter()
        for link in links:
            if counts[link.initiative_id] < PROFILE_COMMITMENTS:
                self.texts[link.initiative_id] += [link.commitment.action, link.commitment.condition]
                counts[link.initiative_id] += 1
            self.actors[link.initiative_id].add(link.commitment.actor_id)

    def add(self, initiative: Initiative, commitment: Commitment) -> None:
        self.initiatives.append(initiative)
        self.texts[initiative.pk] = [initiative.name, initiative.description]
        self.actors[initiative.pk] = {commitment.actor_id}

    def absorb(self, initiative_id: int, commitment: Commitment) -> None:
        self.texts[initiative_id] += [commitment.action, commitment.condition]
        self.actors[initiative_id].add(commitment.actor_id)

    def score_for(self, commitment: Commitment, initiative: Initiative) -> float:
        return next((s for s, i in self.scores(commitment) if i.pk == initiative.pk), 0.0)

    def scores(self, commitment: Commitment) -> list[tuple[float, Initiative]]:
        if not self.initiatives:
            return []
        docs = [" ".join(t for t in self.texts[i.pk] if t) for i in self.initiatives]
        sims = rank_documents(commitment_text(commitment), docs)
        out = []
        for initiative, sim in zip(self.initiatives, sims, strict=True):
            actor = 1.0 if commitment.actor_id in self.actors[initiative.pk] else 0.0
            out.append((min(1.0, TEXT_WEIGHT * min(1.0, 2 * sim) + ACTOR_WEIGHT * actor), initiative))
        return sorted(out, key=lambda x: (-x[0], x[1].pk))


# Naming a proposal: "verb + object" from the commitment's action ("Send troops to the mission"). When the
# action is only a stance word or a bare verb ("declined", "contribute"), the verb phrase is read from the
# commitment's own words: the words after a modal or "to", up to the end of the clause.
_BE = {"be", "been", "being", "is", "are", "was", "were", "am", "has", "have", "had", "not"}
_WEAK_END = {"to", "of", "the", "a", "an", "and", "or", "in", "on", "for", "with", "at", "by", "its", "their", "his"}
_VERB_PHRASE = re.compile(
    r"\b(?:to|will|would|shall|must|should|could|can|may|might)\s+(?:(?:not|also|still|now|soon)\s+)*"
    r"(?P<vp>[A-Za-z][\w'’-]*(?:\s+[^\s]+){1,12})",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[,.;:!?\"“”()\[\]]|\s(?:if|unless|once|when|but|said|says|told|after|before|because|while|as)\s",
    re.IGNORECASE,
)
NAME_WORDS = 10


def _clean_phrase(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text or "")  # "(there)": the engine's note, not words of the article
    return re.sub(r"\s+", " ", text).strip(" .,;:\"“”'")


def _is_verb_and_object(phrase: str) -> bool:
    words = phrase.split()
    first = words[0].lower() if words else ""
    # A past form ("declined", "expressed openness") or "be …" reports a stance; it does not name an action.
    return len(words) >= 2 and first not in _BE and not first.endswith("ed")


def _verb_phrase_in(text: str) -> str:
    for m in _VERB_PHRASE.finditer(" ".join(text.split())):
        words = _CLAUSE_END.split(m.group("vp"), maxsplit=1)[0].split()[:NAME_WORDS]
        while words and words[-1].lower() in _WEAK_END:
            words.pop()
        phrase = _clean_phrase(" ".join(words))
        if _is_verb_and_object(phrase):
            return phrase
    return ""


def _evidence(commitment: Commitment) -> str:
    return " ".join((commitment.article.body or "")[commitment.start : commitment.end].split())


def _name_from(commitment: Commitment) -> str:
    """ "Send troops to the mission": the action when it is a verb and its object, else the verb phrase of the
    commitment's words, else the action as it is."""
    action = _clean_phrase(commitment.action)
    if not _is_verb_and_object(action):
        action = _verb_phrase_in(_evidence(commitment)) or _verb_phrase_in(commitment.condition) or action
    words = action.split()[:NAME_WORDS]
    text = " ".join(words)
    return (text[:1].upper() + text[1:])[:120] or f"Initiative from commitment {commitment.pk}"


def _description_from(commitment: Commitment, article) -> str:
    """The public description of a proposal: whose commitment, where, and its words as the article gives them."""
    return f"Proposed from a commitment by {commitment.actor} in “{article}”: “{_evidence(commitment)[:480]}”"


def _by_centrality(commitments: list[Commitment]) -> list[Commitment]:
    """The commitments, most like the others first: the first one's action names a new initiative best."""
    if len(commitments) < 3:
        return list(commitments)
    texts = [c.action or commitment_text(c) for c in commitments]
    totals = []
    for k, text in enumerate(texts):
        others = texts[:k] + texts[k + 1 :]
        totals.append((sum(rank_documents(text, others)), -k))
    return [commitments[-k] for _total, k in sorted(totals, reverse=True)]


def _proposal_name(ranked: list[Commitment]) -> str:
    """The name of the first commitment (most central first) whose words give a verb and its object."""
    for commitment in ranked:
        name = _name_from(commitment)
        if _is_verb_and_object(name):
            return name
    return _name_from(ranked[0])


@transaction.atomic
def initiatives_suggest_for_article(*, article) -> list[CommitmentInitiative]:
    """Suggest an initiative for each of the article's commitments that no editor has decided on.

    Each commitment goes to the closest initiative if it is close enough
    (``NEWSROOM_INITIATIVE_SUGGEST_MIN``); the others follow the article's main initiative, since a report
    follows one story. When nothing matches at all, the pipeline proposes a new initiative named after
    the most typical commitment (status "proposed", not public until an editor accepts it). Confirmed and rejected
    links are never changed; nor is an earlier suggestion. Safe to run twice: links are keyed by commitment.
    """
    threshold = settings.NEWSROOM_INITIATIVE_SUGGEST_MIN
    commitments = list(
        Commitment.objects.filter(article=article)
        .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .select_related("article", "actor")
        .order_by("start", "id")
    )
    if not commitments:
        return []
    existing = {link.commitment_id: link for link in CommitmentInitiative.objects.filter(commitment__in=commitments)}
    # A commitment keeps the first suggestion it got until an editor decides: re-runs don't shuffle links.
    todo = [c for c in commitments if c.pk not in existing]
    if not todo:
        return []
    profiles = _Profiles()
    decided: dict[int, tuple[Initiative, float]] = {}
    article_votes: Counter[int] = Counter(
        link.initiative_id for link in existing.values() if link.status != LinkStatus.REJECTED
    )
    by_id = {i.pk: i for i in profiles.initiatives}
    for commitment in todo:
        ranked = profiles.scores(commitment)
        if ranked and ranked[0][0] >= threshold:
            decided[commitment.pk] = (ranked[0][1], ranked[0][0])
            article_votes[ranked[0][1].pk] += 1
    pending = [c for c in todo if c.pk not in decided]
    while pending:
        if article_votes:
            dominant = by_id[article_votes.most_common(1)[0][0]]
            # A report follows one story: what matches no initiative goes with the article's main one.
            for commitment in pending:
                decided[commitment.pk] = (dominant, profiles.score_for(commitment, dominant))
                profiles.absorb(dominant.pk, commitment)
            break
        central = _by_centrality(pending)
        seed = central[0]
        initiative = initiative_create(
            name=_proposal_name(central),
            description=_description_from(seed, article),
            status=Initiative.Status.PROPOSED,
            origin=Origin.MACHINE,
        )
        by_id[initiative.pk] = initiative
        profiles.add(initiative, seed)
        decided[seed.pk] = (initiative, 1.0)
        # The newest proposal is where the article's remaining commitments are tried next.
        article_votes[initiative.pk] = max(article_votes.values(), default=0) + 1
        pending = [c for c in pending if c.pk != seed.pk]

    out = []
    for commitment in todo:
        initiative, score = decided[commitment.pk]
        score = round(max(0.0, min(1.0, score)), 4)
        out.append(CommitmentInitiative.objects.create(commitment=commitment, initiative=initiative, score=score))
    return out


def _decide(link: CommitmentInitiative, *, status: str, editor) -> CommitmentInitiative:
    link.status = status
    link.decided_by = editor
    link.decided_at = timezone.now()
    link.save(update_fields=["status", "decided_by", "decided_at", "initiative", "updated_at"])
    return link


@transaction.atomic
def commitment_initiative_confirm(*, link: CommitmentInitiative, editor) -> CommitmentInitiative:
    return _decide(link, status=LinkStatus.CONFIRMED, editor=editor)


@transaction.atomic
def commitment_initiative_reject(*, link: CommitmentInitiative, editor) -> CommitmentInitiative:
    return _decide(link, status=LinkStatus.REJECTED, editor=editor)


@transaction.atomic
def commitment_initiative_move(*, commitment: Commitment, initiative: Initiative, editor) -> CommitmentInitiative:
    """Put a commitment in ``initiative`` (confirmed by the editor), whatever the pipeline suggested."""
    link, _ = CommitmentInitiative.objects.select_for_update().get_or_create(
        commitment=commitment, defaults={"initiative": initiative, "score": 1.0}
    )
    link.initiative = initiative
    return _decide(link, status=LinkStatus.CONFIRMED, editor=editor)


@transaction.atomic
def initiative_accept(*, initiative: Initiative, editor) -> Initiative:
    """An editor accepts a pipeline proposal: the initiative becomes active (public)."""
    initiative.status = Initiative.Status.ACTIVE
    initiative.save(update_fields=["status", "updated_at"])
    return initiative
