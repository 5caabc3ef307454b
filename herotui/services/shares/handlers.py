"""The share actions: what runs in the write transaction when an action is submitted or replayed.

Each handler is registered with `@action` (importing this module registers them; the package's
`__init__` does, and `herotui.services.hero.load_handlers` imports the package). Each runs in
one short IMMEDIATE transaction (`Hero.submit`), re-checks the rules on the payload (a replay
from the outbox may come long after the form was filled in) and is idempotent: the payload's
client-made `uuid` or a set-a-state payload makes running it twice the same as once.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Iterable

from herotui.services.actions import action, action_time
from herotui.services.areas import resolve_areas
from herotui.services.errors import Conflict, NotAllowed, ValidationError
from herotui.services.people import person_row
from herotui.services.shares.drafts import draft_from
from herotui.services.shares.feed import duplicate_of, info, share_by_uuid
from herotui.services.shares.types import ShareInfo, UsefulState, Viewer
from herotui.store import search
from herotui.store.fields import to_micros
from herotui.store.models import (
    FocusArea,
    LearningSession,
    Person,
    Reaction,
    ReadMark,
    SavedShare,
    Share,
    ShareArea,
    ShareTag,
)
from herotui.store.urls import normalise_url

if TYPE_CHECKING:
    from herotui.services.hero import Hero


def _actor_viewer(hero: "Hero", payload: dict) -> tuple[Person, Viewer]:
    actor = person_row(hero, payload["login"], at=action_time(payload))
    return actor, Viewer(actor.id, actor.is_admin, to_micros(action_time(payload)))


def _owned_share(hero: "Hero", payload: dict) -> tuple[Share, Person, Viewer]:
    share = share_by_uuid(payload["share"])
    actor, viewer = _actor_viewer(hero, payload)
    if share.person_id != actor.id and not actor.is_admin:
        raise NotAllowed("share.error.not_yours")
    return share, actor, viewer


def _refuse_duplicate(hero: "Hero", url_key: str, *, except_id: int | None = None) -> None:
    duplicate = duplicate_of(hero, url_key, except_id=except_id)
    if duplicate is not None:
        raise Conflict("share.error.already_shared", name=duplicate.author_name,
                       date=duplicate.shared_on, uuid=duplicate.uuid)


def _link_areas_and_tags(share_id: int, areas: list[FocusArea], tags: Iterable[str]) -> None:
    ShareArea.insert_many([{"share": share_id, "area": area.id} for area in areas]).on_conflict_ignore().execute()
    rows = [{"share": share_id, "tag": tag} for tag in tags]
    if rows:
        ShareTag.insert_many(rows).on_conflict_ignore().execute()


@action("share.post")
def _post(hero: "Hero", payload: dict) -> ShareInfo:
    existing = Share.get_or_none(Share.uuid == payload["uuid"])
    actor, viewer = _actor_viewer(hero, payload)
    if existing is not None:
        return info(existing, viewer)
    draft = draft_from(payload)
    areas = resolve_areas(draft.areas)
    url_key = normalise_url(draft.url) if draft.url else ""
    if url_key and not payload.get("force"):
        _refuse_duplicate(hero, url_key)
    session_id = None
    if payload.get("from_session"):
        session = LearningSession.get_or_none(LearningSession.uuid == payload["from_session"])
        session_id = session.id if session else None
    at = action_time(payload)
    share_id = Share.insert(
        uuid=payload["uuid"], person=actor.id, url=draft.url, url_key=url_key, title=draft.title,
        kind=draft.kind, note=draft.note, from_session=session_id, created_at=at, updated_at=at,
    ).on_conflict_ignore().execute()
    _link_areas_and_tags(share_id, areas, draft.tags)
    search.index_share(hero.store.db, share_id, draft.title, draft.note, list(draft.tags))
    return info(Share.get_by_id(share_id), viewer)


@action("share.edit")
def _edit(hero: "Hero", payload: dict) -> ShareInfo:
    share, _actor, viewer = _owned_share(hero, payload)
    draft = draft_from(payload)
    linked = {row.area_id for row in ShareArea.select().where(ShareArea.share == share.id)}
    areas = resolve_areas(draft.areas, allow_retired=True)
    for area in areas:
        # A retired area stays on the shares that had it, but cannot be added anew.
        if area.retired and area.id not in linked:
            raise ValidationError("area.error.retired", name=area.name)
    url_key = normalise_url(draft.url) if draft.url else ""
    if url_key and url_key != share.url_key and not payload.get("force"):
        _refuse_duplicate(hero, url_key, except_id=share.id)
    Share.update(
        url=draft.url, url_key=url_key, title=draft.title,
        kind=draft.kind, note=draft.note, updated_at=action_time(payload),
    ).where(Share.id == share.id).execute()
    ShareArea.delete().where(ShareArea.share == share.id).execute()
    ShareTag.delete().where(ShareTag.share == share.id).execute()
    _link_areas_and_tags(share.id, areas, draft.tags)
    search.index_share(hero.store.db, share.id, draft.title, draft.note, list(draft.tags))
    return info(Share.get_by_id(share.id), viewer)


@action("share.delete")
def _delete(hero: "Hero", payload: dict) -> None:
    if Share.get_or_none(Share.uuid == payload["share"]) is None:
        return None  # already gone: deleting twice is the same as deleting once
    share, _actor, _viewer = _owned_share(hero, payload)
    search.unindex_share(hero.store.db, share.id)
    Share.delete().where(Share.id == share.id).execute()
    return None


@action("share.useful")
def _useful(hero: "Hero", payload: dict) -> UsefulState:
    share = share_by_uuid(payload["share"])
    actor, _viewer = _actor_viewer(hero, payload)
    if payload["on"]:
        # The unique (share, person) index settles two presses at once: one row, whoever wins.
        Reaction.insert(uuid=payload["uuid"], share=share.id, person=actor.id,
                        created_at=action_time(payload)).on_conflict_ignore().execute()
    else:
        Reaction.delete().where((Reaction.share == share.id) & (Reaction.person == actor.id)).execute()
    count = Reaction.select().where(Reaction.share == share.id).count()
    return UsefulState(share.uuid, bool(payload["on"]), count)


@action("share.save")
def _save(hero: "Hero", payload: dict) -> bool:
    share = share_by_uuid(payload["share"])
    actor, _viewer = _actor_viewer(hero, payload)
    if payload["on"]:
        SavedShare.insert(share=share.id, person=actor.id,
                          created_at=action_time(payload)).on_conflict_ignore().execute()
    else:
        SavedShare.delete().where((SavedShare.share == share.id) & (SavedShare.person == actor.id)).execute()
    return bool(payload["on"])


@action("share.read")
def _read(hero: "Hero", payload: dict) -> bool:
    share = share_by_uuid(payload["share"])
    actor, _viewer = _actor_viewer(hero, payload)
    ReadMark.insert(share=share.id, person=actor.id, is_read=bool(payload["read"])).on_conflict(
        conflict_target=[ReadMark.share, ReadMark.person], update={ReadMark.is_read: bool(payload["read"])}
    ).execute()
    return bool(payload["read"])


def _advance_seen(actor: Person, at: datetime) -> None:
    Person.update(feed_seen_at=at).where(
        (Person.id == actor.id) & (Person.feed_seen_at.is_null() | (Person.feed_seen_at < at))
    ).execute()


@action("share.visit")
def _visit(hero: "Hero", payload: dict) -> dict:
    actor, _viewer = _actor_viewer(hero, payload)
    previous = actor.feed_seen_at
    at = action_time(payload)
    _advance_seen(actor, at)
    if previous is not None:
        # "Read" marks on shares older than the last visit say nothing the baseline does not.
        older = Share.select(Share.id).where(Share.created_at <= previous)
        ReadMark.delete().where((ReadMark.person == actor.id) & (ReadMark.is_read == True)  # noqa: E712
                                & ReadMark.share.in_(older)).execute()
    return {"previous": previous.isoformat() if previous else None}


@action("share.read_all")
def _read_all(hero: "Hero", payload: dict) -> None:
    actor, _viewer = _actor_viewer(hero, payload)
    at = action_time(payload)
    _advance_seen(actor, at)
    older = Share.select(Share.id).where(Share.created_at <= at)
    ReadMark.delete().where((ReadMark.person == actor.id) & ReadMark.share.in_(older)).execute()
    return None
