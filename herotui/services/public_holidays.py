"""Public holidays for the breakfast rule, from the `holidays` package (no database).

`holidays.country_holidays("SE")` is the source. Two things to know about it: older releases
count every Sunday as a Swedish holiday unless told `include_sundays=False` (the Swedish class's
own option; other countries refuse it), and Midsummer Eve, Christmas Eve and New Year's Eve are
in its `de_facto` category, not `public`, although Swedish offices are closed then. So this
module asks for public plus de facto days where a country has them, and never for Sundays.
"""

from __future__ import annotations

import json
import os
from datetime import date
from functools import lru_cache
from pathlib import Path

DEFAULT_COUNTRY = "SE"

CACHE_NAME = "public-holidays.json"
"""The tables computed so far, in the data folder (`herotui.locations.data_dir()`).

Importing `holidays` loads all of its ~300 country modules (its `countries/__init__` imports
every one), ~70 ms of a `herotui breakfast claim` that itself takes ~0.3 s. A country's
holidays for a year never change for one installed version of the package, so they are kept
here, stamped with that version's files, and the package is imported only when a table is
missing or the package was upgraded."""


def supported(country: str) -> bool:
    """Whether the `holidays` package knows this ISO 3166-1 alpha-2 code."""
    country = str(country).upper()
    cached = _Cache.load().supported
    if cached is not None:
        return country in cached
    import holidays as _holidays

    codes = sorted(_holidays.list_supported_countries())
    _Cache.load().remember_supported(codes)
    return country in codes


class _Cache:
    """The file `CACHE_NAME`: {"stamp": ..., "supported": [codes], "tables": {key: {ISO date: name}}}.
    Unreadable, stale or missing: empty. Writing is best effort (a read-only data folder only
    costs the import next time)."""

    _loaded: "_Cache | None" = None

    def __init__(self, path: Path | None, stamp: str | None, data: dict) -> None:
        self.path, self.stamp = path, stamp
        self.supported: set[str] | None = set(data["supported"]) if "supported" in data else None
        self.tables: dict[str, dict[str, str]] = data.get("tables", {})

    @classmethod
    def load(cls) -> "_Cache":
        path = _cache_path()
        if cls._loaded is not None and cls._loaded.path == path:
            return cls._loaded
        stamp, data = _package_stamp(), {}
        if path is not None and stamp is not None:
            try:
                found = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(found, dict) and found.get("stamp") == stamp:
                    data = found
            except (OSError, ValueError):
                pass
        cls._loaded = cls(path, stamp, data)
        return cls._loaded

    def remember_supported(self, codes: list[str]) -> None:
        self.supported = set(codes)
        self._save()

    def remember_table(self, key: str, table: dict[date, str]) -> None:
        self.tables[key] = {day.isoformat(): name for day, name in table.items()}
        self._save()

    def _save(self) -> None:
        if self.path is None or self.stamp is None:
            return
        data = {"stamp": self.stamp, "tables": self.tables}
        if self.supported is not None:
            data["supported"] = sorted(self.supported)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.path)  # whole or not at all, also with two processes at once
        except OSError:
            pass


def _cache_path() -> Path | None:
    from herotui import locations

    try:
        return locations.data_dir() / CACHE_NAME
    except OSError:
        return None


def _package_stamp() -> str | None:
    """Which installed `holidays` this is, without importing it: its version file's size and
    modification time (nanoseconds). None when the package cannot be found."""
    from importlib.util import find_spec

    try:
        spec = find_spec("holidays")
        if spec is None or not spec.origin:
            return None
        info = (Path(spec.origin).parent / "version.py").stat()
    except (OSError, ValueError, ImportError):
        return None
    return f"{Path(spec.origin).parent}:{info.st_size}:{info.st_mtime_ns}"


@lru_cache(maxsize=32)
def _for_years(country: str, years: tuple[int, ...], language: str | None) -> dict[date, str]:
    cache = _Cache.load()
    key = f"{country}|{','.join(map(str, years))}|{language or ''}"
    if key in cache.tables:
        return {date.fromisoformat(day): name for day, name in cache.tables[key].items()}
    table = _compute(country, years, language)
    cache.remember_table(key, table)
    return table


def _compute(country: str, years: tuple[int, ...], language: str | None) -> dict[date, str]:
    import holidays as _holidays

    options: dict[str, object] = {"years": years}
    cls = getattr(_holidays, country, None)
    categories = getattr(cls, "supported_categories", ())
    options["categories"] = tuple(c for c in ("public", "de_facto") if c in categories) or ("public",)
    if language and language in getattr(cls, "supported_languages", ()):
        options["language"] = language
    try:
        table = _holidays.country_holidays(country, include_sundays=False, **options)
    except (TypeError, ValueError):
        table = _holidays.country_holidays(country, **options)  # only Sweden knows include_sundays
    return dict(table.items())


def holidays_between(country: str, first: date, last: date, language: str | None = None) -> dict[date, str]:
    """Local date -> holiday name for `first`..`last` inclusive (names in `language` when the
    package has it, e.g. "sv"). An empty `country` (the admin turned holidays off) or an unknown
    one gives none (the setting is validated when set, so that means a hand-edited database)."""
    country = str(country).upper()
    if not supported(country):
        return {}
    table = _for_years(country, tuple(range(first.year, last.year + 1)), language)
    return {day: name for day, name in table.items() if first <= day <= last}
