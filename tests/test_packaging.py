"""Packaged like a library people trust: SPDX licence, one version, floors that are true."""

from __future__ import annotations

import os
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def floor(name: str) -> tuple[int, ...]:
    for requirement in PROJECT["dependencies"]:
        match = re.match(rf"^{re.escape(name)}\s*>=\s*([\d.]+)", requirement)
        if match:
            return tuple(int(part) for part in match.group(1).split("."))
    raise AssertionError(f"{name} has no floor")


def test_licence_is_spdx_with_a_licence_file():
    assert PROJECT["license"] == "MIT"  # not {text = ...}, which setuptools stops accepting in 2027
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY" in text


def test_version_comes_from_the_package_metadata():
    import herotui

    assert herotui.__version__ == version("herotui")
    source = (ROOT / "herotui" / "__init__.py").read_text(encoding="utf-8")
    assert not re.search(r"__version__\s*=\s*[\"']\d", source), "a second copy of the version"


def test_floors_are_the_versions_that_work():
    # icalendar 6.0 lacks Calendar.add_missing_timezones (breakfast ics crashed there); 6.1 has it.
    assert floor("icalendar") >= (6, 1)
    # peewee below 4 was never tested; .ci/lowest runs the suite's fast part on 4.0.0.
    assert floor("peewee") >= (4,)
    assert any(r.startswith("markdown-it-py>=") for r in PROJECT["dependencies"])  # the digest imports it


def test_a_lowest_versions_run_exists():
    script = ROOT / ".ci" / "lowest"
    assert os.access(script, os.X_OK)
    text = script.read_text(encoding="utf-8")
    assert "--resolution lowest-direct" in text and "pytest" in text
