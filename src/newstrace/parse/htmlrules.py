"""Selector and pattern tables for the HTML main-content extractor, kept as data.

`htmlbody.py` holds the logic; everything here is a plain constant so the rules
can be read, reviewed and tuned in one place. Class/id hints are matched per
*word*: a class attribute such as ``article__share-bar relatedLinks`` becomes the
words ``article share bar related links``.
"""

from __future__ import annotations

import re

# Elements whose text is never article text (code, media fallbacks, form
# controls); dropped before anything else. Elements without text (img, meta,
# input...) need no removal. Each tag here costs a pass over the tree.
JUNK_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "video", "audio", "canvas", "button", "select", "textarea", "dialog",
)

# Tags that start a new block of text (everything else is treated as inline).
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
    "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "figure", "figcaption", "form", "fieldset", "legend", "hr", "address",
    "details", "summary", "center", "hgroup", "menu", "body", "html", "label",
})

# Elements whose text feeds container scoring, with the least direct text
# that counts (None: a paragraph, whose whole text counts).
SCORED_MIN_CHARS = {
    "p": None, "pre": None,
    # table cells and list items count however short
    "td": 1, "th": 1, "li": 1, "dd": 1,
    "div": 20, "section": 20, "article": 20, "blockquote": 20, "font": 20, "span": 20,
}
SCORED_SELECTOR = ", ".join(SCORED_MIN_CHARS)
PARAGRAPH_TAGS = frozenset({"p", "pre"})

HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
LIST_TAGS = frozenset({"ul", "ol", "dl", "menu"})
# Leaf blocks never dropped for their link density alone.
LINK_EXEMPT_TAGS = HEADING_TAGS | {"li", "dt", "dd"}

# Whole tags that are furniture wherever they appear inside the article, and why.
FURNITURE_TAGS = {
    "figure": "caption",
    "figcaption": "caption",
    "aside": "related-link",
    "nav": "navigation",
    "form": "subscribe-prompt",
    "fieldset": "subscribe-prompt",
    "footer": "boilerplate",
    "address": "byline",
    "details": "boilerplate",
}

# Classes that hide an element from view (screen-reader text, microdata holders).
HIDDEN_CLASSES = frozenset({
    "hidden", "hide", "invisible", "visually-hidden", "visuallyhidden", "sr-only",
    "screen-reader-text", "element-invisible",
})

# Furniture recorded wherever it sits on the page (not only in the region),
# and a selector for its likely carriers (class/id words then decide).
PAGE_NOTICE_REASONS = frozenset({"cookie-notice", "comments"})
PAGE_NOTICE_SELECTOR = ", ".join(
    f'[{attribute}*="{part}"]'
    for attribute in ("class", "id")
    for part in ("cookie", "consent", "comment", "disqus")
)

# Tags whose class names are not read as furniture hints: quotes (embedded
# posts such as tweets arrive as <blockquote class="twitter-tweet">).
NEVER_FURNITURE_TAGS = frozenset({"blockquote"})

# Tags that are furniture when seen *outside* the chosen article; they cannot
# hold the article themselves (container scoring skips text under them).
OUTSIDE_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "header", "form", "menu"})

# Furniture that holds however much text the element has (other hints give
# way on a wrapper that holds most of the page: "page-ad-margins").
ALWAYS_FURNITURE = frozenset({"comments"})
STRONG_FURNITURE_TAGS = frozenset({"footer"})
# Elements that show a wrapper holds the story itself.
STORY_MARKERS = "h1, article, main, [itemprop=articleBody]"
STRONG_HINT_WORDS = frozenset({
    "footer", "copyright", "cookie", "cookies", "consent", "gdpr", "modal", "popup", "overlay",
})

# Class/id words that mark furniture, mapped to the removal reason. Looked up
# word by word, so "ad" matches "ad-slot" but not "header".
HINT_WORDS = {
    # comments
    "comment": "comments", "comments": "comments", "disqus": "comments",
    "discussion": "comments", "respond": "comments", "replies": "comments",
    # share widgets
    "share": "share-widget", "sharing": "share-widget", "shares": "share-widget",
    "sharebar": "share-widget", "social": "share-widget", "addthis": "share-widget",
    "sharethis": "share-widget", "sociable": "share-widget", "sharedaddy": "share-widget",
    "whatsapp": "share-widget",
    # related content
    "related": "related-link", "recommended": "related-link", "recommendations": "related-link",
    "recirc": "related-link", "recirculation": "related-link", "trending": "related-link",
    "popular": "related-link", "outbrain": "related-link", "taboola": "related-link",
    "readmore": "related-link", "recent": "related-link", "teaser": "related-link",
    "teasers": "related-link",
    "more": "related-link", "also": "related-link", "promo": "related-link",
    "promos": "related-link", "pagination": "navigation", "pager": "navigation",
    "jump": "navigation", "next": "navigation", "prev": "navigation", "previous": "navigation",
    "nextprev": "navigation", "prevnext": "navigation",
    # subscription prompts
    "newsletter": "subscribe-prompt", "newsletters": "subscribe-prompt",
    "subscribe": "subscribe-prompt", "subscription": "subscribe-prompt",
    "signup": "subscribe-prompt", "cta": "subscribe-prompt",
    "registration": "subscribe-prompt", "optin": "subscribe-prompt",
    # cookie banners
    "cookie": "cookie-notice", "cookies": "cookie-notice", "consent": "cookie-notice",
    "gdpr": "cookie-notice",
    # navigation
    "nav": "navigation", "navbar": "navigation", "navigation": "navigation",
    "menu": "navigation", "breadcrumb": "navigation", "breadcrumbs": "navigation",
    "skip": "navigation", "toc": "navigation",
    # advertising
    "ad": "advertisement", "ads": "advertisement", "advert": "advertisement",
    "adv": "advertisement", "advertisement": "advertisement", "advertising": "advertisement",
    "adsense": "advertisement", "adslot": "advertisement", "adunit": "advertisement",
    "dfp": "advertisement", "sponsor": "advertisement", "sponsored": "advertisement",
    "commercial": "advertisement", "gpt": "advertisement", "banner": "advertisement",
    # captions
    "caption": "caption", "captions": "caption", "figcaption": "caption",
    "credit": "caption", "credits": "caption", "gallery": "caption", "slideshow": "caption",
    "slider": "caption", "carousel": "caption",
    # (image/photo/video words are weak hints: see WEAK_HINT_WORDS)
    # bylines and article meta lines
    "byline": "byline", "author": "byline", "authors": "byline", "dateline": "byline",
    "timestamp": "byline", "pubdate": "byline", "published": "byline", "date": "byline",
    "meta": "byline", "contributor": "byline", "bio": "byline",
    # everything else that is page furniture
    "sidebar": "boilerplate", "footer": "boilerplate", "tags": "boilerplate", "tag": "boilerplate",
    "keywords": "boilerplate", "topics": "boilerplate",
    "modal": "boilerplate", "popup": "boilerplate", "overlay": "boilerplate",
    "sronly": "boilerplate", "offscreen": "boilerplate",
    "disclaimer": "boilerplate", "copyright": "copyright",
    "masthead": "site-header", "header": "site-header", "headline": "duplicate-title",
    "kicker": "boilerplate",
    "login": "subscribe-prompt",
    "rss": "share-widget", "follow": "share-widget",
}

# Class tokens that say what state an element is in or which taxonomy values
# it carries (WordPress puts "has-post-thumbnail tag-video" on the article).
STATE_TOKEN_RE = re.compile(
    r"(?:has|is|with|no|not|category|cat|tag|format|status|type|template|postid)[-_]",
    re.IGNORECASE,
)
STATE_WORDS = frozenset({"has", "is", "with", "no", "not"})
# ...and tokens that end in a state ("modal-enabled", "sidebar-open").
STATE_SUFFIX_RE = re.compile(
    r".*[-_](?:enabled|disabled|active|inactive|open|closed|visible|loaded|ready|init|initialized)$",
    re.IGNORECASE,
)

# Furniture that is never part of a sentence, so it is taken out even from
# inside a paragraph; the selector finds its likely carriers cheaply (the
# class/id words then decide).
INLINE_FURNITURE_REASONS = frozenset({"caption", "advertisement", "share-widget", "subscribe-prompt"})
INLINE_FURNITURE_SELECTOR = ", ".join(
    f'[class*="{part}"]' for part in ("caption", "credit", "advert", "share", "sharing", "newsletter")
)

# Hinted wrappers that still count as content when they hold a <blockquote>.
EMBED_WRAPPER_REASONS = frozenset({"caption", "share-widget"})

# Words that mark furniture only on an element with little text: an image
# wrapper holds a caption, but a "text-image" module holds the article.
WEAK_HINT_WORDS = {
    "image": "caption", "img": "caption", "photo": "caption", "picture": "caption",
    "media": "caption", "video": "caption", "thumbnail": "caption",
    # a print button or a tool bar, but also "print-step", "tools-guide" sections
    "print": "boilerplate", "toolbar": "boilerplate", "tools": "boilerplate",
    "utility": "boilerplate", "rating": "boilerplate", "feedback": "boilerplate",
    "survey": "boilerplate",
}
WEAK_HINT_MAX_CHARS = 300

# Stems that mark furniture at the start of a compound class word
# ("commentlinks", "sharebuttons", "relatedarticles"); long enough to be safe.
HINT_STEMS = (
    ("comment", "comments"), ("disqus", "comments"),
    ("share", "share-widget"), ("social", "share-widget"),
    ("related", "related-link"), ("recommend", "related-link"), ("trending", "related-link"),
    ("newsletter", "subscribe-prompt"), ("subscri", "subscribe-prompt"),
    ("cookie", "cookie-notice"), ("breadcrumb", "navigation"),
    ("advert", "advertisement"), ("sponsor", "advertisement"),
    ("sidebar", "boilerplate"), ("byline", "byline"), ("caption", "caption"),
)

# Words that start like a stem above but name content ("commentary" is an
# opinion piece, not reader comments).
NOT_HINT_WORDS = frozenset({
    "commentary", "commentaries", "commentator", "shareholder", "shareholders",
    "socialism", "socialist", "relatedness",
})

# Words that veto a furniture hint on the same element, together with the
# body markers below (a "story-body has-share" container is still the story).
POSITIVE_WORDS = frozenset({
    "main", "maincontent",
})
# Words that make an element a strong body candidate in scoring.
BODY_WORDS = frozenset({"articlebody", "storybody", "entry", "prose", "richtext", "rte"})
BODY_PAIRS = (
    ("article", "body"), ("story", "body"), ("entry", "content"), ("post", "content"),
    ("article", "content"), ("article", "text"), ("story", "text"), ("body", "text"),
    ("post", "body"), ("content", "body"), ("story", "content"), ("main", "content"),
    ("article", "main"),
)

# Short lines that are site furniture whatever their markup, with the reason.
# Each pattern must match the whole line (after whitespace is squashed); only
# lines of at most FURNITURE_LINE_MAX_WORDS words are tested.
FURNITURE_LINE_MAX_WORDS = 30
_LINE_PATTERNS = (
    ("advertisement",
     r"advertisement|advertising|advert|ads?|anzeige|werbung|publicidade|publicidad|publicité"
     r"|pubblicità|реклама|iklan|sponsored(?: content)?|paid content|promoted"),
    ("boilerplate",
     r"(?:story|article) continues below(?: advertisement)?|continue reading(?: below| the main story)?"
     r"|skip to .{0,40}|back to top|loading.{0,10}|text size|caption|close|open|print(?: this)?(?: article)?"
     r"|e-?mail|image \d+ of \d+|photo \d+ of \d+|\d+ of \d+|slide \d+|\d+ min(?:ute)?s? read"
     r"|read(?:ing)? time:? .{0,20}|tempo de leitura:? .{0,20}|tiempo de lectura:? .{0,20}"
     r"|(?:tags?|tagged|filed under|categor(?:y|ies)|topics?)\s*:.*|(?:tags?|topics)"),
    ("share-widget",
     r"share(?: this)?(?: article| story| post| page)?(?: on \w+)?|tweet|pin it"
     r"|(?:like|enjoy)(?:d)? this (?:story|article|post)\? share it.{0,40}"
     r"|share (?:on|via) .{0,40}|follow us(?: on .{0,60})?"),
    ("related-link",
     r"read (?:more|next|also)\b.{0,80}|see also\b.{0,80}|also read:?.{0,80}"
     r"|related(?: \w+){0,2}\s*:.{0,80}|related(?: (?:articles?|stories|posts?|content|coverage|links?|news|videos?))?"
     r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).{0,40}|recommended(?: for you)?"
     r"|more:?|more (?:great |top )?[\w ]{0,30} stories|(?:more )?popular on .{0,30}|most (?:read|popular|viewed).{0,30}"
     r"|don'?t miss.{0,40}|further reading|more from .{0,40}|more on (?:this|that) (?:story|topic)"),
    ("subscribe-prompt",
     r"(?:click here to |please )?(?:subscribe|sign up|register)\b.*"),
    ("comments",
     r"\d* ?comments?|leave a (?:comment|reply)|add (?:a )?comment|post a comment|join the (?:discussion|conversation)"),
)
FURNITURE_LINE_RES = tuple(
    (reason, re.compile(rf"(?:{pattern})[\W_]*", re.IGNORECASE)) for reason, pattern in _LINE_PATTERNS
)

# A short line that is only a date or time stamp ("Updated at 1:23 p.m.",
# "Monday, 22 October 2018 20:13", "2019-11-20 14:35:08 Jane Doe").
# A bare time ("4:14 p.m.") is kept: live blogs use it as a heading.
DATE_TOKEN_RE = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b"
    r"|\b\d{1,2}\.? (?:de )?[^\W\d_]{3,}\.?,? (?:de )?(?:19|20)\d{2}\b"
    r"|\b[^\W\d_]{3,}\.? \d{1,2},? (?:19|20)\d{2}\b"
    r"|\b(?:updated|published|posted|modified|actualizado|atualizado|aktualisiert|mis à jour)\b",
    re.IGNORECASE,
)
DATE_LINE_MAX_WORDS = 10
DATE_LINE_MAX_LETTERS = 40
