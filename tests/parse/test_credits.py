import pytest

from newstrace.parse.agencies import agency_table
from newstrace.parse.credits import parse_byline, parse_contributor_line, parse_credit_line, split_trailing_credits

AGENCIES = agency_table()


@pytest.mark.parametrize(
    "line, expected",
    [
        ("(Reporting by Andrew Haley) Writing by Ryan Wu. Editing by Raju Gopalakrishnan",
         {"reporting": ["Andrew Haley"], "writing": ["Ryan Wu"], "editing": ["Raju Gopalakrishnan"]}),
        ("(Reporting by Ana Silva in Lisbon and Tom Berg in Oslo; Additional reporting by Li Wei; Editing by Mark Doe)",
         {"reporting": ["Ana Silva", "Tom Berg"], "additional_reporting": ["Li Wei"], "editing": ["Mark Doe"]}),
        ("Compiled by Jo Park; Edited by Sam O'Neil",
         {"compiled": ["Jo Park"], "editing": ["Sam O'Neil"]}),
        ("--With assistance from Hana Kim and Paul Verne.", {"assistance": ["Hana Kim", "Paul Verne"]}),
    ],
)
def test_credit_lines(line, expected):
    assert parse_credit_line(line).roles == expected


@pytest.mark.parametrize(
    "line",
    [
        "The report was edited by the ministry before it was released to reporters on Monday.",
        "Reporting by the committee found that 40 percent of the funds were unspent.",
        "",
    ],
)
def test_prose_is_not_a_credit_line(line):
    assert parse_credit_line(line) is None


def test_byline_with_agency_suffix():
    credits = parse_byline("By Jane Doe and John Roe, Reuters", AGENCIES)
    assert credits.roles == {"author": ["Jane Doe", "John Roe"]}
    assert credits.agency == "Reuters"
    assert credits.kind == "byline"


def test_staff_byline_and_agency_only_byline():
    assert parse_byline("Maria Lopez | Staff writer", AGENCIES).roles == {"author": ["Maria Lopez"]}
    agency_only = parse_byline("By REUTERS", AGENCIES)
    assert agency_only.agency == "Reuters" and agency_only.roles == {}


def test_byline_rejects_sentences():
    assert parse_byline("By the end of the week the river had risen two metres.", AGENCIES) is None


def test_ap_and_bloomberg_contributor_lines():
    ap = parse_contributor_line("Associated Press writers Ruth Alder in Kyiv and Omar Said contributed to this report.")
    assert ap.roles == {"contributing": ["Ruth Alder", "Omar Said"]} and ap.agency == "AP"
    contact = parse_contributor_line("To contact the reporter on this story: Lena Wolf in Berlin at lwolf@example.net")
    assert contact.roles == {"reporting": ["Lena Wolf"]} and contact.agency == "Bloomberg"


def test_trailing_credits_split_from_last_paragraph():
    body, tail = split_trailing_credits("Talks resume on Monday. (Reporting by Ana Silva; Editing by Mark Doe)")
    assert body == "Talks resume on Monday."
    assert tail == "(Reporting by Ana Silva; Editing by Mark Doe)"
    assert split_trailing_credits("No credits here (really).") == ("No credits here (really).", None)
