"""newstrace: find where news comes from.

The public Python API. Each name here is a plain function over the
dataclasses in `newstrace.model`; the CLI commands carry the same names.
"""

# `enrich` is both a subpackage and its entry function; importing the function here, after the
# subpackage, keeps `newstrace.enrich(article)` callable however the subpackage is imported later.
from .enrich import EnrichOptions, enrich
from .errors import InputError, NewstraceError, ParseError
from .model import Article, Dateline, InputFailure, Page, Removed
from .parse import ParseOptions, parse

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Corpus",
    "compare",
    "enrich",
    "EnrichOptions",
    "Dateline",
    "InputError",
    "InputFailure",
    "NewstraceError",
    "Page",
    "ParseError",
    "ParseOptions",
    "Removed",
    "parse",
    "parse_paths",
    "read_pages",
]


def __getattr__(name: str):
    # Reading inputs pulls in archive readers; import them only when asked for.
    if name == "read_pages":
        from .ingest import read_pages

        return read_pages
    if name == "compare":
        from .trace import compare

        return compare
    if name == "Corpus":
        from .store import Corpus

        return Corpus
    if name == "parse_paths":
        from .pipeline import parse_paths

        return parse_paths
    raise AttributeError(f"module 'newstrace' has no attribute {name!r}")
