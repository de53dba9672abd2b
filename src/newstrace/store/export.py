"""Exports: JSONL (the full article, re-ingestible), CSV (one flat row per article), Parquet."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from typing import IO

from ..model import Article
from .db import StoreError
from .read import Filters, iter_articles

FORMATS = ("jsonl", "csv", "parquet")
CSV_COLUMNS = ("id", "url", "site_name", "title", "page_date", "story_date", "dateline_place", "dateline_agency",
               "dateline_date", "agency", "agency_source", "language", "credits", "removed", "warnings", "source",
               "record", "content_hash", "body")
_PARQUET_BATCH = 2000


def export_rows(conn: sqlite3.Connection, filters: Filters = Filters()) -> Iterator[dict]:
    """Each article as its JSON shape plus the store id; the JSONL export writes these as they are."""
    for article_id, article, digest in iter_articles(conn, filters, with_hash=True):
        # The page's content hash travels with the row, so re-ingesting an export is idempotent too.
        yield {"id": article_id, **article.to_dict(), "content_hash": digest}


def export(conn: sqlite3.Connection, fmt: str, out: IO, filters: Filters = Filters()) -> int:
    """Write the articles passing `filters` to `out` (text for jsonl/csv, binary for parquet). Returns the count."""
    if fmt == "jsonl":
        return _write_jsonl(export_rows(conn, filters), out)
    if fmt == "csv":
        return _write_csv(export_rows(conn, filters), out)
    if fmt == "parquet":
        return _write_parquet(export_rows(conn, filters), out)
    raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


def flat_row(row: dict) -> dict:
    """One CSV/Parquet row: nested fields as JSON text, paragraphs joined by blank lines."""
    return {
        "id": row["id"], "url": row["url"], "site_name": row["site_name"], "title": row["title"],
        "page_date": row["page_date"], "story_date": row["story_date"],
        "dateline_place": row["dateline"]["place"], "dateline_agency": row["dateline"]["agency"],
        "dateline_date": row["dateline_date"], "warnings": json.dumps(row["warnings"], ensure_ascii=False),
        "content_hash": row["content_hash"],
        "agency": row["agency"], "agency_source": row["agency_source"], "language": row["language"],
        "credits": json.dumps(row["credits"], ensure_ascii=False),
        "removed": json.dumps(row["removed"], ensure_ascii=False),
        "source": row["source"], "record": row["record"], "body": "\n\n".join(row["paragraphs"]),
    }


def _write_jsonl(rows: Iterator[dict], out: IO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(rows: Iterator[dict], out: IO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(flat_row(row))
        count += 1
    return count


def _write_parquet(rows: Iterator[dict], out: IO) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise StoreError("Parquet export needs pyarrow: pip install 'newstrace[parquet]'") from error
    schema = pa.schema([(name, pa.int64() if name == "id" else pa.bool_() if name == "agency_source" else pa.string())
                        for name in CSV_COLUMNS])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(flat_row(row))
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def article_from_export(row: dict) -> Article:
    """Read back one JSONL export row (the inverse of export_rows, less the store id)."""
    return Article.from_dict(row)
