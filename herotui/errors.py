"""The one base of herotui's foreseeable errors: a translation key, its parameters, an exit code.

Two families derive from it and keep their own names: `herotui.services.errors.HeroError` (a rule
said no: the CLI exits 1) and `herotui.store.errors.StoreError` (the database is in trouble: exit 3).
Neither layer speaks: `message()` says it in the person's language when asked, at the edge.
"""

from __future__ import annotations


class HerotuiError(Exception):
    """An error with a translatable message.

    `key` is a catalogue key (herotui.locale), `params` its placeholders; a subclass sets its
    default `key` and `exit_code` (what the CLI exits with). `str(error)` is "key {params}", for logs.
    """

    key = "error.generic"
    exit_code = 1

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(f"{self.key} {params}")

    def message(self) -> str:
        """The message in the current language (`herotui.i18n.t(key, **params)`)."""
        from herotui.i18n import t

        return t(self.key, **self.params)
