import pytest

from newstrace.parse.agencies import agency_table
from newstrace.parse.dateline import find_dateline

AGENCIES = agency_table()


@pytest.mark.parametrize(
    "paragraph, place, agency, month_day, rest",
    [
        ("XI’AN, China (Reuters) – Central Asian heads", "XI’AN, China", "Reuters", None, "Central Asian heads"),
        ("WASHINGTON (AP) — The Senate voted", "WASHINGTON", "AP", None, "The Senate voted"),
        ("PARIS, May 3 (AFP) - France said", "PARIS", "AFP", "--05-03", "France said"),
        ("(Bloomberg) -- Stocks fell", None, "Bloomberg", None, "Stocks fell"),
        ("Berlin (dpa) - Die Regierung", "Berlin", "dpa", None, "Die Regierung"),
        ("Madrid, 3 may (EFE).- El Gobierno", "Madrid", "EFE", "--05-03", "El Gobierno"),
        ("NEW DELHI, Nov 5 (PTI) Indian officials", "NEW DELHI", "PTI", "--11-05", "Indian officials"),
        ("KYIV, Ukraine, Nov 5 (Associated Press) — Drones", "KYIV, Ukraine", "AP", "--11-05", "Drones"),
        ("WASHINGTON — The Senate voted", "WASHINGTON", None, None, "The Senate voted"),
    ],
)
def test_datelines(paragraph, place, agency, month_day, rest):
    found = find_dateline(paragraph, AGENCIES)
    assert (found.place, found.agency, found.date, found.rest) == (place, agency, month_day, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Jane Smith (AP) said the vote was close.",
        "He told Reuters (Reuters) - nothing.",
        "Meanwhile — the talks went on.",
        "The council (which met on Monday) - agreed.",
    ],
)
def test_not_datelines(paragraph):
    assert find_dateline(paragraph, AGENCIES) is None
