"""Round 3 of the quote and speaker rules (issue 10). Every sentence is invented for these tests."""

from apps.extraction.engine.quotes import _runs_on, block_quotes, tweet_quotes


def speakers(run, text):
    return {" ".join(q["text"].split())[:40]: q["speaker"] for q in run(text)["quotes"]}


def actor_names(run, text):
    return {a["name"] for a in run(text)["actors"]}


# --- posts printed as "@handle: text" ------------------------------------------------------------------


def test_a_run_of_posts_gives_one_quote_per_post_spoken_by_its_handle(run):
    text = (
        "Ferry passengers complained online after the morning crossing was cancelled again.\n\n"
        "@harbour_watch: The ferry left without half its passengers again this morning. http://example.org/p/1\n\n"
        "@quayside99: @harbour_watch Nobody at the ticket office could say when the next boat would sail @ferryco\n\n"
        "The operator apologised on Tuesday."
    )
    out = run(text)
    quotes = {q["text"]: q["speaker"] for q in out["quotes"]}
    assert quotes == {
        "The ferry left without half its passengers again this morning.": "@harbour_watch",
        "Nobody at the ticket office could say when the next boat would sail": "@quayside99",
    }
    names = {a["name"] for a in out["actors"]}
    assert {"@harbour_watch", "@quayside99"} <= names


def test_a_line_that_only_mentions_a_handle_is_not_a_post(run):
    text = "Readers can follow the council on @valdoria_council for updates on the roadworks and closures.\n"
    assert run(text)["quotes"] == []


# --- block quotations ----------------------------------------------------------------------------------


def test_a_block_quotation_stops_where_the_narrative_resumes(run):
    text = (
        "The council published its flood plan on Monday.\n\n"
        "Councillor Ines Carvalho said:\n\n"
        "The new barrier will protect four hundred homes on the east bank from the spring floods.\n\n"
        "In March the council commissioned a survey of the river from an engineering firm.\n"
    )
    quotes = run(text)["quotes"]
    assert len(quotes) == 1
    assert quotes[0]["text"].endswith("spring floods.") and quotes[0]["speaker"] == "Ines Carvalho"


def test_a_block_quotation_runs_on_in_the_first_person_or_up_to_the_next_speaker(run):
    text = (
        "The council published its flood plan on Monday.\n\n"
        "Councillor Ines Carvalho said:\n\n"
        "The new barrier will protect four hundred homes on the east bank from the spring floods.\n\n"
        "Work on the western section starts in the autumn and ends before the winter storms.\n\n"
        "Engineer Paulo Reis said:\n\n"
        "We tested the design against the worst flood of the last century and it held every time.\n\n"
        "Our crews will stay on site until the last gate is fitted and tested.\n"
    )
    quotes = run(text)["quotes"]
    assert [q["speaker"] for q in quotes] == ["Ines Carvalho", "Paulo Reis"]
    assert "winter storms" in quotes[0]["text"]  # runs up to the next speaker's colon line
    assert "last gate" in quotes[1]["text"]  # goes on in the first person


def test_a_quoted_paragraph_ending_with_a_colon_before_a_sign_off_stays_quoted(run):
    text = (
        "In its ruling, the Valdorian Supreme Court set out what a landlord must do:\n\n"
        "A landlord who receives a complaint about damp must inspect the home within two weeks and must not:\n\n"
        "– Valdorian Supreme Court\n\n"
        "Tenant groups welcomed the ruling on Friday.\n"
    )
    ctx_blocks = [text[a:b] for a, b in _block_spans(text)]
    assert ctx_blocks and ctx_blocks[0].startswith("A landlord who receives")


def _block_spans(text):
    from apps.extraction.engine import pipeline as P
    from apps.extraction.engine.context import Context

    work, blocks, pieces, _lang, _stretch = P._prepare(text)
    ctx = Context(text, work, blocks, P.gazetteer(()))
    return block_quotes(ctx) + tweet_quotes(ctx)


# --- quotations over several paragraphs -----------------------------------------------------------------


def test_a_paragraph_opened_with_a_closing_mark_continues_the_quotation(run):
    text = (
        "Governor Ada Quint wrote to the regional assembly on Monday. Her letter said:\n\n"
        "“The reservoir has fallen to a third of its usual level and the farms in the south are already "
        "rationing water.\n\n"
        "”The regional government will therefore ask every town to cut its use by a fifth until the rains "
        "come back.”\n"
    )
    quotes = run(text)["quotes"]
    assert len(quotes) == 2
    assert all(q["speaker"] == "Ada Quint" for q in quotes)


def test_a_quote_left_open_at_its_paragraph_end_runs_on_even_when_cut_at_a_sentence():
    assert _runs_on(" The rest of the open paragraph goes here.\n\n“")
    assert not _runs_on(" The paragraph closed here.” She left.\n\n“")  # a closing mark: a new quotation
    assert not _runs_on(" The rest of the paragraph.\n“")  # no blank line: not a new paragraph


# --- documents speak for their owner or maker ------------------------------------------------------------


def test_a_letter_speaks_for_its_writer_not_for_the_person_it_is_addressed_to(run):
    text = (
        "Governor Ada Quint asked the assembly to extend the water rationing.\n\n"
        "Her letter to Assembly Speaker Bram Olsen says:\n\n"
        "“The reservoirs will not recover before the summer unless every town keeps its cuts in place.”\n"
    )
    assert list(speakers(run, text).values()) == ["Ada Quint"]


def test_the_message_said_names_whoever_sent_the_message(run):
    text = (
        "Governor Ada Quint sent the mayors of the towns near Norway a message on Friday. The message said: "
        "“Every town that keeps its water cuts in place will get help with the cost of new pipes.”\n"
    )
    assert list(speakers(run, text).values()) == ["Ada Quint"]


def test_read_the_notice_after_a_quote_names_the_issuer_of_the_notice(run):
    text = (
        "On Friday the World Health Organization released a notice about the outbreak in the north.\n\n"
        'A spokesperson said the team had arrived. "No new cases were found in the camps this week," read '
        "the notice.\n"
    )
    quotes = run(text)["quotes"]
    assert [q["speaker"] for q in quotes if q["text"].startswith("No new cases")] == ["World Health Organization"]


# --- speakers without a name ------------------------------------------------------------------------------


def test_a_title_without_a_name_becomes_an_actor_named_by_the_title(run):
    text = (
        "The hearing in the fraud case was adjourned again on Thursday. The presiding magistrate said the "
        'defence had "delayed this hearing far too often and without any good reason".\n'
    )
    out = run(text)
    assert [q["speaker"] for q in out["quotes"]] == ["presiding magistrate"]
    assert "presiding magistrate" in {a["name"] for a in out["actors"]}


def test_an_unnamed_body_with_an_owner_becomes_an_actor(run):
    text = (
        "Valdoria's food watchdog has since stated that the cheese was withdrawn \"as a precaution and "
        'not because anyone fell ill".\n'
    )
    assert list(speakers(run, text).values()) == ["Valdoria's food watchdog"]


def test_a_number_of_a_group_speaks_as_the_group(run):
    text = 'A group of residents criticised the plan, calling it "a waste of the flood money".\n'
    assert list(speakers(run, text).values()) == ["residents"]


def test_according_to_him_is_the_person_named_before(run):
    text = (
        "Coast guard captain Oskar Lind described the rescue on Monday. According to him, the crew "
        'survived thanks to "the calm of the youngest sailor on board".\n'
    )
    assert list(speakers(run, text).values()) == ["Oskar Lind"]


def test_the_court_said_is_the_court_that_acted_not_one_named_in_passing(run):
    text = (
        "The Valdorian Appeals Court heard the case on Monday. Appeals go on to the "
        "Valdorian Constitutional Court.\n\n"
        'The court found that the eviction "was carried out without any lawful order and must be '
        'reversed".\n'
    )
    assert list(speakers(run, text).values()) == ["Valdorian Appeals Court"]


def test_a_plural_possessive_in_capitals_does_not_close_a_quote(run):
    text = 'Mara Fenwick said "the cuts will hurt the NGOS\' volunteers more than anyone else in the region."\n'
    quotes = run(text)["quotes"]
    assert len(quotes) == 1 and quotes[0]["text"].endswith("in the region.")


def test_the_group_with_a_definite_article_is_not_a_new_actor(run):
    text = (
        "Engineers at the Halden Water Board measured the flooding for six years. What the residents "
        'call "a river running through the cellars every spring" starts at the old mill.\n'
    )
    assert "residents" not in actor_names(run, text)


def test_a_fragment_after_as_a_is_a_judgement_quoted(run):
    text = 'Former governor Nils Brekke, who dismissed the new tax as a "costly folly", spoke on Tuesday.\n'
    assert speakers(run, text) == {"costly folly": "Nils Brekke"}


def test_a_short_capitalised_clause_before_tweeted_is_a_quote(run):
    text = '"We are ready" tweeted Ines Carvalho "to send every pump we have to the flooded towns."\n'
    assert speakers(run, text) == {
        "We are ready": "Ines Carvalho",
        "to send every pump we have to the floode": "Ines Carvalho",
    }


def test_the_words_of_a_markdown_link_are_read():
    from apps.extraction.engine.clean import working_text

    text = "The mayor [wrote](https://example.org/a/very/long/address/of/a/statement/page/on/the/site) on Monday"
    work = working_text(text)
    assert len(work) == len(text) and " wrote " in work and "https" not in work
    image = "![Harbour logo](/assets/logo-harbour.png) text"
    assert working_text(image).startswith("![Harbour")  # images are left to the rules for blobs


def test_the_issuer_of_a_notice_is_found_before_a_quotation_of_several_sentences(run):
    text = (
        "On Friday the World Health Organization released a notice about the outbreak in the north. "
        "A spokesperson said the team had arrived.\n\n"
        '"No new cases were found in the camps. The clinics have enough vaccine. The roads are open again," '
        "read the notice.\n"
    )
    quotes = run(text)["quotes"]
    assert [q["speaker"] for q in quotes] == ["World Health Organization"]
