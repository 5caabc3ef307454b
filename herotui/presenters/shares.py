"""Shares in words (no Textual, no database)."""

from __future__ import annotations

from herotui.i18n import t
from herotui.services.shares import Duplicate


def already_shared(duplicate: Duplicate) -> str:
    """"This link was already shared by Anna Berg on 12 March." in the current language; the day
    carries its year when it was not this year (`Duplicate.shared_on`)."""
    return t("share.error.already_shared", name=duplicate.author_name, date=duplicate.shared_on)
