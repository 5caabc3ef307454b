"""Every screen and dialog, drawn at 80x24 and 120x40, in Swedish and English, in both themes.

With `HEROTUI_SCREENSHOTS=1` the drawings are kept as SVG files in `tests/screenshots-out/`
(ignored by git) for a reviewer to look at; otherwise they are not written (the SVG export was
three fifths of this test's time). From the same drawings, every piece of text is checked for contrast: WCAG 2 AA asks
4.5:1 between text and its background (w3.org/TR/WCAG21/#contrast-minimum; relative luminance
from https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). The colours are those Textual
resolved from the theme, taken from the cells the screen actually drew, so every style a screen
uses is covered, including dim text (blended the way Textual blends it).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from conftest import until
from herotui.app import make_app
from herotui.screens.breakfast import BreakfastScreen
from herotui.screens.learning import LearningScreen
from herotui.screens.shares import SharesScreen
from herotui.services.learning import make_draft

OUT = Path(__file__).parent / "screenshots-out"
KEEP_DRAWINGS = os.environ.get("HEROTUI_SCREENSHOTS") == "1"
AA = 4.5


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def drawn_pairs(app) -> dict[tuple, str]:
    """(foreground, background) of every run of visible text on screen -> a sample of that text.

    A dialog is checked on its own box: what is behind it is dimmed on purpose.
    """
    from rich.segment import Segment
    from textual.constants import DIM_FACTOR
    from textual.filter import dim_color

    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    box = app.screen.region
    if app.screen.is_modal and app.screen.children:
        box = app.screen.children[0].region
    pairs: dict[tuple, str] = {}
    lines = Segment.split_and_crop_lines(console.render(update), app.size.width, pad=False)
    for y, line in enumerate(lines):
        x = 0
        for segment in line:
            text, style = segment.text, segment.style
            start, x = x, x + segment.cell_length
            if not (box.y <= y < box.bottom and box.x <= start and x <= box.right):
                continue
            if style is None or not any(ch.isalnum() for ch in text):
                continue
            if text == "X" and style.color is not None and style.bgcolor is not None and \
                    contrast(tuple(style.color.get_truecolor()), tuple(style.bgcolor.get_truecolor())) < 2:
                continue  # an unticked box of a selection list: its X is drawn in the box's colour on purpose
            if style.color is None or style.bgcolor is None:
                continue
            fg, bg = style.color, style.bgcolor
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:
                fg = dim_color(bg, fg, DIM_FACTOR)
            pairs.setdefault((tuple(fg.get_truecolor()), tuple(bg.get_truecolor())), text.strip()[:30])
    return pairs


async def visit(app, pilot, name: str, found: dict) -> None:
    """Save a drawing of what is on screen now and note its colour pairs."""
    await pilot.pause()
    if KEEP_DRAWINGS:
        width, height = app.size
        OUT.mkdir(exist_ok=True)
        app.save_screenshot(f"{name}-{app.theme}-{width}x{height}.svg", path=str(OUT))
    for pair, sample in drawn_pairs(app).items():
        found.setdefault(pair, f"{name}: {sample}")


async def back(app, pilot, screen_class) -> None:
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(app.screen, screen_class))


async def dialog(app, pilot, key: str, kind: type | str, name: str, found: dict, behind) -> None:
    """Press `key`, wait for a screen of class `kind` (a class, or its name) on top, note the
    drawing as `name`, close it with Escape and wait for the screen class `behind`."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, kind) if isinstance(kind, type)
                else type(app.screen).__name__ == kind)
    await visit(app, pilot, name, found)
    await back(app, pilot, behind)


async def tour(app, pilot, lang: str, found: dict) -> None:
    """Every main screen and the dialogs a person meets first."""
    from herotui.dialogs.confirm import Confirm
    from herotui.dialogs.pick import Pick
    from herotui.screens.breakfast_forms import ClaimForm
    from herotui.screens.help import HelpScreen
    from herotui.screens.learning_forms import SessionForm
    from textual.command import CommandPalette

    await app.ready.wait()
    learning = next(s for s in app.screen_stack if isinstance(s, LearningScreen))
    await until(pilot, lambda: learning.overview is not None)
    await visit(app, pilot, f"{lang}-1-learning", found)
    await dialog(app, pilot, "l", SessionForm, f"{lang}-1-log-form", found, LearningScreen)
    await dialog(app, pilot, "d", Confirm, f"{lang}-1-delete-confirm", found, LearningScreen)
    await dialog(app, pilot, "question_mark", HelpScreen, f"{lang}-help", found, LearningScreen)
    await dialog(app, pilot, "ctrl+p", CommandPalette, f"{lang}-palette", found, LearningScreen)

    await pilot.press("2")
    shares = app.screen
    await until(pilot, lambda: isinstance(shares, SharesScreen) and shares.window.total > 0)
    await until(pilot, lambda: shares.detail_info is not None)
    await visit(app, pilot, f"{lang}-2-shares", found)
    await dialog(app, pilot, "k", Pick, f"{lang}-2-pick-kind", found, SharesScreen)

    await dialog(app, pilot, "n", "ShareFormScreen", f"{lang}-2-share-form", found, SharesScreen)
    await dialog(app, pilot, "p", Pick, f"{lang}-2-pick-person", found, SharesScreen)
    await dialog(app, pilot, "t", "ShareStatsScreen", f"{lang}-2-stats", found, SharesScreen)
    # The palette's theme picker and Textual's keys panel, in the person's language.
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette) and bool(app.screen.query("CommandList")))
    await pilot.press(*("Tangent" if lang == "sv" else "Keys"))
    await until(pilot, lambda: app.screen.query_one("CommandList").option_count > 0)
    await pilot.press("enter")
    await until(pilot, lambda: bool(app.screen.query("KeyPanel")))
    await visit(app, pilot, f"{lang}-2-keys-panel", found)
    app.action_hide_help_panel()
    app.search_themes()
    await until(pilot, lambda: isinstance(app.screen, CommandPalette) and bool(app.screen.query("CommandList"))
                and app.screen.query_one("CommandList").option_count == 2)
    await visit(app, pilot, f"{lang}-theme-picker", found)
    await back(app, pilot, SharesScreen)

    await pilot.press("3")
    breakfast = app.screen
    await until(pilot, lambda: isinstance(breakfast, BreakfastScreen) and breakfast.overview is not None)
    await visit(app, pilot, f"{lang}-3-breakfast", found)
    await dialog(app, pilot, "c", ClaimForm, f"{lang}-3-claim-form", found, BreakfastScreen)

    await pilot.press("4")
    insights = app.screen
    await until(pilot, lambda: type(insights).__name__ == "InsightsScreen" and insights.insights is not None)
    await visit(app, pilot, f"{lang}-4-insights", found)
    if app.person_is_admin:
        await dialog(app, pilot, "a", "PriorityForm", f"{lang}-4-priority-form", found, type(insights))


@pytest.fixture
def seeded(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    erik.people.set_display_name("Erik Lind")
    anna.learning.log(45, make_draft(title="Psykologisk trygghet i team – en lång titel som fyller raden",
                                     kind="article", areas=["Ledarskap"]))
    anna.learning.log(30, make_draft(title="Familj 👨‍👩‍👧‍👦 och flaggor 🇸🇪🇳🇴", kind="podcast"))
    erik.shares.post("https://example.se/las", "LAS-ändringarna 👨‍👩‍👧 förklarade", "article", ["Arbetsrätt"],
                     note="En **bra** genomgång.")
    anna.shares.post("https://example.se/egen", "Min egen delning", "video", ["Ledarskap"])
    return anna


# Each view is its own test, so that the test workers draw them side by side.
VIEWS = [("sv", (120, 40)), ("en", (80, 24)), ("sv", (80, 24))]


@pytest.mark.parametrize("theme", ["hero", "hero-light"])
@pytest.mark.parametrize("lang,size", VIEWS, ids=[f"{lang}-{w}x{h}" for lang, (w, h) in VIEWS])
async def test_every_drawn_text_reaches_wcag_aa_in_both_themes(launch_for, seeded, theme, lang, size):
    found: dict = {}
    launch = launch_for(lang=lang)
    launch.theme = theme
    app = make_app(launch)
    async with app.run_test(size=size) as pilot:
        await tour(app, pilot, lang, found)
    assert len(found) > 10  # the tour drew text in many colours: the check below had pairs to check
    poor = sorted(
        (round(contrast(fg, bg), 2), "#%02x%02x%02x" % fg, "#%02x%02x%02x" % bg, where)
        for (fg, bg), where in found.items() if contrast(fg, bg) < AA
    )
    assert not poor, "\n".join(map(str, poor))
