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

import json
import re
from pathlib import Path
from typing import Any

from .actors.government import main_country
from .actors.keys import surname_key
from .actors.words import WORDS
from .attribution import SPEECH_VERBS
from .clean import HEADING
from .context import ActorRec, Context, Mention

_DATA = json.loads((Path(__file__).parent / "data" / "speakers.json").read_text(encoding="utf-8"))
PERSON_ROLES = frozenset(_DATA["person_roles"])  # "Jane Roe, a lawyer for ...": Jane Roe is a person
UNNAMED = {kind: frozenset(words) for kind, words in _DATA["unnamed_speakers"].items() if not kind.startswith("_")}
_UNNAMED_KIND = {w: kind for kind, words in UNNAMED.items() for w in words}
_NAME_LEFT_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})

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
        return _name_after_office(ctx, head)  # else the head names an organisation or a country: it speaks
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


_OFFICE_WORDS = 3  # at most this many title words between a body's name and a person's ("Board Chair")


def _name_after_office(ctx: Context, head: Any) -> str | None:
    """ "Utopia Assembly Speaker Jane Roe said", parsed with the body as the subject's head: the person
    that ends the phrase, right after a capitalised title."""
    doc = head.doc
    last = head.right_edge
    while last.i > head.i and last.is_punct:
        last = doc[last.i - 1]
    person = next((m for m in ctx.mentions_at(last) if is_person(ctx, m.key)), None)
    if person is None:
        return None
    body_end = max(m.j for m in ctx.mentions_at(head))
    between = doc[body_end : person.i]
    if 1 <= len(between) <= _OFFICE_WORDS and all(t.is_title and t.pos_ in ("PROPN", "NOUN") for t in between):
        return person.key
    return None


def pronoun_speaker(ctx: Context, pron: Any) -> str | None:
    """ "he said": the person who was last the subject of a clause, in this sentence or the two before
    ("Jane Roe, of the Utopia council, described the scene. '...,' she said")."""
    pos = ctx.tstart(pron)
    sent = ctx.sent_at(pos)
    if sent is None:
        return None
    floor = sentences_back(ctx, sent.index, _PRONOUN_SENTS)
    subjects = [
        m
        for m in ctx.mentions_before(pos, window=max(1, pos - floor))
        if not ctx.in_quote(m.start) and _in_subject(m.doc[m.j - 1])
    ]
    # "Roe also said Acme could sell its stake. '...,' he said": the one who spoke before the one whose
    # deeds were reported
    for m in subjects:
        if is_person(ctx, m.key) and not _reported(m.doc[m.j - 1]):
            return m.key
    for m in subjects:
        if is_person(ctx, m.key):
            return m.key
    # the model tags some people's names ORG: "he" can only be a name shaped like a person's
    for m in subjects:
        if _name_shaped(ctx, m):
            return m.key
    return None


def sentences_back(ctx: Context, index: int, count: int) -> int:
    """Where the ``count`` sentences before sentence ``index`` start, not counting the sentences of a
    quotation ('Jane Roe wrote:' / a quoted paragraph / 'she adds:' refers back to Jane Roe)."""
    k = index
    while count > 0 and k > 0:
        k -= 1
        if not (ctx.in_quote(ctx.sents[k].start + 1) and ctx.in_quote(ctx.sents[k].end - 2)):
            count -= 1
    return ctx.sents[k].start


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
    """The token is (in) the subject of its clause: "Jane Roe", "a spokesperson, Jane Roe,", or names the
    source of a clause ("according to Jane Roe, ...")."""
    for _ in range(3):
        if tok.dep_ in _SUBJECT_DEPS:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
            return True
        if tok.dep_ not in ("compound", "appos", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _reported(tok: Any) -> bool:
    """The token is in a clause that a speech verb reports ("Roe said [Acme could sell]")."""
    verb = tok.head
    while verb.dep_ in ("compound", "appos", "conj", "nsubj", "nsubjpass") and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS


def government_voice(ctx: Context, head: Any) -> list[str]:
    """ "a government spokesman said", "government officials said": the country whose government the article
    is about (the one "the government" stood for last, else the country the article names most)."""
    if not any(c.dep_ in ("compound", "amod") and c.lower_ in WORDS.government_words for c in head.children):
        return []
    pos = ctx.tstart(head)
    last = next((m.key for m in ctx.mentions_before(pos, window=_TITLE_REACH) if m.via == "government"), None)
    key = last or main_country(ctx)
    return [key] if key else []


def titled_holder(ctx: Context, head: Any) -> list[str]:
    """ "the commissioner said" → the person the article names with that title ("Trade Commissioner
    Jane Roe", "Jane Roe, the commissioner,"); "the party said" → the organisation named last before it
    whose name has that word. The title's other words must agree ("the health minister" is not the
    transport minister)."""
    if head.pos_ != "NOUN" or not head.is_lower or not any(c.lower_ == "the" for c in head.children):
        return []
    word = head.lower_
    pos = ctx.tstart(head)
    bodies = []
    for m in ctx.mentions_before(pos, window=_TITLE_REACH):
        rec = ctx.actors[m.key]
        words = rec.name.lower().split()
        if rec.kind in ("organisation", "group") and word in (words[0], words[-1]) and not ctx.in_quote(m.start):
            bodies.append(m)
    # "the court said": the court the story is about (one that acted, as a subject), before one named in
    # passing (a higher court mentioned once)
    acting = next((m for m in bodies if _in_subject(m.doc[m.i : m.j].root)), None)
    if acting is not None or bodies:
        return [(acting or bodies[0]).key]
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
        found = list(pattern.finditer(before))
        if (found and _title_of(ctx, m, m.start - len(before) + found[-1].end())) or (
            after.startswith(",") and pattern.search(after)
        ):
            return [m.key]
    return []


def _title_of(ctx: Context, m: Mention, title_end: int) -> bool:
    """The title that ends at ``title_end`` belongs to the name ("Trade Commissioner Jane Roe", "the
    commissioner for trade, Jane Roe"), not to a clause before it ("The spokesman said trade minister Jane
    Roe ...": no verb stands between them)."""
    return not any(t.pos_ in ("VERB", "AUX") for t in m.doc[max(0, m.i - 12) : m.i] if ctx.tstart(t) >= title_end)


def known_surname(ctx: Context, head: Any) -> list[str]:
    """ "Roe noted that ...": a bare surname the actor stages left unlinked (the model tagged the full
    name as something other than a person) is the actor whose name ends with it."""
    if not (head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.is_title)):
        return []  # a capitalised word the tagger called a noun ("Roe characterised ...") can be a surname
    if ctx.mentions_at(head) or ctx.in_quote(ctx.tstart(head)):
        return []
    key = surname_key(head.text)
    found = [
        rec.key for rec in ctx.actors.values() if len(rec.name.split()) > 1 and surname_key(rec.name.split()[-1]) == key
    ]
    return found if len(found) == 1 else []


def _role_apposition(head: Any) -> bool:
    """The name has an apposition naming a person's role: "Jane Roe, a solicitor acting for the tenants"."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_ROLES for c in head.children)


def adopt_body(ctx: Context, head: Any) -> list[str]:
    """A body the actor stages missed that speaks through a common noun ("the Acme Monitor blog
    explains", "a study by the Utopia Institute"): the organisation the model tagged in the phrase
    becomes an organisation actor, its one mention the attribution."""
    doc = head.doc
    tok = head if head.ent_type_ == "ORG" else None
    if tok is None:
        tok = next((c for c in head.children if c.dep_ == "compound" and c.ent_type_ == "ORG"), None)
    if tok is None or ctx.mentions_at(tok) or ctx.in_quote(ctx.tstart(tok)):
        return []
    i, j = tok.i, tok.i + 1
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    while i < j and doc[i].lower_ == "the":
        i += 1
    if j - i < 2 or any(
        ctx.mentions_at(t) and ctx.actors[ctx.mentions_at(t)[0].key].kind != "country" for t in doc[i:j]
    ):
        return []  # one word alone is too often not a name; a phrase holding another actor is that actor's
    name = doc[i:j].text.strip(" ,.'’")
    key = f"org:{name.lower()}"
    return [_add_mention(ctx, key, name, "organisation", doc, i, j)]


def _add_mention(ctx: Context, key: str, name: str, kind: str, doc: Any, i: int, j: int) -> str:
    rec = ctx.actors.get(key)
    if rec is None:
        rec = ctx.actors[key] = ActorRec(key=key, name=name, kind=kind)
    base = int(doc.user_data["base"])
    m = Mention(base + doc[i].idx, ctx.tend(doc[j - 1]), key, doc, i, j, "speaker")
    rec.mentions.append(m)
    rec.body = True
    ctx.mentions.append(m)
    ctx.index_mentions()
    return key


def adopt_speaker(ctx: Context, head: Any) -> list[str]:
    """A speaker named in the attribution that the actor stages missed ('"...," said Jane Roe, the
    director'): the name at the subject's head (tagged PERSON, or untagged capitalised words) becomes a
    person actor, its one mention the attribution."""
    if head.pos_ != "PROPN" or ctx.in_quote(ctx.tstart(head)) or ctx.mentions_at(head):
        return []
    doc = head.doc
    i, j = head.i, head.i + 1
    if head.ent_type_ == "PERSON" or (head.ent_type_ and _role_apposition(head)):
        # a name the model tagged a person, or tagged a place but described as one ("Jane Roe, a lawyer
        # for the family,")
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
    return [_add_mention(ctx, f"person:{surname_key(name.split()[-1])}", name, "person", doc, i, j)]


def unnamed_speaker(ctx: Context, head: Any) -> list[str]:
    """A speaker known only by a title or a description ("the chief coroner said", "Utopia's food
    regulator stated", "residents said"): an actor named by the phrase, as the annotation guide asks
    ("chief coroner", "Utopia's food regulator", "residents")."""
    kind = _UNNAMED_KIND.get(head.lower_) if head.tag_ in ("NNS", "NNPS") else _UNNAMED_KIND.get(head.lemma_.lower())
    if kind is None or head.pos_ not in ("NOUN", "PROPN") or ctx.in_quote(ctx.tstart(head)):
        return []
    if kind != "group" and not any(c.dep_ in ("det", "poss") for c in head.children):
        return []  # "Director said" is a name cut short, not a title
    if kind == "group" and any(c.lower_ in ("the", "these", "those") for c in head.children):
        return []  # "the scientists" refers back to people named before
    doc = head.doc
    i, j = head.i, head.i + 1
    for c in head.children:
        if c.i < head.i and c.dep_ in _NAME_LEFT_DEPS:
            i = min(i, c.left_edge.i)
        elif c.i > head.i and c.dep_ == "prep" and c.lower_ == "of":
            j = max(j, c.right_edge.i + 1)  # "the head of the internal investigators"
    while i < head.i and doc[i].dep_ == "det":
        i += 1
    if any(ctx.in_quote(ctx.tstart(t)) for t in doc[i:j]):
        return []
    name = doc[i:j].text
    return [_add_mention(ctx, f"unnamed:{name.lower()}", name, kind, doc, i, j)]


def handle_actor(ctx: Context, start: int, end: int) -> str | None:
    """The author of a post named by its handle ("@jane_roe"), a person actor whose name is the handle;
    None when the line was not parsed (no token to hang the mention on)."""
    sent = ctx.sent_at(start)
    if sent is None:
        return None
    toks = [t for t in sent.span if start <= ctx.tstart(t) < end]
    if not toks:
        return None
    name = ctx.text[start:end]
    return _add_mention(ctx, f"handle:{name.lower()}", name, "person", sent.span.doc, toks[0].i, toks[-1].i + 1)


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
