"""The engine's output: plain dataclasses, no Django.

Every item carries the character span (``start``, ``end``) in the text exactly as
it was handed to :func:`apps.extraction.engine.extract`, so ``text[start:end]``
is the evidence an editor checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ACTOR_KINDS = ("person", "country", "organisation", "group")
CLAIM_KINDS = ("quantitative", "attributed", "factual")
STANCES = ("committed", "conditional", "open", "undecided", "declined", "opposed")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Actor:
    name: str  # canonical name
    kind: str  # one of ACTOR_KINDS
    country_code: str | None = None  # ISO 3166-1 alpha-2 for countries
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None  # canonical actor name


@dataclass
class Quantity:
    value: float | int
    unit: str | None = None
    qualifier: str | None = None  # "more than", "about", ...


@dataclass
class Claim:
    text: str
    start: int
    end: int
    kind: str  # one of CLAIM_KINDS
    quantity: Quantity | None = None
    speaker: str | None = None
    score: float = 0.0
    dates: list[str] = field(default_factory=list)  # ISO dates mentioned, resolved against the article date


@dataclass
class Commitment:
    actor: str
    stance: str  # one of STANCES
    action: str
    start: int
    end: int
    condition: str | None = None


@dataclass
class Extraction:
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    language: str | None = None
    engine_version: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AliasEntry:
    """One row of the alias table handed to the engine (editors' aliases from the database)."""

    alias: str
    name: str
    kind: str
    country_code: str | None = None
