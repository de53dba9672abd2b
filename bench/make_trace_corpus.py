"""Generate a corpus with planted copy families for the trace scale benchmark.

    python bench/make_trace_corpus.py --size 100000 --out /tmp/trace-corpus-100000 [--seed 7]

Writes `DIR/part-00000.jsonl.gz`, ... (one `{"url", "date", "text"}` object a
line, `text` a plain-text page: optional site header, headline, blank line,
paragraphs) and `DIR/truth.json` (family id, kind and recipe of every url).
The output goes outside the repository: background text is built from
third-party news text under `<repo>/../shared/bench/`.

About 90% of the articles are background: each mixes runs of sentences from
3-5 different source articles (ECB+ news, the extraction benchmark's article
bodies, the bundled wire originals), with its numbers rescaled and half of its
names replaced, so background articles are distinct and unrelated.
About 10% belong to planted families of 2-6 members:

* template families: one of the hand-written evaluation stories
  (`bench/trace_eval/stories/*.json`) with a fixed random substitution per
  family (names and places -> other names, numbers scaled by one factor,
  years shifted) applied to the original and to its copies alike, so the
  verbatim, edited, spun and translated pages stay what their author wrote,
  about another event. The story's same-event and different-event pages are
  planted too, sometimes, as decoys: not family members.
* synthetic families: an original built like a background article with a
  wire byline and dateline, plus generated verbatim copies (site furniture,
  "Read more" lines) and edited copies (paragraphs cut, lead rewritten, a
  paragraph added, new headline).

Everything is a pure function of (--seed, --size) and the template files: the
same command writes the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_BENCH = REPO_ROOT.parent / "shared" / "bench"
ECBPLUS = SHARED_BENCH / "stories" / "ecbplus" / "articles.jsonl.gz"
GROUND_TRUTH = SHARED_BENCH / "extraction" / "ground-truth.json"
WIRE_EXAMPLES = REPO_ROOT / "examples" / "wire"
STORIES = REPO_ROOT / "bench" / "trace_eval" / "stories"
GENERATOR_VERSION = 7
SHARD_SIZE = 5000
# Every page is dated inside one fixed window, whatever the corpus size: a bigger corpus is a denser
# crawl of the same two years (so "same week" candidates grow with the size, as they would).
FIRST_DAY = date(2022, 1, 1)
SPAN_DAYS = 730
FAMILY_SHARE = 0.10
TEMPLATE_SHARE = 0.5  # of family articles, the share in template families (the rest synthetic)
TEMPLATE_COPY_KEYS = ("verbatim", "edited", "spun", "translated", "stale")
# Families of one template share its wording (only names and figures differ): a bounded number of
# them keeps that cluster from growing with the corpus (it would add pairs quadratically).
MAX_FAMILIES_PER_TEMPLATE = 12
DECOY_KEYS = (("same_event", 0.3), ("different_event", 0.2))  # planted beside a template family with this chance
AGENCIES = ("Reuters", "AP", "AFP", "Bloomberg", "dpa", "Xinhua", "EFE", "ANSA", "PAP", "UPI")
KEEP_WORDS = frozenset(
    "reuters ap afp bloomberg dpa xinhua efe ansa pap upi monday tuesday wednesday thursday friday saturday sunday"
    " january february march april may june july august september october november december jan feb mar apr jun"
    " jul aug sep sept oct nov dec mr mrs ms dr st read tags share".split())

_WORD = re.compile(r"[A-Za-z]+")
_CAPITALISED = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z]+)(?![A-Za-z])")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_NUMBER = re.compile(r"(?<![\w.,/:])(\d+(?:[.,]\d+)*)(?![\w/:]|[.,]\d)")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER_WORD = re.compile(r"(?<![\w-])(" + "|".join(_NUMBER_WORDS) + r")(?![\w-])", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s$")
_MONTH_AFTER = re.compile(r"^\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_SLASHED_DATE = re.compile(r"(\b\d{1,2}/\d{1,2}/)((?:19|20)\d\d)\b")
_PERCENT_AFTER = re.compile(r"^\s?(?:%|percent|per cent)")
# Word groups whose members stand in for each other; edited leads and headlines swap within a group.
SYNONYMS = (("said", "stated", "noted"), ("told", "informed"), ("big", "large", "major"),
            ("rise", "increase", "jump"), ("fall", "drop", "decline"), ("plan", "scheme", "proposal"),
            ("officials", "authorities"), ("company", "firm", "group"), ("help", "assist", "support"),
            ("start", "begin", "launch"), ("end", "finish", "close"), ("show", "reveal", "indicate"),
            ("says", "states", "notes"), ("new", "fresh", "latest"), ("people", "residents", "citizens"),
            ("city", "town"), ("country", "nation"), ("government", "administration"), ("about", "around", "roughly"),
            ("more than", "over", "upwards of"), ("police", "officers"), ("week", "weekend"),
            ("expected", "forecast", "projected"), ("children", "youngsters"), ("killed", "left dead"),
            ("also", "additionally"), ("because", "since", "as"), ("but", "though", "yet"),
            ("reported", "disclosed", "announced"), ("after", "following"), ("before", "ahead of"))
HEADLINE_PREFIXES = ("UPDATE: ", "Exclusive: ", "Analysis: ", "", "", "BREAKING: ")
TAGLINES = ("News you can trust", "Your daily briefing", "Independent since 1998", "All the news, every day",
            "Local voices, global stories", "Markets, politics, people")
SITE_WORDS = ("Daily", "Herald", "Courier", "Post", "Times", "Journal", "Ledger", "Gazette", "Observer", "Wire",
              "Digest", "Tribune", "Chronicle", "Express", "Today", "Online", "Report", "Bulletin", "Review")
SITE_PLACES = ("Harbour", "Valley", "Metro", "Capital", "Coast", "Lakeside", "Northern", "Southern", "Eastern",
               "Western", "Central", "River", "Summit", "Bay", "Prairie", "Highland", "Global", "World", "Union")


# ---------------------------------------------------------------- sources


@dataclass
class Sources:
    """Background text and names, read once: documents as runs of sentences, and a name pool."""

    documents: list[list[str]]
    name_words: frozenset[str]  # capitalised words that are names (never or seldom written lower-case)
    name_pool: list[str]  # replacement names
    lower_counts: Counter = field(default_factory=Counter)


def read_sources() -> Sources:
    documents = [d for d in (_ecbplus_documents() + _ground_truth_documents() + _wire_documents()) if d]
    documents = _without_repeated_sentences(documents)
    documents = [d for d in documents if len(d) >= 3]
    lower, capital = _word_counts(documents)
    names = frozenset(w for w, n in capital.items() if _is_name_word(w, n, lower))
    pool = sorted(w for w in names if not w.isupper() and 4 <= len(w) <= 12 and not lower[w.lower()]
                  and w.lower() not in _NUMBER_WORDS)
    return Sources(documents=documents, name_words=names, name_pool=pool, lower_counts=lower)


def _ecbplus_documents() -> list[list[str]]:
    if not ECBPLUS.exists():
        return []
    documents = []
    with gzip.open(ECBPLUS, "rt", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            lines = record["text"].split("\n")[1 if record.get("title") else 0:]
            documents.append([s for s in (_clean_tokens(x) for x in lines) if _usable_sentence(s)])
    return documents


def _clean_tokens(text: str) -> str:
    """Undo the token spacing of ECB+ text: 'Lohan ’ s' -> 'Lohan’s', '“ The' -> '“The'."""
    text = re.sub(r"\s+([’'](?:s|t|re|ve|ll|d|m)\b)", r"\1", text)
    text = re.sub(r"(\d)\. (\d)", r"\1.\2", text)
    text = re.sub(r"\s+([.,;:!?%)’”])", r"\1", text)
    text = re.sub(r"([(“‘$])\s+", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _usable_sentence(sentence: str) -> bool:
    words = sentence.split()
    return 6 <= len(words) <= 70 and sentence[-1:] in '.!?"”’' and "http" not in sentence and "|" not in sentence


def _ground_truth_documents() -> list[list[str]]:
    if not GROUND_TRUTH.exists():
        return []
    documents = []
    for record in json.loads(GROUND_TRUTH.read_text(encoding="utf-8")).values():
        body = record.get("articleBody") or ""
        if _looks_english(body):
            documents.append([s for p in re.split(r"\n+", body) for s in _SENTENCE_END.split(p.strip())
                              if _usable_sentence(s)])
    return documents


def _looks_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text[:3000])]
    common = sum(1 for w in words if w in ("the", "and", "of", "to", "a", "in", "is", "that", "for", "on"))
    return len(words) >= 80 and common / len(words) >= 0.12


def _wire_documents() -> list[list[str]]:
    documents = []
    for path in sorted(WIRE_EXAMPLES.glob("*.txt")):
        blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        body = [b.strip() for b in blocks if len(b.split()) >= 12]
        documents.append([s for b in body for s in _SENTENCE_END.split(b) if _usable_sentence(s)])
    return documents


def _without_repeated_sentences(documents: list[list[str]]) -> list[list[str]]:
    """Drop every sentence seen before (corpora hold copies of one story; we want none)."""
    seen: set[str] = set()
    out = []
    for document in documents:
        kept = []
        for sentence in document:
            key = re.sub(r"\W+", "", sentence.lower())
            if key not in seen:
                seen.add(key)
                kept.append(sentence)
        out.append(kept)
    return out


def _word_counts(documents: list[list[str]]) -> tuple[Counter, Counter]:
    lower, capital = Counter(), Counter()
    for document in documents:
        for sentence in document:
            for word in _WORD.findall(sentence):
                (capital if word[0].isupper() else lower)[word] += 1
    return lower, capital


def _is_name_word(word: str, count: int, lower: Counter) -> bool:
    """A capitalised word seldom seen in lower case: 'Mansouri', 'Bangkok' (not 'Police', 'Energy')."""
    folded = word.lower()
    if folded in KEEP_WORDS or len(word) < 3:
        return False
    return lower[folded] <= max(1, count // 20)


# ---------------------------------------------------------------- substitutions


@dataclass(frozen=True)
class NumberPlan:
    """How one article (or one family, all its pages alike) rewrites its figures."""

    factor: float  # figures >= 10 are scaled by this
    year_shift: int  # years (1900-2099) move by this
    small: tuple[int, ...]  # small[v]: what a count v < 10 becomes (a permutation of 2..9; 0 and 1 stay)
    day_shift: int  # days of the month move by this (modulo 28)


def number_plan(rng: random.Random, factor: float, year_shift: int) -> NumberPlan:
    counts = list(range(2, 10))
    rng.shuffle(counts)
    return NumberPlan(factor, year_shift, (0, 1, *counts), rng.randrange(1, 28))


def scaled_number(token: str, plan: NumberPlan, percent: bool) -> str:
    """`token` ('2,300', '410', '11,4', '2032', '4') rewritten by `plan`, in the same style."""
    separators = [ch for ch in token if ch in ".,"]
    groups = re.split(r"[.,]", token)
    thousands = bool(separators) and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3
    if thousands or not separators:
        value, decimals, decimal_mark = int("".join(groups)), 0, ""
    else:
        decimal_mark = separators[-1]
        integer = "".join(groups[:-1])
        decimals = len(groups[-1])
        value = float(f"{integer}.{groups[-1]}")
    if not separators and 1900 <= value <= 2099 and len(token) == 4:
        return str(value + plan.year_shift)
    if not separators and value < 10 and len(token) == 1:
        return str(plan.small[value])
    new = _scaled_value(value, plan.factor, decimals, percent)
    return _written_like(new, decimals, decimal_mark, separators[0] if thousands else "")


def _scaled_value(value: float, factor: float, decimals: int, percent: bool) -> float:
    if decimals == 0 and value < 10:
        return value  # counts under 10 are permuted, not scaled
    new = value * factor
    if decimals:
        new = round(new, decimals)
    else:
        significant = max(2, len(str(int(value)).rstrip("0")))
        digits = len(str(int(new)))
        new = round(new, -max(0, digits - significant))
    if percent and value < 100:
        new = min(new, 99 if decimals == 0 else 99.5)
    if new == value:
        new = value + (10 ** -decimals if decimals else max(1, 10 ** (len(str(int(value))) - 2)))
    return new


def _written_like(value: float, decimals: int, decimal_mark: str, thousands_mark: str) -> str:
    if decimals:
        integer, fraction = f"{value:.{decimals}f}".split(".")
        return f"{integer}{decimal_mark}{fraction}"
    text = f"{int(value):,}"
    return text.replace(",", thousands_mark)


def rescale_numbers(text: str, plan: NumberPlan) -> str:
    """Every figure and number word in `text` rewritten by `plan`; times stay."""
    def replace(match: re.Match) -> str:
        before, after = text[max(0, match.start() - 12):match.start()], text[match.end():match.end() + 12]
        token = match.group(1)
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            day = int(token) if token.isdigit() else 0
            return str((day - 1 + plan.day_shift) % 28 + 1) if 1 <= day <= 31 else token
        return scaled_number(token, plan, bool(_PERCENT_AFTER.match(after)))

    text = _NUMBER.sub(replace, text)
    text = _SLASHED_DATE.sub(lambda m: m.group(1) + str(int(m.group(2)) + plan.year_shift), text)
    return _NUMBER_WORD.sub(lambda m: _rewritten_number_word(m.group(1), plan), text)


_WORD_FOR = {value: word for word, value in _NUMBER_WORDS.items()}


def _rewritten_number_word(word: str, plan: NumberPlan) -> str:
    value = _NUMBER_WORDS[word.lower()]
    new = plan.small[value] if value < 10 else int(_scaled_value(value, plan.factor, 0, False))
    written = _WORD_FOR.get(new, str(new))
    return written.capitalize() if word[0].isupper() and written.isalpha() else written


def replace_names(text: str, mapping: dict[str, str]) -> str:
    """Replace whole capitalised words found in `mapping` (by their lower-case form), keeping the case."""
    def replace(match: re.Match) -> str:
        word = match.group(1)
        new = mapping.get(word.lower())
        if new is None:
            return word
        return new.upper() if word.isupper() and len(word) > 1 else new

    return _CAPITALISED.sub(replace, text)


def name_mapping(names: list[str], pool: list[str], rng: random.Random) -> dict[str, str]:
    """A fixed random replacement for each name (lower-case key), all replacements distinct."""
    chosen = rng.sample(pool, min(len(names), len(pool)))
    return {name.lower(): new for name, new in zip(sorted(names), chosen)}


def swap_synonyms(text: str, rng: random.Random, share: float) -> str:
    """Replace a share of the words found in SYNONYMS by another member of their group."""
    for group in SYNONYMS:
        for word in group:
            pattern = re.compile(r"\b" + re.escape(word) + r"\b")
            text = pattern.sub(lambda m: rng.choice([w for w in group if w != word]) if rng.random() < share
                               else m.group(0), text)
    return text


# ---------------------------------------------------------------- pages


def page_text(headline: str, paragraphs: list[str], header: list[str] = (), footer: list[str] = ()) -> str:
    return "\n\n".join([*header, headline, *paragraphs, *footer]) + "\n"


def site_name(rng: random.Random) -> str:
    return f"{rng.choice(SITE_PLACES)} {rng.choice(SITE_WORDS)}"


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:8]) or "story"


def url_for(site: str, day: date, headline: str, key: str) -> str:
    domain = re.sub(r"[^a-z]", "", site.lower()) + ".example"
    return f"https://{domain}/{day:%Y/%m/%d}/{slug(headline)}-{key}"


def random_day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))


def sentence_runs(sources: Sources, rng: random.Random, documents: int, run: tuple[int, int]) -> list[list[str]]:
    """Runs of consecutive sentences from `documents` different source documents."""
    runs = []
    for document in rng.sample(sources.documents, documents):
        length = min(len(document), rng.randint(*run))
        start = rng.randrange(len(document) - length + 1)
        runs.append(document[start:start + length])
    return runs


def paragraphs_of(runs: list[list[str]], rng: random.Random) -> list[str]:
    """Cut each run into paragraphs of 1-3 sentences."""
    paragraphs = []
    for sentences in runs:
        position = 0
        while position < len(sentences):
            size = rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[position:position + size]))
            position += size
    return paragraphs


def headline_from(sentence: str, rng: random.Random) -> str:
    words = re.split(r"[.;:!?]\s", sentence)[0].split()[: rng.randint(6, 11)]
    return " ".join(words).rstrip(".,;:!?\"“”’") or "News"


def vary_article(text: str, sources: Sources, rng: random.Random, name_share: float = 0.7) -> str:
    """Rescale the numbers and replace a share of the names: the text becomes about other facts."""
    factor = rng.choice((rng.uniform(0.4, 0.85), rng.uniform(1.2, 2.5)))
    text = rescale_numbers(text, number_plan(rng, factor, rng.randint(-6, 6)))
    names = sorted({w for w in _CAPITALISED.findall(text) if w in sources.name_words and rng.random() < name_share})
    return replace_names(text, name_mapping(names, sources.name_pool, rng))


# ---------------------------------------------------------------- background


def background_page(sources: Sources, seed: int, index: int) -> tuple[str, str, str]:
    """(url, date, text) of background article `index`."""
    rng = random.Random(f"{seed}:background:{index}")
    runs = sentence_runs(sources, rng, rng.randint(5, 9), (1, 3))
    body = vary_article("\n\n".join(paragraphs_of(runs, rng)), sources, rng).split("\n\n")
    headline = headline_from(body[0], rng)
    site, day = site_name(rng), random_day(rng)
    header = [site, f"{day:%B} {day.day}, {day.year}"] if rng.random() < 0.5 else []
    if rng.random() < 0.3:
        body.insert(0, f"By {rng.choice(sources.name_pool)} {rng.choice(sources.name_pool)}")
    return url_for(site, day, headline, f"b{index}"), day.isoformat(), page_text(headline, body, header)


# ---------------------------------------------------------------- synthetic families


@dataclass(frozen=True)
class WireStory:
    headline: str
    byline: str
    dateline: str
    paragraphs: tuple[str, ...]
    day: date
    agency: str


def synthetic_story(sources: Sources, seed: int, family: int) -> WireStory:
    rng = random.Random(f"{seed}:synthetic:{family}")
    runs = sentence_runs(sources, rng, rng.randint(5, 8), (1, 3))
    body = vary_article("\n\n".join(paragraphs_of(runs, rng)), sources, rng).split("\n\n")
    agency = rng.choice(AGENCIES)
    place = rng.choice(sources.name_pool).upper()
    return WireStory(headline=headline_from(body[0], rng), byline=f"By {rng.choice(sources.name_pool)} "
                     f"{rng.choice(sources.name_pool)}", dateline=f"{place} ({agency}) - ",
                     paragraphs=tuple(body), day=random_day(rng), agency=agency)


def synthetic_page(sources: Sources, seed: int, family: int, key: str) -> tuple[str, str, str]:
    """(url, date, text) of one member of synthetic family `family`: original, verbatim-N or edited-N."""
    story = synthetic_story(sources, seed, family)
    rng = random.Random(f"{seed}:synthetic:{family}:{key}")
    paragraphs = [story.dateline + story.paragraphs[0], *story.paragraphs[1:]]
    if key == "original":
        site, day = story.agency, story.day
        text = page_text(story.headline, [story.byline, *paragraphs])
    elif key.startswith("verbatim"):
        site, day = site_name(rng), story.day + timedelta(days=rng.randint(0, 2))
        text = verbatim_copy(story, paragraphs, site, day, sources, rng)
    else:
        site, day = site_name(rng), story.day + timedelta(days=rng.randint(0, 3))
        text = edited_copy(story, paragraphs, site, day, sources, rng)
    return url_for(site, day, story.headline, f"s{family}-{key}"), day.isoformat(), text


def verbatim_copy(story: WireStory, paragraphs: list[str], site: str, day: date, sources: Sources,
                  rng: random.Random) -> str:
    header = [f"{day:%A}, {day:%B} {day.day}, {day.year}", site, rng.choice(TAGLINES)]
    body = [story.byline, *paragraphs] if rng.random() < 0.7 else list(paragraphs)
    if len(body) > 3:
        other = headline_from(rng.choice(rng.choice(sources.documents)), rng)
        body.insert(rng.randint(2, len(body) - 1), f"Read more: {other}")
    footer = rng.choice(([f"Tags: {', '.join(rng.sample(sources.name_pool, 3))}"],
                         [f"© {day.year} {site}. All rights reserved."], []))
    return page_text(story.headline, body, header, footer)


def edited_copy(story: WireStory, paragraphs: list[str], site: str, day: date, sources: Sources,
                rng: random.Random) -> str:
    """Cut paragraphs, rewritten lead, one added paragraph, new headline."""
    body = list(paragraphs)
    for _ in range(rng.randint(1, 2) if len(body) >= 5 else 0):
        del body[rng.randrange(1, len(body))]
    body[0] = rewritten_lead(body[0], story.dateline, rng)
    added = vary_article(" ".join(rng.choice(sentence_runs(sources, rng, 1, (1, 3)))), sources, rng)
    body.insert(rng.randint(1, len(body)), added)
    headline = rng.choice(HEADLINE_PREFIXES) + swap_synonyms(story.headline, rng, 0.8)
    header = [site, f"{day:%d/%m/%Y}"]
    return page_text(headline, body, header)


def rewritten_lead(lead: str, dateline: str, rng: random.Random) -> str:
    """The lead's first sentence turned around at a comma, words swapped, later sentences dropped."""
    first = _SENTENCE_END.split(lead.removeprefix(dateline))[0]
    head, comma, tail = first.partition(", ")
    if comma and len(tail.split()) >= 4:
        tail = tail.rstrip(".")
        first = f"{tail[0].upper()}{tail[1:]}, according to a report that {head[0].lower()}{head[1:]}."
    return dateline + swap_synonyms(first, rng, 0.6)


# ---------------------------------------------------------------- template families


@dataclass(frozen=True)
class Template:
    story_id: str
    pages: dict[str, dict]  # key -> page (text, page_date, relation)
    names: tuple[str, ...]
    digest: str


def read_templates(sources: Sources, folder: Path = STORIES) -> list[Template]:
    templates = []
    for path in sorted(folder.glob("s*.json")):
        try:
            story = json.loads(path.read_text(encoding="utf-8"))
            pages = {page["key"]: page for page in story["pages"]}
        except (ValueError, KeyError, TypeError):
            continue  # a story being written right now
        if not all(key in pages for key in ("original", "spun")):
            continue
        texts = [pages[key]["text"] for key in ("original", "same_event", "different_event") if key in pages]
        names = _template_names(texts, sources)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        templates.append(Template(story.get("id", path.stem), pages, names, digest))
    return templates


def _template_names(texts: list[str], sources: Sources) -> tuple[str, ...]:
    lower, capital = Counter(sources.lower_counts), Counter()
    for text in texts:
        for word in _WORD.findall(text):
            (capital if word[0].isupper() else lower)[word] += 1
    words = {w for w in capital if _is_name_word(w, capital[w], lower) or w in sources.name_words}
    return tuple(sorted({w.lower() for w in words if w.lower() not in KEEP_WORDS and len(w) >= 3}))


@dataclass(frozen=True)
class TemplateVariant:
    mapping: dict[str, str]
    numbers: NumberPlan  # its years move with the dates
    shift: timedelta  # every page date moves by this much (gaps between pages stay)


# Scale factors of the families of one template, 10% or more apart, so that no two of them state the
# same figures by chance (they would be copies of each other by their facts).
TEMPLATE_FACTORS = (0.45, 0.52, 0.6, 0.68, 0.77, 0.86, 1.2, 1.35, 1.52, 1.7, 1.9, 2.15)


def template_variant(template: Template, sources: Sources, seed: int, family: int, slot: int) -> TemplateVariant:
    """The substitution of family `family`, the `slot`-th family made from `template`."""
    rng = random.Random(f"{seed}:template:{family}")
    factors = list(TEMPLATE_FACTORS)
    random.Random(f"{seed}:factors:{template.story_id}").shuffle(factors)
    factor = factors[slot % len(factors)] * rng.uniform(0.98, 1.02)
    mapping = name_mapping(list(template.names), sources.name_pool, rng)
    written = date.fromisoformat(template.pages["original"]["page_date"][:10])
    new_day = random_day(rng)
    return TemplateVariant(mapping, number_plan(rng, factor, new_day.year - written.year), new_day - written)


def template_page(template: Template, sources: Sources, seed: int, family: int, slot: int,
                  key: str) -> tuple[str, str, str]:
    """(url, date, text) of page `key` of template family `family` (the template's `slot`-th)."""
    variant = template_variant(template, sources, seed, family, slot)
    page = template.pages[key]
    text = replace_names(rescale_numbers(page["text"], variant.numbers), variant.mapping)
    day = date.fromisoformat(page["page_date"][:10]) + variant.shift
    site = replace_names(page.get("site_name") or "News", variant.mapping)
    headline = next((line for line in text.split("\n") if len(line.split()) >= 4), "story")
    return url_for(site, day, headline, f"t{family}-{key}"), day.isoformat(), text


# ---------------------------------------------------------------- plan


@dataclass(frozen=True)
class Member:
    """One planted page: which family, its kind in the truth, and how to build it."""

    family: str
    kind: str  # original, verbatim, edited, spun, decoy
    recipe: str  # template key or synthetic key
    number: int
    template: int | None = None


def plan_families(size: int, seed: int, templates: list[Template]) -> list[Member]:
    """Families until about FAMILY_SHARE of `size` articles are members, plus decoys."""
    rng = random.Random(f"{seed}:plan")
    target, members, counts = round(size * FAMILY_SHARE), [], [0, 0]
    while sum(1 for m in members if m.kind != "decoy") < target:
        room = len(templates) * MAX_FAMILIES_PER_TEMPLATE - counts[0]
        use_template = room > 0 and rng.random() < TEMPLATE_SHARE
        kind = int(not use_template)
        number = counts[kind]
        counts[kind] += 1
        members += (_template_family(number, rng, templates) if use_template else _synthetic_family(number, rng))
    return members


def _template_family(number: int, rng: random.Random, templates: list[Template]) -> list[Member]:
    template_index = number % len(templates)
    pages = templates[template_index].pages
    available = [k for k in TEMPLATE_COPY_KEYS if k in pages]
    keys = rng.sample(available, rng.randint(1, len(available)))
    if "spun" not in keys and rng.random() < 0.7:
        keys[0] = "spun"  # spun copies are the point of the templates
    family = f"t{number}"
    members = [Member(family, "original", "original", number, template_index)]
    for key in keys:
        relation = pages[key].get("relation") or "verbatim"
        members.append(Member(family, relation, key, number, template_index))
    for key, chance in DECOY_KEYS:
        if key in pages and rng.random() < chance:
            members.append(Member(family, "decoy", key, number, template_index))
    return members


def _synthetic_family(number: int, rng: random.Random) -> list[Member]:
    family = f"s{number}"
    verbatim, edited = rng.choice(((1, 0), (0, 1), (1, 1), (2, 1), (1, 2), (2, 2), (0, 2)))
    return ([Member(family, "original", "original", number)]
            + [Member(family, "verbatim", f"verbatim-{i}", number) for i in range(verbatim)]
            + [Member(family, "edited", f"edited-{i}", number) for i in range(edited)])


def build_page(item: Member | int, sources: Sources, templates: list[Template], seed: int) -> tuple[str, str, str]:
    if isinstance(item, int):
        return background_page(sources, seed, item)
    if item.template is None:
        return synthetic_page(sources, seed, item.number, item.recipe)
    slot = item.number // len(templates)
    return template_page(templates[item.template], sources, seed, item.number, slot, item.recipe)


def truth_entry(item: Member | int, templates: list[Template]) -> dict:
    if isinstance(item, int):
        return {"family": None, "kind": "background"}
    entry = {"family": item.family if item.kind != "decoy" else None, "kind": item.kind, "recipe": item.recipe}
    if item.kind == "decoy":
        entry["near_family"] = item.family
    if item.template is not None:
        entry["template"] = templates[item.template].story_id
    return entry


# ---------------------------------------------------------------- writing


def generate(out: Path, size: int, seed: int, shard_size: int = SHARD_SIZE, log=print) -> dict:
    started = time.perf_counter()
    sources = read_sources()
    templates = read_templates(sources)
    members = plan_families(size, seed, templates)
    items: list[Member | int] = members + list(range(max(0, size - len(members))))
    random.Random(f"{seed}:order").shuffle(items)
    out.mkdir(parents=True, exist_ok=True)
    truth: dict[str, dict] = {}
    for shard_start in range(0, len(items), shard_size):
        with gzip.open(out / f"part-{shard_start // shard_size:05d}.jsonl.gz", "wt", encoding="utf-8",
                       compresslevel=3) as stream:
            for item in items[shard_start:shard_start + shard_size]:
                url, day, text = build_page(item, sources, templates, seed)
                truth[url] = truth_entry(item, templates)
                stream.write(json.dumps({"url": url, "date": day, "text": text}, ensure_ascii=False) + "\n")
        log(f"  {min(shard_start + shard_size, len(items))}/{len(items)} pages written")
    summary = corpus_summary(size, seed, templates, truth, len(sources.documents), time.perf_counter() - started)
    (out / "truth.json").write_text(json.dumps({**summary, "articles": truth}), encoding="utf-8")
    return summary


def corpus_summary(size: int, seed: int, templates: list[Template], truth: dict, documents: int,
                   seconds: float) -> dict:
    kinds = Counter(entry["kind"] for entry in truth.values())
    families = Counter(entry["family"] for entry in truth.values() if entry["family"])
    return {"generator_version": GENERATOR_VERSION, "size": size, "seed": seed, "articles_written": len(truth),
            "templates": {t.story_id: t.digest for t in templates}, "source_documents": documents,
            "kinds": dict(sorted(kinds.items())), "families": len(families),
            "family_sizes": dict(sorted(Counter(families.values()).items())), "seconds": round(seconds, 1)}


def cached_summary(out: Path, size: int, seed: int) -> dict | None:
    """The truth summary of an existing corpus made with these parameters and the current templates."""
    path = out / "truth.json"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as stream:
        head = json.loads(stream.read())
    head.pop("articles", None)
    templates = {t.story_id: t.digest for t in read_templates(read_sources())}
    same = (head.get("generator_version") == GENERATOR_VERSION and head.get("size") == size
            and head.get("seed") == seed and head.get("templates") == templates)
    return head if same else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="output folder (outside the repository)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shard-size", type=int, default=SHARD_SIZE)
    args = parser.parse_args(argv)
    if not ECBPLUS.exists():
        print(f"skipped: {ECBPLUS} is missing (the shared benchmark data)", file=sys.stderr)
        return 0
    summary = generate(args.out, args.size, args.seed, args.shard_size,
                       log=lambda message: print(message, file=sys.stderr))
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
