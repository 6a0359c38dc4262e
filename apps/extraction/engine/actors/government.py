"""Governments and their bodies.

- A ministry or agency named after its country ("the <demonym> foreign ministry", "<Country>'s health
  department") is an actor of its own, linked to that country (its record carries the country's code).
- "Congress", "the Senate", "Parliament": the legislature of the article's country, an actor of its own.
- "the government" with no country word stands for the country whose government the article is about:
  the country of the last "<demonym> government" before it, else the country the article names most.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any

from ..clean import ACTOR_BLOCKS, BODY
from ..context import Context
from ..gazetteer import ALIAS, DEMONYM, NAME
from .keys import org_key, smart_title
from .state import ActorState
from .words import WORDS

_POSSESSIVE = ("'s", "’s")
_MAX_WORDS = 3  # words between the country and the ministry: "<demonym> foreign affairs ministry"


def add_ministries(st: ActorState) -> None:
    ctx = st.ctx
    for m in list(ctx.mentions):
        rec = ctx.actors[m.key]
        if rec.kind != "country" or m.role not in (NAME, ALIAS, DEMONYM):
            continue
        doc = m.doc
        if m.i > 0 and doc[m.i - 1].lower_ in ("a", "an", "one", "another", "any"):
            continue  # "an <demonym> news agency": a description, not a named body
        window = doc[m.j : m.j + _MAX_WORDS + 2]
        if not any(t.lower_ in WORDS.ministry_heads for t in window):
            continue
        ends = [m.j + end for _id, start, end in _ministry_matcher(doc.vocab)(window) if start == 0]
        if not ends:
            continue
        k = min(ends) - 1  # the ministry word: the nearest one after the country
        if any(ctx.mentions_at(t) for t in doc[m.j : k + 1] if t.lower_ not in _POSSESSIVE):
            continue
        end = _of_part(doc, k + 1)
        if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
            continue  # "<demonym> news agency <Name>": a description of the name that follows
        name = smart_title(ctx.text[m.start : ctx.tend(doc[end - 1])].split())
        ministry = st.actor(f"org:{org_key(name)}", name, "organisation", rec.code)
        st.mention(ministry, doc, m.i, end, "ministry")


@functools.lru_cache(maxsize=2)
def _ministry_matcher(vocab: Any) -> Any:
    """ "('s) <up to three describing words> <ministry word>", to be found right after a country's name."""
    from spacy.matcher import Matcher

    heads = sorted(WORDS.ministry_heads)
    matcher = Matcher(vocab)
    describing = {"IS_ALPHA": True, "POS": {"IN": ["ADJ", "NOUN", "PROPN"]}, "LOWER": {"NOT_IN": heads}}
    matcher.add(
        "MINISTRY",
        [
            [
                {"ORTH": {"IN": list(_POSSESSIVE)}, "OP": "?"},
                {**describing, "OP": f"{{0,{_MAX_WORDS}}}"},
                {"LOWER": {"IN": heads}},
            ]
        ],
    )
    return matcher


def _of_part(doc: Any, k: int) -> int:
    """ "... Ministry of Health": the capitalised words after "of" belong to the name."""
    if k + 1 < len(doc) and doc[k].lower_ == "of" and doc[k + 1].is_title:
        k += 1
        while k < len(doc) and (
            doc[k].is_title or (doc[k].lower_ == "and" and k + 1 < len(doc) and doc[k + 1].is_title)
        ):
            k += 1
    return k


def _main_country(st: ActorState) -> str | None:
    return main_country(st.ctx)


def main_country(ctx: Context) -> str | None:
    """The country the article names most in its body (by name, alias, demonym or capital); None on a tie."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in ctx.mentions:
        if ctx.actors[m.key].kind == "country" and m.via == "gazetteer" and m.doc.user_data.get("kind") == BODY:
            counts[m.key] += 1
            first.setdefault(m.key, m.start)
    ranked = sorted(counts, key=lambda key: (-counts[key], first[key]))
    return ranked[0] if ranked and (len(ranked) == 1 or counts[ranked[0]] > counts[ranked[1]]) else None


def add_legislatures(st: ActorState) -> None:
    """ "Congress", "the Senate", "Parliament", "the House": the legislature of the article's country, an
    actor of its own. Not inside a longer name ("<Name> House"), not "House of <Name>" (the model names
    those), not an office's title ("Speaker of the House"), and a country word just before belongs to it
    ("<Country> Senate")."""
    ctx = st.ctx
    main = _main_country(st)
    code = ctx.actors[main].code if main else None
    for _base, doc, kind in ctx.docs:
        if kind not in ACTOR_BLOCKS:
            continue
        lower = ctx.attrs(doc).lower
        for k, low in enumerate(lower):
            if low not in WORDS.legislature_words:
                continue  # tested on the doc's strings: no Token built for the other words
            tok = doc[k]
            if not tok.is_title or ctx.mentions_at(tok):
                continue
            i = tok.i
            if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
                continue
            prev = doc[i - 1] if i > 0 else None
            start = i
            if prev is not None and prev.lower_ != "the" and prev.text[:1].isupper() and not prev.is_sent_start:
                country = [m for m in ctx.mentions_at(prev) if ctx.actors[m.key].kind == "country"]
                if not country:
                    continue  # part of another name
                start = country[0].i
            elif tok.lower_ == "house" and (prev is None or prev.lower_ != "the"):
                continue  # "House" alone is too often a word of another name
            elif i >= 3 and doc[i - 2].lower_ == "of" and doc[i - 3].lower_ in WORDS.title_words:
                continue  # "Speaker of the House", "President of the Senate": an office's title, not the body
            if tok.is_sent_start and tok.tag_ != "NNP":
                continue
            name = " ".join(ctx.text[ctx.tstart(doc[start]) : ctx.tend(tok)].split())
            rec = st.actor(f"org:{org_key(name)}", name, "organisation", code)
            st.mention(rec, doc, start, i + 1, "legislature")


def the_government(st: ActorState) -> None:
    ctx = st.ctx
    main = _main_country(st)
    last: str | None = None  # the country of the last "<demonym> government"
    for _base, doc, kind in sorted(ctx.docs, key=lambda d: d[0]):
        if kind != BODY:
            continue
        lower = ctx.attrs(doc).lower
        for k, low in enumerate(lower):
            if low not in WORDS.government_words:
                continue  # tested on the doc's strings: no Token built for the other words
            tok = doc[k]
            if ctx.mentions_at(tok):
                continue
            owner = _owner_country(st, tok)
            if owner is not None:
                last = owner
                continue
            if not _bare(tok):
                continue
            target = last or main
            if target is not None:
                st.mention(ctx.actors[target], doc, tok.i, tok.i + 1, "government")


def _owner_country(st: ActorState, tok: Any) -> str | None:
    """ "the <demonym> government", "<Country>'s government", "the government of <Country>"."""
    ctx = st.ctx
    near = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    near += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for c in near:
        for m in ctx.mentions_at(c):
            if ctx.actors[m.key].kind == "country":
                return m.key
    return None


def _bare(tok: Any) -> bool:
    """ "the government" alone: no owner, no description, not "the government of ...", not a compound."""
    if tok.dep_ in ("compound", "amod") or tok.i == 0:
        return False
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "of":
        return False
    children = list(tok.children)
    return tok.doc[tok.i - 1].lower_ == "the" and all(
        c.dep_ in ("det", "prep", "relcl", "punct", "acl") for c in children
    )
