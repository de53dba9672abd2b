"""Wire agencies, loaded from data/agencies.tsv (names are data, not code)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class AgencyTable:
    """Alias → canonical name, and one regex matching any alias as a whole word."""

    canonical: dict[str, str]
    alias_pattern: str  # alternation, longest alias first, for embedding in other regexes

    def lookup(self, alias: str) -> str | None:
        return self.canonical.get(alias.strip()) or self.canonical.get(alias.strip().casefold())


def parse_agency_rows(lines: list[str]) -> AgencyTable:
    canonical: dict[str, str] = {}
    originals: list[str] = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        name, *aliases = [cell.strip() for cell in line.split("\t") if cell.strip()]
        for alias in (name, *aliases):
            canonical[alias] = name
            originals.append(alias)
            # Case-insensitive fallback only for long aliases: "AP" must not match "Ap".
            if len(alias) > 4:
                canonical.setdefault(alias.casefold(), name)
    # Datelines often print the agency in capitals: "Jakarta (ANTARA) -".
    for alias in list(originals):
        if alias.upper() != alias and len(alias) > 3:
            canonical.setdefault(alias.upper(), canonical[alias])
            originals.append(alias.upper())
    aliases_longest_first = sorted(set(originals), key=len, reverse=True)
    pattern = "|".join(re.escape(alias) for alias in aliases_longest_first)
    return AgencyTable(canonical=canonical, alias_pattern=pattern)


@lru_cache(maxsize=1)
def agency_table() -> AgencyTable:
    """The bundled agency table (read once; immutable afterwards)."""
    text = resources.files("newstrace.parse").joinpath("data/agencies.tsv").read_text("utf-8")
    return parse_agency_rows(text.splitlines())
