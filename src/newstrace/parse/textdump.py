"""Plain-text dumps of a whole page: split into blocks, find the header and title.

A scraper that flattened a page leaves the site header (a date, the site
name, a tagline) above the headline, often the headline twice, then the body.
Dates above the headline belong to the page; dates between the headline and
the body belong to the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Removed
from .dates import find_dates
from .patterns import PUBLISH_LEAD

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")
# How far down the page the headline may sit.
_TITLE_WINDOW = 14
_HEADER_MAX_WORDS = 8
# Words that may sit beside a date on a date line: weekdays, times, zones, separators.
_DATE_NOISE = re.compile(
    r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|"
    r"\b(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|ist|jst|ct|et)\b|\bat\b|\bon\b|[|,•·/()\-–—]"
)


@dataclass
class TextHead:
    """What the top of a text dump holds, and where the body starts."""

    title: str | None = None
    site_name: str | None = None
    page_date: str | None = None
    story_date: str | None = None
    body_start: int = 0
    removed: list[Removed] = field(default_factory=list)


def split_blocks(text: str) -> list[str]:
    """Blank-line separated blocks, or one block per line when the dump has no blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    chunks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    blocks = []
    for chunk in chunks:
        lines = [_SPACES.sub(" ", line).strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        # Short lines stacked without blank lines are separate items (header, widgets).
        if all(len(line.split()) <= _HEADER_MAX_WORDS for line in lines):
            blocks.extend(lines)
        else:
            blocks.append(" ".join(lines))
    return blocks


def read_head(blocks: list[str], *, is_furniture) -> TextHead:
    """Find headline, site header and dates at the top of a text dump."""
    title_at = _find_title(blocks, is_furniture)
    if title_at is None:
        return TextHead()
    head = TextHead(title=blocks[title_at])
    _read_site_header(blocks[:title_at], head, is_furniture)
    position = title_at + 1
    while position < len(blocks) and position <= title_at + 4:
        block = blocks[position]
        if _same_title(block, head.title):
            head.removed.append(Removed(block, "duplicate-title"))
        elif (date := _date_line(block)) is not None:
            head.story_date = head.story_date or date
            head.removed.append(Removed(block, "publish-date"))
        else:
            break
        position += 1
    head.body_start = position
    return head


def _find_title(blocks: list[str], is_furniture) -> int | None:
    window = blocks[:_TITLE_WINDOW]
    for index, block in enumerate(window[:-1]):
        if _same_title(window[index + 1], block) and _headline_like(block):
            return index
    for index, block in enumerate(window):
        if _is_body(block):
            return None
        if _headline_like(block) and not is_furniture(block) and _body_follows(blocks, index):
            return index
    return None


def _read_site_header(lines: list[str], head: TextHead, is_furniture) -> None:
    for line in lines:
        reason = is_furniture(line)
        date = _date_line(line)
        if date and not head.page_date:
            head.page_date = date
        elif not reason and not date and head.site_name is None and _site_name_like(line):
            head.site_name = line
        head.removed.append(Removed(line, reason or "site-header"))


def _date_line(block: str) -> str | None:
    """The date of a line that is only a date ("Updated 10:30 GMT, May 18, 2023"), else None."""
    if len(block) > 80:
        return None
    line = PUBLISH_LEAD.sub("", block)
    found = find_dates(line)
    if not found:
        return None
    iso, (start, end) = found[0]
    leftover = _DATE_NOISE.sub(" ", line[:start] + " " + line[end:])
    return iso if len(leftover.split()) <= 1 else None


def _headline_like(block: str) -> bool:
    words = block.split()
    if not 3 <= len(words) <= 30 or len(block) > 250:
        return False
    return not block.endswith((".", ",", ";", ":")) and block[:1].isupper() or block[:1] in "“‘\"'"


def _is_body(block: str) -> bool:
    return len(block.split()) >= 30 and block.endswith((".", "”", '"', "’", "!", "?"))


def _body_follows(blocks: list[str], index: int) -> bool:
    return any(_is_body(b) or len(b.split()) >= 15 for b in blocks[index + 1: index + 5])


def _site_name_like(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 5 and not line.endswith(".") and words[0][:1].isupper()


def _same_title(block: str, title: str | None) -> bool:
    return title is not None and block.casefold().strip(" .") == title.casefold().strip(" .")
