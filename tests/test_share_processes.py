"""Real processes on one file: reactions and saves pressed at the same moment, and the "new shares"
notice when a colleague's process posts while the feed is open."""

from __future__ import annotations

import sqlite3

import pytest

from herotui.app import make_app
from herotui.widgets.feed_list import FeedList

from test_share_screen import detail_text, feed_lines, open_feed, text_of, until
from process_workers import child, context, released_together, _post_from_another_process, _press  # the children import that module, not this one

pytestmark = pytest.mark.process



def _run_all(db_path, jobs) -> list:
    return released_together(_press, [(str(db_path), *job) for job in jobs])


def _count(db_path, sql: str, *params) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def test_reactions_and_saves_pressed_at_once_in_two_processes(db_path, hero):
    share = hero.shares.post("https://x.se/race", "Kapplöpning", "article", ["Ledarskap"])
    jobs = [
        ("erik", share.uuid, "useful", True, 20),  # the same person on two computers
        ("erik", share.uuid, "useful", True, 20),
        ("maja", share.uuid, "useful", True, 20),  # a colleague at the same time
        ("erik", share.uuid, "save", True, 20),
        ("erik", share.uuid, "save", True, 20),
    ]
    answers = _run_all(db_path, jobs)
    assert all(all(states) for _, states in answers)
    assert _count(db_path, "SELECT COUNT(*) FROM reaction") == 2  # one per person, never doubled
    assert _count(db_path, "SELECT COUNT(*) FROM saved_share") == 1
    assert _count(db_path, "SELECT COUNT(DISTINCT person_id) FROM reaction") == 2
    assert hero.shares.get(share.uuid).useful == 2

    # Taking it back in one process while the other presses it again: a row or none, never two.
    answers = _run_all(db_path, [("erik", share.uuid, "useful", False, 15), ("erik", share.uuid, "useful", True, 15)])
    assert _count(db_path, "SELECT COUNT(*) FROM reaction WHERE person_id = (SELECT id FROM person WHERE login='erik')") <= 1
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


async def test_a_colleagues_process_posting_shows_a_quiet_notice_and_nothing_moves(launch_for, hero_for, clock):
    erik = hero_for("erik")
    for n in range(30):
        erik.shares.post(f"https://erik.se/{n}", f"Eriks fynd {n}", "article", ["Ledarskap"])
        clock.advance(minutes=5)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        feed = screen.query_one(FeedList)
        await pilot.press("pagedown", "down", "down")
        await until(pilot, lambda: screen.detail_info is not None and screen.detail_info.uuid == feed.highlighted_item.uuid)
        highlighted, scroll, lines = feed.highlighted_item.uuid, feed.scroll_y, feed_lines(screen)
        ctx = context()
        done = ctx.Event()
        proc = child(ctx, _post_from_another_process, launch_for().target, 3, done)
        proc.start()
        proc.join(timeout=60)
        assert proc.exitcode == 0 and done.is_set()
        # The app polls PRAGMA data_version (every 0.2 s in tests) and asks how many are new.
        await until(pilot, lambda: "3 new shares - press g to show them" in text_of(screen))
        assert feed.highlighted_item.uuid == highlighted and feed.scroll_y == scroll
        assert feed_lines(screen) == lines
        assert screen.window.total == 30
        await pilot.press("g")
        await until(pilot, lambda: screen.window.total == 33 and "Majas fynd 2" in feed_lines(screen)[0])
        assert "new share" not in text_of(screen)
        await until(pilot, lambda: "Majas fynd 2" in detail_text(screen))
