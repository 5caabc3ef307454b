"""Time as the services see it: injected, so tests move it instead of sleeping.

There is exactly one seam from the outside world into herotui's sense of "now": `default_clock()`.
It returns the wall clock, unless the environment variable `HEROTUI_CLOCK` holds a moment (ISO 8601
with a UTC offset, for example `2026-12-31T23:30:00+01:00`). Then every clock made by that process
stands at that moment, the way `SOURCE_DATE_EPOCH` pins the time of a reproducible build. Tests set it
for every process they start (another computer, the command line, a benchmark child), so all of them
live at the test's moment and not at the date the suite happens to run on.

Nothing else in herotui may call `datetime.now()`, `date.today()` or `time.time()` for a date a person
sees; durations and deadlines use `time.monotonic()`, which has no date.
"""

from __future__ import annotations

import os
import threading
from datetime import datetime, timedelta, timezone
from typing import Protocol

CLOCK_ENV = "HEROTUI_CLOCK"
"""Name of the environment variable that pins a process's clock (see the module docstring)."""


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""


class SystemClock:
    """The computer's wall clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FakeClock:
    """A clock that stands still until a test moves it.

    `start` must be timezone-aware (`ValueError` otherwise); `now()` returns it in UTC.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(timezone.utc)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        with self._lock:
            self._now += delta or timedelta(**kwargs)
            return self._now

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._now = moment.astimezone(timezone.utc)

    def env(self) -> dict[str, str]:
        """`{"HEROTUI_CLOCK": <this moment, ISO 8601>}`: pass it to a process so it lives at this moment."""
        return {CLOCK_ENV: self.now().isoformat()}


def parse_moment(text: str) -> datetime:
    """An ISO 8601 moment with an offset (`2027-03-28T01:30:00+01:00`) as an aware UTC datetime.

    Raises `ValueError` with a message naming `HEROTUI_CLOCK` when the text has no offset or is not a
    moment at all: a pinned clock must never be guessed.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{CLOCK_ENV}={text!r} is not an ISO 8601 moment (e.g. 2026-12-31T23:30:00+01:00)") from None
    if moment.tzinfo is None:
        raise ValueError(f"{CLOCK_ENV}={text!r} needs a UTC offset (e.g. +01:00)")
    return moment.astimezone(timezone.utc)


def default_clock() -> Clock:
    """The clock for a process: the wall clock, or a `FakeClock` pinned by `HEROTUI_CLOCK`.

    Raises `ValueError` when `HEROTUI_CLOCK` is set but is not a moment with an offset.
    """
    pinned = os.environ.get(CLOCK_ENV)
    if pinned:
        return FakeClock(parse_moment(pinned))
    return SystemClock()
