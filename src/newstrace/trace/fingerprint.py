"""MinHash signatures and their LSH bands, for finding copy candidates without comparing all pairs.

Four signatures per article (computed by `signing.py`), banded for LSH:
- wording: 5-word shingles of the body (verbatim and lightly edited copies), as a one-permutation MinHash;
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

import numpy as np


SHINGLE = 5
PERMUTATIONS = 96
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
_RANDOM = np.random.default_rng(20231118)
_RANDOM_OPH = np.random.default_rng(20261127)
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
# 1: first rules; 2: figures signature only with 4 or more distinctive figures; 3: one-permutation MinHash
# for wording, anchor pairs hashed in numpy.
SIGNATURE_RULES = 3

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


def minhash_rows(values: np.ndarray, rows: np.ndarray, count: int, chunk_values: int = 1 << 15) -> np.ndarray:
    """MinHash signatures (count x PERMUTATIONS, uint32) of many sets at once: set r holds the values whose
    row is r. Equal to `minhash` of each set (property test).

    One vectorised pass over the distinct (row, value) pairs, in chunks that keep the values x permutations
    product near 25 MB whatever the sizes of the sets (a set larger than a chunk is reduced piece by piece),
    instead of a few small numpy calls per set: the per-call overhead dominated for articles of a few
    hundred values.
    """
    out = np.tile(_EMPTY, (count, 1))
    if not values.size:
        return out
    keys = np.unique((rows.astype(np.uint64) << _SHIFT) | (values.astype(np.uint64) & _MASK32))
    rows, values = (keys >> _SHIFT).astype(np.int64), keys & _MASK32
    for low in range(0, values.size, chunk_values):
        chunk_rows = rows[low:low + chunk_values]
        starts = np.flatnonzero(np.r_[True, chunk_rows[1:] != chunk_rows[:-1]])
        reduced = np.minimum.reduceat(_permuted(values[low:low + chunk_values]), starts, axis=0).astype(np.uint32)
        owners = chunk_rows[starts]
        out[owners] = np.minimum(out[owners], reduced)
    return out


def one_permutation_minhash_rows(values: np.ndarray, rows: np.ndarray, count: int) -> np.ndarray:
    """One-permutation MinHash (count x PERMUTATIONS, uint32) of many sets, for large sets: set r holds
    the values whose row is r.

    Each value is hashed twice, not PERMUTATIONS times: one hash picks its bin, the other is its rank in
    the bin, and each bin keeps its least rank (Li, Owen and Zhang 2012). Bins left empty borrow from the
    next filled bin to the right (rotation densification, Shrivastava and Li 2014), so that two sets agree
    in a bin with a probability close to their Jaccard similarity, as with `minhash`. An empty set gives
    the empty signature.
    """
    out = np.tile(_EMPTY, (count, 1))
    if not values.size:
        return out
    values = values.astype(np.uint64) & _MASK32
    with np.errstate(over="ignore"):
        bins = (((values * _OPH_A[0] + _OPH_B[0]) >> _SHIFT) * np.uint64(PERMUTATIONS)) >> _SHIFT
        ranks = ((values * _OPH_A[1] + _OPH_B[1]) >> _SHIFT).astype(np.uint32)
    np.minimum.at(out.reshape(-1), rows.astype(np.uint64) * np.uint64(PERMUTATIONS) + bins, ranks)
    # A bin left empty copies its neighbour's rank, so neighbouring bins of a small set are alike; LSH bands
    # are cut from consecutive columns, so the bins are stored in a fixed shuffled order (for sets of 10
    # values at Jaccard 0.05, the chance of sharing a 4-row band fell from 0.43 to about 0).
    return _densified(out)[:, _BIN_ORDER]


_OPH_A = _RANDOM_OPH.integers(0, np.iinfo(np.uint64).max, size=2, dtype=np.uint64, endpoint=True) | np.uint64(1)
_OPH_B = _RANDOM_OPH.integers(0, np.iinfo(np.uint64).max, size=2, dtype=np.uint64, endpoint=True)
_BIN_ORDER = _RANDOM_OPH.permutation(PERMUTATIONS)
# Added per bin of distance to a borrowed rank, so that a borrowed rank rarely equals a rank of its own.
_BORROW_STEP = np.uint64(0x9E3779B1)


def _densified(matrix: np.ndarray) -> np.ndarray:
    """Fill each empty bin from the nearest filled bin to its right, circularly (all-empty rows stay)."""
    bins = PERMUTATIONS
    filled = matrix != _EMPTY
    none = np.int64(4 * bins)
    index = np.arange(bins, dtype=np.int64)
    positions = np.concatenate([np.where(filled, index, none), np.where(filled, index + bins, none)], axis=1)
    donor = np.minimum.accumulate(positions[:, ::-1], axis=1)[:, ::-1][:, :bins]
    has_donor = donor < none
    donor_rank = np.take_along_axis(matrix, np.where(has_donor, donor % bins, 0), axis=1).astype(np.uint64)
    with np.errstate(over="ignore"):
        borrowed = ((donor_rank + (donor - index).astype(np.uint64) * _BORROW_STEP) & _MASK32).astype(np.uint32)
    return np.where(filled | ~has_donor, matrix, borrowed)


MIN_FIGURES = 4  # two or three shared figures ("2023", "15%") say little about a copy


def distinctive(anchor: str) -> bool:
    """A figure that is not a single digit: a percentage, a figure of 10 or more, or a fraction."""
    value = float(anchor.split(":", 1)[1])
    return anchor.startswith("p:") or value >= 10 or value != int(value)


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
