"""The JSON that `--json` prints: a documented contract, not a dump of internal records.

Every command's output is an object with `"format": 1` and the keys listed in docs/json.md,
no others: a record's identity is its `uuid` (a row id changes when a database is migrated),
times are ISO 8601 (UTC with offset, or local with the organisation's offset where said), and
internal fields (row ids, paging cursors, outbox state, UI permissions) never appear. A change
that removes or renames a key raises FORMAT; adding a key is compatible.
tests/test_json_contract.py runs each command and compares its output with docs/json.md.
"""

from __future__ import annotations

from typing import Any

from herotui.cli.common import to_jsonable

FORMAT = 1

RECORDS: dict[str, tuple[str, ...]] = {
    "share": ("uuid", "kind", "title", "url", "author_login", "author_name", "created_at", "areas", "tags",
              "useful", "useful_by_me", "saved", "unread"),
    "share_detail": ("uuid", "kind", "title", "url", "author_login", "author_name", "created_at", "updated_at",
                     "areas", "tags", "note", "useful", "useful_by_me", "saved", "unread", "from_session_uuid"),
    "area": ("uuid", "name", "retired", "priority", "target_minutes"),
    "area_count": ("name", "retired", "shares", "recent"),
    "session": ("uuid", "day", "minutes", "kind", "title", "link", "note", "areas", "started_at", "ended_at",
                "manual", "shared"),
    "timer": ("uuid", "status", "started_at", "elapsed_seconds", "needs_review", "kind", "title"),
    "breakfast": ("uuid", "starts_at", "local_start", "minutes", "status", "is_extra", "moved_from", "host_login",
                  "host_name", "topic", "description", "claimed_at", "areas", "rsvp_count", "attendees",
                  "i_am_coming", "is_mine", "is_past", "offer"),
    "offer": ("uuid", "from_login", "from_name", "to_login", "to_name", "status"),
    "wait_entry": ("position", "login", "name", "since"),
    "rotation_entry": ("login", "name", "times_hosted", "last_hosted", "next_hosting"),
    "idea": ("area", "shares", "last_covered"),
    "check": ("name", "ok", "level", "warning", "detail", "advice", "values"),
    "table_copy": ("table", "source", "copied", "updated", "kept", "conflicts"),
    "conflict": ("table", "key", "reason", "fields"),
    "refusal": ("uuid", "reason"),
    "overlap": ("session", "title", "minutes"),
    "planned_move": ("slot_uuid", "old", "new", "host_name"),
    # `herotui insights --json` (herotui.services.insights.export.to_json)
    "insights_period": ("key", "label", "first_day", "to_day", "weeks"),
    "insights_row": ("name", "priority", "target_minutes", "retired", "minutes", "sessions", "learners", "shares",
                     "useful", "breakfasts", "attendance", "last_breakfast", "trend", "expected_minutes", "gap",
                     "no_area", "gap_sentence"),
    "trend_bar": ("first_day", "week", "weeks", "minutes"),
    "gap": ("reasons",),
    "insights_totals": ("minutes", "sessions", "shares", "useful", "breakfasts", "attendance", "rows", "empty"),
}
"""Record name -> its keys, in the order printed."""

_NESTED = {("breakfast", "offer"): "offer"}


def record(name: str, value: Any) -> dict[str, Any] | None:
    """`value` (a dataclass or dict) as the documented record `name`: only its keys, times as
    ISO 8601 text. None stays None. Raises KeyError for a key the value does not have, so a
    renamed field cannot silently print null."""
    if value is None:
        return None
    data = to_jsonable(value)
    out: dict[str, Any] = {}
    for key in RECORDS[name]:
        item = data[key]
        nested = _NESTED.get((name, key))
        out[key] = record(nested, item) if nested and item is not None else item
    return out


def records(name: str, values) -> list[dict[str, Any]]:
    return [record(name, value) for value in values]


def document(**fields: Any) -> dict[str, Any]:
    """A command's JSON output: `format` first, then the given fields."""
    return {"format": FORMAT, **{key: to_jsonable(value) for key, value in fields.items()}}
