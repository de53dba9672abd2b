"""Writing to the store: plain functions over a connection, called inside a transaction."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timezone

from ..model import Article, InputFailure, Page


def content_hash(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def known_hashes(conn: sqlite3.Connection, hashes: list[str]) -> set[str]:
    """Which of these page hashes the store already holds."""
    found: set[str] = set()
    for start in range(0, len(hashes), 500):
        chunk = hashes[start:start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT content_hash FROM pages WHERE content_hash IN ({marks})", chunk)
        found.update(row[0] for row in rows)
    return found


def insert_article(conn: sqlite3.Connection, page: Page, article: Article, *,
                   digest: str | None = None, size: int | None = None) -> int | None:
    """Store a page and its article; None when the page was already stored (idempotent).

    `digest` and `size` default to those of `page.data`; the ingest passes them
    because it drops the raw bytes once they have been parsed.
    """
    digest = digest or content_hash(page.data)
    size = len(page.data) if size is None else size
    now = _now()
    cursor = conn.execute(
        "INSERT OR IGNORE INTO pages (content_hash, source, record, url, fetch_date, content_type, size, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (digest, page.source, page.record, page.url, page.date, page.content_type, size, now),
    )
    if cursor.rowcount == 0:
        return None
    page_id = cursor.lastrowid
    url = article.url or page.url
    version = 1 + (conn.execute("SELECT count(*) FROM articles WHERE url = ?", (url,)).fetchone()[0] if url else 0)
    article_id = conn.execute(
        "INSERT INTO articles (page_id, url, site_name, title, body, page_date, story_date, dateline_place,"
        " dateline_agency, dateline_date, agency, agency_source, credits, language, warnings, version, words)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (page_id, url, article.site_name, article.title, article.text, article.page_date, article.story_date,
         article.dateline.place, article.dateline.agency, article.dateline.date, article.agency,
         int(article.agency_source), json.dumps(article.credits, ensure_ascii=False), article.language,
         json.dumps(article.warnings, ensure_ascii=False), version, len(article.text.split())),
    ).lastrowid
    conn.executemany(
        "INSERT INTO removed (article_id, position, reason, text) VALUES (?, ?, ?, ?)",
        [(article_id, position, item.reason, item.text) for position, item in enumerate(article.removed)],
    )
    return article_id


def record_failure(conn: sqlite3.Connection, failure: InputFailure) -> None:
    """Note a failed input; the same failure seen again only updates last_seen."""
    now = _now()
    conn.execute(
        "INSERT INTO errors (source, record, reason, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (source, record, reason) DO UPDATE SET last_seen = excluded.last_seen",
        (failure.source, failure.record or "", failure.reason, now, now),
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
