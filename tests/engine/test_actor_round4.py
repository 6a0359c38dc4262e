"""Actor precision rules (issue 10, round 4): house styles of government releases, development banks and
wire copy. Invented sentences, one rule per test; each runs the engine on a few lines (fast)."""

import pytest


def names(out):
    return {a["name"] for a in out["actors"]}


# --- posts and portfolios are not bodies or people ---------------------------------------------


def test_job_title_taken_for_a_person_is_not_a_person(run):
    out = run('"The deal is fair," said Rolf Amsel, Chief Pricing Officer of the Velmar Grain Board.')
    assert "Rolf Amsel" in names(out)
    assert not any("Officer" in n for n in names(out))


def test_job_title_ending_with_a_profession_is_not_an_organisation(run):
    out = run('"Growth will slow," said Ines Quarto, Senior Country Economist for Tarnland at the Osmer Fund.')
    assert not any("Economist" in n for n in names(out))


def test_portfolio_before_a_minister_title_is_not_a_body(run):
    out = run(
        "Wages will rise on Monday, says Harbour Relations and Safety Minister Tomas Brannigan. "
        "The rise was agreed in March."
    )
    assert not any("Relations" in n for n in names(out))
    assert "Tomas Brannigan" in names(out)


# --- people's names where the model stops one word short ---------------------------------------


def test_given_name_after_an_honorific_belongs_to_the_name(run):
    out = run("The envoy also met Mr. Tavish Orrin Kell, Federal Minister for Ports, on Tuesday.")
    assert "Tavish Orrin Kell" in names(out)


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "He also met Mr. Dalvir Asad Khan Mirza, Federal Minister for Ports, in the capital.",
            "Dalvir Asad Khan Mirza",
        ),
        ("Judge Wendell B. Harrow said he would rule within days.", "Wendell B. Harrow"),
    ],
)
def test_name_is_read_whole(run, text, name):
    assert name in names(run(text))


# --- places a post covers ----------------------------------------------------------------------


def test_countries_in_an_office_remit_are_not_actors(run):
    out = run(
        '"The grant will help farmers," said Ada Morwen, Bank Director for Tarnland, Mali and Niger. '
        "Tarnland's government welcomed the grant."
    )
    assert not {"Mali", "Niger"} & names(out)
    assert "Ada Morwen" in names(out)


def test_country_that_acts_is_kept_beside_an_office_remit(run):
    out = run("Mali signed the grant on Monday, said Ada Morwen, Bank Director for Mali and Niger.")
    assert "Mali" in names(out)
    assert "Niger" not in names(out)


# --- programmes, funds, frameworks and acronyms of things --------------------------------------


def test_framework_title_is_not_an_organisation(run):
    out = run("The grant follows the bank's Regional Partnership Framework for Tarnland, officials said.")
    assert not any("Framework" in n for n in names(out))


def test_fund_that_only_pays_is_not_an_organisation(run):
    out = run(
        "The school project is financed by the Harbour Renewal Fund and will reach 900 pupils, "
        "the Velmar Institute said."
    )
    assert "Harbour Renewal Fund" not in names(out)
    assert "Velmar Institute" in names(out)


def test_fund_that_acts_is_an_organisation(run):
    out = run("The Osmer Sovereign Fund bought a stake in the port on Monday, the company said.")
    assert "Osmer Sovereign Fund" in names(out)


def test_name_cut_at_its_acronym_before_a_title_word_is_not_an_organisation(run):
    out = run(
        "The plan closes gaps in the Harbour Lending and Port Safety (HL/PS) Framework, the Velmar Institute said."
    )
    assert not any("Harbour Lending" in n for n in names(out))


@pytest.mark.parametrize(
    "sentence", ["More ZRT vaccine is being sent to the region.", "It showed a ZRT surplus of $2m."]
)
def test_acronym_before_a_thing_noun_is_not_an_organisation(run, sentence):
    out = run(sentence + " The Velmar Institute said the figures were final.")
    assert "ZRT" not in names(out)


def test_acronym_before_a_people_noun_stays_an_organisation(run):
    out = run("ZRT officials said on Monday they would appeal. The ZRT said the ruling was unfair.")
    assert "ZRT" in names(out)


# --- lists of companies and company names --------------------------------------------------------


def test_list_of_companies_sharing_a_last_word_is_split(run):
    out = run(
        "The scheme includes large miners such as Orrin Mining and Tavel Mining, and it was welcomed by "
        "Orrin Mining on Monday."
    )
    assert not any(" and " in n for n in names(out))
    assert "Orrin Mining" in names(out)


def test_company_name_does_not_run_on_over_its_country_of_registration(run):
    out = run("Velmar Textiles Inc of Canada said on Monday it would bid for the mill.")
    assert "Velmar Textiles Inc" in names(out)


def test_ministry_named_after_two_fields_runs_on_to_its_acronym(run):
    out = run(
        "The grant will be run by the Ministry of Rural Schooling and Vocational Training (MRSVT), the bank said."
    )
    assert "Ministry of Rural Schooling and Vocational Training" in names(out)
    assert not {"Ministry of Rural Schooling", "Vocational Training"} & names(out)


def test_time_zone_after_a_clock_time_is_not_a_person(run):
    out = run("The crash happened at 8:30 p.m. BST on Monday, police said.")
    assert "BST" not in names(out)


def test_country_with_an_elided_article_in_an_office_remit_is_read_as_a_place_word(run):
    out = run('"It works," said Ada Morwen, Bank Director for Côte d\'Ivoire, Mali and Niger, on Monday.')
    assert not {"Mali", "Niger"} & names(out)


def test_capital_in_a_dateline_only_locates(run):
    out = run("**WASHINGTON, May 3, 2025 –** The Velmar Institute approved a grant for Tarnland's schools.")
    assert "United States" not in names(out)


def test_capital_that_acts_still_stands_for_its_country(run):
    out = run("Washington said on Monday it would send aid, the Velmar Institute said.")
    assert "United States" in names(out)


def test_acronym_of_an_agreement_whose_document_word_gives_no_letter_is_not_an_organisation(run):
    out = run(
        "Tarnland broke the Northern and Coastal Agreement for Harbour Trade (NCHT) rules, the minister said. "
        "An NCHT panel ruled on Monday."
    )
    assert "NCHT" not in names(out)


@pytest.mark.parametrize(
    "text, name", [("The G20 met in May.", "G20"), ("The Group of Seven said it would act.", "G7")]
)
def test_summit_groups_are_named_as_news_writes_them(run, text, name):
    assert name in names(run(text))


def test_long_name_of_islamic_state_is_the_group_not_a_country(run):
    out = run("The Islamic State of Iraq and the Levant claimed the attack on Monday.")
    assert "Islamic State" in names(out)
    assert "Iraq" not in names(out)


@pytest.mark.parametrize(
    "sentence",
    [
        "Leaders will meet at the Harbour Safety Summit in May.",
        "The plan was set out during the Osmer State Visit in May.",
        "The money will come through the Rural Schools Funding Formula in May.",
        "Crews will dock at the Orbital Research Station in May.",
        "The law follows the Executive Order on Harbour Safety signed in May.",
    ],
)
def test_events_formulas_facilities_and_orders_are_not_organisations(run, sentence):
    out = run(sentence + " The Velmar Institute welcomed it.")
    assert names(out) == {"Velmar Institute"}


def test_first_line_of_a_hard_wrapped_paragraph_is_not_a_heading(run):
    text = (
        "In Tarnland, the envoy met with Vice President Orrin Vale, Minister of\n"
        "Ports Ada Morwen, and other senior officials. The envoy affirmed the\n"
        "importance of the harbour agreement and thanked the government for\n"
        "its support.\n"
    )
    out = run(text)
    assert {"Orrin Vale", "Ada Morwen"} <= names(out)
    assert all(m["text"] != "Ports" for a in out["actors"] for m in a["mentions"])


def test_markdown_bold_marks_do_not_glue_a_name_to_the_word_before(run):
    out = run('"Growth will return," said**Ines Ada Quarto, the bank\'s envoy to Tarnland**. She spoke on Monday.')
    assert "Ines Ada Quarto" in names(out)


def test_acronym_of_a_fund_that_does_nothing_is_not_an_organisation(run):
    out = run(
        "Firms can apply to the Harbour Renewal Fund (HRF) until May. The HRF pays half the cost, "
        "the Velmar Institute said."
    )
    assert not {"HRF", "Harbour Renewal Fund"} & names(out)


def test_acronym_named_as_a_thing_once_is_a_thing_throughout(run):
    out = run(
        "More ZRT vaccine is being sent north. Children who never had ZRT should see a nurse. "
        "The previous ZRT can be brought forward, the Velmar Institute said."
    )
    assert "ZRT" not in names(out)


def test_programme_for_a_field_is_not_an_organisation(run):
    out = run("The plan was set out in the Programme for Harbour Renewal last May, the Velmar Institute said.")
    assert not any("Programme" in n for n in names(out))


@pytest.mark.parametrize(
    "text, org",
    [
        ("The plan was backed by Harbour Care UK on Monday.", "Harbour Care UK"),
        ("It was chaired by Ada Morwen, the National Chairman of Elder Care UK.", "Elder Care UK"),
    ],
)
def test_capitalised_words_before_a_country_code_name_an_organisation(run, text, org):
    out = run(text)
    assert org in names(out)
    assert "United Kingdom" not in names(out)


def test_country_code_after_a_place_word_stays_the_country(run):
    out = run("Northern UK ports were shut, and the UK said it would reopen them on Monday.")
    assert "United Kingdom" in names(out)


def test_body_named_after_two_places_joined_by_and_is_read_whole(run):
    out = run(
        "The plan was drawn up with partners including Harbour Enterprise, Uplands and Lochs Enterprise, "
        "and the Velmar Institute."
    )
    assert "Uplands and Lochs Enterprise" in names(out)
    assert "Lochs Enterprise" not in names(out)


def test_plan_title_ending_in_a_place_is_not_a_person(run):
    out = run(
        "Homes in Wales must be efficient by 2030. The government set out its goals in an Energy "
        "Efficient Wales plan, ministers said."
    )
    assert not any("Efficient" in n for n in names(out))
