"""Stored article text: compressed bodies, the upgrade of older stores, search over compressed text."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.store import Corpus
from newstrace.store.read import paragraphs_and_languages
from newstrace.store.schema import MIGRATIONS, _statements
from newstrace.store.text import article_body, iter_bodies, pack_text, register_text_functions, unpack_text

ARCHITECTURE = (Path(__file__).resolve().parents[2] / "ARCHITECTURE.md").read_text(encoding="utf-8")

LONG_PARAGRAPHS = [
    "The harbour crane lifted the last timber cargo onto the quay before the tide turned on Tuesday.",
    "Dock workers said the crane had been repaired twice this winter, and the port authority promised a new one.",
    "A spokeswoman for the port authority said the tender for a replacement would open in the spring.",
]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_pack_then_unpack_gives_back_the_text(text: str) -> None:
    assert unpack_text(pack_text(text)) == text


def test_long_text_is_stored_compressed_and_tiny_text_plain() -> None:
    long_text = "\n\n".join(LONG_PARAGRAPHS * 3)
    assert isinstance(pack_text(long_text), bytes) and len(pack_text(long_text)) < len(long_text.encode()) / 2
    assert pack_text("Short.") == "Short."
    assert unpack_text(None) is None


def test_bodies_are_stored_compressed_and_read_back_whole(tmp_path: Path, kit) -> None:
    db = tmp_path / "store.db"
    kit.store_articles(db, [kit.article("Crane", LONG_PARAGRAPHS, removed=[("Share this story on every network "
                                                                             "you know, and tell your friends too",
                                                                             "share-widget")]),
                            kit.article("Tiny", ["Brief."])])
    with Corpus.open(db) as corpus:
        kinds = corpus.conn.execute("SELECT typeof(body) FROM article_texts ORDER BY article_id").fetchall()
        assert [row[0] for row in kinds] == ["blob", "text"]
        assert corpus.article(1).paragraphs == LONG_PARAGRAPHS
        assert corpus.article(1).removed[0].text.startswith("Share this story")
        assert article_body(corpus.conn, 2) == "Brief."
        assert article_body(corpus.conn, 99) is None
        assert dict(iter_bodies(corpus.conn)) == {1: "\n\n".join(LONG_PARAGRAPHS), 2: "Brief."}
        assert dict(iter_bodies(corpus.conn, [2, 99])) == {2: "Brief."}
        texts = paragraphs_and_languages(corpus.conn, [2, 1, 99])
        assert texts == {1: (corpus.article(1).paragraphs, corpus.article(1).language),
                         2: (["Brief."], corpus.article(2).language)}
        columns = {row[1] for row in corpus.conn.execute("PRAGMA table_info(articles)")}
    assert "body" not in columns and {"site_name", "agency", "language", "story_date"} <= columns


def test_phrase_queries_match_exact_word_order_with_snippets(tmp_path: Path, kit) -> None:
    db = tmp_path / "store.db"
    kit.store_articles(db, [kit.article("Crane", LONG_PARAGRAPHS),
                            kit.article("Reversed", ["Authority port workers met; the port was quiet."])])
    with Corpus.open(db, readonly=True) as corpus:
        hits = corpus.search('"port authority"')
        assert [hit.id for hit in hits] == [1]
        assert "[port authority]" in hits[0].to_dict()["snippet"]
        assert [hit.id for hit in corpus.search('"authority port"')] == [2]
        assert corpus.search('"crane lifted the last timber"')[0].id == 1
        assert corpus.search('"timber lifted"') == []


def test_filter_only_search_shows_the_start_of_the_decompressed_body(tmp_path: Path, kit) -> None:
    db = tmp_path / "store.db"
    kit.store_articles(db, [kit.article("Crane", LONG_PARAGRAPHS * 2, site_name="Quay Times")])
    with Corpus.open(db, readonly=True) as corpus:
        [hit] = corpus.search("", site="Quay Times")
    assert hit.snippet == "\n\n".join(LONG_PARAGRAPHS)[:200] + "…"


def test_index_stays_in_step_when_articles_or_texts_change(tmp_path: Path, kit) -> None:
    db = tmp_path / "store.db"
    kit.store_articles(db, [kit.article("Crane", LONG_PARAGRAPHS), kit.article("Ferry", ["The ferry left early."]),
                            kit.article("Tram", ["The tram was late again."])])
    with Corpus.open(db) as corpus:
        conn = corpus.conn
        conn.execute("UPDATE article_texts SET body = newstrace_pack('The ferry sank a toy boat.') WHERE article_id = 2")
        conn.execute("DELETE FROM article_texts WHERE article_id = 3")
        conn.execute("DELETE FROM articles WHERE id = 1")
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        assert [hit.id for hit in corpus.search("ferry")] == [2]
        assert corpus.search("early") == [] and corpus.search("crane") == [] and corpus.search("tram") == []
        assert [hit.id for hit in corpus.search('"toy boat"')] == [2]


def _v3_store(path: Path, body: str) -> None:
    """A store as newstrace wrote it before migration 4: the body as plain text inside `articles`."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    for script in MIGRATIONS[:3]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO pages (id, content_hash, source, size, ingested_at)"
                 " VALUES (1, 'ab', 'old.html', 10, '2024-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO articles (id, page_id, url, site_name, title, body, language, words)"
                 " VALUES (7, 1, 'https://old.example/a', 'Old Gazette', 'Crane repaired', ?, 'en', 40)", (body,))
    conn.execute("INSERT INTO removed (article_id, position, reason, text) VALUES (7, 0, 'share-widget', ?)",
                 ("Share this story with everyone you know, on every network, today please",))
    conn.execute("INSERT INTO quotes (article_id, position, speaker, text, paragraph, kind)"
                 " VALUES (7, 0, 'A spokeswoman', 'the tender would open', 2, 'attributed')")
    conn.close()


def test_a_version_3_store_upgrades_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    body = "\n\n".join(LONG_PARAGRAPHS)
    _v3_store(db, body)
    with Corpus.open(db, readonly=True) as corpus:  # a read-only open upgrades first
        assert corpus.schema_version == len(MIGRATIONS)
        article = corpus.article(7)
        assert (article.title, article.site_name, article.paragraphs) == ("Crane repaired", "Old Gazette",
                                                                         LONG_PARAGRAPHS)
        assert article.removed[0].text.startswith("Share this story") and article.quotes[0].speaker == "A spokeswoman"
        [hit] = corpus.search('"port authority"', site="Old Gazette")
        assert hit.id == 7 and "[port authority]" in hit.to_dict()["snippet"]
        assert corpus.conn.execute("SELECT typeof(body) FROM article_texts").fetchone()[0] == "blob"
        assert corpus.conn.execute("SELECT typeof(text) FROM removed").fetchone()[0] == "blob"
    with Corpus.open(db) as corpus:
        corpus.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        assert corpus.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_upgraded_store_has_the_schema_of_a_fresh_one(tmp_path: Path) -> None:
    _v3_store(tmp_path / "old.db", "A body.")
    Corpus.open(tmp_path / "fresh.db").close()
    schemas = []
    for name in ("old.db", "fresh.db"):
        with Corpus.open(tmp_path / name) as corpus:
            objects = corpus.conn.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY name").fetchall()
            columns = corpus.conn.execute("SELECT name, type FROM pragma_table_info('articles')").fetchall()
            merge = corpus.conn.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()
            schemas.append(([tuple(row) for row in objects], [tuple(row) for row in columns], tuple(merge)))
    assert schemas[0] == schemas[1]


def test_plain_sqlite_reads_the_index_but_needs_the_function_for_text(tmp_path: Path, kit) -> None:
    """What a `sqlite3` shell user gets: MATCH and bm25 work; snippets need newstrace_text (without it
    FTS5 reports only 'SQL logic error', as ARCHITECTURE.md warns)."""
    db = tmp_path / "store.db"
    kit.store_articles(db, [kit.article("Crane", LONG_PARAGRAPHS)])
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'tender'").fetchall() == [(1,)]
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("SELECT snippet(articles_fts, 1, '[', ']', '', 8) FROM articles_fts"
                         " WHERE articles_fts MATCH 'tender'").fetchall()
        register_text_functions(conn)
        [(snippet,)] = conn.execute("SELECT snippet(articles_fts, 1, '[', ']', '', 8) FROM articles_fts"
                                    " WHERE articles_fts MATCH 'tender'").fetchall()
        assert "[tender]" in snippet
    finally:
        conn.close()


def test_every_table_and_view_of_the_schema_is_documented() -> None:
    created = {name for script in MIGRATIONS
               for name in re.findall(r"CREATE (?:VIRTUAL )?(?:TABLE|VIEW) (\w+)", script)}
    assert {"article_texts", "article_fts_source"} <= created
    missing = sorted(name for name in created if f"`{name}`" not in ARCHITECTURE)
    assert not missing, f"not in ARCHITECTURE.md: {missing}"
