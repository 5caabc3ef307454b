"""The Hero look: warm and calm, readable on dark and light terminals alike.

Every text colour reaches WCAG 2 AA (4.5:1) on every background the app draws it on, including
the highlighted row; `tests/test_look.py` checks the colours Textual actually drew. Where Textual
derives a colour by blending ("auto 60%", dim text, the list cursor), an explicit colour is set
here instead, chosen to pass on the background, surface, panel and both cursor colours.
"""

from textual.theme import Theme

HERO_DARK = Theme(
    name="hero",
    primary="#F2A541",  # breakfast-morning amber
    secondary="#6CC2AF",
    accent="#F08466",
    warning="#F4D35E",
    error="#F2776B",
    success="#6BBF59",
    foreground="#ECE7DF",
    background="#1D1F24",
    surface="#25282E",
    panel="#2E323A",
    dark=True,
    variables={
        "text-muted": "#ADA89F",
        "text-disabled": "#ADA89F",  # placeholders are read, so they must be readable too
        "footer-key-foreground": "#F2A541",
        "block-cursor-background": "#4A3B28",
        "block-cursor-foreground": "#ECE7DF",
        "block-cursor-blurred-background": "#3A3229",
        "block-cursor-blurred-foreground": "#ECE7DF",
    },
)

HERO_LIGHT = Theme(
    name="hero-light",
    primary="#8A4A12",
    secondary="#1B6255",
    accent="#A3361F",
    warning="#6E5800",
    error="#A32219",
    success="#23692A",
    foreground="#1E2024",
    background="#FAF7F2",
    surface="#F1ECE4",
    panel="#E9E3D9",
    dark=False,
    variables={
        "text-muted": "#55524D",
        "text-disabled": "#55524D",
        "footer-key-foreground": "#8A4A12",
        "block-cursor-background": "#EFDDCB",
        "block-cursor-foreground": "#1E2024",
        "block-cursor-blurred-background": "#F2E6D9",
        "block-cursor-blurred-foreground": "#1E2024",
    },
)
