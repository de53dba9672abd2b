"""Fixtures that build WARC files in memory with warcio's writer."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_DATE = "2024-03-05T14:30:00Z"


@dataclass
class Rec:
    """One record to write: a response when `status` is set, else a record
    of `kind` whose block is `body`."""

    kind: str
    url: str = "https://news.example/story"
    body: bytes = b""
    status: str | None = None
    http_headers: list[tuple[str, str]] = field(default_factory=list)
    content_type: str | None = None


def html_response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> Rec:
    return Rec("response", url, body, status, [("Content-Type", content_type)])


def _warc_record(writer: WARCWriter, rec: Rec):
    headers = {"WARC-Date": WARC_DATE}
    if rec.kind == "warcinfo":
        return writer.create_warcinfo_record("test.warc", {"software": "tests"})
    http_headers = None
    if rec.status is not None:
        http_headers = StatusAndHeaders(rec.status, rec.http_headers, protocol="HTTP/1.1")
    elif rec.kind == "request":
        http_headers = StatusAndHeaders("GET /story HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    return writer.create_warc_record(
        rec.url, rec.kind, payload=io.BytesIO(rec.body), http_headers=http_headers,
        warc_content_type=rec.content_type, warc_headers_dict=headers,
    )


def build_warc(records: list[Rec], compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for rec in records:
        writer.write_record(_warc_record(writer, rec))
    return buffer.getvalue()


def record_offsets(data: bytes) -> list[int]:
    """Each record's offset as warcio reports it: the reference for ours."""
    iterator = ArchiveIterator(io.BytesIO(data))
    offsets = []
    for _ in iterator:
        offsets.append(iterator.get_record_offset())
    return offsets


@pytest.fixture
def warc_tools():
    """The builders, as a fixture so test modules need no imports from here."""
    return SimpleNamespace(build=build_warc, offsets=record_offsets, Rec=Rec, html_response=html_response)
