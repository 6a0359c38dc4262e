"""The attribution patterns (data/speakers.json) are spaCy DependencyMatcher patterns: the engine evaluates
them anchored at one verb for speed, and spaCy's own matcher must find the same speakers. Invented text."""

import pytest
from spacy.matcher import DependencyMatcher

from apps.extraction.engine.attribution import PATTERNS, RULES, according_to, speaker_phrases
from apps.extraction.engine.pipeline import nlp

SENTENCES = [
    "The minister said the bridge would reopen in May.",
    "Jane Roe, the harbour master, told reporters that the port was closed.",
    "The union opposed the plan and said it would strike on Monday.",
    "She was told by the mayor that the school would stay open.",
    "The budget was defended by the finance committee on Tuesday.",
    '"We are not leaving," said the chairwoman of the tenants\' association.',
]


@pytest.fixture(scope="module")
def spacy_matcher():
    model = nlp()
    matcher = DependencyMatcher(model.vocab)
    for rule in RULES:
        matcher.add(rule, PATTERNS[rule])
    return model, matcher


@pytest.mark.parametrize("sentence", SENTENCES)
def test_anchored_patterns_find_what_spacys_dependency_matcher_finds(spacy_matcher, sentence):
    model, matcher = spacy_matcher
    doc = model(sentence)
    by_verb: dict[int, dict[str, set[int]]] = {}
    for match_id, toks in matcher(doc):
        rule = model.vocab.strings[match_id]
        ids = [node["RIGHT_ID"] for node in PATTERNS[rule][0]]
        verb, speaker = toks[ids.index("verb")], toks[ids.index("speaker")]
        by_verb.setdefault(verb, {}).setdefault(rule, set()).add(speaker)
    for tok in doc:
        expected: set[int] = next((by_verb[tok.i][r] for r in RULES if r in by_verb.get(tok.i, {})), set())
        assert {t.i for t in speaker_phrases(tok)} == expected, tok.text


def test_speech_verb_subject_agent_and_shared_subject(spacy_matcher):
    model, _ = spacy_matcher
    doc = model("The union opposed the plan and said it would strike. She was told by the mayor to wait.")
    said = next(t for t in doc if t.lower_ == "said")
    told = next(t for t in doc if t.lower_ == "told")
    assert [t.text for t in speaker_phrases(said)] == ["union"]  # the governor's subject
    assert [t.text for t in speaker_phrases(told)] == ["mayor"]  # the agent of a passive speech verb


def test_according_to_points_at_the_words_after_it(spacy_matcher):
    model, _ = spacy_matcher
    doc = model("Prices rose by a tenth, according to the Utopian statistics office.")
    (i,) = according_to(doc[:])
    assert doc[i].text == "the"
    assert according_to(model("Prices rose by a tenth in March.")[:]) == []
