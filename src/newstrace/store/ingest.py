"""Ingest: read pages, parse them on all cores, write them in batched transactions.

The main process reads inputs, drops pages the store already holds (by
content hash) before any parsing, and is the only writer. Worker processes
parse, and compress the texts for the store (`write.packed_texts`), so the
writer only inserts. At most a bounded window of pages is in flight, so
memory stays flat however large the input. Each batch is one transaction: a run killed at any
moment leaves whole batches behind, and re-running skips what is stored.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from ..ingest import read_pages
from ..model import Article, InputFailure, Page
from ..parse import ParseOptions
from ..enrich import EnrichOptions
from ..pipeline import parse_and_enrich
from ..workers import worker_pool
from .db import transaction
from .write import content_hash, insert_article, packed_texts, record_failure

# Pages per task sent to a worker, and tasks in flight per worker.
_CHUNK = 16
_TASKS_PER_WORKER = 4


@dataclass
class IngestProgress:
    """Running counts, handed to the progress callback after every batch."""

    pages: int = 0  # pages read
    articles: int = 0  # new articles stored
    duplicates: int = 0  # pages the store already held
    errors: int = 0
    started: float = field(default_factory=time.monotonic)
    failures: list[InputFailure] = field(default_factory=list)  # kept for the end-of-run list (capped)

    @property
    def pages_per_s(self) -> float:
        return self.pages / max(time.monotonic() - self.started, 1e-9)


@dataclass(frozen=True)
class IngestOptions:
    workers: int | None = None  # None: all cores; 1: parse in this process
    batch_size: int = 200
    parse: ParseOptions = ParseOptions()
    enrich: EnrichOptions | None = EnrichOptions()  # None: store articles without enrichment
    max_failures_kept: int = 1000


Progress = Callable[[IngestProgress], None]


def ingest_paths(conn: sqlite3.Connection, paths: Iterable[str | os.PathLike], *,
                 options: IngestOptions = IngestOptions(), progress: Progress | None = None) -> IngestProgress:
    """Ingest every page under `paths` into the store; returns the final counts."""
    counts = IngestProgress()
    items = _unseen_items(conn, paths, counts)
    parsed = _parse_all(items, options)
    batch: list[tuple[Page | None, tuple[str, int] | None, Article | InputFailure, tuple | None]] = []
    for result in parsed:
        batch.append(result)
        if len(batch) >= options.batch_size:
            _write_batch(conn, batch, counts, options)
            batch = []
            if progress:
                progress(counts)
    _write_batch(conn, batch, counts, options)
    if progress:
        progress(counts)
    return counts


def _unseen_items(conn: sqlite3.Connection, paths: Iterable, counts: IngestProgress
                  ) -> Iterator[tuple[Page | None, tuple[str, int] | None, InputFailure | None]]:
    """(page, (hash, size), None) for pages not yet stored; (None, None, failure) for unreadable inputs."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    for path in paths:
        for item in read_pages(path):
            if isinstance(item, InputFailure):
                yield None, None, item
                continue
            counts.pages += 1
            digest = exported_hash(item) or content_hash(item.data)
            if conn.execute("SELECT 1 FROM pages WHERE content_hash = ?", (digest,)).fetchone():
                counts.duplicates += 1
                continue
            yield item, (digest, len(item.data)), None


def exported_hash(page: Page) -> str | None:
    """A newstrace export row names the hash of the page it came from: keep it, so that
    re-ingesting an export into its own store adds nothing."""
    if page.content_type != "article":
        return None
    try:
        digest = json.loads(page.data).get("content_hash")
    except (ValueError, AttributeError):
        return None
    return digest if isinstance(digest, str) and len(digest) == 64 else None


def _parse_all(items: Iterator, options: IngestOptions, *, pack: bool = True) -> Iterator[tuple]:
    """(page, identity, article or failure, packed texts) in input order; `pack=False` parses only
    (packed is then None), which is what the benchmark's bare parse runs."""
    workers = options.workers or os.cpu_count() or 1
    if workers == 1:
        for chunk in _chunks(items, _CHUNK):
            pages = [page for page, _, failure in chunk if failure is None]
            yield from _merge(chunk, _parse_chunk(pages, options.parse, options.enrich, pack))
        return
    with worker_pool(workers) as pool:
        yield from _parse_in_pool(pool, items, options, workers * _TASKS_PER_WORKER, pack)


def _parse_in_pool(pool: ProcessPoolExecutor, items: Iterator, options: IngestOptions,
                   window: int, pack: bool) -> Iterator[tuple]:
    """Results in input order, with at most `window` chunks in flight (back-pressure)."""
    pending: deque[tuple[list, Future]] = deque()
    for chunk in _chunks(items, _CHUNK):
        pages = [page for page, _, failure in chunk if failure is None]
        pending.append((chunk, pool.submit(_parse_chunk, pages, options.parse, options.enrich, pack)))
        if len(pending) >= window:
            chunk, future = pending.popleft()
            yield from _merge(chunk, future.result())
    while pending:
        chunk, future = pending.popleft()
        yield from _merge(chunk, future.result())


def _merge(chunk: list, parsed: list) -> Iterator[tuple]:
    results = iter(parsed)
    for page, identity, failure in chunk:
        if failure is not None:
            yield None, None, failure, None
        else:
            yield (_without_data(page), identity, *next(results))


def _parse_chunk(pages: list[Page], parse_options: ParseOptions, enrich_options: EnrichOptions | None,
                 pack: bool) -> list[tuple[Article | InputFailure, tuple | None]]:
    """Runs in a worker: parse (and enrich), then compress each article's texts for the writer."""
    parsed = parse_and_enrich(pages, parse_options, enrich_options)
    return [(item, packed_texts(item) if pack and isinstance(item, Article) else None) for item in parsed]


def _write_batch(conn: sqlite3.Connection, batch: list, counts: IngestProgress, options: IngestOptions) -> None:
    if not batch:
        return
    with transaction(conn):
        for page, identity, result, packed in batch:
            if isinstance(result, InputFailure):
                record_failure(conn, result)
                counts.errors += 1
                if len(counts.failures) < options.max_failures_kept:
                    counts.failures.append(result)
            elif insert_article(conn, page, result, digest=identity[0], size=identity[1], packed=packed) is None:
                counts.duplicates += 1  # stored meanwhile, by this run or a concurrent one
            else:
                counts.articles += 1


def _without_data(page: Page) -> Page:
    # The raw bytes are not stored and were already sent to a worker: drop them from the batch.
    return dataclasses.replace(page, data=b"")


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
