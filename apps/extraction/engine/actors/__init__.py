"""Actors: people, countries, organisations and groups; one canonical actor per real-world entity.

The stages below run in this order over one article's parsed blocks (``STAGES`` is the only place the
order is written). Each stage adds actors and mentions; none changes a mention another stage added.

Sources, in order of trust: the alias table (the editors' aliases first, then data/*.json), matched by
spaCy ``SpanRuler`` components; the model's named entities with cleanup; group-name patterns; and
in-article resolution (surnames, spelling variants, titles, "the <kind>").
"""

from __future__ import annotations

from collections.abc import Callable

from ..context import Context
from .government import add_legislatures, add_ministries, the_government
from .keys import org_key, surname_key
from .orgs import add_group_names, add_groups, add_orgs, company_short_names
from .persons import add_persons, surname_sweep
from .references import group_anaphora, titles
from .resolve import antecedent, np_actors
from .scan import scan_blocks
from .state import ActorState


def _index(st: ActorState) -> None:
    st.ctx.index_mentions()  # later stages look mentions up by token


STAGES: tuple[Callable[[ActorState], None], ...] = (
    scan_blocks,  # alias matches, group-name and entity candidates; alias mentions
    add_group_names,  # "<Group noun> of the <Name>"
    add_persons,  # full names, then single names
    add_orgs,  # the model's organisations that name one body
    add_groups,  # parties and movements named by their members
    _index,
    company_short_names,  # "<Name> Inc." ... "<Name>"
    add_ministries,  # "<demonym> foreign ministry": an actor linked to its country
    add_legislatures,  # "Congress", "the Senate": the article's country's legislature
    _index,
    surname_sweep,  # surnames the model missed
    _index,
    titles,  # "the <demonym> president" -> the person named with that title
    group_anaphora,  # "the coalition" -> the one coalition named earlier
    _index,
    the_government,  # "the government" -> the country the article is about
    _index,
)


def find_actors(ctx: Context) -> None:
    st = ActorState(ctx)
    for stage in STAGES:
        stage(st)


__all__ = ["STAGES", "antecedent", "find_actors", "np_actors", "org_key", "surname_key"]
