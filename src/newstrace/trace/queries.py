"""Reading trace results back: an article's copy links and its family tree."""

from __future__ import annotations

import json
import sqlite3
from collections import deque

from ..model import COPY_KINDS, CopyLink, Family

_LINK_SQL = (
    "SELECT l.a_id, l.b_id, l.relation, l.confidence, l.original_id, l.flags, l.detail,"
    " o.id AS other_id, o.title, o.site_name, o.url, coalesce(o.story_date, o.page_date) AS date"
    " FROM copy_links l JOIN articles o ON o.id = CASE WHEN l.a_id = ? THEN l.b_id ELSE l.a_id END"
    " WHERE l.a_id = ? OR l.b_id = ?"
)


def copies_of(conn: sqlite3.Connection, article_id: int, *, include_same_event: bool = True) -> list[CopyLink]:
    """Every stored link of the article, copies first, strongest first."""
    rows = conn.execute(_LINK_SQL, (article_id, article_id, article_id)).fetchall()
    links = [_link(article_id, row) for row in rows]
    if not include_same_event:
        links = [link for link in links if link.relation in COPY_KINDS]
    return sorted(links, key=lambda link: (link.relation not in COPY_KINDS, -link.confidence, link.other_id))


def family_of(conn: sqlite3.Connection, article_id: int) -> Family | None:
    """The article's family of copies as a tree rooted at the original (breadth first over copy links)."""
    row = conn.execute("SELECT family_id, original_id, reason FROM families WHERE article_id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return None
    family_id, original_id, reason = row
    members = [r[0] for r in conn.execute("SELECT article_id FROM families WHERE family_id = ? ORDER BY article_id",
                                          (family_id,))]
    return Family(family_id, original_id, reason, members, _tree_edges(conn, original_id, set(members)))


def _tree_edges(conn: sqlite3.Connection, root: int, members: set[int]) -> list[CopyLink]:
    seen, queue, edges = {root}, deque([root]), []
    while queue:
        current = queue.popleft()
        for link in copies_of(conn, current, include_same_event=False):
            if link.other_id in members and link.other_id not in seen:
                seen.add(link.other_id)
                queue.append(link.other_id)
                edges.append(link)
    return edges


def _link(article_id: int, row: sqlite3.Row) -> CopyLink:
    return CopyLink(article_id=article_id, other_id=row["other_id"], relation=row["relation"],
                    confidence=row["confidence"], original_id=row["original_id"], flags=json.loads(row["flags"]),
                    other_title=row["title"], other_site=row["site_name"], other_url=row["url"],
                    other_date=row["date"], detail=json.loads(row["detail"]))
