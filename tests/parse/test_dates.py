"""Date normalisation: strings from meta tags, URLs and page text to ISO days."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.parse.dates import (
    date_from_url,
    find_dates,
    month_day_span,
    parse_month_day,
    to_iso_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 23, 2024", "2024-11-23"),
        ("Nov. 23rd 2024", "2024-11-23"),
        ("23 Nov 2024", "2024-11-23"),
        ("2024-11-23T10:00:00Z", "2024-11-23"),
        ("2024-11-23T23:30:00-05:00", "2024-11-23"),  # the day as written, not shifted to UTC
        ("2024/11/23", "2024-11-23"),
        ("Updated 3:15 PM EST, Mon May 18, 2023", "2023-05-18"),
        ("23. November 2024", "2024-11-23"),
        ("Veröffentlicht am 3. März 2021 um 10:00 Uhr", "2021-03-03"),
        ("3. Maerz 2021", "2021-03-03"),
        ("23.11.2024", "2024-11-23"),
        ("le 1er mai 2024", "2024-05-01"),
        ("23 février 2024", "2024-02-23"),
        ("23 de noviembre de 2024", "2024-11-23"),
        ("5 set 2020", None),  # "set" is no month abbreviation we read
        ("2024年11月23日", "2024-11-23"),
        ("Sat, 19 Oct 2019 00:04:00 +0200", "2019-10-19"),
    ],
)
def test_to_iso_date_reads_common_formats(text, expected):
    assert to_iso_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "May 2024", "PARIS, May 3 (AFP)", "31 February 2020", "2024-13-01", "version 1.2.3", "call 555-1234"],
)
def test_to_iso_date_gives_none_without_a_full_valid_date(text):
    assert to_iso_date(text) is None


def test_to_iso_date_accepts_none_and_non_strings():
    assert to_iso_date(None) is None
    assert to_iso_date(20240101) is None  # type: ignore[arg-type]


def test_numeric_dates_follow_day_first_except_when_impossible():
    assert to_iso_date("03/04/2024") == "2024-03-04"
    assert to_iso_date("03/04/2024", day_first=True) == "2024-04-03"
    assert to_iso_date("13/04/2024") == "2024-04-13"  # no 13th month
    assert to_iso_date("04/13/2024", day_first=True) == "2024-04-13"
    assert to_iso_date("03.04.2024") == "2024-04-03"  # dots are always day first


def test_two_digit_years_only_on_request():
    assert to_iso_date("Von Jane Doe | 31.10.23") is None
    assert to_iso_date("Von Jane Doe | 31.10.23", two_digit_year=True) == "2023-10-31"
    assert to_iso_date("26/10/13, 03:48 pm", day_first=True, two_digit_year=True) == "2013-10-26"


def test_find_dates_lists_every_date_with_its_span():
    text = "Posted 2020-01-05, updated 3 May 2021 and 4.6.2022."
    found = find_dates(text)
    assert [iso for iso, _span in found] == ["2020-01-05", "2021-05-03", "2022-06-04"]
    assert [text[start:end] for _iso, (start, end) in found] == ["2020-01-05", "3 May 2021", "4.6.2022"]


def test_find_dates_skips_a_non_month_word_and_keeps_looking():
    assert find_dates("Article 5, 2020 and Jan 3 2021") == [("2021-01-03", (20, 30))]


def test_parse_month_day_reads_datelines_without_year():
    assert parse_month_day("PARIS, May 3 (AFP) -") == (5, 3)
    assert parse_month_day("BERLIN, 3. Mai (dpa)") == (5, 3)
    assert parse_month_day("MADRID, 3 de mayo (EFE)") == (5, 3)
    assert parse_month_day("Feb. 29") == (2, 29)
    assert parse_month_day("BERLIN (dpa)") is None
    assert parse_month_day("May 2024") is None
    assert parse_month_day(None) is None


def test_month_day_span_points_at_the_date():
    text = "Jane Doe, May 3 at 10:00"
    start, end = month_day_span(text)
    assert text[start:end] == "May 3"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2019/08/02/some-story/", "2019-08-02"),
        ("https://example.com/2017/7/12/story", "2017-07-12"),
        ("https://example.com/news/20190802-story", "2019-08-02"),
        ("https://example.com/a/story-2019-08-02.html", "2019-08-02"),
        ("https://example.com/newsroom/23-01-2022-story", "2022-01-23"),
        ("https://example.com/2019/08/story", None),
        ("https://example.com/id/1234201908021234", None),
        ("https://2019.example.com/", None),
        (None, None),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


def test_dateparser_fallback_only_when_asked():
    pytest.importorskip("dateparser")
    assert to_iso_date("Tuesday, 5th of May 2020") is None
    assert to_iso_date("Tuesday, 5th of May 2020", slow_fallback=True) == "2020-05-05"
    assert to_iso_date("yesterday", slow_fallback=True) is None  # would depend on today


# ---------------------------------------------------------------- properties

_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d.%m.%Y", "%b %d %Y", "%A, %d %b %Y", "%Y-%m-%dT%H:%M:%SZ")


@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), fmt=st.sampled_from(_FORMATS))
def test_formatted_dates_round_trip(day, fmt):
    assert to_iso_date(f"Published {day.strftime(fmt)} by staff") == day.isoformat()


@settings(max_examples=300)
@given(text=st.text(max_size=200))
def test_to_iso_date_never_raises_and_returns_a_valid_day(text):
    for options in ({}, {"day_first": True, "two_digit_year": True}):
        iso = to_iso_date(text, **options)
        assert iso is None or date.fromisoformat(iso).isoformat() == iso


@given(text=st.text(alphabet=st.sampled_from("0123456789 ./-:,MayJunMärzdeT"), max_size=80))
def test_find_dates_spans_read_back_to_the_same_day(text):
    for iso, (start, end) in find_dates(text):
        assert to_iso_date(text[start:end]) == iso


@given(text=st.text(max_size=100))
def test_parse_month_day_never_raises(text):
    result = parse_month_day(text)
    assert result is None or (1 <= result[0] <= 12 and 1 <= result[1] <= 31)
