"""Documents on Windows terms: UTF-8 whatever the code page, `--out FILE`, a standalone HTML digest
that a browser opens by double-click, and notes rendered from their own Markdown, safely."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from herotui.cli import main
from herotui.cli.digest import digest_html, digest_markdown, note_html
from herotui.services.shares import Digest, DigestGroup, DigestItem

ZONE = ZoneInfo("Europe/Stockholm")
TITLE = "Åäö → ♥ Ledarskap på 5 minuter"
NOTE = "Läs **viktig** del:\n\n- först detta\n- sedan *det*\n\n<script>alert(1)</script> [x](javascript:alert(2))"


def run_cli(*args: str, encoding: str = "cp1252") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "herotui", *args], capture_output=True, env=env, timeout=120)


def add_share(db: Path, title: str = TITLE, note: str = NOTE) -> None:
    assert main(["share", "add", "https://x.se/åäö", "--title", title, "--area", "Ledarskap",
                 "--note", note, "--db", str(db)]) == 0


class _Structure(HTMLParser):
    """The standard library's parser as a second opinion: every opened element is closed in order."""

    VOID = {"meta", "br", "img", "hr", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def assert_valid_html5_document(text: str) -> None:
    import html5lib

    # strict=True raises on any HTML5 parse error, a missing doctype included.
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    head = tree.find("head")
    assert head.find("meta[@charset='utf-8']") is not None
    assert head.find("meta[@name='viewport']") is not None
    assert (head.find("title").text or "").strip()
    checker = _Structure()
    checker.feed(text)
    checker.close()
    assert checker.doctype.lower() == "doctype html" and not checker.problems and not checker.stack


def test_html_digest_redirected_under_cp1252_is_a_valid_utf8_document(db_path, tmp_path):
    add_share(db_path)
    done = run_cli("share", "digest", "--format", "html", "--db", str(db_path))
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")  # UTF-8, although the code page said cp1252
    assert TITLE.replace("→", "&rarr;") in text or TITLE in text
    assert_valid_html5_document(text)
    assert '<html lang="en">' in text


def test_share_list_and_markdown_digest_under_cp1252(db_path):
    add_share(db_path)
    for args in (["share", "list"], ["share", "digest"], ["share", "list", "--json"]):
        done = run_cli(*args, "--db", str(db_path))
        assert done.returncode == 0, (args, done.stderr.decode("utf-8", "replace"))
        assert "Åäö → ♥" in done.stdout.decode("utf-8")


def test_out_writes_utf8_files_for_document_commands(db_path, tmp_path):
    add_share(db_path)
    page = tmp_path / "veckan.html"
    done = run_cli("share", "digest", "--format", "html", "--out", str(page), "--db", str(db_path))
    assert done.returncode == 0 and done.stdout == b""
    assert_valid_html5_document(page.read_text(encoding="utf-8"))
    listing = tmp_path / "lista.txt"
    assert main(["share", "list", "--out", str(listing), "--db", str(db_path)]) == 0
    assert TITLE in listing.read_text(encoding="utf-8")
    for args, name in ((["learn", "week", "--json"], "week.json"), (["areas", "list"], "areas.txt"),
                       (["breakfast", "list"], "breakfasts.txt"), (["share", "list", "--json"], "shares.json")):
        target = tmp_path / name
        assert main([*args, "--out", str(target), "--db", str(db_path)]) == 0, args
        assert target.read_text(encoding="utf-8").strip()


def test_a_failing_command_leaves_no_out_file(db_path, tmp_path):
    target = tmp_path / "digest.md"
    assert main(["share", "digest", "--since", "soon", "--out", str(target), "--db", str(db_path)]) != 0
    assert not target.exists() and not list(tmp_path.glob("*.partial"))


def test_fragment_keeps_the_section_for_an_intranet_editor(db_path, capsys):
    add_share(db_path)
    capsys.readouterr()
    assert main(["share", "digest", "--format", "html", "--fragment", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith('<section class="herotui-digest">') and out.endswith("</section>")
    assert "<!DOCTYPE" not in out and "<html" not in out


# -- the note's own Markdown -------------------------------------------------------------------


def _digest(note: str) -> Digest:
    now = datetime(2026, 11, 25, 10, tzinfo=ZONE)
    item = DigestItem("u", "T", "https://x.se", "article", "Anna", now, 0, note, ())
    return Digest(now - timedelta(days=7), now, 1, (DigestGroup("Ledarskap", (item,)),))


def test_html_digest_renders_the_notes_markdown():
    out = digest_html(_digest(NOTE), ZONE)
    assert "<strong>viktig</strong>" in out and "\\*\\*" not in out
    assert "<ul>\n<li>först detta</li>\n<li>sedan <em>det</em></li>\n</ul>" in out
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "javascript" not in out.split("[x]")[0] and 'href="javascript' not in out
    assert_valid_html5_document(out)


@pytest.mark.parametrize("note", [
    "[a](data:text/html,<b>x</b>)", "[a](vbscript:x)", "[a](/relative)",
    "<img src=x onerror=alert(1)>", "[a](JaVaScRiPt:alert(1))", "<a href='https://x.se'>raw</a>",
])
def test_note_rendering_never_passes_html_or_unsafe_links(note):
    out = note_html(note)
    assert "<img" not in out and "<a " not in out


def test_note_images_are_not_loaded():
    assert "<img" not in note_html("![pixel](https://tracker.example/p.gif)")


def test_note_links_to_web_and_mail_are_kept():
    out = note_html("[Guide](https://x.se/Delade%20dokument/Guide.pdf) och [mejla](mailto:a@b.se)")
    assert 'href="https://x.se/Delade%20dokument/Guide.pdf"' in out and 'href="mailto:a@b.se"' in out


def test_markdown_digest_keeps_the_notes_markdown_but_not_its_html():
    out = digest_markdown(_digest(NOTE), ZONE)
    assert "  > Läs **viktig** del:" in out and "  > - först detta" in out
    assert "\\*\\*viktig" not in out
    assert "\\<script>" in out and "<script>" not in out.replace("\\<script>", "")
    assert "[x]\\(javascript" not in out and "](javascript" not in out


def test_a_notes_image_becomes_a_link_to_it_without_a_stray_mark():
    out = note_html("Se ![diagrammet](https://x.se/d.png) här")
    assert "<img" not in out and "!" not in out  # the "!" was left in front of the link
    assert '<a rel="nofollow noopener" href="https://x.se/d.png">diagrammet</a>' in out


def test_markdown_digest_loads_no_image_and_breaks_unsafe_reference_links():
    """A Markdown digest is rendered by whatever reads it: an image there is a tracking pixel, and
    a reference-style link (`[a][1]` ... `[1]: javascript:...`) is a link like an inline one."""
    out = digest_markdown(_digest("![pixel](https://tracker.example/p.gif)\n\n[a][1]\n\n[1]: javascript:alert(1)\n\n"
                                  "[b][2]\n\n[2]: https://x.se/ok"), ZONE)
    assert "![" not in out and "[pixel](https://tracker.example/p.gif)" in out
    assert "> \\[1]: javascript:alert(1)" in out  # no longer a link definition
    assert "> [2]: https://x.se/ok" in out  # a web link stays one
    assert "[ok]( https://x.se/ok)" in digest_markdown(_digest("[ok]( https://x.se/ok)"), ZONE)


def test_markdown_digest_keeps_autolinks_as_links():
    """`<https://...>` in a note is a link in Markdown, not HTML: it was escaped into text."""
    out = digest_markdown(_digest("Läs <https://x.se/guide> eller [den här](<https://x.se/a>); <b>fet</b>"), ZONE)
    assert "<https://x.se/guide>" in out and "\\<https" not in out
    assert "[den här](<https://x.se/a>)" in out
    assert "\\<b>fet\\</b>" in out  # raw HTML stays literal
