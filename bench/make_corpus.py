"""Generate a large synthetic news corpus for the ingest/store benchmark.

Every generated page is a varied copy of one real source page: the bundled
pages under `examples/` and the benchmark pages under
`<repo>/../shared/bench/{extraction,metadata}/html/` (third-party pages, so the
output goes to a folder outside the repository, `/tmp/newstrace-corpus/n<SIZE>`
by default). Variation is deterministic: page number `i` is built from its own
random generator seeded with `(--seed, i)`, so the same command always writes
the same bytes, and the first 10,000 pages of a 100,000-page corpus are the
10,000-page corpus.

Per page: pick HTML (share `--html-share`) or a plain-text dump, pick a source,
then vary it: shift every ISO date by a per-page number of days (years follow),
substitute some numbers and proper names (names from a fixed synthetic pool, so
the vocabulary stays bounded), prefix the title, swap neighbouring paragraphs,
drop some, duplicate one, and insert 1-3 sentences taken from other pages. HTML
pages are edited in place (markup, scripts and page size stay those of a real
page); text dumps are built from the parsed source article, sometimes with a
wire dateline. Pages whose content hash repeats are regenerated, so every page
is distinct.

Output: `shard-00000.jsonl.gz`, ... of `--shard-size` pages each, one JSON
object a line (`{"url", "date", "html"}` or `{"url", "date", "text"}`), and
`manifest.json` beside the `shards/` folder with the counts and byte sizes.

    PYTHONPATH=src python bench/make_corpus.py --size 100000 [--out DIR] [--seed N]
                                              [--html-share 0.6] [--jobs 2]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import multiprocessing
import os
import random
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_BENCH = REPO_ROOT.parent / "shared" / "bench"
SOURCE_DIRS = (REPO_ROOT / "examples", SHARED_BENCH / "extraction" / "html", SHARED_BENCH / "metadata" / "html")
DEFAULT_ROOT = Path("/tmp/newstrace-corpus")
DEFAULT_SEED = 20240611
SHARD_SIZE = 5000
# Crawled HTML dominates a news corpus; text dumps (wire feeds, archive exports) are the rest.
# 0.6 also keeps the 100k benchmark inside its time budget (HTML parses ~5x slower than text).
DEFAULT_HTML_SHARE = 0.6
GZIP_LEVEL = 3  # the shards are read back once or twice; level 3 writes several times faster than 9

_TAG_SPLIT = re.compile(r"(<[^>]*>)")
_NAME_CANDIDATE = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{2,15}\b")
_NUMBER_CANDIDATE = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,]\d{1,2})?(?!\w)")
_YEAR_CANDIDATE = re.compile(r"(?<!\w)(?:19[6-9]\d|20[0-2]\d)(?!\w)")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_P_OPEN = re.compile(r"<p[\s>]", re.I)
_P_CLOSE = re.compile(r"</p\s*>", re.I)

PROBE_SENTENCE = "The committee said it would publish the full figures next week."
TITLE_PREFIXES = ("UPDATE 1-", "UPDATE 2-", "Analysis: ", "Exclusive: ", "Explainer: ", "Live: ",
                  "Breaking: ", "Opinion: ", "Factbox: ", "Insight: ")
DATELINE_PLACES = ("LONDON", "PARIS", "BERLIN", "WARSAW", "BRUSSELS", "NEW YORK", "WASHINGTON", "TOKYO",
                   "MADRID", "ROME", "OSLO", "GDANSK", "VILNIUS", "SINGAPORE", "NAIROBI", "TORONTO")
AGENCIES = ("Reuters", "AP", "AFP", "Bloomberg", "dpa", "ANSA", "EFE", "PAP")
_SYLLABLES = ("ka", "lo", "mer", "vin", "ta", "sel", "dor", "ri", "an", "bel", "os", "ter", "lan", "mi",
              "gor", "us", "ven", "na", "fel", "is", "ro", "dal", "ek", "sto", "har", "pel", "quin", "zu")


@dataclass
class Source:
    """One source page, analysed once: what a variant needs to edit it quickly."""

    kind: str  # "html", "text", or "html-fixed": HTML whose edits do not show (used for text dumps only)
    url: str | None
    title: str | None
    story_date: str | None
    paragraphs: list[str]
    segments: list[str] = field(default_factory=list)  # HTML split at tags (lossless)
    paragraph_ranges: list[tuple[int, int]] = field(default_factory=list)  # <p> .. </p> segment spans
    token_segments: dict[str, list[int]] = field(default_factory=dict)  # name/number -> segments holding it
    title_segments: list[int] = field(default_factory=list)
    date_segments: list[int] = field(default_factory=list)  # segments (tags too) holding ISO dates
    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    token_pattern: re.Pattern | None = None


@dataclass(frozen=True)
class Plan:
    """Everything a shard writer needs; built once, shared with the writers by fork."""

    seed: int
    size: int
    shard_size: int
    html_share: float
    html_sources: list[Source]
    text_sources: list[Source]
    sentences: list[str]
    names: list[str]


# ---------------------------------------------------------------- sources


def find_source_pages(dirs: tuple[Path, ...] = SOURCE_DIRS) -> list:
    """Every readable page under the source folders (missing folders are skipped)."""
    from newstrace.ingest import read_pages
    from newstrace.model import Page

    pages = []
    for folder in dirs:
        if folder.is_dir():
            pages.extend(item for item in read_pages(folder) if isinstance(item, Page))
    return pages


def analyse_page(page) -> Source | None:
    """Parse one source page and index it for fast variation; None when it has no article."""
    from newstrace.model import InputFailure
    from newstrace.pipeline import parse_page

    article = parse_page(page)
    if isinstance(article, InputFailure) or len(article.text) < 200:
        return None
    data = page.data.decode("utf-8", "replace") if isinstance(page.data, bytes) else page.data
    source = Source(kind=page.content_type or "html", url=article.url or page.url, title=article.title,
                    story_date=article.story_date, paragraphs=list(article.paragraphs))
    _find_tokens(source)
    if source.kind == "html":
        _index_html(source, data)
        source.kind = "html" if edits_show(source) else "html-fixed"
    return source


def _find_tokens(source: Source) -> None:
    text = "\n".join(source.paragraphs)
    source.names = _most_common(_NAME_CANDIDATE.findall(text), 12)
    source.numbers = _most_common(_NUMBER_CANDIDATE.findall(text), 12)
    source.years = _most_common(_YEAR_CANDIDATE.findall(text), 6)
    tokens = sorted(set(source.names + source.numbers + source.years), key=len, reverse=True)
    if tokens:
        source.token_pattern = re.compile(r"(?<![\w.,])(?:" + "|".join(map(re.escape, tokens)) + r")(?!\w)")


def _most_common(items: list[str], limit: int) -> list[str]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return sorted(counts, key=lambda item: (-counts[item], item))[:limit]


def _index_html(source: Source, data: str) -> None:
    segments = _TAG_SPLIT.split(data)
    searchable = _searchable_segments(segments)
    source.segments = segments
    source.paragraph_ranges = _paragraph_slots(segments, searchable, source.paragraphs)
    source.date_segments = [index for index, segment in enumerate(segments) if _ISO_DATE.search(segment)]
    title_forms = {source.title, html.escape(source.title or "", quote=False), html.escape(source.title or "")}
    title_forms.discard(None)
    title_forms.discard("")
    for index in searchable:
        segment = segments[index]
        if any(form in segment for form in title_forms):
            source.title_segments.append(index)
        if source.token_pattern is not None:
            for token in set(source.token_pattern.findall(segment)):
                source.token_segments.setdefault(token, []).append(index)


def _searchable_segments(segments: list[str]) -> list[int]:
    """Indices of visible text, JSON-LD and <meta> tags: where titles, names and numbers show."""
    found, hidden = [], False
    for index, segment in enumerate(segments):
        if index % 2:  # a tag
            lowered = segment[:40].lower()
            if lowered.startswith(("<script", "<style")):
                hidden = "ld+json" not in segment.lower()
            elif lowered.startswith(("</script", "</style")):
                hidden = False
            elif lowered.startswith("<meta"):
                found.append(index)
        elif segment.strip() and not hidden:
            found.append(index)
    return found


def _paragraph_ranges(segments: list[str], searchable: set[int]) -> list[tuple[int, int]]:
    """Spans (open tag, close tag) of <p> elements holding at least 60 characters of text."""
    ranges, start = [], None
    for index in range(1, len(segments), 2):
        tag = segments[index]
        if _P_OPEN.match(tag):
            start = index
        elif start is not None and _P_CLOSE.match(tag):
            text = sum(len(segments[i]) for i in range(start + 1, index, 2) if i in searchable)
            if text >= 60:
                ranges.append((start, index))
            start = None
    return ranges


def _paragraph_slots(segments: list[str], searchable: list[int], paragraphs: list[str]) -> list[tuple[int, int]]:
    """Where the article's paragraphs sit: its <p> elements when they hold most of the article, else
    the bare text segments where article paragraphs begin (pages that put text in <div>s or <br> runs)."""
    starts = {_key(paragraph) for paragraph in paragraphs if len(paragraph) >= 60}
    ranges = _paragraph_ranges(segments, set(searchable))
    in_ranges = {_key(html.unescape("".join(segments[start + 1:end:2]))) for start, end in ranges}
    if starts and len(starts & in_ranges) >= len(starts) / 2:
        return ranges
    return [(at, at) for at in searchable if at % 2 == 0 and _key(html.unescape(segments[at])) in starts]


def _key(text: str) -> str:
    return " ".join(text.split())[:30]


def edits_show(source: Source) -> bool:
    """Whether a varied copy of this HTML source parses to a different article (some pages keep
    their text where the edits do not reach, e.g. paragraphs split by inline markup)."""
    from newstrace.model import InputFailure, Page
    from newstrace.pipeline import parse_page

    probe = Plan(seed=0, size=1, shard_size=1, html_share=1.0, html_sources=[source], text_sources=[source],
                 sentences=[PROBE_SENTENCE], names=["Probename"])
    page, url, _ = html_variant(source, probe, random.Random(0), 0)
    article = parse_page(Page(source="probe", data=page, url=url, content_type="html"))
    return not isinstance(article, InputFailure) and article.paragraphs != source.paragraphs


def sentence_pool(sources: list[Source], limit: int = 60000) -> list[str]:
    """Sentences of 40-300 characters from all source articles, to insert into other pages."""
    pool = []
    for source in sources:
        for paragraph in source.paragraphs:
            pool.extend(s for s in _SENTENCE_END.split(paragraph) if 40 <= len(s) <= 300)
    return pool[:limit]


def name_pool(seed: int, count: int = 5000) -> list[str]:
    """Invented surnames/place names, fixed for a seed: new names without unbounded vocabulary."""
    rng = random.Random(f"{seed}:names")
    names = set()
    while len(names) < count:
        names.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(names)


# ---------------------------------------------------------------- variation


def substitutions(source: Source, rng: random.Random, plan: Plan, year_shift: int) -> dict[str, str]:
    """Per-page replacements: about half the names and numbers, every year (shifted)."""
    mapping = {}
    for name in source.names:
        if rng.random() < 0.5:
            mapping[name] = rng.choice(plan.names)
    for number in source.numbers:
        if rng.random() < 0.5:
            mapping[number] = _other_number(number, rng)
    for year in source.years:
        mapping[year] = str(int(year) + year_shift)
    return mapping


def _other_number(number: str, rng: random.Random) -> str:
    return "".join(rng.choice("123456789") if i == 0 and ch.isdigit() else rng.choice("0123456789")
                   if ch.isdigit() else ch for i, ch in enumerate(number))


def paragraph_order(count: int, rng: random.Random) -> list[int]:
    """A new order of `count` paragraphs: neighbours swapped, some dropped, maybe one duplicated."""
    order = list(range(count))
    for _ in range(rng.randint(0, max(1, count // 5))):
        if count > 1:
            at = rng.randrange(count - 1)
            order[at], order[at + 1] = order[at + 1], order[at]
    kept = [index for index in order if rng.random() >= 0.08]
    order = kept if len(kept) >= max(1, count // 2) else order
    if order and rng.random() < 0.15:
        at = rng.randrange(len(order))
        order.insert(at + 1, order[at])
    return order


def inserted_sentences(plan: Plan, rng: random.Random) -> list[str]:
    return [rng.choice(plan.sentences) for _ in range(rng.randint(1, 3))] if plan.sentences else []


def shift_dates(text: str, days: int) -> str:
    def shifted(match: re.Match) -> str:
        try:
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return match.group(0)
        return (day + timedelta(days=days)).isoformat()

    return _ISO_DATE.sub(shifted, text)


def new_title(title: str | None, rng: random.Random) -> str | None:
    if title and rng.random() < 0.5:
        return rng.choice(TITLE_PREFIXES) + title
    return title


def new_url(source: Source, title: str | None, index: int) -> str:
    """A distinct address on the source's host: title slug plus the page number."""
    host = "news.example"
    if source.url and "://" in source.url:
        host = source.url.split("://", 1)[1].split("/", 1)[0] or host
    slug = "-".join(_SLUG_WORD.findall((title or "article").lower())[:8]) or "article"
    return f"https://{host}/{slug}-{index:06d}"


def html_variant(source: Source, plan: Plan, rng: random.Random, index: int) -> tuple[str, str, str]:
    """(html, url, fetch date) for one varied copy of an HTML source."""
    days = rng.randint(-1500, 1500)
    segments = list(source.segments)
    title = new_title(source.title, rng)
    if title != source.title:
        for at in source.title_segments:
            segments[at] = _replace_title(segments[at], source.title, title)
    mapping = substitutions(source, rng, plan, days // 365)
    for at in sorted({at for token in mapping for at in source.token_segments.get(token, ())}):
        segments[at] = source.token_pattern.sub(lambda m: mapping.get(m.group(0), m.group(0)), segments[at])
    for at in source.date_segments:  # before reordering: the indices are those of the source
        segments[at] = shift_dates(segments[at], days)
    _reorder_paragraphs(segments, source.paragraph_ranges, rng, inserted_sentences(plan, rng))
    url = new_url(source, title, index)
    page = "".join(segments)
    if source.url:
        page = page.replace(source.url, url)
    return page, url, _fetch_date(source.story_date, days, rng)


def _replace_title(segment: str, old: str, new: str) -> str:
    # One pass over all spellings (plain, escaped), so a new title holding the old one is not prefixed twice.
    forms = {old: new, html.escape(old, quote=False): html.escape(new, quote=False), html.escape(old): html.escape(new)}
    pattern = re.compile("|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)))
    return pattern.sub(lambda match: forms[match.group(0)], segment)


def _reorder_paragraphs(segments: list[str], ranges: list[tuple[int, int]], rng: random.Random,
                        extra: list[str]) -> None:
    """Rewrite the <p> slots in place with the paragraphs in a new order, plus inserted sentences."""
    added = [f"<p>{html.escape(sentence, quote=False)}</p>" for sentence in extra]
    if not ranges:
        longest = max(range(0, len(segments), 2), key=lambda at: len(segments[at]))
        segments[longest] += " " + " ".join(html.escape(s, quote=False) for s in extra)
        return
    contents = ["".join(segments[start:end + 1]) for start, end in ranges]
    order = [contents[at] for at in paragraph_order(len(ranges), rng)]
    for sentence in added:
        order.insert(rng.randint(0, len(order)), sentence)
    slots = len(ranges)
    per_slot = [order[at] for at in range(min(slots, len(order)))] + [""] * max(0, slots - len(order))
    per_slot[-1] += "".join(order[slots:])
    for (start, end), content in zip(ranges, per_slot):
        segments[start:end + 1] = [content] + [""] * (end - start)


def _fetch_date(story_date: str | None, days: int, rng: random.Random) -> str:
    try:
        base = date.fromisoformat((story_date or "")[:10])
    except ValueError:
        base = date(2019, 6, 1)
    return (base + timedelta(days=days + rng.randint(0, 3))).isoformat()


def text_variant(source: Source, plan: Plan, rng: random.Random, index: int) -> tuple[str, str, str]:
    """(text dump, url, fetch date) for one varied copy of a source article."""
    days = rng.randint(-1500, 1500)
    mapping = substitutions(source, rng, plan, days // 365)
    paragraphs = [source.paragraphs[at] for at in paragraph_order(len(source.paragraphs), rng)]
    for sentence in inserted_sentences(plan, rng):
        paragraphs.insert(rng.randint(1 if paragraphs else 0, len(paragraphs)), sentence)
    if source.token_pattern is not None and mapping:
        paragraphs = [source.token_pattern.sub(lambda m: mapping.get(m.group(0), m.group(0)), paragraph)
                      for paragraph in paragraphs]
    if paragraphs and rng.random() < 0.3:
        paragraphs[0] = f"{rng.choice(DATELINE_PLACES)} ({rng.choice(AGENCIES)}) - {paragraphs[0]}"
    title = new_title(source.title, rng)
    fetch = _fetch_date(source.story_date, days, rng)
    head = [title] if title else []
    if rng.random() < 0.5:
        head.append(fetch)
    return "\n\n".join(head + paragraphs) + "\n", new_url(source, title, index), fetch


def make_page(plan: Plan, index: int, attempt: int = 0) -> dict:
    """Generated page number `index` as its JSONL object (deterministic)."""
    rng = random.Random(f"{plan.seed}:{index}:{attempt}")
    as_html = rng.random() < plan.html_share and plan.html_sources
    if as_html:
        page, url, fetched = html_variant(rng.choice(plan.html_sources), plan, rng, index)
        return {"url": url, "date": fetched, "html": page}
    page, url, fetched = text_variant(rng.choice(plan.text_sources), plan, rng, index)
    return {"url": url, "date": fetched, "text": page}


# ---------------------------------------------------------------- shards


def write_shard(plan: Plan, shard: int, folder: Path) -> dict:
    """Write one shard; returns its counts and the content hashes of its pages."""
    start, end = shard * plan.shard_size, min(plan.size, (shard + 1) * plan.shard_size)
    counts = {"shard": shard, "pages": 0, "html": 0, "text": 0, "raw_bytes": 0, "html_bytes": 0,
              "text_bytes": 0, "regenerated": 0, "hashes": []}
    seen: set[str] = set()
    path = folder / f"shard-{shard:05d}.jsonl.gz"
    with gzip.open(path.with_suffix(".tmp"), "wt", encoding="utf-8", compresslevel=GZIP_LEVEL) as out:
        for index in range(start, end):
            record, digest = _distinct_page(plan, index, seen, counts)
            kind = "html" if "html" in record else "text"
            size = len(record[kind].encode("utf-8"))
            counts["pages"] += 1
            counts[kind] += 1
            counts["raw_bytes"] += size
            counts[f"{kind}_bytes"] += size
            counts["hashes"].append(digest)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    path.with_suffix(".tmp").rename(path)
    counts["compressed_bytes"] = path.stat().st_size
    return counts


def _distinct_page(plan: Plan, index: int, seen: set[str], counts: dict) -> tuple[dict, str]:
    for attempt in range(20):
        record = make_page(plan, index, attempt)
        digest = hashlib.sha256((record.get("html") or record["text"]).encode("utf-8")).hexdigest()
        if digest not in seen:
            seen.add(digest)
            return record, digest
        counts["regenerated"] += 1
    raise RuntimeError(f"page {index}: no distinct variant in 20 tries")


def _write_shards(plan: Plan, shards: list[int], folder: Path, results: multiprocessing.Queue) -> None:
    for shard in shards:
        results.put(write_shard(plan, shard, folder))


def write_all(plan: Plan, folder: Path, jobs: int) -> list[dict]:
    """All shards, spread over `jobs` forked writers (the plan is shared by fork, not pickled)."""
    folder.mkdir(parents=True, exist_ok=True)
    shards = list(range((plan.size + plan.shard_size - 1) // plan.shard_size))
    if jobs <= 1:
        return [write_shard(plan, shard, folder) for shard in shards]
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [context.Process(target=_write_shards, args=(plan, shards[job::jobs], folder, results))
               for job in range(jobs)]
    for worker in workers:
        worker.start()
    collected = [results.get() for _ in shards]
    for worker in workers:
        worker.join()
        if worker.exitcode:
            raise RuntimeError(f"a shard writer failed (exit {worker.exitcode})")
    return sorted(collected, key=lambda counts: counts["shard"])


# ---------------------------------------------------------------- driver


def build_plan(seed: int, size: int, shard_size: int, html_share: float, jobs: int) -> tuple[Plan, dict]:
    pages = find_source_pages()
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            analysed = pool.map(analyse_page, pages, chunksize=8)
    else:
        analysed = [analyse_page(page) for page in pages]
    sources = [source for source in analysed if source is not None]
    html_sources = [source for source in sources if source.kind == "html"]
    if not sources:
        raise SystemExit("no source pages found (examples/ missing?)")
    plan = Plan(seed=seed, size=size, shard_size=shard_size, html_share=html_share,
                html_sources=html_sources, text_sources=sources, sentences=sentence_pool(sources),
                names=name_pool(seed))
    fingerprint = hashlib.sha256("\n".join(sorted(p.source + "#" + str(p.record) for p in pages)).encode())
    info = {"source_pages": len(pages), "usable_sources": len(sources), "html_sources": len(html_sources),
            "html_sources_fixed": sum(1 for source in sources if source.kind == "html-fixed"),
            "shared_bench_present": SHARED_BENCH.is_dir(), "sources_fingerprint": fingerprint.hexdigest()[:16],
            "sentence_pool": len(plan.sentences)}
    return plan, info


def generate(out: Path, size: int, *, seed: int = DEFAULT_SEED, shard_size: int = SHARD_SIZE,
             html_share: float = DEFAULT_HTML_SHARE, jobs: int = 2, log=print) -> dict:
    """Write the corpus under `out` (shards/ and manifest.json); returns the manifest."""
    started = time.monotonic()
    plan, info = build_plan(seed, size, min(shard_size, size), html_share, jobs)
    log(f"sources: {info['usable_sources']} usable of {info['source_pages']} pages"
        f" ({info['html_sources']} HTML), {time.monotonic() - started:.1f} s")
    shards = write_all(plan, out / "shards", jobs)
    hashes = [digest for counts in shards for digest in counts.pop("hashes")]
    manifest = {
        "size": size, "seed": seed, "shard_size": plan.shard_size, "html_share": html_share, **info,
        "pages": sum(c["pages"] for c in shards), "html_pages": sum(c["html"] for c in shards),
        "text_pages": sum(c["text"] for c in shards), "raw_page_bytes": sum(c["raw_bytes"] for c in shards),
        "raw_html_bytes": sum(c["html_bytes"] for c in shards), "raw_text_dump_bytes": sum(c["text_bytes"] for c in shards),
        "compressed_bytes": sum(c["compressed_bytes"] for c in shards),
        "distinct_hashes": len(set(hashes)), "regenerated": sum(c["regenerated"] for c in shards),
        "shards": [f"shards/shard-{c['shard']:05d}.jsonl.gz" for c in shards],
        "shard_pages": [c["pages"] for c in shards], "shard_html_pages": [c["html"] for c in shards],
        "shard_raw_bytes": [c["raw_bytes"] for c in shards],
        "generation_s": round(time.monotonic() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def corpus_matches(out: Path, size: int, seed: int, html_share: float, shard_size: int = SHARD_SIZE) -> dict | None:
    """The manifest of an existing, complete corpus made with these settings, else None."""
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    wanted = (size, seed, html_share, min(shard_size, size))
    same = tuple(manifest.get(key) for key in ("size", "seed", "html_share", "shard_size")) == wanted
    complete = all((out / shard).is_file() for shard in manifest.get("shards", []))
    return manifest if same and complete and manifest.get("shared_bench_present") == SHARED_BENCH.is_dir() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100000, help="pages to generate (default 100000)")
    parser.add_argument("--out", type=Path, help=f"output folder (default {DEFAULT_ROOT}/n<SIZE>)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--html-share", type=float, default=DEFAULT_HTML_SHARE)
    parser.add_argument("--shard-size", type=int, default=SHARD_SIZE)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    out = (args.out or DEFAULT_ROOT / f"n{args.size}").resolve()
    if out == REPO_ROOT or REPO_ROOT in out.parents:
        raise SystemExit(f"{out}: generated pages hold third-party text; write them outside the repository")
    manifest = generate(out, args.size, seed=args.seed, shard_size=args.shard_size,
                        html_share=args.html_share, jobs=args.jobs)
    shown = {key: value for key, value in manifest.items() if key != "shards"}
    print(json.dumps(shown, indent=1))
    print(f"wrote {manifest['pages']} pages in {len(manifest['shards'])} shards under {out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_ROOT / "src"))
    sys.exit(main())
