"""Adversarial and very long input finishes in bounded time (generous budgets for slow machines)."""

import time

import pytest

from apps.extraction.engine import EngineInputError, extract
from apps.extraction.engine.pipeline import nlp

pytestmark = pytest.mark.slow

ARTICLE = (
    'Italy will not send troops, but it could help. "We are ready to help our partners in every way," '
    "Prime Minister Giorgia Meloni said on Monday. More than two dozen countries pledged €210 billion.\n\n"
)


def timed(text):
    nlp()  # model load is not part of the budget
    start = time.perf_counter()
    try:
        result = extract(text)
    except EngineInputError:
        result = None
    return result, time.perf_counter() - start


@pytest.mark.parametrize(
    ("name", "text", "budget"),
    [
        ("100k quote marks", '"' * 100_000, 10),
        ("100k mixed marks with words", ("a \"b' c ”d “e " * 20_000), 120),
        ("500 KB single line", ("The minister said the plan would work and " * 12_000)[:500_000], 180),
        ("repeated punctuation", "Really" + "!?." * 150_000 + " ok then.", 10),
        ("one huge token", "x" * 500_000 + " and the rest.", 10),
        ("unclosed quotes everywhere", ('He said "yes and no ' * 10_000), 120),
    ],
)
def test_adversarial_input_is_bounded(name, text, budget):
    _, seconds = timed(text)
    assert seconds < budget, f"{name} took {seconds:.1f}s"


def test_one_megabyte_article_in_chunks():
    text = ARTICLE * (1_000_000 // len(ARTICLE))
    result, seconds = timed(text)
    assert seconds < 300, f"1 MB took {seconds:.1f}s"
    assert len(result.quotes) > 1000
    assert all(text[q.start : q.end] == q.text for q in result.quotes[-10:])
