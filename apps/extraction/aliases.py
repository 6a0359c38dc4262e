"""The alias table the engine receives: names editors (or merges) tied to another actor's name."""

from __future__ import annotations

from apps.actors.models import ActorAlias

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
