"""The week's shares as a document: Markdown, or HTML (a standalone page or a fragment to paste).

What a person typed is hostile. Titles, names and area names are literal: the HTML digest escapes
them, the Markdown digest backslash-escapes every punctuation character that could mean something.
A note is the sharer's own Markdown and is rendered as such (bold stays bold, lists stay lists),
safely: markdown-it-py's `js-default` preset passes no raw HTML through, links are kept only for
http, https and mailto addresses, and images are not loaded (a note cannot plant a tracking pixel).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from herotui.i18n import format_date, language, t
from herotui.store.urls import is_web_url
from herotui.text import clean_block, clean_line

NOTE_LIMIT = 2000
"""Characters of a note that go into a digest; a longer note ends with "…"."""

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~\"])")
_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
# (The lookahead also refuses a space or "<", so that backtracking cannot skip past them.)
_LINK_TARGET = re.compile(r"\]\(\s*<?\s*(?![\s<]|https?://|mailto:)", re.IGNORECASE)
_IMAGE = re.compile(r"(?<!\\)!\[")
# Every "<" is made literal except one that opens a web or mail address in angle brackets (an
# autolink `<https://...>` or a link target `](<https://...>)`): those are links, not HTML.
_RAW_LT = re.compile(r"<(?!(?:https?://|mailto:)[^<>\s]*>)", re.IGNORECASE)
# A link reference definition (`[1]: javascript:...`) to anything but http, https or mailto.
_UNSAFE_DEFINITION = re.compile(r"^( {0,3})\[(?=[^\]\n]+\]:[ \t]*<?[ \t]*(?![ \t<]|https?://|mailto:))",
                                re.IGNORECASE | re.MULTILINE)

PAGE_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
       max-width: 42rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 1.5rem; }
a { color: #0b57d0; overflow-wrap: anywhere; }
li { margin-bottom: .75rem; } .note { color: #444; font-size: .95rem; }
.note blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: .75rem; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #121212; } a { color: #8ab4f8; }
  .note { color: #ccc; } }
""".strip()


def count_text(key: str, n: int) -> str:
    """"1 share" / "3 shares" (`t` picks the `.one` form when `n` is 1)."""
    return t(key, n=n)


def _period(digest, zone) -> str:
    first = digest.since.astimezone(zone).date()
    last = digest.until.astimezone(zone).date()
    return t("share.digest.title", since=format_date(first, with_year=first.year != last.year),
             until=format_date(last, with_year=True))


def _note_text(note: str) -> str:
    text = clean_block(note)
    return text if len(text) <= NOTE_LIMIT else text[: NOTE_LIMIT - 1] + "…"


# -- Markdown --------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Literal text in Markdown: every punctuation character that could mean something, escaped."""
    return _MD_SPECIAL.sub(r"\\\1", clean_line(text))


def md_link_target(url: str) -> str:
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def md_note(note: str) -> str:
    """The note's own Markdown, for a Markdown digest: raw HTML made literal (`<` escaped, but
    `<https://...>` stays a link), an
    image made a link to it (a renderer would load it: a tracking pixel), and links, inline or by
    reference, to anything but http, https or mailto broken into text, so a renderer that allows
    HTML or `javascript:` links still shows them as typed."""
    text = _IMAGE.sub("[", _RAW_LT.sub(r"\\<", _note_text(note)))
    text = _UNSAFE_DEFINITION.sub(lambda m: m.group(1) + "\\[", text)
    return _LINK_TARGET.sub(lambda m: "\\]\\(", text)


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
                # Indented under the list item, as a quote: the note's own lists and emphasis stay.
                lines += ["", *[f"  > {line}".rstrip() for line in md_note(item.note).splitlines()], ""]
        lines.append("")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip() + "\n"


# -- HTML ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default")  # html=False: raw HTML in a note is shown as text
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))
    md.add_render_rule("image", _image_as_link)
    return md


def _image_as_link(renderer, tokens, idx, options, env) -> str:
    """An image in a note becomes a link to it, named by its alt text: never loaded by the page
    (a tracking pixel), and no stray "!" left behind as when image parsing was off."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = renderer.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{html.escape(str(src), quote=True)}">{html.escape(alt)}</a>'


def note_html(note: str) -> str:
    """A note's Markdown as safe HTML (see the module docstring); links carry rel="nofollow noopener"."""
    rendered = _markdown().render(_note_text(note))
    return rendered.replace("<a href=", '<a rel="nofollow noopener" href=')


def digest_html(digest, zone, *, standalone: bool = True) -> str:
    """A standalone HTML5 page (charset, title, viewport: readable on a phone when opened by
    double-click), or with `standalone=False` the `<section>` alone, for an intranet editor."""

    def esc(text: str) -> str:
        return html.escape(clean_line(text), quote=True)

    title = _period(digest, zone)
    parts = ['<section class="herotui-digest">', f"<h1>{esc(title)}</h1>"]
    if not digest.total:
        parts += [f"<p>{esc(t('share.digest.empty'))}</p>", "</section>"]
    else:
        parts.append(f"<p>{esc(t('share.digest.intro'))} {esc(count_text('share.digest.count', digest.total))}</p>")
        for group in digest.groups:
            parts += [f"<h2>{esc(group.area or t('share.digest.no_area'))}</h2>", "<ul>"]
            for item in group.items:
                name = esc(item.title)
                if item.url and is_web_url(item.url):
                    name = f'<a href="{html.escape(item.url, quote=True)}">{name}</a>'
                facts = [t(f"kind.{item.kind}"), t("share.digest.by", name=clean_line(item.author_name))]
                if item.useful:
                    facts.append("♥ " + str(item.useful))
                entry = f"<li>{name} – {esc(', '.join(facts))}"
                if item.note:
                    entry += f'\n<div class="note">{note_html(item.note).strip()}</div>\n'
                parts.append(entry + "</li>")
            parts.append("</ul>")
        parts.append("</section>")
    fragment = "\n".join(parts)
    if not standalone:
        return fragment
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{language()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{PAGE_STYLE}\n</style>",
        "</head>",
        "<body>",
        fragment,
        "</body>",
        "</html>",
    ])
