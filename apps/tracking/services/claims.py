"""Claim matching and claim groups.

Each claim of an article is scored against claims of other articles around its date; pairs scoring at
least ``NEWSROOM_MATCH_AUTO_LINK`` are grouped at once, pairs from ``NEWSROOM_MATCH_REVIEW`` up wait for
an editor. Matches are keyed by the (newer, older) claim pair, so a re-run updates scores in place and
never touches a match an editor confirmed or rejected.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from apps.actors.models import Mention
from apps.claims.models import Claim
from apps.review.statuses import Origin, ReviewStatus

from ..matching import ClaimDoc, PairScore, Quantity, make_matcher, normalize_unit
from ..matching.lexical import normalize_text
from ..models import ClaimGroup, ClaimGroupMember, ClaimKey, ClaimMatch, MatchStatus, TrackingState
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


def _claim_day(claim: Claim) -> dt.date:
    return _claim_date(claim).date()


def _actor_sets(claims: list[Claim]) -> dict[int, set[str]]:
    """Each claim's actors: its speaker and the actors named inside its span (one query for all)."""
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
    return actors


def _docs(claims: list[Claim], actors: dict[int, set[str]] | None = None) -> dict[int, ClaimDoc]:
    """Matcher documents, with each claim's actors."""
    if actors is None:
        actors = _actor_sets(claims)
    return {
        c.pk: ClaimDoc(key=c.pk, text=c.text, quantity=_quantity(c), actors=frozenset(actors[c.pk])) for c in claims
    }


# --- the matching index ---------------------------------------------------------------------------------------

_WORDS = re.compile(r"[a-z][a-z'\-]+")
WORD_STEM = 6  # "committed"/"commitment", "countries"/"country" share a stem


def claim_keys(claim: Claim, actors: set[str]) -> set[str]:
    """Blocking keys: the number (with and without its unit), the actors, and word stems of the content words.

    A paraphrase of a claim shares its number or its actors or several distinctive words, so the claims that
    share most keys with a new one are the ones worth scoring.
    """
    keys = {f"a:{a.removeprefix('actor:')}" for a in actors}
    quantity = _quantity(claim)
    if quantity is not None:
        value = f"{quantity.value:g}"
        keys |= {f"n:{value}", f"n:{value}:{normalize_unit(quantity.unit)}"[:64]}
    for word in _WORDS.findall(normalize_text(claim.text)):
        if len(word) >= 4 and word not in ENGLISH_STOP_WORDS:
            keys.add(f"w:{word[:WORD_STEM]}")
    return keys


_INSERT_KEYS_SQL = """
INSERT INTO tracking_claimkey (claim_id, article_id, key, day)
SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::varchar[], %s::date[])
ON CONFLICT DO NOTHING
"""


def _index(claims: list[Claim], actors: dict[int, set[str]]) -> None:
    """Write the claims' keys (idempotent: existing rows are skipped, stale keys of these claims removed)."""
    if not claims:
        return
    rows = []
    for c in claims:
        day = _claim_day(c)
        rows += [(c.pk, c.article_id, k, day) for k in sorted(claim_keys(c, actors[c.pk]))]
    wanted = {(claim_id, key) for claim_id, _article, key, _day in rows}
    stale = [
        pk
        for pk, claim_id, key in ClaimKey.objects.filter(claim_id__in=[c.pk for c in claims]).values_list(
            "pk", "claim_id", "key"
        )
        if (claim_id, key) not in wanted
    ]
    if stale:
        ClaimKey.objects.filter(pk__in=stale).delete()
    if connection.vendor == "postgresql":
        # Hundreds of keys a batch: one statement of four arrays, not a model instance and a row of
        # parameters per key (which cost more CPU than the rest of indexing).
        if rows:
            with connection.cursor() as cursor:
                cursor.execute(_INSERT_KEYS_SQL, [list(column) for column in zip(*rows, strict=True)])
        return
    ClaimKey.objects.bulk_create(
        [ClaimKey(claim_id=c, article_id=a, key=k, day=d) for c, a, k, d in rows],
        ignore_conflicts=True,
        batch_size=1000,
    )


@transaction.atomic
def claims_index(*, claims: list[Claim]) -> int:
    """Put ``claims`` and claims not yet indexed into the matching index; the number of claims indexed.

    Committed before matching (``articles_track``), so of two workers matching at once the later one always
    finds the other's claims. The high-water mark makes claims extracted but never tracked findable too.
    """
    state = TrackingState.get()
    todo = {c.pk: c for c in claims}
    backlog = list(
        Claim.objects.filter(pk__gt=state.indexed_through)
        .select_related("article")
        .order_by("pk")[: settings.NEWSROOM_MATCH_INDEX_BATCH]
    )
    todo |= {c.pk: c for c in backlog if c.pk not in todo}
    todo_list = list(todo.values())
    _index(todo_list, _actor_sets(todo_list))
    if backlog:
        TrackingState.objects.filter(pk=TrackingState.INDEX, indexed_through__lt=backlog[-1].pk).update(
            indexed_through=backlog[-1].pk
        )
    return len(todo_list)


def _candidate_ids(claim: Claim, keys: set[str], limit: int, batch_articles: list[int]) -> list[int]:
    """Ids of the stored claims of other articles (outside the batch) in the date window that share most keys
    with ``claim``."""
    if not keys:
        return []
    window = dt.timedelta(days=settings.NEWSROOM_MATCH_WINDOW_DAYS)
    day = _claim_day(claim)
    return list(
        ClaimKey.objects.filter(key__in=keys, day__range=(day - window, day + window))
        .exclude(article_id__in=batch_articles)
        .values("claim_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "-claim_id")
        .values_list("claim_id", flat=True)[:limit]
    )


# ``_candidate_ids`` for every claim of a batch in one statement (PostgreSQL): the claims' keys and windows go in
# as arrays, each claim's candidates are ranked by shared keys, then by id, exactly as the query above ranks them.
_CANDIDATES_SQL = """
SELECT ranked.query, ranked.candidate FROM (
    SELECT q.claim_id AS query, k.claim_id AS candidate,
           ROW_NUMBER() OVER (PARTITION BY q.claim_id ORDER BY COUNT(*) DESC, k.claim_id DESC) AS position
    FROM unnest(%s::bigint[], %s::varchar[], %s::date[], %s::date[]) AS q(claim_id, key, low, high)
    JOIN tracking_claimkey k ON k.key = q.key AND k.day BETWEEN q.low AND q.high
    WHERE NOT (k.article_id = ANY(%s::bigint[]))
    GROUP BY q.claim_id, k.claim_id
) ranked
WHERE ranked.position <= %s
ORDER BY ranked.query, ranked.position
"""


def _candidates(claims: list[Claim], keys: dict[int, set[str]], limit: int, batch_articles: list[int]):
    """Each claim's candidates from the index (``_candidate_ids``): one query for the batch on PostgreSQL, one
    per claim elsewhere (SQLite, the single-user default)."""
    if connection.vendor != "postgresql":
        return {c.pk: _candidate_ids(c, keys[c.pk], limit, batch_articles) for c in claims}
    window = dt.timedelta(days=settings.NEWSROOM_MATCH_WINDOW_DAYS)
    columns: tuple[list, list, list, list] = ([], [], [], [])
    for c in claims:
        day = _claim_day(c)
        for key in sorted(keys[c.pk]):
            for column, value in zip(columns, (c.pk, key, day - window, day + window), strict=True):
                column.append(value)
    out: dict[int, list[int]] = {c.pk: [] for c in claims}
    if columns[0]:
        with connection.cursor() as cursor:
            cursor.execute(_CANDIDATES_SQL, [*columns, batch_articles, limit])
            for query, candidate in cursor.fetchall():
                out[query].append(candidate)
    return out


def _peers(claim: Claim, claims: list[Claim], keys: dict[int, set[str]], limit: int) -> list[int]:
    """The batch's own claims of other articles sharing most keys with ``claim`` (the index query leaves the
    batch out, so a batch of copies can't crowd the stored claims out of each other's candidates)."""
    shared = [
        (len(keys[claim.pk] & keys[other.pk]), other.pk)
        for other in claims
        if other.article_id != claim.article_id and keys[claim.pk] & keys[other.pk]
    ]
    return [pk for _, pk in sorted(shared, reverse=True)[:limit]]


# --- groups --------------------------------------------------------------------------------------------------


def _group_of(claim_id: int) -> ClaimGroupMember | None:
    return ClaimGroupMember.objects.select_related("group").filter(claim_id=claim_id).first()


def _lock_memberships(claim_ids: list[int]) -> dict[int, int]:
    """Lock the claims, then their groups (each in id order, so workers can't deadlock on them); the claims'
    groups as they stand once locked."""
    list(Claim.objects.select_for_update().filter(pk__in=claim_ids).order_by("pk").values_list("pk", flat=True))
    while True:
        members = dict(ClaimGroupMember.objects.filter(claim_id__in=claim_ids).values_list("claim_id", "group_id"))
        groups = sorted(set(members.values()))
        list(ClaimGroup.objects.select_for_update().filter(pk__in=groups).order_by("pk").values_list("pk", flat=True))
        again = dict(ClaimGroupMember.objects.filter(claim_id__in=claim_ids).values_list("claim_id", "group_id"))
        if again == members:  # no group merged away while we waited for its lock
            return members


def _group(pairs: list[tuple[Claim, Claim]], *, origin: str = Origin.MACHINE) -> dict[int, int]:
    """Put each pair of claims in one group, merging groups as needed; the group of every claim involved.

    Idempotent, and safe with several workers: the claims and their groups are locked first, so two workers
    grouping overlapping claims take turns instead of inserting the same member twice.
    """
    if not pairs:
        return {}
    claims = {c.pk: c for pair in pairs for c in pair}
    members = _lock_memberships(sorted(claims))
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for a, b in pairs:
        union(("c", a.pk), ("c", b.pk))
    for claim_id, group_id in members.items():
        union(("c", claim_id), ("g", group_id))
    components: dict[tuple[str, int], list[int]] = {}
    for claim_id in claims:
        components.setdefault(find(("c", claim_id)), []).append(claim_id)

    new_groups: list = []
    moves: dict = {}
    joins: list = []
    result: dict[int, int] = {}
    for ids in components.values():
        groups = sorted({members[c] for c in ids if c in members})
        if groups:
            keep = groups[0]
            moves |= dict.fromkeys(groups[1:], keep)
            joins += [ClaimGroupMember(claim_id=c, group_id=keep, origin=origin) for c in ids if c not in members]
            result |= dict.fromkeys(ids, keep)
        else:
            first = min((claims[c] for c in ids), key=lambda c: (_claim_date(c), c.pk))
            new_groups.append((ClaimGroup(label=first.text[:300]), ids))
    if new_groups:
        ClaimGroup.objects.bulk_create([g for g, _ in new_groups])
        for group, ids in new_groups:
            joins += [ClaimGroupMember(claim_id=c, group_id=group.pk, origin=origin) for c in ids]
            result |= dict.fromkeys(ids, group.pk)
    if moves:
        ClaimGroupMember.objects.filter(group_id__in=moves).update(
            group_id=Case(*(When(group_id=d, then=Value(k)) for d, k in moves.items())), updated_at=timezone.now()
        )
        ClaimGroup.objects.filter(pk__in=moves).delete()
    if joins:
        ClaimGroupMember.objects.bulk_create(joins)
    return result


def _link(a: Claim, b: Claim, *, origin: str = Origin.MACHINE) -> ClaimGroup:
    """Put two claims in one group, merging their groups if both have one."""
    return ClaimGroup.objects.get(pk=_group([(a, b)], origin=origin)[a.pk])


# --- matching ------------------------------------------------------------------------------------------------


@transaction.atomic
def claims_match_for_article(*, article) -> list[ClaimMatch]:
    """Score the article's claims against earlier and later claims of other articles; link or suggest."""
    return claims_match(articles=[article])


@transaction.atomic
def claims_match(*, articles, index: bool = True) -> list[ClaimMatch]:
    """Match the claims of a batch of articles against the index; write matches and groups in bulk.

    Each claim is scored against at most ``NEWSROOM_MATCH_CANDIDATES`` claims (those sharing most keys with
    it in the date window); the matcher is fitted once for the batch. Pairs scoring at least
    ``NEWSROOM_MATCH_AUTO_LINK`` are grouped, from ``NEWSROOM_MATCH_REVIEW`` up suggested. Matches are keyed by
    the (newer, older) pair: new ones are inserted, changed machine-owned ones updated, unchanged ones and those
    an editor decided are left alone.
    """
    auto, review = settings.NEWSROOM_MATCH_AUTO_LINK, settings.NEWSROOM_MATCH_REVIEW
    claims = list(
        Claim.objects.filter(article__in=articles)
        .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .select_related("article")
        .order_by("pk")
    )
    if not claims:
        return []
    if index:  # articles_track has indexed (and committed) them already
        claims_index(claims=claims)
    actors = _actor_sets(claims)
    limit = settings.NEWSROOM_MATCH_CANDIDATES
    keys = {c.pk: claim_keys(c, actors[c.pk]) for c in claims}
    batch_articles = sorted({c.article_id for c in claims})
    stored = _candidates(claims, keys, limit, batch_articles)
    wanted = {c.pk: stored[c.pk] + _peers(c, claims, keys, limit) for c in claims}
    pool_ids = {pk for ids in wanted.values() for pk in ids} - {c.pk for c in claims}
    pool = list(
        Claim.objects.filter(pk__in=pool_ids)
        .exclude(review_status__in=EXCLUDED_COMMITMENT_STATUSES)
        .select_related("article")
        .defer("article__body")  # thousands of candidates: only their dates are read from their articles
    )
    if not any(wanted.values()):
        return []
    by_id = {c.pk: c for c in claims + pool}
    docs = _docs(claims + pool, actors | _actor_sets(pool))
    matcher = make_matcher(settings.NEWSROOM_MATCH_BACKEND).fit(list(docs.values()))
    scores: dict[tuple[int, int], PairScore] = {}
    queries = [
        (docs[c.pk], [docs[pk] for pk in wanted[c.pk] if pk in by_id and by_id[pk].article_id != c.article_id])
        for c in claims
    ]
    rank_many = getattr(matcher, "rank_many", None)  # the lexical matcher scores the batch's claims together
    ranked = rank_many(queries) if rank_many else [matcher.rank(q, cands, minimum=0.0) for q, cands in queries]
    for claim, found in zip(claims, ranked, strict=True):
        for cand, score in found:
            scores[(max(claim.pk, cand.key), min(claim.pk, cand.key))] = score
    pairs = {pair: score for pair, score in scores.items() if score.score >= review}
    ids = [c.pk for c in claims]
    existing = {
        (m.claim_id, m.candidate_id): m
        for m in ClaimMatch.objects.select_for_update().filter(Q(claim__in=ids) | Q(candidate__in=ids))
    }
    create, update, grouped = [], [], []
    for (newer, older), score in pairs.items():
        status: str = MatchStatus.AUTO if score.score >= auto else MatchStatus.SUGGESTED
        value, features = round(score.score, 4), score.features()
        match = existing.get((newer, older))
        final: str
        if match is None:
            create.append(ClaimMatch(claim_id=newer, candidate_id=older, score=value, features=features, status=status))
            final = status
        else:
            final = match.status
            if not match.is_editor_owned:
                # Upgrade only: an auto link already made is not undone by drift.
                final = MatchStatus.AUTO if status == MatchStatus.AUTO else match.status
                if (match.score, match.features, match.status) != (value, features, final):
                    match.score, match.features, match.status = value, features, final
                    match.updated_at = timezone.now()
                    update.append(match)
        if final == MatchStatus.AUTO:
            grouped.append((by_id[newer], by_id[older]))
    # Another worker may insert the same pair meanwhile: its row is the same, so the conflict is skipped.
    ClaimMatch.objects.bulk_create(create, ignore_conflicts=True)
    if update:
        ClaimMatch.objects.bulk_update(update, ["score", "features", "status", "updated_at"])
    _group(grouped)
    # Suggestions scored again and now below the review threshold are dropped; auto links and editors' stay.
    stale = [
        m.pk
        for pair, m in existing.items()
        if m.status == MatchStatus.SUGGESTED and pair in scores and pair not in pairs
    ]
    if stale:
        ClaimMatch.objects.filter(pk__in=stale).delete()
    if not pairs:
        return []
    found = ClaimMatch.objects.filter(claim_id__in={n for n, _ in pairs}, candidate_id__in={o for _, o in pairs})
    return sorted((m for m in found if (m.claim_id, m.candidate_id) in pairs), key=lambda m: (-m.score, -m.pk))


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
