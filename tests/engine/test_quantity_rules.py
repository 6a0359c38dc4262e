"""Quantity rules for house styles of real news (issue 10): scale shorthand, what a bare number counts,
and numbers that are not claims. Every sentence here is invented for the test."""

import pytest

from apps.extraction.engine.numbers import normalise


def quantities(run, text):
    return [
        (c["quantity"]["value"], c["quantity"]["unit"])
        for c in run(text)["claims"]
        if c.get("quantity") and c["quantity"].get("value") is not None
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£40m for bridges", (40_000_000, "GBP")),
        ("$7bn", (7_000_000_000, "USD")),
        ("€3.4tn", (3_400_000_000_000, "EUR")),
        ("20m households", (20_000_000, "households")),
        ("6.5bn", (6_500_000_000, None)),
        ("15k volunteers", (15_000, "volunteers")),
        ("£8mn", (8_000_000, "GBP")),
    ],
)
def test_shorthand_scales_in_the_normaliser(text, expected):
    value, unit, _ = normalise(text)
    assert value == pytest.approx(expected[0])
    assert unit == expected[1]


def test_money_shorthand_split_by_the_tokenizer_keeps_its_scale(run):
    found = quantities(run, "The council said the new tram line would cost £75m and carry 1.5m passengers a year.")
    assert (75_000_000, "GBP") in found
    assert (1_500_000, "passengers") in found
    assert (75, "GBP") not in found


def test_thousands_and_billions_shorthand(run):
    found = quantities(run, "The charity raised $2bn in a decade, and 12k donors gave each month.")
    assert (2_000_000_000, "USD") in found
    assert (12_000, "donors") in found


def test_a_glued_m_before_a_size_word_is_metres_not_millions(run):
    found = quantities(run, "Workers built a 40m high wall around the depot, the mayor said.")
    assert all(value != 40_000_000 for value, _ in found)


def test_converted_amount_in_brackets_is_not_a_second_amount(run):
    found = quantities(run, "The port authority agreed a £30m ($39m) loan with the lender on Monday.")
    assert (30_000_000, "GBP") in found
    assert all(unit != "USD" for _, unit in found)


def test_currency_sign_wins_over_a_year_lookalike(run):
    found = quantities(run, "Each ticket will cost $2000 from next spring, the organisers said.")
    assert (2000, "USD") in found


def test_adjective_used_as_a_noun_is_what_is_counted(run):
    assert (8000, "dead") in quantities(run, "The earthquake left 8,000 dead in the hill towns.")


def test_a_verb_of_harm_counts_people(run):
    found = quantities(run, "Gunmen killed seven near the market. Later 14 were arrested by the police.")
    assert (7, "people") in found
    assert (14, "people") in found


def test_others_and_more_repeat_the_noun_counted_before(run):
    found = quantities(run, "Nine miners were trapped underground and four others escaped. Six more arrived at dawn.")
    assert (9, "miners") in found
    assert (4, "miners") in found
    assert (6, "miners") in found


def test_the_number_of_something_rose_by(run):
    found = quantities(run, "The number of flood refugees rose by 2,300 in the week, officials said.")
    assert (2300, "flood refugees") in found


def test_numbers_inside_names_are_not_claims(run):
    found = quantities(
        run, "Leaders of the G20 met in the spring. The airline bought a Boeing 787 jet and sold 12 older planes."
    )
    values = [value for value, _ in found]
    assert 20 not in values and 787 not in values
    assert (12, "planes") in found


def test_clock_times_and_time_zones_are_not_claims(run):
    found = quantities(run, "The polls closed at 21:00 and the first result came at 0400 GMT, with 300 observers.")
    values = [value for value, _ in found]
    assert 21 not in values and 400 not in values
    assert (300, "observers") in found


def test_a_year_used_as_a_modifier_is_not_a_count(run):
    found = quantities(run, "The 2026 elections drew 45 parties to the ballot.")
    assert all(value != 2026 for value, _ in found)
    assert (45, "parties") in found


def test_a_range_that_lost_its_dash_is_not_two_claims(run):
    found = quantities(run, "The drought of 1983 85 ruined the harvest, and 70 wells ran dry.")
    values = [value for value, _ in found]
    assert 85 not in values and 1983 not in values
    assert (70, "wells") in found
