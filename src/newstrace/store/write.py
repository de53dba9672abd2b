"""Writing to the store: plain functions over a connection, called inside a transaction."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timezone

from ..model import Article, InputFailure, Page
from .text import pack_text


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


def packed_texts(article: Article) -> tuple:
    """The article's texts as stored: (packed body, word count, packed removed texts).

    The ingest's workers call this, so that compressing stays off the writing process.
    """
    text = article.text
    return pack_text(text), len(text.split()), tuple(pack_text(item.text) for item in article.removed)


def insert_article(conn: sqlite3.Connection, page: Page, article: Article, *,
                   digest: str | None = None, size: int | None = None, packed: tuple | None = None) -> int | None:
    """Store a page and its article; None when the page was already stored (idempotent).

    `digest` and `size` default to those of `page.data`; the ingest passes them
    because it drops the raw bytes once they have been parsed. `packed` is
    `packed_texts(article)` when a worker has already computed it.
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
    body, words, removed_texts = packed or packed_texts(article)
    article_id = conn.execute(
        "INSERT INTO articles (page_id, url, site_name, title, page_date, story_date, dateline_place,"
        " dateline_agency, dateline_date, agency, agency_source, credits, language, warnings, version, words)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (page_id, url, article.site_name, article.title, article.page_date, article.story_date,
         article.dateline.place, article.dateline.agency, article.dateline.date, article.agency,
         int(article.agency_source), json.dumps(article.credits, ensure_ascii=False), article.language,
         json.dumps(article.warnings, ensure_ascii=False), version, words),
    ).lastrowid
    # The text row second: its trigger indexes title and body together.
    conn.execute("INSERT INTO article_texts (article_id, body) VALUES (?, ?)", (article_id, body))
    conn.executemany(
        "INSERT INTO removed (article_id, position, reason, text) VALUES (?, ?, ?, ?)",
        [(article_id, position, item.reason, text)
         for position, (item, text) in enumerate(zip(article.removed, removed_texts))],
    )
    insert_enrichment(conn, article_id, article)
    return article_id


def insert_enrichment(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Store (or replace) the article's entities, quotes, claims, checks and relative dates."""
    for table in ("entities", "quotes", "claims", "checks", "time_refs"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT INTO entities (article_id, position, name, type, country, variants, mentions)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(article_id, i, e.name, e.type, e.country, json.dumps(e.variants, ensure_ascii=False),
          json.dumps([m.to_dict() for m in e.mentions], ensure_ascii=False)) for i, e in enumerate(article.entities)])
    conn.executemany(
        "INSERT INTO quotes (article_id, position, speaker, text, paragraph, kind) VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, i, q.speaker, q.text, q.paragraph, q.kind) for i, q in enumerate(article.quotes)])
    conn.executemany(
        "INSERT INTO claims (article_id, position, kind, value, unit, subject, period, text, paragraph)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, i, c.kind, c.value, c.unit, c.subject, c.period, c.text, c.paragraph)
         for i, c in enumerate(article.claims)])
    conn.executemany(
        "INSERT INTO checks (article_id, position, kind, status, detail) VALUES (?, ?, ?, ?, ?)",
        [(article_id, i, c.kind, c.status, c.detail) for i, c in enumerate(article.checks)])
    conn.executemany(
        "INSERT INTO time_refs (article_id, position, text, paragraph, resolved, status) VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, i, t.text, t.paragraph, t.resolved, t.status) for i, t in enumerate(article.dates)])


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


def rebuild_entity_variants(conn: sqlite3.Connection) -> int:
    """Link spellings of one entity across the corpus ("Sadir Japarov", "Sadyr Zhaparov") to one form.

    The method is `newstrace.enrich.variants.link_variants`: transliteration-aware
    fuzzy matching of names of the same type, backed by the names they appear with.
    """
    from ..enrich.variants import link_variants

    rows = conn.execute("SELECT name, type, count(*) FROM entities GROUP BY name, type").fetchall()
    context: dict[str, set[str]] = {}
    for article_id, names in conn.execute("SELECT article_id, json_group_array(name) FROM entities"
                                          " GROUP BY article_id"):
        names = set(json.loads(names))
        for name in names:
            context.setdefault(name, set()).update(names - {name})
    canonical = link_variants([(name, kind, count) for name, kind, count in rows], context)
    with_types = {name: kind for name, kind, _ in rows}
    conn.execute("DELETE FROM entity_variants")
    conn.executemany("INSERT OR REPLACE INTO entity_variants (variant, type, canonical) VALUES (?, ?, ?)",
                     [(name, with_types.get(name, ""), target) for name, target in canonical.items()])
    return len(canonical)
