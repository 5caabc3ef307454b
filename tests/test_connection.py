"""The app's connection (herotui/connection.py): opening and polling return plain results; the
app only copies them into its state after a `DatabaseConnected` message (issue 17)."""

from __future__ import annotations

from herotui.app import DatabaseConnected, HeroApp, make_app
from herotui.connection import Connection, Opened, PollResult


def test_there_is_one_connection_module():
    import importlib.util

    assert importlib.util.find_spec("herotui.session") is None  # renamed for what it is


def test_open_then_poll_without_textual(launch_for):
    connection = Connection(launch_for())
    connected = []
    connection.on_connect = connected.append
    opened = connection.open()
    assert isinstance(opened, Opened)
    assert opened.data_version is not None and opened.pending == 0
    assert opened.me is not None and opened.me.login == "anna"
    assert connected == [opened.hero.store]
    connection.refresh_forms()  # after the first screen's load, in the background
    first = connection.poll()
    assert isinstance(first, PollResult) and first.report is None and not first.writable_again
    # A colleague's commit moves the version the poll reports.
    other = Connection(launch_for(login="bo"))
    other.open().hero.people.set_display_name("Bo B")
    assert connection.poll().data_version != first.data_version
    opened.hero.store.close()


async def test_the_app_takes_its_state_from_the_connected_message(launch_for, monkeypatch):
    seen = []
    original = HeroApp.on_database_connected

    def watched(self, message: DatabaseConnected) -> None:
        seen.append(message)
        original(self, message)

    # On the class: Textual looks handlers up there (a subclass here would look for the
    # stylesheets beside this test file).
    monkeypatch.setattr(HeroApp, "on_database_connected", watched)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)):
        await app.ready.wait()
        assert len(seen) == 1 and isinstance(seen[0], DatabaseConnected)
        assert app.hero is seen[0].opened.hero is app.connection.hero
        assert app.db_state == "online" and app.person_name
