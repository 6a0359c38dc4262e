"""The quote finder on broken input, and speakers through verbs, pronouns and titles."""

from apps.extraction.engine.quotes import find_quotes, is_name_like


def contents(text):
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_mixed():
    text = 'He said “we will stay here until the end," and left. She said "no way out of this” today.'
    assert contents(text) == ["we will stay here until the end,", "no way out of this"]


def test_double_opened_single_closed():
    text = "A \"reassurance force' for Ukraine was discussed. Then \"very clear' about it."
    assert contents(text) == ["reassurance force", "very clear"]


def test_doubled_marks_and_trailing_pairs():
    text = 'He accused them of ""doing nothing at all\' and more. "We decided,\'" she said.'
    found = contents(text)
    assert found[0] == "doing nothing at all"
    assert found[1] == "We decided,"


def test_two_apostrophes_as_a_double_mark():
    text = "He said ''we are ready to go'' on Monday."
    assert contents(text) == ["we are ready to go"]


def test_nested_single_quotes_stay_inside():
    text = "\"We deploy as a 'reassurance force' troops in the air,\" Macron said."
    assert contents(text) == ["We deploy as a 'reassurance force' troops in the air,"]


def test_apostrophes_and_plural_possessives_are_not_marks():
    text = "\"The allies' demands and Ukraine's answer don't match,\" he said. Forces' progress slowed."
    assert contents(text) == ["The allies' demands and Ukraine's answer don't match,"]


def test_missing_closing_mark_stops_at_paragraph():
    text = '"We will never accept this deal\nbecause it is unfair, he said.\n\nNext paragraph "with quote" here.'
    found = find_quotes(text)
    assert text[found[0].start : found[0].end].startswith("We will never accept this deal\nbecause")
    assert not found[0].closed
    assert "\n\n" not in text[found[0].start : found[0].end]
    assert text[found[1].start : found[1].end] == "with quote"


def test_line_break_inside_quote_kept():
    text = 'The White House said it urged them to stop buying oil "that is\nfunding the war."'
    assert contents(text) == ["that is\nfunding the war."]


def test_stray_marks_do_not_hang():
    text = '”” \' " ” “ ‘’ "' * 2000 + " done."
    find_quotes(text)  # terminates; linear scan


def test_name_like():
    assert is_name_like("Coalition of the Willing")
    assert not is_name_like("We are united in support for a just peace")


def test_scare_quotes_and_names_are_not_quotes(run):
    out = run(
        'Macron said the so-called "coalition of the willing" would meet. Officials called it a '
        '"reassurance force" for Ukraine. The "Coalition of the Willing" met on Tuesday.'
    )
    assert out["quotes"] == []


def test_speaker_after_quote_with_title(run):
    text = (
        'French President Emmanuel Macron spoke on Tuesday. "Soldiers will be present when a peace is signed," '
        "the French president told RTL radio."
    )
    out = run(text)
    assert [(q["text"], q["speaker"]) for q in out["quotes"]] == [
        ("Soldiers will be present when a peace is signed,", "Emmanuel Macron")
    ]


def test_speaker_by_pronoun_and_colon(run):
    text = (
        'Chancellor Olaf Scholz arrived late. "We cannot accept new debt without conditions," he said.\n\n'
        'Sen. Susan Collins told reporters: "I am weighing the costs to consumers very carefully."'
    )
    out = run(text)
    assert [q["speaker"] for q in out["quotes"]] == ["Olaf Scholz", "Susan Collins"]


def test_speaker_is_government_for_spokesman(run):
    text = (
        '"Germany will decide at the appropriate time once conditions are clear," a German government spokesman said.'
    )
    out = run(text)
    assert out["quotes"][0]["speaker"] == "Germany"


def test_partial_quote_speaker_from_verb_before(run):
    text = 'Ukraine declared that a "common understanding on the core terms of the deal" had been reached.'
    out = run(text)
    assert out["quotes"][0]["speaker"] == "Ukraine"


def test_inverted_said_and_unclosed_quote(run):
    text = (
        '"This bill is a disaster for manufacturers who depend on cheap steel,\n'
        "said Mark Evans, president of a trade group.\n\nOther news follows here today."
    )
    out = run(text)
    assert out["quotes"][0]["text"].endswith("cheap steel,")
    assert out["quotes"][0]["speaker"] == "Mark Evans"


def test_quotes_in_captions_and_related_blocks_are_ignored(run):
    text = (
        'Leaders meet in Paris to discuss "a long list of security matters for the region." Reuters/Jane Doe\n\n'
        "Germany said on Monday it would send more aid to the region.\n\n"
        'Related article: "We will never give up the fight for our land," says minister'
    )
    out = run(text)
    assert out["quotes"] == []


def test_he_said_prefers_the_last_subject(run):
    text = (
        "German Chancellor Friedrich Merz met Italian Prime Minister Giorgia Meloni in Rome. "
        '"We agreed on everything that matters today," he said.'
    )
    assert run(text)["quotes"][0]["speaker"] == "Friedrich Merz"


def test_quote_running_over_paragraphs_keeps_its_speaker(run):
    text = (
        '"We will get the country building again," Mr Starmer told the BBC. "Young people have waited too long.\n\n'
        '"This government will not accept that as normal."\n\nKeir Starmer is the prime minister.'
    )
    speakers = [q["speaker"] for q in run(text)["quotes"]]
    assert speakers == ["Keir Starmer"] * 3


def test_unnamed_office_holder_speaks_for_the_country(run):
    out = run(
        "Russian Foreign Minister Sergei Lavrov met his counterpart in Moscow. Russia's foreign minister said: "
        '"We will not allow our ships to be searched by anyone at all."\n\n'
        'The German foreign minister said: "We are ready to help with everything we have."'
    )
    assert [q["speaker"] for q in out["quotes"]] == ["Sergei Lavrov", "Germany"]


def test_a_short_quote_with_its_speech_verb_is_a_quote_not_a_scare_quote(run):
    out = run(
        '"Parisians deserve better," Mayor Anne Hidalgo said. "We will hire the drivers we need." '
        'Critics called the so-called "peace plan," a trap. The "reassurance force" will deploy.'
    )
    got = [(q["text"], q["speaker"]) for q in out["quotes"]]
    assert got[0] == ("Parisians deserve better,", "Anne Hidalgo")
    assert got[1] == ("We will hire the drivers we need.", "Anne Hidalgo")  # the next quote keeps the speaker
    assert not any("peace plan" in text or "reassurance" in text for text, _ in got)


def test_a_title_with_a_name_in_apposition_gives_the_person(run):
    out = run('"We will not pay for this," said the Dutch finance minister, Eelco Heinen.')
    assert [(q["text"], q["speaker"]) for q in out["quotes"]] == [("We will not pay for this,", "Eelco Heinen")]


def test_a_quote_running_on_over_paragraphs_takes_the_speaker_named_at_its_end(run):
    out = run(
        "Nurses walked out on Thursday.\n\n"
        '"Our members are exhausted and they have been patient.\n\n'
        '"They cannot keep covering for empty posts," said union leader Mary Byrne.\n\n'
        '"A strike is the last thing we want." The ministry did not comment.'
    )
    speakers = [(q["text"][:20], q["speaker"]) for q in out["quotes"]]
    assert speakers[0] == ("Our members are exha", "Mary Byrne")
    assert speakers[1] == ("They cannot keep cov", "Mary Byrne")
