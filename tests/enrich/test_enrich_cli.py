"""End to end: enrichment stored by `ingest`, read back by `entities`, `quotes` and `search --entity`."""

import json

from click.testing import CliRunner

from newstrace.cli import cli

PAGE = """Harbour pilots agree new pay deal

VALDORIA, Spain (Reuters) - Harbour pilots in the port of Valdoria agreed a new pay deal on Tuesday, ending a
strike that had held up 140 ships, the port authority said.

"This agreement gives our pilots the security they asked for," union leader Marta Quiroga told reporters.

"We are back at work tomorrow morning."

Port director Anselm Brandt said the deal would cost the port 12 million euros over three years.

(Reporting by Ines Varga; Editing by Tom Hale)
"""


def _run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_stores_entities_quotes_and_figures(tmp_path):
    page, db = tmp_path / "pilots.txt", tmp_path / "corpus.db"
    page.write_text(PAGE, encoding="utf-8")
    _run("ingest", page, "--db", db, "--workers", "1", "--quiet")
    entities = json.loads(_run("entities", "--db", db, "--format", "json", "--top", "50"))
    assert {"name": "Marta Quiroga", "type": "person"}.items() <= next(
        e for e in entities if e["name"] == "Marta Quiroga").items()
    quotes = json.loads(_run("quotes", "--db", db, "--speaker", "Quiroga", "--format", "json"))
    assert [q["speaker"] for q in quotes] == ["Marta Quiroga", "Marta Quiroga"]
    assert quotes[0]["text"].startswith("This agreement gives our pilots")
    hits = json.loads(_run("search", "--entity", "Brandt", "--db", db, "--format", "json"))
    assert len(hits) == 1 and hits[0]["title"] == "Harbour pilots agree new pay deal"
    assert json.loads(_run("search", "--entity", "Nobody Atall", "--db", db, "--format", "json")) == []
    shown = json.loads(_run("show", "1", "--db", db, "--format", "json"))
    assert any(c["kind"] == "money" and c["value"] == 12_000_000 for c in shown["claims"])


def test_no_enrich_stores_none(tmp_path):
    page, db = tmp_path / "pilots.txt", tmp_path / "corpus.db"
    page.write_text(PAGE, encoding="utf-8")
    _run("ingest", page, "--db", db, "--workers", "1", "--quiet", "--no-enrich")
    assert json.loads(_run("entities", "--db", db, "--format", "json")) == []
    shown = json.loads(_run("show", "1", "--db", db, "--format", "json"))
    assert shown["entities"] == [] and shown["quotes"] == []
