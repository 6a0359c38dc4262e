"""Round 2 of the actor and quote rules (issue 10). Every sentence is invented for these tests."""


def speakers(run, text):
    return {" ".join(q["text"].split())[:40]: q["speaker"] for q in run(text)["quotes"]}


def actor_names(run, text):
    return {a["name"] for a in run(text)["actors"]}


def actor_codes(run, text):
    return {a["country_code"] for a in run(text)["actors"] if a.get("country_code")}


def test_a_quote_over_paragraphs_set_off_by_single_line_breaks_is_one_quote_per_paragraph(run):
    long_a = "We have waited for this bridge for eleven years and the families on the north bank deserve it. " * 2
    long_b = "Nobody in the valley should have to drive an hour to reach the hospital when it floods again. " * 2
    text = (
        f'   Mara Fenwick spoke at the opening on Monday.\n   "{long_a.strip()}\n   {long_b.strip()}" Fenwick said.\n'
    )
    quotes = run(text)["quotes"]
    assert [q["text"][:20] for q in quotes] == ["We have waited for t", "Nobody in the valley"]
    assert all(q["speaker"] == "Mara Fenwick" for q in quotes)


def test_a_quote_wrapped_at_a_fixed_width_stays_one_quote(run):
    text = (
        'Mara Fenwick said: "We have waited for this bridge for eleven years.\n'
        'The families on the north bank deserve it at last."\n'
    )
    quotes = run(text)["quotes"]
    assert len(quotes) == 1 and quotes[0]["speaker"] == "Mara Fenwick"


def test_a_block_quotation_after_a_colon_is_a_quote_of_the_speaker_introduced(run):
    text = (
        "The harbour board met on Tuesday to discuss the dredging contract.\n\n"
        "Harbour master Tomas Lindgren wrote:\n\n"
        "The channel has silted up faster than any survey predicted, and the ferries now wait for the tide.\n\n"
        "We cannot keep the port open through the winter without a second dredger on the water.\n\n"
        "The board will vote on the contract next month."
    )
    quotes = run(text)["quotes"]
    assert quotes[0]["text"].startswith("The channel") and quotes[0]["speaker"] == "Tomas Lindgren"
    assert "second dredger" in quotes[0]["text"]  # the paragraphs of one block are one quote


def test_a_list_after_a_colon_is_not_a_block_quotation(run):
    text = (
        "The agreement covers three areas:\n\n"
        "- shared patrols along the river border and joint training of the coast guards\n\n"
        "- a customs office at each crossing"
    )
    assert run(text)["quotes"] == []


def test_a_role_word_before_a_name_is_not_part_of_the_name(run):
    text = '"We need more buses on the night routes," said Voter Lena Okafor after casting her ballot.'
    names = actor_names(run, text)
    assert "Lena Okafor" in names and not any(n.startswith("Voter") for n in names)
    text = "Superintendent Jane Roe told the school board that classes would resume on Monday."
    assert "Jane Roe" in actor_names(run, text)


def test_territories_are_country_actors(run):
    text = (
        "The governor of Puerto Rico asked for federal aid. "
        "Officials in Hong Kong and American Samoa said they would send supplies."
    )
    assert {"PR", "HK", "AS"} <= actor_codes(run, text)


def test_a_short_sentence_that_only_attributes_names_the_speaker_of_the_quote_before(run):
    text = 'The ferry resumed on Friday. "The crossing is safe again and the timetable is back to normal." Nilsen said.'
    assert speakers(run, text) == {"The crossing is safe again and the timet": "Nilsen"}


def test_a_sentence_reporting_its_own_clause_does_not_attribute_the_quote_before(run):
    text = (
        'Anna Berg opened the meeting. "The crossing is safe again and the timetable is back to normal." '
        "Per Nilsen said later that the ferries would need new engines within five years."
    )
    assert speakers(run, text)["The crossing is safe again and the timet"] != "Per Nilsen"


def test_the_agent_of_a_passive_speech_verb_is_the_speaker(run):
    text = (
        "Prime Minister Ola Brekke visited the flooded town on Sunday. At a briefing he was told by "
        'Interior Minister Siri Dahl of "at least two hundred homes still without power", while '
        "Mayor Knut Aas indicated that the schools would stay shut."
    )
    assert speakers(run, text) == {"at least two hundred homes still without": "Siri Dahl"}


def test_whoever_issued_the_following_statement_is_its_speaker(run):
    text = (
        "Senator Maria Lopez issued the following statement regarding Governor Tom Hale's decision to close "
        'the port: "This decision will cost the region thousands of jobs and it was taken without a vote."'
    )
    assert speakers(run, text) == {"This decision will cost the region thous": "Maria Lopez"}


def test_a_storm_name_is_not_an_actor_also_when_it_comes_back_alone(run):
    text = (
        "Hurricane Oriel made landfall near the coast on Sunday. "
        "Oriel then weakened over the hills, Governor Paula Reyes told reporters."
    )
    names = actor_names(run, text)
    assert "Paula Reyes" in names and not any("Oriel" in n for n in names)


def test_a_monarch_keeps_the_regnal_number_and_the_bare_name_links_to_it(run):
    text = "The decree was signed by King Harald II on Monday. Harald had met the prime minister at the palace."
    result = run(text)
    people = [a for a in result["actors"] if a["kind"] == "person"]
    assert [a["name"] for a in people] == ["Harald II"]
    assert len(people[0]["mentions"]) == 2


def test_a_party_named_by_its_members_is_an_actor_but_not_inside_a_longer_name(run):
    text = "Democrats in the state senate said they would block the measure. The Free Democrats stayed silent."
    names = actor_names(run, text)
    assert "Democrats" in names
    text = "The Social Democrats and the Centre Democrats met in the capital on Friday."
    assert "Democrats" not in actor_names(run, text)


def test_a_short_fragment_a_speaker_uses_to_judge_is_a_quote(run):
    text = 'Senator Maria Lopez called the port closure "a disaster" on Tuesday.'
    assert speakers(run, text) == {"a disaster": "Maria Lopez"}
    text = 'Mayor Knut Aas said the council should drop the levy and "start again".'
    assert speakers(run, text) == {"start again": "Knut Aas"}


def test_a_short_term_in_marks_naming_a_thing_is_not_a_quote(run):
    text = 'Maria Lopez said that the "harbour fund" would be paid out in May.'
    assert run(text)["quotes"] == []
