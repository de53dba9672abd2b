"""Datelines: 'XI’AN, China (Reuters) –', 'PARIS, May 3 (AFP) -', 'WASHINGTON —'.

The dateline is read off the start of the first body paragraph; what follows
it stays in the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .agencies import AgencyTable
from .dates import parse_month_day
from .names import NAME_PARTICLES

_DASH = r"(?:[-–—]+|\.\s*[-–—]|:)"
# Places have at most this many words ("RIO DE JANEIRO, Brazil" is 4).
_MAX_PLACE_WORDS = 7


@dataclass(frozen=True)
class DatelineMatch:
    place: str | None
    agency: str | None
    date: str | None  # "2023-09-19", or ISO "--MM-DD" when the dateline gives no year
    rest: str  # the paragraph after the dateline


@lru_cache(maxsize=4)
def _agency_dateline_re(alias_pattern: str) -> re.Pattern[str]:
    return re.compile(
        r"^\s*(?P<head>(?:[^()\n]|\([^()\n]{1,30}\)){0,90}?)\.?\s*(?:\(\s*|/)(?P<agency>" + alias_pattern + r")(?:\s*/\s*[\w-]{1,12})*\s*[)/]\.?"
        r"\s*(?P<dash>" + _DASH + r")?\s*(?P<rest>.*)$",
        re.S,
    )


_CAPS_DATELINE = re.compile(
    r"^\s*(?P<head>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ’'.\- ]{1,40}(?:,\s*[A-Z][\w.’' -]{1,25}?)?)\s*" + _DASH + r"\s*(?P<rest>\S.*)$",
    re.S,
)


@lru_cache(maxsize=4)
def _agency_first_re(alias_pattern: str) -> re.Pattern[str]:
    # ANSA's order: "(ANSA) - PALERMO, JUNE 28 - Around 200,000 people ..."
    return re.compile(r"^\s*\(\s*(?P<agency>" + alias_pattern + r")\s*\)\s*" + _DASH +
                      r"\s*(?P<head>[^()\n]{2,60}?)\s*" + _DASH + r"\s*(?P<rest>\S.*)$", re.S)


def find_dateline(paragraph: str, agencies: AgencyTable) -> DatelineMatch | None:
    """Read a dateline off the start of a paragraph, or None when it has none."""
    match = _agency_first_re(agencies.alias_pattern).match(paragraph)
    if match:
        place, date = _split_place(match.group("head"))
        if place:
            return DatelineMatch(place, agencies.lookup(match.group("agency")), date, match.group("rest").strip())
    match = _agency_dateline_re(agencies.alias_pattern).match(paragraph)
    if match:
        place, month_day = _split_place(match.group("head"))
        # Without a dash only an all-caps place reads as a dateline ("NEW DELHI, Nov 5 (PTI) ...");
        # "Jane Smith (AP) said" is a sentence.
        dash_or_caps = match.group("dash") or month_day or (place or "").split(",")[0].isupper()
        if dash_or_caps and (place is not None or not match.group("head").strip()):
            agency = agencies.lookup(match.group("agency"))
            return DatelineMatch(place or None, agency, month_day, match.group("rest").strip())
    match = _CAPS_DATELINE.match(paragraph)
    if match and _is_place(match.group("head")) and any(c.isupper() for c in match.group("head")[:2]):
        return DatelineMatch(match.group("head").strip(" ,"), None, None, match.group("rest").strip())
    return None


def _split_place(head: str) -> tuple[str | None, str | None]:
    """'PARIS, May 3' -> ('PARIS', '--05-03'); 'DAKAR, Sept 19, 2023' -> ('DAKAR', '2023-09-19');
    'XI’AN, China' -> ('XI’AN, China', None)."""
    parts = [p.strip() for p in head.strip(" ,").split(",")]
    year = parts.pop() if len(parts) > 2 and re.fullmatch(r"(19|20)\d\d", parts[-1]) else None
    month_day = month_day_iso(parts[-1]) if parts else None
    if month_day:
        parts = parts[:-1]
        if year:
            month_day = year + month_day[1:]  # '--09-19' -> '2023-09-19'
    elif year:
        return None, None
    place = ", ".join(p for p in parts if p)
    if place and not _is_place(place):
        return None, None
    return place, month_day


def month_day_iso(text: str) -> str | None:
    """'May 3', '3 mai', '18 de mayo' -> '--05-03'-style ISO month-day, else None."""
    if len(text.split()) > 4:
        return None
    found = parse_month_day(text.strip())
    return f"--{found[0]:02d}-{found[1]:02d}" if found else None


def _is_place(text: str) -> bool:
    words = re.sub(r"[,\[\]()]", " ", text).split()
    if not 1 <= len(words) <= _MAX_PLACE_WORDS:
        return False
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words) and words[0][:1].isupper()
