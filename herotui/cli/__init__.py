"""The `herotui` command: the app by default, and non-interactive commands for scripts.

Exit codes: 0 done; 1 refused (with a one-line reason on stderr); 2 usage error;
3 database unreachable or unsafe.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from herotui.cli.common import EXIT_REFUSED, EXIT_UNREACHABLE, common_parser, warn

# Each module has `register(subparsers, common)`; commands set `func(args) -> int`.
COMMAND_MODULES = ("core", "learn", "share", "areas", "breakfast", "maintenance", "pg", "insights")

COMMANDS = {
    "init": "core", "demo": "core", "doctor": "core", "whoami": "core", "admin": "core", "org": "core",
    "learn": "learn", "share": "share", "areas": "areas", "breakfast": "breakfast",
    "sync": "maintenance", "backup": "maintenance", "migrate": "maintenance", "pg": "pg",
    "insights": "insights",
}
"""Top-level command -> the module of `COMMAND_MODULES` that registers it (a test checks it is complete).

Building all 60 sub-commands with translated help costs more than most commands themselves, so
`main` builds only the module of the command named on the command line."""


class _Mismatch(Exception):
    """The reduced parser could not parse the arguments: parse again with the full parser."""


class _ReducedParser(argparse.ArgumentParser):
    """A parser with only some commands: on any error (or help) it gives way to the full parser."""

    def error(self, message: str):  # type: ignore[override]
        raise _Mismatch(message)

    def print_help(self, file=None) -> None:
        raise _Mismatch("help")


class _VersionAction(argparse.Action):
    """`--version`, reading the package metadata only when asked (it costs ~20 ms)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        import herotui

        # On standard output, as argparse's own version action (`herotui --version > v.txt`).
        sys.stdout.write(f"herotui {herotui.__version__}\n")
        parser.exit()


def build_parser(modules: Sequence[str] = COMMAND_MODULES, *,
                 parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The whole command line in the current language (`herotui.i18n.language()`), or (with
    `modules`) only the commands those modules register."""
    from herotui.cli.words import epilog
    from herotui.i18n import t

    common = common_parser()
    parser = parser_class(
        prog="herotui",
        description=t("cli.description"),
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action=_VersionAction, help=t("cli.version_help"))
    parser.add_argument("--theme", choices=["hero", "hero-light"], default=argparse.SUPPRESS,
                        help=t("cli.theme_help"))
    subparsers = parser.add_subparsers(dest="command", metavar=t("cli.command_metavar"))
    for name in modules:
        module = importlib.import_module(f"herotui.cli.{name}")
        module.register(subparsers, common)
    return parser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse with only the module of the command named (fast); anything unusual uses the full parser.

    A command line naming no command (the app) is parsed with no command modules at all. Help and
    errors go to the full parser, so their output and exit codes are those of the full command line.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    modules = sorted({COMMANDS[w] for w in words if w in COMMANDS})  # none: the app
    try:
        return build_parser(modules, parser_class=_ReducedParser).parse_args(words)
    except _Mismatch:
        return build_parser().parse_args(words)


def main(argv: Sequence[str] | None = None) -> int:
    from herotui.cli.common import use_utf8_output

    use_utf8_output()
    _choose_language_early(argv)
    args = parse_arguments(argv)
    func = getattr(args, "func", None)
    if func is None:
        from herotui.cli.core import run_app

        func = run_app
    return run_command(func, args)


def _choose_language_early(argv: Sequence[str] | None) -> None:
    """Help texts are built before the command runs, so the language is chosen first."""
    from herotui.config import Settings, SettingsError, choose_language, load_settings
    from herotui.i18n import set_language

    from herotui.cli.words import install

    known, _ = common_parser().parse_known_args(argv)
    try:
        settings = load_settings()
    except SettingsError:
        settings = Settings()
    lang = choose_language(getattr(known, "lang", None), settings)
    set_language(lang)
    install(lang)


class _NoDocument(Exception):
    """A command that failed leaves no half-written --out file behind."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def run_command(func, args: argparse.Namespace) -> int:
    """Run one command, turning every foreseeable problem into a message and an exit code."""
    from herotui.config import SettingsError
    from herotui.services.errors import HeroError
    from herotui.store.errors import StoreError

    from herotui.cli.common import OutFileError, output_to

    try:
        out = getattr(args, "out_file", None)
        with output_to(out):
            code = int(func(args) or 0)
            # A report whose verdict is "failed" (doctor's exit 3) is still the document asked for.
            if code != 0 and out and not getattr(args, "report", False):
                raise _NoDocument(code)
        return code
    except _NoDocument as exc:
        return exc.code
    except OutFileError as exc:
        warn(exc.message())
        return EXIT_REFUSED
    except HeroError as exc:
        warn(exc.message())
        return exc.exit_code
    except StoreError as exc:
        warn(exc.message())
        return exc.exit_code
    except SettingsError as exc:
        warn(exc.message())
        return EXIT_UNREACHABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # A file-system call no store code wrapped: a share that went away is "unreachable"
        # (exit 3, like every other outage), never a raw errno and exit 1.
        from herotui.i18n import t
        from herotui.store.errors import UNAVAILABLE, classify_os_error

        if classify_os_error(exc) != UNAVAILABLE:
            from herotui.crash import secrets_in_play
            from herotui.store.pgurl import scrub

            warn(scrub(str(exc), secrets_in_play(getattr(args, "db", None))))
            return EXIT_REFUSED
        # A file beside the database's own (an --out file, a backup, this computer's data
        # folder) on a share that went away: said plainly, naming the file, never a raw errno.
        warn(t("cli.file_unreachable", path=exc.filename or "?", reason=exc.strerror or str(exc)))
        return EXIT_UNREACHABLE
    except Exception as exc:  # noqa: BLE001 - a bug: report it, but never with a password in it
        from herotui.crash import crash_text

        sys.stderr.write(crash_text(exc, getattr(args, "db", None), _settings_db()))
        return EXIT_REFUSED


def _settings_db() -> str | None:
    """The settings file's `db` (it may hold a password too), or None."""
    try:
        from herotui.config import load_settings

        return load_settings().db
    except Exception:  # noqa: BLE001 - only used to hide secrets in a crash report
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
