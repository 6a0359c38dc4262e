"""Random messy text never crashes the engine, and every span indexes the input exactly."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.extraction.engine import EngineInputError, extract

PIECES = [
    "Macron",
    "said",
    "the",
    "UK",
    "Moscow",
    "will",
    "not",
    "send",
    "26",
    "two dozen",
    "€210 billion",
    "troops",
    "countries",
    '"',
    "'",
    "“",
    "”",
    "‘",
    "’",
    "''",
    ",",
    ".",
    "\n",
    "\n\n",
    " ",
    "—",
    "Related article:",
    "Photo:",
    "<p>",
    "</p>",
    "&amp;",
    "if",
    "Italy",
    "declined",
    "he",
    "told",
    "reporters",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=0, max_size=80).map(" ".join))
def test_random_text(text):
    try:
        result = extract(text)
    except EngineInputError as exc:
        assert str(exc)
        return
    for actor in result.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
    for c in result.claims:
        assert 0 <= c.start <= c.end <= len(text)
    for c in result.commitments:
        assert 0 <= c.start <= c.end <= len(text)
    assert not any("could not be extracted" in w for w in result.warnings), result.warnings
