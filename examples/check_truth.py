"""Check examples/truth.json against the sample pages it describes.

Run from the repository root:  python examples/check_truth.py

It re-derives each page's body paragraphs with a deliberately simple reader
(every <p> of an HTML page, every blank-line block of a text page), then checks
that the recorded first/last phrases, paragraph counts and copy relations
still hold. Run it after editing any page, so truth.json cannot drift from the
files. Exit status 1 lists every mismatch.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import lxml.html
from warcio.archiveiterator import ArchiveIterator

REPO_ROOT = Path(__file__).resolve().parent.parent
TRUTH_PATH = REPO_ROOT / "examples" / "truth.json"
# Lines that content farms inject between paragraphs; they are not body text.
INJECTED = re.compile(r"^(See also|Read more:|ALSO READ:|Subscribe to our newsletter)")
# Copies differ from the original only in typography where they are "kept".
TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_blocks(text: str) -> list[str]:
    return [squash(block) for block in re.split(r"\n\s*\n", text) if block.strip()]


def html_blocks(html: str) -> list[str]:
    return [squash(p.text_content()) for p in lxml.html.fromstring(html).iter("p")]


def record_blocks(container: Path, url: str) -> list[str]:
    if container.suffix == ".jsonl":
        for line in container.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["url"] == url:
                return html_blocks(record["html"]) if "html" in record else text_blocks(record["text"])
    else:
        with container.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == url:
                    return html_blocks(record.content_stream().read().decode("utf-8"))
    raise KeyError(f"{container}#{url}")


def page_blocks(page: dict) -> list[str]:
    path, _, url = page["path"].partition("#")
    if url:
        return record_blocks(REPO_ROOT / path, url)
    text = (REPO_ROOT / path).read_bytes().decode(page["encoding"])
    return html_blocks(text) if path.endswith(".html") else text_blocks(text)


def body_paragraphs(page: dict) -> list[str]:
    """The blocks from the one holding body_first to the one holding body_last."""
    expect = page["expect"]
    if expect["body_first"] is None:
        return []
    blocks = page_blocks(page)
    first = next(i for i, block in enumerate(blocks) if expect["body_first"] in block)
    last = max(i for i, block in enumerate(blocks) if expect["body_last"] in block)
    return [block for block in blocks[first:last + 1] if not INJECTED.match(block)]


def relation_problems(page: dict, body: list[str], original: list[str]) -> list[str]:
    relation = page.get("relation") or {}
    copy_text = {block.translate(TYPOGRAPHY) for block in body}
    problems = []
    for number in relation.get("kept", []):
        if original[number - 1].translate(TYPOGRAPHY) not in copy_text:
            problems.append(f"original paragraph {number} is not kept word for word")
    for key in ("reworded", "changed", "cut"):
        for number in relation.get(key, []):
            if original[number - 1].translate(TYPOGRAPHY) in copy_text:
                problems.append(f"original paragraph {number} is marked {key} but appears unchanged")
    counted = sum(len(relation.get(key, [])) for key in ("kept", "reworded", "changed", "translated", "inserted_after"))
    if relation and counted != len(body):
        problems.append(f"relation accounts for {counted} paragraphs, the page has {len(body)}")
    return problems


def page_problems(page: dict, bodies: dict[str, list[str]]) -> list[str]:
    body = bodies[page["path"]]
    problems = []
    if len(body) != page["expect"]["paragraphs"]:
        problems.append(f"{len(body)} body paragraphs, truth says {page['expect']['paragraphs']}")
    if page["original"]:
        problems += relation_problems(page, body, bodies[page["original"]])
    return [f"{page['path']}: {problem}" for problem in problems]


def main() -> int:
    truth = json.loads(TRUTH_PATH.read_text(encoding="utf-8"))
    bodies = {page["path"]: body_paragraphs(page) for page in truth["pages"]}
    problems = [problem for page in truth["pages"] for problem in page_problems(page, bodies)]
    for problem in problems:
        print(problem)
    print(f"{len(truth['pages'])} pages checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
