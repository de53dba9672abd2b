"""read_pages must never raise, whatever bytes a file holds."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.ingest import read_pages
from newstrace.model import InputFailure, Page

SUFFIXES = [
    ".html", ".htm", ".xhtml", ".txt", ".warc", ".warc.gz", ".jsonl", ".ndjson",
    ".jsonl.gz", ".html.gz", ".txt.gz", ".rss", ".atom", ".xml", ".dat", "",
]
# Starts that steer the random bytes into each reader's deeper paths.
PREFIXES = [
    b"",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n",
    b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n",
    b'{"html": "',
    b'{"text": "x"}\n',
    b"<?xml version='1.0'?><rss><channel><item><description>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='xhtml'>",
    b"<!doctype html><p>",
    b"\x89PNG\r\n\x1a\n",
]


def check_items(path: Path, max_bytes: int) -> None:
    for item in read_pages(path, max_bytes=max_bytes):
        assert isinstance(item, (Page, InputFailure))
        if isinstance(item, InputFailure):
            assert item.reason and not item.reason.startswith("internal error"), item


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    suffix=st.sampled_from(SUFFIXES),
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=600),
    compress=st.booleans(),
    cut=st.integers(min_value=0, max_value=700),
    max_bytes=st.sampled_from([16, 200, 64 * 2**20]),
)
def test_read_pages_never_raises(suffix, prefix, body, compress, cut, max_bytes) -> None:
    data = prefix + body
    if compress:
        data = gzip.compress(data)
        data = data[: max(cut, 1)] if cut < len(data) else data
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"input{suffix}"
        path.write_bytes(data)
        check_items(path, max_bytes)
