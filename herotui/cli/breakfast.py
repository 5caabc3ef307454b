"""`herotui breakfast ...`: the breakfast calendar from the command line.

DATE is the breakfast's local date, e.g. 2026-12-04. A claim that loses to a colleague exits 1
and names who got the slot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from herotui.cli.contract import document, record, records
from herotui.cli.common import EXIT_OK, hero_from, json_parser, out_parser, print_json, report_queued, say
from herotui.i18n import format_date, format_datetime, t, week_label, weekday_short
from herotui.services.errors import NotFound, ValidationError
from herotui.text import clean_line


def register(subparsers, common) -> None:
    js = json_parser()
    top = subparsers.add_parser("breakfast", parents=[common], help=t("cli.bf.help"))
    sub = top.add_subparsers(dest="breakfast_command", metavar="COMMAND", required=True)

    def command(name: str, func, *, json_output: bool = False, document: bool = False) -> argparse.ArgumentParser:
        parents = [common, js] if json_output else [common]
        if document:
            parents.append(out_parser())
        parser = sub.add_parser(name, parents=parents, help=t(f"cli.bf.{name}.help"))
        parser.set_defaults(func=func)
        return parser

    p = command("list", cmd_list, json_output=True, document=True)
    p.add_argument("--past", action="store_true", help=t("cli.bf.list.past_help"))

    p = command("show", cmd_show, json_output=True, document=True)
    p.add_argument("date", metavar="DATE", help=t("cli.bf.date_help"))
    p.add_argument("--past", action="store_true", help=t("cli.bf.past_help"))

    p = command("claim", cmd_claim, json_output=True)
    p.add_argument("date", metavar="DATE", help=t("cli.bf.date_help"))
    p.add_argument("--past", action="store_true", help=t("cli.bf.past_help"))
    p.add_argument("--topic", required=True, help=t("cli.bf.claim.topic_help"))
    p.add_argument("--description", default="", help=t("cli.bf.claim.description_help"))
    p.add_argument("--area", action="append", default=[], metavar="AREA", help=t("cli.bf.claim.area_help"))

    p = command("release", cmd_release)
    p.add_argument("date", metavar="DATE", help=t("cli.bf.date_help"))
    p.add_argument("--past", action="store_true", help=t("cli.bf.past_help"))

    p = command("rsvp", cmd_rsvp)
    p.add_argument("date", metavar="DATE", help=t("cli.bf.date_help"))
    p.add_argument("--past", action="store_true", help=t("cli.bf.past_help"))
    p.add_argument("--no", action="store_true", help=t("cli.bf.rsvp.no_help"))

    p = command("waitlist", cmd_waitlist, json_output=True)
    p.add_argument("--leave", action="store_true", help=t("cli.bf.waitlist.leave_help"))
    p.add_argument("--show", action="store_true", help=t("cli.bf.waitlist.show_help"))
    p.add_argument("--pass", dest="pass_day", metavar="DATE", help=t("cli.bf.waitlist.pass_help"))

    p = command("handover", cmd_handover)
    p.add_argument("date", metavar="DATE", help=t("cli.bf.date_help"))
    p.add_argument("--past", action="store_true", help=t("cli.bf.past_help"))
    p.add_argument("login", metavar="LOGIN", help=t("cli.bf.handover.login_help"))

    for verb in ("accept", "decline"):
        p = command(verb, cmd_answer)
        p.add_argument("date", metavar="DATE", help=t("cli.bf.date_help"))
        p.add_argument("--past", action="store_true", help=t("cli.bf.past_help"))
        p.set_defaults(accept=(verb == "accept"))

    p = command("ics", cmd_ics)
    p.add_argument("--out", metavar="FILE", help=t("cli.bf.ics.out_help"))
    p.add_argument("--date", metavar="DATE", help=t("cli.bf.ics.date_help"))
    p.add_argument("--past", action="store_true", help=t("cli.bf.past_help"))
    p.add_argument("--all-alarms", action="store_true", help=t("cli.bf.ics.all_alarms_help"))

    command("rotation", cmd_rotation, json_output=True, document=True)
    command("ideas", cmd_ideas, json_output=True, document=True)

    p = command("extra", cmd_extra)
    p.add_argument("date", metavar="DATE", help=t("cli.bf.date_help"))
    p.add_argument("--time", metavar="HH:MM", help=t("cli.bf.time_help"))
    p.add_argument("--minutes", type=int, help=t("cli.bf.minutes_help"))

    p = command("move", cmd_move)
    p.add_argument("date", metavar="DATE", help=t("cli.bf.date_help"))
    p.add_argument("--past", action="store_true", help=t("cli.bf.past_help"))
    p.add_argument("new_date", metavar="NEW_DATE", help=t("cli.bf.move.new_help"))
    p.add_argument("--time", metavar="HH:MM", help=t("cli.bf.time_help"))

    p = command("cancel", cmd_cancel)
    p.add_argument("date", metavar="DATE", help=t("cli.bf.date_help"))
    p.add_argument("--past", action="store_true", help=t("cli.bf.past_help"))
    p.add_argument("--undo", action="store_true", help=t("cli.bf.cancel.undo_help"))

    p = command("rule", cmd_rule, json_output=True)
    p.add_argument("--nth", type=int, help=t("cli.bf.rule.nth_help"))
    p.add_argument("--weekday", type=int, help=t("cli.bf.rule.weekday_help"))
    p.add_argument("--start", metavar="HH:MM", help=t("cli.bf.rule.start_help"))
    p.add_argument("--minutes", type=int, help=t("cli.bf.minutes_help"))
    p.add_argument("--yes", action="store_true", help=t("cli.bf.rule.yes_help"))


# -- text -----------------------------------------------------------------------------------------


def _when(slot) -> str:
    start = slot.local_start
    return (f"{weekday_short(start.isoweekday())} {format_date(start.date(), with_year=True)}"
            f"  {start:%H:%M}-{slot.local_end:%H:%M}")


def _line(slot) -> str:
    parts = [_when(slot), week_label(slot.day)]
    if slot.is_cancelled:
        parts.append(t("breakfast.state.cancelled"))
    if slot.host_name:
        parts.append(f"{clean_line(slot.host_name)}: {clean_line(slot.topic)}")
    elif slot.is_free:
        parts.append(t("breakfast.state.free"))
    elif not slot.is_cancelled:
        parts.append(t("breakfast.state.open"))
    if slot.rsvp_count:
        parts.append(t("breakfast.coming", n=slot.rsvp_count))
    if slot.is_mine:
        parts.append(t("breakfast.cli.yours"))
    if slot.i_am_coming:
        parts.append(t("breakfast.cli.you_came" if slot.is_past else "breakfast.cli.you_come"))
    if slot.moved_from is not None:
        parts.append(t("breakfast.moved_from", date=format_date(slot.moved_from.date())))
    if slot.is_extra:
        parts.append(t("breakfast.extra"))
    if slot.reserved_name and slot.is_free:
        parts.append(t("breakfast.reserved_for", name=clean_line(slot.reserved_name),
                       until=format_datetime(slot.reserved_until.astimezone(slot.local_start.tzinfo))))
    if slot.waiting_action:
        parts.append(t("breakfast.pending"))
    return "  ".join(parts)


# -- commands -------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        overview = hero.breakfast.overview()
        slots = overview.past if args.past else overview.upcoming
        if args.json:
            print_json(document(rule=overview.rule.as_setting(), zone=str(overview.zone),
                                breakfasts=records("breakfast", slots)))
            return EXIT_OK
        if not slots:
            say(t("breakfast.empty.past") if args.past else t("breakfast.empty.upcoming"))
        for slot in slots:
            say(_line(slot))
        _say_notices(hero, overview)
    return EXIT_OK


def _say_notices(hero, overview) -> None:
    for slot in overview.moved_for_me:
        say(t("breakfast.notice.moved", topic=clean_line(slot.topic),
              old=format_date(slot.moved_from.date()), new=format_date(slot.day)))
    if overview.moved_for_me:
        hero.breakfast.mark_moves_seen([s.uuid for s in overview.moved_for_me])
    for offer in overview.offers_to_me:
        say(t("breakfast.cli.offer", name=clean_line(offer.from_name), date=format_date(offer.slot_start.date()),
              day=offer.slot_start.date().isoformat()))
    _say_turn(overview.waitlist.my_turn)


def _say_turn(turn) -> None:
    if turn is None:
        return
    if turn.reserved_for_me and turn.reserved_until is not None:
        say(t("breakfast.cli.reserved_turn", date=format_date(turn.day), day=turn.day.isoformat(),
              until=format_datetime(turn.reserved_until.astimezone(turn.local_start.tzinfo))))
    else:
        say(t("breakfast.cli.turn", date=format_date(turn.day), day=turn.day.isoformat()))


def cmd_show(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        slot = hero.breakfast.slot_on(args.date, include_past=True)
        if args.json:
            print_json(document(**record("breakfast", slot)))
            return EXIT_OK
        say(_line(slot))
        if slot.areas:
            say(t("breakfast.detail.areas", areas=", ".join(slot.areas)))
        if slot.description:
            say("")
            say(slot.description)
        if slot.attendees:
            say("")
            say(t("breakfast.detail.who", names=", ".join(clean_line(n) for n in slot.attendees)))
    return EXIT_OK


def cmd_claim(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        slot = hero.breakfast.slot_ref_on(args.date, include_past=args.past)
        result = hero.breakfast.claim(slot.uuid, args.topic, args.description, args.area)
        if report_queued(result, args):
            return EXIT_OK
        if args.json:
            print_json(document(**record("breakfast", result)))
        else:
            say(t("breakfast.said.claimed", date=format_date(result.day, with_year=True),
                  topic=clean_line(result.topic)))
    return EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        slot = hero.breakfast.slot_ref_on(args.date, include_past=args.past)
        result = hero.breakfast.release(slot.uuid)
        if not report_queued(result, args):
            say(t("breakfast.said.released", date=format_date(slot.date, with_year=True)))
    return EXIT_OK


def cmd_rsvp(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        slot = hero.breakfast.slot_ref_on(args.date, include_past=args.past)
        result = hero.breakfast.rsvp(slot.uuid, not args.no)
        if not report_queued(result, args):
            key = "breakfast.said.not_coming" if args.no else "breakfast.said.coming"
            say(t(key, date=format_date(slot.date, with_year=True), n=result.rsvp_count))
    return EXIT_OK


def cmd_waitlist(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        if args.pass_day:
            slot = hero.breakfast.slot_on(args.pass_day)
            info = hero.breakfast.pass_turn(slot.uuid)
            if report_queued(info):
                return EXIT_OK
            say(t("breakfast.said.passed", date=format_date(slot.day, with_year=True)))
            _say_turn(info.my_turn)
            return EXIT_OK
        if args.show:
            info = hero.breakfast.waitlist()
        elif args.leave:
            info = hero.breakfast.leave_waitlist()
        else:
            info = hero.breakfast.join_waitlist()
        if report_queued(info, args):
            return EXIT_OK
        if args.json:
            print_json(document(entries=records("wait_entry", info.entries), my_position=info.my_position,
                                my_turn=record("breakfast", info.my_turn)))
            return EXIT_OK
        if args.show:
            if not info.entries:
                say(t("breakfast.waitlist.empty"))
            for entry in info.entries:
                say(f"{entry.position:>3}. {clean_line(entry.name)}")
        elif args.leave:
            say(t("breakfast.said.left_waitlist"))
        else:
            say(t("breakfast.said.on_waitlist", n=info.my_position))
        _say_turn(info.my_turn)
    return EXIT_OK


def cmd_handover(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        slot = hero.breakfast.slot_ref_on(args.date, include_past=args.past)
        result = hero.breakfast.offer(slot.uuid, args.login)
        if not report_queued(result, args):
            say(t("breakfast.said.offered", name=clean_line(result.to_name), date=format_date(slot.date)))
    return EXIT_OK


def cmd_answer(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        slot = hero.breakfast.slot_on(args.date, include_past=args.past)
        offers = [o for o in hero.breakfast.overview().offers_to_me if o.slot_uuid == slot.uuid]
        if not offers:
            raise NotFound("breakfast.error.no_offer")
        result = hero.breakfast.answer(offers[0].uuid, args.accept)
        if not report_queued(result, args):
            key = "breakfast.said.accepted" if args.accept else "breakfast.said.declined"
            say(t(key, name=clean_line(offers[0].from_name), date=format_date(slot.day)))
    return EXIT_OK


def cmd_ics(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        uuids = [hero.breakfast.slot_on(args.date, include_past=True).uuid] if args.date else None
        data = hero.breakfast.ics(uuids, all_alarms=args.all_alarms)
    if not args.out:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    from herotui.services.ics import write_file

    path = write_file(data, Path(args.out).expanduser())
    say(t("breakfast.said.ics", path=path))
    return EXIT_OK


def cmd_rotation(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        rotation = hero.breakfast.overview().rotation
    if args.json:
        print_json(document(rotation=records("rotation_entry", rotation)))
        return EXIT_OK
    for entry in rotation:
        say(f"{clean_line(entry.name)}  {_rotation_note(entry)}")
    return EXIT_OK


def _rotation_note(entry) -> str:
    if entry.next_hosting is not None:
        return t("breakfast.rotation.booked", date=format_date(entry.next_hosting))
    if entry.last_hosted is None:
        return t("breakfast.rotation.never")
    return t("breakfast.rotation.last", date=format_date(entry.last_hosted, with_year=True))


def cmd_ideas(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        ideas = hero.breakfast.overview().ideas
    if args.json:
        print_json(document(ideas=records("idea", ideas)))
        return EXIT_OK
    if not ideas:
        say(t("breakfast.ideas.empty"))
    for idea in ideas:
        gaps = [t("breakfast.ideas.gap")] if idea.priority == "high" else []
        gaps += [t("breakfast.ideas.below_target")] if idea.below_target else []
        gap = f"  ({', '.join(gaps)})" if gaps else ""
        say(f"{idea.area}  {t('breakfast.ideas.shares', n=idea.shares)}{gap}")
    return EXIT_OK


def cmd_extra(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        result = hero.breakfast.add_extra(args.date, args.time, args.minutes)
        if not report_queued(result, args):
            say(t("breakfast.said.extra", date=format_date(result.day, with_year=True),
                  time=f"{result.local_start:%H:%M}"))
    return EXIT_OK


def cmd_move(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        slot = hero.breakfast.slot_on(args.date, include_past=args.past)
        result = hero.breakfast.move(slot.uuid, args.new_date, args.time)
        if not report_queued(result, args):
            say(t("breakfast.said.moved", old=format_date(slot.day), new=format_date(result.day, with_year=True),
                  time=f"{result.local_start:%H:%M}"))
    return EXIT_OK


def cmd_cancel(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        slot = hero.breakfast.slot_on(args.date, include_past=args.past)
        if slot.is_past:
            # History is read-only: a past breakfast that was never cancelled is not "on again".
            raise ValidationError("breakfast.error.past", date=format_date(slot.day, with_year=True))
        result = hero.breakfast.cancel(slot.uuid, not args.undo)
        if not report_queued(result, args):
            key = "breakfast.said.restored" if args.undo else "breakfast.said.cancelled"
            say(t(key, date=format_date(slot.day, with_year=True)))
    return EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    from herotui.presenters.breakfast_rule import describe_rule

    with hero_from(args) as hero:
        rule = hero.breakfast.rule()
        changes = {k: v for k, v in (("nth", args.nth), ("weekday", args.weekday), ("start", args.start),
                                     ("minutes", args.minutes)) if v is not None}
        change = None
        if changes:
            # Claimed breakfasts keep their dates unless the admin says --yes (their host planned around them).
            change = hero.breakfast.set_rule({**rule.as_setting(), **changes}, move_claimed=bool(args.yes))
            rule = change.rule
    if args.json:
        print_json(document(**rule.as_setting(), moved=records("planned_move", change.moved if change else ()),
                            kept=records("planned_move", change.kept if change else ())))
        return EXIT_OK
    say(describe_rule(rule))
    say_rule_change(change)
    return EXIT_OK


def say_rule_change(change) -> None:
    """One line per breakfast a plan change (`RuleChange` or None) moved, cancelled or kept."""
    from herotui.presenters.breakfast_rule import rule_change_lines

    for line in rule_change_lines(change):
        say(line)
