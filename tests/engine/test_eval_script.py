"""bench/eval.py: the floor check CI relies on, the docs rewrite, and the plain-spaCy baseline's number reading."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench_eval():
    spec = importlib.util.spec_from_file_location("bench_eval", ROOT / "bench" / "eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_eval"] = module
    spec.loader.exec_module(module)
    return module


def test_floor_check_reports_each_drop_and_a_missing_set(bench_eval):
    figures = {"dev": {"actors": 0.80, "quotes": 0.70, "quantities": 0.60, "commitments": 0.30}}
    floors = {
        "dev": {"actors": 0.80, "quotes": 0.75, "quantities": 0.55, "commitments": 0.31},
        "test": {"actors": 0.5},
    }
    drops = bench_eval.check_floors(figures, floors)
    assert len(drops) == 3
    assert any(d.startswith("dev quotes attributed_recall 0.700") for d in drops)
    assert any(d.startswith("dev commitments f1 0.300") for d in drops)
    assert any(d.startswith("test: set missing") for d in drops)


def test_floor_check_passes_at_the_floor(bench_eval):
    figures = {"own": {"actors": 0.9, "quotes": 1.0, "quantities": 1.0, "commitments": 0.95}}
    assert bench_eval.check_floors(figures, {"own": dict(figures["own"])}) == []


def test_docs_section_is_replaced_not_appended(bench_eval, tmp_path):
    doc = tmp_path / "evaluation.md"
    doc.write_text("# Evaluation\n\nIntro stays.\n", encoding="utf-8")
    bench_eval.write_docs(doc, "| old table |", "old gap", "2026-01-01")
    bench_eval.write_docs(doc, "| new table |", "new gap", "2026-02-02")
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Evaluation\n\nIntro stays.")
    assert text.count(bench_eval.DOCS_BEGIN) == 1
    assert "| new table |" in text and "2026-02-02" in text
    assert "| old table |" not in text


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,250", 1250.0), ("3.5 million", 3_500_000.0), ("$2 bn", 2_000_000_000.0), ("twelve", 12.0), ("none", None)],
)
def test_baseline_reads_numbers_from_entity_text(bench_eval, text, value):
    assert bench_eval._value(text) == value
