"""Spelling variants of one entity across a corpus: "Sadyr Japarov", "Sadir Japarov", "Sadyr Zhaparov".

Method (`link_variants`):

1. **Transliteration folding.** Each word is lower-cased, stripped of
   diacritics and apostrophes ("Xi’an" -> "xian"), and common
   romanisation alternatives are made one: zh/dzh/dj -> j, kh -> h,
   tch -> ch, sch -> sh, ph -> f, ck/q -> k, w -> v, y -> i, ou -> u;
   doubled letters are single. "Zhaparov" and "Japarov" both give "japarov".
2. **Blocking by consonant skeleton.** Only names of the same type whose
   skeleton agrees are compared: the first letter (any vowel written "_")
   then the consonants ("japarov" -> "jprv", "xian" -> "xn"). For people the
   skeleton of the surname (last word) is used, so a surname alone meets
   the full names that end in it. "Austria" (_str) and "Australia" (_strl)
   never meet.
3. **Spelling evidence.** rapidfuzz's ratio on the folded forms: at or above
   `threshold` (85) is strong evidence, at or above `weak_threshold` (70)
   weak. For people the surnames must agree strongly and the given names
   are compared the same way ("John"/"Jane": 50, no link); an initial that
   matches ("S. Japarov") is weak. A surname alone is linked to the one
   full name in its block; to one of several only by context.
4. **Context.** With `contexts` (for each name, the names it co-occurs
   with in articles), weak evidence needs shared co-occurring names
   (compared folded): at least one, and at least 30% of the smaller of the
   two sets, so that one hub name in common ("United States") among many
   is not enough. Without contexts, weak evidence never links.
5. **Known places and organisations.** Two names the gazetteer reads as the
   same place or organisation ("Kiev"/"Kyiv", "G7"/"Group of Seven") are
   linked; two it reads as different ones never are.

Linked names form groups (union-find); each name maps to its group's
canonical form: among the names with the most words, the most frequent,
then the longest.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from .gazetteer import best_place, fold_key, load_gazetteer, organisation_name

THRESHOLD = 85.0
WEAK_THRESHOLD = 70.0
MIN_CONTEXT_OVERLAP = 0.3  # share of the smaller set of co-occurring names
_ROMANISATIONS = (("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("tch", "ch"), ("sch", "sh"),
                  ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"), ("y", "i"), ("ou", "u"))
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=1 << 16)
def translit_word(word: str) -> str:
    """'Zhaparov' -> 'japarov', 'Sadyr' -> 'sadir', 'Xi’an' -> 'xian'."""
    folded = fold_key(word)
    for written, common in _ROMANISATIONS:
        folded = folded.replace(written, common)
    return re.sub(r"(.)\1+", r"\1", folded)


def translit_words(name: str) -> tuple[str, ...]:
    return tuple(key for word in name.replace("-", " ").split() if (key := translit_word(word)))


@lru_cache(maxsize=1 << 16)
def skeleton(folded: str) -> str:
    """First letter (a vowel as '_') and the consonants: 'japarov' -> 'jprv'. Short words stay whole."""
    if len(folded) <= 3:
        return folded
    head = "_" if folded[0] in _VOWELS else folded[0]
    return re.sub(r"(.)\1+", r"\1", head + "".join(ch for ch in folded[1:] if ch not in _VOWELS))


def link_variants(entities: list[tuple[str, str, int]], contexts: dict[str, set[str]] | None = None,
                  threshold: float = THRESHOLD, weak_threshold: float = WEAK_THRESHOLD) -> dict[str, str]:
    """Map every name in `entities` ((name, type, count) triples) to the canonical name of its variant group."""
    counts, types = _name_types(entities)
    parent = {name: name for name in counts}
    judge = _Judge(contexts, threshold, weak_threshold)
    for kind in set(types.values()):
        names = [name for name in counts if types[name] == kind]
        _link_known(parent, names, kind)
        for block in _blocks(names, kind).values():
            for a, b in _linked_pairs(block, kind, judge):
                _union(parent, a, b)
            if kind == "person":
                _link_surnames(parent, block, judge)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        groups[_find(parent, name)].append(name)
    out = {}
    for members in groups.values():
        canonical = max(members, key=lambda n: (len(translit_words(n)), counts[n], len(n), n))
        out.update((member, canonical) for member in members)
    return out


def _name_types(entities: list[tuple[str, str, int]]) -> tuple[dict[str, int], dict[str, str]]:
    """Total count per name, and its most frequent type (a name seen as two types is linked as one)."""
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name, kind, count in entities:
        per_type[name][kind] += count
    counts = {name: sum(kinds.values()) for name, kinds in per_type.items()}
    types = {name: max(kinds, key=lambda kind: (kinds[kind], kind)) for name, kinds in per_type.items()}
    return counts, types


def _blocks(names: list[str], kind: str) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = translit_words(name)
        if words:
            blocks[skeleton(words[-1] if kind == "person" else "".join(words))].append(name)
    return blocks


def _link_known(parent: dict[str, str], names: list[str], kind: str) -> None:
    """Names the gazetteer reads as one place or organisation ("Kiev"/"Kyiv", "G7"/"Group of Seven")."""
    first_named: dict[str, str] = {}
    for name in names:
        reading = _known_reading(name, kind)
        if reading:
            _union(parent, first_named.setdefault(reading, name), name)


def _linked_pairs(block: list[str], kind: str, judge: _Judge) -> list[tuple[str, str]]:
    if kind != "person":
        return [(a, b) for i, a in enumerate(block) for b in block[i + 1:] if judge.same_thing(a, b, kind)]
    full = [name for name in block if len(translit_words(name)) > 1]
    if judge.contexts:
        return [(a, b) for i, a in enumerate(full) for b in full[i + 1:] if judge.same_person(a, b)]
    # Without contexts only strong evidence links, and that needs the given names' skeletons to agree:
    # comparing within those smaller groups gives the same links, without the quadratic cost of big blocks.
    by_given: dict[str, list[str]] = defaultdict(list)
    for name in full:
        by_given[skeleton(" ".join(translit_words(name)[:-1]))].append(name)
    return [(a, b) for group in by_given.values() for i, a in enumerate(group) for b in group[i + 1:]
            if judge.same_person(a, b)]


def _link_surnames(parent: dict[str, str], block: list[str], judge: _Judge) -> None:
    """A surname alone joins the one person (group of full names) it fits; of several, the one sharing context."""
    # Full names whose given names are initials ("S. Japarov") cannot tell two people apart: left out.
    full = [name for name in block if len(translit_words(name)) > 1 and len(translit_words(name)[0]) > 1]
    for alone in (name for name in block if len(translit_words(name)) == 1):
        fits = [name for name in full if judge.surname_evidence(alone, name) == "strong"]
        if len({_find(parent, name) for name in fits}) > 1:
            fits = [name for name in fits if judge.shares_context(alone, name)]
        if fits and len({_find(parent, name) for name in fits}) == 1:
            _union(parent, fits[0], alone)


class _Judge:
    """Decides whether two names in one block are one entity (the rules in the module docstring)."""

    def __init__(self, contexts: dict[str, set[str]] | None, threshold: float, weak_threshold: float):
        self.contexts = {name: {fold_key(other) for other in others} for name, others in (contexts or {}).items()}
        self.threshold = threshold
        self.weak_threshold = weak_threshold

    def evidence(self, a: str, b: str) -> str | None:
        """'strong', 'weak' or None for two folded forms."""
        score = ratio(a, b)
        if score >= self.threshold and skeleton(a) == skeleton(b):
            return "strong"
        return "weak" if score >= self.weak_threshold else None

    def decide(self, evidence: str | None, a: str, b: str) -> bool:
        return evidence == "strong" or evidence == "weak" and self.shares_context(a, b)

    def shares_context(self, a: str, b: str) -> bool:
        """At least MIN_CONTEXT_OVERLAP of the smaller context is shared: one hub name ("United States")
        in common among many is not enough."""
        context_a, context_b = self.contexts.get(a, set()), self.contexts.get(b, set())
        shared = len(context_a & context_b)
        return shared > 0 and shared >= MIN_CONTEXT_OVERLAP * min(len(context_a), len(context_b))

    def same_thing(self, a: str, b: str, kind: str) -> bool:
        known = _known_reading(a, kind), _known_reading(b, kind)
        if known[0] and known[1]:
            return known[0] == known[1]
        return self.decide(self.evidence("".join(translit_words(a)), "".join(translit_words(b))), a, b)

    def surname_evidence(self, a: str, b: str) -> str | None:
        return self.evidence(translit_words(a)[-1], translit_words(b)[-1])

    def same_person(self, a: str, b: str) -> bool:
        if self.surname_evidence(a, b) != "strong":
            return False
        given_a, given_b = translit_words(a)[:-1], translit_words(b)[:-1]
        if len(given_a[0]) == 1 or len(given_b[0]) == 1:  # an initial: "S. Japarov"
            evidence = "weak" if given_a[0][0] == given_b[0][0] else None
        else:
            evidence = self.evidence(" ".join(given_a), " ".join(given_b))
        return self.decide(evidence, a, b)


@lru_cache(maxsize=1 << 16)
def _known_reading(name: str, kind: str) -> str | None:
    """The gazetteer's canonical name for a place or organisation, None when it does not know the name."""
    gazetteer = load_gazetteer()
    if kind == "place":
        place = best_place(gazetteer, name)
        return f"{place.name}|{place.country}" if place else None
    if kind == "organisation":
        return organisation_name(gazetteer, name)
    return None


def _find(parent: dict[str, str], name: str) -> str:
    while parent[name] != name:
        parent[name] = parent[parent[name]]
        name = parent[name]
    return name


def _union(parent: dict[str, str], a: str, b: str) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[root_b] = root_a
