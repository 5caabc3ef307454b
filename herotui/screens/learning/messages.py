"""What the learning screen's panes tell the screen: small dataclass messages (after Toolong's
`messages.py`). The panes draw what the screen gives them; choices a person makes in a pane come
back to the screen as one of these, and the screen decides what happens (a form, a write)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SessionChosen(Message):
    """A session in this week's list was chosen (Enter or a click): the screen opens it to edit.

    `uuid` is the session's uuid, or None when the list was empty.
    """

    uuid: str | None
