"""Stance rules written as DependencyMatcher patterns (stances.json "patterns") and the rules added with
them (issue 10). Every sentence here is invented for the test."""

import pytest

from apps.extraction.engine.stance_patterns import RULES


def stances(run, text):
    return {(c["actor"], c["stance"]) for c in run(text)["commitments"]}


def conditions(run, text):
    return {(c["actor"], c["stance"], c["condition"]) for c in run(text)["commitments"]}


def test_every_pattern_names_its_clause_verb_and_a_known_stance():
    stance_names = {"committed", "conditional", "open", "undecided", "declined", "opposed"}
    for name, rule in RULES.items():
        assert rule["pattern"][0]["RIGHT_ID"] == "verb", name
        assert rule["stance"] in stance_names, name
        assert rule["negated"] in stance_names | {None}, name
        # every '@list' reference was expanded into its word list
        assert "@" not in repr(rule["pattern"]), name


@pytest.mark.parametrize(
    ("sentence", "actor", "stance"),
    [
        # "called on X to ...": a call for an action, like "called for"
        ("Kenya called on Uganda to release the detained fishermen.", "Kenya", "committed"),
        # "called for X to ...": the parser reads "for" as the clause's mark
        ("Senator Mira Voss called for Uganda to lift the blockade.", "Mira Voss", "committed"),
        # an oppose verb in the passive: the agent holds the stance
        ("The toll plan was criticised by Senator Mira Voss.", "Mira Voss", "opposed"),
        # a feeling of disapproval owned by the subject, not by the agent of the passive
        ("The Kenyan government was disappointed by the ruling of the court.", "Kenya", "opposed"),
        ("Kenya expressed disappointment at the ruling.", "Kenya", "opposed"),
        # a measure announced is a course set
        ("Kenya announced a ban on sugar imports.", "Kenya", "committed"),
        # rules moved from code into patterns keep their reading
        ("Kenya threatened to veto the fishing plan.", "Kenya", "opposed"),
        ("Uganda sued the regional fishing council.", "Uganda", "opposed"),
        ("Kenya stands ready to send more engineers.", "Kenya", "committed"),
    ],
)
def test_pattern_stances(run, sentence, actor, stance):
    found = stances(run, sentence)
    assert (actor, stance) in found, found


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Kenya has not criticised the fishing plan.", "Kenya"),
        ("The toll plan was not criticised by Senator Mira Voss.", "Mira Voss"),
        # who was disappointed is the subject; the court is only what disappointed it
        ("The Kenyan government was disappointed by the ruling of the Ugandan court.", "Uganda"),
    ],
)
def test_pattern_stances_that_do_not_hold(run, sentence, actor):
    found = stances(run, sentence)
    assert not {k for k in found if k[0] == actor}, found


def test_as_conditions_warrant_is_a_condition(run):
    found = stances(run, "Kenya stands ready to send more grain as circumstances require.")
    assert ("Kenya", "conditional") in found, found
    assert ("Kenya", "committed") not in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        # a routine offer in the present tense is a service, not a pledge
        "The Kenyan ferry company offers free parking to members.",
        # company on a trip is not joining a pact
        "Amara Diallo was joined by Olga Brandt.",
        # a struggle without an object is not opposition to an action
        "Amara Diallo resisted.",
    ],
)
def test_no_stance(run, sentence):
    assert not run(sentence)["commitments"], run(sentence)["commitments"]


def test_the_pact_joined_by_countries_still_counts(run):
    found = stances(run, "The fishing pact was joined by Chile and Peru.")
    assert ("Peru", "committed") in found, found


def test_explore_sharing_a_will_is_not_deliberation(run):
    found = stances(run, "Kenya will map the coast and explore the reef.")
    assert ("Kenya", "committed") in found, found
    assert ("Kenya", "undecided") not in found, found


def test_a_forecast_in_a_quote_about_others_is_not_their_pledge(run):
    text = '"The rebels of Uganda will join the talks," Senator Mira Voss said.'
    found = stances(run, text)
    assert not {k for k in found if k[0] == "Uganda"}, found


def test_a_quote_by_the_countrys_president_still_commits_the_country(run):
    found = stances(run, '"Kenya will send two frigates," Kenyan President Amara Diallo said.')
    assert ("Kenya", "committed") in found, found


@pytest.mark.parametrize(
    ("sentence", "actor", "stance"),
    [
        # "X said Y should ...": a call on Y, X's stance
        ("Senator Mira Voss said the minister should publish the audit.", "Mira Voss", "committed"),
        ("Senator Mira Voss said the president should not sign the fishing bill.", "Mira Voss", "opposed"),
        # "urged X to ...": a call
        ("Kenya urged Uganda to release the detained fishermen.", "Kenya", "committed"),
    ],
)
def test_calls_said_with_should_or_urge(run, sentence, actor, stance):
    found = stances(run, sentence)
    assert (actor, stance) in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "Senator Mira Voss said she should have left the talks earlier.",  # a regret
        "Senator Mira Voss said drivers should not have to queue for permits.",  # a state, not an act
        "Senator Mira Voss said the harbour should be closed to tankers.",  # a passive wish names no one
    ],
)
def test_should_that_is_not_a_call(run, sentence):
    assert not run(sentence)["commitments"], run(sentence)["commitments"]


def test_a_condition_in_a_call_binds_those_called_not_the_caller(run):
    text = "Senator Mira Voss said that if the budget passes, the council should hire more nurses."
    found = stances(run, text)
    assert ("Mira Voss", "committed") in found, found
    assert ("Mira Voss", "conditional") not in found, found


def test_a_document_named_as_an_actor_commits_no_one(run):
    text = (
        "Kenya and Uganda signed a Memorandum of Understanding on fishing. "
        "The five-year MOU also intends to protect the reef."
    )
    found = stances(run, text)
    assert ("Kenya", "committed") in found, found
    assert not {k for k in found if k[0] in ("MOU", "Memorandum of Understanding")}, found
