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

import numpy as np
from rapidfuzz.distance import Indel

from ..model import AlignedPair, Alignment
from .text import Sentence

MATCH_FLOOR = 0.28  # below this two sentences are not counted as the same statement
VERBATIM_WORDING = 0.9  # character similarity from which an aligned pair counts as verbatim
_STEM_WEIGHT = 0.6


def similarity_matrix(a: list[Sentence], b: list[Sentence], *, same_language: bool = True) -> np.ndarray:
    """sim[i, j] in 0..1 for every sentence pair, computed as sparse set overlaps."""
    if not a or not b:
        return np.zeros((len(a), len(b)))
    stems = _overlap(a, b, "stems", dice=True)
    if not same_language:
        # Across languages, capitalised common nouns (German) and words that happen to be capitalised
        # are noise: keep only the anchors both texts contain somewhere.
        shared = {x for s in a for x in s.anchors} & {x for s in b for x in s.anchors}
        a = [_restricted(s, shared) for s in a]
        b = [_restricted(s, shared) for s in b]
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


def _number_agreement(a: list[Sentence], b: list[Sentence]) -> np.ndarray:
    """1.0, or 0.5 where both sentences state figures and share none: the same sentence
    pattern about other figures ("invest 410 million" vs "invest 1.15 billion") is another fact."""
    numbers = _overlap(a, b, "numbers_set", dice=False)
    has_a = np.array([bool(s.numbers) for s in a])[:, None]
    has_b = np.array([bool(s.numbers) for s in b])[None, :]
    return np.where(has_a & has_b & (numbers == 0), 0.5, 1.0)


def _overlap(a: list[Sentence], b: list[Sentence], attribute: str, *, dice: bool) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    rows_a = [[vocabulary.setdefault(t, len(vocabulary)) for t in getattr(s, attribute)] for s in a]
    rows_b = [[vocabulary.setdefault(t, len(vocabulary)) for t in getattr(s, attribute)] for s in b]
    if not vocabulary:
        return np.zeros((len(a), len(b)))
    matrix_a = _binary(rows_a, len(vocabulary))
    matrix_b = _binary(rows_b, len(vocabulary))
    shared = matrix_a @ matrix_b.T
    size_a = matrix_a.sum(axis=1)[:, None]
    size_b = matrix_b.sum(axis=1)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        score = 2 * shared / (size_a + size_b) if dice else shared / (size_a + size_b - shared)
    return np.nan_to_num(score)


def _binary(rows: list[list[int]], width: int) -> np.ndarray:
    matrix = np.zeros((len(rows), width), dtype=np.float32)
    for index, columns in enumerate(rows):
        matrix[index, columns] = 1.0
    return matrix


def align(a: list[Sentence], b: list[Sentence], *, same_language: bool = True) -> Alignment:
    """The best order-keeping alignment of two sentence lists, with coverage figures."""
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
    """Order-keeping pairs maximising the summed (similarity - floor)."""
    rows, cols = sim.shape
    gain = np.where(sim >= MATCH_FLOOR, sim - MATCH_FLOOR + 1e-3, -np.inf)
    score = np.zeros((rows + 1, cols + 1))
    for i in range(1, rows + 1):
        row_gain = gain[i - 1]
        for j in range(1, cols + 1):
            best = max(score[i - 1, j], score[i, j - 1])
            diagonal = score[i - 1, j - 1] + row_gain[j - 1]
            score[i, j] = diagonal if diagonal > best else best
    return _trace_back(score, gain)


def _trace_back(score: np.ndarray, gain: np.ndarray) -> list[tuple[int, int]]:
    pairs = []
    i, j = score.shape[0] - 1, score.shape[1] - 1
    while i > 0 and j > 0:
        if score[i, j] == score[i - 1, j]:
            i -= 1
        elif score[i, j] == score[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _order_kept(sim: np.ndarray) -> float:
    """Of each sentence's best match (ignoring order), the share that keeps reading order (LIS)."""
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
