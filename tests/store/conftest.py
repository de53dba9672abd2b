"""Builders for the store tests: pages on disk, WARC files, hand-made articles, subprocess runs.

Everything here writes real files in tmp dirs and uses the real store (no mocks).
The helpers come as one session fixture (`kit`) so that test modules need no
imports from this file and hypothesis tests may use it.
"""

from __future__ import annotations

import io
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.model import Article, Dateline, Page, Removed
from newstrace.store.db import connect, transaction
from newstrace.store.write import insert_article

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"

# Words for generated pages: enough variety that every page reads differently.
_WORDS = ("harbour council river market budget ferry port tram school bridge festival library museum station"
          " wind solar grain cargo timber copper quay crane tender vote mayor rail depot canal lock tide").split()


def text_dump(title: str, paragraphs: list[str], site: str | None = None) -> str:
    """A flattened page as scrapers leave it: site header, headline, then the body."""
    head = f"{site}\n\n" if site else ""
    return head + f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def html_page(title: str, paragraphs: list[str], *, url: str | None = None, site: str | None = None,
              date: str | None = None) -> str:
    """A small article page with the usual meta tags."""
    meta = [f"<title>{title}</title>", f'<meta property="og:title" content="{title}">']
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if url:
        meta.append(f'<link rel="canonical" href="{url}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T09:00:00Z">')
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (f'<!doctype html><html lang="en"><head>{"".join(meta)}</head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def varied_paragraphs(seed: int, count: int = 3, words: int = 22) -> list[str]:
    """Sentences of random words, each ending in a token unique to (seed, paragraph)."""
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(_WORDS) for _ in range(words)).capitalize() + f" marker{seed}x{index}."
            for index in range(count)]


def write_text_pages(directory: Path, count: int, start: int = 0) -> list[Path]:
    """`count` distinct, cheap text dumps named p00000.txt...; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        rnd = random.Random(number)
        title = f"Story {number}: the {rnd.choice(_WORDS)} and the {rnd.choice(_WORDS)} plan"
        path = directory / f"p{number:05d}.txt"
        path.write_text(text_dump(title, varied_paragraphs(number), site=f"Gazette {number % 7}"), encoding="utf-8")
        paths.append(path)
    return paths


def warc_bytes(pages: list[tuple[str, bytes]]) -> tuple[bytes, list[int]]:
    """An uncompressed WARC of HTML responses (url, body), and each record's byte offset."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    offsets = []
    for url, body in pages:
        http_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http_headers,
                                           warc_headers_dict={"WARC-Date": "2024-03-05T14:30:00Z"})
        offsets.append(buffer.tell())
        writer.write_record(record)
    return buffer.getvalue(), offsets


def article(title: str | None, paragraphs: list[str], **fields) -> Article:
    """An Article built by hand; `dateline` may be given as a (place, agency, date) tuple."""
    dateline = fields.pop("dateline", None)
    if isinstance(dateline, tuple):
        dateline = Dateline(*dateline)
    removed = [item if isinstance(item, Removed) else Removed(*item) for item in fields.pop("removed", [])]
    return Article(title=title, paragraphs=paragraphs, dateline=dateline or Dateline(), removed=removed, **fields)


def store_articles(db_path: Path, articles: list[Article], source: str = "made-by-hand") -> list[int]:
    """Insert articles straight through the write layer; returns their ids in order."""
    conn = connect(db_path)
    ids = []
    try:
        with transaction(conn):
            for number, item in enumerate(articles):
                page = Page(source=source, data=f"page {number} {item.title}", record=str(number), url=item.url)
                ids.append(insert_article(conn, page, item))
    finally:
        conn.close()
    return ids


def read_only(db_path: Path) -> sqlite3.Connection:
    """A plain read-only connection, independent of the code under test."""
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)


def subprocess_env() -> dict:
    """Environment for `python -m newstrace` when the package is not installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def newstrace_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newstrace", *map(str, args)]


def run_newstrace(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(newstrace_command(*args), cwd=cwd, env=subprocess_env(), capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    return SimpleNamespace(
        REPO=REPO, text_dump=text_dump, html_page=html_page, varied_paragraphs=varied_paragraphs,
        write_text_pages=write_text_pages, warc_bytes=warc_bytes, article=article, store_articles=store_articles,
        read_only=read_only, subprocess_env=subprocess_env, newstrace_command=newstrace_command,
        run_newstrace=run_newstrace,
    )
