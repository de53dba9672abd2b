"""Text features for tracing: sentences, stems, name keys and normalised numbers."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.trace import text as text_module
from newstrace.trace.text import (digit_anchors, fold, name_key, number_anchors, sentence_features, sentences_of,
                                  split_sentences, stem, words_of)

FAST = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(("text", "decimal_comma", "expected"), [
    ("$70 billion", False, {"n:7e+10"}),
    ("70 billion dollars", False, {"n:7e+10"}),
    ("15.5 billion dollars", False, {"n:1.55e+10"}),
    ("$15.5bn", False, {"n:1.55e+10"}),
    ("€2.4bn", False, {"n:2.4e+09"}),
    ("2,4 mil millones", True, {"n:2.4e+09"}),
    ("45%", False, {"p:45"}),
    ("12.4 per cent", False, {"p:12.4"}),
    ("0.3%", False, {"p:0.3"}),
    ("1.234,5", True, {"n:1234"}),
    ("3 500 000", False, {"n:3.5e+06"}),
    ("1\u00a0500", False, {"n:1500"}),
    ("twelve buses", False, {"n:12"}),
])
def test_number_anchors_normalise_the_value(text, decimal_comma, expected):
    assert set(number_anchors(text, decimal_comma)) == expected


def test_the_same_sum_written_three_ways_meets():
    english = set(number_anchors("a $2.4 billion agreement"))
    spanish = set(number_anchors("un acuerdo de 2.400 millones de dólares", decimal_comma=True))
    spelled = set(number_anchors("an agreement of 2.4 billion dollars"))
    assert "n:2.4e+09" in english & spanish & spelled


@pytest.mark.parametrize("decimal_comma", [False, True])
def test_ambiguous_thousands_are_read_both_ways(decimal_comma):
    """'13.900' is 13.9 in English and 13,900 in Spanish: a translation must match either way."""
    assert {"n:13.9", "n:1.39e+04"} <= set(number_anchors("13.900", decimal_comma))
    assert {"n:13.9", "n:1.39e+04"} <= set(number_anchors("13,900", decimal_comma))


def test_unambiguous_separators_are_read_once():
    assert number_anchors("1,234,567 tonnes") == ["n:1.235e+06"]
    assert number_anchors("2.5 million") == ["n:2.5e+06"]


def test_bare_metre_and_k_suffixes_are_not_money():
    assert number_anchors("a 5 m wall") == ["n:5"]
    assert number_anchors("a $5m grant") == ["n:5e+06"]


def test_one_and_half_are_not_figures():
    assert number_anchors("one of the half-built quays") == []


@FAST
@given(st.text(max_size=300), st.booleans())
def test_number_normalisation_never_raises(text, decimal_comma):
    for anchor in number_anchors(text, decimal_comma):
        kind, value = anchor.split(":", 1)
        assert kind in ("n", "p")
        float(value)


# Digits, separators, scales and currency signs, glued in any order: the shapes a number regex trips on.
_NUMBERISH = st.lists(st.sampled_from(list("0123456789.,  \u00a0$€£%-+e٣५") + [" billion", " millones", "bn",
                                                                              " per cent", "m", "k"]),
                      max_size=40).map("".join)


@FAST
@given(_NUMBERISH, st.booleans())
def test_number_normalisation_never_raises_on_number_soup(text, decimal_comma):
    number_anchors(text, decimal_comma)
    sentences_of([text], "es" if decimal_comma else "en")


def test_huge_figures_do_not_break_anchors():
    anchors = number_anchors("a fund of " + "9" * 400 + " euros")
    assert anchors == ["n:inf"]


def test_name_keys_tolerate_transliteration():
    assert name_key("Sadyr") == name_key("Sadir") == "sdr"
    assert name_key("Xi’an") == name_key("Xian")
    assert name_key("Gaddafi") == name_key("Gadafi")
    assert name_key("Wu") == "wu"
    assert fold("Žemaitė") == "zemaite"


def test_stems_join_word_forms():
    assert stem("agreed") == stem("agrees")
    assert stem("Harbours") == stem("harbour")


def test_sentence_features_hold_names_numbers_and_stems():
    sentence = sentence_features("Nordhavn Line will invest 1.15 billion euros in Gdansk.", 0)
    assert {"n:1.15e+09", "w:" + name_key("Gdansk"), "w:" + name_key("Nordhavn")} <= sentence.anchors
    assert sentence.numbers == ("n:1.15e+09",)
    assert stem("invest") in sentence.stems and "will" not in sentence.stems
    assert sentence.words == len(words_of("Nordhavn Line will invest 1.15 billion euros in Gdansk."))


def test_a_lone_capitalised_first_word_is_not_a_name():
    sentence = sentence_features("Construction starts in spring near Lisbon.", 0)
    assert "w:" + name_key("Construction") not in sentence.anchors
    assert "w:" + name_key("Lisbon") in sentence.anchors


def test_sentences_split_on_end_punctuation_and_remember_their_paragraph():
    sentences = sentences_of(["The port grew. It added 14 cranes!", "Shares rose 3.8% on Tuesday."])
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("The port grew.", 0), ("It added 14 cranes!", 0), ("Shares rose 3.8% on Tuesday.", 1)]


def test_sentences_keep_their_closing_quotes():
    sentences = sentences_of(['He said: "We will build it." Then he left the quay.'])
    assert [s.text for s in sentences] == ['He said: "We will build it."', "Then he left the quay."]


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.text(alphabet="Ab .!?“”'-\n\u00a07,", max_size=80), max_size=5))
def test_the_sentences_words_in_order_are_the_body_words(paragraphs):
    """Features take the body's words from its sentences: splitting must never drop or join a word."""
    from newstrace.trace.text import words_of, words_of_sentences

    assert words_of_sentences(sentences_of(paragraphs)) == words_of("\n\n".join(paragraphs))


# The plain forms of two patterns that the module writes for speed: a word group in front of the sentence
# end (tried at every word start) and an optional currency in front of a figure (tried at every position).
_PLAIN_SENTENCE_END = re.compile(r"(?P<word>\b[\w.]{1,6})?[.!?…](?P<close>[\"”’»)\]]*)\s+(?=[\"“‘«(\[]?[A-Z0-9À-Ý])")
_PLAIN_FIGURE = re.compile(
    r"(?P<currency>[$€£¥]|US\$|USD|EUR|GBP)?\s?"
    r"(?P<digits>\d{1,3}(?:[,.\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<scale>mil millones|mil milhões|trillions?|billions?|millions?|thousands?|bn|mn|mln|tn|m|b|k|"
    r"millones|milliards?|milliarden|millionen|miliardi|milioni|milhões|bilhões|mio|mrd|crores?|lakhs?)\b)?"
    r"(?:\s?(?P<percent>%|percents?\b|per cent\b|por ciento\b|pour cent\b|prozent\b|per cento\b))?",
    re.IGNORECASE)


def _plain_split(paragraph: str) -> list[str]:
    sentences, start = [], 0
    for match in _PLAIN_SENTENCE_END.finditer(paragraph):
        word = (match.group("word") or "").lower().rstrip(".")
        if word in text_module._ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        sentences.append(paragraph[start:match.start("close") + len(match.group("close"))].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _plain_figures(text: str, decimal_comma: bool) -> list[str]:
    anchors = []
    for match in _PLAIN_FIGURE.finditer(text):
        scale = (match.group("scale") or "").lower()
        if scale in ("m", "b", "k") and not match.group("currency"):
            scale = ""
        kind = "p" if match.group("percent") else "n"
        for value in text_module._number_values(match.group("digits"), decimal_comma):
            anchors.append(f"{kind}:{value * text_module._SCALES.get(scale, 1.0):.4g}")
    return anchors


_PROSE = st.lists(st.sampled_from(
    ["Mr.", "U.S.", "J.", "E!", "p.m.", "No.", "etc.", "e.g.", "a.b.c.d.e.f.g.", "Sept.", "wait...", "“Go.”", "(Yes!)",
     "The", "Then", "officials", "Xi’an", "_x", "x_", "2023.", "5", "$", "US$", "USD", "EUR", " ", "  ", "\u00a0",
     "12.5%", "3 500", "1,234", "2,4", "m", "bn", "k", "million", "per cent", ".", "!", "?", "…", "\"", "”", ")",
     "9", "0", "USD 5m", "EUR 7 k", "US$ 3b", "£2m", "gbp4 bn"]), max_size=30).map(" ".join) | st.text(alphabet="Ab1 .!?“”'-$€%,\u00a0mk_", max_size=80)


@FAST
@given(_PROSE)
def test_sentences_split_as_the_plain_pattern_splits(paragraph):
    assert split_sentences(paragraph) == _plain_split(paragraph)


@FAST
@given(_PROSE, st.booleans())
def test_figures_read_as_the_plain_pattern_reads(text, decimal_comma):
    assert digit_anchors(text, decimal_comma) == _plain_figures(text, decimal_comma)
