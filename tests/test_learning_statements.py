"""The learning screen's load is a handful of statements in one read transaction (issue 16).

On a network drive every statement is a round trip (RESULTS.md: with 200 ms a statement the
week took 5.7 s to appear), so the number is the thing to keep. Counted with SQLite's own trace
callback (`sqlite3.Connection.set_trace_callback`, called once per statement it runs) on the
store's connection, so it only runs on a file.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from herotui.services.learning import make_draft

from conftest import local_today

pytestmark = pytest.mark.sqlite_only


class Statements:
    """Every statement SQLite runs on `store`'s connection while counting."""

    def __init__(self, store) -> None:
        self.texts: list[str] = []
        self.connection = store.db.connection()

    def __enter__(self) -> "Statements":
        self.connection.set_trace_callback(lambda sql: self.texts.append(" ".join(sql.split())))
        return self

    def __exit__(self, *exc) -> None:
        self.connection.set_trace_callback(None)

    def count(self, start: str, table: str | None = None) -> int:
        return sum(1 for t in self.texts if t.upper().startswith(start)
                   and (table is None or f'FROM "{table}"' in t))


def busy_weeks(hero_for, clock):
    """Anna and two colleagues with sessions over many weeks, areas, a share, holidays, a timer."""
    anna, erik, bo = hero_for("anna"), hero_for("erik"), hero_for("bo")
    today = local_today(clock)
    for who, count in ((anna, 3), (erik, 2), (bo, 1)):
        for i in range(count):
            for weeks_back in range(0, 16, 3):
                who.learning.log(20 + i, make_draft(title=f"Pass {i}", kind="podcast",
                                                    areas=[["Ledarskap"], ["Arbetsrätt", "Ledarskap"], []][i % 3]),
                                 day=today - timedelta(weeks=weeks_back, days=i))
    shared = anna.learning.log(30, make_draft(title="Delad", areas=["Ledarskap"], link="https://example.com/a"))
    anna.learning.share(shared.uuid)
    anna.learning.set_holiday(today - timedelta(weeks=2))
    bo.learning.set_holiday(today)
    erik.people.set_named_in_pulse(True)
    anna.learning.start(make_draft(title="Pågår", areas=["Arbetsrätt"]))
    clock.advance(minutes=12)
    return anna


def test_the_screens_load_is_one_read_transaction_of_eight_statements(hero_for, clock, store):
    anna = busy_weeks(hero_for, clock)
    with Statements(store) as seen:
        overview, areas = anna.learning.overview_and_areas()
    assert seen.count("BEGIN") == 1 and seen.count("COMMIT") == 1, seen.texts
    assert seen.count("SELECT", "org_setting") == 1, "the organisation's settings are read once"
    assert seen.count("SELECT", "person") == 1, "everyone's names and week's minutes in one statement"
    assert len(seen.texts) <= 8, "\n".join(seen.texts)
    # Everything the screen shows is there, and the same as read piece by piece.
    assert overview == anna.learning.overview()
    assert areas == [a.name for a in anna.areas.list()]
    assert overview.timer is not None and overview.timer.areas == ("Arbetsrätt",)
    assert [s.title for s in overview.week.sessions if s.shared] == ["Delad"]
    assert overview.pulse.colleagues == 2 and overview.week.sessions


def test_more_sessions_and_weeks_do_not_add_statements(hero_for, clock, store):
    anna = busy_weeks(hero_for, clock)
    with Statements(store) as before:
        anna.learning.overview_and_areas()
    for weeks_back in range(1, 30):
        anna.learning.log(15, make_draft(title="Mer", areas=["Ledarskap"]),
                          day=local_today(clock) - timedelta(weeks=weeks_back))
    with Statements(store) as after:
        anna.learning.overview_and_areas(local_today(clock) - timedelta(weeks=1))
    assert len(after.texts) == len(before.texts), "\n".join(after.texts)


def test_someone_without_a_row_yet_reads_the_pulse_alone(hero_for, clock, store):
    busy_weeks(hero_for, clock)
    stranger = hero_for("anna")
    stranger.login = "ny.kollega"  # signed in, not yet written anything: no person row
    with Statements(store) as seen:
        overview, _ = stranger.learning.overview_and_areas()
    assert overview.timer is None and overview.week.minutes == 0 and overview.pulse.colleagues == 2
    assert seen.count("BEGIN") == 1 and len(seen.texts) <= 10, "\n".join(seen.texts)


def test_from_the_opening_to_the_week_on_screen_ten_statements(hero_for, clock, store, launch_for):
    """What the app runs from the moment the database is open to the learning screen's week:
    the person (one statement, no BEGIN/COMMIT), where the change poll starts, the week's read.
    RESULTS.md row 20 counts the same in a running app."""
    from herotui.connection import Connection

    busy_weeks(hero_for, clock)
    texts: list[str] = []

    def trace(opened_store) -> None:
        opened_store.db.connection().set_trace_callback(lambda sql: texts.append(" ".join(sql.split())))

    connection = Connection(launch_for(login="anna"), on_connect=trace)
    opened = connection.open()
    try:
        assert opened.me is not None and opened.me.login == "anna"
        overview, _ = opened.hero.learning.overview_and_areas()
        assert overview.week.minutes > 0
        assert len(texts) <= 10, "\n".join(texts)
        assert [t.split()[0].upper() for t in texts[:2]] == ["SELECT", "PRAGMA"], texts[:2]
    finally:
        opened.hero.store.close()
