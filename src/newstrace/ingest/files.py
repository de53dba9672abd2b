"""Inputs on disk or stdin: walking directories, opening files, and handing
each opened input to the reader for its form."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

from newstrace.errors import InputError
from newstrace.ingest.common import CHUNK_SIZE, TruncatedInput, os_reason, too_large_reason
from newstrace.ingest.feeds import read_feed
from newstrace.ingest.jsonl import read_jsonl
from newstrace.ingest.sniff import is_page_name
from newstrace.ingest.streams import Content, open_content
from newstrace.ingest.warc import read_warc
from newstrace.model import InputFailure, Page

STDIN_NAME = "-"

PageOrFailure = Page | InputFailure


def read_path(path: str, max_bytes: int) -> Iterator[PageOrFailure]:
    """Pages from a file, a directory tree, or stdin ("-")."""
    if path == STDIN_NAME:
        yield from read_stdin(max_bytes)
    elif os.path.isdir(path):
        for item in walk_files(path):
            if isinstance(item, InputFailure):
                yield item
            else:
                yield from read_file(item, max_bytes)
    else:
        yield from read_file(path, max_bytes)


def walk_files(directory: str, ancestors: frozenset[tuple[int, int]] = frozenset()) -> Iterator[str | InputFailure]:
    """Paths of the files under `directory`, depth first in name order,
    skipping hidden names; failures for what cannot be listed or read."""
    try:
        info = os.stat(directory)
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputFailure(directory, f"cannot list directory: {os_reason(exc)}")
        return
    identity = (info.st_dev, info.st_ino)
    if identity in ancestors:
        yield InputFailure(directory, "symbolic link back to a directory above it, not followed")
        return
    for entry in entries:
        if not entry.name.startswith("."):
            yield from _walk_entry(entry, ancestors | {identity})


def _walk_entry(entry: os.DirEntry, ancestors: frozenset[tuple[int, int]]) -> Iterator[str | InputFailure]:
    try:
        if entry.is_dir():
            yield from walk_files(entry.path, ancestors)
            return
        if entry.is_file():
            if is_page_name(entry.name):
                yield entry.path
            return
        broken_link = entry.is_symlink() and not os.path.exists(entry.path)
    except OSError as exc:
        yield InputFailure(entry.path, os_reason(exc))
        return
    yield InputFailure(entry.path, "broken symbolic link" if broken_link else "not a regular file")


def read_file(path: str, max_bytes: int) -> Iterator[PageOrFailure]:
    try:
        handle = open_binary(path)
    except OSError as exc:
        yield InputFailure(path, os_reason(exc))
        return
    with handle:
        yield from _read_guarded(path, path, handle, max_bytes)


def open_binary(path: str) -> BinaryIO:
    """Open a file for reading bytes (a seam for tests of unreadable files)."""
    return open(path, "rb")


def read_stdin(max_bytes: int) -> Iterator[PageOrFailure]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield InputFailure(STDIN_NAME, "standard input is not available as bytes")
        return
    yield from _read_guarded(STDIN_NAME, "", stream, max_bytes)


def _read_guarded(source: str, name: str, handle: BinaryIO, max_bytes: int) -> Iterator[PageOrFailure]:
    """Read one input, turning every error into a failure of that input: a
    corpus run must go on past one bad file."""
    try:
        yield from _read_content(source, open_content(name, handle), max_bytes, _regular_size(handle))
    except InputError as exc:
        yield InputFailure(source, str(exc))
    except OSError as exc:
        yield InputFailure(source, os_reason(exc))
    except Exception as exc:  # a bug must not end a corpus run; the reason names it
        yield InputFailure(source, f"internal error while reading: {type(exc).__name__}: {exc}")


def _regular_size(handle: BinaryIO) -> int | None:
    """The size of a regular file, None for pipes, stdin and in-memory streams."""
    try:
        info = os.fstat(handle.fileno())
    except (OSError, AttributeError, io.UnsupportedOperation):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _read_content(source: str, content: Content, max_bytes: int, size: int | None) -> Iterator[PageOrFailure]:
    form = content.form
    if form == "empty":
        yield InputFailure(source, "empty file")
    elif form.startswith("binary:"):
        yield InputFailure(source, f"binary data, not a page (looks like {form.removeprefix('binary:')})")
    elif form == "warc":
        yield from read_warc(content, source, max_bytes)
    elif form == "jsonl":
        yield from read_jsonl(content.stream, source, max_bytes)
    elif form == "feed":
        yield from read_feed(content.stream, source, max_bytes)
    else:
        yield from _single_page(source, content, max_bytes, size)


def _single_page(source: str, content: Content, max_bytes: int, size: int | None) -> Iterator[PageOrFailure]:
    """A whole file as one page; a gzip file cut short gives the page as far
    as it goes, then a failure saying so."""
    if size is not None and not content.compressed and size > max_bytes:
        yield InputFailure(source, too_large_reason(size, max_bytes))
        return
    data, error = _read_bounded(content.stream, max_bytes)
    if data is None:
        yield InputFailure(source, too_large_reason(None, max_bytes))
        return
    if data:
        yield Page(source=source, data=data, content_type=content.form)
    if error is not None:
        yield InputFailure(source, _cut_reason(error, kept=bool(data)))


def _read_bounded(stream: io.BufferedReader, max_bytes: int) -> tuple[bytes | None, InputError | None]:
    """All the bytes (None when over max_bytes), and the error that ended
    the read early, keeping what came before it."""
    data = bytearray()
    try:
        while piece := stream.read1(CHUNK_SIZE):
            data += piece
            if len(data) > max_bytes:
                return None, None
    except InputError as error:
        return bytes(data), error
    return bytes(data), None


def _cut_reason(error: InputError, kept: bool) -> str:
    what = "truncated gzip data" if isinstance(error, TruncatedInput) else "damaged gzip data"
    tail = "; the page before that point was kept" if kept else ""
    return f"{what} ({error}){tail}"
