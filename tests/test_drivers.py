"""PostgreSQL's driver is loaded for PostgreSQL only (herotui/drivers.py): a command on a shared
file does not pay ~120 ms of CPU for psycopg, and peewee still talks to PostgreSQL when asked."""

from __future__ import annotations

import subprocess
import sys

import pytest

from herotui.services.hero import Hero
from herotui.store import open_store

ON_A_FILE = """
import sys
from herotui.services.hero import Hero
from herotui.store import open_store
store = open_store(sys.argv[1])
hero = Hero(store, "anna")
hero.shares.post(None, "En bok", "book", ["Ledarskap"])
print(len(hero.shares.open_feed().page.items), "psycopg" in sys.modules, "peewee" in sys.modules)
"""


@pytest.mark.process
def test_a_write_to_a_shared_file_never_imports_psycopg(db_path):
    done = subprocess.run([sys.executable, "-c", ON_A_FILE, str(db_path)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "False", "True"]


def test_peewee_loaded_without_psycopg_still_speaks_postgresql(pg_created, clock):
    import peewee

    store = open_store(pg_created, clock=clock)
    try:
        assert type(store.db._adapter).__name__ == "Psycopg3Adapter"
        hero = Hero(store, "anna", clock=clock)
        hero.shares.post(None, "En bok", "book", ["Ledarskap"])
        assert [item.title for item in hero.shares.open_feed().page.items] == ["En bok"]
        assert peewee.psycopg is not None
    finally:
        store.close()
