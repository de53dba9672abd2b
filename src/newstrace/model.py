"""The data model: every record that passes between pipeline stages.

Plain dataclasses, defined once here. Stages are functions from one of these
to another; nothing in this module does any work beyond (de)serialisation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

# Why a piece of text was taken out of the article body. Kept as a closed set
# so that consumers (the store, the web UI, tests) can rely on the names.
REMOVAL_REASONS = (
    "site-header",
    "duplicate-title",
    "subheadline",
    "related-link",
    "credits",
    "byline",
    "publish-date",
    "standards-footer",
    "copyright",
    "share-widget",
    "caption",
    "subscribe-prompt",
    "cookie-notice",
    "navigation",
    "advertisement",
    "comments",
    "boilerplate",
)

# "article": a record that is already a parsed Article in its JSON shape (a newstrace export).
ContentType = Literal["html", "text", "article"]


@dataclass(slots=True)
class Page:
    """One raw page as read from an input, before parsing.

    `source` names the file (or "-" for stdin); `record` says where inside a
    container the page sits (WARC byte offset, JSONL line number), None for a
    single-page file.
    """

    source: str
    data: bytes | str
    record: str | None = None
    url: str | None = None
    date: str | None = None  # capture/fetch date (ISO), e.g. WARC-Date
    content_type: ContentType | None = None


@dataclass(slots=True)
class InputFailure:
    """An input (or one record of it) that could not be read or parsed."""

    source: str
    reason: str
    record: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}#{self.record}" if self.record else self.source
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class Removed:
    """A piece of site furniture taken out of the page, and why."""

    text: str
    reason: str


@dataclass(slots=True)
class Dateline:
    place: str | None = None
    agency: str | None = None
    date: str | None = None  # only when the dateline states one: "2023-09-19", or "--09-19" without a year


@dataclass(slots=True)
class HtmlMeta:
    """Metadata read from an HTML page's markup (meta tags, JSON-LD, <time>)."""

    title: str | None = None
    site_name: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    story_date: str | None = None  # datePublished and friends
    modified_date: str | None = None
    language: str | None = None
    description: str | None = None
    article_body: str | None = None  # JSON-LD articleBody, when present


@dataclass(slots=True)
class HtmlBody:
    """The main content of an HTML page as ordered text blocks."""

    blocks: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


ENTITY_TYPES = ("person", "organisation", "place", "group", "event")
CLAIM_KINDS = ("money", "percent", "count")


@dataclass(slots=True)
class Mention:
    """Where an entity is named: paragraph index and character offsets within that paragraph."""

    paragraph: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"paragraph": self.paragraph, "start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Entity:
    """One person, organisation, place, group or event, with every way the article names it."""

    name: str  # the canonical (fullest) form
    type: str  # one of ENTITY_TYPES
    variants: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None  # for places: the country they are in (common English name, e.g. "Russia")

    def to_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "variants": list(self.variants),
                "mentions": [m.to_dict() for m in self.mentions], "country": self.country}


@dataclass(slots=True)
class Quote:
    """A statement and who made it. kind: direct (in quotation marks), partial, attributed ('according to')."""

    text: str
    speaker: str | None
    paragraph: int
    kind: str = "direct"

    def to_dict(self) -> dict:
        return {"text": self.text, "speaker": self.speaker, "paragraph": self.paragraph, "kind": self.kind}


@dataclass(slots=True)
class Claim:
    """A figure the article states: money, a percentage or a count, normalised to base units."""

    text: str  # the figure as written, e.g. "$70 billion"
    kind: str  # one of CLAIM_KINDS
    value: float  # e.g. 70000000000.0; 7.5 for "7.5%"
    unit: str | None = None  # currency code (USD, EUR, ...), "%" or what is counted ("people")
    subject: str | None = None  # what the figure is about ("Kazakhstan", "bilateral trade")
    period: str | None = None  # "last year", "2023", "first quarter"
    paragraph: int = 0

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "value": self.value, "unit": self.unit,
                "subject": self.subject, "period": self.period, "paragraph": self.paragraph}


@dataclass(slots=True)
class Check:
    """A consistency check over the article's own statements. status: consistent, inconsistent, not-checkable."""

    kind: str  # e.g. "parts-vs-total", "relative-date"
    status: str
    detail: str = ""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "status": self.status, "detail": self.detail}


@dataclass(slots=True)
class TimeRef:
    """A relative date ('on Thursday', 'last year') resolved against the story date."""

    text: str
    paragraph: int
    resolved: str | None = None  # ISO date, or a year / month ("2022", "2023-05") for coarse references
    status: str = "resolved"  # resolved, unresolved, stale (the page date makes it wrong for a reader)

    def to_dict(self) -> dict:
        return {"text": self.text, "paragraph": self.paragraph, "resolved": self.resolved, "status": self.status}


@dataclass(slots=True)
class Article:
    """One parsed news article. `to_dict()` gives the public JSON shape."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    site_name: str | None = None
    url: str | None = None
    page_date: str | None = None
    story_date: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    agency: str | None = None
    agency_source: bool = False
    credits: dict[str, list[str]] = field(default_factory=dict)
    removed: list[Removed] = field(default_factory=list)
    language: str | None = None
    source: str | None = None
    record: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Filled by the enrich stage; empty until then.
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    dates: list[TimeRef] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict:
        return {
            "site_name": self.site_name,
            "url": self.url,
            "title": self.title,
            "page_date": self.page_date,
            "story_date": self.story_date,
            "dateline": {"place": self.dateline.place, "agency": self.dateline.agency},
            "dateline_date": self.dateline.date,
            "agency": self.agency,
            "agency_source": self.agency_source,
            "credits": {role: list(names) for role, names in self.credits.items()},
            "paragraphs": list(self.paragraphs),
            "removed": [asdict(item) for item in self.removed],
            "language": self.language,
            "source": self.source,
            "record": self.record,
            "warnings": list(self.warnings),
            "entities": [entity.to_dict() for entity in self.entities],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "claims": [claim.to_dict() for claim in self.claims],
            "checks": [check.to_dict() for check in self.checks],
            "dates": [ref.to_dict() for ref in self.dates],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        dateline = data.get("dateline") or {}
        return cls(
            title=data.get("title"),
            paragraphs=list(data.get("paragraphs") or []),
            site_name=data.get("site_name"),
            url=data.get("url"),
            page_date=data.get("page_date"),
            story_date=data.get("story_date"),
            dateline=Dateline(place=dateline.get("place"), agency=dateline.get("agency"),
                              date=data.get("dateline_date")),
            agency=data.get("agency"),
            agency_source=bool(data.get("agency_source")),
            credits={k: list(v) for k, v in (data.get("credits") or {}).items()},
            removed=[Removed(**r) for r in data.get("removed") or []],
            language=data.get("language"),
            source=data.get("source"),
            record=data.get("record"),
            warnings=list(data.get("warnings") or []),
            entities=[Entity(name=e["name"], type=e["type"], variants=list(e.get("variants") or []),
                             mentions=[Mention(**m) for m in e.get("mentions") or []], country=e.get("country"))
                      for e in data.get("entities") or []],
            quotes=[Quote(**q) for q in data.get("quotes") or []],
            claims=[Claim(**c) for c in data.get("claims") or []],
            checks=[Check(**c) for c in data.get("checks") or []],
            dates=[TimeRef(**d) for d in data.get("dates") or []],
        )


@dataclass(slots=True)
class AlignedPair:
    """Two sentences, one from each article, that say the same thing."""

    a: int  # sentence index in article a
    b: int
    a_text: str
    b_text: str
    similarity: float  # paraphrase-tolerant score used for the alignment, 0..1
    wording: float  # character-level similarity, 0..1 (1.0: verbatim)

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "a_text": self.a_text, "b_text": self.b_text,
                "similarity": round(self.similarity, 3), "wording": round(self.wording, 3)}


@dataclass(slots=True)
class Alignment:
    """Sentence alignment of two articles, in reading order on both sides."""

    pairs: list[AlignedPair] = field(default_factory=list)
    coverage_a: float = 0.0  # share of a's words in aligned sentences
    coverage_b: float = 0.0
    verbatim_share: float = 0.0  # share of aligned words whose sentences are (near) verbatim
    order: float = 1.0  # share of best matches that keep reading order
    only_a: list[str] = field(default_factory=list)  # passages of a with no counterpart in b
    only_b: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"coverage_a": round(self.coverage_a, 3), "coverage_b": round(self.coverage_b, 3),
                "verbatim_share": round(self.verbatim_share, 3), "order": round(self.order, 3),
                "pairs": [pair.to_dict() for pair in self.pairs], "only_a": list(self.only_a),
                "only_b": list(self.only_b)}


RELATION_KINDS = ("verbatim", "edited", "spun", "same-event", "unrelated")
COPY_KINDS = ("verbatim", "edited", "spun")
FLAG_NAMES = ("stale-republication", "altered-byline", "stripped-attribution", "spun-text", "changed-numbers")


@dataclass(slots=True)
class Change:
    """One fact that differs between original and copy."""

    kind: str  # byline, date, number, quote, agency, title
    original: str | None
    copy: str | None
    detail: str = ""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "original": self.original, "copy": self.copy, "detail": self.detail}


@dataclass(slots=True)
class Relation:
    """How two articles relate: the verdict, its confidence, and the evidence."""

    kind: str  # one of RELATION_KINDS
    confidence: float
    original: str | None = None  # "a", "b" or None
    flags: list[str] = field(default_factory=list)  # flags for the copy side
    alignment: Alignment = field(default_factory=Alignment)
    changes: list[Change] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    @property
    def is_copy(self) -> bool:
        return self.kind in COPY_KINDS

    def to_dict(self) -> dict:
        return {"kind": self.kind, "confidence": round(self.confidence, 3), "original": self.original,
                "flags": list(self.flags), "scores": {k: round(v, 3) for k, v in self.scores.items()},
                "reasons": list(self.reasons), "changes": [c.to_dict() for c in self.changes],
                "alignment": self.alignment.to_dict()}


@dataclass(slots=True)
class CopyLink:
    """A stored relation between two articles, seen from one of them."""

    article_id: int
    other_id: int
    relation: str
    confidence: float
    original_id: int | None
    flags: list[str]
    other_title: str | None = None
    other_site: str | None = None
    other_url: str | None = None
    other_date: str | None = None
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "other_id": self.other_id, "relation": self.relation,
                "confidence": self.confidence, "original_id": self.original_id, "flags": list(self.flags),
                "other_title": self.other_title, "other_site": self.other_site, "other_url": self.other_url,
                "other_date": self.other_date, "detail": self.detail}


@dataclass(slots=True)
class Family:
    """Articles joined by copy links, with the one judged to be the original."""

    family_id: int
    original_id: int
    reason: str
    members: list[int] = field(default_factory=list)
    links: list[CopyLink] = field(default_factory=list)  # each copy's link towards the original (tree edges)

    def to_dict(self) -> dict:
        return {"family_id": self.family_id, "original_id": self.original_id, "reason": self.reason,
                "members": list(self.members), "links": [link.to_dict() for link in self.links]}
