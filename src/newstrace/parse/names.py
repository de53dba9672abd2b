"""Small checks and clean-ups for person names in credits and bylines."""

from __future__ import annotations

import re

from .patterns import NAME_SPLIT, NAME_TAIL

# Lower-case particles that may sit inside a person's name.
NAME_PARTICLES = frozenset(
    "de del della der den di da dos das du la le van von ter ten bin binti al el ibn y mac st".split()
)
_EMAIL = re.compile(r"\S+@\S+")
_EDGE_PUNCT = " \t\"'“”‘’()[]{};:,.-–—|•"


# Bylines that name no person: "Staff", "Agencies", "News Desk", "Web Team".
GENERIC_BYLINE_WORDS = frozenset(
    "staff agencies agency desk newsdesk editor editors team newsroom reporter reporters correspondent admin "
    "administrator editorial web news wire wires services bureau writer writers contributor contributors "
    "online digital".split()
)


def is_generic_byline(text: str) -> bool:
    """'Staff', 'Staff and agencies', 'News Desk': bylines that name nobody."""
    words = text.split()
    return bool(words) and all(w.lower().strip(".,") in GENERIC_BYLINE_WORDS | {"and", "&", "the", "our"}
                               for w in words)


def looks_like_name(text: str) -> bool:
    """True for 'Andrew Haley', 'J. R. Smith', 'Ursula von der Leyen'; False for phrases."""
    words = text.split()
    if is_generic_byline(text):
        return False
    if not 1 <= len(words) <= 6 or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    particles_ok = all(w[:1].isupper() or w.lower().strip(".") in NAME_PARTICLES for w in words)
    return particles_ok and bool(capitalised) and words[-1][:1].isupper()


def clean_name(raw: str) -> str:
    """Strip place tails ("in Beijing"), emails and stray punctuation from one name."""
    text = _EMAIL.sub("", raw)
    text = NAME_TAIL.sub("", text)
    return " ".join(text.strip(_EDGE_PUNCT).split())


_AND_SPLIT = re.compile(r"\s*(?:;|&|\band\b|\by\b|\bet\b|\bund\b|\be\b)\s*")
_HAS_PLACE = re.compile(r"\s(?:in|at|from|en|à|aus)\s")


def split_names(text: str) -> list[str]:
    """'Jane Doe in Kyiv and John Roe; Ann Lee' -> ['Jane Doe', 'John Roe', 'Ann Lee'].

    A part that names a place ('Daniel Rojas in Chiclayo, Peru') is one person:
    its commas belong to the place, not to a list of names.
    """
    names = []
    for part in _AND_SPLIT.split(text):
        pieces = [part] if _HAS_PLACE.search(part) else NAME_SPLIT.split(part)
        for piece in pieces:
            name = clean_name(piece)
            if name:
                names.append(name)
    return names
