"""`herotui share add|list|show|digest`, as a script or a person would type them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from herotui.cli import main
from herotui.cli.share import digest_html, digest_markdown, parse_since
from herotui.services.errors import ValidationError
from herotui.services.shares import Digest, DigestGroup, DigestItem

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "herotui", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def cli_json(capsys, *args: str):
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_add_then_list_and_show(db_path, capsys):
    db = ["--db", str(db_path)]
    assert main(["share", "add", "https://Example.com/a?utm_source=x", "--title", "Psykologisk trygghet",
                 "--area", "Ledarskap", "--area", "AI i HR", "--tag", "mall", "--note", "Läs *detta*", *db]) == 0
    assert "Shared: Psykologisk trygghet" in capsys.readouterr().out
    assert main(["share", "add", "--title", "En bok", "--kind", "book", "--area", "Ledarskap", *db]) == 0
    listed = cli_json(capsys, "share", "list", *db)
    assert listed["total"] == 2
    assert [s["title"] for s in listed["shares"]] == ["En bok", "Psykologisk trygghet"]
    first = listed["shares"][1]
    assert first["url"] == "https://example.com/a?utm_source=x" and first["areas"] == ["AI i HR", "Ledarskap"]
    shown = cli_json(capsys, "share", "show", first["uuid"], *db)
    assert shown["note"] == "Läs *detta*" and shown["tags"] == ["mall"]
    capsys.readouterr()
    assert main(["share", "list", *db]) == 0
    out = capsys.readouterr().out
    assert "Psykologisk trygghet" in out and "(no link)" in out and "Anna Berg" in out


def test_list_filters_search_and_limit(db_path, capsys):
    db = ["--db", str(db_path)]
    for n, (title, kind, area) in enumerate([("Lön i praktiken", "podcast", "Lön och förmåner"),
                                             ("AI och urval", "article", "AI i HR"),
                                             ("AI-etik", "podcast", "AI i HR")]):
        assert main(["share", "add", f"https://x.se/{n}", "--title", title, "--kind", kind, "--area", area, *db]) == 0
    assert [s["title"] for s in cli_json(capsys, "share", "list", "--area", "ai i hr", *db)["shares"]] == \
        ["AI-etik", "AI och urval"]
    assert [s["title"] for s in cli_json(capsys, "share", "list", "--kind", "podcast", *db)["shares"]] == \
        ["AI-etik", "Lön i praktiken"]
    assert [s["title"] for s in cli_json(capsys, "share", "list", "--search", "etik", "--area", "AI i HR",
                                         *db)["shares"]] == ["AI-etik"]
    assert cli_json(capsys, "share", "list", "--by", "erik", *db)["total"] == 0
    limited = cli_json(capsys, "share", "list", "--limit", "1", *db)
    assert limited["total"] == 3 and len(limited["shares"]) == 1
    capsys.readouterr()
    main(["share", "list", "--limit", "1", *db])
    assert "... and 2 more" in capsys.readouterr().out
    assert cli_json(capsys, "share", "list", "--search", '"*( NEAR AND', *db)["total"] == 0


def test_refusals_exit_1_with_one_line_on_stderr(db_path):
    db = ["--db", str(db_path)]
    ok = run_cli("share", "add", "https://www.example.com/x", "--title", "Först", "--area", "Ledarskap", *db)
    assert ok.returncode == 0, ok.stderr
    cases = [
        (["share", "add", "http://example.com/x/", "--title", "Igen", "--area", "Ledarskap"],
         "already shared by Anna Berg"),
        (["share", "add", "javascript:alert(1)", "--title", "X", "--area", "Ledarskap"], "must start with http:// or https://"),
        (["share", "add", "file:///etc/passwd", "--title", "X", "--area", "Ledarskap"], "must start with http:// or https://"),
        (["share", "add", "https://x.se/y", "--title", "X", "--area", "Okänt område"], "Unknown focus area"),
        (["share", "add", "https://x.se/z", "--title", "x" * 201, "--area", "Ledarskap"], "at most 200"),
        (["share", "digest", "--since", "soon"], "Cannot read --since soon"),
        (["share", "show", "no-such-uuid"], "no longer exists"),
    ]
    for args, reason in cases:
        result = run_cli(*args, *db)
        assert result.returncode == 1, (args, result.stderr)
        assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
    forced = run_cli("share", "add", "http://example.com/x/", "--title", "Igen", "--area", "Ledarskap", "--force", *db)
    assert forced.returncode == 0
    assert run_cli("share", "add", "https://x.se", "--title", "T", *db).returncode == 2  # --area is required


def test_output_never_carries_terminal_escapes(db_path, capsys):
    db = ["--db", str(db_path)]
    assert main(["share", "add", "https://x.se/e", "--title", "\x1b[2Jcleared \x1b]52;c;aGk=\x07", "--area",
                 "Ledarskap", "--note", "a\x1b[31mred", *db]) == 0
    capsys.readouterr()
    main(["share", "list", *db])
    uuid = cli_json(capsys, "share", "list", *db)["shares"][0]["uuid"]
    main(["share", "show", uuid, *db])
    main(["share", "digest", *db])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "cleared" in out


def _digest(title: str, url: str, author: str, note: str, area: str) -> Digest:
    item = DigestItem("u", title, url, "article", author, NOW, 3, note, ("mall",))
    return Digest(NOW - timedelta(days=7), NOW, 1, (DigestGroup(area, (item,)),))


HOSTILE_TITLE = '<script>alert("x")</script> [click](javascript:evil) # not a heading & *bold*'


def test_html_digest_escapes_everything_a_person_typed():
    from zoneinfo import ZoneInfo

    out = digest_html(_digest(HOSTILE_TITLE, 'https://x.se/a?b=1&c="2"', "<b>Anna</b>", "<img src=x onerror=y>",
                              "AI & <HR>"), ZoneInfo("Europe/Stockholm"))
    assert "<script>" not in out and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "<img" not in out and "&lt;img src=x onerror=y&gt;" in out
    assert "&lt;b&gt;Anna&lt;/b&gt;" in out and "AI &amp; &lt;HR&gt;" in out
    assert 'href="https://x.se/a?b=1&amp;c=&quot;2&quot;"' in out
    assert out.count("<a ") == 1


def test_html_digest_never_links_anything_but_web_addresses():
    from zoneinfo import ZoneInfo

    out = digest_html(_digest("T", "javascript:alert(1)", "A", "", "X"), ZoneInfo("Europe/Stockholm"))
    assert "<a " not in out and "javascript" not in out


def test_markdown_digest_keeps_titles_literal():
    from zoneinfo import ZoneInfo

    out = digest_markdown(_digest(HOSTILE_TITLE, "https://x.se/a_(b)", "Anna *Berg*", "> quote\n# h", "Ledarskap"),
                          ZoneInfo("Europe/Stockholm"))
    line = next(line for line in out.splitlines() if line.startswith("- "))
    assert line.startswith("- [\\<script\\>alert\\(\\\"x\\\"\\)")
    assert "\\[click\\]\\(javascript:evil\\)" in line and "\\# not a heading" in line and "\\*bold\\*" in line
    assert "(<https://x.se/a_(b)>)" in line and "Anna \\*Berg\\*" in line
    # The note is the sharer's own Markdown: kept as written, quoted under its item.
    assert "  > > quote\n  > # h" in out
    assert "## Ledarskap" in out and "♥ 3" in line


@pytest.mark.parametrize("text, expected", [
    ("7d", NOW - timedelta(days=7)), ("2w", NOW - timedelta(weeks=2)), ("24h", NOW - timedelta(hours=24)),
    (" 30D ", NOW - timedelta(days=30)),
])
def test_since_understands_days_weeks_and_hours(text, expected):
    from zoneinfo import ZoneInfo

    assert parse_since(text, NOW, ZoneInfo("Europe/Stockholm")) == expected


def test_since_understands_a_date_in_the_organisations_zone():
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Stockholm")
    assert parse_since("2026-11-01", NOW, zone) == datetime(2026, 11, 1, tzinfo=zone)
    for bad in ("", "soon", "7", "-3d", "2026-13-01"):
        with pytest.raises(ValidationError):
            parse_since(bad, NOW, zone)


def test_digest_of_the_week_from_the_database(db_path, capsys):
    db = ["--db", str(db_path)]
    assert main(["share", "digest", *db]) == 0
    assert "Nothing was shared in this period." in capsys.readouterr().out
    main(["share", "add", "https://x.se/d", "--title", "Veckans fynd", "--area", "Ledarskap", *db])
    capsys.readouterr()
    assert main(["share", "digest", "--since", "7d", "--format", "html", *db]) == 0
    out = capsys.readouterr().out
    assert "<h2>Ledarskap</h2>" in out and '<a href="https://x.se/d">Veckans fynd</a>' in out
    assert main(["share", "digest", "--lang", "sv", *db]) == 0
    assert "1 delning." in capsys.readouterr().out
