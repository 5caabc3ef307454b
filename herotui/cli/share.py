"""`herotui share add|list|show|digest`: the share feed from the command line.

Everything a person typed is printed through `clean_line`/`clean_block`, so a title cannot send
escape sequences to the terminal. The digests themselves are made in `herotui.cli.digest`.
"""

from __future__ import annotations

import argparse
import re
from datetime import datetime, timedelta

from herotui.cli.contract import document, record, records
from herotui.cli.common import EXIT_OK, EXIT_REFUSED, hero_from, json_parser, out_parser, print_json, report_queued, say, warn
from herotui.cli.words import kind_arg, kind_names
from herotui.i18n import format_date, relative_time, t
from herotui.services.errors import Conflict, ValidationError
from herotui.services.kinds import KINDS
from herotui.text import clean_block, clean_line

_SINCE = re.compile(r"^\s*(\d{1,4})\s*([hdw])\s*$", re.IGNORECASE)


def register(subparsers, common) -> None:
    js = json_parser()
    share = subparsers.add_parser("share", parents=[common], help=t("share.cli.help"))
    sub = share.add_subparsers(dest="share_command", metavar="add|list|show|digest", required=True)

    p = sub.add_parser("add", parents=[common, js], help=t("share.cli.add_help"))
    p.add_argument("url", nargs="?", default="", metavar="URL", help=t("share.cli.url_help"))
    p.add_argument("--title", required=True, help=t("share.cli.title_help"))
    p.add_argument("--kind", default="article", type=kind_arg, metavar=t("cli.kind_metavar"),
                   help=t("share.cli.kind_help", kinds=kind_names()))
    p.add_argument("--area", action="append", default=[], metavar="A", required=True, help=t("share.cli.area_help"))
    p.add_argument("--tag", action="append", default=[], metavar="X", help=t("share.cli.tag_help"))
    p.add_argument("--note", default="", help=t("share.cli.note_help"))
    p.add_argument("--force", action="store_true", help=t("share.cli.force_help"))
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("list", parents=[common, js, out_parser()], help=t("share.cli.list_help"))
    p.add_argument("--area", metavar="A")
    p.add_argument("--kind", type=kind_arg, metavar=t("cli.kind_metavar"), help=kind_names())
    p.add_argument("--by", metavar="LOGIN", help=t("share.cli.by_help"))
    p.add_argument("--search", metavar="Q", default="", help=t("share.cli.search_help"))
    p.add_argument("--saved", action="store_true", help=t("share.cli.saved_help"))
    p.add_argument("--unread", action="store_true", help=t("share.cli.unread_help"))
    count = p.add_mutually_exclusive_group()
    count.add_argument("--limit", type=_positive, default=20, metavar="N",
                       help=t("share.cli.limit_help", min=1, max=MAX_LIMIT))
    count.add_argument("--all", action="store_true", help=t("share.cli.all_help"))
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", parents=[common, js, out_parser()], help=t("share.cli.show_help"))
    p.add_argument("uuid")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("digest", parents=[common, out_parser()], help=t("share.cli.digest_help"))
    p.add_argument("--since", default="7d", help=t("share.cli.since_help"))
    p.add_argument("--format", choices=("markdown", "html"), default="markdown", help=t("share.cli.format_help"))
    p.add_argument("--fragment", action="store_true", help=t("share.cli.fragment_help"))
    p.set_defaults(func=cmd_digest)


MAX_LIMIT = 10_000
"""`share list --limit` at most; `--all` streams any number."""
ALL_PAGE = 500
"""Shares per read when `--all` streams the bank (keyset paging: memory stays flat)."""


def _positive(text: str) -> int:
    """`--limit N`: a whole number from 1 to `MAX_LIMIT`; the error names the range and `--all`."""
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(t("share.cli.limit_range", value=clean_line(text)[:20], min=1,
                                           max=MAX_LIMIT))
    return value


# -- add, list, show ---------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    with hero_from(args, offline_ok=True) as hero:
        try:
            result = hero.shares.post(args.url, args.title, args.kind, args.area, tags=args.tag, note=args.note,
                                      force=args.force)
        except Conflict as exc:
            warn(f"{exc.message()} {t('share.cli.force_hint')}")
            return EXIT_REFUSED
        if report_queued(result, args):
            return EXIT_OK
        if args.json:
            print_json(document(**record("share_detail", result)))
        else:
            say(t("share.cli.added", title=clean_line(result.title), uuid=result.uuid))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from herotui.services.shares import FeedFilter

    filters = FeedFilter(area=args.area, kind=args.kind, by=args.by, saved=args.saved, unread_only=args.unread,
                         search=args.search)
    with hero_from(args) as hero:
        if args.all:
            return _stream_all(hero, filters, args.json)
        opening = hero.shares.open_feed(filters, args.limit)
        zone = hero.org.timezone()
        now = hero.now()
    items = opening.page.items
    if args.json:
        print_json(document(total=opening.total, shares=records("share", items)))
        return EXIT_OK
    if not items:
        say(t("share.cli.none"))
        return EXIT_OK
    for item in items:
        _print_item(item, zone, now)
    if opening.total > len(items):
        say(t("share.cli.more", n=opening.total - len(items)))
    return EXIT_OK


def _print_item(item, zone, now) -> None:
    width = max(len(t(f"kind.{k}")) for k in KINDS)
    day = item.created_at.astimezone(zone).date().isoformat()
    mark = "*" if item.unread else " "
    say(f"{mark} {day}  {t(f'kind.{item.kind}'):<{width}}  {clean_line(item.title)}")
    details = [clean_line(item.author_name), relative_time(now - item.created_at),
               ", ".join(clean_line(a) for a in item.areas)]
    if item.useful:
        details.append(t("share.cli.useful", n=item.useful))
    details.append(clean_line(item.url) if item.url else t("share.cli.no_link"))
    say(" " * 13 + " · ".join(details))


def _stream_all(hero, filters, as_json: bool) -> int:
    """Every share matching `filters`, newest first, printed page by page as it is read.

    The window is fixed when the listing starts (shares posted meanwhile are not included) and
    walked by keyset (`feed_page(after=cursor)`), so memory does not grow with the bank. With
    `--json` the output is the same object as without `--all`, written piece by piece."""
    import json
    import sys

    from herotui.cli.common import to_jsonable

    opening = hero.shares.open_feed(filters, ALL_PAGE)
    zone, now = hero.org.timezone(), hero.now()
    page = opening.page
    if as_json:
        sys.stdout.write('{"total": %d, "shares": [' % opening.total)
    elif not page.items:
        say(t("share.cli.none"))
    first = True
    while True:
        for item in page.items:
            if as_json:
                sys.stdout.write(("\n" if first else ",\n") + json.dumps(to_jsonable(item), ensure_ascii=False))
                first = False
            else:
                _print_item(item, zone, now)
        if page.next_cursor is None:
            break
        page = hero.shares.feed_page(filters, page.next_cursor, ALL_PAGE, bound=opening.bound)
    if as_json:
        sys.stdout.write("\n]}\n")
    sys.stdout.flush()
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        info = hero.shares.get(args.uuid.strip())
        zone = hero.org.timezone()
    if args.json:
        print_json(document(**record("share_detail", info)))
        return EXIT_OK
    say(clean_line(info.title))
    say(" · ".join([t(f"kind.{info.kind}"), clean_line(info.author_name),
                    format_date(info.created_at.astimezone(zone).date(), with_year=True)]))
    say(t("share.detail.areas") + " " + ", ".join(clean_line(a) for a in info.areas))
    if info.tags:
        say(t("share.detail.tags") + " " + " ".join("#" + clean_line(tag) for tag in info.tags))
    say(t("share.detail.link") + " " + (clean_line(info.url) if info.url else t("share.cli.no_link")))
    say(t("share.detail.useful", n=info.useful))
    if info.note:
        say("")
        say(clean_block(info.note))
    return EXIT_OK


# -- digest ------------------------------------------------------------------------------------


def parse_since(text: str, now: datetime, zone) -> datetime:
    """`7d`, `2w`, `24h`, or a date (midnight in the organisation's zone)."""
    match = _SINCE.match(text or "")
    if match:
        amount, unit = int(match.group(1)), match.group(2).lower()
        return now - timedelta(**{{"h": "hours", "d": "days", "w": "weeks"}[unit]: amount})
    try:
        day = datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError("share.cli.bad_since", value=clean_line(text)[:40]) from None
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def cmd_digest(args: argparse.Namespace) -> int:
    from herotui.cli.digest import digest_html, digest_markdown

    with hero_from(args) as hero:
        zone = hero.org.timezone()
        since = parse_since(args.since, hero.now(), zone)
        digest = hero.shares.digest(since)
    if args.format == "html":
        say(digest_html(digest, zone, standalone=not args.fragment))
    else:
        say(digest_markdown(digest, zone))
    return EXIT_OK


_FROM_DIGEST = ("count_text", "digest_html", "digest_markdown", "md_escape", "md_link_target")


def __getattr__(name: str):
    """The digest's helpers, still importable from here, loaded only when asked for (PEP 562):
    `share add` does not need the HTML writer."""
    if name in _FROM_DIGEST:
        from herotui.cli import digest

        return getattr(digest, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
