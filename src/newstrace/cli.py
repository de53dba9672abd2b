"""The `newstrace` command line: a thin layer over the library functions of the same names.

Commands only parse arguments, call the library and print. Library errors are
turned into messages here, once; problems with single inputs go to stderr as
`error: SOURCE#RECORD: reason` and the run carries on (unless --fail-fast).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import click

from .model import Article, InputFailure
from .parse import ParseOptions
from .pipeline import parse_paths


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newstrace")
def cli() -> None:
    """newstrace: find where news comes from."""


@cli.command("parse")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["json", "jsonl", "text"]), default="json",
              show_default=True, help="json: a pretty list; jsonl: one object per line; text: readable summary.")
@click.option("--keep-going/--fail-fast", default=True, show_default=True,
              help="Carry on past inputs that fail (the exit code is 1 either way).")
@click.option("--max-mb", type=float, default=20.0, show_default=True, help="Largest page to parse, in MiB.")
def parse_command(paths: tuple[str, ...], output_format: str, keep_going: bool, max_mb: float) -> None:
    """Parse pages (HTML, text dumps, WARC, JSONL, .gz, directories, '-' for stdin) into articles."""
    options = ParseOptions(max_bytes=int(max_mb * 2**20))
    failures = _print_articles(parse_paths(paths, options), output_format, keep_going)
    if failures:
        click.echo(f"{failures} input(s) failed", err=True)
        sys.exit(1)


def _print_articles(items: Iterable[Article | InputFailure], output_format: str, keep_going: bool) -> int:
    """Stream articles to stdout in the chosen format; report failures on stderr. Returns the failure count."""
    failures = 0
    first = True
    if output_format == "json":
        click.echo("[")
    for item in items:
        if isinstance(item, InputFailure):
            failures += 1
            click.echo(f"error: {item}", err=True)
            if not keep_going:
                break
            continue
        for warning in item.warnings:
            click.echo(f"warning: {_where(item)}: {warning}", err=True)
        click.echo(_render(item, output_format, first))
        first = False
    if output_format == "json":
        click.echo("]")
    return failures


def _render(article: Article, output_format: str, first: bool) -> str:
    if output_format == "jsonl":
        return json.dumps(article.to_dict(), ensure_ascii=False)
    if output_format == "json":
        body = json.dumps(article.to_dict(), ensure_ascii=False, indent=2)
        return ("" if first else ",\n") + _indent(body)
    return render_text(article)


def render_text(article: Article) -> str:
    """A readable account of one article: metadata, body, and what was removed."""
    credits = "; ".join(f"{role}: {', '.join(names)}" for role, names in article.credits.items())
    dateline = ", ".join(x for x in (article.dateline.place, article.dateline.agency) if x)
    lines = [
        f"== {article.title or '(no title)'}",
        f"source: {_where(article)}",
        f"site: {article.site_name or '-'}   url: {article.url or '-'}   language: {article.language or '-'}",
        f"page date: {article.page_date or '-'}   story date: {article.story_date or '-'}",
        f"dateline: {dateline or '-'}   agency: {article.agency or '-'}",
        f"credits: {credits or '-'}",
        "",
        *[f"  {p}" for p in article.paragraphs],
        "",
        *[f"  [removed: {r.reason}] {r.text[:100]}" for r in article.removed],
        "",
    ]
    return "\n".join(lines)


def _where(article: Article) -> str:
    source = article.source or "-"
    return f"{source}#{article.record}" if article.record else source


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def main() -> None:
    cli(prog_name="newstrace")
