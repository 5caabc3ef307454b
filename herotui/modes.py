"""The app's main screens, one per mode (keys 1-4). The learning screen is the first one shown;
the others are imported when first built (after the first frame, see `herotui.warmup`)."""

from __future__ import annotations

from textual.screen import Screen

from herotui.screens.learning import LearningScreen


def _shares_screen() -> Screen:
    # Imported when first built (after the first frame): Markdown and the feed cost ~0.1 s.
    from herotui.screens.shares import SharesScreen

    return SharesScreen()


def _breakfast_screen() -> Screen:
    from herotui.screens.breakfast import BreakfastScreen

    return BreakfastScreen()


def _insights_screen() -> Screen:
    from herotui.screens.insights import InsightsScreen

    return InsightsScreen()


MODES = {"learn": LearningScreen, "shares": _shares_screen, "breakfast": _breakfast_screen,
         "insights": _insights_screen}
"""Mode name -> the screen class or a function that builds it (Textual's `App.MODES`)."""
