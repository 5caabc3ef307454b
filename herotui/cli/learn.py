"""`herotui learn start|pause|resume|stop|discard|log|week|edit|delete|holiday`."""

from __future__ import annotations

import argparse

from herotui.cli.common import (EXIT_OK, EXIT_REFUSED, hero_from, json_parser, out_parser, print_json, report_queued,
                                say, warn)
from herotui.cli.contract import document, record, records
from herotui.cli.words import kind_arg, kind_names
from herotui.i18n import format_date, format_datetime, format_elapsed, format_minutes, t, week_label
from herotui.services.errors import Conflict


def register(subparsers, common) -> None:
    js = json_parser()
    learn = subparsers.add_parser("learn", parents=[common], help=t("cli.learn.help"))
    sub = learn.add_subparsers(dest="learn_command", metavar="start|pause|resume|stop|log|week|...", required=True)

    def details(parser: argparse.ArgumentParser, *, kind_required: bool = False, title_required: bool = False) -> None:
        parser.add_argument("--kind", type=kind_arg, required=kind_required, metavar=t("cli.kind_metavar"),
                            help=t("cli.learn.kind_help", kinds=kind_names()))
        parser.add_argument("--title", required=title_required)
        parser.add_argument("--link", metavar="URL")
        parser.add_argument("--area", action="append", metavar="A", help=t("cli.learn.area_help"))
        parser.add_argument("--note")

    p = sub.add_parser("start", parents=[common], help=t("cli.learn.start_help"))
    details(p)
    p.set_defaults(func=cmd_start)

    for verb, func in (("pause", cmd_pause), ("resume", cmd_resume), ("discard", cmd_discard)):
        p = sub.add_parser(verb, parents=[common], help=t(f"cli.learn.{verb}_help"))
        p.set_defaults(func=func)

    p = sub.add_parser("stop", parents=[common], help=t("cli.learn.stop_help"))
    details(p)
    p.add_argument("--minutes", type=int, help=t("cli.learn.minutes_help"))
    p.add_argument("--share", action="store_true", help=t("cli.learn.share_help"))
    p.add_argument("--force", action="store_true", help=t("share.cli.force_help"))
    p.set_defaults(func=cmd_stop)

    p = sub.add_parser("log", parents=[common], help=t("cli.learn.log_help"))
    p.add_argument("minutes", metavar="MINUTES")
    details(p, kind_required=True, title_required=True)
    p.add_argument("--date", metavar="YYYY-MM-DD", help=t("cli.learn.date_help"))
    p.add_argument("--share", action="store_true", help=t("cli.learn.share_help"))
    p.add_argument("--force", action="store_true", help=t("share.cli.force_help"))
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("week", parents=[common, js, out_parser()], help=t("cli.learn.week_help"))
    p.add_argument("--week", metavar="DATE|YYYY-Www", help=t("cli.learn.week_arg_help"))
    p.set_defaults(func=cmd_week)

    p = sub.add_parser("edit", parents=[common], help=t("cli.learn.edit_help"))
    p.add_argument("uuid")
    p.add_argument("--minutes")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    details(p)
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("delete", parents=[common], help=t("cli.learn.delete_help"))
    p.add_argument("uuid")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("overlap", parents=[common], help=t("cli.learn.overlap_help"))
    p.add_argument("uuid")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep-both", action="store_true", help=t("cli.learn.keep_both_help"))
    how.add_argument("--once", action="store_true", help=t("cli.learn.once_help"))
    p.set_defaults(func=cmd_overlap)

    p = sub.add_parser("holiday", parents=[common], help=t("cli.learn.holiday_help"))
    p.add_argument("--week", metavar="DATE|YYYY-Www", help=t("cli.learn.week_arg_help"))
    p.add_argument("--off", action="store_true", help=t("cli.learn.off_help"))
    p.set_defaults(func=cmd_holiday)


def _draft(args: argparse.Namespace, *, require_title: bool = False):
    from herotui.services.learning import make_draft

    return make_draft(kind=args.kind, title=args.title, link=args.link, areas=args.area, note=args.note,
                      require_title=require_title)


def _local(hero, moment) -> str:
    return format_datetime(moment.astimezone(hero.learning.zone()))


def cmd_start(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        timer = hero.learning.start(_draft(args))
        if timer.saved_offline:
            say(t("store.saved_offline"))
        else:
            say(t("cli.learn.started", since=_local(hero, timer.started_at)))
    return EXIT_OK


def cmd_pause(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        timer = hero.learning.pause()
        if not report_queued(timer, args):
            say(t("cli.learn.paused", elapsed=format_elapsed(timer.elapsed_seconds(hero.now()))))
    return EXIT_OK


def cmd_resume(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        timer = hero.learning.resume()
        if not report_queued(timer, args):
            say(t("cli.learn.resumed", elapsed=format_elapsed(timer.elapsed_seconds(hero.now()))))
    return EXIT_OK


def cmd_discard(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        if not report_queued(hero.learning.discard(), args):
            say(t("cli.learn.discarded"))
    return EXIT_OK


def cmd_stop(args: argparse.Namespace) -> int:
    draft = _draft(args)
    with hero_from(args, offline_ok=True) as hero:
        if args.share and not _shareable(hero, draft, args.force, timer=True):
            return EXIT_REFUSED
        session = hero.learning.stop(draft, minutes=args.minutes)
        if report_queued(session, args):
            if args.share:
                _share(hero, None, force=args.force)  # the queued stop's uuid is not the session's
            return EXIT_OK
        say(t("cli.learn.stopped", minutes=format_minutes(session.minutes), title=session.title,
              week=week_label(session.day)))
        if args.share:
            _share(hero, session.uuid, force=args.force)
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    draft = _draft(args, require_title=True)
    with hero_from(args, offline_ok=True) as hero:
        if args.share and not _shareable(hero, draft, args.force):
            return EXIT_REFUSED
        session = hero.learning.log(args.minutes, draft, day=args.date)
        if report_queued(session, args):
            if args.share:
                _share(hero, session.uuid, force=args.force)
            return EXIT_OK
        say(t("cli.learn.logged", minutes=format_minutes(session.minutes), title=session.title,
              day=format_date(session.day, with_year=True)))
        if args.share:
            _share(hero, session.uuid, force=args.force)
    return EXIT_OK


def _shareable(hero, draft, force: bool, *, timer: bool = False) -> bool:
    """One command, one outcome: everything the share would refuse is refused before the session
    is written, so a script that retries never logs the same hour twice. With `timer`, the running
    timer's details fill what the command did not give (as `stop` does). Raises `ValidationError`
    (exit 1 through the CLI); prints "already shared" and returns False for a duplicate."""
    from herotui.store.errors import DatabaseUnavailable

    kind, title, link, areas, note = draft.kind, draft.title, draft.link, draft.areas, draft.note
    if timer:
        try:
            live = hero.learning.timer()
        except DatabaseUnavailable:
            live = None
        if live is None:
            return True  # no timer (stop says so) or offline (checked when the outbox is sent)
        kind = kind if kind is not None else live.kind
        title = title if title is not None else live.title
        link = link if link is not None else live.link
        areas = areas if areas is not None else live.areas
        note = note if note is not None else live.note
    try:
        hero.shares.check_post(link, title or "", kind or "other", list(areas or ()), note=note or "", force=force)
    except Conflict as exc:
        warn(f"{exc.message()} {t('share.cli.force_hint')}")
        return False
    return True


def _share(hero, uuid: str | None, *, force: bool = False) -> None:
    if not report_queued(hero.learning.share(uuid, force=force), None):
        say(t("cli.learn.shared"))


def cmd_edit(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        session = hero.learning.edit(args.uuid, _draft(args), minutes=args.minutes, day=args.date)
        if not report_queued(session, args):
            say(t("cli.learn.edited", minutes=format_minutes(session.minutes), title=session.title,
                  day=format_date(session.day, with_year=True)))
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        if not report_queued(hero.learning.delete(args.uuid), args):
            say(t("cli.learn.deleted"))
    return EXIT_OK


def cmd_overlap(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        session = hero.learning.count_overlap(args.uuid, keep_both=args.keep_both)
        if not report_queued(session):
            say(t("cli.learn.overlap_counted", minutes=format_minutes(session.counted_minutes), title=session.title))
    return EXIT_OK


def cmd_holiday(args: argparse.Namespace) -> int:
    from herotui.isoweek import parse_week

    with hero_from(args, offline_ok=True) as hero:
        if report_queued(hero.learning.set_holiday(args.week, on=not args.off), args):
            return EXIT_OK
        monday = parse_week(args.week) if args.week else hero.learning.today()
        say(t("learn.holiday_off" if args.off else "learn.holiday_on", week=week_label(monday)))
    return EXIT_OK


def cmd_week(args: argparse.Namespace) -> int:
    from herotui.services.errors import ValidationError
    from herotui.isoweek import parse_week

    day = None
    if args.week:
        try:
            day = parse_week(args.week)
        except ValueError:
            raise ValidationError("learn.error.date_format", value=args.week[:20]) from None
    with hero_from(args) as hero:
        overview = hero.learning.overview(day)
        now = hero.now()
    week, timer = overview.week, overview.timer
    if args.json:
        timer_data = None if timer is None else {
            "uuid": timer.uuid, "status": timer.status, "started_at": timer.started_at,
            "elapsed_seconds": int(timer.elapsed_seconds(now)), "needs_review": timer.needs_review(now),
            "kind": timer.kind, "title": timer.title,
        }
        print_json(document(person=hero.login, year=week.year, week=week.week, week_start=week.week_start,
                            minutes=week.minutes, goal=week.goal, goal_met=week.goal_met, holiday=week.holiday,
                            streak=week.streak, sessions=records("session", week.sessions),
                            timer=record("timer", timer_data)))
        return EXIT_OK
    met = t("cli.learn.met") if week.goal_met else ""
    say(t("cli.learn.week_line", week=week_label(week.week_start), done=week.minutes, goal=week.goal, met=met))
    say(t("cli.learn.streak", n=week.streak))
    if week.holiday:
        say(t("cli.learn.holiday_week"))
    if timer is not None:
        say(t("cli.learn.timer", state=t(f"cli.learn.state.{timer.status}"),
              elapsed=format_elapsed(timer.elapsed_seconds(now))))
    if not week.sessions:
        say(t("cli.learn.no_sessions"))
    for session in week.sessions:
        say(f"  {session.day.isoformat()}  {format_minutes(session.minutes):>9}  {t('kind.' + session.kind):<12} "
            f"{session.title}  [{session.uuid}]")
    return EXIT_OK
