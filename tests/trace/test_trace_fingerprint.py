"""MinHash signatures and LSH band plans: stable, order-free, and a fair Jaccard estimate."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.model import Article
from newstrace.trace.corpus import signatures_of
from newstrace.trace.features import features_of
from newstrace.trace.fingerprint import (_EMPTY, FACTS_BANDS, FIGURES_BANDS, NAMES_BANDS, PERMUTATIONS, WORDING_BANDS,
                                         band_keys, is_empty, jaccard_estimate, minhash, minhash_rows,
                                         one_permutation_minhash_rows, stable_hash)

SETTINGS = settings(max_examples=150, deadline=None, database=None)
HASHES = st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=200)
WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéø", min_size=1, max_size=9), min_size=1, max_size=80)


def _signature(values: list[int]) -> np.ndarray:
    return minhash(np.array(values, dtype=np.uint64))


@SETTINGS
@given(HASHES, st.randoms(use_true_random=False))
def test_minhash_ignores_order_and_duplicates(values, rnd):
    shuffled = values + values[: len(values) // 2]
    rnd.shuffle(shuffled)
    assert _signature(values).tobytes() == _signature(shuffled).tobytes()


@SETTINGS
@given(HASHES)
def test_minhash_is_stable_across_calls(values):
    first = _signature(values)
    assert first.dtype == np.uint32 and first.shape == (PERMUTATIONS,)
    assert first.tobytes() == _signature(list(values)).tobytes()


def test_empty_sets_give_the_empty_signature_and_never_match():
    empty = minhash(np.empty(0, dtype=np.uint64))
    assert is_empty(empty)
    assert jaccard_estimate(empty, empty) == 0.0


def _one_permutation(values: list[int]) -> np.ndarray:
    return one_permutation_minhash_rows(np.array(values, dtype=np.uint64), np.zeros(len(values), dtype=np.int64), 1)[0]


SIGNERS = {"minhash": _signature, "one-permutation": _one_permutation}


def _estimates_at_one_third(count: int, sign) -> list[float]:
    """Estimated Jaccard of `count` random pairs of 400-element sets sharing 200 (true Jaccard 1/3).
    Set members are random 32-bit values, as the crc32 token hashes are in practice."""
    estimates = []
    for seed in range(count):
        rnd = random.Random(seed)
        values = [rnd.getrandbits(32) for _ in range(600)]
        estimates.append(jaccard_estimate(sign(values[:400]), sign(values[200:])))
    return estimates


@pytest.mark.parametrize("signer", SIGNERS)
def test_jaccard_estimate_is_unbiased(signer):
    estimates = _estimates_at_one_third(60, SIGNERS[signer])
    assert abs(statistics.mean(estimates) - 1 / 3) < 0.06
    rnd = random.Random(99)
    apart = [rnd.getrandbits(32) for _ in range(800)]
    assert jaccard_estimate(SIGNERS[signer](apart[:400]), SIGNERS[signer](apart[400:])) < 0.1


@pytest.mark.parametrize("signer", SIGNERS)
def test_jaccard_estimate_spread_matches_96_independent_permutations(signer):
    # With k independent permutations the estimate's standard deviation is sqrt(J(1-J)/k) = 0.048 here;
    # one permutation into k bins samples without replacement, which is no worse.
    assert statistics.stdev(_estimates_at_one_third(60, SIGNERS[signer])) < 0.08


@pytest.mark.parametrize("size", [3, 20, 60])
def test_one_permutation_estimate_holds_for_sets_smaller_than_the_bins(size):
    """Densified bins: small sets (short articles) still estimate their Jaccard, near 1/3 on average."""
    estimates = []
    for seed in range(200):
        rnd = random.Random(seed)
        values = [rnd.getrandbits(32) for _ in range(3 * size)]
        estimates.append(jaccard_estimate(_one_permutation(values[:2 * size]), _one_permutation(values[size:])))
    assert abs(statistics.mean(estimates) - 1 / 3) < 0.08


@SETTINGS
@given(HASHES, st.randoms(use_true_random=False))
def test_one_permutation_minhash_ignores_order_and_duplicates_and_fills_every_bin(values, rnd):
    shuffled = values + values[: len(values) // 2]
    rnd.shuffle(shuffled)
    first = _one_permutation(values)
    assert first.tobytes() == _one_permutation(shuffled).tobytes()
    assert not (first == _EMPTY).any()


def test_one_permutation_minhash_of_nothing_is_the_empty_signature():
    rows = one_permutation_minhash_rows(np.array([5, 6], dtype=np.uint64), np.array([1, 1]), 3)
    assert is_empty(rows[0]) and is_empty(rows[2]) and not is_empty(rows[1])
    assert is_empty(one_permutation_minhash_rows(np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64), 1)[0])


@pytest.mark.parametrize("plan", [WORDING_BANDS, FACTS_BANDS, FIGURES_BANDS, NAMES_BANDS])
def test_band_plans_fit_the_signature_and_keep_their_thresholds(plan):
    assert plan.bands * plan.rows <= PERMUTATIONS
    assert 0.1 < plan.threshold < 0.7
    signature = _signature(list(range(50)))
    keys = band_keys(signature, plan)
    assert keys.shape == (plan.bands,) and len(set(keys.tolist())) == plan.bands


def test_stable_hash_is_crc32_of_utf8():
    assert stable_hash("gdańsk") == zlib.crc32("gdańsk".encode("utf-8"))


_SIGNATURE_SCRIPT = """
import sys
from newstrace.model import Article
from newstrace.trace.corpus import signatures_of
from newstrace.trace.features import features_of
article = Article(paragraphs=[sys.argv[1]], language="en")
sys.stdout.write(b"".join(s.tobytes() for s in signatures_of(features_of(article))).hex())
"""


def test_signatures_are_the_same_bytes_in_another_process():
    """Signatures are stored and compared across runs: no dependence on PYTHONHASHSEED."""
    text = ("Mayor Duarte Pimenta said Braga paid 96 million euros for 38 buses from Vltava Motors. "
            "Petra Novakova said the Plzen plant would build them in 2025.")
    here = b"".join(s.tobytes() for s in signatures_of(features_of(Article(paragraphs=[text], language="en")))).hex()
    src = str(os.path.join(os.path.dirname(__file__), "..", "..", "src"))
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
        out = subprocess.run([sys.executable, "-c", _SIGNATURE_SCRIPT, text], env=env, capture_output=True,
                             text=True, timeout=60, check=True).stdout
        assert out == here



@SETTINGS
@given(st.lists(st.lists(st.integers(0, 2**32 - 1), max_size=60), min_size=1, max_size=12),
       st.integers(1, 100), st.randoms(use_true_random=False))
def test_minhash_rows_equals_minhash_of_each_set_whatever_the_order_and_chunking(sets, chunk_values, rnd):
    members = [(value, row) for row, values in enumerate(sets) for value in values]
    rnd.shuffle(members)
    values = np.array([value for value, _ in members], dtype=np.uint64)
    rows = np.array([row for _, row in members], dtype=np.int64)
    together = minhash_rows(values, rows, len(sets), chunk_values=chunk_values)
    assert together.shape == (len(sets), PERMUTATIONS)
    for row, hashes in zip(together, sets):
        assert row.tobytes() == minhash(np.array(hashes, dtype=np.uint64)).tobytes()


@SETTINGS
@given(st.lists(st.lists(st.integers(0, 3), min_size=PERMUTATIONS, max_size=PERMUTATIONS), min_size=1, max_size=30),
       st.randoms(use_true_random=False), st.integers(2, 6))
def test_colliding_codes_are_every_pair_sharing_a_band_in_a_small_bucket(rows, rnd, max_bucket):
    """The vectorised bucket expansion against a plain loop over every pair of articles."""
    from newstrace.trace.corpus import _band_key_matrix, _colliding_codes

    matrix = np.array(rows, dtype=np.uint32)  # few distinct values: many collisions, some big buckets
    is_new = np.array([rnd.random() < 0.5 for _ in rows])
    plan = FACTS_BANDS
    keys = _band_key_matrix(matrix, plan)
    bucket_size = {}
    for row in keys:
        for band, key in enumerate(row):
            bucket_size[(band, key)] = bucket_size.get((band, key), 0) + 1
    expected = set()
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            shared = any(keys[i][band] == keys[j][band] and bucket_size[(band, keys[i][band])] <= max_bucket
                         for band in range(plan.bands))
            if shared and (is_new[i] or is_new[j]):
                expected.add(i * len(rows) + j)
    found = _colliding_codes(matrix, plan, is_new, max_bucket)
    assert set(found.tolist()) == expected


def test_small_sets_seldom_share_a_wording_band_by_densification_alone():
    """Empty bins borrow their neighbour's rank; bands must not be cut from neighbouring bins."""
    shared = 0
    for seed in range(200):
        rnd = random.Random(seed)
        values = [rnd.getrandbits(32) for _ in range(19)]  # two sets of 10 sharing 1: Jaccard 1/19
        first, second = _one_permutation(values[:10]), _one_permutation(values[9:])
        shared += bool(set(band_keys(first, WORDING_BANDS).tolist()) & set(band_keys(second, WORDING_BANDS).tolist()))
    assert shared / 200 < 0.05


def test_minhash_rows_of_one_set_much_larger_than_a_chunk_with_repeats():
    values = np.tile(np.arange(1000, dtype=np.uint64), 50)
    together = minhash_rows(values, np.zeros(values.size, dtype=np.int64), 1, chunk_values=128)
    assert together[0].tobytes() == minhash(np.arange(1000, dtype=np.uint64)).tobytes()
