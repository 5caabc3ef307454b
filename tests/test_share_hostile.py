"""Text people typed is shown literally everywhere in the share feed: markup, escapes, control and
bidi characters, 10,000-character titles. Rows are written straight through the store layer, as an
older version or another tool might have left them, so nothing was cleaned on the way in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from herotui.presenters.shares import already_shared
from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Markdown, OptionList, Static

from herotui.app import make_app
from herotui.screens.share_areas import ShareAreasScreen
from herotui.dialogs.confirm import Confirm as ShareConfirmScreen
from herotui.dialogs.pick import Pick as SharePickScreen
from herotui.screens.share_dialogs import ShareDuplicateScreen
from herotui.screens.share_stats import ShareStatsScreen
from herotui.services.shares import Duplicate, FeedItem
from herotui.store import search
from herotui.store.models import FocusArea, Person, Reaction, Share, ShareArea, ShareTag, new_uuid
from herotui.text import clean_line
from herotui.widgets.feed_list import FeedList, item_lines
from herotui.widgets.share_detail import ShareDetail, detail_header

from hostile import HOSTILE_STRINGS

from conftest import click, until
from test_share_screen import detail_text, feed_lines, notices, open_feed, text_of

MOMENT = datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)
CONTROL = set(chr(c) for c in range(0x20) if chr(c) not in "\n") | {"\x7f", "\u202e"}


def visible(text: str) -> str:
    """What a title must look like on screen: the literal text, controls gone."""
    return clean_line(text)


@pytest.fixture
def hostile_bank(store):
    """One share per hostile string: as title, note, tag, author name and focus area."""

    def write() -> None:
        for index, text in enumerate(HOSTILE_STRINGS):
            person = Person.create(login=f"h{index}", display_name=text[:100], created_at=MOMENT)
            area = FocusArea.create(name=f"{text[:70]} #{index}", created_at=MOMENT)
            share_id = Share.insert(uuid=new_uuid(), person=person.id, url=f"https://x.se/{index}",
                                    url_key=f"https://x.se/{index}", title=text, kind="article", note=text,
                                    created_at=MOMENT - timedelta(minutes=index),
                                    updated_at=MOMENT).execute()
            ShareArea.insert(share=share_id, area=area.id).execute()
            ShareTag.insert(share=share_id, tag=text[:50]).execute()
            Reaction.insert(uuid=new_uuid(), share=share_id, person=person.id, created_at=MOMENT).execute()
            search.index_share(store.db, share_id, text, text, [text[:50]])

    store.write(write)
    return HOSTILE_STRINGS


def squeeze(text: str) -> str:
    return "".join(text.split())


def assert_clean(text: str) -> None:
    assert not (set(text) & CONTROL), repr(text[:80])


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_a_feed_line_is_literal_and_exactly_as_wide_as_asked(text):
    item = FeedItem(1, "u", None, "article", text, "https://x.se", "x", text, MOMENT, (text,), (text,), 3, True,
                    True, True, True)
    styles = {name: "" for name in ("meta", "kind", "unread", "title", "title_unread", "useful", "useful_mine",
                                    "saved")}
    for width in (20, 58, 80):
        first, second = item_lines(item, width, MOMENT, styles)
        assert first.cell_length == width and second.cell_length == width
        assert_clean(first.plain + second.plain)
    wide_first, _ = item_lines(item, 12_000, MOMENT, styles)
    assert visible(text) in wide_first.plain


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_the_detail_header_is_literal(text):
    from zoneinfo import ZoneInfo

    from herotui.services.shares import ShareInfo

    info = ShareInfo(1, "u", None, "article", text, "https://x.se/" + text[:20], "x", text, MOMENT, (text,),
                     (text[:50],), 1, False, False, False, False, note=text)
    header = detail_header(info, MOMENT, ZoneInfo("Europe/Stockholm"))
    assert isinstance(header, Content)
    assert visible(text) in header.plain
    assert_clean(header.plain)


async def test_feed_detail_and_markdown_show_hostile_text_literally(launch_for, hostile_bank):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        feed = screen.query_one(FeedList)
        assert screen.window.total == len(HOSTILE_STRINGS)
        for index, text in enumerate(HOSTILE_STRINGS):
            feed.cursor = index
            await until(pilot, lambda: screen.detail_info is not None and screen.detail_info.title == text)
            await pilot.pause()
            lines = feed_lines(screen)
            assert all(cell_len(line) <= feed.scrollable_content_region.width for line in lines)
            row = (index - feed.scroll_offset.y // 2) * 2
            assert visible(text)[:40] in lines[row] or visible(text)[:30] in lines[row]
            shown = detail_text(screen)
            # Every hostile string is on screen; a long one by its visible start (the pane wraps
            # and cuts it, so compare without the white space that wrapping adds).
            assert squeeze(visible(text)[:120]) in squeeze(shown), (text[:40], shown[:300])
            assert_clean(shown)
            assert app.is_running
        # The layout held: the list and the pane kept their widths through 10,000-character titles.
        assert feed.size.width > 50 and screen.query_one(ShareDetail).size.width > 30


async def test_markdown_markup_and_html_in_a_note_stay_text(launch_for, hero, desktop):
    note = ("[@click=app.quit]quit[/] and [bold red]red[/] and x[/]\n\n<b>html</b> <script>alert(1)</script>\n\n"
            "[a link](javascript:alert(1)) [ok](https://example.org/ok)")
    hero.shares.post("https://x.se/md", "Markdown", "article", ["Ledarskap"], note=note)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await until(pilot, lambda: "<b>html</b>" in detail_text(screen))
        text = detail_text(screen)
        assert "[@click=app.quit]quit[/]" in text and "[bold red]red[/]" in text and "x[/]" in text
        assert "<script>alert(1)</script>" in text
        await click(pilot, ShareDetail)
        blocks = [b for b in screen.query_one(Markdown).query("*") if hasattr(b, "action_link")]
        await blocks[0].action_link("javascript:alert(1)")
        await until(pilot, lambda: "Only http and https links are opened" in notices(app))
        await blocks[0].action_link("https://example.org/ok")
        await until(pilot, lambda: desktop.opened == ["https://example.org/ok"])
        await blocks[0].action_link("app.quit")
        await pilot.pause()
        assert app.is_running and desktop.opened == ["https://example.org/ok"]


async def test_dialogs_and_notifications_show_hostile_text_literally(launch_for, hostile_bank, hero):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        # Pick a person: display names as typed.
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, SharePickScreen))
        options = app.screen.query_one(OptionList)
        prompts = " ".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        assert "[@click=app.quit]y[/]" in prompts and "x[/]" in prompts
        assert_clean(prompts)
        await pilot.press("escape")
        # Pick a focus area.
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, SharePickScreen))
        options = app.screen.query_one(OptionList)
        prompts = " ".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        assert "[link=https://evil.example]z[/link] #3" in prompts
        await pilot.press("escape")
        # The most useful, and shares per area.
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ShareStatsScreen) and "[/bold]" in text_of(app.screen))
        week = app.screen.query_one("#share-stats-month", OptionList)
        await until(pilot, lambda: week.option_count > 3)
        month = " ".join(str(week.get_option_at_index(i).prompt) for i in range(week.option_count))
        assert "[bold red]x[/]" in month
        await pilot.press("escape")
        # Focus areas (admin).
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, ShareAreasScreen) and app.screen.areas)
        listed = app.screen.query_one("#share-areas-list", OptionList)
        names = " ".join(str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count))
        assert "[@click=app.quit]y[/] #1" in names
        await pilot.press("escape")
        # "Already shared by" a hostile name.
        dup = Duplicate("u", "t", "[@click=app.quit]Evil[/]", MOMENT, "25 November")
        app.push_screen(ShareDuplicateScreen(already_shared(dup)))
        await until(pilot, lambda: isinstance(app.screen, ShareDuplicateScreen)
                    and "[@click=app.quit]Evil[/]" in text_of(app.screen))
        await pilot.press("escape")
        # Delete a share titled with markup: the question and the notification show it literally.
        feed = screen.query_one(FeedList)
        feed.cursor = 2  # "x[/]"
        await until(pilot, lambda: screen.detail_info is not None and screen.detail_info.title == "x[/]")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ShareConfirmScreen))
        assert "x[/]" in text_of(app.screen)
        await pilot.press("y")
        await until(pilot, lambda: "Deleted: x[/]" in notices(app))
        feed.cursor = 0  # "[bold red]x[/]"
        await until(pilot, lambda: screen.detail_info is not None and screen.detail_info.title == "[bold red]x[/]")
        await pilot.press("s")
        await until(pilot, lambda: "Saved for later" in notices(app))
        assert app.is_running
