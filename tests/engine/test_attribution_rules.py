"""Speaker attribution rules of round 2 (issue 10): who speaks when the attribution is indirect.
Every sentence, name and place is invented for the test."""


def speakers(run, text):
    return {q["text"].strip(" ,."): q["speaker"] for q in run(text)["quotes"]}


def test_the_person_named_in_apposition_inside_an_office_phrase(run):
    text = (
        "After the vote, the director of Utopia's Harbour Trust, Jane Roe, said the council had "
        '"listened to the fishermen, the dockers and the families of the port".'
    )
    assert speakers(run, text) == {"listened to the fishermen, the dockers and the families of the port": "Jane Roe"}


def test_of_two_subjects_the_person_speaks(run):
    text = (
        "Democratic Union Party leader and Prime Minister Tomas Berg said the ferry would run again "
        '"by the end of the month, whatever the cost to the city".'
    )
    assert speakers(run, text)["by the end of the month, whatever the cost to the city"] == "Tomas Berg"


def test_he_is_the_last_person_who_was_a_subject(run):
    text = (
        "Pieter Vandam, of the Oosterveld district council, described the flooding in the lower town. "
        '"The water rose in minutes. The whole street was under a metre of water," he said.'
    )
    assert speakers(run, text) == {
        "The water rose in minutes. The whole street was under a metre of water": "Pieter Vandam"
    }


def test_a_title_without_a_name_is_the_person_named_with_that_title(run):
    text = (
        "Trade commissioner Lydia Okafor announced that Freedonia would join the pact. "
        'The commissioner said, "We have not agreed on every tariff yet, but the framework is enough to start."'
    )
    assert speakers(run, text) == {
        "We have not agreed on every tariff yet, but the framework is enough to start": "Lydia Okafor"
    }


def test_a_title_whose_other_words_disagree_names_nobody(run):
    text = (
        "Transport Minister Karl Ossian said the airport would reopen on Monday. "
        'The regional health minister said, "The injured have been taken to the two nearest hospitals."'
    )
    assert speakers(run, text)["The injured have been taken to the two nearest hospitals"] != "Karl Ossian"


def test_the_party_is_the_party_named_before(run):
    text = (
        "The Northern Farmers Party was ordered to withdraw its candidate on Friday. "
        '"The Northern Farmers Party complies with the order of the commission," the party told the press.'
    )
    assert speakers(run, text) == {
        "The Northern Farmers Party complies with the order of the commission": "Northern Farmers Party"
    }


def test_a_press_release_heading_names_the_issuer(run):
    text = (
        "Statement from Mayor Ingrid Solberg on the Harbour Budget\n\n"
        "\u201cThe budget keeps every library and every swimming pool in the city open for another year. "
        "It also pays for two new ferries.\n\n"
        "\u201cWe will publish the full figures next week, and I invite every resident to read them.\u201d\n"
    )
    got = speakers(run, text)
    assert got and set(got.values()) == {"Ingrid Solberg"}


def test_an_attribution_after_the_quote_comes_before_the_colon_clause(run):
    text = (
        "The agency stressed the need for action: "
        '"Every town can still change the course of this outbreak," said Ana Ruiz, the director of the agency.'
    )
    assert speakers(run, text) == {"Every town can still change the course of this outbreak": "Ana Ruiz"}


def test_a_colon_clause_names_the_speaker_of_its_speech_verb(run):
    text = (
        "As Mayor Oskar Lindgren said when the Brenstadt City Council closed the bridge: "
        '"Nobody should have to drive two hours to reach a hospital."'
    )
    assert speakers(run, text) == {"Nobody should have to drive two hours to reach a hospital": "Oskar Lindgren"}


def test_a_possessive_document_after_a_verb_is_not_the_speaker(run):
    text = (
        "Senator Paul Ostrander told reporters on Monday that the vote was close. "
        "Governor Mira Castell spoke on Tuesday. "
        'Ostrander rejected Castell\'s statement: "The plan leaves every rural clinic in the state without staff."'
    )
    assert speakers(run, text) == {"The plan leaves every rural clinic in the state without staff": "Paul Ostrander"}


def test_a_clause_and_a_comma_open_the_quote(run):
    text = (
        "Governor Mira Castell spoke to the assembly on Monday. "
        'Castell, also on the radio, defended her decision, "As I have said before, the clinics will stay open '
        'and the nurses will be paid."'
    )
    quotes = speakers(run, text)
    assert list(quotes.values()) == ["Mira Castell"]


def test_a_verdict_verb_attributes_the_quote(run):
    text = (
        "Judge Hana Vogel heard the case in Brenstadt. "
        'Vogel ruled that the eviction order "was issued without any legal basis and cannot stand".'
    )
    assert speakers(run, text) == {"was issued without any legal basis and cannot stand": "Hana Vogel"}


def test_a_bare_surname_is_the_person_named_in_full_before(run):
    text = (
        "Defence adviser Imre Kovacsik visited the plant on Tuesday. "
        'Kovacsik noted that the army had been "effectively disarmed by years of neglect".'
    )
    assert speakers(run, text) == {"effectively disarmed by years of neglect": "Imre Kovacsik"}


def test_the_place_that_ends_a_title_is_not_part_of_the_speakers_name(run):
    text = (
        "President of Freedonia Rufus Talbot addressed the assembly on Sunday. "
        '"Within ten days I will send the bill to parliament," Talbot said.'
    )
    assert speakers(run, text) == {"Within ten days I will send the bill to parliament": "Rufus Talbot"}
