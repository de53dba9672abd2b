"""Crash safety and concurrency, with real `python -m newstrace ingest` processes.

An ingest killed with SIGKILL mid-run must leave a sound database that a re-run
completes; two ingests into one database at once must not duplicate anything.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from newstrace.store import Corpus
from newstrace.store.text import register_text_functions
from newstrace.store.write import content_hash

# Page counts tried in turn until the kill lands mid-ingest (a loaded machine may be slow
# to start the process, a fast one may finish before the poll sees the first batch).
ATTEMPT_SIZES = (800, 1600, 3200)


def _article_count(db: Path, kit) -> int | None:
    """Articles committed so far, read without taking any lock that matters; None before the schema exists."""
    try:
        conn = kit.read_only(db)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _start_ingest(kit, pages: Path, db: Path) -> subprocess.Popen:
    # Its own session, so that it and its parser processes can be found and cleaned up by group id.
    # No pipes: parser processes that outlive a killed parent would hold them open.
    return subprocess.Popen(kit.newstrace_command("ingest", pages, "--db", db, "--workers", "2", "--quiet"),
                            env=kit.subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _live_members(group: int) -> list[int]:
    """Processes of a process group that are still running (zombies excluded)."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, pgrp, ...
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry))
    return members


def _clean_up(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the group we created in _start_ingest
    except (ProcessLookupError, PermissionError):
        pass


def _wait_for_first_batch(proc: subprocess.Popen, db: Path, kit, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if _article_count(db, kit):
            return
        time.sleep(0.005)


def _kill_mid_ingest(kit, folder: Path, size: int) -> tuple[Path, Path, int, bool]:
    """Ingest `size` fresh pages and SIGKILL the run after its first commit.
    Returns the pages folder, the db, the articles left behind, and whether the kill hit a running ingest."""
    pages, db = folder / f"pages{size}", folder / f"killed{size}.db"
    kit.write_text_pages(pages, size)
    proc = _start_ingest(kit, pages, db)
    try:
        _wait_for_first_batch(proc, db, kit)
        still_running = proc.poll() is None
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        _clean_up(proc)
    left = _article_count(db, kit) or 0
    return pages, db, left, still_running and proc.returncode == -signal.SIGKILL and 0 < left < size


def _duplicates(conn: sqlite3.Connection, column: str, table: str) -> list:
    return conn.execute(f"SELECT {column}, count(*) FROM {table} WHERE {column} IS NOT NULL"
                        f" GROUP BY {column} HAVING count(*) > 1").fetchall()


def _assert_sound_store(db: Path) -> None:
    conn = sqlite3.connect(db)
    register_text_functions(conn)  # as every store connection has them (the FTS view reads bodies through them)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # raises when out of step
        assert _duplicates(conn, "content_hash", "pages") == []
        assert _duplicates(conn, "source", "pages") == []
        assert _duplicates(conn, "url", "articles") == []
        assert _duplicates(conn, "page_id", "articles") == []
    finally:
        conn.close()


def _stored(db: Path) -> set[tuple]:
    with Corpus.open(db, readonly=True) as corpus:
        return {tuple(row) for row in corpus.conn.execute(
            "SELECT p.source, p.content_hash, a.title, newstrace_text(t.body) FROM articles a"
            " JOIN pages p ON p.id = a.page_id JOIN article_texts t ON t.article_id = a.id")}


def test_ingest_killed_mid_run_resumes_to_the_same_store_as_a_clean_run(tmp_path: Path, kit) -> None:
    for size in ATTEMPT_SIZES:
        pages, db, left, killed_mid_way = _kill_mid_ingest(kit, tmp_path, size)
        if killed_mid_way:
            break
    else:
        pytest.skip(f"could not SIGKILL the ingest mid-run in {len(ATTEMPT_SIZES)} attempts (machine too slow/fast)")
    assert 0 < left < size
    _assert_sound_store(db)

    rerun = kit.run_newstrace("ingest", pages, "--db", db, "--workers", "2")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{size} pages read, {size - left} articles stored, {left} already stored, 0 failed" in rerun.stderr
    _assert_sound_store(db)

    with Corpus.open(tmp_path / "clean.db") as clean:
        clean.ingest([pages], workers=2)
    expected = _stored(tmp_path / "clean.db")
    assert len(expected) == size
    assert _stored(db) == expected
    assert {row[1] for row in expected} == {content_hash(path.read_bytes()) for path in pages.iterdir()}


def test_parser_processes_end_when_the_ingest_is_killed(tmp_path: Path, kit) -> None:
    """A SIGKILLed ingest cannot shut its pool down; its parser processes must notice
    that their parent is gone and exit, not wait for work forever."""
    pages, db = tmp_path / "pages", tmp_path / "orphans.db"
    kit.write_text_pages(pages, 800)
    proc = _start_ingest(kit, pages, db)
    try:
        _wait_for_first_batch(proc, db, kit)
        if proc.poll() is not None:
            pytest.skip("the ingest finished before it could be killed")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 3
        while _live_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        left_running = _live_members(proc.pid)
    finally:
        _clean_up(proc)
    assert left_running == [], f"{len(left_running)} parser process(es) still running 3 s after the ingest was killed"


def test_two_ingests_at_once_store_the_union_once(tmp_path: Path, kit) -> None:
    only_first = kit.write_text_pages(tmp_path / "first", 150, start=0)
    only_second = kit.write_text_pages(tmp_path / "second", 150, start=150)
    shared = kit.write_text_pages(tmp_path / "shared", 150, start=300)
    db = tmp_path / "shared.db"
    Corpus.open(db).close()  # a new file is tested in test_store_db; here, the ingests themselves
    runs = [subprocess.Popen(kit.newstrace_command("ingest", tmp_path / own, tmp_path / "shared", "--db", db,
                                                   "--workers", "1"),
                             env=kit.subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for own in ("first", "second")]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    _assert_sound_store(db)
    stored = _stored(db)
    assert len(stored) == 450
    assert {row[0] for row in stored} == {str(path) for path in only_first + only_second + shared}
    # Each run read its 300 pages; the 150 shared ones went in once, whoever came first.
    summaries = [re.search(r"(\d+) pages read, (\d+) articles stored, (\d+) already stored", err) for _, err in outputs]
    counts = [tuple(int(number) for number in summary.groups()) for summary in summaries]
    assert [read for read, _, _ in counts] == [300, 300]
    assert sum(new for _, new, _ in counts) == 450
    assert sum(old for _, _, old in counts) == 150
