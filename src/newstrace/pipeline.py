"""Stages chained over many inputs: read pages, parse each, keep going past failures."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from .errors import ParseError
from .ingest import read_pages
from .model import Article, InputFailure, Page
from .enrich import EnrichOptions, enrich_many
from .parse import ParseOptions, parse

_ENRICH_BATCH = 32


def parse_page(page: Page, options: ParseOptions = ParseOptions()) -> Article | InputFailure:
    """Parse one read page; a page that cannot be parsed comes back as an InputFailure."""
    try:
        article = parse(
            page.data,
            url=page.url,
            content_type=page.content_type,
            page_date=page.date,
            source=page.source,
            options=options,
        )
    except ParseError as error:
        return InputFailure(source=page.source, record=page.record, reason=str(error))
    article.record = page.record
    return article


def parse_paths(
    paths: Iterable[str | os.PathLike], options: ParseOptions = ParseOptions(),
    enrich_options: EnrichOptions | None = None,
) -> Iterator[Article | InputFailure]:
    """Articles from every page under `paths`, in order, with failures yielded in place.

    With `enrich_options`, articles are enriched too (in small batches: the model is faster that way).
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    items = (item for path in paths for item in read_pages(path))
    for batch in _batches(items, _ENRICH_BATCH):
        pages = [item for item in batch if isinstance(item, Page)]
        parsed = iter(parse_and_enrich(pages, options, enrich_options))
        yield from (item if isinstance(item, InputFailure) else next(parsed) for item in batch)


def parse_and_enrich(pages: list[Page], options: ParseOptions = ParseOptions(),
                     enrich_options: EnrichOptions | None = None) -> list[Article | InputFailure]:
    """Parse pages, then enrich the new articles in one batch.

    Records that are already newstrace articles (an export read back) keep
    their own enrichment: re-ingesting an export gives back what was exported.
    """
    parsed = [parse_page(page, options) for page in pages]
    if enrich_options is None:
        return parsed
    fresh = [i for i, page in enumerate(pages) if page.content_type != "article"]
    enriched = enrich_batch([parsed[i] for i in fresh], enrich_options)
    for index, item in zip(fresh, enriched):
        parsed[index] = item
    return parsed


def enrich_batch(items: list[Article | InputFailure], options: EnrichOptions) -> list[Article | InputFailure]:
    """Enrich the articles among `items`, in place of the originals; failures pass through.

    A failure inside the enrich stage must not cost the parsed article: the
    article is kept without enrichment and carries a warning saying why.
    """
    articles = [item for item in items if isinstance(item, Article)]
    if not articles:
        return items
    try:
        enriched = iter(enrich_many(articles, options))
    except Exception as error:  # noqa: BLE001 - an enrich bug must not lose parsed pages
        for article in articles:
            article.warnings.append(f"enrich failed: {type(error).__name__}: {error}")
        return items
    return [next(enriched) if isinstance(item, Article) else item for item in items]


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
