"""Constructed data for the insights tests: rows written straight into a real database."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from herotui.store.models import (
    BreakfastSlot,
    FocusArea,
    LearningSession,
    Person,
    Reaction,
    Rsvp,
    SessionArea,
    Share,
    ShareArea,
    SlotArea,
    new_uuid,
)

ZONE = ZoneInfo("Europe/Stockholm")


def people(store, count: int, prefix: str = "p") -> list[int]:
    def write() -> list[int]:
        ids = []
        for index in range(count):
            login = f"{prefix}{index}"
            row = Person.get_or_none(Person.login == login)
            if row is None:
                row = Person.create(login=login, display_name=f"Kollega {prefix}{index}",
                                    created_at=datetime(2020, 1, 1, tzinfo=timezone.utc))
            ids.append(row.id)
        return ids

    return store.write(write)


def area_id(store, name: str) -> int:
    return store.read(lambda: FocusArea.get(FocusArea.name == name).id)


def local_moment(day, hour: int = 1) -> datetime:
    return datetime.combine(day, time(hour, 0), ZONE).astimezone(timezone.utc)


def session(store, person: int, areas: list[int], minutes: int, at: datetime) -> None:
    def write() -> None:
        sid = LearningSession.insert(uuid=new_uuid(), person=person, status="done", kind="article", title="t",
                                     started_at=at, ended_at=at + timedelta(minutes=minutes), minutes=minutes,
                                     created_at=at, updated_at=at).execute()
        for area in areas:
            SessionArea.insert(session=sid, area=area).execute()

    store.write(write)


def share(store, person: int, areas: list[int], at: datetime, useful_by: list[int] = ()) -> None:
    def write() -> None:
        link = f"https://e.example/{new_uuid()}"
        sid = Share.insert(uuid=new_uuid(), person=person, url=link, url_key=link, title="t",
                           created_at=at, updated_at=at).execute()
        for area in areas:
            ShareArea.insert(share=sid, area=area).execute()
        for marker in useful_by:
            Reaction.insert(uuid=new_uuid(), share=sid, person=marker, created_at=at).execute()

    store.write(write)


def breakfast(store, host: int, area: int, at: datetime, guests: list[int]) -> None:
    def write() -> None:
        slot = BreakfastSlot.insert(uuid=new_uuid(), starts_at=at, host=host, topic="t", is_extra=True,
                                    created_at=at).execute()
        SlotArea.insert(slot=slot, area=area).execute()
        for guest in guests:
            Rsvp.insert(uuid=new_uuid(), slot=slot, person=guest, created_at=at).execute()

    store.write(write)
