"""Stance triggers written as spaCy ``DependencyMatcher`` patterns.

The patterns live in ``data/stances.json`` under "patterns": a verb lemma list plus the dependency shape
around it ("called on X to ...", "was criticised by X", "stands ready to ..."). Reading a trigger as a
pattern keeps the rule in one place, as data, instead of another branch of code walking the parse.
``commitments.py`` asks for the hits of a sentence and keeps its own checks (forecasts, conditions,
open questions, the actors) for every hit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from spacy.matcher import DependencyMatcher

_DATA = json.loads((Path(__file__).parent / "data" / "stances.json").read_text(encoding="utf-8"))


class Hit(NamedTuple):
    stance: str
    negated: str | None  # the stance when the verb is negated; None: a negated trigger is no stance
    action: Any  # the token whose phrase is the action
    call: bool = False  # a call on others to act: "called on X to", "said X should"


def _expand(value: Any) -> Any:
    """'@name' in a pattern stands for the word list 'name' of stances.json."""
    if isinstance(value, str) and value.startswith("@"):
        return list(_DATA[value[1:]])
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    return value


RULES: dict[str, dict[str, Any]] = {name: _expand(rule) for name, rule in _DATA["patterns"].items()}


def _gates(pattern: list[dict[str, Any]]) -> list[tuple[str, frozenset[str]]]:
    """Words a match needs: each node's LEMMA or LOWER value (or IN list). A text without one of them
    cannot match, so its matcher is not run (set predicates are costly on every token of a long text)."""
    out = []
    for node in pattern:
        for attr in ("LEMMA", "LOWER"):
            value = node["RIGHT_ATTRS"].get(attr)
            if isinstance(value, str):
                out.append((attr, frozenset([value])))
            elif isinstance(value, dict) and "IN" in value:
                out.append((attr, frozenset(value["IN"])))
    return out


GATES = {name: _gates(rule["pattern"]) for name, rule in RULES.items()}
# the lemmas of the clause verbs the rules start from
TRIGGERS = frozenset(w for gates in GATES.values() for attr, allowed in gates[:1] if attr == "LEMMA" for w in allowed)
_MATCHERS: dict[int, tuple[Any, dict[str, DependencyMatcher]]] = {}


def _matchers(vocab: Any) -> dict[str, DependencyMatcher]:
    # one matcher per rule and vocabulary (the engine loads one model); the vocab is kept so its id stays unique
    found = _MATCHERS.get(id(vocab))
    if found is None:
        matchers = {}
        for name, rule in RULES.items():
            matchers[name] = DependencyMatcher(vocab)
            matchers[name].add(name, [rule["pattern"]])
        found = _MATCHERS[id(vocab)] = (vocab, matchers)
    return found[1]


def pattern_hits(sent: Any, lemma: list[str], lower: list[str]) -> dict[int, Hit]:
    """For one sentence (a Span): token index in its Doc of the clause verb -> the first rule (in file order)
    that matched it. Only rules whose words all occur in the sentence are run. ``lemma``/``lower``: the
    doc's token lemmas and lower-case words (``Context.attrs``), so the gates build no Token objects."""
    lemmas = set(lemma[sent.start : sent.end])
    found: dict[int, Hit] = {}
    if not lemmas & TRIGGERS:
        return found  # most sentences: no clause verb any rule starts from
    words = {"LEMMA": lemmas, "LOWER": set(lower[sent.start : sent.end])}
    for name, matcher in _matchers(sent.doc.vocab).items():
        if not all(words[attr] & allowed for attr, allowed in GATES[name]):
            continue
        rule = RULES[name]
        ids = [node["RIGHT_ID"] for node in rule["pattern"]]
        for _match_id, token_ids in matcher(sent):  # indices inside the span
            verb = sent[token_ids[ids.index("verb")]]
            if verb.i in found:
                continue  # an earlier rule in the file wins
            action = sent[token_ids[ids.index("action")]] if "action" in ids else verb
            found[verb.i] = Hit(rule["stance"], rule["negated"], action, rule.get("call", False))
    return found
