"""Is a database file inside a cloud-synced folder, and has the sync client split it already?

A folder kept in step by Dropbox, OneDrive, Google Drive or iCloud Drive is not a shared file:
the sync client copies the whole file between laptops after the fact, SQLite's locks protect
nothing across them, and two people's changes end up in two files ("hero (1).db",
"hero (Annas motstridiga kopia).db"). herotui refuses to create a database there (unless
forced) and warns when one is used.

Recognised by the folder names the clients use on Windows, macOS and Linux, and by the marker
files they leave in the synced folder's root.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath

# (service, test on one path component, case-folded)
_NAMED_FOLDERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Dropbox", re.compile(r"^dropbox( \(.+\))?$")),              # Dropbox, "Dropbox (Företag)"
    ("Dropbox", re.compile(r"^dropbox-.+$")),                      # macOS CloudStorage/Dropbox-Team
    ("OneDrive", re.compile(r"^onedrive( ?- ?.+)?$")),             # OneDrive, "OneDrive - Company", OneDrive-Company
    ("Google Drive", re.compile(r"^(google ?drive|googledrive-.+)$")),
    ("Google Drive", re.compile(r"^(my drive|min enhet|mi unidad|mon drive|meine ablage)$")),
    ("iCloud Drive", re.compile(r"^(icloud ?drive|icloud drive \(.+\)|com~apple~clouddocs)$")),
)
# Two components in a row: macOS keeps iCloud Drive in ~/Library/Mobile Documents and the
# File Provider clients (OneDrive, Google Drive, Dropbox) in ~/Library/CloudStorage.
_NAMED_PAIRS = (
    ("iCloud Drive", ("library", "mobile documents")),
    ("Cloud storage", ("library", "cloudstorage")),
)
# Files or folders a client keeps in the root of what it syncs.
_MARKERS = (
    ("Dropbox", ".dropbox"),
    ("Dropbox", ".dropbox.cache"),
    ("Google Drive", ".tmp.drivedownload"),
    ("Google Drive", ".tmp.driveupload"),
    ("Google Drive", ".shortcut-targets-by-id"),
)

_CONFLICT_WORDS = re.compile(
    r"conflict|konflikt|motstridig|in conflitto|en conflicto|en conflit|case conflict", re.IGNORECASE
)


def cloud_service_of(path: Path) -> str | None:
    """The cloud service whose synced folder holds `path` ("Dropbox", "OneDrive", ...), or None.

    Looks only at the names of the path and at marker files in its folders; a folder that cannot
    be looked at (a share that is gone) counts as no marker.
    """
    parts = [part.casefold() for part in PurePath(path).parts]
    for part in parts[:-1]:
        for service, pattern in _NAMED_FOLDERS:
            if pattern.match(part):
                return service
    for service, pair in _NAMED_PAIRS:
        for index in range(len(parts) - 1):
            if (parts[index], parts[index + 1]) == pair:
                return service
    folder = Path(path).parent
    for candidate in (folder, *folder.parents):
        for service, marker in _MARKERS:
            try:
                if (candidate / marker).exists():
                    return service
            except OSError:
                return None
    return None


def conflicted_copies(path: Path) -> list[str]:
    """Names beside `path` that look like a sync client's conflicted copies of it, sorted.

    "hero (1).db", "hero (Annas motstridiga kopia).db", "hero (Anna's conflicted copy
    2026-11-30).db", "hero-LAPTOP-7.db" (OneDrive adds the computer's name). Never raises: a
    folder that cannot be listed gives [].
    """
    path = Path(path)
    stem, suffix = path.stem, path.suffix
    found = []
    try:
        names = [entry.name for entry in path.parent.iterdir()]
    except OSError:
        return []
    for name in names:
        if name == path.name or not name.startswith(stem) or not name.endswith(suffix):
            continue
        middle = name[len(stem):len(name) - len(suffix)] if suffix else name[len(stem):]
        if not middle:
            continue
        if re.fullmatch(r"\s*\(.*\)", middle) or _CONFLICT_WORDS.search(middle) \
                or re.fullmatch(r"-[A-Z][A-Z0-9]*(-[A-Z0-9]+)*", middle):
            found.append(name)
    return sorted(found)
