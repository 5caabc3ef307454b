"""The tests' PostgreSQL databases are reused (tests/pgpool.py): a reused one must hold exactly
what a fresh copy of its template holds, and one whose schema a test changed must not come back."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from conftest import wait_for
from pgpool import PgDatabases, pg_url

SCHEMA = """
CREATE TABLE team (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE member (
    id serial PRIMARY KEY,
    team_id integer NOT NULL REFERENCES team (id),
    login text NOT NULL,
    login_key text GENERATED ALWAYS AS (lower(login)) STORED,
    touched integer NOT NULL DEFAULT 0
);
CREATE SEQUENCE ticket;
CREATE SEQUENCE spare START 10;
CREATE SEQUENCE preset;
SELECT setval('preset', 5, false);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN NEW.touched := NEW.touched + 1; RETURN NEW; END $$;
CREATE TRIGGER member_touch BEFORE INSERT ON member FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO team (name) VALUES ('HR'), ('Sälj');
INSERT INTO member (team_id, login) VALUES (1, 'Anna'), (2, 'Erik');
SELECT nextval('ticket'), nextval('ticket');
"""


def content(url: str) -> dict:
    """Every row of both tables, both sequences' states and the planner statistics kept."""
    with psycopg.connect(url) as conn:
        return {
            "team": conn.execute("SELECT * FROM team ORDER BY id").fetchall(),
            "member": conn.execute("SELECT * FROM member ORDER BY id").fetchall(),
            "sequences": conn.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1").fetchall()
            + conn.execute("SELECT nextval('spare'), nextval('preset')").fetchall(),
            "statistics": conn.execute("SELECT count(*) FROM pg_statistic WHERE starelid IN"
                                       " ('team'::regclass, 'member'::regclass)").fetchone()[0],
        }


def exists(base: str, name: str) -> bool:
    with psycopg.connect(base, autocommit=True) as admin:
        return bool(admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchall())


def test_a_reused_database_holds_what_a_fresh_copy_holds_under_a_new_name(pg_target: str):
    base = pg_target.rsplit("/", 1)[0] + "/postgres"
    template = pg_target.rsplit("/", 1)[1]
    with psycopg.connect(pg_target, autocommit=True) as conn:
        conn.execute(SCHEMA)
    databases = PgDatabases(base)
    left_open = None
    try:
        first = databases.take(template)
        fresh = content(pg_url(base, first))
        assert fresh["member"][0][3:] == ("anna", 1)  # generated column and trigger as written

        # What a test might do: new rows that fire the trigger, changed and deleted template rows,
        # sequences moved on, statistics gathered, and a connection it never closed.
        left_open = psycopg.connect(pg_url(base, first), autocommit=True)
        left_open.execute("INSERT INTO team (name) VALUES ('IT')")
        left_open.execute("INSERT INTO member (team_id, login) VALUES (3, 'Olle')")
        left_open.execute("UPDATE member SET login = 'ANNA-B' WHERE id = 1")
        left_open.execute("DELETE FROM member WHERE id = 2")
        left_open.execute("SELECT nextval('ticket'), nextval('spare'), nextval('preset')")
        left_open.execute("ANALYZE")
        assert content(pg_url(base, first)) != fresh

        # And a process that keeps reconnecting to write while the database is given back.
        stop = threading.Event()

        def straggler() -> None:
            while not stop.is_set():
                try:
                    with psycopg.connect(pg_url(base, first), autocommit=True, connect_timeout=2) as conn:
                        conn.execute("INSERT INTO team (name) VALUES (%s)", (f"late {time.monotonic()}",))
                except psycopg.Error:
                    pass
        writer = threading.Thread(target=straggler)
        writer.start()
        try:
            wait_for(lambda: len(content(pg_url(base, first))["team"]) > 3, what="the straggler's first write")
            databases.give_back(first, template)
        finally:
            stop.set()
            writer.join()

        with pytest.raises(psycopg.OperationalError):
            left_open.execute("SELECT 1")  # ended, as DROP DATABASE ... WITH (FORCE) would
        assert not exists(base, first)  # a process left behind cannot reach the next test's data
        again = databases.take(template)
        assert (databases.reused, databases.created, databases.dropped) == (1, 1, {})
        assert again != first
        assert content(pg_url(base, again)) == fresh
        with psycopg.connect(pg_url(base, again), autocommit=True) as conn:
            # Identity restarts where the template's did, and the trigger works again.
            conn.execute("INSERT INTO member (team_id, login) VALUES (1, 'Nils')")
            assert conn.execute("SELECT id, touched FROM member WHERE login = 'Nils'").fetchone() == (3, 1)

        # A test that changes the schema, or anything a reset would not bring back, gets its
        # database dropped, not reused.
        changes = ["ALTER TABLE member ADD COLUMN note text", "ALTER SEQUENCE ticket INCREMENT BY 10",
                   "COMMENT ON TABLE team IS 'teams'", "SELECT lo_create(0)",
                   "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS"
                   " $$ BEGIN NEW.touched := NEW.touched + 1; RETURN NEW; END $$"]
        for number, change in enumerate(changes, start=2):
            with psycopg.connect(pg_url(base, again), autocommit=True) as conn:
                conn.execute(change)
            databases.give_back(again, template)
            assert not exists(base, again), change
            again = databases.take(template)
            assert (databases.reused, databases.created) == (1, number), change
            assert content(pg_url(base, again)) == fresh
        assert databases.dropped == {"schema changed": len(changes)}
        databases.give_back(again, template)
    finally:
        databases.close()
        if left_open is not None:
            left_open.close()
    assert databases.reused == 1


def test_an_empty_database_is_reused_empty(pg_target: str):
    """`pg_target`'s databases (copies of template1) come back too when a test left them alone,
    and are dropped when it created something."""
    base = pg_target.rsplit("/", 1)[0] + "/postgres"
    databases = PgDatabases(base)
    try:
        first = databases.take(None)
        databases.give_back(first, None)
        second = databases.take(None)
        assert (databases.reused, databases.dropped) == (1, {})
        with psycopg.connect(pg_url(base, second), autocommit=True) as conn:
            conn.execute("CREATE TABLE leftover (id int)")
        databases.give_back(second, None)
        assert databases.dropped == {"schema changed": 1} and not exists(base, second)
        third = databases.take(None)
        with psycopg.connect(pg_url(base, third)) as conn:
            assert conn.execute("SELECT count(*) FROM pg_class WHERE relname = 'leftover'").fetchone()[0] == 0
        databases.give_back(third, None)
    finally:
        databases.close()
