"""The alias table as spaCy rulers: placed before the model's entity recogniser, editors' snapshots cached."""

from apps.extraction.engine import AliasEntry, pipeline
from apps.extraction.engine.gazetteer import RULER


def test_alias_ruler_runs_before_ner():
    names = pipeline.nlp().pipe_names
    assert names.index(RULER) < names.index("ner")


def test_alias_spans_are_set_by_the_pipeline():
    doc = pipeline.nlp()("The EU and the People’s Bank of China met in Brussels; us and them stayed home.")
    found = {span.text for span in doc.spans[RULER]}
    assert {"EU", "People’s Bank of China", "Brussels"} <= found  # a curly apostrophe matches too
    hits = [doc[h.start : h.end].text for h in pipeline.gazetteer().hits(doc)]
    assert "us" not in hits  # a case-exact alias ("US") does not match the pronoun
    assert "People’s Bank of China" in hits and "China" not in hits  # the longest match wins


def test_editors_snapshot_is_built_once_per_snapshot():
    snapshot = [AliasEntry(alias="Harbour Board", name="Port Authority of Lunda", kind="organisation")]
    first = pipeline.gazetteer(snapshot)
    assert pipeline.gazetteer(tuple(snapshot)) is first  # the same snapshot: the cached table
    other = pipeline.gazetteer([AliasEntry(alias="Dock Board", name="Port Authority of Lunda", kind="organisation")])
    assert other is not first
    assert pipeline.gazetteer() is not first  # no snapshot: the built-in table, untouched
    assert pipeline.gazetteer().lookup_text("Harbour Board") is None


def test_editors_alias_wins_over_the_built_in_table(run):
    out = run(
        "Brussels said the plan was fair.",
        aliases=[AliasEntry(alias="Brussels", name="Lunda Trade Office", kind="organisation")],
    )
    assert [a["name"] for a in out["actors"]] == ["Lunda Trade Office"]
