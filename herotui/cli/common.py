"""What every command shares: options, opening the database, output and exit codes."""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any, Iterator

from herotui.i18n import t
from herotui.connection import Launch, open_hero, resolve_launch

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3


def common_parser() -> argparse.ArgumentParser:
    """`--db` and `--lang`, accepted by every command."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help=t("cli.db_help"))
    parent.add_argument("--lang", choices=["sv", "en"], default=argparse.SUPPRESS, help=t("cli.lang_help"))
    return parent


def json_parser() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--json", action="store_true", help=t("cli.json_help"))
    return parent


def out_parser() -> argparse.ArgumentParser:
    """`--out FILE` for commands that produce a document (digest, lists): written as UTF-8, whole
    or not at all (a temporary file beside it is renamed into place when the command succeeded)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--out", dest="out_file", metavar="FILE", help=t("cli.out_help"))
    return parent


def use_utf8_output() -> None:
    """Write UTF-8 whatever the platform would choose.

    Redirected to a file or pipe on Windows, Python writes the ANSI code page (cp1252) and a `♥`
    or `ő` raises UnicodeEncodeError; `PYTHONIOENCODING=cp1252` reproduces that anywhere.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            try:
                reconfigure(encoding="utf-8")
            except (ValueError, OSError):  # a stream that cannot change any more: leave it
                pass


@contextmanager
def output_to(path: str | None) -> Iterator[None]:
    """Everything printed inside goes to `path` (UTF-8) when given; the file appears only if the
    block finished without an exception. Raises OSError when the file cannot be written."""
    if not path:
        yield
        return
    from contextlib import redirect_stdout
    from pathlib import Path

    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        try:
            handle = open(partial, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise OutFileError(target, exc) from exc
        with handle, redirect_stdout(handle):
            yield
        try:
            os.replace(partial, target)
        except OSError as exc:
            raise OutFileError(target, exc) from exc
    finally:
        try:
            partial.unlink()
        except OSError:
            pass


class OutFileError(Exception):
    """The `--out` file cannot be written: names the file the person gave (never the temporary
    `.partial` beside it) and why, in words (a missing folder, a folder in its place)."""

    def __init__(self, target, exc: OSError) -> None:
        super().__init__(str(target))
        self.target = target
        self.exc = exc

    def message(self) -> str:
        import errno

        folder = self.target.parent
        try:
            missing, is_folder = not folder.is_dir(), self.target.is_dir()
        except OSError:  # a share that went away raises even here (EHOSTDOWN)
            missing = is_folder = False
        if missing:
            reason = t("cli.out_no_folder", folder=folder)
        elif is_folder:
            reason = t("cli.out_is_folder")
        elif self.exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = t("cli.out_not_allowed")
        else:
            reason = self.exc.strerror or str(self.exc)
        return t("cli.out_failed", path=self.target, reason=reason)


def launch_from(args: argparse.Namespace) -> Launch:
    return resolve_launch(getattr(args, "db", None), getattr(args, "lang", None), getattr(args, "theme", None))


@contextmanager
def hero_from(args: argparse.Namespace, *, offline_ok: bool = False, send_outbox: bool = True) -> Iterator[Any]:
    """Open the services for the command's person and database; waiting outbox entries go first.

    Write commands pass `offline_ok`: when a database this computer knows cannot be reached,
    their actions wait in the outbox instead of failing.
    """
    from herotui.store.errors import DatabaseReadOnly, DatabaseUnavailable

    hero = open_hero(launch_from(args), allow_offline=offline_ok, send_outbox=send_outbox)
    if hero.outbox_problem:
        warn(t("store.outbox_bypassed", problem=hero.outbox_problem))
    try:
        if not hero.store.known_read_only:
            # Not `read_only`: asking the share whether it takes writes costs a dozen round trips,
            # and a write command finds out by writing anyway.
            try:
                hero.people.ensure_me()
            except DatabaseReadOnly:
                pass  # a read-only file that does not know this person yet still answers reads
            except DatabaseUnavailable:
                if not offline_ok:
                    raise
        yield hero
    finally:
        clock_warning = hero.take_clock_warning()
        if clock_warning:
            warn(clock_warning)
        hero.store.close()


def to_jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def print_json(value: Any) -> None:
    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def say(text: str) -> None:
    print(text)


def warn(text: str) -> None:
    print(text, file=sys.stderr)


def queued_notice(result: Any) -> str:
    """The catalogue key telling the person why `result` (a `Queued`) waits in the outbox."""
    return "store.saved_behind_readonly" if getattr(result, "reason", "") == "readonly" else "store.saved_offline"


def report_queued(result: Any, args: argparse.Namespace | None = None) -> bool:
    """Print the offline notice when an action waits in the outbox. True if it was queued.

    With `--json` the notice is JSON too, so scripts can follow the action:
    `{"uuid": "<the action's uuid>", "action": "share.post", "queued": true}`.
    """
    from herotui.services.actions import Queued

    if isinstance(result, Queued):
        if args is not None and getattr(args, "json", False):
            print_json({"format": 1, "uuid": result.uuid, "action": result.action, "queued": True})
        else:
            say(t(queued_notice(result)))
        return True
    return False
