"""The catalogue is complete in both languages, and dates follow Swedish conventions."""

from __future__ import annotations

import string
from datetime import date, timedelta

import herotui
from herotui import i18n


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_string_exists_in_both_languages_with_the_same_placeholders():
    catalogue = i18n.catalogue()
    assert len(catalogue) > 50
    for key, (sv, en) in catalogue.items():
        assert sv.strip() and en.strip(), key
        assert _fields(sv) == _fields(en), key


def test_iso_weeks_and_month_names():
    i18n.set_language("sv")
    assert i18n.week_label(date(2026, 11, 25)) == "v. 48"
    assert i18n.week_label(date(2027, 1, 1)) == "v. 53"  # ISO: 1 Jan 2027 belongs to week 53 of 2026
    assert i18n.format_date(date(2026, 3, 12)) == "12 mars"
    assert i18n.weekday_short(1) == "mån"
    assert i18n.relative_time(timedelta(minutes=5)) == "för 5 min sedan"
    assert i18n.relative_time(timedelta(days=3 * 365)) == "för 3 år sedan"
    assert i18n.format_count(100000) == "100\u00a0000"
    i18n.set_language("en")
    assert i18n.week_label(date(2026, 11, 25)) == "week 48"
    assert i18n.format_date(date(2026, 3, 12)) == "12 March"
    assert i18n.format_minutes(75) == "1 h 15 min"
    assert i18n.format_count(100000) == "100,000"


def test_missing_key_shows_the_key_instead_of_crashing():
    assert i18n.t("no.such.key") == "no.such.key"


def test_a_count_of_one_takes_the_singular_where_the_catalogue_has_one():
    from herotui import i18n

    i18n.set_language("en")
    assert i18n.t("status.sent", n=1) == "Sent 1 saved change."
    assert i18n.t("status.sent", n=2) == "Sent 2 saved changes."
    assert i18n.t("status.sent", n=0) == "Sent 0 saved changes."
    i18n.set_language("sv")
    assert i18n.t("status.sent", n=1) == "Skickade 1 sparad ändring."
    assert i18n.t("insights.summary", n=1, colleagues="1", learners="0", sort="namn").startswith("1 kollega,")
    i18n.set_language("en")
    assert i18n.t("share.digest.count", n=1) == "1 share."
    assert i18n.t("share.digest.count", n=3) == "3 shares."


def test_every_singular_form_has_its_plural():
    from herotui import i18n

    table = i18n.catalogue()
    assert [key for key in table if key.endswith(".one") and key[:-4] not in table] == []


def test_every_key_the_code_names_exists_in_the_catalogue():
    """A key written out in the code (`t("x.y")`, `key = "x.y"`, `SomeError("x.y")`) must be in
    the catalogue: a missing one is shown raw to the person (the timer pane once said
    "learn.timer.saved_offline" offline). Keys built at run time ("kind." + name) are not named."""
    import re
    from pathlib import Path

    from herotui.i18n import _load

    catalogue = _load()
    pattern = re.compile(r"""(?:\bkey\s*=\s*|Error\(\s*|\bt\(\s*)["']([a-z_]+\.[a-z0-9_.]*[a-z0-9_])["']""")
    missing = sorted(
        (str(path.relative_to(Path(herotui.__file__).parent)), key)
        for path in Path(herotui.__file__).parent.rglob("*.py")
        for key in pattern.findall(path.read_text(encoding="utf-8"))
        if key not in catalogue and f"{key}.one" not in catalogue
    )
    assert missing == []
