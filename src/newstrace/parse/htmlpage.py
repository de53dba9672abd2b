"""One HTML page to its metadata and main-content blocks, over a single DOM parse."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..model import HtmlBody, HtmlMeta
from .htmlbody import extract_html_body
from .htmlmeta import extract_html_meta


def read_html(text: str, *, url: str | None = None) -> tuple[HtmlMeta, HtmlBody]:
    """Metadata first: body extraction prunes the tree it reads."""
    tree = LexborHTMLParser(text)
    meta = extract_html_meta(tree, url)
    body = extract_html_body(tree, meta)
    return meta, body
