"""Who a noun phrase or a pronoun stands for, once the actors are known (used by quotes and commitments)."""

from __future__ import annotations

from typing import Any

from ..context import Context
from .words import WORDS


def np_actors(ctx: Context, head: Any) -> list[str]:
    """Actors a noun phrase headed by ``head`` stands for (conjuncts included by the caller)."""
    at_head = ctx.mentions_at(head)
    persons = [m.key for m in at_head if ctx.actors[m.key].kind == "person"]
    if persons:
        return persons[:1]
    if at_head:
        # prefer the longest mention covering the head
        best = max(at_head, key=lambda m: (m.j - m.i, m.via != "gazetteer"))
        return [best.key]
    lemma = head.lemma_.lower()
    if head.lower_ in ("they", "them"):
        group = _plural_subject(ctx, head)
        if group:
            return group
        if head.dep_ == "nsubj" and head.head.dep_ == "ccomp":
            # "Officials said they would ...": the reporting verb's plural subject, actor or not
            for c in head.head.head.children:
                if c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS") and c.lower_ not in ("they", "we"):
                    return [k for k in np_actors(ctx, c) if ctx.actors[k].kind != "person"]
    if head.lower_ in WORDS.person_pronouns or head.lower_ in WORDS.thing_pronouns:
        key = antecedent(ctx, head)
        return [key] if key else []
    owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if owner is not None and lemma in ("party", "government", "administration", "side", "team", "camp", "office"):
        # "her party would oppose": the person whose party it is
        keys = np_actors(ctx, owner)
        if keys and ctx.actors[keys[0]].kind == "person":
            return keys
    if lemma in ("country", "nation", "government", "state") and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their", "our") for c in head.children
    ):
        # "his country": the country named last before it in the sentence
        for m in ctx.mentions_before(ctx.tstart(head), window=300):
            if ctx.actors[m.key].kind == "country" and m.doc is head.doc and m.i >= head.sent.start:
                return [m.key]
    if lemma in WORDS.gov_heads or head.lower_ in WORDS.gov_heads or head.lower_ in WORDS.office_words:
        out: list[str] = []
        for child in head.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") or (child.dep_ == "prep" and child.lower_ == "of"):
                targets = [child]
                if child.dep_ == "prep":
                    targets = [c for c in child.children if c.dep_ == "pobj"]
                for t in targets:
                    for tt in [t, *[c for c in t.conjuncts]]:
                        for m in ctx.mentions_at(tt):
                            rec = ctx.actors[m.key]
                            if rec.kind in ("country", "organisation") and m.key not in out:
                                out.append(m.key)
                        if not ctx.mentions_at(tt) and tt.dep_ in ("compound", "amod"):
                            for c in tt.children:
                                for m in ctx.mentions_at(c):
                                    if ctx.actors[m.key].kind == "country" and m.key not in out:
                                        out.append(m.key)
        return out
    return []


def _plural_subject(ctx: Context, pron: Any) -> list[str]:
    """'Egypt and Lebanon ... said they were ready': the conjoined subject of the clause above."""
    t = pron.head
    for _ in range(4):
        if t.head.i == t.i:
            break
        t = t.head
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pron.i]
        if subj:
            s = subj[0]
            keys: list[str] = []
            for tok in [s, *s.conjuncts]:
                for m in ctx.mentions_at(tok):
                    if ctx.actors[m.key].kind != "person" and m.key not in keys:
                        keys.append(m.key)
            return keys if len(keys) > 1 else []
    return []


def antecedent(ctx: Context, pron: Any) -> str | None:
    """Nearest suitable actor before a pronoun, outside quotes, preferring subjects."""
    pos = ctx.tstart(pron)
    person = pron.lower_ in WORDS.person_pronouns
    quote = ctx.in_quote(pos)
    # "Italy will not ..., but it could": the subject of the first clause of the same sentence
    if not person:
        verb = pron.head
        if verb.dep_ == "conj":
            first = verb.head
            for c in first.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    keys = [m.key for m in ctx.mentions_at(c) if ctx.actors[m.key].kind != "person"]
                    if keys:
                        return keys[0]
    if not person and pron.dep_ in ("nsubj", "nsubjpass") and pron.head.dep_ in ("ccomp",):
        # "The opposition group said it would ...": the subject of the reporting verb, actor or not
        for c in pron.head.head.children:
            if (
                c.dep_ == "nsubj"
                and c.tag_ in ("NN", "NNP")
                and c.lower_ not in WORDS.speaker_nouns
                and not any(g.dep_ == "poss" for g in c.children)
            ):
                keys = [k for k in np_actors(ctx, c) if ctx.actors[k].kind != "person"]
                return keys[0] if keys else None
    if person:
        # the last person who was a subject in this or the previous sentence, else the last person named
        sent = ctx.sent_at(pos)
        floor = ctx.sents[max(0, sent.index - 1)].start if sent is not None else pos - 400
        for m in ctx.mentions_before(pos, window=max(1, pos - floor)):
            q = ctx.in_quote(m.start)
            if (q is not None and q != quote) or m.start < floor:
                continue
            rec = ctx.actors.get(m.key)
            if rec is not None and rec.kind == "person" and m.doc[m.j - 1].dep_ in ("nsubj", "nsubjpass"):
                return m.key
    fallback = None
    for m in ctx.mentions_before(pos):
        q = ctx.in_quote(m.start)
        if q is not None and q != quote:
            continue
        rec = ctx.actors.get(m.key)
        if rec is None:
            continue
        if person and rec.kind == "person":
            return m.key
        if not person and rec.kind in ("country", "organisation", "group"):
            tok = m.doc[m.j - 1]
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return m.key
            if fallback is None:
                fallback = m.key
    return fallback
