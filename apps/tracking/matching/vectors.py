"""TF-IDF the way scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` computes it, with each text analysed
once per process.

Tracking fits small TF-IDF models all the time: a batch's claims with their candidates, the initiatives'
profiles after every article, a few commitments against each other. The same texts come back batch after
batch (candidates, profile words), and scikit-learn analyses every text again on every fit, in Python: that
was most of tracking's CPU. Here an :class:`Analysis` keeps scikit-learn's own analyzer (so the features are
exactly its features) and remembers each text's features as ids in a process-wide vocabulary; a fit is then
numpy over those ids. The matrices are scikit-learn's up to the order of their columns.

A document may be given as a tuple of texts: its features are theirs together, which is what the analyzers
give the texts joined by spaces (word and ``char_wb`` features never cross a space). A profile that gains one
commitment is then analysed for that commitment only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

Document = str | tuple[str, ...]


class Analysis:
    """One scikit-learn analyzer, memoised: a text's features as ids in this process's vocabulary.

    Bounded: past ``MAX_TEXTS`` remembered texts or ``MAX_FEATURES`` features both are dropped and
    ``generation`` moves on, so a fitted model from before (whose columns are ids) knows to fit again.
    """

    MAX_TEXTS = 20_000
    MAX_FEATURES = 1_000_000

    def __init__(self, **params: Any) -> None:
        from sklearn.feature_extraction.text import CountVectorizer  # heavy: loaded when matching runs

        self._analyze = CountVectorizer(**params).build_analyzer()
        self.generation = 0
        self._forget()

    def _forget(self) -> None:
        self.features: list[str] = []
        self._ids: dict[str, int] = {}
        self._memo: dict[str, np.ndarray] = {}

    def trim(self) -> None:
        """Drop what is remembered when it has grown past the bounds (called before a fit, never during one)."""
        if len(self._memo) > self.MAX_TEXTS or len(self.features) > self.MAX_FEATURES:
            self._forget()
            self.generation += 1

    def ids(self, document: Document) -> np.ndarray:
        if isinstance(document, tuple):
            parts = [self.ids(text) for text in document]
            return np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
        found = self._memo.get(document)
        if found is None:
            ids, features, out = self._ids, self.features, []
            for feature in self._analyze(document):
                k = ids.get(feature)
                if k is None:
                    k = ids[feature] = len(features)
                    features.append(feature)
                out.append(k)
            found = self._memo[document] = np.array(out, dtype=np.int32)
        return found


class Tfidf:
    """A fitted model: the documents' rows (l2-normalised, sublinear tf, smooth idf) and what a query needs."""

    def __init__(self, analysis: Analysis, documents: Sequence[Document], copies: np.ndarray | None = None) -> None:
        """Fit on ``documents``, each standing for ``copies[k]`` documents in the document frequencies (default
        one). Raises ``ValueError`` when no document has a feature, as scikit-learn does."""
        analysis.trim()
        self.analysis = analysis
        self.generation = analysis.generation
        rows = [analysis.ids(d) for d in documents]
        flat = np.concatenate(rows) if rows else np.empty(0, dtype=np.int32)
        if not flat.size:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        # Columns in the order of the process's feature ids, not scikit-learn's alphabetical one: sorting the
        # features cost more than the fit, and no similarity depends on the order of the columns.
        ids, inverse = np.unique(flat, return_inverse=True)
        self._ids = ids
        lengths = [len(r) for r in rows]
        n = len(rows)
        counts = sparse.csr_matrix(
            (np.ones(flat.size), (np.repeat(np.arange(n), lengths), inverse.ravel())), shape=(n, len(ids))
        )
        counts.sum_duplicates()
        weights = np.ones(n) if copies is None else np.asarray(copies, dtype=np.float64)
        df = np.asarray(counts.astype(bool).T @ weights, dtype=np.float64).ravel()
        self.idf = np.log((1.0 + weights.sum()) / (1.0 + df)) + 1.0
        counts.data = np.log(counts.data) + 1.0
        self.matrix = _normalize(counts @ sparse.diags(self.idf))

    @property
    def stale(self) -> bool:
        return self.generation != self.analysis.generation

    def transform(self, document: Document) -> sparse.csr_matrix:
        """``document``'s row in this model's columns (features the documents don't have are left out)."""
        q = self.analysis.ids(document)
        pos = np.searchsorted(self._ids, q)
        pos[pos == len(self._ids)] = 0
        known = q[self._ids[pos] == q] if len(self._ids) else q[:0]
        columns, tf = np.unique(np.searchsorted(self._ids, known), return_counts=True)
        values = (np.log(tf) + 1.0) * self.idf[columns]
        row = sparse.csr_matrix((values, (np.zeros(len(columns), dtype=np.int64), columns)), shape=(1, len(self.idf)))
        return _normalize(row)


def _normalize(matrix) -> sparse.csr_matrix:
    from sklearn.preprocessing import normalize

    return normalize(matrix, norm="l2", copy=False).tocsr()
