"""Opening a store: one SQLite file, WAL mode, foreign keys on, migrated to the current schema."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import NewstraceError
from .schema import migrate

# Writers wait this long for another writer's transaction (seconds); readers never wait in WAL mode.
BUSY_TIMEOUT_S = 120.0


class StoreError(NewstraceError):
    """The database cannot be opened, is not a newstrace store, or a query is invalid."""


def connect(path: str | os.PathLike, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating when needed) the store at `path`."""
    path = os.fspath(path)
    if readonly and not os.path.exists(path):
        raise StoreError(f"{path}: no such database (run `newstrace ingest` first)")
    try:
        uri = f"file:{path}?mode=ro" if readonly else path
        conn = sqlite3.connect(uri, uri=readonly, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot open as a newstrace store: {error}") from error
    return conn


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
