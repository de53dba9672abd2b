"""Sentence alignment of two articles, tolerant of paraphrase and translation.

Sentence similarity blends two views: shared content-word stems (Dice) and
shared anchors, names and numbers (Jaccard). Paraphrase changes words but
keeps anchors; translation changes nearly all words, so across languages the
anchors carry the score. The alignment is the order-keeping set of pairs
with the highest total similarity above a floor (a weighted longest common
subsequence), computed by dynamic programming.
"""

from __future__ import annotations

import dataclasses
from itertools import chain

import numpy as np
from rapidfuzz.distance import Indel

from ..model import AlignedPair, Alignment
from .text import Sentence

MATCH_FLOOR = 0.28  # below this two sentences are not counted as the same statement
VERBATIM_WORDING = 0.9  # character similarity from which an aligned pair counts as verbatim
_STEM_WEIGHT = 0.6


class SentenceTable:
    """An article's sentences with their token arrays, built once and reused for every comparison."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = list(sentences)
        self._flat: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.sentences)

    def __getitem__(self, index: int) -> Sentence:
        return self.sentences[index]

    def __iter__(self):
        return iter(self.sentences)

    def flat(self, attribute: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if attribute not in self._flat:
            self._flat[attribute] = _flatten(self.sentences, attribute)
        return self._flat[attribute]


def _table(sentences) -> SentenceTable:
    return sentences if isinstance(sentences, SentenceTable) else SentenceTable(sentences)


def similarity_matrix(a, b, *, same_language: bool = True) -> np.ndarray:
    """sim[i, j] in 0..1 for every sentence pair, computed as sparse set overlaps.

    `a` and `b` are sentence lists or SentenceTables (which cache their token arrays).
    """
    a, b = _table(a), _table(b)
    if not len(a) or not len(b):
        return np.zeros((len(a), len(b)))
    stems = _overlap(a, b, "stems", dice=True)
    if not same_language:
        # Across languages, capitalised common nouns (German) and words that happen to be capitalised
        # are noise: keep only the anchors both texts contain somewhere.
        shared = {x for s in a for x in s.anchors} & {x for s in b for x in s.anchors}
        a = SentenceTable([_restricted(s, shared) for s in a])
        b = SentenceTable([_restricted(s, shared) for s in b])
    anchors = _overlap(a, b, "anchors", dice=False)
    has_anchors = np.array([bool(s.anchors) for s in a])[:, None] | np.array([bool(s.anchors) for s in b])[None, :]
    if not same_language:
        return np.where(has_anchors, 0.8 * anchors + 0.2 * stems, 0.5 * stems)
    blended = _STEM_WEIGHT * stems + (1 - _STEM_WEIGHT) * anchors
    # A sentence pair sharing many stems is the same statement even with no anchors at all.
    sim = np.where(has_anchors, np.maximum(blended, 0.85 * stems), stems)
    return sim * _number_agreement(a, b)


def _restricted(sentence: Sentence, keep: set[str]) -> Sentence:
    return dataclasses.replace(sentence, anchors=frozenset(sentence.anchors & keep))


def _number_agreement(a: SentenceTable, b: SentenceTable) -> np.ndarray:
    """1.0, or 0.5 where both sentences state figures and share none: the same sentence
    pattern about other figures ("invest 410 million" vs "invest 1.15 billion") is another fact."""
    numbers = _overlap(a, b, "numbers_set", dice=False)
    has_a = np.array([bool(s.numbers) for s in a])[:, None]
    has_b = np.array([bool(s.numbers) for s in b])[None, :]
    return np.where(has_a & has_b & (numbers == 0), 0.5, 1.0)


def _overlap(a: SentenceTable, b: SentenceTable, attribute: str, *, dice: bool) -> np.ndarray:
    """Pairwise Dice (or Jaccard) of the sentences' token sets, from one sort-and-search pass."""
    tokens_a, rows_a, sizes_a = a.flat(attribute)
    tokens_b, rows_b, sizes_b = b.flat(attribute)
    shared = np.zeros((len(a), len(b)))
    if tokens_a.size and tokens_b.size:
        order = np.argsort(tokens_b, kind="stable")
        sorted_b, sorted_rows_b = tokens_b[order], rows_b[order]
        start = np.searchsorted(sorted_b, tokens_a, side="left")
        count = np.searchsorted(sorted_b, tokens_a, side="right") - start
        hits = count > 0
        if hits.any():
            counts = count[hits]
            row_a = np.repeat(rows_a[hits], counts)
            # Position k of the run for token t lies at start[t] + k in the sorted tokens of b.
            run_start = np.repeat(start[hits], counts)
            within = np.arange(row_a.size) - np.repeat(np.cumsum(counts) - counts, counts)
            np.add.at(shared, (row_a, sorted_rows_b[run_start + within]), 1.0)
    size_a, size_b = sizes_a[:, None], sizes_b[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        score = 2 * shared / (size_a + size_b) if dice else shared / (size_a + size_b - shared)
    return np.nan_to_num(score)


def _flatten(sentences: list[Sentence], attribute: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every token of every sentence as an int (hash within this process), its sentence, and set sizes."""
    token_sets = [getattr(s, attribute) for s in sentences]
    sizes = np.fromiter((len(t) for t in token_sets), dtype=np.int64, count=len(token_sets))
    tokens = np.fromiter(map(hash, chain.from_iterable(token_sets)), dtype=np.int64, count=int(sizes.sum()))
    return tokens, np.repeat(np.arange(len(token_sets)), sizes), sizes.astype(np.float64)


def align(a, b, *, same_language: bool = True) -> Alignment:
    """The best order-keeping alignment of two sentence lists (or SentenceTables), with coverage figures."""
    a, b = _table(a), _table(b)
    sim = similarity_matrix(a, b, same_language=same_language)
    matched = _best_path(sim)
    pairs = [AlignedPair(i, j, a[i].text, b[j].text, float(sim[i, j]), Indel.normalized_similarity(a[i].text, b[j].text))
             for i, j in matched]
    words_a = sum(s.words for s in a) or 1
    words_b = sum(s.words for s in b) or 1
    aligned_words = sum(a[p.a].words + b[p.b].words for p in pairs) or 1
    verbatim_words = sum(a[p.a].words + b[p.b].words for p in pairs if p.wording >= VERBATIM_WORDING)
    return Alignment(
        pairs=pairs,
        coverage_a=sum(a[p.a].words for p in pairs) / words_a,
        coverage_b=sum(b[p.b].words for p in pairs) / words_b,
        verbatim_share=verbatim_words / aligned_words if pairs else 0.0,
        order=_order_kept(sim),
        only_a=_unaligned_passages(a, {p.a for p in pairs}),
        only_b=_unaligned_passages(b, {p.b for p in pairs}),
    )


def _best_path(sim: np.ndarray) -> list[tuple[int, int]]:
    """Order-keeping pairs maximising the summed (similarity - floor).

    Only cells above the floor can be matched, so this is a weighted longest
    increasing chain over those few cells, row by row, with a Fenwick tree
    holding the best chain per column prefix: no full table over all pairs.
    """
    rows, cols = np.nonzero(sim >= MATCH_FLOOR)
    if not rows.size:
        return []
    gains = sim[rows, cols] - MATCH_FLOOR + 1e-3
    best_before = _PrefixMax(sim.shape[1])
    chains: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {}
    for row in np.unique(rows):
        finished = []
        for index in np.flatnonzero(rows == row):
            cell = (int(row), int(cols[index]))
            value, previous = best_before.query(cell[1])  # best chain in earlier rows and columns
            chains[cell] = (value + float(gains[index]), previous)
            finished.append(cell)
        for cell in finished:  # visible to later rows only
            best_before.update(cell[1], chains[cell][0], cell)
    cell = max(chains, key=lambda key: chains[key][0])
    path = []
    while cell is not None:
        path.append(cell)
        cell = chains[cell][1]
    return path[::-1]


class _PrefixMax:
    """Fenwick tree: the best chain value, and the cell it ends in, over columns below a column."""

    def __init__(self, size: int):
        self.values = [0.0] * (size + 1)
        self.cells: list[tuple[int, int] | None] = [None] * (size + 1)

    def query(self, col: int) -> tuple[float, tuple[int, int] | None]:
        best, cell, slot = 0.0, None, col  # columns 0..col-1 live in slots 1..col
        while slot > 0:
            if self.values[slot] > best:
                best, cell = self.values[slot], self.cells[slot]
            slot -= slot & -slot
        return best, cell

    def update(self, col: int, value: float, cell: tuple[int, int]) -> None:
        slot = col + 1
        while slot < len(self.values):
            if value > self.values[slot]:
                self.values[slot], self.cells[slot] = value, cell
            slot += slot & -slot


def _order_kept(sim: np.ndarray) -> float:
    """Share of best matches that keep reading order, from the side where it is kept best.

    Taken both ways so that the verdict does not depend on argument order: a
    wire story that ends by repeating its lead still has its facts in order
    when seen from a copy of its first paragraphs.
    """
    return max(_order_one_way(sim), _order_one_way(sim.T))


def _order_one_way(sim: np.ndarray) -> float:
    """Of each row sentence's best match (ignoring order), the share that keeps reading order (LIS)."""
    if sim.size == 0:
        return 1.0
    best = sim.argmax(axis=1)
    matched = [int(best[i]) for i in range(sim.shape[0]) if sim[i, best[i]] >= MATCH_FLOOR]
    if not matched:
        return 1.0
    return _longest_increasing(matched) / len(matched)


def _longest_increasing(values: list[int]) -> int:
    import bisect

    tails: list[int] = []
    for value in values:
        position = bisect.bisect_left(tails, value)
        tails[position:position + 1] = [value]
    return len(tails)


def _unaligned_passages(sentences: list[Sentence], aligned: set[int]) -> list[str]:
    """Runs of consecutive unaligned sentences, joined into passages."""
    passages, current = [], []
    for index, sentence in enumerate(sentences):
        if index in aligned:
            if current:
                passages.append(" ".join(current))
                current = []
        else:
            current.append(sentence.text)
    if current:
        passages.append(" ".join(current))
    return passages
