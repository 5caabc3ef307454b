"""Focus areas: the organisation's competence needs. Admins curate; a retired area keeps its shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from peewee import IntegrityError

from herotui.collation import fold, sort_by_name
from herotui.services.errors import Conflict, NotFound, ValidationError
from herotui.services.kinds import KINDS
from herotui.services.people import require_admin
from herotui.store.models import BreakfastSlot, FocusArea, SlotArea, raise_revisions
from herotui.text import clean_line

if TYPE_CHECKING:
    from herotui.services.hero import Hero

MAX_AREA_NAME = 80


@dataclass(frozen=True)
class AreaInfo:
    id: int
    uuid: str
    name: str
    retired: bool
    priority: str = "normal"
    """high, normal or low: how much the business needs this competence."""
    target_minutes: int | None = None
    """The company's learning target for the area, minutes per calendar quarter (None: no target)."""


PRIORITIES = ("high", "normal", "low")
MAX_TARGET_MINUTES = 1_000_000


def to_area(row: FocusArea) -> AreaInfo:
    return AreaInfo(row.id, row.uuid, row.name, row.retired, row.priority or "normal", row.target_minutes)


def validate_priority(priority: str) -> str:
    """`high`, `normal` or `low` (Swedish `hög`, `normal`, `låg` also accepted); else ValidationError."""
    value = (priority or "").strip().lower()
    value = {"hög": "high", "hog": "high", "låg": "low", "lag": "low"}.get(value, value)
    if value not in PRIORITIES:
        raise ValidationError("area.error.priority", value=clean_line(priority or ""))
    return value


def validate_target(minutes: object) -> int | None:
    """Minutes per quarter as a whole number 1..1,000,000, or None (`none`, `0`, empty) to clear."""
    if minutes is None or (isinstance(minutes, str) and minutes.strip().lower() in ("", "none", "ingen", "-")):
        return None
    try:
        value = int(str(minutes).strip())
    except ValueError:
        raise ValidationError("area.error.target_number", value=clean_line(str(minutes))) from None
    if value == 0:
        return None
    if not 1 <= value <= MAX_TARGET_MINUTES:
        raise ValidationError("area.error.target_range", high=MAX_TARGET_MINUTES)
    return value


def validate_kind(kind: str) -> str:
    kind = fold(kind)
    if kind not in KINDS:
        raise ValidationError("error.kind_unknown", kind=kind, kinds=", ".join(KINDS))
    return kind


def _validate_name(name: str) -> str:
    cleaned = clean_line(name)
    if not cleaned:
        raise ValidationError("area.error.name_required")
    if len(cleaned) > MAX_AREA_NAME:
        raise ValidationError("area.error.name_too_long", max=MAX_AREA_NAME)
    return cleaned


def find_area(name: str) -> FocusArea | None:
    """Lookup by name, ignoring case the way `str.casefold()` does ("ÅTERKOPPLING" finds
    "Återkoppling" on SQLite too), inside a read or write transaction; `None` when unknown."""
    return FocusArea.get_or_none(FocusArea.name_key == fold(clean_line(name)))


def active_area_names() -> list[str]:
    """The names of the areas one can choose (not retired), alphabetically the interface
    language's way; inside a read or write transaction. For "choose one of ..." messages."""
    return sort_by_name([row.name for row in FocusArea.select(FocusArea.name).where(FocusArea.retired == False)], str)  # noqa: E712


def resolve_areas(names: Iterable[str], *, allow_retired: bool = False) -> list[FocusArea]:
    """Rows for the given names, refusing unknown (and, unless allowed, retired) areas."""
    rows: list[FocusArea] = []
    for name in names:
        row = find_area(name)
        if row is None:
            raise ValidationError("area.error.unknown_choose", name=clean_line(name), known=active_area_names())
        if row.retired and not allow_retired:
            raise ValidationError("area.error.retired", name=row.name)
        if row not in rows:
            rows.append(row)
    return rows


class AreaService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero

    def list(self, *, include_retired: bool = False) -> list[AreaInfo]:
        """The focus areas in the interface language's alphabetical order (Swedish: ... X Y Z Å Ä Ö);
        offline, the last list seen online (see formcache.py)."""
        from herotui.services.formcache import cached_list

        def read() -> list[AreaInfo]:
            return [to_area(row) for row in FocusArea.select()]

        areas = cached_list(self.hero, "areas", AreaInfo, lambda: self.hero.store.read(read))
        return sort_by_name([a for a in areas if include_retired or not a.retired], lambda a: a.name)

    def add(self, name: str) -> AreaInfo:
        name = _validate_name(name)

        def write() -> AreaInfo:
            require_admin(self.hero, self.hero.login)
            if find_area(name) is not None:
                raise Conflict("area.error.exists", name=name)
            try:
                row = FocusArea.create(name=name, created_at=self.hero.now())
            except IntegrityError:
                # Another computer added it between our check and our insert (PostgreSQL).
                raise Conflict("area.error.exists", name=name) from None
            return to_area(row)

        return self.hero.store.write(write)

    def rename(self, old: str, new: str) -> AreaInfo:
        new = _validate_name(new)

        def write() -> AreaInfo:
            require_admin(self.hero, self.hero.login)
            row = find_area(old)
            if row is None:
                raise NotFound("area.error.unknown", name=clean_line(old))
            clash = find_area(new)
            if clash is not None and clash.id != row.id:
                raise Conflict("area.error.exists", name=new)
            FocusArea.update(name=new).where(FocusArea.id == row.id).execute()
            if new != row.name:
                # Upcoming breakfasts about this area show its name in their calendar events.
                raise_revisions(BreakfastSlot.starts_at > self.hero.now(),
                                BreakfastSlot.id.in_(SlotArea.select(SlotArea.slot).where(SlotArea.area == row.id)))
            return to_area(FocusArea.get_by_id(row.id))

        return self.hero.store.write(write)

    def set_retired(self, name: str, retired: bool = True) -> AreaInfo:
        def write() -> AreaInfo:
            require_admin(self.hero, self.hero.login)
            row = find_area(name)
            if row is None:
                raise NotFound("area.error.unknown", name=clean_line(name))
            FocusArea.update(retired=retired).where(FocusArea.id == row.id).execute()
            return to_area(FocusArea.get_by_id(row.id))

        return self.hero.store.write(write)

    def set_priority(self, name: str, priority: str) -> AreaInfo:
        """Admins only (NotAllowed otherwise); NotFound for an unknown area; ValidationError for a bad value."""
        value = validate_priority(priority)
        return self._update(name, priority=value)

    def set_target(self, name: str, minutes: object) -> AreaInfo:
        """Set (or clear with None/0/"none") the area's target in minutes per quarter. Admins only."""
        value = validate_target(minutes)
        return self._update(name, target_minutes=value)

    def _update(self, name: str, **fields: object) -> AreaInfo:
        def write() -> AreaInfo:
            require_admin(self.hero, self.hero.login)
            row = find_area(name)
            if row is None:
                raise NotFound("area.error.unknown", name=clean_line(name))
            FocusArea.update(**fields).where(FocusArea.id == row.id).execute()
            return to_area(FocusArea.get_by_id(row.id))

        return self.hero.store.write(write)
