"""The share screen's flows through other screens and programs: posting, editing and deleting a
share, the statistics, the focus areas, and handing a link to the browser or the clipboard.

`ShareFlows` is mixed into `SharesScreen`: a flow opens a dialog and waits for its answer, so it
belongs to the screen, which outlives its panes (a language change composes the panes anew, and
a flow must not be cut off by that). Each flow's database work runs in a worker.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from herotui.i18n import t
from herotui.services.actions import Queued
from herotui.services.links import is_web_url
from herotui.services.shares import FeedItem, ShareInfo
from herotui.text import clean_line
from herotui.widgets.safe import safe

if TYPE_CHECKING:
    from herotui.screens.shares.state import FeedState


def as_item(share: FeedItem) -> FeedItem:
    """A feed line from a share in full (a `ShareInfo` carries the note besides)."""
    if type(share) is FeedItem:
        return share
    return FeedItem(**{name: getattr(share, name) for name in FeedItem.__dataclass_fields__})


FormResult = tuple[Literal["posted", "edited", "open"], Any]
"""What `ShareFormScreen` dismisses with: ("posted" | "edited", ShareInfo | Queued) or ("open", uuid)."""


class ShareFlows:
    """Flows of `SharesScreen` (see the module docstring). Expects the screen's `state`,
    `feed`, `feed_pane`, `detail_pane`, `reload`, `set_reading`, `show_filters`, `show_notice` and
    `_need_current`."""

    state: "FeedState"

    # -- links -----------------------------------------------------------------------------------

    def open_link(self, url: str) -> None:
        """Open `url` in a browser (in a worker); a link that is not http(s) is refused with a notice."""
        self.run_worker(partial(self._open_url, url), group="share-browser", exit_on_error=False)

    async def _open_url(self, url: str) -> None:
        from herotui.widgets.share_links import open_with_browser

        open_with_browser = self.app.launch.open_url or open_with_browser
        if not is_web_url(url):  # rows written by older versions or other tools are checked too
            self.notify(t("share.link.refused", link=clean_line(url)[:80]), severity="warning", markup=False)
            return
        if self.app.is_web:
            self.app.open_url(url)
            self.notify(t("share.link.opened"))
            return
        if await asyncio.to_thread(open_with_browser, url):
            self.notify(t("share.link.opened"))
        else:
            self.notify(t("share.link.no_browser"), severity="warning", timeout=8)

    def copy_link(self, url: str) -> None:
        """Copy `url` to the clipboard: the system's (pyperclip, in a thread) and the terminal's (OSC 52)."""
        self.run_worker(partial(self._copy, url), group="share-copy", exit_on_error=False)

    async def _copy(self, url: str) -> None:
        from herotui.widgets.share_links import copy_with_pyperclip

        copy_with_pyperclip = self.app.launch.copy_text or copy_with_pyperclip
        copied = await asyncio.to_thread(copy_with_pyperclip, url)
        # OSC 52 as well, always: it reaches the clipboard of a terminal on another machine (SSH).
        self.app.copy_to_clipboard(url)
        if copied:
            self.notify(t("share.copy.system"))
        else:
            self.notify(t("share.copy.terminal"), timeout=8)

    # -- posting, editing, deleting ----------------------------------------------------------------

    def action_new(self) -> None:
        from herotui.screens.share_form import ShareFormScreen

        if self.hero is None:
            self.notify(t("status.not_ready"), severity="warning")
            return
        self.app.push_screen(ShareFormScreen(), self._form_done)

    def action_edit(self) -> None:
        from herotui.screens.share_form import ShareFormScreen

        item = self._need_current()
        if item is None:
            return
        if not item.can_edit:
            self.notify(t("share.error.not_yours"), severity="warning")
            return

        async def load() -> None:
            info = await self.db(self.hero.shares.get, item.uuid)
            self.app.push_screen(ShareFormScreen(info), self._form_done)

        self.run_worker(load, group="share-edit", exclusive=True, exit_on_error=False)

    def _form_done(self, result: FormResult | None) -> None:
        if result is None:
            return
        verb, value = result
        if verb == "open":
            self.show_share(value)
        elif verb == "posted":
            if isinstance(value, Queued):
                self.state.pending_posts.append(value.uuid)
                self.show_notice()
            else:
                self.notify(t("share.posted", title=clean_line(value.title)), markup=False)
                self.reload(keep_uuid=value.uuid)
        elif verb == "edited":
            if isinstance(value, ShareInfo):
                self.state.window.replace_item(as_item(value))
                self.feed.refresh()
                if self.state.detail_uuid == value.uuid:
                    self.detail_pane.draw(value)
            self.notify(t("share.edited"))

    def show_share(self, uuid: str) -> None:
        """Show a share that may not be in the list (from the stats, or "already shared")."""
        index = self.state.window.index_of(uuid)
        if index is not None:
            self.feed.cursor = index
        self.detail_pane.load(uuid, delay=0)
        self.set_reading(True)

    def action_delete(self) -> None:
        from herotui.dialogs.confirm import Confirm

        item = self._need_current()
        if item is None:
            return
        if not item.can_edit:
            self.notify(t("share.error.not_yours"), severity="warning")
            return

        async def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            await self.db(self.hero.shares.delete, item.uuid)
            self.notify(t("share.deleted", title=clean_line(item.title)), markup=False)
            if self.state.detail_uuid == item.uuid:
                self.detail_pane.forget()
                self.set_reading(False)
            await self.feed_pane.reread()
            self.show_filters()

        self.app.push_screen(Confirm(t("share.delete.question"), t("share.delete.yes"), subject=safe(item.title),
                                     default="no"), confirmed)

    # -- other screens -----------------------------------------------------------------------------

    def action_stats(self) -> None:
        from herotui.screens.share_stats import ShareStatsScreen

        self.app.push_screen(ShareStatsScreen(), lambda uuid: self.show_share(uuid) if uuid else None)

    def action_manage_areas(self) -> None:
        from herotui.screens.share_areas import ShareAreasScreen

        if not self.app.person_is_admin:
            self.notify(t("error.admin_only"), severity="warning")
            return
        self.app.push_screen(ShareAreasScreen(), lambda changed: self.reload() if changed else None)
