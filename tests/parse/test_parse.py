"""The parse entry point: contract, robustness and fuzzing."""

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newstrace
from newstrace import ParseError, ParseOptions, parse

WIRE_TEXT = """March 4, 2025

Valley Courier

Local news first

Dam inspection finds cracks in spillway

Dam inspection finds cracks in spillway

LYON, France (AFP) - Engineers inspecting the Saint-Roch dam found three cracks in its spillway on Monday, the regional authority said, and ordered the reservoir lowered by two metres.

"There is no danger to the public," the authority's director, Claire Benoit, told reporters.

Read more: Floods close valley road

Repairs are expected to cost 4.5 million euros and take six months.

© 2025 Valley Courier. All rights reserved.
"""


def test_parse_text_dump_fields():
    article = parse(WIRE_TEXT)
    data = article.to_dict()
    assert data["title"] == "Dam inspection finds cracks in spillway"
    assert data["site_name"] == "Valley Courier" and data["page_date"] == "2025-03-04"
    assert data["dateline"] == {"place": "LYON, France", "agency": "AFP"}
    assert data["agency"] == "AFP" and data["agency_source"] is True
    assert data["paragraphs"][0].startswith("Engineers inspecting")
    assert len(data["paragraphs"]) == 3
    assert {r["reason"] for r in data["removed"]} == {"site-header", "duplicate-title", "related-link", "copyright"}
    assert data["language"] == "en"


def test_parse_accepts_bytes_and_str_alike():
    assert parse(WIRE_TEXT.encode("utf-8")).to_dict() == parse(WIRE_TEXT).to_dict()


def test_html_is_sniffed_without_content_type():
    html = "<html><head><title>Dam cracks found - Valley Courier</title></head><body><article><h1>Dam cracks found</h1>" \
           + "<p>Engineers found three cracks in the spillway of the dam on Monday, the authority said.</p>" * 3 \
           + "</article></body></html>"
    article = parse(html)
    assert article.paragraphs and "Engineers found three cracks" in article.paragraphs[0]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty page"),
        (b"   \n\t ", "empty page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        (gzip.compress(b"hello " * 100), "binary"),
        ("<html><head><title>x</title></head><body></body></html>", "no article text"),
    ],
)
def test_unusable_pages_raise_parse_error(data, message):
    with pytest.raises(ParseError, match=message):
        parse(data)


def test_oversized_page_is_refused_with_its_size():
    with pytest.raises(ParseError, match=r"2\.0 MiB, over the 1\.0 MiB limit"):
        parse(b"a" * (2 * 2**20), options=ParseOptions(max_bytes=2**20))


def test_foreign_script_gives_a_warning_not_an_error():
    article = parse("مرحبا بالعالم هذا نص عربي طويل بما فيه الكفاية ليكون مقالا " * 5)
    assert article.paragraphs and any("Arabic" in w for w in article.warnings)


def test_public_api_names():
    for name in ("parse", "read_pages", "parse_paths", "Article", "ParseError"):
        assert hasattr(newstrace, name)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000)), st.sampled_from([None, "html", "text"]))
def test_parse_raises_only_parse_error(data, content_type):
    try:
        article = parse(data, content_type=content_type)
    except ParseError:
        return
    assert article.paragraphs
    article.to_dict()


_HTMLISH = st.lists(
    st.sampled_from(["<p>", "</p>", "<div class='article-body'>", "</div>", "<h1>", "</h1>", "<script>", "</script>",
                     "<figure><figcaption>", "</figcaption></figure>", "<!--", "-->", "&amp;", "&#x0;", "<br>",
                     "Reporting by Jo Lee", "(Reuters) - ", "PARIS", "See also ", "The minister said on Monday.",
                     "<meta charset='koi8-r'>", "\x00", "<table><tr><td>", "</td></tr></table>", "<article>"]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_HTMLISH)
def test_parse_html_fragments_raise_only_parse_error(html):
    try:
        parse(html, content_type="html")
    except ParseError:
        pass
