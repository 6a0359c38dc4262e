"""Lexical claim matcher: TF-IDF over words and character n-grams, plus number and actor features.

Plain Python and scikit-learn, no Django, so ``bench/matching.py`` runs it without a database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from .quantities import Quantity, number_similarity
from .vectors import Analysis, Document, Tfidf

_NUM = re.compile(r"\d+(?:[.,]\d+)*")
_WORD_STOP = "english"
_TOKENS = r"(?u)\b[a-z][a-z'\-]+\b"  # words of two letters or more, no numbers


_ANALYSES: dict[str, Analysis] = {}


def _analysis(name: str) -> Analysis:
    """This process's memoised analyzers (``vectors.Analysis``): the claim matcher's words (one and two) and
    character n-grams; the documents' words (one) and the same character n-grams."""
    if name not in _ANALYSES:
        _ANALYSES[name] = {
            "words": lambda: Analysis(analyzer="word", stop_words=_WORD_STOP, token_pattern=_TOKENS),
            "bigrams": lambda: Analysis(
                analyzer="word", ngram_range=(1, 2), stop_words=_WORD_STOP, token_pattern=_TOKENS
            ),
            "chars": lambda: Analysis(analyzer="char_wb", ngram_range=(3, 5)),
        }[name]()
    return _ANALYSES[name]


# The two TF-IDF views of a document (words, character n-grams), each weighing half of a score.
_DOCUMENT_VIEWS = (("words", 0.5), ("chars", 0.5))


class _Combining(dict):
    """``str.translate`` table dropping combining marks, filled as characters are met (a C-speed lookup for
    the ones seen before, instead of a Python test per character)."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_COMBINING = _Combining()


def normalize_text(text: str) -> str:
    text = text or ""
    if text.isascii():  # nothing to decompose, no curly quotes
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text).translate(_COMBINING).lower()
    text = re.sub(r"[‘’`´]", "'", text)
    text = re.sub(r"[“”]", '"', text)
    return re.sub(r"\s+", " ", text).strip()


def _text_for_tfidf(text: str) -> str:
    # Numbers are compared by the number feature; here they would only add noise ("26" vs "twenty-six").
    return _NUM.sub(" ", normalize_text(text))


@dataclass(frozen=True)
class ClaimDoc:
    """What the matcher needs of a claim."""

    key: object
    text: str
    quantity: Quantity | None = None
    actors: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Weights:
    # Chosen by a small grid search on bench/data/claim_pairs.jsonl (see bench/matching.py).
    text: float = 0.4
    number: float = 0.4
    actors: float = 0.3
    # A claim whose number differs from the other's (same unit) states a different fact.
    number_mismatch_factor: float = 0.45
    # Paraphrases rarely share more than half their n-grams: stretch the cosine so they can reach the thresholds.
    text_gain: float = 2.5


@dataclass(frozen=True)
class PairScore:
    score: float
    text: float
    words: float
    chars: float
    number: float | None
    actors: float | None

    def features(self) -> dict:
        return {
            "text": round(self.text, 4),
            "words": round(self.words, 4),
            "chars": round(self.chars, 4),
            "number": None if self.number is None else round(self.number, 4),
            "actors": None if self.actors is None else round(self.actors, 4),
        }


def actor_similarity(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a or not b:
        return None
    return len(a & b) / len(a | b)


class LexicalMatcher:
    """Fit once on a pool of claim texts, then score pairs.

    ``fit`` learns the vocabulary and IDF from the pool (earlier claims plus the new ones), so words every
    report uses ("said", "Ukraine") weigh less than the distinctive ones.
    """

    name = "lexical"

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights or Weights()
        # The fitted sparse matrices of words and character n-grams, a row per doc (built by fit()).
        self._index: dict[object, int] = {}
        self._wmat: Any = None
        self._cmat: Any = None

    def fit(self, docs: Sequence[ClaimDoc]) -> LexicalMatcher:
        """Learn the vocabulary and IDF from ``docs``. Each distinct text is analysed once (a pool of candidates
        holds many copies of one statement: wire copies, follow-ups), with its copies counted in the IDF, so the
        vectors are those of fitting every doc."""
        texts = [_text_for_tfidf(d.text) for d in docs] or [""]
        row_of: dict[str, int] = {}
        rows = [row_of.setdefault(t, len(row_of)) for t in texts]
        unique = list(row_of)
        copies = np.bincount(rows, minlength=len(unique))
        words = _fit(_analysis("bigrams"), unique, copies)  # None: only stop words in the pool
        chars = _fit(_analysis("chars"), unique, copies)
        self._wmat = words.matrix[rows] if words is not None else None
        self._cmat = chars.matrix[rows] if chars is not None else sparse.csr_matrix((len(rows), 1))
        self._index = {d.key: i for i, d in enumerate(docs)}
        return self

    def _cos(self, mat, i: int, j: int) -> float:
        if mat is None:
            return 0.0
        return float(mat[i].multiply(mat[j]).sum())

    def text_similarity(self, a: ClaimDoc, b: ClaimDoc) -> tuple[float, float, float]:
        i, j = self._index[a.key], self._index[b.key]
        words = self._cos(self._wmat, i, j)
        chars = self._cos(self._cmat, i, j)
        return min(1.0, self.weights.text_gain * (0.5 * words + 0.5 * chars)), words, chars

    def score(self, a: ClaimDoc, b: ClaimDoc) -> PairScore:
        text, words, chars = self.text_similarity(a, b)
        return combine(text, words, chars, a, b, self.weights)

    def rank(
        self, query: ClaimDoc, candidates: Sequence[ClaimDoc], *, minimum: float = 0.0
    ) -> list[tuple[ClaimDoc, PairScore]]:
        """Score ``query`` against every candidate with two sparse products, best first."""
        candidates = [c for c in candidates if c.key != query.key]
        if not candidates:
            return []
        i = self._index[query.key]
        rows = [self._index[c.key] for c in candidates]
        words = (self._wmat[rows] @ self._wmat[i].T).toarray().ravel() if self._wmat is not None else None
        chars = (self._cmat[rows] @ self._cmat[i].T).toarray().ravel()
        return self._ranked(query, candidates, words, chars, minimum)

    CHUNK = 64

    def rank_many(
        self, queries: Sequence[tuple[ClaimDoc, Sequence[ClaimDoc]]], *, minimum: float = 0.0
    ) -> list[list[tuple[ClaimDoc, PairScore]]]:
        """``rank`` for each (query, candidates): the text similarities of ``CHUNK`` queries at a time with every
        fitted doc in one sparse product per view, instead of two products per query."""
        out: list[list[tuple[ClaimDoc, PairScore]]] = []
        for start in range(0, len(queries), self.CHUNK):
            chunk = queries[start : start + self.CHUNK]
            rows = [self._index[q.key] for q, _c in chunk]
            words = (self._wmat[rows] @ self._wmat.T).toarray() if self._wmat is not None else None
            chars = (self._cmat[rows] @ self._cmat.T).toarray()
            for k, (query, candidates) in enumerate(chunk):
                candidates = [c for c in candidates if c.key != query.key]
                columns = [self._index[c.key] for c in candidates]
                w = words[k, columns] if words is not None else None
                out.append(self._ranked(query, candidates, w, chars[k, columns], minimum))
        return out

    def _ranked(self, query: ClaimDoc, candidates: Sequence[ClaimDoc], words, chars, minimum: float):
        out = []
        for k, cand in enumerate(candidates):
            w = float(words[k]) if words is not None else 0.0
            ch = float(chars[k])
            text = min(1.0, self.weights.text_gain * (0.5 * w + 0.5 * ch))
            score = combine(text, w, ch, query, cand, self.weights)
            if score.score >= minimum:
                out.append((cand, score))
        return sorted(out, key=lambda x: -x[1].score)


def _fit(analysis: Analysis, documents: Sequence[Document], copies: Any = None) -> Tfidf | None:
    """A fitted TF-IDF model of ``documents``; None when they have no feature (only stop words, say)."""
    try:
        return Tfidf(analysis, documents, copies)
    except ValueError:
        return None


def combine(text: float, words: float, chars: float, a: ClaimDoc, b: ClaimDoc, w: Weights) -> PairScore:
    num = number_similarity(a.quantity, b.quantity)
    act = actor_similarity(a.actors, b.actors)
    parts = [(text, w.text)]
    if num is not None:
        parts.append((num, w.number))
    if act is not None:
        parts.append((act, w.actors))
    total = sum(weight for _, weight in parts)
    score = sum(v * weight for v, weight in parts) / total
    if num == 0.0:
        score *= w.number_mismatch_factor
    return PairScore(score=max(0.0, min(1.0, score)), text=text, words=words, chars=chars, number=num, actors=act)


def rank_documents(query: str, documents: Sequence[str]) -> list[float]:
    """Cosine similarity of ``query`` to each document (words and character n-grams, 50/50)."""
    if not documents:
        return []
    texts = [_text_for_tfidf(query)] + [_text_for_tfidf(d) for d in documents]
    scores = np.zeros(len(documents))
    for name, weight in _DOCUMENT_VIEWS:
        model = _fit(_analysis(name), texts)
        if model is not None:
            scores += weight * (model.matrix[1:] @ model.matrix[0].T).toarray().ravel()
    return [float(s) for s in scores]


class DocumentIndex:
    """``rank_documents`` for many queries against the same documents: fitted once, on the documents (a query's
    words the documents don't have are left out of its vector). A document may be a tuple of texts, read as
    the texts joined by spaces (``vectors``: each text is analysed once per process).

    ``DocumentIndex.of(documents)`` keeps the last few fitted indexes per process: initiatives' profiles stop
    changing once they hold their quota of commitments, so successive tracking runs reuse the same fit.
    """

    _cache: dict[int, DocumentIndex] = {}
    CACHE_SIZE = 4

    @classmethod
    def of(cls, documents: Sequence[Document]) -> DocumentIndex:
        key = hash(tuple(documents))
        index = cls._cache.get(key)
        if index is None or index.documents != tuple(documents):
            index = cls(documents)
            while len(cls._cache) >= cls.CACHE_SIZE:
                cls._cache.pop(next(iter(cls._cache)))
            cls._cache[key] = index
        return index

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = tuple(documents)
        self.size = len(documents)
        self._fit()

    def _fit(self) -> None:
        self._parts: list[tuple[Tfidf, float]] = []
        if not self.documents:
            return
        texts = [
            tuple(_text_for_tfidf(t) for t in d) if isinstance(d, tuple) else _text_for_tfidf(d) for d in self.documents
        ]
        for name, weight in _DOCUMENT_VIEWS:
            model = _fit(_analysis(name), texts)
            if model is not None:
                self._parts.append((model, weight))

    def similarities(self, query: str) -> list[float]:
        if any(model.stale for model, _weight in self._parts):  # the process's vocabulary was renewed meanwhile
            self._fit()
        scores = np.zeros(self.size)
        text = _text_for_tfidf(query)
        for model, weight in self._parts:
            scores += weight * (model.matrix @ model.transform(text).T).toarray().ravel()
        return [float(s) for s in scores]
