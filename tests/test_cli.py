"""The `newstrace` command line: parse, ingest, search, show, stats, export.

Most tests drive `newstrace.cli.cli` through click's CliRunner on real SQLite files in
tmp dirs; a few run `python -m newstrace` as a real process (PYTHONPATH=src, since the
package may not be installed).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newstrace.cli import cli
from newstrace.model import Article
from newstrace.store import Corpus
from newstrace.store.export import CSV_COLUMNS

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None
WIRE_STORY = EXAMPLES / "wire" / "reuters-gdansk-terminal.txt"
# Words spread over most of the example stories, so that every filter has something to narrow.
BROAD_QUERY = "gdansk OR terminal OR derailment OR bookshop OR ferry OR council"
HIT_KEYS = {"id", "title", "site_name", "url", "source", "date", "snippet", "score"}


def invoke(*args) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def assert_clean_error(result: Result, *phrases: str) -> None:
    """Exit code 1 with an `Error:` line and no Python exception escaping the command."""
    assert result.exit_code == 1, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Error:" in result.stderr and "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in result.stderr


def run_module(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "newstrace", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def good_pages(folder: Path, count: int = 3) -> Path:
    """A folder of small text dumps that all parse."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"story{number}.txt").write_text(
            f"Harbour Gazette\n\nFerry number {number} returns to the quay\n\n"
            f"The ferry number {number} came back into service on Monday after a refit of six weeks.\n\n"
            f"Passengers on route {number} had used a replacement bus while the work went on.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> Path:
    """The bundled example corpus, ingested once (its one index page fails: no article text)."""
    folder = tmp_path_factory.mktemp("cli")
    shutil.copytree(EXAMPLES, folder / "examples")
    with Corpus.open(folder / "examples.db") as corpus:
        corpus.ingest([folder / "examples"], workers=1)
    return folder / "examples.db"


@pytest.fixture
def not_a_db(tmp_path: Path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("Shopping list, not a database.\n" * 50, encoding="utf-8")
    return path


# --- parse -------------------------------------------------------------------------------------

def test_parse_prints_a_json_list(tmp_path: Path) -> None:
    result = invoke("parse", WIRE_STORY)
    assert result.exit_code == 0, result.stderr
    [item] = json.loads(result.stdout)
    assert item["title"] == "Poland's Gdansk port signs 2.4 billion euro terminal deal with Danish shipper"
    assert item["agency"] == "Reuters" and item["source"] == str(WIRE_STORY)
    assert set(item) == set(Article().to_dict())


def test_parse_jsonl_gives_one_object_per_page() -> None:
    result = invoke("parse", "--format", "jsonl", EXAMPLES / "feeds" / "pages.jsonl", WIRE_STORY)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4
    assert [row["record"] for row in rows] == ["1", "2", "3", None]


def test_parse_text_is_readable() -> None:
    result = invoke("parse", "--format", "text", WIRE_STORY)
    assert result.exit_code == 0
    assert result.stdout.startswith("== Poland's Gdansk port signs")
    assert f"source: {WIRE_STORY}" in result.stdout and "agency: Reuters" in result.stdout


def test_parse_reports_failures_on_stderr_and_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke("parse", "--format", "jsonl", empty, WIRE_STORY)
    assert result.exit_code == 1
    assert f"error: {empty}: empty file" in result.stderr and "1 input(s) failed" in result.stderr
    assert len(result.stdout.splitlines()) == 1  # the good page is still printed


def test_parse_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke("parse", "--format", "jsonl", "--fail-fast", empty, WIRE_STORY)
    assert result.exit_code == 1 and result.stdout == ""


def test_parse_json_output_stays_valid_with_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke("parse", WIRE_STORY, empty, WIRE_STORY)
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 2


# --- ingest ------------------------------------------------------------------------------------

def test_ingest_all_good_exits_0_and_a_rerun_stores_nothing(tmp_path: Path) -> None:
    pages, db = good_pages(tmp_path / "pages"), tmp_path / "corpus.db"
    first = invoke("ingest", pages, "--db", db, "--workers", "1")
    assert first.exit_code == 0, first.stderr
    assert f"3 pages read, 3 articles stored, 0 already stored, 0 failed, in {db}" in first.stderr
    second = invoke("ingest", pages, "--db", db, "--workers", "1")
    assert second.exit_code == 0
    assert "3 pages read, 0 articles stored, 3 already stored, 0 failed" in second.stderr
    assert first.stdout == second.stdout == ""


def test_ingest_with_failures_exits_1_lists_them_and_keeps_the_rest(tmp_path: Path) -> None:
    pages, db = good_pages(tmp_path / "pages"), tmp_path / "corpus.db"
    (pages / "empty.txt").write_bytes(b"")
    (pages / "photo.html").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    result = invoke("ingest", pages, "--db", db, "--workers", "1")
    assert result.exit_code == 1
    assert f"error: {pages / 'empty.txt'}: empty file" in result.stderr
    assert f"error: {pages / 'photo.html'}: binary data" in result.stderr
    assert "3 articles stored" in result.stderr and "2 failed" in result.stderr
    stats = json.loads(invoke("stats", "--db", db, "--format", "json").stdout)
    assert (stats["articles"], stats["errors"]) == (3, 2)


def test_ingest_quiet_prints_only_errors(tmp_path: Path) -> None:
    pages, db = good_pages(tmp_path / "pages"), tmp_path / "corpus.db"
    assert invoke("ingest", pages, "--db", db, "--quiet", "--workers", "1").output == ""
    (pages / "empty.txt").write_bytes(b"")
    result = invoke("ingest", pages, "--db", db, "-q", "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {pages / 'empty.txt'}: empty file"


def test_ingest_missing_path_is_a_listed_failure(tmp_path: Path) -> None:
    result = invoke("ingest", tmp_path / "nowhere.html", "--db", tmp_path / "corpus.db")
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'nowhere.html'}: no such file or directory" in result.stderr


def test_ingest_into_a_file_that_is_not_a_database(tmp_path: Path, not_a_db: Path) -> None:
    assert_clean_error(invoke("ingest", good_pages(tmp_path / "pages"), "--db", not_a_db), "notes.db")


def test_ingest_reads_the_database_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "from-env.db"
    result = CliRunner(env={"NEWSTRACE_DB": str(db)}).invoke(
        cli, ["ingest", str(good_pages(tmp_path / "pages")), "--workers", "1"])
    assert result.exit_code == 0 and db.exists()


# --- search ------------------------------------------------------------------------------------

def search_json(db: Path, query: str, *options) -> list[dict]:
    result = invoke("search", query, "--db", db, "--format", "json", "--limit", "100", *options)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_search_json_hits_have_the_documented_keys(examples_db: Path) -> None:
    hits = search_json(examples_db, "derailment")
    assert hits and all(set(hit) == HIT_KEYS for hit in hits)
    assert any("[derailment]" in hit["snippet"].lower() for hit in hits)
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)


def test_search_table_shows_titles(examples_db: Path) -> None:
    result = invoke("search", "bookshop", "--db", examples_db)
    assert result.exit_code == 0
    assert "bookshop" in result.stdout and "score" in result.stdout


def test_search_without_matches_says_so(examples_db: Path) -> None:
    result = invoke("search", "xylophone", "--db", examples_db)
    assert result.exit_code == 0 and "no matches" in result.stdout
    assert search_json(examples_db, "xylophone") == []


@pytest.mark.parametrize("option, value, check", [
    ("--site", "Harbourside Daily", lambda item: item.site_name == "Harbourside Daily"),
    ("--agency", "AP", lambda item: item.agency == "AP"),
    ("--language", "es", lambda item: item.language == "es"),
    ("--since", "2024-01-01", lambda item: (item.story_date or item.page_date) >= "2024-01-01"),
    ("--until", "2021-12-31", lambda item: (item.story_date or item.page_date) <= "2021-12-31"),
])
def test_search_filters_narrow_the_hits(examples_db: Path, option: str, value: str, check) -> None:
    every = {hit["id"] for hit in search_json(examples_db, BROAD_QUERY)}
    narrowed = {hit["id"] for hit in search_json(examples_db, BROAD_QUERY, option, value)}
    assert narrowed and narrowed < every
    with Corpus.open(examples_db, readonly=True) as corpus:
        assert all(check(corpus.article(article_id)) for article_id in narrowed)
        assert not any(check(corpus.article(article_id)) for article_id in every - narrowed)


def test_search_limit(examples_db: Path) -> None:
    result = invoke("search", BROAD_QUERY, "--db", examples_db, "--format", "json", "--limit", "2")
    assert len(json.loads(result.stdout)) == 2


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "NEAR(", "*"])
def test_malformed_query_is_a_clean_error(examples_db: Path, query: str) -> None:
    assert_clean_error(invoke("search", query, "--db", examples_db), "invalid search query")


@pytest.mark.parametrize("option, value", [("--site", "x' OR '1'='1"), ("--language", "en' --"),
                                           ("--until", "0' OR 1=1 --")])
def test_sql_in_search_filters_matches_nothing(examples_db: Path, option: str, value: str) -> None:
    assert search_json(examples_db, BROAD_QUERY, option, value) == []
    stats = json.loads(invoke("stats", "--db", examples_db, "--format", "json").stdout)
    assert stats["articles"] == 24


def test_search_of_a_missing_database_is_a_clean_error(tmp_path: Path) -> None:
    assert_clean_error(invoke("search", "ferry", "--db", tmp_path / "none.db"), "no such database")
    assert not (tmp_path / "none.db").exists()


# --- show --------------------------------------------------------------------------------------

def test_show_text_and_json(examples_db: Path) -> None:
    article_id = search_json(examples_db, "bookshop")[0]["id"]
    text = invoke("show", article_id, "--db", examples_db)
    assert text.exit_code == 0
    shown = json.loads(invoke("show", article_id, "--db", examples_db, "--format", "json").stdout)
    assert set(shown) == {"id"} | set(Article().to_dict()) and shown["id"] == article_id
    assert text.stdout.startswith(f"== {shown['title']}")
    assert all(f"  {paragraph}" in text.stdout for paragraph in shown["paragraphs"])
    assert f"source: {shown['source']}" in text.stdout


def test_show_unknown_id_is_a_clean_error(examples_db: Path) -> None:
    assert_clean_error(invoke("show", 9999, "--db", examples_db), "no article with id 9999")


# --- stats -------------------------------------------------------------------------------------

def test_stats_json_counts(examples_db: Path) -> None:
    result = invoke("stats", "--db", examples_db, "--format", "json")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert {"pages", "articles", "errors", "words", "by_site", "by_agency", "by_language", "by_month",
            "recent_errors"} <= set(summary)
    assert (summary["pages"], summary["articles"], summary["errors"]) == (24, 24, 1)
    assert summary["recent_errors"][0]["reason"] == "no article text found in the HTML"
    assert {row["name"] for row in summary["by_language"]} >= {"en", "fr", "de", "es"}


def test_stats_table(examples_db: Path) -> None:
    result = invoke("stats", "--db", examples_db, "--top", "3")
    assert result.exit_code == 0
    assert "24 articles from 24 pages" in result.stdout and "latest errors" in result.stdout


# --- export ------------------------------------------------------------------------------------

def test_export_jsonl_to_a_file(examples_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    result = invoke("export", "--db", examples_db, "--format", "jsonl", "-o", out)
    assert result.exit_code == 0, result.exception
    assert "24 articles exported" in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 24 and set(rows[0]) == {"id", "content_hash"} | set(Article().to_dict())


def test_export_jsonl_to_stdout_with_a_filter(examples_db: Path) -> None:
    result = invoke("export", "--db", examples_db, "--language", "fr")
    assert result.exit_code == 0, result.exception
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["language"] == "fr"


def test_export_csv(examples_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = invoke("export", "--db", examples_db, "--format", "csv", "--output", out)
    assert result.exit_code == 0, result.exception
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 24 and list(rows[0]) == list(CSV_COLUMNS)


def _day(item: Article) -> str:
    return item.story_date or item.page_date or ""


@pytest.mark.parametrize("conditions, wanted", [
    (["site_name=Harbourside Daily"], lambda item: item.site_name == "Harbourside Daily"),
    (["language=en", "agency=AP"], lambda item: item.language == "en" and item.agency == "AP"),
    (["date>=2024-01-01"], lambda item: _day(item) >= "2024-01-01"),
    # SQL comparison: an article with no agency is neither = nor != Reuters.
    (["title~Gdansk", "agency!=Reuters"],
     lambda item: "gdansk" in (item.title or "").lower() and item.agency not in (None, "Reuters")),
])
def test_export_where_conditions(examples_db: Path, conditions: list[str], wanted) -> None:
    args = [part for condition in conditions for part in ("--where", condition)]
    result = invoke("export", "--db", examples_db, *args)
    assert result.exit_code == 0, result.exception
    with Corpus.open(examples_db, readonly=True) as corpus:
        expected = [row[0] for row in corpus.conn.execute("SELECT id FROM articles ORDER BY id")
                    if wanted(corpus.article(row[0]))]
    assert expected
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == expected
    assert f"{len(expected)} articles exported" in result.stderr


@pytest.mark.parametrize("condition", ["body=x", "title", "title LIKE '%x%'", "a.id=1"])
def test_export_invalid_where_is_a_clean_error(examples_db: Path, condition: str) -> None:
    assert_clean_error(invoke("export", "--db", examples_db, "--where", condition), "COLUMN OP VALUE")


def test_export_parquet_needs_a_file(examples_db: Path) -> None:
    result = invoke("export", "--db", examples_db, "--format", "parquet")
    assert result.exit_code == 2 and "--output" in result.stderr


def test_export_parquet(examples_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.parquet"
    result = invoke("export", "--db", examples_db, "--format", "parquet", "-o", out)
    if not HAS_PYARROW:
        assert_clean_error(result, "pyarrow")
        return
    import pyarrow.parquet as pq

    assert result.exit_code == 0, result.exception
    assert pq.read_table(out).num_rows == 24


def test_exported_jsonl_ingests_into_a_new_store(examples_db: Path, tmp_path: Path) -> None:
    out, copy = tmp_path / "all.jsonl", tmp_path / "copy.db"
    assert invoke("export", "--db", examples_db, "-o", out).exit_code == 0
    result = invoke("ingest", out, "--db", copy, "--workers", "1")
    assert result.exit_code == 0, result.stderr
    assert "24 articles stored" in result.stderr
    assert search_json(copy, "derailment") and len(search_json(copy, BROAD_QUERY)) == len(
        search_json(examples_db, BROAD_QUERY))


# --- reading commands on something that is not a store -----------------------------------------

@pytest.mark.parametrize("command", [["stats"], ["search", "ferry"], ["show", "1"], ["export"]])
def test_reading_a_non_sqlite_file_is_a_clean_error(not_a_db: Path, command: list[str]) -> None:
    assert_clean_error(invoke(*command, "--db", not_a_db), "notes.db")


# --- a real process ----------------------------------------------------------------------------

def test_python_dash_m_newstrace_end_to_end(tmp_path: Path) -> None:
    pages, db = good_pages(tmp_path / "pages", 4), tmp_path / "corpus.db"
    ingest = run_module("ingest", pages, "--db", db, "--workers", "2")
    assert ingest.returncode == 0, ingest.stderr
    assert "4 pages read, 4 articles stored" in ingest.stderr
    search = run_module("search", "refit", "--db", db, "--format", "json")
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)
    assert len(hits) == 4 and all(set(hit) == HIT_KEYS for hit in hits)
    bad = run_module("search", '"unbalanced', "--db", db)
    assert bad.returncode == 1
    assert bad.stderr.startswith("Error: invalid search query") and "Traceback" not in bad.stderr
    stats = run_module("stats", "--db", db, "--format", "json")
    assert json.loads(stats.stdout)["articles"] == 4


def test_python_dash_m_newstrace_on_a_non_sqlite_file_prints_no_traceback(not_a_db: Path) -> None:
    result = run_module("stats", "--db", not_a_db)
    assert result.returncode == 1
    assert result.stderr.startswith("Error:") and "Traceback" not in result.stderr
