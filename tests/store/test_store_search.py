"""Reading the store: full-text search (BM25, snippets, filters, bad queries), where-conditions, stats."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newstrace.store import Corpus, StoreError
from newstrace.store.read import Filters, iter_articles, like_search, parse_where, search

FILLER_TOPICS = ("harbour dredging", "library hours", "tram timetable", "school meals", "bridge paint")


@pytest.fixture
def corpus(tmp_path: Path, kit):
    """Three articles about a zebra crossing (title match, body matches) and filler, with known metadata."""
    articles = [
        kit.article("Zebra crossing opens on Quay Street",
                    ["The council opened the new crossing on Thursday after years of requests from parents."],
                    site_name="Harbourside Daily", language="en", story_date="2023-03-09",
                    url="https://daily.example/zebra"),
        kit.article("Council sets next year's budget",
                    ["Councillors also approved repainting the zebra markings near the station next spring."],
                    site_name="The Meridian Post", agency="Reuters", agency_source=True, language="en",
                    page_date="2023-05-02", dateline=("PORT ELLERY", "Reuters", None)),
        kit.article("Un passage piéton inauguré",
                    ["Le conseil a inauguré un passage zebra devant l'école primaire du quartier."],
                    site_name="L'Écho du Quai", agency="AFP", agency_source=True, language="fr",
                    story_date="2024-01-10"),
        *[kit.article(f"News about {topic}", [f"A plain report on {topic} with nothing else in it."],
                      site_name="Filler Gazette", language="en", story_date=f"2022-0{n + 1}-01")
          for n, topic in enumerate(FILLER_TOPICS)],
    ]
    kit.store_articles(tmp_path / "store.db", articles)
    with Corpus.open(tmp_path / "store.db") as opened:
        yield opened


def _titles(hits) -> list[str]:
    return [hit.title for hit in hits]


def test_title_match_outranks_body_only_match(corpus: Corpus) -> None:
    hits = corpus.search("zebra")
    assert len(hits) == 3
    assert hits[0].title == "Zebra crossing opens on Quay Street"
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert hits[0].score > hits[1].score


def test_snippet_marks_the_match_in_the_body(corpus: Corpus) -> None:
    [hit] = corpus.search("repainting")
    shown = hit.to_dict()
    assert "[repainting]" in shown["snippet"]
    assert "\x02" not in shown["snippet"] and "\x03" not in shown["snippet"]


def test_hit_dict_has_the_documented_keys(corpus: Corpus) -> None:
    hit = corpus.search("zebra")[0].to_dict()
    assert set(hit) == {"id", "title", "site_name", "url", "source", "date", "snippet", "score"}
    assert (hit["id"], hit["site_name"], hit["url"], hit["date"]) == (
        1, "Harbourside Daily", "https://daily.example/zebra", "2023-03-09")
    assert hit["source"] == "made-by-hand"


def test_date_falls_back_to_page_date(corpus: Corpus) -> None:
    assert corpus.search("budget")[0].date == "2023-05-02"


@pytest.mark.parametrize("filters, expected", [
    ({"site": "The Meridian Post"}, ["Council sets next year's budget"]),
    ({"site": "the meridian post"}, ["Council sets next year's budget"]),
    ({"agency": "AFP"}, ["Un passage piéton inauguré"]),
    ({"language": "fr"}, ["Un passage piéton inauguré"]),
    ({"since": "2023-05-01"}, ["Council sets next year's budget", "Un passage piéton inauguré"]),
    ({"until": "2023-05-02"}, ["Zebra crossing opens on Quay Street", "Council sets next year's budget"]),
    ({"since": "2023-03-09", "until": "2023-03-09"}, ["Zebra crossing opens on Quay Street"]),
    ({"language": "en", "agency": "Reuters"}, ["Council sets next year's budget"]),
    ({"site": "Nobody's Paper"}, []),
])
def test_each_filter_narrows_the_results(corpus: Corpus, filters: dict, expected: list[str]) -> None:
    assert sorted(_titles(corpus.search("zebra", **filters))) == sorted(expected)


def test_where_conditions_filter_search(corpus: Corpus) -> None:
    assert _titles(corpus.search("zebra", where=["title~piéton"])) == ["Un passage piéton inauguré"]
    assert len(corpus.search("zebra", where=["id>=2", "language=en"])) == 1


def test_limit_caps_the_hits(corpus: Corpus) -> None:
    assert len(corpus.search("zebra", limit=2)) == 2


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "NEAR(", "*", "zebra OR", "(", "NOT"])
def test_malformed_queries_raise_store_error(corpus: Corpus, query: str) -> None:
    with pytest.raises(StoreError, match="invalid search query"):
        corpus.search(query)


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_is_refused(corpus: Corpus, query: str) -> None:
    with pytest.raises(StoreError, match="empty"):
        corpus.search(query)


def _table_counts(corpus: Corpus) -> tuple:
    return tuple(corpus.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("pages", "articles", "removed", "errors"))


@pytest.mark.parametrize("query", ["zebra'; DROP TABLE articles; --", "zebra\" OR 1=1 --",
                                   "x') UNION SELECT * FROM pages --"])
def test_sql_in_the_query_is_only_ever_a_query(corpus: Corpus, query: str) -> None:
    before = _table_counts(corpus)
    with pytest.raises(StoreError):
        corpus.search(query)
    assert _table_counts(corpus) == before


@pytest.mark.parametrize("filters", [
    {"site": "x' OR '1'='1"},
    {"agency": "AFP' OR 1=1 --"},
    {"language": "en'); DROP TABLE articles; --"},
    {"until": "0' OR 1=1 --"},
    {"where": ["title=x' OR '1'='1"]},
    {"where": ["site_name=1; DROP TABLE articles"]},
])
def test_sql_in_filter_values_matches_nothing(corpus: Corpus, filters: dict) -> None:
    before = _table_counts(corpus)
    assert corpus.search("zebra", **filters) == []
    assert _table_counts(corpus) == before


# make_filters() accepts where-conditions already split into (column, operator, value)
# triples; those must be checked like parsed strings, since column and operator are
# written into the SQL text (only the value is a parameter).
@pytest.mark.parametrize("triple", [
    ("id", "IS NOT NULL OR a.id =", "0"),
    ("1=1 OR a.id", "=", "1"),
    ("body", "=", "x"),
])
@pytest.mark.parametrize("call", ["search", "export"])
def test_where_triples_with_unknown_column_or_operator_are_refused(corpus: Corpus, triple: tuple, call: str) -> None:
    with pytest.raises(StoreError):
        if call == "search":
            corpus.search("zebra", site="Nobody's Paper", where=[triple])
        else:
            corpus.export("jsonl", io.StringIO(), site="Nobody's Paper", where=[triple])


@pytest.mark.parametrize("condition, expected", [
    ("site_name=Harbourside Daily", ("site_name", "=", "Harbourside Daily")),
    ("  words >= 10 ", ("words", ">=", "10")),
    ("title~Zebra crossing", ("title", "~", "Zebra crossing")),
    ("date<2024-01-01", ("date", "<", "2024-01-01")),
    ("url!=", ("url", "!=", "")),
])
def test_parse_where_reads_column_operator_value(condition: str, expected: tuple) -> None:
    assert parse_where(condition) == expected


@pytest.mark.parametrize("condition", ["body=x", "sqlite_master=1", "title", "title LIKE x", "", "a.id=1"])
def test_parse_where_refuses_unknown_columns_and_shapes(condition: str) -> None:
    with pytest.raises(StoreError, match="COLUMN OP VALUE"):
        parse_where(condition)


def test_iter_articles_streams_in_id_order_with_filters(corpus: Corpus) -> None:
    every = [article_id for article_id, _ in iter_articles(corpus.conn)]
    assert every == list(range(1, 9))
    filler = [item.title for _, item in iter_articles(corpus.conn, Filters(site="Filler Gazette", since="2022-03-01"))]
    assert filler == ["News about tram timetable", "News about school meals", "News about bridge paint"]


def test_like_search_finds_what_the_index_finds(corpus: Corpus) -> None:
    assert sorted(like_search(corpus.conn, ["zebra"])) == sorted(hit.id for hit in search(corpus.conn, "zebra"))
    assert like_search(corpus.conn, ["zebra", "station"]) == [2]


def test_article_reads_back_every_field(corpus: Corpus) -> None:
    item = corpus.article(2)
    assert (item.title, item.site_name, item.agency, item.agency_source, item.language) == (
        "Council sets next year's budget", "The Meridian Post", "Reuters", True, "en")
    assert (item.dateline.place, item.dateline.agency, item.source, item.record) == (
        "PORT ELLERY", "Reuters", "made-by-hand", "1")


def test_unknown_article_id_is_a_store_error(corpus: Corpus) -> None:
    with pytest.raises(StoreError, match="no article with id 999"):
        corpus.article(999)


def test_stats_counts_everything(corpus: Corpus) -> None:
    summary = corpus.stats()
    assert {"pages", "articles", "errors", "words", "by_site", "by_agency", "by_language", "by_month",
            "recent_errors"} <= set(summary)
    assert (summary["pages"], summary["articles"], summary["errors"]) == (8, 8, 0)
    assert summary["by_site"][0] == {"name": "Filler Gazette", "articles": 5}
    assert {row["name"]: row["articles"] for row in summary["by_language"]} == {"en": 7, "fr": 1}
    assert {"name": "2023-05", "articles": 1} in summary["by_month"]
    words = sum(len(" ".join(item.paragraphs).split()) for _, item in iter_articles(corpus.conn))
    assert summary["words"] == words
    assert len(corpus.stats(top=2)["by_site"]) == 2
