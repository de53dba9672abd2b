"""Small builders shared by the enrich rule tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from newstrace.enrich.claims import find_claims
from newstrace.model import Entity, Mention


def figures(text: str, entities: list[Entity] | None = None) -> list[tuple[str, str, float, str | None]]:
    """(text, kind, value, unit) of every claim in `text`, paragraphs split at blank lines."""
    return [(c.text, c.kind, c.value, c.unit) for c in find_claims(text.split("\n\n"), entities or [])]


def place(name: str, country: str | None, mentions: int = 2) -> Entity:
    """A place entity mentioned `mentions` times: enough to make `country` the story's country."""
    return Entity(name=name, type="place", variants=[],
                  mentions=[Mention(0, 0, len(name), name) for _ in range(mentions)], country=country)
