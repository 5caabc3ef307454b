"""`herotui insights` and `herotui areas set-priority|set-target`: exports match the service's figures."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

from herotui.cli import main
from herotui.services.hero import Hero
from herotui.store import open_store
from tests.test_insights_service import _build_company


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "herotui", *args], capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def service_view(db_path, clock, period: str = "quarter"):
    store = open_store(str(db_path), clock=clock)
    try:
        return Hero(store, "anna", clock=clock).insights.overview(period)
    finally:
        store.close()


def company(db_path, clock) -> None:
    store = open_store(str(db_path), clock=clock)
    try:
        _build_company(store, clock)
    finally:
        store.close()


def test_json_export_has_the_services_figures(db_path, clock, capsys):
    company(db_path, clock)
    assert main(["areas", "set-priority", "Arbetsrätt", "high", "--db", str(db_path)]) == 0
    expected = service_view(db_path, clock)
    capsys.readouterr()
    assert main(["insights", "--json", "--db", str(db_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"]["key"] == "quarter" and data["min_group"] == 5
    got = {row["name"]: row for row in data["rows"]}
    assert len(got) == len(expected.rows)
    for row in expected.rows:
        for field in ("minutes", "sessions", "learners", "shares", "useful", "breakfasts", "attendance"):
            assert got[row.name][field] == getattr(row, field), (row.name, field)
    assert got["Arbetsrätt"]["minutes"] is None and got["Arbetsrätt"]["gap_sentence"].startswith("Arbetsrätt: high")
    assert data["rows"][0]["name"] == "Arbetsrätt", "gaps first"
    assert data["total"]["minutes"] == expected.total.minutes


def test_csv_has_a_bom_swedish_letters_and_hides_small_groups(db_path, clock, tmp_path):
    company(db_path, clock)
    out = tmp_path / "insikter.csv"
    done = run_cli("insights", "--format", "csv", "--out", str(out), "--lang", "sv", "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "Fokusområde"
    by_name = {r[0]: r for r in rows[1:]}
    minutes_col = rows[0].index("Minuter")
    assert by_name["Arbetsrätt"][minutes_col] == "färre än 5"
    expected = service_view(db_path, clock)
    for row in expected.rows:
        if row.minutes is not None:
            assert int(by_name[row.name][minutes_col].replace("\u00a0", "")) == row.minutes
    assert int(by_name["Summa"][minutes_col].replace("\u00a0", "")) == expected.total.minutes


def test_html_is_one_standalone_page_with_an_svg_chart(db_path, clock, tmp_path):
    company(db_path, clock)
    out = tmp_path / "insights.html"
    done = run_cli("insights", "--period", "12w", "--format", "html", "--out", str(out), "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page and 'name="viewport"' in page and "<svg" in page
    assert "<link" not in page and "src=" not in page and "<script" not in page, "no external assets"
    assert "fewer than 5" in page


def test_markdown_and_periods(db_path, clock):
    company(db_path, clock)
    done = run_cli("insights", "--format", "markdown", "--period", "year", "--db", str(db_path))
    assert done.returncode == 0
    text = done.stdout.decode("utf-8")
    assert text.startswith("# Insights") and "| Focus area |" in text
    bad = run_cli("insights", "--period", "2019-Q9", "--db", str(db_path))
    assert bad.returncode == 1 and b"YYYY-Qn" in bad.stderr and b"Traceback" not in bad.stderr


def test_only_admins_set_priority_and_target_with_clear_refusals(db_path, capsys):
    db = ["--db", str(db_path)]
    erik = run_cli("areas", "set-priority", "Arbetsrätt", "high", *db, env={"HEROTUI_USER": "erik"})
    assert erik.returncode == 1 and b"admin" in erik.stderr.lower() and b"Traceback" not in erik.stderr
    assert main(["areas", "set-priority", "Arbetsrätt", "urgent", *db]) == 1
    assert "high, normal or low" in capsys.readouterr().err
    assert main(["areas", "set-target", "Arbetsrätt", "-5", *db]) == 1
    assert main(["areas", "set-target", "Arbetsrätt", "900", *db]) == 0
    assert "target 900 min per quarter" in capsys.readouterr().out
    assert main(["areas", "set-priority", "Arbetsrätt", "low", "--json", *db]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["priority"] == "low" and shown["target_minutes"] == 900
