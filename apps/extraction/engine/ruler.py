"""spaCy's attribute ruler, its rules looked up in tables instead of run through spaCy's ``Matcher``.

The English model's ``attribute_ruler`` maps tags (and a few words) to POS, morphology and lemmas with
181 patterns, 173 of them one token long, none with an operator. spaCy's ``Matcher`` tests every
pattern at every token, and the component then builds a ``Span`` per match: together about a fifth of
the whole pipeline's time (docs/engine.md, Speed). A pattern without operators matches at token i
exactly when each of its tokens passes its attribute tests there, so the rules are looked up instead:
by the first token's tag (or word), and the answer for a token's attribute values is kept, as the same
values recur all the time. The matches are the same (rule, id, start, end) list, sorted the same way,
and each is applied with spaCy's own ``set_token_attrs`` to the same token, in the same order: the
tags, POS, morphology and lemmas are those of the stock component. A model with a rule the tables
cannot answer (an operator, another attribute or predicate) keeps the stock component.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.strings import get_string_id
from spacy.tokens._retokenize import set_token_attrs

# the token attributes the rules may test, in the order of a token's key
_KEY_ATTRS = [TAG, LOWER, ORTH, DEP, IS_SPACE]
_KEY_NAMES = ("TAG", "LOWER", "ORTH", "DEP", "IS_SPACE")
_TAG, _LOWER, _ORTH = 0, 1, 2
# distinct keys kept (about 350 bytes each): the first ones seen, which are the frequent ones; a key past
# the cap is answered without being kept (the quick and dev corpora have 20,000 keys, a 1 MB article more)
_CACHE_MAX = 5_000

# (key position, ids or a pattern to search, whether the value must be among the ids / match the pattern)
Test = tuple[int, frozenset[int] | re.Pattern[str], bool]


def token_tests(spec: Any, strings: Any) -> tuple[Test, ...] | None:
    """One pattern token's tests, or None if a lookup cannot answer it. Values are converted as spaCy's
    Matcher converts them: strings to ids, booleans to 0/1, ``IN``/``NOT_IN`` members to ids (the empty
    string to 0: no value); ``REGEX`` searches the attribute's string."""
    if not isinstance(spec, dict):
        return None
    tests: list[Test] = []
    for name, value in spec.items():
        if name not in _KEY_NAMES:
            return None  # OP, other attributes, names not in capitals
        pos = _KEY_NAMES.index(name)
        flag = name == "IS_SPACE"
        if isinstance(value, bool) and flag:
            tests.append((pos, frozenset({int(value)}), True))
        elif isinstance(value, str) and not flag:
            tests.append((pos, frozenset({strings.add(value)}), True))
        elif isinstance(value, dict) and len(value) == 1 and not flag:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                tests.append((pos, frozenset(get_string_id(v) for v in arg), op == "IN"))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append((pos, re.compile(arg), True))
            else:
                return None
        else:
            return None
    return tuple(tests)


class _Rule:
    __slots__ = ("number", "match_id", "tokens", "attrs", "index")

    def __init__(self, number: int, match_id: int, tokens: list[tuple[Test, ...]], attrs: Any, index: int):
        self.number = number
        self.match_id = match_id
        self.tokens = tokens
        self.attrs = attrs
        self.index = index


class LookupRules:
    """``match`` and ``set_annotations`` for one ``AttributeRuler`` whose rules all have a lookup
    (``LookupRules.build`` says None otherwise)."""

    def __init__(self, ruler: Any, rules: list[_Rule]) -> None:
        self._strings = ruler.vocab.strings
        self._rules = rules
        # a token's key holds only the attributes some rule tests (the shipped model's rules never test
        # ORTH): fewer distinct keys, so the cache below answers more tokens and stays smaller
        used = sorted({pos for rule in rules for tests in rule.tokens for pos, _a, _w in tests})
        self._key_attrs = [_KEY_ATTRS[pos] for pos in used]
        at = {pos: k for k, pos in enumerate(used)}
        for rule in rules:
            rule.tokens = [tuple((at[pos], a, w) for pos, a, w in tests) for tests in rule.tokens]
        self._index = [at[pos] for pos in (_TAG, _LOWER, _ORTH) if pos in at]
        self._by_value: dict[tuple[int, int], list[_Rule]] = {}  # (key position, id) -> rules
        self._always: list[_Rule] = []
        for rule in rules:
            # indexed under one positive test of its first token (its tag if it has one, else its word):
            # each rule is a candidate at most once per token
            first = {k: accepted for k, accepted, wanted in rule.tokens[0] if wanted}
            for k in self._index:
                accepted = first.get(k)
                if isinstance(accepted, frozenset):
                    for value in accepted:
                        self._by_value.setdefault((k, value), []).append(rule)
                    break
            else:
                self._always.append(rule)
        self._cache: dict[tuple[int, ...], list[_Rule]] = {}

    @classmethod
    def build(cls, ruler: Any) -> LookupRules | None:
        strings = ruler.vocab.strings
        rules = []
        for number, pattern in enumerate(ruler.patterns):
            alternatives = pattern["patterns"]
            if len(alternatives) != 1 or not alternatives[0]:
                return None
            tokens = [token_tests(spec, strings) for spec in alternatives[0]]
            size, index = len(tokens), pattern["index"]
            if any(t is None for t in tokens) or not -size <= index < size:
                return None  # the stock component also raises its error for an index outside the match
            rules.append(_Rule(number, strings.add(str(number)), tokens, ruler.attrs[number], index))  # type: ignore[arg-type]
        return cls(ruler, rules)

    def _passes(self, key: tuple[int, ...], tests: tuple[Test, ...]) -> bool:
        for pos, accepted, wanted in tests:
            if isinstance(accepted, frozenset):
                if (key[pos] in accepted) is not wanted:
                    return False
            elif not accepted.search(self._strings[key[pos]]):
                return False
        return True

    def _starting(self, key: tuple[int, ...]) -> list[_Rule]:
        """The rules whose first token passes at a token with these attribute values, in rule order."""
        candidates = list(self._always)
        for k in self._index:
            candidates += self._by_value.get((k, key[k]), [])
        found = sorted((r for r in candidates if self._passes(key, r.tokens[0])), key=lambda r: r.number)
        if len(self._cache) < _CACHE_MAX:
            self._cache[key] = found
        return found

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (rule number, match id, start, end), sorted."""
        matches: list[tuple[int, int, int, int]] = []
        n = len(doc)
        if not n:
            return matches
        keys = list(map(tuple, doc.to_array(self._key_attrs).tolist())) if self._key_attrs else [()] * n
        cache = self._cache
        for i, key in enumerate(keys):
            found = cache.get(key)
            if found is None:
                found = self._starting(key)
            for r in found:
                size = len(r.tokens)
                if size == 1:
                    matches.append((r.number, r.match_id, i, i + 1))
                elif i + size <= n and all(self._passes(keys[i + k], r.tokens[k]) for k in range(1, size)):
                    matches.append((r.number, r.match_id, i, i + size))
        matches.sort()
        return matches

    def set_annotations(self, doc: Any, matches: list[tuple[int, int, int, int]]) -> None:
        """``AttributeRuler.set_annotations`` without a ``Span`` per match: the same token gets the same
        attributes in the same order."""
        rules = self._rules
        for number, _match_id, start, end in matches:
            rule = rules[number]
            set_token_attrs(doc[(start if rule.index >= 0 else end) + rule.index], rule.attrs)


def speed_up(model: Any, name: str = "attribute_ruler") -> bool:
    """Give the model's attribute ruler the lookup tables, if they can answer all its rules."""
    if name not in model.pipe_names:
        return False
    ruler = model.get_pipe(name)
    lookup = LookupRules.build(ruler)
    if lookup is None:
        return False
    # instance attributes: AttributeRuler.__call__ runs self.match, then self.set_annotations
    ruler.match = lookup.match
    ruler.set_annotations = lookup.set_annotations
    return True


@contextmanager
def stock(model: Any, name: str = "attribute_ruler") -> Iterator[None]:
    """spaCy's own attribute ruler for the duration: the benchmark's bare-spaCy baseline runs it."""
    ruler = model.get_pipe(name) if name in model.pipe_names else None
    saved = {k: ruler.__dict__.pop(k) for k in ("match", "set_annotations") if k in ruler.__dict__} if ruler else {}
    try:
        yield
    finally:
        if ruler is not None:
            ruler.__dict__.update(saved)
