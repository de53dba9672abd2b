"""Main-text extraction benchmark: newstrace against trafilatura, same pages, same run.

Reads the Zyte article-extraction benchmark from `<repo>/../shared/bench/extraction`
(181 pages + human ground truth), runs each extractor over every page in one
process, and prints F1 / precision / recall (see `scoring.py`) and pages/s.
Pages are read and decompressed before timing; only extraction is timed, the
extractors taking turns page by page.

    PYTHONPATH=src python bench/extraction.py [--stage body|full] [--limit N]
                                              [--json OUT] [--no-baseline]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import PageScore, Summary, score_page, summarise  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT.parent / "shared" / "bench" / "extraction"

Extractor = Callable[[bytes, str], str]


@dataclass(slots=True)
class BenchPage:
    page_id: str
    url: str
    data: bytes
    expected: str


@dataclass(slots=True)
class RunResult:
    name: str
    summary: Summary
    pages_per_s: float
    scores: dict[str, PageScore]


def load_pages(data_dir: Path, limit: int | None = None) -> list[BenchPage]:
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((data_dir / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        pages.append(BenchPage(page_id, entry.get("url", ""), raw, entry["articleBody"]))
    return pages


def body_stage_extractor() -> Extractor:
    """Decode, parse, read metadata (when that module exists), extract the body."""
    from selectolax.lexbor import LexborHTMLParser

    from newstrace.model import HtmlMeta
    from newstrace.parse.htmlbody import extract_html_body

    try:
        from newstrace.parse.htmlmeta import extract_html_meta
    except ImportError:
        extract_html_meta = None

    def run(data: bytes, url: str) -> str:
        tree = LexborHTMLParser(data.decode("utf-8", errors="replace"))
        meta = extract_html_meta(tree, url) if extract_html_meta else HtmlMeta()
        return "\n\n".join(extract_html_body(tree, meta).blocks)

    return run


def full_stage_extractor() -> Extractor:
    """The public `newstrace.parse` entry point, paragraphs joined."""
    import newstrace

    def run(data: bytes, url: str) -> str:
        article = newstrace.parse(data, url=url, content_type="html")
        return "\n\n".join(article.paragraphs)

    return run


def trafilatura_extractor() -> Extractor:
    """trafilatura with metadata on and comments off (the benchmark's truth has no comments).

    `bare_extraction` rather than `extract`: with metadata on, `extract` puts a
    metadata header in front of the text, which would count against it.
    """
    import trafilatura

    def run(data: bytes, url: str) -> str:
        html = data.decode("utf-8", errors="replace")
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False
        )
        return (document.text if document else None) or ""

    return run


def full_stage_works(pages: list[BenchPage]) -> bool:
    """True when `newstrace.parse` exists and handles a first page without error."""
    try:
        full_stage_extractor()(pages[0].data, pages[0].url)
    except Exception as error:  # any failure means: fall back to the body stage
        reason = f"{type(error).__name__}: {error}"
        print(f"full stage unavailable ({reason}); using body", file=sys.stderr)
        return False
    return True


def run_extractors(extractors: dict[str, Extractor], pages: list[BenchPage]) -> list[RunResult]:
    """Time every extractor on every page, page by page in turn.

    Taking turns on each page (rather than one whole pass after the other)
    spreads any change in machine load evenly over the extractors, so the
    speed ratio stays fair on a shared machine. Each extractor first runs once
    on the first page, untimed, so lazy set-up (models, caches) is not counted.
    """
    for extract in extractors.values():
        extract(pages[0].data, pages[0].url)
    elapsed = dict.fromkeys(extractors, 0.0)
    outputs: dict[str, list[str]] = {name: [] for name in extractors}
    for page in pages:
        for name, extract in extractors.items():
            started = time.perf_counter()
            outputs[name].append(extract(page.data, page.url))
            elapsed[name] += time.perf_counter() - started
    return [summarise_run(name, outputs[name], elapsed[name], pages) for name in extractors]


def summarise_run(name: str, outputs: list[str], elapsed: float, pages: list[BenchPage]) -> RunResult:
    scores = {page.page_id: score_page(page.expected, out) for page, out in zip(pages, outputs)}
    rate = len(pages) / elapsed if elapsed else float("inf")
    return RunResult(name, summarise(scores.values()), rate, scores)


def print_table(results: list[RunResult]) -> None:
    print(f"{'extractor':<24} {'F1':>6} {'P':>6} {'R':>6} {'pages/s':>9}")
    for result in results:
        s = result.summary
        print(f"{result.name:<24} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} "
              f"{result.pages_per_s:9.1f}")
    if len(results) == 2 and results[1].pages_per_s:
        print(f"speed ratio {results[0].name} / {results[1].name}: "
              f"{results[0].pages_per_s / results[1].pages_per_s:.2f}x")


def write_json(path: Path, pages: list[BenchPage], results: list[RunResult]) -> None:
    rows = []
    for page in pages:
        row = {"id": page.page_id, "url": page.url}
        for result in results:
            score = result.scores[page.page_id]
            row[result.name] = {"f1": round(score.f1, 4), "precision": round(score.precision, 4),
                                "recall": round(score.recall, 4)}
        rows.append(row)
    path.write_text(json.dumps(rows, indent=1), encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=("body", "full"), default=None,
                        help="body: htmlbody only; full: newstrace.parse (default: full if it works)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--json", type=Path, default=None, help="write per-page scores here")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not DATA_DIR.is_dir():
        print(f"skipped: benchmark data not found at {DATA_DIR}")
        return 0
    pages = load_pages(DATA_DIR, args.limit)
    stage = args.stage or ("full" if full_stage_works(pages) else "body")
    ours = full_stage_extractor() if stage == "full" else body_stage_extractor()
    extractors = {f"newstrace ({stage})": ours}
    if not args.no_baseline:
        extractors["trafilatura"] = trafilatura_extractor()
    results = run_extractors(extractors, pages)
    print(f"{len(pages)} pages from {DATA_DIR}")
    print_table(results)
    if args.json:
        write_json(args.json, pages, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
