"""Tracing a store: incremental runs, families, stable links, and candidate generation that is not all pairs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newstrace.trace
from newstrace.store import Corpus, StoreError
from newstrace.trace.corpus import TraceOptions, candidate_pairs
from newstrace.trace.fingerprint import SIGNATURE_RULES

FAMILY = ["braga-buses.wire.txt", "braga-buses.spun.txt"]
OTHERS = ["braga-buses.local.txt", "bilbao-buses.wire.txt", "tampere-sauna.wire.txt", "tampere-sauna.stale.txt",
          "ohio-bridges.wire.txt", "ohio-bridges.edited.txt"]


def _ingest(corpus: Corpus, tk, names: list[str], directory: Path) -> dict[str, int]:
    """Copy golden pages into `directory`, ingest them in this process; returns file name -> article id."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(tk.golden_path(name), directory / name)
    counts = corpus.ingest([str(directory / name) for name in names], workers=1)
    assert counts.errors == 0
    return _ids_by_name(corpus)


def _ids_by_name(corpus: Corpus) -> dict[str, int]:
    rows = corpus.conn.execute("SELECT a.id, p.source FROM articles a JOIN pages p ON p.id = a.page_id")
    return {Path(source).name: article_id for article_id, source in rows}


def _extra_copy(directory: Path, tk) -> Path:
    """A third copy of the Braga wire story, found later: another site, a day on, credits cut."""
    text = tk.golden_path("braga-buses.wire.txt").read_text(encoding="utf-8")
    body = text[text.index("BRAGA, Portugal"):text.index("(Reporting by")]
    path = directory / "braga-buses.later-copy.txt"
    path.write_text("September 6, 2023\n\nAtlantic Transit Review\n\nBraga orders 38 hydrogen buses\n\n" + body,
                    encoding="utf-8")
    return path


@pytest.fixture()
def traced(tmp_path, tk):
    """A store holding the golden pages, traced once."""
    corpus = Corpus.open(tmp_path / "trace.db")
    ids = _ingest(corpus, tk, FAMILY + OTHERS, tmp_path / "pages")
    first = corpus.trace(workers=1)
    yield corpus, ids, first
    corpus.close()


def test_first_trace_links_the_golden_pairs(traced):
    corpus, ids, counts = traced
    assert counts.new_articles == len(FAMILY + OTHERS) and counts.pairs >= 4 and counts.links >= 4
    wire, spun = ids["braga-buses.wire.txt"], ids["braga-buses.spun.txt"]
    link = next(link for link in corpus.copies(wire) if link.other_id == spun)
    assert link.relation == "spun" and link.original_id == wire
    assert {"altered-byline", "spun-text"} <= set(link.flags)
    assert {change["kind"] for change in link.detail["changes"]} >= {"byline", "date"}
    stale = next(link for link in corpus.copies(ids["tampere-sauna.stale.txt"]))
    assert stale.relation == "verbatim" and stale.original_id == ids["tampere-sauna.wire.txt"]
    assert "stale-republication" in stale.flags
    bilbao = ids["bilbao-buses.wire.txt"]
    assert all(link.relation not in ("verbatim", "edited", "spun") for link in corpus.copies(bilbao))
    assert corpus.origin(bilbao) is None


def test_copies_lists_copies_before_same_event_reports(traced):
    corpus, ids, _ = traced
    links = corpus.copies(ids["braga-buses.wire.txt"])
    relations = [link.relation for link in links]
    assert relations.index("spun") < relations.index("same-event")
    local = next(link for link in links if link.relation == "same-event")
    assert local.other_id == ids["braga-buses.local.txt"] and local.original_id is None
    assert local.other_site == "Minho Today"
    only_copies = corpus.copies(ids["braga-buses.wire.txt"], include_same_event=False)
    assert [link.relation for link in only_copies] == ["spun"]


def test_second_run_does_no_repeated_work(traced, tk):
    corpus, _, _ = traced
    before = tk.link_rows(Path(corpus.path))
    again = corpus.trace(workers=1)
    assert (again.new_articles, again.pairs, again.links) == (0, 0, 0)
    assert tk.link_rows(Path(corpus.path)) == before


def test_a_copy_added_later_joins_the_family(traced, tk, tmp_path):
    corpus, ids, _ = traced
    wire = ids["braga-buses.wire.txt"]
    assert corpus.ingest([str(_extra_copy(tmp_path / "pages", tk))], workers=1).articles == 1
    later = corpus.trace(workers=1)
    assert later.new_articles == 1 and 1 <= later.pairs <= 20
    new_id = _ids_by_name(corpus)["braga-buses.later-copy.txt"]
    link = next(link for link in corpus.copies(new_id) if link.other_id == wire)
    assert link.relation in ("verbatim", "edited") and link.original_id == wire
    family = corpus.origin(new_id)
    assert family.original_id == wire
    assert set(family.members) == {wire, ids["braga-buses.spun.txt"], new_id}
    assert corpus.origin(wire).to_dict() == family.to_dict()


def test_family_tree_reaches_every_member_once_from_the_original(traced):
    corpus, ids, _ = traced
    family = corpus.origin(ids["braga-buses.spun.txt"])
    assert family.original_id == ids["braga-buses.wire.txt"]
    reached = [link.other_id for link in family.links]
    assert sorted(reached) == sorted(set(family.members) - {family.original_id})
    assert family.family_id == min(family.members)


def test_unknown_ids_raise_the_store_error(traced):
    corpus, _, _ = traced
    with pytest.raises(StoreError):
        corpus.copies(9999)
    with pytest.raises(StoreError):
        corpus.origin(9999)


def test_a_process_pool_gives_the_same_links(tmp_path, tk):
    results = []
    for workers in (1, 2):
        with Corpus.open(tmp_path / f"w{workers}.db") as corpus:
            _ingest(corpus, tk, FAMILY + OTHERS[:2], tmp_path / f"pages{workers}")
            stages = []
            corpus.trace(lambda progress: stages.append(progress.stage), workers=workers)
            assert stages[0] == "signatures" and stages[-1] == "families" and "compare" in stages
        rows = tk.link_rows(tmp_path / f"w{workers}.db")
        results.append({key: value[:3] for key, value in rows.items()})  # relation, confidence, original
    assert results[0] == results[1] and results[0]


# --- adding unrelated articles -----------------------------------------------------------------------------

@settings(max_examples=6, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seeds=st.lists(st.integers(0, 10**6), min_size=1, max_size=25, unique=True))
def test_unrelated_articles_never_change_existing_links(tmp_path_factory, tk, seeds):
    directory = tmp_path_factory.mktemp("unrelated")
    db_path = directory / "trace.db"
    with Corpus.open(db_path) as corpus:
        _ingest(corpus, tk, FAMILY + OTHERS[2:4], directory / "pages")
        corpus.trace(workers=1)
        links_before, families_before = tk.link_rows(db_path), tk.family_rows(db_path)
        assert links_before
        new_ids = tk.store_articles(db_path, [tk.generated_article(seed) for seed in seeds])
        counts = corpus.trace(workers=1)
        assert counts.new_articles == len(seeds)
    links_after, families_after = tk.link_rows(db_path), tk.family_rows(db_path)
    assert {key: row for key, row in links_after.items() if key in links_before} == links_before
    assert {key: row for key, row in families_after.items() if key in families_before} == families_before
    # Generated articles are nobody's copy.
    assert not [row for key, row in links_after.items() if set(key) & set(new_ids) and row[0] != "same-event"]


# --- candidates --------------------------------------------------------------------------------------------

def test_candidates_are_far_fewer_than_all_pairs_and_find_the_planted_copy(tmp_path, tk):
    count = 300
    db_path = tmp_path / "many.db"
    tk.store_articles(db_path, [tk.generated_article(seed) for seed in range(count)])
    planted = tk.store_articles(db_path, [tk.golden_article("braga-buses.wire.txt"),
                                          tk.golden_article("braga-buses.spun.txt")], tag="planted")
    with Corpus.open(db_path) as corpus:
        counts = corpus.trace(workers=1)
        total = count + 2
        assert counts.new_articles == total
        assert counts.pairs < 5 * total, counts.pairs  # all pairs would be ~45,000
        assert counts.pairs < total * (total - 1) / 2 / 100
        link = next(link for link in corpus.copies(planted[0]) if link.other_id == planted[1])
        assert link.relation == "spun" and link.original_id == planted[0]


def test_candidate_pairs_only_involve_new_articles(traced, tk, tmp_path):
    corpus, ids, _ = traced
    new_ids = tk.store_articles(Path(corpus.path), [tk.generated_article(seed) for seed in range(5)])
    corpus.trace(workers=1)  # stores their signatures
    pairs = candidate_pairs(corpus.conn, set(new_ids), TraceOptions(workers=1))
    assert all(a < b and (a in new_ids or b in new_ids) for a, b in pairs)
    assert candidate_pairs(corpus.conn, set(), TraceOptions(workers=1)) == []


# --- known gaps --------------------------------------------------------------------------------------------

def test_an_interrupted_trace_is_finished_by_the_next_run(tmp_path, tk, monkeypatch):
    corpus = Corpus.open(tmp_path / "trace.db")
    ids = _ingest(corpus, tk, FAMILY, tmp_path / "pages")

    def interrupted(*_):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(newstrace.trace, "compare_features", interrupted)
        with pytest.raises(KeyboardInterrupt):
            corpus.trace(workers=1)
    corpus.trace(workers=1)
    links = corpus.copies(ids["braga-buses.wire.txt"])
    corpus.close()
    assert [link.relation for link in links] == ["spun"]


def test_a_store_recreated_at_the_same_path_is_traced_afresh(tmp_path, tk):
    db_path = tmp_path / "again.db"
    with Corpus.open(db_path) as corpus:
        _ingest(corpus, tk, FAMILY, tmp_path / "first")
        corpus.trace(workers=1)
    for leftover in tmp_path.glob("again.db*"):
        leftover.unlink()
    with Corpus.open(db_path) as corpus:
        _ingest(corpus, tk, ["tampere-sauna.wire.txt", "ohio-bridges.wire.txt"], tmp_path / "second")
        corpus.trace(workers=1)
        assert corpus.copies(1) == []  # a sauna story and a bridge report share nothing


def test_empty_signatures_do_not_agree():
    import numpy as np

    from newstrace.trace.corpus import _estimates
    from newstrace.trace.fingerprint import minhash

    empty = minhash(np.empty(0, dtype=np.uint64))
    full = minhash(np.arange(1, 40, dtype=np.uint64))
    matrix = np.stack([empty, full])  # row 0 empty, row 1 full; the same for all four signatures
    # Pairs (empty, empty), (empty, full), (full, full).
    copy_score, name_score = _estimates([matrix] * 4, np.array([0, 0, 1]), np.array([0, 1, 1]))
    assert copy_score.tolist() == [0.0, 0.0, 1.0]
    assert name_score.tolist() == [0.0, 0.0, 1.0]


def test_pairs_of_one_family_are_compared_together():
    from newstrace.trace.corpus import ordered_for_reuse

    pairs = [(1, 5), (2, 6), (3, 5), (4, 6), (5, 9), (7, 8)]
    ordered = ordered_for_reuse(pairs)
    assert sorted(ordered) == sorted(pairs)
    position = {pair: index for index, pair in enumerate(ordered)}
    family = [position[p] for p in [(1, 5), (3, 5), (5, 9)]]
    assert max(family) - min(family) == 2  # the three pairs of 1-3-5-9 are adjacent
    assert ordered_for_reuse([]) == []


def test_signatures_of_older_rules_are_remade_and_only_changed_ones_compared_again(traced, tk):
    corpus, ids, _ = traced
    before = tk.link_rows(Path(corpus.path))
    wire, spun = ids["braga-buses.wire.txt"], ids["braga-buses.spun.txt"]
    with corpus.conn:
        # As an older newstrace left them: every row under rules 1, and one figures signature different.
        corpus.conn.execute("UPDATE trace_signatures SET rules = 1")
        corpus.conn.execute("UPDATE trace_signatures SET figures = zeroblob(length(figures)) WHERE article_id = ?",
                            (spun,))
    again = corpus.trace(workers=1)
    assert again.new_articles == 1  # only the article whose signature changed is compared again
    assert tk.link_rows(Path(corpus.path)) == before
    rules = {row[0] for row in corpus.conn.execute("SELECT DISTINCT rules FROM trace_signatures")}
    assert rules == {SIGNATURE_RULES}
    assert any(link.other_id == wire for link in corpus.copies(spun))
    assert corpus.trace(workers=1).new_articles == 0
