"""Pages from WARC files (plain or gzip), one record at a time.

Records are read by their Content-Length rather than by a WARC library,
so that a file cut short is noticed: every complete record before the cut
is yielded, then one failure names the record where the data ends.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from newstrace.ingest import http
from newstrace.ingest.common import CHUNK_SIZE, CorruptInput, TruncatedInput, iso_day, too_large_reason
from newstrace.ingest.streams import Content
from newstrace.model import InputFailure, Page

# Records that can hold a page; `conversion` is what WET (extracted text) files use.
_PAGE_RECORD_TYPES = frozenset({"response", "resource", "conversion"})


@dataclass(slots=True)
class _Record:
    """Where a record is and what its WARC headers say."""

    source: str
    where: str
    headers: dict[str, str]
    max_bytes: int


def read_warc(content: Content, source: str, max_bytes: int) -> Iterator[Page | InputFailure]:
    stream = content.stream
    where = None  # the record being read, None between records
    try:
        while True:
            first_line = _next_nonblank_line(stream)
            if not first_line:
                return
            where = content.locate(stream.tell() - len(first_line))
            if not first_line.startswith(b"WARC/"):
                yield InputFailure(source, f"no WARC record at offset {where} (found {first_line[:16]!r})", where)
                return
            headers, complete = http.read_headers(stream.readline)
            if not complete:
                raise TruncatedInput("the data ends inside the WARC headers")
            item = _read_record(stream, _Record(source, where, headers, max_bytes))
            if item is not None:
                yield item
            where = None
    except TruncatedInput as exc:
        what = "record" if where else "file"
        at = where or exc.offset or content.locate(stream.tell())
        yield InputFailure(source, f"truncated WARC {what} at offset {at}: {exc}", at)
    except CorruptInput as exc:
        at = where or content.locate(stream.tell())
        yield InputFailure(source, f"broken WARC record at offset {at}: {exc}", at)


def _next_nonblank_line(stream: io.BufferedReader) -> bytes:
    """The next line that is not blank (records are separated by blank
    lines); b"" at the end of the data."""
    while True:
        line = stream.readline(http.MAX_HEADER_LINE)
        if not line:
            return b""
        if line.strip():
            if len(line) < http.MAX_HEADER_LINE and not line.endswith(b"\n"):
                raise TruncatedInput("the data ends inside the WARC version line")
            return line


def _read_record(stream: io.BufferedReader, record: _Record) -> Page | InputFailure | None:
    block = _Block(stream, _content_length(record.headers))
    record_type = record.headers.get("warc-type", "").lower()
    item = None
    if record_type in _PAGE_RECORD_TYPES:
        item = _response_page(block, record) if record_type == "response" else _resource_page(block, record)
    block.skip_rest()
    return item


def _content_length(headers: dict[str, str]) -> int:
    value = headers.get("content-length", "")
    if not value.isdigit():
        raise CorruptInput(f"the WARC header has no valid Content-Length (got {value[:20]!r})")
    return int(value)


def _response_page(block: _Block, record: _Record) -> Page | InputFailure | None:
    """The page in an HTTP response record; None for anything that is not a
    successful HTML or text response (redirects, errors, images, DNS)."""
    warc_type = http.media_type(record.headers.get("content-type", ""))
    if warc_type and not warc_type.startswith("application/http"):
        return None
    status = http.status_code(block.readline(http.MAX_HEADER_LINE))
    if status is None or not 200 <= status < 300:
        return None
    http_headers, complete = http.read_headers(block.readline)
    kind = http.payload_kind(http_headers.get("content-type", ""))
    if not complete or kind is None:
        return None
    return _payload_page(block, record, kind, http_headers)


def _resource_page(block: _Block, record: _Record) -> Page | InputFailure | None:
    kind = http.payload_kind(record.headers.get("content-type", ""))
    return None if kind is None else _payload_page(block, record, kind, {})


def _payload_page(
    block: _Block, record: _Record, kind: str, http_headers: dict[str, str]
) -> Page | InputFailure | None:
    if block.left > record.max_bytes:
        return InputFailure(record.source, too_large_reason(block.left, record.max_bytes), record.where)
    payload, problem = http.decode_payload(block.read(block.left), http_headers, record.max_bytes)
    if problem:
        return InputFailure(record.source, problem, record.where)
    if kind == "sniff":
        kind = http.sniff_kind(payload)
    if kind is None or not payload:
        return None
    return Page(
        source=record.source,
        data=payload,
        record=record.where,
        url=_target_uri(record.headers),
        date=iso_day(record.headers.get("warc-date", "")),
        content_type=kind,
    )


def _target_uri(headers: dict[str, str]) -> str | None:
    # WARC 1.0 examples wrap the URI in angle brackets; some tools copied that.
    uri = headers.get("warc-target-uri", "").strip().removeprefix("<").removesuffix(">")
    return uri or None


class _Block:
    """The Content-Length bytes of one record; running out of data before
    their end means the file was cut."""

    def __init__(self, stream: io.BufferedReader, length: int) -> None:
        self._stream = stream
        self.left = length

    def readline(self, limit: int) -> bytes:
        wanted = min(limit, self.left)
        if wanted <= 0:
            return b""
        line = self._stream.readline(wanted)
        self.left -= len(line)
        if len(line) < wanted and not line.endswith(b"\n"):
            raise TruncatedInput("the data ends before the record's Content-Length")
        return line

    def read(self, size: int) -> bytes:
        wanted = min(size, self.left)
        data = self._stream.read(wanted)
        self.left -= len(data)
        if len(data) < wanted:
            raise TruncatedInput("the data ends before the record's Content-Length")
        return data

    def skip_rest(self) -> None:
        while self.left > 0:
            self.read(CHUNK_SIZE)
