"""Properties of `compare` and `align` over generated articles (hypothesis).

Articles are built from invented words, capitalised names and figures, so every
sentence has content words; copies are derived from them by keeping, cutting,
rewording, re-figuring or padding sentences, which covers the copy kinds and
the unrelated/same-event borders alike.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newstrace.model import Article, Dateline
from newstrace.trace import compare
from newstrace.trace.align import align
from newstrace.trace.text import sentences_of

SETTINGS = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_SYLLABLES = "ka lo mi ne ru ta so vi pe da go fu ri ze bo la mu si te no".split()
_RANDOM = random.Random(77)
WORDS = tuple(dict.fromkeys("".join(_RANDOM.choice(_SYLLABLES) for _ in range(_RANDOM.randint(2, 4)))
                            for _ in range(300)))
NAMES = tuple(dict.fromkeys("".join(_RANDOM.choice(_SYLLABLES) for _ in range(3)).capitalize() for _ in range(40)))
FIGURES = ("$2.4 billion", "45%", "1,200", "780 million euros", "3.5 million", "12.4%", "2028")

TOKEN = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(NAMES),
                  st.sampled_from(FIGURES), st.integers(10, 99999).map(str))
# A sentence opens with an invented word so that it always has content stems.
SENTENCE = st.tuples(st.sampled_from(WORDS), st.lists(TOKEN, min_size=3, max_size=14)).map(
    lambda parts: [parts[0], *parts[1]])
SENTENCES = st.lists(SENTENCE, min_size=1, max_size=9)
DATES = st.sampled_from([None, "2023-03-14", "2023-03-15", "2024-06-21"])
OPERATIONS = st.sampled_from(["keep", "keep", "cut", "reword", "refigure", "pad"])


def render(sentences: list[list[str]]) -> list[str]:
    """Sentences into paragraphs of up to two sentences."""
    texts = [" ".join(tokens)[:1].upper() + " ".join(tokens)[1:] + "." for tokens in sentences]
    return [" ".join(texts[i:i + 2]) for i in range(0, len(texts), 2)]


def article_of(sentences: list[list[str]], day: str | None, **fields) -> Article:
    return Article(paragraphs=render(sentences), story_date=day, page_date=day, language="en", **fields)


@st.composite
def articles(draw) -> Article:
    return article_of(draw(SENTENCES), draw(DATES))


@st.composite
def derived_pairs(draw) -> tuple[Article, Article]:
    """An article and another derived from it sentence by sentence."""
    source = draw(SENTENCES)
    copy = []
    for tokens in source:
        operation = draw(OPERATIONS)
        if operation == "cut":
            continue
        if operation == "reword":
            tokens = [draw(st.sampled_from(WORDS)) if draw(st.booleans()) else token for token in tokens]
        if operation == "refigure":
            tokens = [str(int(token) * 3) if token.isdigit() else token for token in tokens]
        copy.append(tokens)
        if operation == "pad":
            copy.append(draw(SENTENCE))
    if not copy:
        copy = [draw(SENTENCE)]
    agency = draw(st.sampled_from([None, "Reuters"]))
    original = article_of(source, draw(DATES), agency=agency, agency_source=bool(agency),
                          dateline=Dateline(agency=agency))
    return original, article_of(copy, draw(DATES))


@SETTINGS
@given(articles())
def test_a_text_is_a_verbatim_copy_of_itself(article):
    relation = compare(article, article)
    assert relation.kind == "verbatim", relation.reasons
    assert relation.alignment.coverage_a == relation.alignment.coverage_b == 1.0
    assert relation.alignment.verbatim_share == 1.0
    assert relation.original is None  # nothing tells two identical pages apart
    assert relation.flags == [] and relation.changes == []


@SETTINGS
@given(derived_pairs())
def test_alignment_pairs_increase_on_both_sides_and_coverage_is_a_share(pair):
    first, second = pair
    alignment = align(sentences_of(first.paragraphs), sentences_of(second.paragraphs))
    for before, after in zip(alignment.pairs, alignment.pairs[1:]):
        assert before.a < after.a and before.b < after.b
    for value in (alignment.coverage_a, alignment.coverage_b, alignment.verbatim_share, alignment.order):
        assert 0.0 <= value <= 1.0
    for aligned in alignment.pairs:
        assert 0.0 <= aligned.similarity <= 1.0 + 1e-9 and 0.0 <= aligned.wording <= 1.0


@SETTINGS
@given(derived_pairs())
def test_unaligned_passages_are_exactly_the_unaligned_sentences(pair):
    first, second = pair
    sentences_a, sentences_b = sentences_of(first.paragraphs), sentences_of(second.paragraphs)
    alignment = align(sentences_a, sentences_b)
    aligned_a = {p.a for p in alignment.pairs}
    left_out = " ".join(s.text for i, s in enumerate(sentences_a) if i not in aligned_a)
    assert " ".join(alignment.only_a) == left_out
    full = not alignment.only_a
    assert (alignment.coverage_a == 1.0) == full or sum(s.words for s in sentences_a) == 0


FLIP = {"a": "b", "b": "a", None: None}


@SETTINGS
@given(derived_pairs())
def test_original_flips_when_the_pair_is_swapped(pair):
    """Which side is the original does not depend on argument order (given both calls see a copy)."""
    first, second = pair
    forward, backward = compare(first, second), compare(second, first)
    if forward.is_copy and backward.is_copy:
        assert forward.original == FLIP[backward.original]
        assert sorted(forward.flags) == sorted(backward.flags)
    assert forward.scores["coverage_min"] == backward.scores["coverage_min"]
    assert forward.scores["names_jaccard"] == backward.scores["names_jaccard"]


# Found by this test: a long text whose cut sentences best match earlier sentences of the short one.
_ASYMMETRIC = (
    Article(paragraphs=["Tesisi katefuri kada pefuru talola laterite.",
                        "Mugopeso zekalala lorurino sosiru vifula bote dasiru lamudavi 1679 2807 2641 kafusoka.",
                        "Migo nomupe zelomu laka bolape bote 879 boru.",
                        "Zefufu 523 muso mize 1485 zelomu bori rifumila mize zefufu.",
                        "Zemi nomupe mugopeso bomi kada dagolo tesisi mize zelomu.",
                        "Perida bomutaso tadasika dataru bomigo dasiru mugopeso sosomu sotamuze.",
                        "Mize mugopeso tenogo rineze bomi data nerineri rifumila tenogo tego.",
                        "Lamudavi bolape dakaboka silogosi neru dataru neru dagolo nomu ripekabo data boru."]),
    Article(paragraphs=["Tesisi katefuri kada pefuru talola laterite.",
                        "Mugopeso zekalala lorurino sosiru vifula bote dasiru telosi pefuru neru lorurino kafusoka.",
                        "Migo nomupe zelomu laka bolape bote 879 boru.",
                        "Mize tesisi zefufu kafusoka bomi data tasomi rifumila nogomilo tasomi."]),
)


@settings(SETTINGS, max_examples=150)
@example(_ASYMMETRIC)
@given(derived_pairs())
def test_kind_is_symmetric(pair):
    first, second = pair
    forward, backward = compare(first, second), compare(second, first)
    assert forward.kind == backward.kind, (forward.scores, backward.scores)
    assert forward.original == FLIP[backward.original]
