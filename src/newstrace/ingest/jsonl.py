"""Pages from JSON Lines: one object per line with the page under "html",
"text" or "content". A bad line is a failure of that line only."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from newstrace.errors import InputError
from newstrace.ingest.common import CHUNK_SIZE, format_size, iso_day, too_large_reason, unix_day
from newstrace.ingest.sniff import looks_like_html
from newstrace.model import InputFailure, Page

# Field name -> content type of the page it holds; None: decide by sniffing.
_PAGE_FIELDS = (("html", "html"), ("text", "text"), ("content", None))
_UTF8_BOM = b"\xef\xbb\xbf"


def read_jsonl(stream: io.BufferedReader, source: str, max_bytes: int) -> Iterator[Page | InputFailure]:
    # JSON escaping makes a line longer than the page it holds; allow for it.
    line_limit = 2 * max_bytes + 1024
    line_number = 0
    try:
        for line_number, line in _numbered_lines(stream, line_limit):
            record = str(line_number)
            if line is None:
                yield InputFailure(source, f"line is over the {format_size(line_limit)} limit", record)
            elif line.strip():
                yield _line_page(line, source, record, max_bytes)
    except InputError as exc:  # a cut or damaged gzip stream
        yield InputFailure(source, f"data ends after line {line_number}: {exc}", str(line_number + 1))


def _numbered_lines(stream: io.BufferedReader, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(1-based number, line) pairs; the line is None when over `limit`,
    and its rest is skipped without being held."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if number == 1:
            line = line.removeprefix(_UTF8_BOM)
        if len(line) > limit:
            _skip_to_line_end(stream, line)
            yield number, None
        else:
            yield number, line


def _skip_to_line_end(stream: io.BufferedReader, line: bytes) -> None:
    while line and not line.endswith(b"\n"):
        line = stream.readline(CHUNK_SIZE)


def _line_page(line: bytes, source: str, record: str, max_bytes: int) -> Page | InputFailure:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return InputFailure(source, f"invalid JSON: {_short(exc)}", record)
    if not isinstance(value, dict):
        return InputFailure(source, f"line holds a JSON {_json_kind(value)}, not an object", record)
    return _object_page(value, source, record, max_bytes)


def _object_page(value: dict, source: str, record: str, max_bytes: int) -> Page | InputFailure:
    if isinstance(value.get("paragraphs"), list) and not any(k in value for k in ("html", "text", "content")):
        # An article already parsed (a newstrace JSONL export): handed on as it is.
        data = line_text = json.dumps(value, ensure_ascii=False)
        if len(line_text.encode("utf-8", "surrogatepass")) > max_bytes:
            return InputFailure(source, too_large_reason(len(line_text), max_bytes), record)
        return Page(source=source, data=data, record=record, url=_text_field(value, "url"), content_type="article")
    field, kind = _page_field(value)
    if field is None:
        return InputFailure(source, "object has no html, text or content field", record)
    data = value[field]
    if not isinstance(data, str):
        return InputFailure(source, f"the {field!r} field is a {_json_kind(data)}, not a string", record)
    if not data.strip():
        return InputFailure(source, f"the {field!r} field is empty", record)
    size = len(data.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        return InputFailure(source, too_large_reason(size, max_bytes), record)
    if kind is None:
        kind = "html" if looks_like_html(data[:1024].encode("utf-8", "replace")) else "text"
    return Page(
        source=source, data=data, record=record,
        url=_text_field(value, "url"), date=_date_field(value), content_type=kind,
    )


def _page_field(value: dict) -> tuple[str | None, str | None]:
    """The first page field present (not null), and the kind it implies."""
    for name, kind in _PAGE_FIELDS:
        if value.get(name) is not None:
            return name, kind
    return None, None


def _text_field(value: dict, name: str) -> str | None:
    field = value.get(name)
    return (field.strip() or None) if isinstance(field, str) else None


def _date_field(value: dict) -> str | None:
    """YYYY-MM-DD from an ISO 8601 or RFC 2822 date or a Unix time in
    seconds; None for anything else (Page.date is ISO or nothing)."""
    date = value.get("date")
    if isinstance(date, str):
        return iso_day(date)
    if isinstance(date, (int, float)) and not isinstance(date, bool):
        return unix_day(date)
    return None


def _json_kind(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    names = {list: "array", dict: "object", str: "string", bool: "boolean", int: "number", float: "number"}
    return names.get(type(value), "null")


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 120 else text[:117] + "..."
