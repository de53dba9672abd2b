from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newstrace.ingest import read_pages
from newstrace.model import InputFailure, Page

STORY = b"<html><head><title>Storm</title></head><body><p>Winds hit the coast.</p></body></html>"
SECOND = b"<html><body><p>A second story, long enough to cut in half." + b" More words." * 200 + b"</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def mixed_records(tools) -> list:
    Rec, response = tools.Rec, tools.html_response
    return [
        Rec("warcinfo"),
        Rec("request", "https://news.example/storm"),
        response("https://news.example/storm", STORY),
        response("https://news.example/logo.png", PNG, content_type="image/png"),
        Rec("metadata", "https://news.example/storm", b"outlinks: none\n", content_type="application/warc-fields"),
        response("https://news.example/old", b"<p>moved</p>", status="301 Moved Permanently"),
        response("https://news.example/missing", b"<html><p>not found</p></html>", status="404 Not Found"),
        Rec("resource", "file:///saved/page.html", SECOND, content_type="text/html"),
        response("https://news.example/plain", b"Just words.", content_type="text/plain"),
        response("https://news.example/untyped", b"<!doctype html><p>x</p>", content_type="application/octet-stream"),
    ]


@pytest.mark.parametrize("compress", [False, True])
def test_only_successful_html_and_text_records_become_pages(tmp_path: Path, warc_tools, compress: bool) -> None:
    data = warc_tools.build(mixed_records(warc_tools), compress)
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(data)
    offsets = warc_tools.offsets(data)
    pages = list(read_pages(path))
    assert all(isinstance(page, Page) for page in pages)
    assert [(p.url, p.data, p.content_type) for p in pages] == [
        ("https://news.example/storm", STORY, "html"),
        ("file:///saved/page.html", SECOND, "html"),
        ("https://news.example/plain", b"Just words.", "text"),
        ("https://news.example/untyped", b"<!doctype html><p>x</p>", "html"),
    ]
    assert [p.record for p in pages] == [str(offsets[i]) for i in (2, 7, 8, 9)]
    assert {(p.source, p.date) for p in pages} == {(str(path), "2024-03-05")}


def test_warc_found_by_magic_without_extension(tmp_path: Path, warc_tools) -> None:
    path = tmp_path / "crawl.bin"
    path.write_bytes(warc_tools.build([warc_tools.html_response("https://a.example/", STORY)], False))
    assert [p.data for p in read_pages(path)] == [STORY]


@pytest.mark.parametrize("compress", [False, True])
def test_truncated_warc_yields_records_before_the_cut(tmp_path: Path, warc_tools, compress: bool) -> None:
    records = [
        warc_tools.html_response("https://news.example/1", STORY),
        warc_tools.html_response("https://news.example/2", SECOND),
        warc_tools.html_response("https://news.example/3", STORY),
    ]
    data = warc_tools.build(records, compress)
    offsets = warc_tools.offsets(data)
    cut = (offsets[1] + offsets[2]) // 2
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[:cut])
    page, failure = list(read_pages(path))
    assert page.url == "https://news.example/1"
    assert isinstance(failure, InputFailure)
    assert (failure.source, failure.record) == (str(path), str(offsets[1]))
    assert failure.reason.startswith(f"truncated WARC record at offset {offsets[1]}")


def test_warc_cut_inside_the_headers(tmp_path: Path, warc_tools) -> None:
    data = warc_tools.build([warc_tools.html_response("https://news.example/1", STORY)] * 2, False)
    second = warc_tools.offsets(data)[1]
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: second + 40])
    items = list(read_pages(path))
    assert [type(item) for item in items] == [Page, InputFailure]
    assert items[1].reason.startswith(f"truncated WARC record at offset {second}")


def test_chunked_and_gzip_encoded_payload_is_decoded(tmp_path: Path, warc_tools) -> None:
    body = gzip.compress(STORY)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:10], body[10:])) + b"0\r\n\r\n"
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
    rec = warc_tools.Rec("response", "https://news.example/c", chunked, "200 OK", headers)
    path = tmp_path / "encoded.warc"
    path.write_bytes(warc_tools.build([rec], False))
    assert [p.data for p in read_pages(path)] == [STORY]


def test_payload_already_decoded_by_the_crawler_is_kept(tmp_path: Path, warc_tools) -> None:
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
    rec = warc_tools.Rec("response", "https://news.example/d", STORY, "200 OK", headers)
    path = tmp_path / "decoded.warc"
    path.write_bytes(warc_tools.build([rec], False))
    assert [p.data for p in read_pages(path)] == [STORY]


def test_oversized_record_is_a_failure_and_reading_goes_on(tmp_path: Path, warc_tools) -> None:
    records = [
        warc_tools.html_response("https://news.example/big", SECOND),
        warc_tools.html_response("https://news.example/small", STORY),
    ]
    data = warc_tools.build(records, True)
    path = tmp_path / "sizes.warc.gz"
    path.write_bytes(data)
    failure, page = list(read_pages(path, max_bytes=1000))
    assert failure.record == "0" and failure.reason.startswith("page is 2.")
    assert failure.reason.endswith("over the 1000 bytes limit")
    assert page.url == "https://news.example/small"


def test_wet_conversion_records_are_text_pages(tmp_path: Path, warc_tools) -> None:
    rec = warc_tools.Rec("conversion", "https://news.example/w", b"Extracted text.", content_type="text/plain")
    path = tmp_path / "crawl.warc.wet.gz"
    path.write_bytes(warc_tools.build([rec], True))
    page = list(read_pages(path))[0]
    assert (page.data, page.content_type, page.url) == (b"Extracted text.", "text", "https://news.example/w")


def test_garbage_after_a_record_is_a_failure(tmp_path: Path, warc_tools) -> None:
    data = warc_tools.build([warc_tools.html_response("https://news.example/1", STORY)], False)
    path = tmp_path / "junk.warc"
    path.write_bytes(data + b"this is not a record\r\n")
    page, failure = list(read_pages(path))
    assert failure.record == str(len(data))
    assert failure.reason.startswith(f"no WARC record at offset {len(data)}")


def test_bad_content_length_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\n")
    failure = list(read_pages(path))[0]
    assert failure.record == "0" and "no valid Content-Length" in failure.reason


def test_plain_gzip_of_a_whole_warc_names_offsets_inside_the_member(tmp_path: Path, warc_tools) -> None:
    plain = warc_tools.build([warc_tools.html_response(f"https://news.example/{n}", STORY) for n in range(2)], False)
    second = warc_tools.offsets(plain)[1]
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain))
    assert [p.record for p in read_pages(path)] == ["0", f"0+{second}"]
