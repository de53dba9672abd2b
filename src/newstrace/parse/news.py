"""News analysis over body blocks, shared by HTML and text pages.

Takes the candidate body blocks (already without the page header) and sorts
each into body paragraph, credits, byline or a named piece of furniture; then
reads the dateline off the first paragraph and settles the wire agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Dateline, Removed
from .agencies import AgencyTable
from .credits import Credits, parse_byline, parse_contributor_line, parse_credit_line, split_trailing_credits
from .dateline import find_dateline
from .names import is_generic_byline, looks_like_name
from .patterns import ALL_CAPS_RELATED_LEAD, CAPTION_CREDIT, FURNITURE_RULES, RELATED_LINK_LEAD

# Bylines sit near the top or the bottom of a story, never mid-body.
_BYLINE_REACH = 4
_RELATED_MAX_WORDS = 22
_DATELINE_REACH = 4
_REUTERS_FOOTER = ("thomson reuters", "reuters trust principles")


@dataclass
class NewsBody:
    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    credits: dict[str, list[str]] = field(default_factory=dict)
    dateline: Dateline = field(default_factory=Dateline)
    agency: str | None = None
    signoff_agency: str | None = None


def furniture_reason(block: str) -> str | None:
    """The furniture reason for a block, or None when it may be body text."""
    words = len(block.split())
    for reason, pattern, max_words in FURNITURE_RULES:
        if words <= max_words and pattern.match(block):
            return reason
    if is_related_link(block):
        return "related-link"
    if words <= 40 and CAPTION_CREDIT.search(block):
        return "caption"
    return None


def is_related_link(block: str) -> bool:
    """'See also  Zelensky warns ...' is a link; 'See also the report, which found ...' is prose."""
    match = ALL_CAPS_RELATED_LEAD.match(block) or RELATED_LINK_LEAD.match(block)
    if not match:
        return False
    rest = block[match.end():].strip()
    if len(rest.split()) > _RELATED_MAX_WORDS:
        return False
    has_separator = bool(block[: match.end()].rstrip()[-1:] in ":-–—|»>") or match.re is ALL_CAPS_RELATED_LEAD
    return has_separator or not rest or not rest.endswith((".", ","))


def analyse_blocks(blocks: list[str], *, title: str | None, agencies: AgencyTable) -> NewsBody:
    """Sort blocks into body and furniture; find credits, dateline and agency."""
    result = NewsBody()
    agencies_seen: list[str] = []
    kept: list[str] = []
    for index, block in enumerate(blocks):
        position = "top" if not kept and index < _BYLINE_REACH else (
            "edge" if index >= len(blocks) - _BYLINE_REACH else "middle")
        found = _classify(block, title=title, position=position, agencies=agencies)
        if found is None:
            kept.append(block)
            continue
        reason, credits = found
        result.removed.append(Removed(block, reason))
        if credits:
            _merge_credits(result.credits, credits.roles)
            agencies_seen.extend([credits.agency] if credits.agency else [])
        if reason == "standards-footer" and any(k in block.lower() for k in _REUTERS_FOOTER):
            agencies_seen.append("Reuters")
    result.paragraphs = _split_glued_credits(kept, result, agencies)
    _read_dateline(result, agencies)
    result.agency = result.dateline.agency or next(iter(agencies_seen), None) or result.signoff_agency
    return result


def is_byline(block: str, agencies: AgencyTable) -> bool:
    return _byline_at_top(block, agencies) is not None


def _byline_at_top(block: str, agencies: AgencyTable) -> Credits | None:
    """A byline, or at the top of a story also a bare name ('Magnus Eide') or agency ('Associated Press')."""
    credits = parse_byline(block, agencies)
    if credits or len(block.split()) > 4:
        return credits
    agency = agencies.lookup(block)
    if agency:
        return Credits(kind="byline", agency=agency)
    if looks_like_name(block) and len(block.split()) >= 2:
        credits = Credits(kind="byline")
        credits.add("author", [block.strip()])
        return credits
    return None


def _agency_signoff(block: str, agencies: AgencyTable) -> Credits | None:
    agency = agencies.lookup(block.strip(" .")) if len(block.split()) <= 4 else None
    return Credits(kind="byline", agency=agency) if agency else None


def _classify(block: str, *, title: str | None, position: str, agencies: AgencyTable):
    """(reason, credits-or-None) for a non-body block, or None for body text.

    `position` is "top" (above any body paragraph), "edge" (near the end) or "middle".
    """
    if title and block.casefold().strip(" .") == title.casefold().strip(" ."):
        return "duplicate-title", None
    credits = parse_credit_line(block) or parse_contributor_line(block)
    if credits:
        return "credits", credits
    if position != "middle":
        # At both ends a bare agency name ("Australian Associated Press") signs the story.
        byline = _byline_at_top(block, agencies) if position == "top" else (
            parse_byline(block, agencies) or _agency_signoff(block, agencies))
        if byline:
            return "byline", byline
    reason = furniture_reason(block)
    return (reason, None) if reason else None


def _split_glued_credits(paragraphs: list[str], result: NewsBody, agencies: AgencyTable) -> list[str]:
    """Move a '(Reporting by ...)' glued to one of the last paragraphs into credits, and an
    agency sign-off ('... on Friday. (ANSA).') into the removed furniture."""
    out = list(paragraphs)
    if out and (match := _trailing_agency(agencies).search(out[-1])) and match.start() > 0:
        result.removed.append(Removed(match.group(0).strip(), "credits"))
        out[-1] = out[-1][: match.start()].rstrip()
        result.signoff_agency = agencies.lookup(match.group("agency"))
    for index in range(max(0, len(out) - 3), len(out)):
        body, tail = split_trailing_credits(out[index])
        credits = parse_credit_line(tail) if tail else None
        if credits:
            out[index] = body
            result.removed.append(Removed(tail, "credits"))
            _merge_credits(result.credits, credits.roles)
    return [p for p in out if p]


@lru_cache(maxsize=4)
def _trailing_agency_re(alias_pattern: str) -> re.Pattern[str]:
    return re.compile(r"\s*\((?P<agency>" + alias_pattern + r")\)\.?\s*$")


def _trailing_agency(agencies: AgencyTable) -> re.Pattern[str]:
    return _trailing_agency_re(agencies.alias_pattern)


def _read_dateline(result: NewsBody, agencies: AgencyTable) -> None:
    """The dateline of the first paragraph, or of one of the next few: what stands before a
    dateline (a section label, a standfirst, a byline the rules missed) is not the story yet."""
    found = None
    for index, paragraph in enumerate(result.paragraphs[:_DATELINE_REACH]):
        found = find_dateline(paragraph, agencies)
        if found:
            break
    if not found:
        return
    for lead in result.paragraphs[:index]:
        result.removed.append(Removed(lead, "byline" if parse_byline(lead, agencies) else "subheadline"))
    del result.paragraphs[:index]
    result.dateline = Dateline(place=found.place, agency=found.agency, date=found.date)
    if found.rest:
        result.paragraphs[0] = found.rest
    else:
        result.paragraphs.pop(0)


def _merge_credits(into: dict[str, list[str]], roles: dict[str, list[str]]) -> None:
    for role, names in roles.items():
        bucket = into.setdefault(role, [])
        bucket.extend(name for name in names if name not in bucket)


def credits_from_authors(authors: list[str], agencies: AgencyTable) -> Credits:
    """Metadata authors (HTML) as byline credits, agencies split off."""
    credits = Credits(kind="byline")
    # Declared in the page's metadata, so taken as given (usernames too), unless generic ("Staff").
    people = [a for a in authors if not agencies.lookup(a) and not is_generic_byline(a)]
    credits.agency = next((agencies.lookup(a) for a in authors if agencies.lookup(a)), None)
    if people:
        credits.add("author", people)
    return credits
