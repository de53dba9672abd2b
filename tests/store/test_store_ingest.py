"""Ingest into the store: idempotent, versioned by URL, failures recorded, progress reported, silent."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newstrace.store import Corpus, IngestOptions
from newstrace.store.write import content_hash

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _rows(corpus: Corpus, sql: str, params: tuple = ()) -> list[tuple]:
    return [tuple(row) for row in corpus.conn.execute(sql, params)]


def test_same_inputs_twice_are_stored_once(tmp_path: Path, kit) -> None:
    pages = kit.write_text_pages(tmp_path / "pages", 12)
    (tmp_path / "pages" / "zebra.html").write_text(kit.html_page(
        "Zebra crossing opens on Quay Street", kit.varied_paragraphs(99), url="https://daily.example/zebra"))
    with Corpus.open(tmp_path / "store.db") as corpus:
        first = corpus.ingest([tmp_path / "pages"], workers=1)
        second = corpus.ingest([tmp_path / "pages"], workers=1)
        assert (first.pages, first.articles, first.duplicates, first.errors) == (13, 13, 0, 0)
        assert (second.pages, second.articles, second.duplicates, second.errors) == (13, 0, 13, 0)
        assert corpus.stats()["articles"] == 13
        assert _rows(corpus, "SELECT count(DISTINCT content_hash), count(DISTINCT source) FROM pages") == [(13, 13)]
        assert {row[0] for row in _rows(corpus, "SELECT content_hash FROM pages")} == {
            content_hash(path.read_bytes()) for path in [*pages, tmp_path / "pages" / "zebra.html"]}


def test_a_copy_of_a_stored_page_under_another_name_is_a_duplicate(tmp_path: Path, kit) -> None:
    [page] = kit.write_text_pages(tmp_path / "a", 1)
    (tmp_path / "b").mkdir()
    shutil.copy(page, tmp_path / "b" / "renamed.txt")
    with Corpus.open(tmp_path / "store.db") as corpus:
        corpus.ingest([tmp_path / "a"], workers=1)
        again = corpus.ingest([tmp_path / "b"], workers=1)
        assert (again.articles, again.duplicates) == (0, 1)
        assert _rows(corpus, "SELECT source FROM pages") == [(str(page),)]


def test_example_corpus_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    with Corpus.open(tmp_path / "store.db") as corpus:
        first = corpus.ingest([tmp_path / "examples"], workers=2)
        second = corpus.ingest([tmp_path / "examples"], workers=2)
        stored = corpus.stats()
    # The README's 25 pages; the one index page has no article text and fails each run.
    assert first.pages == second.pages == 25
    assert first.articles == stored["articles"] == stored["pages"] == 25 - first.errors
    assert (second.articles, second.duplicates) == (0, first.articles)
    assert stored["errors"] == first.errors == second.errors


def test_workers_do_not_change_what_is_stored(tmp_path: Path, kit) -> None:
    kit.write_text_pages(tmp_path / "pages", 40)
    stored = []
    for workers in (1, 2):
        with Corpus.open(tmp_path / f"w{workers}.db") as corpus:
            corpus.ingest([tmp_path / "pages"], workers=workers)
            stored.append(_rows(corpus, "SELECT a.title, newstrace_text(t.body), a.site_name, p.source FROM articles a"
                                        " JOIN pages p ON p.id = a.page_id JOIN article_texts t ON t.article_id = a.id"
                                        " ORDER BY a.id"))
    assert len(stored[0]) == 40 and stored[0] == stored[1]


def _jsonl(path: Path, objects: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in objects), encoding="utf-8")
    return path


def test_changed_page_at_the_same_url_is_a_new_version(tmp_path: Path, kit) -> None:
    url = "https://daily.example/news/ferry"
    first = kit.text_dump("Electric ferry bought", kit.varied_paragraphs(1), site="Harbourside Daily")
    changed = kit.text_dump("Electric ferry bought, council confirms", kit.varied_paragraphs(2),
                            site="Harbourside Daily")
    with Corpus.open(tmp_path / "store.db") as corpus:
        corpus.ingest([_jsonl(tmp_path / "monday.jsonl", [{"url": url, "text": first}])], workers=1)
        again = corpus.ingest([_jsonl(tmp_path / "tuesday.jsonl",
                                      [{"url": url, "text": first}, {"url": url, "text": changed}])], workers=1)
        assert (again.articles, again.duplicates) == (1, 1)
        versions = _rows(corpus, "SELECT version, title FROM articles WHERE url = ? ORDER BY id", (url,))
    assert versions == [(1, "Electric ferry bought"), (2, "Electric ferry bought, council confirms")]


def test_html_pages_sharing_a_canonical_url_are_versions_within_one_run(tmp_path: Path, kit) -> None:
    url = "https://daily.example/news/zebra"
    (tmp_path / "pages").mkdir()
    for number in (1, 2, 3):
        (tmp_path / "pages" / f"v{number}.html").write_text(
            kit.html_page(f"Zebra crossing, take {number}", kit.varied_paragraphs(number), url=url))
    with Corpus.open(tmp_path / "store.db") as corpus:
        corpus.ingest([tmp_path / "pages"], workers=2)
        assert _rows(corpus, "SELECT version FROM articles WHERE url = ? ORDER BY id", (url,)) == [(1,), (2,), (3,)]


@pytest.fixture
def mixed_inputs(tmp_path: Path, kit) -> dict:
    """Good pages beside an empty file, a PNG named .html, a JSONL with a bad line, a cut WARC."""
    folder = tmp_path / "inputs"
    kit.write_text_pages(folder, 3)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    good_line = {"url": "https://daily.example/jsonl-story",
                 "text": kit.text_dump("Tram depot reopens", kit.varied_paragraphs(7))}
    (folder / "feed.jsonl").write_text(json.dumps(good_line) + "\n{not json at all\n", encoding="utf-8")
    warc_pages = [(f"https://daily.example/warc/{n}", kit.html_page(f"Canal lock {n} repaired",
                                                                     kit.varied_paragraphs(50 + n)).encode())
                  for n in range(2)]
    data, offsets = kit.warc_bytes(warc_pages)
    cut_at = offsets[1] + (len(data) - offsets[1]) // 2
    (folder / "crawl.warc").write_bytes(data[:cut_at])
    return {"folder": folder, "warc_offsets": offsets}


def test_failures_are_recorded_and_good_pages_kept(tmp_path: Path, mixed_inputs: dict) -> None:
    folder = mixed_inputs["folder"]
    with Corpus.open(tmp_path / "store.db") as corpus:
        counts = corpus.ingest([folder], workers=2)
        errors = {row[0]: row[1:] for row in _rows(corpus, "SELECT source, record, reason FROM errors")}
        stored_sources = {row[0] for row in _rows(corpus, "SELECT source FROM pages")}
    assert (counts.articles, counts.errors) == (3 + 1 + 1, 4)
    assert {str(failure.source) for failure in counts.failures} == set(errors)
    assert errors[str(folder / "empty.txt")] == ("", "empty file")
    record, reason = errors[str(folder / "logo.html")]
    assert record == "" and "binary" in reason and "PNG" in reason
    record, reason = errors[str(folder / "feed.jsonl")]
    assert record == "2" and reason.startswith("invalid JSON")
    record, reason = errors[str(folder / "crawl.warc")]
    assert record == str(mixed_inputs["warc_offsets"][1]) and "truncated" in reason
    # Every good page went in: the text dumps, the good JSONL line, the WARC record before the cut.
    assert {str(folder / f"p{n:05d}.txt") for n in range(3)} | {str(folder / "feed.jsonl"),
                                                                 str(folder / "crawl.warc")} == stored_sources


def test_failures_seen_again_are_not_duplicated(tmp_path: Path, mixed_inputs: dict) -> None:
    with Corpus.open(tmp_path / "store.db") as corpus:
        corpus.ingest([mixed_inputs["folder"]], workers=1)
        again = corpus.ingest([mixed_inputs["folder"]], workers=1)
        assert again.errors == 4 and again.articles == 0
        assert corpus.stats()["errors"] == 4


def test_progress_is_reported_with_growing_counts(tmp_path: Path, kit) -> None:
    kit.write_text_pages(tmp_path / "pages", 23)
    seen = []
    with Corpus.open(tmp_path / "store.db") as corpus:
        # The callback gets the live counts object: copy the numbers at each call.
        final = corpus.ingest([tmp_path / "pages"], options=IngestOptions(workers=1, batch_size=5),
                              progress=lambda counts: seen.append((counts.pages, counts.articles)))
    assert len(seen) >= 5
    assert seen == sorted(seen)
    assert len({articles for _, articles in seen}) >= 5
    assert seen[-1] == (final.pages, final.articles) == (23, 23)


def test_library_ingest_prints_nothing(tmp_path: Path, mixed_inputs: dict, capfd) -> None:
    with Corpus.open(tmp_path / "store.db") as corpus:
        counts = corpus.ingest([mixed_inputs["folder"]], workers=2)
        corpus.search("canal")
        corpus.stats()
    assert counts.errors == 4
    assert capfd.readouterr() == ("", "")


def test_exported_jsonl_is_read_back_as_parsed_articles(tmp_path: Path, kit) -> None:
    kit.write_text_pages(tmp_path / "pages", 5)
    with Corpus.open(tmp_path / "a.db") as source_store:
        source_store.ingest([tmp_path / "pages"], workers=1)
        with open(tmp_path / "export.jsonl", "w", encoding="utf-8") as out:
            assert source_store.export("jsonl", out) == 5
    with Corpus.open(tmp_path / "b.db") as copy_store:
        counts = copy_store.ingest([tmp_path / "export.jsonl"], workers=1)
        types = _rows(copy_store, "SELECT content_type, count(*) FROM pages GROUP BY content_type")
        again = copy_store.ingest([tmp_path / "export.jsonl"], workers=1)
    assert (counts.articles, counts.errors) == (5, 0)
    assert types == [("article", 5)]
    assert (again.articles, again.duplicates) == (0, 5)
