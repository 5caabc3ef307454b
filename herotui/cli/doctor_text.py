"""`herotui doctor` for people: each check's label and what was found, in plain words.

The checks themselves (herotui.store.doctor) keep their technical `detail` for `--json` and
support; this module words the common ones so that nobody has to know what WAL, a schema or
`quick_check` is to read the verdict.
"""

from __future__ import annotations

from herotui.i18n import t
from herotui.store.check import Check


def check_line(check: Check) -> str:
    """`label: what was found`, translated (the mark in front is the caller's)."""
    return f"{t('doctor.check.' + check.name)}: {describe(check)}".rstrip(": ").rstrip()


def describe(check: Check) -> str:
    """What the check found, for people; the technical detail for checks this does not word."""
    name, detail = check.name, check.detail
    if name == "filesystem":
        network = (check.params or {}).get("network")
        fs = detail.replace(" (network)", "")
        key = "doctor.detail.network" if network else "doctor.detail.local" if network is False \
            else "doctor.detail.unknown_fs"
        return t(key, fs=fs)
    if name == "timeouts" and check.params:
        return t("doctor.detail.timeouts", seconds=f"{check.params['write_deadline_seconds']:g}")
    if name == "herotui" and not check.ok and detail == "-":
        return t("doctor.detail.no_tables")  # a server database without herotui's tables
    if name in ("readable", "integrity", "journal", "herotui", "schema", "writable", "backup"):
        return _worded(check)
    return detail


def _worded(check: Check) -> str:
    name, detail, ok = check.name, check.detail, check.ok
    if name == "readable":
        return t("doctor.detail.yes") if ok else t("doctor.detail.cannot_read", detail=detail)
    if name == "writable":
        return t("doctor.detail.yes") if ok else t("doctor.detail.cannot_write", detail=detail)
    if name == "integrity":
        return t("doctor.detail.yes") if ok else t("doctor.detail.damaged", detail=detail)
    if name == "journal":
        return t("doctor.detail.yes") if ok else t("doctor.detail.wal")
    if name == "herotui":
        return t("doctor.detail.yes") if ok else t("doctor.detail.not_herotui")
    if name == "schema":
        version, _, known = detail.partition(" / ")
        return t("doctor.detail.schema_ok" if ok else "doctor.detail.schema_newer", version=version, known=known)
    # backup: "-" or "<when> -> <path>"
    if detail in ("", "-"):
        return t("doctor.detail.no_backup")
    at, _, path = detail.partition(" -> ")
    return t("doctor.detail.backup", at=_local_time(at), path=path) if path else detail


def _local_time(text: str) -> str:
    """An ISO 8601 moment (as the backup records it, UTC) in this computer's time, in words."""
    from datetime import datetime

    from herotui.i18n import format_datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return format_datetime(moment.astimezone() if moment.tzinfo else moment)
