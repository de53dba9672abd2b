"""Sentence alignment: the similarity matrix and the order-keeping path, checked against plain references."""

from __future__ import annotations

import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from newstrace.trace.align import MATCH_FLOOR, SentenceTable, align, similarity_matrix
from newstrace.trace.text import sentence_features, sentences_of

# The package re-exports the function `align` under the module's name, so reach the module itself here.
ALIGN = sys.modules["newstrace.trace.align"]
SETTINGS = settings(max_examples=150, deadline=None, database=None, derandomize=True)


def _reference_best_total(sim: np.ndarray) -> float:
    """The best summed gain of an order-keeping matching, by the textbook O(n*m) table."""
    rows, cols = sim.shape
    gain = np.where(sim >= MATCH_FLOOR, sim - MATCH_FLOOR + 1e-3, -np.inf)
    score = np.zeros((rows + 1, cols + 1))
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            score[i, j] = max(score[i - 1, j], score[i, j - 1], score[i - 1, j - 1] + gain[i - 1, j - 1])
    return float(score[rows, cols])


MATRICES = st.tuples(st.integers(0, 9), st.integers(0, 9)).flatmap(
    lambda shape: arrays(np.float64, shape, elements=st.sampled_from([0.0, 0.1, 0.3, 0.45, 0.6, 0.9, 1.0])))


@SETTINGS
@given(MATRICES)
def test_best_path_is_an_optimal_order_keeping_matching(sim):
    path = ALIGN._best_path(sim)
    assert all(r1 < r2 and c1 < c2 for (r1, c1), (r2, c2) in zip(path, path[1:]))
    assert all(sim[r, c] >= MATCH_FLOOR for r, c in path)
    total = sum(sim[r, c] - MATCH_FLOOR + 1e-3 for r, c in path)
    assert abs(total - _reference_best_total(sim)) < 1e-9


def _naive(a, b, attribute: str, dice: bool) -> np.ndarray:
    out = np.zeros((len(a), len(b)))
    for i, first in enumerate(a):
        for j, second in enumerate(b):
            x, y = set(getattr(first, attribute)), set(getattr(second, attribute))
            if x or y:
                out[i, j] = 2 * len(x & y) / (len(x) + len(y)) if dice else len(x & y) / len(x | y)
    return out


WORDS = ["harbour", "crane", "terminal", "Gdansk", "Nordhavn", "billion", "euros", "quay", "dredging", "Aabye",
         "2028", "45%", "1,200", "tonnes", "ferry", "council"]
SENTENCE_LISTS = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), min_size=0, max_size=6).map(
    lambda sentences: [sentence_features("Then " + " ".join(words) + ".", 0) for words in sentences])


@SETTINGS
@given(SENTENCE_LISTS, SENTENCE_LISTS)
def test_sparse_overlaps_equal_plain_set_arithmetic(a, b):
    table_a, table_b = SentenceTable(a), SentenceTable(b)
    for attribute, dice in (("stems", True), ("anchors", False), ("numbers_set", False)):
        got = ALIGN._overlap(table_a, table_b, attribute, dice=dice)
        assert np.allclose(got, _naive(a, b, attribute, dice))


@SETTINGS
@given(SENTENCE_LISTS, SENTENCE_LISTS)
def test_similarity_is_a_symmetric_share(a, b):
    forward = similarity_matrix(a, b)
    assert forward.shape == (len(a), len(b))
    assert ((forward >= 0) & (forward <= 1 + 1e-9)).all()
    assert np.allclose(forward, similarity_matrix(b, a).T)


def test_lists_and_tables_align_alike():
    a = sentences_of(["The port signed a 2.4 billion euro deal. Nordhavn will invest 1.15 billion euros."])
    b = sentences_of(["Nordhavn will put 1.15 billion euros in. The port inked a 2.4 billion euro agreement."])
    assert align(a, b).to_dict() == align(SentenceTable(a), SentenceTable(b)).to_dict()


def test_reordered_copy_keeps_one_pair_and_reports_the_order():
    a = sentences_of(["Nordhavn Line signed the Gdansk terminal deal on Tuesday. "
                      "The terminal will add 14 cranes at the Northern Port. "
                      "Baltic Shore Watch said dredging could harm spawning grounds."])
    b = sentences_of(["Baltic Shore Watch said dredging could harm spawning grounds. "
                      "The terminal will add 14 cranes at the Northern Port. "
                      "Nordhavn Line signed the Gdansk terminal deal on Tuesday."])
    alignment = align(a, b)
    assert len(alignment.pairs) == 1  # only one of three can keep reading order
    assert alignment.order < 0.5
    assert sum(passage.count(".") for passage in alignment.only_a) == 2


def test_cross_language_alignment_leans_on_shared_anchors():
    english = sentences_of(["Nordhavn Line will invest 1.15 billion euros in Gdansk, with 780 million euros "
                            "from the Baltic Infrastructure Fund."], "en")
    spanish = sentences_of(["Nordhavn Line invertirá 1.150 millones de euros en Gdansk, con 780 millones de euros "
                            "del Baltic Infrastructure Fund."], "es")
    assert len(align(english, spanish, same_language=False).pairs) == 1
    unrelated = sentences_of(["La ciudad aprobó un carril bici en la calle Mayor."], "es")
    assert align(english, unrelated, same_language=False).pairs == []
