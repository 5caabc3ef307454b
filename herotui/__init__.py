"""herotui: the learning organisation's terminal app."""

from herotui.drivers import hide_psycopg_from_peewee

hide_psycopg_from_peewee()  # before anything imports peewee: see herotui/drivers.py


def __getattr__(name: str) -> str:
    # `herotui.__version__` comes from the installed package's metadata (one source of truth:
    # pyproject.toml). Looked up on first use, because importlib.metadata costs ~20 ms at start-up.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("herotui")
        except PackageNotFoundError:  # a source tree that was never installed
            value = "0+unknown"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'herotui' has no attribute {name!r}")
