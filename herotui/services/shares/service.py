"""`ShareService`: the share feed as the screens and the CLI use it (`hero.shares`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Sequence

from herotui.collation import fold, sort_key
from herotui.services.actions import Queued
from herotui.services.areas import resolve_areas
from herotui.services.errors import Conflict
from herotui.services.links import check_link
import herotui.services.shares.feed as feed
import herotui.services.shares.stats as stats
from herotui.services.shares.drafts import check_draft
from herotui.services.shares.types import (
    AreaCount,
    Cursor,
    Digest,
    Duplicate,
    FeedFilter,
    FeedItem,
    FeedOpening,
    FeedPage,
    Period,
    ShareDraft,
    ShareInfo,
    Sharer,
    ShareStats,
    UsefulState,
    Viewer,
)
from herotui.store.errors import DatabaseReadOnly
from herotui.store.fields import to_micros
from herotui.store.models import Person, Share
from herotui.store.urls import normalise_url

if TYPE_CHECKING:
    from herotui.services.hero import Hero

PAGE_SIZE = 100
"""Feed lines per page unless the caller asks for another size."""
FIRST_VISIT_WINDOW = timedelta(days=14)
"""A first visit shows the last two weeks as new, so a newcomer sees where to start."""


class ShareService:
    """Posting finds, reading them newest first, reactions, saves and read marks.

    Reads run in one read transaction each (`Store.read`) and raise `DatabaseUnavailable` when
    the drive cannot be reached. Writes go through `Hero.submit`: they return the handler's
    result, or `Queued` when the action waits in the outbox; they raise the rules' `HeroError`
    (`ValidationError`, `NotFound`, `NotAllowed`, `Conflict`), `DatabaseReadOnly` on a read-only
    file and `DatabaseBusy` when colleagues kept the lock past the deadline. Datetimes handed
    out are aware UTC datetimes; a `Cursor` is `(created_at in UTC microseconds, id)`.
    """

    def __init__(self, hero: "Hero") -> None:
        self.hero = hero
        self.visit_seen_at: datetime | None = None
        """The previous visit's moment, fixed for this session by `begin_visit`."""

    # -- who is looking ------------------------------------------------------------------------

    def _viewer(self) -> Viewer:
        me = (Person.select(Person.id, Person.is_admin, Person.feed_seen_at)
              .where(Person.login_key == fold(self.hero.login)).tuples().first())
        return self._viewer_from(me)

    def _viewer_from(self, me: tuple | None) -> Viewer:
        """The viewer for my person row `(id, is_admin, feed_seen_at)`, or None when I have none."""
        if self.visit_seen_at is not None:
            seen = self.visit_seen_at
        elif me is not None and me[2] is not None:
            seen = me[2]
        else:
            seen = self.hero.now() - FIRST_VISIT_WINDOW
        if me is None:
            return Viewer(-1, False, to_micros(seen))
        return Viewer(me[0], bool(me[1]), to_micros(seen))

    def begin_visit(self) -> datetime:
        """Start a visit to the feed: remember when the last one was (shares newer than that are
        new), and record this one for next time (the `share.visit` action; queued offline, left
        out on a read-only file). Returns the moment shares count as new from (UTC): the last
        visit, or `FIRST_VISIT_WINDOW` ago on a first visit."""
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
        """A new feed window from one consistent read: its `bound` (the highest share id now, 0
        when empty), its `total` and its first page of up to `limit` lines, newest first.
        Raises `ValidationError` for an unknown area or kind in `filters`."""
        db = self.hero.store.db

        def read() -> FeedOpening:
            # Three statements for a whole feed (four with a filter): the slow drive's first page
            # waits for each round trip. The bound is the highest id of this same snapshot, so
            # COUNT(*) of all shares is the plain window's size.
            me, bound, total = feed.first_look(fold(self.hero.login), count_all=filters.is_plain)
            viewer = self._viewer_from(me)
            if total is None:
                total = feed.count(db, lambda: viewer, filters, bound)
            return FeedOpening(bound, total, feed.page(db, viewer, filters, None, limit, bound))

        return self.hero.store.read(read)

    def feed_page(self, filters: FeedFilter, after: Cursor | None = None, limit: int = PAGE_SIZE, *,
                  bound: int | None = None) -> FeedPage:
        """Up to `limit` shares older than `after` (from the newest when None), newest first,
        among those with an id up to `bound` (all when None). `next_cursor` is the last line's
        cursor when the page is full, else None. Raises `ValidationError` for a bad filter."""
        db = self.hero.store.db
        return self.hero.store.read(lambda: feed.page(db, self._viewer(), filters, after, limit, bound))

    def feed_page_newer(self, filters: FeedFilter, before: Cursor, limit: int = PAGE_SIZE, *,
                        bound: int | None = None) -> FeedPage:
        """The `limit` shares just newer than `before`, newest first (for scrolling back up).
        `next_cursor` is the first line's cursor, or None when they reach the top of the window."""
        db = self.hero.store.db
        return self.hero.store.read(lambda: feed.page_newer(db, self._viewer(), filters, before, limit, bound))

    def feed_last_page(self, filters: FeedFilter, limit: int = PAGE_SIZE, *, bound: int | None = None) -> FeedPage:
        """The oldest `limit` shares of the window, newest first (the End key); `next_cursor` None."""
        db = self.hero.store.db
        return self.hero.store.read(lambda: feed.last_page(db, self._viewer(), filters, limit, bound))

    def feed_count(self, filters: FeedFilter = FeedFilter(), *, bound: int | None = None) -> int:
        """How many shares the window holds (ids up to `bound`; all when None)."""
        return self.hero.store.read(feed.count, self.hero.store.db, self._viewer, filters, bound)

    def feed_position(self, filters: FeedFilter, cursor: Cursor, *, bound: int | None = None) -> int:
        """How many shares of the window come before the one at `cursor` (its 0-based index)."""
        db = self.hero.store.db
        return self.hero.store.read(lambda: feed.position(db, self._viewer(), filters, cursor, bound))

    def feed_seek(self, filters: FeedFilter, start: Cursor | None, steps: int, *,
                  bound: int | None = None, newer: bool = False) -> Cursor | None:
        """The cursor `steps` shares away from `start` (older, or newer with `newer=True`),
        walking keys only, a chunk at a time; None if the window ends first. From the top of the
        window (`start=None`), step 1 is the newest share."""
        db = self.hero.store.db
        return self.hero.store.read(
            lambda: feed.seek(db, self._viewer(), filters, start, steps, bound, newer))

    def newer_count(self, filters: FeedFilter, bound: int) -> int:
        """Shares matching `filters` added since the window was opened (id above `bound`, so a
        colleague's skewed clock does not hide them)."""
        db = self.hero.store.db
        return self.hero.store.read(
            lambda: feed.newer_counts(db, self._viewer(), filters, bound, mine_too=False))[0]

    def newer_counts(self, filters: FeedFilter, bound: int) -> tuple[int, int]:
        """(all, mine): shares added since the window was opened, and how many of them I posted."""
        db = self.hero.store.db
        return self.hero.store.read(
            lambda: feed.newer_counts(db, self._viewer(), filters, bound, mine_too=True))

    def items(self, uuids: Sequence[str]) -> list[FeedItem]:
        """Fresh feed lines for the given shares (those still there), in the order given."""
        return self.hero.store.read(lambda: feed.items_by_uuid(self._viewer(), uuids))

    # -- one share -----------------------------------------------------------------------------

    def get(self, uuid: str) -> ShareInfo:
        """One share in full. Raises `NotFound("share.error.not_found")` when there is none."""
        return self.hero.store.read(lambda: feed.info(feed.share_by_uuid(uuid), self._viewer()))

    def find(self, uuid: str) -> ShareInfo | None:
        """Like `get`, but None for a share that is gone (a colleague deleted it meanwhile)."""

        def read() -> ShareInfo | None:
            share = Share.get_or_none(Share.uuid == uuid)
            return feed.info(share, self._viewer()) if share is not None else None

        return self.hero.store.read(read)

    def find_duplicate(self, url: str | None, *, except_uuid: str | None = None) -> Duplicate | None:
        """The earliest share of the same link (normalised: `herotui.store.urls.normalise_url`),
        other than `except_uuid`, if any: "already shared by ...". None for no link.
        Raises `ValidationError` for a link that is not http(s)."""
        link = check_link(url)
        if not link:
            return None

        def read() -> Duplicate | None:
            except_id = None
            if except_uuid:
                own = Share.get_or_none(Share.uuid == except_uuid)
                except_id = own.id if own else None
            return feed.duplicate_of(self.hero, normalise_url(link), except_id=except_id)

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
                duplicate = feed.duplicate_of(self.hero, normalise_url(draft.url))
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
             from_session_uuid: str | None = None) -> ShareInfo | Queued:
        """Share a find (the `share.post` action). `url` may be None or "" (a book); `areas` are
        focus-area names. Returns the new share (the existing one on a replay).

        Raises `ValidationError` (see `check_draft`; an unknown or retired area), or
        `Conflict("share.error.already_shared", name=, date=, uuid=)` for a link already shared,
        unless `force=True`."""
        draft = check_draft(url, title, kind, areas, tags, note)
        payload = {
            "url": draft.url, "title": draft.title, "kind": draft.kind, "areas": list(draft.areas),
            "tags": list(draft.tags), "note": draft.note, "force": bool(force),
            "from_session": from_session_uuid,
        }
        return self.hero.submit("share.post", payload)

    def edit(self, uuid: str, url: str | None, title: str, kind: str, areas: list[str], *,
             tags: Sequence[str] = (), note: str = "", force: bool = False) -> ShareInfo | Queued:
        """Change a share (its author or an admin). Returns it as changed. Changing its link to
        a page already shared by another share raises `Conflict("share.error.already_shared", ...)`
        as posting does, unless `force=True`; `NotFound` when it is gone, `NotAllowed` when it is
        someone else's, `ValidationError` for bad fields or a retired area newly added."""
        draft = check_draft(url, title, kind, areas, tags, note)
        payload = {
            "share": uuid, "url": draft.url, "title": draft.title, "kind": draft.kind,
            "areas": list(draft.areas), "tags": list(draft.tags), "note": draft.note, "force": bool(force),
        }
        return self.hero.submit("share.edit", payload)

    def delete(self, uuid: str) -> None | Queued:
        """Delete a share (its author or an admin); deleting one already gone does nothing.
        Raises `NotAllowed` when it is someone else's."""
        return self.hero.submit("share.delete", {"share": uuid})

    def set_useful(self, uuid: str, on: bool) -> UsefulState | Queued:
        """React "useful" (on) or take it back (off). Setting a state, not toggling, makes a
        replay from the outbox or a double press harmless. Returns my state and the new count.
        Raises `NotFound` when the share is gone."""
        return self.hero.submit("share.useful", {"share": uuid, "on": bool(on)})

    def set_saved(self, uuid: str, on: bool) -> bool | Queued:
        """Save a share for later (on) or unsave it; returns `on`. Raises `NotFound`."""
        return self.hero.submit("share.save", {"share": uuid, "on": bool(on)})

    def set_read(self, uuid: str, read: bool) -> bool | Queued:
        """Mark a share read or unread for me; returns `read`. Raises `NotFound`."""
        return self.hero.submit("share.read", {"share": uuid, "read": bool(read)})

    def mark_all_read(self) -> None | Queued:
        """Everything posted up to now counts as read for me (and for this visit)."""
        result = self.hero.submit("share.read_all", {})
        self.visit_seen_at = self.hero.now()
        return result

    # -- overviews -----------------------------------------------------------------------------

    def period_start(self, period: Period) -> datetime:
        """Monday 00:00 of this ISO week, or the 1st of this month, in the organisation's zone
        (an aware datetime in that zone)."""
        return stats.period_start(self.hero, period)

    def most_useful(self, since: datetime, limit: int = 10) -> list[FeedItem]:
        """Up to `limit` shares posted since `since`, most "useful" reactions first, then newest
        (those with none left out)."""
        return self.hero.store.read(lambda: stats.most_useful(since, limit, self._viewer()))

    def shares_per_area(self, since: datetime) -> dict[str, int]:
        """Focus area name -> shares tagged with it posted at or after `since` (an aware UTC
        datetime); areas without such shares are left out. Joins the caller's read transaction
        when there is one (the breakfast overview asks for its topic ideas)."""
        from peewee import fn

        from herotui.store.models import FocusArea, Share, ShareArea

        def read() -> dict[str, int]:
            return dict(ShareArea.select(FocusArea.name, fn.COUNT(ShareArea.share))
                        .join(Share).switch(ShareArea).join(FocusArea)
                        .where(Share.created_at >= since).group_by(FocusArea.name).tuples())

        return self.hero.store.read(read)

    def area_counts(self, *, include_retired: bool = True) -> list[AreaCount]:
        """Shares per focus area: all time and the last 30 days, in Swedish alphabetical order."""
        return self.hero.store.read(lambda: stats.area_counts(self.hero.now(), include_retired))

    def stats(self, limit: int = 10) -> ShareStats:
        """Most useful this week and this month, and shares per focus area, in one read."""
        week, month = self.period_start("week"), self.period_start("month")

        def read() -> ShareStats:
            viewer = self._viewer()
            return ShareStats(tuple(stats.most_useful(week, limit, viewer)),
                              tuple(stats.most_useful(month, limit, viewer)),
                              tuple(stats.area_counts(self.hero.now(), True)))

        return self.hero.store.read(read)

    def sharers(self) -> list[Sharer]:
        """People who have shared something, for the person filter, by display name then login
        (Swedish alphabetical order)."""
        return sorted(self.hero.store.read(stats.sharers),
                      key=lambda s: (sort_key(s.display_name), sort_key(s.login)))

    def digest(self, since: datetime, until: datetime | None = None) -> Digest:
        """Shares posted in [since, until] (until: now when None) grouped by focus area (a share
        appears under each of its areas), most useful first; the busiest areas first."""
        until = until or self.hero.now()
        return self.hero.store.read(lambda: stats.digest(since, until, self._viewer()))
