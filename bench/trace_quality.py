"""Copy-tracing quality on the hand-written evaluation set, with datasketch MinHashLSH as the baseline.

    python bench/trace_quality.py [--stories bench/trace_eval/stories] [--json OUT] [--workers N]

Every page of every story goes through the real pipeline (JSONL ingest into a
fresh store, parse, `trace`), and every pair of pages is scored against the
truth written in the story files:

- any-copy detection: a pair is a copy when both pages are the original or a
  copy of the same story (copy-to-copy pairs included); P/R/F1 over all pairs;
- per relation (verbatim, edited, spun, same-event, unrelated): each page
  against its story's original, as labelled;
- different-event pages called a copy of anything in their story;
- original named correctly: the family holding a story's original names it;
- flags on the labelled copies (per flag precision and recall).

Baseline: datasketch MinHashLSH, 5-word shingles, threshold 0.5, 128
permutations, on the same parsed bodies; a pair it returns counts as a copy.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newstrace.model import COPY_KINDS, FLAG_NAMES  # noqa: E402
from newstrace.store import Corpus  # noqa: E402

RELATIONS = ("verbatim", "edited", "spun", "same-event", "unrelated")


def load_pages(folder: Path) -> list[dict]:
    pages = []
    for path in sorted(folder.glob("*.json")):
        story = json.loads(path.read_text("utf-8"))
        for page in story["pages"]:
            pages.append({**page, "story": story["id"], "url": f"https://eval.example/{story['id']}/{page['key']}"})
    return pages


def run_newstrace(pages: list[dict], workers: int | None) -> tuple[dict, dict, float]:
    """Ingest and trace; returns links by url pair, family originals by url, and trace seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "pages.jsonl.gz"
        with gzip.open(source, "wt", encoding="utf-8") as out:
            for page in pages:
                out.write(json.dumps({"url": page["url"], "date": page["page_date"], "text": page["text"]}) + "\n")
        with Corpus.open(Path(tmp) / "eval.db") as corpus:
            counts = corpus.ingest([source], workers=workers)
            if counts.errors:
                print(f"warning: {counts.errors} pages failed to parse: {counts.failures[:3]}", file=sys.stderr)
            started = time.perf_counter()
            corpus.trace(workers=workers)
            seconds = time.perf_counter() - started
            url_of = dict(corpus.conn.execute("SELECT id, url FROM articles"))
            links = {}
            for a_id, b_id, relation, original_id, flags in corpus.conn.execute(
                    "SELECT a_id, b_id, relation, original_id, flags FROM copy_links"):
                key = frozenset((url_of[a_id], url_of[b_id]))
                links[key] = {"relation": relation, "original": url_of.get(original_id), "flags": json.loads(flags)}
            originals = {url_of[a]: url_of[o] for a, o in corpus.conn.execute(
                "SELECT article_id, original_id FROM families")}
    return links, originals, seconds


def run_baseline(pages: list[dict]) -> tuple[set, float]:
    from datasketch import MinHash, MinHashLSH

    from newstrace.parse import parse

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    found = set()
    for page in pages:
        words = re.findall(r"\w+", " ".join(parse(page["text"], content_type="text").paragraphs).lower())
        signature = MinHash(num_perm=128)
        for shingle in {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}:
            signature.update(shingle.encode("utf-8"))
        for other in lsh.query(signature):
            found.add(frozenset((other, page["url"])))
        lsh.insert(page["url"], signature)
    return found, time.perf_counter() - started


def true_relation(first: dict, second: dict) -> str:
    """The labelled relation of any two pages (copy kinds only against the original)."""
    if first["story"] != second["story"]:
        return "unrelated"
    roles = {first["role"], second["role"]}
    if "different-event" in roles:
        return "unrelated"
    if "same-event" in roles:
        return "same-event" if roles != {"same-event"} else "unrelated"
    if "original" in roles:
        copy = second if first["role"] == "original" else first
        return copy["relation"]
    return "copy"  # two copies of one original


def prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp,
            "fn": fn}


def score(pages: list[dict], links: dict, originals: dict, baseline: set) -> dict:
    by_url = {page["url"]: page for page in pages}
    any_copy, base_copy, confusion = Counter(), Counter(), Counter()
    different_event = Counter()
    for first, second in itertools.combinations(pages, 2):
        key = frozenset((first["url"], second["url"]))
        truth = true_relation(first, second)
        predicted = links.get(key, {}).get("relation", "unrelated")
        is_copy, said_copy = truth in (*COPY_KINDS, "copy"), predicted in COPY_KINDS
        any_copy[(is_copy, said_copy)] += 1
        base_copy[(is_copy, key in baseline)] += 1
        if "different-event" in (first["role"], second["role"]) and first["story"] == second["story"]:
            different_event[said_copy] += 1
        if "original" in (first["role"], second["role"]) and truth != "copy" and first["story"] == second["story"]:
            confusion[(truth, predicted)] += 1
    return {
        "pages": len(pages),
        "stories": len({p["story"] for p in pages}),
        "any_copy": prf(any_copy[(True, True)], any_copy[(False, True)], any_copy[(True, False)]),
        "baseline_any_copy": prf(base_copy[(True, True)], base_copy[(False, True)], base_copy[(True, False)]),
        "per_relation": {kind: prf(confusion[(kind, kind)],
                                   sum(v for (t, p), v in confusion.items() if p == kind and t != kind),
                                   sum(v for (t, p), v in confusion.items() if t == kind and p != kind))
                         for kind in RELATIONS},
        "spun_baseline_recall": _baseline_recall(pages, baseline, "spun"),
        "confusion": {f"{t} -> {p}": n for (t, p), n in sorted(confusion.items())},
        "different_event_called_copy": round(different_event[True] / max(1, sum(different_event.values())), 4),
        "different_event_pairs": sum(different_event.values()),
        "original_accuracy": _original_accuracy(pages, originals),
        "flags": _flag_scores(pages, links, by_url),
    }


def _baseline_recall(pages: list[dict], baseline: set, relation: str) -> float:
    originals = {p["story"]: p["url"] for p in pages if p["role"] == "original"}
    targets = [p for p in pages if p["relation"] == relation]
    hits = sum(1 for p in targets if frozenset((p["url"], originals[p["story"]])) in baseline)
    return round(hits / max(1, len(targets)), 4)


def _original_accuracy(pages: list[dict], originals: dict) -> dict:
    right = total = 0
    for page in pages:
        if page["role"] == "original":
            total += 1
            right += originals.get(page["url"]) == page["url"]
    return {"right": right, "stories": total, "accuracy": round(right / max(1, total), 4)}


def _flag_scores(pages: list[dict], links: dict, by_url: dict) -> dict:
    originals = {p["story"]: p["url"] for p in pages if p["role"] == "original"}
    counts = {flag: Counter() for flag in FLAG_NAMES}
    for page in pages:
        if page["role"] != "copy":
            continue
        link = links.get(frozenset((page["url"], originals[page["story"]])), {})
        said = set(link.get("flags", [])) if link.get("original") == originals[page["story"]] else set()
        for flag in FLAG_NAMES:
            counts[flag][(flag in page["flags"], flag in said)] += 1
    return {flag: prf(c[(True, True)], c[(False, True)], c[(True, False)]) for flag, c in counts.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=Path, default=REPO / "bench" / "trace_eval" / "stories")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    pages = load_pages(args.stories)
    links, originals, trace_seconds = run_newstrace(pages, args.workers)
    baseline, baseline_seconds = run_baseline(pages)
    result = score(pages, links, originals, baseline)
    result["seconds"] = {"newstrace_trace": round(trace_seconds, 2), "datasketch": round(baseline_seconds, 2)}
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


def print_report(result: dict) -> None:
    print(f"{result['stories']} stories, {result['pages']} pages")
    row = "{:<28} {:>9} {:>9} {:>9}"
    print(row.format("", "precision", "recall", "F1"))
    for name, figures in (("any copy: newstrace", result["any_copy"]),
                          ("any copy: datasketch LSH", result["baseline_any_copy"]),
                          *((f"  {kind}", result["per_relation"][kind]) for kind in RELATIONS)):
        print(row.format(name, figures["precision"], figures["recall"], figures["f1"]))
    print(f"spun copies found by datasketch LSH: {result['spun_baseline_recall']:.0%}")
    print(f"different-event pairs called a copy: {result['different_event_called_copy']:.1%}"
          f" of {result['different_event_pairs']}")
    original = result["original_accuracy"]
    print(f"original named correctly: {original['right']}/{original['stories']} ({original['accuracy']:.0%})")
    print("flags:", ", ".join(f"{flag} P{v['precision']:.2f}/R{v['recall']:.2f}" for flag, v in result["flags"].items()))
    print("confusion (truth -> predicted):", result["confusion"])
    print("seconds:", result["seconds"])


if __name__ == "__main__":
    sys.exit(main())
