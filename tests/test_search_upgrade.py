"""Schema 7 on an existing database: the search index is rebuilt in its new shape and every link's
identity key is computed again, on SQLite and PostgreSQL; PostgreSQL without `pg_trgm` still
searches (the same answers)."""

from __future__ import annotations

import os
import uuid

import pytest

from herotui.services.errors import Conflict
from herotui.services.hero import Hero
from herotui.services.shares import FeedFilter
from herotui.store import open_store, schema, search
from herotui.store.models import Share
from tests.test_swedish_letters import _downgrade_to_v1


def _make_version_1(store) -> None:
    """Put the database back the way version 1 left it: the word index, the old link keys."""
    db = store.db

    def old() -> None:
        db.execute_sql("DROP TABLE share_search")
        if search.has_fts(db):
            db.execute_sql("CREATE VIRTUAL TABLE share_search USING fts5(title, note, tags, "
                           "tokenize = 'unicode61 remove_diacritics 2')")
            db.execute_sql("INSERT INTO share_search (rowid, title, note, tags) SELECT id, title, note, '' FROM share")
        else:
            db.execute_sql("CREATE TABLE share_search (share_id INTEGER PRIMARY KEY REFERENCES share(id)"
                           " ON DELETE CASCADE, document tsvector NOT NULL)")
            db.execute_sql("INSERT INTO share_search SELECT id, to_tsvector('simple', title) FROM share")
        # Version 1 dropped every fragment: both single-page-app links had one key.
        Share.update(url_key="https://app.example.org").where(Share.url.contains("app.example.org")).execute()

    store.write(old)
    _downgrade_to_v1(store)  # and what other versions added (issue 19's keys), stamped version 1


def test_version_1_is_upgraded_to_search_parts_of_words_and_tell_routes_apart(db_target, clock):
    store = open_store(db_target, clock=clock)
    hero = Hero(store, "anna", clock=clock)
    hero.people.ensure_me()
    hero.shares.post("https://app.example.org/#/articles/one", "Ledarskapsutbildning för chefer", "article",
                     ["Ledarskap"])
    hero.shares.post("https://x.se/mal", "Malware i HR-system", "article", ["AI i HR"], tags=["säkerhet"])
    _make_version_1(store)
    store.close()

    store = open_store(db_target, clock=clock)
    try:
        assert store.health.schema_version == schema.SCHEMA_VERSION >= 7
        if search.has_text_search(store.db):
            from herotui.store import search_pg

            assert store.read(lambda: search_pg.has_trigram(store.db))  # the index uses pg_trgm
        else:
            assert search.trigram_available() and search._sqlite_is_trigram(store.db)
        hero = Hero(store, "anna", clock=clock)

        def found(text):
            return [i.title for i in hero.shares.open_feed(FeedFilter(search=text)).page.items]

        assert found("utbildning") == ["Ledarskapsutbildning för chefer"]
        assert found("säkerhet") == ["Malware i HR-system"]  # tags are in the rebuilt index
        assert found("mål") == []
        keys = store.read(lambda: sorted(s.url_key for s in Share.select()))
        assert keys == ["https://app.example.org/#/articles/one", "https://x.se/mal"]
        # A different route of the same app is a different page; the same route is refused.
        hero.shares.post("https://app.example.org/#/articles/two", "Andra artikeln", "article", ["Ledarskap"])
        with pytest.raises(Conflict):
            hero.shares.post("https://APP.example.org:443/#/articles/one", "Igen", "article", ["Ledarskap"])
        assert found("andra") == ["Andra artikeln"]
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_the_upgrade_keeps_a_backup_of_the_version_1_file(db_path, clock):
    store = open_store(str(db_path), clock=clock)
    _make_version_1(store)
    store.close()
    open_store(str(db_path), clock=clock).close()
    assert list(db_path.parent.glob("hero.db.v1-*.bak"))


def test_postgresql_without_pg_trgm_searches_the_same(pg_target, clock):
    """A role that may create tables but not extensions: the search table has no trigram index and
    every answer is the same."""
    import psycopg
    from urllib.parse import urlsplit, urlunsplit

    from herotui.store import create_store, search_pg

    role = "herotui_plain_" + uuid.uuid4().hex[:8]
    admin = psycopg.connect(pg_target, autocommit=True)
    cur = admin.cursor()
    cur.execute(f'CREATE ROLE "{role}" LOGIN')
    cur.execute(f'GRANT CONNECT ON DATABASE "{urlsplit(pg_target).path[1:]}" TO "{role}"')
    cur.execute(f'GRANT CREATE, USAGE ON SCHEMA public TO "{role}"')
    admin.close()
    parts = urlsplit(pg_target)
    url = urlunsplit((parts.scheme, f"{role}@{parts.hostname}:{parts.port}", parts.path, parts.query, ""))
    try:
        store = create_store(url, creator_login="anna", creator_name="Anna Berg", clock=clock)
        try:
            assert not store.read(lambda: search_pg.has_trigram(store.db))
            hero = Hero(store, "anna", clock=clock)
            hero.shares.post("https://x.se/1", "Ledarskapsutbildning för chefer", "article", ["Ledarskap"])
            hero.shares.post("https://x.se/2", "Mål för året", "article", ["AI i HR"])
            found = lambda text: [i.title for i in hero.shares.open_feed(FeedFilter(search=text)).page.items]  # noqa: E731
            assert found("utbildning") == ["Ledarskapsutbildning för chefer"]
            assert found("ledarskap") == ["Ledarskapsutbildning för chefer"]
            assert found("mal") == []
            assert found("MÅL") == ["Mål för året"]
        finally:
            store.close()
    finally:
        admin = psycopg.connect(pg_target, autocommit=True)
        cur = admin.cursor()
        cur.execute(f'DROP OWNED BY "{role}"')
        admin.close()
        admin = psycopg.connect(os.environ["HEROTUI_TEST_PG"], autocommit=True)
        admin.cursor().execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.close()


@pytest.mark.sqlite_only
def test_sqlite_without_trigrams_searches_the_same(tmp_path, clock, monkeypatch):
    """An SQLite older than 3.34 has no trigram tokenizer: a plain table, the same answers."""
    from herotui.store import create_store

    monkeypatch.setattr(search, "trigram_available", lambda: False)
    store = create_store(str(tmp_path / "old.db"), creator_login="anna", creator_name="Anna Berg", clock=clock)
    try:
        assert not search._sqlite_is_trigram(store.db)
        hero = Hero(store, "anna", clock=clock)
        hero.shares.post("https://x.se/1", "Ledarskapsutbildning för chefer", "article", ["Ledarskap"])
        hero.shares.post("https://x.se/2", "Mål för året", "article", ["AI i HR"], tags=["offentlig sektor"])
        found = lambda text: [i.title for i in hero.shares.open_feed(FeedFilter(search=text)).page.items]  # noqa: E731
        assert found("utbildning") == ["Ledarskapsutbildning för chefer"]
        assert found("sektor") == ["Mål för året"]
        assert found("mal") == [] and found("MÅL") == ["Mål för året"]
        assert found('"*(NEAR') == []
    finally:
        store.close()


def test_the_postgresql_upgrade_keeps_server_identity_rules_on_the_search_table(pg_target, clock):
    """With one role per person (issue 20), the search table carries grants and row policies; schema
    7 alters it rather than dropping it, so a colleague can still share and search afterwards."""
    import json
    import subprocess
    import sys
    import uuid as uuidlib

    from herotui.store import create_store
    from tests.pgtools import url_with

    tag = uuidlib.uuid4().hex[:8]
    anna, erik = f"anna_{tag}", f"erik_{tag}"
    store = create_store(pg_target, creator_login=anna, creator_name="Anna Berg", clock=clock)
    Hero(store, erik, clock=clock).people.ensure_me()
    store.close()
    env = {k: v for k, v in os.environ.items() if k != "HEROTUI_USER"} | {"HEROTUI_USER": anna}
    created = subprocess.run([sys.executable, "-m", "herotui", "pg", "roles", "--create", "--json", "--db", pg_target],
                             capture_output=True, text=True, timeout=60, env=env)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["roles"]

    store = open_store(pg_target, clock=clock)
    Hero(store, anna, clock=clock).shares.post("https://x.se/1", "Ledarskapsutbildning", "article", ["Ledarskap"])

    def old() -> None:  # version 1's column, on the same table (grants and policies stay on it)
        store.db.execute_sql("ALTER TABLE share_search DROP COLUMN doc")
        store.db.execute_sql("ALTER TABLE share_search ADD COLUMN document tsvector NOT NULL DEFAULT ''")

    store.write(old)
    _downgrade_to_v1(store)
    store.close()
    open_store(pg_target, clock=clock).close()  # the owner upgrades

    colleague = open_store(url_with(pg_target, user=erik), clock=clock)
    try:
        hero = Hero(colleague, erik, clock=clock)
        hero.shares.post("https://x.se/2", "Chefsutbildning", "article", ["Ledarskap"])
        titles = sorted(i.title for i in hero.shares.open_feed(FeedFilter(search="utbildning")).page.items)
        assert titles == ["Chefsutbildning", "Ledarskapsutbildning"]
    finally:
        colleague.close()
