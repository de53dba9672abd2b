"""Date normalisation: date strings found in pages -> ISO ``YYYY-MM-DD``.

Everything here is regex-driven so it stays cheap enough to run on every
meta tag and header line of every page. ``dateparser`` is only consulted
when a caller asks for it explicitly (``slow_fallback=True``) because it is
two to three orders of magnitude slower and depends on the current time for
relative expressions.

A date written with a UTC offset ("2024-11-23T23:30:00-05:00") keeps the
calendar day as written: that is the day the publisher meant, and shifting
it to UTC would move late-evening stories to the next day.
"""

from __future__ import annotations

import re
from datetime import date

MIN_YEAR = 1900
MAX_YEAR = 2099

# Month names and common abbreviations in the languages news pages come in
# most often (en, de, fr, es, it, pt, nl). Accented forms are listed with
# their plain-ASCII spellings because pages use both.
_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "jaenner", "janvier", "janv", "enero", "ene",
        "gennaio", "janeiro", "januari"),
    2: ("february", "feb", "februar", "feber", "février", "fevrier", "févr", "fevr", "febrero",
        "febbraio", "fevereiro", "fev", "februari"),
    3: ("march", "mar", "märz", "maerz", "marz", "mär", "mars", "marzo", "março", "marco",
        "maart", "mrt"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "maio", "mei"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "junho"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "julho"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre",
        "setembro"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro"),
    11: ("november", "nov", "novembre", "noviembre", "novembro"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic",
         "dicembre", "dezembro"),
}
MONTHS: dict[str, int] = {word: number for number, words in _MONTH_WORDS.items() for word in words}

# Any word may stand in the month slot; the word is looked up in MONTHS after
# matching. A class is much faster for the regex engine than an alternation of
# ~90 month names tried at every position.
_MONTH = r"(?<![^\W\d_])[^\W\d_]{3,10}(?![^\W\d_])\.?"
_DAY = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_YEAR = r"(?<!\d)(?:19|20)\d\d(?!\d)"
# "1st", "2nd", "1er" (fr), "1º" (es/pt), "1." (de)
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|e|º|°|ª|\.)?"

# Every alternative starts with a digit except month-first dates, which start
# a word: the (?=\d) gate lets the engine drop most positions after one test.
_DATE_RE = re.compile(
    r"(?=\d)(?:"
    # 2024-11-23, 2024/11/23, 2024.11.23, 2024-11-23T10:00:00Z
    rf"(?P<iso>(?P<iy>{_YEAR})(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=isep)(?P<id>{_DAY}))"
    # 2024年11月23日
    rf"|(?P<cjk>(?P<cy>{_YEAR})年(?P<cm>1[0-2]|0?[1-9])月(?P<cd>{_DAY})日)"
    # 23 Nov 2024 / 23. November 2024 / 23 de noviembre de 2024 / 1er mai 2024
    rf"|(?P<dmy>(?P<bd>{_DAY}){_DAY_SUFFIX}\s*(?:de\s+)?(?P<bm>{_MONTH}),?\s*"
    rf"(?:de\s+|del\s+)?(?P<by>{_YEAR}))"
    # 23.11.2024 / 23/11/2024 / 11/23/2024 / 23-11-2024
    rf"|(?P<num>(?P<na>{_DAY})(?P<nsep>[./-])\s?(?P<nb>{_DAY})(?P=nsep)\s?(?P<ny>{_YEAR}))"
    r")"
    # November 23, 2024 / Nov. 23rd 2024 / Mon May 18, 2023
    rf"|(?P<mdy>(?P<am>{_MONTH})\s*(?P<ad>{_DAY}){_DAY_SUFFIX},?\s*(?P<ay>{_YEAR}))",
    re.IGNORECASE,
)

_ISO_START_RE = re.compile(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")

_MONTH_DAY_RE = re.compile(
    rf"(?P<am>{_MONTH})\s*(?P<ad>{_DAY}){_DAY_SUFFIX}"
    rf"|(?P<bd>{_DAY}){_DAY_SUFFIX}\s*(?:de\s+)?(?P<bm>{_MONTH})",
    re.IGNORECASE,
)

# Dates in URL paths: /2019/08/02/, /2019/8/2/, /2019-08-02-, /20190802/,
# and day-first /02-08-2019-. A year/month pair alone (/2019/08/) is not a
# day and is left alone.
_URL_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-/_.]?)(?P<m>1[0-2]|0[1-9])(?P=sep)(?P<d>[12]\d|3[01]|0[1-9])(?!\d)"
    r"|/(?P<sy>(?:19|20)\d\d)/(?P<sm>1[0-2]|0?[1-9])/(?P<sd>[12]\d|3[01]|0?[1-9])/"
    r"|(?<![\d.])(?P<dd>\d\d)(?P<dsep>[-_.])(?P<dm>\d\d)(?P=dsep)(?P<dy>(?:19|20)\d\d)(?!\d)"
)

# 23.11.24 and 23/11/24: common in German and forum pages, but also the shape
# of version numbers, so only read when the caller asks for it.
# (The "no digit or dot before" check is done in code: a leading lookbehind
# would stop the regex engine from skipping ahead to digits quickly.)
_SHORT_YEAR_RE = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d\d)(?!\d|[./]\d)")


def make_iso(year: int, month: int, day: int) -> str | None:
    """ISO string for a calendar day, or None when the day does not exist."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric_order(first: int, second: int, day_first: bool) -> tuple[int, int]:
    """(month, day) for an all-numeric date; an impossible reading loses."""
    if first > 12:
        return second, first
    if second > 12:
        return first, second
    return (second, first) if day_first else (first, second)


def _iso_from_match(match: re.Match[str], day_first: bool) -> str | None:
    kind = match.lastgroup
    group = match.group
    if kind == "iso":
        return make_iso(int(group("iy")), int(group("im")), int(group("id")))
    if kind == "cjk":
        return make_iso(int(group("cy")), int(group("cm")), int(group("cd")))
    if kind == "mdy":
        return make_iso(int(group("ay")), _month_number(group("am")), int(group("ad")))
    if kind == "dmy":
        return make_iso(int(group("by")), _month_number(group("bm")), int(group("bd")))
    if kind == "num":
        # German-style dots are always day-first; slashes and dashes follow the caller.
        dots = group("nsep") == "."
        month, day = _numeric_order(int(group("na")), int(group("nb")), day_first or dots)
        return make_iso(int(group("ny")), month, day)
    return None


def _month_number(word: str) -> int:
    return MONTHS.get(word.rstrip(".").lower(), 0)


# Every full date holds a four-digit year, so long texts are scanned for years
# first and the full regex only runs in a window around each: prose without
# dates then costs one cheap pass. The window reaches far enough back for
# "23 de septiembre de " and far enough on for the lookaheads after "-11-23".
_YEAR_RE = re.compile(r"(?:19|20)\d\d(?!\d)")  # preceding digit checked in code, for speed
_DIGITS_AND_DOT = frozenset("0123456789.")
_BEFORE_YEAR = 32
_AFTER_YEAR = 12


def _iter_dates(text: str, day_first: bool):
    """Yield (iso, match) for each full date, in order, without overlaps."""
    last_end = 0
    for year in _YEAR_RE.finditer(text):
        if year.start() < last_end or (year.start() and text[year.start() - 1].isdigit()):
            continue
        pos = max(last_end, year.start() - _BEFORE_YEAR)
        window_end = min(len(text), year.end() + _AFTER_YEAR)
        while (match := _DATE_RE.search(text, pos, window_end)) is not None:
            # A match that is no real date (a word that is not a month,
            # 31 February) or that belongs to another year is retried further on.
            pos = match.start() + 1
            if match.end() <= year.start() or match.start() > year.start():
                continue
            iso = _iso_from_match(match, day_first)
            if iso:
                yield iso, match
                last_end = match.end()
                break


def find_dates(text: str, day_first: bool = False,
               two_digit_year: bool = False) -> list[tuple[str, tuple[int, int]]]:
    """Every full date (day, month, year) in `text`, in order, with its span.

    `day_first` decides ambiguous all-numeric dates with slashes or dashes
    ("03/04/2024"); dotted dates ("03.04.2024") are always read day-first.
    `two_digit_year` also reads "23.11.24" and "23/11/24".
    """
    if not text or not isinstance(text, str):
        return []
    found = [(iso, match.span()) for iso, match in _iter_dates(text, day_first)]
    if two_digit_year:
        taken = found[:]
        for iso, span in _short_year_dates(text, day_first):
            if not any(start < span[1] and span[0] < end for _iso, (start, end) in taken):
                found.append((iso, span))
        found.sort(key=lambda item: item[1])
    return found


def to_iso_date(text: str | None, day_first: bool = False, slow_fallback: bool = False,
                two_digit_year: bool = False) -> str | None:
    """The first full date in `text` as ``YYYY-MM-DD``, or None.

    Never raises. A month and day without a year give None (see
    `parse_month_day`). With `two_digit_year`, "23.11.24" counts too. With
    `slow_fallback`, text the regexes cannot read is handed to dateparser,
    when that is installed.
    """
    if not text or not isinstance(text, str):
        return None
    iso_start = _ISO_START_RE.match(text)
    if iso_start:  # the common machine-readable case, without the big regex
        iso = make_iso(int(iso_start[1]), int(iso_start[2]), int(iso_start[3]))
        if iso:
            return iso
    if two_digit_year:
        found = find_dates(text, day_first, two_digit_year=True)
        if found:
            return found[0][0]
    else:
        for iso, _match in _iter_dates(text, day_first):
            return iso
    if slow_fallback:
        return _dateparser_iso(text, day_first)
    return None


def parse_month_day(text: str | None) -> tuple[int, int] | None:
    """(month, day) from "May 3", "3 May", "3. Mai", "3 de mayo"; None otherwise.

    Meant for datelines ("PARIS, May 3 (AFP)") that state no year.
    """
    found = _first_month_day(text)
    return found[:2] if found else None


def month_day_span(text: str | None) -> tuple[int, int] | None:
    """Where the first "May 3" / "3. Mai" (with or without a year) starts and ends in `text`."""
    found = _first_month_day(text)
    return found[2] if found else None


def _first_month_day(text: str | None) -> tuple[int, int, tuple[int, int]] | None:
    if not text or not isinstance(text, str):
        return None
    pos = 0
    while (match := _MONTH_DAY_RE.search(text, pos)) is not None:
        pos = match.start() + 1
        month = _month_number(match.group("am") or match.group("bm"))
        day = int(match.group("ad") or match.group("bd"))
        # 2000 is a leap year, so 29 February passes.
        if month and make_iso(2000, month, day):
            return month, day, match.span()
    return None


def date_from_url(url: str | None) -> str | None:
    """The publication day encoded in a URL path (/2019/08/02/, /20190802-), or None."""
    if not url:
        return None
    path_start = url.find("/", url.find("//") + 2) if "//" in url else 0
    if path_start < 0:
        return None
    for match in _URL_DATE_RE.finditer(url, path_start):
        if match.group("y"):
            iso = make_iso(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        elif match.group("sy"):
            iso = make_iso(int(match.group("sy")), int(match.group("sm")), int(match.group("sd")))
        else:
            month, day = _numeric_order(int(match.group("dd")), int(match.group("dm")), True)
            iso = make_iso(int(match.group("dy")), month, day)
        if iso:
            return iso
    return None


def _short_year_dates(text: str, day_first: bool) -> list[tuple[str, tuple[int, int]]]:
    found = []
    for match in _SHORT_YEAR_RE.finditer(text):
        if match.start() and text[match.start() - 1] in _DIGITS_AND_DOT:
            continue
        first, sep, second, year = match.groups()
        month, day = _numeric_order(int(first), int(second), day_first or sep == ".")
        # Two-digit years: 00-69 are this century, 70-99 the last one.
        century = 2000 if int(year) < 70 else 1900
        iso = make_iso(century + int(year), month, day)
        if iso:
            found.append((iso, match.span()))
    return found


def _dateparser_iso(text: str, day_first: bool) -> str | None:
    """Last resort through dateparser; only texts carrying a year, to stay independent of today."""
    if len(text) > 200 or not re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", text):
        return None
    try:
        import dateparser  # optional and slow: imported only when asked for
    except ImportError:
        return None
    settings = {
        "STRICT_PARSING": True,
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY" if day_first else "MDY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(text, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if parsed is None:
        return None
    return make_iso(parsed.year, parsed.month, parsed.day)
