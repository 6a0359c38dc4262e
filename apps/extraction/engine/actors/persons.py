"""People: the model's PERSON names cleaned of titles and punctuation, full names before single names,
single names and spelling variants resolved to the full name seen in the article, and surnames the
model missed."""

from __future__ import annotations

import re
from typing import Any

from ..clean import ACTOR_BLOCKS, BODY
from ..gazetteer import NAME
from .keys import surname_key
from .state import ActorState, Candidate, KnownPerson
from .words import WORDS

_PARTICLE_JOINED = re.compile(r"^(?:el|al|ad|as|ash|ben|bin|abu|ibn|de|da|di|van|von|le|la|du|der)-[A-Z]")


def add_persons(st: ActorState) -> None:
    add_person_candidates(st, st.persons)


def add_person_candidates(st: ActorState, pending: list[Candidate]) -> None:
    cleaned: list[Candidate] = []
    for c in pending:
        span = _clean_person(c.doc, c.start, c.end)
        if span is None:
            continue
        i, j = span
        if st.ctx.gaz.lookup_text(c.doc[i:j].text) is not None:
            continue
        if _field_of_a_body(c.doc, i, j):
            continue  # "Ministry of <A> and <B> (<ACR>)": <B> is a field in the body's name
        if j - i == 2 and _country_word(st, c.doc[j - 1]):
            continue  # "<Adjective> <Country>" in a plan's title: no person is named after a country
        if c.doc[j - 1].lower_ in WORDS.role_words:
            continue  # "Chief <Field> Officer": a post, not a name
        if j - i == 1 and c.doc[i].is_upper and c.doc[i].lower_ in WORDS.time_zones:
            continue  # "8 p.m. <ZONE>"
        if " ".join(t.lower_ for t in c.doc[i:j]) in WORDS.thing_names:
            continue  # "Brexit", "El Nino": a process or a thing, not a person
        cleaned.append(Candidate(c.doc, i, j, c.block))
    # full names first (body before headings), then single names
    for c in sorted(cleaned, key=lambda c: (c.block != BODY, st.ctx.tstart(c.doc[c.start]))):
        if c.end - c.start >= 2:
            _full_name(st, c)
    for c in cleaned:
        if c.end - c.start < 2:
            single_name(st, c.doc, c.start, c.block)


def _full_name(st: ActorState, c: Candidate) -> None:
    doc, i, j = c.doc, c.start, c.end
    tokens = tuple(t.text for t in doc[i:j] if not t.is_space)
    skey = surname_key(tokens[-1])
    entries = st.persons_full.setdefault(skey, [])
    fkey = surname_key(tokens[0])
    pkey = None
    for known in entries:
        first = surname_key(known.tokens[0])
        if first == fkey or (len(entries) == 1 and (len(known.tokens) != len(tokens) or fkey[:1] == first[:1])):
            pkey = known.key
            break
    if pkey is None:
        pkey = f"person:{skey}" if not entries else f"person:{fkey}.{skey}"
        entries.append(KnownPerson(pkey, tokens))
        st.actor(pkey, " ".join(st.ctx.text[st.ctx.tstart(doc[i]) : st.ctx.tend(doc[j - 1])].split()), "person")
    st.mention(st.ctx.actors[pkey], doc, i, j, "ner")


def _clean_person(doc: Any, i: int, j: int) -> tuple[int, int] | None:
    # extend over name particles the model leaves out ("<Given> bin <Father>", "<Given> el-<Family>")
    n = len(doc)
    while j < n and j - i < 6:
        t = doc[j]
        if _PARTICLE_JOINED.match(t.text):
            j += 1
        elif t.is_space and "\n" not in t.text and j + 1 < n and _left_out_surname(doc[j + 1]):
            j += 2  # "<Given>  <Family>": a doubled space made the model stop before the family name
        elif t.lower_ in WORDS.name_particles and j + 2 < n and doc[j + 1].text == "-" and doc[j + 2].is_title:
            j += 3
        elif t.lower_ in WORDS.name_particles and j + 1 < n and doc[j + 1].is_title and doc[j + 1].pos_ == "PROPN":
            j += 2
        else:
            break
    i, j = _given_name_left_out(doc, i), _family_name_left_out(doc, i, j)
    if j < n and ROMAN.match(doc[j].text) and j - i == 1 + (doc[i].lower_.strip(".") in WORDS.person_titles):
        j += 1  # "King <Given> VII": the model left the regnal number out
    while i < j and (doc[i].lower_.strip(".") in WORDS.person_titles or doc[i].lower_ in ("the", "'s")):
        i += 1
    if i > 1 and j - i >= 3 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_.strip(".") in WORDS.person_titles:
        i += 1  # "President of <Place> <Given> <Family>": the place that ends the title is not in the name
    while j > i and (
        doc[j - 1].lower_ in ("'s", "'", "’s")
        or doc[j - 1].is_punct
        or (doc[j - 1].lower_ in WORDS.name_suffixes and not _regnal(doc, i, j))
    ):
        j -= 1
    if i >= j or j - i > 6:
        return None
    toks = doc[i:j]
    if toks[0].pos_ == "ADP" and toks[0].lower_ not in WORDS.name_particles:
        return None  # "Without <Country> the deal ...": a preposition does not start a name
    if toks[-1].is_space or not all(
        t.is_alpha or "-" in t.text or "'" in t.text or t.text.endswith(".") or (t.is_space and "\n" not in t.text)
        for t in toks
    ):  # a doubled space inside a name ("<Given>  <Family>") is a typing slip, a line break is not
        return None
    if not toks[0].text[:1].isupper() or any(t.text.isupper() and len(t.text) > 3 for t in toks):
        return None
    return i, j


def _country_word(st: ActorState, tok: Any) -> bool:
    """A country in the alias table, or a word the model calls a place on its own elsewhere in the article
    ("<Region>") when the name's first word is a common word the article also writes in lower case."""
    entry = st.ctx.gaz.lookup_text(tok.text)
    if entry is not None:
        return entry.kind == "country" and entry.role == NAME and tok.text not in WORDS.ambiguous
    first = tok.doc[tok.i - 1].lower_
    seen = st.word_in_text.get(first)
    if seen is None:
        seen = st.word_in_text[first] = re.search(rf"\b{re.escape(first)}\b", st.ctx.text) is not None
    if not seen:
        return False
    if st.place_ents is None:
        st.place_ents = frozenset(
            ent.text for _base, doc, _kind in st.ctx.docs for ent in st.ctx.ents(doc) if ent.label_ in ("GPE", "LOC")
        )
    return tok.text in st.place_ents


def _field_of_a_body(doc: Any, i: int, j: int) -> bool:
    """Words after "and" that end "<Body> of <A> and <B> (<ACRONYM>)": the last field of a body's name."""
    if i < 3 or doc[i - 1].lower_ != "and" or j + 2 >= len(doc) or doc[j].text != "(" or doc[j + 2].text != ")":
        return False
    k = i - 2
    while k > 0 and doc[k].is_title and doc[k].is_alpha and i - k <= 6:
        k -= 1
    return doc[k].lower_ in ("of", "for") and k > 0 and doc[k - 1].lower_ in WORDS.org_heads


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof"})


def _given_name_left_out(doc: Any, i: int) -> int:
    """The model sometimes starts a name one word late: after an honorific ("Mr <Given> <Family>") or
    before a middle initial ("<Given> A. <Family>"), the capitalised word it left out is the given name."""
    prev = doc[i - 1] if i >= 1 else None
    if prev is None or not _left_out_surname(prev) or prev.lower_ in WORDS.title_words or prev.is_sent_start:
        return i
    if prev.lower_ in WORDS.person_titles:
        return i
    after_honorific = i >= 2 and doc[i - 2].lower_.strip(".") in _HONORIFICS
    before_initial = len(doc[i].text) == 2 and doc[i].text.endswith(".") and doc[i].text[0].isupper()
    return i - 1 if after_honorific or before_initial else i


def _family_name_left_out(doc: Any, i: int, j: int) -> int:
    """ "<Given> <Middle> <Family>," where the model stopped one word short: the parser still hangs the
    last word it took on the next one (a compound), and that word ends the run of capitalised words."""
    n = len(doc)
    if j >= n or j - i < 2 or not _left_out_surname(doc[j]) or doc[j - 1].dep_ != "compound":
        return j
    if doc[j - 1].head.i != j or (j + 1 < n and doc[j + 1].is_title):
        return j
    low = doc[j].lower_
    if (
        low in WORDS.title_words
        or low in WORDS.role_words
        or low in WORDS.org_heads
        or low.rstrip("s") in WORDS.org_heads
    ):
        return j
    return j + 1


def _left_out_surname(tok: Any) -> bool:
    return bool(tok.is_title and tok.is_alpha and tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON"))


ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{1,3}|XXI{0,3})$")  # regnal and century numerals


def _regnal(doc: Any, i: int, j: int) -> bool:
    """A single given name with a numeral ("<Given> II") is a monarch's or pope's name: the numeral stays."""
    return j - i == 2 and bool(ROMAN.match(doc[j - 1].text)) and doc[i].is_title


def single_name(st: ActorState, doc: Any, i: int, block: str, via: str = "ner") -> bool:
    """One capitalised word the model calls a person (or an organisation): the full name it ends or begins,
    the usual short name inside a long one, or, in the body, a new person known by one name."""
    word = doc[i].text
    key = surname_key(word)
    pos = st.ctx.tstart(doc[i])
    target = None
    if key in st.persons_full:
        options = st.persons_full[key]
        target = options[0].key
        if len(options) > 1:  # the nearest full name before this mention
            best = -1
            for known in options:
                for m in st.ctx.actors[known.key].mentions:
                    if best < m.start <= pos:
                        best, target = m.start, known.key
    else:
        for entries in st.persons_full.values():
            for known in entries:
                if len(known.tokens) == 2 and surname_key(known.tokens[0]) == key:
                    target = known.key  # family name first
        if target is None:
            target = inner_names(st).get(key) or None
    if target is None:
        if via != "ner" or block != BODY:
            return False
        prev = doc[i - 1].lower_ if i > 0 else ""
        if prev in WORDS.locative and prev not in ("and", "as", "of"):
            return False
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if doc[i].dep_ == "conj" and doc[i].head.ent_type_ in ("GPE", "LOC", "FAC"):
            return False
        if nxt is not None and nxt.dep_ == "conj" and nxt.ent_type_ in ("GPE", "LOC"):
            return False
        if _names_a_thing(doc[i]):
            return False
        target = f"person:{key}"
        st.actor(target, word, "person")
        st.persons_full.setdefault(key, []).append(KnownPerson(target, (word,)))
    st.mention(st.ctx.actors[target], doc, i, i + 1, via)
    return True


_DETERMINERS = frozenset({"the", "a", "an", "no", "our", "their", "its", "this", "that", "these", "those"})


def _names_a_thing(tok: Any) -> bool:
    """A word known by no full name that a determiner or a lower-case adjective goes with ("the <Name>",
    "a no-deal <Name>", "our <Name>"), or that modifies an event or object noun ("the <Name> affair",
    "the <Name> gas pipeline"): a thing, a place or an event, not a person."""
    for c in tok.children:
        if c.dep_ in ("det", "poss") and c.lower_ in _DETERMINERS:
            return True
        if c.dep_ == "amod" and c.is_lower:
            return True
    return tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.lower_ in WORDS.thing_heads


def inner_names(st: ActorState) -> dict[str, str]:
    """The usual short name inside a long one (a middle name people are known by) -> that person;
    "" when two long names share it."""
    inner: dict[str, str] = {}
    for entries in st.persons_full.values():
        for known in entries:
            if len(known.tokens) < 4:
                continue
            for t in known.tokens[1:-1]:
                if t[:1].isupper() and t.lower() not in WORDS.name_particles:
                    key = surname_key(t)
                    inner[key] = known.key if inner.get(key, known.key) == known.key else ""
    return inner


def org_is_person(st: ActorState, c: Candidate) -> bool:
    """The model sometimes labels a titled name as ORG ("Chancellor <Given> <Family>"): a person."""
    doc, i, j = c.doc, c.start, c.end
    if not 2 <= j - i <= 4 or not all(t.is_title and t.is_alpha for t in doc[i:j]):
        return False
    last = doc[j - 1].lower_
    if last in WORDS.org_heads or last.rstrip("s") in WORDS.org_heads:
        return False
    known = surname_key(doc[j - 1].text) in st.persons_full
    titled = i > 0 and doc[i - 1].lower_ in WORDS.title_words
    if not (known or titled):
        return False
    add_person_candidates(st, [c])
    return True


def surname_sweep(st: ActorState) -> None:
    """Surnames the model missed: any capitalised token (pair) that ends a full name seen in the article."""
    last_two: dict[tuple[str, str], str] = {}
    inner = inner_names(st)
    for skey, entries in st.persons_full.items():
        for known in entries:
            if len(known.tokens) >= 3:
                last_two[(surname_key(known.tokens[-2]), skey)] = known.key
    ctx = st.ctx
    for _base, doc, kind in ctx.docs:
        if kind not in ACTOR_BLOCKS:
            continue
        attrs = ctx.attrs(doc)
        is_title, pos = attrs.is_title, attrs.pos
        for i in range(len(doc)):
            if not is_title[i] or pos[i] != "PROPN":
                continue  # tested on the doc's strings: no Token built for the other words
            tok = doc[i]
            if ctx.mentions_at(tok):
                continue
            skey = surname_key(tok.text)
            pair = (surname_key(doc[i - 1].text), skey) if i > 0 else None
            if pair is not None and pair in last_two and not ctx.mentions_at(doc[i - 1]):
                st.mention(ctx.actors[last_two[pair]], doc, i - 1, i + 1, "surname")
                continue
            people = st.persons_full.get(skey)
            next_is_name = i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN"
            if not people and inner.get(skey):
                if not next_is_name:
                    st.mention(ctx.actors[inner[skey]], doc, i, i + 1, "surname")
                continue
            if people and len(people) == 1 and len(people[0].tokens) >= 2 and not next_is_name:
                st.mention(ctx.actors[people[0].key], doc, i, i + 1, "surname")
