"""What the actor stages share: typed candidate records, the people seen so far, and the actor registry.

Stages only ever add actors and mentions; a mention, once added, is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..clean import BODY
from ..context import ActorRec, Context, Mention
from ..gazetteer import Entry
from .keys import org_key, surname_key


@dataclass(frozen=True)
class Candidate:
    """Tokens ``doc[start:end]`` that may name an actor, found in a block of kind ``block``."""

    doc: Any  # spacy.tokens.Doc
    start: int
    end: int
    block: str
    country: str | None = None  # code of a country named inside it ("Bank of <Country>")
    described: bool = False  # the text calls it an organisation ("the grocer <Name>"): kept even if seen once


@dataclass(frozen=True)
class KnownPerson:
    """A person named in full (or once, alone) in the article: registry key and the name's tokens."""

    key: str
    tokens: tuple[str, ...]


@dataclass
class ActorState:
    ctx: Context
    persons: list[Candidate] = field(default_factory=list)
    orgs: list[Candidate] = field(default_factory=list)
    groups: list[Candidate] = field(default_factory=list)  # acting plural groups (NORP)
    group_names: list[Candidate] = field(default_factory=list)  # "<Coalition> of (the) <Name>"
    persons_full: dict[str, list[KnownPerson]] = field(default_factory=dict)  # surname key -> people
    # read-only answers about the whole article, cached because person candidates ask them again and again
    # (each would otherwise scan the article's text or every entity: quadratic on a long article)
    word_in_text: dict[str, bool] = field(default_factory=dict)  # word -> written as such in the text
    place_ents: frozenset[str] | None = None  # texts the model labels GPE/LOC anywhere in the article

    # --- registry ---------------------------------------------------------------------------------
    def actor(self, key: str, name: str, kind: str, code: str | None = None) -> ActorRec:
        rec = self.ctx.actors.get(key)
        if rec is None:
            rec = self.ctx.actors[key] = ActorRec(key=key, name=name, kind=kind, code=code)
        return rec

    def mention(self, rec: ActorRec, doc: Any, i: int, j: int, via: str, role: str = "") -> Mention:
        start = int(doc.user_data["base"]) + doc[i].idx
        end = self.ctx.tend(doc[j - 1])
        m = Mention(start, end, rec.key, doc, i, j, via, role)
        rec.mentions.append(m)
        if doc.user_data.get("kind") == BODY:
            rec.body = True
        self.ctx.mentions.append(m)
        return m

    def entry_actor(self, entry: Entry) -> ActorRec:
        if entry.kind == "country":
            return self.actor(f"country:{entry.code}", entry.name, "country", entry.code)
        if entry.kind == "person":
            return self.actor(f"person:{surname_key(entry.name.split()[-1])}", entry.name, "person")
        return self.actor(f"org:{org_key(entry.name)}", entry.name, entry.kind, entry.code)

    def kinds_at(self, tok: Any) -> set[str]:
        return {self.ctx.actors[m.key].kind for m in self.ctx.mentions_at(tok)}
