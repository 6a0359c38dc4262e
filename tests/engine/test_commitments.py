"""Commitments per stance, from the grammar of the sentence."""

import pytest


def pairs(out):
    return {(c["actor"], c["stance"]) for c in out["commitments"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United States and Turkey will join the group.",
            {("United States", "committed"), ("Turkey", "committed")},
        ),
        (
            "Poland, Greece, and Italy have declined.",
            {("Poland", "declined"), ("Greece", "declined"), ("Italy", "declined")},
        ),
        ("Sweden and Denmark have expressed openness to the idea.", {("Sweden", "open"), ("Denmark", "open")}),
        ("Norway pledged to send 200 engineers.", {("Norway", "committed")}),
        ("Spain refused to sign the declaration.", {("Spain", "declined")}),
        ("Hungary rejected the proposal outright.", {("Hungary", "opposed")}),
        ("Austria is considering its options.", {("Austria", "undecided")}),
        ("Canada said it would impose duties if the tariffs took effect.", {("Canada", "conditional")}),
        ("Japan will decide on the matter once the report has been published.", {("Japan", "undecided")}),
        ("Officials said Moscow would not agree to the deployment of foreign troops.", {("Russia", "opposed")}),
        ("The European Union has ruled out any immediate response.", {("European Union", "declined")}),
    ],
)
def test_stances(run, text, expected):
    assert pairs(run(text)) == expected


def test_one_sentence_two_commitments(run):
    out = run(
        "Prime Minister Giorgia Meloni said Italy will not send troops to Ukraine, but it could help monitor the deal."
    )
    assert pairs(out) == {("Italy", "declined"), ("Italy", "open")}
    declined = next(c for c in out["commitments"] if c["stance"] == "declined")
    assert declined["action"] == "send troops to Ukraine"


def test_condition_recorded(run):
    out = run("Germany will decide on military involvement once the framework has been clarified.")
    (c,) = out["commitments"]
    assert c["condition"].startswith("once the framework")


def test_no_commitment_from_if_clauses_questions_or_ability(run):
    out = run(
        "Macron warned that if Russia continued refusing a deal, sanctions would follow. "
        "Collins has not decided how she would vote. Europe can act independently."
    )
    assert ("Russia", "declined") not in pairs(out)
    assert all(c["stance"] != "committed" for c in out["commitments"])


def test_passive_agent_commits(run):
    out = run("The group will be headed by France and the United Kingdom.")
    assert pairs(out) == {("France", "committed"), ("United Kingdom", "committed")}


def test_commitment_spans_point_at_the_sentence(run):
    text = "Intro line here.\n\nThe United States will join the group."
    out = run(text)
    c = out["commitments"][0]
    assert text[c["start"] : c["end"]] == "The United States will join the group."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany reaffirmed its commitment to the alliance.", {("Germany", "committed")}),
        ("Russia will likely launch a new offensive.", set()),
        ("Italian officials said they would send 200 engineers.", {("Italy", "committed")}),
        ("Officials said they would send help to the region soon. Poland agreed.", set()),
        (
            "Egypt and Lebanon said they were ready to sign deals if prices fall.",
            {("Egypt", "conditional"), ("Lebanon", "conditional")},
        ),
        (
            "Opposition leader Kemi Badenoch said her party would oppose the bill unless ministers dropped it.",
            {("Kemi Badenoch", "opposed")},
        ),
    ],
)
def test_more_phrasings(run, text, expected):
    assert pairs(run(text)) == expected


def test_threats_plans_and_openness_in_other_words(run):
    out = run(
        "Hungary threatened to veto the sanctions package. Spain has no intention of joining the mission. "
        "Chancellor Olaf Scholz said Germany was open to talks about retraining workers. "
        'The Acme Group said on Monday that it had no plans to close further sites "for the time being". '
        "Brazil threatened reporters."
    )
    got = {(c["actor"], c["stance"]): c["action"] for c in out["commitments"]}
    assert got[("Hungary", "opposed")] == "veto the sanctions package"
    assert ("Spain", "declined") in got and "joining the mission" in got[("Spain", "declined")]
    assert ("Germany", "open") in got and "talks" in got[("Germany", "open")]
    assert not any(actor == "Brazil" for actor, _ in got)  # threatening people is not a stance on an action
    assert all('"' not in action for action in got.values())


def test_a_pledge_to_block_or_vote_against_is_opposition(run):
    out = run(
        "France and Poland will vote against the trade agreement, while Germany will vote for it. "
        "The Elysee said France was prepared to block the deal at the vote in December."
    )
    stances = {(c["actor"], c["stance"]) for c in out["commitments"]}
    assert {("France", "opposed"), ("Poland", "opposed"), ("Germany", "committed")} <= stances
    assert ("France", "committed") not in stances
