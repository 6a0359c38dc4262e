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


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7-1/4 percent", 7.25), ("7 1/4 percent", 7.25), ("a fee of 3½ percent", 3.5)],
)
def test_mixed_fractions(text, expected):
    value, unit, _ = normalise(text)
    assert value == pytest.approx(expected)
    assert unit == "percent"


def test_pounds_of_something_is_a_weight(run):
    found = quantities(run, "The plant released 6 million pounds of sulphur into the river, regulators said.")
    assert (6_000_000, "pounds") in found
    assert all(unit != "GBP" for _, unit in found)


def test_a_doubled_space_does_not_lose_the_scale(run):
    assert (3_200_000, "tonnes") in quantities(run, "Exports dropped by 3.2  million tonnes last year, traders said.")


def test_a_duration_labelled_as_time_is_a_quantity(run):
    assert (48, "hours") in quantities(run, "The search for the missing hikers lasted 48 hours.")


def test_a_compound_noun_is_the_unit_as_a_whole(run):
    assert (75, "basis points") in quantities(run, "The central bank raised its main rate by 75 basis points.")


def test_a_participle_before_the_noun_does_not_hide_it(run):
    assert (61, "pylons") in quantities(run, "Engineers counted 61 rapidly rusting pylons along the coast.")


def test_a_total_counts_what_its_complement_says(run):
    found = quantities(
        run,
        "A total of 22 are still missing. Divers found two more bodies, which lifted the death toll to 27.",
    )
    assert (22, "missing") in found
    assert (27, "deaths") in found


def test_a_count_in_apposition_to_the_number_of_something(run):
    assert (58, "nurses") in quantities(run, "Staffing reached a record number of nurses, 58, last winter.")


def test_of_which_and_an_elided_noun_take_the_noun_counted_before(run):
    found = quantities(
        run,
        "Inspectors checked 140 bridges, 35 of which need repair. "
        "The fair sold 80 thousand tickets on Saturday and 20 thousand on Sunday.",
    )
    assert (35, "bridges") in found
    assert (20_000, "tickets") in found


def test_a_day_word_after_a_bare_number_is_not_its_unit(run):
    assert (11, "people") in quantities(run, "Soldiers detained 11 yesterday near the checkpoint.")


def test_a_model_named_by_its_number_is_not_a_count(run):
    found = quantities(run, "The carrier keeps an A321 and 767 at the hub. The 767 needs new engines.")
    assert all(value != 767 for value, _ in found)


def test_ages_and_days_of_the_month_are_not_counts(run):
    found = quantities(
        run,
        "The court heard Tom Vale, 44, and Ruth Mole, 51 and 63, on May 3 and 9. "
        "Turnout among voters aged 16 to 25 was 40%.",
    )
    values = [value for value, _ in found]
    assert not {44, 51, 63, 3, 9, 16, 25} & set(values)
    assert (40, "percent") in found


def test_list_markers_and_act_numbers_are_not_counts(run):
    found = quantities(run, "Notes to editors\n\n2. The Harbour Act No. 4512 set the fee for 90 ships.")
    values = [value for value, _ in found]
    assert 2 not in values and 4512 not in values
    assert (90, "ships") in found


def test_one_as_an_article_and_the_two_already_counted_are_not_claims(run):
    found = quantities(run, "One farmer said the two sides met again. Inspectors found 14 faults.")
    values = [value for value, _ in found]
    assert 1 not in values and 2 not in values
    assert (14, "faults") in found


def test_what_including_and_of_the_whole_count(run):
    found = quantities(
        run,
        "The clinic reported more flu cases, including 210 among children. "
        "Tests found faults in 17 of the town's old bridges.",
    )
    assert (210, "cases") in found
    assert (17, "bridges") in found


def test_two_numbers_joined_by_and_share_the_noun(run):
    assert (3, "bikes") in quantities(run, "The ferry carries three and two bikes on its upper and lower decks.")


def test_magnitude_and_or_so_and_hyphenated_halves(run):
    found = quantities(
        run,
        "A magnitude 6.1 earthquake struck. Some two million or so homes lost power. "
        "The camps hold over four-and-a-half million people.",
    )
    assert (6.1, "magnitude") in found
    assert (2_000_000, "homes") in found
    assert (4_500_000, "people") in found


def test_a_share_counts_the_whole_after_of(run):
    assert (0.25, "homes") in quantities(run, "About a quarter of the island's private homes lost power.")


def test_a_hyphenated_measure_after_the_is_a_quantity(run):
    assert (6, "year") in quantities(run, "The six-year drought ended in the spring.")


def test_a_plural_name_of_people_is_what_is_counted(run):
    assert (2_000_000, "syrians") in quantities(run, "The country hosts two million Syrians in its camps.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the counted noun is the head of its modifier chain, not its first word
        ("About 2.1 million home care workers must be tested.", (2_100_000, "home care workers")),
        ("So far, 41 fever related deaths have been recorded in Halvia.", (41, "fever related deaths")),
        ("The port agency has signed 12 new regional fishing MOUs.", (12, "fishing mous")),
        # a hyphenated word split by the tokenizer stays one word
        ("Mira Voss and 41 co-signatories asked for a ruling.", (41, "co-signatories")),
        # a fraction of a scale word is a number, counted by the noun after it
        ("About a quarter of a million farmers signed the petition.", (250_000, "farmers")),
        # "N out of M": one count, of what the whole counts; M is not a second quantity
        ("The alliance won nine out of 11 of the county's wards.", (9, "wards")),
    ],
)
def test_what_a_number_counts(run, text, expected):
    found = quantities(run, text)
    assert expected in found, found


def test_out_of_gives_one_quantity(run):
    found = quantities(run, "The alliance won nine out of 11 of the county's wards.")
    assert [v for v, _ in found] == [9], found


def test_a_forty_hour_period_still_counts_hours(run):
    found = quantities(run, "In a forty hour period the ferry covered ninety miles.")
    assert any(v == 40 and u and u.startswith("hour") for v, u in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Last week the painter, 71, opened a gallery in Halvia.",
        "Mira Voss joined the choir in 1990 when she was about 30.",
        "The ministry named Ana Ruiz as its media contact, reachable at (415) 555-0100 during office hours.",
    ],
)
def test_ages_and_phone_numbers_are_not_quantities(run, text):
    assert quantities(run, text) == []


def test_a_bare_number_after_a_comma_that_is_a_count_stays(run):
    found = quantities(run, "The board has 12 members, 5 of them women.")
    assert (12, "members") in found and (5, "women") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "One ferry operator said the port in one town was closed.",
        "On one side of the dam the inspectors found no cracks.",
        "The archive holds letters from the uprising of 1648.",
        "The work was paid for by the Hallvik Trust (grant n. 448812).",
        "They held a brief one-on-one meeting.",
    ],
)
def test_numbers_that_are_not_counts(run, text):
    assert quantities(run, text) == []


def test_years_before_a_noun_and_rate_bases_are_not_counts(run):
    found = quantities(
        run, "Deaths fell to seven per 100,000 residents. The spring 2028 surveys replace two 2027 reports."
    )
    values = [value for value, _ in found]
    assert 100_000 not in values and 2027 not in values and 2028 not in values, found
    assert (2, "reports") in found


def test_one_after_a_verb_or_by_is_a_count(run):
    found = quantities(run, "The motion failed by one vote. The Greens won one seat.")
    assert (1, "vote") in found and (1, "seat") in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The limit for the solvent is 25 µg/L in blood.", (25, "µg/l")),
        ("Forecasters expect warming of 3 °C by the end of the century.", (3, "degrees celsius")),
        ("The bank cut its rate to 3/4 percent.", (0.75, "percent")),
        ("Two-thirds of the farmers backed the plan.", (0.666667, "farmers")),
        ("Estimates range from one-third to half of all harvests.", (0.333333, "third")),
    ],
)
def test_measure_symbols_and_fractions(run, text, expected):
    assert expected in quantities(run, text)


def test_rows_of_a_figures_list_are_claims_not_headings(run):
    text = "Final results\n\nRiver Party - 212 seats\n\nHill Alliance - 9 seats\n\nsolvent, 25 µg/L\n\nThe count ended."
    found = quantities(run, text)
    assert (212, "seats") in found and (9, "seats") in found and (25, "µg/l") in found, found


def test_what_a_total_counts_when_the_number_is_its_object_or_in_brackets(run):
    text = (
        "Some estimated death tolls exceeded 140. The true number of people displaced is likely to fall "
        "between 31,000 and 45,000. The agency keeps a high estimate (82,000) of the losses."
    )
    found = quantities(run, text)
    assert (140, "deaths") in found and (31_000, "people") in found and (82_000, "estimate") in found, found
