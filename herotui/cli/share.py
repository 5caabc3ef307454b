"""Commands for this area are added by their issue."""

from __future__ import annotations


def register(subparsers, common) -> None:
    return None
