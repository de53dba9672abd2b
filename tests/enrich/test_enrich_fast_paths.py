"""The enrich stage's shortcuts must find exactly what the plain way finds: digits-only patterns in paragraphs
without number words, patterns tried only where a run of digits starts, the money-and-percent-only pass the entity
tagger uses, and the person-name search without a per-article pattern. Texts are built from pieces that the
figure patterns react to, joined at random."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.enrich import claims
from newstrace.enrich.entities import _standalone_forms

PIECES = ["5", "12", "1,200", "3.5", "2024", "07", "40", "two", "Twenty-five", "a", "an", "one", "seven",
          "hundred", "thousand", "million", "bn", "m", "$", "€", "US$", "Rs", "KHR", "USD", "ALL", "TOP", "dollars",
          "kip", "won", "pounds", "riels", "CFA", "francs", "%", "percent", "per cent", "percentage points", "to",
          "and", "-", "of", "the", "voted", "by", "between", "from", "people", "jobs", "votes", "members", "crowd",
          "city", "target", "number", "Of the dead,", ",", ".", "(", ")", "Acme", "May", "Route", "said", "am",
          "in", "a year", "per share", "half", "quarter"]
SEPARATORS = [" ", " ", " ", "", "-", ", "]


@st.composite
def paragraphs(draw) -> str:
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=24))
    return "".join(piece + draw(st.sampled_from(SEPARATORS)) for piece in pieces).strip()


def spans(figures) -> list[tuple]:
    return [(f.start, f.end, f.kind, f.value, f.unit) for f in figures]


@settings(max_examples=400, deadline=None)
@given(paragraphs())
def test_digits_only_patterns_find_what_the_word_patterns_find(paragraph):
    found = spans(claims.figures_of(paragraph))
    with mock.patch.object(claims, "_has_number_words", return_value=True):
        assert spans(claims.figures_of(paragraph)) == found


@settings(max_examples=400, deadline=None)
@given(paragraphs())
def test_trying_a_pattern_at_digit_runs_equals_its_scan(paragraph):
    for pattern in (claims._NUMBER.digits, claims._MONEY_AFTER.digits, claims._OF_THE.digits,
                    claims._PART_OF_GROUP):
        expected = [(m.span(), m.groups()) for m in pattern.finditer(paragraph)]
        assert [(m.span(), m.groups()) for m in claims._at_digit_runs(pattern, paragraph)] == expected


@settings(max_examples=400, deadline=None)
@given(paragraphs())
def test_amount_spans_are_the_money_and_percent_figures(paragraph):
    expected = sorted((f.start, f.end) for f in claims.figures_of(paragraph, {}) if f.kind in ("money", "percent"))
    assert claims.amount_spans(paragraph) == expected


def test_digit_run_shortcut_refuses_a_pattern_that_can_start_elsewhere():
    # the shortcut is only for patterns that start at a digit: this one starts at a letter and is missed
    pattern = re.compile(r"(?<![\w$.,])x\d")
    assert [m.group() for m in pattern.finditer("a x5")] == ["x5"]
    assert claims._at_digit_runs(pattern, "a x5") == []


NAME_PIECES = ["Japarov", "Sadir Japarov", "Japarovs", "Japarov-led", "Japarov’s", "Japarov's", "Xi", "Xi Jinping",
               "xJaparov", "’", "'", "-", ",", ".", "said", "and"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=12), st.sampled_from([" ", "", "-"]))
def test_standalone_forms_match_the_pattern_of_all_forms(pieces, separator):
    paragraph = separator.join(pieces)
    forms = ["Sadir Japarov", "Xi Jinping", "Japarov", "Xi"]  # longest first, as the caller sorts them
    pattern = re.compile(r"(?<![\w’'\-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w\-]|[’']\w\w)")
    expected = [(m.start(), m.group()) for m in pattern.finditer(paragraph)]
    assert _standalone_forms(paragraph, forms) == expected
