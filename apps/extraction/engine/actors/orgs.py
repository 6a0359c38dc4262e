"""Organisations and groups: the model's ORG names that name one body, acronyms in brackets, parties and
movements named by their members, and "<Group noun> of the <Name>" group names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..clean import ACTOR_BLOCKS, HEADING
from ..context import ActorRec
from .acronyms import thing_acronyms, titled_thing
from .keys import org_key, smart_title
from .persons import ROMAN, org_is_person, single_name
from .state import ActorState, Candidate
from .words import WORDS


@dataclass(frozen=True)
class _OrgName:
    cand: Candidate
    text: str


def add_orgs(st: ActorState) -> None:
    counts: dict[str, int] = {}
    items: list[_OrgName] = []
    things = thing_acronyms(st)
    modifiers = _thing_modifiers(st)
    grown = [_of_tail(_extended(_and_before(c))) for c in st.orgs]
    by_doc: dict[int, list[tuple[int, int]]] = {}
    for c, g in zip(st.orgs, grown, strict=True):
        if g.end > c.end:
            by_doc.setdefault(id(c.doc), []).append((g.start, g.end))
    for c, g in zip(st.orgs, grown, strict=True):
        if _inside_listed_name(c.doc, c.start):
            continue  # "<Culture>, <Sports>" cut out of "Ministry of <Education>, <Culture>, <Sports> and <Science>"
        if any(a < c.start and c.end <= b for a, b in by_doc.get(id(c.doc), ())):
            continue  # the "of <Name>" tail of a longer name: "<Council> of the <Commonwealth of X>"
        for part in _bounded(g):
            named = _org_name(st, part)
            if named is not None and (named.text in things.acronyms or things.covers(c.doc, part.start, part.end)):
                continue  # "exclusive economic zone (EEZ)": the acronym, and the long form, name a thing
            if named is not None and named.text in modifiers and not _acts_as_body(named.cand.doc[named.cand.start]):
                continue  # "the <ACR> vaccine" elsewhere: "two doses of <ACR>" is the same thing
            if named is not None:
                counts[org_key(named.text)] = counts.get(org_key(named.text), 0) + 1
                items.append(named)
    # "<Long Name> (<ACRONYM>)": the acronym in brackets is the same organisation (and so is a short name)
    acronyms: dict[str, str] = {}
    for item in items:
        doc, i, j = item.cand.doc, item.cand.start, item.cand.end
        if j - i > 1 and j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            acronym = doc[j + 1].text
            if acronym.isupper() and len(acronym) >= 2:
                acronyms[org_key(acronym)] = org_key(item.text)
    # "<Name> Holdings Limited" ... "<Name>": the first word alone is the company, when no other starts with it
    companies: dict[str, list[_OrgName]] = {}
    for item in items:
        words = item.text.split()
        if len(words) >= 2 and words[-1].lower() in WORDS.company_suffixes:
            companies.setdefault(org_key(words[0]), []).append(item)
    for first, same_start in companies.items():
        if len({org_key(n.text) for n in same_start}) == 1:
            acronyms.setdefault(first, org_key(same_start[0].text))
    full_text = {org_key(item.text): item.text for item in items}
    for item in items:
        c, text = item.cand, item.text
        key = org_key(text)
        lone = c.end - c.start == 1 and not text.isupper() and counts[key] < 2 and not c.described
        if lone and not _acts_by_name(st, c.doc[c.start]):
            continue  # a one-word name seen once that does nothing: more often a place or a product
        full = acronyms.get(key)
        existing = _known_org(st, full) if full else None
        if full and existing is None and full in full_text:
            existing = st.actor(f"org:{full}", full_text[full], "organisation")
        existing = existing or _known_org(st, key)
        rec = existing or st.actor(f"org:{key}", text, "organisation")
        if rec.code is None and c.country is not None:
            rec.code = c.country  # linked to its country ("<Country>'s central bank"); not a country itself
        st.mention(rec, c.doc, c.start, c.end, "ner")


_OPENING = ("(", "[", "{")
_CLOSING = (")", "]", "}")
_POSSESSIVE = ("'s", "'", "’s", "’")


def _bounded(c: Candidate) -> list[Candidate]:
    """Where an organisation's name begins and ends inside the model's span.

    - a bracket: "<Name> (<ACRONYM>" ends before the bracket (the acronym is read as the name's alias);
      "[T]he <Name>" (an editor's bracket) starts after it;
    - a possessive inside: "<Owner>'s <Body>" is two bodies when the second part is itself a body
      ("<Parliament>'s <Committee on X>"), else the owner alone;
    - a dateline glued to the front ("<CITY> <Name> Inc."), and small words at the end ("... of").
    """
    doc, i, j = c.doc, c.start, c.end
    for k in range(i, j):
        if any(b in doc[k].text for b in _OPENING) and k > i:
            j = k
            break
    for k in range(j - 1, i - 1, -1):
        if any(b in doc[k].text for b in _CLOSING):
            i = k + 1
            break
    for k in range(i + 1, j - 1):
        if doc[k].lower_ in WORDS.company_suffixes and doc[k + 1].lower_ == "of":
            j = k + 1  # "<Name> Inc of <Country>": where the company is registered, not part of its name
            break
    for k in range(i + 1, j):
        if _is_number(doc[k]):
            j = k  # "<Name> 2 million": the model ran on into an amount
            break
    if j - i >= 2 and _is_dateline(doc, i):
        i += 1
    while j > i and doc[j - 1].lower_ in WORDS.function_words:
        j -= 1
    listed = _listed_companies(doc, i, j)
    if listed:
        return [Candidate(doc, a, b, c.block) for a, b in listed]
    for k in range(i + 1, j - 1):
        if doc[k].lower_ in _POSSESSIVE and _is_body(doc[i:k]):
            owner = Candidate(doc, i, k, c.block, c.country)
            owned = Candidate(doc, k + 1, j, c.block)
            return [owner, owned] if _is_body(doc[k + 1 : j]) else [owner]
    return [Candidate(doc, i, j, c.block, c.country, c.described)] if i < j else []


def _listed_companies(doc: Any, i: int, j: int) -> list[tuple[int, int]]:
    """ "<A> Mining, <B> Mining and <C> Mining": a list of names that share their last word, which the model
    read as one; each part of two words or more is a name of its own (``[]`` when the span is no such list)."""
    parts, start = [], i
    for k in range(i, j + 1):
        if k == j or doc[k].text == "," or doc[k].lower_ in ("and", "&"):
            if k > start:
                parts.append((start, k))
            start = k + 1
    if len(parts) < 2 or any(b - a < 2 for a, b in parts):
        return []
    last = {doc[b - 1].lower_ for a, b in parts}
    return parts if len(last) == 1 and all(doc[b - 1].is_title for a, b in parts) else []


def _and_before(c: Candidate) -> Candidate:
    """ "<A> and <B> Enterprise": the model often starts the name at <B>; one untagged capitalised word
    before "and", itself not part of a longer run of capitalised words, starts the name."""
    doc, i = c.doc, c.start
    if i < 2 or doc[i - 1].lower_ != "and" or c.end - i < 2:
        return c
    first = doc[i - 2]
    if not (first.is_title and first.is_alpha and first.pos_ == "PROPN" and first.ent_type_ == ""):
        return c
    if first.lower_ in WORDS.org_heads or (i >= 3 and doc[i - 3].is_title and not doc[i - 3].is_sent_start):
        return c
    last = doc[c.end - 1].lower_
    if last not in WORDS.org_heads and last.rstrip("s") not in WORDS.org_heads and last != "enterprise":
        return c
    return Candidate(doc, i - 2, c.end, c.block, c.country, c.described)


def _listed_words(doc: Any, j: int) -> int:
    """The end of ", <Title> ..., and <Title>" from token ``j`` (``j`` when there is no such list end)."""
    k, n = j, len(doc)
    while k < n and doc[k].text == "," and k + 1 < n and doc[k + 1].is_title:
        k += 1
        while k < n and doc[k].is_title and doc[k].is_alpha:
            k += 1
    if k < n and doc[k].lower_ == "and" and k + 1 < n and doc[k + 1].is_title:
        k += 1
        while k < n and doc[k].is_title and doc[k].is_alpha:
            k += 1
        return k
    return j


def _extended(c: Candidate) -> Candidate:
    """ "<Body> of/for <A>, <B> and <C>" (a ministry or union named after several fields), and "<Body> of
    <Place> and <Place>": the model stops at the first comma or "and"; the name runs to the list's end."""
    doc, i, j = c.doc, c.start, c.end
    if j >= len(doc) or doc[j].text not in (",", "and"):
        return c
    heads = [k for k in range(i, j - 1) if doc[k].lower_ in WORDS.org_heads and doc[k + 1].lower_ in ("of", "for")]
    if not heads:
        return c
    if doc[j].text == ",":
        end = _listed_words(doc, j)
        return Candidate(doc, i, end, c.block, c.country) if end > j else c
    end = _and_named_field(doc, j)
    if end > j:
        return Candidate(doc, i, end, c.block, c.country)
    place = ("GPE", "LOC")
    if doc[j - 1].is_title and j + 1 < len(doc) and doc[j + 1].ent_type_ in place and doc[j + 1].is_title:
        end = j + 1
        while end < len(doc) and doc[end].ent_type_ in place and doc[end].is_title:
            end += 1
        return Candidate(doc, i, end, c.block, c.country)
    return c


def _and_named_field(doc: Any, j: int) -> int:
    """ "<Ministry> of <A> and <B> (<ACRONYM>)": the acronym after the second field shows the name runs on
    over "and" (the model often stops before it); the end of "and <B>", or ``j``."""
    k, n = j + 1, len(doc)
    while k < n and doc[k].is_title and doc[k].is_alpha and k - j <= 4:
        k += 1
    if k == j + 1 or k + 2 >= n or doc[k].text != "(" or doc[k + 2].text != ")":
        return j
    return k if doc[k + 1].text.isupper() and len(doc[k + 1].text) >= 2 else j


_TAIL_MAX = 8  # words after "of"/"for" read as part of the name
_CONNECTORS = ("of", "the", "and")


def _of_tail(c: Candidate) -> Candidate:
    """ "<Body> of <Place>", "<Court> for the <Name> District of <Place>", "<Tribunal> for the former <Name>":
    the model often stops before "of"/"for" (or just after it) and tags the rest as a place or a second
    organisation; a name ending in capitals followed by "of"/"for" and capitalised words runs on over them."""
    doc, i, j = c.doc, c.start, c.end
    n = len(doc)
    if j > i and doc[j - 1].lower_ in ("of", "for"):
        j -= 1
    if j >= n or doc[j].lower_ not in ("of", "for") or not doc[j - 1].text[:1].isupper():
        return c
    if doc[j - 1].lower_ in WORDS.company_suffixes:
        return c  # "<Name> Inc of <Country>": where the company is registered, not part of its name
    if not any(t.lower_ in WORDS.org_heads or t.lower_.rstrip("s") in WORDS.org_heads for t in doc[i:j]):
        return c  # "<Given> <Family> of <Party>": a person and the body they belong to, two actors
    k = j + 1
    if k < n and doc[k].lower_ == "the":
        k += 1
    if k < n and doc[k].lower_ == "former":
        k += 1
    if k >= n or not (doc[k].is_title or doc[k].is_upper) or not doc[k].is_alpha:
        return c
    end = k
    while end < n and end - j <= _TAIL_MAX:
        t = doc[end]
        if t.is_alpha and (t.is_title or t.is_upper) and not t.is_sent_start:
            end += 1
        elif t.lower_ in _CONNECTORS and end + 1 < n and (doc[end + 1].is_title or doc[end + 1].lower_ == "the"):
            end += 1
        else:
            break
    while end > k and doc[end - 1].lower_ in _CONNECTORS:
        end -= 1
    place = doc[k].ent_type_ == "GPE" and all(t.ent_type_ == "GPE" and t.ent_iob_ == "I" for t in doc[k + 1 : end])
    owner = place and doc[j].lower_ == "of" and any(t.lower_ == "of" for t in doc[i:j])
    if owner and doc[k - 1].lower_ != "former" and (end >= n or doc[end].ent_iob_ != "I"):
        return c  # "<Ministry> of <X> of <Country>": the country stays an actor of its own, linked to the body
    return Candidate(doc, i, end, c.block, c.country, c.described)


def _inside_listed_name(doc: Any, i: int) -> bool:
    """Token ``i`` follows ", " or "and " inside "<Body or office> of <A>, <B> ...": a piece of a longer name."""
    if i == 0 or doc[i - 1].text not in (",", "and"):
        return False
    k = i - 1
    while k > 0 and (doc[k].text in (",", "and") or (doc[k].is_title and doc[k].is_alpha)):
        k -= 1
    if doc[k].lower_ not in ("of", "for") or k == 0:
        return False
    head = doc[k - 1].lower_
    listed = doc[i - 1].text == "," or any(t.text == "," for t in doc[k + 1 : i - 1])
    return (head in WORDS.org_heads or head in WORDS.office_words) and listed


def _is_body(span: Any) -> bool:
    """Words that name a body by themselves: "<Name> Committee", "Committee on <Name>", "<Name> of <Name>"
    (not "<Name> Workers", whose possessive belongs to the name)."""
    if len(span) < 2 or not span[0].text[:1].isupper():
        return False
    first, last = span[0].lower_, span[-1].lower_
    return (
        last in WORDS.org_heads
        or last.rstrip("s") in WORDS.org_heads
        or (first in WORDS.org_heads and span[1].lower_ in ("of", "on", "for"))
        or any(t.lower_ == "of" for t in span[1:-1])
    )


def _is_dateline(doc: Any, i: int) -> bool:
    """An upper-case place name at the start of a line, glued to the name after it: a press-release dateline."""
    tok, nxt = doc[i], doc[i + 1]
    at_line_start = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
    return bool(
        at_line_start
        and tok.is_alpha
        and tok.is_upper
        and len(tok) >= 4
        and not nxt.is_upper
        and nxt.text[:1].isupper()
    )


def _office_or_kind(doc: Any, i: int, j: int) -> bool:
    """An office, not a body: "Chief Executive", "<Secretary> of State for <X>" cut short by the model; or a
    plural kind of body, not one body: "Boards of Directors"."""
    first, last = doc[i].lower_, doc[j - 1].lower_
    if first in WORDS.office_words and last not in WORDS.org_heads and last.rstrip("s") not in WORDS.org_heads:
        return True
    if i >= 2 and doc[i - 1].lower_ in ("of", "for") and doc[i - 2].lower_ in WORDS.office_words:
        return True  # "Minister for <Portfolio>"
    k = j
    while k + 1 < len(doc) and doc[k].lower_ in ("and", "&") and doc[k + 1].is_title:
        k += 2
        while k < len(doc) and doc[k].is_title and doc[k].lower_ not in WORDS.office_words:
            k += 1
    if k > j and k < len(doc) and doc[k].is_title and doc[k].lower_ in WORDS.office_words:
        return True  # "<Portfolio> and <Portfolio> Minister <Name>": the model took the portfolio for a body
    plural_kind = doc[i].tag_ in ("NNS", "NNPS") and first.endswith("s") and first[:-1] in WORDS.org_heads
    return plural_kind and j - i > 2 and doc[i + 1].lower_ == "of"


def _job_title(doc: Any, i: int, j: int) -> bool:
    """A post, not a body: a name ending with a role word ("Principal Adviser"), or one right before a
    capitalised role word ("<Name> Ranking Member <Name>", "<Name> Security Advisor <Name>")."""
    if doc[j - 1].lower_ in WORDS.role_words:
        return not any(t.lower_ in WORDS.org_heads for t in doc[i : j - 1])  # not "Office of the <X> Representative"
    if j - i < 2 or doc[j - 1].lower_ in WORDS.org_heads or doc[i:j].text.isupper():
        return False
    return j < len(doc) and doc[j].is_title and doc[j].lower_ in WORDS.role_words


def _numbered(doc: Any, i: int, j: int) -> bool:
    """A name with a Roman numeral after it is one of a series of missions, products or events ("<Name> II",
    "<Name> VII"), not a body."""
    last = doc[j - 1].text
    nxt = doc[j].text if j < len(doc) else ""
    return bool((j - i >= 2 and last != "I" and ROMAN.match(last)) or (nxt != "I" and ROMAN.match(nxt)))


def _state_code(doc: Any, i: int) -> bool:
    """Two capitals after "<City>,": a state or province code in a dateline or address ("<City>, TX")."""
    tok = doc[i]
    return bool(
        len(tok.text) == 2 and tok.is_upper and i >= 2 and doc[i - 1].text == "," and doc[i - 2].ent_type_ == "GPE"
    )


def _category(doc: Any, i: int, j: int) -> bool:
    """ "a designated <Name> Organization": a name after "a"/"an" (and its adjectives) names a category
    that bodies are put in, not one body."""
    k = i - 1
    while k >= 0 and (doc[k].pos_ in ("ADJ", "VERB") or doc[k].dep_ == "amod" or doc[k].text == "-"):
        k -= 1
    last = doc[j - 1]
    modifies = last.dep_ in ("compound", "nmod") and last.head.i >= j  # "an <Name> Service audit": the body
    return k >= 0 and doc[k].lower_ in ("a", "an") and last.lower_ in WORDS.org_heads and not modifies


def _is_number(tok: Any) -> bool:
    """Digits alone ("2", "1,500") or a number word in lower case ("million"); not "Second" in a court's name."""
    text = tok.text
    return bool(any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text)) or (
        tok.like_num and tok.is_lower
    )


def _is_code(tok: Any) -> bool:
    """Letters, a hyphen, then digits: a model, a flight or a disease ("<ABC>-19"), not a body."""
    head, _, tail = tok.text.rpartition("-")
    return bool(head) and tail.isdigit()


def _names_programme(doc: Any, j: int) -> bool:
    """A lower-case programme word follows the name, over at most a possessive and a capitalised title."""
    for k in range(j, min(len(doc), j + 5)):
        tok = doc[k]
        if tok.lower_ in WORDS.programme_words:
            return tok.is_lower
        if not (tok.lower_ in _POSSESSIVE or tok.text[:1].isupper() or tok.like_num):
            return False
    return False


def _thing_modifiers(st: ActorState) -> set[str]:
    """Acronyms the article puts before a thing noun ("the <ACR> vaccine", "a <ACR> surplus"): they name
    that thing, in the article's other sentences too, unless they act there."""
    found: set[str] = set()
    for _base, doc, kind in st.ctx.docs:
        if kind not in ACTOR_BLOCKS:
            continue
        for tok in doc:
            if (
                tok.is_upper
                and tok.is_alpha
                and len(tok) >= 2
                and tok.dep_ == "compound"
                and tok.head.i > tok.i
                and tok.head.pos_ == "NOUN"
                and tok.head.lemma_.lower() in WORDS.thing_heads
            ):
                found.add(tok.text)
    return found


def _titled_after_bracket(doc: Any, j: int) -> bool:
    """A bracketed acronym, then a capitalised title word: "<Words> (<ACR>) Framework" names a document."""
    if j >= len(doc) or doc[j].text != "(":
        return False
    for k in range(j + 2, min(len(doc) - 1, j + 5)):
        if doc[k].text == ")":
            nxt = doc[k + 1]
            low = nxt.lower_.rstrip("s")
            return nxt.is_title and (low in WORDS.title_heads or low in WORDS.document_heads)
    return False


def _acts_as_body(tok: Any, agent: bool = True) -> bool:
    """A name's head word is the subject of a verb other than "be", an owner, or (with ``agent``) a passive's
    agent; "financed by the <Name> Fund" is how money is named, so funds are read without agents."""
    if tok.dep_ == "nsubj":
        return tok.head.lemma_.lower() != "be"
    return tok.dep_ == "poss" or (agent and tok.dep_ == "pobj" and tok.head.dep_ == "agent")


def _acts_by_name(st: ActorState, tok: Any) -> bool:
    """A one-word name that does something: subject of a verb, owner of something, or the agent of a passive.
    A kind of body written with a capital ("the Alliance said") refers back; it is not a name."""
    if tok.lower_ in WORDS.org_heads or tok.lower_ in WORDS.group_nouns:
        return False
    mixed = any(ch.isdigit() for ch in tok.text) or any(ch.isupper() for ch in tok.text[1:])
    if tok.is_sent_start and not mixed and (tok.tag_ != "NNP" or _written_in_lower_case(st, tok)):
        return False  # a sentence's first word is capitalised anyway: "<Noun>s rose" is no name
    if tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    if (
        tok.dep_ == "conj"
        and tok.head.ent_type_ == "ORG"
        or any(c.dep_ == "conj" and c.ent_type_ == "ORG" for c in tok.children)
    ):
        return True  # one of a list of organisations: "<Name> Airlines and <Name>"
    return bool(tok.dep_ == "pobj" and tok.head.dep_ == "agent")


def _written_in_lower_case(st: ActorState, tok: Any) -> bool:
    """The article also writes the word in lower case: a common noun ("<Metal> is toxic ... the <metal>")."""
    return re.search(rf"\b{re.escape(tok.lower_)}\b", st.ctx.text) is not None


def _shouted(doc: Any, i: int) -> bool:
    """Token ``i`` stands in a run of words in capitals (a headline, even when the working text joined its
    line to the next one): four or more upper-case words with nothing but punctuation between them."""

    def caps(t: Any) -> bool:
        return bool(t.is_upper or (t.is_punct and not t.is_space))

    start = i
    while start > 0 and caps(doc[start - 1]):
        start -= 1
    end = i
    while end < len(doc) and caps(doc[end]):
        end += 1
    return sum(1 for t in doc[start:end] if t.is_alpha and len(t) > 1) >= 4


def _org_name(st: ActorState, c: Candidate) -> _OrgName | None:
    """The candidate trimmed to a name, or None when it is not an organisation's name (a person, an alias,
    a description, a document, a headline fragment, a product)."""
    doc, i, j, block = c.doc, c.start, c.end, c.block
    while i < j and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    while j > i and (doc[j - 1].lower_ in ("'s", "'", "’s") or doc[j - 1].is_punct):
        j -= 1
    if i >= j:
        return None
    text = doc[i:j].text
    trimmed = Candidate(doc, i, j, block, c.country, c.described)
    if j - i == 1 and single_name(st, doc, i, block, via="org"):
        return None
    if org_is_person(st, trimmed):
        return None
    if any(t.is_alpha and t.is_lower and t.lower_ not in WORDS.function_words for t in doc[i:j]):
        return None  # "the European steel federation": a description, not a name
    if "\n" in text or any(_is_number(t) or _is_code(t) for t in doc[i:j]):
        return None  # a number is not part of a name (a word with digits inside, "<Name>4<Name>", can be)
    if j - i == 1 and text.lower() in WORDS.time_zones:
        return None  # "0100 UTC"
    if " ".join(t.lower_ for t in doc[i:j]) in WORDS.thing_names:
        return None  # "AI", "CCTV", "IP address": a technology or a substance, not a body
    if text.isupper() and _shouted(doc, i):
        return None  # a word of a headline in capitals
    if _names_programme(doc, j):
        return None  # "the <Name> programme", "<Broadcaster>'s <Title> programme": where something was said
    if _titled_after_bracket(doc, j):
        return None  # "<Long Name> (<ACR>) Framework": the start of a title cut at its acronym
    entry = st.ctx.gaz.lookup_text(text)
    if entry is not None and st.ctx.gaz.short_unresolved(text, st.ctx.text):
        entry = None  # "Security Council" with no "United Nations" in the article: another body of that name
    if entry is not None:
        st.mention(st.entry_actor(entry), doc, i, j, "gazetteer", entry.role)
        return None
    if block == HEADING:
        return None
    words = text.split()
    if j - i > 1 and words[-1].lower().rstrip("s") in WORDS.document_heads:
        return None
    if not c.described and _office_or_kind(doc, i, j):
        return None
    if titled_thing(doc[i:j]):
        return None  # "Survey of <X>", "Conditions of <X>": a title, not a body
    if _job_title(doc, i, j):
        return None
    if j - i > 1 and (words[-1].lower() in WORDS.title_heads or words[-1].lower() in WORDS.programme_words):
        return None  # the title of a campaign, a review or a programme does not act
    if j - i > 1 and words[-1].lower() in WORDS.fund_heads and not _acts_as_body(doc[j - 1], agent=False):
        return None  # "financed by the <Name> Fund": a pot of money, not a body, unless it acts
    if j - i == 1:
        if not (text.isupper() and len(text) >= 2) and text.lower() in WORDS.generic_org:
            return None
        if text.lower() in WORDS.document_heads or ROMAN.match(text) or _state_code(doc, i):
            return None  # "the Agreement", "the XXI century", "(<City>, TX)"
    elif _category(doc, i, j):
        return None
    if _numbered(doc, i, j):
        return None
    elif words[-1].lower() in ("kills", "says", "said", "warns"):
        return None
    if not doc[i].text[:1].isupper():
        return None
    last = doc[j - 1]
    if (
        j - i == 1
        and last.dep_ in ("compound", "amod", "nmod")
        and last.head.pos_ == "NOUN"
        and last.head.i > last.i
        and last.head.lower_ not in WORDS.org_heads
        and (not text.isupper() or last.head.lemma_.lower() in WORDS.thing_heads)
        and not c.described
    ):
        return None  # a product or model name before a noun ("<Name> batteries")
    return _OrgName(trimmed, text)


def _known_org(st: ActorState, key: str) -> ActorRec | None:
    """An organisation name that extends a known one by trailing words (a headline) is that one; a one-word
    name seen once (kept because it acted) does not swallow longer names."""
    for rec in st.ctx.actors.values():
        if rec.kind in ("organisation", "group") and rec.key.startswith("org:"):
            k = rec.key[4:]
            if key == k or (key.startswith(k + " ") and (" " in k or rec.name.isupper() or len(rec.mentions) > 1)):
                return rec
    return None


def company_short_names(st: ActorState) -> None:
    """ "<Name> Inc." named once, then "<Name>" alone: the same company. The short name is the first word
    of the name when no other company of the article starts with it."""
    ctx = st.ctx
    firsts: dict[str, list[ActorRec]] = {}
    for rec in ctx.actors.values():
        words = rec.name.split()
        if rec.kind == "organisation" and len(words) >= 2 and words[-1].lower() in WORDS.company_suffixes:
            firsts.setdefault(words[0], []).append(rec)
    short = {word: recs[0] for word, recs in firsts.items() if len(recs) == 1 and word[:1].isupper()}
    if not short:
        return
    for _base, doc, kind in ctx.docs:
        if kind not in ACTOR_BLOCKS:
            continue
        for tok in doc:
            company = short.get(tok.text)
            if company is None or ctx.mentions_at(tok) or tok.pos_ != "PROPN":
                continue
            st.mention(company, doc, tok.i, tok.i + 1, "short name")


def add_groups(st: ActorState) -> None:
    """Parties and movements named by their members: "the <Name>s said ..."."""
    for c in st.groups:
        name = " ".join(c.doc[c.start : c.end].text.split())
        st.mention(st.actor(f"group:{name.lower()}", name, "group"), c.doc, c.start, c.end, "ner")


def add_group_names(st: ActorState) -> None:
    """Group names found by the scan. One that extends a shorter one by trailing words (a headline's next
    word) is the shorter one, cut to its length; the capitalised form, with its "the", names the group."""
    by_key: dict[str, list[Candidate]] = {}
    for c in st.group_names:
        name = smart_title([t.text for t in c.doc[c.start : c.end]])
        by_key.setdefault(f"org:{org_key(name)}", []).append(c)
    keys = sorted(by_key, key=len)
    into: dict[str, str] = {}
    for k, long in enumerate(keys):
        for short in keys[:k]:
            if short not in into and long[4:].startswith(short[4:] + " "):
                into[long] = short
                break
    for key in keys:
        if key in into:
            continue
        cands = list(by_key[key])
        want = len(key[4:].split())
        for long, short in into.items():
            if short == key:
                cands.extend(_cut(c, want) for c in by_key[long])
        forms = [st.ctx.text[st.ctx.tstart(c.doc[c.start]) : st.ctx.tend(c.doc[c.end - 1])] for c in cands]
        rec = st.actor(key, smart_title(forms[0].split()), "organisation")
        forms += [st.ctx.text[m.start : m.end] for m in rec.mentions]
        best = max(forms, key=lambda f: (" the " in f.lower(), f[:1].isupper(), forms.count(f)))
        rec.name = smart_title(best.split())
        for c in sorted(cands, key=lambda c: st.ctx.tstart(c.doc[c.start])):
            st.mention(rec, c.doc, c.start, c.end, "pattern")


def _cut(c: Candidate, words: int) -> Candidate:
    """The first ``words`` words of a group name, not counting a "the" after the first."""
    j, seen = c.start, 0
    while j < c.end and seen < words:
        if c.doc[j].lower_ != "the" or seen == 0:
            seen += 1
        j += 1
    return Candidate(c.doc, c.start, j, c.block)
