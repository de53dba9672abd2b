"""Stages chained over many inputs: read pages, parse each, keep going past failures."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from .errors import ParseError
from .ingest import read_pages
from .model import Article, InputFailure, Page
from .parse import ParseOptions, parse


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
    paths: Iterable[str | os.PathLike], options: ParseOptions = ParseOptions()
) -> Iterator[Article | InputFailure]:
    """Articles from every page under `paths`, in order, with failures yielded in place."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    for path in paths:
        for item in read_pages(path):
            yield item if isinstance(item, InputFailure) else parse_page(item, options)
