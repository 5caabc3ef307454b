"""The share feed screen (tab 2), one module per pane.

- `screen`: `SharesScreen`, which binds the keys and holds the state the panes share (`state`).
- `filter_bar`: the search box, the filter summary and pickers, and the "new shares" notice.
- `feed_pane`: the list, which loads its own pages and writes the person's reactions.
- `detail_pane`: one share in full, read when the highlight rests on it.
- `flows`: posting, editing and deleting a share, the other screens, links and the clipboard.
- `messages`: what the panes tell the screen.
"""

from herotui.screens.shares.detail_pane import DETAIL_DELAY
from herotui.screens.shares.filter_bar import SEARCH_DELAY
from herotui.screens.shares.flows import as_item
from herotui.screens.shares.screen import NARROW, SharesScreen

__all__ = ["DETAIL_DELAY", "NARROW", "SEARCH_DELAY", "SharesScreen", "as_item"]
