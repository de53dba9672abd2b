"""The ingest stage: raw pages from any input form.

`read_pages` walks a file, a directory tree or stdin and yields one `Page`
per HTML or text page found (WARC and JSONL inputs are read record by
record), and an `InputFailure` for each input or record that cannot be
read. It never raises for bad input; it only judges containers, leaving
decoding and content checks to the parse stage.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from newstrace.ingest.common import MIB
from newstrace.ingest.files import read_path
from newstrace.ingest.sniff import detect_form
from newstrace.model import InputFailure, Page

__all__ = ["DEFAULT_MAX_BYTES", "detect_form", "read_pages"]

DEFAULT_MAX_BYTES = 64 * MIB


def read_pages(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Page | InputFailure]:
    """Pages from `path`: a file, a directory (recursively, in name order,
    hidden names skipped) or "-" for stdin. Forms: HTML, plain text, WARC,
    JSONL, RSS/Atom, each possibly gzip-compressed.

    `max_bytes` limits one page (a single-page file, a WARC payload, a JSONL
    field), not a container: a 1 GiB WARC is fine, a 100 MiB page is not.
    """
    yield from read_path(os.fsdecode(path), max_bytes)
