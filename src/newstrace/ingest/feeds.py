"""Pages from RSS and Atom feeds: each item (entry) with inline content
becomes an HTML page, read incrementally so a large feed is never held."""

from __future__ import annotations

import io
from collections.abc import Iterator
from html import escape

from lxml import etree

from newstrace.ingest.common import iso_day, too_large_reason
from newstrace.model import InputFailure, Page

_ITEM_TAGS = frozenset({"item", "entry"})
# Where an item keeps its content, best first: content:encoded (RSS),
# content (Atom), description (RSS), summary (Atom).
_CONTENT_TAGS = ("encoded", "content", "description", "summary")
_DATE_TAGS = ("pubDate", "published", "date", "issued", "updated", "modified")


def read_feed(stream: io.BufferedReader, source: str, max_bytes: int) -> Iterator[Page | InputFailure]:
    items = 0
    events = _parse_events(stream)
    try:
        for _, element in events:
            if _local_name(element) in _ITEM_TAGS:
                items += 1
                yield _item_page(_children_by_name(element), source, str(items), max_bytes)
                _release(element)
    except etree.LxmlError as exc:
        yield InputFailure(source, f"invalid XML feed: {exc}", str(items + 1))
        return
    damage = _first_error(events.error_log)
    if damage:
        yield InputFailure(source, f"damaged feed XML ({damage}); items read: {items}")
    elif items == 0:
        yield InputFailure(source, "feed has no items")


def _first_error(error_log) -> str | None:
    """The first error the recovering parser got past, if any: the items
    near it may be incomplete, which the user should know."""
    for entry in error_log:
        if entry.level >= etree.ErrorLevels.ERROR:
            return f"line {entry.line}: {entry.message}"
    return None


def _parse_events(stream: io.BufferedReader):
    # No DTDs, entities or network: a feed is untrusted input.
    return etree.iterparse(
        stream, events=("end",), recover=True, resolve_entities=False,
        load_dtd=False, no_network=True, huge_tree=False,
    )


def _local_name(element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children_by_name(item) -> dict[str, list]:
    children: dict[str, list] = {}
    for child in item:
        children.setdefault(_local_name(child), []).append(child)
    return children


def _item_page(children: dict[str, list], source: str, record: str, max_bytes: int) -> Page | InputFailure:
    body = _first_content(children)
    if body is None:
        return InputFailure(source, "feed item has no inline content", record)
    title = _plain_text(children.get("title"))
    data = f"<html><head><title>{escape(title or '')}</title></head><body>{body}</body></html>"
    size = len(data.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        return InputFailure(source, too_large_reason(size, max_bytes), record)
    return Page(
        source=source, data=data, record=record,
        url=_item_link(children), date=_item_date(children), content_type="html",
    )


def _first_content(children: dict[str, list]) -> str | None:
    for tag in _CONTENT_TAGS:
        html = _content_html(children.get(tag))
        if html:
            return html
    return None


def _content_html(elements: list | None) -> str | None:
    """The item content as HTML. Atom says how it is written (type="text",
    "html" or "xhtml"); RSS content is always escaped HTML."""
    if not elements:
        return None
    element = elements[0]
    content_type = (element.get("type") or "").lower()
    if content_type == "xhtml":
        parts = [etree.tostring(child, encoding="unicode", with_tail=True) for child in element]
        html = (element.text or "") + "".join(parts)
    elif content_type in ("text", "text/plain"):
        html = _text_as_html(element.text or "")
    else:
        html = "".join(element.itertext())
    # Markup with no words in it (an empty <div/>) is no content either.
    return html if "".join(element.itertext()).strip() else None


def _text_as_html(text: str) -> str:
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(part)}</p>" for part in paragraphs)


def _plain_text(elements: list | None) -> str | None:
    if not elements:
        return None
    text = " ".join("".join(elements[0].itertext()).split())
    return text or None


def _item_link(children: dict[str, list]) -> str | None:
    for link in children.get("link", []):
        href = link.get("href")  # Atom
        if href and link.get("rel", "alternate") == "alternate":
            return href.strip()
        if not href and link.text and link.text.strip():  # RSS
            return link.text.strip()
    guid = children.get("guid") or children.get("id")
    text = (guid[0].text or "").strip() if guid else ""
    return text if text.startswith(("http://", "https://")) else None


def _item_date(children: dict[str, list]) -> str | None:
    for tag in _DATE_TAGS:
        text = _plain_text(children.get(tag))
        if text:
            return iso_day(text)
    return None


def _release(element) -> None:
    """Free an item once read, and the items before it."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]
