"""The Hero look: warm and calm, readable on dark and light terminals alike."""

from textual.theme import Theme

HERO_DARK = Theme(
    name="hero",
    primary="#F2A541",  # breakfast-morning amber
    secondary="#5FB3A1",
    accent="#E76F51",
    warning="#F4D35E",
    error="#E5574B",
    success="#6BBF59",
    foreground="#ECE7DF",
    background="#1D1F24",
    surface="#25282E",
    panel="#2E323A",
    dark=True,
)

HERO_LIGHT = Theme(
    name="hero-light",
    primary="#B5651D",
    secondary="#2A7F6F",
    accent="#C4452C",
    warning="#9A7B00",
    error="#B3261E",
    success="#2E7D32",
    foreground="#24262B",
    background="#FAF7F2",
    surface="#F1ECE4",
    panel="#E6DFD4",
    dark=False,
)
