"""The breakfast screen's dialogs: claim (or edit), confirm, hand over, answer an offer, and the
admins' date and rule forms. Each returns plain values; the screen calls the service."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from herotui.dialogs.base import HeroDialog
from herotui.dialogs.form import AsksBeforeDiscarding
from herotui.i18n import t
from herotui.widgets.one_line import OneLineInput
from herotui.services.breakfast import MAX_DESCRIPTION, MAX_TOPIC
from herotui.services.calendar_rules import parse_hhmm
from herotui.widgets.safe import safe


class _Dialog(HeroDialog):
    """The breakfast dialogs' base: the kit's dialog (translated keys, compact below 32 lines,
    failed work reported once) with this screen's stylesheet; Esc closes."""

    CSS_PATH = "breakfast_forms.tcss"
    BINDINGS = [Binding("escape", "close", "bind.close")]

    def action_close(self) -> None:
        self.dismiss(None)

    def _error(self, text: str) -> None:
        self.query_one(".bf-form-error", Static).update(Content(text))


class _Form(AsksBeforeDiscarding, _Dialog):
    """A breakfast form: Esc or Cancel with something typed or chosen asks before throwing it away."""

    def action_close(self) -> None:
        self.leave()

    def cancel(self) -> None:
        self.leave()


class ClaimForm(_Form):
    """Topic (required), a short description and focus areas. Dismisses with a dict or None."""

    BINDINGS = [Binding("ctrl+s", "save", "bind.bf.save")]

    def __init__(self, title: str, areas: list[str], *, topic: str = "", description: str = "",
                 chosen: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.title_text = title
        self.area_names = areas
        self.topic = topic
        self.description = description
        self.chosen = set(chosen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="bf-form", id="claim-form"):
            yield Static(Content.styled(self.title_text, "bold"), classes="bf-form-title")
            yield Static(t("breakfast.form.topic"), classes="bf-label")
            yield OneLineInput(self.topic, placeholder=t("breakfast.form.topic_placeholder"),
                        id="claim-topic")
            yield Static(t("breakfast.form.description"), classes="bf-label")
            text = TextArea(self.description, id="claim-description", soft_wrap=True, show_line_numbers=False)
            text.border_title = t("breakfast.form.description_hint", max=MAX_DESCRIPTION)
            yield text
            if self.area_names:
                yield Static(t("breakfast.form.areas"), classes="bf-label")
                yield SelectionList[str](
                    *[(safe(name), name, name in self.chosen) for name in self.area_names], id="claim-areas"
                )
            yield Static("", classes="bf-form-error")
            with Horizontal(classes="bf-buttons"):
                yield Button(t("breakfast.form.save"), variant="primary", id="claim-save")
                yield Button(t("word.cancel"), id="claim-cancel")

    def on_mount(self) -> None:
        # Textual also runs the base classes' on_mount (compact fields, remember what they hold).
        self.query_one("#claim-topic", Input).focus()

    @on(Input.Submitted, "#claim-topic")
    @on(Button.Pressed, "#claim-save")
    def action_save(self) -> None:
        topic = self.query_one("#claim-topic", Input).value.strip()
        if not topic:
            self._error(t("breakfast.error.topic_required"))
            self.query_one("#claim-topic", Input).focus()
            return
        if len(topic) > MAX_TOPIC:
            self._error(t("breakfast.error.topic_too_long", max=MAX_TOPIC))
            self.query_one("#claim-topic", Input).focus()
            return
        description = self.query_one("#claim-description", TextArea).text
        if len(description) > MAX_DESCRIPTION:
            self._error(t("breakfast.error.description_too_long", max=MAX_DESCRIPTION))
            return
        areas = list(self.query_one("#claim-areas", SelectionList).selected) if self.area_names else []
        self.dismiss({"topic": topic, "description": description, "areas": areas})

    @on(Button.Pressed, "#claim-cancel")
    def cancel(self) -> None:
        self.leave()


class HandoverForm(_Dialog):
    """Pick the colleague to offer your breakfast to. Dismisses with ("offer", login),
    ("withdraw", None) when an open offer is taken back, or None."""

    def __init__(self, title: str, people: list[tuple[str, str]], *, open_offer_to: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.people = people
        self.open_offer_to = open_offer_to

    def compose(self) -> ComposeResult:
        with Vertical(classes="bf-form", id="handover-form"):
            yield Static(Content.styled(self.title_text, "bold"), classes="bf-form-title")
            if self.open_offer_to:
                yield Static(Content.assemble(t("breakfast.form.offer_open") + " ", safe(self.open_offer_to, style="bold")))
            yield Input(placeholder=t("breakfast.form.filter"), id="handover-filter")
            yield OptionList(id="handover-people")
            yield Static("", classes="bf-form-error")
            with Horizontal(classes="bf-buttons"):
                yield Button(t("breakfast.form.offer"), variant="primary", id="handover-offer")
                if self.open_offer_to:
                    yield Button(t("breakfast.form.withdraw"), variant="warning", id="handover-withdraw")
                yield Button(t("word.cancel"), id="handover-cancel")

    def on_mount(self) -> None:
        # Textual also runs the base classes' on_mount (compact fields, remember what they hold).
        self._fill("")
        self.query_one("#handover-filter", Input).focus()

    def _fill(self, needle: str) -> None:
        needle = needle.strip().casefold()
        options = [
            Option(Content.assemble(safe(name), (f"  {login}", "dim")), id=login)
            for login, name in self.people
            if not needle or needle in name.casefold() or needle in login.casefold()
        ]
        listing = self.query_one("#handover-people", OptionList)
        listing.set_options(options)
        if options:
            listing.highlighted = 0

    @on(Input.Changed, "#handover-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#handover-filter")
    @on(Button.Pressed, "#handover-offer")
    def offer(self) -> None:
        listing = self.query_one("#handover-people", OptionList)
        option = listing.highlighted_option
        if option is None:
            self._error(t("breakfast.form.pick_someone"))
            return
        self.dismiss(("offer", option.id))

    @on(OptionList.OptionSelected, "#handover-people")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("offer", event.option.id))

    @on(Button.Pressed, "#handover-withdraw")
    def withdraw(self) -> None:
        self.dismiss(("withdraw", None))

    @on(Button.Pressed, "#handover-cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class OfferAnswer(_Dialog):
    """Accept (a) or decline (d) a colleague's offer; escape decides later."""

    BINDINGS = [Binding("a", "answer(True)", "bind.bf.accept"), Binding("d", "answer(False)", "bind.bf.decline")]

    def __init__(self, question: Content) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="bf-form bf-small"):
            yield Static(self.question, classes="bf-question")
            with Horizontal(classes="bf-buttons"):
                yield Button(t("breakfast.form.accept"), variant="primary", id="offer-accept")
                yield Button(t("breakfast.form.decline"), variant="warning", id="offer-decline")
                yield Button(t("breakfast.form.later"), id="offer-later")

    def action_answer(self, accept: bool) -> None:
        self.dismiss(accept)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"offer-accept": True, "offer-decline": False}.get(event.button.id or ""))


class DateTimeForm(_Form):
    """Date and time (and, for an extra breakfast, the length) of a breakfast, for admins."""

    BINDINGS = [Binding("ctrl+s", "save", "bind.bf.save")]

    def __init__(self, title: str, day: date, start: str, minutes: int | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.day = day
        self.start = start
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical(classes="bf-form bf-small", id="date-form"):
            yield Static(Content.styled(self.title_text, "bold"), classes="bf-form-title")
            yield Static(t("breakfast.form.date"), classes="bf-label")
            yield Input(self.day.isoformat(), placeholder="2026-12-04", id="form-date", max_length=10)
            yield Static(t("breakfast.form.time"), classes="bf-label")
            yield Input(self.start, placeholder="08:00", id="form-time", max_length=5)
            if self.minutes is not None:
                yield Static(t("breakfast.form.minutes"), classes="bf-label")
                yield Input(str(self.minutes), id="form-minutes", type="integer", max_length=3)
            yield Static("", classes="bf-form-error")
            with Horizontal(classes="bf-buttons"):
                yield Button(t("breakfast.form.save"), variant="primary", id="form-save")
                yield Button(t("word.cancel"), id="form-cancel")

    def on_mount(self) -> None:
        # Textual also runs the base classes' on_mount (compact fields, remember what they hold).
        self.query_one("#form-date", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        raw_day = self.query_one("#form-date", Input).value.strip()
        raw_time = self.query_one("#form-time", Input).value.strip()
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            self._error(t("breakfast.error.bad_date", value=raw_day))
            return
        try:
            start = f"{parse_hhmm(raw_time):%H:%M}"
        except ValueError:
            self._error(t("breakfast.error.bad_time", value=raw_time))
            return
        result: dict = {"day": day, "start": start}
        if self.minutes is not None:
            raw = self.query_one("#form-minutes", Input).value.strip()
            if not raw.isdigit() or not 15 <= int(raw) <= 240:
                self._error(t("breakfast.error.bad_minutes", low=15, high=240))
                return
            result["minutes"] = int(raw)
        self.dismiss(result)

    @on(Button.Pressed, "#form-cancel")
    def cancel(self) -> None:
        self.leave()


class RuleForm(_Form):
    """The organisation's rule: which weekday of the month, from when, for how long."""

    BINDINGS = [Binding("ctrl+s", "save", "bind.bf.save")]

    def __init__(self, rule: dict) -> None:
        super().__init__()
        self.rule = rule

    def compose(self) -> ComposeResult:
        with Vertical(classes="bf-form bf-small", id="rule-form"):
            yield Static(Content.styled(t("breakfast.form.rule_title"), "bold"), classes="bf-form-title")
            yield Static(t("breakfast.form.rule_help"), classes="bf-note")
            with Horizontal(classes="bf-row"):
                yield Select([(t(f"breakfast.rule.nth.{n}"), n) for n in (1, 2, 3, 4, 5, -1)],
                             value=self.rule["nth"], allow_blank=False, id="rule-nth")
                yield Select([(t(f"breakfast.weekday.{d}"), d) for d in range(1, 8)],
                             value=self.rule["weekday"], allow_blank=False, id="rule-weekday")
            yield Static(t("breakfast.form.time"), classes="bf-label")
            yield Input(str(self.rule["start"]), id="rule-start", max_length=5)
            yield Static(t("breakfast.form.minutes"), classes="bf-label")
            yield Input(str(self.rule["minutes"]), id="rule-minutes", type="integer", max_length=3)
            yield Static("", classes="bf-form-error")
            with Horizontal(classes="bf-buttons"):
                yield Button(t("breakfast.form.save"), variant="primary", id="rule-save")
                yield Button(t("word.cancel"), id="rule-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#rule-save")
    def action_save(self) -> None:
        raw_start = self.query_one("#rule-start", Input).value.strip()
        raw_minutes = self.query_one("#rule-minutes", Input).value.strip()
        try:
            start = f"{parse_hhmm(raw_start):%H:%M}"
        except ValueError:
            self._error(t("breakfast.error.bad_time", value=raw_start))
            return
        if not raw_minutes.isdigit() or not 15 <= int(raw_minutes) <= 240:
            self._error(t("breakfast.error.bad_minutes", low=15, high=240))
            return
        self.dismiss({
            "nth": self.query_one("#rule-nth", Select).value,
            "weekday": self.query_one("#rule-weekday", Select).value,
            "start": start,
            "minutes": int(raw_minutes),
        })

    @on(Button.Pressed, "#rule-cancel")
    def cancel(self) -> None:
        self.leave()
