"""Alias resolution: aliases, demonyms, metonyms, capitals, titles, surnames, editors' aliases."""

from apps.extraction.engine import AliasEntry


def by_name(out):
    return {a["name"]: a for a in out["actors"]}


def test_country_aliases_resolve_to_one_actor(run):
    out = run(
        "The UK said on Monday it would act. Britain's envoy met U.K. officials and British diplomats. "
        "The United Kingdom agreed."
    )
    actors = by_name(out)
    assert actors["United Kingdom"]["country_code"] == "GB"
    assert {m["text"] for m in actors["United Kingdom"]["mentions"]} >= {"UK", "Britain", "U.K.", "British"}
    assert len([a for a in out["actors"] if a["country_code"] == "GB"]) == 1


def test_metonyms_and_acting_capitals(run):
    out = run(
        "The Kremlin rejected the plan. Moscow's objections were clear, and the White House said Washington "
        "would respond. The talks took place in Paris and Geneva."
    )
    actors = by_name(out)
    assert {m["text"] for m in actors["Russia"]["mentions"]} == {"Kremlin", "Moscow"}
    assert {m["text"] for m in actors["United States"]["mentions"]} == {"White House", "Washington"}
    assert "France" not in actors  # Paris only locates the talks
    assert "Switzerland" not in actors


def test_offsets_index_the_text_as_given(run):
    text = "Le Monde\n\nThe  French\npresident, Emmanuel Macron, met Türkiye's leader in Ankara. “Macron” was there."
    out = run(text)
    for actor in out["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def test_surname_and_spelling_variants(run):
    out = run(
        "Ukrainian President Volodymyr Zelenskyy met Donald Trump. Zelensky said later that Trump had listened. "
        "Zelenskiy thanked the allies."
    )
    actors = by_name(out)
    persons = [a for a in out["actors"] if a["kind"] == "person"]
    assert len(persons) == 2
    assert len(actors["Volodymyr Zelenskyy"]["mentions"]) == 3


def test_title_resolves_to_person_named_with_it(run):
    out = run(
        "German Chancellor Friedrich Merz met Polish Prime Minister Donald Tusk. The German chancellor said "
        "the talks went well, and the Polish prime minister agreed."
    )
    actors = by_name(out)
    assert any(m["text"].lower() == "german chancellor" for m in actors["Friedrich Merz"]["mentions"])
    assert any(m["text"].lower() == "polish prime minister" for m in actors["Donald Tusk"]["mentions"])


def test_group_names_from_quotes_and_the_group_noun(run):
    out = run(
        'The so-called "coalition of the willing" met on Tuesday. The coalition said it would meet again. '
        "The Coalition of the Willing has 26 members."
    )
    actors = by_name(out)
    assert actors["Coalition of the Willing"]["kind"] == "organisation"
    assert len(actors["Coalition of the Willing"]["mentions"]) == 3


def test_organisations_and_acronyms(run):
    out = run("NATO and the EU met the UN. The North Atlantic Treaty Organization said us and them would talk.")
    actors = by_name(out)
    assert set(actors) >= {"NATO", "European Union", "United Nations"}
    assert len(actors["NATO"]["mentions"]) == 2
    assert "United States" not in actors  # lower-case "us" is a pronoun


def test_editor_aliases_take_precedence(run):
    aliases = [
        AliasEntry(alias="Moscow", name="Moscow City Government", kind="organisation"),
        AliasEntry(alias="the Alliance", name="NATO", kind="organisation"),
    ]
    out = run("Moscow said the Alliance was wrong.", aliases=aliases)
    actors = by_name(out)
    assert "Moscow City Government" in actors and "Russia" not in actors
    assert actors["NATO"]["mentions"][0]["text"] == "Alliance"


def test_places_and_noise_are_not_actors(run):
    out = run(
        "THE DAILY GLOBE\n\nBy Jane Porter\n\nOfficials met in Odesa and Lviv on Monday to discuss repairs.\n\n"
        "Photo: Officials in Lviv. AFP"
    )
    names = set(by_name(out))
    assert "Jane Porter" not in names
    assert not names & {"Odesa", "Lviv"}


def test_country_names_inside_person_names_and_us_states(run):
    out = run("Michael Jordan met George Washington in Atlanta, Georgia. Chad Smith said Turkey will send troops.")
    names = {a["name"]: a["kind"] for a in out["actors"]}
    assert names["Michael Jordan"] == "person" and names["George Washington"] == "person"
    assert names["Chad Smith"] == "person"
    assert not {"Jordan", "Georgia", "Chad", "United States"} & set(names)
    assert names["Turkey"] == "country"


def test_ambiguous_country_names_still_count_when_acting(run):
    out = run("Jordan has refused to take in refugees. Georgia said it would apply to join the EU.")
    assert {(c["actor"], c["stance"]) for c in out["commitments"]} == {("Jordan", "declined"), ("Georgia", "committed")}


def test_editor_person_alias_names_the_whole_person(run):
    text = (
        "Ukrainian President Volodymyr Zelenskyy met Donald Trump. Zelensky said later that Trump had listened. "
        '"We are ready for peace talks with everyone," Zelenskiy said.'
    )
    aliases = [
        AliasEntry(alias="Zelenskyy", name="Volodymyr Zelensky", kind="person"),
        AliasEntry(alias="Trump", name="Donald J. Trump", kind="person"),
    ]
    out = run(text, aliases=aliases)
    actors = by_name(out)
    assert [m["text"] for m in actors["Volodymyr Zelensky"]["mentions"]] == [
        "Volodymyr Zelenskyy",
        "Zelensky",
        "Zelenskiy",
    ]
    assert [m["text"] for m in actors["Donald J. Trump"]["mentions"]] == ["Donald Trump", "Trump"]
    assert out["quotes"][0]["speaker"] == "Volodymyr Zelensky"


def test_seat_of_an_organisation_acting(run):
    out = run("Brussels has rejected the proposal, officials said. Leaders met in Brussels on Monday.")
    actors = by_name(out)
    assert [m["text"] for m in actors["European Union"]["mentions"]] == ["Brussels"]
    assert "Belgium" not in actors


def test_a_dateline_with_a_date_locates_the_story_and_is_not_a_subject(run):
    text = (
        "NAIROBI, March 3 (Wire) - Donor countries agreed on Sunday to provide $2 billion in aid.\n\n"
        "LIMA, Peru, Jan. 12 - Chile will host the next round."
    )
    out = run(text)
    actors = by_name(out)
    assert "Kenya" not in actors  # the capital in the dateline only says where the story was filed
    assert "Chile" in actors and "Peru" not in actors
    assert all(c["text"].startswith(("Donor", "Chile")) for c in out["claims"]), out["claims"]
    assert not any(k["actor"] == "Kenya" for k in out["commitments"])


def test_documents_and_deals_are_not_actors(run):
    out = run(
        "Brazil wants the Paris Agreement enforced. Poland joined the Warsaw Convention. "
        "Germany signed the Minsk Protocol and the Good Friday Agreement, officials said."
    )
    names = set(by_name(out))
    assert not names & {"Paris Agreement", "Warsaw Convention", "Minsk Protocol", "Good Friday Agreement"}
    assert {"Brazil", "Poland", "Germany"} <= names


def test_the_kind_of_an_organisation_named_earlier_stands_for_it(run):
    out = run(
        "The bank raised rates. The European Commission said on Monday that the commission would propose new "
        "rules. The World Bank and the Bank of England met; the bank said it could cut rates."
    )
    mentions = {a["name"]: [m["text"] for m in a["mentions"]] for a in out["actors"]}
    assert mentions["European Commission"] == ["European Commission", "commission"]
    # two banks named: "the bank" is left alone; before any bank is named, too
    assert mentions["World Bank"] == ["World Bank"] and mentions["Bank of England"] == ["Bank of England"]
    assert ("European Commission", "committed") in {(c["actor"], c["stance"]) for c in out["commitments"]}


def test_a_long_name_cut_in_two_is_one_person_and_its_short_name_links_to_it(run):
    out = run(
        "Brazil's President Luiz Inacio Lula da Silva said he hoped to sign it. Lula later said the deal was good."
    )
    persons = {a["name"]: [m["text"] for m in a["mentions"]] for a in out["actors"] if a["kind"] == "person"}
    assert persons == {"Luiz Inacio Lula da Silva": ["Luiz Inacio Lula da Silva", "Lula"]}


def test_parties_named_by_their_members_act_as_groups(run):
    out = run(
        "The Conservatives will vote against the bill, while the Liberal Democrats said they would abstain. "
        "The Greens have not ruled out leaving. Europeans are worried, and Kurds fled the city."
    )
    kinds = {a["name"]: a["kind"] for a in out["actors"]}
    assert kinds.get("Conservatives") == kinds.get("Liberal Democrats") == kinds.get("Greens") == "group"
    assert "Kurds" not in kinds and "Europeans" not in kinds  # they do not speak or take a stance here
    stances = {(c["actor"], c["stance"]) for c in out["commitments"]}
    assert {("Conservatives", "opposed"), ("Greens", "open")} <= stances


def test_a_name_in_apposition_with_a_kind_of_organisation_is_that_organisation(run):
    out = run("IF Metall, the largest union, said it would not negotiate until management shares its figures.")
    kinds = {a["name"]: a["kind"] for a in out["actors"]}
    assert kinds.get("IF Metall") == "organisation" and "Metall" not in kinds
    assert ("IF Metall", "declined") in {(c["actor"], c["stance"]) for c in out["commitments"]}


def test_an_acronym_in_brackets_after_a_name_is_the_same_organisation(run):
    out = run(
        "The Health Service Executive (HSE) warned that appointments could be cancelled. "
        "The HSE said it would publish figures on Friday."
    )
    orgs = {a["name"]: [m["text"] for m in a["mentions"]] for a in out["actors"] if a["kind"] == "organisation"}
    assert orgs == {"Health Service Executive": ["Health Service Executive", "HSE", "HSE"]}


def test_a_double_surname_half_taken_for_a_company_stays_with_the_person(run):
    out = run("Health Minister Jennifer Carroll MacNeill said the strike was regrettable. MacNeill later left.")
    persons = {a["name"]: [m["text"] for m in a["mentions"]] for a in out["actors"] if a["kind"] == "person"}
    assert list(persons) == ["Jennifer Carroll MacNeill"]
    assert not [a for a in out["actors"] if a["name"] == "MacNeill"]
