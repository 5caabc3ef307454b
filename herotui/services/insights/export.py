"""Insights for management: JSON, Markdown, CSV and a standalone HTML page.

The figures and sentences are the screen's own (`text.py`); hidden figures read "fewer than N".
CSV is UTF-8 *with* a byte-order mark, because Excel on Windows opens a BOM-less CSV in the
ANSI code page and turns "Arbetsrätt" into "ArbetsrÃ¤tt"; the separator is a comma, fields are
quoted by Python's csv module (RFC 4180). HTML is one file with an inline SVG chart and inline
CSS, no external assets, with a viewport meta tag so it reads on a phone.
"""

from __future__ import annotations

import csv
import io
from html import escape

from herotui.i18n import format_datetime, t
from herotui.services.insights.service import AreaInsight, Insights, sort_rows, trend_per_week
from herotui.services.insights.text import (
    area_name,
    count_cell,
    gap_sentence,
    minutes_cell,
    period_title,
    priority_label,
)
from herotui.text import clean_line

FORMATS = ("text", "markdown", "csv", "html")
SPARK = " ▁▂▃▄▅▆▇█"
COLUMNS = ("name", "priority", "target", "minutes", "sessions", "learners", "shares", "useful", "breakfasts",
           "attendance", "trend", "gap")


def _spark(row: AreaInsight) -> str:
    # The screen draws the same values with widgets.learning.sparkline; exports stay textual-free.
    values = trend_per_week(row.trend)
    top = max(values, default=0) or 1
    return "".join(SPARK[min(8, max(1 if v else 0, round(v / top * 8)))] for v in values)


def _cells(row: AreaInsight, ins: Insights) -> dict[str, str]:
    n = ins.min_group
    return {
        "name": clean_line(area_name(row)),
        "priority": t(f"insights.prio.{row.priority}") if row.area_id is not None else "",
        "target": str(row.target_minutes) if row.target_minutes else "",
        "minutes": count_cell(row.minutes, n, short=False),
        "sessions": count_cell(row.sessions, n, short=False),
        "learners": count_cell(row.learners, n, short=False),
        "shares": count_cell(row.shares, n, short=False),
        "useful": count_cell(row.useful, n, short=False),
        "breakfasts": str(row.breakfasts),
        "attendance": count_cell(row.attendance, n, short=False),
        "trend": _spark(row),
        "gap": clean_line(gap_sentence(row, ins)) if row.is_gap else "",
    }


def _summary_rows(ins: Insights) -> list[dict[str, str]]:
    n = ins.min_group
    rows = []
    for which, totals in (("other", ins.other), ("total", ins.total)):
        if which == "other" and not totals.rows:
            continue

        def cell(name: str) -> str:
            return "" if name in totals.empty else count_cell(getattr(totals, name), n, short=False)

        rows.append({
            "name": t(f"insights.{which}"), "priority": "", "target": "",
            "minutes": cell("minutes"), "sessions": cell("sessions"),
            "learners": count_cell(ins.learners, n, short=False) if which == "total" else "",
            "shares": cell("shares"), "useful": cell("useful"),
            "breakfasts": str(totals.breakfasts) if which == "total" else "",
            "attendance": cell("attendance"), "trend": "", "gap": "",
        })
    return rows


def _headers() -> list[str]:
    names = {"target": t("insights.col.target"), "gap": t("insights.col.gap"), "trend": t("insights.col.trend")}
    return [names.get(c) or t(f"insights.col.{c}") for c in COLUMNS]


def table(ins: Insights, sort: str = "gap") -> list[dict[str, str]]:
    """Every row as the exports print it (areas in `sort` order, then "others" and the total)."""
    return [_cells(row, ins) for row in sort_rows(ins.rows, sort)] + _summary_rows(ins)


def _intro(ins: Insights) -> list[str]:
    return [
        period_title(ins.period),
        t("insights.export.generated", time=format_datetime(ins.generated_at.astimezone(_zone(ins))), zone=ins.zone),
        t("insights.privacy", n=ins.min_group),
    ]


def _zone(ins: Insights):
    from zoneinfo import ZoneInfo

    return ZoneInfo(ins.zone)


def to_text(ins: Insights, sort: str = "gap") -> str:
    lines = [t("insights.export.title"), *_intro(ins), ""]
    gaps = [row for row in ins.rows if row.is_gap]
    lines.append(t("insights.gaps.title") + ":")
    lines.extend(f"  - {clean_line(gap_sentence(row, ins))}" for row in gaps)
    if not gaps:
        lines.append("  " + t("insights.gaps.none"))
    lines.append("")
    rows = table(ins, sort)
    keys = [c for c in COLUMNS if c != "gap"]
    heads = dict(zip(COLUMNS, _headers()))
    widths = {k: max(len(heads[k]), *(len(r[k]) for r in rows)) for k in keys}
    lines.append("  ".join(heads[k].ljust(widths[k]) for k in keys).rstrip())
    for r in rows:
        lines.append("  ".join(r[k].ljust(widths[k]) if k in ("name", "priority", "trend") else r[k].rjust(widths[k])
                               for k in keys).rstrip())
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def to_markdown(ins: Insights, sort: str = "gap") -> str:
    out = [f"# {t('insights.export.title')}", ""]
    intro = _intro(ins)
    out += [f"**{_md(intro[0])}**", "", _md(intro[1]), "", f"*{_md(intro[2])}*", "", f"## {t('insights.gaps.title')}", ""]
    gaps = [row for row in ins.rows if row.is_gap]
    out += [f"- {_md(gap_sentence(row, ins))}" for row in gaps] or [_md(t("insights.gaps.none"))]
    out += ["", "| " + " | ".join(_headers()) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    for r in table(ins, sort):
        out.append("| " + " | ".join(_md(r[c]) for c in COLUMNS) + " |")
    return "\n".join(out) + "\n"


def to_csv(ins: Insights, sort: str = "gap") -> bytes:
    """UTF-8 with a BOM (see the module docstring), CRLF line ends as RFC 4180 asks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_headers())
    for r in table(ins, sort):
        writer.writerow([r[c] for c in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def to_jsonable(value):
    """Dataclasses, tuples and dates as JSON-ready dicts, lists and ISO strings."""
    from dataclasses import asdict, is_dataclass
    from datetime import date

    if is_dataclass(value) and not isinstance(value, type):
        return {k: to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json(ins: Insights, sort: str = "gap") -> dict:
    """Figures as numbers (None where hidden), plus the sentences; dates as ISO strings.

    The `--json` contract (docs/json.md): `"format": 1` first, and no row ids: an area's id changes
    when the database is migrated, so a row is named by its `name`; `no_area` marks the row of
    sessions and shares without a focus area."""
    rows = []
    for row in sort_rows(ins.rows, sort):
        data = to_jsonable(row)
        data.pop("area_id", None)
        data["no_area"] = row.area_id is None
        data["name"] = area_name(row)
        data["gap_sentence"] = gap_sentence(row, ins) if row.is_gap else None
        rows.append(data)
    return {
        "format": 1,
        "period": {"key": ins.period.key, "label": ins.period.label, "first_day": ins.period.first_day.isoformat(),
                   "to_day": ins.period.to_day.isoformat(), "weeks": [f"{y}-W{w:02d}" for y, w in ins.period.weeks]},
        "zone": ins.zone, "generated_at": ins.generated_at.isoformat(), "min_group": ins.min_group,
        "colleagues": ins.colleagues, "learners": ins.learners,
        "rows": rows, "other": to_jsonable(ins.other), "total": to_jsonable(ins.total),
    }


def _svg_chart(ins: Insights) -> str:
    rows = [r for r in ins.rows if r.area_id is not None]
    top = max((r.minutes or 0 for r in rows), default=0) or 1
    bar_h, gap, label_w, width = 22, 8, 170, 640
    height = len(rows) * (bar_h + gap) + gap
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(t("insights.export.chart"))}" '
             f'xmlns="http://www.w3.org/2000/svg" font-size="13">']
    for i, row in enumerate(rows):
        y = gap + i * (bar_h + gap)
        name = escape(clean_line(area_name(row))[:24])
        parts.append(f'<text x="0" y="{y + 15}">{name}</text>')
        if row.minutes is None:
            parts.append(f'<text x="{label_w}" y="{y + 15}" fill="#666">{escape(t("insights.fewer", n=ins.min_group))}</text>')
            continue
        w = int((width - label_w - 80) * row.minutes / top)
        colour = "#c0392b" if row.is_gap else "#2e7d6b"
        parts.append(f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar_h}" fill="{colour}" rx="3"/>')
        parts.append(f'<text x="{label_w + w + 6}" y="{y + 15}">{row.minutes}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_spark(row: AreaInsight) -> str:
    values = trend_per_week(row.trend)
    if not values:
        return ""
    top = max(values) or 1
    w = 4
    bars = "".join(f'<rect x="{i * w}" y="{20 - round(v / top * 20)}" width="{w - 1}" height="{round(v / top * 20)}"/>'
                   for i, v in enumerate(values) if v)
    return f'<svg viewBox="0 0 {len(values) * w} 20" width="{len(values) * w}" height="20" fill="#2e7d6b">{bars}</svg>'


def to_html(ins: Insights, sort: str = "gap") -> str:
    from herotui.i18n import language

    intro = _intro(ins)
    gaps = [row for row in ins.rows if row.is_gap]
    heads = _headers()
    body_rows = []
    by_name = {clean_line(area_name(r)): r for r in ins.rows}
    for r in table(ins, sort):
        cells = []
        for column in COLUMNS:
            if column == "trend" and r["name"] in by_name:
                cells.append(f"<td>{_svg_spark(by_name[r['name']])}</td>")
            else:
                cls = ' class="n"' if column not in ("name", "priority", "gap") else ""
                cells.append(f"<td{cls}>{escape(r[column])}</td>")
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    gap_items = "".join(f"<li>{escape(gap_sentence(row, ins))}</li>" for row in gaps) or \
        f"<li>{escape(t('insights.gaps.none'))}</li>"
    return f"""<!DOCTYPE html>
<html lang="{language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(t("insights.export.title"))} · {escape(ins.period.label)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1rem; line-height: 1.4; color: #1b1b1b; }}
h1 {{ font-size: 1.3rem; }} svg {{ max-width: 100%; height: auto; }}
.wrap {{ overflow-x: auto; }} table {{ border-collapse: collapse; font-size: .9rem; }}
th, td {{ padding: .25rem .5rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }}
td.n {{ text-align: right; white-space: nowrap; }} .note {{ color: #555; font-size: .85rem; }}
</style>
</head>
<body>
<h1>{escape(t("insights.export.title"))}</h1>
<p><strong>{escape(intro[0])}</strong><br>{escape(intro[1])}</p>
<p class="note">{escape(intro[2])}</p>
<h2>{escape(t("insights.gaps.title"))}</h2>
<ul>{gap_items}</ul>
<h2>{escape(t("insights.export.chart"))}</h2>
{_svg_chart(ins)}
<div class="wrap"><table>
<thead><tr>{"".join(f"<th>{escape(h)}</th>" for h in heads)}</tr></thead>
<tbody>
{chr(10).join(body_rows)}
</tbody></table></div>
</body>
</html>
"""
