"""Round 4 of the quote and speaker rules (issue 10): house styles of wire copy, government releases and
Markdown press pages. Every sentence is invented for these tests."""

import pytest

from apps.extraction.engine.clean import paragraph_starts, working_text
from apps.extraction.engine.pipeline import _chunk_doc, nlp
from apps.extraction.engine.quotes import _paragraph_start, find_quotes


def speakers(run, text):
    """The speaker of each quote, by the quote's first four words."""
    return {" ".join(q["text"].split()[:4]): q["speaker"] for q in run(text)["quotes"]}


# --- Markdown emphasis around quotation marks ------------------------------------------------------------


def test_quotes_wrapped_in_markdown_italics_are_found():
    text = "_“The new bridge will open in the spring,”_ said Ana Ruiz_.__“Two more will follow next year.”_"
    found = [text[q.start : q.end].strip("_”,. ") for q in find_quotes(text)]
    assert found == ["The new bridge will open in the spring", "Two more will follow next year"]


def test_a_speaker_in_markdown_bold_after_an_italic_quote(run):
    text = (
        "The agency approved a grant for rural roads on Monday.\n\n"
        "_“This grant will connect forty villages to the regional market towns,”_ said "
        "**Ana Ruiz, Regional Director for Transport at the agency**. _“Work starts in May.”_\n"
    )
    got = speakers(run, text)
    assert got == {
        "This grant will connect": "Ana Ruiz",
        "Work starts in May.": "Ana Ruiz",
    }


@pytest.mark.parametrize(
    ("raw", "work"),
    [
        ("said**Ana Ruiz, Director**.", "said  Ana Ruiz, Director  ."),
        ("_“We agree,”_ said", ' "We agree,"  said'),
        ("* a list item", "* a list item"),  # a bullet stays
        ("@_roe_j and a_file_name", "@_roe_j and a_file_name"),  # handles and words keep their underscores
    ],
)
def test_the_working_text_blanks_markdown_emphasis_only(raw, work):
    assert working_text(raw) == work


# --- a quote closed by an opening mark -------------------------------------------------------------------


def test_a_quote_closed_by_an_opening_mark_takes_the_name_after_it(run):
    text = (
        "The port reopened on Monday.\n\n"
        "“Cargo volumes are back to where they were before the storm and the new cranes are working well.“ "
        "Ana Ruiz said.\n"
    )
    assert speakers(run, text) == {"Cargo volumes are back": "Ana Ruiz"}


# --- a paragraph that is a quote goes on with the previous paragraph's speaker ---------------------------


def test_a_quote_paragraph_after_an_attributed_quote_keeps_its_speaker(run):
    text = (
        "Transport Minister Ana Ruiz says the new timetable starts on Monday.\n\n"
        "“Trains will run every ten minutes at peak times,” Ms Ruiz says.\n\n"
        "“Passengers on the northern line will save about a quarter of an hour each way.”\n\n"
        "The rail union has welcomed the change.\n"
    )
    got = speakers(run, text)
    assert got["Passengers on the northern"] == "Ana Ruiz"


def test_a_quote_paragraph_after_reported_speech_takes_its_speaker(run):
    text = (
        "The harbour board met on Tuesday to discuss the dredging contract.\n\n"
        "Board chair Tomas Varga says that the contract will be signed before the end of the month.\n\n"
        "“The channel has to be deepened before the larger ferries arrive in the summer.”\n"
    )
    assert speakers(run, text) == {"The channel has to": "Tomas Varga"}


def test_quote_paragraphs_left_open_run_on_with_the_same_speaker(run):
    text = (
        "“Our hospitals are coping with the winter peak,” Health Minister Ana Ruiz says.\n\n"
        "“Waiting times in the emergency departments have fallen for the third month in a row.\n\n"
        "“We will keep the extra beds open until the end of March.\n\n"
        "The ministry publishes its next figures on Friday.\n"
    )
    got = speakers(run, text)
    assert got["Waiting times in the"] == "Ana Ruiz"
    assert got["We will keep the"] == "Ana Ruiz"


def test_a_quote_paragraph_after_narrative_has_no_borrowed_speaker(run):
    text = (
        "Ana Ruiz said the port would reopen on Monday. The harbour board did not comment.\n\n"
        "Ships waited outside the harbour for three days.\n\n"
        "“Nobody told us anything about the delay at all.”\n"
    )
    assert speakers(run, text) == {"Nobody told us anything": None}


@pytest.mark.parametrize(
    ("text", "pos", "start"),
    [
        ("One line.\n\nSecond paragraph here.", 15, 11),
        ("First paragraph,\nwrapped here.\n    Indented paragraph.", 40, 31),
        ("First paragraph,\nwrapped here.\nStill the same paragraph.", 40, 0),
    ],
)
def test_paragraph_starts(text, pos, start):
    assert _paragraph_start(text, pos) == start


# --- wire copy: paragraphs set off by an indented line ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("The port closed on Monday.\n    The harbour board said it", [31]),
        ('its offer "would not change"\n    Ana Ruiz said', [33]),  # a paragraph left without a full stop
        ("The port closed on\n    Monday, the board said.", []),  # an indented line inside a sentence
        ("The port closed on Monday.\nThe harbour board said it", []),  # text wrapped at a fixed width
        ("A paragraph set on one long line. " * 4 + "\nThe next paragraph.", [137]),
    ],
)
def test_paragraph_starts_after_a_single_line_break(text, starts):
    assert paragraph_starts(text, 0, len(text)) == starts


def test_the_parser_starts_a_sentence_at_a_wire_paragraph():
    text = 'The union called the offer "a step backwards"\n    Ana Ruiz, a lawyer for the firm, said the offer stood.'
    doc = next(nlp().pipe([_chunk_doc(nlp(), text, working_text(text), 0, len(text))]))
    assert [s.text.strip() for s in doc.sents] == [
        'The union called the offer "a step backwards"',
        "Ana Ruiz, a lawyer for the firm, said the offer stood.",
    ]


def test_he_said_is_the_one_who_spoke_not_the_one_he_spoke_about(run):
    text = (
        "The mill's owners met the council on Friday.\n\n"
        "Tomas Varga also said Peter Lind could sell his shares in the mill next year. "
        "“We are not in any hurry to sell the mill,” he said.\n"
    )
    assert speakers(run, text) == {"We are not in": "Tomas Varga"}


# --- unnamed and institutional voices --------------------------------------------------------------------


def test_a_government_spokesman_speaks_for_the_country_of_the_story(run):
    text = (
        "Portugal will cut import duties on grain from June, the Portuguese trade ministry announced. "
        "Portugal imports most of its wheat.\n\n"
        "“The cut will bring down the price of bread within weeks,” a government spokesman said.\n"
    )
    assert speakers(run, text) == {"The cut will bring": "Portugal"}


def test_another_analyst_is_not_the_analyst_named_before(run):
    text = (
        "“The bid undervalues the bank by a wide margin,” said Ana Ruiz, a banking analyst at Kestrel Securities.\n\n"
        "“The board is likely to hold out for a better offer in the new year,” another analyst said.\n"
    )
    got = speakers(run, text)
    assert got["The bid undervalues the"] == "Ana Ruiz"
    assert got["The board is likely"] == "analyst"


def test_a_title_before_a_clause_is_not_the_title_of_the_name_after_it(run):
    text = (
        "The spokesman said trade minister Tomas Varga would travel to the talks on Monday.\n\n"
        "“We will not accept a quota on our steel exports,” the spokesman said.\n"
    )
    assert speakers(run, text)["We will not accept"] != "Tomas Varga"


def test_a_quote_with_its_own_unresolved_attribution_borrows_no_speaker(run):
    text = (
        "Ana Ruiz, the port director, said the quay would reopen next week.\n\n"
        "“The repairs cost more than we had hoped,” the engineer on duty said.\n"
    )
    assert speakers(run, text)["The repairs cost more"] != "Ana Ruiz"
