"""`herotui insights`: learning per focus area and the gaps, for the screen-less and for management."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from herotui.cli.common import EXIT_OK, EXIT_REFUSED, hero_from, say, warn
from herotui.i18n import t


def register(subparsers, common) -> None:
    from herotui.services.insights.export import FORMATS
    from herotui.services.insights.service import SORT_KEYS

    p = subparsers.add_parser("insights", parents=[common], help=t("insights.cli.help"))
    p.add_argument("--period", default="quarter", metavar="quarter|12w|year|YYYY-Qn", help=t("insights.cli.period_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.add_argument("--format", choices=FORMATS, default="text", help=t("insights.cli.format_help"))
    p.add_argument("--sort", choices=SORT_KEYS, default="gap", help=t("insights.cli.sort_help"))
    p.add_argument("--out", metavar="FILE", help=t("insights.cli.out_help"))
    p.set_defaults(func=cmd_insights)


def cmd_insights(args: argparse.Namespace) -> int:
    from herotui.services.insights import export

    with hero_from(args) as hero:
        ins = hero.insights.overview(args.period)
    if args.json:
        data: bytes = (json.dumps(export.to_json(ins, args.sort), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    elif args.format == "csv":
        data = export.to_csv(ins, args.sort)
    elif args.format == "html":
        data = export.to_html(ins, args.sort).encode("utf-8")
    elif args.format == "markdown":
        data = export.to_markdown(ins, args.sort).encode("utf-8")
    else:
        data = export.to_text(ins, args.sort).encode("utf-8")
    if args.out:
        path = Path(args.out)
        try:
            path.write_bytes(data)
        except OSError as exc:
            warn(t("insights.cli.out_error", path=path, reason=exc.strerror or exc))
            return EXIT_REFUSED
        say(t("insights.cli.written", path=path))
        return EXIT_OK
    if args.format == "csv" and not args.json:
        sys.stdout.buffer.write(data)  # bytes as they are: the BOM and UTF-8, whatever the console's code page
        sys.stdout.flush()
    else:
        # Text goes through stdout's own encoding (a cp1252 console gets what it can show).
        sys.stdout.write(data.decode("utf-8"))
    return EXIT_OK
