"""Per-article features for tracing, computed once and reused for every comparison."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date

from ..model import Article
from .align import SentenceTable
from .text import Sentence, sentences_of, words_of_sentences

_QUOTE = re.compile(r"[“\"«]([^”\"»]{12,400})[”\"»]")
# Furniture that marks a republishing site rather than the wire itself.
REPUBLISHER_FURNITURE = frozenset({"site-header", "related-link", "share-widget", "subscribe-prompt", "cookie-notice",
                                   "advertisement", "duplicate-title"})


@dataclass(frozen=True)
class Features:
    article: Article
    sentences: tuple[Sentence, ...]
    words: tuple[str, ...]
    numbers: frozenset[str]
    names: frozenset[str]
    quotes: tuple[str, ...]
    story_day: date | None  # the story's own date, else the page date
    page_day: date | None
    people: tuple[str, ...]  # credited people, all roles

    @cached_property
    def table(self) -> SentenceTable:
        return SentenceTable(list(self.sentences))

    @property
    def language(self) -> str:
        return (self.article.language or "en")[:2]


def features_of(article: Article) -> Features:
    sentences = tuple(sentences_of(article.paragraphs, article.language))
    anchors = frozenset(a for s in sentences for a in s.anchors)
    people = tuple(dict.fromkeys(name for names in article.credits.values() for name in names))
    return Features(
        article=article,
        sentences=sentences,
        words=tuple(words_of_sentences(sentences)),
        numbers=frozenset(a for a in anchors if a[0] in "np"),
        names=frozenset(a for a in anchors if a[0] == "w"),
        quotes=tuple(m.group(1).strip() for p in article.paragraphs for m in _QUOTE.finditer(p)),
        story_day=to_day(article.story_date) or to_day(article.page_date),
        page_day=to_day(article.page_date) or to_day(article.story_date),
        people=people,
    )


def to_day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def republisher_marks(article: Article) -> int:
    """How many pieces of republishing-site furniture the page carried."""
    return sum(1 for item in article.removed if item.reason in REPUBLISHER_FURNITURE)
