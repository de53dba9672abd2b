"""Decide what form an input has from its name and its first bytes.

Magic numbers win over the name (a PNG called `page.html` is still a PNG);
otherwise a known extension wins; otherwise the content is sniffed.
"""

from __future__ import annotations

import json
import re

# Signatures of common non-page files, tried in order: (offset, magic, kind).
_BINARY_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"RIFF", "RIFF media (WebP, WAV or AVI)"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"\x00\x00\x01\x00", "ICO image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive or Office document"),
    (0, b"PK\x05\x06", "ZIP archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (0, b"\x1f\x8b", "gzip data nested in gzip"),
    (0, b"BZh", "bzip2 data"),
    (0, b"\xfd7zXZ\x00", "xz data"),
    (0, b"\x28\xb5\x2f\xfd", "zstd data"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (4, b"ftyp", "MP4/QuickTime media"),
    (0, b"OggS", "Ogg media"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"wOFF", "WOFF font"),
    (0, b"wOF2", "WOFF2 font"),
)

_EXTENSION_FORMS = {
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".txt": "text",
    ".text": "text",
    ".rss": "feed",
    ".atom": "feed",
}

_COMPRESSION_SUFFIXES = (".gz", ".gzip")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_FEED_ROOT = re.compile(
    rb"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*<(?:rss|feed|rdf:RDF)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_MARKER = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    rb"</?(?:p|div|span|a|br|h[1-6]|table|tr|td|ul|ol|li|img|meta|title|script|style"
    rb"|article|section|header|footer|nav|main|strong|em|b|i|link)\b[^>]*>",
    re.IGNORECASE,
)
_JSON_OBJECT_START = re.compile(rb'^\{\s*"')
# Bytes that do not occur in text in any encoding we expect (tab, newlines,
# form feed and escape are allowed).
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | {0x1C, 0x1D, 0x1E, 0x1F}
_SNIFF_SIZE = 1024
_MIN_HTML_TAGS = 3


def detect_form(name: str, head: bytes) -> str:
    """The form of an input: "html", "text", "warc", "jsonl", "feed",
    "binary:<kind>" or "empty".

    `name` is the file name (any `.gz` suffix is ignored; "" or "-" when
    unknown); `head` is the first bytes of the (decompressed) content.
    """
    if not head:
        return "empty"
    binary_kind = _magic_kind(head)
    if binary_kind:
        return f"binary:{binary_kind}"
    if _is_warc(head):
        return "warc"
    extension = _extension(name)
    if extension in _EXTENSION_FORMS:
        return _EXTENSION_FORMS[extension]
    if extension == ".xml" and _FEED_ROOT.match(head):
        return "feed"
    return _sniff_content(head)


def looks_like_html(head: bytes) -> bool:
    """Whether the start of a document reads as HTML rather than plain text."""
    sample = _as_ascii_view(head[:_SNIFF_SIZE])
    if _HTML_MARKER.search(sample):
        return True
    return len(_HTML_TAG.findall(sample)) >= _MIN_HTML_TAGS


def _magic_kind(head: bytes) -> str | None:
    for offset, magic, kind in _BINARY_MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return kind
    return None


def _is_warc(head: bytes) -> bool:
    return head.lstrip(b"\r\n").startswith((b"WARC/1.", b"WARC/0."))


def is_page_name(name: str) -> bool:
    """Whether a file met while walking a directory should be read as input.

    Files named for a page form (.html, .txt, .warc, .jsonl, feeds, .xml and
    their .gz) are read, as are files with no extension (sniffed); anything
    else (README.md, scripts, .json, .csv, templates) is left alone, so that
    pointing newstrace at a folder does not turn its notes into articles.
    Files named explicitly are always read.
    """
    extension = _extension(name)
    return extension in _EXTENSION_FORMS or extension in ("", ".xml")


def _extension(name: str) -> str:
    lowered = name.lower()
    for suffix in _COMPRESSION_SUFFIXES:
        if lowered.endswith(suffix):
            lowered = lowered[: -len(suffix)]
    base = lowered.replace("\\", "/").rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:] if dot > 0 else ""


def _sniff_content(head: bytes) -> str:
    sample = head[:_SNIFF_SIZE]
    if _looks_binary(sample):
        return "binary:unrecognised binary data"
    text_start = _as_ascii_view(sample).lstrip()
    if _looks_like_json_line(head):
        return "jsonl"
    if _FEED_ROOT.match(text_start):
        return "feed"
    return "html" if looks_like_html(sample) else "text"


def _looks_binary(sample: bytes) -> bool:
    """Many control bytes (NUL above all) mean binary, unless the sample is
    UTF-16, where every other byte of ASCII text is NUL."""
    if sample.startswith(_UTF16_BOMS) or _looks_like_bomless_utf16(sample):
        return False
    control = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return b"\x00" in sample or control > len(sample) // 10


def _looks_like_bomless_utf16(sample: bytes) -> bool:
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    return half >= 8 and max(even_nuls, odd_nuls) > 0.9 * half and min(even_nuls, odd_nuls) == 0


def _as_ascii_view(sample: bytes) -> bytes:
    """The sample with UTF-16 code units narrowed to bytes, so that byte
    patterns like b"<html" match UTF-16 pages too."""
    if sample.startswith(_UTF16_BOMS) or _looks_like_bomless_utf16(sample):
        return sample.replace(b"\x00", b"")
    return sample.removeprefix(b"\xef\xbb\xbf")


def _looks_like_json_line(head: bytes) -> bool:
    """A JSON object on the first line: the line parses as one, or it is too
    long to be complete in the head but opens like one."""
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if not _JSON_OBJECT_START.match(stripped):
        return False
    first_line, newline, _ = stripped.partition(b"\n")
    if not newline:
        return True
    try:
        return isinstance(json.loads(first_line), dict)
    except (ValueError, RecursionError):
        return False
