"""The share feed screen driven with Pilot: every key, the dialogs, both layouts, hostile text."""

from __future__ import annotations

from datetime import timedelta
import asyncio
import threading

import pytest
from textual.widgets import Input, Markdown, OptionList, SelectionList, Static, TextArea

from herotui.app import make_app
from herotui.screens.share_areas import ShareAreasScreen
from herotui.dialogs.confirm import Confirm as ShareConfirmScreen
from herotui.dialogs.pick import Pick as SharePickScreen
from herotui.screens.share_dialogs import ShareDuplicateScreen
from herotui.screens.share_form import ShareFormScreen
from herotui.screens.share_stats import ShareStatsScreen
from herotui.screens.shares import SharesScreen
from herotui.services.hero import Hero
from herotui.store.models import Person, ReadMark, Reaction, SavedShare, Share
from herotui.widgets.feed_list import FeedList
from herotui.widgets.share_detail import ShareDetail
from conftest import EN_MONTHS, UNTIL_TIMEOUT, click, local_now, local_today, until




def shares_screen(app) -> SharesScreen:
    return next(s for s in app.screen_stack if isinstance(s, SharesScreen))


async def open_feed(app, pilot) -> SharesScreen:
    await app.ready.wait()
    await pilot.pause()
    await pilot.press("2")
    await until(pilot, lambda: any(isinstance(s, SharesScreen) for s in app.screen_stack), what="the share screen")
    screen = shares_screen(app)
    await until(pilot, lambda: screen.window.loaded)
    await pilot.pause()
    return screen


def feed_lines(screen) -> list[str]:
    from textual.css.query import NoMatches

    try:
        feed = screen.query_one(FeedList)
    except NoMatches:  # being composed anew (a language switch)
        return []
    return [feed.render_line(y).text.rstrip() for y in range(feed.scrollable_content_region.height)]


def detail_text(screen) -> str:
    """The detail pane's text; empty while the pane is being composed anew (a language switch)."""
    from textual.css.query import NoMatches

    try:
        detail = screen.query_one(ShareDetail)
        parts = [str(detail.query_one("#share-detail-head", Static).render())]
        note = detail.query_one(Markdown)
    except NoMatches:
        return ""
    if note.display:
        parts += [str(block.render()) for block in note.query("*") if isinstance(block, Static)]
    return "\n".join(parts)


def text_of(node) -> str:
    return "\n".join(str(w.render()) for w in node.query(Static) if w.display)


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def colleague(app, login: str, clock) -> Hero:
    """Someone else writing to the same file while the app runs (another connection, this thread)."""
    other = Hero(app.hero.store, login, clock=clock)
    other.people.ensure_me()
    return other


def post(hero, n, title, **kw):
    kw.setdefault("areas", ["Ledarskap"])
    return hero.shares.post(kw.pop("url", f"https://example.com/{n}"), title, kw.pop("kind", "article"),
                            kw.pop("areas"), **kw)


@pytest.fixture
def three(hero_for, clock):
    """Erik's three shares, an hour apart; the newest last."""
    erik = hero_for("erik")
    erik.people.set_display_name("Erik Lind")
    made = []
    for n, title in enumerate(["Första fyndet", "Andra fyndet", "Tredje fyndet"]):
        made.append(post(erik, n, title, note=f"# Rubrik {n}\n\nText med **fetstil** och [en länk](https://example.org/{n})."))
        clock.advance(hours=1)
    return made


# -- reading -----------------------------------------------------------------------------------


async def test_feed_shows_newest_first_two_lines_each_with_unread_marks(launch_for, three):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        lines = feed_lines(screen)
        assert "Tredje fyndet" in lines[0] and "Erik Lind" in lines[1] and "Ledarskap" in lines[1]
        assert "Andra fyndet" in lines[2] and "Första fyndet" in lines[4]
        assert lines[0].startswith("●")  # newer than anna's last visit (her first: two weeks back)
        assert "1 h ago" in lines[1] and "2 h ago" in lines[3]
        assert "3 shown" in text_of(screen)
        await until(pilot, lambda: "Tredje fyndet" in detail_text(screen))


async def test_the_first_page_is_read_before_the_visit_is_recorded(launch_for, three, hero):
    """Pressing 2 reads the feed's first page before it records the visit (a write that could wait
    on a busy drive), and the visit is recorded once the page is on screen (issue 16, row 3b)."""
    statements: list[tuple[str, bool]] = []

    def on_screen() -> bool:
        return any(isinstance(s, SharesScreen) and s.window.loaded for s in list(app.screen_stack))

    def trace(store) -> None:
        # Each statement the database thread runs, with whether the feed was on screen by then.
        store.db.connection().set_trace_callback(lambda sql: statements.append((sql, on_screen())))

    app = make_app(launch_for(), on_connect=trace)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await pilot.pause()
        statements.clear()
        await pilot.press("2")
        await until(pilot, lambda: any(isinstance(s, SharesScreen) for s in app.screen_stack))
        screen = shares_screen(app)
        await until(pilot, lambda: any("feed_seen_at" in sql and sql.lstrip().upper().startswith("UPDATE")
                                       for sql, _ in statements), what="the visit recorded")
        page = next(i for i, (sql, _) in enumerate(statements) if 'FROM "share"' in sql and "LIMIT" in sql)
        visit = next(i for i, (sql, _) in enumerate(statements)
                     if "feed_seen_at" in sql and sql.lstrip().upper().startswith("UPDATE"))
        assert page < visit, [sql[:60] for sql, _ in statements[: visit + 1]]
        assert statements[visit][1], "the visit was recorded before the first page was on screen"
        # Same final state as before: the visit is recorded, the shares newer than the last are new
        # (the list is drawn at the screen's own pace, so its first line may come a frame later).
        assert screen.window.total == 3
        await until(pilot, lambda: feed_lines(screen)[:1] and feed_lines(screen)[0].startswith("●"),
                    what="the first share drawn as new")
    anna = hero.store.read(lambda: Person.get(Person.login_key == "anna"))
    assert anna.feed_seen_at is not None


async def test_an_empty_feed_says_what_to_do(launch_for):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        assert "No shares yet - press n to share your first find." in text_of(screen)
        assert not screen.query_one(FeedList).display


async def test_arrows_move_and_enter_reads_the_share_in_markdown(launch_for, three, hero):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: "Andra fyndet" in detail_text(screen))
        text = detail_text(screen)
        assert "Rubrik 1" in text and "fetstil" in text and "**" not in text  # rendered, not raw
        assert "https://example.com/1" in text and "Erik Lind" in text
        assert screen.query_one(ShareDetail).has_focus
        await until(pilot, lambda: hero.store.read(lambda: ReadMark.select().count()) == 1)
        await until(pilot, lambda: not feed_lines(screen)[2].startswith("●"), what="the read share without its dot")
        await pilot.press("escape")
        assert screen.query_one(FeedList).has_focus
        await pilot.press("end")
        await until(pilot, lambda: "Första fyndet" in detail_text(screen))
        await pilot.press("home")
        await until(pilot, lambda: "Tredje fyndet" in detail_text(screen))


async def test_a_narrow_terminal_takes_turns_between_list_and_detail(launch_for, three):
    app = make_app(launch_for())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_feed(app, pilot)
        assert screen.has_class("-narrow")
        assert not screen.query_one(ShareDetail).display and screen.query_one(FeedList).size.width > 60
        await pilot.press("enter")
        await until(pilot, lambda: "Tredje fyndet" in detail_text(screen)
                    and screen.query_one(ShareDetail).size.width > 60)
        assert not screen.query_one("#share-list-pane").display
        await pilot.press("escape")
        await until(pilot, lambda: screen.query_one("#share-list-pane").size.width > 60)
        assert all(len(line) <= 80 for line in feed_lines(screen))


async def test_o_opens_the_link_in_a_browser_or_says_there_is_none(launch_for, three, desktop):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_feed(app, pilot)
        await pilot.press("o")
        await until(pilot, lambda: desktop.opened == ["https://example.com/2"])
        await until(pilot, lambda: "opened in your browser" in notices(app))
        desktop.has_browser = False
        await pilot.press("o")
        await until(pilot, lambda: "No browser found here - press c to copy the link." in notices(app))


async def test_c_copies_with_pyperclip_and_always_through_the_terminal(launch_for, three, desktop):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_feed(app, pilot)
        await pilot.press("c")
        await until(pilot, lambda: "The link is copied" in notices(app))
        assert app.clipboard == "https://example.com/2"
        app.clear_notifications()
        desktop.has_clipboard = True
        await pilot.press("down", "c")
        await until(pilot, lambda: "copied to the clipboard" in notices(app))
        assert desktop.copied == ["https://example.com/1"] and app.clipboard == "https://example.com/1"


async def test_u_reacts_useful_and_takes_it_back(launch_for, three, hero):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("u")
        await until(pilot, lambda: "♥ 1" in feed_lines(screen)[1])
        assert hero.store.read(lambda: Reaction.select().count()) == 1
        await pilot.press("u")
        await until(pilot, lambda: "♥" not in feed_lines(screen)[1])
        assert hero.store.read(lambda: Reaction.select().count()) == 0


async def test_s_saves_and_v_shows_what_was_saved(launch_for, three, hero):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("down", "s")
        await until(pilot, lambda: "★" in feed_lines(screen)[3])
        assert hero.store.read(lambda: SavedShare.select().count()) == 1
        await pilot.press("v")
        await until(pilot, lambda: screen.filters.saved and screen.window.loaded and screen.window.total == 1)
        assert "Andra fyndet" in feed_lines(screen)[0] and "Saved" in text_of(screen)
        await pilot.press("s")
        await until(pilot, lambda: hero.store.read(lambda: SavedShare.select().count()) == 0)
        await pilot.press("v")
        await until(pilot, lambda: not screen.filters.saved and screen.window.total == 3)


async def test_r_toggles_read_R_marks_all_and_h_hides_read(launch_for, three, hero):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        assert sum(line.startswith("●") for line in feed_lines(screen)) == 3
        await pilot.press("r")
        await until(pilot, lambda: not feed_lines(screen)[0].startswith("●"))
        await pilot.press("r")
        await until(pilot, lambda: feed_lines(screen)[0].startswith("●"))
        await pilot.press("down", "r", "h")
        await until(pilot, lambda: screen.filters.unread_only and screen.window.loaded and screen.window.total == 2)
        assert "unread only" in text_of(screen)
        await pilot.press("R")
        await until(pilot, lambda: screen.window.loaded and screen.window.total == 0)
        assert "All read - press h to show read shares too." in text_of(screen)
        await pilot.press("h")
        await until(pilot, lambda: screen.window.loaded and screen.window.total == 3)
        assert not any(line.startswith("●") for line in feed_lines(screen))


async def test_slash_searches_as_you_type_and_x_clears(launch_for, three):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("slash")
        assert screen.query_one("#share-search", Input).has_focus
        await pilot.press(*"andra", "enter")
        await until(pilot, lambda: screen.window.loaded and screen.window.total == 1)
        assert "Andra fyndet" in feed_lines(screen)[0]
        assert screen.query_one(FeedList).has_focus
        await pilot.press("slash", "ctrl+u", *'"* NEAR( AND', "enter")
        await until(pilot, lambda: screen.window.loaded and screen.filters.search == '"* NEAR( AND')
        assert "Nothing matches - press x" in text_of(screen) and app.is_running
        await pilot.press("escape", "x")
        await until(pilot, lambda: screen.window.loaded and screen.window.total == 3)
        assert screen.query_one("#share-search", Input).value == ""


async def test_a_k_p_filter_by_area_kind_and_person(launch_for, three, hero_for):
    maja = hero_for("maja")
    post(maja, 9, "Majas podd", kind="podcast", areas=["AI i HR"])
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, SharePickScreen))
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0] == "Every focus area" and any(label.startswith("AI i HR") for label in labels)
        options.highlighted = next(i for i, label in enumerate(labels) if label.startswith("AI i HR"))
        await pilot.press("enter")
        await until(pilot, lambda: screen.window.loaded and screen.filters.area == "AI i HR")
        assert screen.window.total == 1 and "area: AI i HR" in text_of(screen)
        await pilot.press("x", "k")
        await until(pilot, lambda: isinstance(app.screen, SharePickScreen))
        await pilot.press("down", "down", "enter")  # every kind, article, podcast
        await until(pilot, lambda: screen.window.loaded and screen.filters.kind == "podcast")
        assert screen.window.total == 1
        await pilot.press("x", "p")
        await until(pilot, lambda: isinstance(app.screen, SharePickScreen))
        await pilot.press("down", "enter")  # everyone, Erik Lind, maja
        await until(pilot, lambda: screen.window.loaded and screen.filters.by == "erik")
        assert screen.window.total == 3 and "by: Erik Lind" in text_of(screen)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, SharePickScreen))
        await pilot.press("escape")
        assert screen.filters.by == "erik"


# -- writing -----------------------------------------------------------------------------------


async def fill_form(pilot, form: ShareFormScreen, *, url="", title="", areas=(), tags="", note="") -> None:
    await until(pilot, lambda: form.query_one("#share-form-areas", SelectionList).option_count > 0)
    form.query_one("#share-form-url", Input).value = url
    form.query_one("#share-form-name", Input).value = title
    for area in areas:
        form.query_one("#share-form-areas", SelectionList).select(area)
    form.query_one("#share-form-tags", Input).value = tags
    form.query_one("#share-form-note", TextArea).text = note
    await pilot.pause()


async def test_n_posts_a_share_that_appears_on_top(launch_for, three, hero):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ShareFormScreen))
        form = app.screen
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Please give a title." in text_of(form))
        await fill_form(pilot, form, url="https://nytt.example.se/a", title="Nytt fynd", areas=["Ledarskap"],
                        tags="mall, #Case", note="*kort*")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen and screen.window.loaded and screen.window.total == 4)
        assert "Nytt fynd" in feed_lines(screen)[0]
        await until(pilot, lambda: "Shared: Nytt fynd" in notices(app))
    share = hero.store.read(lambda: Share.get(Share.title == "Nytt fynd"))
    assert share.url == "https://nytt.example.se/a"


async def test_an_already_shared_link_offers_to_open_it_or_post_anyway(launch_for, three, hero, clock):
    posted = (local_now(clock) - timedelta(hours=3)).date()  # "three" began three hours ago
    when = f"{posted.day} {EN_MONTHS[posted.month - 1]}" + (
        f" {posted.year}" if posted.year != local_today(clock).year else "")
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        for choice, expected_total in (("share-dup-open", 3), ("share-dup-post", 4)):
            await pilot.press("escape")
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, ShareFormScreen))
            await fill_form(pilot, app.screen, url="http://www.example.com/0/", title="Igen", areas=["Ledarskap"])
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, ShareDuplicateScreen))
            assert f"This link was already shared by Erik Lind on {when}." in text_of(app.screen)
            await click(pilot, f"#{choice}")
            await until(pilot, lambda: app.screen is screen and screen.window.total == expected_total)
            if choice == "share-dup-open":
                await until(pilot, lambda: "Första fyndet" in detail_text(screen))


async def test_e_edits_your_own_and_refuses_someone_elses(launch_for, three, hero_for):
    post(hero_for("maja"), 7, "Majas egen", areas=["AI i HR"])
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("down")  # Maja's is on top; Erik's newest comes next
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ShareFormScreen))
        form = app.screen
        await until(pilot, lambda: form.query_one("#share-form-name", Input).value == "Tredje fyndet")
        form.query_one("#share-form-name", Input).value = "Tredje fyndet, rättat"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen and "rättat" in feed_lines(screen)[2])
        await until(pilot, lambda: "rättat" in detail_text(screen))
        await pilot.press("home", "e")
        await until(pilot, lambda: "You can only change your own shares." in notices(app))
        assert app.screen is screen


async def test_d_deletes_after_asking(launch_for, three, hero):
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ShareConfirmScreen))
        assert "Tredje fyndet" in text_of(app.screen)
        await pilot.press("escape")
        assert screen.window.total == 3
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ShareConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: screen.window.total == 2)
        assert "Andra fyndet" in feed_lines(screen)[0]
        await until(pilot, lambda: "Deleted: Tredje fyndet" in notices(app))
    assert hero.store.read(lambda: Share.select().count()) == 2


async def test_t_shows_the_most_useful_and_enter_opens_one(launch_for, three, hero_for):
    hero_for("maja").shares.set_useful(three[0].uuid, True)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ShareStatsScreen)
                    and "Ledarskap" in text_of(app.screen) and "3" in text_of(app.screen))
        stats = app.screen
        week = stats.query_one("#share-stats-week", OptionList)
        await until(pilot, lambda: week.option_count == 1)
        assert "Första fyndet" in str(week.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen and "Första fyndet" in detail_text(screen))


async def test_A_lets_admins_curate_focus_areas(launch_for, three, hero):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, ShareAreasScreen))
        dialog = app.screen
        options = dialog.query_one("#share-areas-list", OptionList)
        await until(pilot, lambda: options.option_count == 8)
        dialog.query_one("#share-areas-name", Input).value = "Mångfald"
        await click(pilot, "#share-areas-add")
        await until(pilot, lambda: options.option_count == 9)
        names = [a.name for a in dialog.areas]
        options.highlighted = names.index("Ledarskap")
        dialog.query_one("#share-areas-name", Input).value = "Ledarskap och chefskap"
        await click(pilot, "#share-areas-rename")
        await until(pilot, lambda: "Ledarskap och chefskap" in [a.name for a in dialog.areas])
        options.highlighted = [a.name for a in dialog.areas].index("Ledarskap och chefskap")
        await click(pilot, "#share-areas-retire")
        await until(pilot, lambda: any(a.retired for a in dialog.areas))
        assert "Ledarskap och chefskap  3 shares (retired)" in " ".join(
            str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen and screen.window.loaded)
        assert "Ledarskap och chefskap" in feed_lines(screen)[1]  # a retired area keeps its shares
    assert "Mångfald" in [a.name for a in hero.areas.list()]


async def test_A_is_for_admins_only(launch_for, three):
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("A")
        await until(pilot, lambda: "Only admins may do that." in notices(app))
        assert app.screen is screen


async def test_g_shows_new_shares_and_the_list_does_not_jump_before(launch_for, three, hero_for, clock):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("down")
        await until(pilot, lambda: "Andra fyndet" in detail_text(screen))
        before = feed_lines(screen)
        maja = colleague(app, "maja", clock)
        for n in range(3):
            post(maja, 20 + n, f"Nytt {n}")
        screen.database_changed()  # what the app's data_version poll does
        await until(pilot, lambda: "3 new shares - press g to show them" in text_of(screen))
        assert feed_lines(screen) == before and screen.query_one(FeedList).cursor == 1
        await pilot.press("g")
        await until(pilot, lambda: screen.window.total == 6 and not screen.newer)
        assert "Nytt 2" in feed_lines(screen)[0]
        assert "new share" not in text_of(screen)


def held_call(monkeypatch, service, name: str):
    """Make `service.<name>` wait on the database thread until the test sets the returned `go`
    event, then run for real; `asked` is set when the call starts. Returns (asked, go)."""
    asked, go = threading.Event(), threading.Event()
    real = getattr(service, name)

    def held(*args, **kwargs):
        asked.set()
        assert go.wait(30), f"the test never let {name} through"
        return real(*args, **kwargs)

    monkeypatch.setattr(service, name, held)
    return asked, go


def record_calls(monkeypatch, app) -> list:
    """Record each `app.db(fn, *args)` as (fn, args) when it is handed to the database thread."""
    submitted: list = []
    real_db = app.db

    async def recording(fn, *args, **kwargs):
        submitted.append((fn, args))
        return await real_db(fn, *args, **kwargs)

    monkeypatch.setattr(app, "db", recording)
    return submitted


async def maja_posts_three(app, pilot, screen, clock) -> None:
    """Maja posts three shares, and the app's own poll has seen them (so that no later count of
    its own comes to hide a stale one)."""
    seen = app._data_version
    maja = colleague(app, "maja", clock)
    for n in range(3):
        post(maja, 20 + n, f"Nytt {n}")
    await until(pilot, lambda: app._data_version != seen, what="the poll seeing Maja's posts")
    await until(pilot, lambda: "3 new shares - press g to show them" in text_of(screen))


def change_worker(app):
    """The worker taking in a colleague's change that `database_changed` has just started.
    (Textual drops a worker from `app.workers` as soon as it ends, so a test keeps it.)"""
    return next(w for w in app.workers if w.group == "share-changed" and not w.is_finished)


async def finished_well(worker) -> None:
    """Wait for `worker` to end; Textual raises WorkerFailed or WorkerCancelled if it did not
    run to its end."""
    await asyncio.wait_for(worker.wait(), UNTIL_TIMEOUT)


async def test_a_count_of_new_shares_taken_before_g_does_not_come_back_after(launch_for, three, clock,
                                                                               monkeypatch):
    """A colleague's change is counted while "g" opens the feed again. The count was taken
    against the old window's top, so once the fresh window shows those shares it must be
    dropped; before, "3 new shares - press g" came back over a list that already showed them.
    The test holds the open and the count on their way back (the database calls are real)."""
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await maja_posts_three(app, pilot, screen, clock)
        shares, old_top = app.hero.shares, screen.window.bound
        open_asked, open_go = held_call(monkeypatch, shares, "open_feed")
        reopened = threading.Event()
        real_count = shares.newer_counts

        def late_count(*args, **kwargs):
            result = real_count(*args, **kwargs)
            assert reopened.wait(30), "the fresh window never arrived"
            return result

        monkeypatch.setattr(shares, "newer_counts", late_count)
        submitted = record_calls(monkeypatch, app)
        try:
            await pilot.press("g")
            await until(pilot, open_asked.is_set, what="the open on its way")
            screen.database_changed()
            changed = change_worker(app)
            # The count waits behind the held open, against the window still shown.
            await until(pilot, lambda: any(fn is late_count for fn, _ in submitted), what="the count handed over")
            assert [args[1] for fn, args in submitted if fn is late_count] == [old_top]
            open_go.set()
            await until(pilot, lambda: screen.window.total == 6, what="the fresh window")
            reopened.set()
            await finished_well(changed)
        finally:
            open_go.set()
            reopened.set()
        assert screen.newer == 0 and "new share" not in text_of(screen)
        assert "Nytt 2" in feed_lines(screen)[0]


async def test_a_refresh_overtaken_by_g_leaves_the_fresh_list_at_its_top(launch_for, three, clock, monkeypatch):
    """A colleague's change is being taken in (the shares in memory read again) when "g" opens
    the feed again. That refresh belongs to the old list: before, once it came back it moved
    the fresh list's cursor back to the share highlighted in the old one."""
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("down")
        await until(pilot, lambda: "Andra fyndet" in detail_text(screen))
        await maja_posts_three(app, pilot, screen, clock)
        shares = app.hero.shares
        real_open = shares.open_feed
        count_asked, count_go = held_call(monkeypatch, shares, "feed_count")
        submitted = record_calls(monkeypatch, app)
        try:
            screen.database_changed()
            changed = change_worker(app)
            await until(pilot, count_asked.is_set, what="the refresh on its way")
            await pilot.press("g")
            await until(pilot, lambda: any(fn == real_open for fn, _ in submitted), what="the open handed over")
            count_go.set()
            await until(pilot, lambda: screen.window.total == 6, what="the fresh window")
            await finished_well(changed)
        finally:
            count_go.set()
        assert screen.query_one(FeedList).cursor == 0 and "Nytt 2" in feed_lines(screen)[0]
        assert screen.newer == 0 and "new share" not in text_of(screen)


async def test_palette_offers_the_screens_main_actions(launch_for, three):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        names = [command.title for command in screen.palette_commands()]
        assert "Share a find" in names and "Manage focus areas" in names


async def test_switching_language_keeps_the_feed(launch_for, three):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        app.action_toggle_language()
        await until(pilot, lambda: "för 1 h sedan" in "\n".join(feed_lines(screen)))
        await until(pilot, lambda: "Fokusområden:" in detail_text(screen))
        await until(pilot, lambda: "Alla delningar" in text_of(screen))  # the filter line is redrawn last


async def test_an_untouched_edit_form_closes_at_once_after_its_areas_arrive(launch_for, three):
    """The share's own areas are ticked when the read of the areas returns, after the form
    opened: that is where the form starts, so Esc without a change closes at once (before, on a
    slow drive the ticks came after the starting values were taken, and Esc asked about changes
    nobody made), while ticking one more still asks."""
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        for change in (False, True):
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, ShareFormScreen))
            picker = app.screen.query_one("#share-form-areas", SelectionList)
            await until(pilot, lambda: picker.option_count > 0 and bool(picker.selected), what="the areas ticked")
            if change:
                picker.focus()
                await pilot.press("down", "space")
                await until(pilot, lambda: len(picker.selected) == 2, what="a second area ticked")
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is screen or isinstance(app.screen, ShareConfirmScreen))
            assert isinstance(app.screen, ShareConfirmScreen) is change
            if change:
                await pilot.press("y")
                await until(pilot, lambda: app.screen is screen)
