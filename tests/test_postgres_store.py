"""The store on a real PostgreSQL server: create, refuse, open, write, change signal, doctor."""

from __future__ import annotations

import time

import psycopg
import pytest

from herotui.cli import main
from herotui.services.hero import Hero
from herotui.store import create_store, open_store
from herotui.store.errors import DatabaseExists, DatabaseUnavailable, NotHerotuiDatabase
from herotui.store.models import Person
from tests.pgtools import pg_proxy  # noqa: F401 - fixture


def test_init_creates_the_schema_and_refuses_a_second_time(pg_target, clock):
    store = create_store(pg_target, creator_login="anna", creator_name="Anna Berg", clock=clock)
    assert store.read(lambda: Person.get(Person.login == "anna").is_admin)
    store.close()
    with pytest.raises(DatabaseExists):
        create_store(pg_target, creator_login="erik")


def test_a_database_with_other_tables_is_refused(pg_target):
    with psycopg.connect(pg_target, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id serial primary key)")
    with pytest.raises(DatabaseExists) as caught:
        create_store(pg_target, creator_login="anna")
    assert "other tables" in caught.value.message()
    with pytest.raises(NotHerotuiDatabase):
        open_store(pg_target)


def test_services_and_change_signal(pg_target, clock):
    create_store(pg_target, creator_login="anna", clock=clock).close()
    store = open_store(pg_target, clock=clock)
    hero = Hero(store, "anna", clock=clock)
    before = store.data_version()
    assert store.data_version() == before  # nothing happened
    with psycopg.connect(pg_target, autocommit=True) as other:
        other.execute("NOTIFY herotui_changes")
    # A notification travels asynchronously; the app's next poll sees it. Give it a moment.
    deadline = time.monotonic() + 5
    while store.data_version() == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert store.data_version() != before
    hero.people.set_display_name("Anna Berg")
    assert hero.people.me().display_name == "Anna Berg"
    store.close()


def test_unreachable_server_is_an_outage_not_a_crash(clock):
    with pytest.raises(DatabaseUnavailable) as caught:
        open_store("postgresql://nobody:secret@127.0.0.1:1/hero", clock=clock)
    assert "secret" not in caught.value.message()


def test_doctor_on_postgres(pg_target, capsys):
    create_store(pg_target, creator_login="anna").close()
    assert main(["doctor", "--db", pg_target, "--json"]) == 0
    out = capsys.readouterr().out
    assert '"latency"' in out and '"server"' in out


def _counts(store) -> dict[str, int]:
    from herotui.store.models import ALL_MODELS

    return store.read(lambda: {m._meta.table_name: m.select().count() for m in ALL_MODELS})


def test_migrate_copies_every_row_and_refuses_a_second_copy(tmp_path, pg_target, clock, capsys):
    from herotui.demo import DemoSize, create_demo_database

    source = tmp_path / "team.db"
    sqlite_store = create_demo_database(str(source), clock=clock,
                                        size=DemoSize(people=12, shares=60, sessions=40))
    expected = _counts(sqlite_store)
    uuids = sqlite_store.read(lambda: sorted(p.uuid for p in Person.select()))
    sqlite_store.close()

    assert main(["migrate", "--from", str(source), "--to", pg_target, "--json"]) == 0
    assert '"ok": true' in capsys.readouterr().out
    pg = open_store(pg_target, clock=clock)
    assert _counts(pg) == expected
    assert pg.read(lambda: sorted(p.uuid for p in Person.select())) == uuids
    hero = Hero(pg, "erik.nystrom", clock=clock)
    hero.people.ensure_me()  # sequences continue after the copied ids
    pg.close()

    assert main(["migrate", "--from", str(source), "--to", pg_target]) == 1
    assert "--merge" in capsys.readouterr().err
    assert main(["migrate", "--from", str(source), "--to", pg_target, "--merge"]) == 0
    pg = open_store(pg_target, clock=clock)
    merged = _counts(pg)
    pg.close()
    assert merged["share"] == expected["share"] and merged["person"] == expected["person"] + 1


def test_server_outage_keeps_writes_in_the_outbox_and_sends_them_once(pg_target, clock, outbox, pg_proxy):
    """The server cannot be reached for a while: writes wait locally, then arrive exactly once."""
    from herotui.services.actions import Queued, replay

    create_store(pg_target, creator_login="anna", clock=clock).close()
    proxy = pg_proxy(pg_target)
    store = open_store(proxy.url, clock=clock, write_deadline=1)
    hero = Hero(store, "anna", clock=clock, outbox=outbox)
    proxy.stop()  # as when the server's host drops off the network
    try:
        queued = hero.shares.post("https://example.org/outage", "Skrivet under avbrottet", "article", ["Ledarskap"])
        assert isinstance(queued, Queued)
        assert replay(hero).waiting == 1
    finally:
        proxy.start()
    report = replay(hero)
    assert report.sent == [queued.uuid]
    assert replay(hero).sent == []
    from herotui.store.models import Share

    assert store.read(lambda: Share.select().where(Share.uuid == queued.uuid).count()) == 1
    store.close()


def _what_people_see(store, clock, login: str) -> dict:
    hero = Hero(store, login, clock=clock)
    opening = hero.shares.open_feed()
    breakfast = hero.breakfast.overview()
    week = hero.learning.week()
    return {
        "feed": [(item.title, item.uuid) for item in opening.page.items[:50]],
        "feed_total": opening.total,
        "upcoming": [(s.uuid, s.topic, s.host_login) for s in breakfast.upcoming],
        "past": [(s.uuid, s.topic, s.host_login) for s in breakfast.past],
        "week_minutes": week.minutes,
        "history": [(w.week_start, w.minutes) for w in hero.learning.overview().history],
    }


def test_after_migrate_people_see_the_same_feed_calendar_and_weeks(tmp_path, pg_target, clock):
    from herotui.demo import create_demo_database

    source = tmp_path / "team.db"
    sqlite_store = create_demo_database(str(source), clock=clock)
    login = "erik.nystrom"
    before = _what_people_see(sqlite_store, clock, "anna.berg")
    before_other = _what_people_see(sqlite_store, clock, login)
    sqlite_store.close()
    assert main(["migrate", "--from", str(source), "--to", pg_target]) == 0
    pg = open_store(pg_target, clock=clock)
    assert _what_people_see(pg, clock, "anna.berg") == before
    assert _what_people_see(pg, clock, login) == before_other
    assert before["feed_total"] == 300 and before["upcoming"] and before["history"]
    pg.close()
