"""Initiatives: the pipeline's suggestions and the editors' decisions (confirm, reject, move, create)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from apps.commitments.models import Commitment
from apps.review.statuses import Origin

from ..matching import DocumentIndex, rank_documents
from ..models import CommitmentInitiative, Initiative, LinkStatus, TrackingState
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


def _create_with_unique_slug(fields: dict, name: str) -> Initiative:
    """Create an initiative; if another worker took the slug in the meantime, try the next free one."""
    for _attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint: the failed insert does not abort the caller's transaction
                return Initiative.objects.create(slug=_unique_slug(name), **fields)
        except IntegrityError:
            continue
    return Initiative.objects.create(slug=f"{slugify(name)[:180] or 'initiative'}-{uuid.uuid4().hex[:12]}", **fields)


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
    fields = {
        "name": name.strip()[:200],
        "description": description,
        "aliases": aliases,
        "status": status,
        "origin": origin,
        "created_by": created_by,
    }
    if slug:
        return Initiative.objects.create(slug=slug, **fields)
    return _create_with_unique_slug(fields, name)


def commitment_text(commitment: Commitment) -> str:
    """The words an initiative is recognised by: action, condition and the evidence span."""
    span = (commitment.article.body or "")[commitment.start : commitment.end]
    return " ".join(x for x in (commitment.action, commitment.condition, span) if x)


def initiative_profile_rebuild(*, initiative_ids) -> None:
    """Recompute stored profiles from the links (after an editor decision): confirmed links first."""
    ids = sorted(set(initiative_ids))
    if not ids:
        return
    profiles: dict[int, dict] = {pk: {"texts": [], "actors": set()} for pk in ids}
    links = (
        CommitmentInitiative.objects.active()
        .filter(initiative_id__in=ids)
        .exclude(commitment__review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .order_by("-status", "-id")  # confirmed before suggested
        .values_list("initiative_id", "commitment__action", "commitment__condition", "commitment__actor_id")
    )
    for initiative_id, action, condition, actor_id in links:
        profile = profiles[initiative_id]
        if len(profile["texts"]) < 2 * PROFILE_COMMITMENTS:
            profile["texts"] += [action, condition]
        profile["actors"].add(actor_id)
    for initiative in Initiative.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        p = profiles[initiative.pk]
        initiative.profile = {"texts": p["texts"], "actors": sorted(p["actors"])}
        initiative.save(update_fields=["profile", "updated_at"])


def _profiles_absorb(links: list[CommitmentInitiative]) -> None:
    """Add new links' words and actors to their initiatives' stored profiles, one locked row per initiative.

    The lock serialises workers adding to the same initiative, so neither's additions are lost.
    """
    by_initiative: dict[int, list[Commitment]] = {}
    for link in links:
        by_initiative.setdefault(link.initiative_id, []).append(link.commitment)
    if not by_initiative:
        return
    changed = []
    for initiative in Initiative.objects.select_for_update().filter(pk__in=by_initiative).order_by("pk"):
        texts = list(initiative.profile.get("texts", []))
        actors = set(initiative.profile.get("actors", []))
        for commitment in by_initiative[initiative.pk]:
            if len(texts) < 2 * PROFILE_COMMITMENTS:
                texts += [commitment.action, commitment.condition]
            actors.add(commitment.actor_id)
        initiative.profile = {"texts": texts, "actors": sorted(actors)}
        initiative.updated_at = timezone.now()  # recently active initiatives are the candidates of suggestions
        changed.append(initiative)
    Initiative.objects.bulk_update(changed, ["profile", "updated_at"])


class _Profiles:
    """Each candidate initiative's words (name, description, aliases, its commitments' actions) and actors.

    Read from the stored profiles of the ``NEWSROOM_INITIATIVE_CANDIDATES`` most recently active
    initiatives (one query), once per batch of articles.
    """

    def __init__(self) -> None:
        self._index: DocumentIndex | None = None
        self.loaded_at = timezone.now()
        self.locked = False
        limit = settings.NEWSROOM_INITIATIVE_CANDIDATES
        self.initiatives: list[Initiative] = []
        self.texts: dict[int, list[str]] = {}
        self.actors: dict[int, set[int]] = {}
        self.stored: dict[int, dict] = {}
        self._load(Initiative.objects.order_by("-updated_at", "-id")[:limit])

    def _load(self, initiatives) -> list[Initiative]:
        loaded = [i for i in initiatives if i.pk not in self.texts]
        for i in loaded:
            self.stored[i.pk] = {"texts": list(i.profile.get("texts", [])), "actors": set(i.profile.get("actors", []))}
            self.texts[i.pk] = [i.name, i.name, i.description, *i.alias_list(), *self.stored[i.pk]["texts"]]
            self.actors[i.pk] = set(self.stored[i.pk]["actors"])
        self.initiatives += loaded
        self._dirty = True
        self.initiatives.sort(key=lambda i: (i.name, i.pk))  # the model's ordering: ties rank the same as before
        return loaded

    def lock_and_reload(self) -> list[Initiative]:
        """Before proposing a new initiative: take the proposal lock, then read what other workers proposed
        meanwhile (they held the lock until they committed). The initiatives newly read."""
        if self.locked:
            return []
        TrackingState.get(TrackingState.PROPOSALS, lock=True)
        self.locked = True
        recent = Initiative.objects.filter(updated_at__gte=self.loaded_at - dt.timedelta(minutes=30)).exclude(
            pk__in=list(self.texts)
        )
        return self._load(recent)

    def commit(self, links: list[CommitmentInitiative]) -> None:
        """Make the profiles what they would be read back from the database after ``links`` are stored."""
        for link in links:
            stored = self.stored.setdefault(link.initiative_id, {"texts": [], "actors": set()})
            if len(stored["texts"]) < 2 * PROFILE_COMMITMENTS:
                stored["texts"] += [link.commitment.action, link.commitment.condition]
            stored["actors"].add(link.commitment.actor_id)
        for initiative in self.initiatives:
            if initiative.pk in {link.initiative_id for link in links}:
                i, stored = initiative, self.stored[initiative.pk]
                self.texts[i.pk] = [i.name, i.name, i.description, *i.alias_list(), *stored["texts"]]
                self.actors[i.pk] = set(stored["actors"])
                self._dirty = True

    def add(self, initiative: Initiative, commitment: Commitment) -> None:
        self.initiatives.append(initiative)
        self.texts[initiative.pk] = [initiative.name, initiative.description]
        self.actors[initiative.pk] = {commitment.actor_id}
        self._dirty = True

    def absorb(self, initiative_id: int, commitment: Commitment) -> None:
        if initiative_id not in self.texts:
            return
        self.texts[initiative_id] += [commitment.action, commitment.condition]
        self.actors[initiative_id].add(commitment.actor_id)
        self._dirty = True

    def score_for(self, commitment: Commitment, initiative: Initiative) -> float:
        if initiative.pk not in self.texts:
            return 0.0
        return next((s for s, i in self.scores(commitment) if i.pk == initiative.pk), 0.0)

    def scores(self, commitment: Commitment) -> list[tuple[float, Initiative]]:
        if not self.initiatives:
            return []
        if self._index is None or self._index.size != len(self.initiatives) or self._dirty:
            # Fitted once per batch (again only after a profile changed), not once per commitment.
            # Each profile as its texts: the vectors read it as the texts joined, and analyse each text once
            # per process, so a profile that gained a commitment costs that commitment's words only.
            docs = [tuple(t for t in self.texts[i.pk] if t) for i in self.initiatives]
            self._index, self._dirty = DocumentIndex.of(docs), False
        sims = self._index.similarities(commitment_text(commitment))
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


def _suggest_for(article, todo, profiles: _Profiles, by_id: dict, article_votes: Counter) -> dict:
    """Decide (initiative, score) for each commitment of one article; may propose new initiatives."""
    threshold = settings.NEWSROOM_INITIATIVE_SUGGEST_MIN
    decided: dict[int, tuple[Initiative, float]] = {}

    def decide(commitments) -> list:
        """Give each commitment its best initiative above the threshold; the ones left undecided."""
        for commitment in commitments:
            ranked = profiles.scores(commitment)
            if ranked and ranked[0][0] >= threshold:
                score, initiative = ranked[0]
                decided[commitment.pk] = (initiative, score)
                article_votes[initiative.pk] += 1
                by_id.setdefault(initiative.pk, initiative)
        return [c for c in todo if c.pk not in decided]

    pending = decide(todo)
    if pending and not article_votes and profiles.lock_and_reload():
        # Another worker proposed initiatives while we scored: they may be where these commitments belong.
        pending = decide(pending)
    while pending:
        if article_votes:
            dominant = by_id[article_votes.most_common(1)[0][0]]
            # A report follows one story: what matches no initiative goes with the article's main one.
            for commitment in pending:
                decided[commitment.pk] = (dominant, profiles.score_for(commitment, dominant))
            for commitment in pending:
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
    return decided


@transaction.atomic
def initiatives_suggest_for_article(*, article) -> list[CommitmentInitiative]:
    """Suggest an initiative for each of the article's commitments that no editor has decided on."""
    return initiatives_suggest(articles=[article]).get(article.pk, [])


@transaction.atomic
def initiatives_suggest(*, articles) -> dict[int, list[CommitmentInitiative]]:
    """Suggest initiatives for the commitments of a batch of articles; the new links by article id.

    Each commitment goes to the closest initiative if it is close enough
    (``NEWSROOM_INITIATIVE_SUGGEST_MIN``); the others follow the article's main initiative, since a report
    follows one story. When nothing matches at all, the pipeline proposes a new initiative named after
    the most typical commitment (status "proposed", not public until an editor accepts it). Confirmed and rejected
    links are never changed; nor is an earlier suggestion. Safe to run twice: links are keyed by commitment.
    Profiles are read once for the whole batch and the links written in one insert.
    """
    articles = list(articles)
    commitments = list(
        Commitment.objects.filter(article__in=articles)
        .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .select_related("article")
        .order_by("article_id", "start", "id")
    )
    if not commitments:
        return {}
    existing = {link.commitment_id: link for link in CommitmentInitiative.objects.filter(commitment__in=commitments)}
    # A commitment keeps the first suggestion it got until an editor decides: re-runs don't shuffle links.
    todo_by_article: dict[int, list[Commitment]] = {}
    for c in commitments:
        if c.pk not in existing:
            todo_by_article.setdefault(c.article_id, []).append(c)
    if not todo_by_article:
        return {}
    profiles = _Profiles()
    by_id = {i.pk: i for i in profiles.initiatives}
    article_of = {c.pk: c.article_id for c in commitments}
    voted = {link.initiative_id for link in existing.values()} - set(by_id)
    by_id |= {i.pk: i for i in Initiative.objects.filter(pk__in=voted)}  # outside the candidates, still voted for
    new_links: list[CommitmentInitiative] = []
    for article in sorted(articles, key=lambda a: (a.published_at or a.created_at, a.pk)):
        todo = todo_by_article.get(article.pk)
        if not todo:
            continue
        votes: Counter[int] = Counter(
            link.initiative_id
            for link in existing.values()
            if link.status != LinkStatus.REJECTED and article_of[link.commitment_id] == article.pk
        )
        decided = _suggest_for(article, todo, profiles, by_id, votes)
        links = [
            CommitmentInitiative(
                commitment=c, initiative=decided[c.pk][0], score=round(max(0.0, min(1.0, decided[c.pk][1])), 4)
            )
            for c in todo
        ]
        # The next article of the batch sees these links as it would after this article's own run.
        profiles.commit(links)
        new_links += links
    # The article rows are locked by the caller, so no other worker links these commitments meanwhile.
    CommitmentInitiative.objects.bulk_create(new_links)
    _profiles_absorb(new_links)
    out: dict[int, list[CommitmentInitiative]] = {}
    for link in new_links:
        out.setdefault(link.commitment.article_id, []).append(link)
    return out


def _decide(link: CommitmentInitiative, *, status: str, editor, was: int | None = None) -> CommitmentInitiative:
    link.status = status
    link.decided_by = editor
    link.decided_at = timezone.now()
    link.save(update_fields=["status", "decided_by", "decided_at", "initiative", "updated_at"])
    # Editors' decisions reorder or remove profile words: rebuild the profiles concerned from the links.
    initiative_profile_rebuild(initiative_ids={link.initiative_id, was or link.initiative_id})
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
    was = link.initiative_id
    link.initiative = initiative
    return _decide(link, status=LinkStatus.CONFIRMED, editor=editor, was=was)


@transaction.atomic
def initiative_accept(*, initiative: Initiative, editor) -> Initiative:
    """An editor accepts a pipeline proposal: the initiative becomes active (public)."""
    initiative.status = Initiative.Status.ACTIVE
    initiative.save(update_fields=["status", "updated_at"])
    return initiative
