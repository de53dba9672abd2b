"""Main-content extraction for news pages: pick the article container, list its paragraphs.

Three steps over a selectolax (lexbor) tree:

1. `clean_tree` drops markup that never holds article text (scripts, media,
   hidden elements) and turns ``<br>`` into a marker so line breaks survive.
2. `choose_region` scores every element that holds paragraph text by how much
   good text (long, few links, not under page furniture) it holds, weighted
   by the share of its text that is good, and returns the best one. When the
   page's JSON-LD carries an ``articleBody``, the candidate whose words agree
   with it best wins instead.
3. `BlockWalker` walks the region in document order and emits paragraphs,
   subheadings and list items as blocks, taking out furniture found inside the
   region (captions, share bars, related links, prompts...) with a reason.
   Cookie notices and comment threads elsewhere on the page are recorded too.

The tables these steps consult live in `htmlrules.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newstrace.model import HtmlBody, HtmlMeta, Removed
from newstrace.parse import htmlrules as rules

# Stands in for <br>; one is a space, two or more split a paragraph.
LINE_BREAK = "\u2029"
BREAKS_RE = re.compile(rf"\s*{LINE_BREAK}\s*{LINE_BREAK}[\s{LINE_BREAK}]*")
WORD_RE = re.compile(r"\w+")
INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Elements hidden by attribute, style or a hiding class (one selector: each
# selector pass over the tree costs time).
HIDDEN_SELECTOR = ", ".join(
    ['[hidden]', '[style*="none"]', '[style*="hidden"]']
    + [f".{name}" for name in sorted(rules.HIDDEN_CLASSES)]
)

# Candidates compared against JSON-LD articleBody, best-scored first.
EVIDENCE_CANDIDATES = 10
# Word-overlap F1 with articleBody that a candidate needs to be trusted.
EVIDENCE_MIN_F1 = 0.5
MIN_EVIDENCE_WORDS = 30
# Share of link text above which a block or container is a list of links.
LINK_LIST_DENSITY = 0.6
LINK_CLUSTER_SELECTOR = "span, div, ul, small, em, strong"
# A link cluster leaves at least this much of its paragraph's text outside it.
CLUSTER_MIN_OUTSIDE_CHARS = 20
# Text ending like this (and not long) is a teaser summary, not running text.
TEASER_ENDINGS = ("...", "\u2026", "[…]", "[...]")
TEASER_MAX_CHARS = 400
# Share of the region's good text that a lone inner <article> needs to become the region.
MAIN_ARTICLE_SHARE = 0.6
# Share of the best element's good text below which an element is not scored.
MIN_CANDIDATE_SHARE = 0.1
# <body> is a candidate only with this many times the good text of any other.
BODY_FALLBACK_RATIO = 3.0
# Share of the page's running text above which a hinted wrapper is not furniture.
FURNITURE_MAX_SHARE = 0.5


@dataclass(slots=True)
class Candidate:
    node: LexborNode
    good: float = 0.0
    score: float = 0.0


def extract_html_body(tree: LexborHTMLParser, meta: HtmlMeta) -> HtmlBody:
    """The article body of a parsed page as clean paragraph blocks (mutates `tree`)."""
    body = tree.body
    if body is None:
        return HtmlBody()
    clean_tree(tree, body)
    region = choose_region(body, meta)
    if region is None:
        return HtmlBody()
    walker = BlockWalker(
        title_key=text_key(meta.title or ""),
        region_chars=len(region.text()),
        teaser_articles=len(region.css("article")) >= 2,
    )
    walker.walk(region)
    blocks = walker.finish()
    return HtmlBody(blocks=blocks, removed=walker.removed + page_notices(body, region))


def page_notices(body: LexborNode, region: LexborNode) -> list[Removed]:
    """Cookie notices and comment threads outside the region, as removed items.

    The rest of the page (menus, footers) is not listed; these two are, because
    they say something about the page wherever they sit.
    """
    around_region = {node.mem_id for node in ancestors(region)} | {region.mem_id}
    found = []
    for node in body.css(rules.PAGE_NOTICE_SELECTOR):
        reason = furniture_reason(node)
        if reason not in rules.PAGE_NOTICE_REASONS or node.mem_id in around_region:
            continue
        if not any(parent.mem_id == region.mem_id for parent in ancestors(node)):
            found.append((node, reason))
    reasons = {node.mem_id: reason for node, reason in found}
    notices = []
    for node in outermost([node for node, _ in found]):
        text = squash(node.text())
        if text:
            notices.append(Removed(text, reasons[node.mem_id]))
    return notices


def ancestors(node: LexborNode):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


# --- step 1: cleaning -------------------------------------------------------


def clean_tree(tree: LexborHTMLParser, body: LexborNode) -> None:
    tree.strip_tags(list(rules.JUNK_TAGS))
    hidden = [node for node in body.css(HIDDEN_SELECTOR) if is_hidden(node)]
    for node in outermost(hidden):
        node.decompose()
    for line_break in body.css("br"):
        line_break.replace_with(LINE_BREAK)


def outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """The nodes not inside another of them (so decomposing each is safe: a node
    destroyed with its ancestor is never touched again)."""
    keys = {node.mem_id for node in nodes}
    kept = []
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in keys:
            parent = parent.parent
        if parent is None:
            kept.append(node)
    return kept


def is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or not rules.HIDDEN_CLASSES.isdisjoint((attrs.get("class") or "").split()):
        return True
    return bool(HIDDEN_STYLE_RE.search(attrs.get("style") or ""))


# --- class/id hints ---------------------------------------------------------


@lru_cache(maxsize=4096)
def hint_words(attribute: str) -> tuple[str, ...]:
    """Words of a class/id value in order: "storyBody share-bar" -> (story, body, share, bar).

    Parts that describe a state or a taxonomy value rather than what the
    element is are skipped: whole tokens such as "category-sports" or
    "tag-video", and the tail of a token from a state word on
    ("card-has-image" keeps only "card").
    """
    words: list[str] = []
    for token in attribute.split():
        if rules.STATE_TOKEN_RE.match(token) or rules.STATE_SUFFIX_RE.match(token):
            continue
        spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", token)
        for word in re.findall(r"[a-z0-9]+", spaced.lower()):
            if word in rules.STATE_WORDS:
                break
            words.append(word)
    return tuple(dict.fromkeys(words))


def node_words(node: LexborNode) -> tuple[str, ...]:
    attrs = node.attributes
    names = " ".join(value for key in ("class", "id") if (value := attrs.get(key)))
    return hint_words(names) if names else ()


def furniture_reason(node: LexborNode) -> str | None:
    """Why `node` is page furniture, from its tag or class/id words; None if it is not."""
    tag = node.tag
    reason = rules.FURNITURE_TAGS.get(tag)
    if reason or tag in rules.NEVER_FURNITURE_TAGS:
        return reason
    words = node_words(node)
    if not words or any(word in rules.POSITIVE_WORDS for word in words) or is_body_named(words):
        return None
    reason = next(filter(None, map(word_hint, words)), None)
    if reason is None:
        reason = weak_hint(node, words)
    # A "media"/"social" wrapper around an embedded post (a tweet is a
    # <blockquote>) holds quoted content, not furniture.
    if reason in rules.EMBED_WRAPPER_REASONS and node.css_first("blockquote") is not None:
        return None
    return reason


@lru_cache(maxsize=4096)
def word_hint(word: str) -> str | None:
    """Furniture reason for one class/id word: a listed word, or a compound
    starting with a listed stem ("commentlist", "sharebar", "relatedposts")."""
    reason = rules.HINT_WORDS.get(word)
    if reason is None and word not in rules.NOT_HINT_WORDS:
        reason = next((r for stem, r in rules.HINT_STEMS if word.startswith(stem)), None)
    return reason


def weak_hint(node: LexborNode, words: tuple[str, ...]) -> str | None:
    reason = next((rules.WEAK_HINT_WORDS[w] for w in words if w in rules.WEAK_HINT_WORDS), None)
    if reason is None or len(node.text(strip=True)) > rules.WEAK_HINT_MAX_CHARS:
        return None
    return reason


def body_bonus(node: LexborNode) -> float:
    """Score multiplier for containers whose markup says "this is the article body"."""
    attrs = node.attributes
    if attrs.get("itemprop") == "articleBody":
        return 1.5
    return 1.25 if is_body_named(node_words(node)) else 1.0


@lru_cache(maxsize=4096)
def is_body_named(words: tuple[str, ...]) -> bool:
    """True for class/id words such as "article-body", "entry-content", "storyBody"."""
    return any(word in rules.BODY_WORDS for word in words) or any(
        first in words and second in words for first, second in rules.BODY_PAIRS
    )


SKIP_LEAF_UNDER = rules.PARAGRAPH_TAGS | {"a"}


# --- step 2: choosing the article region ------------------------------------


def choose_region(body: LexborNode, meta: HtmlMeta) -> LexborNode | None:
    candidates = score_candidates(body)
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
    evidence = meta.article_body or ""
    if len(WORD_RE.findall(evidence)) >= MIN_EVIDENCE_WORDS:
        matched = best_evidence_match(ranked[:EVIDENCE_CANDIDATES], evidence)
        if matched is not None:
            return matched
    good_text = {candidate.node.mem_id: candidate.good for candidate in candidates}
    return narrow_to_main_article(ranked[0].node, good_text, text_key(meta.title or ""))


def narrow_to_main_article(
    region: LexborNode, good_text: dict[int, float], title_key: str
) -> LexborNode:
    """Narrow the region to the <article> inside it that is the story, if there is one.

    One inner article holding most of the region's good text is the story
    (the rest being teasers and prompts around it). Among several, the story
    is the one carrying the headline: the h1 matching the title, else the
    only article with an h1. Several articles without one that hold most of
    the text make a section page: the top one is taken, so stories never merge.
    """
    inner = [node for node in region.css("article") if node.mem_id != region.mem_id]
    articles = outermost(inner)
    region_good = max(good_text.get(region.mem_id, 0.0), 1.0)
    share = sum(good_text.get(node.mem_id, 0.0) for node in articles) / region_good
    if share < MAIN_ARTICLE_SHARE:
        return region
    if len(articles) == 1:
        return articles[0]
    with_h1 = [(node, h1) for node in inner if (h1 := node.css_first("h1")) is not None]
    for node, h1 in with_h1:
        if title_key and text_key(h1.text()) == title_key:
            return node
    if len(with_h1) == 1:
        return with_h1[0][0]
    return next((node for node in articles if good_text.get(node.mem_id, 0.0) > 0), region)


@dataclass(slots=True)
class Element:
    """One element on the way from a text-holding element up to <body>."""

    node: LexborNode
    key: int  # mem_id
    tag: str
    parent: int | None  # key of the parent; None for <body>
    depth: int
    own: float = 0.0  # weight of the element's own running text
    raw: float = 0.0  # weight of all running text below, furniture included
    good: float = 0.0  # weight of running text below that is not under furniture
    blocked: bool = False  # is or sits under furniture
    under_text: bool = False  # sits inside a paragraph or link, which counts its text


def score_candidates(body: LexborNode) -> list[Candidate]:
    """Every element holding good text, scored by good text times its share of all text."""
    elements = index_text_elements(body)
    top_down = sorted(elements.values(), key=lambda element: element.depth)
    mark_under_text(top_down, elements)
    add_up(top_down, elements, "raw")
    # Weak furniture hints on a wrapper that holds most of the page's text are
    # accidents of naming ("page-ad-margins", "sticky-sidebar"), not furniture.
    mass_limit = FURNITURE_MAX_SHARE * sum(e.raw for e in top_down if e.parent is None)
    for element in top_down:
        parent = elements.get(element.parent)
        element.blocked = (parent is not None and parent.blocked) or is_outside_furniture(
            element, mass_limit
        )
    add_up(top_down, elements, "good")
    # Elements with a small part of the good text cannot win; skip scoring them.
    floor = MIN_CANDIDATE_SHARE * max((element.good for element in top_down[1:]), default=0.0)
    candidates = [
        candidate_from(element) for element in top_down[1:]
        if element.good > floor and element.tag not in rules.PARAGRAPH_TAGS
    ]
    # <body> gathers every teaser and comment, so it competes only when no
    # element holds a fair part of its text: paragraphs that sit right in it.
    best_good = max((candidate.good for candidate in candidates), default=0.0)
    if top_down and top_down[0].good > BODY_FALLBACK_RATIO * best_good:
        candidates.append(candidate_from(top_down[0]))
    return candidates


def candidate_from(element: Element) -> Candidate:
    total = max(len(element.node.text(strip=True)), element.good)
    # Good text, weighted by the share of the container it makes up.
    score = element.good * (element.good / total) * body_bonus(element.node)
    return Candidate(element.node, element.good, score)


def index_text_elements(body: LexborNode) -> dict[int, Element]:
    """Elements that hold running text themselves, with all their ancestors up to <body>."""
    elements: dict[int, Element] = {}
    # Stop above <body>: a page whose paragraphs sit right in it has <body> as region.
    stop = body.parent
    stop_key = stop.mem_id if stop is not None else -1
    min_chars = rules.SCORED_MIN_CHARS
    for node in body.css(rules.SCORED_SELECTOR):
        weight = text_weight(node, min_chars[node.tag])
        if weight > 0:
            register(node, elements, stop_key).own += weight
    return elements


def register(node: LexborNode, elements: dict[int, Element], stop_key: int) -> Element:
    """Index `node` and whichever of its ancestors below `stop_key` are not indexed yet."""
    path = []
    current, key = node, node.mem_id
    while key != stop_key and key not in elements:
        path.append((current, key))
        current = current.parent
        key = stop_key if current is None else current.mem_id
    parent = elements.get(key)
    for current, key in reversed(path):
        depth = parent.depth + 1 if parent else 0
        parent = elements[key] = Element(current, key, current.tag, parent and parent.key, depth)
    return elements[node.mem_id]


def mark_under_text(top_down: list[Element], elements: dict[int, Element]) -> None:
    """Text inside a paragraph is counted for the paragraph; text inside a link is a teaser."""
    for element in top_down:
        parent = elements.get(element.parent)
        if parent is not None and (parent.under_text or parent.tag in SKIP_LEAF_UNDER):
            element.under_text = True
            element.own = 0.0


def add_up(top_down: list[Element], elements: dict[int, Element], field_name: str) -> None:
    """Sum own weights bottom-up into `field_name` ("raw", or "good" skipping furniture)."""
    skip_blocked = field_name == "good"
    for element in reversed(top_down):
        total = getattr(element, field_name)
        if not (skip_blocked and element.blocked):
            total += element.own
        setattr(element, field_name, total)
        parent = elements.get(element.parent)
        if parent is not None:
            setattr(parent, field_name, getattr(parent, field_name) + total)


def text_weight(node: LexborNode, min_chars: int | None) -> float:
    """Characters of running text a node holds itself (not counting link text).

    `min_chars` None means a paragraph: its whole text counts, less twice its
    link text. Otherwise only the node's direct text counts, from `min_chars` on.
    """
    if min_chars is None:
        text = node.text(strip=True)
        weight = len(text) - 2 * sum(len(a.text(strip=True)) for a in node.css("a"))
    else:
        # Stripped per text node: cheap, and close enough to squashed length.
        text = node.text(deep=False, strip=True)
        weight = len(text) if len(text) >= min_chars else 0
    # A summary cut short with an ellipsis is a teaser for another page.
    if weight > 0 and text.endswith(TEASER_ENDINGS) and len(text) < TEASER_MAX_CHARS:
        return 0.0
    return float(max(weight, 0))


def is_outside_furniture(element: Element, mass_limit: float) -> bool:
    reason = furniture_reason(element.node)
    if reason is None and element.tag in rules.OUTSIDE_FURNITURE_TAGS:
        reason = "navigation"
    if reason is None:
        return False
    return element.raw < mass_limit or is_strong_furniture(element.node, reason)


def is_strong_furniture(node: LexborNode, reason: str) -> bool:
    """Furniture whatever its size: comment threads, site footers, pop-ups.

    Except a wrapper around the story itself ("body_overlay" holding the h1).
    """
    strong = (
        reason in rules.ALWAYS_FURNITURE
        or node.tag in rules.STRONG_FURNITURE_TAGS
        or any(word in rules.STRONG_HINT_WORDS for word in node_words(node))
    )
    return strong and node.css_first(rules.STORY_MARKERS) is None


def best_evidence_match(ranked: list[Candidate], evidence: str) -> LexborNode | None:
    """The candidate whose words agree best with JSON-LD articleBody, if one agrees enough."""
    expected = Counter(WORD_RE.findall(evidence.lower()))
    best, best_f1 = None, EVIDENCE_MIN_F1
    for candidate in ranked:
        found = Counter(WORD_RE.findall(candidate.node.text().lower()))
        f1 = bag_f1(expected, found)
        if f1 > best_f1:
            best, best_f1 = candidate.node, f1
    return best


def bag_f1(expected: Counter, found: Counter) -> float:
    overlap = sum((expected & found).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(found.values())
    recall = overlap / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


# --- step 3: walking the region into blocks ---------------------------------


@dataclass
class BlockWalker:
    """Collects the text blocks of a region in order, setting furniture aside."""

    title_key: str
    region_chars: int
    teaser_articles: bool = False  # the region holds several <article>s: minor ones are teasers
    blocks: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    run: list[str] = field(default_factory=list)  # inline text not yet in a block
    run_link_chars: int = 0

    def walk(self, region: LexborNode) -> None:
        """Visit the region's nodes in document order (with a stack: pages nest deep)."""
        stack = [region.iter(include_text=True)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                self.flush()  # a container's end ends its last paragraph
            elif child.is_text_node:
                self.run.append(child.text_content or "")
            elif child.is_element_node and self.visit(child):
                self.flush()
                stack.append(child.iter(include_text=True))

    def visit(self, node: LexborNode) -> bool:
        """Take in one element; True when it is a container to walk into."""
        tag = node.tag
        reason = self.furniture_in_region(node)
        if reason is not None:
            self.set_aside(node, reason)
        elif tag == "h1" and self.is_headline(node):
            self.set_aside(node, "duplicate-title")
        elif tag == "article" and self.teaser_articles and not self.is_major(node):
            self.set_aside(node, "related-link")
        elif tag in rules.LIST_TAGS and is_link_list(node):
            self.set_aside(node, "related-link")
        elif tag == "tr" and node.css_first("table") is None:
            self.flush()
            self.add_row(node)
        elif tag not in rules.BLOCK_TAGS and not has_block_inside(node):
            self.take_out_inline_furniture(node)
            self.run.append(node.text())
            self.run_link_chars += sum(text_length(a.text()) for a in node.css("a"))
        elif not has_block_inside(node):
            self.flush()
            self.add_leaf(node)
        elif link_density(node, node.text()) > LINK_LIST_DENSITY and not self.is_major(node):
            self.set_aside(node, "related-link")
        else:
            return True
        return False

    def is_headline(self, node: LexborNode) -> bool:
        """An h1 is the headline when it matches the title or comes before any text.

        Later h1s that differ from the title are section headings some sites use.
        """
        if not self.blocks and not self.in_sentence():
            return True
        key, title = text_key(node.text()), self.title_key
        return bool(key) and bool(title) and (key == title or key in title)

    def furniture_in_region(self, node: LexborNode) -> str | None:
        """Furniture reason for a node inside the region; a node holding most of it is not.

        Neither is an inline element in the middle of a sentence: cutting it
        out would leave a hole in the paragraph.
        """
        reason = furniture_reason(node)
        if reason is None:
            return None
        inline = node.tag not in rules.BLOCK_TAGS
        if inline and reason not in rules.INLINE_FURNITURE_REASONS and self.in_sentence():
            return None
        if reason in rules.ALWAYS_FURNITURE:
            return reason
        return None if self.is_major(node) else reason

    def in_sentence(self) -> bool:
        """True when the inline text gathered so far has words (we are mid-paragraph)."""
        return any(part.strip() for part in self.run)

    def is_major(self, node: LexborNode) -> bool:
        """True when `node` holds most of the region's text (so it cannot be furniture)."""
        return len(node.text()) > FURNITURE_MAX_SHARE * self.region_chars

    def add_leaf(self, node: LexborNode) -> None:
        self.take_out_inline_furniture(node)
        text = node.text()
        # List items were judged with their list; headings are often links.
        if node.tag not in rules.LINK_EXEMPT_TAGS and link_density(node, text) > LINK_LIST_DENSITY:
            if not self.prune_link_clusters(node):
                self.set_aside(node, "related-link")
                return
            text = node.text()
        self.add_text(text)

    def take_out_inline_furniture(self, node: LexborNode) -> None:
        """Remove captions, ad labels and share links nested inside a paragraph."""
        found = [
            (inner, reason) for inner in node.css(rules.INLINE_FURNITURE_SELECTOR)
            if inner.mem_id != node.mem_id
            and (reason := furniture_reason(inner)) in rules.INLINE_FURNITURE_REASONS
        ]
        if not found:
            return
        reasons = {inner.mem_id: reason for inner, reason in found}
        for inner in outermost([inner for inner, _ in found]):
            self.set_aside(inner, reasons[inner.mem_id])
            inner.decompose()

    def prune_link_clusters(self, node: LexborNode) -> bool:
        """Take inline link clusters (hover cards, "more on" strips) out of a paragraph.

        A cluster is an inline element of two or more links and little else
        that leaves some of the paragraph's own text outside it. True when
        what is left reads as text rather than as a list of links.
        """
        paragraph_chars = text_length(node.text())
        clusters = []
        for inner in node.css(LINK_CLUSTER_SELECTOR):
            if inner.mem_id == node.mem_id or len(inner.css("a")) < 2:
                continue
            text = inner.text()
            outside_chars = paragraph_chars - text_length(text)
            if outside_chars >= CLUSTER_MIN_OUTSIDE_CHARS and link_density(inner, text) > 0.8:
                clusters.append(inner)
        for inner in outermost(clusters):
            self.set_aside(inner, "related-link")
            inner.decompose()
        return bool(clusters) and link_density(node, node.text()) <= LINK_LIST_DENSITY

    def add_row(self, row: LexborNode) -> None:
        """A table row as one block, its cells separated by spaces."""
        cells = (squash(cell.text()) for cell in row.iter() if cell.tag in ("td", "th"))
        self.add_text(" ".join(cell for cell in cells if cell))

    def add_text(self, text: str) -> None:
        for part in BREAKS_RE.split(text) if LINE_BREAK in text else (text,):
            line = squash(part)
            if not line:
                continue
            reason = line_furniture_reason(line, self.title_key)
            if reason:
                self.removed.append(Removed(line, reason))
            else:
                self.blocks.append(line)

    def flush(self) -> None:
        if not self.run:
            return
        text = "".join(self.run)
        if self.run_link_chars > LINK_LIST_DENSITY * text_length(text):
            self.removed.append(Removed(squash(text), "related-link"))
        else:
            self.add_text(text)
        self.run = []
        self.run_link_chars = 0

    def set_aside(self, node: LexborNode, reason: str) -> None:
        text = squash(node.text())
        if text:
            self.removed.append(Removed(text, reason))

    def finish(self) -> list[str]:
        self.flush()
        return self.blocks


def line_furniture_reason(line: str, title_key: str) -> str | None:
    """Why a short line on its own is furniture (a label, a stamp, the headline again)."""
    words = line.split()
    if len(words) > rules.FURNITURE_LINE_MAX_WORDS:
        return None
    if title_key and text_key(line) == title_key:
        return "duplicate-title"
    for reason, pattern in rules.FURNITURE_LINE_RES:
        if pattern.fullmatch(line):
            return reason
    return "byline" if is_date_line(line, words) else None


def is_date_line(line: str, words: list[str]) -> bool:
    if len(words) > rules.DATE_LINE_MAX_WORDS or not rules.DATE_TOKEN_RE.search(line):
        return False
    # "— Jane Doe (@jane) May 1, 2019" closes an embedded post: quoted content.
    if line.startswith(("—", "–", "-")):
        return False
    # A sentence that mentions a time ("The vote is at 10:30.") is not a stamp.
    if line.endswith(".") and not line.lower().endswith(("a.m.", "p.m.")):
        return False
    return sum(char.isalpha() for char in line) <= rules.DATE_LINE_MAX_LETTERS


def has_block_inside(node: LexborNode) -> bool:
    # css_first() also matches the node itself, so ask each child instead.
    return any(child.css_first(BLOCK_SELECTOR) is not None for child in node.iter())


BLOCK_SELECTOR = ", ".join(sorted(rules.BLOCK_TAGS - {"html", "body"}))


def is_link_list(node: LexborNode) -> bool:
    items = node.css("li")
    if not items:
        return False
    linked = sum(1 for item in items if item.css_first("a") is not None)
    return linked / len(items) > LINK_LIST_DENSITY and link_density(node, node.text()) > 0.5


def link_density(node: LexborNode, text: str) -> float:
    total = text_length(text)
    if not total:
        return 0.0
    link_chars = sum(text_length(a.text()) for a in node.css("a"))
    return link_chars / total


def squash(text: str) -> str:
    """Collapse runs of whitespace (line-break markers included) to single spaces.

    Invisible characters that only guide rendering (soft hyphens, zero-width
    spaces, word joiners) are dropped so the words read as they look.
    """
    return " ".join(INVISIBLE_RE.sub("", text).split())


def text_length(text: str) -> int:
    """Length of `text` once whitespace runs are collapsed (cheaper than squash)."""
    words = text.split()
    return sum(map(len, words)) + max(len(words) - 1, 0)


def text_key(text: str) -> str:
    """Comparison key: lower-case words only."""
    return " ".join(WORD_RE.findall(text.lower()))
