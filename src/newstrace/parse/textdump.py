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
_TITLE_WINDOW = 20
_HEADER_MAX_WORDS = 8
# Section menus ("Business | Transportation") are not site names.
_SEPARATORS = re.compile(r"[|•·>»/]")
_SEGMENT_SPLIT = re.compile(r"\s*[|•]\s*")
# A headline may end in an abbreviation's full stop: "... in Clearwater, B.C.", "... Holdings Inc."
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Bros|Mt)\.)$")
# Words that may sit beside a date on a date line: weekdays, times, zones, separators.
_DATE_NOISE = re.compile(
    r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|"
    r"\b(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|ist|jst|kst|wib|ct|et)\b|\b(?:at|on|updated?|published)\b|"
    r"[|,•·/():\-–—]"
)


@dataclass
class TextHead:
    """What the top of a text dump holds, and where the body starts."""

    title: str | None = None
    site_name: str | None = None
    page_date: str | None = None
    story_date: str | None = None
    body: list[str] = field(default_factory=list)  # blocks below the headline, in order
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
            blocks.extend(_join_colon_leads(lines))
        else:
            blocks.append(" ".join(lines))
    return blocks


def _join_colon_leads(lines: list[str]) -> list[str]:
    """'To contact the reporter:' + 'Jo Lee at ...' -> one item: a lead ending in a colon
    introduces the line below it."""
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].endswith(":") and len(joined[-1].split()) > 1:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def read_head(blocks: list[str], *, is_furniture, is_byline) -> TextHead:
    """Find headline, site header and dates at the top of a text dump."""
    title_at = _find_title(blocks, is_furniture, is_byline)
    if title_at is None:
        return TextHead(body=list(blocks))
    head = TextHead(title=blocks[title_at])
    _read_site_header(blocks[:title_at], head, is_furniture)
    body_at = _first_body_index(blocks, title_at + 1) or title_at + 1
    for position, block in enumerate(blocks[title_at + 1: body_at]):
        if _same_title(block, head.title):
            head.removed.append(Removed(block, "duplicate-title"))
        elif (date := _date_line(block)) is not None:
            head.story_date = head.story_date or date
            head.removed.append(Removed(block, "publish-date"))
        elif position == 0 and _long_headline(block) and not is_byline(block) and not is_furniture(block):
            head.removed.append(Removed(block, "subheadline"))
        else:
            # "Zeynep Arslanoglu |20.02.2024 - Update : 20.02.2024": a byline that also dates the story.
            head.story_date = head.story_date or _segment_date(block)
            head.body.append(block)  # bylines and the like: the news analysis names them
    head.body.extend(blocks[body_at:])
    return head


def _find_title(blocks: list[str], is_furniture, is_byline) -> int | None:
    """The headline: a repeated headline-like block, else the last headline-like block
    above the first body paragraph (skipping bylines, dates and furniture between)."""
    window = blocks[:_TITLE_WINDOW]
    for index, block in enumerate(window[:-1]):
        if _same_title(window[index + 1], block) and headline_like(block) and not _date_line(block):
            return index
    body_at = _first_body_index(window, 0)
    for index in range(body_at - 1 if body_at else -1, -1, -1):
        block = blocks[index]
        if _date_line(block) or is_byline(block) or is_furniture(block):
            continue
        if not headline_like(block):
            return None
        # A headline with a standfirst below it: both read as headlines; the upper one is the title.
        while index > 0 and _long_headline(blocks[index - 1]) and _long_headline(block):
            index -= 1
        return index
    return None


def _long_headline(block: str) -> bool:
    return headline_like(block) and len(block.split()) >= 6


def _first_body_index(blocks: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(blocks)) if _is_body(blocks[i])), None)


def _read_site_header(lines: list[str], head: TextHead, is_furniture) -> None:
    for line in lines:
        reason = is_furniture(line)
        date = _date_line(line)
        if date and not head.page_date:
            head.page_date = date
        elif not reason and not date and head.site_name is None and _site_name_like(line):
            head.site_name = line
        head.removed.append(Removed(line, reason or "site-header"))


def _segment_date(block: str) -> str | None:
    """The date of the first '|'-separated segment that is only a date."""
    for segment in _SEGMENT_SPLIT.split(block):
        date = _date_line(segment.strip(), segments=False)
        if date:
            return date
    return None


def _date_line(block: str, segments: bool = True) -> str | None:
    """The date of a line that is only a date ("Updated 10:30 GMT, May 18, 2023",
    "Feb 7, 2022 | KYODO NEWS"), else None."""
    if len(block) > 80:
        return None
    if segments and _SEGMENT_SPLIT.search(block) and len(_SEGMENT_SPLIT.split(block)) == 2:
        first, second = _SEGMENT_SPLIT.split(block)
        if _date_line(first.strip(), False) and len(second.split()) <= 3:
            return _date_line(first.strip(), False)
    line = PUBLISH_LEAD.sub("", block)
    found = find_dates(line)
    if not found:
        return None
    leftover = line
    for _, (start, end) in reversed(found):
        leftover = leftover[:start] + " " + leftover[end:]
    leftover = _DATE_NOISE.sub(" ", leftover)
    return found[0][0] if len(leftover.split()) <= 1 else None


def headline_like(block: str) -> bool:
    words = block.split()
    if not 3 <= len(words) <= 30 or len(block) > 250:
        return False
    starts_well = block[:1].isupper() or block[:1].isdigit() or block[:1] in "“‘\"'«¿¡"
    ends_well = not block.endswith((".", ",", ";", ":")) or bool(_ABBREVIATION_END.search(block))
    return starts_well and ends_well


def _is_body(block: str) -> bool:
    words = len(block.split())
    return words >= 40 or words >= 16 and block.endswith((".", "”", '"', "’", "!", "?", "»"))


def _site_name_like(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 5 and not line.endswith(".") and words[0][:1].isupper() and not _SEPARATORS.search(line)


def _same_title(block: str, title: str | None) -> bool:
    return title is not None and block.casefold().strip(" .") == title.casefold().strip(" .")
