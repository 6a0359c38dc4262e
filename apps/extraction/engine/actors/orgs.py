"""Organisations and groups: the model's ORG names that name one body, acronyms in brackets, parties and
movements named by their members, and "<Group noun> of the <Name>" group names."""

from __future__ import annotations

from dataclasses import dataclass

from ..clean import HEADING
from ..context import ActorRec
from .keys import org_key, smart_title
from .persons import org_is_person, single_name
from .state import ActorState, Candidate
from .words import WORDS


@dataclass(frozen=True)
class _OrgName:
    cand: Candidate
    text: str


def add_orgs(st: ActorState) -> None:
    counts: dict[str, int] = {}
    items: list[_OrgName] = []
    for c in st.orgs:
        named = _org_name(st, c)
        if named is not None:
            counts[org_key(named.text)] = counts.get(org_key(named.text), 0) + 1
            items.append(named)
    # "<Long Name> (<ACRONYM>)": the acronym in brackets is the same organisation
    acronyms: dict[str, str] = {}
    for item in items:
        doc, i, j = item.cand.doc, item.cand.start, item.cand.end
        if j - i > 1 and j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            acronym = doc[j + 1].text
            if acronym.isupper() and len(acronym) >= 2:
                acronyms[org_key(acronym)] = org_key(item.text)
    for item in items:
        c, text = item.cand, item.text
        key = org_key(text)
        if c.end - c.start == 1 and not text.isupper() and counts[key] < 2:
            continue
        full = acronyms.get(key)
        existing = _known_org(st, full) if full else None
        existing = existing or _known_org(st, key)
        rec = existing or st.actor(f"org:{key}", text, "organisation")
        st.mention(rec, c.doc, c.start, c.end, "ner")


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
    trimmed = Candidate(doc, i, j, block)
    if j - i == 1 and single_name(st, doc, i, block, via="org"):
        return None
    if org_is_person(st, trimmed):
        return None
    if any(t.is_alpha and t.is_lower and t.lower_ not in WORDS.function_words for t in doc[i:j]):
        return None  # "the European steel federation": a description, not a name
    if any(ch.isdigit() for ch in text) or "\n" in text:
        return None
    entry = st.ctx.gaz.lookup_text(text)
    if entry is not None:
        st.mention(st.entry_actor(entry), doc, i, j, "gazetteer", entry.role)
        return None
    if block == HEADING:
        return None
    words = text.split()
    if j - i > 1 and words[-1].lower().rstrip("s") in WORDS.document_heads:
        return None
    if j - i == 1:
        if not (text.isupper() and len(text) >= 2) and text.lower() in WORDS.generic_org:
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
        and not text.isupper()
    ):
        return None  # a product or model name before a noun ("<Name> batteries")
    return _OrgName(trimmed, text)


def _known_org(st: ActorState, key: str) -> ActorRec | None:
    """An organisation name that extends a known one by trailing words (a headline) is that one."""
    for rec in st.ctx.actors.values():
        if rec.kind in ("organisation", "group") and rec.key.startswith("org:"):
            k = rec.key[4:]
            if key == k or key.startswith(k + " "):
                return rec
    return None


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
