"""Golden-file tests for `newstrace.parse`.

Each case is `golden/<name>.expected.json` next to its input `golden/<name>.txt`
or `golden/<name>.html`. A case whose input lives elsewhere (the real seed page
under ../shared) names it with the "input" key, relative to the repo root.

Expected files are written by hand and never regenerated: a key that is
present is checked, a key that is absent is not. Public keys are compared
exactly against `Article.to_dict()`; helper keys check a looser property when
the exact value would be brittle or long. See CHECKS below for the helpers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.model import REMOVAL_REASONS

GOLDEN_DIR = Path(__file__).parent / "golden"
REPO_ROOT = Path(__file__).resolve().parents[2]
EXPECTED_SUFFIX = ".expected.json"
INPUT_SUFFIXES = {".txt": "text", ".html": "html"}

# Keys of Article.to_dict() that an expected file may pin exactly.
PUBLIC_KEYS = {
    "site_name", "url", "title", "page_date", "story_date", "dateline",
    "agency", "agency_source", "credits", "paragraphs", "removed", "language",
}
# Keys that steer the case rather than check it.
META_KEYS = {"input", "input_url", "note"}


def _case_paths() -> list[Path]:
    return sorted(GOLDEN_DIR.glob("*" + EXPECTED_SUFFIX))


def _case_name(expected_path: Path) -> str:
    return expected_path.name[: -len(EXPECTED_SUFFIX)]


def _load_expected(expected_path: Path) -> dict:
    return json.loads(expected_path.read_text(encoding="utf-8"))


def _input_path(expected_path: Path, expected: dict) -> Path:
    """The case's input: an explicit pointer, else the sibling .txt/.html."""
    if "input" in expected:
        return (REPO_ROOT / expected["input"]).resolve()
    name = _case_name(expected_path)
    siblings = [GOLDEN_DIR / (name + suffix) for suffix in INPUT_SUFFIXES]
    found = [path for path in siblings if path.exists()]
    assert len(found) == 1, f"{name}: expected one input file, found {found}"
    return found[0]


def _content_type(input_path: Path) -> str:
    return INPUT_SUFFIXES[input_path.suffix]


# --- helper checks: each takes (expected value, article dict), returns errors.

def _paragraph_count(want: int, got: dict) -> list[str]:
    count = len(got["paragraphs"])
    return [] if count == want else [f"paragraph_count: expected {want}, got {count}"]


def _first_startswith(want: str, got: dict) -> list[str]:
    first = got["paragraphs"][0] if got["paragraphs"] else None
    if first is not None and first.startswith(want):
        return []
    return [f"first_paragraph_startswith: expected {want!r}..., got {first!r}"]


def _last_endswith(want: str, got: dict) -> list[str]:
    last = got["paragraphs"][-1] if got["paragraphs"] else None
    if last is not None and last.endswith(want):
        return []
    return [f"last_paragraph_endswith: expected ...{want!r}, got {last!r}"]


def _paragraphs_exclude(unwanted: list[str], got: dict) -> list[str]:
    return [
        f"paragraphs_exclude: {text!r} found in paragraph {index}: {para!r}"
        for text in unwanted
        for index, para in enumerate(got["paragraphs"])
        if text in para
    ]


def _removed_include(wanted: list[dict], got: dict) -> list[str]:
    errors = []
    for item in wanted:
        hit = any(
            r["reason"] == item["reason"] and item["text_contains"] in r["text"]
            for r in got["removed"]
        )
        if not hit:
            errors.append(
                f"removed_include: no removed item with reason {item['reason']!r} "
                f"containing {item['text_contains']!r}"
            )
    return errors


def _removed_reasons_exactly(wanted: list[str], got: dict) -> list[str]:
    reasons = {r["reason"] for r in got["removed"]}
    if reasons == set(wanted):
        return []
    return [f"removed_reasons_exactly: expected {sorted(wanted)}, got {sorted(reasons)}"]


def _credits_include(wanted: dict, got: dict) -> list[str]:
    """Each role named is compared exactly; roles not named are not checked."""
    return [
        f"credits_include[{role!r}]: expected {names!r}, got {got['credits'].get(role)!r}"
        for role, names in wanted.items()
        if got["credits"].get(role) != names
    ]


CHECKS = {
    "paragraph_count": _paragraph_count,
    "first_paragraph_startswith": _first_startswith,
    "last_paragraph_endswith": _last_endswith,
    "paragraphs_exclude": _paragraphs_exclude,
    "removed_include": _removed_include,
    "removed_reasons_exactly": _removed_reasons_exactly,
    "credits_include": _credits_include,
}
KNOWN_KEYS = PUBLIC_KEYS | META_KEYS | set(CHECKS)


def _public_key_errors(key: str, want, got: dict) -> list[str]:
    if got.get(key) == want:
        return []
    if key == "paragraphs":
        return _paragraph_diff(want, got["paragraphs"])
    return [f"{key}: expected {json.dumps(want, ensure_ascii=False)}, "
            f"got {json.dumps(got.get(key), ensure_ascii=False)}"]


def _paragraph_diff(want: list[str], got: list[str]) -> list[str]:
    """Name each differing paragraph, so a long list fails readably."""
    errors = [f"paragraphs: expected {len(want)} paragraphs, got {len(got)}"]
    for index in range(max(len(want), len(got))):
        expected = want[index] if index < len(want) else None
        actual = got[index] if index < len(got) else None
        if expected != actual:
            errors.append(f"  [{index}] expected {expected!r}\n      got      {actual!r}")
    return errors


def _check(expected: dict, got: dict) -> list[str]:
    errors = []
    for key, want in expected.items():
        if key in PUBLIC_KEYS:
            errors += _public_key_errors(key, want, got)
        elif key in CHECKS:
            errors += CHECKS[key](want, got)
    return errors


@pytest.mark.parametrize("expected_path", _case_paths(), ids=_case_name)
def test_expected_file_is_well_formed(expected_path: Path) -> None:
    """Catch typos in hand-written expectations before they silently check nothing."""
    expected = _load_expected(expected_path)
    unknown = set(expected) - KNOWN_KEYS
    assert not unknown, f"unknown keys {sorted(unknown)}"
    reasons = [item["reason"] for item in expected.get("removed_include", [])]
    reasons += expected.get("removed_reasons_exactly", [])
    bad = [reason for reason in reasons if reason not in REMOVAL_REASONS]
    assert not bad, f"unknown removal reasons {bad}"
    if "input" not in expected:
        _input_path(expected_path, expected)


@pytest.mark.parametrize("expected_path", _case_paths(), ids=_case_name)
def test_golden(expected_path: Path) -> None:
    import newstrace

    expected = _load_expected(expected_path)
    input_path = _input_path(expected_path, expected)
    if not input_path.exists():
        pytest.skip(f"input {input_path} is absent (../shared not mounted)")
    article = newstrace.parse(
        input_path.read_bytes(),
        url=expected.get("input_url"),
        content_type=_content_type(input_path),
    )
    errors = _check(expected, article.to_dict())
    assert not errors, f"{_case_name(expected_path)}:\n" + "\n".join(errors)
