"""The dialog kit: typed results, explicit defaults, type-to-find, asking before throwing text away."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from conftest import until
from herotui.dialogs.confirm import Confirm
from herotui.dialogs.form import FormDialog
from herotui.dialogs.pick import Pick
from herotui.dialogs.prompt import Prompt, PromptAnswer
from herotui.widgets.one_line import OneLineInput, one_line


class Host(App):
    """A bare app that shows one dialog and keeps what it returned."""

    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


async def answer(dialog, *keys: str, size=(80, 24)):
    app = Host(dialog)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.screen is dialog and dialog.is_mounted)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await until(pilot, lambda: bool(app.results))
    return app.results[0]


async def test_confirm_defaults_to_cancel_and_says_so_with_enter():
    assert await answer(Confirm("Ta bort?", "Ta bort"), "enter") is False
    assert await answer(Confirm("Ta bort?", "Ta bort"), "y") is True
    assert await answer(Confirm("Ta bort?", "Ta bort"), "escape") is False


async def test_a_harmless_confirm_can_default_to_yes():
    assert await answer(Confirm("Dela igen?", default="yes", destructive=False), "enter") is True


async def test_prompt_returns_a_typed_answer_and_explains_over_long_text():
    dialog = Prompt("Mål", "Minuter i veckan", "60", [("save", "Spara")], max_length=3)
    app = Host(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: dialog.is_mounted)
        field = dialog.query_one("#prompt-value", Input)
        field.value = "12345"
        await pilot.press("enter")
        await until(pilot, lambda: "At most 3 characters" in str(dialog.query_one("#prompt-error").render()),
                    what="the length explained")
        assert not app.results
        field.value = " 90 "
        await pilot.press("enter")
        await until(pilot, lambda: bool(app.results))
    assert app.results == [PromptAnswer("save", "90")]


async def test_a_long_pick_list_finds_as_you_type():
    people = [(f"p{n}", f"Person {n:02d}") for n in range(30)] + [("maria", "Maria Åberg")]
    assert await answer(Pick("Vem?", people), *"åbe", "enter") == "maria"
    assert await answer(Pick("Vem?", people, current="p5"), "down", "enter") == "p6"


async def test_a_short_pick_list_has_no_find_field():
    dialog = Pick("Typ", [("a", "Artikel"), ("b", "Bok")], current="b")
    app = Host(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: dialog.is_mounted)
        assert not dialog.query("#pick-find")
        await pilot.press("enter")
        await until(pilot, lambda: bool(app.results))
    assert app.results == ["b"]


class NameForm(FormDialog[str | None]):
    def compose(self):
        yield OneLineInput("", id="name")

    def on_input_submitted(self, event) -> None:
        self.dismiss(event.value)


async def test_escape_on_a_form_with_typed_text_asks_first():
    form = NameForm()
    app = Host(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: form.is_mounted and form._initial is not None)
        form.query_one("#name").focus()
        await pilot.press(*"Anna")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("enter")  # default: keep editing
        await until(pilot, lambda: app.screen is form)
        assert form.query_one("#name", Input).value == "Anna"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: bool(app.results))
    assert app.results == [None]


class TypedAheadPick(Pick):
    """A down arrow handled before the dialog's first refresh, as a key typed straight after
    opening it is (call_later runs before call_after_refresh)."""

    def on_mount(self) -> None:  # runs before Pick.on_mount: a subclass's handler comes first
        self.call_later(lambda: self.query_one("#pick-list").action_cursor_down())


async def test_arrow_keys_typed_straight_after_opening_a_pick_are_kept():
    # Before, the highlight was set after the first refresh and undid the early key: Enter then
    # took the value the list opened on.
    kinds = [("all", "Every kind"), ("article", "Article"), ("podcast", "Podcast")]
    assert await answer(TypedAheadPick("Kind", kinds, current="article"), "enter") == "podcast"


async def test_a_long_pick_opens_scrolled_to_the_current_value():
    people = [(f"p{n}", f"Person {n:02d}") for n in range(60)]
    dialog = Pick("Vem?", people, current="p50")
    app = Host(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: dialog.is_mounted)
        options = dialog.query_one("#pick-list")
        await until(pilot, lambda: options.scroll_offset.y > 0, what="the list scrolled to p50")
        assert options.highlighted == 50
        top = options.scroll_offset.y
        assert top <= 50 < top + options.scrollable_content_region.height


class TypedAheadNameForm(NameForm):
    """Text that reaches the field before the form's first refresh (type-ahead)."""

    def on_mount(self) -> None:  # runs before the form's own on_mount
        self.call_later(lambda: setattr(self.query_one("#name", Input), "value", "Anna"))


async def test_text_typed_straight_after_opening_a_form_still_asks_before_it_is_thrown_away():
    # Before, the starting values were taken after the first refresh, so early text counted as
    # the form's own and Esc dropped it without a question.
    form = TypedAheadNameForm()
    app = Host(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: form.query_one("#name", Input).value == "Anna")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm), what="the question before discarding")


async def test_escape_on_an_untouched_form_closes_at_once():
    form = NameForm()
    assert await answer(form, "escape") is None


def test_pasted_lines_become_one_line():
    assert one_line("Första raden\nandra raden") == "Första raden andra raden"
    assert one_line("\n  https://example.se/a \n") == "https://example.se/a"
    assert one_line("a\r\n\tb\x1b[2J") == "a b[2J"


async def test_paste_into_a_one_line_field_keeps_every_line():
    from textual import events

    form = NameForm()
    app = Host(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: form.is_mounted)
        field = form.query_one("#name", Input)
        field.focus()
        field.post_message(events.Paste("\nhttps://example.se/lang\n"))
        await until(pilot, lambda: field.value == "https://example.se/lang")
        field.value = ""
        field.post_message(events.Paste("Två\nrader"))
        await until(pilot, lambda: field.value == "Två rader")


async def _escape_asks_first(form, change) -> None:
    """Open `form`, let `change(form)` alter a field as a person would, press Esc: a question must
    come (default: keep editing); Esc again and "y" throws the change away (None)."""
    app = Host(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: form.is_mounted and form._initial is not None, what="the form ready")
        await change(pilot, form)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm), what="the discard question")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is form, what="back in the form")
        assert not app.results
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: bool(app.results))
    assert app.results == [None]


async def _type_into(pilot, form, selector: str, text: str) -> None:
    field = form.query_one(selector, Input)
    field.focus()
    before = field.value
    await pilot.press("end", "backspace", *text)  # the last character replaced (fields have a length limit)
    await until(pilot, lambda: field.value == before[:-1] + text)


async def test_breakfast_date_and_rule_forms_ask_before_throwing_typed_text_away():
    from datetime import date

    from herotui.screens.breakfast_forms import DateTimeForm, RuleForm

    await _escape_asks_first(DateTimeForm("Flytta", date(2027, 1, 8), "08:00"),
                             lambda pilot, form: _type_into(pilot, form, "#form-time", "5"))
    rule = {"nth": 1, "weekday": 5, "start": "08:00", "minutes": 60}
    await _escape_asks_first(RuleForm(rule), lambda pilot, form: _type_into(pilot, form, "#rule-minutes", "5"))


async def test_the_insights_priority_form_asks_before_throwing_a_typed_target_away():
    from herotui.screens.insights_form import PriorityForm

    await _escape_asks_first(PriorityForm([("AI i HR", "high", 1200), ("Ledarskap", "normal", None)]),
                             lambda pilot, form: _type_into(pilot, form, "#ins-form-target", "5"))


async def test_a_changed_choice_counts_as_typed_too():
    from textual.widgets import SelectionList

    from herotui.screens.breakfast_forms import ClaimForm

    async def tick(pilot, form):
        areas = form.query_one("#claim-areas", SelectionList)
        areas.focus()
        await pilot.press("space")  # ticks the highlighted (first) area
        await until(pilot, lambda: list(areas.selected) == ["AI i HR"])

    await _escape_asks_first(ClaimForm("Värd", ["AI i HR", "Ledarskap"]), tick)


async def test_escape_on_a_changed_prompt_asks_first():
    await _escape_asks_first(Prompt("Mål", "Minuter i veckan", "60", [("save", "Spara")]),
                             lambda pilot, form: _type_into(pilot, form, "#prompt-value", "5"))
    assert await answer(Prompt("Mål", "Minuter i veckan", "60", [("save", "Spara")]), "escape") is None
