"""Posting a find, or editing one of your own: link, title, kind, focus areas, tags, note.

The form checks what it can without the database (`check_draft`), then asks whether the link
was already shared ("already shared by Anna Berg on 12 March": open that share, post anyway or
go back), then posts. It stays open on any refusal, so nothing typed is lost. It dismisses with
("posted" | "edited", ShareInfo | Queued), ("open", uuid) or None.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from herotui.dialogs.base import HeroDialog
from herotui.i18n import t
from herotui.presenters.shares import already_shared
from herotui.widgets.one_line import OneLineInput
from herotui.dialogs.form import AsksBeforeDiscarding
from herotui.services.errors import HeroError
from herotui.services.kinds import KINDS
from herotui.services.links import normalise_url
from herotui.services.shares import MAX_NOTE, MAX_TITLE, ShareInfo, check_draft
from herotui.widgets.safe import safe


class ShareFormScreen(AsksBeforeDiscarding, HeroDialog[tuple[str, Any] | None]):
    CSS_PATH = "share_form.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "bind.close"),
        Binding("ctrl+s", "save", "share.form.save_key"),
    ]

    def __init__(self, info: ShareInfo | None = None) -> None:
        super().__init__()
        self.info = info
        self.busy = False

    def compose(self) -> ComposeResult:
        info = self.info
        heading = t("share.form.edit_title") if info else t("share.form.new_title")
        with Vertical(id="share-form-box"):
            yield Static(Content.styled(heading, "bold"), id="share-form-title")
            with VerticalScroll(id="share-form-fields"):
                yield Static(t("share.form.link"), classes="share-form-label")
                yield OneLineInput(info.url if info else "", placeholder="https://", id="share-form-url",
                            compact=True)
                yield Static(t("share.form.title"), classes="share-form-label")
                yield OneLineInput(info.title if info else "", id="share-form-name", compact=True)
                yield Static(t("share.form.kind"), classes="share-form-label")
                yield Select([(t(f"kind.{k}"), k) for k in KINDS], value=info.kind if info else "article",
                             allow_blank=False, id="share-form-kind", compact=True)
                yield Static(t("share.form.areas"), classes="share-form-label")
                yield SelectionList[str](id="share-form-areas", compact=True)
                yield Static(t("share.form.tags"), classes="share-form-label")
                yield Input(", ".join(info.tags) if info else "", placeholder=t("share.form.tags_hint"),
                            id="share-form-tags", compact=True)
                yield Static(t("share.form.note"), classes="share-form-label")
                yield TextArea(info.note if info else "", id="share-form-note", soft_wrap=True, compact=True,
                               tab_behavior="focus")
                yield Static(id="share-form-count", classes="share-form-hint")
            yield Static(id="share-form-error")
            with Horizontal(id="share-form-buttons"):
                yield Button(t("share.form.save"), variant="primary", id="share-form-save", compact=True)
                yield Button(t("word.cancel"), id="share-form-cancel", compact=True)
                yield Static(t("share.form.keys"), id="share-form-keys")

    def on_mount(self) -> None:
        self._count_note()
        self.query_one("#share-form-url" if self.info is None else "#share-form-name", Input).focus()
        self._load_areas()

    @work(group="share-form-areas", exclusive=True, exit_on_error=False)
    async def _load_areas(self) -> None:
        areas = await self.app.db(self.app.hero.areas.list, include_retired=True)
        chosen = {name.lower() for name in (self.info.areas if self.info else ())}
        picker = self.query_one("#share-form-areas", SelectionList)
        selections = []
        for area in areas:
            # A retired area stays on the shares that have it, but is not offered anew.
            if area.retired and area.name.lower() not in chosen:
                continue
            label = safe(area.name)
            if area.retired:
                label = Content.assemble(label, (" " + t("share.area.retired"), "$text-muted"))
            selections.append(Selection(label, area.name, area.name.lower() in chosen))
        picker.add_options(selections)
        # The share's own areas, ticked now that they are known, are where the form starts.
        self.remember_fields("share-form-areas")
        if picker.option_count:
            picker.highlighted = 0  # so the first Space ticks something

    @on(TextArea.Changed, "#share-form-note")
    def _count_note(self) -> None:
        length = len(self.query_one("#share-form-note", TextArea).text)
        counter = self.query_one("#share-form-count", Static)
        counter.update(t("share.form.note_count", n=length, max=MAX_NOTE))
        counter.set_class(length > MAX_NOTE, "-over")

    def _error(self, text: str) -> None:
        self.query_one("#share-form-error", Static).update(Content(text))

    @on(Button.Pressed, "#share-form-cancel")
    def action_cancel(self) -> None:
        self.leave()  # asks first when something was typed


    @on(Button.Pressed, "#share-form-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        if not self.busy:
            self._save()

    @work(group="share-form-save", exclusive=True, exit_on_error=False)
    async def _save(self) -> None:
        from herotui.screens.share_dialogs import ShareDuplicateScreen

        url = self.query_one("#share-form-url", Input).value
        title = self.query_one("#share-form-name", Input).value
        kind = self.query_one("#share-form-kind", Select).value
        areas = list(self.query_one("#share-form-areas", SelectionList).selected)
        tags = self.query_one("#share-form-tags", Input).value
        note = self.query_one("#share-form-note", TextArea).text
        try:
            draft = check_draft(url, title, str(kind), areas, tags, note)
        except HeroError as exc:
            self._error(exc.message())
            return
        self._error("")
        self.busy = True
        shares = self.app.hero.shares
        try:
            force = False
            editing = self.info is not None
            duplicate = None
            if draft.url and not (editing and normalise_url(draft.url) == normalise_url(self.info.url or "")):
                duplicate = await self._duplicate_of(draft.url, self.info.uuid if editing else None)
            if duplicate is not None:
                choice = await self.app.push_screen_wait(ShareDuplicateScreen(already_shared(duplicate)))
                if choice == "open":
                    self.dismiss(("open", duplicate.uuid))
                    return
                if choice != "post":
                    return
                force = True
            if editing:
                result = await self.app.db(shares.edit, self.info.uuid, draft.url, draft.title, draft.kind,
                                           list(draft.areas), tags=draft.tags, note=draft.note, force=force)
                self.dismiss(("edited", result))
                return
            result = await self.app.db(shares.post, draft.url, draft.title, draft.kind, list(draft.areas),
                                       tags=draft.tags, note=draft.note, force=force)
            self.dismiss(("posted", result))
        finally:
            self.busy = False

    async def _duplicate_of(self, url: str, except_uuid: str | None):
        """The share this link was already shared as, or None - also when the database does not
        answer: the find is then saved (to the outbox) and "already shared" is checked when it is
        sent, as for `share add`. Without that, the check's timeout left the find unsaved."""
        from herotui.ui_work import DbCallFailed, is_outage

        try:
            return await self.app.db(self.app.hero.shares.find_duplicate, url, except_uuid=except_uuid)
        except DbCallFailed as exc:
            if is_outage(exc.__cause__):
                return None
            raise
