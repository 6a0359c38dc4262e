"""Wire-service money and scale shorthand, and ranges whose first number is written bare (issue 10).
Every sentence here is invented for the test."""

import pytest

from apps.extraction.engine.numbers import normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wire abbreviations for currencies, after a scale word or on their own
        ("profits of 12.5 mln dlrs", (12_500_000, "USD")),
        ("a 2.1 bln dlrs loan", (2_100_000_000, "USD")),
        ("sold for 40 dlrs a share", (40, "USD")),
        ("a 900 mln stg bid", (900_000_000, "GBP")),
        ("two billion stg of gilts", (2_000_000_000, "GBP")),
        ("one dlr a barrel", (1, "USD")),
        ("output fell 3.5 pct from May", (3.5, "percent")),
        # a range: the first number takes the second's percent sign or currency ...
        ("rates of 4 to 6 pct", (4, "percent")),
        ("a rise of seven or eight percent", (7, "percent")),
        ("fares went up 10 to 12 per cent", (10, "percent")),
        ("a cost of $3 to $4 billion", (3_000_000_000, "USD")),
        ("a cost of 3 to 4 bln dlrs", (3_000_000_000, "USD")),
        ("inflation of 1/2 to one pct", (0.5, "percent")),  # a bare fraction opening a range of percentages
        ("growth of 5-1/2 to six pct", (5.5, "percent")),
        # ... or its scale word (what is counted is found in the parse: see the article test below)
        ("between 2.2 and 2.4 mln barrels", (2_200_000, None)),
        ("about 6 to 8 million voters", (6_000_000, None)),
    ],
)
def test_wire_shorthand_and_ranges(text, expected):
    value, unit, _ = normalise(text)
    assert value == pytest.approx(expected[0])
    assert unit == expected[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9 or 3 million", (9, None)),  # not a rising range: the scale belongs to the second number only
        ("2 million to 3 million", (2_000_000, None)),  # the first number has its own scale
        ("4 percent to 9 million", (4, "percent")),  # its own unit stays
        ("2.5 and 3 mln", (2.5, None)),  # "and" makes a range only after "between"
        ("£2m to £3 million", (2_000_000, "GBP")),
        ("on 3/4 to 5 people", (5, "people")),  # a fraction before a plain count may be a date
    ],
)
def test_what_is_not_a_range_to_borrow_from(text, expected):
    value, unit, _ = normalise(text)
    assert value == pytest.approx(expected[0])
    assert unit == expected[1]


def test_ranges_and_wire_money_in_an_article(run):
    text = (
        "The refiner said on Friday it would cut output by 8 to 10 pct and spend between 1.2 and 1.5 bln dlrs "
        "on new plants. Its rival expects a 300 mln stg profit and pumps between 2.2 and 2.4 mln barrels a day."
    )
    found = {(c["quantity"]["value"], c["quantity"]["unit"]) for c in run(text)["claims"] if c.get("quantity")}
    assert {(8, "percent"), (10, "percent"), (1_200_000_000, "USD"), (1_500_000_000, "USD")} <= found
    assert (300_000_000, "GBP") in found
    assert any(value == 2_200_000 and unit and "barrels" in unit for value, unit in found)
    assert not {(8, "pct"), (1.2, None), (1.2, "USD")} & found


def test_wire_abbreviations_for_what_is_counted(run):
    text = "The brewer said on Monday it would pay 45 cts a share and buy back 2.5 mln shrs by June."
    found = {(c["quantity"]["value"], c["quantity"]["unit"]) for c in run(text)["claims"] if c.get("quantity")}
    assert (45, "cents") in found
    assert (2_500_000, "shares") in found
