"""A one-line field that keeps all of a pasted text: lines joined with a space, ends trimmed."""

from __future__ import annotations

import re

from textual import events
from textual.widgets import Input

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """`text` as one line: line breaks and tabs become single spaces, control characters go,
    and the whole is trimmed. ("\\nhttps://x.se/a\\n" -> "https://x.se/a"; "a\\r\\nb" -> "a b".)"""
    parts = [part.strip() for part in text.splitlines()]
    joined = " ".join(part for part in parts if part)
    return _CONTROL.sub("", joined.replace("\t", " ")).strip()


class OneLineInput(Input):
    """`Input` whose paste keeps every line (Textual's keeps only the first, so a link pasted
    after a line break left the field empty). Set no `max_length` on it: the form's own
    validation says what is too long instead of a bare bell."""

    def _on_paste(self, event: events.Paste) -> None:
        text = one_line(event.text or "")
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()  # Input's own handler would insert the first line once more
