from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import newstrace.ingest.files as ingest_files
from newstrace.ingest import read_pages
from newstrace.model import InputFailure, Page

STORY_HTML = b"<html><head><title>Flood</title></head><body><p>Caf\xe9 closed.</p></body></html>"
STORY_TEXT = b"LONDON (Reuters) - Rivers rose on Tuesday.\n\nMore rain is due.\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def only(items: list) -> Page | InputFailure:
    assert len(items) == 1, items
    return items[0]


def test_html_file_is_one_page_with_its_raw_bytes(tmp_path: Path) -> None:
    path = write(tmp_path / "story.html", STORY_HTML)
    page = only(list(read_pages(path)))
    assert page == Page(source=str(path), data=STORY_HTML, content_type="html")


def test_text_file_and_string_path(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.txt", STORY_TEXT)
    page = only(list(read_pages(str(path))))
    assert (page.data, page.content_type, page.record) == (STORY_TEXT, "text", None)


@pytest.mark.parametrize(("data", "kind"), [(STORY_HTML, "html"), (STORY_TEXT, "text")])
def test_unknown_extension_is_sniffed(tmp_path: Path, data: bytes, kind: str) -> None:
    page = only(list(read_pages(write(tmp_path / "page.dat", data))))
    assert page.content_type == kind


def test_directory_is_walked_in_name_order_skipping_hidden(tmp_path: Path) -> None:
    for name in ["z.html", "b/2.html", "a.txt", "b/1.txt", "b/c/0.txt", ".hidden/x.html", "b/.secret.txt"]:
        write(tmp_path / name, STORY_HTML if name.endswith(".html") else STORY_TEXT)
    sources = [item.source for item in read_pages(tmp_path)]
    expected = ["a.txt", "b/1.txt", "b/2.html", "b/c/0.txt", "z.html"]
    assert sources == [str(tmp_path / name) for name in expected]


def test_directory_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", STORY_TEXT)
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    os.symlink(tmp_path / "gone", tmp_path / "d" / "broken")
    items = list(read_pages(tmp_path))
    assert [type(item) for item in items] == [Page, InputFailure, InputFailure]
    assert items[1].reason == "broken symbolic link"
    assert "symbolic link back to a directory" in items[2].reason


def test_unreadable_directory_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", STORY_TEXT)
    write(tmp_path / "locked" / "b.txt", STORY_TEXT)
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_pages(tmp_path))
    assert isinstance(items[0], Page)
    assert items[1] == InputFailure(str(tmp_path / "locked"), "cannot list directory: permission denied")


def test_permission_denied_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "story.html", STORY_HTML)

    def refuse(name: str):
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(ingest_files, "open_binary", refuse)
    assert only(list(read_pages(path))) == InputFailure(str(path), "permission denied")


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.html"
    assert only(list(read_pages(path))) == InputFailure(str(path), "no such file or directory")


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "story.html", b"")
    assert only(list(read_pages(path))) == InputFailure(str(path), "empty file")


def test_empty_gzip_file(tmp_path: Path) -> None:
    path = write(tmp_path / "story.html.gz", gzip.compress(b""))
    assert only(list(read_pages(path))).reason == "empty file"


def test_binary_file_names_what_it_looks_like(tmp_path: Path) -> None:
    path = write(tmp_path / "story.html", PNG)
    failure = only(list(read_pages(path)))
    assert failure == InputFailure(str(path), "binary data, not a page (looks like PNG image)")


def test_file_over_the_size_limit_is_judged_by_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "big.html", b"<p>" + b"x" * 2048)
    # The size check comes before reading: reading past the head would fail.
    monkeypatch.setattr(ingest_files, "_read_bounded", lambda *args: pytest.fail("read the whole file"))
    failure = only(list(read_pages(path, max_bytes=1024)))
    assert failure == InputFailure(str(path), "page is 2.0 KiB, over the 1.0 KiB limit")


def test_compressed_page_over_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.html.gz", gzip.compress(b"<p>" + b"x" * 50_000))
    assert only(list(read_pages(path, max_bytes=10_000))).reason == "page is over the 9.8 KiB limit"


def test_page_at_the_limit_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "edge.txt", b"x" * 100)
    assert only(list(read_pages(path, max_bytes=100))).data == b"x" * 100


@pytest.mark.parametrize(("name", "data", "kind"), [("page.html.gz", STORY_HTML, "html"), ("dump.txt.gz", STORY_TEXT, "text")])
def test_gzip_pages_are_decompressed(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    page = only(list(read_pages(write(tmp_path / name, gzip.compress(data)))))
    assert (page.data, page.content_type) == (data, kind)


def test_gzip_found_by_magic_and_multi_member(tmp_path: Path) -> None:
    path = write(tmp_path / "page", gzip.compress(STORY_HTML[:30]) + gzip.compress(STORY_HTML[30:]))
    page = only(list(read_pages(path)))
    assert (page.data, page.content_type) == (STORY_HTML, "html")


def test_truncated_gzip_keeps_the_page_before_the_cut(tmp_path: Path) -> None:
    text = "\n".join(f"Paragraph {n} of a long wire story." for n in range(5000)).encode()
    compressed = gzip.compress(text)
    path = write(tmp_path / "dump.txt.gz", compressed[: len(compressed) // 2])
    page, failure = list(read_pages(path))
    assert text.startswith(page.data) and 0 < len(page.data) < len(text)
    assert failure.source == str(path)
    assert failure.reason.startswith("truncated gzip data (gzip data ends inside the member at offset 0)")


def test_gzip_cut_in_its_header_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "story.html.gz", gzip.compress(STORY_HTML)[:5])
    assert "gzip data ends inside the member at offset 0" in only(list(read_pages(path))).reason


def test_corrupt_gzip_is_a_failure(tmp_path: Path) -> None:
    compressed = bytearray(gzip.compress(STORY_TEXT * 50))
    compressed[20:40] = b"\xff" * 20
    items = list(read_pages(write(tmp_path / "dump.txt.gz", bytes(compressed))))
    assert isinstance(items[-1], InputFailure)
    assert "gzip data" in items[-1].reason


def fake_stdin(data: bytes) -> SimpleNamespace:
    return SimpleNamespace(buffer=io.BytesIO(data))


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", fake_stdin(STORY_HTML))
    assert only(list(read_pages("-"))) == Page(source="-", data=STORY_HTML, content_type="html")


def test_stdin_gzip_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = b'{"text": "one"}\n{"html": "<p>two</p>", "url": "https://x.example/2"}\n'
    monkeypatch.setattr(sys, "stdin", fake_stdin(gzip.compress(lines)))
    pages = list(read_pages("-"))
    assert [(p.source, p.record, p.data, p.content_type) for p in pages] == [
        ("-", "1", "one", "text"),
        ("-", "2", "<p>two</p>", "html"),
    ]


def test_stdin_empty_and_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", fake_stdin(b""))
    assert only(list(read_pages("-"))) == InputFailure("-", "empty file")
    monkeypatch.setattr(sys, "stdin", None)
    assert only(list(read_pages("-"))).reason == "standard input is not available as bytes"


def test_a_bad_file_does_not_stop_the_walk(tmp_path: Path) -> None:
    write(tmp_path / "a.html", PNG)  # a page name with image bytes: a failure, not a skip
    write(tmp_path / "a.png", PNG)  # an image beside pages is not input: skipped
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.html", STORY_HTML)
    kinds = [type(item).__name__ for item in read_pages(tmp_path)]
    assert kinds == ["InputFailure", "InputFailure", "Page"]


def test_directory_walk_skips_non_page_files(tmp_path):
    (tmp_path / "story.html").write_text("<html><body><p>Story text here.</p></body></html>")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "dump").write_text("A plain dump with no extension.")
    for name in ("README.md", "truth.json", "make.py", "page.html.in"):
        (tmp_path / name).write_text("not a page")
    sources = sorted(item.source for item in read_pages(tmp_path))
    assert sources == [str(tmp_path / "notes" / "dump"), str(tmp_path / "story.html")]
    # Named explicitly, any file is read.
    assert [p.source for p in read_pages(tmp_path / "README.md")] == [str(tmp_path / "README.md")]
