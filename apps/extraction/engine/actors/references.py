"""References without a name: office titles ("the <demonym> president") to the person named with that
title, and "the <kind>" ("the coalition", "the bank") to the one organisation of that kind named earlier."""

from __future__ import annotations

import functools
from typing import Any

from ..clean import ACTOR_BLOCKS
from .state import ActorState
from .words import WORDS

_ROLE_SYNONYMS = {"premier": "prime minister"}


@functools.lru_cache(maxsize=2)
def _title_matcher(vocab: Any) -> Any:
    """Office titles from data/titles.json as a PhraseMatcher on lower-case token texts."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    matcher = PhraseMatcher(vocab, attr="LOWER")
    for title in WORDS.titles:
        matcher.add(" ".join(title), [Doc(vocab, words=list(title))])
    return matcher


def _titles_in(doc: Any) -> dict[int, tuple[int, str]]:
    """Start token -> (end, title) of the longest office title starting there."""
    out: dict[int, tuple[int, str]] = {}
    for match_id, start, end in _title_matcher(doc.vocab)(doc):
        if start not in out or end > out[start][0]:
            out[start] = (end, doc.vocab.strings[match_id])
    return out


class _Titles:
    """Office titles per parsed block, found once."""

    def __init__(self) -> None:
        self._by_doc: dict[int, dict[int, tuple[int, str]]] = {}

    def at(self, doc: Any, i: int) -> tuple[int, str] | None:
        found = self._by_doc.get(id(doc))
        if found is None:
            found = self._by_doc[id(doc)] = _titles_in(doc)
        return found.get(i)


def _country_before(st: ActorState, doc: Any, i: int) -> str | None:
    """Country of a title: "<demonym> president", "<country>'s president"."""
    for k in range(i - 1, max(-1, i - 4), -1):
        for m in st.ctx.mentions_at(doc[k]):
            rec = st.ctx.actors.get(m.key)
            if rec is not None and rec.kind == "country":
                return rec.code
        if doc[k].pos_ in ("VERB", "AUX", "ADP") or doc[k].is_punct and doc[k].text not in ("'s", "."):
            break
    return None


def _role(title: str) -> str:
    return _ROLE_SYNONYMS.get(title, title)


def _learn_roles(st: ActorState, found: _Titles) -> None:
    """Roles of named people: "<Demonym> President <Given> <Family>" -> (country, president) is that person."""
    roles = st.ctx.roles
    for rec in list(st.ctx.actors.values()):
        if rec.kind != "person":
            continue
        for m in rec.mentions:
            doc = m.doc
            k = m.i - 1
            title = None
            # walk back over the title words directly before the name
            while k >= 0 and doc[k].is_alpha and doc[k].lower_ in WORDS.title_words:
                k -= 1
            for s in range(k + 1, m.i):
                hit = found.at(doc, s)
                if hit and hit[0] == m.i:
                    title = hit[1]
                    break
                if hit and title is None:
                    title = hit[1]
            if title is None:
                continue
            code = _country_before(st, doc, k + 1)
            role = _role(title)
            roles[(code, role)] = rec.key
            roles.setdefault((None, role), rec.key)
            if code:
                roles[(code, "leader")] = roles.get((code, "leader"), rec.key)


def titles(st: ActorState) -> None:
    """ "the <demonym> president", "the president of <country>", "<country>'s foreign minister", or "the
    president" when one person holds that title in the article."""
    found = _Titles()
    _learn_roles(st, found)
    ctx = st.ctx
    if not ctx.roles:
        return
    for _base, doc, kind in ctx.docs:
        if kind not in ACTOR_BLOCKS:
            continue
        lower = ctx.attrs(doc).lower
        for k, low in enumerate(lower):
            if low not in WORDS.title_firsts:
                continue  # tested on the doc's strings: no Token built for the other words
            tok = doc[k]
            i = tok.i
            hit = found.at(doc, i)
            if hit is None:
                continue
            end, title = hit
            if end < len(doc) and "person" in st.kinds_at(doc[end]):
                continue  # a name follows: already handled
            if end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
                continue
            if "person" in st.kinds_at(doc[i]):
                continue
            code = _country_before(st, doc, i)
            start = i
            if code is not None:
                while start > 0 and "country" in st.kinds_at(doc[start - 1]):
                    start -= 1
            elif end + 1 < len(doc) and doc[end].lower_ == "of":
                for m in ctx.mentions_at(doc[end + 1]):
                    if ctx.actors[m.key].kind == "country":
                        code = ctx.actors[m.key].code
                        end = m.j
            role = _role(title)
            key = ctx.roles.get((code, role)) if code is not None else None
            if code is None:
                prev = doc[i - 1].lower_ if i > 0 else ""
                if prev != "the" or (end < len(doc) and doc[end].lower_ == "of"):
                    continue
                holders = {v for (_c, r), v in ctx.roles.items() if r == role}
                if len(holders) != 1:
                    continue
                key = holders.pop()
            if key is None:
                continue
            st.mention(ctx.actors[key], doc, start, end, "title")


def group_anaphora(st: ActorState) -> None:
    """ "the coalition", "the bank", "the commission": a definite noun naming the kind of one organisation
    of the article, after that organisation was named. Two organisations with the same head: neither."""
    ctx = st.ctx
    heads: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    for rec in ctx.actors.values():
        if rec.kind != "organisation" or not rec.mentions:
            continue
        words = rec.name.lower().split()
        found: set[str] = set()
        if any(m.via == "pattern" for m in rec.mentions):
            found.add(words[0])
        if len(words) > 1:
            found.update(w for w in (words[0], words[-1]) if w in WORDS.org_heads and w not in WORDS.vague_heads)
        for head in found:
            heads[head] = rec.key if head not in heads else ""
        first_seen[rec.key] = min(m.start for m in rec.mentions)
    if not heads:
        return
    for _base, doc, kind in ctx.docs:
        if kind not in ACTOR_BLOCKS:
            continue
        lower = ctx.attrs(doc).lower
        for i, low in enumerate(lower):
            if i == 0 or low not in heads:
                continue  # tested on the doc's strings: no Token built for the other words
            tok = doc[i]
            if heads[tok.lower_] and doc[i - 1].lower_ == "the":
                if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
                    continue
                if ctx.mentions_at(tok) or ctx.tstart(tok) < first_seen[heads[tok.lower_]]:
                    continue
                st.mention(ctx.actors[heads[tok.lower_]], doc, i, i + 1, "anaphor")
