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


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Romania criticised the new fishing quotas.", "opposed"),
        ("Romania sued the regulator over the fishing quotas.", "opposed"),
        ("Romania voted for the fishing quotas.", "committed"),
        ("Romania voted against the fishing quotas.", "opposed"),
        ("Romania welcomed the new fishing quotas.", "committed"),
        ("Romania signed the fishing accord in the spring.", "committed"),
        ("Romania called the fishing quotas a disgrace.", "opposed"),
        ("Romania considered the fishing quotas inappropriate.", "opposed"),
    ],
)
def test_more_verbs_of_support_and_opposition(run, sentence, stance):
    assert ("Romania", stance) in stances(run, sentence)


def test_a_verdict_is_not_a_deliberation(run):
    assert ("Romania", "undecided") not in stances(run, "Romania considered the fishing quotas inappropriate.")


def test_ready_to_act_as_needed_is_conditional(run):
    assert ("Romania", "conditional") in stances(run, "Romania stands ready to buy more bonds as needed.")


@pytest.mark.parametrize(
    "text",
    [
        "The treaty must be signed by Romania before it takes effect.",
        "Romania could have signed the accord last year.",
        "The strike went on until Romania signed the accord.",
        "The talks began on a Monday in the port city of Romania.",
        "Under the plan, the old shipyards in Romania are to be kept.",
    ],
)
def test_events_and_obligations_on_others_are_not_stances(run, text):
    assert not any(actor == "Romania" for actor, _ in stances(run, text))


def test_what_a_speaker_says_a_third_party_wants_is_not_a_stance(run):
    text = '"Moldova wants to tear up the deal," the Romanian prime minister, Ion Albu, said.'
    assert ("Moldova", "committed") not in stances(run, text)


@pytest.mark.parametrize(
    ("sentence", "actor", "stance"),
    [
        ("Belgium has banned the pesticide on its farms.", "Belgium", "committed"),
        ("Belgium unveiled plans to close two coal plants.", "Belgium", "committed"),
        ("Belgium withdrew from the talks on Tuesday.", "Belgium", "declined"),
        ("The parliament of Belgium voted to hold the minister in contempt.", "Belgium", "committed"),
        ("The United States responded at once, committing two ships to the patrol.", "United States", "committed"),
        ("The fishing pact was joined by Chile and Peru.", "Peru", "committed"),
        ("Belgium questioned the legality of the port closures.", "Belgium", "opposed"),
        ('Belgium called the levy "a travesty".', "Belgium", "opposed"),
        ('Belgium said on Friday: "We are committed to reopening the rail line."', "Belgium", "committed"),
    ],
)
def test_decisions_plans_withdrawals_and_verdicts(run, sentence, actor, stance):
    assert (actor, stance) in stances(run, sentence)


def test_voting_against_was_a_named_person(run):
    text = "The board cut the rate by a quarter point. Voting against the cut was Ines Marlow."
    assert ("Ines Marlow", "opposed") in stances(run, text)


def test_they_after_senators_named_in_the_reporting_subject(run):
    text = "Senators Ann Reed and Tom Vale said on Tuesday that they will draft a bill on river dredging."
    found = stances(run, text)
    assert {("Ann Reed", "committed"), ("Tom Vale", "committed")} <= found


def test_a_verdict_of_condemnation_in_a_speakers_own_quote(run):
    text = '"The new levy is reckless and cruel," said the Austrian chancellor, Karl Brandt.'
    assert ("Karl Brandt", "opposed") in stances(run, text)


def test_a_verdict_of_praise_in_a_quote_is_no_opposition(run):
    text = '"The new levy is fair and careful," said the Austrian chancellor, Karl Brandt.'
    assert ("Karl Brandt", "opposed") not in stances(run, text)


def test_the_list_of_those_voting_for_is_a_tally_not_stances(run):
    text = "The board cut the rate. Voting for the action were Ines Marlow and Piet Grunwald."
    assert stances(run, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Marta Lind protested outside the town hall every Friday.",
        "The court of Norway froze the sale, delaying the merger by a year.",
    ],
)
def test_side_events_are_not_stances(run, text):
    assert stances(run, text) == set()


def test_a_clause_with_its_own_subject_after_while_keeps_its_stance(run):
    text = "Chile will sign the pact, while Peru is still weighing its options."
    assert {("Chile", "committed"), ("Peru", "undecided")} <= stances(run, text)
