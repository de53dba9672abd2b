"""Terminal rendering for the CLI (rich): progress bars and tables. No library logic here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .store import IngestProgress, SearchHit
from .store.read import MATCH_END, MATCH_START

_stderr = Console(stderr=True)
_stdout = Console()


@contextmanager
def ingest_progress(quiet: bool) -> Iterator[Callable[[IngestProgress], None] | None]:
    """A progress callback drawing a live bar on stderr, or None when quiet or not a terminal."""
    if quiet or not _stderr.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(bar_width=None),
               TextColumn("{task.fields[line]}"), TimeElapsedColumn())
    with Progress(*columns, console=_stderr, transient=False) as bar:
        task = bar.add_task("ingest", total=None, line="starting")

        def update(counts: IngestProgress) -> None:
            line = (f"{counts.pages} pages · {counts.pages_per_s:.0f}/s · {counts.articles} articles ·"
                    f" {counts.duplicates} duplicates · {counts.errors} errors")
            bar.update(task, completed=counts.pages, line=line)

        yield update


def print_hits(hits: list[SearchHit]) -> None:
    if not hits:
        _stdout.print("no matches")
        return
    table = Table(show_lines=False)
    for name in ("id", "date", "site", "title / snippet", "score"):
        table.add_column(name, overflow="fold")
    for hit in hits:
        cell = Text(hit.title or "(no title)", style="bold")
        cell.append("\n")
        cell.append_text(_highlighted(hit.snippet.replace("\n", " ")))
        table.add_row(str(hit.id), hit.date or "-", hit.site_name or hit.source, cell, f"{hit.score:.2f}")
    _stdout.print(table)


def print_stats(summary: dict) -> None:
    _stdout.print(f"[bold]{summary['articles']}[/] articles from {summary['pages']} pages,"
                  f" {summary['words']} words, {summary['errors']} failed inputs")
    for key, label in (("by_site", "site"), ("by_agency", "agency"), ("by_language", "language"),
                       ("by_month", "month")):
        table = Table(title=f"by {label}", title_justify="left")
        table.add_column(label)
        table.add_column("articles", justify="right")
        for row in summary[key]:
            table.add_row(_escape(row["name"] or "(unknown)"), str(row["articles"]))
        _stdout.print(table)
    if summary["recent_errors"]:
        table = Table(title="latest errors", title_justify="left")
        for name in ("source", "record", "reason"):
            table.add_column(name, overflow="fold")
        for row in summary["recent_errors"]:
            table.add_row(_escape(row["source"]), row["record"] or "", _escape(row["reason"]))
        _stdout.print(table)


def _highlighted(snippet: str) -> Text:
    text = Text()
    for index, part in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", snippet)):
        text.append(part, style="bold yellow" if index % 2 else None)
    return text


def _escape(text: str) -> str:
    return text.replace("[", "\\[")

