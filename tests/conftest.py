"""Shared fixtures: a real database file per test, an injected clock, an isolated home."""

from __future__ import annotations

from datetime import date, datetime, timedelta
import asyncio
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from herotui import i18n
from herotui.clock import CLOCK_ENV, FakeClock, parse_moment
from herotui.services.hero import Hero
from herotui.connection import Launch
from herotui.store import create_store, open_store
from herotui.store.outbox import Outbox
from pgpool import PgDatabases, pg_url

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Path:
    """Keep every test away from the real user's data, settings and environment."""
    home = tmp_path / "home"
    monkeypatch.setenv("HEROTUI_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("HEROTUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("HEROTUI_USER", "anna")
    for var in ("HEROTUI_DB", "HEROTUI_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # Every process a test starts lives at the suite's moment, even in tests without `clock`.
    monkeypatch.setenv(CLOCK_ENV, suite_moment(request.config).isoformat())
    i18n.set_language("en")
    yield home
    i18n.set_language("en")


DEFAULT_MOMENT = "2026-11-25T10:00:00+01:00"
"""Wednesday 25 November 2026, 10:00 in Stockholm (ISO week 48): the suite's moment unless
`--now` or `HEROTUI_TEST_NOW` names another (`.ci/run` runs the date-sensitive tests at several)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--now", default=None, metavar="MOMENT",
                     help="the test clock's starting moment, ISO 8601 with offset (default: "
                          "$HEROTUI_TEST_NOW or " + DEFAULT_MOMENT + ")")


def suite_moment(config: pytest.Config) -> datetime:
    """The suite's starting moment as an aware datetime in Stockholm time."""
    text = config.getoption("--now") or os.environ.get("HEROTUI_TEST_NOW") or DEFAULT_MOMENT
    return parse_moment(text).astimezone(STOCKHOLM)


# Modules whose expectations depend on the date: `.ci/run` runs them again at the moments in
# `.ci/moments` (a year with ISO week 53, the first Monday of a year, both daylight-saving nights).
DATE_SENSITIVE = {
    "test_learning_service.py", "test_learning_screen.py", "test_cli_learn.py",
    "test_breakfast_service.py", "test_breakfast_screen.py", "test_breakfast_cli.py",
    "test_calendar_rules.py", "test_ics.py", "test_json_contract.py",
    "test_ics_updates.py", "test_breakfast_plan.py", "test_breakfast_history.py", "test_goal_history.py",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks date-sensitive modules; skips `posix_only` tests on Windows, which refuses to rename
    a folder that holds an open SQLite file."""
    skip = pytest.mark.skip(reason="posix_only: Windows cannot rename a folder holding an open file")
    for item in items:
        if item.path.name in DATE_SENSITIVE:
            item.add_marker(pytest.mark.date_sensitive)
        if sys.platform == "win32" and item.get_closest_marker("posix_only"):
            item.add_marker(skip)
    # The long poles (real drives, many processes, the benchmark smoke runs) start first, so that
    # the worker processes spend the rest of the run on short tests instead of one long tail.
    # (Dealing them out to every worker's first slice was slower: they then all ran at once,
    # and a module's tests spread over workers each built its module-scoped fixtures again.)
    items.sort(key=lambda item: not any(item.get_closest_marker(m) for m in ("fuse", "benchmarks", "process")))


def bytecode_cache() -> Path:
    """The folder where the suite's Python processes keep compiled modules: outside the checkout,
    in the user's cache folder (platformdirs, as herotui.locations finds its folders:
    `~/.cache/herotui-tests/bytecode` on Linux)."""
    from platformdirs import user_cache_path

    return user_cache_path("herotui-tests", appauthor=False) / "bytecode"


def pytest_configure(config: pytest.Config) -> None:
    # The suite starts several hundred Python processes: test workers, the CLI, other computers,
    # benchmark children, the drive simulator. Where PYTHONDONTWRITEBYTECODE is set (CI machines
    # often set it to keep checkouts clean) every one of them compiled herotui's modules from
    # source again, about a third of a short command's CPU time. They now share compiled modules
    # in a cache folder outside the checkout (PYTHONPYCACHEPREFIX, Python 3.8+), which keeps the
    # tree as clean as the setting intends. This is set here, before pytest-xdist starts its
    # workers, so that they and everything they start inherit it.
    if not (sys.flags.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE")):
        return
    prefix = os.environ.get("PYTHONPYCACHEPREFIX") or str(bytecode_cache())
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = prefix
    sys.pycache_prefix = prefix
    sys.dont_write_bytecode = False


def pytest_collection_finish(session: pytest.Session) -> None:
    # Everything imported so far (Textual, herotui, the test modules: ~80,000 objects) lives as
    # long as the process. Moved out of the collector's reach, it is no longer walked by every
    # full collection during the screen tests, which make garbage at a high rate: half the time
    # the collector took there (gc.freeze, Python 3.7+).
    import gc

    gc.collect()
    gc.freeze()
    # Each app a screen test runs is one big reference cycle (widgets and their parents), freed
    # only by a full collection, which walks every object alive at that moment. At Python's
    # default (a full collection after every 10 middle ones) a screen test paid for one or two of
    # them, in the middle of its app's 100,000 objects; after every 100 the same garbage goes in
    # fewer walks: collector time in the three screen-test files 12.3 s -> 8.0 s (of 49 s).
    threshold0, threshold1, _ = gc.get_threshold()
    gc.set_threshold(threshold0, threshold1, 100)


def pytest_sessionstart(session: pytest.Session) -> None:
    # multiprocessing starts its resource tracker on first use and hands it this process's stderr.
    # Started later, after an app test has swapped the file descriptors around, the start can
    # fail ("bad value(s) in fds_to_keep"); started here, once per worker, it cannot.
    if sys.platform != "win32":
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
        # The same holds for the process tests' fork server (tests/process_workers.py).
        from process_workers import context

        if context().get_start_method() == "forkserver":
            from multiprocessing import forkserver

            forkserver.ensure_running()


def pytest_report_header(config: pytest.Config) -> str:
    return f"herotui test clock starts at {suite_moment(config).isoformat()} (Europe/Stockholm)"


class SharedClock(FakeClock):
    """The test's one clock. Moving it also moves `HEROTUI_CLOCK` in this process's environment, so
    every process the test starts afterwards (another computer, the CLI, a benchmark child) lives at
    the same moment as the test itself."""

    def __init__(self, start: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        super().__init__(start)
        self._publish()

    def _publish(self) -> None:
        self._monkeypatch.setenv(CLOCK_ENV, self.now().isoformat())

    def advance(self, delta=None, **kwargs):
        moment = super().advance(delta, **kwargs)
        self._publish()
        return moment

    def set(self, moment: datetime) -> None:
        super().set(moment)
        self._publish()


# -- the moment, as tests compute expected values from it -----------------------------------------

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def local_now(clock) -> datetime:
    """The clock's moment in Stockholm time."""
    return clock.now().astimezone(STOCKHOLM)


def local_today(clock) -> date:
    """The clock's local date in Stockholm."""
    return local_now(clock).date()


def week_monday(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


def iso_week_name(day: date) -> str:
    """`2026-W48` for a day in ISO week 48 of ISO year 2026."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def en_day_time(moment: datetime) -> str:
    """`25 November 10:00`: how English messages name a local moment."""
    moment = moment.astimezone(STOCKHOLM)
    return f"{moment.day} {EN_MONTHS[moment.month - 1]} {moment:%H:%M}"


class LockHolder:
    """Another connection that holds `BEGIN EXCLUSIVE` on the file until the test calls `release()`."""

    def __init__(self, db_path) -> None:
        self._taken = threading.Event()
        self._release = threading.Event()
        self._thread = threading.Thread(target=self._hold, args=(db_path,), daemon=True)
        self._thread.start()
        assert self._taken.wait(10), "the lock holder never got the lock"

    def _hold(self, db_path) -> None:
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        self._taken.set()
        self._release.wait(60)
        conn.execute("ROLLBACK")
        conn.close()

    def release(self) -> None:
        self._release.set()
        self._thread.join(10)


UNTIL_TIMEOUT = 20.0
"""Seconds a screen test waits for a condition before it fails. Generous on purpose: it is a
deadline for a busy CI machine, not a speed target (those live in benchmarks/)."""


UNTIL_POLL = 0.005
"""Seconds between two looks at an `until` condition. Most conditions hold a few milliseconds
after the key that caused them; a coarser step only adds idle time to each wait.

Between looks `until` sleeps and lets the app run as it would. It does not call `pilot.pause`
(unless asked to, with `draw`), which after its sleep forces the screen to lay out and draw at
once: every 5 ms, that drew up to 200 frames a second, three times the app's own pace (its
update timer draws at most 60), and was a sixth of the screen tests' CPU (three screen-test
files: 41.8 s of CPU, 34.8 s without)."""


def _pilot_waits_in_finer_steps() -> None:
    """Pilot (Textual's test driver) waits after every key until the app looks idle: it sleeps in
    steps of `textual._wait.SLEEP_GRANULARITY` (20 ms) until a step passes with under 1 ms of
    process CPU. Each key so cost at least two 20 ms sleeps, and the screen tests spent more time
    asleep than working (three screen-test files: 79 s, 44 s of it CPU). In 5 ms steps (51 s) a
    key's wait ends sooner, and with the 1 ms limit unchanged "quiet" now means under 20 % CPU
    instead of 5 % (a 5 % limit made the waits longer than before: 77 s). So a key's effect need not
    be complete when `press` returns: what a test checks after a key it waits for with `until`.
    Only Pilot and `App._press_keys`, used by tests alone, call `wait_for_idle`."""
    import textual._wait

    textual._wait.SLEEP_GRANULARITY = 0.005


_pilot_waits_in_finer_steps()


async def until(pilot, condition, timeout: float = UNTIL_TIMEOUT, what: str = "condition", *,
                draw: bool = False) -> float:
    """Let the app run until `condition()` is true and the screen on top has been composed;
    fail with `what` after `timeout` seconds. With `draw`, the screen lays out and draws what
    changed before each look (`pilot.pause`), instead of at its own pace (see `UNTIL_POLL`).

    Returns the seconds it took. The one way screen tests wait: database calls run on their own
    thread, so the number of pauses a result needs depends on how busy the machine is. Only a
    deadline is fair to both a quiet laptop and a loaded CI runner. A condition that queries a
    widget not mounted yet (a screen just pushed, or rebuilt in another language) counts as not
    yet true; a dialog on top counts once its widgets are there to query.
    """
    from textual.css.query import NoMatches

    missing: list[NoMatches] = []  # the last query that found nothing, for the failure message

    def reached() -> bool:
        try:
            return bool(condition()) and pilot.app.screen.is_mounted
        except NoMatches as error:
            missing[:] = [error]
            return False

    begin = time.monotonic()
    while not reached():
        assert time.monotonic() - begin < timeout, f"{what} not reached within {timeout:g} s" + (
            f" ({missing[0]})" if missing else "")
        await (pilot.pause(UNTIL_POLL) if draw else asyncio.sleep(UNTIL_POLL))
    return time.monotonic() - begin  # how long it took, for tests that bound a wait


async def click(pilot, target, offset: tuple[int, int] = (0, 0)) -> None:
    """Click `target` (a selector or widget class on the screen on top, or a widget) `offset`
    cells from its top-left corner, where a person sees it, and fail if the click lands anywhere
    else.

    Pilot aims at the widget's place from the last layout, and lays out what changed only after
    it has aimed. A list that has just grown moves the buttons below it at the next layout, so a
    click aimed before that lands on whatever was there (seen under load: "Add" clicked the list
    above it). So the spot is taken once the widget's place has held still across one forced
    layout and the widget (or one of its children) is what is drawn there; then the click must
    land on that very widget.
    """
    from textual.geometry import Offset
    from textual.widget import Widget

    app = pilot.app
    screen = app.screen
    widget = target if isinstance(target, Widget) else screen.query_one(target)
    last: list = [None]  # the widget's region at the previous look
    hit: list = []

    def settled() -> bool:
        region = widget.region
        held, last[0] = last[0] == region, region
        spot = region.offset + Offset(*offset)
        under = app.get_widget_at(*spot)[0] if region.area and spot in screen.region else None
        hit[:] = [under, spot]
        return held and under is not None and (under is widget or widget in under.ancestors)

    await until(pilot, settled, what=f"{target!r} laid out and drawn at {offset}", draw=True)
    under, spot = hit
    landed = await pilot.click(under, offset=spot - under.region.offset)
    assert landed, f"the click meant for {target!r} at {tuple(spot)} did not land on {under!r}"


def wait_for(condition, timeout: float = UNTIL_TIMEOUT, what: str = "condition", interval: float = 0.02):
    """`until` for code outside the app's event loop (processes, files, mounts): poll with a
    deadline; returns the first truthy value of `condition()`."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, f"{what} not reached within {timeout:g} s"
        time.sleep(interval)
    return value


@pytest.fixture
def clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The test clock, at the suite's moment (see `suite_moment`), shared with child processes."""
    return SharedClock(suite_moment(request.config), monkeypatch)


_TEMPLATES: dict[tuple[str, str], str] = {}
"""Databases made once per test process by `create_store` (per backend and creation moment),
which each test's fresh database is a copy of: the same bytes `init` would write, without each
test paying for the schema (about 0.1 s of fsyncs on SQLite, 0.5-1 s on PostgreSQL)."""


def _fresh_identity(db) -> None:
    """Give a copied database an identity of its own, as `init` would (herotui.store.identity)."""
    from herotui.store.identity import IDENTITY_KEY, new_identity

    # The DB-API drivers differ in parameter style: sqlite3 takes "?", psycopg "%s" (PEP 249 paramstyle).
    marker = "?" if isinstance(db, sqlite3.Connection) else "%s"
    db.execute(f"UPDATE herotui_meta SET value = {marker} WHERE key = {marker}", (new_identity(), IDENTITY_KEY))


def _sqlite_template(moment: datetime, folder: Path) -> Path:
    key = ("sqlite", moment.isoformat())
    if key not in _TEMPLATES:
        path = folder / f"template-{len(_TEMPLATES)}.db"
        create_store(str(path), creator_login="anna", creator_name="Anna Berg", clock=FakeClock(moment)).close()
        _TEMPLATES[key] = str(path)
    return Path(_TEMPLATES[key])


@pytest.fixture
def db_path(tmp_path: Path, clock: FakeClock, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh herotui database on disk, created by anna (the first admin) at the clock's moment:
    a copy of one `create_store` made (see `_TEMPLATES`), with an identity of its own."""
    import shutil

    path = tmp_path / "team" / "hero.db"
    path.parent.mkdir()
    template = _sqlite_template(clock.now(), tmp_path_factory.getbasetemp())
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        _fresh_identity(conn)
    finally:
        conn.close()
    return path


BACKENDS = ("sqlite", "postgresql")
# Fixtures that only make sense on a file: a test that asks for one runs on SQLite alone.
_FILE_ONLY_FIXTURES = {"db_path", "launch_for"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses the services (`store`, `hero`, `hero_for`, `db_target`) runs on both
    backends, unless it also needs the SQLite file itself or is marked `sqlite_only`."""
    if "backend" not in metafunc.fixturenames:
        return
    file_only = _FILE_ONLY_FIXTURES & set(metafunc.fixturenames)
    if file_only or metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("backend", ["sqlite"], ids=["sqlite"])
    else:
        metafunc.parametrize("backend", list(BACKENDS), ids=list(BACKENDS))


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def db_target(backend: str, request: pytest.FixtureRequest, clock: FakeClock) -> str:
    """A fresh herotui database created by anna: a file path on SQLite, a URL on PostgreSQL."""
    if backend == "sqlite":
        return str(request.getfixturevalue("db_path"))
    return request.getfixturevalue("pg_created")


@pytest.fixture
def store(db_target: str, clock: FakeClock):
    opened = open_store(db_target, clock=clock, write_deadline=5)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def module_databases(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    """`get(backend, moment) -> target`: one database per backend that a module's read-only tests
    share (made like `db_target`'s on first use, dropped after the module). For tests that only
    read what a fixture seeded once, e.g. each hostile string searched in one bank."""
    made: dict[str, tuple[str, object]] = {}

    def get(backend: str, moment: datetime) -> str:
        if backend not in made:
            if backend == "sqlite":
                import shutil

                path = tmp_path_factory.mktemp("shared") / "hero.db"
                shutil.copyfile(_sqlite_template(moment, tmp_path_factory.getbasetemp()), path)
                made[backend] = (str(path), None)
            else:
                database = _pg_database(request, moment)
                made[backend] = (next(database), database)
        return made[backend][0]

    yield get
    for _, database in made.values():
        if database is not None:
            next(database, None)  # drops it


@pytest.fixture
def outbox(isolated_home: Path) -> Outbox:
    return Outbox(isolated_home / "data" / "outbox.db")


@pytest.fixture
def hero_for(store, clock, outbox, isolated_home):
    """`hero_for("erik")`: the services as that colleague sees them, on the same file, from their
    own computer: each colleague has an outbox of their own (anna's is the `outbox` fixture)."""

    def make(login: str = "anna") -> Hero:
        own = outbox if login == "anna" else Outbox(isolated_home / "data" / f"outbox-{login}.db")
        hero = Hero(store, login, clock=clock, outbox=own)
        hero.people.ensure_me()
        return hero

    return make


@pytest.fixture
def hero(hero_for) -> Hero:
    return hero_for("anna")


class FakeDesktop:
    """The browser and the system clipboard as a test sees them: records, never starts a program.

    `has_browser` / `has_clipboard` say whether this pretend computer has one."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.copied: list[str] = []
        self.has_browser = True
        self.has_clipboard = False

    def open_url(self, url: str) -> bool:
        if self.has_browser:
            self.opened.append(url)
        return self.has_browser

    def copy_text(self, text: str) -> bool:
        if self.has_clipboard:
            self.copied.append(text)
        return self.has_clipboard


@pytest.fixture
def desktop() -> FakeDesktop:
    return FakeDesktop()


@pytest.fixture
def launch_for(db_path: Path, clock: FakeClock, isolated_home: Path, desktop: FakeDesktop):
    """A `Launch` for `make_app`, as the CLI would build it, on the test database."""

    def make(login: str = "anna", lang: str = "en", target: str | None = None, warm_screens: bool = False) -> Launch:
        """`warm_screens` is off: a test builds only the screens it opens (see `Launch.warm_screens`)."""
        return Launch(
            target=target or str(db_path),
            may_create=False,
            login=login,
            lang=lang,
            write_deadline=3,
            poll_seconds=0.2,
            outbox_path=isolated_home / "data" / "outbox.db",
            clock=clock,
            warm_screens=warm_screens,
            open_url=desktop.open_url,
            copy_text=desktop.copy_text,
        )

    return make


# -- PostgreSQL ---------------------------------------------------------------------------------

_PG_SKIPPED: list[str] = []


def _pg_base_url() -> str | None:
    return os.environ.get("HEROTUI_TEST_PG") or None


@pytest.fixture
def pg_target(request: pytest.FixtureRequest):
    """A fresh, empty PostgreSQL database for one test (made from template1, or one an earlier
    test used whose schema it left untouched, emptied: see `tests/pgpool.py`).

    Without a server (`HEROTUI_TEST_PG` unset) the test is skipped loudly; `.ci/run` sets
    `HEROTUI_REQUIRE_PG=1`, which turns that skip into a failure.
    """
    yield from _pg_database(request, None)


def _pg_database(request: pytest.FixtureRequest, moment: datetime | None):
    """`pg_target`'s body; with `moment`, a copy of the database anna created then."""
    base = _pg_base_url()
    if not base:
        if os.environ.get("HEROTUI_REQUIRE_PG"):
            pytest.fail("PostgreSQL is required here (HEROTUI_REQUIRE_PG=1) but HEROTUI_TEST_PG is not set")
        _PG_SKIPPED.append(request.node.nodeid)
        pytest.skip("PostgreSQL not available: set HEROTUI_TEST_PG (bash .ci/run starts a server)")
    import psycopg

    databases = _pg_databases(base)
    template = _pg_template(base, moment) if moment is not None else None
    name = databases.take(template)
    url = pg_url(base, name)
    if template:
        with psycopg.connect(url, autocommit=True) as conn:
            _fresh_identity(conn)
    yield url
    from herotui.store.models import database_proxy

    if database_proxy.obj is not None and not isinstance(database_proxy.obj, type(None)):
        try:
            database_proxy.obj.close()
        except Exception:  # noqa: BLE001 - the test may have closed it already
            pass
    databases.give_back(name, template)


_PG_DATABASES: list[PgDatabases] = []


def _pg_databases(base: str) -> PgDatabases:
    """This test process's databases on the test server (see `tests/pgpool.py`)."""
    if not _PG_DATABASES:
        _PG_DATABASES.append(PgDatabases(base))
    return _PG_DATABASES[0]


def _pg_template(base: str, moment: datetime) -> str:
    """The name of a PostgreSQL database `create_store` made at `moment` (once per process)."""
    key = ("postgresql", moment.isoformat())
    if key not in _TEMPLATES:
        import psycopg
        name = f"herotui_tpl_{os.getpid()}_{len(_TEMPLATES)}"
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        create_store(pg_url(base, name), creator_login="anna", creator_name="Anna Berg", clock=FakeClock(moment)).close()
        _TEMPLATES[key] = name
    return _TEMPLATES[key]


@pytest.fixture
def pg_created(request: pytest.FixtureRequest, clock: FakeClock):
    """A fresh PostgreSQL database created by anna at the clock's moment: a copy of a template
    made by `create_store` (see `_TEMPLATES`), or a database an earlier test used, put back into
    exactly that template's state (see `tests/pgpool.py`)."""
    yield from _pg_database(request, clock.now())


def _drop_pg_templates() -> None:
    base = os.environ.get("HEROTUI_TEST_PG")
    for databases in _PG_DATABASES:
        databases.close()
    names = [name for (kind, _), name in _TEMPLATES.items() if kind == "postgresql"]
    if not base or not names:
        return
    import psycopg

    with psycopg.connect(base, autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pytest_sessionfinish(session, exitstatus):
    _drop_pg_templates()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _PG_SKIPPED:
        terminalreporter.write_sep("!", f"{len(_PG_SKIPPED)} PostgreSQL tests SKIPPED: no server (HEROTUI_TEST_PG)",
                                   yellow=True, bold=True)


@pytest.fixture
def netdrive(tmp_path: Path):
    """A FUSE drive (tests/netdrive.py) mounted on tmp_path/share, backed by tmp_path/backing.

    Skips loudly where FUSE cannot be used; fails instead when HEROTUI_REQUIRE_FUSE=1 (CI).
    """
    from tests.netdrive import NetDrive, why_unavailable

    reason = why_unavailable()
    if reason is not None:
        if os.environ.get("HEROTUI_REQUIRE_FUSE") == "1":
            pytest.fail(f"FUSE required (HEROTUI_REQUIRE_FUSE=1) but unavailable: {reason}")
        pytest.skip(f"FUSE drive unavailable: {reason}")
    drive = NetDrive(tmp_path / "backing", tmp_path / "share", tmp_path / "netdrive.ctl")
    try:
        yield drive
    finally:
        drive.close()
