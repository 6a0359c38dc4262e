"""Actors: people, countries, organisations; one canonical actor per real-world entity.

Sources, in order of trust:
1. the alias table (editors' aliases first, then data/*.json): country names, short names,
   demonyms, capitals used as governments, government seats ("the Kremlin"), organisations;
2. spaCy's named entities (PERSON, ORG) with cleanup;
3. a pattern for group names the model mislabels ("<Coalition|Alliance|Group|...> of (the) <Name>");
4. in-article resolution: surnames to the full name seen in the article, spelling variants
   of a surname, titles ("the French president") to the person named with that title,
   "the <group noun>" to the group named earlier.
Capitals only count as a country when they act (subject, possessor, object), not when they
locate an event ("in Paris", "the Geneva talks").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from .clean import ACTOR_BLOCKS, BODY, HEADING
from .context import ActorRec, Context, Mention
from .gazetteer import ALIAS, CAPITAL, DEMONYM, EDITOR, NAME, Entry, load_data

LOCATIVE = {
    "in",
    "at",
    "to",
    "from",
    "near",
    "outside",
    "inside",
    "into",
    "via",
    "across",
    "around",
    "toward",
    "towards",
    "through",
    "throughout",
    "between",
    "within",
    "visiting",
    "visit",
    "visited",
    "reached",
    "arrived",
    "left",
    "leaving",
    "including",
    "and",
    "or",
    "like",
    "as",
    "of",
    "over",
    "on",
}
PERSON_TITLES = {
    "president",
    "prime",
    "minister",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "gen",
    "general",
    "chancellor",
    "premier",
    "senator",
    "sen",
    "rep",
    "governor",
    "gov",
    "secretary",
    "foreign",
    "defence",
    "defense",
    "vice",
    "deputy",
    "mayor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "ambassador",
    "leader",
    "commander",
    "chief",
    "judge",
    "justice",
    "professor",
    "prof",
    "sheikh",
    "emir",
    "crown",
    "state",
    "of",
    "special",
    "u.s.",
    "us",
}
NAME_PARTICLES = {"bin", "ibn", "al", "el", "abu", "van", "von", "de", "da", "di", "der", "du", "le", "la"}
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Verbs through which a plural group acts: "the Greens have not ruled out leaving", "Democrats vowed".
GROUP_ACTS = {
    "say", "tell", "announce", "warn", "vow", "pledge", "promise", "refuse", "decline", "reject", "oppose",
    "block", "veto", "vote", "rule", "agree", "threaten", "demand", "urge", "insist", "accuse", "support",
    "back", "welcome", "condemn", "propose", "call", "abstain", "boycott", "quit", "leave", "join",
}  # fmt: skip


def _acting_group(ent: Any) -> bool:
    """A capitalised plural group name (spaCy's NORP) that acts as a subject: a party or a movement, not a
    nationality (demonyms are in the alias table and never reach here)."""
    root = ent.root
    if root.tag_ != "NNPS" or root.dep_ != "nsubj" or not root.text[:1].isupper():
        return False
    verb = root.head
    return verb.lemma_.lower() in GROUP_ACTS or any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "could") for c in verb.children
    )


# Kinds of organisation too common to stand for one named body ("the government", "the group").
VAGUE_HEADS = {"government", "party", "group", "army", "police", "forces", "union", "office", "service", "times"}
# Names of documents and deals, not of bodies that act: "the Paris Agreement", "the Geneva Conventions".
DOCUMENT_HEADS = {
    "agreement",
    "accord",
    "treaty",
    "convention",
    "protocol",
    "act",
    "charter",
    "declaration",
    "resolution",
    "deal",
    "pact",
    "plan",
    "memorandum",
}
GENERIC_ORG = {
    "state",
    "government",
    "ministry",
    "council",
    "parliament",
    "congress",
    "senate",
    "army",
    "police",
    "court",
    "news",
    "related",
    "reuters",
    "times",
    "agency",
    "office",
    "department",
    "commission",
    "committee",
    "cabinet",
    "union",
    "group",
    "party",
    "defence",
    "defense",
    "foreign",
}
FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "le", "al", "to", "a", "an"}
SPEAKER_NOUNS = {
    "office",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "official",
    "source",
    "statement",
    "minister",
    "leader",
    "president",
    "report",
    "document",
}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
THING_PRONOUNS = {"it", "they", "them", "its", "their"}

_APOS_S = re.compile(r"(?:'s|'|’s|’)$")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def surname_key(word: str) -> str:
    w = _fold(_APOS_S.sub("", word.strip(".,;:")))
    w = re.sub(r"(.)\1+", r"\1", w)  # Yanukovychh -> Yanukovych (doubled letters)
    w = re.sub(r"(?:iy|yi|ii)$", "y", w)  # -iy / -yi endings -> -y
    return w


def org_key(name: str) -> str:
    words = [w for w in re.findall(r"\w+", _fold(name)) if w not in ("the",)]
    return " ".join(words)


def smart_title(words: list[str]) -> str:
    out = []
    for k, w in enumerate(words):
        if k > 0 and w.lower() in FUNCTION_WORDS:
            out.append(w.lower())
        elif w.isupper() and len(w) > 1:
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


class ActorFinder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        data = load_data()
        self.org_heads = set(data["orgs"]["org_heads"])
        self.group_nouns = set(data["orgs"]["group_nouns"])
        self.titles = [tuple(t.split()) for t in data["titles"]["titles"]]
        self.titles.sort(key=len, reverse=True)
        self.title_firsts = {t[0] for t in self.titles}
        self.gov_heads = set(data["titles"]["government_heads"])
        self.title_words = {w for t in self.titles for w in t}
        self.ambiguous = set(data["countries"].get("ambiguous", []))
        self.persons_full: dict[str, list[tuple[str, list[str]]]] = {}  # surname key -> [(person key, tokens)]

    # --- registry ---------------------------------------------------------------------------------
    def _actor(self, key: str, name: str, kind: str, code: str | None = None) -> ActorRec:
        rec = self.ctx.actors.get(key)
        if rec is None:
            rec = self.ctx.actors[key] = ActorRec(key=key, name=name, kind=kind, code=code)
        return rec

    def _mention(self, rec: ActorRec, doc: Any, i: int, j: int, via: str, role: str = "") -> Mention:
        base = int(doc.user_data["base"])
        start = base + doc[i].idx
        end = self.ctx.tend(doc[j - 1])
        m = Mention(start, end, rec.key, doc, i, j, via, role)
        rec.mentions.append(m)
        if doc.user_data.get("kind") == BODY:
            rec.body = True
        self.ctx.mentions.append(m)
        return m

    def entry_actor(self, entry: Entry) -> ActorRec:
        if entry.kind == "country":
            return self._actor(f"country:{entry.code}", entry.name, "country", entry.code)
        if entry.kind == "person":
            return self._actor(f"person:{surname_key(entry.name.split()[-1])}", entry.name, "person")
        return self._actor(f"org:{org_key(entry.name)}", entry.name, entry.kind, entry.code)

    # --- main --------------------------------------------------------------------------------------
    def run(self) -> None:
        pending_persons: list[tuple[Any, int, int, str]] = []
        pending_orgs: list[tuple[Any, int, int, str]] = []
        pending_groups: list[tuple[Any, int, int]] = []
        for _base, doc, kind in self.ctx.docs:
            if kind not in ACTOR_BLOCKS:
                continue
            taken = self._gazetteer(doc, kind)
            self._group_names(doc, taken)
            for ent in doc.ents:
                editor = [taken[t][2] for t in range(ent.start, ent.end) if t in taken and taken[t][2].role == EDITOR]
                if ent.label_ == "PERSON" and editor and editor[0].kind == "person" and len(ent) > 1:
                    # the editors' person alias inside a full name: the whole name is that person
                    for t in range(ent.start, ent.end):
                        taken.pop(t, None)
                    for t in range(ent.start, ent.end):
                        taken[t] = (ent.start, ent.end, editor[0])
                    continue
                if any(t in taken for t in range(ent.start, ent.end)):
                    if not self._ent_beats_gazetteer(ent, taken):
                        continue
                    for t in range(ent.start, ent.end):
                        taken.pop(t, None)
                described = self._described_as_org(doc, ent) if ent.label_ in ("PERSON", "ORG") else None
                if described is not None:
                    pending_orgs.append((doc, *described, kind))
                    continue
                # The model cut one long name in two ("Luiz Inacio" + "Lula da Silva"), or took the end of a
                # double surname for a company ("Jennifer Carroll" + "MacNeill"): one person.
                last = pending_persons[-1] if pending_persons else None
                continues = (
                    last is not None
                    and last[0] is doc
                    and last[2] == ent.start
                    and doc[ent.start - 1].whitespace_ == " "
                )
                surname_part = len(ent) == 1 and ent.text[:1].isupper() and not ent.text.isupper()
                if continues and (ent.label_ == "PERSON" or (ent.label_ == "ORG" and surname_part)):
                    pending_persons[-1] = (doc, last[1], ent.end, kind)
                elif ent.label_ == "PERSON":
                    pending_persons.append((doc, ent.start, ent.end, kind))
                elif ent.label_ == "ORG":
                    pending_orgs.append((doc, ent.start, ent.end, kind))
                elif ent.label_ == "NORP" and kind == BODY and _acting_group(ent):
                    pending_groups.append((doc, ent.start, ent.end))
            for m_i, m_j, entry in self._taken_spans(taken):
                self._gaz_mention(doc, m_i, m_j, entry)
        self._merge_group_names()
        self._persons(pending_persons)
        self._orgs(pending_orgs)
        for doc, i, j in pending_groups:
            # parties and movements named by their members: "the Social Democrats said ..."
            name = " ".join(doc[i:j].text.split())
            self._mention(self._actor(f"group:{name.lower()}", name, "group"), doc, i, j, "ner")
        self.ctx.index_mentions()
        self._surname_sweep()
        self.ctx.index_mentions()
        self._titles()
        self._group_anaphora()
        self.ctx.index_mentions()

    # --- gazetteer ---------------------------------------------------------------------------------
    def _gazetteer(self, doc: Any, kind: str) -> dict[int, tuple[int, int, Entry]]:
        words = [t.text for t in doc]
        taken: dict[int, tuple[int, int, Entry]] = {}
        for i, j, entry in self.ctx.gaz.match(words):
            if entry.role == CAPITAL and not self._capital_acts(doc, i, j):
                continue
            if j - i == 1 and doc[i].text in self.ambiguous and not self._ambiguous_is_country(doc, i):
                continue
            for t in range(i, j):
                taken[t] = (i, j, entry)
        return taken

    @staticmethod
    def _taken_spans(taken: dict[int, tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
        seen = set()
        out = []
        for span in taken.values():
            if span[0] not in seen:
                seen.add(span[0])
                out.append(span)
        return out

    @staticmethod
    def _ambiguous_is_country(doc: Any, i: int) -> bool:
        """ "Georgia", "Jordan", "Chad": not in "Atlanta, Georgia", not as part of a name."""
        if i >= 2 and doc[i - 1].text == "," and doc[i - 2].pos_ == "PROPN" and doc[i - 2].ent_type_ in ("GPE", "LOC"):
            return False
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if doc[i].ent_type_ == "PERSON" or (nxt is not None and nxt.ent_type_ == "PERSON" and nxt.is_title):
            return False
        return not (i > 0 and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].is_title)

    def _capital_acts(self, doc: Any, i: int, j: int) -> bool:
        """A capital stands for its government unless it only locates something."""
        prev = doc[i - 1].lower_ if i > 0 else ""
        if prev in LOCATIVE:
            return False
        last = doc[j - 1]
        if j < len(doc) and doc[j].lower_ in ("'s", "'"):
            return True
        if last.dep_ in ("compound", "nmod", "amod") and last.head.i >= j:
            return last.head.lemma_.lower() in self.gov_heads
        if last.dep_ == "pobj" and last.head.lower_ in LOCATIVE:
            return False
        if (
            last.ent_type_ in ("ORG", "FAC")
            and last.ent_iob_ != "B"
            and i > 0
            and doc[i - 1].ent_type_ == last.ent_type_
        ):
            return False
        return True

    def _ent_beats_gazetteer(self, ent: Any, taken: dict[int, tuple[int, int, Entry]]) -> bool:
        spans = {taken[t][:2] for t in range(ent.start, ent.end) if t in taken}
        covered = sum(b - a for a, b in spans)
        if covered >= len(ent):
            return False
        head = ent[-1].lower_
        if ent.label_ == "ORG" and (head in self.org_heads or head.rstrip("s") in self.org_heads):
            return True
        if ent.label_ == "PERSON" and len(ent) >= 2 and all(t.is_title for t in ent):
            # "George Washington", "Michael Jordan": a person's name beats a capital or country name in it;
            # a demonym ("Ukrainian President ...") stays a mention of the country.
            return all(taken[t][2].role in (CAPITAL, NAME, ALIAS) for t in range(ent.start, ent.end) if t in taken)
        return False

    def _gaz_mention(self, doc: Any, i: int, j: int, entry: Entry) -> None:
        # Demonyms inside an organisation's name are not mentions of the country.
        rec = self.entry_actor(entry)
        if entry.role == EDITOR and entry.kind == "person":
            rec.name = entry.name
        self._mention(rec, doc, i, j, "gazetteer", entry.role)

    # --- group names ("League of Arab States") ------------------------------------------------------
    def _group_names(self, doc: Any, taken: dict[int, tuple[int, int, Entry]]) -> None:
        text = self.ctx.text
        n = len(doc)
        for i, tok in enumerate(doc):
            if tok.lower_ not in self.group_nouns or i + 2 >= n or doc[i + 1].lower_ != "of":
                continue
            if i in taken:
                continue
            start_char = self.ctx.tstart(tok)
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
                if not t.is_alpha or (not t.is_title and not quoted) or t.lower_ in FUNCTION_WORDS:
                    break
                if "\n" in text[self.ctx.tstart(doc[words_end - 1]) : self.ctx.tstart(t)]:
                    break
                words_end += 1
            if words_end == k:
                continue
            if quoted and not tok.is_title:
                after = text[self.ctx.tend(doc[words_end - 1]) : self.ctx.tend(doc[words_end - 1]) + 3]
                if not re.match(r"^[.,;:!?]?[\"”’']", after):
                    continue
            words = [t.text for t in doc[i:words_end]]
            name = smart_title(words)
            key = f"org:{org_key(name)}"
            rec = self._actor(key, name, "organisation")
            self._mention(rec, doc, i, words_end, "pattern")
            for t in range(i, words_end):
                taken.pop(t, None)

    def _merge_group_names(self) -> None:
        """A group name that extends a shorter one by trailing words (a headline's next word) is the shorter one."""
        groups = [r for r in self.ctx.actors.values() if any(m.via == "pattern" for m in r.mentions)]
        groups.sort(key=lambda r: len(r.key))
        for k, long in enumerate(groups):
            for short in groups[:k]:
                sk = short.key[4:]
                if long.key != short.key and long.key[4:].startswith(sk + " ") and short.key in self.ctx.actors:
                    want = len(sk.split())
                    for m in long.mentions:
                        j, seen = m.i, 0
                        while j < m.j and seen < want:
                            if m.doc[j].lower_ != "the" or seen == 0:
                                seen += 1
                            j += 1
                        m.j = j
                        m.end = self.ctx.tend(m.doc[j - 1])
                        m.key = short.key
                        short.mentions.append(m)
                    del self.ctx.actors[long.key]
                    break
        # the capitalised form names the group
        for rec in groups:
            if rec.key in self.ctx.actors:
                forms = [self.ctx.text[m.start : m.end] for m in rec.mentions]
                best = max(forms, key=lambda f: (" the " in f.lower(), f[:1].isupper(), forms.count(f)))
                rec.name = smart_title(best.split())

    # --- people ------------------------------------------------------------------------------------
    def _clean_person(self, doc: Any, i: int, j: int) -> tuple[int, int] | None:
        # extend over name particles the model leaves out: "Abdel Fattah el-Sisi", "Tamim bin Hamad"
        n = len(doc)
        while j < n and j - i < 6:
            t = doc[j]
            if re.match(r"^(?:el|al|ad|as|ash|ben|bin|abu|ibn|de|da|di|van|von|le|la|du|der)-[A-Z]", t.text):
                j += 1
            elif t.lower_ in NAME_PARTICLES and j + 2 < n and doc[j + 1].text == "-" and doc[j + 2].is_title:
                j += 3
            elif t.lower_ in NAME_PARTICLES and j + 1 < n and doc[j + 1].is_title and doc[j + 1].pos_ == "PROPN":
                j += 2
            else:
                break
        while i < j and (doc[i].lower_.strip(".") in PERSON_TITLES or doc[i].lower_ in ("the", "'s")):
            i += 1
        while j > i and (
            doc[j - 1].lower_ in ("'s", "'", "’s") or doc[j - 1].is_punct or doc[j - 1].lower_ in NAME_SUFFIXES
        ):
            j -= 1
        if i >= j or j - i > 6:
            return None
        toks = doc[i:j]
        if not all(t.is_alpha or "-" in t.text or "'" in t.text or t.text.endswith(".") for t in toks):
            return None
        if not toks[0].text[:1].isupper() or any(t.text.isupper() and len(t.text) > 3 for t in toks):
            return None
        return i, j

    def _described_as_org(self, doc: Any, ent: Any) -> tuple[int, int] | None:
        """A name in apposition with a kind of organisation is that organisation, even when the model took
        it for a person or cut it short: "IF Metall, the largest union, said"."""
        if not any(c.dep_ == "appos" and c.lemma_.lower() in self.org_heads for c in ent.root.children):
            return None
        i = ent.start
        while i > 0 and (doc[i - 1].pos_ == "PROPN" or (doc[i - 1].is_upper and len(doc[i - 1]) >= 2)):
            i -= 1
        return i, ent.end

    def _persons(self, pending: list[tuple[Any, int, int, str]]) -> None:
        cleaned = []
        for doc, i, j, kind in pending:
            span = self._clean_person(doc, i, j)
            if span is None:
                continue
            i, j = span
            if self.ctx.gaz.lookup_text(doc[i:j].text) is not None:
                continue
            cleaned.append((doc, i, j, kind))
        # full names first (body before headings), then single names
        for doc, i, j, _kind in sorted(cleaned, key=lambda x: (x[3] != BODY, self.ctx.tstart(x[0][x[1]]))):
            if j - i < 2:
                continue
            tokens = [t.text for t in doc[i:j]]
            skey = surname_key(tokens[-1])
            entries = self.persons_full.setdefault(skey, [])
            fkey = surname_key(tokens[0])
            pkey = None
            for key, toks in entries:
                if (
                    surname_key(toks[0]) == fkey
                    or len(entries) == 1
                    and (len(toks) != len(tokens) or fkey[:1] == surname_key(toks[0])[:1])
                ):
                    pkey = key
                    break
            if pkey is None:
                pkey = f"person:{skey}" if not entries else f"person:{fkey}.{skey}"
                entries.append((pkey, tokens))
                self._actor(
                    pkey, " ".join(self.ctx.text[self.ctx.tstart(doc[i]) : self.ctx.tend(doc[j - 1])].split()), "person"
                )
            self._mention(self.ctx.actors[pkey], doc, i, j, "ner")
        for doc, i, j, kind in cleaned:
            if j - i >= 2:
                continue
            self._single_name(doc, i, kind)

    def _single_name(self, doc: Any, i: int, kind: str, via: str = "ner") -> bool:
        word = doc[i].text
        key = surname_key(word)
        pos = self.ctx.tstart(doc[i])
        target = None
        if key in self.persons_full:
            options = self.persons_full[key]
            target = options[0][0]
            if len(options) > 1:  # the nearest full name before this mention
                best = -1
                for pkey, _toks in options:
                    for m in self.ctx.actors[pkey].mentions:
                        if best < m.start <= pos:
                            best, target = m.start, pkey
        else:
            for entries in self.persons_full.values():
                for pkey, toks in entries:
                    if len(toks) == 2 and surname_key(toks[0]) == key:
                        target = pkey  # family name first ("Xi" of "Xi Jinping")
            if target is None:
                target = self._inner_names().get(key) or None
        if target is None:
            if via != "ner" or kind != BODY:
                return False
            prev = doc[i - 1].lower_ if i > 0 else ""
            if prev in LOCATIVE and prev not in ("and", "as", "of"):
                return False
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if doc[i].dep_ == "conj" and doc[i].head.ent_type_ in ("GPE", "LOC", "FAC"):
                return False
            if nxt is not None and nxt.dep_ == "conj" and nxt.ent_type_ in ("GPE", "LOC"):
                return False
            target = f"person:{key}"
            self._actor(target, word, "person")
            self.persons_full.setdefault(key, []).append((target, [word]))
        self._mention(self.ctx.actors[target], doc, i, i + 1, via)
        return True

    # --- organisations -----------------------------------------------------------------------------
    def _orgs(self, pending: list[tuple[Any, int, int, str]]) -> None:
        counts: dict[str, int] = {}
        items = []
        for doc, i, j, kind in pending:
            while i < j and doc[i].lower_ in ("the", "a", "an"):
                i += 1
            while j > i and (doc[j - 1].lower_ in ("'s", "'", "’s") or doc[j - 1].is_punct):
                j -= 1
            if i >= j:
                continue
            text = doc[i:j].text
            if j - i == 1 and self._single_name(doc, i, kind, via="org"):
                continue
            if self._org_is_person(doc, i, j, kind):
                continue
            if any(t.is_alpha and t.is_lower and t.lower_ not in FUNCTION_WORDS for t in doc[i:j]):
                continue  # "the European steel federation": a description, not a name
            if any(c.isdigit() for c in text) or "\n" in text:
                continue
            entry = self.ctx.gaz.lookup_text(text)
            if entry is not None:
                self._mention(self.entry_actor(entry), doc, i, j, "gazetteer", entry.role)
                continue
            if kind == HEADING:
                continue
            words = text.split()
            if j - i > 1 and words[-1].lower().rstrip("s") in DOCUMENT_HEADS:
                continue
            if j - i == 1:
                if not (text.isupper() and len(text) >= 2) and text.lower() in GENERIC_ORG:
                    continue
            elif words[-1].lower() in ("kills", "says", "said", "warns"):
                continue
            if not doc[i].text[:1].isupper():
                continue
            last = doc[j - 1]
            if (
                j - i == 1
                and last.dep_ in ("compound", "amod", "nmod")
                and last.head.pos_ == "NOUN"
                and last.head.i > last.i
                and last.head.lower_ not in self.org_heads
                and not text.isupper()
            ):
                continue  # a product or model name before a noun: "Patriot batteries"
            counts[org_key(text)] = counts.get(org_key(text), 0) + 1
            items.append((doc, i, j, text))
        # "the Health Service Executive (HSE)": the acronym in brackets is the same organisation
        acronyms: dict[str, str] = {}
        for doc, i, j, text in items:
            if j - i > 1 and j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
                acronym = doc[j + 1].text
                if acronym.isupper() and len(acronym) >= 2:
                    acronyms[org_key(acronym)] = org_key(text)
        for doc, i, j, text in items:
            key = org_key(text)
            if j - i == 1 and not text.isupper() and counts[key] < 2:
                continue
            full = acronyms.get(key)
            existing = self._merge_org(full) if full else None
            existing = existing or self._merge_org(key)
            rec = existing or self._actor(f"org:{key}", text, "organisation")
            self._mention(rec, doc, i, j, "ner")

    def _org_is_person(self, doc: Any, i: int, j: int, kind: str) -> bool:
        """The model sometimes labels a titled name as ORG: "Chancellor Olaf Scholz"."""
        if not 2 <= j - i <= 4 or not all(t.is_title and t.is_alpha for t in doc[i:j]):
            return False
        last = doc[j - 1].lower_
        if last in self.org_heads or last.rstrip("s") in self.org_heads:
            return False
        skey = surname_key(doc[j - 1].text)
        known = skey in self.persons_full
        titled = i > 0 and doc[i - 1].lower_ in self.title_words
        if not (known or titled):
            return False
        self._persons([(doc, i, j, kind)])
        return True

    def _inner_names(self) -> dict[str, str]:
        """The usual short name inside a long one ("Lula" of "Luiz Inacio Lula da Silva") -> that person;
        "" when two long names share it."""
        inner: dict[str, str] = {}
        for entries in self.persons_full.values():
            for pkey, toks in entries:
                if len(toks) < 4:
                    continue
                for t in toks[1:-1]:
                    if t[:1].isupper() and t.lower() not in NAME_PARTICLES:
                        key = surname_key(t)
                        inner[key] = pkey if inner.get(key, pkey) == pkey else ""
        return inner

    def _surname_sweep(self) -> None:
        """Surnames the model missed: any capitalised token (pair) that ends a full name seen in the article."""
        last_two: dict[tuple[str, str], str] = {}
        inner = self._inner_names()
        for skey, entries in self.persons_full.items():
            for pkey, toks in entries:
                if len(toks) >= 3:
                    last_two[(surname_key(toks[-2]), skey)] = pkey
        for _base, doc, kind in self.ctx.docs:
            if kind not in ACTOR_BLOCKS:
                continue
            for i, tok in enumerate(doc):
                if not tok.is_title or tok.pos_ != "PROPN" or self.ctx.mentions_at(tok):
                    continue
                skey = surname_key(tok.text)
                if i > 0 and (surname_key(doc[i - 1].text), skey) in last_two and not self.ctx.mentions_at(doc[i - 1]):
                    self._mention(
                        self.ctx.actors[last_two[(surname_key(doc[i - 1].text), skey)]], doc, i - 1, i + 1, "surname"
                    )
                    continue
                known = self.persons_full.get(skey)
                if not known and inner.get(skey):
                    if not (i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN"):
                        self._mention(self.ctx.actors[inner[skey]], doc, i, i + 1, "surname")
                    continue
                if known and len(known) == 1 and len(known[0][1]) >= 2:
                    if i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN":
                        continue  # part of another name
                    self._mention(self.ctx.actors[known[0][0]], doc, i, i + 1, "surname")

    def _merge_org(self, key: str) -> ActorRec | None:
        """An organisation name that extends a known one by trailing words (a headline) is that one."""
        for rec in self.ctx.actors.values():
            if rec.kind in ("organisation", "group") and rec.key.startswith("org:"):
                k = rec.key[4:]
                if key == k or key.startswith(k + " "):
                    return rec
        return None

    # --- titles ------------------------------------------------------------------------------------
    def _title_at(self, doc: Any, i: int) -> tuple[int, str] | None:
        if doc[i].lower_ not in self.title_firsts:
            return None
        for t in self.titles:
            if i + len(t) <= len(doc) and all(doc[i + k].lower_ == t[k] for k in range(len(t))):
                return i + len(t), " ".join(t)
        return None

    def _country_before(self, doc: Any, i: int) -> str | None:
        """Country of a title: "French president", "U.K. premier", "Ukraine's President"."""
        for k in range(i - 1, max(-1, i - 4), -1):
            for m in self.ctx.mentions_at(doc[k]):
                rec = self.ctx.actors.get(m.key)
                if rec is not None and rec.kind == "country":
                    return rec.code
            if doc[k].pos_ in ("VERB", "AUX", "ADP") or doc[k].is_punct and doc[k].text not in ("'s", "."):
                break
        return None

    @staticmethod
    def _role(title: str) -> str:
        return {"premier": "prime minister", "leader": "leader"}.get(title, title)

    def _titles(self) -> None:
        # 1. roles of named people: "French President <First> <Last>"
        for rec in list(self.ctx.actors.values()):
            if rec.kind != "person":
                continue
            for m in rec.mentions:
                doc = m.doc
                k = m.i - 1
                title = None
                # walk back over the title words directly before the name
                while k >= 0 and doc[k].is_alpha and doc[k].lower_ in self.title_words:
                    k -= 1
                for s in range(k + 1, m.i):
                    hit = self._title_at(doc, s)
                    if hit and hit[0] == m.i:
                        title = hit[1]
                        break
                    if hit and title is None:
                        title = hit[1]
                if title is None:
                    continue
                code = self._country_before(doc, k + 1)
                role = self._role(title)
                self.ctx.roles[(code, role)] = rec.key
                self.ctx.roles.setdefault((None, role), rec.key)
                if code:
                    self.ctx.roles[(code, "leader")] = self.ctx.roles.get((code, "leader"), rec.key)
        if not self.ctx.roles:
            return
        # 2. "the French president", "the president of France", "Russia's foreign minister"
        for _base, doc, kind in self.ctx.docs:
            if kind not in ACTOR_BLOCKS:
                continue
            for tok in doc:
                if tok.lower_ not in self.title_firsts:
                    continue
                i = tok.i
                hit = self._title_at(doc, i)
                if hit is None:
                    continue
                end, title = hit
                if (
                    end < len(doc)
                    and self.ctx.mentions_at(doc[end])
                    and any(self.ctx.actors[m.key].kind == "person" for m in self.ctx.mentions_at(doc[end]))
                ):
                    continue  # a name follows: already handled
                if end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
                    continue
                if any(self.ctx.actors[m.key].kind == "person" for m in self.ctx.mentions_at(doc[i])):
                    continue
                code = self._country_before(doc, i)
                start = i
                if code is not None:
                    while start > 0 and any(
                        self.ctx.actors[m.key].kind == "country" for m in self.ctx.mentions_at(doc[start - 1])
                    ):
                        start -= 1
                elif end + 1 < len(doc) and doc[end].lower_ == "of":
                    for m in self.ctx.mentions_at(doc[end + 1]):
                        if self.ctx.actors[m.key].kind == "country":
                            code = self.ctx.actors[m.key].code
                            end = m.j
                role = self._role(title)
                key = self.ctx.roles.get((code, role)) if code is not None else None
                if code is None:
                    prev = doc[i - 1].lower_ if i > 0 else ""
                    if prev != "the" or (end < len(doc) and doc[end].lower_ == "of"):
                        continue
                    holders = {v for (c, r), v in self.ctx.roles.items() if r == role}
                    if len(holders) != 1:
                        continue
                    key = holders.pop()
                if key is None:
                    continue
                self._mention(self.ctx.actors[key], doc, start, end, "title")

    # --- "the coalition" ----------------------------------------------------------------------------
    def _group_anaphora(self) -> None:
        """ "the coalition" -> the Coalition of the Willing, "the bank" -> the Bank of England, "the
        commission" -> the European Commission: a definite noun naming the kind of one organisation of
        the article, after that organisation was named. Two organisations with the same head: neither."""
        heads: dict[str, str] = {}
        first_seen: dict[str, int] = {}
        for rec in self.ctx.actors.values():
            if rec.kind != "organisation" or not rec.mentions:
                continue
            words = rec.name.lower().split()
            found: set[str] = set()
            if any(m.via == "pattern" for m in rec.mentions):
                found.add(words[0])
            if len(words) > 1:
                found.update(w for w in (words[0], words[-1]) if w in self.org_heads and w not in VAGUE_HEADS)
            for head in found:
                heads[head] = rec.key if head not in heads else ""
            first_seen[rec.key] = min(m.start for m in rec.mentions)
        if not heads:
            return
        for _base, doc, kind in self.ctx.docs:
            if kind not in ACTOR_BLOCKS:
                continue
            for tok in doc:
                i = tok.i
                if i == 0 or tok.lower_ not in heads:
                    continue
                if heads[tok.lower_] and doc[i - 1].lower_ == "the":
                    if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
                        continue
                    if self.ctx.mentions_at(tok) or self.ctx.tstart(tok) < first_seen[heads[tok.lower_]]:
                        continue
                    self._mention(self.ctx.actors[heads[tok.lower_]], doc, i, i + 1, "anaphor")


def find_actors(ctx: Context) -> None:
    ActorFinder(ctx).run()


# --- resolution helpers used by quotes and commitments ----------------------------------------------


@functools.lru_cache(maxsize=1)
def _gov_heads() -> frozenset[str]:
    return frozenset(load_data()["titles"]["government_heads"])


@functools.lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    """Single-word office titles ("the German foreign minister said": Germany, when no one is named)."""
    return frozenset(t for t in load_data()["titles"]["titles"] if " " not in t) - {"head", "chair", "speaker"}


def np_actors(ctx: Context, head: Any, allow_groups: bool = True) -> list[str]:
    """Actors a noun phrase headed by ``head`` stands for (conjuncts included by the caller)."""
    gov_heads = _gov_heads()
    at_head = ctx.mentions_at(head)
    persons = [m.key for m in at_head if ctx.actors[m.key].kind == "person"]
    if persons:
        return persons[:1]
    if at_head:
        # prefer the longest mention covering the head
        best = max(at_head, key=lambda m: (m.j - m.i, m.via != "gazetteer"))
        rec = ctx.actors[best.key]
        if (
            best.role == DEMONYM
            and rec.kind == "country"
            and head.tag_ in ("NNPS", "NNS")
            and head.lower_.endswith("s")
        ):
            return [best.key]  # "the Ukrainians"
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
    if head.lower_ in PERSON_PRONOUNS or head.lower_ in THING_PRONOUNS:
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
    if lemma in gov_heads or head.lower_ in gov_heads or head.lower_ in _office_words():
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
    person = pron.lower_ in PERSON_PRONOUNS
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
                and c.lower_ not in SPEAKER_NOUNS
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
