"""Columnar signing: the same evidence as the sentence features, hashed for a whole batch at once."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.trace.fingerprint import MIN_FIGURES, PERMUTATIONS, distinctive, is_empty, jaccard_estimate, stable_hash
from newstrace.trace.signing import evidence_of_texts, signatures_of_texts
from newstrace.trace.text import fold, sentences_of, words_of_sentences

SETTINGS = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of news prose that exercise the sentence, name and figure rules: abbreviations and initials,
# capitalised sentence starts, figures with scales, currencies, percentages and separators, number words.
_PIECES = [
    "Mr.", "Mrs.", "Dr.", "U.S.", "J.", "No.", "Jan.", "E!", "p.m.", "a.m.", "etc.", "Sen.", "vs.",
    "The", "It", "A", "Officials", "Kassym-Jomart", "Tokayev", "Xi’an", "Žemaitė", "O'Neill", "McDonald's",
    "Gdańsk", "Vltava", "Motors", "Petra", "Novakova", "Braga", "Chen", "Li", "Wu", "UN", "NATO", "X",
    "said", "the", "of", "in", "and", "met", "bought", "buses", "would", "build", "deal", "port", "people",
    "twelve", "Twelve", "three", "one", "half", "dozen", "ninety", "hundred", "Monday", "January",
    "38", "2023", "96", "7", "1,234,567", "3 500 000", "13.900", "2,4", "12.5%", "$40m", "€2.4bn", "US$ 5",
    "USD 7m", "5 m", "45 per cent", "70 billion", "1.15 billion", "£3k", "0.3%", "1\u00a0500", "9.",
    ".", ",", "!", "?", "…", "“", "”", "\"", "(", ")", "-", "—", "’", ":", ";",
]
_SENTENCE = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25).map(" ".join)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)
_TEXT = st.tuples(st.lists(_PARAGRAPH, min_size=1, max_size=4), st.sampled_from(["en", "de", None]))


def _from_sentence_features(paragraphs: list[str], language: str | None) -> dict:
    sentences = sentences_of(paragraphs, language)
    anchors = {anchor for sentence in sentences for anchor in sentence.anchors}
    figures = {anchor for sentence in sentences for anchor in sentence.numbers if distinctive(anchor)}
    return {"words": [stable_hash(fold(word)) for word in words_of_sentences(sentences)],
            "names": {stable_hash(anchor) for anchor in anchors if anchor.startswith("w:")},
            "numbers": {stable_hash(anchor) for anchor in anchors if anchor[0] in "np"},
            "figures": {stable_hash(anchor) for anchor in figures} if len(figures) >= MIN_FIGURES else set()}


@SETTINGS
@given(st.lists(_TEXT, min_size=1, max_size=5))
def test_signing_sees_what_the_sentence_features_see(texts):
    """Words, names, numbers and figures of the columnar pass equal those of `sentences_of`, text by text
    and whatever else is in the batch."""
    for (paragraphs, language), seen in zip(texts, evidence_of_texts(texts)):
        assert seen == _from_sentence_features(paragraphs, language)


def test_signing_a_text_alone_or_in_a_batch_gives_the_same_signatures():
    texts = [(["Mayor Duarte Pimenta said Braga paid 96 million euros for 38 buses from Vltava Motors.",
               "Petra Novakova said the Plzen plant would build them in 2025, 12% faster."], "en"),
             ([], None),
             (["Ein kurzer Text."], "de"),
             (["Mr. Chen met Dr. Li in Xi’an on Monday. They agreed on 3 500 000 tonnes at €2.4bn."], "en")]
    together = signatures_of_texts(texts)
    for text, signatures in zip(texts, together):
        alone = signatures_of_texts([text])[0]
        assert [s.tobytes() for s in alone] == [s.tobytes() for s in signatures]
        assert all(s.dtype == np.uint32 and s.shape == (PERMUTATIONS,) for s in signatures)
    assert all(is_empty(signature) for signature in together[1])
    assert signatures_of_texts([]) == []


def test_wording_folds_case_and_accents_and_ignores_line_breaks():
    first, second, third = signatures_of_texts([(["The Port of Gdańsk signed the deal on Monday"], "en"),
                                                (["the port of gdansk signed the deal on monday"], "en"),
                                                (["The Port of Gdańsk\nsigned the deal on Monday"], "en")])
    assert first[0].tobytes() == second[0].tobytes() == third[0].tobytes()


def test_figure_and_name_channels_need_enough_material():
    three, four, two_names, five_names = evidence_of_texts([
        (["The city bought 38 buses for 96 million euros in 2023."], "en"),
        (["The city bought 38 buses for 96 million euros in 2023, 12% more."], "en"),
        (["The mayor met Petra Novakova."], "en"),
        (["Duarte Pimenta met Petra Novakova in Plzen."], "en")])
    assert three["figures"] == set() and len(four["figures"]) == 4
    assert len(two_names["names"]) == 2 and len(five_names["names"]) == 5
    signatures = signatures_of_texts([(["The mayor met Petra Novakova."], "en"),
                                      (["Duarte Pimenta met Petra Novakova in Plzen."], "en")])
    assert is_empty(signatures[0][3]) and not is_empty(signatures[1][3])


def test_a_paraphrase_keeps_the_facts_signature_close_and_the_wording_apart():
    original = (["Kazakh President Kassym-Jomart Tokayev and Xi Jinping met in Xi’an on May 18, agreeing "
                 "on 12 projects worth $7.4 billion.", "Sadyr Japarov said 2,500 workers would build the line."],
                "en")
    spun = (["In the historic city of Xi’an, Kassym-Jomart Tokayev came face-to-face with Xi Jinping on May 18; "
             "the pair settled 12 projects worth $7.4 billion.", "Some 2,500 workers will build the line, "
             "Sadyr Japarov told reporters."], "en")
    first, second = signatures_of_texts([original, spun])
    assert jaccard_estimate(first[1], second[1]) > jaccard_estimate(first[0], second[0])
    assert jaccard_estimate(first[2], second[2]) > 0.5  # the same distinctive figures


def test_a_lone_surrogate_in_a_page_is_signed_like_any_other_non_word():
    clean, broken = evidence_of_texts([(["Bad surrogate in Paris with 45 people."], "en"),
                                       (["Bad \udcff surrogate in Paris with 45 people."], "en")])
    assert clean == broken


def test_line_breaks_and_separator_characters_inside_a_paragraph_are_spacing_as_in_the_features():
    texts = [(["Votes for: 45\n120 abstained."], "en"), (["Turnout was 12\n500 people came."], "en"),
             (["Hello world.\x1eMayor Lopes said 5 things."], "en"), (["Paid $\x1f5m to Acme Corp."], "en")]
    for (paragraphs, language), seen in zip(texts, evidence_of_texts(texts)):
        assert seen == _from_sentence_features(paragraphs, language)
