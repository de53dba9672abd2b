"""Relative dates resolved against the story date, and the stale / no-anchor checks (enrich/timerefs.py)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.enrich.timerefs import anchor_date, find_time_refs
from newstrace.model import Article, Dateline

SEED = "seeds/000_1195644db65fa4b1.txt"
STORY = "2023-05-18"  # a Thursday


def resolved(text: str, story_date: str | None = STORY, page_date: str | None = None) -> list[tuple[str, str]]:
    article = Article(paragraphs=text.split("\n\n"), story_date=story_date, page_date=page_date)
    refs, _checks = find_time_refs(article)
    return [(ref.text, ref.resolved) for ref in refs]


@pytest.mark.parametrize("text, expected", [
    ("Leaders met on Thursday.", [("on Thursday", "2023-05-18")]),
    ("Xi met Tokayev on Wednesday.", [("on Wednesday", "2023-05-17")]),
    ("A gathering on Friday, where Xi will deliver a speech.", [("on Friday", "2023-05-19")]),
    ("Xi will speak on Thursday.", [("on Thursday", "2023-05-18")]),
    ("He said on Monday that he will resign.", [("on Monday", "2023-05-15")]),
    ("The vote was held last Tuesday.", [("last Tuesday", "2023-05-16")]),
    ("The vote is next Tuesday.", [("next Tuesday", "2023-05-23")]),
    ("Police said Sunday the road was closed.", [("Sunday", "2023-05-14")]),
    ("Trade grew last year.", [("last year", "2022")]),
    ("Trade will grow next year and this year.", [("next year", "2024"), ("this year", "2023")]),
    ("Prices rose last month and will fall next month.", [("last month", "2023-04"), ("next month", "2023-06")]),
    ("It happened yesterday, not today or tomorrow.",
     [("yesterday", "2023-05-17"), ("today", "2023-05-18"), ("tomorrow", "2023-05-19")]),
    ("Talks began this week after a break last week.", [("this week", "2023-W20"), ("last week", "2023-W19")]),
    ("Protests took place last weekend.", [("last weekend", "2023-05-13")]),
    ("The firm was founded two years ago and sold three days ago.",
     [("two years ago", "2021"), ("three days ago", "2023-05-15")]),
    ("Sales fell last quarter.", [("last quarter", "2023-Q1")]),
    ("The law took effect in March and expires on June 30.", [("in March", "2023-03"), ("on June 30", "2023-06-30")]),
    ("Elections are due in June.", [("in June", "2023-06")]),
    ("The talks began on 12 May.", [("12 May", "2023-05-12")]),
])
def test_resolved_against_the_story_date(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize("text", [
    "Shops opened on Black Friday and Good Friday.",
    "The deal was signed on Thursday, May 18, 2023 and on 12 May 2022.",
    "He may go in 2023.",
])
def test_not_relative_dates(text):
    assert resolved(text) == []


def test_fresh_page_gives_resolved_refs_and_no_check():
    article = Article(paragraphs=["Trade grew last year."], story_date=STORY, page_date="2023-05-19")
    refs, checks = find_time_refs(article)
    assert [(r.resolved, r.status) for r in refs] == [("2022", "resolved")]
    assert checks == []


def test_stale_page_marks_refs_and_adds_one_check():
    article = Article(paragraphs=["Leaders met on Thursday.", "Trade grew last year."], story_date=STORY,
                      page_date="2024-11-23")
    refs, checks = find_time_refs(article)
    assert [(r.resolved, r.status) for r in refs] == [("2023-05-18", "stale"), ("2022", "stale")]
    assert [(c.kind, c.status) for c in checks] == [("relative-date", "inconsistent")]
    assert "555 days after the story (2023-05-18)" in checks[0].detail
    assert "'last year' = 2022" in checks[0].detail


def test_page_before_story_is_impossible():
    article = Article(paragraphs=["Leaders met on Thursday."], story_date=STORY, page_date="2023-01-01")
    _refs, checks = find_time_refs(article)
    assert [(c.kind, c.status) for c in checks] == [("relative-date", "inconsistent")]
    assert "before the story date" in checks[0].detail


def test_no_anchor_leaves_refs_unresolved_with_a_not_checkable_check():
    article = Article(paragraphs=["Trade grew last year."], page_date="2024-11-23")
    refs, checks = find_time_refs(article)
    assert [(r.resolved, r.status) for r in refs] == [(None, "unresolved")]
    assert [(c.kind, c.status) for c in checks] == [("relative-date", "not-checkable")]
    assert "'last year' = 2023" in checks[0].detail  # what a reader of the page would take it to mean


def test_no_refs_no_check():
    assert find_time_refs(Article(paragraphs=["Nothing dated here."], story_date=STORY,
                                  page_date="2025-01-01")) == ([], [])


@pytest.mark.parametrize("story, dateline, page, expected", [
    ("2023-05-18T09:30:00Z", None, None, "2023-05-18"),
    (None, "2023-09-19", None, "2023-09-19"),
    (None, "--09-19", "2024-11-23", "2024-09-19"),
    (None, "--12-30", "2024-11-23", "2023-12-30"),  # after the page date: the year before
    (None, "--09-19", None, None),
    (None, None, "2024-11-23", None),
])
def test_anchor(story, dateline, page, expected):
    article = Article(story_date=story, page_date=page, dateline=Dateline(date=dateline))
    anchor = anchor_date(article)
    assert (anchor.isoformat() if anchor else None) == expected


def test_seed_golden(shared_dir):
    """The seed has no story date: its refs stay unresolved; with the summit's date they are stale on its page."""
    from newstrace import parse
    article = parse((shared_dir / SEED).read_bytes())
    assert (article.story_date, article.page_date) == (None, "2024-11-23")
    refs, checks = find_time_refs(article)
    assert [(r.text, r.paragraph, r.resolved, r.status) for r in refs] == [
        ("on Thursday", 0, None, "unresolved"), ("on Friday", 1, None, "unresolved"),
        ("on Wednesday", 4, None, "unresolved"), ("last year", 11, None, "unresolved")]
    assert [(c.kind, c.status) for c in checks] == [("relative-date", "not-checkable")]

    dated = dataclasses.replace(article, story_date=STORY)
    refs, checks = find_time_refs(dated)
    assert [(r.text, r.resolved, r.status) for r in refs] == [
        ("on Thursday", "2023-05-18", "stale"), ("on Friday", "2023-05-19", "stale"),
        ("on Wednesday", "2023-05-17", "stale"), ("last year", "2022", "stale")]
    assert [(c.kind, c.status) for c in checks] == [("relative-date", "inconsistent")]


PIECES = [*"abc XYZ.,;:0123456789-\n", " on ", "Thursday", " last ", " next ", " year", " week", " weekend", " ago",
          " will ", "May", " in ", "February 30", " 31 ", "days", "yesterday", " two "]
TEXT = st.one_of(st.lists(st.sampled_from(PIECES), max_size=60).map("".join), st.text(max_size=150))
DATES = st.sampled_from([None, "", "2023-05-18", "0001-01-01", "9999-12-31", "2024-02-29", "garbage", "--02-29",
                         "--13-45"])


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, max_size=3), DATES, DATES, DATES)
def test_find_time_refs_never_raises(paragraphs, story, page, dateline):
    article = Article(paragraphs=paragraphs, story_date=story, page_date=page, dateline=Dateline(date=dateline))
    refs, checks = find_time_refs(article)
    assert all(ref.status in ("resolved", "unresolved", "stale") for ref in refs)
    assert len(checks) <= 1
