"""Trace at scale: wall time, peak memory and quality of `Corpus.trace` against datasketch MinHashLSH.

    PYTHONPATH=src python bench/trace_scale.py --sizes 10000,30000,100000 --json /tmp/trace-scale.json

For each size: generate the corpus with planted copy families
(`bench/make_trace_corpus.py`, cached in `--corpus-root`/trace-corpus-N), ingest
it into a fresh store (timed apart), trace it (timed), then run the baseline on
the same article bodies read back from the store, then score both against the
planted truth. Every phase runs in its own child process; a sampler in this
process polls /proc for the child and all its descendants (the trace's worker
processes) and keeps the peak of the summed RSS and the summed PSS (RSS counts
pages shared by forked workers once per process; PSS shares them out).

Baseline: datasketch MinHashLSH, threshold 0.5, num_perm 128, on the set of
5-word shingles (lower-cased `\\w+` tokens) of each stored body, one process
(datasketch has no parallel mode). Every pair a query returns is a link.

Variants (`--variant`) monkeypatch trace options and signature settings in the
trace child only, to measure what a change in src would do; `--profile`
runs the trace under cProfile with one worker.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import math
import os
import pstats
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from contextlib import closing
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench"))
sys.path.insert(0, str(REPO_ROOT / "src"))

import make_trace_corpus  # noqa: E402

COPY_KINDS = ("verbatim", "edited", "spun")
TIME_TARGET_S = 600
MEMORY_TARGET_MIB = 4096
EXPONENT_TARGET = 1.15


# ---------------------------------------------------------------- memory of a process tree


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stream:
                stat = stream.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        children[int(fields[1])].append(int(entry.name))
    return children


def _children_of(pid: int) -> list[int] | None:
    """Child pids from /proc/PID/task/*/children (None where the kernel does not offer that file)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    children = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as stream:
                children += [int(x) for x in stream.read().split()]
        except FileNotFoundError:
            return None
        except OSError:
            continue
    return children


def tree_pids(root: int) -> list[int]:
    children_map = None
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        children = _children_of(pid)
        if children is None:  # no children files: one scan of /proc
            children_map = children_map or _children_map()
            children = children_map.get(pid, [])
        stack.extend(children)
    return found


def _rss_and_pss_kib(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as stream:
            for line in stream:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeMemory(threading.Thread):
    """Polls a process tree; keeps the peak summed RSS and PSS (MiB) and the most processes seen."""

    def __init__(self, root: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_rss = self.peak_pss = 0.0
        self.most_processes = 0
        self.loads: list[float] = []
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = tree_pids(self.root)
            totals = [_rss_and_pss_kib(pid) for pid in pids]
            self.peak_rss = max(self.peak_rss, sum(t[0] for t in totals) / 1024)
            self.peak_pss = max(self.peak_pss, sum(t[1] for t in totals) / 1024)
            self.most_processes = max(self.most_processes, len(pids))
            self.loads.append(os.getloadavg()[0])
            self._halt.wait(self.interval)

    def stop(self) -> dict:
        self._halt.set()
        self.join()
        return {"peak_rss_mib": round(self.peak_rss, 1), "peak_pss_mib": round(self.peak_pss, 1),
                "processes": self.most_processes,
                "load_mean": round(sum(self.loads) / len(self.loads), 2) if self.loads else None}


def run_phase(args: list[str], log) -> dict:
    """Run this script as a child for one phase; its last stdout line is a JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    monitor = TreeMemory(child.pid)
    monitor.start()
    out, err = child.communicate()
    memory = monitor.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the child and of the workers it waited for: steadier than wall time on a shared machine.
    memory["cpu_s"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2)
    if child.returncode != 0:
        raise RuntimeError(f"phase {args[:2]} failed ({child.returncode}):\n{err[-4000:]}")
    for line in err.splitlines():
        log("    " + line)
    result = json.loads(out.strip().splitlines()[-1])
    return {**result, **memory, "child_wall_s": round(time.perf_counter() - started, 2)}


# ---------------------------------------------------------------- phases (children)


def phase_ingest(db: str, corpus: str) -> dict:
    from newstrace.store import Corpus, IngestOptions

    paths = sorted(str(p) for p in Path(corpus).glob("part-*.jsonl.gz"))
    with Corpus.open(db) as store:
        started = time.perf_counter()
        # The trace needs no entities: enrichment (spaCy) would dominate the ingest and tells nothing here.
        counts = store.ingest(paths, options=IngestOptions(enrich=None))
        seconds = time.perf_counter() - started
    return {"ingest_s": round(seconds, 2), "articles": counts.articles, "duplicates": counts.duplicates,
            "errors": counts.errors}


VARIANT_HELP = """--variant: 'default' (src as it is) or parts joined by '+', each patched in the trace child:
  <channel>-<bands>x<rows>   band plan of wording, facts, figures or names (e.g. figures-16x6)
  empty-fix                  the screen's estimates count an empty signature as 0, not 1 (src counts
                             two empty signatures as equal: estimate 1.0)
  top-<n>, bucket-<n>        TraceOptions max_candidates, max_bucket
  screen-<x>, names-screen-<x>  the estimated-similarity screens COPY_SCREEN, NAMES_SCREEN
  cache-<n>                  per-worker features cache of n articles instead of 4096"""


def apply_variant(name: str) -> dict:
    """Monkeypatch the trace modules of this (child) process; returns TraceOptions fields to set.

    Worker processes are forked from this one, so they inherit the patches."""
    import re

    from newstrace.trace import corpus, fingerprint

    fields: dict[str, int] = {}
    for part in ([] if name == "default" else name.split("+")):
        if match := re.fullmatch(r"(wording|facts|figures|names)-(\d+)x(\d+)", part):
            plan = fingerprint.BandPlan(bands=int(match[2]), rows=int(match[3]))
            setattr(corpus, f"{match[1].upper()}_BANDS", plan)
        elif part == "empty-fix":
            corpus._estimates = _estimates_without_empty
        elif match := re.fullmatch(r"(top|bucket)-(\d+)", part):
            fields["max_candidates" if match[1] == "top" else "max_bucket"] = int(match[2])
        elif match := re.fullmatch(r"(names-)?screen-([0-9.]+)", part):
            setattr(corpus, "NAMES_SCREEN" if match[1] else "COPY_SCREEN", float(match[2]))
        elif match := re.fullmatch(r"cache-(\d+)", part):
            corpus._features = functools.lru_cache(maxsize=int(match[1]))(corpus._features.__wrapped__)
        else:
            raise SystemExit(f"unknown variant part {part!r}\n{VARIANT_HELP}")
    return fields


def phase_trace(db: str, workers: int | None, variant: str, profile_to: str | None) -> dict:
    from newstrace.store import Corpus
    from newstrace.trace import corpus as trace_corpus

    option_fields = apply_variant(variant)
    marks: dict[str, float] = {}
    _time_stage(trace_corpus, "candidate_pairs", marks)
    _time_stage(trace_corpus, "rebuild_families", marks)
    options = trace_corpus.TraceOptions(workers=workers, **option_fields)
    with Corpus.open(db) as store:
        profiler = cProfile.Profile() if profile_to else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        counts = store.trace(options=options)
        seconds = time.perf_counter() - started
        if profiler:
            profiler.disable()
            _write_profile(profiler, profile_to)
    stages = _stage_seconds(started, marks, seconds)
    workers = workers or os.cpu_count() or 1
    # The compare stage gets the pairs in this order (candidate_pairs returns them sorted by id).
    loads = feature_loads(trace_corpus.ordered_for_reuse(marks.get("candidate_pairs:result") or []), workers,
                          options.batch_size, _features_cache_size(trace_corpus))
    return {"trace_s": round(seconds, 2), "stages_s": stages, "pairs": counts.pairs, "links": counts.links,
            "new_articles": counts.new_articles, "variant": variant, "workers": workers,
            "feature_loads_simulated": loads}


def _features_cache_size(trace_corpus) -> int:
    parameters = getattr(trace_corpus._features, "cache_parameters", lambda: {"maxsize": 4096})()
    return parameters.get("maxsize") or 4096


def feature_loads(pairs: list[tuple[int, int]], workers: int, batch_size: int, cache_size: int) -> dict:
    """How often the compare stage computes an article's features: an LRU cache per worker, the
    batches of pairs dealt out in turn (a simulation: the pool gives a batch to whichever worker is free)."""
    from collections import OrderedDict

    caches = [OrderedDict() for _ in range(workers)]
    loads = 0
    for number, start in enumerate(range(0, len(pairs), batch_size)):
        cache = caches[number % workers]
        for pair in pairs[start:start + batch_size]:
            for article_id in pair:
                if article_id in cache:
                    cache.move_to_end(article_id)
                    continue
                loads += 1
                cache[article_id] = None
                if len(cache) > cache_size:
                    cache.popitem(last=False)
    articles = len({a for pair in pairs for a in pair})
    return {"loads": loads, "per_pair": round(loads / max(1, len(pairs)), 3),
            "per_article_compared": round(loads / max(1, articles), 2), "cache_size": cache_size}


def _time_stage(module, name: str, marks: dict) -> None:
    function = getattr(module, name)

    def timed(*args, **kwargs):
        marks[name + ":start"] = time.perf_counter()
        try:
            marks[name + ":result"] = result = function(*args, **kwargs)
            return result
        finally:
            marks[name + ":end"] = time.perf_counter()

    setattr(module, name, timed)


def _stage_seconds(started: float, marks: dict[str, float], total: float) -> dict[str, float]:
    candidates_start = marks.get("candidate_pairs:start", started)
    candidates_end = marks.get("candidate_pairs:end", candidates_start)
    families_start = marks.get("rebuild_families:start", started + total)
    families_end = marks.get("rebuild_families:end", families_start)
    return {"signatures": round(candidates_start - started, 2), "candidates": round(candidates_end - candidates_start, 2),
            "compare": round(families_start - candidates_end, 2), "families": round(families_end - families_start, 2)}


def _write_profile(profiler: cProfile.Profile, path: str) -> None:
    profiler.dump_stats(path + ".prof")
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(60)
    Path(path).write_text(text.getvalue(), encoding="utf-8")


def shingles_of(body: str) -> list[bytes]:
    import re

    tokens = re.findall(r"\w+", body.lower())
    if len(tokens) < 5:
        return [" ".join(tokens).encode("utf-8")] if tokens else []
    return list({" ".join(tokens[i:i + 5]).encode("utf-8") for i in range(len(tokens) - 4)})


def phase_baseline(db: str, pairs_out: str) -> dict:
    from datasketch import MinHash, MinHashLSH
    from newstrace.store.text import iter_bodies  # bodies are stored compressed (store migration 4)

    started = time.perf_counter()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = list(iter_bodies(conn))
    read_s = time.perf_counter() - started
    ids = [row[0] for row in rows]
    minhashes = list(MinHash.generator((shingles_of(row[1] or "") for row in rows), num_perm=128))
    del rows
    minhash_s = time.perf_counter() - started - read_s
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    with lsh.insertion_session() as session:
        for article_id, minhash in zip(ids, minhashes):
            session.insert(article_id, minhash)
    pairs = set()
    for article_id, minhash in zip(ids, minhashes):
        pairs.update((min(article_id, other), max(article_id, other)) for other in lsh.query(minhash)
                     if other != article_id)
    seconds = time.perf_counter() - started
    by_id = dict(zip(ids, minhashes))
    scored = [(a, b, round(by_id[a].jaccard(by_id[b]), 3)) for a, b in sorted(pairs)]
    Path(pairs_out).write_text(json.dumps(scored), encoding="utf-8")
    return {"baseline_s": round(seconds, 2), "read_s": round(read_s, 2), "minhash_s": round(minhash_s, 2),
            "lsh_s": round(seconds - read_s - minhash_s, 2), "pairs": len(pairs)}


# ---------------------------------------------------------------- candidate study (child)
#
# Candidate generation decides the cost of the compare stage. The study computes, once, every
# article's signatures under the src hashing and under alternative hash sets, then runs src's own
# `candidate_pairs` with patched band plans, caps and channels, and scores each candidate set
# against the planted truth: how many pairs the compare stage would get, and which planted copies
# it would never see.

_CHANNELS = ("wording", "facts", "figures", "names")
STUDY_VARIANTS = (
    "default", "empty-fix", "no-wording", "no-facts", "no-figures", "no-names", "figures-24x4", "figures-16x6",
    "facts-24x4", "names-32x3", "top-4", "top-16", "bucket-16", "screen-0.4",
    "empty-fix+figures-16x6", "empty-fix+figures-16x6+top-16", "empty-fix+figures-16x6+facts-24x4",
    "empty-fix+figures-16x6+facts-24x4+names-32x3", "empty-fix+figures-16x6+facts-24x4+names-32x3+top-16",
)


def _study_signatures(job: tuple[str, list[int]]) -> list[tuple[int, list[bytes]]]:
    from newstrace.trace import corpus

    return [(article_id, [signature.tobytes() for signature in sigs])
            for article_id, *sigs in corpus._signature_batch(job)]


def _estimates_without_empty(matrices, first, second, chunk: int = 50_000):
    """src's `_estimates`, except that a pair where either signature is empty estimates 0, not 1."""
    import numpy as np

    empty_value = np.iinfo(np.uint32).max
    copy_score, name_score = np.empty(first.size), np.empty(first.size)
    for start in range(0, first.size, chunk):
        a, b = first[start:start + chunk], second[start:start + chunk]
        per_signature = []
        for matrix in matrices:
            either_empty = (matrix[a] == empty_value).all(axis=1) | (matrix[b] == empty_value).all(axis=1)
            per_signature.append(np.where(either_empty, 0.0, (matrix[a] == matrix[b]).mean(axis=1)))
        copy_score[start:start + chunk] = np.max(per_signature[:3], axis=0)
        name_score[start:start + chunk] = per_signature[3]
    return copy_score, name_score


def phase_study(db: str, corpus_dir: str, workers: int | None, variants: list[str]) -> dict:
    import numpy as np

    from newstrace.trace import corpus

    started = time.perf_counter()
    ids = [row[0] for row in sqlite3.connect(db).execute("SELECT id FROM articles ORDER BY id")]
    jobs = [(db, ids[i:i + 256]) for i in range(0, len(ids), 256)]
    blobs: dict[str, list[bytes]] = {kind: [] for kind in _CHANNELS}
    with corpus._pool(corpus.TraceOptions(workers=workers)) as pool:
        for batch in pool.map(_study_signatures, jobs):
            for _, signatures in batch:
                for kind, blob in zip(_CHANNELS, signatures):
                    blobs[kind].append(blob)
    matrices = {kind: np.frombuffer(b"".join(parts), dtype=np.uint32).reshape(len(ids), -1)
                for kind, parts in blobs.items()}
    signatures_s = time.perf_counter() - started
    entries = article_truth(db, load_truth(Path(corpus_dir)))
    id_array = np.array(ids, dtype=np.int64)
    return {"signatures_s": round(signatures_s, 1), "articles": len(ids),
            "channels": _channel_collisions(db, id_array, matrices, entries),
            "variants": {name: _study_variant(db, id_array, matrices, entries, name) for name in variants}}


def _channel_collisions(db: str, ids, matrices: dict, entries: dict[int, dict]) -> dict:
    """Distinct colliding pairs per channel (before the screen and the partner cap), true or not."""
    import numpy as np

    from newstrace.trace import corpus

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    is_new = np.ones(len(ids), dtype=bool)
    out = {}
    for channel in _CHANNELS:
        plan = getattr(corpus, f"{channel.upper()}_BANDS")
        codes = np.unique(corpus._colliding_codes(matrices[channel], plan, is_new, corpus.TraceOptions().max_bucket))
        if channel == "names":
            codes = codes[corpus._close_in_time(corpus._days(conn, ids), codes)]
        first, second = ids[codes // len(ids)], ids[codes % len(ids)]
        true = sum(pair_category(entries[int(a)], entries[int(b)]) == "true" for a, b in zip(first, second))
        out[channel] = {"pairs": int(codes.size), "true": int(true)}
    return out


def _study_variant(db: str, ids, matrices: dict, entries: dict[int, dict], name: str) -> dict:
    """src's candidate_pairs on the precomputed signatures, with the variant's patches."""
    import numpy as np

    from newstrace.trace import corpus

    # A channel switched off: distinct random signatures (no collisions, estimates ~0).
    empty = np.random.default_rng(1).integers(0, 2**32 - 1, size=matrices["wording"].shape, dtype=np.uint32)
    parts = [] if name == "default" else name.split("+")
    kinds = {channel: channel for channel in _CHANNELS}
    for part in parts:
        if part.startswith("no-"):
            kinds[part[3:]] = None
    chosen = [matrices[kinds[ch]] if kinds[ch] else empty for ch in _CHANNELS]
    saved = dict(vars(corpus))
    plan_parts = "+".join(p for p in parts if not p.startswith("no-"))
    plan_parts = plan_parts or "default"
    option_fields = apply_variant(plan_parts)
    corpus.load_signatures = lambda conn: (ids, chosen)
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        started = time.perf_counter()
        pairs = corpus.candidate_pairs(conn, set(ids.tolist()), corpus.TraceOptions(**option_fields))
        seconds = time.perf_counter() - started
    finally:
        for key, value in saved.items():
            setattr(corpus, key, value)
    recall = recall_table(entries, set(pairs), lambda x, y: False)
    return {"pairs": len(pairs), "pairs_per_article": round(len(pairs) / len(ids), 3),
            "candidates_s": round(seconds, 2),
            "candidate_recall": {k: v["direct_recall"] for k, v in recall.items()},
            "categories": dict(Counter(pair_category(entries[a], entries[b]) for a, b in pairs).most_common())}


# ---------------------------------------------------------------- quality


def load_truth(corpus: Path) -> dict[str, dict]:
    with (corpus / "truth.json").open(encoding="utf-8") as stream:
        return json.load(stream)["articles"]


def article_truth(db: str, truth: dict[str, dict]) -> dict[int, dict]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    return {article_id: truth[url] for article_id, url in conn.execute("SELECT id, url FROM articles")}


def originals_by_family(entries: dict[int, dict]) -> dict[str, int]:
    return {e["family"]: i for i, e in entries.items() if e["kind"] == "original"}


def pair_category(a: dict, b: dict) -> str:
    """What a link between two articles is, by the truth: a planted copy, or which kind of false link."""
    if a["family"] and a["family"] == b["family"]:
        return "true"
    kinds = {a["kind"], b["kind"]}
    if kinds == {"background"}:
        return "background-background"
    if "background" in kinds:
        return "background-planted"
    if "decoy" in kinds and (a.get("near_family") or a["family"]) == (b.get("near_family") or b["family"]):
        return "decoy-of-same-story"
    if a.get("template") and a.get("template") == b.get("template"):
        return "same-template-other-family"
    return "planted-other"


def recall_table(entries: dict[int, dict], linked: set[tuple[int, int]], same_group) -> dict:
    """Per kind and per recipe: planted copies linked directly to their original, and in its group."""
    originals = originals_by_family(entries)
    table: dict[str, Counter] = defaultdict(Counter)
    for article_id, entry in entries.items():
        if entry["kind"] not in COPY_KINDS:
            continue
        original = originals[entry["family"]]
        pair = (min(article_id, original), max(article_id, original))
        recipe = entry["recipe"].split("-")[0] + ("" if entry.get("template") else "-synthetic")
        for key in (entry["kind"], f"{entry['kind']}/{recipe}"):
            table[key]["planted"] += 1
            table[key]["direct"] += pair in linked
            table[key]["group"] += bool(same_group(article_id, original))
    return {key: {**counts, "direct_recall": round(counts["direct"] / counts["planted"], 4),
                  "group_recall": round(counts["group"] / counts["planted"], 4)}
            for key, counts in sorted(table.items())}


def precision_of(entries: dict[int, dict], links: list[tuple[int, int]]) -> dict:
    categories = Counter(pair_category(entries[a], entries[b]) for a, b in links)
    total = sum(categories.values())
    return {"links": total, "true": categories["true"],
            "precision": round(categories["true"] / total, 4) if total else None,
            "false_by_category": {k: v for k, v in categories.most_common() if k != "true"}}


def newstrace_quality(db: str, entries: dict[int, dict]) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = conn.execute("SELECT a_id, b_id, relation FROM copy_links").fetchall()
    copy_links = [(a, b) for a, b, relation in rows if relation in COPY_KINDS]
    family = dict(conn.execute("SELECT article_id, family_id FROM families"))
    linked = {(min(a, b), max(a, b)) for a, b in copy_links}
    same_family = lambda x, y: x in family and family.get(x) == family.get(y)  # noqa: E731
    quality = {"recall": recall_table(entries, linked, same_family), "precision": precision_of(entries, copy_links),
               "relations": dict(Counter(relation for _, _, relation in rows)),
               "kind_agreement": _kind_agreement(entries, rows)}
    return quality


def _kind_agreement(entries: dict[int, dict], rows: list[tuple]) -> dict:
    """For links between a planted copy and its original: the relation found, per planted kind."""
    originals = originals_by_family(entries)
    found: dict[str, Counter] = defaultdict(Counter)
    for a, b, relation in rows:
        for copy, other in ((a, b), (b, a)):
            entry = entries[copy]
            if entry["kind"] in COPY_KINDS and originals.get(entry["family"]) == other:
                found[entry["kind"]][relation] += 1
    return {kind: dict(counts) for kind, counts in sorted(found.items())}


def baseline_quality(pairs_file: str, entries: dict[int, dict]) -> dict:
    scored = json.loads(Path(pairs_file).read_text(encoding="utf-8"))
    pairs = [(a, b) for a, b, _ in scored]
    verified = [(a, b) for a, b, jaccard in scored if jaccard >= 0.5]
    groups = _components(pairs)
    same_group = lambda x, y: x in groups and groups.get(x) == groups.get(y)  # noqa: E731
    return {"recall": recall_table(entries, set(pairs), same_group), "precision": precision_of(entries, pairs),
            "precision_verified": precision_of(entries, verified),
            "recall_verified": {k: v for k, v in recall_table(entries, set(verified), lambda x, y: False).items()
                                if "/" not in k}}


def _components(pairs: list[tuple[int, int]]) -> dict[int, int]:
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return {x: find(x) for x in parent}


def spun_missed_by_baseline(db: str, entries: dict[int, dict], pairs_file: str) -> dict:
    """Spun copies newstrace links to their original that the baseline does not."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ours = {(min(a, b), max(a, b)) for a, b, r in conn.execute("SELECT a_id, b_id, relation FROM copy_links")
            if r in COPY_KINDS}
    theirs = {(a, b) for a, b, _ in json.loads(Path(pairs_file).read_text(encoding="utf-8"))}
    originals = originals_by_family(entries)
    counts = Counter()
    for article_id, entry in entries.items():
        if entry["kind"] != "spun":
            continue
        original = originals[entry["family"]]
        pair = (min(article_id, original), max(article_id, original))
        counts[("ours" if pair in ours else "") + ("+theirs" if pair in theirs else "") or "neither"] += 1
    return {"spun": sum(counts.values()), "only_newstrace": counts["ours"], "both": counts["ours+theirs"],
            "only_baseline": counts["+theirs"], "neither": counts["neither"]}


# ---------------------------------------------------------------- the run


def ensure_corpus(size: int, root: Path, seed: int, log) -> tuple[Path, dict]:
    folder = root / f"trace-corpus-{size}"
    summary = make_trace_corpus.cached_summary(folder, size, seed)
    if summary is None:
        log(f"generating {folder} ...")
        if folder.exists():
            shutil.rmtree(folder)
        summary = make_trace_corpus.generate(folder, size, seed, log=log)
    return folder, summary


def ensure_ingested(size: int, corpus: Path, work: Path, log) -> tuple[Path, dict]:
    """A pristine ingested store per size (ingest is timed here, once); traces run on copies."""
    pristine = work / f"ingested-{size}.db"
    stamp = pristine.with_suffix(".json")
    truth_stamp = (corpus / "truth.json").stat().st_mtime
    if pristine.exists() and stamp.exists():
        result = json.loads(stamp.read_text())
        # A store of an older schema would be upgraded inside the timed trace: ingest it again.
        if result.get("truth_mtime") == truth_stamp and _schema_is_current(pristine):
            return pristine, {**result, "cached": True}
    _remove_db(pristine)
    log(f"ingesting {size} articles ...")
    result = run_phase(["--phase", "ingest", "--db", str(pristine), "--corpus", str(corpus)], log)
    sqlite3.connect(pristine).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    result["truth_mtime"] = truth_stamp
    stamp.write_text(json.dumps(result))
    return pristine, result


def _schema_is_current(db: Path) -> bool:
    from newstrace.store.schema import MIGRATIONS

    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def run_size(size: int, args, log) -> dict:
    corpus, summary = ensure_corpus(size, args.corpus_root, args.seed, log)
    pristine, ingest = ensure_ingested(size, corpus, args.work, log)
    db = args.work / f"trace-{size}-{args.variant}.db"
    _remove_db(db)
    shutil.copyfile(pristine, db)
    log(f"tracing {size} articles (variant {args.variant}) ...")
    trace_args = ["--phase", "trace", "--db", str(db), "--variant", args.variant]
    trace_args += ["--workers", str(args.workers)] if args.workers else []
    trace_args += ["--profile-to", args.profile_to] if args.profile_to else []
    trace = run_phase(trace_args, log)
    entries = article_truth(str(db), load_truth(corpus))
    row = {"size": size, "corpus": {k: summary[k] for k in ("kinds", "families", "family_sizes", "templates")},
           "ingest": ingest, "trace": trace, "newstrace": newstrace_quality(str(db), entries)}
    if not args.no_baseline:
        log("datasketch baseline ...")
        pairs_file = str(args.work / f"baseline-pairs-{size}.json")
        row["baseline"] = run_phase(["--phase", "baseline", "--db", str(db), "--pairs-out", pairs_file], log)
        row["baseline_quality"] = baseline_quality(pairs_file, entries)
        row["spun_comparison"] = spun_missed_by_baseline(str(db), entries, pairs_file)
    if not args.keep_db:
        _remove_db(db)
    return row


def study_candidates(args, log) -> int:
    studies = []
    for size in (int(s) for s in args.sizes.split(",")):
        corpus, _ = ensure_corpus(size, args.corpus_root, args.seed, log)
        pristine, _ = ensure_ingested(size, corpus, args.work, log)
        log(f"candidate study, {size} articles ...")
        study = run_phase(["--phase", "study", "--db", str(pristine), "--corpus", str(corpus)]
                          + (["--workers", str(args.workers)] if args.workers else [])
                          + (["--study-variants", args.study_variants] if args.study_variants else []), log)
        studies.append({"size": size, **study})
        print(f"\n{size} articles (signatures {study['signatures_s']} s); colliding pairs per channel "
              f"(before screen and cap): {study['channels']}")
        print(f"{'variant':50} {'pairs':>8} {'/art':>6} {'cand s':>7} {'verb':>6} {'edit':>6} {'spun':>6} "
              f"{'transl':>6}")
        for name, result in study["variants"].items():
            recall = result["candidate_recall"]
            print(f"{name:50} {result['pairs']:>8} {result['pairs_per_article']:>6.2f} {result['candidates_s']:>7.1f} "
                  + " ".join(f"{recall.get(k, float('nan')):>6.3f}"
                             for k in ("verbatim", "edited", "spun", "spun/translated")))
    if args.json:
        args.json.write_text(json.dumps({"study": studies, "source": source_state()}, indent=1), encoding="utf-8")
    return 0


def fit_exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """Slope of log(seconds) against log(size), least squares."""
    points = [(math.log(n), math.log(s)) for n, s in zip(sizes, seconds) if s > 0]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    slope = (sum((x - mean_x) * (y - mean_y) for x, y in points)
             / sum((x - mean_x) ** 2 for x, _ in points))
    return round(slope, 3)


def print_table(rows: list[dict]) -> None:
    print(f"{'size':>7} {'ingest s':>9} {'trace s':>8} {'cpu s':>7} {'sig':>6} {'cand':>6} {'cmp':>7} {'pairs':>8} "
          f"{'RSS MiB':>8} {'PSS MiB':>8} {'load':>5} {'ds s':>7} {'ds cpu':>7} {'ds MiB':>7} {'ds/ours':>7}")
    nan = float("nan")
    for row in rows:
        trace, stages, base = row["trace"], row["trace"]["stages_s"], row.get("baseline", {})
        ratio = base.get("baseline_s", nan) / trace["trace_s"]
        print(f"{row['size']:>7} {row['ingest']['ingest_s']:>9.1f} {trace['trace_s']:>8.1f} "
              f"{trace.get('cpu_s', nan):>7.1f} {stages['signatures']:>6.1f} {stages['candidates']:>6.1f} "
              f"{stages['compare']:>7.1f} {trace['pairs']:>8} {trace['peak_rss_mib']:>8.0f} "
              f"{trace['peak_pss_mib']:>8.0f} {trace.get('load_mean') or nan:>5.1f} "
              f"{base.get('baseline_s', nan):>7.1f} {base.get('cpu_s', nan):>7.1f} "
              f"{base.get('peak_rss_mib', nan):>7.0f} {ratio:>7.2f}")
    print()
    print(f"{'size':>7} {'system':>10} {'verbatim':>9} {'edited':>7} {'spun':>6} {'precision':>9} {'links':>7}")
    for row in rows:
        for name, quality in (("newstrace", row["newstrace"]), ("datasketch", row.get("baseline_quality"))):
            if quality:
                recall = quality["recall"]
                print(f"{row['size']:>7} {name:>10} " + " ".join(
                    f"{recall.get(k, {}).get('direct_recall', nan):>{w}.3f}"
                    for k, w in (("verbatim", 9), ("edited", 7), ("spun", 6)))
                    + f" {quality['precision']['precision'] or 0:>9.3f} {quality['precision']['links']:>7}")


def summarise(rows: list[dict]) -> dict:
    sizes = [row["size"] for row in rows]
    summary = {"trace_exponent": fit_exponent(sizes, [row["trace"]["trace_s"] for row in rows]),
               "pairs_exponent": fit_exponent(sizes, [row["trace"]["pairs"] for row in rows])}
    if all("cpu_s" in row["trace"] for row in rows):
        summary["trace_cpu_exponent"] = fit_exponent(sizes, [row["trace"]["cpu_s"] for row in rows])
    if all("baseline" in row for row in rows):
        summary["baseline_exponent"] = fit_exponent(sizes, [row["baseline"]["baseline_s"] for row in rows])
    for row in rows:
        if row["size"] == 100000:
            summary["100k_trace_s"] = row["trace"]["trace_s"]
            summary["100k_within_10_min"] = row["trace"]["trace_s"] <= TIME_TARGET_S
            summary["100k_peak_rss_mib"] = row["trace"]["peak_rss_mib"]
            summary["100k_within_4_gib"] = row["trace"]["peak_rss_mib"] <= MEMORY_TARGET_MIB
    if summary["trace_exponent"] is not None:
        summary["exponent_within_target"] = summary["trace_exponent"] <= EXPONENT_TARGET
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus-root", type=Path, default=Path("/tmp"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/trace-scale"))
    parser.add_argument("--workers", type=int, default=None, help="trace workers (default: all cores)")
    parser.add_argument("--variant", default="default", help=VARIANT_HELP)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--profile-to", help="profile the trace (cProfile) and write the report here")
    parser.add_argument("--study-candidates", action="store_true",
                        help="instead of tracing: candidate pairs and candidate recall under band-plan variants")
    parser.add_argument("--study-variants", help="comma-separated variants for --study-candidates "
                        "(default: a built-in list)")
    parser.add_argument("--phase", choices=("ingest", "trace", "baseline", "study"), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--pairs-out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        return _child(args)
    if not make_trace_corpus.ECBPLUS.exists():
        print(f"skipped: {make_trace_corpus.ECBPLUS} is missing (the shared benchmark data)")
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    args.source_at_start = source_state()
    if args.variant != "default":
        apply_variant(args.variant)  # fail early on a bad name
    if args.study_candidates:
        return study_candidates(args, log)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        rows.append(run_size(size, args, log))
        log(json.dumps({k: rows[-1][k] for k in ("size", "trace")}))
        if args.json:
            _write_json(args, rows)
    print_table(rows)
    print(json.dumps(summarise(rows), indent=1))
    if args.json:
        _write_json(args, rows)
    return 0


def _write_json(args, rows: list[dict]) -> None:
    args.json.write_text(json.dumps({"variant": args.variant, "cpus": os.cpu_count(),
                                     "load_average": os.getloadavg(), "source_at_start": args.source_at_start,
                                     "source_at_end": source_state(),
                                     "rows": rows, "summary": summarise(rows)}, indent=1), encoding="utf-8")


def source_state() -> dict:
    """Which src was measured: the commit, uncommitted changes, and a digest of the trace and store code."""
    import hashlib

    def git(*command: str) -> str:
        try:
            return subprocess.run(["git", *command], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""

    files = sorted((REPO_ROOT / "src" / "newstrace").glob("trace/*.py")) + sorted(
        (REPO_ROOT / "src" / "newstrace").glob("store/*.py"))
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()[:16]
    return {"commit": git("rev-parse", "--short", "HEAD"), "code_digest": digest,
            "uncommitted": git("status", "--porcelain", "src/newstrace/trace", "src/newstrace/store").splitlines()}


def _child(args) -> int:
    if args.phase == "ingest":
        result = phase_ingest(args.db, args.corpus)
    elif args.phase == "trace":
        result = phase_trace(args.db, args.workers, args.variant, args.profile_to)
    elif args.phase == "study":
        result = phase_study(args.db, args.corpus, args.workers,
                             args.study_variants.split(",") if args.study_variants else list(STUDY_VARIANTS))
    else:
        result = phase_baseline(args.db, args.pairs_out)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
