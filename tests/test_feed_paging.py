"""Keyset paging of the feed: equal timestamps, both directions, jumps, and a bank of 100,000 shares
that opens and pages without being loaded (measured in rows fetched and SQLite VM steps, not time)."""

from __future__ import annotations

import asyncio
import re
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import pytest

from herotui.clock import FakeClock
from herotui.services.hero import Hero
from herotui.services.shares import Cursor, FeedFilter
from herotui.services.shares.feed import first_look
from herotui.store import create_store, open_store
from herotui.store.fields import to_micros
from peewee import Value

from herotui.store import search
from herotui.store.models import FocusArea, Person, Share, ShareArea, new_uuid
from herotui.presenters.feed_window import FeedWindow

START = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def fill(store, count: int, *, per_timestamp: int = 3, login: str = "anna") -> None:
    """`count` shares through the store layer in one transaction, `per_timestamp` sharing a moment."""

    def write() -> None:
        person = Person.get(Person.login == login).id
        area = FocusArea.get(FocusArea.name == "Ledarskap").id
        batch = []
        for index in range(count):
            moment = START - timedelta(seconds=index // per_timestamp)
            batch.append({"uuid": new_uuid(), "person": person, "url": f"https://x.se/{index}",
                          "url_key": f"https://x.se/{index}", "title": f"Delning {index}", "kind": "article",
                          "note": "", "created_at": moment, "updated_at": moment})
            if len(batch) == 5000:
                Share.insert_many(batch).execute()
                batch = []
        if batch:
            Share.insert_many(batch).execute()
        ShareArea.insert_from(Share.select(Share.id, Value(area)), [ShareArea.share, ShareArea.area]).execute()
        search.rebuild_index(store.db)

    store.write(write)


async def direct(fn, *args, **kwargs):
    """What the screen's `db` does, minus the thread: the window awaits it."""
    return fn(*args, **kwargs)


def expected_order(store) -> list[int]:
    return store.read(lambda: [s.id for s in Share.select(Share.id).order_by(Share.created_at.desc(), Share.id.desc())])


# -- keyset ------------------------------------------------------------------------------------


def test_pages_walk_equal_timestamps_without_gaps_or_repeats(hero, store):
    fill(store, 40, per_timestamp=7)  # many shares share a created_at: only the id breaks ties
    seen, cursor = [], None
    while True:
        page = hero.shares.feed_page(FeedFilter(), cursor, 3)
        seen += [item.id for item in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == expected_order(store)


def test_paging_back_up_and_from_the_end_meets_the_same_order(hero, store):
    fill(store, 40, per_timestamp=5)
    order = expected_order(store)
    last = hero.shares.feed_last_page(FeedFilter(), 6)
    assert [i.id for i in last.items] == order[-6:]
    seen = [i.id for i in last.items]
    before = last.items[0].cursor
    while True:
        page = hero.shares.feed_page_newer(FeedFilter(), before, 7)
        seen = [i.id for i in page.items] + seen
        if page.next_cursor is None:
            break
        before = page.next_cursor
    assert seen == order


def test_seek_and_position_agree_with_the_order(hero, store):
    fill(store, 50, per_timestamp=4)
    order = expected_order(store)
    cursor = hero.shares.feed_seek(FeedFilter(), None, 23)
    assert cursor.id == order[22]
    assert hero.shares.feed_position(FeedFilter(), cursor) == 22
    back = hero.shares.feed_seek(FeedFilter(), cursor, 10, newer=True)
    assert back.id == order[12]
    assert hero.shares.feed_seek(FeedFilter(), None, 51) is None


def test_the_window_bound_keeps_new_shares_out_and_counts_them(hero_for, store, clock):
    fill(store, 10)
    anna, erik = hero_for("anna"), hero_for("erik")
    opening = anna.shares.open_feed(FeedFilter(), 4)
    erik.shares.post("https://new.se/1", "Ny", "article", ["Ledarskap"])
    # A colleague whose clock is an hour behind: still new, never slipped into the middle.
    clock.advance(hours=-1)
    erik.shares.post("https://new.se/2", "Ny med fel klocka", "article", ["Ledarskap"])
    assert anna.shares.newer_count(FeedFilter(), opening.bound) == 2
    assert anna.shares.feed_count(FeedFilter(), bound=opening.bound) == 10
    assert anna.shares.open_feed(FeedFilter(), 4).total == 12


# -- the window in memory ----------------------------------------------------------------------


def test_window_fills_scrolls_jumps_and_keeps_only_a_block(hero, store):
    fill(store, 2000)
    order = expected_order(store)
    window = FeedWindow(FeedFilter(), page_size=50, keep=150)
    window.reset(hero.shares.open_feed(FeedFilter(), 50))
    assert window.total == 2000 and [i.id for i in window.items] == order[:50]

    async def scenario() -> None:
        await window.ensure(40, 70, direct, hero.shares)  # scrolling down past the first page
        assert window.item_at(70).id == order[70]
        for first in range(100, 400, 30):
            await window.ensure(first, first + 20, direct, hero.shares)
        assert len(window.items) <= 150 and window.item_at(390).id == order[390]
        await window.ensure(1990, 1999, direct, hero.shares)  # End
        assert window.item_at(1999).id == order[1999] and window.item_at(1960).id == order[1960]
        await window.ensure(1000, 1010, direct, hero.shares)  # a scrollbar drag to the middle
        assert [window.item_at(i).id for i in range(1000, 1011)] == order[1000:1011]
        await window.ensure(960, 1000, direct, hero.shares)  # and up from there
        assert window.item_at(960).id == order[960]
        await window.ensure(0, 5, direct, hero.shares)  # Home
        assert window.item_at(0).id == order[0]

    asyncio.run(scenario())
    assert window.stats.items < 1200  # never the whole feed


def test_window_refresh_keeps_its_place_when_shares_vanish(hero, store):
    fill(store, 300)
    order = expected_order(store)
    window = FeedWindow(FeedFilter(), page_size=50, keep=150)
    window.reset(hero.shares.open_feed(FeedFilter(), 50))

    async def scenario() -> None:
        for first in range(0, 260, 20):
            await window.ensure(first, first + 20, direct, hero.shares)
        first_held = window.items[0]
        assert window.start > 5
        gone = order[5]
        store.write(lambda: Share.delete().where(Share.id == gone).execute())
        await window.refresh(direct, hero.shares)
        assert window.total == 299
        assert window.items[0].id == first_held.id and window.start == order.index(first_held.id) - 1

    asyncio.run(scenario())


# -- 100,000 shares ----------------------------------------------------------------------------


class Meter:
    """Counts what SQLite does on one connection: statements and virtual-machine steps."""

    def __init__(self, store) -> None:
        self.conn = store.db.connection()
        self.statements: list[str] = []
        self.steps = 0

    def __enter__(self) -> "Meter":
        self.conn.set_trace_callback(self.statements.append)
        self.conn.set_progress_handler(self._step, 100)
        return self

    def _step(self) -> int:
        self.steps += 1
        return 0

    def __exit__(self, *exc) -> None:
        self.conn.set_trace_callback(None)
        self.conn.set_progress_handler(None, 0)


def browse(hero: Hero, store) -> tuple[FeedWindow, Meter]:
    """Open the feed, page down ten screens, jump to the end and back home."""
    window = FeedWindow(FeedFilter(), page_size=100, keep=500)
    with Meter(store) as meter:
        window.reset(hero.shares.open_feed(FeedFilter(), 100))

        async def scenario() -> None:
            for screen in range(10):
                await window.ensure(screen * 18, screen * 18 + 18, direct, hero.shares)
            await window.ensure(window.total - 18, window.total - 1, direct, hero.shares)
            await window.ensure(0, 18, direct, hero.shares)

        asyncio.run(scenario())
    return window, meter


def make_bank(path, count: int):
    store = create_store(str(path), creator_login="anna", creator_name="Anna Berg", clock=FakeClock(START))
    fill(store, count)
    store.close()


@contextmanager
def opened(path):
    """One store at a time: peewee binds the models to the database opened last."""
    clock = FakeClock(START + timedelta(hours=1))
    store = open_store(str(path), clock=clock)
    try:
        yield store, Hero(store, "anna", clock=clock)
    finally:
        store.close()


@pytest.fixture(scope="module")
def banks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("banks")
    make_bank(folder / "big.db", 100_000)
    make_bank(folder / "small.db", 1_000)
    return folder / "big.db", folder / "small.db"


def test_a_bank_of_100000_opens_and_pages_like_one_of_1000(banks):
    with opened(banks[0]) as (store, hero):
        big_window, big = browse(hero, store)
    with opened(banks[1]) as (store, hero):
        small_window, small = browse(hero, store)
    assert big_window.total == 100_000 and small_window.total == 1_000
    assert big_window.item_at(0).title == "Delning 2"  # 0, 1 and 2 share a moment: the highest id first
    # Rows fetched: a handful of pages, never the bank.
    assert big_window.stats.items <= 600
    assert len(big_window.items) <= 500
    # Keyset everywhere, never OFFSET; every row query is bounded.
    shares_queries = [s for s in big.statements if 'FROM "share"' in s and "COUNT" not in s.upper()]
    assert shares_queries and all("LIMIT" in s for s in shares_queries)
    # (peewee's `get()` says "LIMIT 1 OFFSET 0", which skips nothing.)
    assert not any(re.search(r"OFFSET (?!0\b)", s.upper()) for s in big.statements)
    # The work SQLite did hardly depends on the bank's size (a scan of 100x the rows would show).
    assert big.steps < 1.5 * small.steps + 50, (big.steps, small.steps)
    assert len(big.statements) == len(small.statements)


def test_the_end_of_100000_is_one_reversed_page_away(banks):
    with opened(banks[0]) as (store, hero):
        the_end_is_near(store, hero)


def the_end_is_near(store, hero):
    window = FeedWindow(FeedFilter(), page_size=100)
    window.reset(hero.shares.open_feed(FeedFilter(), 100))
    order_tail = store.read(lambda: [s.id for s in Share.select(Share.id)
                                     .order_by(Share.created_at.asc(), Share.id.asc()).limit(3)])
    with Meter(store) as meter:
        asyncio.run(window.ensure(99_990, 99_999, direct, hero.shares))
    assert [window.item_at(i).id for i in (99_999, 99_998, 99_997)] == order_tail
    assert window.stats.seeks == 0 and len(meter.statements) < 12


def test_searching_100000_pages_too(banks):
    with opened(banks[0]) as (store, hero):
        opening = hero.shares.open_feed(FeedFilter(search="delning 4242"), 100)
        # Terms are found inside words: 4242, 42420-42429 and 14242 ... 94242.
        assert opening.total == sum("4242" in str(n) for n in range(100_000)) == 20
        assert "Delning 4242" in [i.title for i in opening.page.items]
        wide = hero.shares.open_feed(FeedFilter(search="delning"), 100)
        assert wide.total == 100_000 and len(wide.page.items) == 100
        cursor = wide.page.next_cursor
        assert hero.shares.feed_page(FeedFilter(search="delning"), cursor, 5).items[0].title == "Delning 100"


def test_newer_counts_tell_my_own_new_shares_apart(hero_for, store, clock):
    """The feed shows my own new share at once instead of announcing it as "1 new share"."""
    anna, erik = hero_for("anna"), hero_for("erik")
    opening = anna.shares.open_feed(FeedFilter(), 4)
    assert anna.shares.newer_counts(FeedFilter(), opening.bound) == (0, 0)
    erik.shares.post("https://new.se/e", "Eriks", "article", ["Ledarskap"])
    assert anna.shares.newer_counts(FeedFilter(), opening.bound) == (1, 0)
    anna.shares.post("https://new.se/a", "Min egen", "article", ["Ledarskap"])
    assert anna.shares.newer_counts(FeedFilter(), opening.bound) == (2, 1)
    assert anna.shares.newer_counts(FeedFilter(kind="video"), opening.bound) == (0, 0)


# -- the first page's statements (issue 16, row 3b) ----------------------------------------------


@contextmanager
def counted(store):
    """Statements sent while inside: every `execute_sql` (both backends), and on SQLite every
    statement the connection runs, BEGIN and COMMIT included (`set_trace_callback`)."""
    sent: list[str] = []
    ran: list[str] = []
    plain = store.db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        sent.append(sql)
        return plain(sql, params, *args, **kwargs)

    store.db.execute_sql = execute_sql
    if store.is_sqlite:
        store.db.connection().set_trace_callback(ran.append)
    try:
        yield sent, ran
    finally:
        del store.db.execute_sql
        if store.is_sqlite:
            store.db.connection().set_trace_callback(None)


def test_the_first_page_is_three_selects_in_one_read(hero_for, store):
    anna, erik = hero_for("anna"), hero_for("erik")
    posted = []
    for index in range(12):
        author = anna if index % 3 else erik
        areas = ["Ledarskap", "Arbetsrätt"] if index % 2 else ["Rekrytering"]
        posted.append(author.shares.post(f"https://x.se/{index}", f"Delning {index}", "article", areas,
                                         tags=["mall", f"t{index % 4}"] if index % 4 else []))
    for info in posted[::3]:
        erik.shares.set_useful(info.uuid, True)
    anna.shares.set_useful(posted[1].uuid, True)
    anna.shares.set_saved(posted[2].uuid, True)
    anna.shares.set_read(posted[3].uuid, True)
    anna.shares.set_read(posted[4].uuid, False)
    anna.shares.begin_visit()
    filters = FeedFilter()

    with counted(store) as (sent, ran):
        opening = anna.shares.open_feed(filters, 5)
    selects = [sql for sql in sent if sql.lstrip().upper().startswith(("SELECT", "WITH")) and "set_config" not in sql]
    assert len(selects) <= 3, sent
    if store.is_sqlite:
        assert ran[0].startswith("BEGIN") and ran[-1] == "COMMIT" and len(ran) <= 5, ran  # was 13

    # The same window read the long way, statement by statement, gives the same answer.
    assert opening.bound == max(info.id for info in posted)
    assert opening.total == anna.shares.feed_count(filters, bound=opening.bound) == 12
    again = anna.shares.feed_page(filters, None, 5, bound=opening.bound)
    assert opening.page == again
    first = {item.uuid: item for item in opening.page.items}
    for info in posted[-5:]:
        assert first[info.uuid] == anna.shares.items([info.uuid])[0]
    expected = {p.uuid: p for p in posted}
    for item in opening.page.items:
        full = anna.shares.get(item.uuid)
        assert (item.areas, item.tags) == (full.areas, full.tags) == (expected[item.uuid].areas,
                                                                      expected[item.uuid].tags)
    lines = {item.title: item for item in anna.shares.open_feed(filters, 12).page.items}
    assert lines["Delning 9"].useful == 1 and not lines["Delning 9"].useful_by_me
    assert lines["Delning 1"].useful == 1 and lines["Delning 1"].useful_by_me
    assert lines["Delning 2"].saved and not lines["Delning 5"].saved
    assert not lines["Delning 3"].unread and lines["Delning 4"].unread
    assert lines["Delning 1"].areas == ("Arbetsrätt", "Ledarskap") and lines["Delning 0"].tags == ()
    assert lines["Delning 3"].tags == ("mall", "t3") and lines["Delning 3"].can_edit  # anna is an admin
    theirs = {item.title: item for item in erik.shares.open_feed(filters, 12).page.items}
    assert theirs["Delning 3"].can_edit and not theirs["Delning 1"].can_edit
    assert theirs["Delning 9"].useful_by_me and not theirs["Delning 2"].saved
    # Someone without a person row yet (a read-only file, a new colleague) still gets the window.
    assert store.read(first_look, "ingen-sadan", count_all=True) == (None, opening.bound, 12)
    assert store.read(first_look, "ingen-sadan", count_all=False) == (None, opening.bound, None)
    searched = anna.shares.open_feed(FeedFilter(area="Ledarskap", unread_only=True), 3)
    assert searched.total == len([i for i in lines.values() if "Ledarskap" in i.areas and i.unread])


def test_lines_read_in_chunks_are_the_lines_read_at_once(hero, store, monkeypatch):
    import herotui.services.shares.feed as feed

    fill(store, 20, per_timestamp=2)
    uuids = store.read(lambda: [s.uuid for s in Share.select(Share.uuid).order_by(Share.id)])
    hero.shares.set_useful(uuids[0], True)
    hero.shares.set_saved(uuids[-1], True)
    at_once = hero.shares.items(uuids)
    monkeypatch.setattr(feed, "DETAIL_CHUNK", 7)  # 20 shares: three statements
    assert hero.shares.items(uuids) == at_once
    assert at_once[0].useful_by_me and at_once[-1].saved and all(i.areas == ("Ledarskap",) for i in at_once)
