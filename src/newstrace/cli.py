"""The `newstrace` command line: a thin layer over the library functions of the same names.

Commands only parse arguments, call the library and print. Library errors are
turned into messages here, once; problems with single inputs go to stderr as
`error: SOURCE#RECORD: reason` and the run carries on (unless --fail-fast).
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from collections.abc import Iterable

import click

from .enrich import EnrichOptions
from .errors import NewstraceError
from .model import ENTITY_TYPES, Article, InputFailure
from .parse import ParseOptions
from .pipeline import parse_paths
from .store import DEFAULT_DB, FORMATS, Corpus, IngestOptions
from .trace import compare
from .views import (ingest_progress, print_comparison, print_entities, print_family, print_hits, print_links,
                    print_quotes, print_stats, trace_progress)


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
@click.option("--no-enrich", is_flag=True, help="Skip entities, quotes, claims and checks (faster).")
def parse_command(paths: tuple[str, ...], output_format: str, keep_going: bool, max_mb: float,
                  no_enrich: bool) -> None:
    """Parse pages (HTML, text dumps, WARC, JSONL, .gz, directories, '-' for stdin) into articles."""
    options = ParseOptions(max_bytes=int(max_mb * 2**20))
    items = parse_paths(paths, options, enrich_options=None if no_enrich else EnrichOptions())
    failures = _print_articles(items, output_format, keep_going)
    if failures:
        click.echo(f"{failures} input(s) failed", err=True)
        sys.exit(1)


DB_OPTION = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, envvar="NEWSTRACE_DB",
                         help="The corpus database (SQLite file).")


def _open(db_path: str, readonly: bool = False) -> Corpus:
    try:
        return Corpus.open(db_path, readonly=readonly)
    except NewstraceError as error:
        raise click.ClickException(str(error)) from error


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="Parser processes (default: all cores).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary; errors still go to stderr.")
@click.option("--max-mb", type=float, default=20.0, show_default=True, help="Largest page to parse, in MiB.")
@click.option("--no-enrich", is_flag=True, help="Store articles without entities, quotes and claims (faster).")
def ingest_command(paths: tuple[str, ...], db_path: str, workers: int | None, quiet: bool, max_mb: float,
                   no_enrich: bool) -> None:
    """Parse pages and store them in the corpus (idempotent: stored pages are skipped)."""
    options = IngestOptions(workers=workers, parse=ParseOptions(max_bytes=int(max_mb * 2**20)),
                            enrich=None if no_enrich else EnrichOptions())
    with _open(db_path) as corpus, ingest_progress(quiet) as progress:
        counts = corpus.ingest(list(paths), progress=progress, options=options)
    for failure in counts.failures:
        click.echo(f"error: {failure}", err=True)
    if counts.errors > len(counts.failures):
        click.echo(f"... and {counts.errors - len(counts.failures)} more (see `newstrace stats`)", err=True)
    if not quiet:
        click.echo(f"{counts.pages} pages read, {counts.articles} articles stored, {counts.duplicates} already stored,"
                   f" {counts.errors} failed, in {db_path}", err=True)
    if counts.errors:
        sys.exit(1)


@cli.command("search")
@click.argument("query", required=False)
@DB_OPTION
@click.option("--entity", help="Only articles naming this person, organisation or place (any linked spelling).")
@click.option("--site", help="Only this site name.")
@click.option("--agency", help="Only this wire agency (e.g. Reuters, AP, AFP).")
@click.option("--language", help="Only this language code (e.g. en).")
@click.option("--since", help="Story (else page) date on or after, YYYY-MM-DD.")
@click.option("--until", help="Story (else page) date on or before, YYYY-MM-DD.")
@click.option("--limit", type=click.IntRange(1, 10000), default=20, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def search_command(query: str, db_path: str, limit: int, output_format: str, **filters) -> None:
    """Full-text search (SQLite FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*), best first.

    QUERY may be left out when a filter such as --entity says what to list.
    """
    with _open(db_path, readonly=True) as corpus:
        hits = _library_call(lambda: corpus.search(query, limit=limit, **filters))
    if output_format == "json":
        click.echo(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2))
    else:
        print_hits(hits)


@cli.command("show")
@click.argument("article_id", type=int)
@DB_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_command(article_id: int, db_path: str, output_format: str) -> None:
    """One stored article, with the furniture removed from it."""
    with _open(db_path, readonly=True) as corpus:
        article = _library_call(lambda: corpus.article(article_id))
    if output_format == "json":
        click.echo(json.dumps({"id": article_id, **article.to_dict()}, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(article))


@cli.command("stats")
@DB_OPTION
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True, help="Rows per breakdown.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats_command(db_path: str, top: int, output_format: str) -> None:
    """Counts by site, agency, language and month, and the latest errors."""
    with _open(db_path, readonly=True) as corpus:
        summary = corpus.stats(top=top)
    if output_format == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print_stats(summary)


@cli.command("export")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-", show_default=True,
              help="File to write ('-': stdout; Parquet needs a file).")
@click.option("--where", multiple=True, help="A condition COLUMN OP VALUE (OP: = != >= <= > < ~), repeatable.")
@click.option("--site")
@click.option("--agency")
@click.option("--language")
@click.option("--since")
@click.option("--until")
def export_command(db_path: str, fmt: str, output: str, where: tuple[str, ...], **filters) -> None:
    """Write stored articles as JSONL (full, re-ingestible), CSV or Parquet."""
    if fmt == "parquet" and output == "-":
        raise click.UsageError("Parquet is binary: give a file with --output")
    with _open(db_path, readonly=True) as corpus, _output(output, binary=fmt == "parquet") as out:
        count = _library_call(lambda: corpus.export(fmt, out, where=list(where), **filters))
    click.echo(f"{count} articles exported", err=True)


@cli.command("quotes")
@DB_OPTION
@click.option("--speaker", help="Only quotes by this speaker (full name, surname or a linked spelling).")
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def quotes_command(db_path: str, speaker: str | None, limit: int, output_format: str) -> None:
    """Who said what: quotes with their speakers, newest first."""
    _query_and_print(db_path, lambda corpus: corpus.quotes(speaker, limit), output_format, print_quotes)


@cli.command("entities")
@DB_OPTION
@click.option("--type", "entity_type", type=click.Choice(list(ENTITY_TYPES)), help="Only this kind of entity.")
@click.option("--top", type=click.IntRange(1, 10000), default=20, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def entities_command(db_path: str, entity_type: str | None, top: int, output_format: str) -> None:
    """The most-mentioned people, organisations, places, groups and events, with their spellings."""
    _query_and_print(db_path, lambda corpus: corpus.entities(entity_type, top), output_format, print_entities)


@cli.command("trace")
@DB_OPTION
@click.option("--workers", type=click.IntRange(1, 256), default=None, help="Processes (default: all cores).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def trace_command(db_path: str, workers: int | None, quiet: bool) -> None:
    """Find copies among stored articles (incremental: only new articles are matched)."""
    with _open(db_path) as corpus, trace_progress(quiet) as progress:
        counts = _library_call(lambda: corpus.trace(progress, workers=workers))
    if not quiet:
        click.echo(f"{counts.new_articles} new articles traced, {counts.pairs} candidate pairs compared,"
                   f" {counts.links} links stored, in {db_path}", err=True)


@cli.command("copies")
@click.argument("article_id", type=int)
@DB_OPTION
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def copies_command(article_id: int, db_path: str, output_format: str) -> None:
    """Every known copy of an article (and independent reports of the same event)."""
    with _open(db_path, readonly=True) as corpus:
        links = _library_call(lambda: corpus.copies(article_id))
    if output_format == "json":
        click.echo(json.dumps([link.to_dict() for link in links], ensure_ascii=False, indent=2))
    else:
        print_links(article_id, links)


@cli.command("origin")
@click.argument("article_id", type=int)
@DB_OPTION
@click.option("--format", "output_format", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
def origin_command(article_id: int, db_path: str, output_format: str) -> None:
    """The family of copies an article belongs to, as a tree from its original."""
    with _open(db_path, readonly=True) as corpus:
        family = _library_call(lambda: corpus.origin(article_id))
        titles = {m: corpus.article(m) for m in (family.members if family else [])}
    if output_format == "json":
        click.echo(json.dumps(family.to_dict() if family else None, ensure_ascii=False, indent=2))
    elif family is None:
        click.echo(f"article {article_id} has no known copies")
    else:
        print_family(family, titles)


@cli.command("compare")
@click.argument("first")
@click.argument("second")
@DB_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def compare_command(first: str, second: str, db_path: str, output_format: str) -> None:
    """Compare two articles (files, or ids in the store): relation, aligned passages, what changed."""
    article_a, article_b = (_article_arg(value, db_path) for value in (first, second))
    relation = compare(article_a, article_b)
    if output_format == "json":
        click.echo(json.dumps(relation.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_comparison(relation, article_a, article_b)


def _article_arg(value: str, db_path: str) -> Article:
    """A file path is parsed; a number that is not a file is an article id in the store."""
    if os.path.exists(value) or not value.isdigit():
        items = list(parse_paths([value]))
        articles = [item for item in items if isinstance(item, Article)]
        if not articles:
            reason = next((str(item) for item in items if isinstance(item, InputFailure)), f"{value}: no article")
            raise click.ClickException(reason)
        return articles[0]
    with _open(db_path, readonly=True) as corpus:
        return _library_call(lambda: corpus.article(int(value)))


@contextmanager
def _output(path: str, *, binary: bool):
    """The export target: stdout for '-', else the file (CSV wants newline='' to write its own line ends)."""
    if path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


def _query_and_print(db_path: str, query, output_format: str, printer) -> None:
    """Run a read-only library query on the store; print its rows as JSON or with `printer`."""
    with _open(db_path, readonly=True) as corpus:
        rows = _library_call(lambda: query(corpus))
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        printer(rows)


def _library_call(call):
    try:
        return call()
    except NewstraceError as error:
        raise click.ClickException(str(error)) from error


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
        *_enrichment_lines(article),
        "",
    ]
    return "\n".join(lines)


def _enrichment_lines(article: Article) -> list[str]:
    if not (article.entities or article.quotes or article.claims):
        return []
    lines = [""]
    for kind in ENTITY_TYPES:
        names = [e.name for e in article.entities if e.type == kind]
        if names:
            lines.append(f"{kind}s: {', '.join(names)}")
    lines += [f"  quote ({q.speaker or 'unknown'}): “{q.text[:90]}”" for q in article.quotes if q.kind == "direct"]
    lines += [f"  figure: {c.text} = {c.value:g} {c.unit or ''} ({c.kind}, {c.subject or '-'}, {c.period or '-'})"
              for c in article.claims]
    lines += [f"  check {c.kind}: {c.status} {c.detail}" for c in article.checks]
    return lines


def _where(article: Article) -> str:
    source = article.source or "-"
    return f"{source}#{article.record}" if article.record else source


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def main() -> None:
    cli(prog_name="newstrace")
