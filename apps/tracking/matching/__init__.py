"""Claim and initiative matching (plain Python + scikit-learn; no Django import)."""

from __future__ import annotations

from .lexical import ClaimDoc, DocumentIndex, LexicalMatcher, PairScore, Weights, rank_documents
from .quantities import Quantity, is_actor_count_unit, normalize_unit, number_similarity, satisfies


def make_matcher(backend: str = "lexical"):
    """The configured matcher; "embedding" falls back to lexical when its optional packages are absent."""
    if backend == "embedding":
        from . import embedding  # optional packages (PyTorch): imported only when configured

        if embedding.available():
            return embedding.EmbeddingMatcher()
    return LexicalMatcher()


__all__ = [
    "ClaimDoc",
    "DocumentIndex",
    "LexicalMatcher",
    "PairScore",
    "Quantity",
    "Weights",
    "is_actor_count_unit",
    "make_matcher",
    "normalize_unit",
    "number_similarity",
    "rank_documents",
    "satisfies",
]
