"""Relative dates ("on Thursday", "last year", "yesterday") resolved against the story date.

The anchor is the article's story date; failing that the dateline's date
(a dateline "--05-18" takes the year of the page date, or the year before
when that would put it after the page date); failing that there is no anchor.

What each reference resolves to (`TimeRef.resolved`):
- a weekday: the ISO date of the most recent such day on or before the anchor
  ("on Thursday" in a Thursday story is that day), or the next one on or after
  it when the sentence looks forward ("will", "is expected to", "next Friday").
  "last Tuesday" is strictly before, "next Tuesday" strictly after.
- yesterday / today / tomorrow / tonight / last night, "N days ago": ISO dates.
- "last/this/next week": an ISO week ("2023-W19"); "last weekend": its Saturday.
- "last/this/next month", "in May", "last May": a month ("2023-04").
- "last/this/next year", "N years ago": a year ("2022"); quarters "2023-Q1".
- "May 17" without a year: the nearest such date looking backwards (or forwards in a
  forward-looking sentence).

Status: "resolved"; "stale" when the page date is 30 days or more after the
anchor (the words no longer mean what they say to a reader of that page), with
one `relative-date` check, status "inconsistent", naming the shift; with no
anchor, "unresolved" and `resolved` None. We do not resolve against the page
date: it is when this copy was published or captured, which can be long after
the story (the seed is dated 2024-11-23 on the page, but its "last year" trade
figures are for 2022), so a value would look reliable and be wrong. Instead a
`not-checkable` check says so and gives, for a reader, what the words would
mean if the story were as new as its page. A page date before the anchor is
impossible for a copy of the story and gives an "inconsistent" check too.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import Article, Check, TimeRef
from .quotes import sentence_spans

__all__ = ["find_time_refs", "anchor_date"]

STALE_DAYS = 30
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_COUNT = r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}"
_COUNT_VALUES = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten".split())} | {"a": 1, "an": 1}
# Named days that are no reference to a weekday of the story's week.
_NAMED_DAYS = frozenset("black good ash super holy easter palm cyber bloody maundy shrove giving".split())
_FORWARD = re.compile(r"\b(?:will|shall|'ll|’ll|going to|expected to|due|set to|scheduled|plans? to|planned|"
                      r"to be held|upcoming|next|later|tomorrow)\b", re.IGNORECASE)
_PAST_VERB = re.compile(r"\b(?:said|told|announced|met|held|was|were|had|did|signed|arrived|spoke|added)\s*$",
                        re.IGNORECASE)

_RELATIVE = re.compile(
    r"(?P<agoref>\b(?P<n>" + _COUNT + r")\s+(?P<agounit>days?|weeks?|months?|years?)\s+(?P<agodir>ago|from now))"
    r"|(?P<unitref>\b(?P<umod>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier this|[Ll]ater this|[Ss]o far this|"
    r"[Tt]his past|[Tt]his coming)\s+(?P<unit>week|weekend|month|year|quarter)\b)"
    r"|(?P<dayword>\b(?:[Tt]he day before yesterday|[Tt]he day after tomorrow|[Yy]esterday|[Tt]oday|"
    r"[Tt]omorrow|[Tt]onight|[Ll]ast night|[Tt]his morning|[Tt]his afternoon|[Tt]his evening)\b)"
    r"|(?P<weekref>\b(?:(?P<wmod>[Ll]ast|[Nn]ext|[Tt]his past|[Tt]his coming|[Tt]his|[Cc]oming|[Pp]ast)\s+|[Oo]n\s+)?"
    r"(?P<weekday>" + _WEEKDAY + r")\b(?!,?\s+(?:" + _MONTH + r"|\d)))"
    r"|(?P<monthref>\b(?:(?P<mmod>[Ll]ast|[Nn]ext|[Tt]his|[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-|"
    r"[Oo]n)\s*)(?P<month>" + _MONTH + r")(?:\s+(?P<mday>\d{1,2})(?:st|nd|rd|th)?)?\b(?!,?\s+\d{4}|\s+\d)"
    r"|\b(?P<dmday>\d{1,2})\s+(?P<dmonth>" + _MONTH + r")\b(?!,?\s+\d{4}))"
)


# Every relative date holds one of these words; finding them first is several times faster than trying
# the full pattern at every word of every paragraph.
_KEYWORD = re.compile(r"\b(?:ago|now|[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier|[Ll]ater|far|[Pp]ast|[Cc]oming|[Yy]esterday|"
                      r"[Tt]oday|[Tt]omorrow|[Tt]onight|night|morning|afternoon|evening|" + _WEEKDAY + "|" + _MONTH
                      + r")\b")


def _relative_matches(paragraph: str):
    """The relative-date matches of a paragraph, left to right, each found near one of its keywords."""
    consumed = 0
    for keyword in _KEYWORD.finditer(paragraph):
        if keyword.start() < consumed:
            continue
        position = max(consumed, keyword.start() - 26)
        while True:
            match = _RELATIVE.search(paragraph, position, min(len(paragraph), keyword.end() + 24))
            if match is None or match.start() > keyword.start():
                break
            if match.end() > keyword.start():
                consumed = match.end()
                yield match
                break
            position = match.end()


def find_time_refs(article: Article) -> tuple[list[TimeRef], list[Check]]:
    """Relative dates in reading order, and at most one check about them."""
    anchor = anchor_date(article)
    refs = []
    for index, paragraph in enumerate(article.paragraphs):
        sentences = sentence_spans(paragraph)
        for match in _relative_matches(paragraph):
            if _named_day(paragraph, match):
                continue
            sentence = next(((s, e) for s, e in sentences if s <= match.start() < e), (0, len(paragraph)))
            text = " ".join(match.group(0).split())
            resolved = _resolve(match, paragraph, sentence, anchor) if anchor else None
            refs.append(TimeRef(text=text, paragraph=index, resolved=resolved,
                                status="resolved" if resolved else "unresolved"))
    return _with_staleness(refs, anchor, _iso(article.page_date), article)


def anchor_date(article: Article) -> date | None:
    """The story date, else the dateline's date (its month-day with the page date's year)."""
    story = _iso(article.story_date)
    if story is not None:
        return story
    dateline = article.dateline.date if article.dateline else None
    full = _iso(dateline)
    if full is not None:
        return full
    page = _iso(article.page_date)
    month_day = re.fullmatch(r"--(\d\d)-(\d\d)", dateline or "")
    if month_day is None or page is None:
        return None
    try:
        guess = date(page.year, int(month_day.group(1)), int(month_day.group(2)))
        return guess if guess <= page else guess.replace(year=page.year - 1)
    except ValueError:
        return None


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _named_day(paragraph: str, match: re.Match) -> bool:
    """'Black Friday', 'Good Friday', 'Super Tuesday' name a day, not a weekday of the story."""
    if not match.group("weekday") or match.group("wmod"):
        return False
    previous = paragraph[:match.start()].split()
    return bool(previous) and previous[-1].lower().strip("“\"‘") in _NAMED_DAYS


# --- resolution -----------------------------------------------------------------------------------------


def _resolve(match: re.Match, paragraph: str, sentence: tuple[int, int], anchor: date) -> str | None:
    try:
        if match.group("agoref"):
            return _ago(match, anchor)
        if match.group("unitref"):
            return _unit(match.group("umod").lower(), match.group("unit"), anchor)
        if match.group("dayword"):
            return _day_word(match.group("dayword").lower(), anchor)
        if match.group("weekref"):
            forward = _looks_forward(paragraph, sentence, match)
            return _weekday(match.group("wmod"), match.group("weekday"), anchor, forward).isoformat()
        return _month(match, anchor, _tense(paragraph, sentence, match))
    except (ValueError, OverflowError):
        return None


def _ago(match: re.Match, anchor: date) -> str:
    amount = _COUNT_VALUES.get(match.group("n").lower())
    amount = int(match.group("n")) if amount is None else amount
    sign = -1 if match.group("agodir").lower() == "ago" else 1
    unit = match.group("agounit").rstrip("s")
    if unit == "day":
        return (anchor + timedelta(days=sign * amount)).isoformat()
    if unit == "week":
        return _iso_week(anchor + timedelta(weeks=sign * amount))
    if unit == "month":
        return _month_shift(anchor, sign * amount)
    return str(anchor.year + sign * amount)


def _unit(modifier: str, unit: str, anchor: date) -> str:
    step = -1 if modifier == "last" else 1 if modifier == "next" else 0
    if unit == "year":
        return str(anchor.year + step)
    if unit == "month":
        return _month_shift(anchor, step)
    if unit == "quarter":
        quarter = (anchor.month - 1) // 3 + step
        return f"{anchor.year + quarter // 4}-Q{quarter % 4 + 1}"
    if unit == "weekend":
        return _weekend(modifier, anchor).isoformat()
    return _iso_week(anchor + timedelta(weeks=step))


def _weekend(modifier: str, anchor: date) -> date:
    """The Saturday of the weekend meant: 'last weekend' is the one before the story's week."""
    latest = anchor - timedelta(days=(anchor.weekday() - 5) % 7)  # the latest Saturday on or before the anchor
    in_weekend = anchor.weekday() >= 5
    if modifier in ("last", "this past"):
        return latest - timedelta(weeks=1) if in_weekend else latest
    if modifier == "next":
        return latest + timedelta(weeks=1) if not in_weekend else latest + timedelta(weeks=1)
    return latest if in_weekend else latest + timedelta(weeks=1)


def _day_word(word: str, anchor: date) -> str:
    offsets = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2}
    return (anchor + timedelta(days=offsets.get(word, 0))).isoformat()


def _weekday(modifier: str | None, name: str, anchor: date, forward: bool) -> date:
    """The date of a named weekday relative to the anchor."""
    target = _WEEKDAYS.index(name.lower())
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    modifier = (modifier or "").lower()
    if modifier in ("last", "past", "this past"):
        return anchor - timedelta(days=back or 7)
    if modifier == "next":
        return anchor + timedelta(days=ahead or 7)
    if modifier in ("coming", "this coming") or (forward and modifier != "this"):
        return anchor + timedelta(days=ahead)
    if modifier == "this":
        return anchor + timedelta(days=ahead) if forward else anchor - timedelta(days=back)
    return anchor - timedelta(days=back)


def _looks_forward(paragraph: str, sentence: tuple[int, int], match: re.Match) -> bool:
    """Whether the sentence speaks of what is to come ('will deliver … on Friday').

    A speech or past verb right before the date ('said on Monday') makes it past
    even when the rest of the sentence looks forward ('said on Monday he will resign').
    """
    if _PAST_VERB.search(paragraph[max(sentence[0], match.start() - 30):match.start()]):
        return False
    return _FORWARD.search(paragraph, sentence[0], sentence[1]) is not None


_PAST_NEAR = re.compile(r"\b(?:\w+ed|took|was|were|had|did|met|began|came|went|said|told|held|won|lost|fell|rose|"
                        r"grew|saw|made|since)\b", re.IGNORECASE)


def _tense(paragraph: str, sentence: tuple[int, int], match: re.Match) -> str:
    """'forward', 'back', or 'nearest' for a month without a year: a verb close before decides, else nearest."""
    if _looks_forward(paragraph, sentence, match):
        return "forward"
    window = paragraph[max(sentence[0], match.start() - 40):match.start()]
    clause = re.split(r"[,;]|\b(?:and|but|while)\b", window)[-1]  # "took effect in March and expires on June 30"
    if _PAST_NEAR.search(clause):
        return "back"
    return "nearest"


def _month(match: re.Match, anchor: date, tense: str) -> str | None:
    name = match.group("month") or match.group("dmonth")
    day = match.group("mday") or match.group("dmday")
    modifier = (match.group("mmod") or "").lower().strip()
    month = _MONTHS.index(name.lower()) + 1
    year = anchor.year
    if modifier == "last":
        year -= 1 if month >= anchor.month else 0
    elif modifier == "next":
        year += 1 if month <= anchor.month else 0
    elif tense == "forward" and modifier != "since":
        year += 1 if (month, int(day or 31)) < (anchor.month, anchor.day) else 0
    elif tense == "back" or modifier == "since":
        year -= 1 if (month, int(day or 1)) > (anchor.month, anchor.day) else 0
    else:  # the nearer of this year's and the neighbouring year's
        year += round((anchor.month - month) / 12)
    if day is None:
        return f"{year}-{month:02d}"
    return date(year, month, int(day)).isoformat()


def _month_shift(anchor: date, months: int) -> str:
    total = anchor.year * 12 + anchor.month - 1 + months
    return f"{total // 12}-{total % 12 + 1:02d}"


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# --- staleness --------------------------------------------------------------------------------------------


def _with_staleness(refs: list[TimeRef], anchor: date | None, page: date | None,
                    article: Article) -> tuple[list[TimeRef], list[Check]]:
    if not refs:
        return refs, []
    examples = ", ".join(f"'{ref.text}'" for ref in _distinct(refs)[:4])
    if anchor is None:
        detail = f"no story date: {len(refs)} relative date(s) ({examples}) cannot be resolved"
        if page is not None:
            readings = _page_readings(refs, article, page)
            detail += f"; read against the page date {page.isoformat()} they would mean {readings}"
        return refs, [Check(kind="relative-date", status="not-checkable", detail=detail)]
    if page is None:
        return refs, []
    gap = (page - anchor).days
    if gap < -1:  # a day's slack for time zones
        return refs, [Check(kind="relative-date", status="inconsistent",
                            detail=f"page date {page.isoformat()} is before the story date {anchor.isoformat()}")]
    if gap < STALE_DAYS:
        return refs, []
    stale = [TimeRef(text=r.text, paragraph=r.paragraph, resolved=r.resolved,
                     status="stale" if r.resolved else r.status) for r in refs]
    meanings = ", ".join(f"'{ref.text}' = {ref.resolved}" for ref in _distinct(stale)[:4] if ref.resolved)
    detail = (f"page dated {page.isoformat()}, {gap} days after the story ({anchor.isoformat()}): "
              f"relative dates no longer mean what they say to a reader ({meanings})")
    return stale, [Check(kind="relative-date", status="inconsistent", detail=detail)]


def _distinct(refs: list[TimeRef]) -> list[TimeRef]:
    seen, out = set(), []
    for ref in refs:
        if ref.text.lower() not in seen:
            seen.add(ref.text.lower())
            out.append(ref)
    return out


def _page_readings(refs: list[TimeRef], article: Article, page: date) -> str:
    """What the first few references would mean if the story were as new as its page."""
    readings = []
    for ref in _distinct(refs)[:4]:
        paragraph = article.paragraphs[ref.paragraph]
        match = next((m for m in _relative_matches(paragraph) if " ".join(m.group(0).split()) == ref.text), None)
        if match is None:
            continue
        sentence = next(((s, e) for s, e in sentence_spans(paragraph) if s <= match.start() < e),
                        (0, len(paragraph)))
        readings.append(f"'{ref.text}' = {_resolve(match, paragraph, sentence, page)}")
    return ", ".join(readings)
