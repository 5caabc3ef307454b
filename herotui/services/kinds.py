"""What a learning session or a share can be. Shown through the `kind.<name>` translation keys."""

KINDS: tuple[str, ...] = ("article", "podcast", "webinar", "book", "course", "video", "other")


def is_kind(value: str) -> bool:
    return value in KINDS
