"""How many SQL statements a person waits for: `python -m benchmarks.probe statements --db FILE`.

Runs inside a measured child process (see `probe`). A trace callback on the database thread's
connection (`sqlite3.Connection.set_trace_callback`, called once per statement SQLite runs,
including each PRAGMA) counts every statement from the moment the database is open:

* to the learning screen's first data (all its loading workers done);
* from pressing `2` to the shares screen's first page (the first share highlighted).

With `--query-seconds S` every statement also waits S seconds first (a slow drive), and the
times to both are reported. Statements of the once-a-second change poll (`PRAGMA
data_version`) are counted apart, so it shows whether the poll ran ahead of a screen's load.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Any


class StatementLog:
    """Counts statements on one connection by kind (first word; PRAGMA with its name)."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self.kinds: Counter[str] = Counter()
        self.texts: list[str] = []

    def install(self, store: Any) -> None:
        store.db.connection().set_trace_callback(self._statement)

    def _statement(self, sql: str) -> None:
        words = sql.split()
        kind = " ".join(words[:2] if words and words[0].upper() == "PRAGMA" else words[:1]).upper()
        self.kinds[kind] += 1
        self.texts.append(" ".join(words)[:4000])  # whole: `to_first_page` looks for LIMIT at the end
        if self.seconds > 0:
            time.sleep(self.seconds)

    def take(self) -> dict[str, Any]:
        """The statements since the last `take`: total, without the poll, by kind, and their text."""
        kinds, texts = dict(self.kinds), self.texts
        self.kinds, self.texts = Counter(), []
        poll = kinds.get("PRAGMA DATA_VERSION", 0)
        return {"total": sum(kinds.values()), "without_poll": sum(kinds.values()) - poll, "poll": poll,
                "kinds": kinds, "texts": texts}


def to_end_of_read(texts: list[str], marker: str) -> int | None:
    """Statements up to the end of the transaction holding the first statement that contains
    `marker`; None when none does."""
    at = next((i for i, text in enumerate(texts) if marker in text.upper()), None)
    if at is None:
        return None
    end = next((i for i in range(at, len(texts)) if texts[i].upper().startswith(("COMMIT", "ROLLBACK"))), at)
    return end + 1


def to_first_page(texts: list[str]) -> int:
    """Statements up to the end of the read transaction that fetched the feed's first page (the
    first bounded SELECT from "share"); what ran after it (the visit marked seen, the detail pane)
    did not keep the page from the screen. All of them when no such read is found."""
    page = next((i for i, text in enumerate(texts)
                 if text.upper().startswith("SELECT") and 'FROM "SHARE"' in text.upper() and "LIMIT" in text.upper()),
                None)
    if page is None:
        return len(texts)
    end = next((i for i in range(page, len(texts)) if texts[i].upper().startswith(("COMMIT", "ROLLBACK"))), page)
    return end + 1


def probe_statements(args: Any) -> dict[str, Any]:
    """Statements (and, on a slow drive, seconds) to the learning screen's data and the feed's first page."""
    from benchmarks.probe import bench_launch, run_headless
    from benchmarks.screen import feed_position, settle, wait_until
    from herotui.app import make_app

    log = StatementLog(args.query_seconds)
    app = make_app(bench_launch(args.db, login=args.login), on_connect=log.install)
    result: dict[str, Any] = {}

    async def body(app: Any, pilot: Any) -> None:
        began = time.perf_counter()
        await settle(app, screen_only=True, timeout=600)
        result["learning_seconds"] = time.perf_counter() - began
        result["learning"] = log.take()
        # The week's read is the one that reads the goal history: what ran after it (the forms'
        # offline lists, other screens built in the background) did not keep the week away.
        week = to_end_of_read(result["learning"]["texts"], 'FROM "GOAL_WEEK"')
        result["learning"]["to_first_data"] = week if week is not None else result["learning"]["total"]
        pressed = time.perf_counter()
        app.simulate_key("2")
        await wait_until(lambda: feed_position(app) == 0, timeout=600)
        result["shares_seconds"] = time.perf_counter() - pressed
        result["shares"] = log.take()
        result["shares"]["to_first_page"] = to_first_page(result["shares"]["texts"])

    asyncio.run(run_headless(app, body, {}))
    return result
