"""Swedish and English text: one small catalogue, split by area in `herotui.locale`.

Every string a person sees goes through `t(key, **params)`. Catalogue modules define
`STRINGS = {"key": ("svenska", "English")}`; placeholders use `str.format` syntax.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, datetime, timedelta

from herotui import locale as _locale_pkg

LANGUAGES = ("sv", "en")
_current = "en"
_catalogue: dict[str, tuple[str, str]] | None = None


def _load() -> dict[str, tuple[str, str]]:
    global _catalogue
    if _catalogue is None:
        merged: dict[str, tuple[str, str]] = {}
        for module_info in sorted(pkgutil.iter_modules(_locale_pkg.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{_locale_pkg.__name__}.{module_info.name}")
            for key, pair in getattr(module, "STRINGS", {}).items():
                if key in merged:
                    raise RuntimeError(f"translation key {key!r} defined twice")
                merged[key] = pair
        _catalogue = merged
    return _catalogue


def catalogue() -> dict[str, tuple[str, str]]:
    return dict(_load())


def catalogue_keys():
    """Every translation key (a read-only view; no copy)."""
    return _load().keys()


def set_language(code: str) -> None:
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"unsupported language {code!r}")
    _current = code


def language() -> str:
    return _current


def t(key: str, **params: object) -> str:
    """The text for `key` in the current language, with `params` filled in.

    Plurals: when `n` is 1 and the catalogue has `key + ".one"`, that text is used ("1 share",
    "1 delning"); otherwise `key` ("3 shares"). Swedish and English both have just these two
    forms for cardinal numbers (CLDR plural rules: one, other). A count that is not named `n` is
    passed as `n` too when its sentence has a singular form.
    """
    catalogue = _load()
    if params.get("n") == 1 and f"{key}.one" in catalogue:
        key = f"{key}.one"
    pair = catalogue.get(key)
    if pair is None:
        # A missing key is a bug, but showing the key beats crashing in front of a person.
        return key
    template = pair[0] if _current == "sv" else pair[1]
    if not params:
        return template
    # A list (areas to choose from) is written out here, the format layer, not by the service.
    shown = {name: ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
             for name, value in params.items()}
    return template.format(**shown)


# -- dates and numbers -------------------------------------------------------------------------

def week_label(day: date) -> str:
    """ISO week: "v. 48" in Swedish, "week 48" in English."""
    from herotui.isoweek import week_number

    return t("date.week", week=week_number(day))


def month_name(month: int) -> str:
    return t(f"date.month.{month}")


def weekday_short(iso_weekday: int) -> str:
    """Monday is 1, as in `date.isoweekday()`."""
    return t(f"date.wd.{iso_weekday}")


def format_date(day: date, *, with_year: bool = False) -> str:
    """"12 mars" / "12 March" (with the year when asked)."""
    text = t("date.day_month", day=day.day, month=month_name(day.month))
    return f"{text} {day.year}" if with_year else text


def format_datetime(moment: datetime) -> str:
    return f"{format_date(moment.date())} {moment:%H:%M}"


def format_count(number: int) -> str:
    """Digits grouped by thousands: "100 000" in Swedish (a no-break space), "100,000" in English."""
    grouped = f"{int(number):,}"
    return grouped.replace(",", "\u00a0") if _current == "sv" else grouped


def format_minutes(minutes: int) -> str:
    """"45 min" or "1 h 15 min"."""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return t("time.h_min", h=hours, m=rest)
    if hours:
        return t("time.h", h=hours)
    return t("time.min", m=rest)


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours:d}:{rest // 60:02d}:{rest % 60:02d}"


def relative_time(delta: timedelta) -> str:
    """How long ago, in words: "för 5 min sedan" / "5 min ago"."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return t("time.ago.now")
    minutes = int(seconds // 60)
    if minutes < 60:
        return t("time.ago.min", n=minutes)
    hours = minutes // 60
    if hours < 24:
        return t("time.ago.h", n=hours)
    days = hours // 24
    if days < 7:
        return t("time.ago.d", n=days)
    if days < 60:
        return t("time.ago.w", n=days // 7)
    if days < 730:
        return t("time.ago.mo", n=days // 30)
    return t("time.ago.y", n=days // 365)


def textual_text(english: str) -> str:
    """Textual's own English text (a widget's key description, a palette message) in the current
    language: the catalogue's "tx." + `english` (herotui/locale/textual_words.py), else unchanged."""
    if not english:
        return english
    key = "tx." + english
    return t(key) if key in _load() else english
