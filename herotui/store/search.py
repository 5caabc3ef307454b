"""Full-text search over shares: FTS5 on SQLite, with a LIKE fallback elsewhere.

Typed text is never handed to FTS5 as query syntax: every word becomes a quoted string, so
`"`, `*`, `(`, `AND` or `NEAR` are searched for literally.
"""

from __future__ import annotations

import re

import peewee

_WORD = re.compile(r"\w+", re.UNICODE)


def create_sqlite_index(db: peewee.Database) -> None:
    db.execute_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS share_search USING fts5("
        "title, note, tags, tokenize = 'unicode61 remove_diacritics 2')"
    )


def has_fts(db: peewee.Database) -> bool:
    return isinstance(db, peewee.SqliteDatabase)


def index_share(db: peewee.Database, share_id: int, title: str, note: str, tags: list[str]) -> None:
    if not has_fts(db):
        return
    db.execute_sql("DELETE FROM share_search WHERE rowid = ?", (share_id,))
    db.execute_sql(
        "INSERT INTO share_search (rowid, title, note, tags) VALUES (?, ?, ?, ?)",
        (share_id, title, note, " ".join(tags)),
    )


def unindex_share(db: peewee.Database, share_id: int) -> None:
    if has_fts(db):
        db.execute_sql("DELETE FROM share_search WHERE rowid = ?", (share_id,))


def search_words(text: str) -> list[str]:
    """The words of a search box, without any operator meaning."""
    return _WORD.findall(text or "")


def fts5_query(text: str) -> str | None:
    """A safe FTS5 MATCH expression: every word quoted, the last one as a prefix."""
    words = search_words(text)
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)
