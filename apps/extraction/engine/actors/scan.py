"""First stage: read each parsed block once.

Alias-table matches (countries, capitals, government seats, organisations, the editors' aliases) are
taken first; then group names ("<Coalition> of the <Name>") and the model's named entities fill in
what the aliases leave, as candidates for the person, organisation and group stages. Alias mentions
are added here; capitals only count as a country when they act (subject, possessor, object), not
when they locate an event ("in <capital>", "the <capital> talks").
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..clean import ACTOR_BLOCKS, BODY
from ..gazetteer import ALIAS, CAPITAL, DEMONYM, EDITOR, NAME, ORG, AliasHit
from .state import ActorState, Candidate
from .words import WORDS

Taken = dict[int, AliasHit]  # token index -> the alias match covering it


def scan_blocks(st: ActorState) -> None:
    # family names of people the model names in full: a one-word organisation alias spelt the same is them
    surnames = {
        ent[-1].text
        for _base, doc, kind in st.ctx.docs
        if kind in ACTOR_BLOCKS
        for ent in st.ctx.ents(doc)
        if ent.label_ == "PERSON" and len(ent) >= 2
    }
    # first words of company names ("<Name> Holdings Ltd"): the model often takes "<Name>" alone for a person
    companies = {
        ent[1].text if ent[0].is_upper and len(ent) >= 3 else ent[0].text  # past a dateline in capitals
        for _base, doc, kind in st.ctx.docs
        if kind in ACTOR_BLOCKS
        for ent in st.ctx.ents(doc)
        if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].lower_ in WORDS.company_suffixes
    }
    storms = _storm_names(st)
    for _base, doc, kind in st.ctx.docs:
        if kind not in ACTOR_BLOCKS:
            continue
        taken = _alias_hits(st, doc, surnames)
        _named_after_country(st, doc, kind, taken)
        _group_name_candidates(st, doc, taken)
        _entity_candidates(st, doc, kind, taken, companies, storms)
        _kind_named(st, doc, kind, taken)
        seen: set[int] = set()
        for hit in taken.values():
            if hit.start not in seen:
                seen.add(hit.start)
                _alias_mention(st, doc, hit)


# --- aliases -----------------------------------------------------------------------------------
def _alias_hits(st: ActorState, doc: Any, surnames: set[str]) -> Taken:
    taken: Taken = {}
    for hit in st.ctx.gaz.hits(doc):
        if hit.entry.role == ORG and hit.end - hit.start == 1 and doc[hit.start].text in surnames:
            continue
        if hit.entry.role == ORG and _inside_longer_name(doc, hit.start, hit.end):
            continue
        if hit.entry.role == CAPITAL and not _capital_acts(doc, hit.start, hit.end):
            continue
        if hit.entry.role == ORG and st.ctx.gaz.short_unresolved(doc[hit.start : hit.end].text, st.ctx.text):
            continue  # "Security Council" in an article that never names the UN: another country's council
        if hit.entry.role == DEMONYM and hit.end - hit.start == 1 and _language(doc[hit.start]):
            continue
        if hit.entry.kind == "country" and hit.entry.role != EDITOR and _part_of_place_name(doc, hit.start, hit.end):
            continue
        if hit.entry.kind == "country" and hit.entry.role != EDITOR and _in_office_remit(doc, hit.start):
            continue
        if (
            hit.end - hit.start == 1
            and doc[hit.start].text in WORDS.ambiguous
            and not _ambiguous_is_country(doc, hit.start)
        ):
            continue
        for t in range(hit.start, hit.end):
            taken[t] = hit
    return taken


_LANGUAGE_VERBS = (
    *("translat", "speak", "spoke", "writ", "wrote", "publish", "dub", "subtitl", "learn", "teach", "taught"),
)


def _named_after_country(st: ActorState, doc: Any, kind: str, taken: Taken) -> None:
    """ "<Cause> UK", "<Field> Research US": capitalised words hung on a country code in capitals name a
    charity or a national branch, not the country; the whole is an organisation candidate."""
    for hit in {id(h): h for h in taken.values()}.values():
        code = doc[hit.start]
        if hit.entry.kind != "country" or hit.end - hit.start != 1 or not (code.is_upper and len(code) <= 3):
            continue
        i = hit.start
        while i > 0 and _cause_word(doc[i - 1], code.i) and i - 1 not in taken:
            i -= 1
        if i == hit.start or (i > 0 and doc[i - 1].is_title and doc[i - 1].pos_ == "PROPN"):
            continue
        del taken[hit.start]
        st.orgs.append(Candidate(doc, i, hit.end, kind, described=True))


def _cause_word(tok: Any, head: int) -> bool:
    low = tok.lower_
    return bool(
        tok.is_title
        and tok.is_alpha
        and tok.dep_ == "compound"
        and tok.head.i <= head
        and tok.ent_type_ in ("", "ORG")
        and low not in WORDS.region_words
        and low not in WORDS.title_words
        and low not in WORDS.person_titles
        and low not in WORDS.locative
    )


def _language(tok: Any) -> bool:
    """A demonym that names a language, not a country: "translated into <Language>", "speaks <Language>",
    "translations to <Language>, <Language> and <Language>"."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("in", "into", "to", "from"):
        head = head.head
    elif tok.dep_ != "dobj":
        return False
    return head.lower_.startswith(_LANGUAGE_VERBS)


_PLACE_LABELS = ("LOC", "EVENT", "FAC", "LAW", "WORK_OF_ART")


def _part_of_place_name(doc: Any, i: int, j: int) -> bool:
    """A country word inside the name of a region, a sea, a war or a building is not the country acting:
    "Northern <Country>", "Latin American", "the Gulf of <Country>", "the <Country> War"."""
    if i > 0 and doc[i - 1].is_title and doc[i - 1].lower_ in WORDS.region_words:
        return True
    tok = doc[i]
    if tok.ent_type_ not in _PLACE_LABELS:
        return False
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    if ent is None or ent.end < j:
        return False
    return any(t.is_title and t.lower_ != "the" for t in (*doc[ent.start : i], *doc[j : ent.end]))


_REMIT_SPAN = 14  # tokens back from a country to the "for" of an office's remit


def _in_office_remit(doc: Any, i: int) -> bool:
    """A country in the list of places an office covers ("<Bank> Director for <A>, <B> and <C>", "Vice President
    for the <Region>, <A> and <B>") describes the post, it does not act; the post holder is the actor."""
    k = i - 1
    while k > 0 and i - k <= _REMIT_SPAN:
        tok = doc[k]
        if tok.lower_ == "for":
            prev = doc[k - 1].lower_
            return doc[k - 1].is_title and (prev in WORDS.role_words or prev in WORDS.office_words)
        if not (tok.text in (",", "&", "-", "’", "'") or tok.lower_ in ("and", "the") or _place_word(tok)):
            return False
        k -= 1
    return False


def _place_word(tok: Any) -> bool:
    """A word of a place's name: capitalised, or with a capital after an elided article ("d'<Name>")."""
    letters = tok.text.replace("'", "").replace("’", "")
    return letters.isalpha() and (tok.is_title or (letters[:1].islower() and letters[1:2].isupper()))


def _inside_longer_name(doc: Any, i: int, j: int) -> bool:
    """A party named by its members ("Democrats") after another capitalised word is the end of a longer
    name ("Social Democrats", "<Country> Democrats"), except after a chamber ("Senate Democrats")."""
    if j - i != 1 or i == 0 or not doc[i].text.endswith("s"):
        return False
    prev = doc[i - 1]
    return prev.is_title and prev.lower_ not in WORDS.legislature_words and not prev.is_sent_start


def _alias_mention(st: ActorState, doc: Any, hit: AliasHit) -> None:
    rec = st.entry_actor(hit.entry)
    if hit.entry.role == EDITOR and hit.entry.kind == "person":
        rec.name = hit.entry.name
    st.mention(rec, doc, hit.start, hit.end, "gazetteer", hit.entry.role)


def _ambiguous_is_country(doc: Any, i: int) -> bool:
    """A country name that is also a US state or a given name: not after "<City>,", not inside a name."""
    if i >= 2 and doc[i - 1].text == "," and doc[i - 2].pos_ == "PROPN" and doc[i - 2].ent_type_ in ("GPE", "LOC"):
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if doc[i].ent_type_ == "PERSON" or (nxt is not None and nxt.ent_type_ == "PERSON" and nxt.is_title):
        return False
    return not (i > 0 and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].is_title)


def _dateline(doc: Any, i: int, j: int) -> bool:
    """A place in capitals opening a line and followed by a comma or a dash: a dateline ("<CITY>, <date> -")."""
    if j >= len(doc) or doc[j].text not in (",", "-", "–", "—") or not all(t.is_upper for t in doc[i:j]):
        return False
    k = i - 1
    while k >= 0 and doc[k].is_punct and "\n" not in doc[k].whitespace_:
        k -= 1  # markup before it ("**<CITY>,")
    return k < 0 or "\n" in doc[k].text or "\n" in doc[k].whitespace_


def _capital_acts(doc: Any, i: int, j: int) -> bool:
    """A capital stands for its government unless it only locates something."""
    prev = doc[i - 1].lower_ if i > 0 else ""
    if prev in WORDS.locative or _dateline(doc, i, j):
        return False
    last = doc[j - 1]
    if j < len(doc) and doc[j].lower_ in ("'s", "'"):
        return True
    if last.dep_ in ("compound", "nmod", "amod") and last.head.i >= j:
        return bool(last.head.lemma_.lower() in WORDS.gov_heads)
    if last.dep_ == "pobj" and last.head.lower_ in WORDS.locative:
        return False
    return not (
        last.ent_type_ in ("ORG", "FAC") and last.ent_iob_ != "B" and i > 0 and doc[i - 1].ent_type_ == last.ent_type_
    )


def _ent_beats_alias(ent: Any, taken: Taken) -> bool:
    spans = {(taken[t].start, taken[t].end) for t in range(ent.start, ent.end) if t in taken}
    covered = sum(b - a for a, b in spans)
    if covered >= len(ent):
        return False
    head = ent[-1].lower_
    if ent.label_ == "ORG":
        if head in WORDS.government_words:
            return False  # "the <Demonym> Government" is the country
        if head in WORDS.org_heads or head.rstrip("s") in WORDS.org_heads or head in WORDS.company_suffixes:
            return True
        # a country word inside an organisation's name: "Bank of <Country>", "<Demonym> Ministry of Health"
        free = [ent.doc[t] for t in range(ent.start, ent.end) if t not in taken]
        if any(t.lower_ in WORDS.government_words for t in free):
            return False  # "the Government of <Country>" is the country
        return any(t.is_title and t.lower_ in WORDS.org_heads for t in free) and all(
            taken[t].entry.kind == "country" for t in range(ent.start, ent.end) if t in taken
        )
    if ent.label_ == "PERSON" and len(ent) >= 2 and all(t.is_title for t in ent):
        # A person's full name beats a capital or country name in it, and an organisation's one-word alias
        # that is the person's surname; a demonym before a name ("<Demonym> President <Name>") stays a
        # mention of the country.
        last = ent.end - 1
        if last in taken and taken[last].entry.role == ORG and taken[last].start == last and covered == 1:
            return True
        doc, first = ent.doc, ent.start
        if len(ent) == 2 and first in taken and taken[first].entry.role == DEMONYM and first > 0:
            before = doc[first - 1].lower_.strip(".")
            if before in WORDS.title_words or before in WORDS.person_titles:
                return True  # "Trade Minister <Demonym> <Family>": a given name that is spelt like a demonym
        return all(taken[t].entry.role in (CAPITAL, NAME, ALIAS) for t in range(ent.start, ent.end) if t in taken)
    return False


def _country_inside(ent: Any, taken: Taken) -> str | None:
    """The country named inside an organisation's name, which the organisation is linked to."""
    codes = {taken[t].entry.code for t in range(ent.start, ent.end) if t in taken and taken[t].entry.kind == "country"}
    return codes.pop() if len(codes) == 1 else None


# --- group names ("League of <Name> States") ---------------------------------------------------
def _group_name_candidates(st: ActorState, doc: Any, taken: Taken) -> None:
    """ "<Group noun> of (the) <Capitalised words>", or the same in quotation marks in lower case."""
    text = st.ctx.text
    n = len(doc)
    lower = st.ctx.attrs(doc).lower
    for i, low in enumerate(lower):
        # tested on the doc's strings: a Token is built only for a group noun followed by "of"
        if low not in WORDS.group_nouns or i + 2 >= n or lower[i + 1] != "of":
            continue
        tok = doc[i]
        if i in taken:
            continue
        if i > 0 and doc[i - 1].ent_type_ == "ORG" and tok.ent_type_ == "ORG" and doc[i - 1].is_title:
            continue  # "National <Union> of <Name>": the model's longer organisation name covers it
        start_char = st.ctx.tstart(tok)
        before = text[max(0, start_char - 12) : start_char]
        quoted = bool(re.search(r"[\"“‘'][\s]*$", before))
        if not (tok.is_title or quoted):
            continue
        k = i + 2
        if doc[k].lower_ == "the":
            k += 1
        words_end = k
        while words_end < n and words_end - k < 3:
            t = doc[words_end]
            if not t.is_alpha or (not t.is_title and not quoted) or t.lower_ in WORDS.function_words:
                break
            if "\n" in text[st.ctx.tstart(doc[words_end - 1]) : st.ctx.tstart(t)]:
                break
            words_end += 1
        if words_end == k:
            continue
        if quoted and not tok.is_title:
            after = text[st.ctx.tend(doc[words_end - 1]) : st.ctx.tend(doc[words_end - 1]) + 3]
            if not re.match(r"^[.,;:!?]?[\"”’']", after):
                continue
        st.group_names.append(Candidate(doc, i, words_end, str(doc.user_data.get("kind", BODY))))
        for t in range(i, words_end):
            taken.pop(t, None)


# --- the model's entities ----------------------------------------------------------------------
def _storm_names(st: ActorState) -> set[str]:
    """Names given to storms in the article ("Hurricane <Name>", "Tropical Storm <Name>"): not actors."""
    names: set[str] = set()
    for _base, doc, kind in st.ctx.docs:
        if kind not in ACTOR_BLOCKS:
            continue
        lower = st.ctx.attrs(doc).lower
        for ent in st.ctx.ents(doc):
            if not _stormy(ent, lower) or lower[ent.start] == "the":
                continue
            words = [t for t in ent if t.lower_ not in WORDS.storm_words and t.lower_ != "tropical"]
            if words:
                names.add(" ".join(t.text for t in words))
    return names


def _stormy(ent: Any, lower: list[str]) -> bool:
    """A storm word starts the entity or comes just before it; ``lower``: the doc's words (``Context.attrs``)."""
    return lower[ent.start] in WORDS.storm_words or (ent.start > 0 and lower[ent.start - 1] in WORDS.storm_words)


def _is_storm(ent: Any, storms: set[str], lower: list[str]) -> bool:
    return _stormy(ent, lower) or ent.text in storms


def _entity_candidates(
    st: ActorState, doc: Any, kind: str, taken: Taken, companies: set[str], storms: set[str]
) -> None:
    lower = st.ctx.attrs(doc).lower
    for ent in st.ctx.ents(doc):
        if ent.label_ in ("PERSON", "ORG", "NORP", "GPE") and _is_storm(ent, storms, lower):
            continue
        editor = [taken[t].entry for t in range(ent.start, ent.end) if t in taken and taken[t].entry.role == EDITOR]
        if ent.label_ == "PERSON" and editor and editor[0].kind == "person" and len(ent) > 1:
            # the editors' person alias inside a full name: the whole name is that person
            for t in range(ent.start, ent.end):
                taken.pop(t, None)
            whole = AliasHit(ent.start, ent.end, editor[0])
            for t in range(ent.start, ent.end):
                taken[t] = whole
            continue
        named = _name_after_office_of(doc, ent, taken) if ent.label_ in ("PERSON", "ORG") else None
        if named is not None:
            st.persons.append(Candidate(doc, named, ent.end, kind))  # the place before it keeps its own mention
            continue
        country = None
        if any(t in taken for t in range(ent.start, ent.end)):
            if not _ent_beats_alias(ent, taken):
                continue
            country = _country_inside(ent, taken)
            for t in range(ent.start, ent.end):
                taken.pop(t, None)
        described = _described_as_org(doc, ent) if ent.label_ in ("PERSON", "ORG") else None
        if described is not None:
            st.orgs.append(Candidate(doc, described[0], described[1], kind, country))
            continue
        # The model cut one long name in two (given names + family names), or took the second half of a
        # double surname for a company: one person.
        last = st.persons[-1] if st.persons else None
        continues = (
            last is not None and last.doc is doc and last.end == ent.start and doc[ent.start - 1].whitespace_ == " "
        )
        surname_part = len(ent) == 1 and ent.text[:1].isupper() and not ent.text.isupper()
        if last is not None and continues and (ent.label_ == "PERSON" or (ent.label_ == "ORG" and surname_part)):
            st.persons[-1] = Candidate(doc, last.start, ent.end, last.block)
        elif ent.label_ == "PERSON" and len(ent) == 1 and ent.text in companies:
            st.orgs.append(Candidate(doc, ent.start, ent.end, kind))  # a company's short name
        elif ent.label_ == "PERSON":
            st.persons.append(Candidate(doc, ent.start, ent.end, kind))
        elif ent.label_ == "ORG":
            st.orgs.append(Candidate(doc, ent.start, ent.end, kind, country))
        elif ent.label_ == "NORP" and kind == BODY and (_acting_group(ent) or _party_members(ent)):
            st.groups.append(Candidate(doc, ent.start, ent.end, kind))


def _kind_named(st: ActorState, doc: Any, kind: str, taken: Taken) -> None:
    """ "the online grocer <Name>", "trade union <Name>", "<NAME>, a monitoring organisation,": the text says
    what kind of organisation the name is, which beats the model's label (often a person or a place for a
    one-word company name) or its silence (names in capitals, names with digits)."""
    if kind != BODY:
        return
    for match_id, start, end in _kind_matcher(doc.vocab)(doc):
        if doc.vocab.strings[match_id] == "KIND_BEFORE":
            i, j = end - 1, end
            while j < len(doc) and _name_word(doc[j]) and j - i < 3:
                j += 1  # the name itself, over its own capitalised words: "<Name> <Name>"
            longer = j + 1 < len(doc) and doc[j].lower_ in ("of", "for", "on", "and", "&") and doc[j + 1].is_title
            if j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ in WORDS.org_kinds or longer):
                continue  # "group <Name> Holdings", "group <Name> for <Name>": a longer name, read whole elsewhere
        else:
            i, j = start, start + 1
            if i > 0 and (doc[i - 1].is_alpha and not doc[i - 1].is_sent_start and doc[i - 1].text[:1].isupper()):
                continue  # the last word of a longer name
        if any(t in taken for t in range(i, j)) or doc[i].lower_ in WORDS.org_kinds:
            continue
        if any(doc[i].lower_ in words for words in (WORDS.person_titles, WORDS.generic_org, WORDS.time_zones)):
            continue
        if any(_overlaps(c, doc, i, j) and (c.start < i or c.end > j) for c in (*st.orgs, *st.persons)):
            continue  # the model read a longer name around it ("IF <Name>, the union")
        st.persons[:] = [p for p in st.persons if not _overlaps(p, doc, i, j)]
        st.orgs[:] = [o for o in st.orgs if not _overlaps(o, doc, i, j)]
        st.orgs.append(Candidate(doc, i, j, kind, described=True))


def _overlaps(c: Candidate, doc: Any, i: int, j: int) -> bool:
    return c.doc is doc and c.start < j and c.end > i


def _name_word(tok: Any) -> bool:
    text = tok.text
    return bool(text[:1].isupper() and (text.isalpha() or text.isalnum()) and tok.pos_ in ("PROPN", "NOUN", "X"))


@functools.lru_cache(maxsize=2)
def _kind_matcher(vocab: Any) -> Any:
    from spacy.matcher import Matcher

    kinds = sorted(WORDS.org_kinds)
    name = {
        "TEXT": {"REGEX": r"^[A-Z][A-Za-z0-9&]*$"},
        "POS": {"IN": ["PROPN", "NOUN", "X"]},
        "ENT_TYPE": {"NOT_IN": ["DATE", "TIME", "NORP", "CARDINAL"]},
    }
    matcher = Matcher(vocab)
    matcher.add("KIND_BEFORE", [[{"LOWER": {"IN": kinds}, "IS_LOWER": True, "POS": "NOUN"}, name]])
    describing = {"IS_ALPHA": True, "IS_LOWER": True, "OP": "{0,4}"}
    matcher.add(
        "KIND_AFTER",
        [[name, {"ORTH": ","}, {"LOWER": {"IN": ["a", "an", "the"]}}, describing, {"LOWER": {"IN": kinds}}]],
    )
    return matcher


def _name_after_office_of(doc: Any, ent: Any, taken: Taken) -> int | None:
    """ "President of <Country> <Given> <Family>", "Speaker of the House <Given> <Family>": the model runs the
    office's place and the holder's name together; the person starts after the place (a country or
    organisation alias, a legislature, or one word before a two-word name)."""
    i = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    k = i - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ not in ("of", "to") or not doc[k - 1].is_title:
        return None
    if doc[k - 1].lower_ not in WORDS.title_words and doc[k - 1].lower_ not in WORDS.person_titles:
        return None
    if i in taken:
        start = taken[i].end
    elif doc[i].lower_ in WORDS.legislature_words or ent.end - i == 3:
        start = i + 1
    else:
        return None
    rest = doc[start : ent.end]
    if not 2 <= len(rest) <= 4 or any(t in taken for t in range(start, ent.end)):
        return None
    if not all(t.is_title and t.is_alpha and t.lower_ not in WORDS.org_heads for t in rest):
        return None
    return start


def _described_as_org(doc: Any, ent: Any) -> tuple[int, int] | None:
    """A name in apposition with a kind of organisation is that organisation, even when the model took
    it for a person or cut it short: "<Name>, the largest union, said"."""
    if not any(c.dep_ == "appos" and c.lemma_.lower() in WORDS.org_heads for c in ent.root.children):
        return None
    i = ent.start
    while i > 0 and (doc[i - 1].pos_ == "PROPN" or (doc[i - 1].is_upper and len(doc[i - 1]) >= 2)):
        i -= 1
    return i, ent.end


def _party_members(ent: Any) -> bool:
    """ "Democrats", "the Tories": a party named by its members, capitalised."""
    words = [t for t in ent if t.lower_ != "the"]
    if not words or not words[0].is_title or " ".join(t.lower_ for t in words) not in WORDS.party_members:
        return False
    return not _inside_longer_name(ent.doc, words[0].i, words[0].i + 1)


def _acting_group(ent: Any) -> bool:
    """A capitalised plural group name (spaCy's NORP) that acts as a subject: a party or a movement, not a
    nationality (demonyms are in the alias table and never reach here)."""
    root = ent.root
    if root.tag_ != "NNPS" or root.dep_ != "nsubj" or not root.text[:1].isupper():
        return False
    verb = root.head
    return bool(verb.lemma_.lower() in WORDS.group_acts) or any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "could") for c in verb.children
    )
