"""Search on PostgreSQL: the folded text of each share with a `pg_trgm` GIN index.

The rule of what a search finds is in `herotui.store.search`; this module keeps the PostgreSQL
side of it. `pg_trgm` (postgresql.org/docs/current/pgtrgm.html) makes `LIKE '%term%'` use the
index. It is a contrib extension: where it is not installed, or the role may not create it, the
table is searched without that index (the same answers, a sequential scan) and nothing fails.
"""

from __future__ import annotations

import peewee


def create_postgres_index(db: peewee.Database) -> bool:
    """Create the search table, and its trigram index if `pg_trgm` can be had. Runs inside the
    caller's transaction; a refused `CREATE EXTENSION` is rolled back to a savepoint only.
    Returns True when the trigram index exists."""
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS share_search ("
        " share_id INTEGER PRIMARY KEY REFERENCES share(id) ON DELETE CASCADE,"
        " doc TEXT NOT NULL)"
    )
    if not has_trigram(db):
        try:
            with db.atomic():  # a savepoint: a refusal must not abort the whole transaction
                db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except peewee.DatabaseError:
            return False
    with db.atomic():
        db.execute_sql("CREATE INDEX IF NOT EXISTS share_search_doc_trgm ON share_search USING GIN (doc gin_trgm_ops)")
    return True


def has_trigram(db: peewee.Database) -> bool:
    """True when the `pg_trgm` extension is installed in this database."""
    return db.execute_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone() is not None


def index_share(db: peewee.Database, share_id: int, doc: str) -> None:
    db.execute_sql(
        "INSERT INTO share_search (share_id, doc) VALUES (%s, %s)"
        " ON CONFLICT (share_id) DO UPDATE SET doc = EXCLUDED.doc",
        (share_id, doc),
    )


def insert_documents(db: peewee.Database, docs: list[tuple[int, str]]) -> None:
    """Many (share id, folded text) rows at once (a rebuild)."""
    cursor = db.cursor()
    cursor.executemany(
        "INSERT INTO share_search (share_id, doc) VALUES (%s, %s)"
        " ON CONFLICT (share_id) DO UPDATE SET doc = EXCLUDED.doc", docs)


def unindex_share(db: peewee.Database, share_id: int) -> None:
    db.execute_sql("DELETE FROM share_search WHERE share_id = %s", (share_id,))
