"""Builders for the trace tests: golden pairs, generated unrelated articles, stores on disk.

The helpers come as one session fixture (`tk`) so that test modules need no
imports from this file (tests/ has no packages) and hypothesis tests may use it.
Everything runs on real SQLite files in tmp dirs; nothing is mocked.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from newstrace.model import Article, Dateline, Page
from newstrace.parse import parse
from newstrace.store.db import connect, transaction
from newstrace.store.write import insert_article

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
REPO = HERE.parents[1]
EXAMPLES = REPO / "examples"

# Invented words for generated articles: syllables glued together read like no real language,
# so generated pages share no wording, names or figures with the golden stories by accident.
_SYLLABLES = ("ka lo mi ne ru ta so vi pe da go fu ri ze bo la mu si te no ba di ko re sa tu ve "
              "ga mo ni pu").split()
_VOCABULARY_RANDOM = random.Random(5150)


def _invented(rnd: random.Random, low: int = 2, high: int = 4) -> str:
    return "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(low, high)))


VOCABULARY = tuple(dict.fromkeys(_invented(_VOCABULARY_RANDOM, 2, 4) for _ in range(4000)))
NAMES = tuple(dict.fromkeys(_invented(_VOCABULARY_RANDOM, 3, 4).capitalize() for _ in range(600)))


def golden_path(name: str) -> Path:
    return GOLDEN / name


def golden_article(name: str) -> Article:
    article = parse(golden_path(name).read_bytes())
    article.source = str(golden_path(name))
    return article


def golden_cases() -> list[dict]:
    return json.loads((GOLDEN / "cases.json").read_text(encoding="utf-8"))["cases"]


def generated_article(seed: int, *, day: date | None = None) -> Article:
    """An invented article that shares nothing in particular with any other: its own words,
    names and figures, dated somewhere in 2018-2024 unless `day` is given."""
    rnd = random.Random(seed)
    day = day or date(2018, 1, 1) + timedelta(days=rnd.randrange(7 * 365))
    names = rnd.sample(NAMES, 4)
    paragraphs = []
    for _ in range(rnd.randint(4, 7)):
        sentences = []
        for _ in range(rnd.randint(1, 2)):
            words = [rnd.choice(VOCABULARY) for _ in range(rnd.randint(10, 18))]
            words[rnd.randrange(1, len(words))] = rnd.choice(names)
            if rnd.random() < 0.6:
                words.insert(rnd.randrange(1, len(words)), str(rnd.randint(11, 98000)))
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return Article(title=" ".join(rnd.choice(VOCABULARY) for _ in range(6)).capitalize(), paragraphs=paragraphs,
                   site_name=f"{rnd.choice(NAMES)} Gazette", page_date=day.isoformat(), story_date=day.isoformat(),
                   language="en", dateline=Dateline())


def store_articles(db_path: Path, articles: list[Article], tag: str = "generated") -> list[int]:
    """Insert articles straight through the write layer (no parsing); returns their ids in order."""
    conn = connect(db_path)
    ids = []
    try:
        with transaction(conn):
            for number, item in enumerate(articles):
                page = Page(source=f"{tag}-{number}", data=f"{tag} {number} {item.title} {item.text}", record=None)
                ids.append(insert_article(conn, page, item))
    finally:
        conn.close()
    return ids


def link_rows(db_path: Path) -> dict[tuple[int, int], tuple]:
    """Every stored copy link, keyed by (a_id, b_id), read with a plain connection."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT a_id, b_id, relation, confidence, original_id, flags, detail FROM copy_links")
        return {(row[0], row[1]): tuple(row[2:]) for row in rows}
    finally:
        conn.close()


def family_rows(db_path: Path) -> dict[int, tuple[int, int]]:
    """article id -> (family id, original id)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT article_id, family_id, original_id FROM families")
        return {row[0]: (row[1], row[2]) for row in rows}
    finally:
        conn.close()


@pytest.fixture(scope="session")
def tk() -> SimpleNamespace:
    return SimpleNamespace(
        GOLDEN=GOLDEN, REPO=REPO, EXAMPLES=EXAMPLES, VOCABULARY=VOCABULARY, NAMES=NAMES, golden_path=golden_path,
        golden_article=golden_article, golden_cases=golden_cases, generated_article=generated_article,
        store_articles=store_articles, link_rows=link_rows, family_rows=family_rows,
    )
