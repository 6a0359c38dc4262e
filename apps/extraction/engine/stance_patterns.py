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
_MATCHERS: dict[int, tuple[Any, DependencyMatcher]] = {}


def _matcher(vocab: Any) -> DependencyMatcher:
    # one matcher per vocabulary (the engine loads one model); the vocab is kept so its id stays unique
    found = _MATCHERS.get(id(vocab))
    if found is None:
        matcher = DependencyMatcher(vocab)
        for name, rule in RULES.items():
            matcher.add(name, [rule["pattern"]])
        found = _MATCHERS[id(vocab)] = (vocab, matcher)
    return found[1]


def pattern_hits(doc: Any) -> dict[int, Hit]:
    """Token index of the clause verb -> the first rule (in file order) that matched it."""
    matcher = _matcher(doc.vocab)
    found: dict[int, tuple[int, Hit]] = {}
    order = {name: n for n, name in enumerate(RULES)}
    for match_id, token_ids in matcher(doc):
        name = doc.vocab.strings[match_id]
        rule = RULES[name]
        ids = [node["RIGHT_ID"] for node in rule["pattern"]]
        verb = doc[token_ids[ids.index("verb")]]
        action = doc[token_ids[ids.index("action")]] if "action" in ids else verb
        rank = order[name]
        if verb.i not in found or rank < found[verb.i][0]:
            found[verb.i] = (rank, Hit(rule["stance"], rule["negated"], action, rule.get("call", False)))
    return {i: hit for i, (_rank, hit) in found.items()}
