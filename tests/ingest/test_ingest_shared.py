"""Real pages from the benchmark data (skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.ingest import read_pages
from newstrace.model import Page


def test_benchmark_html_gz_pages_are_read_whole(shared_dir: Path) -> None:
    folder = shared_dir / "bench" / "extraction"
    html_files = sorted(folder.rglob("*.html.gz"))
    if not html_files:
        pytest.skip("no .html.gz benchmark pages in ../shared")
    items = [item for item in read_pages(folder) if item.source.endswith(".html.gz")]
    assert [item.source for item in items] == [str(path) for path in html_files]
    assert all(isinstance(item, Page) and item.content_type == "html" and item.data for item in items)
