"""The verdict on a pair of articles: copy (verbatim, edited, spun), same event, or unrelated.

Copies are judged on the text alone (alignment coverage, how much of it is
verbatim, whether facts keep their order), so a stale republication is still a
copy. Same event versus unrelated is judged on place, dates and facts, never on
shared names alone: two summits of the same leaders share every name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Alignment
from .explain import comparable_figures, sums_to
from .features import Features

# Days apart within which two independent reports can be about the same event.
SAME_EVENT_DAYS = 3


@dataclass(frozen=True)
class Verdict:
    kind: str
    confidence: float
    reasons: tuple[str, ...]


def pair_scores(a: Features, b: Features, alignment: Alignment) -> dict[str, float]:
    shared_numbers = len(a.numbers & b.numbers)
    days = _days_apart(a, b)
    pairs = alignment.pairs
    return {
        "coverage_min": min(alignment.coverage_a, alignment.coverage_b),
        "coverage_max": max(alignment.coverage_a, alignment.coverage_b),
        "verbatim_share": alignment.verbatim_share,
        "order": alignment.order,
        "aligned": float(len(pairs)),
        "mean_similarity": sum(p.similarity for p in pairs) / len(pairs) if pairs else 0.0,
        "names_jaccard": _jaccard(a.names, b.names),
        "numbers_shared": float(shared_numbers),
        "numbers_jaccard": _jaccard(a.numbers, b.numbers),
        "numbers_total": float(min(len(a.numbers), len(b.numbers))),
        "days_apart": float(days) if days is not None else -1.0,
        "number_conflicts": float(sum(1 for p in pairs if _conflicting_numbers(a, b, p.a, p.b))),
        "pairs_with_numbers": float(sum(1 for p in pairs if a.sentences[p.a].numbers and b.sentences[p.b].numbers)),
    }


def _conflicting_numbers(a: Features, b: Features, i: int, j: int) -> bool:
    """Aligned sentences that swap a figure for a comparable other one (not a reformatting)."""
    lost = [n for n in a.sentences[i].numbers if n not in b.numbers]
    gained = [n for n in b.sentences[j].numbers if n not in a.numbers]
    return any(comparable_figures(x, y) for x in lost for y in gained) and not sums_to(lost, gained)


def judge(a: Features, b: Features, scores: dict[str, float]) -> Verdict:
    """Decide the relation from the pair's scores."""
    cov_min, cov_max = scores["coverage_min"], scores["coverage_max"]
    verbatim, aligned = scores["verbatim_share"], scores["aligned"]
    if not _facts_kept(scores):
        return _event_verdict(a, b, scores)
    if cov_min >= 0.95 and verbatim >= 0.95:
        return Verdict("verbatim", _scale(min(cov_min, verbatim), 0.95, 1.0, 0.8, 0.99),
                       (f"{cov_min:.0%} of both texts aligned, {verbatim:.0%} of it word for word",))
    if cov_max >= 0.5 and cov_min >= 0.2 and verbatim >= 0.5 and aligned >= 2:
        return Verdict("edited", _scale(cov_max * verbatim, 0.25, 0.9, 0.6, 0.97),
                       (f"{cov_max:.0%} of the shorter text found in the other, {verbatim:.0%} of that verbatim",))
    if _spun(scores):
        return Verdict("spun", _scale(cov_max * scores["order"], 0.4, 0.95, 0.55, 0.95),
                       (f"{cov_max:.0%} of one text paraphrased in the other, facts in the same order "
                        f"({scores['order']:.0%}), only {verbatim:.0%} word for word",))
    return _event_verdict(a, b, scores)


def _facts_kept(scores: dict[str, float]) -> bool:
    """A copy keeps the original's figures; the same template about other figures is another story
    (next year's results of the same company read almost alike, with a third of the figures changed)."""
    with_numbers = scores["pairs_with_numbers"]
    if with_numbers >= 2 and scores["number_conflicts"] / with_numbers > 0.34:
        return False
    return scores["numbers_jaccard"] >= 0.3 or scores["numbers_shared"] >= 3 or scores["numbers_total"] < 3


def _spun(scores: dict[str, float]) -> bool:
    return (scores["coverage_max"] >= 0.55 and scores["coverage_min"] >= 0.3 and scores["aligned"] >= 3
            and scores["order"] >= 0.7 and scores["mean_similarity"] >= 0.38)


def _event_verdict(a: Features, b: Features, scores: dict[str, float]) -> Verdict:
    days = scores["days_apart"]
    place_a, place_b = a.article.dateline.place, b.article.dateline.place
    same_place = bool(place_a and place_b and _place_key(place_a) == _place_key(place_b))
    shared_facts = scores["numbers_shared"] >= 1 or scores["aligned"] >= 2
    close_in_time = 0 <= days <= SAME_EVENT_DAYS
    related = scores["names_jaccard"] >= 0.15 and (shared_facts or same_place)
    if close_in_time and (related or same_place and scores["numbers_shared"] >= 2):
        return Verdict("same-event", _scale(scores["names_jaccard"], 0.15, 0.5, 0.55, 0.9),
                       (f"same people and places ({scores['names_jaccard']:.0%} of names shared), "
                        f"{int(days)} day(s) apart, {int(scores['numbers_shared'])} figure(s) in common",))
    reason = "no common passage" if not scores["aligned"] else "too little text in common"
    if scores["names_jaccard"] >= 0.15 and days > SAME_EVENT_DAYS:
        reason = f"same topic and names, but {int(days)} days apart: a different event"
    return Verdict("unrelated", 0.8 if scores["aligned"] == 0 else 0.65, (reason,))


def _days_apart(a: Features, b: Features) -> int | None:
    if a.story_day and b.story_day:
        return abs((a.story_day - b.story_day).days)
    return None


def _place_key(place: str) -> str:
    return place.split(",")[0].strip().casefold().replace("’", "'")


def _jaccard(x: frozenset, y: frozenset) -> float:
    return len(x & y) / len(x | y) if x or y else 0.0


def _scale(value: float, low: float, high: float, floor: float, ceiling: float) -> float:
    """Map value in [low, high] onto a confidence in [floor, ceiling]."""
    if high <= low:
        return ceiling
    share = min(max((value - low) / (high - low), 0.0), 1.0)
    return floor + share * (ceiling - floor)
