"""Who a speaking noun phrase stands for, when the actor stages give no direct answer.

The quote attribution (quotes.py) finds the phrase that speaks (the subject of a speech verb, the object
of "according to"); these helpers turn it into an actor:
- a person inside a phrase naming an office ("US Ambassador to Utopia Jane Roe");
- a title without a name ("the commissioner said") → the person the article names with that title,
  "the party said" → the one organisation named before whose name has that word;
- "he"/"she" → the person who was last the subject of a clause (the actor's kind may be wrong: a name
  the model tagged PERSON counts as a person);
- a bare surname the actor stages left unlinked → the one actor whose name ends with it;
- a name tagged PERSON that the actor stages missed becomes a person actor (its one mention is the
  attribution), so the quote keeps the speaker the text names;
- a press release's heading ("Statement from Director Jane Roe on ...") → the issuer of its quotes.
"""

from __future__ import annotations

import re
from typing import Any

from .actors.keys import surname_key
from .clean import HEADING
from .context import ActorRec, Context, Mention

# dependency arcs that stay inside one noun phrase naming an office ("the director of X, Jane Roe")
_PHRASE_DEPS = frozenset({"compound", "prep", "pobj", "appos", "nmod", "amod", "npadvmod", "conj"})
_PHRASE_DEPTH = 4
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PRONOUN_SENTS = 2  # the pronoun's sentence and the two before it
_TITLE_WINDOW = 45  # characters before a name where its title stands ("Trade Commissioner Jane Roe")
_TITLE_REACH = 20_000  # characters back to look for the holder of a title (bounded for very long input)
_KEEP_MODIFIERS = frozenset({"former", "then", "new", "current", "outgoing", "acting", "interim", "same"})


def is_person(ctx: Context, key: str) -> bool:
    """A person actor, or a name the model tagged PERSON that the actor stages filed under another kind."""
    rec = ctx.actors.get(key)
    if rec is None:
        return False
    if rec.kind == "person":
        return True
    if rec.kind == "country":
        return False
    return any(m.doc[m.j - 1].ent_type_ == "PERSON" for m in rec.mentions[:3])


def phrase_person(ctx: Context, head: Any) -> str | None:
    """A person named inside the phrase headed by ``head`` when its head is an office, not an actor:
    "US Ambassador to Utopia Jane Roe", "the director of the Acme Trust, Jane Roe"."""
    if any(not is_person(ctx, m.key) for m in ctx.mentions_at(head)) and head.pos_ == "PROPN":
        return None  # the head names an organisation or a country: it speaks itself
    frontier = [head]
    for _ in range(_PHRASE_DEPTH):
        nxt = []
        for tok in frontier:
            for c in tok.children:
                if c.dep_ not in _PHRASE_DEPS or ctx.in_quote(ctx.tstart(c)):
                    continue
                for m in ctx.mentions_at(c):
                    if is_person(ctx, m.key):
                        return m.key
                nxt.append(c)
        frontier = nxt
        if not frontier:
            break
    return None


def pronoun_speaker(ctx: Context, pron: Any) -> str | None:
    """ "he said": the person who was last the subject of a clause, in this sentence or the two before
    ("Jane Roe, of the Utopia council, described the scene. '...,' she said")."""
    pos = ctx.tstart(pron)
    sent = ctx.sent_at(pos)
    if sent is None:
        return None
    floor = ctx.sents[max(0, sent.index - _PRONOUN_SENTS)].start
    subjects = [
        m
        for m in ctx.mentions_before(pos, window=max(1, pos - floor))
        if not ctx.in_quote(m.start) and _in_subject(m.doc[m.j - 1])
    ]
    for m in subjects:
        if is_person(ctx, m.key):
            return m.key
    # the model tags some people's names ORG: "he" can only be a name shaped like a person's
    for m in subjects:
        if _name_shaped(ctx, m):
            return m.key
    return None


def _name_shaped(ctx: Context, m: Mention) -> bool:
    """Two or three capitalised proper nouns with no sign of an organisation (no acronym, no country)."""
    rec = ctx.actors[m.key]
    toks = list(m.doc[m.i : m.j])
    return (
        rec.kind == "organisation"
        and m.via == "ner"
        and 2 <= len(toks) <= 3
        and all(t.pos_ == "PROPN" and t.is_title and t.ent_type_ in ("ORG", "PERSON") for t in toks)
    )


def _in_subject(tok: Any) -> bool:
    """The token is (in) the subject of its clause: "Jane Roe", "a spokesperson, Jane Roe,"."""
    for _ in range(3):
        if tok.dep_ in _SUBJECT_DEPS:
            return True
        if tok.dep_ not in ("compound", "appos", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def titled_holder(ctx: Context, head: Any) -> list[str]:
    """ "the commissioner said" → the person the article names with that title ("Trade Commissioner
    Jane Roe", "Jane Roe, the commissioner,"); "the party said" → the organisation named last before it
    whose name has that word. The title's other words must agree ("the health minister" is not the
    transport minister)."""
    if head.pos_ != "NOUN" or not head.is_lower or not any(c.lower_ == "the" for c in head.children):
        return []
    word = head.lower_
    pos = ctx.tstart(head)
    for m in ctx.mentions_before(pos, window=_TITLE_REACH):
        rec = ctx.actors[m.key]
        words = rec.name.lower().split()
        if rec.kind in ("organisation", "group") and word in (words[0], words[-1]) and not ctx.in_quote(m.start):
            return [m.key]
    mods = [
        c.lower_
        for c in head.children
        if c.dep_ in ("amod", "compound") and c.is_alpha and c.lower_ not in _KEEP_MODIFIERS
    ]
    pattern = re.compile(r"\b" + r"\b.*\b".join(map(re.escape, [*mods, word])) + r"\b", re.I)
    for m in ctx.mentions_before(pos, window=_TITLE_REACH):
        if ctx.in_quote(m.start) or not is_person(ctx, m.key):
            continue
        before = ctx.text[max(0, m.start - _TITLE_WINDOW) : m.start].split("\n")[-1]
        after = re.split(r"[.;:\n]", ctx.text[m.end : m.end + _TITLE_WINDOW * 2], maxsplit=1)[0]
        if pattern.search(before) or (after.startswith(",") and pattern.search(after)):
            return [m.key]
    return []


def known_surname(ctx: Context, head: Any) -> list[str]:
    """ "Roe noted that ...": a bare surname the actor stages left unlinked (the model tagged the full
    name as something other than a person) is the actor whose name ends with it."""
    if head.pos_ != "PROPN" or ctx.mentions_at(head) or ctx.in_quote(ctx.tstart(head)):
        return []
    key = surname_key(head.text)
    found = [
        rec.key for rec in ctx.actors.values() if len(rec.name.split()) > 1 and surname_key(rec.name.split()[-1]) == key
    ]
    return found if len(found) == 1 else []


def adopt_speaker(ctx: Context, head: Any) -> list[str]:
    """A speaker named in the attribution that the actor stages missed ('"...," said Jane Roe, the
    director'): the name at the subject's head (tagged PERSON, or untagged capitalised words) becomes a
    person actor, its one mention the attribution."""
    if head.pos_ != "PROPN" or ctx.in_quote(ctx.tstart(head)) or ctx.mentions_at(head):
        return []
    doc = head.doc
    i, j = head.i, head.i + 1
    if head.ent_type_ == "PERSON":
        while i > 0 and doc[i].ent_iob_ == "I":
            i -= 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
    elif not head.ent_type_:
        # an untagged name: two or three capitalised words ('said Ana Ruiz, the director'); one word alone
        # is too often not a name ("Without X notes")
        while i > 0 and doc[i - 1].dep_ == "compound" and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title:
            i -= 1
        if not 2 <= j - i <= 3 or not head.is_title:
            return []
    else:
        return []
    while i < j and doc[i].lower_ == "the":
        i += 1
    name = doc[i:j].text.strip(" ,.'’")
    if not name or not name[0].isupper() or any(ctx.in_quote(ctx.tstart(t)) for t in doc[i:j]):
        return []
    key = f"person:{surname_key(name.split()[-1])}"
    rec = ctx.actors.get(key)
    if rec is None:
        rec = ctx.actors[key] = ActorRec(key=key, name=name, kind="person")
    base = int(doc.user_data["base"])
    m = Mention(base + doc[i].idx, ctx.tend(doc[j - 1]), key, doc, i, j, "speaker")
    rec.mentions.append(m)
    rec.body = True
    ctx.mentions.append(m)
    ctx.index_mentions()
    return [key]


# A press release's heading names who speaks in it: "Statement from Director Jane Roe on the budget",
# "Remarks by the Minister", "Senator Jane Roe on the flood relief bill".
_RELEASE_HEADING = re.compile(r"\s*(?:joint\s+)?(?:statement|remarks|message|letter|op-ed)\s+(?:from|by|of)\s", re.I)
_PERSON_ON = re.compile(r"\s+on\s", re.I)
_RELEASE_BLOCKS = 3  # the heading is among the first blocks of the page


def release_issuer(ctx: Context) -> str | None:
    """The issuer a press release's heading names; its unattributed quotes are the issuer's words."""
    for block in ctx.blocks[:_RELEASE_BLOCKS]:
        if block.kind != HEADING:
            continue
        line = ctx.text[block.start : block.end]
        found = [m for m in ctx.mentions if block.start <= m.start < block.end]
        if _RELEASE_HEADING.match(line):
            persons = [m.key for m in found if is_person(ctx, m.key)]
            if persons or found:
                return (persons or [m.key for m in found])[0]
        # "Senator Jane Roe on ...": the heading opens with the person
        first = next((m for m in found if is_person(ctx, m.key)), None)
        if first is not None and _PERSON_ON.match(ctx.text, first.end):
            title = ctx.text[block.start : first.start].split()
            if len(title) <= 1:  # at most a title before the name
                return first.key
    return None
