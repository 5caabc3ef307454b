"""`herotui migrate --merge`: bring a team's file into a PostgreSQL database that already has data.

Each table has its rule (see `RULES`):

* **identity**: how a row of the file is recognised in the database - its UUID, or a natural key
  (a person's login, an area's name, a breakfast's month `rule_key` or its start: *the same
  breakfast date is one breakfast*, whoever's file it came from), or the composite key of a link
  table after its references were translated to the database's ids;
* **when both differ**: tables with `updated_at` (shares, sessions, organisation settings) take
  the newer change; a breakfast takes the file's claim when the database's slot is free, or when
  it is the same slot (same UUID) claimed later; two different hosts for one date are a conflict;
  a person's `feed_seen_at` takes the later moment; when each copy was first recorded
  (`created_at`, a goal's `set_at` alone) is no difference; every other difference is *listed as
  a conflict* and the database's row is kept.

The report says exactly, per table, how many rows were copied (new), updated (the file's newer
change), kept (already there, identical or newer) and conflicting, and lists each conflict.
Nothing raises an IntegrityError: a row the database's own constraints refuse is a conflict too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import peewee

from herotui.store.models import (
    BreakfastSlot,
    FocusArea,
    GoalWeek,
    Handover,
    LearningSession,
    OrgSetting,
    Person,
    Reaction,
    Rsvp,
    SessionArea,
    Share,
    ShareArea,
    ShareTag,
    SlotArea,
    StoreMeta,
    WaitlistEntry,
)

Row = dict[str, Any]  # field name -> Python value

# model -> identities tried in order; each is (field names, condition on the file's row or None)
IDENTITIES: dict[type, list[tuple[tuple[str, ...], Callable[[Row], bool] | None]]] = {
    StoreMeta: [(("key",), None)],
    # The folded keys (schema 2): a merge finds `Anna.Berg` in a database that knows `anna.berg`.
    Person: [(("login_key",), None), (("uuid",), None)],
    OrgSetting: [(("key",), None)],
    FocusArea: [(("name_key",), None), (("uuid",), None)],
    Reaction: [(("uuid",), None), (("share", "person"), None)],
    BreakfastSlot: [(("uuid",), None), (("rule_key",), lambda r: r.get("rule_key") is not None),
                    (("starts_at",), None)],
    Rsvp: [(("uuid",), None), (("slot", "person"), None)],
    WaitlistEntry: [(("uuid",), None), (("person", "status"), lambda r: r.get("status") == "waiting")],
    Handover: [(("uuid",), None), (("slot", "status"), lambda r: r.get("status") == "offered")],
}

# Facts about the database itself (its identity, schema version) belong to the target.
TARGET_WINS = {StoreMeta}
NEWER_WINS = {Share: "updated_at", LearningSession: "updated_at", OrgSetting: "updated_at"}
# Link rows that belong to their parent's content: when the file's newer version of the parent
# wins, its areas and tags replace the database's (a tag removed in the file is removed).
LINKS = {ShareArea: ("share", Share), ShareTag: ("share", Share), SessionArea: ("session", LearningSession),
         SlotArea: ("slot", BreakfastSlot)}
# Fields whose difference is expected when a row is matched by a natural key: its UUID, and when
# each copy first recorded it (a colleague or an area both teams know is the same one).
_IGNORED = {"uuid", "created_at"}
# Bookkeeping that alone is no conflict: the same weekly goal set at another moment is the same goal.
_STAMP_ONLY = {GoalWeek: {"set_at"}}
_SLOT_CLAIM = ("host", "topic", "description", "claimed_at")


@dataclass
class TableMerge:
    """What happened to one table's rows: source = copied + updated + kept + conflicts."""

    table: str
    source: int = 0
    copied: int = 0
    updated: int = 0
    kept: int = 0
    conflicts: int = 0

    @property
    def ok(self) -> bool:
        return self.source == self.copied + self.updated + self.kept + self.conflicts


@dataclass(frozen=True)
class Conflict:
    """A row of the file that was not taken: `key` names it, `fields` what differs."""

    table: str
    key: str
    reason: str  # "differs" or "refused"
    fields: tuple[str, ...] = field(default=())


def identities_of(model) -> list[tuple[tuple[str, ...], Callable[[Row], bool] | None]]:
    if model in IDENTITIES:
        return IDENTITIES[model]
    pk = model._meta.primary_key
    if isinstance(pk, peewee.CompositeKey):
        return [(tuple(pk.field_names), None)]
    if "uuid" in model._meta.fields:
        return [(("uuid",), None)]
    return [((pk.name,), None)]


class TableMerger:
    """Merges the rows of one table; `ids` translates the file's ids to the database's."""

    def __init__(self, db: peewee.Database, model, ids: dict, conflicts: list[Conflict],
                 replaced: dict | None = None) -> None:
        self.db = db
        self.model = model
        self.ids = ids
        self.conflicts = conflicts
        self.replaced = replaced if replaced is not None else {}
        if model in LINKS:
            name, parent = LINKS[model]
            stale = self.replaced.get(parent)
            if stale:
                model.delete().where(model._meta.fields[name].in_(list(stale))).execute()
        self.pk = model._meta.primary_key
        self.auto_id = isinstance(self.pk, peewee.AutoField)
        self.report = TableMerge(model._meta.table_name)
        self.identities = identities_of(model)
        self.index: list[dict[tuple, Row]] = [{} for _ in self.identities]
        for row in model.select().dicts():
            self._remember(row)

    def _remember(self, row: Row) -> None:
        for i, (names, _) in enumerate(self.identities):
            key = tuple(row.get(n) for n in names)
            if all(v is not None for v in key):
                self.index[i].setdefault(key, row)

    def _find(self, row: Row) -> Row | None:
        for i, (names, condition) in enumerate(self.identities):
            if condition is not None and not condition(row):
                continue
            key = tuple(row.get(n) for n in names)
            if all(v is not None for v in key) and key in self.index[i]:
                return self.index[i][key]
        return None

    def _key_text(self, row: Row) -> str:
        names = self.identities[0][0]
        return "/".join(str(row.get(n)) for n in names)

    def _translate(self, row: Row) -> bool:
        """Replace the file's ids in references by the database's; False if a parent is missing."""
        for f in self.model._meta.sorted_fields:
            if isinstance(f, peewee.ForeignKeyField) and row.get(f.name) is not None:
                mapped = self.ids.get(f.rel_model, {}).get(row[f.name])
                if mapped is None:
                    return False
                row[f.name] = mapped
        return True

    def merge(self, row: Row) -> None:
        self.report.source += 1
        source_id = row.get(self.pk.name) if self.auto_id else None
        if not self._translate(row):
            self._conflict(row, "refused", ("parent",))
            return
        existing = self._find(row)
        if existing is None:
            self._insert(row, source_id)
            return
        if self.auto_id:
            self.ids.setdefault(self.model, {})[source_id] = existing[self.pk.name]
        different = tuple(n for n, v in row.items()
                          if n != self.pk.name and n not in _IGNORED and existing.get(n) != v)
        if not different or self.model in TARGET_WINS or set(different) <= _STAMP_ONLY.get(self.model, set()):
            self.report.kept += 1
            return
        changes = self._resolve(row, existing, different)
        if changes is None:
            self._conflict(row, "differs", different)
        elif not changes:
            self.report.kept += 1
        else:
            self._update(existing, changes, row)

    def _resolve(self, row: Row, existing: Row, different: tuple[str, ...]) -> dict | None:
        """The changes to apply ({} = keep the database's row), or None for a conflict."""
        stamp = NEWER_WINS.get(self.model)
        if stamp:
            mine, theirs = row.get(stamp), existing.get(stamp)
            newer = mine is not None and (theirs is None or mine > theirs)
            return {n: row[n] for n in different} if newer else {}
        if self.model is Person and set(different) <= {"feed_seen_at"}:
            later = row.get("feed_seen_at")
            return {"feed_seen_at": later} if later and (not existing.get("feed_seen_at")
                                                         or later > existing["feed_seen_at"]) else {}
        if self.model is BreakfastSlot and set(different) <= {*_SLOT_CLAIM, "revision"}:
            # The calendar revision (schema 3) is not a claim: taking the file's claim raises it past
            # both copies, so calendars fed from either see the change.
            revision = max(int(row.get("revision") or 0), int(existing.get("revision") or 0)) + 1
            if set(different) <= {"revision"}:
                return {}
            if existing.get("host") is None and row.get("host") is not None:
                return {**{n: row[n] for n in _SLOT_CLAIM}, "revision": revision}
            if row.get("host") is None:
                return {}  # the file has the slot free: a claim in the database stays
            # The same slot (same UUID) claimed again later: the later claim wins. Two teams'
            # hosts for one breakfast date are a conflict for people to settle.
            if (existing.get("uuid") == row.get("uuid") and row.get("claimed_at") and existing.get("claimed_at")
                    and row["claimed_at"] > existing["claimed_at"]):
                return {**{n: row[n] for n in _SLOT_CLAIM}, "revision": revision}
        return None

    def _insert(self, row: Row, source_id: Any) -> None:
        values = {k: v for k, v in row.items() if not (self.auto_id and k == self.pk.name)}
        try:
            with self.db.atomic():
                new_id = self.model.insert({self.model._meta.fields[k]: v for k, v in values.items()}).execute()
        except peewee.IntegrityError:
            self._conflict(row, "refused", ())
            return
        if self.auto_id:
            self.ids.setdefault(self.model, {})[source_id] = new_id
            values[self.pk.name] = new_id
        self._remember(values)
        self.report.copied += 1

    def _update(self, existing: Row, changes: dict, row: Row) -> None:
        where = [self.model._meta.fields[n] == existing[n] for n in self._pk_names()]
        try:
            with self.db.atomic():
                self.model.update({self.model._meta.fields[k]: v for k, v in changes.items()}).where(*where).execute()
        except peewee.IntegrityError:
            self._conflict(row, "refused", tuple(changes))
            return
        existing.update(changes)
        self.report.updated += 1
        if self.auto_id:
            self.replaced.setdefault(self.model, set()).add(existing[self.pk.name])

    def _pk_names(self) -> tuple[str, ...]:
        if isinstance(self.pk, peewee.CompositeKey):
            return tuple(self.pk.field_names)
        return (self.pk.name,)

    def _conflict(self, row: Row, reason: str, fields: tuple[str, ...]) -> None:
        self.report.conflicts += 1
        self.conflicts.append(Conflict(self.report.table, self._key_text(row), reason, fields))
