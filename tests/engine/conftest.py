"""Engine tests run the real spaCy model (loaded once per process); no database."""

from __future__ import annotations

import importlib.util
import json
import sys
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


def shared_scorer():
    """The shared scorer module (../shared/eval/score.py), or skip the test where it is absent."""
    eval_dir = shared_eval_dir()
    if eval_dir is None:
        pytest.skip("../shared/eval/score.py not found next to the project")
    spec = importlib.util.spec_from_file_location("shared_score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["shared_score"] = module
    spec.loader.exec_module(module)
    return module


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
