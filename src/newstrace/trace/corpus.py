"""Tracing a whole store, incrementally and without comparing all pairs.

1. Signatures for articles not traced yet (worker processes), stored.
2. Candidate pairs from LSH over all stored signatures: two articles are
   candidates when any band of either signature collides, and at least one of
   them is new. Buckets larger than `max_bucket` (boilerplate) are skipped;
   each new article keeps its `max_candidates` best-colliding partners.
3. `compare` on each candidate pair (worker processes); links stored.
4. Families of copies (connected by verbatim/edited/spun links) and their originals.

Re-running does no repeated work: old pairs are never compared again.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

import numpy as np

from ..model import COPY_KINDS, Relation
from ..store.db import connect, transaction
from ..store.read import get_article, paragraphs_and_languages
from ..workers import worker_pool
from .fingerprint import (FACTS_BANDS, FIGURES_BANDS, NAMES_BANDS, PERMUTATIONS, SIGNATURE_RULES, WORDING_BANDS,
                          BandPlan)
from .features import Features, features_of
from .signing import signatures_of_texts
from .relation import SAME_EVENT_DAYS

_UINT32_MAX = np.iinfo(np.uint32).max


@dataclass(frozen=True)
class TraceOptions:
    workers: int | None = None  # None: all cores; 1: in this process
    max_candidates: int = 8
    max_bucket: int = 64
    batch_size: int = 256


@dataclass
class TraceProgress:
    stage: str = "signatures"
    total: int = 0
    done: int = 0
    new_articles: int = 0
    pairs: int = 0
    links: int = 0
    started: float = field(default_factory=time.monotonic)


Progress = Callable[[TraceProgress], None]


def trace_store(conn: sqlite3.Connection, db_path: str, *, options: TraceOptions = TraceOptions(),
                progress: Progress | None = None) -> TraceProgress:
    """Trace every untraced article in the store at `db_path` (conn is a writable connection to it)."""
    counts = TraceProgress()
    # Per-process caches are keyed by path: a store re-created at the same path must not see old articles.
    _features.cache_clear()
    _reader.cache_clear()
    # Articles never signed, or signed under older rules.
    unsigned = [row[0] for row in conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM trace_signatures WHERE rules = ?)"
        " ORDER BY id", (SIGNATURE_RULES,))]
    with _pool(options) as pool:
        _store_signatures(conn, db_path, unsigned, pool, options, counts, progress)
        # Signed but not yet compared (this run's, or those of a run that stopped half-way).
        new_ids = [row[0] for row in conn.execute("SELECT article_id FROM trace_signatures WHERE traced_at IS NULL")]
        counts.new_articles = len(new_ids)
        pairs = candidate_pairs(conn, set(new_ids), options)
        counts.stage, counts.total, counts.done, counts.pairs = "compare", len(pairs), 0, len(pairs)
        _store_links(conn, db_path, pairs, pool, options, counts, progress)
    counts.stage = "families"
    rebuild_families(conn)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with transaction(conn):
        conn.execute("UPDATE trace_signatures SET traced_at = ? WHERE traced_at IS NULL", (now,))
    _features.cache_clear()
    if progress:
        progress(counts)
    return counts


# --- 1. signatures -----------------------------------------------------------------------------------------

def _store_signatures(conn, db_path, ids, pool, options, counts, progress) -> None:
    counts.stage, counts.total, counts.done = "signatures", len(ids), 0
    batches = [ids[i:i + options.batch_size] for i in range(0, len(ids), options.batch_size)]
    for signatures in _map(pool, _signature_batch, [(db_path, batch) for batch in batches]):
        with transaction(conn):  # traced_at stays NULL until the article's pairs are compared
            conn.executemany(_UPSERT_SIGNATURES, [(article_id, *(sig.tobytes() for sig in sigs), SIGNATURE_RULES)
                                                  for article_id, *sigs in signatures])
        counts.done += len(signatures)
        if progress:
            progress(counts)


# A re-signed article keeps its comparisons when its signatures came out the same (SET sees the old row).
_UPSERT_SIGNATURES = """
    INSERT INTO trace_signatures (article_id, wording, facts, figures, names, rules, traced_at)
    VALUES (?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (article_id) DO UPDATE SET
        traced_at = CASE WHEN wording = excluded.wording AND facts = excluded.facts AND figures = excluded.figures
                         AND names = excluded.names THEN traced_at END,
        wording = excluded.wording, facts = excluded.facts, figures = excluded.figures, names = excluded.names,
        rules = excluded.rules
"""


def _signature_batch(job: tuple[str, list[int]]) -> list[tuple]:
    db_path, ids = job
    # Only paragraphs and language, read in one query, and no features cache: the signing pass sees every
    # article once, and filling the cache would only evict the articles the comparisons need.
    texts = paragraphs_and_languages(_reader(db_path), ids)
    missing = [article_id for article_id in ids if article_id not in texts]
    if missing:
        raise KeyError(f"articles {missing[:5]} vanished from {db_path}")
    signatures = signatures_of_texts([texts[article_id] for article_id in ids])
    return [(article_id, *sigs) for article_id, sigs in zip(ids, signatures)]


def signatures_of(features: Features) -> tuple[np.ndarray, ...]:
    """The wording, facts, figures and names MinHash signatures of one article."""
    return signatures_of_texts([(features.article.paragraphs, features.article.language)])[0]


# --- 2. candidates -----------------------------------------------------------------------------------------

def candidate_pairs(conn: sqlite3.Connection, new_ids: set[int], options: TraceOptions) -> list[tuple[int, int]]:
    """Pairs (older id, newer id) worth comparing, at least one of each pair new.

    Wording, facts and figures collisions propose copies at any distance in
    time (stale republications); names collisions propose independent reports
    of one event, so they count only between articles dated within a few days.
    Colliding pairs are then screened by their estimated similarities (the
    share of equal MinHash values): a pair that is weak on every signature is
    neither a copy nor a report of the same event, and is never compared.
    """
    ids, matrices = load_signatures(conn)
    if not len(ids) or not new_ids:
        return []
    is_new = np.isin(ids, np.fromiter(new_ids, dtype=np.int64))
    copy_codes = np.concatenate([_colliding_codes(matrix, plan, is_new, options.max_bucket)
                                 for matrix, plan in zip(matrices[:3], (WORDING_BANDS, FACTS_BANDS, FIGURES_BANDS))])
    day_of = _days(conn, ids)
    name_codes = _colliding_codes(matrices[3], NAMES_BANDS, is_new, options.max_bucket)
    name_codes = np.unique(name_codes[_close_in_time(day_of, name_codes)])
    codes = np.union1d(copy_codes, name_codes)
    if not codes.size:
        return []
    first, second = codes // len(ids), codes % len(ids)
    copy_score, name_score = _estimates(matrices, first, second)
    as_copy = copy_score >= COPY_SCREEN
    # A pair proposed by a copy channel but too weak for a copy may still be two reports of one event
    # (they share figures or a passage of a statement): kept as such when dated close together.
    event_score = np.maximum(name_score, np.where(copy_score >= EVENT_COPY_SCREEN, copy_score, 0.0))
    as_event = ~as_copy & (event_score >= NAMES_SCREEN) & _close_in_time(day_of, codes)
    keep = as_copy | as_event
    # Likely copies rank above likely same-event reports when partners are capped.
    score = np.where(as_copy, 1.0 + copy_score, event_score)[keep]
    return _top_partners(ids, first[keep], second[keep], score, is_new, options.max_candidates)


# Screens on estimated similarity, set from the evaluation set: every labelled copy scores at least 0.49
# on its best copy signature (unrelated pairs at most 0.23), and 9 in 10 same-event pairs at least 0.15
# on names (unrelated stories at most 0.11). The copy screen sits at 0.4, not lower: on the scale corpora
# 0.3 let through a third more pairs (52,839 against 34,746 at 100k) that nearly all proved unrelated,
# with planted-copy recall the same within 0.002 (bench/trace_scale.py --study-candidates).
COPY_SCREEN = 0.4
# Below the copy screen, a copy-channel estimate this high still marks a likely report of the same event
# when the two are dated close together (one labelled pair shares 0.32 of its figures, 0.11 of its names).
EVENT_COPY_SCREEN = 0.3
NAMES_SCREEN = 0.15


def _estimates(matrices: list[np.ndarray], first: np.ndarray, second: np.ndarray,
               chunk: int = 50_000) -> tuple[np.ndarray, np.ndarray]:
    """Best estimated Jaccard over the copy signatures, and the names estimate, for each pair."""
    copy_score = np.empty(first.size)
    name_score = np.empty(first.size)
    empties = [_empty_rows(matrix) for matrix in matrices]
    for start in range(0, first.size, chunk):
        a, b = first[start:start + chunk], second[start:start + chunk]
        per_signature = [_agreement(matrix[a], matrix[b], empty[a] | empty[b])
                         for matrix, empty in zip(matrices, empties)]
        copy_score[start:start + chunk] = np.max(per_signature[:3], axis=0)
        name_score[start:start + chunk] = per_signature[3]
    return copy_score, name_score


def _agreement(first: np.ndarray, second: np.ndarray, either_empty: np.ndarray) -> np.ndarray:
    """Share of equal MinHash values per row pair; 0 where either side is empty (two articles without
    figures are not alike in their figures)."""
    return np.where(either_empty, 0.0, (first == second).mean(axis=1))


def _empty_rows(matrix: np.ndarray) -> np.ndarray:
    """Mask of the signatures of empty sets (every value at its maximum)."""
    return (matrix == _UINT32_MAX).all(axis=1)


def _days(conn: sqlite3.Connection, ids: np.ndarray) -> np.ndarray:
    """The story's (else the page's) Julian day of each article, NaN where undated."""
    days = dict(conn.execute("SELECT id, julianday(coalesce(story_date, page_date)) FROM articles"))
    return np.array([days.get(int(article_id)) or np.nan for article_id in ids], dtype=np.float64)


def _close_in_time(day_of: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Mask of pair codes whose articles are dated within SAME_EVENT_DAYS (or undated)."""
    first, second = day_of[codes // day_of.size], day_of[codes % day_of.size]
    gap = np.abs(first - second)
    return np.isnan(gap) | (gap <= SAME_EVENT_DAYS)


def load_signatures(conn: sqlite3.Connection) -> tuple[np.ndarray, list[np.ndarray]]:
    """Article ids and one (articles x PERMUTATIONS) matrix per signature kind."""
    rows = conn.execute("SELECT article_id, wording, facts, figures, names FROM trace_signatures"
                        " ORDER BY article_id")
    rows = rows.fetchall()
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    matrices = [np.frombuffer(b"".join(row[column] for row in rows), dtype=np.uint32).reshape(len(rows), PERMUTATIONS)
                for column in (1, 2, 3, 4)]
    return ids, matrices


def _colliding_codes(matrix: np.ndarray, plan: BandPlan, is_new: np.ndarray, max_bucket: int) -> np.ndarray:
    """Pair codes (i * n + j, i < j, row indices) of rows sharing a band key; one code per collision."""
    count = matrix.shape[0]
    usable = ~_empty_rows(matrix)  # empty signatures collide with each other: leave them out
    keys = _band_key_matrix(matrix, plan)[usable].ravel()
    owners = np.repeat(np.flatnonzero(usable), plan.bands)
    order = np.argsort(keys, kind="stable")
    keys, owners = keys[order], owners[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, keys.size])
    chosen = (sizes >= 2) & (sizes <= max_bucket)
    codes = []
    # Buckets of one size at a time: their members form a (buckets x size) matrix, and every pair of
    # columns is one collision (a loop per bucket cost more than all the rest of the stage).
    for size in np.unique(sizes[chosen]):
        bucket_starts = starts[chosen & (sizes == size)]
        members = owners[bucket_starts[:, None] + np.arange(size)]
        members = members[is_new[members].any(axis=1)]
        left, right = np.triu_indices(size, k=1)
        first, second = members[:, left].ravel(), members[:, right].ravel()
        low, high = np.minimum(first, second), np.maximum(first, second)
        keep = is_new[low] | is_new[high]
        codes.append(low[keep] * count + high[keep])
    return np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)


def _band_key_matrix(matrix: np.ndarray, plan: BandPlan) -> np.ndarray:
    rows = matrix[:, : plan.bands * plan.rows].astype(np.uint64).reshape(-1, plan.bands, plan.rows)
    keys = np.broadcast_to(np.arange(plan.bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15),
                           rows.shape[:2]).copy()
    for column in range(plan.rows):
        keys = (keys ^ rows[:, :, column]) * np.uint64(0x100000001B3)
    return keys


def _top_partners(ids, first, second, score, is_new, limit) -> list[tuple[int, int]]:
    """Keep, for each new article, its `limit` partners with the highest screening score."""
    order = np.argsort(-score, kind="stable")
    kept: dict[int, int] = {}
    pairs = []
    for index in order:
        i, j = int(first[index]), int(second[index])
        owner = j if is_new[j] else i  # the new side owns the quota (j is the newer when both are new)
        if kept.get(owner, 0) >= limit:
            continue
        kept[owner] = kept.get(owner, 0) + 1
        pairs.append((int(ids[i]), int(ids[j])))
    return sorted(pairs)


# --- 3. comparisons ----------------------------------------------------------------------------------------

def _store_links(conn, db_path, pairs, pool, options, counts, progress) -> None:
    pairs = ordered_for_reuse(pairs)
    batches = [pairs[i:i + options.batch_size] for i in range(0, len(pairs), options.batch_size)]
    for links in _map(pool, _compare_batch, [(db_path, batch) for batch in batches]):
        with transaction(conn):
            conn.executemany(
                "INSERT OR REPLACE INTO copy_links (a_id, b_id, relation, confidence, original_id, flags, detail)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", links)
        counts.done += options.batch_size
        counts.links += len(links)
        if progress:
            counts.done = min(counts.done, counts.total)
            progress(counts)


def ordered_for_reuse(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs reordered so that pairs sharing articles sit next to each other.

    Each worker caches the features of the articles it compared last. Articles are ranked in depth-first
    order over the pair graph, and each pair goes where its later-ranked article is first reached: a
    family's pairs then meet in consecutive batches, and so do the chains of loosely related articles
    that the same-event screen joins into one large component (at 100k, 1.05 feature loads per article
    compared against 1.15 when ordered by component and 1.63 by id; bench/trace_scale.py simulates it).
    """
    neighbours: dict[int, list[int]] = {}
    for a_id, b_id in pairs:
        neighbours.setdefault(a_id, []).append(b_id)
        neighbours.setdefault(b_id, []).append(a_id)
    rank: dict[int, int] = {}
    for start in sorted(neighbours):
        stack = [start]
        while stack:
            article_id = stack.pop()
            if article_id in rank:
                continue
            rank[article_id] = len(rank)
            stack.extend(sorted((n for n in neighbours[article_id] if n not in rank), reverse=True))
    return sorted(pairs, key=lambda pair: (max(rank[pair[0]], rank[pair[1]]), min(rank[pair[0]], rank[pair[1]])))


def _compare_batch(job: tuple[str, list[tuple[int, int]]]) -> list[tuple]:
    from . import compare_features

    db_path, pairs = job
    rows = []
    for a_id, b_id in pairs:
        relation = compare_features(_features(db_path, a_id), _features(db_path, b_id))
        if relation.kind != "unrelated":
            rows.append(link_row(a_id, b_id, relation))
    return rows


def link_row(a_id: int, b_id: int, relation: Relation) -> tuple:
    original = {"a": a_id, "b": b_id}.get(relation.original or "")
    detail = {"scores": relation.scores, "reasons": relation.reasons,
              "changes": [change.to_dict() for change in relation.changes],
              "pairs": [[p.a, p.b, round(p.similarity, 3), round(p.wording, 3)] for p in relation.alignment.pairs]}
    return (a_id, b_id, relation.kind, round(relation.confidence, 4), original, json.dumps(relation.flags),
            json.dumps(detail, ensure_ascii=False))


# --- 4. families -------------------------------------------------------------------------------------------

def rebuild_families(conn: sqlite3.Connection) -> int:
    """Group articles joined by copy links; in each group, the member the links most often name as original."""
    marks = ",".join("?" * len(COPY_KINDS))
    links = conn.execute(f"SELECT a_id, b_id, original_id, confidence FROM copy_links WHERE relation IN ({marks})",
                         COPY_KINDS).fetchall()
    parent: dict[int, int] = {}
    standing: dict[int, float] = {}
    for a_id, b_id, original_id, confidence in links:
        _union(parent, a_id, b_id)
        if original_id:
            copy_id = b_id if original_id == a_id else a_id
            standing[original_id] = standing.get(original_id, 0.0) + confidence
            standing[copy_id] = standing.get(copy_id, 0.0) - confidence
    groups: dict[int, list[int]] = {}
    for member in parent:
        groups.setdefault(_find(parent, member), []).append(member)
    rows = []
    for members in groups.values():
        original = max(sorted(members), key=lambda m: standing.get(m, 0.0))
        reason = (f"named as the original by its copy links (standing {standing.get(original, 0.0):+.2f}"
                  f" among {len(members)} members)")
        rows += [(member, min(members), original, reason) for member in members]
    with transaction(conn):
        conn.execute("DELETE FROM families")
        conn.executemany("INSERT INTO families (article_id, family_id, original_id, reason) VALUES (?, ?, ?, ?)",
                         rows)
    return len(groups)


def _find(parent: dict[int, int], item: int) -> int:
    parent.setdefault(item, item)
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: dict[int, int], a: int, b: int) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)


# --- workers -----------------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _reader(db_path: str) -> sqlite3.Connection:
    """One read-only connection per worker process and database."""
    return connect(db_path, readonly=True)


@lru_cache(maxsize=4096)
def _features(db_path: str, article_id: int) -> Features:
    found = get_article(_reader(db_path), article_id, enrichment=False)
    if found is None:
        raise KeyError(f"article {article_id} vanished from {db_path}")
    return features_of(found[1])


class _InProcess:
    def map(self, function, jobs):
        return map(function, jobs)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        return None


def _pool(options: TraceOptions):
    workers = options.workers or os.cpu_count() or 1
    # Compare workers keep thousands of articles' features (many small objects) in their cache: at the
    # default threshold the collector re-scanned them so often that it took 12-16% of the compare time.
    return _InProcess() if workers == 1 else worker_pool(workers, gc_young_threshold=50_000)


def _map(pool, function, jobs) -> Iterator:
    return pool.map(function, jobs)
