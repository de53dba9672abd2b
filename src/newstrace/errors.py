"""The library's own exceptions. Every public function raises only these."""


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    """An input could not be read: missing file, truncated archive, bad JSON line."""


class ParseError(NewstraceError):
    """A page could not be turned into an Article: empty, binary, no text, too large."""
