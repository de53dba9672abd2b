"""The store schema, as a list of forward migrations.

`PRAGMA user_version` holds the number of migrations applied. A new stage
adds its tables by appending a migration; existing ones are never edited.
"""

from __future__ import annotations

import sqlite3

from .text import register_text_functions

MIGRATIONS: tuple[str, ...] = (
    # 1: pages, articles, removed furniture, ingest errors, full-text index.
    """
    CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,      -- sha256 of the raw page bytes
        source TEXT NOT NULL,                   -- file path, or '-' for stdin
        record TEXT,                            -- WARC offset / JSONL line inside the source
        url TEXT,
        fetch_date TEXT,                        -- capture date from the container (ISO)
        content_type TEXT,
        size INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX pages_url ON pages(url);

    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL UNIQUE REFERENCES pages(id) ON DELETE CASCADE,
        url TEXT,
        site_name TEXT,
        title TEXT,
        body TEXT NOT NULL,                     -- paragraphs joined by blank lines
        page_date TEXT,
        story_date TEXT,
        dateline_place TEXT,
        dateline_agency TEXT,
        dateline_date TEXT,
        agency TEXT,
        agency_source INTEGER NOT NULL DEFAULT 0,
        credits TEXT NOT NULL DEFAULT '{}',     -- JSON: role -> [names]
        language TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',    -- JSON list
        version INTEGER NOT NULL DEFAULT 1,     -- nth distinct content seen at this URL
        words INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_site ON articles(site_name);
    CREATE INDEX articles_agency ON articles(agency);
    CREATE INDEX articles_date ON articles(coalesce(story_date, page_date));
    CREATE INDEX articles_language ON articles(language);
    CREATE INDEX articles_url ON articles(url);

    CREATE TABLE removed (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        reason TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE errors (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        record TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        UNIQUE (source, record, reason)
    );

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    """,
    # 2: trace stage: signatures of traced articles, copy links, families of copies.
    """
    CREATE TABLE trace_signatures (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        wording BLOB NOT NULL,                  -- MinHash of 5-word shingles (uint32 array)
        facts BLOB NOT NULL,                    -- MinHash of anchor pairs and figures (uint32 array)
        figures BLOB NOT NULL,                  -- MinHash of distinctive figures alone (uint32 array)
        names BLOB NOT NULL,                    -- MinHash of the names mentioned (uint32 array)
        traced_at TEXT                          -- NULL until the article's candidate pairs are compared
    );

    CREATE TABLE copy_links (
        a_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        b_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        relation TEXT NOT NULL,                 -- verbatim, edited, spun, same-event
        confidence REAL NOT NULL,
        original_id INTEGER,                    -- a_id, b_id or NULL when undecided
        flags TEXT NOT NULL DEFAULT '[]',       -- JSON list, for the copy side
        detail TEXT NOT NULL,                   -- JSON: scores, reasons, changes, alignment summary
        PRIMARY KEY (a_id, b_id),
        CHECK (a_id < b_id)
    ) WITHOUT ROWID;
    CREATE INDEX copy_links_b ON copy_links(b_id);

    CREATE TABLE families (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        family_id INTEGER NOT NULL,             -- the smallest article id in the family
        original_id INTEGER NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX families_family ON families(family_id);
    """,
    # 3: enrich stage: entities, quotes, claims, checks, relative dates; corpus-wide name variants.
    """
    CREATE TABLE entities (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,                     -- canonical form within the article
        type TEXT NOT NULL,                     -- person, organisation, place, group, event
        country TEXT,
        variants TEXT NOT NULL DEFAULT '[]',    -- JSON list
        mentions TEXT NOT NULL DEFAULT '[]',    -- JSON list of {paragraph, start, end, text}
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
    CREATE INDEX entities_type ON entities(type);

    CREATE TABLE quotes (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        speaker TEXT,
        text TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        kind TEXT NOT NULL,                     -- direct, partial, attributed
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);

    CREATE TABLE claims (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,                     -- money, percent, count
        value REAL NOT NULL,
        unit TEXT,
        subject TEXT,
        period TEXT,
        text TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE checks (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE time_refs (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        resolved TEXT,
        status TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE entity_variants (
        variant TEXT NOT NULL,                  -- a name as some article writes it
        type TEXT NOT NULL,
        canonical TEXT NOT NULL,                -- the form the corpus links it to
        PRIMARY KEY (variant, type)
    ) WITHOUT ROWID;
    CREATE INDEX entity_variants_canonical ON entity_variants(canonical COLLATE NOCASE);
    """,
    # 4: article bodies compressed in their own table (narrow articles rows for filters and scans),
    # removed furniture compressed in place; the full-text index reads bodies through a view.
    # Needs the SQL functions of store/text.py (newstrace_pack, newstrace_text) on the connection.
    """
    CREATE TABLE article_texts (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        body BLOB NOT NULL                      -- paragraphs joined by blank lines, zlib UTF-8 (TEXT if tiny)
    );
    INSERT INTO article_texts (article_id, body) SELECT id, newstrace_pack(body) FROM articles;
    UPDATE removed SET text = newstrace_pack(text);

    DROP TRIGGER articles_fts_insert;
    DROP TRIGGER articles_fts_delete;
    DROP TRIGGER articles_fts_update;
    DROP TABLE articles_fts;
    ALTER TABLE articles DROP COLUMN body;

    CREATE VIEW article_fts_source (id, title, body) AS
        SELECT a.id, a.title, newstrace_text(t.body) FROM articles a JOIN article_texts t ON t.article_id = a.id;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='article_fts_source', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    -- A rebuilt index is left in many segments; merged it is about 8% smaller (measured on 10k articles).
    INSERT INTO articles_fts(articles_fts) VALUES ('optimize');
    -- Merge 16 segments at a time instead of 4: a third less CPU per insert for 2.5% more index
    -- (measured on 100k articles), and no slower searches.
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);

    -- An article is indexed once its text is stored (articles row first, then article_texts).
    CREATE TRIGGER article_texts_fts_insert AFTER INSERT ON article_texts BEGIN
        INSERT INTO articles_fts(rowid, title, body)
            SELECT a.id, a.title, newstrace_text(new.body) FROM articles a WHERE a.id = new.article_id;
    END;
    -- BEFORE: the text row is still there to give the indexed words back (a cascade deletes it later).
    CREATE TRIGGER articles_fts_delete BEFORE DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
            SELECT 'delete', id, title, body FROM article_fts_source WHERE id = old.id;
    END;
    -- A text deleted on its own (its article kept); in a cascade the article is gone and this does nothing.
    CREATE TRIGGER article_texts_fts_delete BEFORE DELETE ON article_texts BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
            SELECT 'delete', a.id, a.title, newstrace_text(old.body) FROM articles a WHERE a.id = old.article_id;
    END;
    CREATE TRIGGER articles_fts_title AFTER UPDATE OF title ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
            SELECT 'delete', old.id, old.title, newstrace_text(t.body) FROM article_texts t WHERE t.article_id = old.id;
        INSERT INTO articles_fts(rowid, title, body)
            SELECT new.id, new.title, newstrace_text(t.body) FROM article_texts t WHERE t.article_id = new.id;
    END;
    CREATE TRIGGER article_texts_fts_body AFTER UPDATE OF body ON article_texts BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
            SELECT 'delete', a.id, a.title, newstrace_text(old.body) FROM articles a WHERE a.id = old.article_id;
        INSERT INTO articles_fts(rowid, title, body)
            SELECT a.id, a.title, newstrace_text(new.body) FROM articles a WHERE a.id = new.article_id;
    END;
    """,
    # 5: which version of the signature rules made each stored signature, so that `trace` re-signs
    # articles signed under older rules (existing rows: version 1).
    """
    ALTER TABLE trace_signatures ADD COLUMN rules INTEGER NOT NULL DEFAULT 1;
    """,
)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this database lacks, each in its own transaction."""
    current = schema_version(conn)
    register_text_functions(conn)  # migration 4 compresses stored text in SQL
    if current > len(MIGRATIONS):
        raise sqlite3.DatabaseError(
            f"schema version {current} is newer than this newstrace knows ({len(MIGRATIONS)}); upgrade newstrace")
    for number in range(current, len(MIGRATIONS)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            if schema_version(conn) == number:
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (triggers hold inner semicolons)."""
    statements, current = [], []
    for line in script.splitlines():
        current.append(line)
        candidate = "\n".join(current).strip()
        if candidate.endswith(";") and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            current = []
    tail = "\n".join(current).strip()
    return statements + ([tail] if tail else [])
