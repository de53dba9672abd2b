"""Reading the store: articles, full-text search, statistics. Plain functions over a connection."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import Article, Check, Claim, Dateline, Entity, Mention, Quote, Removed, TimeRef
from .db import StoreError
from .text import unpack_text

ARTICLE_COLUMNS = (
    "a.id, a.url, a.site_name, a.title, t.body AS stored_body, a.page_date, a.story_date, a.dateline_place,"
    " a.dateline_agency, a.dateline_date, a.agency, a.agency_source, a.credits, a.language, a.warnings, a.version,"
    " p.source, p.record, p.fetch_date, p.content_hash"
)
# The tables ARTICLE_COLUMNS come from; `stored_body` is compressed (read it with unpack_text).
ARTICLE_FROM = "articles a JOIN pages p ON p.id = a.page_id JOIN article_texts t ON t.article_id = a.id"
# Title matches weigh more than body matches in the BM25 ranking.
_BM25_WEIGHTS = "10.0, 1.0"


@dataclass(frozen=True)
class Filters:
    """Search and export filters; every value goes into SQL as a parameter."""

    site: str | None = None
    agency: str | None = None
    language: str | None = None
    since: str | None = None  # ISO date, inclusive, on story date (else page date)
    until: str | None = None
    entity: str | None = None  # articles naming this entity (any variant the corpus links to it)
    where: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)  # (column, operator, value)


# Match markers inside SearchHit.snippet; JSON shows them as [brackets], the terminal as highlights.
MATCH_START, MATCH_END = "\x02", "\x03"


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str | None
    site_name: str | None
    url: str | None
    source: str
    date: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "site_name": self.site_name, "url": self.url,
                "source": self.source, "date": self.date,
                "snippet": self.snippet.replace(MATCH_START, "[").replace(MATCH_END, "]"), "score": self.score}


def get_article(conn: sqlite3.Connection, article_id: int, *, enrichment: bool = True) -> tuple[int, Article] | None:
    """One stored article; `enrichment=False` skips entities, quotes and claims (the trace needs none)."""
    row = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.id = ?", (article_id,)).fetchone()
    return (row["id"], row_to_article(conn, row, enrichment=enrichment)) if row else None


def paragraphs_and_languages(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[list[str], str | None]]:
    """Body paragraphs and language of the given articles, read in one query: all that the trace's
    signatures need, without building whole Articles."""
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT a.id, a.language, t.body FROM articles a JOIN article_texts t ON t.article_id = a.id"
                        f" WHERE a.id IN ({marks})", ids)
    found = {}
    for article_id, language, stored in rows:
        body = unpack_text(stored)
        found[article_id] = (body.split("\n\n") if body else [], language)
    return found


def row_to_article(conn: sqlite3.Connection, row: sqlite3.Row, *, enrichment: bool = True) -> Article:
    removed = conn.execute("SELECT reason, text FROM removed WHERE article_id = ? ORDER BY position", (row["id"],))
    body = unpack_text(row["stored_body"])
    article = Article(
        title=row["title"],
        paragraphs=body.split("\n\n") if body else [],
        site_name=row["site_name"],
        url=row["url"],
        page_date=row["page_date"],
        story_date=row["story_date"],
        dateline=Dateline(place=row["dateline_place"], agency=row["dateline_agency"], date=row["dateline_date"]),
        agency=row["agency"],
        agency_source=bool(row["agency_source"]),
        credits=json.loads(row["credits"]),
        removed=[Removed(text=unpack_text(r["text"]), reason=r["reason"]) for r in removed],
        language=row["language"],
        source=row["source"],
        record=row["record"],
        warnings=json.loads(row["warnings"]),
    )
    if enrichment:
        _load_enrichment(conn, row["id"], article)
    return article


def _load_enrichment(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    def rows(sql: str):
        return conn.execute(sql + " WHERE article_id = ? ORDER BY position", (article_id,)).fetchall()

    article.entities = [Entity(r["name"], r["type"], json.loads(r["variants"]),
                               [Mention(**m) for m in json.loads(r["mentions"])], r["country"])
                        for r in rows("SELECT name, type, country, variants, mentions FROM entities")]
    article.quotes = [Quote(r["text"], r["speaker"], r["paragraph"], r["kind"])
                      for r in rows("SELECT text, speaker, paragraph, kind FROM quotes")]
    article.claims = [Claim(r["text"], r["kind"], r["value"], r["unit"], r["subject"], r["period"], r["paragraph"])
                      for r in rows("SELECT text, kind, value, unit, subject, period, paragraph FROM claims")]
    article.checks = [Check(r["kind"], r["status"], r["detail"]) for r in rows("SELECT kind, status, detail FROM checks")]
    article.dates = [TimeRef(r["text"], r["paragraph"], r["resolved"], r["status"])
                     for r in rows("SELECT text, paragraph, resolved, status FROM time_refs")]


def search(conn: sqlite3.Connection, query: str | None, filters: Filters = Filters(),
           limit: int = 20) -> list[SearchHit]:
    """Articles matching an FTS5 query, best first (BM25), with a highlighted snippet.

    With no query but some filter (e.g. `entity`), the matching articles, newest first.
    """
    if not query or not query.strip():
        if filters == Filters():
            raise StoreError("empty search query (give words to search for, or a filter such as --entity)")
        return _filtered(conn, filters, limit)
    # Two steps: rank every match inside the index (cheap), then build snippets and read article
    # columns for the few hits shown only; snippets for every match of a common word cost most.
    where, params = filter_sql(filters)
    join = "JOIN articles a ON a.id = articles_fts.rowid JOIN pages p ON p.id = a.page_id" if where else ""
    ranking = (f"SELECT articles_fts.rowid AS id, bm25(articles_fts, {_BM25_WEIGHTS}) AS score FROM articles_fts"
               f" {join} WHERE articles_fts MATCH ? {where} ORDER BY score LIMIT ?")
    try:
        ranked = conn.execute(ranking, (query, *params, limit)).fetchall()
        details = _hit_details(conn, query, [row["id"] for row in ranked])
    except sqlite3.OperationalError as error:
        raise StoreError(f"invalid search query {query!r}: {_fts_reason(error)}") from error
    return [SearchHit(**details[row["id"]], score=round(-row["score"], 4)) for row in ranked if row["id"] in details]


def _hit_details(conn: sqlite3.Connection, query: str, ids: list[int]) -> dict[int, dict]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT a.id, a.title, a.site_name, a.url, p.source, coalesce(a.story_date, a.page_date) AS date,"
        " snippet(articles_fts, 1, char(2), char(3), '…', 16) AS snippet"
        " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid JOIN pages p ON p.id = a.page_id"
        f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})", (query, *ids))
    return {row["id"]: {"id": row["id"], "title": row["title"], "site_name": row["site_name"], "url": row["url"],
                        "source": row["source"], "date": row["date"], "snippet": row["snippet"]} for row in rows}


def _filtered(conn: sqlite3.Connection, filters: Filters, limit: int) -> list[SearchHit]:
    where, params = filter_sql(filters)
    rows = conn.execute(
        "SELECT a.id, a.title, a.site_name, a.url, p.source, coalesce(a.story_date, a.page_date) AS date,"
        " substr(newstrace_text(t.body), 1, 200) AS snippet FROM articles a JOIN pages p ON p.id = a.page_id"
        " JOIN article_texts t ON t.article_id = a.id"
        f" WHERE 1=1 {where} ORDER BY date DESC, a.id LIMIT ?", (*params, limit)).fetchall()
    return [SearchHit(r["id"], r["title"], r["site_name"], r["url"], r["source"], r["date"],
                      r["snippet"] + ("…" if len(r["snippet"]) == 200 else ""), 0.0) for r in rows]


def quotes_by(conn: sqlite3.Connection, speaker: str | None = None, limit: int = 50) -> list[dict]:
    """Quotes, optionally by one speaker (matched on the name, its surname, or a linked variant)."""
    sql = ("SELECT q.article_id, q.speaker, q.text, q.kind, a.title, a.site_name,"
           " coalesce(a.story_date, a.page_date) AS date FROM quotes q JOIN articles a ON a.id = q.article_id")
    params: list = []
    if speaker:
        sql += (" WHERE q.speaker = ? COLLATE NOCASE OR q.speaker LIKE ? OR q.speaker IN (SELECT v2.variant"
                " FROM entity_variants v1 JOIN entity_variants v2 ON v2.canonical = v1.canonical"
                " WHERE v1.variant = ? COLLATE NOCASE)")
        params = [speaker, f"% {speaker}", speaker]
    rows = conn.execute(sql + " ORDER BY date DESC, q.article_id, q.position LIMIT ?", (*params, limit))
    return [dict(row) for row in rows]


def entity_counts(conn: sqlite3.Connection, entity_type: str | None = None, top: int = 20) -> list[dict]:
    """The most-mentioned entities across the corpus, variants linked, with the spellings seen."""
    params: list = [entity_type] if entity_type else []
    rows = conn.execute(
        "SELECT coalesce(v.canonical, e.name) AS name, e.type, count(DISTINCT e.article_id) AS articles,"
        " json_group_array(DISTINCT e.name) AS spellings FROM entities e"
        " LEFT JOIN entity_variants v ON v.variant = e.name AND v.type = e.type"
        + (" WHERE e.type = ?" if entity_type else "")
        + " GROUP BY coalesce(v.canonical, e.name), e.type ORDER BY articles DESC, name LIMIT ?", (*params, top))
    return [{"name": r["name"], "type": r["type"], "articles": r["articles"],
             "variants": sorted(json.loads(r["spellings"]))} for r in rows]


def like_search(conn: sqlite3.Connection, words: list[str], limit: int = 20) -> list[int]:
    """The same search as a plain LIKE scan, for the benchmark that shows the index earns its place."""
    # The scan has to decompress every body it looks at: that is part of what the index saves.
    clauses = " AND ".join("(a.title LIKE ? OR newstrace_text(t.body) LIKE ?)" for _ in words)
    params = [value for word in words for value in (f"%{word}%", f"%{word}%")]
    rows = conn.execute(f"SELECT a.id FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE {clauses}"
                        " LIMIT ?", (*params, limit))
    return [row[0] for row in rows]


def iter_articles(conn: sqlite3.Connection, filters: Filters = Filters(), *, with_hash: bool = False) -> Iterator:
    """Every article passing the filters, in id order, streamed: (id, Article), or (id, Article, page hash)."""
    where, params = filter_sql(filters)
    sql = f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE 1=1 {where} ORDER BY a.id"
    for row in conn.execute(sql, params):
        article = row_to_article(conn, row)
        yield (row["id"], article, row["content_hash"]) if with_hash else (row["id"], article)


# Columns that --where may name, and the operators it may use.
WHERE_COLUMNS = {
    "id": "a.id", "url": "a.url", "site_name": "a.site_name", "title": "a.title", "page_date": "a.page_date",
    "story_date": "a.story_date", "date": "coalesce(a.story_date, a.page_date)", "agency": "a.agency",
    "language": "a.language", "dateline_place": "a.dateline_place", "version": "a.version", "words": "a.words",
    "source": "p.source",
}
WHERE_OPERATORS = ("=", "!=", ">=", "<=", ">", "<", "~")
_WHERE_RE = re.compile(r"^\s*(\w+)\s*(!=|>=|<=|=|>|<|~)\s*(.*?)\s*$")


def parse_where(condition: str) -> tuple[str, str, str]:
    """'site_name=Harbourside Daily' -> ('site_name', '=', 'Harbourside Daily'); '~' means contains."""
    match = _WHERE_RE.match(condition)
    if not match or match.group(1) not in WHERE_COLUMNS:
        known = ", ".join(sorted(WHERE_COLUMNS))
        raise StoreError(f"cannot read condition {condition!r}: use COLUMN OP VALUE with a column of {known}"
                         f" and an operator of {' '.join(WHERE_OPERATORS)}")
    return match.group(1), match.group(2), match.group(3)


# An entity matches by its canonical name, any variant the article used, or any variant the corpus
# links to the same canonical name ("Sadyr Zhaparov" finds "Sadir Japarov").
_ENTITY_CLAUSE = (
    "a.id IN (SELECT e.article_id FROM entities e WHERE e.name = ? COLLATE NOCASE OR e.variants LIKE ?"
    " OR e.name LIKE ?"
    " OR e.name IN (SELECT v2.variant FROM entity_variants v1 JOIN entity_variants v2"
    " ON v2.canonical = v1.canonical AND v2.type = v1.type WHERE v1.variant = ? COLLATE NOCASE))"
)


def check_where(condition: tuple) -> tuple[str, str, str]:
    """A (column, operator, value) triple, refused unless column and operator are known."""
    if len(condition) != 3 or condition[0] not in WHERE_COLUMNS or condition[1] not in WHERE_OPERATORS:
        raise StoreError(f"cannot use condition {condition!r}: the column must be one of"
                         f" {', '.join(sorted(WHERE_COLUMNS))} and the operator one of {' '.join(WHERE_OPERATORS)}")
    return condition[0], condition[1], str(condition[2])


def filter_sql(filters: Filters) -> tuple[str, list]:
    clauses, params = [], []
    for column, value in (("a.site_name", filters.site), ("a.agency", filters.agency),
                          ("a.language", filters.language)):
        if value:
            clauses.append(f"{column} = ? COLLATE NOCASE")
            params.append(value)
    if filters.entity:
        clauses.append(_ENTITY_CLAUSE)
        params += [filters.entity, f'%"{filters.entity}"%', f"% {filters.entity}", filters.entity]
    if filters.since:
        clauses.append("coalesce(a.story_date, a.page_date) >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("coalesce(a.story_date, a.page_date) <= ?")
        params.append(filters.until)
    for column, operator, value in (check_where(condition) for condition in filters.where):
        if operator == "~":
            clauses.append(f"{WHERE_COLUMNS[column]} LIKE ?")
            params.append(f"%{value}%")
        else:
            clauses.append(f"{WHERE_COLUMNS[column]} {operator} ?")
            params.append(value)
    return "".join(f" AND {clause}" for clause in clauses), params


def stats(conn: sqlite3.Connection, top: int = 20) -> dict:
    """Counts for the corpus: totals, and by site, agency, language, month; recent errors."""
    def grouped(expression: str) -> list[dict]:
        rows = conn.execute(f"SELECT {expression} AS key, count(*) AS n FROM articles a GROUP BY key"
                            " ORDER BY n DESC, key LIMIT ?", (top,))
        return [{"name": row["key"], "articles": row["n"]} for row in rows]

    errors = conn.execute("SELECT source, record, reason, last_seen FROM errors ORDER BY last_seen DESC, id DESC"
                          " LIMIT ?", (top,)).fetchall()
    return {
        "pages": conn.execute("SELECT count(*) FROM pages").fetchone()[0],
        "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
        "errors": conn.execute("SELECT count(*) FROM errors").fetchone()[0],
        "words": conn.execute("SELECT coalesce(sum(words), 0) FROM articles").fetchone()[0],
        "by_site": grouped("a.site_name"),
        "by_agency": grouped("a.agency"),
        "by_language": grouped("a.language"),
        "by_month": grouped("substr(coalesce(a.story_date, a.page_date), 1, 7)"),
        "recent_errors": [dict(row) for row in errors],
    }


def _fts_reason(error: sqlite3.OperationalError) -> str:
    text = str(error)
    if "fts5" in text or "syntax" in text or "unterminated" in text or "no such column" in text:
        return f"{text} (quote phrases with \"...\"; AND, OR, NOT and NEAR need terms on both sides)"
    return text
