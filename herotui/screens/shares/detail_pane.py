"""The detail pane of the share screen: fetches the share it is asked to show, and draws it.

While the highlight races down the list the pane waits for it to settle (`DETAIL_DELAY`) before
it reads; an answer for a share no longer wanted is dropped. The organisation's time zone is
read once, with the first share shown. A clicked link in the note is posted as `OpenLink`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.widgets import Markdown

from herotui.dialogs.base import WorkErrors
from herotui.i18n import t
from herotui.screens.shares.messages import OpenLink
from herotui.widgets.share_detail import ShareDetail, written_link

if TYPE_CHECKING:
    from herotui.screens.shares.state import FeedState
    from herotui.services.shares import ShareInfo

DETAIL_DELAY = 0.12
"""Seconds the highlight must rest on a share before the pane reads it."""


class DetailPane(WorkErrors, ShareDetail):
    """`ShareDetail` (`#share-detail`) that loads its own share; `state.detail_uuid`/`detail_info`
    say what it shows."""

    def __init__(self, state: "FeedState", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = state
        self._timer = None

    def load(self, uuid: str, *, delay: float = DETAIL_DELAY) -> None:
        """Show share `uuid`; after `delay` seconds (0: at once) read it on the database thread."""
        self.state.detail_uuid = uuid
        if self._timer is not None:
            self._timer.stop()
        if delay:
            self._timer = self.set_timer(delay, lambda: self._start(uuid))
        else:
            self._start(uuid)

    def forget(self) -> None:
        """Show nothing any more (the share is gone or nothing matches the filters)."""
        self.state.detail_uuid = None
        self.state.detail_info = None

    def _start(self, uuid: str) -> None:
        if uuid == self.state.detail_uuid:
            self.run_worker(partial(self._fetch, uuid), group="share-detail", exclusive=True, exit_on_error=False)

    async def _fetch(self, uuid: str) -> None:
        if self.state.zone is None:
            self.state.zone = await self.app.db(self.app.hero.org.timezone)
        info = await self.app.db(self.app.hero.shares.find, uuid)
        if uuid != self.state.detail_uuid:
            return
        if info is None:
            self.state.detail_info = None
            await self.show_text(t("share.detail.gone"))
            return
        await self._draw(info)

    def draw(self, info: "ShareInfo") -> None:
        """Show `info` as it is (no read): after the person's own change, or a language change."""
        self.run_worker(partial(self._draw, info), group="share-detail-draw", exclusive=True, exit_on_error=False)

    def say(self, text: str) -> None:
        """Show a line of text instead of a share."""
        self.run_worker(partial(self.show_text, text), group="share-detail-draw", exclusive=True, exit_on_error=False)

    async def _draw(self, info: "ShareInfo") -> None:
        from zoneinfo import ZoneInfo

        self.state.detail_info = info
        await self.show(info, self.app.clock.now(), self.state.zone or ZoneInfo("Europe/Stockholm"))

    @on(Markdown.LinkClicked)
    def _note_link(self, message: Markdown.LinkClicked) -> None:
        message.stop()
        # Open the address exactly as the note wrote it, not Textual's decoded copy.
        self.post_message(OpenLink(written_link(message.href, self.links)))
