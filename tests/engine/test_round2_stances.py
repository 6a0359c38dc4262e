"""Round-two stance rules (issue 10). Every sentence here is invented for the test."""

import pytest


def stances(run, text):
    return {(c["actor"], c["stance"]) for c in run(text)["commitments"]}


def test_a_tally_with_a_colon_and_titles_is_no_stance(run):
    text = (
        "The board held the rate. Voting for the board's action were: Ines Marlow, Chair; "
        "Piet Grunwald, Deputy Chair; Olga Brandt; Tomas Weller."
    )
    found = stances(run, text)
    assert not {k for k in found if k[0] in ("Ines Marlow", "Piet Grunwald", "Olga Brandt", "Tomas Weller")}


@pytest.mark.parametrize(
    ("sentence", "actors", "stance"),
    [
        (
            "Dutch lenders including Rabobank and ING have announced plans to leave the coal market.",
            {"Rabobank", "ING"},
            "committed",
        ),
        ("A number of members of the Green Party condemned the closure.", {"Green Party"}, "opposed"),
        ("The new levy was condemned by members of the African Union.", {"African Union"}, "opposed"),
    ],
)
def test_a_subject_that_names_its_actors_inside_it(run, sentence, actors, stance):
    found = stances(run, sentence)
    assert {(a, stance) for a in actors} <= found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "The parliament of Ecuador did not ratify the fishing treaty.",
        "Ecuador has not signed the fishing treaty.",
        "Ecuador will not join the naval coalition.",
    ],
)
def test_not_signing_ratifying_or_joining_is_declined(run, sentence):
    assert ("Ecuador", "declined") in stances(run, sentence)


def test_not_backing_is_still_opposition(run):
    assert ("Ecuador", "opposed") in stances(run, "Ecuador will not back the fishing treaty.")


def test_null_and_void_is_a_verdict(run):
    assert ("Ecuador", "opposed") in stances(run, 'Ecuador called the border accord "null and void".')


def test_members_who_do_not_all_agree_hold_no_group_stance(run):
    text = "Members of the Green Party do not all agree on how the levy should work."
    assert not {k for k in stances(run, text) if k[0] == "Green Party"}


def test_the_first_leader_to_refuse_refused(run):
    assert ("Lena Ruiz", "declined") in stances(run, "Lena Ruiz was the first mayor to refuse the bonus since 1976.")


@pytest.mark.parametrize(
    "sentence",
    ["The governor, Lena Ruiz, did not concede the race.", "Lena Ruiz has not complied with the court order."],
)
def test_a_refusal_said_by_negation_is_declined(run, sentence):
    assert ("Lena Ruiz", "declined") in stances(run, sentence)


def test_those_joined_to_act_share_the_stance(run):
    text = "Sen. Anna Holm joined Sens. Piet Grunwald, Olga Brandt, and Tomas Weller today to offer an amendment."
    found = stances(run, text)
    assert {(n, "committed") for n in ("Anna Holm", "Piet Grunwald", "Olga Brandt")} <= found, found


def test_joining_a_group_alone_does_not_commit_its_members(run):
    text = "Sen. Anna Holm joined Piet Grunwald at the dinner."
    assert ("Piet Grunwald", "committed") not in stances(run, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chile and Peru signed a Fisheries Agreement. The Fisheries Agreement will open new routes for trawlers.",
        "Chile and Peru signed a Memorandum of Understanding. The Memorandum of Understanding aims to cut bycatch.",
    ],
)
def test_a_document_as_subject_commits_no_one(run, text):
    found = stances(run, text)
    assert not {k for k in found if k[0] not in ("Chile", "Peru")}, found


def test_an_owned_plan_commits_its_owner(run):
    assert ("Chile", "committed") in stances(run, "Chile's strategy will cut bycatch by half.")


def test_a_country_naming_the_subjects_firm_is_not_an_actor_of_it(run):
    found = stances(run, "Canada public utility Hydro Norte Company began cutting power to homes on Monday.")
    assert ("Hydro Norte Company", "committed") in found
    assert ("Canada", "committed") not in found


def test_a_former_stance_is_background(run):
    assert ("Lena Ruiz", "opposed") not in stances(run, "Lena Ruiz had previously opposed the inquiry.")


def test_a_failed_talk_is_no_refusal(run):
    found = stances(run, "The buses stopped because Lena Ruiz and the council could not agree on a budget.")
    assert ("Lena Ruiz", "declined") not in found and ("Lena Ruiz", "opposed") not in found


@pytest.mark.parametrize(
    "sentence",
    ["Chile will continue to assess the effects of the tariff.", "Chile will explore new routes for its trawlers."],
)
def test_work_announced_on_a_question_is_not_undecided(run, sentence):
    assert ("Chile", "undecided") not in stances(run, sentence)


def test_still_weighing_is_undecided(run):
    assert ("Chile", "undecided") in stances(run, "Chile is still weighing the tariff.")


def test_speaking_of_ones_own_commitment_commits(run):
    text = "Governor Lena Ruiz spoke of her commitment to reopen the schools by May."
    assert ("Lena Ruiz", "committed") in stances(run, text)


def test_a_unit_acts_for_its_owner(run):
    text = "Costa Foods' store in the capital also limited the allowed amount to two packs last week."
    assert ("Costa Foods", "committed") in stances(run, text)


@pytest.mark.parametrize("verb", ["concluded", "insisted", "argued"])
def test_a_verdict_reported_by_other_verbs_of_saying(run, verb):
    assert ("Ecuador", "opposed") in stances(run, f"Ecuador {verb} that the border accord was illegal.")
