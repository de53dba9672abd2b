"""Credit lines and bylines: who reported, wrote and edited a story.

Each function takes one block of text and returns the roles it names, or None
when the block is not a credit line. A block is only taken as credits when
nearly all of it is credits, so a body sentence mentioning "edited by" stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import AgencyTable
from .names import looks_like_name, split_names
from .patterns import (
    AP_CONTRIBUTED,
    BLOOMBERG_CONTACT,
    BYLINE_ROLE_WORDS,
    BYLINE_BY,
    BYLINE_DATED,
    BYLINE_STAFF,
    CREDIT_ROLE_NAMES,
    CREDIT_ROLE_RE,
    LEADING_ASSISTANCE,
)

_OPENERS = " \t([-–—"
_AGENCY_SUFFIX = re.compile(r"^(?P<head>.*?)\s*(?:,|\||/|\bfor\b|[-–—])\s*(?P<tail>[^,|/]+?)\s*$")
# A parenthesised credit block glued to the end of a body paragraph.
TRAILING_CREDITS = re.compile(
    r"\s*\(\s*(?:additional )?(?:reporting|writing|editing|compiled|reported|written|edited) by\b[^()]*\)\s*$", re.I
)


@dataclass
class Credits:
    """Roles to names found in one block, plus the agency a byline names."""

    roles: dict[str, list[str]] = field(default_factory=dict)
    agency: str | None = None
    kind: str = "credits"  # removal reason: "credits" or "byline"

    def add(self, role: str, names: list[str]) -> None:
        bucket = self.roles.setdefault(role, [])
        bucket.extend(name for name in names if name not in bucket)


def parse_credit_line(text: str) -> Credits | None:
    """'(Reporting by A; Writing by B) Editing by C' -> {reporting: [A], writing: [B], editing: [C]}."""
    body = LEADING_ASSISTANCE.sub("", text.strip())
    matches = list(CREDIT_ROLE_RE.finditer(body))
    if not matches or body[: matches[0].start()].strip(_OPENERS):
        return None
    credits = Credits()
    for match, following in zip(matches, matches[1:] + [None]):
        end = following.start() if following else len(body)
        names = [n for n in split_names(body[match.end():end]) if looks_like_name(n)]
        if not names:
            return None
        credits.add(CREDIT_ROLE_NAMES[match.group(1).lower()], names)
    return credits


def parse_byline(text: str, agencies: AgencyTable) -> Credits | None:
    """'By Jane Doe and John Roe, Reuters' or 'Jane Doe | Staff writer' -> author roles."""
    line = text.strip()
    if len(line) > 120:
        return None
    match = BYLINE_BY.match(line) or BYLINE_STAFF.match(line) or BYLINE_DATED.match(line)
    if not match:
        return None
    names_text, agency = _split_agency_suffix(match.group("names"), agencies)
    names = [n for n in split_names(names_text) if not BYLINE_ROLE_WORDS.search(n)]
    agency = agency or _agency_only(names, agencies)
    names = [n for n in names if not agencies.lookup(n)]
    if not all(looks_like_name(n) for n in names) or not (names or agency):
        return None
    credits = Credits(kind="byline", agency=agency)
    if names:
        credits.add("author", names)
    return credits


def parse_contributor_line(text: str) -> Credits | None:
    """AP's 'Associated Press writer X contributed to this report.' and Bloomberg contact lines."""
    line = text.strip()
    match = AP_CONTRIBUTED.match(line)
    if match:
        names = [n for n in split_names(match.group("names")) if looks_like_name(n)]
        return _single_role("contributing", names, agency="AP")
    match = BLOOMBERG_CONTACT.match(line)
    if match:
        role = "editing" if match.group("who").lower().startswith("editor") else "reporting"
        names = [n for n in split_names(match.group("names")) if looks_like_name(n)]
        return _single_role(role, names, agency="Bloomberg")
    return None


def split_trailing_credits(paragraph: str) -> tuple[str, str | None]:
    """Separate '... on the agenda. (Reporting by X; Editing by Y)' into body and credits."""
    match = TRAILING_CREDITS.search(paragraph)
    if not match or match.start() == 0:
        return paragraph, None
    return paragraph[: match.start()].rstrip(), match.group(0).strip()


def _single_role(role: str, names: list[str], agency: str) -> Credits | None:
    if not names:
        return None
    credits = Credits(agency=agency)
    credits.add(role, names)
    return credits


def _split_agency_suffix(names_text: str, agencies: AgencyTable) -> tuple[str, str | None]:
    """'Jane Doe, Reuters' -> ('Jane Doe', 'Reuters'); 'Jane Doe | AFP' likewise."""
    match = _AGENCY_SUFFIX.match(names_text)
    agency = agencies.lookup(match.group("tail")) if match else None
    if agency:
        return match.group("head"), agency
    # "MARTA FERREIRA Associated Press": the agency tacked on with a space only.
    for size in (3, 2, 1):
        words = names_text.split()
        if len(words) > size and (agency := agencies.lookup(" ".join(words[-size:]))):
            return " ".join(words[:-size]), agency
    return names_text, None


def _agency_only(names: list[str], agencies: AgencyTable) -> str | None:
    found = [agencies.lookup(n) for n in names]
    return next((a for a in found if a), None)
