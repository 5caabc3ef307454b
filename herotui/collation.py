"""Sorting and matching names the way a Swedish (or English) reader expects.

Two jobs, both pure Python so they behave the same on Windows, macOS and Linux (PyICU would be the
textbook answer but has no wheels for Windows; `locale.strxfrm` depends on locales the machine may
not have generated):

- `fold(text)`: the case-insensitive key for comparing names (focus areas, logins, tags). It is
  `str.casefold()` of the NFC form, so "ÅTERKOPPLING", "återkoppling" and a decomposed "Å" all
  agree. The database stores this key in its own column (`FocusArea.name_key`, `Person.login_key`)
  because SQLite's `LOWER()` folds ASCII only (sqlite.org/lang_corefunc.html#lower).
- `sort_key(text, language)`: a key for `sorted()`. Swedish follows the Swedish Academy's word list
  (SAOL) as CLDR's `sv` collation does: A-Z, then Å, Ä, Ö as separate letters; Æ sorts with Ä, Ø
  with Ö, Ü with Y; other accents (é, à) and case only break ties (accents before case, lower case
  first). English treats å, ä, ö as a and o with an accent (the Unicode Collation Algorithm's default).
"""

from __future__ import annotations

import unicodedata
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

# Private-use code points sort after every letter of the scripts herotui meets, so Å, Ä and Ö come
# after Z (and after accented Latin letters, which fold to their base letter first).
_SWEDISH_LAST = {"å": "\ue000", "ä": "\ue001", "æ": "\ue001", "ö": "\ue002", "ø": "\ue002", "ü": "y"}


def fold(text: str | None) -> str:
    """The case-insensitive comparison key of `text`: NFC, `str.casefold()`, whitespace runs folded.

    Two names are "the same" exactly when their `fold` values are equal (`Anna.Berg` = `anna.berg`,
    `ÅTERKOPPLING` = `Återkoppling`, `Straße` = `STRASSE`).
    """
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def _levels(text: str, swedish: bool) -> tuple[str, tuple[str, ...], tuple[int, ...]]:
    primary: list[str] = []
    accents: list[str] = []
    cases: list[int] = []
    for char in unicodedata.normalize("NFC", text):
        lower = char.casefold()
        # Upper case after lower case (CLDR's default, also for Swedish).
        cases.append(0 if char == lower or not char.isalpha() else 1)
        special = _SWEDISH_LAST.get(lower) if swedish else None
        if special is not None:
            primary.append(special)
            accents.append("\u0308" if lower == "ü" else "")  # ü is an accented y: after Y itself
            continue
        decomposed = unicodedata.normalize("NFD", lower)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        primary.append(base)
        accents.append("".join(c for c in decomposed if unicodedata.combining(c)))
    return "".join(primary), tuple(accents), tuple(cases)


def sort_key(text: str | None, language: str | None = None) -> tuple:
    """A `sorted()` key for `text` in `language` ("sv" or "en"; default: the interface language).

    Levels, compared in order: the letters (Swedish: A-Z then Å Ä Ö), then accents, then case, then
    the text itself so that different strings never tie.
    """
    if language is None:
        from herotui.i18n import language as current

        language = current()
    text = text or ""
    primary, accents, cases = _levels(text, language == "sv")
    return (primary, accents, cases, text)


def sort_by_name(items: Iterable[T], name: Callable[[T], str], language: str | None = None) -> list[T]:
    """`items` sorted by `name(item)` with `sort_key` (the interface language unless given)."""
    if language is None:
        from herotui.i18n import language as current

        language = current()
    return sorted(items, key=lambda item: sort_key(name(item), language))
