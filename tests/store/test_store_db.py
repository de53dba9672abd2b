"""Opening a store: schema migrations, pragmas, refusing what is not a newstrace store, transactions."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from newstrace.errors import NewstraceError
from newstrace.model import InputFailure, Page
from newstrace.store import Corpus, StoreError, connect, transaction
from newstrace.store.schema import MIGRATIONS
from newstrace.store.write import content_hash, insert_article, record_failure


def test_fresh_store_is_migrated_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "fresh.db") as corpus:
        assert corpus.schema_version == len(MIGRATIONS)
        assert corpus.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert corpus.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert corpus.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        tables = {row[0] for row in corpus.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"pages", "articles", "removed", "errors", "articles_fts"} <= tables


def test_reopening_keeps_data_and_applies_nothing_twice(tmp_path: Path, kit) -> None:
    db = tmp_path / "store.db"
    kit.store_articles(db, [kit.article("Kept", ["A paragraph that must survive reopening."])])
    for _ in range(2):
        with Corpus.open(db) as corpus:
            assert corpus.schema_version == len(MIGRATIONS)
            assert corpus.stats()["articles"] == 1
    with Corpus.open(db, readonly=True) as corpus:
        assert corpus.article(1).title == "Kept"


def _set_user_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


# Read-only opens (used by search, show, stats and export) must refuse these too: the CLI
# otherwise fails later with a raw sqlite3 traceback, or reads a store it does not understand.
@pytest.mark.parametrize("readonly", [False, True], ids=["read-write", "read-only"])
def test_newer_schema_version_is_refused(tmp_path: Path, readonly: bool) -> None:
    db = tmp_path / "future.db"
    Corpus.open(db).close()
    _set_user_version(db, len(MIGRATIONS) + 1)
    with pytest.raises(StoreError, match="newer"):
        Corpus.open(db, readonly=readonly).close()


@pytest.mark.parametrize("readonly", [False, True], ids=["read-write", "read-only"])
def test_non_sqlite_file_is_refused(tmp_path: Path, readonly: bool) -> None:
    db = tmp_path / "notes.db"
    db.write_text("These are my notes, not a database.\n" * 40, encoding="utf-8")
    with pytest.raises(StoreError, match="notes.db"):
        Corpus.open(db, readonly=readonly).close()


def test_read_only_open_of_a_sqlite_file_without_the_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE unrelated (x)")
    conn.close()
    with pytest.raises(StoreError):
        Corpus.open(db, readonly=True).close()


def test_read_only_open_of_a_missing_file_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no such database"):
        Corpus.open(db, readonly=True)
    assert not db.exists()


def test_read_only_connection_cannot_write(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    Corpus.open(db).close()
    with Corpus.open(db, readonly=True) as corpus, pytest.raises(sqlite3.OperationalError):
        corpus.conn.execute("DELETE FROM pages")


def test_store_error_is_a_newstrace_error() -> None:
    assert issubclass(StoreError, NewstraceError)


def test_transaction_commits_or_rolls_back_as_a_whole(tmp_path: Path) -> None:
    conn = connect(tmp_path / "store.db")
    with transaction(conn):
        record_failure(conn, InputFailure("a.html", "empty file"))
    with pytest.raises(RuntimeError), transaction(conn):
        record_failure(conn, InputFailure("b.html", "empty file"))
        raise RuntimeError("crash half-way")
    assert [row[0] for row in conn.execute("SELECT source FROM errors")] == ["a.html"]
    assert not conn.in_transaction
    conn.close()


def test_insert_is_idempotent_by_content_hash(tmp_path: Path, kit) -> None:
    conn = connect(tmp_path / "store.db")
    page = Page(source="x.txt", data=b"raw page bytes")
    item = kit.article("Title", ["Body text."])
    with transaction(conn):
        first = insert_article(conn, page, item)
        again = insert_article(conn, Page(source="copy.txt", data=b"raw page bytes"), item)
    assert first == 1 and again is None
    rows = [tuple(row) for row in conn.execute("SELECT content_hash, source, size FROM pages")]
    assert rows == [(content_hash(b"raw page bytes"), "x.txt", len(b"raw page bytes"))]
    conn.close()


def test_content_hash_is_sha256_of_utf8() -> None:
    assert content_hash("é") == content_hash("é".encode("utf-8"))
    assert content_hash(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_same_failure_twice_is_one_row_with_later_last_seen(tmp_path: Path) -> None:
    conn = connect(tmp_path / "store.db")
    failure = InputFailure("feed.jsonl", "invalid JSON: x", record="2")
    with transaction(conn):
        record_failure(conn, failure)
    conn.execute("UPDATE errors SET first_seen = '2000-01-01', last_seen = '2000-01-01'")
    with transaction(conn):
        record_failure(conn, failure)
    rows = conn.execute("SELECT source, record, reason, first_seen, last_seen FROM errors").fetchall()
    assert len(rows) == 1
    assert tuple(rows[0])[:4] == ("feed.jsonl", "2", "invalid JSON: x", "2000-01-01")
    assert rows[0]["last_seen"] > "2000-01-01"
    conn.close()


def test_deleting_a_page_cascades_to_article_removed_items_and_index(tmp_path: Path, kit) -> None:
    db = tmp_path / "store.db"
    kit.store_articles(db, [kit.article("Walrus sighting", ["A walrus rested on the slipway."],
                                        removed=[("Share this", "share-widget")])])
    with Corpus.open(db) as corpus:
        assert len(corpus.search("walrus")) == 1
        corpus.conn.execute("DELETE FROM pages")
        counts = [corpus.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("articles", "removed")]
        assert counts == [0, 0]
        assert corpus.search("walrus") == []


def test_index_follows_title_updates(tmp_path: Path, kit) -> None:
    db = tmp_path / "store.db"
    kit.store_articles(db, [kit.article("Old headline", ["Body words only."])])
    with Corpus.open(db) as corpus:
        corpus.conn.execute("UPDATE articles SET title = 'Renamed lighthouse'")
        assert [hit.title for hit in corpus.search("lighthouse")] == ["Renamed lighthouse"]
        assert corpus.search("headline") == []


def test_second_writer_waits_for_the_first_instead_of_failing(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    first = connect(db)
    second = connect(db)
    first.execute("BEGIN IMMEDIATE")
    finished = []

    def write_second() -> None:
        with transaction(second):
            record_failure(second, InputFailure("second.html", "empty file"))
        finished.append(time.monotonic())

    thread = threading.Thread(target=write_second)
    thread.start()
    time.sleep(0.3)
    released = time.monotonic()
    assert not finished, "the second writer did not wait for the lock"
    record_failure(first, InputFailure("first.html", "empty file"))
    first.execute("COMMIT")
    thread.join(timeout=10)
    assert finished and finished[0] >= released
    assert sorted(row[0] for row in first.execute("SELECT source FROM errors")) == ["first.html", "second.html"]
    first.close()
    second.close()


def test_opening_waits_while_another_connection_writes_to_a_new_file(tmp_path: Path) -> None:
    """connect() switches a new file to WAL; while another connection holds the write lock
    that switch must wait (up to the busy timeout) like any writer, not fail at once."""
    db = tmp_path / "new.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE IF NOT EXISTS probe (x)")
    outcome = []

    def open_store() -> None:
        started = time.monotonic()
        try:
            connect(db).close()
            outcome.append(("ok", time.monotonic() - started))
        except StoreError as error:
            outcome.append((str(error), time.monotonic() - started))

    opener = threading.Thread(target=open_store)
    opener.start()
    time.sleep(0.5)
    holder.execute("COMMIT")
    holder.close()
    opener.join(timeout=30)
    assert outcome and outcome[0][0] == "ok", f"open failed after {outcome[0][1]:.3f} s: {outcome[0][0]}"
    assert outcome[0][1] >= 0.4


def _open_once(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        connect(path).close()
        results.put("ok")
    except Exception as error:  # reported to the parent, which asserts on it
        results.put(f"{type(error).__name__}: {error}")


def test_processes_opening_a_fresh_store_at_once_all_succeed(tmp_path: Path) -> None:
    """Two ingests started together on a new file both run connect(): switching the new
    file to WAL must wait for the other process, not fail with 'database is locked'."""
    context = multiprocessing.get_context("fork")
    outcomes = []
    for trial in range(25):
        barrier, results = context.Barrier(4), context.Queue()
        workers = [context.Process(target=_open_once, args=(str(tmp_path / f"race{trial}.db"), barrier, results))
                   for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=30)
        outcomes += [results.get(timeout=5) for _ in workers]
    failures = [outcome for outcome in outcomes if outcome != "ok"]
    assert not failures, f"{len(failures)} of {len(outcomes)} opens failed, e.g. {failures[0]}"
