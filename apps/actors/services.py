"""Editors' writes on actors: edit, add aliases, merge duplicates (recorded, reversible), unmerge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from simple_history.models import HistoricalChanges
from simple_history.utils import bulk_update_with_history

from apps.actors.models import Actor, ActorAlias, ActorMerge
from apps.extraction.engine.normalize import normalize_alias
from apps.review.history import CHANGE_REASON_MAX
from apps.review.permissions import require_perm
from apps.review.services import StaleObjectError
from apps.review.statuses import Origin

_UNSET: Any = object()


def _reason(text: str) -> str:
    return text if len(text) <= CHANGE_REASON_MAX else text[: CHANGE_REASON_MAX - 1] + "…"


def _save_actor(actor: Actor, *, editor: Any, reason: str) -> Actor:
    actor.version += 1
    actor._history_user = editor  # type: ignore[attr-defined]
    actor._change_reason = _reason(reason)  # type: ignore[attr-defined]
    actor.save()
    return actor


@transaction.atomic
def actor_create(
    *,
    editor: Any,
    name: str,
    kind: str,
    country_code: str = "",
    description: str = "",
    wikidata_id: str = "",
) -> Actor:
    """An actor an editor adds by hand (``origin=editor``)."""
    require_perm(editor, "actors.add_actor")
    actor = Actor(
        name=name.strip(),
        kind=kind,
        country_code=(country_code or "").upper(),
        description=description,
        wikidata_id=wikidata_id,
        origin=Origin.EDITOR,
        version=0,
    )
    actor.full_clean()
    return _save_actor(actor, editor=editor, reason="Added by editor")


@transaction.atomic
def actor_update(
    *,
    actor: Actor,
    editor: Any,
    note: str = "",
    expected_version: int | None = None,
    name: str = _UNSET,
    kind: str = _UNSET,
    country_code: str = _UNSET,
    description: str = _UNSET,
    wikidata_id: str = _UNSET,
) -> Actor:
    """Edit an actor's canonical name, kind, ISO code or description (optimistic locking on ``version``)."""
    require_perm(editor, "actors.change_actor")
    locked = Actor.objects.select_for_update().get(pk=actor.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleObjectError(
            f"This actor was changed by someone else while you were editing it (you loaded version "
            f"{expected_version}, it is now version {locked.version}: {locked.name!r}, "
            f"code {locked.country_code or '—'}). Your changes were NOT saved; reload the page.",
        )
    given = {
        "name": name,
        "kind": kind,
        "country_code": country_code.upper() if isinstance(country_code, str) else country_code,
        "description": description,
        "wikidata_id": wikidata_id,
    }
    changed = []
    for field, value in given.items():
        if value is not _UNSET and getattr(locked, field) != value:
            setattr(locked, field, value)
            changed.append(field.replace("_", " "))
    if not changed:
        return locked
    locked.full_clean()
    reason = "Edited " + ", ".join(changed) + (f": {note}" if note else "")
    return _save_actor(locked, editor=editor, reason=reason)


@transaction.atomic
def actor_alias_add(*, actor: Actor, alias: str, editor: Any) -> ActorAlias:
    """Add an alias the extractor will resolve to ``actor`` from its next run on."""
    require_perm(editor, "actors.add_actoralias")
    alias = (alias or "").strip()
    normalized = normalize_alias(alias)
    if not normalized:
        raise ValidationError("An alias needs at least one letter or digit.")
    existing = ActorAlias.objects.select_related("actor").filter(normalized=normalized).first()
    if existing is not None:
        if existing.actor_id == actor.pk:
            return existing
        raise ValidationError(f"{alias!r} is already an alias of {existing.actor} (as {existing.alias!r}).")
    row = ActorAlias(actor=actor, alias=alias, source=ActorAlias.Source.EDITOR, created_by=editor)
    row._history_user = editor  # type: ignore[attr-defined]
    row._change_reason = "Alias added by editor"  # type: ignore[attr-defined]
    row.save()
    return row


@transaction.atomic
def actor_alias_update(
    *, alias: ActorAlias, editor: Any, text: str | None = None, actor: Actor | None = None
) -> ActorAlias:
    """Fix an alias's spelling or point it at another actor."""
    require_perm(editor, "actors.change_actoralias")
    row = ActorAlias.objects.select_for_update().get(pk=alias.pk)
    if text is not None:
        normalized = normalize_alias(text)
        if not normalized:
            raise ValidationError("An alias needs at least one letter or digit.")
        clash = ActorAlias.objects.filter(normalized=normalized).exclude(pk=row.pk).select_related("actor").first()
        if clash is not None:
            raise ValidationError(f"{text!r} is already an alias of {clash.actor} (as {clash.alias!r}).")
        row.alias = text.strip()
    if actor is not None:
        row.actor = actor
    row._history_user = editor  # type: ignore[attr-defined]
    row._change_reason = "Alias edited by editor"  # type: ignore[attr-defined]
    row.save()
    return row


def _move(model, rows, field: str, target: Actor, *, editor: Any, reason: str) -> None:
    """Point ``field`` of ``rows`` at ``target``: with a history row each and a version bump for models
    that keep history and versions, with one UPDATE for the others."""
    if not rows:
        return
    if not hasattr(model, "history"):
        model._default_manager.filter(pk__in=[r.pk for r in rows]).update(**{field: target})
        return
    fields = [field]
    for row in rows:
        setattr(row, field, target)
        if hasattr(row, "version"):
            row.version += 1
    if hasattr(rows[0], "version"):
        fields.append("version")
    bulk_update_with_history(
        rows, model, fields, batch_size=500, default_user=editor, default_change_reason=_reason(reason)
    )


@dataclass(frozen=True)
class _Link:
    """A foreign key to Actor on another model, and the key its moved rows are recorded under."""

    model: Any  # a model class; typed loosely as rows are read for fields only some kinds have
    field: str
    key: str


def _actor_links() -> list[_Link]:
    """Every foreign key to Actor, found through the model's relations, so a merge moves rows of apps
    this module does not know (tracking's findings, ...). Not moved: the merge records themselves, an
    actor's own ``merged_into``, and history rows (they keep what was true at the time)."""
    links = []
    rel: Any  # reverse relations (ForeignObjectRel): the stubs type get_fields() as any field
    for rel in Actor._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        model = rel.related_model
        if model in (Actor, ActorMerge) or issubclass(model, HistoricalChanges):
            continue
        field = rel.field.name
        accessor = rel.get_accessor_name() if not rel.hidden else None
        links.append(_Link(model, field, accessor or f"{model._meta.app_label}_{model._meta.model_name}_{field}"))
    return links


def _key_actor_fields(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(getattr(model, "key_actor_fields", ()))


@transaction.atomic
def actor_merge(*, kept: Actor, merged: Actor, editor: Any, note: str = "") -> ActorMerge:
    """Merge the duplicate ``merged`` into ``kept``: every row pointing at it (aliases, mentions, quotes,
    claims, commitments, tracking's findings: every foreign key to Actor) moves to ``kept``, its name becomes
    an alias of ``kept``, and what moved is recorded in ``ActorMerge.moved`` (row ids by relation) for
    actor_unmerge.

    A machine commitment that would collide with one ``kept`` already has (same article, span) stays on the
    duplicate (``canonical()`` still leads to ``kept``) and is listed in ``moved["skipped_commitments"]``.
    """
    require_perm(editor, "actors.merge_actor")
    if kept.pk == merged.pk:
        raise ValidationError("Choose two different actors to merge.")
    locked = {a.pk: a for a in Actor.objects.select_for_update().filter(pk__in=[kept.pk, merged.pk]).order_by("pk")}
    kept, merged = locked[kept.pk], locked[merged.pk]
    for actor in (kept, merged):
        if actor.merged_into_id:
            raise ValidationError(f"{actor} was already merged into {actor.merged_into}; merge into that one instead.")

    reason = f"Merged {merged.name} (#{merged.pk}) into {kept.name} (#{kept.pk})" + (f": {note}" if note else "")
    moved: dict[str, list[int]] = {}
    for link in _actor_links():
        rows, skipped = [], []
        # A machine row whose natural key holds the actor (a commitment) would give ``kept`` two machine rows on
        # one span: it stays on the duplicate, which ``canonical()`` still leads to ``kept``.
        identity = link.field in _key_actor_fields(link.model)
        taken = (
            set(
                link.model._default_manager.filter(**{link.field: kept, "origin": Origin.MACHINE}).values_list(
                    "article_id", "start", "end"
                )
            )
            if identity
            else set()
        )
        for row in link.model._default_manager.select_for_update().filter(**{link.field: merged}).order_by("pk"):
            if identity and row.origin == Origin.MACHINE and (row.article_id, row.start, row.end) in taken:
                skipped.append(row.pk)
            else:
                rows.append(row)
        _move(link.model, rows, link.field, kept, editor=editor, reason=reason)
        moved[link.key] = [r.pk for r in rows]
        if identity:
            moved[f"skipped_{link.key}"] = skipped

    created_aliases = []
    for name in {merged.name} | ({merged.country_code} if merged.country_code else set()):
        normalized = normalize_alias(name)
        if normalized and not ActorAlias.objects.filter(normalized=normalized).exists():
            alias = ActorAlias(actor=kept, alias=name, source=ActorAlias.Source.EDITOR, created_by=editor)
            alias._history_user = editor  # type: ignore[attr-defined]
            alias._change_reason = _reason(reason)  # type: ignore[attr-defined]
            alias.save()
            created_aliases.append(alias.pk)

    merged.merged_into = kept
    _save_actor(merged, editor=editor, reason=reason)
    return ActorMerge.objects.create(
        kept=kept,
        merged=merged,
        created_by=editor,
        note=note,
        moved={**moved, "created_aliases": created_aliases},
    )


@transaction.atomic
def actor_unmerge(*, merge: ActorMerge, editor: Any, note: str = "") -> ActorMerge:
    """Undo a merge: rows that moved (and still point at the kept actor) go back to the duplicate, the
    aliases the merge created are removed, and the duplicate is an active actor again."""
    require_perm(editor, "actors.merge_actor")
    merge = ActorMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at:
        raise ValidationError("This merge was already undone.")
    locked = {
        a.pk: a
        for a in Actor.objects.select_for_update().filter(pk__in=[merge.kept_id, merge.merged_id]).order_by("pk")
    }
    kept, merged = locked[merge.kept_id], locked[merge.merged_id]
    if merged.merged_into_id != kept.pk:
        raise ValidationError(f"{merged} is no longer merged into {kept}; nothing to undo.")
    clash = Actor.objects.active().filter(name=merged.name, kind=merged.kind).exclude(pk=merged.pk).first()
    if clash is not None:
        raise ValidationError(f"Another active actor is already called {merged.name!r} ({clash.pk}); rename it first.")

    moved = merge.moved or {}
    reason = f"Unmerged {merged.name} (#{merged.pk}) from {kept.name} (#{kept.pk})" + (f": {note}" if note else "")
    ActorAlias.objects.filter(pk__in=moved.get("created_aliases", []), actor=kept).delete()
    for link in _actor_links():
        rows = list(
            link.model._default_manager.select_for_update().filter(pk__in=moved.get(link.key, []), **{link.field: kept})
        )
        _move(link.model, rows, link.field, merged, editor=editor, reason=reason)

    merged.merged_into = None
    _save_actor(merged, editor=editor, reason=reason)
    merge.undone_at = timezone.now()
    merge.undone_by = editor
    merge.undo_note = note
    merge.save(update_fields=["undone_at", "undone_by", "undo_note", "updated_at"])
    return merge
