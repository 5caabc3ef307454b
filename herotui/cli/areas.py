"""`herotui areas list|add|rename|retire`: the organisation's focus areas (changes are for admins)."""

from __future__ import annotations

import argparse

from herotui.cli.contract import document, record, records
from herotui.cli.common import EXIT_OK, hero_from, json_parser, out_parser, print_json, say
from herotui.cli.share import count_text
from herotui.i18n import t
from herotui.text import clean_line


def register(subparsers, common) -> None:
    js = json_parser()
    areas = subparsers.add_parser("areas", parents=[common], help=t("areas.cli.help"))
    sub = areas.add_subparsers(dest="areas_command", metavar="list|add|rename|retire|set-priority|set-target", required=True)

    p = sub.add_parser("list", parents=[common, js, out_parser()], help=t("areas.cli.list_help"))
    p.add_argument("--all", action="store_true", help=t("areas.cli.all_help"))
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("add", parents=[common, js], help=t("areas.cli.add_help"))
    p.add_argument("name")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("rename", parents=[common, js], help=t("areas.cli.rename_help"))
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(func=cmd_rename)

    p = sub.add_parser("retire", parents=[common, js], help=t("areas.cli.retire_help"))
    p.add_argument("name")
    p.add_argument("--undo", action="store_true", help=t("areas.cli.undo_help"))
    p.set_defaults(func=cmd_retire)

    p = sub.add_parser("set-priority", parents=[common, js], help=t("areas.cli.priority_help"))
    p.add_argument("name")
    p.add_argument("priority", metavar="high|normal|low")
    p.set_defaults(func=cmd_set_priority)

    p = sub.add_parser("set-target", parents=[common, js], help=t("areas.cli.target_help"))
    p.add_argument("name")
    p.add_argument("minutes", metavar="MINUTES|none")
    p.set_defaults(func=cmd_set_target)


def cmd_list(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        counts = hero.shares.area_counts(include_retired=args.all)
    if args.json:
        print_json(document(areas=records("area_count", counts)))
        return EXIT_OK
    width = max((len(clean_line(a.name)) for a in counts), default=0)
    for area in counts:
        retired = f"  ({t('areas.cli.retired')})" if area.retired else ""
        say(f"{clean_line(area.name):<{width}}  {count_text('share.areas.count', area.shares)}{retired}")
    return EXIT_OK


def _done(args: argparse.Namespace, area, key: str) -> int:
    if args.json:
        print_json(document(**record("area", area)))
    else:
        say(t(key, name=clean_line(area.name)))
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        return _done(args, hero.areas.add(args.name), "share.areas.added")


def cmd_rename(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        return _done(args, hero.areas.rename(args.old, args.new), "share.areas.renamed")


def cmd_retire(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        area = hero.areas.set_retired(args.name, not args.undo)
        return _done(args, area, "share.areas.restored" if args.undo else "share.areas.retired")


def _priority_done(args: argparse.Namespace, area) -> int:
    if args.json:
        print_json(document(**record("area", area)))
        return EXIT_OK
    target = (t("insights.form.target_value", minutes=area.target_minutes) if area.target_minutes
              else t("insights.form.no_target"))
    say(t("insights.form.saved", name=clean_line(area.name), priority=t(f"insights.priority.{area.priority}"),
          target=target))
    return EXIT_OK


def cmd_set_priority(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        return _priority_done(args, hero.areas.set_priority(args.name, args.priority))


def cmd_set_target(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        return _priority_done(args, hero.areas.set_target(args.name, args.minutes))
