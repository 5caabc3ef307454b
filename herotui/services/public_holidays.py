"""Public holidays for the breakfast rule, from the `holidays` package (no database).

`holidays.country_holidays("SE")` is the source. Two things to know about it: older releases
count every Sunday as a Swedish holiday unless told `include_sundays=False` (the Swedish class's
own option; other countries refuse it), and Midsummer Eve, Christmas Eve and New Year's Eve are
in its `de_facto` category, not `public`, although Swedish offices are closed then. So this
module asks for public plus de facto days where a country has them, and never for Sundays.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays as _holidays

DEFAULT_COUNTRY = "SE"


def supported(country: str) -> bool:
    """Whether the `holidays` package knows this ISO 3166-1 alpha-2 code."""
    return str(country).upper() in _holidays.list_supported_countries()


@lru_cache(maxsize=32)
def _for_years(country: str, years: tuple[int, ...], language: str | None) -> dict[date, str]:
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
