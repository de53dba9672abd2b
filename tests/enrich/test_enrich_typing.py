"""Entity typing fixes (issue #5): the model's spans corrected by rules. The spans are given by hand, as spaCy
would return them, so these run without a model and test our corrections only."""

from __future__ import annotations

import pytest

from newstrace.enrich.entities import settle_types, speaking_words
from newstrace.enrich.gazetteer import load_gazetteer
from newstrace.enrich.rules import Candidate, refine_model_spans


def refined(paragraph: str, name: str, label: str, end_at: str | None = None) -> list[tuple[str, str]]:
    """Our candidates for one spaCy span of `paragraph` covering `name` (its first occurrence)."""
    start = paragraph.index(name)
    end = start + len(name) if end_at is None else paragraph.index(end_at, start) + len(end_at)
    return [(c.text, c.type) for c in refine_model_spans(paragraph, 0, [(start, end, label)], load_gazetteer())]


@pytest.mark.parametrize("paragraph, name", [
    ("Flooding closed roads around Tuguegarao on Monday.", "Tuguegarao"),
    ("Fighting reached the outskirts of Goma overnight.", "Goma"),
    ("The trains to Glasgow were cancelled.", "Glasgow"),
])
def test_a_city_the_model_calls_a_person_is_a_place(paragraph, name):
    assert refined(paragraph, name, "PERSON") == [(name, "place")]


@pytest.mark.parametrize("paragraph, name", [
    ("“We will rebuild,” Glasgow said on Monday.", "Glasgow"),  # a speaker: a person who shares a city's name
    ("Mayor Valencia opened the bridge.", "Valencia"),  # a title before it
])
def test_a_city_name_with_person_context_stays_a_person(paragraph, name):
    assert refined(paragraph, name, "PERSON") == [(name, "person")]


@pytest.mark.parametrize("paragraph, name, label, expected", [
    ("Residents of Franklin County voted.", "Franklin County", "ORG", "place"),
    ("Boats crossed Lake Turkana at dawn.", "Lake Turkana", "ORG", "place"),
    # an organisation cue inside keeps the model's organisation, though a place cue ends the name
    ("The Brookfield Local School District closed.", "Brookfield Local School District", "ORG", "organisation"),
    ("The Great Barrier Reef Marine Park Authority said so.", "Great Barrier Reef Marine Park Authority", "FAC",
     "organisation"),
    ("Typhoon Amihan hit the coast.", "Typhoon Amihan", "FAC", "event"),
    ("She won at the Academy Awards.", "Academy Awards", "ORG", "event"),
    ("He ran the Rotterdam Marathon.", "Rotterdam Marathon", "FAC", "event"),
])
def test_cue_words_type_a_name(paragraph, name, label, expected):
    assert refined(paragraph, name, label) == [(name, expected)]


@pytest.mark.parametrize("paragraph, span, expected", [
    ("The Retail Workers' Union called a strike.", "The Retail Workers' Union", "Retail Workers' Union"),
    ("The Mongolian People’s Party won.", "Mongolian People’s Party", "Mongolian People’s Party"),
    ("Shares in Marlow & Finch fell.", "Marlow & Finch", "Marlow & Finch"),
])
def test_plural_possessives_and_ampersands_stay_inside_an_organisation(paragraph, span, expected):
    assert refined(paragraph, span, "ORG") == [(expected, "organisation")]


def test_a_singular_possessive_still_ends_a_name():
    found = refined("China’s Foreign Ministry said so.", "China’s Foreign Ministry", "ORG")
    assert ("China’s Foreign Ministry", "organisation") not in found


@pytest.mark.parametrize("paragraph, span, end_at, expected", [
    ("S. Venkatramani led the team.", "S. Venkatramani", None, "S. Venkatramani"),
    ("Lau Kwok-wing said so.", "Lau Kwok", None, "Lau Kwok-wing"),
])
def test_initials_and_lower_case_name_parts_stay_in_a_persons_name(paragraph, span, end_at, expected):
    assert refined(paragraph, span, "PERSON", end_at) == [(expected, "person")]


def test_a_name_whose_surname_speaks_alone_is_a_person():
    paragraphs = ["Thabo Mokoena, who runs the mine, met unions.", "“We will pay,” Mokoena said."]
    candidates = [Candidate(0, 0, 13, "Thabo Mokoena", "organisation"), Candidate(1, 16, 23, "Mokoena", "place")]
    settled = settle_types(candidates, load_gazetteer(), speaking_words(paragraphs))
    assert [c.type for c in settled] == ["person", "person"]


def test_an_organisation_speaking_by_its_full_name_is_no_person():
    paragraphs = ["Conservation group Reef Forward said spending was too low."]
    assert "forward" not in speaking_words(paragraphs)
    candidates = [Candidate(0, 19, 31, "Reef Forward", "organisation")]
    assert [c.type for c in settle_types(candidates, load_gazetteer(), speaking_words(paragraphs))] == [
        "organisation"]


@pytest.mark.parametrize("paragraph, name, label, expected", [
    ("A court fined energy supplier Volterre on Thursday.", "Volterre", "PERSON", "organisation"),
    ("Volterre, which has 2 million customers, will appeal.", "Volterre", "PERSON", "organisation"),
    ("Kholmatov, 22, scored late.", "Kholmatov", "ORG", "person"),
    ("Volterre spoke to reporters.", "Volterre", "PERSON", "person"),  # no cue: the model's type stands
])
def test_the_words_around_a_name_correct_its_type(paragraph, name, label, expected):
    assert refined(paragraph, name, label) == [(name, expected)]


def test_an_organisations_first_word_alone_is_that_organisation():
    from newstrace.enrich.entities import cluster_mentions

    candidates = [Candidate(0, 0, 14, "Qinling Motors", "organisation"), Candidate(1, 0, 7, "Qinling", "person")]
    settled = settle_types(candidates, load_gazetteer())
    clusters = cluster_mentions(settled, load_gazetteer())
    assert [[c.text for c in cluster] for cluster in clusters] == [["Qinling Motors", "Qinling"]]


def test_a_persons_surname_that_starts_an_organisation_name_stays_a_person():
    candidates = [Candidate(0, 0, 10, "Ford Motor", "organisation"), Candidate(1, 0, 13, "Harrison Ford", "person"),
                  Candidate(2, 0, 4, "Ford", "person")]
    assert [c.type for c in settle_types(candidates, load_gazetteer())] == ["organisation", "person", "person"]
