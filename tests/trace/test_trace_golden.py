"""Golden explanations: hand-written pairs (tests/trace/golden/) and what `compare` must say about them.

Only the stable, meaningful parts are pinned: the kind, which side is the original,
the flags, the specific Change entries and coverage ranges, never exact scores.
Every case is also checked with its two pages swapped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.model import COPY_KINDS, FLAG_NAMES, RELATION_KINDS, Relation
from newstrace.trace import compare

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = json.loads((GOLDEN / "cases.json").read_text(encoding="utf-8"))["cases"]
FLIP = {"a": "b", "b": "a", None: None}


def _figures(text: str | None) -> set[float]:
    """The values a number Change names ('1.3e+09', or several joined by ', ')."""
    values = set()
    for part in (text or "").split(", "):
        try:
            values.add(float(part.rstrip("%")))
        except ValueError:
            continue
    return values


def _matches(expected: dict, change) -> bool:
    if change.kind != expected["kind"]:
        return False
    if "figures" in expected:
        old, new = expected["figures"]
        return old in _figures(change.original) and new in _figures(change.copy)
    return all(getattr(change, key) == value for key, value in expected.items())


def _check(relation: Relation, case: dict, *, swapped: bool) -> None:
    side = (lambda key: {"coverage_a": "coverage_b", "coverage_b": "coverage_a"}.get(key, key)) if swapped else str
    where = f"{case['name']}{' (swapped)' if swapped else ''}: {relation.reasons}"
    assert relation.kind == case["kind"], where
    assert relation.original == (FLIP[case["original"]] if swapped else case["original"]), where
    assert sorted(relation.flags) == sorted(case["flags"]), where
    for expected in case["changes"]:
        assert any(_matches(expected, change) for change in relation.changes), (expected, relation.changes)
    assert not [c for c in relation.changes if c.kind in case.get("no_changes", [])], relation.changes
    for key in ("coverage_a", "coverage_b", "verbatim_share"):
        if key in case:
            low, high = case[key]
            value = getattr(relation.alignment, side(key))
            assert low <= value <= high, (key, value, where)
    only = relation.alignment.only_b if swapped else relation.alignment.only_a
    for phrase in case.get("only_a_contains", []):
        assert any(phrase in passage for passage in only), (phrase, only)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_golden_explanation(case):
    relation = compare((GOLDEN / case["a"]).read_bytes(), (GOLDEN / case["b"]).read_bytes())
    _check(relation, case, swapped=False)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_golden_explanation_swapped(case):
    relation = compare((GOLDEN / case["b"]).read_bytes(), (GOLDEN / case["a"]).read_bytes())
    _check(relation, case, swapped=True)


def test_cases_use_known_names_only():
    for case in CASES:
        assert case["kind"] in RELATION_KINDS
        assert set(case["flags"]) <= set(FLAG_NAMES)
        assert (case["original"] is not None) == (case["kind"] in COPY_KINDS)
        assert (GOLDEN / case["a"]).is_file() and (GOLDEN / case["b"]).is_file()


def test_str_bytes_and_article_inputs_agree(tk):
    """`compare` takes Articles or raw pages (bytes or str) and gives one verdict for all three."""
    a_path, b_path = GOLDEN / "braga-buses.wire.txt", GOLDEN / "braga-buses.spun.txt"
    from_bytes = compare(a_path.read_bytes(), b_path.read_bytes())
    from_str = compare(a_path.read_text(encoding="utf-8"), b_path.read_text(encoding="utf-8"))
    from_articles = compare(tk.golden_article(a_path.name), tk.golden_article(b_path.name))
    assert from_bytes.to_dict() == from_str.to_dict() == from_articles.to_dict()


def test_spun_copy_alignment_reads_in_order_and_names_the_misspelt_byline():
    relation = compare((GOLDEN / "braga-buses.wire.txt").read_bytes(), (GOLDEN / "braga-buses.spun.txt").read_bytes())
    pairs = [(pair.a, pair.b) for pair in relation.alignment.pairs]
    assert pairs == sorted(pairs) and len(pairs) >= 7
    assert relation.alignment.order >= 0.9
    # The quotes were kept word for word; everything else was reworded.
    verbatim = [pair for pair in relation.alignment.pairs if pair.wording >= 0.9]
    assert verbatim and all('"' in pair.a_text for pair in verbatim)
    byline = next(change for change in relation.changes if change.kind == "byline")
    assert (byline.original, byline.copy) == ("Ines Carvalhosa", "Ines Carvalhoza")
    assert any("before the other page" in reason for reason in relation.reasons)


def test_to_dict_is_json_ready():
    relation = compare((GOLDEN / "ohio-bridges.wire.txt").read_bytes(),
                       (GOLDEN / "ohio-bridges.edited.txt").read_bytes())
    data = json.loads(json.dumps(relation.to_dict()))
    assert {"kind", "confidence", "original", "flags", "alignment", "changes", "scores", "reasons"} <= set(data)
    assert 0.0 <= data["confidence"] <= 1.0
    number = next(change for change in data["changes"] if change["kind"] == "number")
    assert "2.1 billion" in number["detail"]
