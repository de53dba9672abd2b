"""Language identification and a warning for scripts the news rules do not cover."""

from __future__ import annotations

import re
from functools import lru_cache

_SAMPLE_CHARS = 2000
# Below this confidence (py3langid's normalised probability) we trust the page's own label.
_MIN_CONFIDENCE = 0.8


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, hint: str | None = None) -> str | None:
    """ISO 639-1 code of the text; the page's declared language breaks ties."""
    declared = (hint or "").split("-")[0].split("_")[0].lower() or None
    sample = text[:_SAMPLE_CHARS]
    if len(sample.split()) < 5:
        return declared
    code, confidence = _identifier().classify(sample)
    if confidence < _MIN_CONFIDENCE and declared:
        return declared
    return code


def _script_of(char: str) -> str:
    point = ord(char)
    if point < 0x250 or 0x1E00 <= point < 0x1F00:
        return "Latin"
    if 0x370 <= point < 0x400 or 0x1F00 <= point < 0x2000:
        return "Greek"
    if 0x400 <= point < 0x530:
        return "Cyrillic"
    for start, end, name in _OTHER_SCRIPTS:
        if start <= point < end:
            return name
    return "other"


_OTHER_SCRIPTS = (
    (0x530, 0x590, "Armenian"), (0x590, 0x600, "Hebrew"), (0x600, 0x700, "Arabic"), (0x900, 0x980, "Devanagari"),
    (0x980, 0xA00, "Bengali"), (0xE00, 0xE80, "Thai"), (0x10A0, 0x1100, "Georgian"), (0x1100, 0x1200, "Hangul"),
    (0x3040, 0x3100, "Japanese kana"), (0x4E00, 0xA000, "Han"), (0xAC00, 0xD7B0, "Hangul"),
)
_COVERED_SCRIPTS = {"Latin", "Greek", "Cyrillic"}


_UNCOVERED = re.compile(r"[\u0530-\u1DFF\u2000-\U0010FFFF]")
_LETTER = re.compile(r"[^\W\d_]")


def script_warning(text: str) -> str | None:
    """A warning when most letters are in a script the dateline/credit rules do not cover."""
    sample = text[:_SAMPLE_CHARS]
    # Fast path for the common case: hardly anything outside Latin, Greek and Cyrillic.
    if len(_UNCOVERED.findall(sample)) * 2 < len(_LETTER.findall(sample)):
        return None
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for ch in letters:
        script = _script_of(ch)
        counts[script] = counts.get(script, 0) + 1
    main = max(counts, key=counts.get)
    if main in _COVERED_SCRIPTS:
        return None
    return (f"text is mostly in {main} script: body extracted, but dateline and credit rules "
            "cover only Latin, Greek and Cyrillic scripts")
