"""The number normaliser on its own (no spaCy)."""

import pytest

from apps.extraction.engine.numbers import normalise, parse_at, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26 countries", (26, "countries", None)),
        ("More than two dozen countries", (24, "countries", "more than")),
        ("€210 billion worth of assets", (210_000_000_000, "EUR", None)),
        ("three and a half years", (3.5, "years", None)),
        ("a 28-point proposal", (28, "point", None)),
        ("two people", (2, "people", None)),
        ("£1.5bn for schools", (1_500_000_000, "GBP", None)),
        ("about 40% of voters", (40, "percent", "about")),
        ("5 per cent", (5, "percent", None)),
        ("one hundred and twenty-five soldiers", (125, "soldiers", None)),
        ("half a million refugees", (500_000, "refugees", None)),
        ("US$3 million", (3_000_000, "USD", None)),
        ("12,500 troops", (12_500, "troops", None)),
        ("a dozen drones", (12, "drones", None)),
        ("2,000 euros", (2000, "EUR", None)),
        ("nearly 3.2 million people", (3_200_000, "people", "nearly")),
        ("$50bn", (50_000_000_000, "USD", None)),
        ("at least 50 hostages", (50, "hostages", "at least")),
        ("forty-two days", (42, "days", None)),
        ("18 billion Swedish crowns", (18_000_000_000, "SEK", None)),
        ("5 million Canadian dollars", (5_000_000, "CAD", None)),
    ],
)
def test_normalise(text, expected):
    value, unit, qualifier = normalise(text)
    assert value == pytest.approx(expected[0])
    assert (unit, qualifier) == expected[1:]


def test_fraction_is_a_share():
    m = parse_at(tokenize("three quarters of the population"), 0)
    assert m is not None and m.value == pytest.approx(0.75)


def test_words_that_are_not_numbers():
    assert normalise("the government said nothing") is None
    assert parse_at(tokenize("some people"), 0) is None  # "some" qualifies a number only


def test_qualifier_kept_separately():
    value, unit, qualifier = normalise("over three and a half years")
    assert (value, unit, qualifier) == (3.5, "years", "over")
