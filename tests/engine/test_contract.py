"""The contract JSON: shape, kinds, stances, and spans that index the input exactly."""

import json

from apps.extraction.engine import ENGINE_VERSION, Extraction, extract, extract_many, to_contract
from apps.extraction.engine.types import ACTOR_KINDS, CLAIM_KINDS, STANCES

TEXT = (
    "MASTHEAD NEWS\n\n"
    "France and the UK will lead the force, officials said on Tuesday.\n"
    '"We have today 26 countries who have formally committed," Macron told reporters after\n'
    "French President Emmanuel Macron met about 35 leaders.\n\n"
    "Poland has declined to take part.\n"
)


def test_shape_and_spans():
    out = to_contract(extract(TEXT))
    json.dumps(out)  # serialisable
    assert set(out) >= {"actors", "quotes", "claims", "commitments", "language", "engine_version"}
    assert out["engine_version"] == ENGINE_VERSION
    for a in out["actors"]:
        assert a["kind"] in ACTOR_KINDS
        assert a["mentions"]
        for m in a["mentions"]:
            assert TEXT[m["start"] : m["end"]] == m["text"]
    for q in out["quotes"]:
        assert TEXT[q["start"] : q["end"]] == q["text"]
        assert q["speaker"] is None or q["speaker"] in {a["name"] for a in out["actors"]}
    for c in out["claims"]:
        assert c["kind"] in CLAIM_KINDS
        assert TEXT[c["start"] : c["end"]] == c["text"]
        assert 0 <= c["score"] <= 1
        if c["quantity"]:
            assert isinstance(c["quantity"]["value"], int | float)
            assert c["quantity"]["unit"] not in ("€", "$", "£", "%")
    for c in out["commitments"]:
        assert c["stance"] in STANCES
        assert c["actor"] in {a["name"] for a in out["actors"]}
        assert 0 <= c["start"] < c["end"] <= len(TEXT)


def test_expected_items():
    out = to_contract(extract(TEXT))
    quantities = {(c["quantity"]["value"], c["quantity"]["unit"]) for c in out["claims"] if c["quantity"]}
    assert (26, "countries") in quantities
    assert (35, "leaders") in quantities
    assert out["quotes"][0]["speaker"] == "Emmanuel Macron"
    stances = {(c["actor"], c["stance"]) for c in out["commitments"]}
    assert {("France", "committed"), ("United Kingdom", "committed"), ("Poland", "declined")} <= stances
    # the quoted number carries the speaker
    claim = next(c for c in out["claims"] if c["quantity"] and c["quantity"]["value"] == 26)
    assert claim["speaker"] == "Emmanuel Macron"


def test_dates_resolved_against_published():
    from datetime import date

    out = to_contract(
        extract("The deal must be signed by 27 November, 40 officials said.", published=date(2025, 11, 25))
    )
    claim = out["claims"][0]
    assert "2025-11-27" in claim["dates"]


def test_extract_many_matches_extract_and_reports_errors():
    texts = [TEXT, "", "Italy will not send troops."]
    results = list(extract_many(texts))
    assert isinstance(results[0], Extraction)
    assert to_contract(results[0]) == to_contract(extract(TEXT))
    assert isinstance(results[1], Exception)
    assert results[2].commitments[0].actor == "Italy"


def test_designations_ages_and_scores_are_not_quantities():
    out = to_contract(
        extract(
            "Under Article 5 of the treaty, members must respond. Resolution 2231 was adopted. "
            "The 45-year-old man was arrested after a 2-1 win in 2019."
        )
    )
    assert [c["quantity"] for c in out["claims"] if c["quantity"]] == []


def test_a_part_counts_what_the_whole_counts():
    out = to_contract(
        extract("Only five of the countries agreed, and 31 of its 32 members met the target, the alliance said.")
    )
    quantities = {(c["quantity"]["value"], c["quantity"]["unit"]) for c in out["claims"] if c["quantity"]}
    assert {(5, "countries"), (31, "members"), (32, "members")} <= quantities


def test_a_month_near_a_number_does_not_make_it_a_date():
    out = to_contract(
        extract("Inflation fell to 2.4% in October from 3.1% a month earlier. By 27 November, 40 officials had left.")
    )
    quantities = {(c["quantity"]["value"], c["quantity"]["unit"]) for c in out["claims"] if c["quantity"]}
    assert {(2.4, "percent"), (3.1, "percent"), (40, "officials")} <= quantities
    assert not any(value == 27 for value, _ in quantities)  # "27 November" is a date


def test_words_broken_at_a_line_end_are_read_whole_and_spans_still_index_the_text():
    text = (
        "Finance ministers from 18 coun-\ntries agreed on Monday to pro-\nvide aid. Belgium has declined to con-\n"
        "tribute, while the Nether-\nlands will send a self-\npropelled unit."
    )
    out = to_contract(extract(text))
    quantities = {(c["quantity"]["value"], c["quantity"]["unit"]) for c in out["claims"] if c["quantity"]}
    assert (18, "countries") in quantities
    actions = {c["actor"]: c["action"] for c in out["commitments"]}
    assert actions["Belgium"] == "contribute"
    assert "self-propelled" in actions["Netherlands"]  # a prefix that keeps its hyphen
    for actor in out["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert "Nether-\nlands" in {m["text"] for a in out["actors"] for m in a["mentions"]}
