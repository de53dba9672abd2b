"""Numeric claims and the parts-vs-total check (enrich/claims.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.enrich.claims import find_claims, parts_checks
from newstrace.model import Claim, Entity, Mention

SEED = "seeds/000_1195644db65fa4b1.txt"
PLACES = ["Kazakhstan", "Kyrgyzstan", "Turkmenistan", "Uzbekistan", "Tajikistan", "China", "Central Asia", "Germany",
          "France", "Italy"]


def entities_for(paragraphs: list[str], names=PLACES) -> list[Entity]:
    out = []
    for name in names:
        mentions = [Mention(index, m.start(), m.end(), name) for index, paragraph in enumerate(paragraphs)
                    for m in re.finditer(rf"\b{re.escape(name)}\b", paragraph)]
        if mentions:
            out.append(Entity(name=name, type="place", mentions=mentions))
    return out


def claims_of(text: str) -> list[Claim]:
    paragraphs = text.split("\n\n")
    return find_claims(paragraphs, entities_for(paragraphs))


def figures(text: str) -> list[tuple[str, str, float, str | None]]:
    return [(c.text, c.kind, c.value, c.unit) for c in claims_of(text)]


@pytest.mark.parametrize("text, expected", [
    ("Trade hit $70 billion.", [("$70 billion", "money", 7e10, "USD")]),
    ("It was 15.5 billion dollars.", [("15.5 billion dollars", "money", 15.5e9, "USD")]),
    ("The deal is worth 2.4 billion euros ($2.6 billion).",
     [("2.4 billion euros", "money", 2.4e9, "EUR"), ("$2.6 billion", "money", 2.6e9, "USD")]),
    ("Copper traded at $13,900 per tonne.", [("$13,900 per tonne", "money", 13900.0, "USD")]),
    ("Fines of US$2.5m and £300,000 and €3bn.",
     [("US$2.5m", "money", 2.5e6, "USD"), ("£300,000", "money", 3e5, "GBP"), ("€3bn", "money", 3e9, "EUR")]),
    ("It paid 500 million yuan, 2 trillion won and 40 billion yen.",
     [("500 million yuan", "money", 5e8, "CNY"), ("2 trillion won", "money", 2e12, "KRW"),
      ("40 billion yen", "money", 4e10, "JPY")]),
    ("Costs of Rs 500 crore and 3 million Swiss francs and 20 million Hong Kong dollars.",
     [("Rs 500 crore", "money", 5e9, "INR"), ("3 million Swiss francs", "money", 3e6, "CHF"),
      ("20 million Hong Kong dollars", "money", 2e7, "HKD")]),
    ("Petrol rose by 2p a litre to 145.3p; milk costs 95p.",
     [("2p a litre", "money", 0.02, "GBP"), ("145.3p", "money", 1.453, "GBP"), ("95p", "money", 0.95, "GBP")]),
    ("Fees were 4 billion Danish kroner and USD 5 million.",
     [("4 billion Danish kroner", "money", 4e9, "DKK"), ("USD 5 million", "money", 5e6, "USD")]),
    ("Turnout was 61%, up 7.5 percent, 2 per cent and five percent.",
     [("61%", "percent", 61.0, "%"), ("7.5 percent", "percent", 7.5, "%"), ("2 per cent", "percent", 2.0, "%"),
      ("five percent", "percent", 5.0, "%")]),
    ("Rates rose 0.25 percentage points, or 25 basis points.",
     [("0.25 percentage points", "percent", 0.25, "pp"), ("25 basis points", "percent", 0.25, "pp")]),
    ("It rose a quarter of a percentage point, then half a percentage point.",
     [("a quarter of a percentage point", "percent", 0.25, "pp"), ("half a percentage point", "percent", 0.5, "pp")]),
    ("A fine of Three point four million euros and R42 million, Rp 1.5 trillion, 48,000 cedis, 9 cents.",
     [("Three point four million euros", "money", 3.4e6, "EUR"), ("R42 million", "money", 4.2e7, "ZAR"),
      ("Rp 1.5 trillion", "money", 1.5e12, "IDR"), ("48,000 cedis", "money", 48000.0, "GHS"),
      ("9 cents", "money", 0.09, "USD")]),
    ("Floods killed 41 people and cost 1,200 new jobs; three ships sank.",
     [("41 people", "count", 41.0, "people"), ("1,200 new jobs", "count", 1200.0, "jobs"),
      ("three ships", "count", 3.0, "ships")]),
    ("About 1.2 million Syrian refugees and twenty-five children.",
     [("About 1.2 million Syrian refugees", "count", 1.2e6, "refugees"), ("twenty-five children", "count", 25.0,
                                                                     "children")]),
])
def test_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", [
    "In 2023 the summit met on May 18 at 10:30 a.m. for three days.",
    "A 45-year-old man, aged 45, spoke for our two countries.",
    "The Group of Seven leaders met. COVID-19 and G7 talks. Article 5 members.",
    "The team 3 won the cup.",
])
def test_not_claims(text):
    assert figures(text) == []


def test_pounds_of_something_are_a_weight_not_money():
    assert figures("He carried 200 pounds of rice over 5 km to 2,300 hectares.") == []


@pytest.mark.parametrize("text, expected", [
    ("In Manila, damage reached 4.2 billion pesos.", "PHP"),
    ("Buenos Aires shops charged 40,000 pesos.", "ARS"),
    ("The Tashkent club paid 500 million som.", "UZS"),
    ("Oslo-based Nordvik earned 3.4 billion crowns.", "NOK"),
    ("Nairobi will release 25 million shillings.", "KES"),
    ("The fine was 3 million Norwegian crowns in Stockholm.", "NOK"),
])
def test_shared_currency_words_take_the_article_country(text, expected):
    assert [c.unit for c in claims_of(text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The agency said 14 people had died across three counties: eight in Kisumu, four in Kericho and two in Homa "
     "Bay.", [("14 people", 14.0), ("three counties", 3.0), ("eight", 8.0), ("four", 4.0), ("two", 2.0)]),
    ("The bill passed by 84 votes to 64. Councillors voted 31 to 4.",
     [("84 votes", 84.0), ("64", 64.0), ("31", 31.0), ("4", 4.0)]),
    ("Eleven of the 29 individuals were children, and eight were buried with gold.",
     [("Eleven", 11.0), ("29 individuals", 29.0), ("eight", 8.0)]),
    ("It passed 5 to 2 with 120 parking spaces, three planned 24-hour strikes and 11 tractor-trailers.",
     [("120 parking spaces", 120.0), ("three planned 24-hour strikes", 3.0), ("11 tractor-trailers", 11.0)]),
    ("One in five reefs and one car in four leaves; he won 3 times in 2-1 games.", []),
])
def test_counts_with_implied_nouns(text, expected):
    assert [(c.text, c.value) for c in claims_of(text) if c.kind == "count"] == expected


def test_subject_and_period_in_the_seed_sentence():
    text = ("Bilateral trade between China and Central Asia hit a record $70 billion last year, with Kazakhstan "
            "leading at $31 billion. It is followed by Kyrgyzstan with 15.5 billion dollars, Turkmenistan with "
            "11.2 billion dollars, Uzbekistan with 9.8 billion dollars, and Tajikistan with 2 billion dollars.")
    found = [(c.subject, c.period) for c in claims_of(text)]
    assert found == [("bilateral trade", "last year"), ("Kazakhstan", "last year"), ("Kyrgyzstan", "last year"),
                     ("Turkmenistan", "last year"), ("Uzbekistan", "last year"), ("Tajikistan", "last year")]


@pytest.mark.parametrize("text, subject, period", [
    ("Sales rose 7.5 percent in the first quarter.", "sales", "first quarter"),
    ("Exports to Germany reached $3 billion in 2023.", "exports", "2023"),
    ("Germany’s imports fell to €4 billion in the January-March period.", "Germany’s imports",
     "the January-March period"),
    ("The fund earmarked $2 billion for France last month.", "France", "last month"),
    ("Investment stood at $8 billion a year earlier.", "investment", "a year earlier"),
])
def test_subject_and_period(text, subject, period):
    claim = claims_of(text)[0]
    assert (claim.subject, claim.period) == (subject, period)


def test_a_bracketed_conversion_shares_subject_and_period():
    claims = claims_of("France pledged 2.4 billion euros ($2.6 billion) last year.")
    assert [(c.unit, c.subject, c.period) for c in claims] == [("EUR", "France", "last year"),
                                                               ("USD", "France", "last year")]


SEED_TEXT = ("Bilateral trade between China and Central Asia hit a record $70 billion last year, with Kazakhstan "
             "leading at $31 billion. It is followed by Kyrgyzstan with 15.5 billion dollars, Turkmenistan with "
             "{tm} billion dollars, Uzbekistan with 9.8 billion dollars, and Tajikistan with 2 billion dollars.")


def test_parts_consistent_within_rounding():
    checks = parts_checks(claims_of(SEED_TEXT.format(tm="11.2")))
    assert [(c.kind, c.status) for c in checks] == [("parts-vs-total", "consistent")]
    assert "parts sum to 69.5 billion USD, total 70 billion USD" in checks[0].detail
    assert "Kazakhstan, Kyrgyzstan, Turkmenistan, Uzbekistan, Tajikistan" in checks[0].detail


def test_parts_short_of_the_total_are_inconsistent():
    checks = parts_checks(claims_of(SEED_TEXT.format(tm="1.2")))
    assert [(c.status) for c in checks] == ["inconsistent"]
    assert "parts sum to 59.5 billion USD, total 70 billion USD: 10.5 billion short" in checks[0].detail


def test_parts_over_the_total_are_inconsistent():
    checks = parts_checks(claims_of(SEED_TEXT.format(tm="21.2")))
    assert [(c.status) for c in checks] == ["inconsistent"]
    assert "9.5 billion over" in checks[0].detail


def test_two_parts_short_of_the_total_may_be_a_selection():
    checks = parts_checks(claims_of("Total revenue reached $10 billion, with Germany at $4 billion and France at "
                                    "$3 billion."))
    assert [(c.status) for c in checks] == ["not-checkable"]


def test_parts_in_another_currency_are_not_checkable():
    checks = parts_checks(claims_of("Combined aid hit $10 billion, with Germany at 4 billion euros, France at "
                                    "$3 billion and Italy at $3 billion."))
    assert [(c.status) for c in checks] == ["not-checkable"]


def test_a_conversion_in_brackets_does_not_break_the_parts():
    checks = parts_checks(claims_of("Combined aid hit $10 billion, with Germany at 3.7 billion euros ($4 billion), "
                                    "France at $3 billion and Italy at $3 billion."))
    assert [(c.status) for c in checks] == ["consistent"]


@pytest.mark.parametrize("text", [
    "Exports hit $70 billion last year.",  # a total alone
    "Germany earned $90 billion. France earned $60 billion and Italy $50 billion.",  # peers, no total
    "Inflation was 5%, with food at 9% and energy at 12%.",  # percentages are not summed
])
def test_no_parts_structure_gives_no_check(text):
    assert parts_checks(claims_of(text)) == []


def test_seed_golden(shared_dir):
    from newstrace import parse
    article = parse((shared_dir / SEED).read_bytes())
    claims = find_claims(article.paragraphs, entities_for(article.paragraphs))
    money = [(c.value / 1e9, c.unit, c.subject, c.period) for c in claims if c.kind == "money"]
    assert money == [(70.0, "USD", "bilateral trade", "last year"), (31.0, "USD", "Kazakhstan", "last year"),
                     (15.5, "USD", "Kyrgyzstan", "last year"), (11.2, "USD", "Turkmenistan", "last year"),
                     (9.8, "USD", "Uzbekistan", "last year"), (2.0, "USD", "Tajikistan", "last year")]
    # "the six leaders", "The two sides" count (as in every labelled set); "our two countries" and "Group of
    # Seven" do not
    assert [(c.kind, c.value, c.unit) for c in claims if c.kind != "money"] == [("count", 6.0, "leaders"),
                                                                               ("count", 2.0, "sides")]
    checks = parts_checks(claims)
    assert [(c.kind, c.status) for c in checks] == [("parts-vs-total", "consistent")]


PIECES = [*"abc XYZ.,;:%$€£¥()-—0123456789\n", " billion", " million", " dollars", " percent", " per cent",
          " people", " with ", " at ", " last year", " hit ", "US$", " euros", " won", "twenty-", "seven", " a "]
TEXT = st.one_of(st.lists(st.sampled_from(PIECES), max_size=80).map("".join), st.text(max_size=200))


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, max_size=4))
def test_find_claims_and_checks_never_raise(paragraphs):
    entities = [Entity("Xab", "place", [], [Mention(0, 0, 3, "Xab"), Mention(7, 1, 2, "?")])]
    claims = find_claims(paragraphs, entities)
    for claim in claims:
        assert claim.kind in ("money", "percent", "count") and (claim.value >= 0 or claim.kind == "percent")
    for check in parts_checks(claims) + parts_checks(claims, paragraphs):
        assert check.status in ("consistent", "inconsistent", "not-checkable")
