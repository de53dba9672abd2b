"""End to end on the bundled sample corpus: `newstrace ingest`, `trace`, `copies`, `origin` and `compare`.

examples/truth.json says which pages copy which; the families the trace finds
must match it, and independent or different-event reports must stay out.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newstrace.cli import cli
from newstrace.model import FLAG_NAMES, RELATION_KINDS
from newstrace.store import Corpus

REPO = Path(__file__).resolve().parents[2]
TRUTH = json.loads((REPO / "examples" / "truth.json").read_text(encoding="utf-8"))
FAMILIES = {family["id"]: family for family in TRUTH["families"]}
GDANSK_WIRE = "examples/wire/reuters-gdansk-terminal.txt"
SPUN = "examples/sites/bizwire24/gdansk-port-inks-terminal-agreement.txt"


def invoke(*args) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def assert_clean_error(result: Result, *phrases: str) -> None:
    assert result.exit_code == 1, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Error:" in result.stderr and "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in result.stderr


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> tuple[Path, Path, dict[str, int]]:
    """The examples copied to a tmp dir, ingested and traced once through the CLI.

    Returns the db, the copy's root (standing in for the repository root) and truth path -> article id.
    """
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPO / "examples", root / "examples")
    db = root / "corpus.db"
    ingested = invoke("ingest", root / "examples", "--db", db, "--workers", "1", "--quiet")
    # The section front page has no article text; it is the one page that may be refused.
    refused = [line for line in ingested.stderr.splitlines() if line.startswith("error:")]
    assert all("business-index.html" in line for line in refused), ingested.stderr
    assert ingested.exit_code == (1 if refused else 0), ingested.output
    traced = invoke("trace", "--db", db, "--workers", "1", "--quiet")
    assert traced.exit_code == 0, traced.output
    return db, root, _truth_ids(db, root)


def _truth_ids(db: Path, root: Path) -> dict[str, int]:
    """Each truth.json path (`file` or `container#URL`) to the id of its stored article."""
    with Corpus.open(db, readonly=True) as corpus:
        rows = corpus.conn.execute("SELECT a.id, p.source, coalesce(a.url, p.url) FROM articles a"
                                   " JOIN pages p ON p.id = a.page_id").fetchall()
    ids = {}
    for article_id, source, url in rows:
        relative = Path(source).resolve().relative_to(root.resolve()).as_posix()
        container = relative.endswith((".jsonl", ".warc.gz"))
        ids[f"{relative}#{url}" if container else relative] = article_id
    return ids


def _json(*args) -> object:
    result = invoke(*args)
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout)


def test_every_traced_page_of_the_truth_is_stored(corpus_db):
    _, _, ids = corpus_db
    wanted = [page["path"] for page in TRUTH["pages"] if page["role"] != "unrelated" or page["event"]]
    missing = [path for path in wanted if path not in ids and "business-index" not in path]
    assert not missing


def test_gdansk_wire_story_is_the_original_of_its_family(corpus_db):
    db, _, ids = corpus_db
    wire = ids[GDANSK_WIRE]
    family = _json("origin", wire, "--db", db, "--format", "json")
    assert family["original_id"] == wire
    expected = {ids[copy["path"]] for copy in FAMILIES["reuters-gdansk"]["copies"]} | {wire}
    assert set(family["members"]) == expected
    roles = {copy["role"] for copy in FAMILIES["reuters-gdansk"]["copies"]}
    assert {"verbatim", "stale", "spun", "edited", "translated"} <= roles
    for outsider in ("examples/wire/afp-gdansk-terminal.txt",
                     "examples/sites/tricity-express/port-signs-container-terminal-deal.html",
                     "examples/wire/reuters-klaipeda-terminal.txt"):
        assert ids[outsider] not in family["members"], outsider


def test_every_member_of_the_gdansk_family_names_the_same_original(corpus_db):
    db, _, ids = corpus_db
    for copy in FAMILIES["reuters-gdansk"]["copies"]:
        family = _json("origin", ids[copy["path"]], "--db", db, "--format", "json")
        assert family["original_id"] == ids[GDANSK_WIRE], copy["path"]


@pytest.mark.parametrize("family_id", sorted(FAMILIES))
def test_families_match_the_truth(corpus_db, family_id):
    db, _, ids = corpus_db
    truth = FAMILIES[family_id]
    family = _json("origin", ids[truth["original"]], "--db", db, "--format", "json")
    assert family is not None
    assert family["original_id"] == ids[truth["original"]]
    assert set(family["members"]) == {ids[truth["original"]]} | {ids[copy["path"]] for copy in truth["copies"]}
    assert len(family["links"]) == len(family["members"]) - 1


def test_copies_of_the_wire_story_carry_the_expected_relations(corpus_db):
    db, _, ids = corpus_db
    links = _json("copies", ids[GDANSK_WIRE], "--db", db, "--format", "json")
    by_other = {link["other_id"]: link for link in links}
    spun = by_other[ids[SPUN]]
    assert spun["relation"] == "spun" and spun["original_id"] == ids[GDANSK_WIRE]
    assert {"altered-byline", "spun-text"} <= set(spun["flags"])
    stale = by_other[ids["examples/archive/daily-ledger-online-gdansk-terminal.txt"]]
    assert stale["relation"] == "verbatim" and "stale-republication" in stale["flags"]
    changed = by_other[ids["examples/sites/coastline-herald/gdansk-terminal-deal.html"]]
    assert changed["relation"] == "edited" and "changed-numbers" in changed["flags"]
    numbers = [c for c in changed["detail"]["changes"] if c["kind"] == "number"]
    assert [(c["original"], c["copy"]) for c in numbers] == [("1200", "1800")]
    for link in links:
        assert link["relation"] in RELATION_KINDS and set(link["flags"]) <= set(FLAG_NAMES)
    independent = ids["examples/wire/afp-gdansk-terminal.txt"]
    assert by_other.get(independent, {"relation": "same-event"})["relation"] == "same-event"
    assert ids["examples/wire/reuters-klaipeda-terminal.txt"] not in by_other


def test_independent_and_unrelated_pages_belong_to_no_family(corpus_db):
    db, _, ids = corpus_db
    for page in TRUTH["pages"]:
        if page["family"] is None and page["path"] in ids:
            assert _json("origin", ids[page["path"]], "--db", db, "--format", "json") is None, page["path"]
            links = _json("copies", ids[page["path"]], "--db", db, "--format", "json")
            assert all(link["relation"] == "same-event" for link in links), page["path"]


def test_the_tables_render(corpus_db):
    db, _, ids = corpus_db
    copies = invoke("copies", ids[GDANSK_WIRE], "--db", db)
    assert copies.exit_code == 0 and "spun" in copies.stdout
    tree = invoke("origin", ids[SPUN], "--db", db)
    assert tree.exit_code == 0 and tree.stdout.strip()
    loner = invoke("origin", ids["examples/wire/afp-gdansk-terminal.txt"], "--db", db)
    assert loner.exit_code == 0 and "no known copies" in loner.stdout


def test_tracing_again_finds_nothing_new(corpus_db):
    db, _, _ = corpus_db
    result = invoke("trace", "--db", db, "--workers", "1")
    assert result.exit_code == 0
    assert "0 new articles traced, 0 candidate pairs compared" in result.stderr


def test_compare_files_as_json(corpus_db):
    _, root, _ = corpus_db
    data = _json("compare", root / GDANSK_WIRE, root / SPUN, "--format", "json")
    assert {"kind", "confidence", "original", "flags", "alignment", "changes"} <= set(data)
    assert data["kind"] == "spun" and data["original"] == "a"
    assert {"altered-byline", "spun-text"} <= set(data["flags"])
    byline = next(change for change in data["changes"] if change["kind"] == "byline")
    assert (byline["original"], byline["copy"], byline["detail"]) == ("Anna Kowalczyk", "Anna Kowalszyk",
                                                                      "name misspelt")
    assert any(change["kind"] == "date" for change in data["changes"])
    assert data["alignment"]["pairs"] and 0.9 <= data["alignment"]["coverage_a"] <= 1.0


def test_compare_store_ids_and_files_agree(corpus_db):
    db, root, ids = corpus_db
    by_id = _json("compare", ids[GDANSK_WIRE], ids[SPUN], "--db", db, "--format", "json")
    by_file = _json("compare", root / GDANSK_WIRE, root / SPUN, "--format", "json")
    assert (by_id["kind"], by_id["original"], by_id["flags"]) == (by_file["kind"], by_file["original"],
                                                                  by_file["flags"])


def test_compare_text_output(corpus_db):
    _, root, _ = corpus_db
    result = invoke("compare", root / GDANSK_WIRE, root / "examples/wire/afp-gdansk-terminal.txt")
    assert result.exit_code == 0, result.output
    assert "same-event" in result.stdout
    spun = invoke("compare", root / GDANSK_WIRE, root / SPUN)
    assert spun.exit_code == 0 and "spun" in spun.stdout and "Kowalszyk" in spun.stdout


def test_compare_different_event_is_unrelated(corpus_db):
    _, root, _ = corpus_db
    data = _json("compare", root / GDANSK_WIRE, root / "examples/wire/reuters-klaipeda-terminal.txt",
                 "--format", "json")
    assert data["kind"] == "unrelated" and data["original"] is None and data["flags"] == []


@pytest.mark.parametrize("command", ["copies", "origin"])
def test_unknown_id_is_a_clean_error(corpus_db, command):
    db, _, _ = corpus_db
    assert_clean_error(invoke(command, 9999, "--db", db), "9999")


def test_compare_unknown_id_or_missing_file_is_a_clean_error(corpus_db):
    db, root, ids = corpus_db
    assert_clean_error(invoke("compare", 9999, ids[GDANSK_WIRE], "--db", db), "9999")
    assert_clean_error(invoke("compare", root / "examples" / "no-such-page.txt", root / GDANSK_WIRE),
                       "no-such-page.txt")


def test_trace_commands_on_a_missing_db_are_clean_errors(tmp_path):
    missing = tmp_path / "absent.db"
    assert_clean_error(invoke("copies", 1, "--db", missing))
    assert_clean_error(invoke("origin", 1, "--db", missing))


def _copy_links(db: Path, ids: dict[str, int]) -> list[tuple[dict, dict]]:
    """(truth page, stored link to its original) for every copy in truth.json."""
    pages = {page["path"]: page for page in TRUTH["pages"]}
    found = []
    for family in FAMILIES.values():
        links = {link["other_id"]: link for link in _json("copies", ids[family["original"]], "--db", db,
                                                          "--format", "json")}
        for copy in family["copies"]:
            link = links[ids[copy["path"]]]
            assert link["original_id"] == ids[family["original"]], copy["path"]
            found.append((pages[copy["path"]], link))
    return found


def test_stale_and_changed_number_flags_agree_with_the_truth(corpus_db):
    db, _, ids = corpus_db
    for page, link in _copy_links(db, ids):
        assert ("stale-republication" in link["flags"]) == (page["role"] == "stale"), page["path"]
        assert ("changed-numbers" in link["flags"]) == ("numbers" in (page.get("changes") or {})), page["path"]


def test_altered_byline_flags_agree_with_the_truth(corpus_db):
    db, _, ids = corpus_db
    for page, link in _copy_links(db, ids):
        assert ("altered-byline" in link["flags"]) == ("byline" in (page.get("changes") or {})), page["path"]


def test_stripped_attribution_flags_agree_with_the_truth(corpus_db):
    db, _, ids = corpus_db
    for page, link in _copy_links(db, ids):
        assert ("stripped-attribution" in link["flags"]) == (page["expect"]["agency"] is None), page["path"]
