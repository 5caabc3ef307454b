"""The tests' PostgreSQL databases are reused (tests/pgpool.py): a reused one must hold exactly
what a fresh copy of its template holds, and one whose schema a test changed must not come back."""

from __future__ import annotations

import psycopg
import pytest

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
            + conn.execute("SELECT nextval('spare')").fetchall(),
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
        left_open.execute("SELECT nextval('ticket'), nextval('spare')")
        left_open.execute("ANALYZE")
        assert content(pg_url(base, first)) != fresh
        databases.give_back(first, template)

        with pytest.raises(psycopg.OperationalError):
            left_open.execute("SELECT 1")  # ended, as DROP DATABASE ... WITH (FORCE) would
        assert not exists(base, first)  # a process left behind cannot reach the next test's data
        again = databases.take(template)
        assert (databases.reused, databases.created) == (1, 1)
        assert again != first
        assert content(pg_url(base, again)) == fresh
        with psycopg.connect(pg_url(base, again), autocommit=True) as conn:
            # Identity restarts where the template's did, and the trigger works again.
            conn.execute("INSERT INTO member (team_id, login) VALUES (1, 'Nils')")
            assert conn.execute("SELECT id, touched FROM member WHERE login = 'Nils'").fetchone() == (3, 1)

        # A test that changes the schema gets its database dropped, not reused.
        with psycopg.connect(pg_url(base, again), autocommit=True) as conn:
            conn.execute("ALTER TABLE member ADD COLUMN note text")
        databases.give_back(again, template)
        assert not exists(base, again)
        third = databases.take(template)
        assert (databases.reused, databases.created) == (1, 2)
        assert content(pg_url(base, third)) == fresh
        databases.give_back(third, template)
    finally:
        databases.close()
        if left_open is not None:
            left_open.close()
    assert databases.reused == 1
