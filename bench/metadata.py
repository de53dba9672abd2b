"""Metadata benchmark: title, author and date against trafilatura and htmldate.

Reads the trafilatura evaluation set from `<repo>/../shared/bench/metadata`
(767 real pages, `evaldata-metadata.json` keyed by URL), runs every system
over every page in one process (pages decompressed before timing; each
system gets the raw bytes and the URL, so decoding and parsing are timed
for all), and prints per-field accuracy and milliseconds per page.

Accuracy per field, counted only over pages whose truth has that field:

* title: normalised exact match. Both sides are NFKC-normalised, casefolded,
  typographic quotes/apostrophes/dashes mapped to ASCII, invisible characters
  (soft hyphen, zero-width space) dropped, whitespace collapsed.
* author: the bag of name words is equal. Each side (a list of names, or
  one string) is NFKC-normalised, casefolded and cut into words (letters and
  digits); the connectors "and/und/et/y" and a leading "by/von/par/por" are
  dropped, so "Benjamin Fischer und Marcus Theurer" equals
  ["Benjamin Fischer", "Marcus Theurer"] and "dpa/lno" equals "dpa; lno",
  order aside. `author_loose` also counts a page when every truth word is
  among the predicted words (extra names allowed).
* date: exact ISO day (`YYYY-MM-DD`); the truth's one malformed value
  "2022-11-1" is read as 2022-11-01.

`spurious_author` is informational: the share of pages whose truth has no
author where the system still returns one.

Systems:

* newstrace: `--stage full` uses `newstrace.parse(data, url=..., content_type="html")`
  (title, all credit names, story_date); `--stage meta` decodes, parses with
  selectolax and calls `extract_html_meta`; `both` runs the two; `auto`
  (default) uses full when it imports and parses a page, else meta.
* trafilatura: `trafilatura.metadata.extract_metadata(html, default_url=url)`
  with its defaults (its date comes from htmldate, extensive search,
  original date preferred).
* htmldate-fast / htmldate-extensive: `htmldate.find_date(html, url=url,
  original_date=True, extensive_search=False|True)` (date only). Both modes
  are reported because trafilatura's own date is htmldate's extensive mode;
  the fast mode is the fair speed comparison for a markup-only reader.
* parse-only: decoding plus the selectolax parse and nothing else, so that
  the cost of `extract_html_meta` on top of the parse can be read off.

    PYTHONPATH=src python bench/metadata.py [--stage auto|meta|full|both] [--limit N]
        [--systems newstrace,parse-only,trafilatura,htmldate-fast,htmldate-extensive]
        [--failures title|author|date] [--json OUT]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT.parent / "shared" / "bench" / "metadata"
FIELDS = ("title", "author", "date")


@dataclass(slots=True)
class Truth:
    url: str
    file: str
    title: str
    authors: list[str]
    date: str | None


@dataclass(slots=True)
class Prediction:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None


Extractor = Callable[[bytes, str], Prediction]


# ---------------------------------------------------------------- data


def _truth_date(raw: str) -> str | None:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", (raw or "").strip())
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def load_truth(data_dir: Path, limit: int | None = None) -> list[Truth]:
    entries = json.loads((data_dir / "evaldata-metadata.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in list(entries.items())[:limit]:
        author = entry.get("author") or ""
        authors = [a for a in (author if isinstance(author, list) else [author]) if a and a.strip()]
        pages.append(Truth(url, entry["file"], entry.get("title") or "", authors,
                           _truth_date(entry.get("date") or "")))
    return pages


def load_html(data_dir: Path, page: Truth) -> bytes:
    return gzip.decompress((data_dir / "html" / f"{page.file}.gz").read_bytes())


# ---------------------------------------------------------------- scoring

_QUOTES = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'", "′": "'", "`": "'", "´": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "\u00a0": " ",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
})
_CONNECTORS = {"and", "und", "et", "y"}
_LEADING_BY = {"by", "von", "par", "por"}


def norm_title(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_QUOTES)
    return " ".join(text.split())


def author_words(names: list[str]) -> list[str]:
    """Sorted name words with connectors and a leading "by" dropped."""
    words = []
    for name in names:
        tokens = re.findall(r"\w+", unicodedata.normalize("NFKC", name).casefold())
        if tokens and tokens[0] in _LEADING_BY and len(tokens) > 1:
            tokens = tokens[1:]
        words.extend(token for token in tokens if token not in _CONNECTORS)
    return sorted(words)


def score(truth: Truth, pred: Prediction) -> dict[str, bool | None]:
    """True/False per field, None where the truth has no value for it."""
    result: dict[str, bool | None] = {"title": norm_title(pred.title) == norm_title(truth.title)}
    if truth.authors:
        expected, got = author_words(truth.authors), author_words(pred.authors)
        result["author"] = expected == got
        result["author_loose"] = all(word in got for word in expected)
        result["spurious_author"] = None
    else:
        result["author"] = result["author_loose"] = None
        result["spurious_author"] = bool(pred.authors)
    result["date"] = (pred.date == truth.date) if truth.date else None
    return result


# ---------------------------------------------------------------- systems


def newstrace_meta_extractor() -> Extractor:
    from selectolax.lexbor import LexborHTMLParser

    from newstrace.parse.htmlmeta import extract_html_meta

    decode = _decoder()

    def run(data: bytes, url: str) -> Prediction:
        meta = extract_html_meta(LexborHTMLParser(decode(data)), url)
        return Prediction(meta.title, list(meta.authors), meta.story_date)

    return run


def _decoder() -> Callable[[bytes], str]:
    try:
        from newstrace.parse.decode import decode_page
    except ImportError:  # the decoder module is someone else's and may be missing
        return lambda data: data.decode("utf-8", "replace")
    return lambda data: decode_page(data).text


def newstrace_full_extractor() -> Extractor:
    import newstrace
    from newstrace.errors import ParseError

    def run(data: bytes, url: str) -> Prediction:
        try:
            article = newstrace.parse(data, url=url, content_type="html")
        except ParseError:
            return Prediction()
        names = [name for role_names in article.credits.values() for name in role_names]
        return Prediction(article.title, names, article.story_date)

    return run


def trafilatura_extractor() -> Extractor:
    from trafilatura.metadata import extract_metadata

    def run(data: bytes, url: str) -> Prediction:
        # extract_metadata's load_html decodes bytes itself (its own charset guessing).
        doc = extract_metadata(data, default_url=url)
        authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
        return Prediction(doc.title, authors, doc.date)

    return run


def parse_only_extractor() -> Extractor:
    from selectolax.lexbor import LexborHTMLParser

    decode = _decoder()

    def run(data: bytes, url: str) -> Prediction:
        LexborHTMLParser(decode(data))
        return Prediction()

    return run


def htmldate_extractor(extensive: bool) -> Extractor:
    from htmldate import find_date

    def run(data: bytes, url: str) -> Prediction:
        return Prediction(date=find_date(data, url=url, original_date=True, extensive_search=extensive))

    return run


# ---------------------------------------------------------------- running


@dataclass(slots=True)
class RunResult:
    name: str
    predictions: list[Prediction]
    scores: list[dict[str, bool | None]]
    ms_per_page: float
    only: tuple[str, ...] = FIELDS  # the fields this system answers


def run_system(name: str, extract: Extractor, pages: list[Truth], html: list[bytes],
               only: tuple[str, ...] = FIELDS) -> RunResult:
    predictions, elapsed = [], 0.0
    for page, data in zip(pages, html):
        start = time.perf_counter()
        try:
            prediction = extract(data, page.url)
        except Exception as err:  # a crash counts as an empty answer, and is reported
            print(f"{name}: {page.url}: {type(err).__name__}: {err}", file=sys.stderr)
            prediction = Prediction()
        elapsed += time.perf_counter() - start
        predictions.append(prediction)
    scores = [score(page, pred) for page, pred in zip(pages, predictions)]
    return RunResult(name, predictions, scores, 1000 * elapsed / max(1, len(pages)), only)


def accuracy(scores: list[dict[str, bool | None]], key: str) -> tuple[float, int]:
    counted = [value for item in scores if (value := item.get(key)) is not None]
    return (sum(counted) / len(counted) if counted else 0.0), len(counted)


def print_table(results: list[RunResult]) -> None:
    keys = ("title", "author", "author_loose", "date", "spurious_author")
    print(f"{'system':<22}" + "".join(f"{key:>17}" for key in keys) + f"{'ms/page':>10}")
    for result in results:
        cells = []
        for key in keys:
            if ("author" if "author" in key else key) not in result.only:
                cells.append(f"{'-':>17}")
                continue
            share, count = accuracy(result.scores, key)
            cells.append(f"{share:>9.1%} ({count:>4})")
        print(f"{result.name:<22}" + "".join(cells) + f"{result.ms_per_page:>10.2f}")


def print_failures(result: RunResult, pages: list[Truth], key: str, others: list[RunResult]) -> None:
    for index, (page, item) in enumerate(zip(pages, result.scores)):
        if item.get(key) is not False:
            continue
        truth = {"title": page.title, "author": page.authors, "date": page.date}[key]
        ours = result.predictions[index]
        mine = {"title": ours.title, "author": ours.authors, "date": ours.date}[key]
        theirs = [f"{other.name}={_field(other.predictions[index], key)!r}" for other in others]
        print(f"{page.url}\n  truth={truth!r}\n  {result.name}={mine!r}  " + "  ".join(theirs))


def _field(pred: Prediction, key: str) -> object:
    return {"title": pred.title, "author": pred.authors, "date": pred.date}[key]


def write_json(path: Path, pages: list[Truth], results: list[RunResult]) -> None:
    report = {
        result.name: {
            "ms_per_page": result.ms_per_page,
            "accuracy": {key: accuracy(result.scores, key) for key in ("title", "author", "author_loose", "date")},
            "pages": {page.url: {"title": pred.title, "authors": pred.authors, "date": pred.date, "ok": item}
                      for page, pred, item in zip(pages, result.predictions, result.scores)},
        }
        for result in results
    }
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def newstrace_extractors(stage: str, pages: list[Truth], html: list[bytes]) -> list[tuple[str, Extractor]]:
    """The requested newstrace stages. `auto` uses the full parse when it
    imports and reads the first pages, else the metadata reader alone."""
    chosen = []
    if stage in ("full", "both"):
        chosen.append(("newstrace (full)", newstrace_full_extractor()))
    if stage in ("meta", "both"):
        chosen.append(("newstrace (meta)", newstrace_meta_extractor()))
    if stage == "auto":
        chosen.append(_full_if_working(pages, html) or ("newstrace (meta)", newstrace_meta_extractor()))
    return chosen


def _full_if_working(pages: list[Truth], html: list[bytes]) -> tuple[str, Extractor] | None:
    try:
        extract = newstrace_full_extractor()
        if any(extract(data, page.url).title for page, data in zip(pages[:3], html[:3])):
            return "newstrace (full)", extract
    except Exception as err:  # the full parser belongs to another module and may be unfinished
        print(f"full parse unavailable ({type(err).__name__}: {err}); using --stage meta", file=sys.stderr)
    return None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--stage", choices=("auto", "meta", "full", "both"), default="auto")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--systems", default="newstrace,parse-only,trafilatura,htmldate-fast,htmldate-extensive")
    parser.add_argument("--failures", choices=FIELDS, default=None,
                        help="list newstrace's misses on this field, with the others' answers")
    parser.add_argument("--json", type=Path, default=None, help="write every page's answers here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not (args.data / "evaldata-metadata.json").is_file():
        print(f"benchmark data not found at {args.data}; skipping", file=sys.stderr)
        return 0
    pages = load_truth(args.data, args.limit)
    html = [load_html(args.data, page) for page in pages]
    wanted = args.systems.split(",")
    results = []
    if "newstrace" in wanted:
        for name, extract in newstrace_extractors(args.stage, pages, html):
            results.append(run_system(name, extract, pages, html))
    if "parse-only" in wanted:
        results.append(run_system("parse-only", parse_only_extractor(), pages, html, only=()))
    if "trafilatura" in wanted:
        results.append(run_system("trafilatura", trafilatura_extractor(), pages, html))
    for extensive in (False, True):
        name = "htmldate-extensive" if extensive else "htmldate-fast"
        if name in wanted:
            results.append(run_system(name, htmldate_extractor(extensive), pages, html, only=("date",)))
    print(f"{len(pages)} pages from {args.data}")
    print_table(results)
    if args.failures and results and results[0].name.startswith("newstrace"):
        others = [result for result in results[1:] if not result.name.startswith("newstrace")]
        print_failures(results[0], pages, args.failures, others)
    if args.json:
        write_json(args.json, pages, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
