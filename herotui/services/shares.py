"""The share feed. (Filled in by the share-feed issue.)

Contract other services rely on (the learning hour's "share this with colleagues"):

    hero.shares.post(url: str | None, title: str, kind: str, areas: list[str], *,
                     tags: list[str] = (), note: str = "", force: bool = False,
                     from_session_uuid: str | None = None) -> ShareInfo | Queued

`url` may be None or "" (a book or an in-person course has no link); when present it must be
http or https. `areas` are focus-area names (see `hero.areas`). A link already shared raises
`Conflict("share.error.already_shared", name=..., date=...)` unless `force=True`.
`ShareInfo` is a frozen dataclass with at least `uuid`, `title`, `url`, `kind`, `areas`.

Until the share-feed issue lands, this module holds only `post`, the smallest implementation of
that contract (validation, the already-shared check, the search index, replay from the outbox).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Iterable
from urllib.parse import urlsplit

from herotui.services.actions import action
from herotui.services.areas import resolve_areas, validate_kind
from herotui.services.errors import Conflict, ValidationError
from herotui.services.hero import action_time
from herotui.services.people import person_row
from herotui.store import search
from herotui.store.models import LearningSession, Share, ShareArea, ShareTag
from herotui.store.urls import normalise_url
from herotui.text import clean_block, clean_line

if TYPE_CHECKING:
    from herotui.services.hero import Hero

MAX_TITLE = 200
MAX_NOTE = 5000
MAX_URL = 2000
MAX_TAG = 50


@dataclass(frozen=True)
class ShareInfo:
    uuid: str
    title: str
    url: str
    kind: str
    areas: tuple[str, ...]
    note: str
    tags: tuple[str, ...]
    author: str
    created_at: datetime
    from_session_uuid: str | None = None


def validate_url(url: str | None) -> str:
    """"" for no link; otherwise a trimmed http(s) link, anything else refused."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise ValidationError("share.error.url_scheme", url=clean_line(url)[:80])
    if len(url) > MAX_URL:
        raise ValidationError("share.error.url_too_long", max=MAX_URL)
    return url


def validate_title(title: str | None) -> str:
    cleaned = clean_line(title)
    if not cleaned:
        raise ValidationError("share.error.title_required")
    if len(cleaned) > MAX_TITLE:
        raise ValidationError("share.error.title_too_long", max=MAX_TITLE)
    return cleaned


def validate_note(note: str | None) -> str:
    cleaned = clean_block(note)
    if len(cleaned) > MAX_NOTE:
        raise ValidationError("share.error.note_too_long", max=MAX_NOTE)
    return cleaned


def _clean_tags(tags: Iterable[str]) -> list[str]:
    result: list[str] = []
    for tag in tags:
        cleaned = clean_line(tag).lstrip("#").lower()[:MAX_TAG]
        if cleaned and cleaned not in result:
            result.append(cleaned)
    return result


class ShareService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero

    def post(self, url: str | None, title: str, kind: str, areas: list[str], *, tags: Iterable[str] = (),
             note: str = "", force: bool = False, from_session_uuid: str | None = None):
        names = [clean_line(a) for a in areas if clean_line(a)]
        if not names:
            raise ValidationError("area.error.need_one")
        payload = {
            "url": validate_url(url),
            "title": validate_title(title),
            "kind": validate_kind(kind),
            "areas": names,
            "tags": _clean_tags(tags),
            "note": validate_note(note),
            "force": bool(force),
            "from_session": from_session_uuid,
        }
        return self.hero.submit("share.post", payload)


def _to_info(row: Share) -> ShareInfo:
    areas = tuple(link.area.name for link in row.area_links)
    tags = tuple(link.tag for link in row.tag_links)
    session = row.from_session.uuid if row.from_session_id else None
    return ShareInfo(row.uuid, row.title, row.url, row.kind, areas, row.note, tags,
                     row.person.display_name, row.created_at, session)


@action("share.post")
def _post(hero: "Hero", payload: dict) -> ShareInfo:
    done = Share.get_or_none(Share.uuid == payload["uuid"])
    if done is not None:
        return _to_info(done)
    at = action_time(payload)
    me = person_row(hero, payload["login"], at=at)
    area_rows = resolve_areas(payload["areas"])
    url = payload["url"]
    url_key = normalise_url(url) if url else ""
    if url and not payload.get("force"):
        earlier = Share.get_or_none(Share.url_key == url_key)
        if earlier is not None:
            from herotui.i18n import format_date

            raise Conflict("share.error.already_shared", name=earlier.person.display_name,
                           date=format_date(earlier.created_at.date(), with_year=True))
    session = None
    if payload.get("from_session"):
        session = LearningSession.get_or_none(LearningSession.uuid == payload["from_session"])
    share_id = Share.insert(
        uuid=payload["uuid"], person=me.id, url=url, url_key=url_key, title=payload["title"],
        kind=payload["kind"], note=payload["note"], from_session=session.id if session else None,
        created_at=at, updated_at=at,
    ).execute()
    ShareArea.insert_many([{"share": share_id, "area": a.id} for a in area_rows]).execute()
    if payload["tags"]:
        ShareTag.insert_many([{"share": share_id, "tag": tag} for tag in payload["tags"]]).execute()
    search.index_share(hero.store.db, share_id, payload["title"], payload["note"], payload["tags"])
    return _to_info(Share.get_by_id(share_id))
