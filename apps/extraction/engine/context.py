"""Shared state of one extraction: texts, blocks, spaCy docs, sentences, actors and their mentions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, IS_TITLE, LEMMA, LIKE_NUM, LOWER, POS

from .clean import BODY, Block
from .gazetteer import Gazetteer


@dataclass
class Sent:
    start: int
    end: int
    span: Any  # spacy.tokens.Span
    kind: str  # block kind
    base: int  # offset of the span's doc in the text
    index: int = 0


# hash -> string, shared by all docs: spaCy's hashes of a string never change, and most words recur, so a
# dict lookup replaces most StringStore decodes; cleared when large so a long-lived worker stays bounded
_DECODED: dict[int, str] = {}
_DECODED_MAX = 200_000


def _decode(strings: Any, hashes: list[int]) -> list[str]:
    missing = set(hashes).difference(_DECODED)
    if missing:
        if len(_DECODED) + len(missing) > _DECODED_MAX:
            _DECODED.clear()
            missing = set(hashes)
        for h in missing:
            _DECODED[h] = strings[h]
    return list(map(_DECODED.__getitem__, hashes))


class TokAttrs:
    """Per-token strings of one doc, by token index, read once with ``doc.to_array``: a rule can test a
    token's word, lemma, POS or dependency without building its Token object (``doc[i]``, iterating a
    span and ``tok.lemma_`` each build Python objects, the bulk of the rules' own time)."""

    __slots__ = ("lower", "lemma", "llemma", "pos", "dep", "like_num", "is_title")

    def __init__(self, doc: Any) -> None:
        strings = doc.vocab.strings
        cols = doc.to_array([LOWER, LEMMA, POS, DEP, LIKE_NUM, IS_TITLE]).T.tolist()
        self.lower: list[str] = _decode(strings, cols[0])
        self.lemma: list[str] = _decode(strings, cols[1])
        self.llemma: list[str] = list(map(str.lower, self.lemma))  # lemma_.lower(), as the rules compare it
        self.pos: list[str] = _decode(strings, cols[2])
        self.dep: list[str] = _decode(strings, cols[3])
        self.like_num: list[bool] = list(map(bool, cols[4]))
        self.is_title: list[bool] = list(map(bool, cols[5]))


@dataclass(frozen=True)
class Mention:
    """One place an actor is named; added by the actor stages, never changed afterwards."""

    start: int
    end: int
    key: str
    doc: Any
    i: int  # first token (in doc)
    j: int  # after last token
    via: str  # ner | gazetteer | title | pattern | surname | anaphor | ministry | government
    role: str = ""  # gazetteer role: demonym, capital, ...


@dataclass
class ActorRec:
    key: str
    name: str
    kind: str
    code: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    body: bool = False  # mentioned in the body (not only in headings/captions)


class Context:
    def __init__(self, text: str, work: str, blocks: list[Block], gazetteer: Gazetteer) -> None:
        self.text = text
        self.work = work
        self.blocks = blocks
        self.block_starts = [b.start for b in blocks]
        self.gaz = gazetteer
        self.docs: list[tuple[int, Any, str]] = []  # (base, doc, block kind)
        self._ents: dict[int, tuple[Any, tuple[Any, ...], list[int]]] = {}  # id(doc) -> (doc, its ents, their starts)
        self._attrs: dict[int, tuple[Any, TokAttrs]] = {}  # id(doc) -> (doc, its token strings)
        self.sents: list[Sent] = []
        self.sent_starts: list[int] = []
        self.actors: dict[str, ActorRec] = {}
        self.mentions: list[Mention] = []
        self.mention_starts: list[int] = []
        self._indexed = 0  # how many mentions the index below covers
        self.tok_mentions: dict[tuple[int, int], list[Mention]] = {}
        self.quote_spans: list[tuple[int, int]] = []
        self.quote_starts: list[int] = []
        self.roles: dict[tuple[str | None, str], str] = {}  # (country code, role) -> person key
        self.warnings: list[str] = []

    def add_docs(self, docs: list[tuple[int, Any, str]]) -> None:
        """Take the parsed chunks; index their sentences and entities once for all the stages."""
        self.docs = docs
        work = self.work
        for base, doc, kind in docs:
            for s in doc.sents:
                # the doc's text is work[base:...], so the slice is s.text without building its tokens
                if not work[base + s.start_char : base + s.end_char].strip():
                    continue
                self.sents.append(Sent(base + s.start_char, base + s.end_char, s, kind, base, len(self.sents)))
        self.sent_starts = [s.start for s in self.sents]

    def _ent_index(self, doc: Any) -> tuple[Any, tuple[Any, ...], list[int]]:
        # doc.ents builds new Span objects on every call: read once per doc, shared by every stage (the doc
        # is kept with them, so that its id is not reused while this context lives)
        index = self._ents.get(id(doc))
        if index is None:
            ents = doc.ents
            index = self._ents[id(doc)] = (doc, ents, [e.start for e in ents])
        return index

    def ents(self, doc: Any) -> tuple[Any, ...]:
        """``doc.ents``, read once per doc."""
        return self._ent_index(doc)[1]

    def sent_ents(self, sent: Sent) -> list[Any]:
        """``sent.span.ents`` (the entities wholly inside the sentence), from the doc's index."""
        _doc, ents, starts = self._ent_index(sent.span.doc)
        out = []
        for k in range(bisect_left(starts, sent.span.start), len(ents)):
            if ents[k].end > sent.span.end:
                break
            out.append(ents[k])
        return out

    def attrs(self, doc: Any) -> TokAttrs:
        """The doc's token strings (see ``TokAttrs``), built once per doc and shared by every stage."""
        found = self._attrs.get(id(doc))
        if found is None:
            found = self._attrs[id(doc)] = (doc, TokAttrs(doc))  # the doc is kept so that its id stays unique
        return found[1]

    # --- positions -------------------------------------------------------------------------------
    @staticmethod
    def tstart(tok: Any) -> int:
        return int(tok.doc.user_data["base"] + tok.idx)

    @staticmethod
    def tend(tok: Any) -> int:
        end = int(tok.doc.user_data["base"] + tok.idx + len(tok))
        # a word joined across a line-end hyphen ends, in the text, where its second part ends
        return tok.doc.user_data.get("stretch", {}).get(end, end)

    def block_at(self, pos: int) -> Block | None:
        i = bisect_right(self.block_starts, pos) - 1
        if i >= 0 and self.blocks[i].start <= pos < self.blocks[i].end:
            return self.blocks[i]
        return None

    def kind_at(self, pos: int) -> str:
        b = self.block_at(pos)
        return b.kind if b else BODY

    def sent_at(self, pos: int) -> Sent | None:
        i = bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sents[i].start <= pos < self.sents[i].end:
            return self.sents[i]
        return None

    def in_quote(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quote_spans[i][0] <= pos < self.quote_spans[i][1]:
            return self.quote_spans[i]
        return None

    def set_quotes(self, spans: list[tuple[int, int]]) -> None:
        self.quote_spans = sorted(spans)
        self.quote_starts = [s for s, _ in self.quote_spans]

    # --- mentions --------------------------------------------------------------------------------
    def index_mentions(self) -> None:
        if len(self.mentions) == self._indexed:
            return  # mentions are only ever added: with none new since the last call, the index stands
        self._indexed = len(self.mentions)
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self.mention_starts = [m.start for m in self.mentions]
        self.tok_mentions = {}
        for m in self.mentions:
            for i in range(m.i, m.j):
                self.tok_mentions.setdefault((id(m.doc), i), []).append(m)

    def mentions_at(self, tok: Any) -> list[Mention]:
        return self.tok_mentions.get((id(tok.doc), tok.i), [])

    def mentions_before(self, pos: int, window: int = 3000) -> list[Mention]:
        """Mentions ending before pos, nearest first, within ``window`` characters."""
        hi = bisect_left(self.mention_starts, pos)
        lo = bisect_left(self.mention_starts, pos - window)
        out = [m for m in self.mentions[lo:hi] if m.end <= pos]
        out.reverse()
        return out
