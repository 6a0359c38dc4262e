"""Stance rules beyond will/pledge (issue 10). Every sentence here is invented for the test."""

import pytest


def stances(run, text):
    return {(c["actor"], c["stance"]) for c in run(text)["commitments"]}


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Portugal accepted the revised offer on Tuesday.", "Portugal"),
        ("Austria backs the new fisheries accord.", "Austria"),
        ("Finland supported the budget rules at the summit.", "Finland"),
        ("Chile endorsed the mediator's road map.", "Chile"),
        ("Kenya proposed a joint patrol of the lake.", "Kenya"),
        ("Norway called for an independent inquiry into the spill.", "Norway"),
        ("Ghana began talks with the striking nurses.", "Ghana"),
        ("Croatia joined the naval mission last spring.", "Croatia"),
        ("Egypt ordered 12 patrol boats from the shipyard.", "Egypt"),
        ("Peru agreed to buy three cargo planes.", "Peru"),
    ],
)
def test_verbs_of_acceptance_and_action_commit(run, sentence, actor):
    assert (actor, "committed") in stances(run, sentence)


def test_a_stance_verb_under_consideration_is_not_yet_a_commitment(run):
    found = stances(run, "Iceland is considering joining the currency pact.")
    assert ("Iceland", "undecided") in found
    assert ("Iceland", "committed") not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Hungary must repay the emergency loan by June.",
        "Hungary has to cut its deficit this year.",
        "Hungary is bound to hold a referendum on the treaty.",
        "Under the agreement, Hungary returns the seized vessels.",
    ],
)
def test_obligations_commit(run, sentence):
    assert ("Hungary", "committed") in stances(run, sentence)


def test_a_term_of_a_proposed_deal_is_conditional(run):
    assert ("Hungary", "conditional") in stances(run, "Under the proposal, Hungary would reopen the border crossings.")


def test_should_is_advice_not_an_obligation(run):
    assert stances(run, "Hungary should reopen the border crossings, analysts said.") == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "Latvia is to open a consulate in the port city.",
        "Latvia plans to raise the tax on tobacco.",
        "Latvia wants to join the currency union.",
        "Latvia is ready to sign the trade pact.",
    ],
)
def test_intent_commits(run, sentence):
    assert ("Latvia", "committed") in stances(run, sentence)


def test_wanting_someone_else_to_act_is_not_a_commitment(run):
    assert ("Latvia", "committed") not in stances(run, "Latvia wants Estonia to close the crossing.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Slovakia voiced concern over the grain quotas.",
        "There were strong objections from Slovakia to the grain quotas.",
        "Despite Slovakia's opposition to the grain quotas, the plan went ahead.",
        "Slovakia called the grain quotas unjustified.",
        "Slovakia said the grain quotas were unacceptable.",
        "Slovakia cannot support the grain quotas.",
        "Slovakia does not back the grain quotas.",
    ],
)
def test_opposition_said_with_a_noun_a_verdict_or_a_negated_support(run, sentence):
    assert ("Slovakia", "opposed") in stances(run, sentence)


def test_no_objection_is_not_opposition(run):
    assert ("Slovakia", "opposed") not in stances(run, "Slovakia raised no objection to the grain quotas.")


@pytest.mark.parametrize(
    "text",
    [
        "It is expected that Bolivia will join the gas cartel next year.",
        "Bolivia held talks in May. It is widely predicted that it will join the gas cartel.",
        "Traders expect that Bolivia will join the gas cartel next year.",
    ],
)
def test_a_prediction_is_not_a_stance(run, text):
    assert ("Bolivia", "committed") not in stances(run, text)


def test_a_plain_future_is_still_a_stance(run):
    assert ("Bolivia", "committed") in stances(run, "Bolivia will join the gas cartel next year.")


def test_refusal_by_an_organisation_named_before(run):
    text = (
        "The European Central Bank published its review on Monday. "
        "The bank declined to lower its rates before the summer."
    )
    assert ("European Central Bank", "declined") in stances(run, text)
