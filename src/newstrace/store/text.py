"""Article text on disk: bodies and removed furniture stored zlib-compressed.

News text compresses about 3:1, and the body was most of the database, so
`article_texts.body` and `removed.text` hold zlib-compressed UTF-8 (a BLOB).
A text too short to gain from compression stays plain TEXT; `unpack_text`
reads both, so SQLite's type tells them apart.

Everything that reads article text goes through this module: `article_body`
and `iter_bodies` in Python, `newstrace_text(value)` in SQL. That SQL function
is registered on every connection the store opens (`register_text_functions`);
the full-text index reads bodies through it (the view `article_fts_source`),
so snippets, deleting or retitling articles and FTS5 'rebuild' need it. A
plain `sqlite3` shell sees compressed bodies as BLOBs and cannot build
snippets; MATCH and bm25() work there, as they read the index only.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Iterator

# Level 6 (zlib's default): levels 7-9 save under 1% more on news text and cost twice the time.
_LEVEL = 6
# Below this many bytes the zlib header and checksum (6 bytes) eat most of the gain.
_MIN_PACKED = 48


def pack_text(text: str) -> bytes | str:
    """The stored form of `text`: zlib-compressed UTF-8, or the text itself when that is no larger."""
    raw = text.encode("utf-8")
    if len(raw) < _MIN_PACKED:
        return text
    packed = zlib.compress(raw, _LEVEL)
    return packed if len(packed) < len(raw) else text


def unpack_text(stored: bytes | str | None) -> str | None:
    """The text of a stored value (compressed BLOB or plain TEXT); None stays None."""
    if stored is None or isinstance(stored, str):
        return stored
    return zlib.decompress(stored).decode("utf-8")


def register_text_functions(conn: sqlite3.Connection) -> None:
    """SQL functions over stored text: newstrace_text(stored) -> text, newstrace_pack(text) -> stored.

    The schema's view for the full-text index and its triggers call them, so every
    connection that builds snippets, deletes or retitles articles, or migrates needs them.
    """
    conn.create_function("newstrace_text", 1, unpack_text, deterministic=True)
    conn.create_function("newstrace_pack", 1, _pack_or_null, deterministic=True)


def _pack_or_null(text: str | None) -> bytes | str | None:
    return None if text is None else pack_text(text)


def article_body(conn: sqlite3.Connection, article_id: int) -> str | None:
    """The body of one article (paragraphs joined by blank lines); None when there is no such article."""
    row = conn.execute("SELECT body FROM article_texts WHERE article_id = ?", (article_id,)).fetchone()
    return unpack_text(row[0]) if row else None


def iter_bodies(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> Iterator[tuple[int, str]]:
    """(article id, body) for the given articles, or for every article in id order, streamed."""
    if ids is None:
        for article_id, stored in conn.execute("SELECT article_id, body FROM article_texts ORDER BY article_id"):
            yield article_id, unpack_text(stored)
        return
    for article_id in ids:
        body = article_body(conn, article_id)
        if body is not None:
            yield article_id, body
