"""The alias table (data/*.json plus the editors' aliases) and the spaCy rulers that find it in a text.

Keys are tuples of lower-cased token texts as spaCy's tokenizer splits them. The built-in table is
matched by a ``SpanRuler`` placed first in the spaCy pipeline (so before ``ner``), on ``LOWER``;
case-exact aliases (acronyms such as "US", which must not match the pronoun "us") are then checked
against the text as written. An editors' alias snapshot gets its own ruler, built once per snapshot
(see ``pipeline.gazetteer``); its aliases win over the built-in ones with the same key.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .types import AliasEntry

DATA = Path(__file__).with_name("data")

# Entry roles
NAME, ALIAS, DEMONYM, CAPITAL, METONYM, ORG, EDITOR = "name", "alias", "demonym", "capital", "metonym", "org", "editor"

RULER = "actor_aliases"
_SEP = "\x1f"  # joins a key's tokens into a ruler pattern id
_APOSTROPHES = ("'", "’", "‘")


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # person | country | organisation | group
    code: str | None
    role: str
    surface: tuple[str, ...]  # alias tokens as written, for case-exact aliases
    exact_case: bool


@dataclass(frozen=True)
class AliasHit:
    """An alias-table match over ``doc[start:end]``."""

    start: int
    end: int
    entry: Entry


def _norm_token(text: str) -> str:
    return text.lower().replace("’", "'").replace("‘", "'")


@functools.lru_cache(maxsize=8192)
def _text_key(tokenize: Callable[[str], Sequence[str]], text: str) -> tuple[str, ...]:
    """The table key of a string; the same names come up again and again, and tokenizing them is not free."""
    key = tuple(_norm_token(t) for t in tokenize(text) if t.strip())
    return key[1:] if key and key[0] == "the" else key


@functools.lru_cache(maxsize=1)
def load_data() -> dict[str, Any]:
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    orgs = json.loads((DATA / "organisations.json").read_text(encoding="utf-8"))
    titles = json.loads((DATA / "titles.json").read_text(encoding="utf-8"))
    return {"countries": countries, "orgs": orgs, "titles": titles}


def _is_exact_case(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if c.isupper()) >= max(2, len(letters) - 1)


def _spellings(alias: str) -> list[str]:
    """The alias with each kind of apostrophe, so that "’s" in a text matches "'s" in the table."""
    if not any(a in alias for a in _APOSTROPHES):
        return [alias]
    out: list[str] = []
    for a in _APOSTROPHES:
        spelt = alias
        for b in _APOSTROPHES:
            spelt = spelt.replace(b, a)
        if spelt not in out:
            out.append(spelt)
    return out


def _patterns(aliases: dict[tuple[str, ...], str], label: str) -> list[dict[str, Any]]:
    return [
        {"label": label, "pattern": text, "id": _SEP.join(key)}
        for key, alias in aliases.items()
        for text in _spellings(alias)
    ]


@functools.lru_cache(maxsize=64)
def _names_in_text(text: str, names: tuple[str, ...]) -> bool:
    return re.search(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", text) is not None


class Gazetteer:
    def __init__(self, tokenize: Callable[[str], Sequence[str]]) -> None:
        self._tokenize = tokenize
        self.table: dict[tuple[str, ...], Entry] = {}
        self.aliases: dict[tuple[str, ...], str] = {}  # key -> the alias text it was read from
        self.editor_keys: frozenset[tuple[str, ...]] = frozenset()
        # a generic short name -> the full names (of the body or its parent) the article must also use
        self.short_names: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._ruler: Any = None  # the built-in ruler, for docs parsed without it
        self._editor_ruler: Any = None
        data = load_data()
        for c in data["countries"]["countries"]:
            code = c["code"]
            for alias in c["aliases"]:
                self._add(alias, c["name"], "country", code, NAME if alias == c["name"] else ALIAS)
            for alias in c["demonyms"]:
                self._add(alias, c["name"], "country", code, DEMONYM)
            for alias in c["capitals"]:
                self._add(alias, c["name"], "country", code, CAPITAL)
            for alias in c["metonyms"]:
                self._add(alias, c["name"], "country", code, METONYM)
        for o in data["orgs"]["organisations"]:
            for alias in [o["name"], *o["aliases"]]:
                self._add(alias, o["name"], "organisation", None, ORG)
            for alias in o.get("short_aliases", []):
                self._add(alias, o["name"], "organisation", None, ORG)
                self.short_names[tuple(_norm_token(t) for t in self._tokenize(alias) if t.strip())] = tuple(
                    [o["name"], *o["aliases"], *o.get("parent", [])]
                )
            for seat in o.get("seats", []):
                self._add(seat, o["name"], "organisation", None, CAPITAL)

    def _add(self, alias: str, name: str, kind: str, code: str | None, role: str, override: bool = False) -> None:
        alias = alias.strip()
        if alias.lower().startswith("the "):
            alias = alias[4:]
        if not alias:
            return
        surface = tuple(t for t in self._tokenize(alias) if t.strip())
        if not surface:
            return
        key = tuple(_norm_token(t) for t in surface)
        if key in self.table and not override:
            return
        self.table[key] = Entry(name, kind, code, role, surface, _is_exact_case(alias) and role != EDITOR)
        self.aliases[key] = alias

    # --- rulers ------------------------------------------------------------------------------------
    def install(self, model: Any) -> None:
        """Add the built-in table's ruler at the front of ``model``'s pipeline."""
        ruler = model.add_pipe(
            "span_ruler", name=RULER, first=True, config={"spans_key": RULER, "phrase_matcher_attr": "LOWER"}
        )
        ruler.add_patterns(_patterns(self.aliases, RULER))
        self._ruler = ruler

    def with_editors(self, entries: Iterable[AliasEntry], model: Any) -> Gazetteer:
        """A copy with an editors' alias snapshot layered on top, matched by a ruler of its own."""
        from spacy.pipeline import SpanRuler

        gaz = Gazetteer.__new__(Gazetteer)
        gaz.__dict__.update(self.__dict__)
        gaz.table = dict(self.table)
        gaz.aliases = {}
        for e in entries:
            kind = e.kind if e.kind in ("person", "country", "organisation", "group") else "organisation"
            gaz._add(e.alias, e.name, kind, (e.country_code or None), EDITOR, override=True)
        gaz.editor_keys = frozenset(gaz.aliases)
        gaz.aliases = {**self.aliases, **gaz.aliases}
        # A pipeline of the model's tokenizer alone turns the patterns into docs; the shared model is untouched.
        import spacy

        tokenizer_only = spacy.blank("en", vocab=model.vocab)
        tokenizer_only.tokenizer = model.tokenizer
        ruler = SpanRuler(tokenizer_only, name="editor_aliases", spans_key=None, phrase_matcher_attr="LOWER")
        ruler.add_patterns(_patterns({k: gaz.aliases[k] for k in gaz.editor_keys}, "editor"))
        gaz._editor_ruler = ruler if gaz.editor_keys else None
        return gaz

    def hits(self, doc: Any) -> list[AliasHit]:
        """Longest alias matches, left to right. An alias that is not case-exact matches only when its
        first word is capitalised (or does not start with a letter)."""
        found: list[tuple[int, int, tuple[str, ...]]] = []
        if self._ruler is not None:
            spans = doc.spans[RULER] if RULER in doc.spans else self._ruler.match(doc)
            found.extend(
                (s.start, s.end, key) for s in spans if (key := tuple(s.id_.split(_SEP))) not in self.editor_keys
            )
        if self._editor_ruler is not None:
            found.extend((s.start, s.end, tuple(s.id_.split(_SEP))) for s in self._editor_ruler.match(doc))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        out: list[AliasHit] = []
        pos = 0
        for i, j, key in found:
            if i < pos:
                continue
            entry = self.table[key]
            first = doc[i].text[:1]
            if entry.exact_case:
                if tuple(t.text for t in doc[i:j]) != entry.surface:
                    continue  # "US" must not match the pronoun "us"
            elif not (first.isupper() or not first.isalpha()):
                continue
            out.append(AliasHit(i, j, entry))
            pos = j
        return out

    def short_unresolved(self, alias: str, article: str) -> bool:
        """A generic short name ("Security Council") in an article that never names its body or parent in
        full: it does not stand for the body of the table."""
        if not self.short_names:
            return False
        full = self.short_names.get(_text_key(self._tokenize, alias))
        return full is not None and not _names_in_text(article, full)

    def lookup_text(self, text: str) -> Entry | None:
        """Look a whole string up (an entity's text), case-insensitively."""
        return self.table.get(_text_key(self._tokenize, text))
