"""`herotui share add|list|show|digest`: the share feed from the command line.

Everything a person typed is printed through `clean_line`/`clean_block`, so a title cannot send
escape sequences to the terminal; the HTML digest escapes every value, the Markdown digest
backslash-escapes punctuation, so a title cannot become a link or a heading by accident.
"""

from __future__ import annotations

import argparse
import html
import re
from datetime import datetime, timedelta

from herotui.cli.common import EXIT_OK, EXIT_REFUSED, hero_from, json_parser, print_json, report_queued, say, warn
from herotui.i18n import format_date, relative_time, t
from herotui.services.errors import Conflict, ValidationError
from herotui.services.kinds import KINDS
from herotui.store.urls import is_web_url
from herotui.text import clean_block, clean_line, truncate

EXCERPT = 200
_SINCE = re.compile(r"^\s*(\d{1,4})\s*([hdw])\s*$", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~\"])")


def register(subparsers, common) -> None:
    js = json_parser()
    share = subparsers.add_parser("share", parents=[common], help=t("share.cli.help"))
    sub = share.add_subparsers(dest="share_command", metavar="add|list|show|digest", required=True)

    p = sub.add_parser("add", parents=[common, js], help=t("share.cli.add_help"))
    p.add_argument("url", nargs="?", default="", metavar="URL", help=t("share.cli.url_help"))
    p.add_argument("--title", required=True, help=t("share.cli.title_help"))
    p.add_argument("--kind", default="article", choices=KINDS, help=t("share.cli.kind_help", kinds=", ".join(KINDS)))
    p.add_argument("--area", action="append", default=[], metavar="A", required=True, help=t("share.cli.area_help"))
    p.add_argument("--tag", action="append", default=[], metavar="X", help=t("share.cli.tag_help"))
    p.add_argument("--note", default="", help=t("share.cli.note_help"))
    p.add_argument("--force", action="store_true", help=t("share.cli.force_help"))
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("list", parents=[common, js], help=t("share.cli.list_help"))
    p.add_argument("--area", metavar="A")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--by", metavar="LOGIN", help=t("share.cli.by_help"))
    p.add_argument("--search", metavar="Q", default="", help=t("share.cli.search_help"))
    p.add_argument("--saved", action="store_true", help=t("share.cli.saved_help"))
    p.add_argument("--unread", action="store_true", help=t("share.cli.unread_help"))
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help=t("share.cli.limit_help"))
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", parents=[common, js], help=t("share.cli.show_help"))
    p.add_argument("uuid")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("digest", parents=[common], help=t("share.cli.digest_help"))
    p.add_argument("--since", default="7d", help=t("share.cli.since_help"))
    p.add_argument("--format", choices=("markdown", "html"), default="markdown", help=t("share.cli.format_help"))
    p.set_defaults(func=cmd_digest)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None
    if not 1 <= value <= 10_000:
        raise argparse.ArgumentTypeError(text)
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
            print_json(result)
        else:
            say(t("share.cli.added", title=clean_line(result.title), uuid=result.uuid))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from herotui.services.shares import FeedFilter

    filters = FeedFilter(area=args.area, kind=args.kind, by=args.by, saved=args.saved, unread_only=args.unread,
                         search=args.search)
    with hero_from(args) as hero:
        opening = hero.shares.open_feed(filters, args.limit)
        zone = hero.org.timezone()
        now = hero.now()
    items = opening.page.items
    if args.json:
        print_json({"total": opening.total, "shares": list(items)})
        return EXIT_OK
    if not items:
        say(t("share.cli.none"))
        return EXIT_OK
    width = max(len(t(f"kind.{k}")) for k in KINDS)
    for item in items:
        day = item.created_at.astimezone(zone).date().isoformat()
        mark = "*" if item.unread else " "
        say(f"{mark} {day}  {t(f'kind.{item.kind}'):<{width}}  {clean_line(item.title)}")
        details = [clean_line(item.author_name), relative_time(now - item.created_at),
                   ", ".join(clean_line(a) for a in item.areas)]
        if item.useful:
            details.append(t("share.cli.useful", n=item.useful))
        details.append(clean_line(item.url) if item.url else t("share.cli.no_link"))
        say(" " * 13 + " · ".join(details))
    if opening.total > len(items):
        say(t("share.cli.more", n=opening.total - len(items)))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    with hero_from(args) as hero:
        info = hero.shares.get(args.uuid.strip())
        zone = hero.org.timezone()
    if args.json:
        print_json(info)
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
    with hero_from(args) as hero:
        zone = hero.org.timezone()
        since = parse_since(args.since, hero.now(), zone)
        digest = hero.shares.digest(since)
    render = digest_html if args.format == "html" else digest_markdown
    say(render(digest, zone))
    return EXIT_OK


def count_text(key: str, n: int) -> str:
    """"1 share" / "3 shares": the `.one` form of a key when there is exactly one."""
    return t(f"{key}.one") if n == 1 else t(key, n=n)


def _period(digest, zone) -> str:
    first = digest.since.astimezone(zone).date()
    last = digest.until.astimezone(zone).date()
    return t("share.digest.title", since=format_date(first, with_year=first.year != last.year),
             until=format_date(last, with_year=True))


def _excerpt(note: str) -> str:
    return truncate(clean_line(note), EXCERPT)


def md_escape(text: str) -> str:
    """Literal text in Markdown: every punctuation character that could mean something, escaped."""
    return _MD_SPECIAL.sub(r"\\\1", clean_line(text))


def md_link_target(url: str) -> str:
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def digest_markdown(digest, zone) -> str:
    lines = [f"# {_period(digest, zone)}", ""]
    if not digest.total:
        return "\n".join(lines + [t("share.digest.empty")])
    lines += [t("share.digest.intro") + " " + count_text("share.digest.count", digest.total), ""]
    for group in digest.groups:
        lines += [f"## {md_escape(group.area) if group.area else t('share.digest.no_area')}", ""]
        for item in group.items:
            title = md_escape(item.title)
            if item.url and is_web_url(item.url):
                title = f"[{title}]({md_link_target(item.url)})"
            facts = [t(f"kind.{item.kind}"), t("share.digest.by", name=md_escape(item.author_name))]
            if item.useful:
                facts.append("♥ " + str(item.useful))
            lines.append(f"- {title} - {', '.join(facts)}")
            if item.note:
                lines.append(f"  > {md_escape(_excerpt(item.note))}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def digest_html(digest, zone) -> str:
    def esc(text: str) -> str:
        return html.escape(clean_line(text), quote=True)

    parts = ['<section class="herotui-digest">', f"<h1>{esc(_period(digest, zone))}</h1>"]
    if not digest.total:
        parts += [f"<p>{esc(t('share.digest.empty'))}</p>", "</section>"]
        return "\n".join(parts)
    parts.append(f"<p>{esc(t('share.digest.intro'))} {esc(count_text('share.digest.count', digest.total))}</p>")
    for group in digest.groups:
        parts += [f"<h2>{esc(group.area or t('share.digest.no_area'))}</h2>", "<ul>"]
        for item in group.items:
            title = esc(item.title)
            if item.url and is_web_url(item.url):
                title = f'<a href="{html.escape(item.url, quote=True)}">{title}</a>'
            facts = [t(f"kind.{item.kind}"), t("share.digest.by", name=clean_line(item.author_name))]
            if item.useful:
                facts.append("♥ " + str(item.useful))
            entry = f"<li>{title} – {esc(', '.join(facts))}"
            if item.note:
                entry += f"<br><small>{esc(_excerpt(item.note))}</small>"
            parts.append(entry + "</li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)
