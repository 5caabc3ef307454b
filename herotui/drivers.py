"""PostgreSQL's driver is loaded only for a PostgreSQL database.

peewee imports psycopg (when installed) as soon as peewee itself is imported. That costs about
120 ms of CPU, a third of the start of a command such as `herotui share add` on a shared file,
which never talks to PostgreSQL. `hide_psycopg_from_peewee()` (run once from `herotui/__init__`,
before anything imports peewee) makes peewee's own `import psycopg` fail while peewee loads, so
peewee starts as it would without the driver; `give_peewee_psycopg()` hands it the driver when a
PostgreSQL database is opened (`herotui.store.postgres`), filling in the names peewee's
`try: import psycopg` block would have set. Tested in tests/test_drivers.py and on PostgreSQL with
the lowest (`.ci/lowest`, peewee 4.0.0) and the newest peewee this project allows.
"""

from __future__ import annotations

import importlib.machinery
import sys
from typing import Any


class _PeeweeWithoutPsycopg:
    """A one-shot import hook: finds peewee as usual and runs it with psycopg hidden."""

    @classmethod
    def find_spec(cls, name: str, path: Any = None, target: Any = None):
        if name != "peewee":
            return None
        sys.meta_path.remove(cls)  # once: peewee is imported once
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        run = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            hide = "psycopg" not in sys.modules
            if hide:
                sys.modules["psycopg"] = None  # type: ignore[assignment]  # `import psycopg` raises ImportError
            try:
                run(module)
            finally:
                if hide and sys.modules.get("psycopg", False) is None:
                    del sys.modules["psycopg"]

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def hide_psycopg_from_peewee() -> None:
    """Install the hook, unless peewee is already loaded (then it knows psycopg already)."""
    if "peewee" not in sys.modules and _PeeweeWithoutPsycopg not in sys.meta_path:
        sys.meta_path.insert(0, _PeeweeWithoutPsycopg)


def give_peewee_psycopg() -> None:
    """Give a peewee loaded without psycopg the names its `import psycopg` block sets.

    Raises ImportError when psycopg is not installed (the caller turns it into `DriverMissing`).
    """
    import peewee

    if getattr(peewee, "psycopg", None) is not None:
        return
    import psycopg
    from psycopg import errors as pg3_errors
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    names = {"psycopg": psycopg, "TransactionStatus": TransactionStatus, "Json_pg3": Json, "Jsonb_pg3": Jsonb}
    if "pg3_errors" in vars(peewee):  # peewee 4.0 maps driver errors through it
        names["pg3_errors"] = pg3_errors
    for name, value in names.items():
        setattr(peewee, name, value)
    adapter = getattr(peewee, "Psycopg3Adapter", None)
    if adapter is not None:  # peewee 4.5 reads these class attributes, set only with the driver
        adapter.txn_idle = TransactionStatus.IDLE
        adapter.txn_inerror = TransactionStatus.INERROR
        adapter.txn_unknown = TransactionStatus.UNKNOWN
