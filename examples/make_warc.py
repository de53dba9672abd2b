"""Build examples/feeds/crawl.warc.gz from the HTML sources in examples/warc-src/.

Run from anywhere:  python examples/make_warc.py

The output is byte-for-byte reproducible: record ids are derived from the
record type and URL, WARC-Date and the HTTP Date header come from the table
below, and warcio's gzip members carry no timestamp. The sources end in
``.html.in`` so that ingesting ``examples/`` does not pick them up as pages of
their own next to the WARC records made from them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

EXAMPLES_DIR = Path(__file__).resolve().parent
SOURCE_DIR = EXAMPLES_DIR / "warc-src"
OUTPUT_PATH = EXAMPLES_DIR / "feeds" / "crawl.warc.gz"
CRAWLER_AGENT = "newstrace-example-crawler/0.1 (+https://newstrace.example/bot)"


@dataclass(frozen=True)
class Capture:
    """One fetched page: where it came from, when, and how the server labelled it."""

    url: str
    warc_date: str  # ISO 8601, UTC, as written in WARC-Date
    source_name: str  # file under warc-src/
    content_type: str  # HTTP Content-Type header as the server sent it
    with_request: bool = False


CAPTURES = (
    Capture(
        url="https://www.valleysentinel.example/news/maryland/2023/10/18/tidewater-derailment-worn-joint",
        warc_date="2023-10-19T03:12:44Z",
        source_name="valley-sentinel-derailment.html.in",
        content_type="text/html; charset=utf-8",
        with_request=True,
    ),
    Capture(
        url="https://azurecoastweekly.example/2024/05/04/readers-rescue-paris-bookshop/",
        warc_date="2024-05-05T10:02:17Z",
        source_name="azure-coast-bookshop.html.in",
        # No charset in the header: the page's own <meta charset> has to be read.
        content_type="text/html",
    ),
    Capture(
        url="https://meridianpost.example/markets/nordkyst-bank-q3-profit-beats-estimates",
        warc_date="2023-10-24T12:30:05Z",
        source_name="meridian-markets-nordkyst.html.in",
        content_type="text/html; charset=UTF-8",
    ),
)


def record_id(record_type: str, url: str) -> str:
    """A stable WARC-Record-ID, so that regenerating the file changes nothing."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, record_type + ' ' + url)}>"


def http_date(warc_date: str) -> str:
    moment = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    return format_datetime(moment, usegmt=True)


def warcinfo_record(writer: WARCWriter):
    fields = (
        "software: newstrace examples/make_warc.py (warcio)\r\n"
        "format: WARC File Format 1.0\r\n"
        "description: invented sample pages for newstrace; no real articles\r\n"
    ).encode("utf-8")
    headers = {
        "WARC-Record-ID": record_id("warcinfo", OUTPUT_PATH.name),
        "WARC-Date": "2024-05-05T10:00:00Z",
        "WARC-Filename": OUTPUT_PATH.name,
    }
    return writer.create_warc_record(
        "", "warcinfo", payload=BytesIO(fields),
        warc_content_type="application/warc-fields", warc_headers_dict=headers,
    )


def request_record(writer: WARCWriter, capture: Capture):
    parts = urlsplit(capture.url)
    request_line = f"GET {parts.path or '/'} HTTP/1.1"
    http_headers = StatusAndHeaders(
        request_line,
        [("Host", parts.netloc), ("User-Agent", CRAWLER_AGENT), ("Accept", "text/html")],
        is_http_request=True,
    )
    headers = {
        "WARC-Record-ID": record_id("request", capture.url),
        "WARC-Date": capture.warc_date,
        "WARC-Concurrent-To": record_id("response", capture.url),
    }
    return writer.create_warc_record(
        capture.url, "request", payload=BytesIO(b""),
        http_headers=http_headers, warc_headers_dict=headers,
    )


def response_record(writer: WARCWriter, capture: Capture):
    body = (SOURCE_DIR / capture.source_name).read_bytes()
    http_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Date", http_date(capture.warc_date)),
            ("Server", "nginx"),
            ("Content-Type", capture.content_type),
            ("Content-Length", str(len(body))),
        ],
        protocol="HTTP/1.1",
    )
    headers = {
        "WARC-Record-ID": record_id("response", capture.url),
        "WARC-Date": capture.warc_date,
    }
    return writer.create_warc_record(
        capture.url, "response", payload=BytesIO(body),
        http_headers=http_headers, warc_headers_dict=headers,
    )


def write_crawl(output_path: Path = OUTPUT_PATH) -> Path:
    output_path.parent.mkdir(parents=True, exist_ok=True)
    with output_path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="1.0")
        writer.write_record(warcinfo_record(writer))
        for capture in CAPTURES:
            if capture.with_request:
                writer.write_record(request_record(writer, capture))
            writer.write_record(response_record(writer, capture))
    return output_path


if __name__ == "__main__":
    print(write_crawl())
