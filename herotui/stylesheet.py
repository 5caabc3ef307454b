"""A Textual stylesheet that parses each CSS source once per theme.

Textual's `Stylesheet.reparse()` builds a fresh stylesheet and parses every source again, and
the app calls it far more often than the CSS changes: on every first switch to a mode (twice:
a new screen's `_css_update_count` starts at -1, so `_init_mode` and `switch_mode` both call
`refresh_css`), when a screen brings its own `CSS_PATH`, and when the theme is set. At start-up
that was four full parses of every rule (~30 ms each here) before the first frame, and the
same again for every screen built later; in the test suite a sixth of a screen test's CPU.

The parsed rules only depend on the CSS text and the theme's variables, and Textual's own
per-source cache (`Stylesheet._parse_cache`, cleared by `set_variables`) already keys on the
text. So here `set_variables` with the variables already in force keeps that cache, and
`reparse` parses only the sources not parsed yet under these variables. A theme change still
clears the cache and parses everything once, as Textual does.

This leans on private parts of Textual's `Stylesheet` (`_variables`, `_parse_cache`,
`_require_parse`, `_rules`); `tests/test_stylesheet.py` pins them, so a Textual upgrade that
moves them fails there rather than in front of a person.
"""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet


class HeroStylesheet(Stylesheet):
    """`Stylesheet` whose `reparse` re-parses only what changed since the last parse.

    Same contract as Textual's: `reparse` raises `StylesheetError`/`StylesheetParseError` on bad
    CSS and then keeps the rules it had (it only replaces them after a successful parse).
    """

    def set_variables(self, variables: dict[str, str]) -> None:
        """Use `variables` (CSS variable name -> value); the same ones again change nothing."""
        if variables == self._variables:
            return
        super().set_variables(variables)  # clears the per-source cache: every rule parses anew
        self._require_parse = True

    def reparse(self) -> None:
        """Bring the rules up to date with the sources and variables, parsing only sources
        that are not in the cache (all of them after a change of variables)."""
        if self._require_parse:
            # `parse` only assigns the rules once every source parsed, so an error leaves the
            # rules in force, as Textual's fresh-stylesheet reparse does.
            self.parse()


def mark_styles_current(screen) -> None:
    """Tell Textual that a screen being built needs no restyling when first shown.

    A new screen's widgets are styled as they mount, with the rules in force; but Textual starts
    a screen's `_css_update_count` at -1, so its first `switch_mode` (and `_init_mode`) call
    `refresh_css`, which re-applies every rule to every node of the app, twice. Call this from
    the screen's `__init__` while the app runs (`screen.app` is the running app). A later change
    of theme still raises the app's count, and the screen is restyled as Textual means it to be.
    """
    screen._css_update_count = screen.app._css_update_count


def read_every_stylesheet(app) -> None:
    """Read every `.tcss` file of the herotui package that `app` has not read yet, then parse
    and restyle once. Screens and dialogs shown afterwards find their stylesheet read (Textual
    then neither re-parses nor restyles the app when they first appear).

    Raises Textual's `StylesheetError`/`StylesheetParseError` for a file that cannot be read or
    parsed (a packaging fault, which the test suite catches).
    """
    from pathlib import Path

    package = Path(__file__).parent
    unread = [path for path in sorted(package.rglob("*.tcss"))
              if not app.stylesheet.has_source(str(path.absolute()), "")]
    if not unread:
        return
    app.stylesheet.read_all(unread)
    app.stylesheet.reparse()
    app.stylesheet.update(app)
