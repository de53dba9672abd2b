"""Small helpers shared by the ingest readers: errors, sizes, dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

from newstrace.errors import InputError

MIB = 2**20
# How much of an input is looked at to decide its form.
HEAD_SIZE = 8192
# Reads of container data go in pieces of this size, so that nothing larger
# than one page is ever held at once.
CHUNK_SIZE = 256 * 1024


class TruncatedInput(InputError):
    """The data ends before the container says it should (cut file)."""

    def __init__(self, reason: str, offset: str | None = None) -> None:
        super().__init__(reason)
        self.offset = offset


class CorruptInput(InputError):
    """The container's own structure is broken (bad gzip, bad WARC header)."""


def format_size(size: int) -> str:
    """A byte count for people: '512 bytes', '3.2 KiB', '50.0 MiB'."""
    if size < 1024:
        return f"{size} bytes"
    if size < MIB:
        return f"{size / 1024:.1f} KiB"
    if size < 1024 * MIB:
        return f"{size / MIB:.1f} MiB"
    return f"{size / (1024 * MIB):.1f} GiB"


def too_large_reason(size: int | None, max_bytes: int) -> str:
    """The failure text for a page over the size limit; size None when unknown
    (a compressed or streamed page we stopped reading at the limit)."""
    limit = format_size(max_bytes)
    if size is None:
        return f"page is over the {limit} limit"
    return f"page is {format_size(size)}, over the {limit} limit"


def os_reason(exc: OSError) -> str:
    """'permission denied', 'no such file or directory', ... from an OSError."""
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{6})?$")


def iso_day(value: str) -> str | None:
    """The calendar day of an ISO 8601 / compact / RFC 2822 date, as
    YYYY-MM-DD; None when `value` is none of those. The day is the one
    written in the value (no time-zone shift): that is the day the
    publisher or crawler saw."""
    text = value.strip()
    match = _ISO_DAY.match(text) or _COMPACT_DAY.match(text)
    if match:
        return _valid_day(*(int(part) for part in match.groups()[:3]))
    return _rfc2822_day(text)


# Unix times outside 1970..2100 are taken to be something else (e.g. milliseconds).
_LAST_UNIX_SECOND = 4102444800


def unix_day(seconds: float) -> str | None:
    """The UTC day of a Unix time in seconds, None when implausible."""
    if not 0 <= seconds < _LAST_UNIX_SECOND:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _rfc2822_day(text: str) -> str | None:
    try:
        moment: datetime = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment.date().isoformat()
