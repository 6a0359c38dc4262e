"""Acronyms an article defines for things, not bodies: "distributed ledger technology (DLT)", "the Consumer
Price Survey (CPS)". The model tags such acronyms (and parts of their long forms) as organisations; an
acronym whose long form is a common-noun phrase or the title of a survey, scheme or document does not act.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..clean import ACTOR_BLOCKS
from .state import ActorState
from .words import WORDS

_MAX_WORDS = 10  # a long form longer than this is not read as one


@dataclass
class Things:
    acronyms: set[str] = field(default_factory=set)  # upper-case acronyms of things
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # id(doc) -> long forms (token ranges)

    def covers(self, doc: Any, i: int, j: int) -> bool:
        return any(a <= i and j <= b for a, b in self.spans.get(id(doc), ()))


def thing_acronyms(st: ActorState) -> Things:
    things = Things()
    for _base, doc, kind in st.ctx.docs:
        if kind not in ACTOR_BLOCKS:
            continue
        for tok in doc:
            if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
                continue
            acronym = doc[tok.i + 1].text
            if not (acronym.isalpha() and acronym.isupper() and len(acronym) >= 2):
                continue
            start = _long_form(doc, tok.i, acronym)
            if start is not None and _is_thing(doc[start : tok.i]):
                things.acronyms.add(acronym)
                things.spans.setdefault(id(doc), []).append((start, tok.i + 3))
    return things


def _long_form(doc: Any, bracket: int, acronym: str) -> int | None:
    """Where the words whose initials spell the acronym begin, right before the bracket; function words
    ("of", "and", "the") may give their initial or not ("Memorandum of Understanding (MOU)"), and so may a
    document word inside it ("<A> and <B> Agreement for <C> (<ABC>)")."""
    words = [t for t in doc[max(0, bracket - _MAX_WORDS) : bracket] if not t.is_punct]
    letters = acronym.lower()

    # walk back from the bracket: (word index, letters left to match) states, function words optional
    states = {(len(words), len(letters))}
    while states:
        nxt: set[tuple[int, int]] = set()
        for w, n in states:
            if n == 0:
                return int(words[w].i) if w < len(words) else None
            if w == 0:
                continue
            word = words[w - 1]
            if word.text[:1].lower() == letters[n - 1]:
                nxt.add((w - 1, n - 1))
            if word.lower_ in WORDS.function_words or (n < len(letters) and word.lower_ in WORDS.document_heads):
                nxt.add((w - 1, n))  # a document word inside the long form may give no letter ("<A> Agreement for <B>")
        states = nxt
    return None


def _is_thing(span: Any) -> bool:
    """A long form in lower case ("exclusive economic zone"), or the title of a survey, index or document:
    a head word followed by "of"/"on"/"for" ("Survey of Freight Carriers", "Memorandum of Understanding") or
    a document word at the end ("<Name> Agreement"). "<Country> Geological Survey" stays a body."""
    content = [t for t in span if t.lower_ not in WORDS.function_words and t.is_alpha]
    if not content:
        return False
    if any(t.is_lower for t in content):
        return True
    if content[-1].lower_.rstrip("s") in WORDS.document_heads:
        return True
    if content[-1].lower_ in WORDS.fund_heads and content[-1].dep_ not in ("nsubj", "poss"):
        return True  # "the <Name> Fund (<ACR>)" that does nothing: a pot of money
    return titled_thing(span)


def titled_thing(span: Any) -> bool:
    """A title word followed by "of"/"on"/"for" inside the span: "Survey of <X>", "Conditions of <X>",
    "Statement on <X>"; the span is the title of a survey, rule or document."""
    return any(
        _head(t) and t.is_title and t.i + 1 < span.end and t.nbor().lower_ in ("of", "on", "for") for t in span[:-1]
    )


def _head(tok: Any) -> bool:
    low = tok.lower_
    return (
        low in WORDS.title_heads
        or low.rstrip("s") in WORDS.title_heads
        or low.rstrip("s") in WORDS.document_heads
        or low in WORDS.programme_words  # "Programme for <X>": a government's plan, not a body
    )
