"""Property: store -> JSONL export -> ingest into another store gives back every article field."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.model import REMOVAL_REASONS, Article, Dateline, Page, Removed
from newstrace.store import Corpus, connect, transaction
from newstrace.store.read import iter_articles
from newstrace.store.write import insert_article

# Any text a page may hold except lone surrogates, which UTF-8 files cannot carry.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
OPTIONAL_TEXT = st.none() | TEXT
WORDISH = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Z")), min_size=1, max_size=12)

# The store keeps the body as paragraphs joined by blank lines ("\n\n"), so a paragraph
# may not hold a blank line nor start or end with a line break (it would merge with the
# separator); paragraphs the parser makes are stripped, so this loses nothing real.
PARAGRAPH = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda text: "\n\n" not in text and not text.startswith(("\n", "\r")) and not text.endswith("\n"))

DAY = st.none() | st.dates().map(lambda day: day.isoformat())
URL = st.none() | st.builds(lambda path: f"https://news.example/{path}", st.text("abcxyz0123/-_", max_size=20))


@st.composite
def articles(draw) -> Article:
    return Article(
        title=draw(OPTIONAL_TEXT),
        paragraphs=draw(st.lists(PARAGRAPH, min_size=1, max_size=5)),
        site_name=draw(OPTIONAL_TEXT),
        url=draw(URL),
        page_date=draw(DAY),
        story_date=draw(DAY),
        dateline=Dateline(place=draw(OPTIONAL_TEXT), agency=draw(OPTIONAL_TEXT),
                          date=draw(DAY | st.sampled_from(["--05-03", "--12-31"]))),
        agency=draw(st.none() | st.sampled_from(["Reuters", "AP", "AFP", "Bloomberg"]) | WORDISH),
        agency_source=draw(st.booleans()),
        credits=draw(st.dictionaries(st.sampled_from(["author", "editor", "reporting", "photo"]) | WORDISH,
                                     st.lists(TEXT, max_size=3), max_size=3)),
        removed=[Removed(text=text, reason=reason) for text, reason in draw(
            st.lists(st.tuples(TEXT, st.sampled_from(REMOVAL_REASONS)), max_size=4))],
        language=draw(st.none() | st.sampled_from(["en", "fr", "de", "es", "pl", "zh"])),
        warnings=draw(st.lists(TEXT, max_size=3)),
    )


def _comparable(item: Article) -> dict:
    # `source` and `record` say where a stored copy was read from (the page file, the
    # export file and its line), so they name the copy, not the article: left out.
    shown = item.to_dict()
    del shown["source"], shown["record"]
    return shown


def _store(path: Path, items: list[Article]) -> None:
    conn = connect(path)
    with transaction(conn):
        for number, item in enumerate(items):
            insert_article(conn, Page(source="generated", data=f"generated page {number}", record=str(number)), item)
    conn.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), min_size=1, max_size=6))
def test_export_then_ingest_gives_back_every_field(items: list[Article]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        _store(folder / "a.db", items)
        with Corpus.open(folder / "a.db", readonly=True) as first:
            with open(folder / "export.jsonl", "w", encoding="utf-8") as out:
                assert first.export("jsonl", out) == len(items)
            stored = [item for _, item in iter_articles(first.conn)]
        with Corpus.open(folder / "b.db") as second:
            counts = second.ingest([folder / "export.jsonl"], workers=1)
            copied = [item for _, item in iter_articles(second.conn)]
    assert (counts.articles, counts.errors) == (len(items), 0), counts.failures
    assert [_comparable(item) for item in stored] == [_comparable(item) for item in items]
    assert [_comparable(item) for item in copied] == [_comparable(item) for item in items]
