"""Full-text search on PostgreSQL: a `tsvector` per share with a GIN index, `simple` configuration.

Kept in a table of its own (like SQLite's FTS5 table) because the searchable text includes the
share's tags, which live in another table. Typed input becomes a tsquery of quoted words only.
"""

from __future__ import annotations

import re

import peewee

_WORD = re.compile(r"\w+", re.UNICODE)


def create_postgres_index(db: peewee.Database) -> None:
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS share_search ("
        " share_id INTEGER PRIMARY KEY REFERENCES share(id) ON DELETE CASCADE,"
        " document tsvector NOT NULL)"
    )
    db.execute_sql("CREATE INDEX IF NOT EXISTS share_search_document ON share_search USING GIN (document)")


def index_share(db: peewee.Database, share_id: int, title: str, note: str, tags: list[str]) -> None:
    db.execute_sql(
        "INSERT INTO share_search (share_id, document) VALUES (%s, to_tsvector('simple', %s))"
        " ON CONFLICT (share_id) DO UPDATE SET document = EXCLUDED.document",
        (share_id, " ".join([title or "", note or "", " ".join(tags)])),
    )


def unindex_share(db: peewee.Database, share_id: int) -> None:
    db.execute_sql("DELETE FROM share_search WHERE share_id = %s", (share_id,))


def rebuild_index(db: peewee.Database) -> None:
    db.execute_sql(
        "INSERT INTO share_search (share_id, document)"
        " SELECT s.id, to_tsvector('simple', s.title || ' ' || s.note || ' ' ||"
        "   COALESCE((SELECT string_agg(t.tag, ' ') FROM share_tag t WHERE t.share_id = s.id), ''))"
        " FROM share s"
        " ON CONFLICT (share_id) DO UPDATE SET document = EXCLUDED.document"
    )


def tsquery(text: str) -> str | None:
    """Every word quoted (so `&`, `|`, `!`, `:` and parentheses mean nothing), the last a prefix."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    if not words:
        return None
    terms = [f"'{w}'" for w in words]
    terms[-1] += ":*"
    return " & ".join(terms)
