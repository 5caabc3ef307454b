"""Full-text search over shares: FTS5 on SQLite, `tsvector` + GIN on PostgreSQL, LIKE elsewhere.

Typed text is never handed to FTS5 as query syntax: every word becomes a quoted string, so
`"`, `*`, `(`, `AND` or `NEAR` are searched for literally. Text without any word characters
(say `"*(`) cannot be found through the FTS tokenizer at all, so it is looked for with LIKE.
"""

from __future__ import annotations

import re

import peewee
from peewee import SQL, NodeList, Value, fn

from herotui.store import search_pg

_WORD = re.compile(r"\w+", re.UNICODE)
_LIKE_ESCAPE = "!"


def create_sqlite_index(db: peewee.Database) -> None:
    db.execute_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS share_search USING fts5("
        "title, note, tags, tokenize = 'unicode61 remove_diacritics 2')"
    )


def has_fts(db: peewee.Database) -> bool:
    db = getattr(db, "obj", db)  # a DatabaseProxy stands for the database it was given
    return isinstance(db, peewee.SqliteDatabase)


def has_text_search(db: peewee.Database) -> bool:
    db = getattr(db, "obj", db)
    return isinstance(db, peewee.PostgresqlDatabase)


def index_share(db: peewee.Database, share_id: int, title: str, note: str, tags: list[str]) -> None:
    if has_text_search(db):
        search_pg.index_share(db, share_id, title, note, tags)
        return
    if not has_fts(db):
        return
    db.execute_sql("DELETE FROM share_search WHERE rowid = ?", (share_id,))
    db.execute_sql(
        "INSERT INTO share_search (rowid, title, note, tags) VALUES (?, ?, ?, ?)",
        (share_id, title, note, " ".join(tags)),
    )


def unindex_share(db: peewee.Database, share_id: int) -> None:
    if has_text_search(db):
        search_pg.unindex_share(db, share_id)
    elif has_fts(db):
        db.execute_sql("DELETE FROM share_search WHERE rowid = ?", (share_id,))


def rebuild_index(db: peewee.Database) -> None:
    """Index every share again, on either backend (after bulk inserts that bypassed the service)."""
    if has_text_search(db):
        search_pg.rebuild_index(db)
        return
    if not has_fts(db):
        return
    db.execute_sql("DELETE FROM share_search")
    db.execute_sql(
        "INSERT INTO share_search (rowid, title, note, tags)"
        " SELECT s.id, s.title, s.note,"
        " COALESCE((SELECT group_concat(t.tag, ' ') FROM share_tag t WHERE t.share_id = s.id), '')"
        " FROM share s"
    )


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


def like_pattern(fragment: str) -> str:
    """`%fragment%` for LIKE ... ESCAPE '!', with `%`, `_` and `!` taken literally."""
    escaped = (
        fragment.lower()
        .replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2)
        .replace("%", _LIKE_ESCAPE + "%")
        .replace("_", _LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"


def _contains(column, fragment: str):
    return NodeList((fn.LOWER(column), SQL("LIKE"), Value(like_pattern(fragment)), SQL(f"ESCAPE '{_LIKE_ESCAPE}'")))


def share_match(db: peewee.Database, text: str, *, force_like: bool = False):
    """A condition on `Share` rows for the search box, or None when there is nothing to search.

    On SQLite the words go to FTS5 (title, note and tags; the last word as a prefix). Elsewhere,
    or when the text has no word characters, every whitespace-separated piece must appear in
    the title, the note or a tag (LIKE; case folding is the database's LOWER).
    """
    from herotui.store.models import Share, ShareTag

    # NUL cannot travel to PostgreSQL and means nothing in a search anyway.
    text = (text or "").replace("\x00", " ").strip()
    if not text:
        return None
    query = fts5_query(text)
    if query is not None and has_fts(db) and not force_like:
        return Share.id.in_(SQL("(SELECT rowid FROM share_search WHERE share_search MATCH ?)", (query,)))
    pg_query = search_pg.tsquery(text)
    if pg_query is not None and has_text_search(db) and not force_like:
        return Share.id.in_(SQL("(SELECT share_id FROM share_search WHERE document @@ to_tsquery('simple', %s))",
                                (pg_query,)))
    condition = None
    for piece in text.split():
        tagged = ShareTag.select(ShareTag.share).where(_contains(ShareTag.tag, piece))
        found = _contains(Share.title, piece) | _contains(Share.note, piece) | Share.id.in_(tagged)
        condition = found if condition is None else (condition & found)
    return condition
