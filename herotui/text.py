"""Cleaning text that people typed before it is stored or shown.

Control characters (C0 and C1, including ESC) would be written to the terminal verbatim and
could clear the screen or set the clipboard; bidirectional overrides can disguise text. They are
removed here; tab and newline survive only where a multi-line note wants them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# C0 controls except \t \n, DEL, C1 controls, bidi embedding/override/isolate marks, and
# invisible characters that some terminals count as a cell (zero-width space, marks, BOM).
# The zero-width joiner (U+200D) stays: emoji such as family groups are built with it.
_INVISIBLE = "\u200b\u200c\u200e\u200f\u2060-\u2064\ufeff"
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{_INVISIBLE}]")
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029{_INVISIBLE}]")


def clean_line(text: str | None) -> str:
    """One line of display text: controls removed, whitespace runs folded."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = _UNSAFE_LINE.sub(" ", text)
    return " ".join(text.split())


def clean_block(text: str | None) -> str:
    """Multi-line text (notes): controls removed, newlines kept, CRLF folded to LF."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE_MULTILINE.sub("", text).strip()


# Emoji sequences whose width terminals disagree on: a ZWJ family is 2 cells in one terminal and
# 8 in another (tmux), a skin tone or VS16 adds 0 or 2, a flag is 2 or 4. For one-line cells
# these are broken into their parts, whose width every terminal agrees on, so a row never
# pushes the border next to it. Regional indicator letters become plain capitals ("SE").
_JOINERS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
_REGIONAL = re.compile("[\U0001f1e6-\U0001f1ff]")


def steady_width(text: str) -> str:
    """`text` with emoji sequences broken into parts of agreed width (see above). One-line use."""
    text = _JOINERS.sub("", text)
    return _REGIONAL.sub(lambda m: chr(ord(m.group()) - 0x1F1E6 + ord("A")), text)


def display_width(text: str) -> int:
    """Terminal cells `text` takes, after `steady_width` (Rich's cell count, Unicode East Asian Width)."""
    from rich.cells import cell_len

    return cell_len(steady_width(text))


def truncate(text: str, width: int) -> str:
    """`text` cut to at most `width` terminal cells (not characters), "…" marking a cut.

    Emoji sequences are broken first (`steady_width`), so the count holds in every terminal.
    """
    from rich.cells import cell_len

    if width <= 0:
        return ""
    text = steady_width(text)
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


# Letters that Swedish sorts and reads as another letter (SAOL; Swedish collation in CLDR):
# ü is y, æ is ä, ø is ö. Every other accent on a base letter is only a mark on it (é is e).
# Å, Ä and Ö are letters of their own and are never folded: `mål` is not `mal`.
_SWEDISH_SAME = {"ü": "y", "æ": "ä", "ø": "ö"}
_SWEDISH_OWN = frozenset("åäö")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SWEDISH_OWN:
        return char
    if char in _SWEDISH_SAME:
        return _SWEDISH_SAME[char]
    stripped = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped) if stripped else ("" if unicodedata.combining(char) else char)


def search_fold(text: str | None) -> str:
    """Text as search compares it, the Swedish way: case folded (`str.casefold`, so `ß` is `ss`),
    accents that Swedish reads as the same letter removed (é = e, à = a, ü = y, æ = ä, ø = ö), but
    å, ä and ö kept as the letters they are (`mål` does not match "Malware", `ö` is not `o`).
    NUL becomes a space. Python does this for both databases, so SQLite and PostgreSQL compare
    exactly the same strings."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.replace("\x00", " ")).casefold()
    if text.isascii():
        return text
    return "".join(_fold_char(c) for c in text)

