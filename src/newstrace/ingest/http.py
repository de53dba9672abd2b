"""The HTTP side of WARC records: header blocks, status lines, content
types, and undoing chunked transfer and gzip/deflate content encodings."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

from newstrace.ingest.common import HEAD_SIZE, too_large_reason
from newstrace.ingest.sniff import detect_form

MAX_HEADER_LINE = 64 * 1024
_MAX_HEADER_LINES = 512
_STATUS_LINE = re.compile(rb"HTTP/\d(?:\.\d)?\s+(\d{3})\b")
_CHUNK_SIZE_LINE = re.compile(rb"\s*([0-9A-Fa-f]+)\s*(?:;.*)?$")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xhtml", "text/xhtml"})
_TEXT_TYPES = frozenset({"text/plain"})
# A payload with one of these (or no) type is judged by its bytes.
_UNTYPED = frozenset({"", "application/octet-stream", "unknown/unknown", "binary/octet-stream"})
_INFLATE_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 15}


def read_headers(readline: Callable[[int], bytes]) -> tuple[dict[str, str], bool]:
    """Header lines up to the blank line, as {lower-case name: value}; the
    flag says whether the blank line was found (False: the data ran out).
    The first occurrence of a repeated header wins."""
    headers: dict[str, str] = {}
    last_name = None
    for _ in range(_MAX_HEADER_LINES):
        line = readline(MAX_HEADER_LINE)
        if not line.endswith(b"\n"):
            return headers, False
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        if not text.strip():
            return headers, True
        if text[0] in " \t" and last_name is not None:
            headers[last_name] += " " + text.strip()
            continue
        name, colon, value = text.partition(":")
        if colon:
            last_name = name.strip().lower()
            headers.setdefault(last_name, value.strip())
    return headers, False


def status_code(line: bytes) -> int | None:
    """The status of an HTTP status line, None when it is not one."""
    match = _STATUS_LINE.match(line)
    return int(match.group(1)) if match else None


def media_type(content_type: str) -> str:
    """'text/html' from 'Text/HTML; charset=UTF-8'."""
    return content_type.split(";", 1)[0].strip().lower()


def payload_kind(content_type: str) -> str | None:
    """"html", "text", "sniff" (decide from the bytes) or None (not a page)."""
    kind = media_type(content_type)
    if kind in _HTML_TYPES:
        return "html"
    if kind in _TEXT_TYPES:
        return "text"
    return "sniff" if kind in _UNTYPED else None


def sniff_kind(payload: bytes) -> str | None:
    """"html" or "text" for an untyped payload that reads as a page."""
    form = detect_form("", payload[:HEAD_SIZE])
    return form if form in ("html", "text") else None


def decode_payload(payload: bytes, headers: dict[str, str], max_bytes: int) -> tuple[bytes, str | None]:
    """The payload with transfer and content encodings undone, and a failure
    reason when that is impossible. Archives differ here: some store the
    bytes as sent, some store them decoded but keep the headers, so each
    step is skipped when the bytes show it was already undone."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        payload = _dechunk(payload) or payload
    codings = [part.strip().lower() for part in headers.get("content-encoding", "").split(",")]
    for coding in reversed(codings):
        if coding in ("", "identity"):
            continue
        if coding not in _INFLATE_WBITS:
            return payload, f"payload uses the unsupported content encoding {coding!r}"
        if coding != "deflate" and not payload.startswith(b"\x1f\x8b"):
            continue
        payload, problem = _inflate(payload, _INFLATE_WBITS[coding], max_bytes)
        if problem:
            return payload, problem
    return payload, None


def _dechunk(payload: bytes) -> bytes | None:
    """The body of a chunked transfer, None when `payload` is not chunked.
    A body cut inside a chunk keeps what was there."""
    pieces: list[bytes] = []
    position = 0
    while position < len(payload):
        line_end = payload.find(b"\n", position)
        if line_end < 0:
            break
        match = _CHUNK_SIZE_LINE.match(payload, position, line_end)
        if match is None:
            return None if not pieces else b"".join(pieces)
        size = int(match.group(1), 16)
        if size == 0:
            break
        start = line_end + 1
        pieces.append(payload[start : start + size])
        position = start + size
        position += 2 if payload.startswith(b"\r\n", position) else 1
    return b"".join(pieces) if pieces else None


def _inflate(payload: bytes, wbits: int, max_bytes: int) -> tuple[bytes, str | None]:
    """Inflate at most max_bytes (a small payload can expand enormously);
    a payload cut short keeps what inflated, as browsers do."""
    attempts = (wbits, -15) if wbits == 15 else (wbits,)  # deflate comes raw or zlib-wrapped
    for attempt in attempts:
        inflater = zlib.decompressobj(attempt)
        try:
            inflated = inflater.decompress(payload, max_bytes + 1)
        except zlib.error:
            continue
        if len(inflated) > max_bytes:
            return b"", too_large_reason(None, max_bytes)
        return inflated, None
    return payload, "payload could not be decompressed"
