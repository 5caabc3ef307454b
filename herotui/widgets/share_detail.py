"""The detail pane: one share in full, its note rendered as Markdown.

Safety: the header is built from `safe()` pieces; the note is cleaned of control characters and
parsed by markdown-it with raw HTML off (so HTML shows as text), and rendered by Textual's
`Markdown` into plain `Content` (never parsed as Textual markup). Links in a note do not open
by themselves: `open_links=False`, and the screen decides what a click may do (only http(s)).
"""

from __future__ import annotations

from datetime import datetime

from markdown_it import MarkdownIt
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from herotui.i18n import format_date, relative_time, t
from herotui.services.shares import ShareInfo
from herotui.text import clean_block
from herotui.widgets.safe import safe


MAX_SHOWN_TITLE = 400
"""Titles are at most 200 characters when posted; anything longer (an older row) is cut here."""


def note_parser() -> MarkdownIt:
    """CommonMark plus tables and strikethrough, without raw HTML. Link addresses are kept as
    written (no re-encoding), so the address a click hands on is the one in the note."""
    parser = MarkdownIt("gfm-like", {"html": False})
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return parser


def note_links(note: str) -> list[str]:
    """Every link address in a note (links and images), as written, in order."""
    found: list[str] = []
    stack = list(note_parser().parse(note))
    while stack:
        token = stack.pop(0)
        if token.type in ("link_open", "image"):
            href = token.attrs.get("href" if token.type == "link_open" else "src", "")
            found.append(str(href))
        if token.children:
            stack[0:0] = token.children
    return found


def written_link(decoded: str, links: list[str]) -> str:
    """The address as written in the note for an address Textual handed on decoded.

    Textual's `Markdown.LinkClicked` percent-decodes `href` (`Delade%20dokument` arrives as
    `Delade dokument`, which no longer is a valid link). The note's own addresses are decoded
    the same way and the first that matches is returned; an address not in the note comes back
    unchanged (and is then judged as it is)."""
    from urllib.parse import unquote

    for href in links:
        if href == decoded or unquote(href) == decoded:
            return href
    return decoded


def detail_header(info: ShareInfo, now: datetime, zone) -> Content:
    """Everything about a share except its note, as literal text."""
    local = info.created_at.astimezone(zone)
    when = format_date(local.date(), with_year=local.year != now.astimezone(zone).year)
    lines = [
        safe(info.title, width=MAX_SHOWN_TITLE, style="bold"),
        Content.assemble((t(f"kind.{info.kind}"), "italic"), " · ", safe(info.author_name, width=100)).stylize("$text-muted"),
        Content(f"{when} {local:%H:%M} · {relative_time(now - info.created_at)}").stylize("$text-muted"),
    ]
    areas = Content(", ").join(safe(area) for area in info.areas)
    lines.append(Content.assemble((t("share.detail.areas") + " ", "$text-muted"), areas))
    if info.tags:
        lines.append(Content.assemble((t("share.detail.tags") + " ", "$text-muted"),
                                      Content(" ").join(safe("#" + tag) for tag in info.tags)))
    if info.url:
        lines.append(Content.assemble((t("share.detail.link") + " ", "$text-muted"), safe(info.url, style="underline")))
    else:
        lines.append(Content.styled(t("share.detail.no_link"), "$text-muted"))
    flags = [t("share.detail.useful", n=info.useful) if info.useful else t("share.detail.useful_none")]
    if info.useful_by_me:
        flags.append(t("share.detail.useful_by_me"))
    if info.saved:
        flags.append(t("share.detail.saved"))
    if info.unread:
        flags.append(t("share.detail.unread"))
    lines.append(Content.styled(" · ".join(flags), "$accent"))
    return Content("\n").join(lines)


class ShareDetail(VerticalScroll, can_focus=True):
    """The highlighted share in full; scrolls when focused."""

    def compose(self) -> ComposeResult:
        yield Static(id="share-detail-head")
        yield Markdown(id="share-detail-note", parser_factory=note_parser, open_links=False)

    def on_mount(self) -> None:
        self.uuid: str | None = None
        self.links: list[str] = []
        """The note's link addresses as written (see `written_link`)."""

    async def show(self, info: ShareInfo, now: datetime, zone) -> None:
        self.uuid = info.uuid
        self.query_one("#share-detail-head", Static).update(detail_header(info, now, zone))
        note = self.query_one("#share-detail-note", Markdown)
        note.display = bool(info.note)
        text = clean_block(info.note)
        self.links = note_links(text)
        await note.update(text)
        self.scroll_home(animate=False)

    async def show_text(self, text: str) -> None:
        """A message instead of a share (nothing highlighted, loading, an empty feed)."""
        self.uuid = None
        self.links = []
        self.query_one("#share-detail-head", Static).update(Content.styled(text, "$text-muted"))
        note = self.query_one("#share-detail-note", Markdown)
        note.display = False
        await note.update("")
