"""Trace stage: find copies of an article, name the original, explain what changed.

`compare(a, b)` judges one pair. `trace_store` (in `corpus.py`) runs over a
whole store: LSH candidates from two signatures (wording and facts), then
`compare` on each candidate pair, then families and their originals.
"""

from __future__ import annotations

from ..model import Article, Relation
from ..parse import parse
from .align import align
from .explain import copy_changes, copy_flags, original_side
from .features import Features, features_of
from .relation import judge, pair_scores

__all__ = ["compare", "compare_features", "features_of"]


def compare(a: Article | bytes | str, b: Article | bytes | str) -> Relation:
    """How `b` relates to `a`: kind, confidence, which is the original, flags and the evidence.

    `a` and `b` are Articles or raw pages (bytes or str, parsed first).
    """
    return compare_features(features_of(_as_article(a)), features_of(_as_article(b)))


def compare_features(a: Features, b: Features) -> Relation:
    alignment = align(a.table, b.table, same_language=a.language == b.language)
    scores = pair_scores(a, b, alignment)
    verdict = judge(a, b, scores)
    relation = Relation(kind=verdict.kind, confidence=verdict.confidence, alignment=alignment, scores=scores,
                        reasons=list(verdict.reasons))
    if relation.is_copy:
        side, why = original_side(a, b, alignment)
        relation.original = side
        relation.reasons += [f"original is {side}: " + "; ".join(why)] if side else why
        original, copy = (a, b) if side != "b" else (b, a)
        relation.changes = copy_changes(original, copy, alignment, original_is_a=side != "b")
        relation.flags = copy_flags(relation.kind, original, copy, relation.changes)
    return relation


def _as_article(value: Article | bytes | str) -> Article:
    return value if isinstance(value, Article) else parse(value)
