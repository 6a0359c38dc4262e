"""The attribute ruler's lookup tables give what spaCy's own attribute ruler gives (invented texts)."""

from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from apps.extraction.engine import pipeline, ruler

TEXTS = [
    "The Veltrian trade minister, Anna Berg, said on Tuesday that Dornholm would send 300 tonnes of grain.",
    "There are two ferries. There's no deal yet, y'all gon na see, and it ain't over: let's wait, c'mon.",
    "Which ministers gotta sign?  That one.\n\nWhat a   week!  (It was 45% - or so - of the 2,000 votes.)",
    "“We will not,” she said. ‘Perhaps,’ he replied; those who can't, won't.",
    " \n ",
]
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _ruler():
    return pipeline.nlp().get_pipe("attribute_ruler")


def test_the_engine_model_uses_the_lookup_and_stock_gives_spacy_back():
    model = pipeline.nlp()
    assert "match" in _ruler().__dict__  # every rule of the shipped model has a lookup
    with ruler.stock(model):
        assert "match" not in _ruler().__dict__
        assert "set_annotations" not in _ruler().__dict__
    assert "match" in _ruler().__dict__


def test_matches_and_annotations_equal_spacys():
    model = pipeline.nlp()
    lookup = ruler.LookupRules.build(_ruler())
    assert lookup is not None
    before_ruler = [name for name in model.pipe_names if name not in ("attribute_ruler", "lemmatizer", "ner")]
    for text in TEXTS:
        with model.select_pipes(enable=before_ruler):
            doc = model(text)
        with ruler.stock(model):
            stock_matches = _ruler().match(doc)
        assert lookup.match(doc) == stock_matches
        fast = model(text)
        with ruler.stock(model):
            slow = model(text)
        assert (fast.to_array(ATTRS) == slow.to_array(ATTRS)).all()
        assert [str(t.morph) for t in fast] == [str(t.morph) for t in slow]
        assert [t.lemma_ for t in fast] == [t.lemma_ for t in slow]


def test_a_rule_the_tables_cannot_answer_keeps_the_stock_component():
    import spacy

    blank = spacy.blank("en")
    stock = blank.add_pipe("attribute_ruler")
    stock.add([[{"LOWER": "ferry"}]], {"LEMMA": "boat"})
    assert ruler.speed_up(blank)
    other = spacy.blank("en")
    other_ruler = other.add_pipe("attribute_ruler")
    other_ruler.add([[{"LOWER": "ferry", "OP": "+"}]], {"LEMMA": "boat"})
    assert not ruler.speed_up(other)
    assert "match" not in other_ruler.__dict__


def test_word_rules_regex_and_two_token_rules():
    import spacy

    nlp = spacy.blank("en")
    r = nlp.add_pipe("attribute_ruler")
    r.add([[{"LOWER": {"REGEX": "^fer+y$"}}]], {"LEMMA": "boat"})
    r.add([[{"LOWER": "harbour"}, {"LOWER": {"IN": ["master", "pilot"]}}]], {"LEMMA": "sailor"}, index=-1)
    r.add([[{"ORTH": {"NOT_IN": ["The", ""]}, "IS_SPACE": False}]], {"NORM": "x"})
    text = "The ferry and the Ferrry met the harbour pilot, not the harbour wall.  The end"
    with ruler.stock(nlp):
        expected = nlp(text)
    assert ruler.speed_up(nlp)
    got = nlp(text)
    assert [(t.lemma_, t.norm_) for t in got] == [(t.lemma_, t.norm_) for t in expected]
    assert [t.lemma_ for t in got][:2] == ["", "boat"]
