"""The share feed: posting finds, reading them newest first, reactions, saves and read marks.

Contract other services rely on (the learning hour's "share this with colleagues"):

    hero.shares.post(url: str | None, title: str, kind: str, areas: list[str], *,
                     tags: list[str] = (), note: str = "", force: bool = False,
                     from_session_uuid: str | None = None) -> ShareInfo | Queued

`url` may be None or "" (a book or an in-person course has no link); when present it must be
http or https. `areas` are focus-area names (see `hero.areas`). A link already shared raises
`Conflict("share.error.already_shared", name=..., date=...)` unless `force=True`.
`ShareInfo` is a frozen dataclass with at least `uuid`, `title`, `url`, `kind`, `areas`.

Reading pages the feed lazily by keyset: `(created_at, id)` newest first, never OFFSET, never
more than one page of rows at a time. A feed "window" is bounded by the highest share id seen
when it was opened (`bound`), so colleagues' new shares never shift what is on screen; they are
counted by `newer_count` instead, whatever their clocks say.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Iterable, Literal, Sequence

from peewee import SQL, Case, Tuple, fn

from herotui.i18n import format_date
from herotui.collation import fold, sort_by_name, sort_key
from herotui.services.actions import Queued, action, action_time
from herotui.services.areas import find_area, resolve_areas, validate_kind
from herotui.services.errors import Conflict, NotAllowed, NotFound, ValidationError
from herotui.services.people import person_row
from herotui.store import search
from herotui.store.errors import DatabaseReadOnly
from herotui.store.fields import from_micros, to_micros
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
from herotui.services.links import check_link
from herotui.store.urls import normalise_url
from herotui.text import clean_block, clean_line

if TYPE_CHECKING:
    from herotui.services.hero import Hero

MAX_TITLE = 200
MAX_NOTE = 5000
MAX_TAG = 50
MAX_TAGS = 10
PAGE_SIZE = 100
SEEK_CHUNK = 5000
FIRST_VISIT_WINDOW = timedelta(days=14)
"""A first visit shows the last two weeks as new, so a newcomer sees where to start."""


# -- what the feed hands out -----------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Cursor:
    """A place in the feed: the share's (created_at in microseconds, id). Newest sorts last."""

    at: int
    id: int


@dataclass(frozen=True)
class FeedItem:
    """One share as a line of the feed (without its note)."""

    id: int
    uuid: str
    cursor: Cursor
    kind: str
    title: str
    url: str
    """The link, or "" when there is none (a book, an in-person course)."""
    author_login: str
    author_name: str
    created_at: datetime
    areas: tuple[str, ...]
    tags: tuple[str, ...]
    useful: int
    useful_by_me: bool
    saved: bool
    unread: bool
    can_edit: bool


@dataclass(frozen=True)
class ShareInfo(FeedItem):
    """One share in full, as the detail pane and the `post` contract see it."""

    note: str = ""
    updated_at: datetime | None = None
    from_session_uuid: str | None = None


@dataclass(frozen=True)
class FeedFilter:
    area: str | None = None
    kind: str | None = None
    by: str | None = None
    """A person's login."""
    saved: bool = False
    unread_only: bool = False
    """"Hide read"."""
    search: str = ""

    @property
    def is_plain(self) -> bool:
        return self == FeedFilter()


@dataclass(frozen=True)
class FeedPage:
    items: tuple[FeedItem, ...]
    next_cursor: Cursor | None
    """Where the following page starts (`after=`), or None at the end."""


@dataclass(frozen=True)
class FeedOpening:
    """A feed window: its bound, how many shares it holds, and its first page."""

    bound: int
    total: int
    page: FeedPage


@dataclass(frozen=True)
class Duplicate:
    uuid: str
    title: str
    author_name: str
    created_at: datetime
    shared_on: str
    """The day in words ("12 March"), as the "already shared" message says it."""

    def message(self) -> str:
        from herotui.i18n import t

        return t("share.error.already_shared", name=self.author_name, date=self.shared_on)


@dataclass(frozen=True)
class UsefulState:
    uuid: str
    on: bool
    count: int


@dataclass(frozen=True)
class AreaCount:
    name: str
    retired: bool
    shares: int
    recent: int
    """Shares in the last 30 days."""


@dataclass(frozen=True)
class Sharer:
    login: str
    display_name: str
    shares: int


@dataclass(frozen=True)
class ShareStats:
    week: tuple[FeedItem, ...]
    month: tuple[FeedItem, ...]
    areas: tuple[AreaCount, ...]


@dataclass(frozen=True)
class DigestItem:
    uuid: str
    title: str
    url: str
    kind: str
    author_name: str
    created_at: datetime
    useful: int
    note: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class DigestGroup:
    area: str
    items: tuple[DigestItem, ...]


@dataclass(frozen=True)
class Digest:
    since: datetime
    until: datetime
    total: int
    groups: tuple[DigestGroup, ...]


# -- validation (no database needed, so forms can call it too) ------------------------------


@dataclass(frozen=True)
class ShareDraft:
    """Cleaned input for a share, ready for a payload."""

    url: str
    title: str
    kind: str
    areas: tuple[str, ...]
    tags: tuple[str, ...]
    note: str


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
    """Validate what a person typed. Raises `ValidationError` with the first problem."""
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
    return ShareDraft(link, title, kind, tuple(names), clean_tags(tags), note)


def _draft_from(payload: dict) -> ShareDraft:
    return check_draft(payload.get("url"), payload.get("title", ""), payload.get("kind", ""),
                       payload.get("areas", ()), payload.get("tags", ()), payload.get("note", ""))


# -- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Viewer:
    """Whose feed this is: decides unread, saved, "useful by me" and who may edit."""

    id: int
    is_admin: bool
    seen_at: int  # microseconds; shares by others newer than this are unread unless marked


def _key():
    return Tuple(Share.created_at, Share.id)


def _window(f: FeedFilter, viewer: _Viewer, bound: int | None, db, *, counting: bool = False):
    """All shares of a feed window matching `f` (unordered, unpaged). `counting`: the query only
    counts (no person columns needed unless filtering by person; search lists drive it)."""
    query = Share.select()
    if not counting or f.by:
        query = query.join(Person, on=(Share.person == Person.id))
    if bound is not None:
        query = query.where(Share.id <= bound)
    if f.area:
        area = find_area(f.area)
        if area is None:
            raise ValidationError("area.error.unknown", name=clean_line(f.area))
        linked = ShareArea.select(SQL("1")).where((ShareArea.share == Share.id) & (ShareArea.area == area.id))
        query = query.where(fn.EXISTS(linked))
    if f.kind:
        query = query.where(Share.kind == validate_kind(f.kind))
    if f.by:
        query = query.where(Person.login_key == fold(f.by))
    if f.saved:
        saved = SavedShare.select(SQL("1")).where(
            (SavedShare.share == Share.id) & (SavedShare.person == viewer.id))
        query = query.where(fn.EXISTS(saved))
    if f.unread_only:
        query = query.where(_unread_condition(viewer))
    match = search.share_match(db, f.search, paging=not counting)
    if match is not None:
        query = query.where(match)
    return query


def _unread_condition(viewer: _Viewer):
    def mark(is_read: bool):
        return fn.EXISTS(ReadMark.select(SQL("1")).where(
            (ReadMark.share == Share.id) & (ReadMark.person == viewer.id) & (ReadMark.is_read == is_read)))

    by_default = (Share.created_at > viewer.seen_at) & (Share.person != viewer.id)
    return ~mark(True) & (mark(False) | by_default)


_LINE_COLUMNS = (Share.id, Share.uuid, Share.created_at, Share.kind, Share.title, Share.url, Share.person,
                 Person.login, Person.display_name)


def _items(rows: list[tuple], viewer: _Viewer) -> list[FeedItem]:
    """Feed lines for rows of `_LINE_COLUMNS`, with areas, tags, reactions and marks in batches."""
    if not rows:
        return []
    ids = [row[0] for row in rows]
    areas: dict[int, list[str]] = defaultdict(list)
    for share_id, name in (ShareArea.select(ShareArea.share, FocusArea.name).join(FocusArea)
                           .where(ShareArea.share.in_(ids)).order_by(FocusArea.name).tuples()):
        areas[share_id].append(name)
    tags: dict[int, list[str]] = defaultdict(list)
    for share_id, tag in ShareTag.select(ShareTag.share, ShareTag.tag).where(ShareTag.share.in_(ids)).tuples():
        tags[share_id].append(tag)
    useful = dict(Reaction.select(Reaction.share, fn.COUNT(SQL("*"))).where(Reaction.share.in_(ids))
                  .group_by(Reaction.share).tuples())
    mine = {r for (r,) in Reaction.select(Reaction.share)
            .where(Reaction.share.in_(ids) & (Reaction.person == viewer.id)).tuples()}
    saved = {s for (s,) in SavedShare.select(SavedShare.share)
             .where(SavedShare.share.in_(ids) & (SavedShare.person == viewer.id)).tuples()}
    marks = dict(ReadMark.select(ReadMark.share, ReadMark.is_read)
                 .where(ReadMark.share.in_(ids) & (ReadMark.person == viewer.id)).tuples())
    items = []
    for share_id, uuid, created, kind, title, url, author_id, login, name in rows:
        at = to_micros(created)
        if share_id in marks:
            unread = not marks[share_id]
        else:
            unread = at > viewer.seen_at and author_id != viewer.id
        items.append(FeedItem(
            id=share_id, uuid=uuid, cursor=Cursor(at, share_id), kind=kind, title=title, url=url or "",
            author_login=login, author_name=name, created_at=created,
            areas=tuple(sort_by_name(areas[share_id], str)), tags=tuple(sort_by_name(tags[share_id], str)), useful=useful.get(share_id, 0), useful_by_me=share_id in mine,
            saved=share_id in saved, unread=unread, can_edit=viewer.is_admin or author_id == viewer.id,
        ))
    return items


def _info(share: Share, viewer: _Viewer) -> ShareInfo:
    author = Person.get_by_id(share.person_id)
    row = (share.id, share.uuid, share.created_at, share.kind, share.title, share.url, share.person_id,
           author.login, author.display_name)
    item = _items([row], viewer)[0]
    session_uuid = None
    if share.from_session_id is not None:
        session = LearningSession.get_or_none(LearningSession.id == share.from_session_id)
        session_uuid = session.uuid if session else None
    return ShareInfo(**{f: getattr(item, f) for f in FeedItem.__dataclass_fields__},
                     note=share.note, updated_at=share.updated_at, from_session_uuid=session_uuid)


def _share_by_uuid(uuid: str) -> Share:
    share = Share.get_or_none(Share.uuid == uuid)
    if share is None:
        raise NotFound("share.error.not_found")
    return share


def _duplicate_of(hero: "Hero", url_key: str, *, except_id: int | None = None) -> Duplicate | None:
    query = (Share.select(Share.uuid, Share.title, Person.display_name, Share.created_at)
             .join(Person, on=(Share.person == Person.id))
             .where(Share.url_key == url_key).order_by(Share.created_at, Share.id).limit(1))
    if except_id is not None:
        query = query.where(Share.id != except_id)
    row = query.tuples().first()
    return Duplicate(*row, shared_on=shared_on(hero, row[3])) if row else None


# -- the service -----------------------------------------------------------------------------


class ShareService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero
        self.visit_seen_at: datetime | None = None
        """The previous visit's moment, fixed for this session by `begin_visit`."""

    # -- who is looking ------------------------------------------------------------------------

    def _viewer(self) -> _Viewer:
        me = Person.get_or_none(Person.login_key == fold(self.hero.login))
        if self.visit_seen_at is not None:
            seen = self.visit_seen_at
        elif me is not None and me.feed_seen_at is not None:
            seen = me.feed_seen_at
        else:
            seen = self.hero.now() - FIRST_VISIT_WINDOW
        if me is None:
            return _Viewer(-1, False, to_micros(seen))
        return _Viewer(me.id, me.is_admin, to_micros(seen))

    def begin_visit(self) -> datetime:
        """Start a visit to the feed: remember when the last one was (shares newer than that are
        new), and record this one for next time. Returns the moment shares count as new from."""
        previous: datetime | None = None
        if not self.hero.store.read_only:
            try:
                result = self.hero.submit("share.visit", {})
            except DatabaseReadOnly:
                result = None
            if not isinstance(result, Queued) and result is not None:
                previous = result.get("previous")
                previous = datetime.fromisoformat(previous) if previous else None
        else:
            me = self.hero.store.read(lambda: Person.get_or_none(Person.login_key == fold(self.hero.login)))
            previous = me.feed_seen_at if me is not None else None
        self.visit_seen_at = previous or (self.hero.now() - FIRST_VISIT_WINDOW)
        return self.visit_seen_at

    # -- paging --------------------------------------------------------------------------------

    def open_feed(self, filters: FeedFilter = FeedFilter(), limit: int = PAGE_SIZE) -> FeedOpening:
        """A new feed window: its bound, its size and its first page, from one consistent read."""

        def read() -> FeedOpening:
            bound = Share.select(fn.MAX(Share.id)).scalar() or 0
            return FeedOpening(bound, self._count(filters, bound), self._page(filters, None, limit, bound))

        return self.hero.store.read(read)

    def feed_page(self, filters: FeedFilter, after: Cursor | None = None, limit: int = PAGE_SIZE, *,
                  bound: int | None = None) -> FeedPage:
        """Up to `limit` shares older than `after` (from the newest when None), newest first."""
        return self.hero.store.read(self._page, filters, after, limit, bound)

    def feed_page_newer(self, filters: FeedFilter, before: Cursor, limit: int = PAGE_SIZE, *,
                        bound: int | None = None) -> FeedPage:
        """The `limit` shares just newer than `before`, newest first (for scrolling back up).
        `next_cursor` is None when they reach the top of the window."""

        def read() -> FeedPage:
            viewer = self._viewer()
            query = (_window(filters, viewer, bound, self.hero.store.db).select(*_LINE_COLUMNS)
                     .where(_key() > Tuple(before.at, before.id))
                     .order_by(Share.created_at.asc(), Share.id.asc()).limit(limit))
            rows = list(query.tuples())
            rows.reverse()
            items = _items(rows, viewer)
            return FeedPage(tuple(items), items[0].cursor if len(items) == limit else None)

        return self.hero.store.read(read)

    def feed_last_page(self, filters: FeedFilter, limit: int = PAGE_SIZE, *, bound: int | None = None) -> FeedPage:
        """The oldest `limit` shares of the window, newest first (the End key)."""

        def read() -> FeedPage:
            viewer = self._viewer()
            query = (_window(filters, viewer, bound, self.hero.store.db).select(*_LINE_COLUMNS)
                     .order_by(Share.created_at.asc(), Share.id.asc()).limit(limit))
            rows = list(query.tuples())
            rows.reverse()
            return FeedPage(tuple(_items(rows, viewer)), None)

        return self.hero.store.read(read)

    def feed_count(self, filters: FeedFilter = FeedFilter(), *, bound: int | None = None) -> int:
        return self.hero.store.read(self._count, filters, bound)

    def feed_position(self, filters: FeedFilter, cursor: Cursor, *, bound: int | None = None) -> int:
        """How many shares of the window come before the one at `cursor` (its index)."""

        def read() -> int:
            query = _window(filters, self._viewer(), bound, self.hero.store.db, counting=True)
            return query.select(fn.COUNT(SQL("*"))).where(_key() > Tuple(cursor.at, cursor.id)).scalar() or 0

        return self.hero.store.read(read)

    def feed_seek(self, filters: FeedFilter, start: Cursor | None, steps: int, *,
                  bound: int | None = None, newer: bool = False) -> Cursor | None:
        """The cursor `steps` shares away from `start` (older, or newer with `newer=True`),
        walking keys only, a chunk at a time; None if the window ends first. From the top of the
        window (`start=None`), step 1 is the newest share."""

        def read() -> Cursor | None:
            base = _window(filters, self._viewer(), bound, self.hero.store.db).select(Share.created_at, Share.id)
            cursor, remaining = start, steps
            while remaining > 0:
                chunk = min(remaining, SEEK_CHUNK)
                query = base
                if newer:
                    if cursor is not None:
                        query = query.where(_key() > Tuple(cursor.at, cursor.id))
                    query = query.order_by(Share.created_at.asc(), Share.id.asc())
                else:
                    if cursor is not None:
                        query = query.where(_key() < Tuple(cursor.at, cursor.id))
                    query = query.order_by(Share.created_at.desc(), Share.id.desc())
                keys = list(query.limit(chunk).tuples())
                if len(keys) < chunk:
                    return None
                cursor = Cursor(to_micros(keys[-1][0]), keys[-1][1])
                remaining -= chunk
            return cursor

        return self.hero.store.read(read)

    def newer_count(self, filters: FeedFilter, bound: int) -> int:
        """Shares added since the window was opened (by id, so a colleague's skewed clock does
        not hide them)."""

        def read() -> int:
            query = _window(filters, self._viewer(), None, self.hero.store.db, counting=True)
            return query.select(fn.COUNT(SQL("*"))).where(Share.id > bound).scalar() or 0

        return self.hero.store.read(read)

    def newer_counts(self, filters: FeedFilter, bound: int) -> tuple[int, int]:
        """(all, mine): shares added since the window was opened, and how many of them I posted."""

        def read() -> tuple[int, int]:
            viewer = self._viewer()
            query = _window(filters, viewer, None, self.hero.store.db).where(Share.id > bound)
            total = query.select(fn.COUNT(SQL("*"))).scalar() or 0
            if not total:
                return 0, 0
            mine = query.where(Share.person == viewer.id).select(fn.COUNT(SQL("*"))).scalar() or 0
            return total, mine

        return self.hero.store.read(read)

    def items(self, uuids: Sequence[str]) -> list[FeedItem]:
        """Fresh feed lines for the given shares (those still there), in the order given."""

        def read() -> list[FeedItem]:
            rows = list(Share.select(*_LINE_COLUMNS).join(Person, on=(Share.person == Person.id))
                        .where(Share.uuid.in_(list(uuids))).tuples())
            found = {item.uuid: item for item in _items(rows, self._viewer())}
            return [found[u] for u in uuids if u in found]

        return self.hero.store.read(read)

    def _page(self, filters: FeedFilter, after: Cursor | None, limit: int, bound: int | None) -> FeedPage:
        viewer = self._viewer()
        query = _window(filters, viewer, bound, self.hero.store.db).select(*_LINE_COLUMNS)
        if after is not None:
            query = query.where(_key() < Tuple(after.at, after.id))
        query = query.order_by(Share.created_at.desc(), Share.id.desc()).limit(limit)
        items = _items(list(query.tuples()), viewer)
        return FeedPage(tuple(items), items[-1].cursor if len(items) == limit else None)

    def _count(self, filters: FeedFilter, bound: int | None) -> int:
        if filters.is_plain:
            # COUNT(*) of a whole table is answered from the b-tree without visiting rows.
            total = Share.select(fn.COUNT(SQL("*"))).scalar() or 0
            if bound is not None:
                total -= Share.select(fn.COUNT(SQL("*"))).where(Share.id > bound).scalar() or 0
            return total
        query = _window(filters, self._viewer(), bound, self.hero.store.db, counting=True)
        return query.select(fn.COUNT(SQL("*"))).scalar() or 0

    # -- one share -----------------------------------------------------------------------------

    def get(self, uuid: str) -> ShareInfo:
        return self.hero.store.read(lambda: _info(_share_by_uuid(uuid), self._viewer()))

    def find(self, uuid: str) -> ShareInfo | None:
        """Like `get`, but None for a share that is gone (a colleague deleted it meanwhile)."""

        def read() -> ShareInfo | None:
            share = Share.get_or_none(Share.uuid == uuid)
            return _info(share, self._viewer()) if share is not None else None

        return self.hero.store.read(read)

    def find_duplicate(self, url: str | None, *, except_uuid: str | None = None) -> Duplicate | None:
        """The earliest share of the same link (normalised), if any: "already shared by ..."."""
        link = check_link(url)
        if not link:
            return None

        def read() -> Duplicate | None:
            except_id = None
            if except_uuid:
                own = Share.get_or_none(Share.uuid == except_uuid)
                except_id = own.id if own else None
            return _duplicate_of(self.hero, normalise_url(link), except_id=except_id)

        return self.hero.store.read(read)

    def check_post(self, url: str | None, title: str, kind: str, areas: Sequence[str], *,
                   tags: Sequence[str] = (), note: str = "", force: bool = False) -> ShareDraft:
        """Everything `post` would refuse, checked before anything is written (a command that
        writes something else first, such as `learn log --share`, uses it to be one outcome).

        Raises `ValidationError` (bad fields, no area, an unknown or retired area) or `Conflict`
        ("already shared", unless `force`). When the database cannot be reached the checks that
        need it are left to the replay, as for any queued action."""
        from herotui.store.errors import DatabaseUnavailable

        draft = check_draft(url, title, kind, areas, tags, note)

        def read() -> None:
            resolve_areas(draft.areas)
            if draft.url and not force:
                duplicate = _duplicate_of(self.hero, normalise_url(draft.url))
                if duplicate is not None:
                    raise Conflict("share.error.already_shared", name=duplicate.author_name,
                                   date=duplicate.shared_on, uuid=duplicate.uuid)

        try:
            self.hero.store.read(read)
        except DatabaseUnavailable:
            pass
        return draft

    # -- writes --------------------------------------------------------------------------------

    def post(self, url: str | None, title: str, kind: str, areas: list[str], *,
             tags: Sequence[str] = (), note: str = "", force: bool = False,
             from_session_uuid: str | None = None) -> "ShareInfo | Queued":
        draft = check_draft(url, title, kind, areas, tags, note)
        payload = {
            "url": draft.url, "title": draft.title, "kind": draft.kind, "areas": list(draft.areas),
            "tags": list(draft.tags), "note": draft.note, "force": bool(force),
            "from_session": from_session_uuid,
        }
        return self.hero.submit("share.post", payload)

    def edit(self, uuid: str, url: str | None, title: str, kind: str, areas: list[str], *,
             tags: Sequence[str] = (), note: str = "", force: bool = False) -> "ShareInfo | Queued":
        """Change a share. Changing its link to a page already shared by another share raises
        `Conflict("share.error.already_shared", ...)` as posting does, unless `force=True`."""
        draft = check_draft(url, title, kind, areas, tags, note)
        payload = {
            "share": uuid, "url": draft.url, "title": draft.title, "kind": draft.kind,
            "areas": list(draft.areas), "tags": list(draft.tags), "note": draft.note, "force": bool(force),
        }
        return self.hero.submit("share.edit", payload)

    def delete(self, uuid: str):
        return self.hero.submit("share.delete", {"share": uuid})

    def set_useful(self, uuid: str, on: bool) -> "UsefulState | Queued":
        """React "useful" (on) or take it back (off). Setting a state, not toggling, makes a
        replay from the outbox or a double press harmless."""
        return self.hero.submit("share.useful", {"share": uuid, "on": bool(on)})

    def set_saved(self, uuid: str, on: bool):
        return self.hero.submit("share.save", {"share": uuid, "on": bool(on)})

    def set_read(self, uuid: str, read: bool):
        return self.hero.submit("share.read", {"share": uuid, "read": bool(read)})

    def mark_all_read(self):
        result = self.hero.submit("share.read_all", {})
        self.visit_seen_at = self.hero.now()
        return result

    # -- overviews -----------------------------------------------------------------------------

    def period_start(self, period: Literal["week", "month"]) -> datetime:
        """Monday 00:00 of this ISO week, or the 1st of this month, in the organisation's zone."""
        zone = self.hero.org.timezone()
        local = self.hero.now().astimezone(zone)
        day = local.date() - timedelta(days=local.weekday()) if period == "week" else local.date().replace(day=1)
        return datetime(day.year, day.month, day.day, tzinfo=zone)

    def most_useful(self, since: datetime, limit: int = 10) -> list[FeedItem]:
        """Shares posted since `since`, most "useful" reactions first (those with none left out)."""

        def read() -> list[FeedItem]:
            return self._most_useful(since, limit, self._viewer())

        return self.hero.store.read(read)

    def _most_useful(self, since: datetime, limit: int, viewer: _Viewer) -> list[FeedItem]:
        count = fn.COUNT(Reaction.id)
        ranked = (Share.select(*_LINE_COLUMNS)
                  .join(Person, on=(Share.person == Person.id))
                  .switch(Share).join(Reaction, on=(Reaction.share == Share.id))
                  .where(Share.created_at >= since)
                  .group_by(*_LINE_COLUMNS)
                  .order_by(count.desc(), Share.created_at.desc(), Share.id.desc())
                  .limit(limit))
        return _items(list(ranked.tuples()), viewer)

    def area_counts(self, *, include_retired: bool = True) -> list[AreaCount]:
        """Shares per focus area: all time and the last 30 days."""
        return self.hero.store.read(self._area_counts, include_retired)

    def _area_counts(self, include_retired: bool) -> list[AreaCount]:
        recent_since = self.hero.now() - timedelta(days=30)
        recent = fn.SUM(Case(None, [(Share.created_at >= recent_since, 1)], 0))
        query = (FocusArea.select(FocusArea.name, FocusArea.retired, fn.COUNT(Share.id), recent)
                 .join(ShareArea, join_type="LEFT OUTER JOIN", on=(ShareArea.area == FocusArea.id))
                 .join(Share, join_type="LEFT OUTER JOIN", on=(ShareArea.share == Share.id))
                 .group_by(FocusArea.id, FocusArea.name, FocusArea.retired)
                 .order_by(FocusArea.name))
        if not include_retired:
            query = query.where(FocusArea.retired == False)  # noqa: E712
        return sort_by_name([AreaCount(name, bool(retired), total or 0, int(recent_total or 0))
                             for name, retired, total, recent_total in query.tuples()], lambda a: a.name)

    def stats(self, limit: int = 10) -> ShareStats:
        """Most useful this week and this month, and shares per focus area, in one read."""
        week, month = self.period_start("week"), self.period_start("month")

        def read() -> ShareStats:
            viewer = self._viewer()
            return ShareStats(tuple(self._most_useful(week, limit, viewer)),
                              tuple(self._most_useful(month, limit, viewer)),
                              tuple(self._area_counts(True)))

        return self.hero.store.read(read)

    def sharers(self) -> list[Sharer]:
        """People who have shared something, for the person filter."""

        def read() -> list[Sharer]:
            query = (Person.select(Person.login, Person.display_name, fn.COUNT(Share.id))
                     .join(Share, on=(Share.person == Person.id))
                     .group_by(Person.id, Person.login, Person.display_name)
                     .order_by(Person.display_name, Person.login))
            return [Sharer(login, name, count) for login, name, count in query.tuples()]

        return sorted(self.hero.store.read(read), key=lambda s: (sort_key(s.display_name), sort_key(s.login)))

    def digest(self, since: datetime, until: datetime | None = None) -> Digest:
        """Shares posted in [since, until] grouped by focus area (a share appears under each of its
        areas), most useful first; the busiest areas first."""
        until = until or self.hero.now()

        def read() -> Digest:
            viewer = self._viewer()
            rows = list(Share.select(*_LINE_COLUMNS, Share.note).join(Person, on=(Share.person == Person.id))
                        .where((Share.created_at >= since) & (Share.created_at <= until))
                        .order_by(Share.created_at.desc(), Share.id.desc()).tuples())
            notes = {row[0]: row[-1] for row in rows}
            items = _items([row[:-1] for row in rows], viewer)
            groups: dict[str, list[DigestItem]] = defaultdict(list)
            for item in items:
                entry = DigestItem(item.uuid, item.title, item.url, item.kind, item.author_name,
                                   item.created_at, item.useful, notes[item.id], item.tags)
                for area in item.areas or ("",):
                    groups[area].append(entry)
            ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), sort_key(kv[0])))
            return Digest(since, until, len(items), tuple(
                DigestGroup(area, tuple(sorted(entries, key=lambda e: (-e.useful, -to_micros(e.created_at)))))
                for area, entries in ordered))

        return self.hero.store.read(read)


# -- action handlers (one write transaction each; idempotent, rules re-checked) -----------------


def shared_on(hero: "Hero", moment: datetime) -> str:
    """"12 March" (with the year when it is not this year), in the organisation's zone."""
    zone = hero.org.timezone()
    day = moment.astimezone(zone).date()
    return format_date(day, with_year=day.year != hero.now().astimezone(zone).year)


def _actor_viewer(hero: "Hero", payload: dict) -> tuple[Person, _Viewer]:
    actor = person_row(hero, payload["login"], at=action_time(payload))
    return actor, _Viewer(actor.id, actor.is_admin, to_micros(action_time(payload)))


def _owned_share(hero: "Hero", payload: dict) -> tuple[Share, Person, _Viewer]:
    share = _share_by_uuid(payload["share"])
    actor, viewer = _actor_viewer(hero, payload)
    if share.person_id != actor.id and not actor.is_admin:
        raise NotAllowed("share.error.not_yours")
    return share, actor, viewer


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
        return _info(existing, viewer)
    draft = _draft_from(payload)
    areas = resolve_areas(draft.areas)
    url_key = normalise_url(draft.url) if draft.url else ""
    if url_key and not payload.get("force"):
        duplicate = _duplicate_of(hero, url_key)
        if duplicate is not None:
            raise Conflict("share.error.already_shared", name=duplicate.author_name,
                           date=duplicate.shared_on, uuid=duplicate.uuid)
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
    return _info(Share.get_by_id(share_id), viewer)


@action("share.edit")
def _edit(hero: "Hero", payload: dict) -> ShareInfo:
    share, _actor, viewer = _owned_share(hero, payload)
    draft = _draft_from(payload)
    linked = {row.area_id for row in ShareArea.select().where(ShareArea.share == share.id)}
    areas = resolve_areas(draft.areas, allow_retired=True)
    for area in areas:
        # A retired area stays on the shares that had it, but cannot be added anew.
        if area.retired and area.id not in linked:
            raise ValidationError("area.error.retired", name=area.name)
    url_key = normalise_url(draft.url) if draft.url else ""
    if url_key and url_key != share.url_key and not payload.get("force"):
        duplicate = _duplicate_of(hero, url_key, except_id=share.id)
        if duplicate is not None:
            raise Conflict("share.error.already_shared", name=duplicate.author_name,
                           date=duplicate.shared_on, uuid=duplicate.uuid)
    Share.update(
        url=draft.url, url_key=url_key, title=draft.title,
        kind=draft.kind, note=draft.note, updated_at=action_time(payload),
    ).where(Share.id == share.id).execute()
    ShareArea.delete().where(ShareArea.share == share.id).execute()
    ShareTag.delete().where(ShareTag.share == share.id).execute()
    _link_areas_and_tags(share.id, areas, draft.tags)
    search.index_share(hero.store.db, share.id, draft.title, draft.note, list(draft.tags))
    return _info(Share.get_by_id(share.id), viewer)


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
    share = _share_by_uuid(payload["share"])
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
    share = _share_by_uuid(payload["share"])
    actor, _viewer = _actor_viewer(hero, payload)
    if payload["on"]:
        SavedShare.insert(share=share.id, person=actor.id,
                          created_at=action_time(payload)).on_conflict_ignore().execute()
    else:
        SavedShare.delete().where((SavedShare.share == share.id) & (SavedShare.person == actor.id)).execute()
    return bool(payload["on"])


@action("share.read")
def _read(hero: "Hero", payload: dict) -> bool:
    share = _share_by_uuid(payload["share"])
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
