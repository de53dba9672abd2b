"""Shingle-overlap scoring for main-text extraction benchmarks.

Our own implementation of the metric described in
`shared/bench/extraction/SOURCE.md`: both texts become `\\w+` tokens, then
multisets of overlapping 4-word shingles. Per page, true positives are the
shared shingles, false positives the extra predicted ones, false negatives the
missing true ones. The three counts are scaled to sum to 1 so every page weighs
the same; precision and recall come from those per-page shares summed over the
pages, and F1 from that precision and recall.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4


@dataclass(slots=True, frozen=True)
class PageScore:
    """Shares of one page's shingles; tp + fp + fn == 1 unless both texts are empty."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


@dataclass(slots=True, frozen=True)
class Summary:
    f1: float
    precision: float
    recall: float
    pages: int


def harmonic_mean(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter:
    """Multiset of overlapping word n-grams; a text shorter than `size` is one shingle."""
    tokens = TOKEN_RE.findall(text or "")
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_page(expected: str, predicted: str) -> PageScore:
    true_set, pred_set = shingles(expected), shingles(predicted)
    tp = sum((true_set & pred_set).values())
    fp = sum((pred_set - true_set).values())
    fn = sum((true_set - pred_set).values())
    total = tp + fp + fn
    if not total:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


def summarise(scores: Iterable[PageScore]) -> Summary:
    """Precision and recall over normalised per-page counts, F1 from the two."""
    scores = list(scores)
    tp = sum(s.tp for s in scores)
    fp = sum(s.fp for s in scores)
    fn = sum(s.fn for s in scores)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return Summary(harmonic_mean(precision, recall), precision, recall, len(scores))
