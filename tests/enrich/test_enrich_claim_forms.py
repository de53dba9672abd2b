"""Money and percentage forms added for the held-out misses (issue #5): currency prefixes and codes, hyphenated
amounts, fractions of a scale word, ranges, approximation words; and numbers that must stay no claim."""

from __future__ import annotations

import pytest

from enrich_kit import figures
from newstrace.enrich.claims import find_claims, parts_checks


@pytest.mark.parametrize("text, expected", [
    ("Nairobi set a Sh4.2 trillion budget.", [("Sh4.2 trillion", "money", 4.2e12, "KES")]),
    ("In Kampala the levy is Shs 500 million.", [("Shs 500 million", "money", 5e8, "UGX")]),
    ("It paid KSh 500 million, Ksh2.3bn and TSh 40 billion.",
     [("KSh 500 million", "money", 5e8, "KES"), ("Ksh2.3bn", "money", 2.3e9, "KES"),
      ("TSh 40 billion", "money", 4e10, "TZS")]),
    ("Lagos spent N5 billion, ₦12.5 billion and N250,000.",
     [("N5 billion", "money", 5e9, "NGN"), ("₦12.5 billion", "money", 1.25e10, "NGN"),
      ("N250,000", "money", 2.5e5, "NGN")]),
    ("Fees of ₹3,000, Rs 450 crore, R1,250 and Tk 20 crore.",
     [("₹3,000", "money", 3000.0, "INR"), ("Rs 450 crore", "money", 4.5e9, "INR"), ("R1,250", "money", 1250.0, "ZAR"),
      ("Tk 20 crore", "money", 2e8, "BDT")]),
    ("They raised AED 600 million, 600 million AED and 45 million USD.",
     [("AED 600 million", "money", 6e8, "AED"), ("600 million AED", "money", 6e8, "AED"),
      ("45 million USD", "money", 4.5e7, "USD")]),
    ("A 300 million shillings grant in Nairobi.", [("300 million shillings", "money", 3e8, "KES")]),
])
def test_currency_prefixes_codes_and_words(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("a 1.2-billion-dollar loan", [("1.2-billion-dollar", "money", 1.2e9, "USD")]),
    ("a $5-million grant", [("$5-million", "money", 5e6, "USD")]),
    ("a 500-million-euro bond and a five-billion-dollar plan",
     [("500-million-euro", "money", 5e8, "EUR"), ("five-billion-dollar", "money", 5e9, "USD")]),
])
def test_hyphenated_adjectival_amounts(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Half a million people attended.", [("Half a million people", "count", 5e5, "people")]),
    ("It cost a quarter of a billion dollars.", [("a quarter of a billion dollars", "money", 2.5e8, "USD")]),
    ("Three quarters of a million residents left.",
     [("Three quarters of a million residents", "count", 7.5e5, "residents")]),
    ("One and a half million people and two and a half billion euros.",
     [("One and a half million people", "count", 1.5e6, "people"),
      ("two and a half billion euros", "money", 2.5e9, "EUR")]),
])
def test_fractions_of_a_scale_word(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", [
    "A third of voters stayed at home and half the budget went on debt.",
    "Rates rose, but only for half the year.",
])
def test_fractions_alone_are_shares_not_amounts(text):
    assert figures(text) == []


@pytest.mark.parametrize("text, expected", [
    ("It will cost $3-4 billion.", [("$3", "money", 3e9, "USD"), ("4 billion", "money", 4e9, "USD")]),
    ("Between 20 and 25 per cent of homes.", [("20", "percent", 20.0, "%"), ("25 per cent", "percent", 25.0, "%")]),
    ("Rates went from 3% to 5%.", [("3%", "percent", 3.0, "%"), ("5%", "percent", 5.0, "%")]),
    ("Between 300 and 400 municipalities voted.",
     [("300", "count", 300.0, "municipalities"), ("400 municipalities", "count", 400.0, "municipalities")]),
    ("Between 3 and 4 million people fled.",
     [("3", "count", 3e6, "people"), ("4 million people", "count", 4e6, "people")]),
])
def test_ranges_give_both_ends(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", [
    "Two or three people waited.",  # vague: only the second figure is stated with its noun
    "The final was 3-1 and the vote from 2019 to 2023 students.",
])
def test_no_count_range_head_without_to_or_between(text):
    assert all(c[0] not in ("Two", "2019", "3") for c in figures(text))


@pytest.mark.parametrize("text, expected", [
    ("It reached nearly $5 billion.", "nearly $5 billion"),
    ("Turnout was about 40%.", "about 40%"),
    ("Some 1,800 protesters gathered.", "Some 1,800 protesters"),
    ("It hired more than 300 workers.", "more than 300 workers"),
    ("Prices may rise up to 5 per cent.", "up to 5 per cent"),
    ("It raised an estimated 1.2 million euros.", "an estimated 1.2 million euros"),
    ("It hit a record $70 billion.", "$70 billion"),  # "a record" is no approximation
])
def test_approximation_words_are_kept_in_the_text(text, expected):
    assert [c.text for c in find_claims([text], [])] == [expected]


@pytest.mark.parametrize("text", [
    "Hatice Korkmaz, 38, said the road was shut. Tokayev (70) spoke.",
    "Call 0722 123456 for help; a 24-year-old man was held in 2023 on May 18.",
    "Covid-19 cases rose before the G7 met; 12 iPhone 15 units; a Boeing 737 landed.",
    "The R5 road and N95 masks; the team won 3-1.",
])
def test_numbers_that_are_no_claims(text):
    assert [c.text for c in find_claims([text], [])] == []


def test_a_figure_qualifying_a_noun_is_about_that_noun_and_can_be_a_total():
    text = ("Kenya's Treasury presented a Sh4.2 trillion budget, with Sh1.3 trillion for interest payments, "
            "Sh1.6 trillion for ministries and Sh1.3 trillion for counties.")
    claims = find_claims([text], [])
    assert [c.subject for c in claims] == ["budget", "interest payments", "ministries", "counties"]
    assert [c.status for c in parts_checks(claims)] == ["consistent"]


def test_listed_things_under_another_noun_going_over_the_total_are_inconsistent():
    paragraphs = ["A group of 62 former employees won a claim.",
                  "The claimants include 40 former drivers, 15 mechanics and 9 office staff."]
    assert [c.status for c in parts_checks(find_claims(paragraphs, []))] == ["inconsistent"]


def test_listed_things_under_another_noun_short_of_the_total_may_be_a_selection():
    paragraphs = ["A group of 62 former employees won a claim.",
                  "The claimants include 20 former drivers, 15 mechanics and 9 office staff."]
    assert parts_checks(find_claims(paragraphs, [])) == []


def test_of_the_possessive_total_gives_an_implied_count():
    found = [(c.text, c.unit) for c in find_claims(["Counting ended in 38 of the country's 46 departments."], [])]
    assert found == [("38", "departments"), ("46 departments", "departments")]
