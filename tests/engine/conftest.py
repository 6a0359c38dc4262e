"""Engine tests run the real spaCy model (loaded once per process); no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apps.extraction.engine import extract, to_contract

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def run():
    """extract() + to_contract(), with the model loaded once for the session."""

    def _run(text, **kwargs):
        return to_contract(extract(text, **kwargs))

    return _run


def shared_eval_dir() -> Path | None:
    """../shared/eval next to the project checkout (worktrees live one level deeper)."""
    for parent in HERE.resolve().parents:
        candidate = parent / "shared" / "eval"
        if (candidate / "score.py").exists():
            return candidate
    return None


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
