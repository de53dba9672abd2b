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
from newstrace.trace.fingerprint import (FACTS_BANDS, FIGURES_BANDS, NAMES_BANDS, PERMUTATIONS, WORDING_BANDS,
                                         band_keys, figures_hashes, is_empty, jaccard_estimate, minhash,
                                         names_hashes, stable_hash, wording_hashes)
from newstrace.trace.text import sentences_of

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


@SETTINGS
@given(WORDS)
def test_identical_texts_estimate_jaccard_one(words):
    first = minhash(wording_hashes(words))
    second = minhash(wording_hashes(list(words)))
    assert jaccard_estimate(first, second) == 1.0


def test_empty_sets_give_the_empty_signature_and_never_match():
    empty = minhash(np.empty(0, dtype=np.uint64))
    assert is_empty(empty)
    assert jaccard_estimate(empty, empty) == 0.0


def _estimates_at_one_third(count: int) -> list[float]:
    """Estimated Jaccard of `count` random pairs of 400-element sets sharing 200 (true Jaccard 1/3).
    Set members are random 32-bit values, as the crc32 token hashes are in practice."""
    estimates = []
    for seed in range(count):
        rnd = random.Random(seed)
        values = [rnd.getrandbits(32) for _ in range(600)]
        estimates.append(jaccard_estimate(_signature(values[:400]), _signature(values[200:])))
    return estimates


def test_jaccard_estimate_is_unbiased():
    estimates = _estimates_at_one_third(60)
    assert abs(statistics.mean(estimates) - 1 / 3) < 0.06
    rnd = random.Random(99)
    apart = [rnd.getrandbits(32) for _ in range(800)]
    assert jaccard_estimate(_signature(apart[:400]), _signature(apart[400:])) < 0.1


def test_jaccard_estimate_spread_matches_96_independent_permutations():
    # With k independent permutations the estimate's standard deviation is sqrt(J(1-J)/k) = 0.048 here.
    assert statistics.stdev(_estimates_at_one_third(60)) < 0.08


def test_wording_shingles_fold_case_and_accents():
    assert (wording_hashes("The Port of Gdańsk signed the deal".split()).tolist()
            == wording_hashes("the port of gdansk signed the deal".split()).tolist())


def test_figure_and_name_channels_need_enough_material():
    three_figures = sentences_of(["The city bought 38 buses for 96 million euros in 2023."])
    assert figures_hashes(three_figures).size == 0
    four_figures = sentences_of(["The city bought 38 buses for 96 million euros in 2023, 12% more."])
    assert figures_hashes(four_figures).size == 4
    assert names_hashes(sentences_of(["The mayor met Petra Novakova."])).size == 0
    assert names_hashes(sentences_of(["Duarte Pimenta met Petra Novakova in Plzen."])).size == 5


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
       st.integers(1, 100))
def test_minhash_many_equals_minhash_of_each_set_whatever_the_chunking(sets, chunk_values):
    from newstrace.trace.fingerprint import minhash_many

    hash_sets = [np.array(values, dtype=np.uint64) for values in sets]
    together = minhash_many(hash_sets, chunk_values=chunk_values)
    assert together.shape == (len(sets), PERMUTATIONS)
    for row, hashes in zip(together, hash_sets):
        assert row.tobytes() == minhash(hashes).tobytes()


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
