"""Full-text search on PostgreSQL: a `tsvector` per share with a GIN index, `simple` configuration.

Kept in a table of its own (like SQLite's FTS5 table) because the searchable text includes the
share's tags, which live in another table. Typed input becomes a tsquery of quoted words only.
"""

from __future__ import annotations

import re
import unicodedata

import peewee

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without diacritics ("Lönekartläggning" -> "lonekartlaggning"), as SQLite's
    FTS5 `remove_diacritics` does, so a search finds the same shares on both backends."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("\x00", " ")


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
        (share_id, fold(" ".join([title or "", note or "", " ".join(tags)]))),
    )


def unindex_share(db: peewee.Database, share_id: int) -> None:
    db.execute_sql("DELETE FROM share_search WHERE share_id = %s", (share_id,))


def rebuild_index(db: peewee.Database) -> None:
    """Index every share again (after a bulk copy); folding happens here, not in SQL."""
    rows = db.execute_sql(
        "SELECT s.id, s.title, s.note,"
        " COALESCE((SELECT string_agg(t.tag, ' ') FROM share_tag t WHERE t.share_id = s.id), '')"
        " FROM share s"
    ).fetchall()
    for share_id, title, note, tags in rows:
        index_share(db, share_id, title, note, tags.split())


def tsquery(text: str) -> str | None:
    """Every word quoted (so `&`, `|`, `!`, `:` and parentheses mean nothing), the last a prefix."""
    words = _WORD.findall(fold(text))
    if not words:
        return None
    terms = [f"'{w}'" for w in words]
    terms[-1] += ":*"
    return " & ".join(terms)
