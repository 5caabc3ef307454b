"""Screens: one per habit, plus help, first-run and problem screens."""
