"""Round-three stance rules (issue 10). Every sentence here is invented for the test."""

import pytest


def stances(run, text):
    return {(c["actor"], c["stance"]) for c in run(text)["commitments"]}


def test_a_question_commits_no_one(run):
    assert not stances(run, "Why would Peru refuse to sign the fishing treaty?")
    assert ("Peru", "declined") in stances(run, "Peru refused to sign the fishing treaty.")


@pytest.mark.parametrize(
    "sentence",
    ["Only Congress may approve the levy.", "No country could solve the crisis alone."],
)
def test_a_rule_about_who_may_act_is_no_stance(run, sentence):
    assert not {k for k in stances(run, sentence) if k[1] == "open"}


def test_an_explore_sharing_the_will_of_a_list_is_no_deliberation(run):
    found = stances(run, "Peru will land a probe, map the coast and explore the reef.")
    assert ("Peru", "undecided") not in found
    assert ("Peru", "committed") in found


def test_joining_talks_is_attendance_but_joining_protests_is_a_stance(run):
    assert not stances(run, "Peru joined the summit as a guest.")
    assert ("Peru", "committed") in stances(run, "Peru joined the protests.")


def test_what_someone_would_have_to_do_in_a_hypothesis_is_no_duty(run):
    assert not stances(run, "If the rule applied, Peru would have to scrap the routes.")


def test_companions_of_the_subject_act_with_it(run):
    found = stances(run, "Peru, along with Chile, will sign the treaty.")
    assert {("Peru", "committed"), ("Chile", "committed")} <= found
    found = stances(
        run,
        "The Central Bank of Peru, together with the Finance Ministry of Chile, is joining the World Bank "
        "in withdrawing from the 2021 guidance.",
    )
    assert {
        ("Central Bank of Peru", "committed"),
        ("Finance Ministry of Chile", "committed"),
        ("World Bank", "committed"),
    } <= found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "On Sunday the Peruvian Army said it had entered into a pact with the government of Chile.",
        "Peru reached a deal with Chile on fishing rights.",
        "Peru signed a fishing treaty with Chile.",
    ],
)
def test_the_other_party_to_a_deal_is_bound_too(run, sentence):
    assert ("Chile", "committed") in stances(run, sentence)


def test_a_deal_not_reached_binds_no_one(run):
    assert not stances(run, "Peru did not reach a deal with Chile.")


def test_a_purpose_clause_states_intent(run):
    found = stances(run, "On Friday, Peru declared a state of emergency so it could begin the construction of a wall.")
    assert ("Peru", "committed") in found
    assert ("Peru", "open") not in found


def test_orders_and_instructions_commit_who_gives_them(run):
    found = stances(run, "Peru's president, Laura Chen, instructed the cabinet to submit a revised plan.")
    assert ("Laura Chen", "committed") in found


def test_saying_another_must_act_is_a_call(run):
    found = stances(run, "Senator Kay Harlan has repeatedly stated that Peru must leave the pact.")
    assert ("Kay Harlan", "committed") in found


def test_an_accusation_about_the_past_is_no_stance_on_an_action(run):
    assert not stances(run, "Chile accused Peru of breaking the truce.")


def test_asking_another_to_act_is_a_call(run):
    assert ("Peru", "committed") in stances(run, "Peru has asked Chile to lift the sanctions.")


def test_looking_to_act_is_an_aim(run):
    assert ("Peru", "committed") in stances(run, "The government of Peru will look to consult again later this year.")
    assert not stances(run, "Peru looks set to win.")


def test_will_use_is_a_commitment_of_an_actor(run):
    assert ("Peru", "committed") in stances(run, "Peru will use all diplomatic tools to restore order.")


def test_a_belief_about_another_actor_is_not_its_pledge(run):
    assert not {k for k in stances(run, "Chile believes that Peru will sign the pact.") if k[0] == "Peru"}


def test_an_order_as_subject_commits_no_one(run):
    assert not stances(run, "The Executive Order directs regional governors to impose a curfew.")


JOINT_STATEMENT = """Statement of the Prime Minister of Peru John Harper and the President of Chile Maria Santos

Lima, 3 March 2026

We agreed today to open talks on a fisheries pact. We will set up a joint patrol of the coast. We strongly
condemn the seizure of the islands.
"""


def test_an_unquoted_we_in_a_joint_statement_is_its_signatories_countries(run):
    found = stances(run, JOINT_STATEMENT)
    assert {("Peru", "committed"), ("Chile", "committed"), ("Peru", "opposed"), ("Chile", "opposed")} <= found


HEAD_OF_GOVERNMENT = """My government intends to build forty new hospitals across Peru. My cabinet is to cut the
deficit in half. We shall open new ports in Peru and expand its railways.
"""


def test_my_government_is_the_country_the_text_is_about(run):
    found = run(HEAD_OF_GOVERNMENT)["commitments"]
    assert {c["actor"] for c in found} == {"Peru"}
    assert len(found) == 3


def test_an_unquoted_we_in_analysis_is_no_one(run):
    text = "Peru has built many dams. We will have to wait and see whether we will send more engineers there."
    assert not {k for k in stances(run, text) if k[0] != "Peru"}
    assert not stances(run, "Analysts say the drought will worsen. We will send more reporters to Peru next year.")


def test_a_proud_supporter_still_supports(run):
    assert ("Peru", "committed") in stances(run, "Peru was proud to back a regional fund.")
    assert not stances(run, "Peru is proud to see the results.")


def test_protesting_that_a_sentence_was_unjust_is_opposition(run):
    assert ("Chile", "opposed") in stances(run, "Chile protested that the sentence was unjust.")


def test_once_sets_a_time_not_a_proviso(run):
    (c,) = run("Once the panel has reported, Peru will publish new food standards.")["commitments"]
    assert (c["actor"], c["stance"]) == ("Peru", "committed")
    assert c["condition"].startswith("Once the panel")


@pytest.mark.parametrize(
    "sentence",
    ["Prices may rise next year.", "Peru may send troops.", "They may also reflect the mood in Peru."],
)
def test_may_as_a_possibility_is_no_stance(run, sentence):
    assert not stances(run, sentence)


def test_may_as_an_option_the_actor_keeps_is_open(run):
    text = "Peru's president Laura Chen said on Friday she can and may declare a national emergency."
    assert ("Laura Chen", "open") in stances(run, text)


def test_a_matter_resolved_by_a_body_is_no_resolve_to_act(run):
    assert not stances(run, "The dispute can only be resolved by the Congress of Peru.")


def test_a_routine_of_entering_into_agreements_is_no_deal(run):
    assert not stances(run, "The Postal Service of Peru enters into mailing agreements with many firms.")


def test_disputing_a_claim_is_no_stance_on_an_action(run):
    assert not stances(run, "This account has been disputed by Chile.")


def test_a_proviso_on_the_second_act_of_a_list_does_not_bind_the_agreement(run):
    text = (
        "Peru and Chile have agreed to activate their defence pact and deploy troops to help Bolivia if it is attacked."
    )
    assert stances(run, text) == {("Peru", "committed"), ("Chile", "committed")}
    assert stances(run, "Peru will deploy troops if Bolivia is attacked.") == {("Peru", "conditional")}


def test_suffering_is_no_act(run):
    assert not stances(run, "Many Peruvians will be suffering from the drought.")


def test_it_after_a_document_subject_is_the_document(run):
    assert not stances(run, "The amendment does not set a timetable and it does not call for a withdrawal from Peru.")


def test_a_project_commits_no_one(run):
    assert not stances(run, "Project Condor aims to map the coast of Peru.")


def test_a_law_announced_in_the_passive_is_the_governments(run):
    text = "Peru has many roads. The government has a plan. Legislation will be introduced to lower the speed limit."
    found = run(text)["commitments"]
    assert [(c["actor"], c["stance"]) for c in found] == [("Peru", "committed")]
    assert text[found[0]["start"] : found[0]["end"]].startswith("Legislation")
    speech = HEAD_OF_GOVERNMENT + " A bill will be introduced to reform the courts."
    bill = [c for c in run(speech)["commitments"] if speech[c["start"] : c["end"]].startswith("A bill")]
    assert [(c["actor"], c["stance"]) for c in bill] == [("Peru", "committed")]
    assert not stances(run, "Roads in Peru are dangerous. Legislation will be introduced to lower the speed limit.")


def test_cancelling_a_trip_declines_it_but_cancelling_a_contract_is_a_decision(run):
    assert ("Kay Harlan", "declined") in stances(run, "Senator Kay Harlan has cancelled a trip to Peru.")
    assert ("Peru", "committed") in stances(run, "Peru cancelled the contract.")


def test_calling_a_situation_a_mess_is_a_verdict(run):
    assert ("Kay Harlan", "opposed") in stances(run, 'Senator Kay Harlan called the situation in Peru "a mess".')
