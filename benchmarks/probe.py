"""What runs inside a measured child process: `python -m benchmarks.probe KIND [options]`.

Each probe prints one JSON line, prefixed with `@@probe `, on the real standard output. Times
are `time.perf_counter()` readings; on Linux, macOS and Windows that clock is system-wide and
monotonic, so the parent compares them with its own readings taken before it started the child.

The module imports only the standard library at the top: a start-up probe pays for nothing but
the app it starts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

MARK = "@@probe "
SIZE = (120, 40)


def emit(data: dict[str, Any]) -> None:
    out = sys.__stdout__ or sys.stdout
    out.write(MARK + json.dumps(data) + "\n")
    out.flush()


def bench_launch(db: str, *, login: str, lang: str = "sv", poll_seconds: float = 1.0):
    """A `Launch` as the command line builds it, on `db`, with the real clock."""
    from herotui import locations
    from herotui.connection import Launch

    return Launch(target=db, may_create=False, login=login, lang=lang, poll_seconds=poll_seconds,
                  outbox_path=locations.outbox_file())


def one_label_app():
    """The baseline: the smallest Textual app that shows something."""
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class OneLabel(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("Hej! Dags för lärtimmen.")

    return OneLabel()


async def run_headless(app: Any, body: Callable[[Any, Any], Any], marks: dict[str, float]) -> None:
    """Run `app` headless at 120x40 with notifications on; note the first frame; then `body(app, pilot)`."""
    from textual import events

    def hook(message: Any) -> None:
        if isinstance(message, events.Ready) and "first_frame" not in marks:
            marks["first_frame"] = time.perf_counter()

    async with app.run_test(size=SIZE, notifications=True, message_hook=hook) as pilot:
        while "first_frame" not in marks:
            await asyncio.sleep(0.001)
        await body(app, pilot)


# -- start-up -------------------------------------------------------------------------------------


def probe_startup(args: argparse.Namespace) -> dict[str, Any]:
    """Process start to first frame, and (herotui) to the first screen filled from the database.

    herotui starts through its real command line (`herotui --db FILE --lang sv`): settings,
    argument parsing and the database choice all count. Only the last step differs from a
    terminal start: the app runs headless at 120x40 instead of `app.run()`.
    """
    from benchmarks.screen import settle

    marks: dict[str, float] = {}

    async def filled(app: Any, pilot: Any) -> None:
        if args.app == "herotui":
            await settle(app, screen_only=True)  # the screens built in the background do not count
        marks["filled"] = time.perf_counter()

    if args.app == "label":
        asyncio.run(run_headless(one_label_app(), filled, marks))
    else:
        import herotui.cli.core as core
        from herotui.cli import main

        def run_app_headless(cli_args: argparse.Namespace) -> int:
            from herotui.app import make_app
            from herotui.cli.common import launch_from

            app = make_app(launch_from(cli_args))
            asyncio.run(run_headless(app, filled, marks))
            return 0

        core.run_app = run_app_headless  # the CLI looks it up when it runs, after parsing
        code = main(["--db", args.db, "--lang", "sv"])
        if code:
            raise SystemExit(code)
    return marks


# -- idle cost --------------------------------------------------------------------------------------


def probe_idle(args: argparse.Namespace) -> dict[str, Any]:
    """CPU time over `seconds` of wall time while the app sits there (herotui: with a running timer)."""
    from benchmarks.measure import cpu_seconds
    from benchmarks.screen import screen_text, settle

    result: dict[str, Any] = {}
    if args.app == "herotui":
        _start_timer(args.db, args.login)
        from herotui.app import make_app

        app = make_app(bench_launch(args.db, login=args.login))
    else:
        app = one_label_app()

    async def idle(app: Any, pilot: Any) -> None:
        if args.app == "herotui":
            await settle(app)
        await asyncio.sleep(args.warmup)
        before = screen_text(app)
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        await asyncio.sleep(args.seconds)
        cpu1, wall1 = cpu_seconds(), time.perf_counter()
        result.update(cpu=cpu1 - cpu0, wall=wall1 - wall0, screen_changed=screen_text(app) != before)

    marks: dict[str, float] = {}
    asyncio.run(run_headless(app, idle, marks))
    return result


def _start_timer(db: str, login: str) -> None:
    from herotui.services.hero import Hero
    from herotui.services.learning import Draft
    from herotui.store import open_store

    store = open_store(db)
    try:
        hero = Hero(store, login)
        hero.people.ensure_me()
        if hero.learning.timer() is None:
            hero.learning.start(Draft(kind="podcast", title="Lärtimme under mätning"))
    finally:
        store.close()


# -- the feed at scale -------------------------------------------------------------------------------


def probe_feed(args: argparse.Namespace) -> dict[str, Any]:
    """Open the shares screen ("2") and move down `moves` shares, one key at a time.

    Each key counts as answered when the highlight is on the next share and that share's line
    is loaded (not a placeholder). Peak memory is the whole process's, read at the end.
    """
    from benchmarks.measure import peak_rss_mb
    from benchmarks.screen import describe_feed, feed_position, settle, wait_until
    from herotui.app import make_app

    result: dict[str, Any] = {}
    app = make_app(bench_launch(args.db, login=args.login))

    async def walk(app: Any, pilot: Any) -> None:
        await settle(app)
        # The other screens are built in the background after the first frame; under heavy load
        # that overlapped the walk and a Down key went unanswered (2026-11-30). Measured: paging.
        await app.screens_built.wait()
        await settle(app)
        opened = time.perf_counter()
        app.simulate_key("2")
        await wait_until(lambda: feed_position(app) == 0, timeout=120)
        shown = time.perf_counter()
        keys, lost = [], []
        for step in range(1, args.moves + 1):
            pressed = time.perf_counter()
            app.simulate_key("down")
            for _ in range(6):
                try:
                    await wait_until(lambda: feed_position(app) == step, timeout=10)
                    break
                except TimeoutError:
                    # Under heavy load (2026-11-30) a Down now and then left the cursor where it
                    # was, with nothing loading: press again, as a person would, and say so.
                    if feed_position(app) != step - 1:
                        raise TimeoutError(f"move {step} went elsewhere: {describe_feed(app)}") from None
                    lost.append(step)
                    app.simulate_key("down")
            else:
                raise TimeoutError(f"move {step} not answered in 60 s: {describe_feed(app)}")
            keys.append(time.perf_counter() - pressed)
        walked = time.perf_counter()
        result.update(open=shown - opened, moves=walked - shown, total=walked - opened, keys=keys, lost=lost)

    asyncio.run(run_headless(app, walk, {}))
    result["peak_mb"] = peak_rss_mb()
    return result


# -- a slow drive ----------------------------------------------------------------------------------------


class SlowDrive:
    """Installed on the database thread's connection: once on, every statement waits `seconds`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.on = False
        self.slowed = 0
        self.kinds: dict[str, int] = {}
        """How many statements of each kind ran (first words), to see what the drive spent time on."""

    def install(self, store: Any) -> None:
        store.db.connection().set_trace_callback(self._statement)

    def _statement(self, sql: str) -> None:
        if not self.on:
            return
        words = sql.split()
        kind = " ".join(words[:2] if words and words[0].upper() == "PRAGMA" else words[:1]).upper()
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if self.seconds > 0:
            self.slowed += 1
            time.sleep(self.seconds)


def probe_slow(args: argparse.Namespace) -> dict[str, Any]:
    """Key press to the screen's answer while every query takes `query_seconds` (0: a normal drive).

    The drive is slow from the moment the database opens, so the screens load on it while the
    keys arrive, as they would for someone on a slow network share. Keys: switch to the feed,
    move down it, search (type, Enter), mark a share useful and save it, switch to breakfasts,
    join the waitlist, switch to the learning hour, start the timer, open and close help, type in
    the command palette. A key is answered when its effect is on screen
    (not when the data behind it has arrived). A heartbeat task on the event loop reports the
    longest stall while all of it happens.
    """
    from textual.widgets import Input

    from benchmarks.screen import (Heartbeat, describe_feed, feed_position, feed_widget, screen_named, wait_until,
                                   write_started)
    from herotui.app import make_app

    drive = SlowDrive(args.query_seconds)
    drive.on = True
    app = make_app(bench_launch(args.db, login=args.login), on_connect=drive.install)
    answers: list[tuple[str, float]] = []
    result: dict[str, Any] = {}

    async def answer(label: str, key: str, done: Callable[[], bool]) -> None:
        pressed = time.perf_counter()
        app.simulate_key(key)
        try:
            await wait_until(done, timeout=30)
        except TimeoutError:
            raise TimeoutError(f"{label!r} not answered in 30 s on {type(app.screen).__name__}: "
                               f"{describe_feed(app)}; answered before: {answers[-3:]}") from None
        answers.append((label, time.perf_counter() - pressed))

    async def drive_keys(app: Any, pilot: Any) -> None:
        opened = time.perf_counter()
        await asyncio.wait_for(app.ready.wait(), 600)
        result["open"] = time.perf_counter() - opened
        heartbeat = Heartbeat().start()
        await answer("2 feed", "2", lambda: screen_named(app, "SharesScreen"))
        # Moving needs lines to move over: wait (unmeasured) until the first page is there.
        await wait_until(lambda: feed_position(app) == 0, timeout=600)
        result["feed_loaded"] = time.perf_counter() - opened
        for step in range(1, args.moves + 1):
            await answer("down", "down", lambda s=step: feed_position(app) == s)
        await answer("/ search", "slash", lambda: isinstance(app.focused, Input))
        box = app.focused
        for char in "ledar":
            await answer("search typing", char, lambda c=char: box.value.endswith(c))
        await answer("enter search", "enter", lambda: app.focused is feed_widget(app))
        # Write keys hand their write to a worker; the switch right after each shows whether
        # one held the keyboard while the drive was slow (issue 12).
        await answer("u useful (write)", "u", write_started(app))
        await answer("s save (write)", "s", write_started(app))
        await answer("3 breakfast", "3", lambda: screen_named(app, "BreakfastScreen"))
        await wait_until(lambda: getattr(app.screen, "overview", None) is not None, timeout=600)
        await answer("w waitlist (write)", "w", write_started(app))
        await answer("1 learning", "1", lambda: screen_named(app, "LearningScreen"))
        await answer("space timer (write)", "space", write_started(app))
        await answer("? help", "question_mark", lambda: screen_named(app, "HelpScreen"))
        await answer("escape", "escape", lambda: not screen_named(app, "HelpScreen"))
        app.action_command_palette()
        await wait_until(lambda: screen_named(app, "CommandPalette") and isinstance(app.focused, Input), timeout=30)
        palette = app.focused
        for char in "frukost":
            await answer("palette typing", char, lambda c=char: palette.value.endswith(c))
        result["stall"] = heartbeat.stop()
        drive.on = False

    asyncio.run(run_headless(app, drive_keys, {}))
    worst = max(answers, key=lambda a: a[1])
    result.update(longest=worst[1], longest_key=worst[0], answers=answers, slowed=drive.slowed,
                  statements=drive.kinds)
    return result


# -- change propagation ------------------------------------------------------------------------------------


def probe_watch(args: argparse.Namespace) -> dict[str, Any]:
    """Sit on the shares screen with the default poll interval; report when each new share shows.

    Protocol on standard output: `{"ready": t}` once the feed is shown, then for k = 1..count
    `{"seen": k, "at": t}` when the k-th share (title `TITLE k`) or the "k new shares" notice is
    on screen, then `{"reset": k}` after pressing g (show the new ones), ready for the next.
    """
    from benchmarks.screen import feed_position, notice_texts, screen_text, settle, wait_until
    from herotui.app import make_app
    from herotui.config import Settings

    launch = bench_launch(args.db, login=args.login, poll_seconds=Settings().poll_seconds)
    app = make_app(launch)
    result: dict[str, Any] = {"poll_seconds": launch.poll_seconds}

    async def watch(app: Any, pilot: Any) -> None:
        await settle(app)
        app.simulate_key("2")
        await wait_until(lambda: feed_position(app) == 0, timeout=120)
        await settle(app)
        emit({"ready": time.perf_counter()})
        for k in range(1, args.count + 1):
            wanted = [f"{args.title} {k}", *notice_texts(1)]

            def seen() -> bool:
                text = screen_text(app)
                return any(w in text for w in wanted)

            await wait_until(seen, timeout=60, step=0.01)
            emit({"seen": k, "at": time.perf_counter()})
            app.simulate_key("g")
            await wait_until(lambda: not any(n in screen_text(app) for n in notice_texts(1)), timeout=60)
            await settle(app)
            emit({"reset": k})

    asyncio.run(run_headless(app, watch, {}))
    return result


def probe_post(args: argparse.Namespace) -> dict[str, Any]:
    """One colleague shares a find: `herotui share add URL --title T --area A`, in this process.

    `committed` is read right after the command returned, so the commit happened before it.
    """
    import contextlib
    import io

    from herotui.cli import main

    url = f"https://kunskap.example.org/spridning/{time.time_ns()}"
    argv = ["share", "add", url, "--title", args.title, "--area", args.area, "--kind", "article", "--db", args.db]
    err = io.StringIO()
    before = time.perf_counter()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
    except SystemExit as exc:  # argparse: the command is not there (yet)
        code = exc.code if isinstance(exc.code, int) else 2
    committed = time.perf_counter()
    via = "cli"
    if code == 2 and "invalid choice: 'share'" in err.getvalue():
        # The share commands are not there yet: post through the same service the command uses.
        before, committed, via = _post_through_service(args, url), time.perf_counter(), "service"
    elif code != 0:
        raise SystemExit(f"herotui {' '.join(argv[:2])} exited {code}: {err.getvalue().strip()}")
    return {"before": before, "committed": committed, "via": via}


def _post_through_service(args: argparse.Namespace, url: str) -> float:
    from herotui.services.hero import Hero
    from herotui.store import open_store

    store = open_store(args.db)
    try:
        hero = Hero(store, "erik.lindqvist")
        hero.people.ensure_me()
        before = time.perf_counter()
        hero.shares.post(url, args.title, "article", [args.area])
        return before
    finally:
        store.close()


# -- insights ---------------------------------------------------------------------------------------


def probe_insights(args: argparse.Namespace) -> dict[str, Any]:
    """Key 4 to the insights screen's first figures painted, the app already open and settled."""
    from benchmarks.screen import screen_text, settle, wait_until
    from herotui.app import make_app

    app = make_app(bench_launch(args.db, login=args.login))
    result: dict[str, Any] = {}

    async def body(app: Any, pilot: Any) -> None:
        await settle(app)
        await app.screens_built.wait()
        await settle(app)
        pressed = time.perf_counter()
        await pilot.press("4")
        # Cheap check first; painting the screen to text on every poll would slow what is measured.
        await wait_until(lambda: getattr(app.screen, "insights", None) is not None, timeout=120)
        await wait_until(lambda: "Summa" in screen_text(app), timeout=120, step=0.005)
        result["first_figures"] = time.perf_counter() - pressed

    marks: dict[str, float] = {}
    asyncio.run(run_headless(app, body, marks))
    return result


# -- the command line ---------------------------------------------------------------------------------

PROBES: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "startup": probe_startup,
    "idle": probe_idle,
    "feed": probe_feed,
    "insights": probe_insights,
    "slow": probe_slow,
    "watch": probe_watch,
    "post": probe_post,
    "memory": lambda args: __import__("benchmarks.memory", fromlist=["x"]).probe_memory(args),
    "statements": lambda args: __import__("benchmarks.counts", fromlist=["x"]).probe_statements(args),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe")
    parser.add_argument("kind", choices=sorted(PROBES))
    parser.add_argument("--app", choices=["herotui", "label"], default="herotui")
    parser.add_argument("--db", default="")
    parser.add_argument("--login", default="anna.berg")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=1.5)
    parser.add_argument("--speed", type=float, default=60.0, help="memory: ticks and polls this many times as often")
    parser.add_argument("--moves", type=int, default=1000)
    parser.add_argument("--query-seconds", type=float, default=0.0)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--title", default="")
    parser.add_argument("--area", default="Ledarskap")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.db:
        args.db = str(Path(args.db).resolve())
    result = PROBES[args.kind](args)
    emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
