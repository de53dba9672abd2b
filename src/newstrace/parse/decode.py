"""Bytes to text: BOM, declared charset, UTF-8, then detection.

Pages in the wild lie about their encoding and mix encodings (a UTF-8 page
with a few Windows-1252 bytes pasted in). We decode UTF-8 first and repair the
stray bytes one by one, rather than decoding the whole page in a wrong codec.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from ..errors import ParseError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([\w.:-]{2,40})""", re.I)
_STRAY_BYTES = re.compile("[\udc80-\udcff]+")
# Control characters other than tab, newline, carriage return, form feed.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.05


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_page(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode page bytes to text; raise ParseError for binary data.

    Valid UTF-8 wins over a declared charset: text in a legacy codec is almost
    never valid UTF-8 by chance, while pages labelled ISO-8859-1 that are in
    fact UTF-8 are common.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(encoding, errors="replace"), encoding)
    if _looks_utf16(data[:8192]):
        encoding = "utf-16-le" if data[1:8192:2].count(0) > data[0:8192:2].count(0) else "utf-16-be"
        return Decoded(data.decode(encoding, errors="replace"), encoding)
    _reject_binary(data)
    text = _try_decode(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    declared = declared or sniff_declared_charset(data[:4096])
    if declared and _codec_name(declared) not in (None, "utf-8"):
        text = _try_decode(data, _codec_name(declared))
        if text is not None:
            return Decoded(text, _codec_name(declared))
    return _decode_utf8_or_detect(data)


def sniff_declared_charset(head: bytes) -> str | None:
    """The charset an HTML or XML page declares in its first bytes, if any."""
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def _decode_utf8_or_detect(data: bytes) -> Decoded:
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(len(m.group(0)) for m in _STRAY_BYTES.finditer(text))
    if not stray:
        return Decoded(text, "utf-8")
    if stray <= max(8, len(data) // 200):
        repaired = _STRAY_BYTES.sub(_as_cp1252, text)
        note = f"mixed encodings: {stray} byte(s) not valid UTF-8 were read as Windows-1252"
        return Decoded(repaired, "utf-8", [note])
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best else "cp1252"
    return Decoded(data.decode(encoding, errors="replace"), encoding, [f"encoding detected as {encoding}"])


def _as_cp1252(match: re.Match[str]) -> str:
    raw = bytes(ord(ch) - 0xDC00 for ch in match.group(0))
    return raw.decode("cp1252", errors="replace")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # Browsers read pages labelled Latin-1 as Windows-1252 (the WHATWG rule).
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name


def _reject_binary(data: bytes) -> None:
    head = data[:8192]
    if b"\x00" in head:
        raise ParseError("binary data, not a text or HTML page (NUL bytes)")
    if head and len(_CONTROL_BYTES.findall(head)) / len(head) > _BINARY_SHARE:
        raise ParseError("binary data, not a text or HTML page (control bytes)")


def _looks_utf16(head: bytes) -> bool:
    # Mostly-ASCII text in UTF-16 without a BOM: nearly every other byte is NUL.
    if len(head) < 16:
        return False
    return max(head[1::2].count(0), head[0::2].count(0)) > 0.8 * (len(head) // 2) and head.count(0) < 0.6 * len(head)
