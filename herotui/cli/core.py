"""`herotui` (the app), `init`, `demo`, `doctor`, `admin`, `org` and `whoami`."""

from __future__ import annotations

import argparse
import json
import os
import sys

from herotui import locations
from herotui.cli.contract import document
from herotui.cli.common import (
    EXIT_OK,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    hero_from,
    json_parser,
    launch_from,
    out_parser,
    print_json,
    say,
)
from herotui.i18n import t


def register(subparsers, common) -> None:
    js = json_parser()

    p = subparsers.add_parser("init", parents=[common], help=t("cli.init.help"))
    p.add_argument("--demo", action="store_true", help=t("cli.init.demo_help"))
    p.add_argument("--name", help=t("cli.init.name_help"))
    p.add_argument("--force", action="store_true", help=t("cli.init.force_help"))
    p.set_defaults(func=cmd_init)

    p = subparsers.add_parser("demo", parents=[common], help=t("cli.demo.help"))
    p.set_defaults(func=cmd_demo)

    p = subparsers.add_parser("doctor", parents=[common, js, out_parser()], help=t("cli.doctor.help"))
    p.set_defaults(report=True, func=cmd_doctor)

    p = subparsers.add_parser("whoami", parents=[common, js], help=t("cli.whoami.help"))
    p.set_defaults(func=cmd_whoami)

    admin = subparsers.add_parser("admin", parents=[common], help=t("cli.admin.help"))
    admin_sub = admin.add_subparsers(dest="admin_command", metavar="grant|revoke", required=True)
    for verb in ("grant", "revoke"):
        ap = admin_sub.add_parser(verb, parents=[common], help=t(f"cli.admin.{verb}_help"))
        ap.add_argument("login")
        if verb == "grant":
            ap.add_argument("--new", action="store_true", help=t("cli.admin.new_help"))
        ap.set_defaults(func=cmd_admin, grant=(verb == "grant"))

    org = subparsers.add_parser("org", parents=[common], help=t("cli.org.help"))
    org_sub = org.add_subparsers(dest="org_command", metavar="show|set", required=True)
    op = org_sub.add_parser("show", parents=[common, js, out_parser()], help=t("cli.org.show_help"))
    op.set_defaults(func=cmd_org_show)
    op = org_sub.add_parser("set", parents=[common], help=t("cli.org.set_help"))
    op.add_argument("key")
    op.add_argument("value", help=t("cli.org.value_help"))
    op.add_argument("--yes", action="store_true", help=t("cli.bf.rule.yes_help"))
    op.set_defaults(func=cmd_org_set)


def run_app(args: argparse.Namespace, *, demo: bool = False) -> int:
    from herotui.app import make_app
    from herotui.config import Settings, SettingsError
    from herotui.connection import resolve_launch

    try:
        launch = launch_from(args)
    except SettingsError as exc:
        # The app opens on its problem screen, which names the file and the key.
        launch = resolve_launch(getattr(args, "db", None), getattr(args, "lang", None), settings=Settings())
        launch.problem = exc.message()
    if demo:
        launch.target = str(locations.demo_database())
        launch.may_create = False
    app = make_app(launch)
    app.run()
    code = app.return_code or 0
    if app.dbt.busy():
        # A call is stuck on a stalled drive (the app let go of it, and the action is in the
        # outbox). Normal interpreter shutdown would wait for it: closing its SQLite connection
        # needs the connection's mutex, held through the stuck file operation (seconds on a slow
        # share, for ever on a hard mount). The terminal is restored already; leave now, and
        # leave closing the database file (itself a wait for the drive) to a helper.
        from herotui.quick_exit import exit_now

        exit_now(code)
    return code


def cmd_demo(args: argparse.Namespace) -> int:
    from herotui.demo import create_demo_database

    path = locations.demo_database()
    launch_from(args)  # sets the language for messages
    if not path.exists():
        say(t("cli.demo.creating", path=path))
        create_demo_database(str(path))
    return run_app(args, demo=True)


def cmd_init(args: argparse.Namespace) -> int:
    from herotui.store import create_store

    launch = launch_from(args)
    _refuse_cloud_folder(launch.target, force=args.force)
    if args.demo:
        from herotui.demo import create_demo_database

        create_demo_database(launch.target, creator_login=launch.login)
    else:
        store = create_store(launch.target, creator_login=launch.login, creator_name=args.name)
        store.close()
    from herotui.store.location import parse_location

    say(t("cli.init.done", path=parse_location(launch.target).display, login=launch.login))
    return EXIT_OK


def _refuse_cloud_folder(target: str, *, force: bool) -> None:
    """A cloud-synced folder is no place for a shared file: refuse unless `--force`."""
    from herotui.store.cloud import cloud_service_of
    from herotui.store.errors import CloudFolder
    from herotui.store.location import parse_location

    location = parse_location(target)
    if force or location.kind != "sqlite" or location.path is None:
        return
    service = cloud_service_of(location.path)
    if service is not None:
        raise CloudFolder(path=location.display, service=service)


def cmd_doctor(args: argparse.Namespace) -> int:
    from herotui.cli.doctor_text import check_line
    from herotui.store.doctor import run_checks
    from herotui.store.outbox import Outbox

    from herotui.store.location import parse_location

    launch = launch_from(args)
    shown = parse_location(launch.target).display  # never the password
    from herotui.store.check import Check
    from herotui.store.errors import StoreError

    pending, outbox_check = None, None
    try:
        if launch.outbox_path and launch.outbox_path.exists():
            from herotui.connection import outbox_key_for

            pending = Outbox(launch.outbox_path).count(outbox_key_for(launch.target))
    except (OSError, StoreError) as exc:
        # This computer's data folder is on a share that went away: a finding, not a crash, and
        # not "the database cannot be reached" (it may well answer).
        reason = exc.message() if isinstance(exc, StoreError) else f"{launch.outbox_path}: {exc.strerror or exc}"
        outbox_check = Check("outbox", False, reason, advice="doctor.advice.outbox_unreachable")
    checks = run_checks(launch.target, pending, write_deadline=launch.write_deadline, origin=launch.db_origin)
    if outbox_check is not None:
        checks.insert(1, outbox_check)
    healthy = all(c.ok for c in checks)
    settings_file = str(launch.settings_file) if launch.settings_file else None
    if args.json:
        print_json(document(database=shown, ok=healthy, settings_file=settings_file,
                            checks=[{"name": c.name, "ok": c.ok, "level": c.level, "warning": c.warning,
                                     "detail": c.detail,
                                     "advice": t(c.advice, **(c.params or {})) if c.advice else None,
                                     "values": c.params or {}}
                                    for c in checks]))
    else:
        say(t("doctor.title", target=shown))
        if settings_file:
            say("  " + t("doctor.settings", path=settings_file))
        else:
            say("  " + t("doctor.settings_none", path=locations.settings_file()))
        marks = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}
        for check in checks:
            say(f"  [{marks.get(check.level, 'FAIL')}] {check_line(check)}")
            if check.advice:
                say("         " + t(check.advice, **(check.params or {})))
        warned = any(c.level == "warn" for c in checks)
        say(t("doctor.verdict.fail") if not healthy else t("doctor.verdict.warn") if warned else t("doctor.verdict.ok"))
    if any(c.key == "store.bad_url" for c in checks):
        return EXIT_USAGE  # a URL the driver refuses (`sslmode=bogus`) is a usage error, as everywhere else
    return EXIT_OK if healthy else EXIT_UNREACHABLE


def cmd_whoami(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        me = hero.people.me()
        if args.json:
            print_json(document(login=me.login, display_name=me.display_name, is_admin=me.is_admin,
                                named_in_pulse=me.named_in_pulse, database=hero.store.location.display,
                                database_uuid=hero.store.database_id))
        else:
            role = t("cli.whoami.admin") if me.is_admin else ""
            say(f"{me.display_name} ({me.login}) {role}".strip())
    return EXIT_OK


def cmd_admin(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        person = hero.people.set_admin(args.login, args.grant, new=getattr(args, "new", False))
        key = "cli.admin.granted" if person.is_admin else "cli.admin.revoked"
        say(t(key, name=person.display_name, login=person.login))
    return EXIT_OK


def cmd_org_show(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        settings = hero.org.settings()
    if args.json:
        print_json(document(settings=settings))
    else:
        for key, value in settings.items():
            say(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return EXIT_OK


def cmd_org_set(args: argparse.Namespace) -> int:
    try:
        value = json.loads(args.value)
    except ValueError:
        value = args.value
    with hero_from(args) as hero:
        # Settings that shape the breakfast plan move free breakfasts; claimed ones keep their
        # date unless --yes, and each is named, as `breakfast rule` does.
        change = hero.org.set(args.key, value, move_claimed=bool(args.yes))
        say(f"{args.key} = {json.dumps(value, ensure_ascii=False)}")
    if change is not None:
        from herotui.cli.breakfast import say_rule_change

        say_rule_change(change)
    return EXIT_OK
