"""Attribution patterns: which phrase of a sentence speaks for a verb, as spaCy matcher patterns.

The patterns are data (``data/speakers.json``: ``speaker_patterns`` for the `DependencyMatcher`,
``according_to`` for the `Matcher`), tried in the order they are listed:

- ``speech_agent``: the agent of a passive speech verb ("she was told by the minister" → the minister);
- ``subject``: the verb's subject ("the minister said", "said the minister");
- ``shared_subject``: a verb with no subject of its own takes its governor's ("the group opposed the plan
  and said ...");
- ``agent``: the agent of any passive verb ("the plan was defended by the mayor:").

The matcher runs once per parsed chunk, the first time a quote asks (about 1% of the parse time), and
its matches are kept with the chunk. Turning the phrase into an actor is speakers.py's and quotes.py's
job.
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
_KEY = "attribution"  # where a chunk keeps its matches (doc.user_data)


def _expand(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The pattern with its verb anchor spelt out: a verb, or any word whose lemma is a speech verb
    (the small model tags some speech verbs as nouns or adjectives)."""
    anchor, rest = pattern[0], pattern[1:]
    attrs = dict(anchor["RIGHT_ATTRS"])
    lemma = attrs.get("LEMMA")
    if isinstance(lemma, dict) and lemma.get("IN") == "$SPEECH_VERBS":
        attrs["LEMMA"] = {"IN": sorted(SPEECH_VERBS)}
        return [[{**anchor, "RIGHT_ATTRS": attrs}, *rest]]
    return [[{**anchor, "RIGHT_ATTRS": {**attrs, **extra}}, *rest] for extra in _VERB_ANCHORS]


@functools.lru_cache(maxsize=2)
def _matchers(vocab: Any) -> tuple[Any, Any]:
    from spacy.matcher import DependencyMatcher, Matcher

    dep = DependencyMatcher(vocab)
    for rule in RULES:
        dep.add(rule, _expand(_DATA["speaker_patterns"][rule]))
    tok = Matcher(vocab)
    tok.add("ACCORDING_TO", [_DATA["according_to"]["pattern"]])
    return dep, tok


def _table(doc: Any) -> dict[int, dict[str, list[int]]]:
    """verb index → rule → speaker token indices, for one parsed chunk (computed once)."""
    table = doc.user_data.get(_KEY)
    if table is None:
        dep, _ = _matchers(doc.vocab)
        table = {}
        names = {doc.vocab.strings[r]: r for r in RULES}
        for match_id, toks in dep(doc):
            rule = names[match_id]
            pattern = _DATA["speaker_patterns"][rule]
            ids = [p["RIGHT_ID"] for p in pattern]
            verb, speaker = toks[ids.index("verb")], toks[ids.index("speaker")]
            found = table.setdefault(verb, {}).setdefault(rule, [])
            if speaker not in found:
                found.append(speaker)
        doc.user_data[_KEY] = table
    return table


def speaker_phrases(verb: Any) -> list[Any]:
    """Heads of the phrases that speak for ``verb``, by the first pattern that matches it."""
    by_rule = _table(verb.doc).get(verb.i, {})
    for rule in RULES:
        if by_rule.get(rule):
            return [verb.doc[i] for i in sorted(by_rule[rule])]
    return []


def according_to(span: Any) -> list[int]:
    """Token indices (in the doc) right after each "according to" in ``span``."""
    _, tok = _matchers(span.doc.vocab)
    return [span.start + end for _, start, end in tok(span)]
