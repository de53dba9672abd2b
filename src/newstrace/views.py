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



@contextmanager
def trace_progress(quiet: bool):
    """Progress callback for `trace`: one bar per stage (signatures, compare)."""
    if quiet or not _stderr.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(bar_width=None),
               TextColumn("{task.completed}/{task.total}"), TextColumn("{task.fields[line]}"), TimeElapsedColumn())
    with Progress(*columns, console=_stderr) as bar:
        tasks: dict[str, int] = {}

        def update(counts) -> None:
            if counts.stage not in tasks:
                tasks[counts.stage] = bar.add_task(counts.stage, total=counts.total or None, line="")
            bar.update(tasks[counts.stage], completed=counts.done, total=counts.total or None,
                       line=f"{counts.links} links")

        yield update


def print_links(article_id: int, links: list) -> None:
    if not links:
        _stdout.print(f"no copies of article {article_id} known (run `newstrace trace` after ingesting)")
        return
    table = Table(title=f"links of article {article_id}", title_justify="left")
    for name in ("other", "relation", "conf.", "original", "flags (copy side)", "site / title"):
        table.add_column(name, overflow="fold")
    for link in links:
        original = "-" if link.original_id is None else f"#{link.original_id}"
        title = Text(f"{link.other_site or '-'} · {link.other_date or '-'}\n", style="dim")
        title.append(link.other_title or "(no title)")
        table.add_row(f"#{link.other_id}", link.relation, f"{link.confidence:.2f}", original,
                      ", ".join(link.flags) or "-", title)
    _stdout.print(table)


def print_family(family, articles: dict) -> None:
    from rich.tree import Tree

    def label(article_id: int) -> Text:
        article = articles[article_id]
        text = Text(f"#{article_id} ", style="bold")
        text.append(f"{article.site_name or article.source or '-'} · {article.page_date or '-'} · ")
        text.append(article.title or "(no title)", style="italic")
        return text

    tree = Tree(Text.assemble(("original ", "bold green"), label(family.original_id)))
    nodes = {family.original_id: tree}
    for link in family.links:
        parent = nodes.get(link.article_id, tree)
        child = Text.assemble((f"{link.relation} ({link.confidence:.2f}) ", "cyan"), label(link.other_id))
        if link.flags:
            child.append("  [" + ", ".join(link.flags) + "]", style="yellow")
        nodes[link.other_id] = parent.add(child)
    _stdout.print(tree)
    _stdout.print(Text(family.reason, style="dim"))


def print_comparison(relation, article_a, article_b) -> None:
    """Verdict, reasons and changes, then the aligned passages side by side with word differences."""
    side = {"a": "A", "b": "B"}.get(relation.original or "", "undecided")
    _stdout.print(Text.assemble(("relation: ", "bold"), (relation.kind, "bold cyan"),
                                f"  confidence {relation.confidence:.2f}  original: {side}"))
    if relation.flags:
        _stdout.print(Text("flags: " + ", ".join(relation.flags), style="yellow"))
    for reason in relation.reasons:
        _stdout.print(Text("· " + reason))
    for change in relation.changes:
        _stdout.print(Text(f"  changed {change.kind}: {change.original!s} → {change.copy!s}  {change.detail}",
                           style="magenta"))
    table = Table(show_lines=True)
    table.add_column(f"A: {article_a.site_name or article_a.source or ''}", ratio=1, overflow="fold")
    table.add_column(f"B: {article_b.site_name or article_b.source or ''}", ratio=1, overflow="fold")
    for pair in relation.alignment.pairs:
        left, right = word_diff(pair.a_text, pair.b_text)
        table.add_row(left, right)
    for passage in relation.alignment.only_a:
        table.add_row(Text(passage, style="red"), Text("(not in B)", style="dim"))
    for passage in relation.alignment.only_b:
        table.add_row(Text("(not in A)", style="dim"), Text(passage, style="green"))
    _stdout.print(table)


def word_diff(first: str, second: str) -> tuple[Text, Text]:
    """Both sentences with the words that differ highlighted (removed red, added green)."""
    from rapidfuzz.distance import Indel

    words_a, words_b = first.split(), second.split()
    left, right = Text(), Text()
    for op in Indel.opcodes(words_a, words_b):
        chunk_a = " ".join(words_a[op.src_start:op.src_end])
        chunk_b = " ".join(words_b[op.dest_start:op.dest_end])
        style_a, style_b = (None, None) if op.tag == "equal" else ("bold red", "bold green")
        if chunk_a:
            left.append(chunk_a + " ", style=style_a)
        if chunk_b:
            right.append(chunk_b + " ", style=style_b)
    return left, right


def print_quotes(rows: list[dict]) -> None:
    if not rows:
        _stdout.print("no quotes found")
        return
    table = Table()
    for name in ("article", "date", "speaker", "quote"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(f"#{row['article_id']}", row["date"] or "-", row["speaker"] or "(unknown)",
                      Text(f"“{row['text']}”" if row["kind"] == "direct" else row["text"]))
    _stdout.print(table)


def print_entities(rows: list[dict]) -> None:
    if not rows:
        _stdout.print("no entities stored (ingest without --no-enrich)")
        return
    table = Table()
    for name in ("name", "type", "articles", "spellings"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(Text(row["name"]), row["type"], str(row["articles"]), Text(", ".join(row["variants"])))
    _stdout.print(table)
