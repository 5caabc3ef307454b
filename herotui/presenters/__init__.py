"""Formatting and view models: no Textual widgets, no database."""
