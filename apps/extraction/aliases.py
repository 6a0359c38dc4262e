"""The alias table the engine receives: names editors (or merges) tied to another actor's name.

A worker process keeps the table between articles (:func:`alias_table`) and reads it again only when its
version changed: editors' aliases, merges and editor-edited actors are the only things that change it
(the aliases the machine adds for its own new actors map a name to itself and are not part of it).
"""

from __future__ import annotations

from django.db.models import Count, Max, Q

from apps.actors.models import Actor, ActorAlias, ActorMerge

from .engine import AliasEntry
from .engine.normalize import normalize_alias


def alias_snapshot() -> list[AliasEntry]:
    """Aliases editors added or that merges produced: anything that maps a name to a different actor name."""
    rows = ActorAlias.objects.select_related("actor", "actor__merged_into").only(
        "alias", "normalized", "actor__name", "actor__kind", "actor__country_code", "actor__merged_into"
    )
    entries = []
    for row in rows:
        actor = row.actor.canonical()
        if row.normalized != normalize_alias(actor.name):
            entries.append(AliasEntry(row.alias, actor.name, actor.kind, actor.country_code or None))
    return entries


def alias_version() -> tuple:
    """What the alias table depends on, summed up: changes when an editor adds, edits or removes an alias,
    merges or unmerges actors, or renames an actor (editors' edits move an actor's version off 1)."""
    not_machine = ~Q(source=ActorAlias.Source.MACHINE)
    aliases = ActorAlias.objects.aggregate(
        n=Count("pk", filter=not_machine), last=Max("updated_at", filter=not_machine)
    )
    merges = ActorMerge.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    edited = Actor.objects.exclude(version=1).aggregate(n=Count("pk"), last=Max("updated_at"))
    return tuple(d[k] for d in (aliases, merges, edited) for k in ("n", "last"))


_cached: tuple[tuple, tuple[AliasEntry, ...]] | None = None


def alias_table() -> tuple[AliasEntry, ...]:
    """:func:`alias_snapshot` as this process last read it, read again only when :func:`alias_version`
    changed. The same tuple object comes back while nothing changed, so the engine keeps the gazetteer it
    built from it."""
    global _cached
    version = alias_version()
    if _cached is None or _cached[0] != version:
        _cached = (version, tuple(alias_snapshot()))
    return _cached[1]


def forget_alias_table() -> None:
    """Drop this process's copy (tests; a worker reads the version before every article anyway)."""
    global _cached
    _cached = None
