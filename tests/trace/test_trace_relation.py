"""The verdict and its explanation: relation kinds, the original's side, changes and flags."""

from __future__ import annotations

import dataclasses

import pytest

from newstrace.model import Article, Dateline, Removed
from newstrace.trace import compare
from newstrace.trace.explain import (STALE_DAYS, byline_changes, comparable_figures, copy_flags, date_changes,
                                     quote_changes, sums_to)
from newstrace.trace.features import features_of

LEAD = ("The northern city of Braga has ordered 38 hydrogen buses from Czech manufacturer Vltava Motors for "
        "96 million euros, the city's transport company said on Tuesday.")
BODY = [
    LEAD,
    "The first 12 buses will arrive in the spring of 2025, replacing diesel vehicles that make up 70% of the fleet.",
    "The European Union's recovery fund will cover 57 million euros of the cost, with a European Investment Bank "
    "loan paying the remaining 39 million euros.",
    '"Our hills have always been hard on batteries," said Rui Figueiredo, chairman of the transport company.',
    "Vltava Motors chief executive Petra Novakova said the contract would keep the Plzen plant busy next year.",
]


def wire(**fields) -> Article:
    base = dict(title="Braga orders hydrogen buses", paragraphs=list(BODY), story_date="2023-09-05",
                page_date="2023-09-05", dateline=Dateline("BRAGA, Portugal", "Reuters"), agency="Reuters",
                agency_source=True, credits={"reporting": ["Ines Carvalhosa"]}, language="en")
    return Article(**{**base, **fields})


def republished(**fields) -> Article:
    base = dict(title="Braga orders hydrogen buses", paragraphs=list(BODY), page_date="2023-09-05",
                site_name="Minho Wire Digest", dateline=Dateline("BRAGA, Portugal", None), language="en",
                removed=[Removed("Minho Wire Digest", "site-header"), Removed("See also: ferries", "related-link")])
    return Article(**{**base, **fields})


# --- figures -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "second", "expected"), [
    ("n:1200", "n:1800", True),        # jobs figure changed
    ("n:2035", "n:2030", True),        # target year moved
    ("n:2030", "n:48", False),         # a year against a count
    ("n:4", "n:6", False),             # small counts are spelt out on one side
    ("n:1e+06", "n:9e+06", False),     # beyond a factor of five: another quantity
    ("p:45", "n:45", False),           # a percentage is not a count
    ("n:1200", "n:1200", False),
])
def test_comparable_figures(first, second, expected):
    assert comparable_figures(first, second) is expected
    assert comparable_figures(second, first) is expected


def test_parts_of_one_figure_are_not_a_change():
    assert sums_to(["n:4500"], ["n:4000", "n:500"])
    assert not sums_to(["n:4500"], ["n:4000", "n:600"])


def test_changed_figure_in_a_kept_sentence_is_reported_with_both_values():
    copy = republished(paragraphs=[BODY[0].replace("96 million", "69 million"), *BODY[1:]])
    relation = compare(wire(), copy)
    assert relation.is_copy and relation.original == "a"
    numbers = [change for change in relation.changes if change.kind == "number"]
    assert len(numbers) == 1
    assert float(numbers[0].original) == 96e6 and float(numbers[0].copy) == 69e6
    assert "69 million" in numbers[0].detail
    assert "changed-numbers" in relation.flags


def test_a_reformatted_figure_is_not_a_change():
    copy = republished(paragraphs=[BODY[0].replace("96 million euros", "96,000,000 euros"), *BODY[1:]])
    relation = compare(wire(), copy)
    assert relation.kind in ("verbatim", "edited")
    assert not [change for change in relation.changes if change.kind == "number"]


# --- bylines, dates, quotes, attribution -------------------------------------------------------------------

def test_byline_misspelt_replaced_or_extended():
    misspelt = byline_changes(("Ines Carvalhosa",), ("Ines Carvalhoza",))
    assert [(c.kind, c.original, c.copy, c.detail) for c in misspelt] == [
        ("byline", "Ines Carvalhosa", "Ines Carvalhoza", "name misspelt")]
    replaced = byline_changes(("Ines Carvalhosa",), ("Staff Reporter",))
    assert [(c.original, c.copy, c.detail) for c in replaced] == [
        ("Ines Carvalhosa", "Staff Reporter", "byline replaced")]
    assert byline_changes(("Ines Carvalhosa",), ("Ines Carvalhosa", "Mark Pettigrew")) == []
    assert byline_changes((), ("Anyone",)) == [] and byline_changes(("Anyone",), ()) == []


def test_date_change_counts_days_from_the_story_to_the_copy_page():
    changes = date_changes(features_of(wire()), features_of(republished(page_date="2023-09-09")))
    assert [(c.kind, c.original, c.copy) for c in changes] == [("date", "2023-09-05", "2023-09-09")]
    assert "4 day(s)" in changes[0].detail
    assert date_changes(features_of(wire()), features_of(republished())) == []


@pytest.mark.parametrize(("days_later", "stale"), [(STALE_DAYS - 1, False), (STALE_DAYS, True), (500, True)])
def test_stale_republication_threshold(days_later, stale):
    from datetime import date, timedelta

    page_date = (date(2023, 9, 5) + timedelta(days=days_later)).isoformat()
    flags = copy_flags("verbatim", features_of(wire()), features_of(republished(page_date=page_date)), [])
    assert ("stale-republication" in flags) is stale


def test_cut_quote_is_a_change_but_not_in_a_translation():
    cut = republished(paragraphs=[p for p in BODY if not p.startswith('"')])
    changes = quote_changes(features_of(wire()), features_of(cut))
    assert [(c.kind, c.copy) for c in changes] == [("quote", None)]
    assert changes[0].original.startswith("Our hills")
    spanish = dataclasses.replace(cut, language="es")
    assert quote_changes(features_of(wire()), features_of(spanish)) == []


def test_kept_attribution_is_not_stripped():
    kept = republished(dateline=Dateline("BRAGA, Portugal", "Reuters"), agency="Reuters", agency_source=True)
    relation = compare(wire(), kept)
    assert relation.kind == "verbatim"
    assert "stripped-attribution" not in relation.flags
    assert not [c for c in relation.changes if c.kind == "agency"]


def test_stripped_attribution_names_the_agency():
    relation = compare(wire(), republished())
    assert relation.kind == "verbatim" and relation.original == "a"
    assert "stripped-attribution" in relation.flags
    assert [(c.original, c.copy) for c in relation.changes if c.kind == "agency"] == [("Reuters", None)]


# --- the original's side -----------------------------------------------------------------------------------

def test_earlier_story_date_decides_the_original_without_other_evidence():
    first = Article(paragraphs=list(BODY), story_date="2023-09-05", page_date="2023-09-05", language="en")
    later = Article(paragraphs=list(BODY), page_date="2023-09-07", language="en")
    assert compare(first, later).original == "a"
    assert compare(later, first).original == "b"


def test_identical_undated_pages_have_no_original():
    page = Article(paragraphs=list(BODY), language="en")
    relation = compare(page, dataclasses.replace(page))
    assert relation.kind == "verbatim" and relation.original is None
    assert any("nothing tells" in reason for reason in relation.reasons)


def test_holding_more_text_points_to_the_original():
    full = Article(paragraphs=list(BODY), language="en")
    trimmed = Article(paragraphs=BODY[:3], language="en")
    relation = compare(trimmed, full)
    assert relation.is_copy and relation.original == "b"


# --- same event or not -------------------------------------------------------------------------------------

def _own_report(day: str) -> Article:
    return Article(paragraphs=[
        "Braga's bus company signed for 38 hydrogen buses from Vltava Motors on Tuesday, in a deal the mayor "
        "called the biggest change to transport in the city for decades.",
        "Petra Novakova, head of Vltava Motors, came from Prague for the signing at the town hall in Braga.",
        "Residents of Gualtar will see the first buses, and drivers begin training in January.",
    ], story_date=day, page_date=day, dateline=Dateline("BRAGA", None), language="en")


def test_an_own_report_of_the_same_day_is_the_same_event_with_no_original():
    relation = compare(wire(), _own_report("2023-09-05"))
    assert relation.kind == "same-event" and relation.original is None
    assert relation.flags == [] and relation.changes == []


def test_the_same_names_weeks_apart_are_another_event():
    relation = compare(wire(), _own_report("2023-10-20"))
    assert relation.kind == "unrelated"
    assert any("different event" in reason for reason in relation.reasons)


def test_nothing_in_common_is_unrelated():
    other = Article(paragraphs=["Councillors approved a protected cycle lane along Quay Street after a long debate.",
                                "The works start in May and will take eleven weeks."], language="en")
    relation = compare(wire(), other)
    assert relation.kind == "unrelated" and relation.original is None and relation.alignment.pairs == []


def test_empty_articles_compare_without_error():
    relation = compare(Article(), Article(paragraphs=list(BODY)))
    assert relation.kind == "unrelated"
    assert relation.alignment.coverage_a == 0.0


# --- argument order ----------------------------------------------------------------------------------------

def test_a_spun_copy_of_the_first_paragraphs_is_a_copy_both_ways(tk):
    original = tk.golden_article("braga-buses.wire.txt")
    spun = tk.golden_article("braga-buses.spun.txt")
    # Wire stories often close by restating the lead; the copy kept only the first three paragraphs.
    original = dataclasses.replace(original, paragraphs=original.paragraphs[:3] + original.paragraphs[5:7] + [
        "Braga's order of 38 hydrogen buses for 96 million euros is the largest such order in southern Europe so far.",
        "The first 12 of the buses are due in the spring of 2025, the transport company said."])
    spun = dataclasses.replace(spun, paragraphs=spun.paragraphs[:3])
    forward, backward = compare(original, spun), compare(spun, original)
    assert forward.kind == backward.kind
    assert forward.is_copy and forward.original == "a" and backward.original == "b"


def test_a_byline_in_other_capitals_is_not_a_change():
    assert byline_changes(("DANIEL OKAFOR", "Lindsey Marrow"), ("Daniel Okafor",)) == []
    assert byline_changes(("Claire DUVERNOY",), ("Claire Duvernoy",)) == []
