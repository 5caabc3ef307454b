"""The share service as a package (issue 17): the names callers import, the registered actions,
and the statuses as `Literal`s that agree with the lists the rules check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import get_args

import herotui.services.shares as shares
from herotui.services.kinds import KINDS

PACKAGE = Path(shares.__file__).parent

# Every public name `herotui/services/shares.py` defined before it became a package.
BEFORE = """AreaCount Cursor Digest DigestGroup DigestItem Duplicate FIRST_VISIT_WINDOW FeedFilter FeedItem
FeedOpening FeedPage MAX_NOTE MAX_TAG MAX_TAGS MAX_TITLE PAGE_SIZE SEEK_CHUNK ShareDraft ShareInfo
ShareService ShareStats Sharer UsefulState check_draft check_link clean_tags shared_on Queued""".split()


def test_every_name_callers_imported_is_still_there():
    missing = [name for name in BEFORE if not hasattr(shares, name)]
    assert missing == []
    assert sorted(shares.__all__) == sorted(set(BEFORE) | {"Kind", "Period"})


def test_importing_the_package_alone_registers_the_share_actions():
    # A fresh interpreter: nothing else has imported the handlers module yet.
    code = ("import herotui.services.shares\n"
            "from herotui.services.actions import handler_for\n"
            "for name in ('post', 'edit', 'delete', 'useful', 'save', 'read', 'visit', 'read_all'):\n"
            "    handler_for('share.' + name)\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_kind_literal_is_the_list_of_kinds():
    assert get_args(shares.Kind) == KINDS


def test_each_part_is_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py")}
    assert {"types.py", "drafts.py", "feed.py", "stats.py", "handlers.py", "service.py"} <= set(sizes)
    assert max(sizes.values()) < 400, sizes
