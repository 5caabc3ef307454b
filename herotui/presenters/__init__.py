"""View models and formatting for the screens: plain Python, no Textual, no database.

A presenter holds what a screen shows (which part of a feed is in memory, say) and asks a
service for more; widgets draw from it. `feed_window.FeedWindow` is the share feed's window.
"""
