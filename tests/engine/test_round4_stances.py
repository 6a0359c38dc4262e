"""Round-four stance rules (issue 10): news styles the engine had not seen. Every sentence is invented."""

import pytest


def stances(run, text):
    return {(c["actor"], c["stance"]) for c in run(text)["commitments"]}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Trade Minister Ana Roe says Chile's refusal to comply with the panel's ruling is cynical.", "declined"),
        ("The visit underscored the Peruvian government's commitment to partnering with its neighbours.", "committed"),
        ("Observers praised the Chilean government's willingness to reopen the talks.", "open"),
    ],
)
def test_a_noun_of_stance_owned_by_an_actor_is_its_stance(run, sentence, expected):
    found = stances(run, sentence)
    owner = "Chile" if "Chile" in sentence else "Peru"
    assert (owner, expected) in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile's refusal was final.",  # no act named
        "Why does Chile's refusal to comply matter?",  # a question
        "The Chilean court's decision to uphold the law was criticised.",  # a ruling made, not a course set
    ],
)
def test_a_noun_of_stance_without_an_act_or_in_a_question_is_no_stance(run, sentence):
    assert not {k for k in stances(run, sentence) if k[0] == "Chile"}


def test_a_reported_may_of_an_institution_is_its_option(run):
    found = stances(
        run,
        "The Lima government said it will review the ban after two years and may propose amendments "
        "if farmers can show they are hurt.",
    )
    assert ("Peru", "open") in found, found
    assert ("Peru", "committed") in found


@pytest.mark.parametrize(
    "sentence",
    [
        'Opposition leader Ana Roe called it "a bribes budget."',
        'Senator Ana Roe attacked the inquiry as "partisan garbage."',
    ],
)
def test_verdicts_are_opposition(run, sentence):
    assert ("Ana Roe", "opposed") in stances(run, sentence)


def test_an_accusation_of_conduct_is_no_stance_on_an_action(run):
    assert not stances(run, "Former minister Ana Roe accused the premier of misleading parliament.")


def test_an_attack_without_a_verdict_is_no_stance(run):
    assert not stances(run, "Rebels led by Ana Roe attacked the base on Monday.")


def test_seeing_no_reason_to_act_is_a_refusal(run):
    found = stances(run, "Central bank deputy John Roe said he saw no reason to lower interest rates now.")
    assert ("John Roe", "declined") in found
    assert not stances(run, "Peru saw a reason to act.")


def test_our_government_in_a_ministers_quote_is_the_country(run):
    found = stances(
        run,
        "The Government of Peru raised the pension on Monday, Labour Minister Ana Roe said. "
        "“This Government is committed to lifting the incomes of older people,” says Ana Roe.",
    )
    assert ("Peru", "committed") in found, found


def test_our_government_with_no_country_in_the_article_is_no_one(run):
    assert not stances(run, "Ana Roe spoke on Monday. “Our government is committed to lifting incomes,” says Ana Roe.")


def test_a_negated_line_about_this_government_is_left_to_the_speaker(run):
    found = stances(
        run,
        "The Government of Peru raised the pension on Monday, Labour Minister Ana Roe said. "
        "“This Government will not accept that as normal,” says Ana Roe.",
    )
    assert not {k for k in found if k[0] == "Peru"}, found


def test_stressing_the_need_for_an_act_is_a_call(run):
    assert ("Peru", "committed") in stances(run, "Peru stressed the need for more support for forest nations.")
    assert not stances(run, "Peru did not stress the need for talks.")


@pytest.mark.parametrize(
    "text",
    [
        "The World Bank issued today its economic update for Peru. Growth slowed in 2024. "
        "The report emphasizes the need for more support for forest nations.",
        "The World Bank issued today its economic update for Peru. The report highlights that reforms can "
        "create jobs. It emphasizes the need for broader access to credit.",
        "The report, published by the World Bank, calls for a new tax on carbon.",
    ],
)
def test_a_report_calling_for_an_act_is_its_issuers_call(run, text):
    assert ("World Bank", "committed") in stances(run, text)


def test_a_report_with_no_issuer_commits_no_one(run):
    assert not stances(run, "The report calls for a new tax on carbon.")


def test_writing_to_someone_asking_them_to_act_is_a_call(run):
    found = stances(
        run, "Police chief John Smith wrote to the Chilean embassy on Monday, asking it to waive the driver's immunity."
    )
    assert ("John Smith", "committed") in found


def test_a_remark_added_in_passing_is_not_read_as_a_call(run):
    text = '"Nobody should wait," said John Smith, adding that the money should reach farmers directly.'
    assert not [c for c in run(text)["commitments"] if "reach" in c["action"]]


def test_urging_that_something_be_done_is_a_call(run):
    assert ("John Smith", "committed") in stances(run, "The mayor, John Smith, urged that the immunity be waived.")


def test_joining_calls_for_an_act_is_a_stance_but_joining_a_call_is_attendance(run):
    found = stances(run, "On Monday, Prime Minister Ana Roe joined the calls by officials asking Chile to waive it.")
    assert ("Ana Roe", "committed") in found
    assert not stances(run, "Ana Roe joined the call with Chile's president.")
