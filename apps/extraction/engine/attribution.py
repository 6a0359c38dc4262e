"""Attribution patterns: which phrase of a sentence speaks for a verb, as spaCy matcher patterns.

The patterns are data (``data/speakers.json``: ``speaker_patterns`` for the `DependencyMatcher`,
``according_to`` for the `Matcher`), tried in the order they are listed:

- ``speech_agent``: the agent of a passive speech verb ("she was told by the minister" → the minister);
- ``subject``: the verb's subject ("the minister said", "said the minister");
- ``shared_subject``: a verb with no subject of its own takes its governor's ("the group opposed the plan
  and said ...");
- ``document_object``: a document the parse put after a speech verb as its object ('"...", read the
  statement' → the statement, which speakers.py then gives to whoever issued it);
- ``agent``: the agent of any passive verb ("the plan was defended by the mayor:").

Speed: spaCy's `DependencyMatcher` runs over every token of a chunk (3-14 ms per 4,000-character chunk
with these patterns, measured 2026-12-02: +5% on the whole engine), while attribution only ever asks about
a few verbs. So the same patterns are evaluated anchored at the verb asked about (``speaker_phrases``:
only the ">" and "<" operators and token attributes the patterns use, a handful of lookups per verb), and
``tests/engine/test_attribution_patterns.py`` checks that spaCy's `DependencyMatcher`, given the same
patterns, finds the same speakers. Turning the phrase into an actor is speakers.py's and quotes.py's job.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

_DATA = json.loads((Path(__file__).parent / "data" / "speakers.json").read_text(encoding="utf-8"))
SPEECH_VERBS = frozenset(_DATA["speech_verbs"])
# A short fragment in marks is a quote when one of these verbs (outside it) governs it: 'X called the plan
# "a non-starter"', 'Y said the minister should "move on"' (not a scare quote or a name).
FRAGMENT_VERBS = SPEECH_VERBS | frozenset(_DATA["fragment_verbs"])
RULES = tuple(k for k in _DATA["speaker_patterns"] if not k.startswith("_"))
_VERB_ANCHORS = ({"POS": {"IN": ["VERB", "AUX"]}}, {"LEMMA": {"IN": sorted(SPEECH_VERBS)}})


def _lists(node: dict[str, Any]) -> dict[str, Any]:
    """A pattern node with its "$list_name" values spelt out from the word lists of speakers.json."""
    attrs = {}
    for key, want in node["RIGHT_ATTRS"].items():
        if isinstance(want, dict) and isinstance(want.get("IN"), str) and want["IN"].startswith("$"):
            want = {"IN": sorted(_DATA[want["IN"][1:].lower()])}
        attrs[key] = want
    return {**node, "RIGHT_ATTRS": attrs}


def _expand(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The pattern with its word lists spelt out and its verb anchor too: a verb, or any word whose lemma
    is a speech verb (the small model tags some speech verbs as nouns or adjectives)."""
    anchor, rest = pattern[0], [_lists(node) for node in pattern[1:]]
    if "LEMMA" in anchor["RIGHT_ATTRS"]:
        return [[_lists(anchor), *rest]]  # an anchor naming its own words
    attrs = anchor["RIGHT_ATTRS"]
    return [[{**anchor, "RIGHT_ATTRS": {**attrs, **extra}}, *rest] for extra in _VERB_ANCHORS]


PATTERNS = {rule: _expand(_DATA["speaker_patterns"][rule]) for rule in RULES}
_ATTRS = {"DEP": "dep_", "POS": "pos_", "LEMMA": "lemma_", "LOWER": "lower_", "ORTH": "text"}


def _fits(tok: Any, attrs: dict[str, Any]) -> bool:
    """The token has the attributes a pattern node asks for (a value, or {"IN": [...]})."""
    for key, want in attrs.items():
        value = getattr(tok, _ATTRS[key])
        if isinstance(want, dict):
            if value not in want["IN"]:
                return False
        elif value != want:
            return False
    return True


def _nodes(pattern: list[dict[str, Any]], verb: Any) -> list[dict[str, Any]]:
    """Every way the pattern fits with its anchor at ``verb``: node name → token (">" child, "<" head)."""
    if not _fits(verb, pattern[0]["RIGHT_ATTRS"]):
        return []
    found = [{pattern[0]["RIGHT_ID"]: verb}]
    for node in pattern[1:]:
        grown: list[dict[str, Any]] = []
        for match in found:
            left = match[node["LEFT_ID"]]
            if node["REL_OP"] == ">":
                candidates = list(left.children)
            else:  # "<": the head (the root has none)
                candidates = [left.head] if left.head.i != left.i else []
            grown.extend({**match, node["RIGHT_ID"]: t} for t in candidates if _fits(t, node["RIGHT_ATTRS"]))
        found = grown
    return found


def speaker_phrases(verb: Any) -> list[Any]:
    """Heads of the phrases that speak for ``verb``, by the first pattern that matches it."""
    for rule in RULES:
        speakers = {m["speaker"].i: m["speaker"] for p in PATTERNS[rule] for m in _nodes(p, verb)}
        if speakers:
            return [speakers[i] for i in sorted(speakers)]
    return []


@functools.lru_cache(maxsize=2)
def _according_matcher(vocab: Any) -> Any:
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    matcher.add("ACCORDING_TO", [_DATA["according_to"]["pattern"]])
    return matcher


def according_to(span: Any) -> list[int]:
    """Token indices (in the doc) right after each "according to" in ``span``."""
    if "ccording" not in span.text:
        return []  # most sentences: no need to run the matcher
    return [span.start + end for _, start, end in _according_matcher(span.doc.vocab)(span)]
