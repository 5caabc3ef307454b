"""Checking what a person typed for a share. No database needed, so forms can call it too."""

from __future__ import annotations

from typing import Iterable, Sequence

from herotui.collation import fold
from herotui.services.areas import validate_kind
from herotui.services.errors import ValidationError
from herotui.services.links import check_link
from herotui.services.shares.types import ShareDraft
from herotui.text import clean_block, clean_line

MAX_TITLE = 200
"""Characters, after cleaning."""
MAX_NOTE = 5000
MAX_TAG = 50
MAX_TAGS = 10


def clean_tags(tags: Iterable[str] | str) -> tuple[str, ...]:
    """Free tags, separated by commas only: "offentlig sektor, mall" is two tags, the first with
    a space. A leading `#` is dropped, case is folded (`herotui.collation.fold`: casefold), inner
    whitespace runs become one space, repeats are dropped. A list is taken item by item, each item split at commas too.

    Raises `ValidationError` for a tag over `MAX_TAG` characters or more than `MAX_TAGS` tags."""
    if isinstance(tags, str):
        tags = [tags]
    result: list[str] = []
    for raw in tags:
        for piece in clean_line(raw).split(","):
            tag = fold(piece.strip().lstrip("#"))  # casefold; whitespace runs become one space
            if not tag:
                continue
            if len(tag) > MAX_TAG:
                raise ValidationError("share.error.tag_too_long", max=MAX_TAG)
            if tag not in result:
                result.append(tag)
    if len(result) > MAX_TAGS:
        raise ValidationError("share.error.too_many_tags", max=MAX_TAGS)
    return tuple(result)


def check_draft(url: str | None, title: str, kind: str, areas: Sequence[str],
                tags: Iterable[str] | str = (), note: str = "") -> ShareDraft:
    """Validate what a person typed and return it cleaned (control characters stripped, kind
    and tags case-folded, area names de-duplicated ignoring case; areas are not looked up here).

    Raises `ValidationError` with the first problem: a link that is not http(s)
    (`herotui.services.links.check_link`), no or too long a title (`MAX_TITLE`), an unknown kind,
    no area, too long a note (`MAX_NOTE`), bad tags (`clean_tags`)."""
    link = check_link(url)
    title = clean_line(title)
    if not title:
        raise ValidationError("share.error.title_required")
    if len(title) > MAX_TITLE:
        raise ValidationError("share.error.title_too_long", max=MAX_TITLE)
    kind = validate_kind(kind)
    names: list[str] = []
    for name in areas:
        cleaned = clean_line(name)
        if cleaned and fold(cleaned) not in (fold(n) for n in names):
            names.append(cleaned)
    if not names:
        raise ValidationError("area.error.need_one")
    note = clean_block(note)
    if len(note) > MAX_NOTE:
        raise ValidationError("share.error.note_too_long", max=MAX_NOTE, length=len(note))
    return ShareDraft(link, title, kind, tuple(names), clean_tags(tags), note)  # type: ignore[arg-type]


def draft_from(payload: dict) -> ShareDraft:
    """`check_draft` on an action's payload (re-checked when the action runs or is replayed)."""
    return check_draft(payload.get("url"), payload.get("title", ""), payload.get("kind", ""),
                       payload.get("areas", ()), payload.get("tags", ()), payload.get("note", ""))
