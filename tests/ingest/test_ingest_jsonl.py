from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newstrace.ingest import read_pages
from newstrace.model import InputFailure, Page


def jsonl(*lines: object) -> bytes:
    return b"".join((line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n" for line in lines)


def test_each_line_is_a_page_and_bad_lines_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_bytes(
        jsonl(
            {"html": "<p>first</p>", "url": "https://a.example/1", "date": "2024-05-06T07:08:09+02:00", "title": "ignored"},
            b'{"html": "<p>broken',
            [1, 2],
            {"url": "https://a.example/4"},
            {"html": 5},
            b"   ",
            {"text": "Plain story.", "date": "2024-05-07"},
            {"content": "<div><p>a</p><p>b</p></div>", "date": "Tue, 07 May 2024 10:00:00 GMT"},
            {"content": "Words only.", "date": "last Tuesday"},
            {"text": "Epoch.", "date": 1714000000},
            {"html": None, "text": "falls back to text"},
        )
    )
    items = list(read_pages(path))
    source = str(path)
    assert items[0] == Page(source, "<p>first</p>", "1", "https://a.example/1", "2024-05-06", "html")
    assert isinstance(items[1], InputFailure) and items[1].record == "2"
    assert items[1].reason.startswith("invalid JSON: ")
    assert items[2] == InputFailure(source, "line holds a JSON array, not an object", "3")
    assert items[3] == InputFailure(source, "object has no html, text or content field", "4")
    assert items[4] == InputFailure(source, "the 'html' field is a number, not a string", "5")
    assert items[5] == Page(source, "Plain story.", "7", None, "2024-05-07", "text")
    assert (items[6].content_type, items[6].date) == ("html", "2024-05-07")
    assert (items[7].content_type, items[7].date) == ("text", None)
    assert (items[8].data, items[8].date) == ("Epoch.", "2024-04-24")
    assert (items[9].data, items[9].record) == ("falls back to text", "11")
    assert len(items) == 10


def test_utf8_bom_and_crlf_lines(tmp_path: Path) -> None:
    path = tmp_path / "bom.ndjson"
    path.write_bytes(b'\xef\xbb\xbf{"text": "caf\xc3\xa9"}\r\n{"text": "two"}\r\n')
    assert [p.data for p in read_pages(path)] == ["caf\u00e9", "two"]


def test_empty_field_and_oversized_page(tmp_path: Path) -> None:
    path = tmp_path / "sizes.jsonl"
    path.write_bytes(jsonl({"html": "  "}, {"html": "x" * 200}, {"html": "ok"}))
    items = list(read_pages(path, max_bytes=100))
    assert items[0].reason == "the 'html' field is empty"
    assert items[1].reason == "page is 200 bytes, over the 100 bytes limit"
    assert items[2].data == "ok"


def test_overlong_line_is_skipped_without_losing_count(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_bytes(jsonl({"html": "y" * 5000}, {"text": "after"}))
    failure, page = list(read_pages(path, max_bytes=1000))
    assert (failure.record, failure.reason) == ("1", "line is over the 3.0 KiB limit")
    assert (page.record, page.data) == ("2", "after")


def test_gzip_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl({"text": "one"}, {"text": "two"})))
    assert [p.data for p in read_pages(path)] == ["one", "two"]


def test_truncated_gzip_jsonl_keeps_lines_before_the_cut(tmp_path: Path) -> None:
    lines = [{"text": f"story number {n} " + "word " * (n % 50)} for n in range(3000)]
    compressed = gzip.compress(jsonl(*lines))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    items = list(read_pages(path))
    *pages, failure = items
    assert pages and all(isinstance(p, Page) for p in pages)
    assert [p.data for p in pages] == [line["text"] for line in lines[: len(pages)]]
    assert failure.record == str(len(pages) + 1)
    assert failure.reason.startswith(f"data ends after line {len(pages)}: gzip data ends inside the member")


@pytest.mark.parametrize("name", ["x.jsonl", "x.data"])
def test_invalid_utf8_line_is_a_failure(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b'{"text": "ok"}\n{"text": "\xff\xfe"}\n')
    page, failure = list(read_pages(path))
    assert page.data == "ok" and failure.record == "2"
