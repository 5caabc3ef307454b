"""One database, one identity, however its path is spelt.

`S:\\Hero\\hero.db`, `s:\\hero\\hero.db`, `\\\\server\\hero\\hero.db`, a relative path and a symlink can
all name one file. The outbox and the list of databases this computer knows therefore key on a
UUID stored in the database itself (`herotui_meta.database_uuid`, written at `init`, copied by
`migrate`, added on the first writable open of an older file), with the last known path beside
it. While the database cannot be reached, its identity is found from the spellings this computer
has seen, compared in a canonical form (`canonical_key`).
"""

from __future__ import annotations

import json
import ntpath
import os
import posixpath
import uuid as uuidlib
from dataclasses import dataclass, field
from pathlib import Path

from herotui.store.location import Location, parse_location

IDENTITY_KEY = "database_uuid"


def new_identity() -> str:
    return str(uuidlib.uuid4())


def read_identity(db) -> str | None:
    """The database's UUID, or None when it has none yet (a file made before identities)."""
    from herotui.store.models import StoreMeta

    with db.bind_ctx([StoreMeta]):
        row = StoreMeta.select(StoreMeta.value).where(StoreMeta.key == IDENTITY_KEY).first()
    return row.value if row else None


def ensure_identity(store) -> str | None:
    """Read the store's identity, writing a new one if it has none and may be written.

    Idempotent under races: two computers opening an old file at once both insert with
    ON CONFLICT DO NOTHING and both read back the one that won. None for a read-only file
    without an identity (callers then key on the canonical path).
    """
    from herotui.store.models import StoreMeta

    found = store.read(read_identity, store.db)
    if found or store.read_only:
        return found

    def assign() -> str | None:
        with store.db.bind_ctx([StoreMeta]):
            StoreMeta.insert(key=IDENTITY_KEY, value=new_identity()).on_conflict_ignore().execute()
        return read_identity(store.db)

    return store.write(assign)


def canonical_key(target: str | Location, *, windows: bool | None = None) -> str:
    """One spelling for every way of naming the same database, for comparisons.

    A file path is made absolute (relative to the working folder), `..` removed, symlinks
    resolved where the file system can say, and on Windows case-folded with `\\` separators
    (`os.path.normcase`), since NTFS and SMB names are case-insensitive. A URL keeps scheme, host
    (lower case), port (5432 when left out) and database name, never the password.
    `windows` chooses the rules for tests; it defaults to this computer's.
    """
    location = target if isinstance(target, Location) else parse_location(target)
    if location.kind != "sqlite":
        from herotui.store.pgurl import key_of

        # Read with herotui's own URL reader, never urlsplit: a password with an unescaped `/`
        # or `#` (`2024/Summer`) made urlsplit take its start for a port and the rest for the path.
        key = key_of(location.target)
        return key if key is not None else "postgresql:" + location.display
    windows = (os.name == "nt") if windows is None else windows
    raw = str(location.path)
    if windows:
        if os.name == "nt":
            try:
                raw = os.path.realpath(raw)
            except OSError:  # a vanished share can make even realpath fail
                raw = os.path.abspath(raw)
        else:
            raw = ntpath.normpath(raw) if ntpath.isabs(raw) else ntpath.normpath(ntpath.join(os.getcwd(), raw))
        return "file:" + ntpath.normcase(raw)
    try:
        resolved = os.path.realpath(os.path.abspath(raw))
    except OSError:
        resolved = posixpath.normpath(os.path.abspath(raw))
    return "file:" + resolved


def _clean_key(key: str) -> str:
    """A saved key as `canonical_key` makes it today: a PostgreSQL key an older herotui wrote with
    a password in it (see `KnownDatabases._holds_old_keys`) loses the password."""
    if key.startswith("postgresql://"):
        from herotui.store.pgurl import key_of

        return key_of(key) or key
    return key


def spelling_keys(target: str | Location) -> list[str]:
    """The canonical key (`canonical_key`) and, when it differs, the key of the spelling itself
    with links left unresolved: absolute, `..` removed, case-folded on Windows.

    Why both: resolving needs the drive. Online, `S:\\Hero\\hero.db` resolves to the share's UNC
    path (`\\\\server\\hero\\hero.db`); offline it cannot, and stays `s:\\hero\\hero.db`. A symlink
    that lives on the share itself is the same on macOS and Linux. Remembering the unresolved key
    too lets an offline start under the spelling used online find the database.
    """
    location = target if isinstance(target, Location) else parse_location(target)
    resolved = canonical_key(location)
    if location.kind != "sqlite":
        return [resolved]
    raw = str(location.path)
    if os.name == "nt":
        literal = "file:" + ntpath.normcase(ntpath.abspath(raw))
    else:
        literal = "file:" + posixpath.normpath(os.path.abspath(raw))
    return [resolved] if literal == resolved else [resolved, literal]


def _is_uuid(text: str) -> bool:
    try:
        uuidlib.UUID(text)
    except ValueError:
        return False
    return True


def adopt_outbox_entries(outbox, store) -> int:
    """File outbox entries kept under a spelling of `store`'s path (by an older herotui, or by a
    stand-in made for an unreachable path) under the store's identity. Returns how many moved."""
    if outbox is None or not getattr(store, "database_id", None):
        return 0
    here = canonical_key(store.location)

    def same_database(old_key: str) -> bool:
        if _is_uuid(old_key):
            return False  # another database's identity, never a spelling of this one
        try:
            return canonical_key(old_key) == here
        except (OSError, ValueError):
            return False

    return outbox.adopt(store.database_key, same_database)


@dataclass
class KnownDatabase:
    uuid: str | None
    path: str
    """The last spelling it was opened under (for people to read)."""
    keys: list[str] = field(default_factory=list)
    """Every canonical spelling it has been opened under."""


class KnownDatabases:
    """The databases this computer has opened, in a small JSON file in the user's data folder.

    A database that is known but cannot be reached now is an outage (writes wait in the
    outbox), not a database that does not exist. The older `known_databases.txt` (one path per
    line) is read as entries without an identity.
    """

    def __init__(self, path: Path, legacy: Path | None = None) -> None:
        self.path = path
        self.legacy = legacy

    def _saved(self) -> list[KnownDatabase]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [KnownDatabase(item.get("uuid"), item.get("path", ""),
                                  list(dict.fromkeys(_clean_key(k) for k in item.get("keys", []))))
                    for item in data.get("databases", [])]
        except (OSError, ValueError, AttributeError, TypeError):
            return []

    def _holds_old_keys(self) -> bool:
        """True when the file still has a key written by an older herotui that read URLs with
        urlsplit (`postgresql://hero:2024/Summer@...`: a password); `remember` rewrites it."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return any(_clean_key(k) != k for item in data.get("databases", []) for k in item.get("keys", []))
        except (OSError, ValueError, AttributeError, TypeError):
            return False

    def entries(self) -> list[KnownDatabase]:
        found = self._saved()
        if self.legacy is not None:
            try:
                lines = self.legacy.read_text(encoding="utf-8").splitlines()
            except OSError:
                lines = []
            for line in filter(None, (x.strip() for x in lines)):
                found.append(KnownDatabase(None, line, [canonical_key(line)]))
        return found

    def find(self, target: str | Location) -> KnownDatabase | None:
        """The known database this spelling names, preferring one with an identity."""
        keys = spelling_keys(target)
        matches = [entry for entry in self.entries() if any(key in entry.keys for key in keys)]
        matches.sort(key=lambda entry: entry.uuid is None)
        return matches[0] if matches else None

    def remember(self, identity: str | None, location: Location) -> None:
        """Note that `location` opened as the database `identity` (None: a read-only file that has
        none yet). Best effort: a data folder that cannot be written is not an error."""
        keys = spelling_keys(location)
        key = keys[0]
        entries = self._saved()
        if identity is None:
            entry = next((e for e in entries if e.uuid is None and key in e.keys), None)
        else:
            entry = next((e for e in entries if e.uuid == identity), None)
        if (entry is not None and entry.path == location.display and all(k in entry.keys for k in keys)
                and not self._holds_old_keys()):
            return
        if entry is None:
            entry = KnownDatabase(identity, location.display, [])
            entries.append(entry)
        entry.path = location.display
        # A spelling names one database: the latest one opened under it.
        for other in entries:
            if other is not entry:
                other.keys = [k for k in other.keys if k not in keys]
        entry.keys.extend(k for k in keys if k not in entry.keys)
        entries = [e for e in entries if e.keys]
        data = {"databases": [{"uuid": e.uuid, "path": e.path, "keys": e.keys} for e in entries]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(self.path.name + ".partial")
            partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(partial, self.path)
        except OSError:
            pass
