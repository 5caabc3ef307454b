"""Public holidays are kept in the data folder (herotui/services/public_holidays.py): a second
process answers from the file without importing the `holidays` package (~300 modules)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

ASK = """
import json, sys
from datetime import date
from herotui.services.public_holidays import holidays_between, supported
days = holidays_between("SE", date(2027, 1, 1), date(2027, 12, 31), "sv")
print(json.dumps({"imported": "holidays" in sys.modules, "supported": [supported("SE"), supported("XX")],
                  "days": {d.isoformat(): n for d, n in sorted(days.items())}}))
"""


def _ask(env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", ASK], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_second_process_reads_the_holidays_from_the_data_folder(tmp_path):
    env = {**os.environ, "HEROTUI_DATA_DIR": str(tmp_path)}
    first = _ask(env)
    assert first["imported"] is True
    assert first["days"]["2027-12-24"] == "Julafton" and first["days"]["2027-06-06"] == "Nationaldagen"
    assert first["supported"] == [True, False]
    second = _ask(env)
    assert second["imported"] is False
    assert second["days"] == first["days"] and second["supported"] == [True, False]


def test_a_cache_from_another_holidays_installation_is_not_used(tmp_path):
    env = {**os.environ, "HEROTUI_DATA_DIR": str(tmp_path)}
    first = _ask(env)
    cache = tmp_path / "public-holidays.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["stamp"] = "an older version"
    for table in data["tables"].values():
        table["2027-12-24"] = "Fel"
    cache.write_text(json.dumps(data), encoding="utf-8")
    again = _ask(env)
    assert again["imported"] is True and again["days"] == first["days"]


def test_an_unwritable_data_folder_only_costs_the_import(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "public-holidays.json").mkdir()  # cannot be written as a file
    env = {**os.environ, "HEROTUI_DATA_DIR": str(folder)}
    assert _ask(env)["days"]["2027-12-24"] == "Julafton"
    assert _ask(env)["imported"] is True
