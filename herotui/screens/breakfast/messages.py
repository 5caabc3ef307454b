"""What the breakfast screen's panes tell the screen: small dataclass messages (after Toolong's
`messages.py`). The panes draw what they are given; a person's move in a pane comes back as one of
these and the screen decides what to show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.message import Message


@dataclass
class SlotHighlighted(Message):
    """The highlight in the list moved to the breakfast `uuid` (by keys, a click or a redraw)."""

    uuid: str


@dataclass
class DayChosen(Message):
    """A day in the month grid was clicked (a local date; it may have no breakfast)."""

    day: date


@dataclass
class MonthStep(Message):
    """The grid's ‹ or › was clicked: `step` months back (-1) or on (+1)."""

    step: int
