"""Opening a store: one SQLite file, WAL mode, foreign keys on, migrated to the current schema."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import NewstraceError
from .schema import MIGRATIONS, migrate, schema_version
from .text import register_text_functions

# Writers wait this long for another writer's transaction (seconds); readers never wait in WAL mode.
BUSY_TIMEOUT_S = 120.0
# Page cache of a writing connection (KiB). SQLite's default (2 MiB) is small for the random
# inserts into the hash and URL indexes of a large store; a bounded cache keeps memory flat.
WRITER_CACHE_KIB = 32768


class StoreError(NewstraceError):
    """The database cannot be opened, is not a newstrace store, or a query is invalid."""


def connect(path: str | os.PathLike, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating when needed) the store at `path`.

    A read-only open of a store made by an older newstrace upgrades it first
    (briefly opening it for writing); a file that is not a newstrace store, or
    one from a newer newstrace, is refused with a StoreError.
    """
    path = os.fspath(path)
    if readonly and not os.path.exists(path):
        raise StoreError(f"{path}: no such database (run `newstrace ingest` first)")
    try:
        if readonly:
            _check_readable(path)
            conn = _open(f"file:{path}?mode=ro", uri=True)
        else:
            conn = _open(path, uri=False)
            _set_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            migrate(conn)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot open as a newstrace store: {error}") from error
    return conn


def _open(target: str, *, uri: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(target, uri=uri, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    register_text_functions(conn)  # bodies are stored compressed; the FTS view and triggers read them
    return conn


def _check_readable(path: str) -> None:
    """Refuse files that are not stores; upgrade stores written by an older newstrace."""
    probe = _open(f"file:{path}?mode=ro", uri=True)
    try:
        version = schema_version(probe)
        has_articles = probe.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone()
    finally:
        probe.close()
    if version == 0 or not has_articles:
        raise StoreError(f"{path}: not a newstrace store (no newstrace schema in it)")
    if version > len(MIGRATIONS):
        raise StoreError(f"{path}: schema version {version} is newer than this newstrace knows"
                         f" ({len(MIGRATIONS)}); upgrade newstrace")
    if version < len(MIGRATIONS):
        connect(path).close()  # migrate forward, then read


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; the switch needs a moment with no writer, so wait for one like a writer would."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction. BEGIN IMMEDIATE takes the write lock up front, so two
    writers queue (up to BUSY_TIMEOUT_S) instead of failing half-way."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
