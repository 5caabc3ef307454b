"""`herotui sync` (send the offline outbox) and `herotui backup DEST` (a consistent copy)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from herotui.cli.common import EXIT_OK, EXIT_UNREACHABLE, hero_from, json_parser, print_json, say
from herotui.i18n import t


def register(subparsers, common) -> None:
    js = json_parser()
    p = subparsers.add_parser("sync", parents=[common, js], help=t("cli.sync.help"))
    p.set_defaults(func=cmd_sync)
    p = subparsers.add_parser("backup", parents=[common], help=t("cli.backup.help"))
    p.add_argument("dest", metavar="DEST", help=t("cli.backup.dest_help"))
    p.set_defaults(func=cmd_backup)


def cmd_sync(args: argparse.Namespace) -> int:
    from herotui.services.actions import replay

    with hero_from(args, offline_ok=True) as hero:
        report = replay(hero)
        waiting = hero.pending_count()
    if args.json:
        print_json({"sent": report.sent, "refused": [{"uuid": u, "reason": r} for u, r in report.refused],
                    "waiting": waiting})
    else:
        say(t("cli.sync.sent", n=len(report.sent)))
        for _, reason in report.refused:
            say(t("cli.sync.refused", reason=reason))
        say(t("cli.sync.waiting", n=waiting))
    return EXIT_OK if waiting == 0 else EXIT_UNREACHABLE


def cmd_backup(args: argparse.Namespace) -> int:
    from herotui.store.models import StoreMeta

    destination = Path(args.dest).expanduser()
    with hero_from(args) as hero:
        if destination.is_dir():
            stamp = hero.now().strftime("%Y%m%d-%H%M%S")
            destination = destination / f"hero-{stamp}.db"
        written = hero.store.backup_to(destination)
        info = {"at": hero.now().isoformat(timespec="seconds"), "path": str(written), "by": hero.login}
        if not hero.store.read_only:
            hero.store.write(lambda: StoreMeta.replace(key="last_backup", value=json.dumps(info)).execute())
    say(t("cli.backup.done", path=written))
    return EXIT_OK
