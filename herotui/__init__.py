"""herotui: the learning organisation's terminal app."""

__version__ = "0.1.0"
