"""The bundled sample corpus agrees with its own truth file, and every page in it parses."""

import importlib.util
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_truth_file_matches_the_pages(capsys):
    spec = importlib.util.spec_from_file_location("check_truth", EXAMPLES / "check_truth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main() == 0
    assert "0 problems" in capsys.readouterr().out


def test_every_sample_page_but_the_section_front_parses():
    from newstrace import Article, parse_paths

    items = list(parse_paths([EXAMPLES]))
    failures = [item for item in items if not isinstance(item, Article)]
    assert len(items) == 25
    assert [Path(f.source).name for f in failures] == ["business-index.html"]
    assert all(item.paragraphs and item.title for item in items if isinstance(item, Article))
