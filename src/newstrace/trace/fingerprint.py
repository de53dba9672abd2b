"""Signatures for finding copy candidates without comparing all pairs.

Four MinHash signatures per article, banded for LSH:
- wording: 5-word shingles of the body (verbatim and lightly edited copies);
- facts: consecutive pairs of anchors (names and numbers in reading order) plus
  the numbers themselves (paraphrased copies keep these);
- figures: the distinctive numbers alone (translations keep these when every
  word and even the capitalised common words change);
- names: who and where, with a low threshold, so that independent reports of
  the same event meet (the relation check then tells them from copies).

Hashing is stable across processes and runs (crc32 of words, then integer
arithmetic in numpy), so signatures can be stored and compared later.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .text import Sentence, fold

SHINGLE = 5
PERMUTATIONS = 96
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
_RANDOM = np.random.default_rng(20231118)
# Multiply-shift hashing: odd 64-bit multipliers, arithmetic modulo 2**64, top 32 bits kept.
_A = _RANDOM.integers(0, np.iinfo(np.uint64).max, size=PERMUTATIONS, dtype=np.uint64, endpoint=True) | np.uint64(1)
_B = _RANDOM.integers(0, np.iinfo(np.uint64).max, size=PERMUTATIONS, dtype=np.uint64, endpoint=True)
_EMPTY = np.full(PERMUTATIONS, np.iinfo(np.uint32).max, dtype=np.uint32)
_SHINGLE_MULTIPLIERS = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1], dtype=np.uint64)


@dataclass(frozen=True)
class BandPlan:
    """How a signature is cut into LSH bands: bands * rows <= PERMUTATIONS."""

    bands: int
    rows: int

    @property
    def threshold(self) -> float:
        """The similarity at which a pair becomes a candidate with probability about 1/2."""
        return (1 / self.bands) ** (1 / self.rows)


# Bump when a change here or in the features changes the signatures of stored articles: `trace` then
# re-signs them, and compares again those whose signatures changed.
# 1: first rules; 2: figures signature only with 4 or more distinctive figures.
SIGNATURE_RULES = 2

WORDING_BANDS = BandPlan(bands=24, rows=4)  # ~0.45 Jaccard of 5-word shingles
FACTS_BANDS = BandPlan(bands=32, rows=3)  # ~0.31 Jaccard of anchor pairs
# Figures are few per article and common ones recur across unrelated stories, so their bands are narrow
# and long: at 100k articles 32x3 bands made the figures channel propose 4.8M pairs (0.2% of them copies).
FIGURES_BANDS = BandPlan(bands=16, rows=6)  # ~0.63 Jaccard of distinctive figures
NAMES_BANDS = BandPlan(bands=48, rows=2)  # ~0.14 Jaccard of names: independent reports of one event


def stable_hash(token: str) -> int:
    return zlib.crc32(token.encode("utf-8", "surrogatepass"))


def minhash(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (uint32[PERMUTATIONS]) of a set of 32-bit hashes."""
    if hashes.size == 0:
        return _EMPTY.copy()
    return _permuted(np.unique(hashes.astype(np.uint64) & _MASK32)).min(axis=0).astype(np.uint32)


def _permuted(values: np.ndarray) -> np.ndarray:
    """(values x PERMUTATIONS) images of 32-bit values under the multiply-shift permutations."""
    with np.errstate(over="ignore"):
        return (values[:, None] * _A[None, :] + _B[None, :]) >> _SHIFT


def minhash_many(hash_sets: list[np.ndarray], chunk_values: int = 1 << 15) -> np.ndarray:
    """MinHash signatures (sets x PERMUTATIONS, uint32) of many sets at once, equal to `minhash` of each.

    One vectorised pass over all the sets' values (in chunks that keep the values x permutations product
    near 25 MB) instead of a few small numpy calls per set: the per-call overhead dominated for articles
    of a few hundred shingles. Duplicates need no removal, as the minimum ignores them.
    """
    out = np.tile(_EMPTY, (len(hash_sets), 1))
    filled = [index for index, hashes in enumerate(hash_sets) if hashes.size]
    start = 0
    while start < len(filled):
        stop, values = start, 0
        while stop < len(filled) and (stop == start or values + hash_sets[filled[stop]].size <= chunk_values):
            values += hash_sets[filled[stop]].size
            stop += 1
        group = filled[start:stop]
        sizes = np.fromiter((hash_sets[index].size for index in group), dtype=np.int64, count=len(group))
        permuted = _permuted(np.concatenate([hash_sets[index] for index in group]).astype(np.uint64) & _MASK32)
        offsets = np.r_[0, np.cumsum(sizes)[:-1]]
        out[group] = np.minimum.reduceat(permuted, offsets, axis=0).astype(np.uint32)
        start = stop
    return out


@lru_cache(maxsize=1 << 18)
def word_hash(word: str) -> int:
    """The stable hash of a folded word (words repeat across a corpus: computed once each)."""
    return stable_hash(fold(word))


def wording_hashes(words: list[str]) -> np.ndarray:
    """Hashes of the overlapping 5-word shingles of the folded words."""
    word_hashes = np.fromiter(map(word_hash, words), dtype=np.uint64, count=len(words))
    if word_hashes.size < SHINGLE:
        return word_hashes
    windows = np.lib.stride_tricks.sliding_window_view(word_hashes, SHINGLE)
    return ((windows * _SHINGLE_MULTIPLIERS).sum(axis=1)) & _MASK32


def facts_hashes(sentences: list[Sentence]) -> np.ndarray:
    """Hashes of anchor pairs in reading order, plus of each number anchor."""
    sequence = [anchor for sentence in sentences for anchor in sorted(sentence.anchors)]
    tokens = {f"{a}|{b}" for a, b in zip(sequence, sequence[1:]) if a != b}
    tokens.update(anchor for anchor in sequence if anchor[0] in "np")
    return np.fromiter((stable_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))


def figures_hashes(sentences: list[Sentence]) -> np.ndarray:
    """Hashes of the distinctive figures (not single digits): they survive paraphrase and translation."""
    tokens = {anchor for sentence in sentences for anchor in sentence.numbers if _distinctive(anchor)}
    # Two or three shared figures ("2023", "15%") say little about a copy; other channels find those.
    if len(tokens) < MIN_FIGURES:
        return np.empty(0, dtype=np.uint64)
    return np.fromiter((stable_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))


MIN_FIGURES = 4


def _distinctive(anchor: str) -> bool:
    value = float(anchor.split(":", 1)[1])
    return anchor.startswith("p:") or value >= 10 or value != int(value)


def names_hashes(sentences: list[Sentence]) -> np.ndarray:
    """Hashes of the names an article mentions (who and where), for same-event candidates."""
    tokens = {anchor for sentence in sentences for anchor in sentence.anchors if anchor.startswith("w:")}
    if len(tokens) < 3:
        return np.empty(0, dtype=np.uint64)
    return np.fromiter((stable_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))


def band_keys(signature: np.ndarray, plan: BandPlan) -> np.ndarray:
    """One 64-bit key per band: the band's index mixed with its rows' values."""
    rows = signature[: plan.bands * plan.rows].astype(np.uint64).reshape(plan.bands, plan.rows)
    keys = np.arange(plan.bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for column in range(plan.rows):
        keys = (keys ^ rows[:, column]) * np.uint64(0x100000001B3)
    return keys


def is_empty(signature: np.ndarray) -> bool:
    return bool((signature == _EMPTY).all())


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    if is_empty(a) or is_empty(b):
        return 0.0
    return float((a == b).mean())
