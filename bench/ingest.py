"""Ingest/store benchmark: throughput against bare parsing, database size, search latency, memory.

Runs over a generated corpus (see `make_corpus.py`; made on first use under
`/tmp/newstrace-corpus/n<SIZE>`, outside the repository) in one process run:

1. bare parse: the ingest's own process pool (`newstrace.store.ingest._parse_all`)
   over the same pages, parsing only: no hashing, no database;
2. ingest: `Corpus.open(<tmp db>).ingest(shards, options=IngestOptions(workers=W))`;
3. size of the database against the raw article text (UTF-8 title + body of the
   stored articles) and against the raw page bytes;
4. latency of 200 searches generated from the corpus vocabulary (single words,
   two-word AND, phrases, single words with a filter), each also run as the plain
   LIKE scan (`like_search`, the same words, no filters);
5. a breakdown of the main process's per-page cost on a sample (hashing,
   lookups, inserts with and without the FTS trigger, pickling, batch sizes).

Memory: the process tree (main + pool workers) is sampled from /proc every
0.2 s (RSS and PSS); CPU from os.times() (workers' CPU is counted when the pool is
shut down and they are reaped).

    PYTHONPATH=src python bench/ingest.py [--size 10000|100000] [--quick] [--workers 2]
        [--batch-size 200] [--queries 200] [--like-queries N] [--corpus-root DIR]
        [--profile] [--no-breakdown] [--keep-db] [--json OUT]
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
import os
import pickle
import platform
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus  # noqa: E402

from newstrace.ingest import read_pages  # noqa: E402
from newstrace.model import InputFailure, Page  # noqa: E402
from newstrace.pipeline import parse_page  # noqa: E402
from newstrace.store import Corpus, IngestOptions  # noqa: E402
from newstrace.store.db import connect, transaction  # noqa: E402
from newstrace.store.ingest import _parse_all  # noqa: E402  (the very pool the ingest uses)
from newstrace.store.read import like_search  # noqa: E402
from newstrace.store.text import article_body, iter_bodies, register_text_functions, unpack_text  # noqa: E402
from newstrace.store.write import content_hash, insert_article, packed_texts  # noqa: E402

MIB = 2**20
QUICK_SIZE = 2000
_WORD = re.compile(r"[^\W\d_]{4,20}")
_PHRASE = re.compile(r"(?<!\w)([^\W\d_]{3,20}) ([^\W\d_]{3,20})(?: ([^\W\d_]{3,20}))?(?!\w)")
QUERY_KINDS = ("word", "and", "phrase", "filtered")


# ---------------------------------------------------------------- measuring a phase


class TreeSampler(threading.Thread):
    """Samples RSS/PSS of this process and all its descendants until stopped."""

    def __init__(self, interval_s: float = 0.2):
        super().__init__(daemon=True)
        self.interval_s = interval_s
        self.samples: list[tuple[float, int, int, int, int]] = []  # (t, main rss, max worker rss, tree rss, pss)
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.samples.append(self._sample())
            self._stop_event.wait(self.interval_s)

    def stop(self) -> dict:
        self._stop_event.set()
        self.join()
        self.samples.append(self._sample())
        return summarise_memory(self.samples)

    def _sample(self) -> tuple[float, int, int, int, int]:
        main = os.getpid()
        tree = [main] + descendants(main)
        rss = {pid: _status_kib(pid, "VmRSS") for pid in tree}
        worker_rss = max((value for pid, value in rss.items() if pid != main), default=0)
        pss = sum(_pss_kib(pid) for pid in tree)
        return time.monotonic(), rss.get(main, 0), worker_rss, sum(rss.values()), pss


def descendants(root: int) -> list[int]:
    """Every live descendant of `root`, found by scanning /proc (no psutil needed)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(name))
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [], list(children.get(root, []))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _status_kib(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def summarise_memory(samples: list[tuple]) -> dict:
    """Peaks in MiB, and the tree's peak RSS in each quarter of the phase (flat = no growth)."""
    start, end = samples[0][0], samples[-1][0]
    quarters = [0.0] * 4
    for moment, _, _, tree, _ in samples:
        at = min(3, int(4 * (moment - start) / max(end - start, 1e-9)))
        quarters[at] = max(quarters[at], tree / 1024)
    return {
        "main_peak_rss_mib": round(max(s[1] for s in samples) / 1024, 1),
        "worker_peak_rss_mib": round(max(s[2] for s in samples) / 1024, 1),
        "tree_peak_rss_mib": round(max(s[3] for s in samples) / 1024, 1),
        "tree_peak_pss_mib": round(max(s[4] for s in samples) / 1024, 1),
        "tree_rss_by_quarter_mib": [round(q, 1) for q in quarters],
        "samples": len(samples),
    }


@dataclass
class PhaseResult:
    name: str
    pages: int
    articles: int
    errors: int
    wall_s: float
    main_cpu_s: float
    workers_cpu_s: float
    memory: dict
    extra: dict = field(default_factory=dict)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall_s

    def to_dict(self, workers: int) -> dict:
        return {"pages": self.pages, "articles": self.articles, "errors": self.errors,
                "wall_s": round(self.wall_s, 2), "pages_per_s": round(self.pages_per_s, 1),
                "main_cpu_s": round(self.main_cpu_s, 2), "workers_cpu_s": round(self.workers_cpu_s, 2),
                "workers_busy": round(self.workers_cpu_s / (self.wall_s * workers), 3),
                "main_cpu_ms_per_page": round(1000 * self.main_cpu_s / max(self.pages, 1), 3),
                "workers_cpu_ms_per_page": round(1000 * self.workers_cpu_s / max(self.pages, 1), 3),
                "memory": self.memory, "loadavg_after": list(os.getloadavg()), **self.extra}


def measure(name: str, run: Callable[[], tuple[int, int, int, dict]]) -> PhaseResult:
    """Run one phase under the memory sampler; `run` returns (pages, articles, errors, extra)."""
    sampler = TreeSampler()
    before, started = os.times(), time.perf_counter()
    sampler.start()
    pages, articles, errors, extra = run()
    wall = time.perf_counter() - started
    memory = sampler.stop()
    after = os.times()
    main_cpu = (after.user - before.user) + (after.system - before.system)
    workers_cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return PhaseResult(name, pages, articles, errors, wall, main_cpu, workers_cpu, memory, extra)


def combine(calls: list[PhaseResult]) -> PhaseResult:
    """One phase made of several calls (the interleaved groups): sums, and the largest memory peaks."""
    memory = {key: max(call.memory[key] for call in calls)
              for key in ("main_peak_rss_mib", "worker_peak_rss_mib", "tree_peak_rss_mib", "tree_peak_pss_mib")}
    for key in ("tree_peak_rss", "main_peak_rss", "worker_peak_rss"):
        memory[f"{key}_by_call_mib"] = [call.memory[f"{key}_mib"] for call in calls]
    memory["tree_rss_by_quarter_of_last_call_mib"] = calls[-1].memory["tree_rss_by_quarter_mib"]
    extra = dict(calls[-1].extra)
    extra["calls"] = len(calls)
    extra["wall_s_by_call"] = [round(call.wall_s, 2) for call in calls]
    if "duplicates" in extra:
        extra["duplicates"] = sum(call.extra.get("duplicates", 0) for call in calls)
    return PhaseResult(calls[0].name, sum(c.pages for c in calls), sum(c.articles for c in calls),
                       sum(c.errors for c in calls), sum(c.wall_s for c in calls), sum(c.main_cpu_s for c in calls),
                       sum(c.workers_cpu_s for c in calls), memory, extra)


def interleaved(groups: list[list[str]], bare: Callable, ingest: Callable, log,
                bare_every: int = 1) -> tuple[PhaseResult, PhaseResult, PhaseResult]:
    """Bare parse and ingest over each group of files in A B B A order, so that a change in the
    machine's background load (it is shared) falls on both phases alike. Every group is ingested;
    every `bare_every`-th group is also bare-parsed. Returns (bare, all ingest calls, the ingest
    calls on the groups that were bare-parsed: the pair for the ratio)."""
    bare_calls, ingest_calls, paired = [], [], []
    for number, group in enumerate(groups):
        with_bare = number % bare_every == 0
        order = ("bare", "ingest") if len(bare_calls) % 2 == 0 else ("ingest", "bare")
        for name in order if with_bare else ("ingest",):
            if name == "bare":
                bare_calls.append(measure("bare parse", lambda: bare(group)))
            else:
                ingest_calls.append(measure("ingest", lambda: ingest(group)))
                if with_bare:
                    paired.append(ingest_calls[-1])
            done = (bare_calls if name == "bare" else ingest_calls)[-1]
            log(f"  group {number + 1}/{len(groups)} {name:<6}: {done.pages} pages, {done.pages_per_s:.1f} pages/s,"
                f" load {os.getloadavg()[0]:.1f}")
    return combine(bare_calls), combine(ingest_calls), combine(paired)


def split_groups(paths: list[str], count: int) -> list[list[str]]:
    count = max(1, min(count or len(paths), len(paths)))
    size = -(-len(paths) // count)
    return [paths[start:start + size] for start in range(0, len(paths), size)]


# ---------------------------------------------------------------- the two timed phases


def ingest_options(workers: int, batch_size: int, enrich: bool) -> IngestOptions:
    """The options both phases use; enrichment (when this newstrace has it) runs in the workers of both."""
    fields = {field.name for field in dataclasses.fields(IngestOptions)}
    extra = {} if enrich or "enrich" not in fields else {"enrich": None}
    return IngestOptions(workers=workers, batch_size=batch_size, **extra)


def bare_parse(paths: list[str], options: IngestOptions) -> tuple[int, int, int, dict]:
    """The ingest's pool and chunking over the same pages, with no hashing and no database."""
    def items():
        for path in paths:
            for item in read_pages(path):
                yield (None, None, item) if isinstance(item, InputFailure) else (item, None, None)

    pages = articles = errors = 0
    for page, _, result, _ in _parse_all(items(), options, pack=False):  # parse only: no store work
        pages += page is not None
        if isinstance(result, InputFailure):
            errors += 1
        else:
            articles += 1
    return pages, articles, errors, {}


def store_ingest(paths: list[str], db_path: Path, options: IngestOptions,
                 profile_out: list | None) -> tuple[int, int, int, dict]:
    profiler = None
    if profile_out is not None:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    with Corpus.open(db_path) as corpus:
        counts = corpus.ingest(paths, options=options)
    if profiler is not None:
        profiler.disable()
        profile_out.append(profiler)
    return counts.pages, counts.articles, counts.errors, {"duplicates": counts.duplicates,
                                                          "batch_size": options.batch_size}


# ---------------------------------------------------------------- size


def database_size(db_path: Path) -> dict:
    """File sizes as the ingest left them (db + WAL), after a checkpoint, and per table/index."""
    def on_disk() -> int:
        return sum(os.path.getsize(f"{db_path}{suffix}") for suffix in ("", "-wal", "-shm")
                   if os.path.exists(f"{db_path}{suffix}"))

    as_left = on_disk()
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        by_object = {name: size for name, size, _ in conn.execute(
            "SELECT name, sum(pgsize), sum(unused) FROM dbstat GROUP BY name ORDER BY 2 DESC")}
        unused = conn.execute("SELECT sum(unused) FROM dbstat").fetchone()[0]
        sizes, distinct = article_text_sizes(conn)
        removed = sum(len(unpack_text(text).encode("utf-8")) for (text,) in conn.execute("SELECT text FROM removed"))
        stored_body = conn.execute("SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) FROM article_texts").fetchone()[0]
    finally:
        conn.close()
    fts = sum(size for name, size in by_object.items() if name.startswith("articles_fts"))
    return {"db_bytes_as_left": as_left, "db_bytes": on_disk(), "raw_text_bytes": sum(sizes),
            "articles": len(sizes), "distinct_bodies": distinct, "removed_text_bytes": removed,
            "stored_body_bytes": stored_body, "fts_bytes": fts, "by_object_bytes": by_object,
            "share_of_raw_text": _shares(by_object, sum(sizes)), "unused_bytes_in_pages": unused,
            "article_text_bytes_p10_p50_p90_max": [_percentile(sizes, q) for q in (10, 50, 90, 100)]}


def article_text_sizes(conn: sqlite3.Connection) -> tuple[list[int], int]:
    """UTF-8 size of title + body of every stored article (bodies read back through the store's
    own read function), and the number of distinct bodies."""
    titles = {article_id: len((title or "").encode("utf-8"))
              for article_id, title in conn.execute("SELECT id, title FROM articles")}
    sizes, digests = [], set()
    for article_id, body in iter_bodies(conn):
        raw = body.encode("utf-8")
        sizes.append(titles.get(article_id, 0) + len(raw))
        # Hashing in Python: count(DISTINCT body) would sort the whole text in a temporary B-tree.
        digests.add(hashlib.blake2b(raw, digest_size=16).digest())
    return sizes, len(digests)


# Groups of tables and indexes for the size breakdown (what each part of the store costs).
_SIZE_GROUPS = (("fts_index", ("articles_fts",)), ("article_texts", ("article_texts",)), ("removed", ("removed",)),
                ("articles_and_indexes", ("articles", "sqlite_autoindex_articles")),
                ("pages_and_indexes", ("pages", "sqlite_autoindex_pages")))


def _shares(by_object: dict, raw_text: int) -> dict:
    """Each group's size over the raw text; 'other' is the rest (enrichment, trace, schema)."""
    shares, counted = {}, set()
    for group, prefixes in _SIZE_GROUPS:
        names = {name for name in by_object if name.startswith(prefixes) and name not in counted}
        counted |= names
        shares[group] = round(sum(by_object[name] for name in names) / max(raw_text, 1), 3)
    shares["other"] = round(sum(size for name, size in by_object.items() if name not in counted)
                            / max(raw_text, 1), 3)
    return shares


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def size_variants(db_path: Path, workdir: Path) -> dict:
    """What would shrink the database (measured on copies): merging the FTS segments and an FTS index
    without positions (detail=column or none: no phrase queries)."""
    found = {}
    for name, statements in (
        ("fts_optimize_vacuum", ["INSERT INTO articles_fts(articles_fts) VALUES('optimize')"]),
        ("fts_detail_column", _fts_rebuild("detail=column")),
        ("fts_detail_none", _fts_rebuild("detail=none")),
    ):
        copy = workdir / f"variant-{name}.db"
        shutil.copyfile(db_path, copy)
        conn = sqlite3.connect(copy, isolation_level=None)
        register_text_functions(conn)  # the index reads bodies through the store's SQL function
        for statement in statements:
            conn.execute(statement)
        conn.execute("VACUUM")
        conn.close()
        found[name] = os.path.getsize(copy)
        copy.unlink()
    return found


def _fts_rebuild(option: str) -> list[str]:
    return ["DROP TABLE articles_fts",
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='article_fts_source', content_rowid='id',"
            f" tokenize='unicode61 remove_diacritics 2', {option})",
            "INSERT INTO articles_fts(articles_fts) VALUES('rebuild')"]


# ---------------------------------------------------------------- search


@dataclass(frozen=True)
class Query:
    kind: str
    fts: str  # FTS5 MATCH expression
    words: tuple[str, ...]  # what the LIKE scan looks for
    filters: dict


def make_queries(conn: sqlite3.Connection, count: int, seed: int) -> list[Query]:
    """`count` queries from randomly chosen stored articles, a quarter of each kind (deterministic)."""
    rng = random.Random(f"{seed}:queries")
    top = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    queries: list[Query] = []
    for attempt in range(count * 20):
        if len(queries) >= count or not top:
            break
        article_id = rng.randint(1, top)
        row = conn.execute("SELECT title, site_name, agency, language, coalesce(story_date, page_date)"
                           " FROM articles WHERE id = ?", (article_id,)).fetchone()
        row = row and (row[0], article_body(conn, article_id) or "", *row[1:])
        query = row and _query_from(QUERY_KINDS[len(queries) % 4], row, rng)
        if query:
            queries.append(query)
    return queries


def _query_from(kind: str, row: tuple, rng: random.Random) -> Query | None:
    title, body, site, agency, language, day = row
    words = _WORD.findall(body)
    if len(words) < 2:
        return None
    if kind == "word":
        word = rng.choice(words)
        return Query(kind, _quoted(word), (word,), {})
    if kind == "and":
        first, second = rng.sample(words, 2)
        return Query(kind, f"{_quoted(first)} AND {_quoted(second)}", (first, second), {})
    if kind == "phrase":
        phrases = [" ".join(w for w in match.groups() if w) for match in _PHRASE.finditer(body)]
        phrase = rng.choice(phrases) if phrases else None
        return Query(kind, _quoted(phrase), (phrase,), {}) if phrase else None
    word = rng.choice(words)
    options = [("site", site), ("agency", agency), ("language", language)]
    options += [("window", day)] if day and len(day) >= 10 else []
    name, value = rng.choice([(name, value) for name, value in options if value] or [("none", None)])
    return Query(kind, _quoted(word), (word,), _filter(name, value))


def _filter(name: str, value: str | None) -> dict:
    if name == "window":  # a year around the article's date
        year = int(value[:4])
        return {"since": f"{year - 1}{value[4:10]}", "until": f"{year}{value[4:10]}"}
    return {name: value} if name != "none" else {}


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def time_searches(db_path: Path, queries: list[Query], like_every: int) -> dict:
    """Latency of each query through Corpus.search (limit 20) and, for every `like_every`-th, like_search."""
    with Corpus.open(db_path, readonly=True) as corpus:
        corpus.search(queries[0].fts, limit=20)  # warm-up: schema and first pages
        fts_ms, fts_hits, like_ms, like_all_ms, pairs, two_step_ms, two_step_same = [], [], [], [], [], [], 0
        per_query: list[dict] = []
        by_kind: dict[str, list[float]] = {kind: [] for kind in QUERY_KINDS}
        for number, query in enumerate(queries):
            started = time.perf_counter()
            hits = corpus.search(query.fts, limit=20, **query.filters)
            elapsed = 1000 * (time.perf_counter() - started)
            fts_ms.append(elapsed)
            fts_hits.append(len(hits))
            by_kind[query.kind].append(elapsed)
            started = time.perf_counter()
            same = two_step_search(corpus.conn, query) == [hit.id for hit in hits]
            two_step_ms.append(1000 * (time.perf_counter() - started))
            two_step_same += same
            matches = corpus.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                          (query.fts,)).fetchone()[0]
            per_query.append({"kind": query.kind, "query": query.fts, "filters": query.filters,
                              "matches_unfiltered": matches, "ms": round(elapsed, 2),
                              "two_step_ms": round(two_step_ms[-1], 2)})
            if like_every and number % like_every == 0:
                fts_plain, like_elapsed, like_all = _like_pair(corpus, query)
                like_ms.append(like_elapsed)
                like_all_ms.append(like_all)
                pairs.append((fts_plain, like_elapsed))
    summary = _search_summary(fts_ms, fts_hits, by_kind, like_ms, like_all_ms, pairs)
    summary["two_step_variant"] = {**_latency(two_step_ms), "same_results": two_step_same}
    summary["fts_by_matches"] = _by_match_count(per_query)
    summary["per_query"] = per_query
    return summary


_MATCH_BUCKETS = ((100, "<=100"), (1000, "101-1000"), (10000, "1001-10000"), (float("inf"), ">10000"))


def _by_match_count(per_query: list[dict]) -> dict:
    """Latency against how many articles the query's terms match (what ranking has to score)."""
    buckets: dict[str, list[float]] = {}
    for row in per_query:
        matches = row["matches_unfiltered"]
        name = next(label for limit, label in _MATCH_BUCKETS if matches <= limit)
        buckets.setdefault(name, []).append(row["ms"])
    return {name: _latency(values) for name, values in buckets.items()}


# A variant of store.read.search for the report, in two statements: rank inside the FTS index (joining
# the article only when a filter needs it), then build snippets and read the columns of the top
# `limit` rows only. search() joins and builds a snippet for every match before it sorts.
_RANK_SQL = ("SELECT f.rowid, bm25(articles_fts, 10.0, 1.0) AS score FROM articles_fts f {join}"
             " WHERE articles_fts MATCH ? {where} ORDER BY score LIMIT ?")
_TOP_SQL = ("SELECT a.id, a.title, a.site_name, a.url, p.source, coalesce(a.story_date, a.page_date) AS date,"
            " snippet(articles_fts, 1, char(2), char(3), '…', 16) AS snippet"
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid JOIN pages p ON p.id = a.page_id"
            " WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})")


def two_step_search(conn: sqlite3.Connection, query: Query, limit: int = 20) -> list[int]:
    from newstrace.store import make_filters
    from newstrace.store.read import filter_sql

    where, params = filter_sql(make_filters(**query.filters))
    join = "JOIN articles a ON a.id = f.rowid JOIN pages p ON p.id = a.page_id" if params else ""
    ranked = conn.execute(_RANK_SQL.format(join=join, where=where), (query.fts, *params, limit)).fetchall()
    if not ranked:
        return []
    ids = [row[0] for row in ranked]
    rows = {row[0]: row for row in conn.execute(_TOP_SQL.format(marks=",".join("?" * len(ids))), (query.fts, *ids))}
    return [article_id for article_id in ids if article_id in rows]


def _like_pair(corpus: Corpus, query: Query) -> tuple[float, float, float]:
    """(FTS without filters, LIKE first 20, LIKE all matches) on the same words (like_search has no
    filters). The first-20 scan stops early on common words; ranking needs all matches, as FTS finds them."""
    started = time.perf_counter()
    corpus.search(query.fts, limit=20)
    fts_plain = 1000 * (time.perf_counter() - started)
    started = time.perf_counter()
    like_search(corpus.conn, list(query.words), limit=20)
    like_first = 1000 * (time.perf_counter() - started)
    started = time.perf_counter()
    like_search(corpus.conn, list(query.words), limit=-1)
    return fts_plain, like_first, 1000 * (time.perf_counter() - started)


def _latency(values: list[float]) -> dict:
    return {"n": len(values), "p50_ms": round(_percentile(values, 50), 2),
            "p95_ms": round(_percentile(values, 95), 2), "max_ms": round(max(values, default=0), 2)}


def _search_summary(fts_ms, fts_hits, by_kind, like_ms, like_all_ms, pairs) -> dict:
    stats = _latency

    plain_fts = [fts for fts, _ in pairs]
    return {
        "fts": stats(fts_ms), "fts_by_kind": {kind: stats(values) for kind, values in by_kind.items()},
        "queries_with_hits": sum(1 for n in fts_hits if n), "like": stats(like_ms), "like_all": stats(like_all_ms),
        "fts_same_queries_unfiltered": stats(plain_fts),
        "like_over_fts_p50": round(_percentile(like_ms, 50) / max(_percentile(plain_fts, 50), 1e-6), 1),
        "like_over_fts_total": round(sum(like_ms) / max(sum(plain_fts), 1e-6), 1),
        "like_all_over_fts_p50": round(_percentile(like_all_ms, 50) / max(_percentile(plain_fts, 50), 1e-6), 1),
    }


# ---------------------------------------------------------------- main-process breakdown


def breakdown(paths: list[str], sample: int, workdir: Path, options: IngestOptions) -> dict:
    """Per-page cost (µs) of each thing the ingest's main process does, on `sample` pages in one process."""
    pages = _first_pages(paths, sample)
    results = _worker_results(pages, options)
    pairs = [(page, result) for page, result in zip(pages, results) if not isinstance(result, InputFailure)]
    hashes = [content_hash(page.data) for page in pages]
    stored_hashes = [content_hash(page.data) for page, _ in pairs]
    costs = {"pages": len(pages), "articles": len(pairs)}
    costs["read_pages_us"] = _per_item_us(lambda: _first_pages(paths, sample), len(pages))
    costs["sha256_us"] = _per_item_us(lambda: [content_hash(page.data) for page in pages], len(pages))
    costs["pickle_page_chunks_us"] = _per_item_us(lambda: _pickle_round_trip(pages, 16), len(pages))
    costs["pickle_results_us"] = _per_item_us(lambda: _pickle_round_trip(results, 16), len(pages))
    # Compressing the texts runs in the workers (store CPU all the same); the inserts get it ready-made.
    costs["pack_texts_in_worker_us"] = _per_item_us(lambda: [packed_texts(a) for _, a in pairs], len(pairs))
    pairs = [(page, article, packed_texts(article)) for page, article in pairs]
    for batch in (20, 200, 2000):
        costs[f"insert_batch{batch}_us"] = _insert_cost(pairs, stored_hashes, workdir / f"b{batch}.db", batch, True)
    costs["insert_no_fts_us"] = _insert_cost(pairs, stored_hashes, workdir / "nofts.db", 200, False)
    costs["hash_lookup_us"] = _lookup_cost(workdir / "b200.db", hashes)
    return costs


def _worker_results(pages: list[Page], options: IngestOptions) -> list:
    """What the ingest's workers hand back for these pages (parsed, and enriched where it applies)."""
    try:
        from newstrace.pipeline import parse_and_enrich
    except ImportError:  # a newstrace without the enrich stage
        return [parse_page(page, options.parse) for page in pages]
    return parse_and_enrich(pages, options.parse, getattr(options, "enrich", None))


def _first_pages(paths: list[str], count: int) -> list[Page]:
    pages: list[Page] = []
    for path in paths:
        pages.extend(item for item in read_pages(path) if isinstance(item, Page))
        if len(pages) >= count:
            break
    return pages[:count]


# The breakdown counts this process's CPU time, not wall time: on a shared machine it is the steadier
# figure, and CPU is what the main process takes from the workers on 2 cores.
def _per_item_us(work: Callable[[], object], count: int) -> float:
    started = time.process_time()
    work()
    return round(1e6 * (time.process_time() - started) / max(count, 1), 1)


def _pickle_round_trip(items: list, chunk: int) -> None:
    for start in range(0, len(items), chunk):
        pickle.loads(pickle.dumps(items[start:start + chunk], protocol=pickle.HIGHEST_PROTOCOL))


def _insert_cost(pairs: list, hashes: list[str], db_path: Path, batch: int, with_fts: bool) -> float:
    conn = connect(db_path)
    if not with_fts:
        conn.execute("DROP TRIGGER article_texts_fts_insert")
    started = time.process_time()
    for start in range(0, len(pairs), batch):
        with transaction(conn):
            for offset, (page, article, packed) in enumerate(pairs[start:start + batch]):
                insert_article(conn, page, article, digest=hashes[start + offset], size=len(page.data),
                               packed=packed)
    elapsed = time.process_time() - started
    conn.close()
    return round(1e6 * elapsed / max(len(pairs), 1), 1)


def _lookup_cost(db_path: Path, hashes: list[str]) -> float:
    conn = connect(db_path)
    started = time.process_time()
    for digest in hashes:
        conn.execute("SELECT 1 FROM pages WHERE content_hash = ?", (digest,)).fetchone()
    elapsed = time.process_time() - started
    conn.close()
    return round(1e6 * elapsed / max(len(hashes), 1), 1)


# ---------------------------------------------------------------- driver


def shard_size(size: int) -> int:
    """5,000-page shards, smaller for small corpora so that they still split into interleaved groups."""
    return min(make_corpus.SHARD_SIZE, max(250, size // 4))


def ensure_corpus(root: Path, size: int, seed: int, html_share: float) -> tuple[dict, Path]:
    folder = root / f"n{size}"
    manifest = make_corpus.corpus_matches(folder, size, seed, html_share, shard_size(size))
    if manifest is None:
        print(f"generating {size} pages under {folder} ...", flush=True)
        if folder.exists():
            shutil.rmtree(folder)
        # A separate process: the generator's source pages must not sit in the memory of this process,
        # whose RSS (and that of the pool workers forked from it) is measured.
        command = [sys.executable, str(Path(make_corpus.__file__)), "--size", str(size), "--out", str(folder),
                   "--seed", str(seed), "--html-share", str(html_share), "--shard-size", str(shard_size(size))]
        subprocess.run(command, check=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")},
                       stdout=subprocess.DEVNULL)
        manifest = make_corpus.corpus_matches(folder, size, seed, html_share, shard_size(size))
        print(f"  done in {manifest['generation_s']} s", flush=True)
    else:
        manifest["generation_s_reused"] = manifest.pop("generation_s", None)
    return manifest, folder


def corpus_prefix(folder: Path, size: int) -> tuple[dict, Path]:
    """The first `size` pages (whole shards) of an existing corpus, e.g. 10,000 of the 100,000 one."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    per_shard = manifest["shard_size"]
    if size % per_shard or size > manifest["pages"]:
        raise SystemExit(f"--size {size} must be a multiple of the shard size {per_shard}, at most {manifest['pages']}")
    count = size // per_shard
    subset = {**manifest, "shards": manifest["shards"][:count], "pages": size, "prefix_of": manifest["pages"]}
    if count < len(manifest["shards"]) and "shard_raw_bytes" in manifest:
        pages, html_pages = size, sum(manifest["shard_html_pages"][:count])
        raw = sum(manifest["shard_raw_bytes"][:count])
        subset.update(html_pages=html_pages, text_pages=pages - html_pages, raw_page_bytes=raw)
    elif count < len(manifest["shards"]):
        pages, html_pages, raw = _count_shards([folder / shard for shard in subset["shards"]])
        subset.update(html_pages=html_pages, text_pages=pages - html_pages, raw_page_bytes=raw)
    return subset, folder


def regroup(paths: list[str], pages_per_file: int, cache: Path) -> list[str]:
    """The same pages re-cut into files of `pages_per_file` (cached beside the corpus), so that bare
    parse and ingest can alternate in shorter turns than whole 5,000-page shards."""
    cache.mkdir(exist_ok=True)
    done = cache / f"done-{len(paths)}"
    names = []
    if not done.exists():
        out, count = None, 0
        for path in paths:
            with gzip.open(path, "rb") as lines:
                for line in lines:
                    if out is None or count % pages_per_file == 0:
                        out = _next_part(out, cache, names)
                    out.write(line)
                    count += 1
        if out is not None:
            out.close()
        done.write_text("\n".join(names) + "\n", encoding="utf-8")
    return [str(cache / name) for name in done.read_text(encoding="utf-8").split()]


def _next_part(current, cache: Path, names: list[str]):
    if current is not None:
        current.close()
    names.append(f"part-{len(names):05d}.jsonl.gz")
    return gzip.open(cache / names[-1], "wb", compresslevel=make_corpus.GZIP_LEVEL)


def _count_shards(paths: list[Path]) -> tuple[int, int, int]:
    """(pages, HTML pages, raw page bytes) read back from shards (manifests without per-shard counts)."""
    pages = html_pages = raw = 0
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                pages += 1
                html_pages += "html" in record
                raw += len((record.get("html") or record["text"]).encode("utf-8"))
    return pages, html_pages, raw


def top_profile(profilers: list, limit: int = 25) -> list[dict]:
    import pstats
    stats = pstats.Stats(profilers[0])
    for profiler in profilers[1:]:
        stats.add(profiler)
    rows = []
    for (filename, line, function), (_, calls, total, cumulative, _) in stats.stats.items():
        rows.append({"function": f"{Path(filename).name}:{line}({function})", "calls": calls,
                     "tottime_s": round(total, 3), "cumtime_s": round(cumulative, 3)})
    return sorted(rows, key=lambda row: -row["tottime_s"])[:limit]


def run(args: argparse.Namespace) -> dict:
    if args.corpus:
        manifest, folder = corpus_prefix(args.corpus, args.size)
    else:
        manifest, folder = ensure_corpus(args.corpus_root, args.size, args.seed, args.html_share)
    paths = [str(folder / shard) for shard in manifest["shards"]]
    if args.group_pages:
        paths = regroup(paths, args.group_pages, folder / f"regroup-{args.group_pages}")
    workdir = Path(tempfile.mkdtemp(prefix="newstrace-bench-", dir=args.db_dir))
    db_path = workdir / "bench.db"
    try:
        profiles: list | None = [] if args.profile else None
        groups = split_groups(paths, args.groups)
        print(f"bare parse and ingest: {manifest['pages']} pages in {len(groups)} groups, {args.workers} workers",
              flush=True)
        options = ingest_options(args.workers, args.batch_size, not args.no_enrich)
        bare, ingest, paired = interleaved(
            groups, lambda group: bare_parse(group, options),
            lambda group: store_ingest(group, db_path, options, profiles),
            lambda line: print(line, flush=True), args.bare_every)
        print("size, search ...", flush=True)
        size = database_size(db_path)
        with sqlite3.connect(db_path) as conn:
            queries = make_queries(conn, args.queries, args.seed)
        searches = time_searches(db_path, queries, _like_every(len(queries), args.like_queries))
        costs = {} if args.no_breakdown else breakdown(paths, args.breakdown_pages, workdir, options)
        if args.size_variants:
            print("size variants ...", flush=True)
            size["variants_bytes"] = size_variants(db_path, workdir)
        return assemble(args, manifest, bare, ingest, paired, size, searches, costs, queries,
                        top_profile(profiles) if profiles else None)
    finally:
        if args.keep_db:
            print(f"database kept at {db_path}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _like_every(queries: int, wanted: int | None) -> int:
    if wanted is None or wanted >= queries:
        return 1
    return 0 if wanted <= 0 else max(1, queries // wanted)


def assemble(args, manifest, bare, ingest, paired, size, searches, costs, queries, profile) -> dict:
    raw_text, raw_pages = size["raw_text_bytes"], manifest["raw_page_bytes"]
    return {
        "config": {"size": args.size, "workers": args.workers, "batch_size": args.batch_size, "seed": args.seed,
                   "enrich": not args.no_enrich, "newstrace_commit": _git_commit(),
                   "queries": len(queries), "html_share": args.html_share, "cpus": os.cpu_count(),
                   "python": platform.python_version(), "sqlite": sqlite3.sqlite_version},
        "corpus": {key: value for key, value in manifest.items() if key != "shards"},
        "bare_parse": bare.to_dict(args.workers),
        "ingest": ingest.to_dict(args.workers),
        "ingest_paired": paired.to_dict(args.workers),  # the ingest of the bare-parsed groups only
        "ingest_over_bare": round(paired.pages_per_s / bare.pages_per_s, 3),
        # What the wall-clock ratio would be with both cores ours and CPU-bound: total CPU per page, bare
        # over ingest. Parsing is the same work in both phases, so its CPU is taken as the mean of the two
        # (on a loaded machine the same pages cost different CPU from one minute to the next).
        "ingest_over_bare_cpu": _cpu_model_ratio(bare, paired),
        "size": {**size, "db_over_raw_text": round(size["db_bytes"] / max(raw_text, 1), 3),
                 "db_over_raw_pages": round(size["db_bytes"] / max(raw_pages, 1), 4)},
        "search": searches,
        "main_process_costs_us_per_page": costs,
        "profile_top": profile,
        "sample_queries": [q.fts + (f"  {q.filters}" if q.filters else "") for q in queries[:8]],
    }


def _cpu_model_ratio(bare: PhaseResult, ingest: PhaseResult) -> float:
    parse_cpu = (bare.workers_cpu_s + ingest.workers_cpu_s) / (bare.pages + ingest.pages)
    return round((parse_cpu + bare.main_cpu_s / bare.pages) / (parse_cpu + ingest.main_cpu_s / ingest.pages), 3)


def _git_commit() -> str:
    """HEAD of the repository, '+dirty' when src/ has uncommitted changes (read-only git calls)."""
    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+dirty" if git("status", "--porcelain", "--", "src") else "")


def print_report(result: dict) -> None:
    bare, ingest, size, search = result["bare_parse"], result["ingest"], result["size"], result["search"]
    corpus = result["corpus"]
    rows = [
        ("code", f"newstrace {result['config']['newstrace_commit']}, enrich {'on' if result['config']['enrich'] else 'off'},"
                 f" {result['config']['workers']} workers, batch {result['config']['batch_size']}"),
        ("corpus", f"{corpus['pages']} pages ({corpus['html_pages']} HTML, {corpus['text_pages']} text), "
                   f"{corpus['raw_page_bytes'] / MIB:.0f} MiB raw pages"),
        ("bare parse", _phase_line(bare)),
        ("ingest", _phase_line(ingest)),
        ("ingest, paired", _phase_line(result["ingest_paired"]) + "  (the bare-parsed groups only)"),
        ("ingest / bare", f"{result['ingest_over_bare']:.3f}  (target >= 0.85)"),
        ("articles stored", f"{size['articles']} ({size['distinct_bodies']} distinct bodies), "
                            f"{ingest['errors']} errors, {ingest.get('duplicates', 0)} duplicates"),
        ("raw text", f"{size['raw_text_bytes'] / MIB:.1f} MiB (title+body UTF-8); removed furniture "
                     f"{size['removed_text_bytes'] / MIB:.1f} MiB"),
        ("database", f"{size['db_bytes'] / MIB:.1f} MiB = {size['db_over_raw_text']:.2f}x raw text (target <= 1.5),"
                     f" {size['db_over_raw_pages']:.3f}x raw pages; FTS {size['fts_bytes'] / MIB:.1f} MiB"),
        ("size by part", ", ".join(f"{name} {share:.2f}x" for name, share in size["share_of_raw_text"].items())
                         + " (of raw text)"),
        ("search FTS", f"p50 {search['fts']['p50_ms']} ms, p95 {search['fts']['p95_ms']} ms, "
                       f"max {search['fts']['max_ms']} ms over {search['fts']['n']} (target p95 <= 50)"),
        ("search LIKE", f"p50 {search['like']['p50_ms']} ms, p95 {search['like']['p95_ms']} ms over "
                        f"{search['like']['n']}; FTS same queries p50 {search['fts_same_queries_unfiltered']['p50_ms']}"
                        f" ms; LIKE/FTS {search['like_over_fts_p50']}x (p50), {search['like_over_fts_total']}x (total)"),
        ("search LIKE all", f"p50 {search['like_all']['p50_ms']} ms, p95 {search['like_all']['p95_ms']} ms (no LIMIT:"
                            f" every match, as ranking needs); {search['like_all_over_fts_p50']}x FTS (p50)"),
        ("CPU-model ratio", f"{result['ingest_over_bare_cpu']:.3f}  ((parse CPU + main CPU)/page, bare over ingest;"
                            " parse CPU = mean of both phases)"),
        ("memory bare", _memory_line(bare["memory"])),
        ("memory ingest", _memory_line(ingest["memory"])),
    ]
    if not search["like"]["n"]:  # --like-queries 0
        rows = [row for row in rows if not row[0].startswith("search LIKE")]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    two = search["two_step_variant"]
    print(f"{'  two-step variant':<{width}}  p50 {two['p50_ms']} ms, p95 {two['p95_ms']} ms, max {two['max_ms']} ms"
          f" (rank in FTS, then snippets for the top 20 only; same ids as search(): {two['same_results']}/{two['n']})")
    for name, stats in search["fts_by_matches"].items():
        print(f"{'  matches ' + name:<{width}}  n {stats['n']}, p50 {stats['p50_ms']} ms, p95 {stats['p95_ms']} ms")
    for kind, stats in search["fts_by_kind"].items():
        print(f"{'  FTS ' + kind:<{width}}  p50 {stats['p50_ms']} ms, p95 {stats['p95_ms']} ms, max {stats['max_ms']} ms")
    raw_text = size["raw_text_bytes"] or 1
    for name, value in size.get("variants_bytes", {}).items():
        shown = (f"{(size['db_bytes'] - value) / raw_text:.2f}x raw text" if name.endswith("saving_bytes")
                 else f"{value / MIB:.1f} MiB = {value / raw_text:.2f}x raw text")
        print(f"{'  size ' + name:<{width}}  {shown}")
    if result["profile_top"]:
        print("main-process profile (top by own time):")
        for row in result["profile_top"][:15]:
            print(f"  {row['tottime_s']:>8.2f} s {row['cumtime_s']:>8.2f} s {row['calls']:>9}  {row['function']}")
    if result["main_process_costs_us_per_page"]:
        print("main-process costs (µs/page):", json.dumps(result["main_process_costs_us_per_page"]))


def _phase_line(phase: dict) -> str:
    return (f"{phase['wall_s']:.1f} s, {phase['pages_per_s']:.1f} pages/s; CPU main {phase['main_cpu_s']:.1f} s"
            f" ({phase['main_cpu_ms_per_page']:.2f} ms/page), workers {phase['workers_cpu_s']:.1f} s"
            f" (busy {100 * phase['workers_busy']:.0f}%)")


def _memory_line(memory: dict) -> str:
    return (f"tree peak RSS {memory['tree_peak_rss_mib']} MiB (PSS {memory['tree_peak_pss_mib']}), main "
            f"{memory['main_peak_rss_mib']}, worker {memory['worker_peak_rss_mib']}; tree peak by call "
            f"{memory['tree_peak_rss_by_call_mib']}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000, help="corpus pages (10000, 100000, ...)")
    parser.add_argument("--quick", action="store_true", help=f"smoke run on {QUICK_SIZE} pages")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-enrich", action="store_true",
                        help="parse only, in both phases (IngestOptions(enrich=None)); default: as the ingest does")
    parser.add_argument("--groups", type=int, default=0,
                        help="groups of files that bare parse and ingest alternate over (default: one per file;"
                             " 1: one call each)")
    parser.add_argument("--bare-every", type=int, default=1,
                        help="bare-parse only every k-th group (the ratio pairs them with their ingest); saves time")
    parser.add_argument("--group-pages", type=int,
                        help="re-cut the corpus into files of this many pages first (cached), for shorter turns")
    parser.add_argument("--batch-size", type=int, default=IngestOptions().batch_size)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--like-queries", type=int, help="how many of the queries also run as LIKE (default all)")
    parser.add_argument("--breakdown-pages", type=int, default=600)
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument("--profile", action="store_true", help="cProfile the ingest's main process (slows it)")
    parser.add_argument("--corpus-root", type=Path, default=make_corpus.DEFAULT_ROOT)
    parser.add_argument("--corpus", type=Path, help="use the first --size pages of this existing corpus folder")
    parser.add_argument("--db-dir", help="where the temporary database goes (default: system temp)")
    parser.add_argument("--seed", type=int, default=make_corpus.DEFAULT_SEED)
    parser.add_argument("--html-share", type=float, default=make_corpus.DEFAULT_HTML_SHARE)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--size-variants", action="store_true",
                        help="also measure the database with FTS optimize / detail=column / none (copies)")
    parser.add_argument("--json", type=Path, help="write the full result here")
    args = parser.parse_args(argv)
    if args.quick:
        args.size = QUICK_SIZE
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    result = run(args)
    result["benchmark_wall_s"] = round(time.monotonic() - started, 1)
    print_report(result)
    print(f"benchmark wall time {result['benchmark_wall_s']} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
