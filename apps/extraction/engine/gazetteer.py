"""The built-in alias table (data/*.json) and a token matcher over it.

Keys are tuples of lower-cased token texts as spaCy's tokenizer splits them, so a
match is one dictionary lookup per candidate length: linear in the number of tokens.
Editors' aliases (from the database) are layered on top and win over the built-in table.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .normalize import normalize_alias
from .types import AliasEntry

DATA = Path(__file__).with_name("data")

# Entry roles
NAME, ALIAS, DEMONYM, CAPITAL, METONYM, ORG, EDITOR = "name", "alias", "demonym", "capital", "metonym", "org", "editor"


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


@functools.lru_cache(maxsize=1)
def load_data() -> dict:
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    orgs = json.loads((DATA / "organisations.json").read_text(encoding="utf-8"))
    titles = json.loads((DATA / "titles.json").read_text(encoding="utf-8"))
    return {"countries": countries, "orgs": orgs, "titles": titles}


def _is_exact_case(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if c.isupper()) >= max(2, len(letters) - 1)


class Gazetteer:
    def __init__(self, tokenize: Callable[[str], Sequence[str]], editors: Iterable[AliasEntry] = ()) -> None:
        self._tokenize = tokenize
        self.table: dict[tuple[str, ...], Entry] = {}
        self.firsts: set[str] = set()
        self.maxlen = 1
        self.country_by_code: dict[str, str] = {}
        self.demonym_code: dict[str, str] = {}
        data = load_data()
        for c in data["countries"]["countries"]:
            code = c["code"]
            self.country_by_code[code] = c["name"]
            for alias in c["aliases"]:
                self._add(alias, c["name"], "country", code, NAME if alias == c["name"] else ALIAS)
            for alias in c["demonyms"]:
                self._add(alias, c["name"], "country", code, DEMONYM)
                self.demonym_code[alias.lower()] = code
            for alias in c["capitals"]:
                self._add(alias, c["name"], "country", code, CAPITAL)
            for alias in c["metonyms"]:
                self._add(alias, c["name"], "country", code, METONYM)
        for o in data["orgs"]["organisations"]:
            for alias in [o["name"], *o["aliases"]]:
                self._add(alias, o["name"], "organisation", None, ORG)
            for seat in o.get("seats", []):
                self._add(seat, o["name"], "organisation", None, CAPITAL)
        for e in editors:
            self.add_editor(e)

    def add_editor(self, e: AliasEntry) -> None:
        kind = e.kind if e.kind in ("person", "country", "organisation", "group") else "organisation"
        self._add(e.alias, e.name, kind, (e.country_code or None), EDITOR, override=True)

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
        self.firsts.add(key[0])
        self.maxlen = max(self.maxlen, len(key))

    def lookup_text(self, text: str) -> Entry | None:
        """Look a whole string up (an entity's text), case-insensitively."""
        key = tuple(_norm_token(t) for t in self._tokenize(text) if t.strip())
        if key and key[0] == "the":
            key = key[1:]
        return self.table.get(key)

    def hits(self, doc: Any) -> list[AliasHit]:
        return [AliasHit(i, j, e) for i, j, e in self.match([t.text for t in doc])]

    def match(self, words: Sequence[str]) -> list[tuple[int, int, Entry]]:
        """Longest matches, left to right, over token texts."""
        lowers = [_norm_token(w) for w in words]
        out: list[tuple[int, int, Entry]] = []
        n = len(words)
        i = 0
        while i < n:
            if lowers[i] not in self.firsts:
                i += 1
                continue
            hit = None
            for length in range(min(self.maxlen, n - i), 0, -1):
                entry = self.table.get(tuple(lowers[i : i + length]))
                if entry is None:
                    continue
                if entry.exact_case:
                    if tuple(words[i : i + length]) != entry.surface:
                        continue
                elif not (words[i][:1].isupper() or not words[i][:1].isalpha()):
                    continue
                hit = (i, i + length, entry)
                break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out


def editor_lookup(entries: Iterable[AliasEntry]) -> dict[str, AliasEntry]:
    return {normalize_alias(e.alias): e for e in entries}
