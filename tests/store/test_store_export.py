"""Exports: JSONL (the full article), CSV (flat rows), Parquet (when pyarrow is there), with filters."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import pytest

from newstrace.model import Article
from newstrace.store import Corpus, StoreError
from newstrace.store.export import CSV_COLUMNS, article_from_export

HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None


@pytest.fixture
def corpus(tmp_path: Path, kit):
    articles = [
        kit.article("Nordhavn signs Gdansk terminal deal", ["First paragraph.", "Second, with a comma."],
                    site_name="Harbourside Daily", url="https://daily.example/gdansk", agency="Reuters",
                    agency_source=True, language="en", story_date="2023-03-14",
                    dateline=("GDANSK", "Reuters", "2023-03-14"), credits={"author": ["Ana Kowal"]},
                    removed=[("Share on social media", "share-widget")], warnings=["odd encoding"]),
        kit.article("Librairie sauvée", ["Les lecteurs ont réuni 412 000 euros.", "« Merci », dit la libraire."],
                    site_name="L'Écho du Quai", agency="AFP", agency_source=True, language="fr",
                    story_date="2024-05-03"),
        kit.article(None, ['A body with "quotes", a comma, and a\nline break.'], language="en",
                    page_date="2022-01-05"),
    ]
    kit.store_articles(tmp_path / "store.db", articles)
    with Corpus.open(tmp_path / "store.db", readonly=True) as opened:
        yield opened


def _jsonl(corpus: Corpus, **filters) -> list[dict]:
    out = io.StringIO()
    count = corpus.export("jsonl", out, **filters)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(rows)
    return rows


def test_jsonl_holds_the_store_id_and_the_whole_article(corpus: Corpus) -> None:
    rows = _jsonl(corpus)
    assert [row["id"] for row in rows] == [1, 2, 3]
    for row in rows:
        assert set(row) == {"id", "content_hash"} | set(Article().to_dict())
        assert len(row["content_hash"]) == 64
        assert row == {"id": row["id"], **corpus.article(row["id"]).to_dict(), "content_hash": row["content_hash"]}
    first = rows[0]
    assert first["credits"] == {"author": ["Ana Kowal"]}
    assert first["removed"] == [{"text": "Share on social media", "reason": "share-widget"}]
    assert (first["dateline"], first["dateline_date"]) == ({"place": "GDANSK", "agency": "Reuters"}, "2023-03-14")
    assert article_from_export(first) == corpus.article(1)


def test_jsonl_keeps_non_ascii_text_readable(corpus: Corpus) -> None:
    out = io.StringIO()
    corpus.export("jsonl", out, language="fr")
    assert "« Merci », dit la libraire." in out.getvalue()


@pytest.mark.parametrize("filters, ids", [
    ({"site": "L'Écho du Quai"}, [2]),
    ({"agency": "reuters"}, [1]),
    ({"language": "en"}, [1, 3]),
    ({"since": "2023-01-01"}, [1, 2]),
    ({"until": "2023-12-31"}, [1, 3]),
    ({"where": ["site_name=Harbourside Daily"]}, [1]),
    ({"where": ["title~terminal"]}, [1]),
    ({"where": ["id>1", "language!=fr"]}, [3]),
    ({"where": ["date<2023-01-01"]}, [3]),
    ({"where": ["words>=7"]}, [2, 3]),
    ({"where": ["title=x' OR '1'='1"]}, []),
])
def test_filters_and_where_conditions_select_rows(corpus: Corpus, filters: dict, ids: list[int]) -> None:
    assert [row["id"] for row in _jsonl(corpus, **filters)] == ids


@pytest.mark.parametrize("condition", ["body=x", "title", "title ?? x", "x.y=1"])
def test_invalid_where_condition_is_a_clear_error(corpus: Corpus, condition: str) -> None:
    with pytest.raises(StoreError, match="COLUMN OP VALUE"):
        corpus.export("jsonl", io.StringIO(), where=[condition])


def test_csv_has_one_flat_row_per_article(corpus: Corpus) -> None:
    out = io.StringIO(newline="")
    assert corpus.export("csv", out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [row["id"] for row in rows] == ["1", "2", "3"]
    first, _, third = rows
    assert first["body"] == "First paragraph.\n\nSecond, with a comma."
    assert json.loads(first["credits"]) == {"author": ["Ana Kowal"]}
    assert json.loads(first["removed"]) == [{"text": "Share on social media", "reason": "share-widget"}]
    assert (first["dateline_place"], first["dateline_agency"], first["agency_source"]) == ("GDANSK", "Reuters", "True")
    assert third["body"] == 'A body with "quotes", a comma, and a\nline break.'
    assert third["title"] == ""


def test_csv_export_with_filter(corpus: Corpus) -> None:
    out = io.StringIO(newline="")
    assert corpus.export("csv", out, language="fr") == 1
    assert [row["title"] for row in csv.DictReader(io.StringIO(out.getvalue(), newline=""))] == ["Librairie sauvée"]


def test_unknown_format_is_a_store_error(corpus: Corpus) -> None:
    with pytest.raises(StoreError, match="unknown export format 'xml'"):
        corpus.export("xml", io.StringIO())


@pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow is not installed")
def test_parquet_holds_the_csv_columns(corpus: Corpus, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "out.parquet"
    with open(path, "wb") as out:
        assert corpus.export("parquet", out) == 3
    table = pq.read_table(path)
    assert table.column_names == list(CSV_COLUMNS)
    rows = table.to_pylist()
    assert [row["id"] for row in rows] == [1, 2, 3]
    assert rows[0]["agency_source"] is True and rows[0]["body"] == "First paragraph.\n\nSecond, with a comma."


@pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow is not installed")
def test_parquet_with_no_matching_rows_is_a_valid_empty_file(corpus: Corpus, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "empty.parquet"
    with open(path, "wb") as out:
        assert corpus.export("parquet", out, site="Nobody") == 0
    assert pq.read_table(path).num_rows == 0


@pytest.mark.skipif(HAS_PYARROW, reason="pyarrow is installed")
def test_parquet_without_pyarrow_says_what_to_install(corpus: Corpus) -> None:
    with pytest.raises(StoreError, match="pyarrow"):
        corpus.export("parquet", io.BytesIO())


def test_reingesting_an_export_into_its_own_store_adds_nothing(corpus: Corpus, tmp_path) -> None:
    out = tmp_path / "all.jsonl"
    with open(out, "w", encoding="utf-8") as handle:
        corpus.export("jsonl", handle)
    before = corpus.stats()["articles"]
    counts = corpus.ingest([out], workers=1)
    assert (counts.articles, counts.duplicates) == (0, before)
    assert corpus.stats()["articles"] == before
