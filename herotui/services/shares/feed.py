"""Reading the feed: keyset pages of a feed window, counts, seeks, search, and single shares.

A feed window is every share matching a `FeedFilter` whose id is at most the window's `bound`
(the highest id when it was opened), so colleagues' new shares never shift what is on screen.
Pages are ordered by the key `(created_at, id)` descending and taken by keyset
(`WHERE (created_at, id) < (?, ?) ... LIMIT n`), never OFFSET, so any page costs the same.

Every function here runs inside a read transaction the caller opened (`Store.read`), and takes
the `Viewer` it reads for, so a page and its marks come from one consistent snapshot.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Callable, Sequence

from peewee import SQL, Case, Tuple, fn

from herotui.collation import fold, sort_by_name
from herotui.i18n import format_date
from herotui.services.areas import find_area, validate_kind
from herotui.services.errors import NotFound, ValidationError
from herotui.services.shares.types import Cursor, Duplicate, FeedFilter, FeedItem, FeedPage, ShareInfo, Viewer
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
from herotui.text import clean_line

if TYPE_CHECKING:
    from herotui.services.hero import Hero

DETAIL_CHUNK = 1000
"""Shares whose areas, tags and marks one statement fetches (a page of the feed is fewer)."""
SEEK_CHUNK = 5000
"""Keys fetched per query while seeking (bounds memory for a jump across 100k shares)."""

LINE_COLUMNS = (Share.id, Share.uuid, Share.created_at, Share.kind, Share.title, Share.url, Share.person,
                Person.login, Person.display_name)
"""The columns of a feed line's row, in the order `items` unpacks them (needs the Person join)."""


def key():
    """The feed's sort key, `(created_at, id)`, for row-value comparisons with a `Cursor`."""
    return Tuple(Share.created_at, Share.id)


def window(f: FeedFilter, viewer: Viewer, bound: int | None, db, *, counting: bool = False):
    """All shares of a feed window matching `f` (unordered, unpaged). `counting`: the query only
    counts (no person columns needed unless filtering by person; search lists drive it).

    Raises `ValidationError("area.error.unknown")` for an area filter naming no area, and
    `ValidationError("error.kind_unknown")` for an unknown kind."""
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
        query = query.where(unread_condition(viewer))
    match = search.share_match(db, f.search, paging=not counting)
    if match is not None:
        query = query.where(match)
    return query


def unread_condition(viewer: Viewer):
    """SQL for "unread by the viewer": marked unread, or newer than their last visit and by
    someone else, and not marked read."""

    def mark(is_read: bool):
        return fn.EXISTS(ReadMark.select(SQL("1")).where(
            (ReadMark.share == Share.id) & (ReadMark.person == viewer.id) & (ReadMark.is_read == is_read)))

    by_default = (Share.created_at > viewer.seen_at) & (Share.person != viewer.id)
    return ~mark(True) & (mark(False) | by_default)


def _details(ids: list[int], viewer: Viewer) -> list[tuple]:
    """Everything a line needs besides its row, for the shares `ids`, in ONE statement (one
    round trip on a slow drive): rows of (share id, what, text, number), `what` being
    "a" (an area's name), "t" (a tag), "u" (the count of "useful"), "m" (I reacted),
    "s" (I saved it) or "r" (my read mark: 1 read, 0 unread). Areas and tags come sorted."""
    # The NULLs are typed: PostgreSQL resolves a UNION's column types pair by pair.
    no_text, no_number = SQL("CAST(NULL AS VARCHAR)"), SQL("CAST(NULL AS INTEGER)")
    mine = Reaction.person == viewer.id
    parts = [
        ShareArea.select(ShareArea.share, SQL("'a'"), FocusArea.name, no_number).join(FocusArea)
        .where(ShareArea.share.in_(ids)),
        ShareTag.select(ShareTag.share, SQL("'t'"), ShareTag.tag, no_number).where(ShareTag.share.in_(ids)),
        Reaction.select(Reaction.share, SQL("'u'"), no_text, fn.COUNT(SQL("*")))
        .where(Reaction.share.in_(ids)).group_by(Reaction.share),
        Reaction.select(Reaction.share, SQL("'m'"), no_text, SQL("1")).where(Reaction.share.in_(ids) & mine),
        SavedShare.select(SavedShare.share, SQL("'s'"), no_text, SQL("1"))
        .where(SavedShare.share.in_(ids) & (SavedShare.person == viewer.id)),
        ReadMark.select(ReadMark.share, SQL("'r'"), no_text,
                        Case(None, [(ReadMark.is_read == True, 1)], 0))  # noqa: E712
        .where(ReadMark.share.in_(ids) & (ReadMark.person == viewer.id)),
    ]
    query = parts[0]
    for part in parts[1:]:
        query = query.union_all(part)
    return list(query.order_by(SQL("2"), SQL("3")).tuples())


def items(rows: list[tuple], viewer: Viewer) -> list[FeedItem]:
    """Feed lines for rows of `LINE_COLUMNS`, with areas, tags, reactions and marks fetched for
    all of them at once (one more statement, whatever the number of rows)."""
    if not rows:
        return []
    areas: dict[int, list[str]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    useful: dict[int, int] = {}
    mine: set[int] = set()
    saved: set[int] = set()
    marks: dict[int, bool] = {}
    ids = [row[0] for row in rows]
    # A page is one chunk; a long digest takes a few (each id is a parameter six times, and
    # SQLite allows 32,766 parameters a statement).
    details = [detail for start in range(0, len(ids), DETAIL_CHUNK)
               for detail in _details(ids[start:start + DETAIL_CHUNK], viewer)]
    for share_id, what, text, number in details:
        if what == "a":
            areas[share_id].append(text)
        elif what == "t":
            tags[share_id].append(text)
        elif what == "u":
            useful[share_id] = int(number)
        elif what == "m":
            mine.add(share_id)
        elif what == "s":
            saved.add(share_id)
        else:
            marks[share_id] = bool(number)
    result = []
    for share_id, uuid, created, kind, title, url, author_id, login, name in rows:
        at = to_micros(created)
        if share_id in marks:
            unread = not marks[share_id]
        else:
            unread = at > viewer.seen_at and author_id != viewer.id
        result.append(FeedItem(
            id=share_id, uuid=uuid, cursor=Cursor(at, share_id), kind=kind, title=title, url=url or "",
            author_login=login, author_name=name, created_at=created,
            areas=tuple(sort_by_name(areas[share_id], str)), tags=tuple(sort_by_name(tags[share_id], str)),
            useful=useful.get(share_id, 0), useful_by_me=share_id in mine,
            saved=share_id in saved, unread=unread, can_edit=viewer.is_admin or author_id == viewer.id,
        ))
    return result


def info(share: Share, viewer: Viewer) -> ShareInfo:
    """One share in full, for `viewer`."""
    author = Person.get_by_id(share.person_id)
    row = (share.id, share.uuid, share.created_at, share.kind, share.title, share.url, share.person_id,
           author.login, author.display_name)
    item = items([row], viewer)[0]
    session_uuid = None
    if share.from_session_id is not None:
        session = LearningSession.get_or_none(LearningSession.id == share.from_session_id)
        session_uuid = session.uuid if session else None
    return ShareInfo(**{f: getattr(item, f) for f in FeedItem.__dataclass_fields__},
                     note=share.note, updated_at=share.updated_at, from_session_uuid=session_uuid)


def share_by_uuid(uuid: str) -> Share:
    """The share row. Raises `NotFound("share.error.not_found")` when there is none."""
    share = Share.get_or_none(Share.uuid == uuid)
    if share is None:
        raise NotFound("share.error.not_found")
    return share


def shared_on(hero: "Hero", moment: datetime) -> str:
    """"12 March" (with the year when it is not this year), in the organisation's zone."""
    zone = hero.org.timezone()
    day = moment.astimezone(zone).date()
    return format_date(day, with_year=day.year != hero.now().astimezone(zone).year)


def duplicate_of(hero: "Hero", url_key: str, *, except_id: int | None = None) -> Duplicate | None:
    """The earliest share whose normalised link is `url_key` (other than `except_id`), if any."""
    query = (Share.select(Share.uuid, Share.title, Person.display_name, Share.created_at)
             .join(Person, on=(Share.person == Person.id))
             .where(Share.url_key == url_key).order_by(Share.created_at, Share.id).limit(1))
    if except_id is not None:
        query = query.where(Share.id != except_id)
    row = query.tuples().first()
    return Duplicate(*row, shared_on=shared_on(hero, row[3])) if row else None


def first_look(login_key: str, *, count_all: bool) -> tuple[tuple | None, int, int | None]:
    """What opening a window needs before its first page, in one statement when the viewer has
    a person row: `(me, bound, total)`, `me` being (id, is_admin, feed_seen_at) or None, `bound`
    the highest share id (0 when none) and `total` COUNT(*) of all shares when `count_all`, else
    None. (Both aggregates keep SQLite's shortcuts as subqueries: the last row of the id b-tree,
    and a b-tree count.)"""
    bound = Share.select(fn.MAX(Share.id))
    total = Share.select(fn.COUNT(SQL("*"))) if count_all else SQL("NULL")
    row = (Person.select(Person.id, Person.is_admin, Person.feed_seen_at, bound, total)
           .where(Person.login_key == login_key).tuples().first())
    if row is None:
        bound_now, total_now = Share.select(bound, total).tuples().first() if count_all else (bound.scalar(), None)
        return None, bound_now or 0, total_now
    return row[:3], row[3] or 0, row[4]


# -- pages, counts and seeks of a window ---------------------------------------------------------


def page(db, viewer: Viewer, filters: FeedFilter, after: Cursor | None, limit: int,
         bound: int | None) -> FeedPage:
    """Up to `limit` lines older than `after` (from the newest when None), newest first;
    `next_cursor` is the last line's cursor when the page is full, else None."""
    query = window(filters, viewer, bound, db).select(*LINE_COLUMNS)
    if after is not None:
        query = query.where(key() < Tuple(after.at, after.id))
    query = query.order_by(Share.created_at.desc(), Share.id.desc()).limit(limit)
    lines = items(list(query.tuples()), viewer)
    return FeedPage(tuple(lines), lines[-1].cursor if len(lines) == limit else None)


def page_newer(db, viewer: Viewer, filters: FeedFilter, before: Cursor, limit: int,
               bound: int | None) -> FeedPage:
    """The `limit` lines just newer than `before`, newest first; `next_cursor` is the first
    line's cursor when the page is full, None when it reaches the top of the window."""
    query = (window(filters, viewer, bound, db).select(*LINE_COLUMNS)
             .where(key() > Tuple(before.at, before.id))
             .order_by(Share.created_at.asc(), Share.id.asc()).limit(limit))
    rows = list(query.tuples())
    rows.reverse()
    lines = items(rows, viewer)
    return FeedPage(tuple(lines), lines[0].cursor if len(lines) == limit else None)


def last_page(db, viewer: Viewer, filters: FeedFilter, limit: int, bound: int | None) -> FeedPage:
    """The oldest `limit` lines of the window, newest first; `next_cursor` is None."""
    query = (window(filters, viewer, bound, db).select(*LINE_COLUMNS)
             .order_by(Share.created_at.asc(), Share.id.asc()).limit(limit))
    rows = list(query.tuples())
    rows.reverse()
    return FeedPage(tuple(items(rows, viewer)), None)


def count(db, viewer_of: Callable[[], Viewer], filters: FeedFilter, bound: int | None) -> int:
    """Shares in the window. `viewer_of` is called only when the filter needs the viewer."""
    if filters.is_plain:
        # COUNT(*) of a whole table is answered from the b-tree without visiting rows.
        total = Share.select(fn.COUNT(SQL("*"))).scalar() or 0
        if bound is not None:
            total -= Share.select(fn.COUNT(SQL("*"))).where(Share.id > bound).scalar() or 0
        return total
    query = window(filters, viewer_of(), bound, db, counting=True)
    return query.select(fn.COUNT(SQL("*"))).scalar() or 0


def position(db, viewer: Viewer, filters: FeedFilter, cursor: Cursor, bound: int | None) -> int:
    """How many shares of the window come before the one at `cursor` (its 0-based index)."""
    query = window(filters, viewer, bound, db, counting=True)
    return query.select(fn.COUNT(SQL("*"))).where(key() > Tuple(cursor.at, cursor.id)).scalar() or 0


def seek(db, viewer: Viewer, filters: FeedFilter, start: Cursor | None, steps: int,
         bound: int | None, newer: bool) -> Cursor | None:
    """The cursor `steps` shares away from `start`, walking keys only, `SEEK_CHUNK` at a time;
    None if the window ends first."""
    base = window(filters, viewer, bound, db).select(Share.created_at, Share.id)
    cursor, remaining = start, steps
    while remaining > 0:
        chunk = min(remaining, SEEK_CHUNK)
        query = base
        if newer:
            if cursor is not None:
                query = query.where(key() > Tuple(cursor.at, cursor.id))
            query = query.order_by(Share.created_at.asc(), Share.id.asc())
        else:
            if cursor is not None:
                query = query.where(key() < Tuple(cursor.at, cursor.id))
            query = query.order_by(Share.created_at.desc(), Share.id.desc())
        keys = list(query.limit(chunk).tuples())
        if len(keys) < chunk:
            return None
        cursor = Cursor(to_micros(keys[-1][0]), keys[-1][1])
        remaining -= chunk
    return cursor


def newer_counts(db, viewer: Viewer, filters: FeedFilter, bound: int, *, mine_too: bool) -> tuple[int, int]:
    """(all, mine) shares matching `filters` with an id above `bound`; mine is 0 unless `mine_too`."""
    if not mine_too:
        query = window(filters, viewer, None, db, counting=True)
        return query.select(fn.COUNT(SQL("*"))).where(Share.id > bound).scalar() or 0, 0
    query = window(filters, viewer, None, db).where(Share.id > bound)
    total = query.select(fn.COUNT(SQL("*"))).scalar() or 0
    if not total:
        return 0, 0
    mine = query.where(Share.person == viewer.id).select(fn.COUNT(SQL("*"))).scalar() or 0
    return total, mine


def items_by_uuid(viewer: Viewer, uuids: Sequence[str]) -> list[FeedItem]:
    """Fresh lines for the given shares (those still there), in the order given."""
    rows = list(Share.select(*LINE_COLUMNS).join(Person, on=(Share.person == Person.id))
                .where(Share.uuid.in_(list(uuids))).tuples())
    found = {item.uuid: item for item in items(rows, viewer)}
    return [found[u] for u in uuids if u in found]
