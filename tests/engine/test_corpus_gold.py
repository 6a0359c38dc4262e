"""The evaluation corpus (eval/corpus) and its gold (eval/gold): format, provenance and scorability.

No engine run here: these tests check the annotations themselves, so a broken gold file fails
before it can distort a figure. The format is the one ../shared/eval/score.py reads.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from .conftest import shared_scorer

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "eval" / "corpus"
GOLD = ROOT / "eval" / "gold"
SPLITS = ("dev", "test")
STANCES = {"committed", "conditional", "open", "undecided", "declined", "opposed"}
KINDS = {"person", "country", "organisation", "group", "place"}
MANIFEST_FIELDS = {"file", "outlet", "date", "topic", "source", "licence", "split"}
SOURCE_FIELDS = {"repository", "commit", "path", "url"}


def norm(text: str | None) -> str:
    """The scorer's normalisation, repeated here so the checks also run without ../shared."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`]", "'", text)
    text = re.sub(r"[^\w'. ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    return re.sub(r"^the ", "", text)


def _gold_files() -> list[Path]:
    return sorted(p for split in SPLITS for p in (GOLD / split).glob("*.json"))


def _ids(paths):
    return [f"{p.parent.name}/{p.stem}" for p in paths]


GOLD_FILES = _gold_files()


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _article(path: Path, gold: dict) -> str:
    return (CORPUS / path.parent.name / gold["article"]).read_text(encoding="utf-8")


def _lookup(gold: dict) -> dict[str, int]:
    table: dict[str, int] = {}
    for i, actor in enumerate(gold["actors"]):
        for name in [actor["name"], *actor.get("aliases", [])]:
            table.setdefault(norm(name), i)
    return table


def _manifest() -> list[dict]:
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def test_there_is_gold_to_check():
    assert any((GOLD / "test").glob("*.json")), "eval/gold/test holds no gold"


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_gold_file_shape(path):
    gold = _load(path)
    assert gold["article"] == path.stem + ".txt", "gold file and article must share a name"
    assert (CORPUS / path.parent.name / gold["article"]).is_file(), "article missing from the same split"
    names = set()
    for actor in gold["actors"]:
        assert actor["name"].strip(), actor
        assert actor["kind"] in KINDS, actor
        assert isinstance(actor.get("aliases", []), list), actor
        assert isinstance(actor.get("optional", False), bool), actor
        if "code" in actor:
            assert re.fullmatch(r"[A-Z]{2}", actor["code"]), actor
        assert actor["name"] not in names, f"actor listed twice: {actor['name']}"
        names.add(actor["name"])
    for quote in gold["quotes"]:
        assert ("text" in quote) or ("start" in quote and "end" in quote), quote
        assert isinstance(quote.get("speaker"), str) and quote["speaker"], quote
    for quantity in gold["quantities"]:
        assert isinstance(quantity["value"], (int, float)) and not isinstance(quantity["value"], bool), quantity
        assert quantity["units"] and all(isinstance(u, str) and u.strip() for u in quantity["units"]), quantity
    for commitment in gold["commitments"]:
        assert commitment["stances"], commitment
        assert set(commitment["stances"]) <= STANCES, commitment


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_quotes_are_in_the_article(path):
    gold = _load(path)
    text = _article(path, gold)
    flat = norm(text)
    for quote in gold["quotes"]:
        if "start" in quote:
            assert 0 <= quote["start"] < quote["end"] <= len(text), quote
            if "text" in quote:
                assert text[quote["start"] : quote["end"]] == quote["text"], quote
        else:
            assert norm(quote["text"]) in flat, f"quote not in article: {quote['text'][:60]!r}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_speakers_and_committers_are_listed_actors(path):
    gold = _load(path)
    table = _lookup(gold)
    for quote in gold["quotes"]:
        assert norm(quote["speaker"]) in table, f"speaker not among actors: {quote['speaker']}"
    for commitment in gold["commitments"]:
        assert norm(commitment["actor"]) in table, f"committing actor not among actors: {commitment['actor']}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_each_actor_name_resolves_to_itself(path):
    """An alias shared by two actors would send one actor's name to the other in the scorer."""
    gold = _load(path)
    table = _lookup(gold)
    for i, actor in enumerate(gold["actors"]):
        assert table[norm(actor["name"])] == i, f"{actor['name']} resolves to another actor"


def test_manifest_matches_the_corpus_files():
    manifest = _manifest()
    listed = [entry["file"] for entry in manifest]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    on_disk = sorted(f"{split}/{p.name}" for split in SPLITS for p in (CORPUS / split).glob("*.txt"))
    assert sorted(listed) == on_disk
    for entry in manifest:
        assert MANIFEST_FIELDS <= entry.keys(), entry["file"]
        assert SOURCE_FIELDS <= entry["source"].keys(), entry["file"]
        assert entry["split"] in SPLITS and entry["file"].startswith(entry["split"] + "/"), entry["file"]
        assert re.fullmatch(r"(19[89]\d|20[0-2]\d)-\d\d-\d\d", entry["date"]), entry["file"]
        assert re.fullmatch(r"[0-9a-f]{40}", entry["source"]["commit"]), entry["file"]
        assert entry["licence"].strip() and entry["outlet"].strip() and entry["topic"].strip(), entry["file"]


def test_every_test_article_has_gold():
    """The blind split is only usable when every article in it is annotated."""
    texts = {p.stem for p in (CORPUS / "test").glob("*.txt")}
    golds = {p.stem for p in (GOLD / "test").glob("*.json")}
    assert texts and texts == golds


# --- the shared scorer ------------------------------------------------------------------------


def _scorer():
    return shared_scorer()


def _perfect_prediction(gold: dict) -> dict:
    """What an extractor that found exactly the required gold items would print."""
    required = [item for item in gold["actors"] if not item.get("optional")]
    return {
        "actors": [{"name": a["name"], "kind": a["kind"], "country_code": a.get("code")} for a in required],
        "quotes": [{"text": q["text"], "speaker": q["speaker"]} for q in gold["quotes"] if not q.get("optional")],
        "claims": [
            {"kind": "quantitative", "quantity": {"value": q["value"], "unit": q["units"][0]}}
            for q in gold["quantities"]
            if not q.get("optional")
        ],
        "commitments": [
            {"actor": c["actor"], "stance": c["stances"][0]} for c in gold["commitments"] if not c.get("optional")
        ],
    }


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_scorer_reads_the_gold(path):
    score = _scorer()
    gold = _load(path)
    text = _article(path, gold)
    empty = score.score(json.loads(json.dumps(gold)), {}, text)
    assert set(empty) == {"actors", "quotes", "quantities", "commitments"}
    for part in empty.values():
        assert part["tp"] == 0 and part["fp"] == 0


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_required_items_score_perfectly(path):
    """Each required item can be matched on its own: no two required items compete for one prediction."""
    score = _scorer()
    gold = _load(path)
    text = _article(path, gold)
    result = score.score(json.loads(json.dumps(gold)), _perfect_prediction(gold), text)
    for part, figures in result.items():
        assert (figures["fn"], figures["fp"]) == (0, 0), (part, figures)
    assert result["quotes"]["attributed_recall"] == 1.0, result["quotes"]["wrong_speaker"]


def test_local_normalisation_is_the_scorers():
    score = _scorer()
    samples = [q["text"] for p in GOLD_FILES for q in _load(p)["quotes"] if "text" in q]
    samples += ["The Kremlin", "São Paulo", "Prime Minister’s", "£50m — 3.5%"]
    for sample in samples:
        assert norm(sample) == score.norm(sample)
