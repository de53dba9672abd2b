"""Shared fixtures for the enrich tests: the seed article (skips without ../shared) and whether a model is installed."""

from __future__ import annotations

import warnings

import pytest

SEED = "seeds/000_1195644db65fa4b1.txt"


@pytest.fixture(scope="session")
def seed_article(shared_dir):
    from newstrace import parse

    return parse((shared_dir / SEED).read_bytes())


@pytest.fixture(scope="session")
def has_model() -> bool:
    """True when a spaCy English model loads (tests needing it skip otherwise)."""
    from newstrace.enrich.nlp import load_model

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_model(None) is not None
