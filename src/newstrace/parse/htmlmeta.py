"""Metadata from an HTML page's markup: title, site, authors, dates, language.

Evidence comes from three places, read in one pass each:

* ``<meta>`` tags (Open Graph, Dublin Core, article:*, parsely, ...),
* JSON-LD blocks (schema.org NewsArticle and friends, with ``@graph`` and
  ``@id`` references resolved),
* visible markup: ``<h1>``, ``<time>``, ``itemprop`` microdata, bylines.

Each field is then chosen by a fixed order of preference, machine-readable
sources first, with a few cross-checks (a title that agrees with the
``<h1>``, a site name that explains a title suffix). Nothing here raises on
odd markup: a page without metadata gives an HtmlMeta with empty fields.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import HtmlMeta
from .dates import date_from_url, find_dates, month_day_span, to_iso_date

# ---------------------------------------------------------------- constants

# schema.org types whose headline/author/date describe the page's story,
# ranked: the article itself, other authored works, then the page around it.
_WORK_TYPES = {
    "recipe", "review", "creativework", "videoobject", "podcastepisode", "audioobject",
    "event", "howto", "product", "course", "book", "movie", "qapage", "question",
}
_PAGE_TYPES = {
    "webpage", "itempage", "aboutpage", "profilepage", "collectionpage", "faqpage",
    "medicalwebpage", "searchresultspage", "checkoutpage", "contactpage", "realestatelisting",
}
_ORG_TYPES = {
    "organization", "newsmediaorganization", "corporation", "governmentorganization",
    "ngo", "educationalorganization", "localbusiness", "website", "brand",
}

_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "article:published",
    "datepublished", "og:published_time", "published_time", "publishdate", "publish-date",
    "publish_date", "pubdate", "publication_date", "publicationdate", "parsely-pub-date",
    "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
    "citation_publication_date", "citation_date", "citation_online_date", "article.published",
    "originalpublicationdate", "og:pubdate", "date.available", "bt:pubdate", "displaydate",
)
# Less specific keys: a page date that is usually, but not always, the story's.
_GENERIC_DATE_KEYS = ("dc.date", "dcterms.date", "date", "created", "creation_date", "dc.created")
_MODIFIED_KEYS = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "dc.date.modified", "dcterms.modified", "article:modified", "modified_time", "last-modified",
    "lastmod", "revised", "dc.modified",
)
_AUTHOR_KEYS = (
    "author", "article:author", "og:article:author", "dc.creator", "dcterms.creator",
    "parsely-author", "sailthru.author", "byl", "citation_author", "dc.creator.name",
    "cxenseparse:author", "article.author", "creator",
)
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")

_BYLINE_SELECTOR = (
    '[itemprop~="author"], [rel~="author"], [class*="byline" i], [class*="author" i], '
    '[id*="author" i], [class*="autor" i]'
)
_TIME_SELECTOR = 'time, [itemprop~="datePublished"], [itemprop~="dateCreated"], abbr.published'
_DATE_CLASS_SELECTOR = (
    '[class*="date" i], [class*="datum" i], [class*="time" i], [class*="published" i], '
    '[class*="posted" i], [class*="meta" i], [id*="date" i]'
)

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_NOT_WORD = re.compile(r"[\W_]+")
_TAG = re.compile(r"<[^>]{0,300}>")
_MAX_LD_NODES = 400  # product catalogues can ship thousands of JSON-LD nodes


# ---------------------------------------------------------------- evidence


@dataclass(slots=True)
class _Heading:
    """A visible heading. `text` is its headline words: the main part when the
    heading also carries a kicker or a label in a separate element."""

    node: LexborNode
    full: str
    text: str
    key: str


@dataclass(slots=True)
class _Evidence:
    """Everything read off the page, before any choice is made."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    ld_nodes: list[dict] = field(default_factory=list)  # ranked, best first
    ld_index: dict[str, dict] = field(default_factory=dict)  # "@id" -> node
    ld_sites: list[str] = field(default_factory=list)  # WebSite / Organization names
    h1s: list[_Heading] = field(default_factory=list)
    html_title: str | None = None
    url: str | None = None
    host: str = ""


def extract_html_meta(tree: LexborHTMLParser, url: str | None = None) -> HtmlMeta:
    """Read the page's metadata. Fields the page does not state stay empty.

    Never raises: metadata is a bonus on top of the article text, so a page
    whose markup defeats this reader still gets parsed, with empty metadata.
    """
    try:
        return _extract(tree, url)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError):
        return HtmlMeta(url=url)


def _extract(tree: LexborHTMLParser, url: str | None) -> HtmlMeta:
    evidence = _gather(tree, url)
    site_name = _site_name(evidence)
    title = _title(tree, evidence, site_name)
    if site_name is None:
        site_name = _site_from_title_affix(evidence, title)
    language, region = _language(tree, evidence)
    day_first = _day_first(language, region)
    headline = _headline_node(tree, evidence, title)
    return HtmlMeta(
        title=title,
        site_name=site_name,
        url=_canonical_url(tree, evidence),
        authors=_authors(tree, evidence, site_name, headline),
        story_date=_story_date(tree, evidence, headline, title, day_first),
        modified_date=_modified_date(evidence),
        language=language,
        description=_first_meta(evidence.meta, _DESCRIPTION_KEYS) or _ld_text(evidence, "description"),
        article_body=_ld_article_body(evidence),
    )


def _gather(tree: LexborHTMLParser, url: str | None) -> _Evidence:
    evidence = _Evidence(url=url, host=_host(url))
    evidence.meta = _collect_meta(tree)
    _collect_json_ld(tree, evidence)
    title_node = tree.css_first("head title") or tree.css_first("title")
    if title_node is not None:
        evidence.html_title = squash(title_node.text())
    evidence.h1s = _headings(tree, "h1", 6)
    if not evidence.host:
        evidence.host = _host(_first_meta(evidence.meta, ("og:url",)))
    return evidence


def squash(text: str | None) -> str:
    """Whitespace collapsed and trimmed; "" for None."""
    if not text:
        return ""
    return " ".join(text.translate(_INVISIBLE).split())


def _clean_value(value: object) -> str | None:
    """A metadata string with entities decoded, stray tags dropped, spaces collapsed."""
    if not isinstance(value, str):
        return None
    if "&" in value:
        value = html.unescape(value)
    if "<" in value:
        value = _TAG.sub(" ", value)
    return squash(value) or None


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _collect_meta(tree: LexborHTMLParser) -> dict[str, list[str]]:
    """meta tags as lowercased key -> contents, in page order."""
    meta: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = _clean_value(attrs.get("content"))
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = attrs.get(attr)
            if key:
                meta.setdefault(key.strip().lower(), []).append(content)
    return meta


def _first_meta(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        values = meta.get(key)
        if values:
            return values[0]
    return None


# ---------------------------------------------------------------- JSON-LD


def _collect_json_ld(tree: LexborHTMLParser, evidence: _Evidence) -> None:
    nodes: list[dict] = []
    for script in tree.css("script"):
        script_type = script.attributes.get("type") or ""
        if "ld+json" not in script_type.lower():
            continue
        data = parse_json_loose(script.text())
        if data is not None:
            nodes.extend(_walk_ld(data, _MAX_LD_NODES - len(nodes)))
    for node in nodes:
        node_id = node.get("@id")
        if isinstance(node_id, str) and len(node) > 1:
            evidence.ld_index.setdefault(node_id, node)
    ranked = [(rank, order, node) for order, node in enumerate(nodes)
              if (rank := _ld_rank(node)) is not None]
    ranked.sort(key=lambda item: item[:2])
    evidence.ld_nodes = [node for _rank, _order, node in ranked]
    evidence.ld_sites = [name for node in nodes
                         if _ld_types(node) & {"website", "newsmediaorganization", "organization"}
                         and (name := _clean_value(node.get("name")))]


_JSON_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_ADJACENT_OBJECTS = re.compile(r"}\s*{")


def parse_json_loose(raw: str | None) -> object | None:
    """JSON from a script block, forgiving the usual publisher mistakes.

    Tries, in order: the text as is (control characters allowed), without
    comment/CDATA wrappers, without trailing commas, and several objects
    written back to back. None when nothing parses.
    """
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    attempts = (
        lambda t: t,
        lambda t: _JSON_WRAPPER.sub("", t),
        lambda t: _TRAILING_COMMA.sub(r"\1", _JSON_WRAPPER.sub("", t)),
        lambda t: "[" + _ADJACENT_OBJECTS.sub("},{", _TRAILING_COMMA.sub(r"\1", t)) + "]",
    )
    for fix in attempts:
        try:
            return json.loads(fix(text), strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _walk_ld(data: object, budget: int) -> list[dict]:
    """Every JSON object in `data`, in document (pre-)order, at most `budget`."""
    found: list[dict] = []
    stack: list[object] = [data]
    while stack and len(found) < budget:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(value for value in reversed(list(item.values()))
                         if isinstance(value, (dict, list)))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def _ld_types(node: dict) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    # "http://schema.org/NewsArticle" and "schema:NewsArticle" both occur.
    return {value.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for value in values
            if isinstance(value, str)}


def _ld_rank(node: dict) -> int | None:
    types = _ld_types(node)
    if not types:
        return None
    if any(t.endswith(("article", "posting")) or t in ("reportagenews", "report") for t in types):
        return 0
    if types & _WORK_TYPES:
        return 1
    if types & _PAGE_TYPES:
        return 2
    return None


def _ld_resolve(value: object, evidence: _Evidence) -> object:
    """Follow a bare {"@id": ...} reference to the node it names."""
    if isinstance(value, dict) and "@id" in value and len(value) <= 2:
        target = evidence.ld_index.get(value.get("@id"))
        if target is not None:
            return target
    return value


def _ld_value(evidence: _Evidence, key: str) -> object:
    """`key` from the best-ranked JSON-LD node that has it."""
    for node in evidence.ld_nodes:
        value = node.get(key)
        if value:
            return value
    return None


def _ld_text(evidence: _Evidence, key: str) -> str | None:
    value = _ld_value(evidence, key)
    if isinstance(value, list) and value:
        value = value[0]
    return _clean_value(value)


def _ld_article_body(evidence: _Evidence) -> str | None:
    for node in evidence.ld_nodes:
        body = node.get("articleBody")
        if isinstance(body, str) and body.strip():
            # Kept with its line breaks: paragraph boundaries are useful downstream.
            text = html.unescape(body) if "&" in body else body
            return text.strip()
    return None


# ---------------------------------------------------------------- site name and title


def _site_name(evidence: _Evidence) -> str | None:
    site = _first_meta(evidence.meta, ("og:site_name",))
    if site:
        return site
    for node in evidence.ld_nodes:
        publisher = _ld_resolve(node.get("publisher"), evidence)
        if isinstance(publisher, list) and publisher:
            publisher = _ld_resolve(publisher[0], evidence)
        if isinstance(publisher, dict) and (name := _clean_value(publisher.get("name"))):
            return name
    if evidence.ld_sites:
        return evidence.ld_sites[0]
    return _first_meta(evidence.meta, ("application-name", "apple-mobile-web-app-title"))


def title_key(text: str | None) -> str:
    """Letters and digits only, casefolded: the basis of title agreement."""
    if not text:
        return ""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·•»«~/\\:]|-{1,2}|::|>)\s+|\s*[|·•»«]\s*|\s+-(?=\S)|(?<=\S)-\s+")


def _is_site_segment(segment: str, site_keys: list[str], host_key: str) -> bool:
    """Whether a title segment names the site (or is only a date), not the story."""
    key = title_key(segment)
    if not key or key == host_key or _is_generic_title(segment):
        return True
    if to_iso_date(segment) and len(_title_words(segment)) <= 2:
        return True
    if any(key == site or (len(site) >= 4 and (site in key or key in site)) for site in site_keys):
        return True
    # "SPIEGEL" on spiegel.de, "MyOOS Community Forum" on foren.myoos.de.
    if len(host_key) >= 4 and (key.startswith(host_key) or key.endswith(host_key)) and len(segment.split()) <= 4:
        return True
    return len(key) >= 4 and key in host_key


_SITE_PREFIX = re.compile(r"^([^:]{2,40}):\s+(\S.*)$")


def strip_site_affix(title: str, site_names: list[str], host: str = "") -> str:
    """`title` without a leading or trailing segment that names the site."""
    site_keys = [key for name in site_names if (key := title_key(name))]
    host_key = _host_key(host)
    prefix = _SITE_PREFIX.match(title)
    if prefix and _is_site_segment(prefix.group(1), site_keys, host_key):
        title = prefix.group(2)  # "Daily Planet: Storm hits coast"
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    start, end = 0, len(parts)
    while end - start > 1 and _is_site_segment(parts[end - 1], site_keys, host_key):
        end -= 1
    while end - start > 1 and _is_site_segment(parts[start], site_keys, host_key):
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    return _rejoin_title(title, parts, start, end)


def _rejoin_title(title: str, parts: list[str], start: int, end: int) -> str:
    """The span of `title` from part `start` to part `end - 1`, separators kept."""
    first, last = parts[start], parts[end - 1]
    begin = title.find(first)
    finish = title.rfind(last)
    if begin < 0 or finish < 0 or finish + len(last) <= begin:
        return " ".join(parts[start:end])
    return title[begin:finish + len(last)].strip()


def _title_candidates(evidence: _Evidence, site_name: str | None) -> list[tuple[str, str]]:
    """(raw, cleaned) title candidates, most trusted first."""
    site_names = [name for name in (site_name, *evidence.ld_sites) if name]
    raw_values = [
        _clean_value(_ld_value(evidence, "headline")),
        _first_meta(evidence.meta, ("og:title",)),
        _first_meta(evidence.meta, ("twitter:title",)),
        _first_meta(evidence.meta, ("dc.title", "parsely-title", "sailthru.title", "headline")),
        evidence.html_title,
    ]
    candidates = []
    for raw in raw_values:
        if raw and isinstance(raw, str):
            candidates.append((raw, strip_site_affix(raw, site_names, evidence.host)))
    return candidates


_WORD = re.compile(r"\w+")
_MAX_HEADING_CHARS = 300
_INLINE_PART_TAGS = {"span", "small", "strong", "b", "em", "i", "a", "div", "p", "br", "mark", "sup", "sub"}


def _headings(tree: LexborHTMLParser, tag: str, limit: int) -> list[_Heading]:
    headings = []
    for node in tree.css(tag)[:limit]:
        full = _visible_text(node)
        if full and len(full) <= _MAX_HEADING_CHARS and (key := title_key(full)):
            text = _main_part(node) or full
            headings.append(_Heading(node, full, text, key))
    return headings


def _visible_text(node: LexborNode) -> str:
    """The node's text without inline <style>/<script> (some sites put CSS inside headings)."""
    if node.css_first("style, script, noscript") is None:
        return squash(node.text(separator=" "))
    pieces = [child.text() for child in node.traverse(include_text=True)
              if child.tag == "-text" and child.parent is not None and child.parent.tag not in _SKIP_TEXT_TAGS]
    return squash(" ".join(pieces))


def _main_part(node: LexborNode) -> str | None:
    """The longest of a heading's child elements when the heading is only
    elements side by side (<span class="kicker">..</span><span>headline</span>)."""
    parts = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            if child.text().strip():
                return None  # words directly in the heading: inline markup, not parts
            continue
        if child.tag not in _INLINE_PART_TAGS and child.tag not in _SKIP_TEXT_TAGS:
            return None
        if child.tag not in _SKIP_TEXT_TAGS and (text := _visible_text(child)):
            parts.append(text)
    if len(parts) < 2:
        return None
    return max(reversed(parts), key=lambda part: len(part.split()))


def _title_words(text: str) -> set[str]:
    """Content words: short ones (articles, "und", "the") say little about the story."""
    return {word for word in _WORD.findall(unicodedata.normalize("NFKC", text).casefold()) if len(word) >= 4}


@dataclass(slots=True)
class _TitleCandidate:
    raw: str
    cleaned: str
    raw_key: str
    cleaned_key: str
    segment_keys: set[str]


_SEGMENT_SPLIT = re.compile(rf"{_TITLE_SEPARATOR.pattern}|:\s+")


def _title(tree: LexborHTMLParser, evidence: _Evidence, site_name: str | None) -> str | None:
    """The headline: a visible heading that the metadata titles vouch for,
    else the best metadata title with its site affix removed."""
    candidates = [
        _TitleCandidate(raw, cleaned, title_key(raw), title_key(cleaned),
                        {key for part in _SEGMENT_SPLIT.split(raw) if len(key := title_key(part)) >= 8})
        for raw, cleaned in _title_candidates(evidence, site_name)
    ]
    site_keys, host_key = _site_keys(evidence, site_name), _host_key(evidence.host)
    h1s = evidence.h1s
    story_h1s = [h1 for h1 in h1s if not _is_site_segment(h1.text, site_keys, host_key)]
    found = _heading_agreeing(h1s, story_h1s, candidates, reworded=True)
    if found:
        return found
    h2s = _headings(tree, "h2", 12)
    story_h2s = [h2 for h2 in h2s if not _is_site_segment(h2.text, site_keys, host_key)]
    found = _heading_agreeing(h2s, story_h2s, candidates, reworded=False)
    if found:
        return found
    if candidates and not _is_generic_title(candidates[0].cleaned):
        return candidates[0].cleaned
    if story_h1s:
        return story_h1s[0].text
    return candidates[0].cleaned if candidates else (h1s[0].text if h1s else None)


def _heading_agreeing(headings: list[_Heading], story: list[_Heading],
                      candidates: list[_TitleCandidate], reworded: bool) -> str | None:
    """The first heading that a metadata title vouches for, in order of evidence strength."""
    # 1. A heading saying the same as a cleaned title; for a heading with a
    #    kicker, its main part saying the same as a title or one of its segments.
    for heading in headings:
        if _is_generic_title(heading.text):
            continue
        main_key = title_key(heading.text)
        has_kicker = heading.text != heading.full
        for candidate in candidates:
            if has_kicker and (main_key == candidate.cleaned_key or main_key in candidate.segment_keys):
                return heading.text
            if heading.key == candidate.cleaned_key:
                return heading.full
    # 2. A story heading that is most of a raw title: a site affix we could not name.
    for heading in story:
        key = heading.key
        for candidate in candidates:
            raw_key = candidate.raw_key
            if len(key) >= 8 and 2 * len(key) >= len(raw_key) and (raw_key.startswith(key) or raw_key.endswith(key)):
                return heading.text
    # 3. A story heading wrapping a title in a kicker, label or date: the title without them.
    for heading in story:
        for candidate in candidates:
            if len(candidate.cleaned_key) >= 8 and candidate.cleaned_key in heading.key:
                return candidate.cleaned
    if not reworded:
        return None
    # 4. A story heading sharing most of its words with a title: the same story, reworded for search engines.
    for heading in story:
        words = _title_words(heading.text)
        for candidate in candidates:
            shared = len(words & (other := _title_words(candidate.cleaned)))
            if shared >= 2 and shared >= _SHARED_WORDS * min(len(words), len(other)):
                return heading.text
    return None


_GENERIC_TITLES = {
    "home", "startseite", "start", "index", "news", "blog", "aktuelles", "nachrichten", "archiv",
    "archive", "accueil", "inicio", "artikel", "article", "beitrag", "post", "page", "seite",
    "blog archive", "blog archiv", "blog-archiv",
}


def _is_generic_title(title: str) -> bool:
    """A title that names a section, not a story ("Home", "News")."""
    return title.casefold().strip(" .:!") in _GENERIC_TITLES


_SHARED_WORDS = 0.5


def _site_keys(evidence: _Evidence, site_name: str | None) -> list[str]:
    return [key for name in (site_name, *evidence.ld_sites) if name and (key := title_key(name))]


def _host_key(host: str) -> str:
    """The name part of a host: "myoos" for foren.myoos.de, "bbc" for www.bbc.co.uk."""
    labels = [label for label in host.split(".") if label]
    # Drop the top-level domain and a short second level under it (co.uk, com.au).
    if len(labels) >= 2:
        labels = labels[:-1]
        if len(labels) >= 2 and len(labels[-1]) <= 3:
            labels = labels[:-1]
    return title_key(labels[-1]) if labels else ""


def _site_from_title_affix(evidence: _Evidence, title: str | None) -> str | None:
    """When nothing names the site, the part of <title> left over after the headline."""
    raw = evidence.html_title
    if not raw or not title or raw == title:
        return None
    rest = raw.replace(title, "", 1) if title in raw else ""
    rest = _TITLE_SEPARATOR.sub(" ", f" {rest} ").strip(" -|:–—·•»«")
    return rest if 0 < len(rest) <= 60 else None


# ---------------------------------------------------------------- url and language


def _canonical_url(tree: LexborHTMLParser, evidence: _Evidence) -> str | None:
    for node in tree.css('link[rel~="canonical" i][href]'):
        href = (node.attributes.get("href") or "").strip()
        if href:
            return _absolute(evidence.url, href)
    og_url = _first_meta(evidence.meta, ("og:url",))
    if og_url and og_url.startswith(("http://", "https://")):
        return og_url
    return evidence.url


def _absolute(base: str | None, href: str) -> str:
    if not base:
        return href
    try:
        return urljoin(base, href)
    except ValueError:  # a malformed base such as "http://[broken"
        return href


_LANG_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3})(?![A-Za-z]))?")
# Regions whose English writes numeric dates month first.
_MONTH_FIRST_REGIONS = {None, "us", "ph", "ca"}


def _language(tree: LexborHTMLParser, evidence: _Evidence) -> tuple[str | None, str | None]:
    """(primary language subtag, region) lowercased: ("de", "at") from "de-AT" or "de_AT"."""
    html_node = tree.css_first("html")
    candidates = [
        html_node.attributes.get("lang") if html_node is not None else None,
        html_node.attributes.get("xml:lang") if html_node is not None else None,
        _first_meta(evidence.meta, ("og:locale", "content-language", "language", "dc.language")),
        _ld_text(evidence, "inLanguage"),
    ]
    for value in candidates:
        if value and (match := _LANG_TAG.match(value.strip())):
            region = match.group(2).lower() if match.group(2) else None
            return match.group(1).lower(), region
    return None, None


def _day_first(language: str | None, region: str | None) -> bool:
    """Whether an all-numeric date like 03/04/2024 is more likely the 3rd of April."""
    if language is None:
        return False
    return language != "en" or region not in _MONTH_FIRST_REGIONS


# ---------------------------------------------------------------- authors

_AUTHOR_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|reported|compiled|edited|text|texte|fotos?|photos?|story|words|"
    r"ein\s+beitrag|ein\s+artikel|beitrag|artikel|geschrieben|veröffentlicht|verfasst|erstellt|gepostet|"
    r"eingestellt|gespeichert|publié|écrit|publicado|escrito|post\s+author)\s+)?"
    r"(?:by|von|vom|par|por|di|door|av|af)\b\s*:?\s*"
    r"|^(?:post\s+)?(?:authors?|autor(?:in|en|a|es)?|auteurs?)\b\s*[:：]?\s*"
    r"|^(?:verfasser(?:in)?|redakteur(?:in)?|reporter|text|texte|interview|redaktion|written\s+by|posted\s+by)"
    r"\s*[:：]\s*"
    r"|^(?:über|about)\s+(?:(?:den|die|the)\s+)?(?:autor(?:in)?|author|verfasser(?:in)?)?\s*:?\s*"
    # "View all posts by", "Alle Beiträge von", "Mehr Artikel von"
    r"|^.{0,30}?\b(?:posts|beiträge|artikel|articles|stories|texte|mehr|more)\s+(?:by|von|de|par)\s+",
    re.IGNORECASE,
)
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:[,;/&|+•·]|\s(?:and|und|et|y|sowie|mit|with|u\.|e)\s)\s*", re.IGNORECASE
)
_AUTHOR_CUT = re.compile(
    r"\s[|–—]\s|\s-\s|\n|\b(?:am|on|at|um|vor|le|el|il)\s+\d|\d{1,2}:\d\d|\bupdated\b|\baktualisiert\b",
    re.IGNORECASE,
)
_URL_OR_MAIL = re.compile(r"\S+://\S*|\S+@\S+\.\S+|\bwww\.\S+")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NUMERIC_WORD = re.compile(r"^\d[\d.:/-]*$")
# Whole values that are labels or widgets, never a name.
_NOT_NAMES = {
    "admin", "administrator", "author", "authors", "autor", "autorin", "autoren", "auteurs", "by",
    "von", "par", "por", "more", "mehr", "profile", "profil", "follow", "folgen", "home", "facebook",
    "twitter", "instagram", "linkedin", "email", "e-mail", "kommentare", "comments", "share", "teilen",
    "no author", "unknown author", "anonymous", "guest", "datum", "date", "name", "jobs", "hire",
}
# Words after which a byline stops being a name ("Jane Doe Follow", "Jane Doe Chefredakteur").
_NAME_STOP_WORDS = {
    "posted", "published", "veröffentlicht", "publiziert", "gepostet", "am", "on", "at", "um", "uhr",
    "follow", "folgen", "kontakt", "contact", "mehr", "more", "alles", "alle", "all", "says", "said",
    "schreibt", "sagt", "edit", "chefredakteur", "chefredakteurin", "redakteur", "redakteurin",
    "korrespondent", "korrespondentin", "volontär", "volontärin", "im", "in", "aus", "für", "for",
    "is", "ist", "hat",
    "minuten", "minutes", "stunden", "hours", "tagen", "days", "ago", "lesezeit", "read", "stand",
    "ca", "mo", "do", "mi", "fr", "sa", "so", "post", "posts", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
# Words that mark a newsroom, desk or organisation rather than a person.
_ORG_WORDS = re.compile(
    r"\b(?:redaktion|redacción|rédaction|redazione|staff|team|newsroom|newsdesk|desk|editorial|"
    r"editors?|agency|agencies|agentur|agenturen|agencia|agence|news|online|press|presse|gmbh|ag|inc|ltd|"
    r"verlag|e\.\s?v)\b",
    re.IGNORECASE,
)
_ROLE_WORDS = {
    "reporter", "correspondent", "editor", "writer", "columnist", "journalist", "contributor",
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "autor", "autorin",
    "journaliste", "rédacteur", "rédactrice", "correspondante", "periodista", "corresponsal",
}
_NAME_PARTICLES = {"von", "van", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du",
                   "ter", "zu", "bin", "al", "el", "y", "dos", "das", "mc"}


def clean_author_names(raw: str | None) -> list[str]:
    """Person names from a byline string: "By Jane Doe and John Roe | 3 May" -> both names."""
    text = _clean_value(raw)
    if not text or len(text) > 300:
        return []
    text = _URL_OR_MAIL.sub(" ", text)
    cut = _AUTHOR_CUT.search(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    text = _without_date(text)
    text = _PARENS.sub(" ", text)
    names: list[str] = []
    for fragment in _AUTHOR_SPLIT.split(text):
        name = _clean_one_name(fragment)
        if name and name.casefold() not in (existing.casefold() for existing in names):
            names.append(name)
    if len(names) > 1:  # "Jane Doe, Business Reporter": the job title is no second author
        names = [name for name in names if name.split()[-1].casefold() not in _ROLE_WORDS] or names
    return names


def _without_date(text: str) -> str:
    """A byline without its date: what follows a date is rarely still the name."""
    dates = find_dates(text, two_digit_year=True)
    span = dates[0][1] if dates else month_day_span(text)
    if span is None:
        return text
    return text[span[1]:] if span[0] == 0 else text[: span[0]]


def _clean_one_name(fragment: str) -> str | None:
    name = fragment.strip(" \t\"'“”„«»‘’:.,-–—*")
    previous = None
    while name and name != previous:  # "Post author By Jane Doe" needs several passes
        previous = name
        name = _AUTHOR_PREFIX.sub("", name).strip(" \"'“”„«»‘’:,-–—*")
    words = []
    for word in name.split():
        if word.casefold().strip(".,:") in _NAME_STOP_WORDS and words:
            break
        if _NUMERIC_WORD.match(word) or word[0] == "@":  # a time, a number or a handle next to the name
            if words:
                break
            continue
        words.append(word)
    name = " ".join(words).strip(" .,:-([")
    if not name or len(name) > 70 or len(words) > 7 or name.casefold() in _NOT_NAMES or name[0] == "@":
        return None
    if words[0].casefold().strip(".,:") in _NAME_STOP_WORDS:
        return None
    if not any(char.isalpha() for char in name) or to_iso_date(name):
        return None
    return name


def looks_like_person(name: str) -> bool:
    """A name written like a person's: capitalised words, particles, initials."""
    words = name.split()
    if not 1 <= len(words) <= 5 or any(char.isdigit() for char in name):
        return False
    capitalised = [word for word in words if word[0].isupper()]
    others_ok = all(word[0].isupper() or word.casefold() in _NAME_PARTICLES for word in words)
    return others_ok and bool(capitalised)


def _looks_like_org(name: str, site_keys: set[str]) -> bool:
    """The site itself ("SPIEGEL" on spiegel.de, "Google" on googleblog.com) or a desk ("Redaktion")."""
    key = title_key(name)
    if key in site_keys or any(len(key) >= 4 and key in site for site in site_keys):
        return True
    return bool(_ORG_WORDS.search(name))


def _authors(tree: LexborHTMLParser, evidence: _Evidence, site_name: str | None,
             headline: LexborNode | None) -> list[str]:
    """Person names from the most trusted source that has some; an organisation
    only when that is all there is."""
    site_keys = {title_key(name) for name in (site_name, *evidence.ld_sites) if name}
    site_keys.update((title_key(evidence.host), _host_key(evidence.host)))
    site_keys.discard("")
    fallback: list[str] = []
    for source in (_ld_authors, _meta_authors, _markup_authors, _headline_byline):
        for names, org_names in source(tree, evidence, headline):
            persons = [name for name in names if not _looks_like_org(name, site_keys)]
            if persons:
                return persons
            fallback = fallback or names or org_names
    return fallback


_AuthorGroups = Iterator[tuple[list[str], list[str]]]  # (names, organisation names) per byline found


def _ld_authors(_tree: LexborHTMLParser, evidence: _Evidence, headline: LexborNode | None) -> _AuthorGroups:
    for node in evidence.ld_nodes:
        value = node.get("author") or node.get("creator")
        if not value:
            continue
        names, orgs = [], []
        for name, is_org in _ld_people(value, evidence):
            (orgs if is_org else names).extend(clean_author_names(name))
        if names or orgs:
            yield names, orgs
            return


def _ld_people(value: object, evidence: _Evidence, depth: int = 0) -> list[tuple[str, bool]]:
    """(name, is_organisation) for an author value: string, Person, list, @id reference."""
    value = _ld_resolve(value, evidence)
    if isinstance(value, str):
        return [(value, False)]
    if isinstance(value, list) and depth < 2:
        return [person for item in value[:20] for person in _ld_people(item, evidence, depth + 1)]
    if not isinstance(value, dict):
        return []
    name = value.get("name")
    if isinstance(name, list):
        name = name[0] if name else None
    if not isinstance(name, str) or not name.strip():
        parts = [value.get("givenName"), value.get("familyName")]
        name = " ".join(part for part in parts if isinstance(part, str))
    if not name.strip():
        return []
    return [(name, bool(_ld_types(value) & _ORG_TYPES))]


def _meta_authors(_tree: LexborHTMLParser, evidence: _Evidence, headline: LexborNode | None) -> _AuthorGroups:
    for key in _AUTHOR_KEYS:
        names = [name for value in evidence.meta.get(key, ()) if "://" not in value
                 for name in clean_author_names(value)]
        if names:
            yield names, []


_SKIP_BYLINE_TAGS = {"meta", "link", "script", "style", "body", "html", "img", "head", "noscript", "svg"}


def _markup_authors(tree: LexborHTMLParser, _evidence: _Evidence, headline: LexborNode | None) -> _AuthorGroups:
    """Bylines in the markup: itemprop/rel=author first, then byline/author
    classes whose text reads like a name (or a user handle), each in page order."""
    by_class: list[list[str]] = []
    for node in tree.css(_BYLINE_SELECTOR)[:40]:
        if node.tag in _SKIP_BYLINE_TAGS or _in_comment_block(node):
            continue
        names = clean_author_names(_byline_text(node))
        if _byline_tier(node) == 3:
            if names:
                yield names, []
            continue
        names = [name for name in names if looks_like_person(name) or " " not in name]
        if names:
            by_class.append(names)
    for names in by_class:
        yield names, []


def _byline_tier(node: LexborNode) -> int:
    """3 for machine-readable authorship (itemprop, rel), 1 for a class name that suggests it."""
    attrs = node.attributes
    if "author" in (attrs.get("itemprop") or "").lower() or "author" in (attrs.get("rel") or "").lower():
        return 3
    return 1


def _byline_text(node: LexborNode) -> str | None:
    attrs = node.attributes
    if attrs.get("content"):
        return attrs.get("content")
    name_node = node.css_first('[itemprop~="name"]')
    text = (name_node or node).text(separator=" ")
    return text if len(text) <= 200 else None


# Capitalised markers only: a lower-case "von"/"by" is a preposition inside a sentence.
_BYLINE_MARKER = re.compile(
    r"(?:^|(?<=[\s|·•,(]))(?:By|BY|Von|VON|Par|PAR|Por|POR|Text(?:\s+von)?:|Autor(?:in|en)?:?|"
    r"Author:|Redaktion:|Ein (?:Beitrag|Artikel|Text) von|Geschrieben von|Written by|"
    r"Posted by|Eingestellt von|Gespeichert von|Verfasst von)\s+"
)


def _headline_byline(tree: LexborHTMLParser, evidence: _Evidence, headline: LexborNode | None) -> _AuthorGroups:
    """A "Von Jane Doe" / "By Jane Doe" line printed near the headline."""
    if headline is None:
        return
    after = _text_beside(headline, forward=True, limit=_BYLINE_CHARS)
    before = _text_beside(headline, forward=False, limit=_BEFORE_HEADLINE_CHARS)
    for text in (after, before):
        for marker in _BYLINE_MARKER.finditer(text):
            names = _names_after(text[marker.end(): marker.end() + 120])
            if names:
                yield names, []


def _names_after(text: str) -> list[str]:
    """Capitalised names at the start of `text`, joined by "and", "und", commas."""
    text = text.lstrip()
    line_end = text.find("\n")
    if line_end > 0:
        text = text[:line_end]
    if not text[:1].isupper():
        return []
    words = []
    for word in text.split():
        bare = word.strip(",;")
        if not bare:
            break
        if bare[0].isupper() or bare.casefold() in _NAME_PARTICLES or bare.casefold() in ("und", "and", "&", "et", "y"):
            words.append(word)
            if word.endswith((";",)) or len(words) >= 12:
                break
            continue
        break
    while words and words[-1].casefold() in _NAME_PARTICLES:
        words.pop()
    names = clean_author_names(" ".join(words))
    # Two words at least: a single capitalised word after "Von" is as often a German noun.
    return [name for name in names if looks_like_person(name) and " " in name]


def _in_comment_block(node: LexborNode) -> bool:
    """Inside a reader-comment section, where every post has an author."""
    current, steps = node, 0
    while current is not None and steps < 6:
        attrs = current.attributes
        marker = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
        if "comment" in marker or "related" in marker or "teaser" in marker:
            return True
        current, steps = current.parent, steps + 1
    return False


# ---------------------------------------------------------------- dates

# How far from the headline a visible date may sit to count as the story's:
# bylines and date lines follow the <h1> closely, or sit just above it.
_AFTER_HEADLINE_CHARS = 300
_BEFORE_HEADLINE_CHARS = 250
_BYLINE_CHARS = 1500  # bylines may follow a standfirst or sit below the lead paragraph
_SKIP_TEXT_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "select", "-comment"}
_UTC_SUFFIX = re.compile(r"(?:Z|[+-]00:?00|\bUTC|\bGMT)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class _DateCandidate:
    iso: str
    source: str
    utc: bool = False  # a timestamp in UTC, whose calendar day may differ from the local one


def _story_date(tree: LexborHTMLParser, evidence: _Evidence, headline: LexborNode | None,
                title: str | None, day_first: bool) -> str | None:
    """The story's publication date.

    Publication dates stated for machines (JSON-LD datePublished,
    article:published_time, a date in the URL) come first. Dates printed by
    the headline break ties among them and fix UTC timestamps that fall on
    the neighbouring day; they beat the weaker machine hints (bare <time>
    elements, generic "date" meta tags), which often carry a modified date.
    Last come dates in the <title>, in date-classed elements, the modified
    date, and the date written most often in the page.
    """
    strong, weak = _machine_dates(tree, evidence, day_first)
    visible = _dates_near(headline, title, day_first) if headline is not None else []
    strong_days = {candidate.iso for candidate in strong}
    weak_days = {candidate.iso for candidate in weak}
    confirmed = next((day for day in visible if day in strong_days), None)
    if confirmed:
        return confirmed
    if strong:
        return _local_day(strong[0], [*strong[1:], *weak], visible)
    confirmed = next((day for day in visible if day in weak_days), None)
    if confirmed or visible:
        return confirmed or visible[0]
    if weak:
        return weak[0].iso
    return (to_iso_date(evidence.html_title, day_first=day_first)
            or to_iso_date(_date_class_text(tree), day_first=day_first)
            or _modified_date(evidence)
            or _page_text_date(tree, day_first))


def _local_day(best: _DateCandidate, others: list[_DateCandidate], visible: list[str]) -> str:
    """`best`, unless it is a UTC timestamp and a local source names the day next to it."""
    if not best.utc:
        return best.iso
    best_day = date.fromisoformat(best.iso)
    local_days = visible + [candidate.iso for candidate in others if not candidate.utc]
    for day in local_days:
        if abs((date.fromisoformat(day) - best_day).days) == 1:
            return day
    return best.iso


def _machine_dates(tree: LexborHTMLParser, evidence: _Evidence,
                   day_first: bool) -> tuple[list[_DateCandidate], list[_DateCandidate]]:
    """(strong, weak) publication dates stated for machines, most trusted first."""
    strong: list[_DateCandidate] = []
    weak: list[_DateCandidate] = []

    def add(into: list[_DateCandidate], raw: str | None, source: str) -> None:
        iso = to_iso_date(raw, day_first=day_first) if isinstance(raw, str) else None
        if iso:
            into.append(_DateCandidate(iso, source, bool(_UTC_SUFFIX.search(raw))))

    for key in ("datePublished", "uploadDate"):
        add(strong, _ld_date(evidence, key), "json-ld")
    for key in _PUBLISHED_KEYS:
        for raw in evidence.meta.get(key, ()):
            add(strong, raw, "meta")
    add(strong, date_from_url(evidence.url), "url")
    add(weak, _markup_time(tree), "markup")
    add(weak, _ld_date(evidence, "dateCreated"), "json-ld")
    for key in _GENERIC_DATE_KEYS:
        for raw in evidence.meta.get(key, ()):
            add(weak, raw, "meta")
    return strong, weak


def _headline_node(tree: LexborHTMLParser, evidence: _Evidence, title: str | None) -> LexborNode | None:
    """The element showing the headline: the <h1> (or <h2>) that matches the title, else the first <h1>."""
    key = title_key(title)
    if key:
        for heading in evidence.h1s:
            if key in (heading.key, title_key(heading.text)):
                return heading.node
        for node in tree.css("h2")[:20]:
            if title_key(node.text(separator=" ")) == key:
                return node
        for heading in evidence.h1s:  # a headline with a kicker or a date inside
            if len(key) >= 10 and key in heading.key:
                return heading.node
    return evidence.h1s[0].node if evidence.h1s else None


def _dates_near(node: LexborNode, title: str | None, day_first: bool) -> list[str]:
    """Dates printed around the headline, closest first: inside the headline
    element (beside the title itself), just after it, then just before it."""
    own = node.text(separator=" ")
    if title and title in own:
        own = own.replace(title, " ")  # a date inside the headline's own words is not the story's
    after = _text_beside(node, forward=True, limit=_AFTER_HEADLINE_CHARS)
    before = _text_beside(node, forward=False, limit=_BEFORE_HEADLINE_CHARS)
    days = [iso for text in (own, after) for iso, _span in find_dates(text, day_first, two_digit_year=True)]
    days += [iso for iso, _span in reversed(find_dates(before, day_first, two_digit_year=True))]
    return days


def _text_beside(node: LexborNode, forward: bool, limit: int) -> str:
    """Up to `limit` characters of page text that follow (or precede) `node`."""
    pieces: list[str] = []
    size = 0
    current: LexborNode | None = node
    while current is not None and size < limit:
        sibling = current.next if forward else current.prev
        while sibling is None:
            current = current.parent
            if current is None or current.tag in ("body", "html"):
                return _join_beside(pieces, forward)
            sibling = current.next if forward else current.prev
        current = sibling
        if current.tag in _SKIP_TEXT_TAGS:
            continue
        text = current.text(separator=" ")
        if text.strip():
            # Keep only the part nearest the headline: a sibling may hold the whole article.
            room = limit - size
            if len(text) > room:
                pieces.append(_cut_at_word(text, room, forward))
                break
            pieces.append(text)
            size += len(text)
    return _join_beside(pieces, forward)


def _cut_at_word(text: str, room: int, keep_start: bool) -> str:
    """The first (or last) `room` characters of `text`, cut at a word boundary, never inside a name."""
    if keep_start:
        part = text[:room]
        return part[: part.rfind(" ")] if " " in part.strip() else part
    part = text[-room:]
    return part[part.find(" ") + 1:] if " " in part.strip() else part


def _join_beside(pieces: list[str], forward: bool) -> str:
    # One line per element: a byline ends where its element ends.
    return "\n".join(pieces if forward else reversed(pieces))


def _ld_date(evidence: _Evidence, key: str) -> str | None:
    value = _ld_value(evidence, key)
    if isinstance(value, list) and value:
        value = value[0]
    return value if isinstance(value, str) else None


def _modified_date(evidence: _Evidence) -> str | None:
    for raw in (_ld_date(evidence, "dateModified"), _first_meta(evidence.meta, _MODIFIED_KEYS)):
        iso = to_iso_date(raw) if raw else None
        if iso:
            return iso
    return None


_PUBLISH_MARK = re.compile(r"publish|entry-date|post-date|created|pubdate|datum|date", re.IGNORECASE)
_UPDATE_MARK = re.compile(r"modif|updat|aktualisiert|edited", re.IGNORECASE)


def _markup_time(tree: LexborHTMLParser) -> str | None:
    """The best machine-readable <time>/microdata date: publish-marked first, then the first plain one."""
    best, best_score = None, 0
    for node in tree.css(_TIME_SELECTOR)[:30]:
        attrs = node.attributes
        value = attrs.get("datetime") or attrs.get("content")
        if not value or _in_comment_block(node):
            continue
        marker = " ".join(filter(None, (attrs.get("class"), attrs.get("itemprop"), attrs.get("id"))))
        if _UPDATE_MARK.search(marker) and "publish" not in marker.lower():
            continue
        score = 3 if ("datePublished" in marker or "pubdate" in attrs) else 2 if _PUBLISH_MARK.search(marker) else 1
        if score > best_score:
            best, best_score = value, score
            if score == 3:
                break
    return best


_PAGE_TEXT_LIMIT = 60_000
_OLDEST_PLAUSIBLE = "1995-01-01"  # before the web carried news pages


def _page_text_date(tree: LexborHTMLParser, day_first: bool) -> str | None:
    """Last resort: a date in the page's visible text (forum posts, "last
    edited" footers): the one written most often, the earliest on a tie."""
    body = tree.body
    if body is None:
        return None
    text = body.text(separator="\n")
    # Scripts and styles are text nodes too; cut them out (cheaper than walking every node).
    for node in body.css("script, style, noscript, template"):
        code = node.text()
        if len(code) > 20:
            text = text.replace(code, "\n", 1)
    days = [iso for iso, _span in find_dates(text[:_PAGE_TEXT_LIMIT], day_first, two_digit_year=True)
            if iso >= _OLDEST_PLAUSIBLE]
    if not days:
        return None
    in_page_order = list(dict.fromkeys(days))
    return max(in_page_order, key=days.count)


def _date_class_text(tree: LexborHTMLParser) -> str | None:
    """A date written in an element whose class says it holds one ("post-date", "meta")."""
    for node in tree.css(_DATE_CLASS_SELECTOR)[:40]:
        if node.tag in _SKIP_BYLINE_TAGS:
            continue
        text = node.text(separator=" ")
        if len(text) > 200 or _UPDATE_MARK.search(node.attributes.get("class") or ""):
            continue
        if to_iso_date(text):
            return text
    return None
