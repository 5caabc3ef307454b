"""The command line in the person's language: argparse's own words, kind names, help epilogue."""

from __future__ import annotations

import argparse
import gettext

from herotui.i18n import t
from herotui.services.kinds import KINDS


def install(lang: str) -> None:
    """Make argparse speak `lang` ("usage", "options", its errors). Call before building parsers:
    group titles and the -h help are fixed when a parser is made.

    argparse looks its messages up through the module globals `_` and `ngettext` (taken from
    gettext); replacing those is the documented-by-source way to translate it without a `.mo`.
    """
    if lang != "sv":
        argparse._ = gettext.gettext  # type: ignore[attr-defined]
        argparse.ngettext = gettext.ngettext  # type: ignore[attr-defined]
        return
    from herotui.locale.argparse_words import ARGPARSE_SV, ARGPARSE_SV_PLURAL

    def swedish(message: str) -> str:
        return ARGPARSE_SV.get(message, message)

    def swedish_plural(singular: str, plural: str, n: int) -> str:
        one, many = ARGPARSE_SV_PLURAL.get((singular, plural), (singular, plural))
        return one if n == 1 else many

    argparse._ = swedish  # type: ignore[attr-defined]
    argparse.ngettext = swedish_plural  # type: ignore[attr-defined]


def kind_names() -> str:
    """The kinds as a person types them in the current language: "artikel, podd, ..."."""
    return ", ".join(t(f"kind.{kind}") for kind in KINDS)


def kind_arg(text: str) -> str:
    """`--kind` value: the English code (`podcast`) or the Swedish name (`podd`), any case.

    Raises argparse.ArgumentTypeError naming the allowed kinds in the current language.
    """
    from herotui.i18n import catalogue

    wanted = text.strip().lower()
    names = catalogue()
    for kind in KINDS:
        swedish, english = names[f"kind.{kind}"]
        if wanted in (kind, swedish.lower(), english.lower()):
            return kind
    raise argparse.ArgumentTypeError(t("error.kind_unknown", kind=text, kinds=kind_names()))


def epilog() -> str:
    """Examples and exit codes for `herotui --help`."""
    return t("cli.epilog")
