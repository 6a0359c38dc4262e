"""The seed gold and the project's own test articles, scored with the shared scorer at the target levels."""

from pathlib import Path

from apps.extraction.engine import extract, to_contract

from .conftest import HERE, load_gold, shared_eval_dir, shared_scorer

TARGETS = {"actors": 0.95, "quantities": 0.90, "commitments": 0.85}
QUOTE_ATTRIBUTED = 0.90


def _scorer():
    return shared_scorer(), shared_eval_dir()


def _score_dir(gold_dir: Path, text_dir: Path):
    score, _ = _scorer()
    results = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = load_gold(gold_path)
        text = (text_dir / gold["article"]).read_text(encoding="utf-8")
        results.append(score.score(gold, to_contract(extract(text)), text))
    assert results
    return score.total(results)


def _assert_targets(summary):
    for part, target in TARGETS.items():
        assert summary[part]["f1"] >= target, (part, summary[part])
    assert summary["quotes"]["attributed_recall"] >= QUOTE_ATTRIBUTED, summary["quotes"]


def test_seed_targets():
    _, eval_dir = _scorer()
    seeds = eval_dir.parent / "seeds"
    _assert_targets(_score_dir(eval_dir / "gold", seeds))


def test_own_articles_targets():
    _assert_targets(_score_dir(HERE / "gold", HERE / "articles"))
