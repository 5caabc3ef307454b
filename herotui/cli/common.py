"""What every command shares: options, opening the database, output and exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any, Iterator

from herotui.i18n import t
from herotui.session import Launch, open_hero, resolve_launch

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3


def common_parser() -> argparse.ArgumentParser:
    """`--db` and `--lang`, accepted by every command."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="team database (file path or postgresql:// URL)")
    parent.add_argument("--lang", choices=["sv", "en"], default=argparse.SUPPRESS, help="language: sv or en")
    return parent


def json_parser() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parent


def launch_from(args: argparse.Namespace) -> Launch:
    return resolve_launch(getattr(args, "db", None), getattr(args, "lang", None))


@contextmanager
def hero_from(args: argparse.Namespace, *, offline_ok: bool = False, send_outbox: bool = True) -> Iterator[Any]:
    """Open the services for the command's person and database; waiting outbox entries go first.

    Write commands pass `offline_ok`: when a database this computer knows cannot be reached,
    their actions wait in the outbox instead of failing.
    """
    from herotui.store.errors import DatabaseUnavailable

    hero = open_hero(launch_from(args), allow_offline=offline_ok, send_outbox=send_outbox)
    try:
        if not hero.store.read_only:
            try:
                hero.people.ensure_me()
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


def report_queued(result: Any, args: argparse.Namespace | None = None) -> bool:
    """Print the offline notice when an action waits in the outbox. True if it was queued.

    With `--json` the notice is JSON too, so scripts can follow the action:
    `{"uuid": "<the action's uuid>", "action": "share.post", "queued": true}`.
    """
    from herotui.services.actions import Queued

    if isinstance(result, Queued):
        if args is not None and getattr(args, "json", False):
            print_json({"uuid": result.uuid, "action": result.action, "queued": True})
        else:
            say(t("store.saved_offline"))
        return True
    return False
