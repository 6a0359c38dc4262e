"""Organisation rules of the actor stage (issue 10, section 2): invented sentences, one rule per test."""

import pytest

from apps.extraction.engine.actors import STAGES


def by_name(out):
    return {a["name"]: a for a in out["actors"]}


def mention_texts(out, name):
    return [m["text"] for m in by_name(out)[name]["mentions"]]


# --- one-word and alphanumeric names -----------------------------------------------------------


def test_one_word_company_named_once_is_kept_when_it_acts(run):
    out = run("Veltrix said on Tuesday it would close two plants and cut 900 jobs.")
    assert by_name(out)["Veltrix"]["kind"] == "organisation"


def test_capitalised_kind_of_body_alone_is_a_reference_not_a_name(run):
    out = run("Lisbon said the Alliance was wrong about the plan.")
    assert "Alliance" not in by_name(out)


def test_name_with_digits_inside_is_kept(run):
    out = run("Tech4Good said it would open an office in Nairobi next year.")
    assert by_name(out)["Tech4Good"]["kind"] == "organisation"


def test_amount_after_a_name_is_cut_off(run):
    out = run("The regulator fined Q3 Dynamics 2 million euros after an inquiry into its accounts.")
    assert mention_texts(out, "Q3 Dynamics") == ["Q3 Dynamics"]
    assert not any(any(ch.isdigit() for ch in a["name"].replace("Q3", "")) for a in out["actors"])


def test_company_named_in_full_then_by_its_first_word_is_one_actor(run):
    out = run(
        "Orvello Holdings Limited appealed the fine on Monday. In a statement, Orvello said the ruling was unfair."
    )
    assert [a["name"] for a in out["actors"]] == ["Orvello Holdings Limited"]
    assert mention_texts(out, "Orvello Holdings Limited") == ["Orvello Holdings Limited", "Orvello"]


def test_country_word_inside_a_company_name_stays_in_the_name(run):
    out = run("Orvello Portugal Limited appealed the fine on Monday. Orvello said the ruling was unfair.")
    assert [a["name"] for a in out["actors"]] == ["Orvello Portugal Limited"]


# --- span boundaries ---------------------------------------------------------------------------


def test_country_word_inside_an_organisation_name_stays_in_the_name(run):
    out = run("The Bank of Canada held its main rate at 3 percent on Wednesday.")
    actors = by_name(out)
    assert actors["Bank of Canada"]["kind"] == "organisation"
    assert "Canada" not in actors  # the country is only part of the bank's name here


def test_demonym_government_is_the_country_not_an_organisation(run):
    out = run("The Estonian Government approved the new budget on Thursday.")
    actors = by_name(out)
    assert "Estonia" in actors
    assert not any("Government" in name for name in actors)


def test_possessive_after_a_name_is_not_part_of_it(run):
    out = run("Veltrix's chief executive said the Meridian Freight Union's strike would cost millions.")
    assert mention_texts(out, "Meridian Freight Union") == ["Meridian Freight Union"]


def test_possessive_inside_a_name_separates_owner_and_owned_body(run):
    out = run("The Assembly of Delegates' Committee on Transport voted to delay the toll.")
    actors = by_name(out)
    assert mention_texts(out, "Assembly of Delegates") == ["Assembly of Delegates"]
    assert actors["Committee on Transport"]["kind"] == "organisation"


def test_possessive_that_belongs_to_a_name_stays_in_it(run):
    out = run("The Coastal Fishermen's Union said it would strike on Monday.")
    assert "Coastal Fishermen's Union" in by_name(out)


def test_editors_bracket_before_a_name_is_not_part_of_it(run):
    out = run('The inquiry was welcomed. "[T]he Harbour Authority is ready to act," she said.')
    assert mention_texts(out, "Harbour Authority") == ["Harbour Authority"]


def test_bracketed_acronym_is_cut_from_the_name_and_joins_it(run):
    out = run(
        "Inspections of the Care Quality Review (CQR) found problems in nine wards. "
        "The National Grain Board (NGB) said it would buy more wheat. The NGB also cut its forecast."
    )
    actors = by_name(out)
    assert not any("(" in name for name in actors)
    assert {m["text"] for m in actors["National Grain Board"]["mentions"]} == {"National Grain Board", "NGB"}


def test_upper_case_dateline_is_not_part_of_the_company_name(run):
    out = run("OTTAWA Veltrix Holdings Inc. has agreed to pay a fine of $2 million, the ministry said.")
    actors = by_name(out)
    assert "Veltrix Holdings Inc." in actors
    assert not any(name.startswith("OTTAWA") for name in actors)


def test_office_cut_short_is_not_an_organisation(run):
    out = run(
        "The Chief Executive of the trust, Anna Berg, said the ward would reopen in May. "
        "A letter from the Secretary of State for Transport said the line would close."
    )
    assert [a["name"] for a in out["actors"]] == ["Anna Berg"]


def test_plural_kind_of_body_is_not_one_body(run):
    out = run("The Boards of Trustees of the regional museums approved the plan on Monday.")
    assert not any("Boards" in a["name"] for a in out["actors"])


def test_person_whose_surname_is_an_organisation_alias_stays_a_person(run):
    out = run("Defence lawyer Clara M. Wagner said the case was closed. Wagner declined to comment further.")
    actors = by_name(out)
    assert mention_texts(out, "Clara M. Wagner") == ["Clara M. Wagner", "Wagner"]
    assert all(a["kind"] == "person" for a in actors.values())


# --- ministries and agencies -------------------------------------------------------------------


def test_ministry_named_after_its_country_is_an_actor_of_its_own(run):
    out = run("Brazil's environment ministry denied the report. The French foreign ministry said talks would resume.")
    actors = by_name(out)
    assert actors["Brazil's Environment Ministry"]["kind"] == "organisation"
    assert actors["French Foreign Ministry"]["kind"] == "organisation"
    assert {"Brazil", "France"} <= set(actors)  # the countries are still named


def test_ministry_is_linked_to_its_country(run):
    from apps.extraction.engine import pipeline
    from apps.extraction.engine.actors import find_actors
    from apps.extraction.engine.context import Context

    text = "The Kenyan Ministry of Health said 40 people had died. Peru's transport ministry disagreed."
    work, blocks, pieces, _lang, _stretch = pipeline._prepare(text)
    ctx = Context(text, work, blocks, pipeline.gazetteer())
    for s, e, kind in pieces:
        doc = pipeline.nlp()(work[s:e])
        doc.user_data["base"], doc.user_data["kind"] = s, kind
        ctx.docs.append((s, doc, kind))
    find_actors(ctx)
    codes = {rec.name: rec.code for rec in ctx.actors.values() if rec.kind == "organisation"}
    assert codes == {"Kenyan Ministry of Health": "KE", "Peru's Transport Ministry": "PE"}


def test_described_agency_before_its_name_is_not_a_second_actor(run):
    out = run("State-owned Norwegian news agency Vestpress reported that the talks had failed.")
    assert not any("Agency" in a["name"] for a in out["actors"])


def test_legislature_named_by_its_kind_is_an_actor(run):
    out = run(
        "The Senate voted on Tuesday to approve the harbour bill, and Congress will debate it next week. "
        "Lawmakers met later at the Opera House in the capital."
    )
    actors = by_name(out)
    assert actors["Senate"]["kind"] == "organisation"
    assert actors["Congress"]["kind"] == "organisation"
    assert "House" not in actors  # a word of another name


def test_house_of_a_longer_name_is_left_to_that_name(run):
    out = run("The House of Delegates passed the budget. The House will vote again in May.")
    actors = by_name(out)
    assert "House" in actors  # "the House" alone, as a body
    assert all(m["text"] != "House" or m["start"] > 30 for m in actors["House"]["mentions"])


# --- things that are not actors ----------------------------------------------------------------


def test_time_zones_are_not_actors(run):
    out = run("The launch was moved to 14:00 GMT on Friday (0900 EST), and the count closes at 2200 UTC.")
    assert not {"GMT", "EST", "UTC"} & set(by_name(out))


def test_programme_and_campaign_titles_are_not_actors(run):
    out = run(
        "Speaking on the Morning Ledger programme, Anna Berg said the plan was fair. "
        "Since the Clean Rivers Campaign began, the Veltrix Water Board has tested every stream."
    )
    actors = by_name(out)
    assert "Anna Berg" in actors and "Veltrix Water Board" in actors
    assert not any("Morning Ledger" in name or "Campaign" in name for name in actors)


def test_line_in_capitals_is_recognised_as_a_headline():
    from apps.extraction.engine.actors.orgs import _shouted
    from apps.extraction.engine.pipeline import nlp

    doc = nlp()("SEN. ROE BACKS HARBOUR DEAL  The WHO and NATO met the Senator on Friday.")
    assert _shouted(doc, 0)  # "SEN": a word of the headline, even glued to the text after it
    who = next(t for t in doc if t.text == "WHO")
    assert not _shouted(doc, who.i)  # an acronym in running text


def test_words_of_a_headline_in_capitals_are_not_actors(run):
    out = run(
        "REP. ROE BACKS HARBOUR APPROPRIATIONS DEAL\n\n"
        "Representative Jane Roe said on Friday that the harbour would get new funds."
    )
    assert not any(a["name"].isupper() for a in out["actors"] if a["kind"] == "organisation")


# --- "the government" --------------------------------------------------------------------------


def test_the_government_is_the_country_the_article_is_about(run):
    out = run(
        "Spain's economy shrank last year, and Spain's exports fell. The government said it would cut taxes "
        "for small firms, a plan France has criticised."
    )
    assert "government" in mention_texts(out, "Spain")
    assert "government" not in mention_texts(out, "France")


def test_the_government_follows_the_last_country_named_with_it(run):
    out = run(
        "Peru and Peru's neighbours met in Lima. The Chilean government rejected the plan. "
        "The government said it would not sign."
    )
    assert mention_texts(out, "Chile").count("government") == 1
    assert "government" not in mention_texts(out, "Peru")


def test_the_government_stays_unresolved_between_two_equal_countries(run):
    out = run("Peru and Chile signed a trade deal on Monday. The government said it was pleased.")
    assert all("government" not in [m["text"] for m in a["mentions"]] for a in out["actors"])


def test_stage_order_is_listed_once():
    names = [stage.__name__ for stage in STAGES]
    assert names.index("scan_blocks") == 0
    assert names.index("add_ministries") > names.index("add_orgs")
    assert names.index("the_government") > names.index("titles")


# --- a name the text calls an organisation ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shoppers said the online grocer Mapleton limited sales of flour.", "Mapleton"),
        ("The photo sharing site Kelvo was blocked by two providers.", "Kelvo"),
        ("Ferry workers' union Trevan general secretary Ola Berg said pay was too low.", "Trevan"),
        ("FERROX, a regional steel maker, reported a loss for the year.", "FERROX"),
        ("The security company K9S deployed guards at the port.", "K9S"),
    ],
)
def test_a_name_after_or_beside_a_kind_of_organisation_is_an_organisation(run, text, name):
    assert by_name(run(text))[name]["kind"] == "organisation"


def test_a_kind_word_before_a_longer_name_or_a_day_makes_no_short_organisation(run):
    names = by_name(run("The rights group Voice for Tenants met the group Friday to discuss rents."))
    assert "Voice" not in names and "Friday" not in names
