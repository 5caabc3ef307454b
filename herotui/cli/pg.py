"""`herotui pg roles [--create]`: one PostgreSQL role per person (the server-identity mode).

Run by the administrator with the shared role (the tables' owner, with CREATEROLE):
`--create` turns on the server's rules (row-level security, `herotui_member`/`herotui_admin`)
and creates a LOGIN role for each person who has none; without it, only lists. Either way it
prints what to add to pg_hba.conf.
"""

from __future__ import annotations

import argparse

from herotui.cli.common import EXIT_OK, EXIT_USAGE, json_parser, launch_from, out_parser, print_json, say, warn
from herotui.i18n import t
from herotui.text import clean_line


def register(subparsers, common) -> None:
    js = json_parser()
    pg = subparsers.add_parser("pg", parents=[common], help=t("cli.pg.help"))
    sub = pg.add_subparsers(dest="pg_command", metavar="roles", required=True)
    p = sub.add_parser("roles", parents=[common, js, out_parser()], help=t("cli.pg.roles_help"))
    p.add_argument("--create", action="store_true", help=t("cli.pg.create_help"))
    p.set_defaults(func=cmd_roles)


def cmd_roles(args: argparse.Namespace) -> int:
    from herotui.store import open_store
    from herotui.store.pg_identity import hba_lines, roles

    launch = launch_from(args)
    store = open_store(launch.target, write_deadline=launch.write_deadline, clock=launch.clock)
    try:
        if store.is_sqlite:
            warn(t("cli.pg.needs_postgres"))
            return EXIT_USAGE
        if args.create:
            found = store.write(roles, store.db, create=True)
        else:
            found = store.read(roles, store.db)
        database = store.db.params.get("dbname") or "all"
    finally:
        store.close()
    lines = hba_lines(database)
    if args.json:
        print_json({"format": 1, "roles": [{"login": r.login, "role": r.has_role, "member": r.member, "admin": r.admin,
                               "created": r.created} for r in found], "pg_hba": lines})
        return EXIT_OK
    say(t("cli.pg.header"))
    for r in found:
        role = t("cli.pg.created") if r.created else ("ok" if r.has_role else t("cli.pg.missing"))
        say(f"  {clean_line(r.login):<24} {clean_line(r.display_name)[:30]:<30} {role:<10}"
            f" {'member' if r.member else '-':<7} {'admin' if r.admin else '-'}")
    say("")
    say(t("cli.pg.hba"))
    for line in lines:
        say("  " + line)
    say("")
    say(t("cli.pg.passwords"))
    return EXIT_OK
