"""Metadata from HTML markup: meta tags, JSON-LD, headings, bylines, dates."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newstrace.model import HtmlMeta
from newstrace.parse.htmlmeta import (
    _extract,
    clean_author_names,
    extract_html_meta,
    looks_like_person,
    parse_json_loose,
    strip_site_affix,
)

SHARED_METADATA = Path(__file__).resolve().parents[3] / "shared" / "bench" / "metadata"


def meta_of(html: str, url: str | None = None) -> HtmlMeta:
    return extract_html_meta(LexborHTMLParser(html), url)


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    return f'<!doctype html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# ---------------------------------------------------------------- JSON-LD


def test_json_ld_graph_with_id_references():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "#site", "name": "Daily Planet"},
            {"@type": "WebPage", "@id": "#page", "name": "Ignore me"},
            {
                "@type": "NewsArticle",
                "headline": "Storm hits coast",
                "author": [{"@id": "#jane"}, {"@id": "#john"}],
                "datePublished": "2024-11-23T10:00:00+01:00",
                "dateModified": "2024-11-24T08:00:00+01:00",
                "publisher": {"@id": "#site"},
                "articleBody": "The storm arrived at night.\nPower is out.",
            },
            {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
            {"@type": "Person", "@id": "#john", "givenName": "John", "familyName": "Roe"},
        ],
    }
    meta = meta_of(page(json_ld(graph), "<h1>Storm hits coast</h1>"))
    assert meta.title == "Storm hits coast"
    assert meta.site_name == "Daily Planet"
    assert meta.authors == ["Jane Doe", "John Roe"]
    assert meta.story_date == "2024-11-23"
    assert meta.modified_date == "2024-11-24"
    assert meta.article_body == "The storm arrived at night.\nPower is out."


def test_json_ld_list_and_nested_types():
    data = [
        {"@type": "BreadcrumbList", "itemListElement": []},
        {"@type": ["ReportageNews"], "headline": "Inside the camp", "author": "By Ana Ruiz",
         "datePublished": "2023-05-18"},
    ]
    meta = meta_of(page(json_ld(data)))
    assert (meta.title, meta.authors, meta.story_date) == ("Inside the camp", ["Ana Ruiz"], "2023-05-18")


def test_broken_json_ld_with_trailing_comma_is_repaired():
    script = '<script type="application/ld+json">{"@type": "Article", "headline": "Fixed", }</script>'
    assert meta_of(page(script)).title == "Fixed"


def test_unreadable_json_ld_is_skipped():
    head = ('<script type="application/ld+json">{"@type": "Article", "headline": </script>'
            '<meta property="og:title" content="From Open Graph">')
    assert meta_of(page(head)).title == "From Open Graph"


def test_parse_json_loose():
    assert parse_json_loose('<!-- {"a": 1} -->') == {"a": 1}
    assert parse_json_loose('{"a": 1}{"b": 2}') == [{"a": 1}, {"b": 2}]
    assert parse_json_loose('{"a": "line\nbreak"}') == {"a": "line\nbreak"}
    assert parse_json_loose("not json") is None
    assert parse_json_loose("") is None
    assert parse_json_loose("[" * 100_000) is None


# ---------------------------------------------------------------- meta tags only, nothing at all


def test_open_graph_tags_only():
    head = (
        '<meta property="og:title" content="Rates rise again">'
        '<meta property="og:site_name" content="Money Daily">'
        '<meta property="og:url" content="https://money.example/rates">'
        '<meta property="og:description" content="The bank moved.">'
        '<meta property="og:locale" content="de_DE">'
        '<meta property="article:published_time" content="2022-02-01T09:00:00+01:00">'
        '<meta name="author" content="Max Muster">'
    )
    meta = meta_of(f"<html><head>{head}</head><body><p>x</p></body></html>")
    assert meta.title == "Rates rise again"
    assert meta.site_name == "Money Daily"
    assert meta.url == "https://money.example/rates"
    assert meta.description == "The bank moved."
    assert meta.language == "de"
    assert meta.story_date == "2022-02-01"
    assert meta.authors == ["Max Muster"]


def test_page_without_metadata():
    meta = meta_of("<html><body><p>Just some text.</p></body></html>")
    assert meta == HtmlMeta()


def test_empty_and_odd_documents_do_not_raise():
    for html in ("", "<", "<html", "<meta content>", "<script type='application/ld+json'>",
                 "<h1></h1><time datetime='x'>", "\x00\x01", "<title>" + "a" * 100_000):
        assert isinstance(meta_of(html, url="not a url"), HtmlMeta)


# ---------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("raw", "sites", "host", "expected"),
    [
        ("Storm hits coast - Daily Planet", ["Daily Planet"], "", "Storm hits coast"),
        ("Storm hits coast | Daily Planet", [], "dailyplanet.com", "Storm hits coast"),
        ("Daily Planet: Storm hits coast", ["Daily Planet"], "", "Storm hits coast"),
        ("SPIEGEL - Storm hits coast", [], "spiegel.de", "Storm hits coast"),
        ("23.01.2022 - Storm hits coast", [], "", "Storm hits coast"),
        ("Storm – the night the coast went dark", ["Daily Planet"], "", "Storm – the night the coast went dark"),
        ("Storm hits coast", ["Daily Planet"], "", "Storm hits coast"),
    ],
)
def test_strip_site_affix(raw, sites, host, expected):
    assert strip_site_affix(raw, sites, host) == expected


def test_title_suffix_stripped_with_site_name():
    head = '<title>Storm hits coast | Daily Planet</title><meta property="og:site_name" content="Daily Planet">'
    assert meta_of(page(head)).title == "Storm hits coast"


def test_title_prefers_visible_h1_that_metadata_confirms():
    head = '<title>Storm hits coast: what we know - The Planet</title>'
    body = '<header><a class="logo">The Planet</a></header><h1>Storm hits coast: what we know</h1>'
    meta = meta_of(page(head, body))
    assert meta.title == "Storm hits coast: what we know"
    assert meta.site_name == "The Planet"


def test_title_skips_the_kicker_inside_the_heading():
    head = '<meta property="og:title" content="Interne Unterlagen im Netz: Daten von Rheinmetall gehackt">'
    body = ('<h1><span class="kicker">Interne Unterlagen im Netz</span>'
            '<span class="headline">Daten von Rheinmetall gehackt</span></h1>')
    assert meta_of(page(head, body, lang="de")).title == "Daten von Rheinmetall gehackt"


def test_title_ignores_a_site_logo_h1():
    head = ('<title>Ins neue Jahr | Literaturgefluester</title>'
            '<meta property="og:site_name" content="Literaturgefluester">')
    body = "<h1>Literaturgefluester</h1><h2>Ins neue Jahr</h2>"
    assert meta_of(page(head, body, lang="de")).title == "Ins neue Jahr"


def test_generic_meta_title_loses_to_the_h1():
    head = "<title>Home</title>"
    body = "<h1>Time to say goodbye.</h1>"
    assert meta_of(page(head, body)).title == "Time to say goodbye."


# ---------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Von Benjamin Fischer und Marcus Theurer", ["Benjamin Fischer", "Marcus Theurer"]),
        ("Jane Doe, John Roe; Ana Ruiz", ["Jane Doe", "John Roe", "Ana Ruiz"]),
        ("Post author By Helge Fahrnberger", ["Helge Fahrnberger"]),
        ("Text: Jane Doe | 3. Mai 2021", ["Jane Doe"]),
        ("Jane Doe am 29.12.2010, 13:36 Uhr", ["Jane Doe"]),
        ("View all posts by Daniel Lemire", ["Daniel Lemire"]),
        ("Jane Doe Follow", ["Jane Doe"]),
        ("Alexa von Heyden", ["Alexa von Heyden"]),
        ("https://www.facebook.com/someone", []),
        ("@handle", []),
        ("Posted on", []),
        ("", []),
        (None, []),
    ],
)
def test_clean_author_names(raw, expected):
    assert clean_author_names(raw) == expected


def test_looks_like_person():
    assert looks_like_person("Ursula von der Leyen")
    assert looks_like_person("J. R. Smith")
    assert not looks_like_person("posted on monday")
    assert not looks_like_person("Room 101")


def test_multiple_json_ld_authors_and_organisation_dropped():
    data = {"@type": "NewsArticle", "headline": "H",
            "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Organization", "name": "Daily Planet"}]}
    assert meta_of(page(json_ld(data))).authors == ["Jane Doe"]


def test_site_name_author_gives_way_to_a_byline_person():
    head = ('<meta name="author" content="Daily Planet"><meta property="og:site_name" content="Daily Planet">'
            '<title>Storm hits coast</title>')
    body = '<h1>Storm hits coast</h1><p class="byline">By <a rel="author">Jane Doe</a></p>'
    assert meta_of(page(head, body)).authors == ["Jane Doe"]


def test_agency_kept_when_it_is_the_only_author():
    data = {"@type": "NewsArticle", "headline": "H", "author": {"@type": "Organization", "name": "Reuters"}}
    assert meta_of(page(json_ld(data))).authors == ["Reuters"]


def test_byline_text_near_the_headline():
    body = "<h1>Storm hits coast</h1><p>Von Jane Doe und John Roe</p><p>The storm arrived at night.</p>"
    assert meta_of(page("", body, lang="de")).authors == ["Jane Doe", "John Roe"]


def test_lower_case_von_in_prose_is_no_byline():
    body = "<h1>Storm hits coast</h1><p>Die Sperrung von Arbeitsplätzen und Straßen dauert an.</p>"
    assert meta_of(page("", body, lang="de")).authors == []


def test_comment_authors_are_ignored():
    body = ('<h1>Storm</h1><div class="comments"><span class="comment-author">Troll Person</span></div>')
    assert meta_of(page("", body)).authors == []


# ---------------------------------------------------------------- dates


def test_date_in_url():
    meta = meta_of(page("<title>T</title>"), url="https://example.com/2019/08/02/some-story/")
    assert meta.story_date == "2019-08-02"


def test_time_element():
    body = '<article><h1>T</h1><time class="entry-date published" datetime="2020-02-23T10:07:02+01:00">23. Februar 2020</time></article>'
    assert meta_of(page("", body, lang="de")).story_date == "2020-02-23"


def test_date_printed_under_the_headline():
    body = '<h1>Storm hits coast</h1><div class="meta">Jane Doe | 04.02.2022 | 13:10 Uhr</div><p>Text.</p>'
    assert meta_of(page("", body, lang="de")).story_date == "2022-02-04"


def test_published_beats_a_displayed_modified_date():
    head = ('<meta property="article:published_time" content="2017-04-12T18:33:59+02:00">'
            '<meta property="article:modified_time" content="2020-02-19T15:24:33+01:00">')
    body = '<h1>T</h1><p>Mis à jour le 19 février 2020</p>'
    meta = meta_of(page(head, body, lang="fr"))
    assert (meta.story_date, meta.modified_date) == ("2017-04-12", "2020-02-19")


def test_utc_timestamp_yields_to_the_local_day_in_the_url():
    head = '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">'
    meta = meta_of(page(head, "<h1>T</h1>"), url="https://example.com/2020/02/24/story/")
    assert meta.story_date == "2020-02-24"


def test_numeric_dates_read_by_language():
    body = '<h1>T</h1><p class="date">02/10/2020</p>'
    assert meta_of(page("", body, lang="en-GB")).story_date == "2020-10-02"
    assert meta_of(page("", body, lang="en-US")).story_date == "2020-02-10"


# ---------------------------------------------------------------- url, language


def test_canonical_url_resolved_against_the_page_url():
    head = '<link rel="canonical" href="/news/story-1">'
    assert meta_of(page(head), url="https://example.com/x?utm=1").url == "https://example.com/news/story-1"


def test_given_url_when_the_page_names_none():
    assert meta_of(page(), url="https://example.com/a").url == "https://example.com/a"


@pytest.mark.parametrize(("lang", "expected"), [("de-AT", "de"), ("EN_us", "en"), ("fr", "fr"), ("", None), ("x", None)])
def test_language_primary_subtag(lang, expected):
    assert meta_of(f'<html lang="{lang}"><body></body></html>').language == expected


# ---------------------------------------------------------------- robustness


_MARKUP_PIECES = [
    "<h1>", "</h1>", "<h2>", "<span>", "</span>", "<title>", "</title>", "<p class='byline'>", "</p>",
    '<meta property="og:title" content="', '<meta name="author" content="', '">', '"',
    '<script type="application/ld+json">', "</script>", "{", "}", "[", "]", ",", ":",
    '"@type"', '"NewsArticle"', '"author"', '"@id"', '"@graph"', '"headline"', '"datePublished"',
    '<time datetime="', "2020-01-01", "31.12.99", "May 3", "By ", "Von ", "Jane Doe", " und ", " | ",
    "<html lang='", "de-DE", "'>", "<link rel=canonical href=", "//", "\x00", "&amp;", "&#",
]


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.sampled_from(_MARKUP_PIECES) | st.text(max_size=8), max_size=60))
def test_never_raises_on_arbitrary_markup(pieces):
    html = "".join(pieces)
    # The reader behind the public function's safety net: its bugs must not hide there.
    for url in ("https://example.com/2020/01/01/x", None, "::"):
        assert isinstance(_extract(LexborHTMLParser(html), url), HtmlMeta)


@pytest.mark.skipif(not SHARED_METADATA.is_dir(), reason="../shared benchmark data not present")
def test_real_pages_parse_without_errors():
    truth = json.loads((SHARED_METADATA / "evaldata-metadata.json").read_text(encoding="utf-8"))
    for url, entry in list(truth.items())[:60]:
        raw = gzip.decompress((SHARED_METADATA / "html" / f"{entry['file']}.gz").read_bytes())
        meta = _extract(LexborHTMLParser(raw.decode("utf-8", "replace")), url)
        assert meta.story_date is None or len(meta.story_date) == 10
