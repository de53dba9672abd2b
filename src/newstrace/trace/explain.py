"""Which side is the original, and what the copy changed: bylines, dates, numbers, quotes, attribution."""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from ..model import Alignment, Change
from .features import Features, republisher_marks

# A page date this many days after the original's marks a stale republication.
STALE_DAYS = 180
# Two names this similar (0..100) are one name misspelt, not two people.
SAME_NAME = 75


def original_side(a: Features, b: Features, alignment: Alignment) -> tuple[str | None, list[str]]:
    """'a' or 'b' (or None when nothing tells them apart), with the reasons."""
    score_a, reasons_a = _origin_evidence(a, b, alignment.coverage_b, alignment.coverage_a)
    score_b, reasons_b = _origin_evidence(b, a, alignment.coverage_a, alignment.coverage_b)
    if abs(score_a - score_b) < 0.5:
        return None, ["nothing tells the original from the copy"]
    return ("a", reasons_a) if score_a > score_b else ("b", reasons_b)


def _origin_evidence(x: Features, other: Features, other_covered: float, self_covered: float
                     ) -> tuple[float, list[str]]:
    """Points for `x` being the original of the pair."""
    score, reasons = 0.0, []
    if x.story_day and other.page_day and x.story_day < other.page_day:
        score += 2.0
        reasons.append(f"dated {x.story_day.isoformat()}, before the other page ({other.page_day.isoformat()})")
    if x.article.dateline.agency:
        score += 1.5
        reasons.append(f"carries the wire dateline ({x.article.dateline.agency})")
    elif x.article.agency_source:
        score += 0.75
        reasons.append(f"attributed to {x.article.agency}")
    if _republished_wire(other) and not _republished_wire(x):
        score += 1.0
        reasons.append(f"the other page runs the {other.article.agency} story under its own name "
                       f"({other.article.site_name})")
    if len(x.people) > len(other.people):
        score += 0.5
        reasons.append("fuller credits")
    marks = republisher_marks(x.article) - republisher_marks(other.article)
    if marks < 0:
        score += 1.0
        reasons.append("no republishing-site furniture")
    if other_covered > self_covered + 0.1:
        score += 1.0
        reasons.append("holds the other's text and more")
    return score, reasons


def _republished_wire(x: Features) -> bool:
    """A wire dateline under another outlet's name: 'Lakeshore Gazette' carrying '(AP)'."""
    agency, site = x.article.dateline.agency or x.article.agency, x.article.site_name
    return bool(agency and site and agency.casefold() not in site.casefold())


def copy_flags(kind: str, original: Features, copy: Features, changes: list[Change]) -> list[str]:
    flags = []
    if original.story_day and copy.page_day and (copy.page_day - original.story_day).days >= STALE_DAYS:
        flags.append("stale-republication")
    if any(change.kind == "byline" for change in changes):
        flags.append("altered-byline")
    if (original.article.agency_source or original.article.agency) and not copy.article.agency_source:
        flags.append("stripped-attribution")
    if kind == "spun":
        flags.append("spun-text")
    if any(change.kind == "number" for change in changes):
        flags.append("changed-numbers")
    return flags


def copy_changes(original: Features, copy: Features, alignment: Alignment, original_is_a: bool) -> list[Change]:
    changes = byline_changes(original.people, copy.people)
    changes += date_changes(original, copy)
    changes += number_changes(original, copy, alignment, original_is_a)
    changes += quote_changes(original, copy)
    if original.article.agency and not copy.article.agency_source:
        changes.append(Change("agency", original.article.agency, None, "wire attribution removed"))
    return changes


def byline_changes(original: tuple[str, ...], copy: tuple[str, ...]) -> list[Change]:
    """Credited names the copy misspells, or a byline replaced outright.

    A copy that credits more people than the original is not flagged: wire
    credits are often kept in full on one page and cut on another.
    """
    if not original or not copy:
        return []
    changes = []
    folded = {name.casefold(): name for name in original}  # "DANIEL OKAFOR" is "Daniel Okafor"
    for name in copy:
        if name.casefold() in folded:
            continue
        best = max(folded, key=lambda other: fuzz.ratio(name.casefold(), other))
        if fuzz.ratio(name.casefold(), best) >= SAME_NAME:
            changes.append(Change("byline", folded[best], name, "name misspelt"))
    if not changes and not any(fuzz.ratio(n.casefold(), o) >= SAME_NAME for n in copy for o in folded):
        changes.append(Change("byline", ", ".join(original), ", ".join(copy), "byline replaced"))
    return changes


def date_changes(original: Features, copy: Features) -> list[Change]:
    if original.story_day and copy.page_day and original.story_day != copy.page_day:
        days = (copy.page_day - original.story_day).days
        return [Change("date", original.story_day.isoformat(), copy.page_day.isoformat(),
                       f"copy's page dated {days} day(s) after the original")]
    return []


def number_changes(original: Features, copy: Features, alignment: Alignment, original_is_a: bool) -> list[Change]:
    """Figures that differ inside sentences the alignment pairs up ('1,200 jobs' became '1,800 jobs').

    Only a swap of comparable figures counts: same kind, within a factor of
    five, neither a small count nor stated elsewhere in the other text, so that
    'four years' against '48 million' or a translation's '4 thousand 500' for
    '4,500' is not taken for a change.
    """
    changes = []
    for pair in alignment.pairs:
        first = original.sentences[pair.a if original_is_a else pair.b]
        second = copy.sentences[pair.b if original_is_a else pair.a]
        lost = [n for n in first.numbers if n not in copy.numbers]
        gained = [n for n in second.numbers if n not in original.numbers]
        swaps = [(x, y) for x in lost for y in gained if comparable_figures(x, y)]
        if swaps and not sums_to(lost, gained):
            changes.append(Change("number", _show([x for x, _ in swaps]), _show([y for _, y in swaps]),
                                  f"in: {second.text[:160]}"))
    return changes


def comparable_figures(first: str, second: str) -> bool:
    kind_a, value_a = first.split(":", 1)
    kind_b, value_b = second.split(":", 1)
    a, b = float(value_a), float(value_b)
    if kind_a != kind_b or a == b or min(a, b) <= 0:
        return False
    year_a, year_b = a.is_integer() and 1900 <= a <= 2100, b.is_integer() and 1900 <= b <= 2100
    if kind_a == "n" and (year_a or year_b):
        return year_a and year_b  # 'by 2035' became 'by 2030'; a year against a count is no swap
    if kind_a == "n" and min(a, b) < 10:
        return False  # small counts are often spelt out on one side
    return max(a, b) / min(a, b) <= 5


def sums_to(lost: list[str], gained: list[str]) -> bool:
    """'4 thousand 500' read as 4000 and 500 against '4,500': parts of one figure, not a change."""
    values = [float(n.split(":", 1)[1]) for n in gained]
    return any(abs(sum(values) - float(x.split(":", 1)[1])) < 1e-6 * max(1.0, float(x.split(":", 1)[1]))
               for x in lost)


def quote_changes(original: Features, copy: Features) -> list[Change]:
    """Quotes of the original that the copy cut (or changed beyond recognition)."""
    if original.language != copy.language:
        return []  # a translation renders quotes in its own words
    changes = []
    for quote in original.quotes:
        best = max((Indel.normalized_similarity(quote, other) for other in copy.quotes), default=0.0)
        if best < 0.6:
            changes.append(Change("quote", quote, None, "quote cut or rewritten"))
    return changes


def _show(anchors: list[str]) -> str:
    return ", ".join(anchor.split(":", 1)[1] + ("%" if anchor.startswith("p:") else "") for anchor in anchors)
