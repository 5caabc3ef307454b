"""The learning hour's screen, split by pane.

- `screen`: `LearningScreen` (layout, loading, the timer keys), the name the app imports;
- `panes`: the timer, week, history, pulse, sessions and breakdown panels;
- `flows`: the dialogs and writes (stop, log, edit, delete, share, weeks, holiday, goal);
- `messages`: what the panes post to the screen.

The dialogs themselves are in `herotui.screens.learning_forms`.
"""

from herotui.screens.learning.screen import CELEBRATION_SECONDS, LearningScreen

__all__ = ["CELEBRATION_SECONDS", "LearningScreen"]
