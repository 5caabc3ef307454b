"""`herotui sync` (send the offline outbox) and `herotui backup DEST` (a consistent copy)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from herotui.cli.contract import document, records
from herotui.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREACHABLE,
    hero_from,
    json_parser,
    launch_from,
    print_json,
    say,
    warn,
)
from herotui.i18n import t
from herotui.text import clean_line


def register(subparsers, common) -> None:
    js = json_parser()
    p = subparsers.add_parser("sync", parents=[common, js], help=t("cli.sync.help"))
    p.set_defaults(func=cmd_sync)
    p = subparsers.add_parser("backup", parents=[common], help=t("cli.backup.help"))
    p.add_argument("dest", metavar="DEST", help=t("cli.backup.dest_help"))
    p.set_defaults(func=cmd_backup)
    p = subparsers.add_parser("migrate", parents=[common, js], help=t("cli.migrate.help"))
    p.add_argument("--from", dest="source", required=True, metavar="PATH", help=t("cli.migrate.from_help"))
    p.add_argument("--to", dest="target", required=True, metavar="URL", help=t("cli.migrate.to_help"))
    p.add_argument("--merge", action="store_true", help=t("cli.migrate.merge_help"))
    p.set_defaults(func=cmd_migrate)


def cmd_sync(args: argparse.Namespace) -> int:
    from herotui.services.actions import replay

    # The outbox is sent here rather than on opening, so that what was sent can be reported.
    with hero_from(args, offline_ok=True, send_outbox=False) as hero:
        if hero.outbox_problem:
            return EXIT_UNREACHABLE  # what waits there cannot even be counted (said on stderr)
        report = replay(hero)
        waiting = hero.pending_count()
        read_only = bool(waiting) and (report.read_only or hero.store.read_only)
    if args.json:
        print_json(document(sent=report.sent, refused=[{"uuid": u, "reason": r} for u, r in report.refused],
                            waiting=waiting, overlaps=records("overlap", report.overlaps)))
    else:
        say(t("cli.sync.sent", n=len(report.sent)))
        for _, reason in report.refused:
            say(t("cli.sync.refused", reason=reason))
        for overlap in report.overlaps:
            say(overlap.message())
        say(t("cli.sync.waiting", n=waiting))
        if read_only:
            say(t("cli.sync.readonly"))
    if report.refused:
        # The person believed these were saved; a refusal needs their attention.
        warn(t("cli.sync.refused_exit", n=len(report.refused)))
        return EXIT_REFUSED
    return EXIT_OK if waiting == 0 else EXIT_UNREACHABLE


def cmd_backup(args: argparse.Namespace) -> int:
    from herotui.store.models import StoreMeta
    from herotui.store.upsert import upsert

    destination = Path(args.dest).expanduser()
    # A trailing separator says "a folder" (as cp and rsync read it): create it rather than
    # writing a file with the folder's name.
    as_folder = args.dest.endswith(tuple(sep for sep in (os.sep, os.altsep, "/") if sep))
    with hero_from(args) as hero:
        if as_folder and not destination.is_dir():
            try:
                destination.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                warn(t("cli.backup.no_folder", path=str(destination), reason=exc.strerror or str(exc)))
                return EXIT_REFUSED
        if destination.is_dir():
            stamp = hero.now().strftime("%Y%m%d-%H%M%S")
            destination = destination / f"hero-{stamp}.db"
        written = hero.store.backup_to(destination)
        info = {"at": hero.now().isoformat(timespec="seconds"), "path": str(written), "by": hero.login}
        if not hero.store.read_only:
            hero.store.write(upsert, StoreMeta, StoreMeta.key, {"key": "last_backup", "value": json.dumps(info)})
    say(t("cli.backup.done", path=written))
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy (or with --merge, merge) a file into PostgreSQL; exit 0 when every row is accounted for."""
    from herotui.store.copy import copy_to_postgres
    from herotui.store.location import parse_location

    from herotui.store import open_store
    from herotui.store.errors import StoreError

    launch_from(args)  # language for the messages
    try:
        # An older file gets its identity now, so the copy carries it (the outbox and the list of
        # known databases then see the PostgreSQL database as the same database).
        open_store(str(Path(args.source).expanduser())).close()
    except StoreError:
        pass  # copy_to_postgres explains what is wrong with the source
    with _progress(enabled=not args.json and sys.stdout.isatty() and sys.stderr.isatty()) as progress:
        report = copy_to_postgres(Path(args.source).expanduser(), args.target, merge=args.merge,
                                  progress=progress)
    if args.json:
        print_json(document(ok=report.ok, merge=args.merge, tables=records("table_copy", report.tables),
                            conflicts=records("conflict", report.conflicts)))
    else:
        say(t("cli.migrate.title", target=parse_location(args.target).display))
        for r in report.tables:
            mark = "ok  " if r.ok else "FAIL"
            say(f"  [{mark}] {r.table:<18} " + t("cli.migrate.row_merge", source=r.source, copied=r.copied,
                                                updated=r.updated, kept=r.kept, conflicts=r.conflicts))
        for c in report.conflicts:
            say("  " + t(f"cli.migrate.conflict.{c.reason}", table=c.table, row=clean_line(c.key),
                         fields=", ".join(c.fields) or "-"))
        if not report.ok:
            say(t("cli.migrate.mismatch"))
        elif report.conflicts:
            say(t("cli.migrate.done_conflicts", n=len(report.conflicts)))
        else:
            say(t("cli.migrate.done"))
    return EXIT_OK if report.ok else EXIT_REFUSED


@contextmanager
def _progress(*, enabled: bool):
    """A progress bar per table on a terminal (stderr); `None` (nothing printed) otherwise."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bars: dict[str, object] = {}
    with Progress(TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=False) as bar:
        def advance(table: str, done: int, total: int) -> None:
            if table not in bars:
                bars[table] = bar.add_task(table, total=max(total, 1))
            bar.update(bars[table], completed=done if total else 1)

        yield advance
