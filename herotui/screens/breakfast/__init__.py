"""The breakfast calendar's screen, split by pane.

- `screen`: `BreakfastScreen` (layout, loading, moving around), the name the app imports;
- `calendar`: the month grid, the legend and the side panels (waitlist, rotation, ideas);
- `slots`: the list of breakfasts and the chosen one's details;
- `flows`: the dialogs and writes (claim, release, come along, hand over, admins' changes);
- `messages`: what the panes post to the screen.

The dialogs themselves are in `herotui.screens.breakfast_forms`; the text in
`herotui.presenters.breakfast_text`.
"""

from herotui.screens.breakfast.screen import BreakfastScreen

__all__ = ["BreakfastScreen"]
