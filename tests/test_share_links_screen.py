"""The share screen and links (issue 14): a note's link opens exactly as written, and editing a
share's link to one already shared asks first, like posting."""

from __future__ import annotations

from textual.widgets import Input, Markdown

from herotui.app import make_app
from herotui.screens.share_dialogs import ShareDuplicateScreen
from herotui.screens.share_form import ShareFormScreen
from herotui.store.models import Share
from herotui.widgets.share_detail import ShareDetail
from conftest import click, until
from tests.test_share_screen import detail_text, open_feed

SHAREPOINT = "https://contoso.sharepoint.com/sites/HR/Delade%20dokument/Guide.pdf"


async def test_a_link_in_a_note_opens_exactly_as_written(launch_for, hero, desktop):
    hero.shares.post("https://example.se/guide", "Guiden", "article", ["Ledarskap"],
                     note=f"Läs [guiden]({SHAREPOINT}) före mötet.")
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("enter")
        await until(pilot, lambda: "mötet" in detail_text(screen))
        note = screen.query_one(ShareDetail).query_one(Markdown)
        paragraph = next(block for block in note.children if hasattr(block, "action_link"))
        # What a click on the link does: Textual's `link(...)` action with the parsed address.
        await paragraph.action_link(SHAREPOINT)
        await until(pilot, lambda: desktop.opened == [SHAREPOINT])  # before: decoded, then refused
        assert "only http" not in "\n".join(str(n.message) for n in app._notifications).lower()


async def test_editing_a_link_to_one_already_shared_asks_first(launch_for, hero):
    hero.shares.post("https://example.se/a", "Första", "article", ["Ledarskap"])
    mine = hero.shares.post("https://example.se/b", "Andra", "article", ["Ledarskap"])
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_feed(app, pilot)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ShareFormScreen))
        form = app.screen
        await until(pilot, lambda: form.query_one("#share-form-name", Input).value == "Andra")
        form.query_one("#share-form-url", Input).value = "http://www.example.se/a/"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ShareDuplicateScreen))  # before: saved silently
        assert "already shared" in "\n".join(str(w.render()) for w in app.screen.query("Static"))
        await click(pilot, "#share-dup-post")
        await until(pilot, lambda: app.screen is screen)
    assert hero.store.read(lambda: Share.get(Share.uuid == mine.uuid).url) == "http://www.example.se/a/"
