"""First run: what should colleagues see as your name?"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Static

from herotui.dialogs.base import HeroDialog
from herotui.i18n import t
from herotui.widgets.one_line import OneLineInput


class WelcomeScreen(HeroDialog[tuple[str, bool] | None]):
    """Asks for a display name; dismisses with (name, named_in_pulse) or None for "later"."""

    CSS_PATH = "welcome.tcss"
    BINDINGS = [Binding("escape", "later", "bind.later")]

    appeared_at: float | None = None
    """When the dialog appeared (Textual's event clock); keys typed earlier are not for it."""

    def __init__(self, login: str) -> None:
        super().__init__()
        self.login = login

    def on_mount(self) -> None:
        from textual._time import get_time

        self.appeared_at = get_time()
        # The name field has the keyboard from the start: Enter on what was typed saves it.
        self.query_one("#welcome-name", Input).focus()

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome-box"):
            yield Static(Content.styled(t("welcome.title"), "bold"), id="welcome-title")
            yield Static(t("welcome.body"), id="welcome-body")
            yield OneLineInput(placeholder=t("welcome.placeholder"), id="welcome-name")
            yield Checkbox(t("welcome.pulse"), value=True, id="welcome-pulse")
            yield Static("", id="welcome-error")
            yield Button(t("welcome.save"), variant="primary", id="welcome-save")

    @on(Input.Submitted)
    @on(Button.Pressed, "#welcome-save")
    def save(self) -> None:
        name = self.query_one("#welcome-name", Input).value.strip()
        if not name:
            self.query_one("#welcome-error", Static).update(t("error.name_required"))
            return
        from herotui.services.errors import HeroError
        from herotui.services.people import validate_display_name

        try:  # the rule itself explains what is wrong (a field limit would only ring the bell)
            validate_display_name(name)
        except HeroError as exc:
            self.query_one("#welcome-error", Static).update(Content(exc.message()))
            return
        self.dismiss((name, self.query_one("#welcome-pulse", Checkbox).value))

    def action_later(self) -> None:
        self.dismiss(None)


def ask_display_name(app) -> None:
    """The first start's question (the name colleagues see, and whether to be named in the pulse),
    saved in a worker once answered; a failure was already explained (`app.db`) and ends there."""

    async def save(name: str, named: bool) -> None:
        hero = app.hero
        await app.db(hero.people.set_display_name, name)
        await app.db(hero.people.set_named_in_pulse, named)
        me = await app.db(hero.people.me)
        app.apply_person(me)
        app.notify(t("welcome.thanks", name=me.display_name), markup=False)
        app.changed_here(None)  # the pulse line shows the choice at once

    def chosen(result: tuple[str, bool] | None) -> None:
        if result is not None:
            app.run_worker(partial(save, *result), group="welcome", exclusive=True, exit_on_error=False)

    app.push_screen(WelcomeScreen(app.launch.login), chosen)
