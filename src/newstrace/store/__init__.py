"""Store stage: the corpus on disk, an embedded SQLite file.

`Corpus` is a thin object over plain functions that take a connection
(`db`, `write`, `read`, `export`, `ingest`); use either.
"""

from __future__ import annotations

import os
import sqlite3
from typing import IO

from ..model import Article
from .db import StoreError, connect, transaction
from .export import FORMATS, export
from .ingest import IngestOptions, IngestProgress, Progress, ingest_paths
from .read import Filters, SearchHit, check_where, entity_counts, get_article, parse_where, quotes_by, search, stats
from .write import rebuild_entity_variants
from .schema import schema_version

DEFAULT_DB = "newstrace.db"

__all__ = ["Corpus", "DEFAULT_DB", "Filters", "IngestOptions", "IngestProgress", "SearchHit", "StoreError",
           "connect", "transaction", "FORMATS"]


class Corpus:
    """A newstrace corpus: `Corpus.open(path)`, then ingest, search, read and export."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | os.PathLike = DEFAULT_DB, *, readonly: bool = False) -> Corpus:
        return cls(connect(path, readonly=readonly), os.fspath(path))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    def ingest(self, paths, progress: Progress | None = None, *, workers: int | None = None,
               options: IngestOptions | None = None) -> IngestProgress:
        options = options or IngestOptions(workers=workers)
        counts = ingest_paths(self.conn, paths, options=options, progress=progress)
        if counts.articles and options.enrich is not None:
            with transaction(self.conn):
                rebuild_entity_variants(self.conn)
        return counts

    def quotes(self, speaker: str | None = None, limit: int = 50) -> list[dict]:
        """Quotes in the corpus, by one speaker or all, newest first."""
        return quotes_by(self.conn, speaker, limit)

    def entities(self, entity_type: str | None = None, top: int = 20) -> list[dict]:
        """The most-mentioned entities with every spelling the corpus links to them."""
        return entity_counts(self.conn, entity_type, top)

    def search(self, query: str, *, limit: int = 20, **filters) -> list[SearchHit]:
        return search(self.conn, query, make_filters(**filters), limit=limit)

    def article(self, article_id: int) -> Article:
        found = get_article(self.conn, int(article_id))
        if found is None:
            raise StoreError(f"no article with id {article_id} in {self.path}")
        return found[1]

    def export(self, fmt: str, out: IO, **filters) -> int:
        return export(self.conn, fmt, out, make_filters(**filters))

    def stats(self, top: int = 20) -> dict:
        return stats(self.conn, top=top)

    def trace(self, progress=None, *, workers: int | None = None, options=None):
        """Trace untraced articles against the whole store (incremental); returns the counts."""
        from ..trace.corpus import TraceOptions, trace_store

        return trace_store(self.conn, self.path, options=options or TraceOptions(workers=workers),
                           progress=progress)

    def copies(self, article_id: int, *, include_same_event: bool = True):
        """The article's stored links: copies (verbatim, edited, spun) first, then same-event reports."""
        from ..trace.queries import copies_of

        self.article(article_id)  # a clear error for an unknown id
        return copies_of(self.conn, int(article_id), include_same_event=include_same_event)

    def origin(self, article_id: int):
        """The article's family of copies rooted at its original, or None when it has no copies."""
        from ..trace.queries import family_of

        self.article(article_id)
        return family_of(self.conn, int(article_id))


def make_filters(*, site: str | None = None, agency: str | None = None, language: str | None = None,
                 since: str | None = None, until: str | None = None, entity: str | None = None,
                 where: tuple | list = ()) -> Filters:
    """Filters from keyword arguments; `where` items are 'column OP value' strings or parsed triples."""
    parsed = tuple(parse_where(item) if isinstance(item, str) else check_where(tuple(item)) for item in where)
    return Filters(site=site, agency=agency, language=language, since=since, until=until, entity=entity,
                   where=parsed)
