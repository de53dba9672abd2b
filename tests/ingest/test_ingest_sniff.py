from __future__ import annotations

import pytest

from newstrace.ingest import detect_form
from newstrace.ingest.common import iso_day
from newstrace.ingest.sniff import looks_like_html

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(
    ("name", "head", "form"),
    [
        ("story.html", b"<p>hello</p>", "html"),
        ("story.HTM", b"plain words", "html"),
        ("story.xhtml", b"<html/>", "html"),
        ("dump.txt", b"<html><body>x</body></html>", "text"),
        ("page.html.gz", b"<p>x</p>", "html"),
        ("dump.txt.gz", b"words", "text"),
        ("crawl.warc", b"not yet known", "warc"),
        ("crawl.warc.gz", b"WARC/1.0\r\n", "warc"),
        ("records.jsonl", b"garbage", "jsonl"),
        ("records.ndjson.gz", b'{"html": "x"}\n', "jsonl"),
        ("news.rss", b"<rss>", "feed"),
        ("news.atom", b"<feed>", "feed"),
        ("news.xml", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("/some/dir.d/news.xml", b"<?xml version='1.0'?><!-- hi --><feed xmlns='x'>", "feed"),
        ("", b"", "empty"),
        ("story.html", b"", "empty"),
    ],
)
def test_form_by_extension(name: str, head: bytes, form: str) -> None:
    assert detect_form(name, head) == form


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (PNG, "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive or Office document"),
        (b"\x1f\x8b\x08\x00", "gzip data nested in gzip"),
        (b"\x7fELF\x02\x01", "ELF executable"),
    ],
)
def test_magic_numbers_win_over_the_name(head: bytes, kind: str) -> None:
    assert detect_form("story.html", head) == f"binary:{kind}"
    assert detect_form("", head) == f"binary:{kind}"


@pytest.mark.parametrize(
    ("head", "form"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"<!DOCTYPE html>\n<html lang=en>", "html"),
        (b"\xef\xbb\xbf<html><head><title>t</title>", "html"),
        (b"  <body class=x>hello", "html"),
        (b"Some intro <p>one</p><p>two</p><div>three</div>", "html"),
        (b"LONDON (Reuters) - A plain story.\n\nSecond paragraph.", "text"),
        (b"Use a <b> tag sparingly.", "text"),
        (b'{"url": "https://x", "html": "<p>x</p>"}\n{"url": 2}', "jsonl"),
        (b'{"html": "' + b"x" * 9000, "jsonl"),
        (b'{\n  "pretty": "printed"\n}\n', "text"),
        (b"<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel>", "feed"),
        (b"\x00\x01\x02\x03binary\x00\x00stuff", "binary:unrecognised binary data"),
        ("<html><body>caf\u00e9</body></html>".encode("utf-16"), "html"),
        ("plain text in UTF-16 without a BOM".encode("utf-16-le"), "text"),
    ],
)
def test_form_by_content(head: bytes, form: str) -> None:
    assert detect_form("", head) == form
    assert detect_form("-", head) == form
    assert detect_form("data.bin", head) == form


def test_html_sniffing_counts_common_tags() -> None:
    assert looks_like_html(b"<div><span>a</span></div>")
    assert not looks_like_html(b"x < y and y > z; <notatag> here")


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-05-06", "2024-05-06"),
        ("2024-05-06T23:30:00-05:00", "2024-05-06"),
        ("2024-05-06 10:00", "2024-05-06"),
        ("20240506123000", "2024-05-06"),
        ("Mon, 06 May 2024 10:00:00 +0000", "2024-05-06"),
        ("2024-02-30", None),
        ("2024-05-06x", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_iso_day(value: str, day: str | None) -> None:
    assert iso_day(value) == day
