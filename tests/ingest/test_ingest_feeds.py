from __future__ import annotations

import gzip
from pathlib import Path

from newstrace.ingest import read_pages
from newstrace.model import InputFailure

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>https://news.example/</link>
<item>
  <title>Storm &amp; floods</title>
  <link>https://news.example/storm</link>
  <pubDate>Tue, 05 Mar 2024 14:30:00 GMT</pubDate>
  <description>Short teaser</description>
  <content:encoded><![CDATA[<p>Winds hit the coast.</p>]]></content:encoded>
</item>
<item>
  <title>Second</title>
  <guid>https://news.example/second</guid>
  <description>&lt;p&gt;Only a description.&lt;/p&gt;</description>
</item>
<item><title>No body at all</title><link>https://news.example/empty</link></item>
</channel></rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Example</title>
<entry>
  <title type="text">Atom story</title>
  <link rel="alternate" href="https://news.example/atom"/>
  <updated>2024-03-06T08:00:00Z</updated>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <b>bold</b>.</p></div></content>
</entry>
<entry>
  <title>Text entry</title>
  <link rel="self" href="https://news.example/feed/2"/>
  <link href="https://news.example/two"/>
  <published>2024-03-07</published>
  <summary type="text">First para &lt;not a tag&gt;.

Second para.</summary>
</entry>
</feed>
"""


def test_rss_items_become_html_pages(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_bytes(RSS)
    first, second, third = list(read_pages(path))
    assert (first.url, first.date, first.record, first.content_type) == ("https://news.example/storm", "2024-03-05", "1", "html")
    assert first.data == "<html><head><title>Storm &amp; floods</title></head><body><p>Winds hit the coast.</p></body></html>"
    assert second.url == "https://news.example/second"
    assert "<p>Only a description.</p>" in second.data
    assert third == InputFailure(str(path), "feed item has no inline content", "3")


def test_atom_entries(tmp_path: Path) -> None:
    path = tmp_path / "news.xml.gz"
    path.write_bytes(gzip.compress(ATOM))
    first, second = list(read_pages(path))
    assert (first.url, first.date) == ("https://news.example/atom", "2024-03-06")
    assert "<b" in first.data and "bold</b>" in first.data
    assert (second.url, second.date) == ("https://news.example/two", "2024-03-07")
    assert "<p>First para &lt;not a tag&gt;.</p><p>Second para.</p>" in second.data


def test_feed_without_items_and_broken_feed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.rss"
    empty.write_bytes(b"<rss><channel><title>x</title></channel></rss>")
    assert list(read_pages(empty)) == [InputFailure(str(empty), "feed has no items")]
    broken = tmp_path / "broken.atom"
    broken.write_bytes(ATOM[: len(ATOM) // 2])
    *_, failure = list(read_pages(broken))
    assert failure.reason.startswith("damaged feed XML (line ")


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "entities.xml"
    path.write_bytes(
        b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'boom'><!ENTITY b '&a;&a;'>]>"
        b"<rss><channel><item><description>&b;</description></item></channel></rss>"
    )
    page = list(read_pages(path))[0]
    assert "boom" not in page.data
