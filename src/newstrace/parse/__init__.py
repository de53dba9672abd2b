"""Parse stage: one raw page (HTML or a plain-text dump) to one Article.

HTML goes through main-content extraction first (htmlbody) and metadata
reading (htmlmeta); text dumps through header and headline detection
(textdump). Both then meet in the same news analysis (news): furniture,
credits, dateline, agency.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..errors import ParseError
from ..model import Article, ContentType
from .agencies import agency_table
from .decode import decode_page
from .language import detect_language, script_warning
from .news import analyse_blocks, credits_from_authors, furniture_reason, is_byline
from .textdump import read_head, split_blocks

__all__ = ["ParseOptions", "parse", "sniff_content_type"]

_HTML_SIGNS = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|div[\s>]|p[\s>]|article[\s>])", re.I)


_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class ParseOptions:
    """Limits for one parse. Passed explicitly; there are no global settings."""

    max_bytes: int = 20 * 2**20
    detect_language: bool = True


def parse(
    data: bytes | str,
    *,
    url: str | None = None,
    content_type: ContentType | str | None = None,
    page_date: str | None = None,
    source: str | None = None,
    options: ParseOptions = ParseOptions(),
) -> Article:
    """Parse one page into an Article. Raises ParseError (only) when it cannot."""
    text, warnings = _to_text(data, options)
    if content_type == "article":
        return _parse_exported(text, source)
    kind = _content_kind(content_type, text)
    if kind == "html":
        article = _parse_html(text, url=url)
    else:
        article = _parse_text(text)
    # Paragraphs never hold blank lines: the store joins them with one.
    article.paragraphs = [p for p in (_BLANK_LINES.sub("\n", p.strip()) for p in article.paragraphs) if p]
    if not article.paragraphs:
        raise ParseError("no article text found" + (" in the HTML" if kind == "html" else ""))
    article.url = article.url or url
    if not article.story_date and len(article.dateline.date or "") == 10:
        article.story_date = article.dateline.date  # "DAKAR, Sept 19, 2023 (AFP)"
    article.page_date = page_date or article.page_date or article.story_date
    article.source = source
    article.warnings = warnings + article.warnings
    _finish_language(article, options)
    return article


def _parse_exported(text: str, source: str | None) -> Article:
    """An article exported by newstrace (its JSON shape), read back field for field."""
    try:
        record = json.loads(text)
        article = Article.from_dict(record)
    except (ValueError, TypeError, AttributeError, RecursionError) as error:
        raise ParseError(f"not a newstrace article record: {error}") from error
    if not article.paragraphs or not all(isinstance(p, str) for p in article.paragraphs):
        raise ParseError("article record has no paragraphs")
    article.source = article.source or source
    return article


def sniff_content_type(text: str) -> ContentType:
    """'html' when the start of the text looks like markup, else 'text'."""
    return "html" if _HTML_SIGNS.search(text[:2048]) else "text"


def _to_text(data: bytes | str, options: ParseOptions) -> tuple[str, list[str]]:
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise ParseError(f"cannot parse {type(data).__name__}: expected bytes or str")
    size = len(data)
    if size > options.max_bytes:
        raise ParseError(f"page is {size / 2**20:.1f} MiB, over the {options.max_bytes / 2**20:.1f} MiB limit")
    if isinstance(data, str):
        text, warnings = data, []
    else:
        decoded = decode_page(bytes(data))
        text, warnings = decoded.text, decoded.warnings
    if not text.strip():
        raise ParseError("empty page")
    return text.replace("\x00", ""), warnings


def _content_kind(content_type: str | None, text: str) -> ContentType:
    if content_type:
        lowered = content_type.lower()
        if "html" in lowered or "xml" in lowered:
            return "html"
        if lowered in ("text", "text/plain", "txt"):
            return "text"
    return sniff_content_type(text)


def _parse_text(text: str) -> Article:
    agencies = agency_table()
    blocks = split_blocks(text)
    head = read_head(blocks, is_furniture=furniture_reason, is_byline=lambda b: is_byline(b, agencies))
    news = analyse_blocks(head.body, title=head.title, agencies=agencies)
    return Article(
        title=head.title,
        paragraphs=news.paragraphs,
        site_name=head.site_name,
        page_date=head.page_date,
        story_date=head.story_date,
        dateline=news.dateline,
        agency=news.agency,
        agency_source=news.agency is not None,
        credits=news.credits,
        removed=head.removed + news.removed,
    )


def _parse_html(text: str, *, url: str | None) -> Article:
    from .htmlpage import read_html  # the HTML path pulls in selectolax; text-only use need not

    meta, body = read_html(text, url=url)
    agencies = agency_table()
    title = meta.title
    news = analyse_blocks(body.blocks, title=title, agencies=agencies)
    credits = news.credits
    meta_credits = credits_from_authors(meta.authors, agencies)
    if meta_credits.roles and not credits.get("author"):
        credits = {**meta_credits.roles, **credits}
    agency = news.agency or meta_credits.agency
    return Article(
        title=title,
        paragraphs=news.paragraphs,
        site_name=meta.site_name,
        url=meta.url,
        page_date=meta.modified_date,
        story_date=meta.story_date,
        dateline=news.dateline,
        agency=agency,
        agency_source=agency is not None,
        credits=credits,
        removed=body.removed + news.removed,
        language=meta.language,
    )


def _finish_language(article: Article, options: ParseOptions) -> None:
    text = article.text
    warning = script_warning(text)
    if warning:
        article.warnings.append(warning)
    if options.detect_language:
        article.language = detect_language(text, hint=article.language)
