"""The docs keep up with the code: every CLI command has help text and a place in the README tour."""

from pathlib import Path

import pytest

from newstrace.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (Path(__file__).resolve().parent.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(name):
    command = cli.commands[name]
    assert command.help and len(command.help.split()) >= 4
    assert f"newstrace {name}" in README


@pytest.mark.parametrize("table", ["pages", "articles", "removed", "errors", "articles_fts", "trace_signatures",
                                   "copy_links", "families", "entities", "quotes", "claims", "checks", "time_refs",
                                   "entity_variants"])
def test_every_table_is_documented(table):
    from newstrace.store.schema import MIGRATIONS

    assert any(f"CREATE TABLE {table} " in m or f"CREATE VIRTUAL TABLE {table} " in m for m in MIGRATIONS)
    assert f"`{table}`" in ARCHITECTURE
