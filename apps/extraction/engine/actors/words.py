"""The actor stage's word lists, read once from data files (data/actor_words.json, organisations.json, titles.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..gazetteer import DATA, load_data


def _words(data: dict[str, dict[str, list[str]]], name: str) -> frozenset[str]:
    return frozenset(data[name]["words"])


@dataclass(frozen=True)
class Words:
    locative: frozenset[str]
    person_titles: frozenset[str]
    name_particles: frozenset[str]
    name_suffixes: frozenset[str]
    group_acts: frozenset[str]
    vague_heads: frozenset[str]
    document_heads: frozenset[str]
    generic_org: frozenset[str]
    function_words: frozenset[str]
    speaker_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    time_zones: frozenset[str]
    programme_words: frozenset[str]
    storm_words: frozenset[str]
    party_members: frozenset[str]
    title_heads: frozenset[str]
    ministry_heads: frozenset[str]
    government_words: frozenset[str]
    legislature_words: frozenset[str]
    company_suffixes: frozenset[str]
    region_words: frozenset[str]
    role_words: frozenset[str]
    thing_heads: frozenset[str]
    org_kinds: frozenset[str]
    thing_names: frozenset[str]
    fund_heads: frozenset[str]  # "the <Name> Fund": a programme unless it acts
    org_heads: frozenset[str]
    group_nouns: frozenset[str]
    titles: tuple[tuple[str, ...], ...]  # office titles as token tuples, longest first
    title_firsts: frozenset[str]
    title_words: frozenset[str]
    gov_heads: frozenset[str]
    office_words: frozenset[str]  # one-word office titles ("the German foreign minister said": Germany)
    ambiguous: frozenset[str]  # country names that are also given names or US states ("Georgia", "Jordan")


def _load() -> Words:
    lists = json.loads((DATA / "actor_words.json").read_text(encoding="utf-8"))
    data = load_data()
    titles = sorted((tuple(t.split()) for t in data["titles"]["titles"]), key=len, reverse=True)
    return Words(
        locative=_words(lists, "locative"),
        person_titles=_words(lists, "person_titles"),
        name_particles=_words(lists, "name_particles"),
        name_suffixes=_words(lists, "name_suffixes"),
        group_acts=_words(lists, "group_acts"),
        vague_heads=_words(lists, "vague_heads"),
        document_heads=_words(lists, "document_heads"),
        generic_org=_words(lists, "generic_org"),
        function_words=_words(lists, "function_words"),
        speaker_nouns=_words(lists, "speaker_nouns"),
        person_pronouns=_words(lists, "person_pronouns"),
        thing_pronouns=_words(lists, "thing_pronouns"),
        time_zones=_words(lists, "time_zones"),
        programme_words=_words(lists, "programme_words"),
        storm_words=_words(lists, "storm_words"),
        party_members=_words(lists, "party_members"),
        title_heads=_words(lists, "title_heads"),
        ministry_heads=_words(lists, "ministry_heads"),
        government_words=_words(lists, "government_words"),
        legislature_words=_words(lists, "legislature_words"),
        company_suffixes=_words(lists, "company_suffixes"),
        region_words=_words(lists, "region_words"),
        role_words=_words(lists, "role_words"),
        thing_heads=_words(lists, "thing_heads"),
        org_kinds=_words(lists, "org_kinds"),
        thing_names=_words(lists, "thing_names"),
        fund_heads=_words(lists, "fund_heads"),
        org_heads=frozenset(data["orgs"]["org_heads"]),
        group_nouns=frozenset(data["orgs"]["group_nouns"]),
        titles=tuple(titles),
        title_firsts=frozenset(t[0] for t in titles),
        title_words=frozenset(w for t in titles for w in t),
        gov_heads=frozenset(data["titles"]["government_heads"]),
        office_words=frozenset(t for t in data["titles"]["titles"] if " " not in t) - {"head", "chair", "speaker"},
        ambiguous=frozenset(data["countries"].get("ambiguous", [])),
    )


WORDS = _load()
