"""Breakfasts as an iCalendar (RFC 5545) file, made with the `icalendar` library.

Each breakfast keeps one UID (from its slot's uuid), so importing the file again updates the
event instead of adding a copy. Times carry the organisation's TZID with a matching VTIMEZONE,
so a calendar in another zone still shows 08:00 Stockholm time correctly on both sides of a
daylight-saving change. Every event has a display alarm the day before.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Iterable
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from herotui import locations
from herotui.i18n import t
from herotui.text import clean_block, clean_line

if TYPE_CHECKING:
    from herotui.services.breakfast import SlotInfo

PRODID = "-//herotui//knowledge breakfast//EN"
UID_DOMAIN = "herotui"


def slot_uid(slot: "SlotInfo") -> str:
    return f"{slot.uuid}@{UID_DOMAIN}"


def summary(slot: "SlotInfo") -> str:
    if slot.host_name and slot.topic:
        return t("breakfast.ics.summary", topic=clean_line(slot.topic), host=clean_line(slot.host_name))
    return t("breakfast.ics.summary_free")


def description(slot: "SlotInfo") -> str:
    lines = []
    if slot.host_name:
        lines.append(t("breakfast.ics.host", host=clean_line(slot.host_name)))
    if slot.topic:
        lines.append(t("breakfast.ics.topic", topic=clean_line(slot.topic)))
    if slot.areas:
        lines.append(t("breakfast.ics.areas", areas=", ".join(slot.areas)))
    if slot.description:
        lines.extend(["", clean_block(slot.description)])
    if not slot.host_name:
        lines.append(t("breakfast.ics.no_host"))
    return "\n".join(lines)


def _event(slot: "SlotInfo", zone: ZoneInfo, stamp: datetime) -> Event:
    start = slot.starts_at.astimezone(zone)
    event = Event()
    event.add("uid", slot_uid(slot))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=slot.minutes))
    event.add("summary", summary(slot))
    event.add("description", description(slot))
    event.add("status", "CANCELLED" if slot.is_cancelled else "CONFIRMED")
    # A calendar replaces an imported event only when SEQUENCE grows: moving or cancelling counts up.
    event.add("sequence", int(slot.moved_from is not None) + int(slot.is_cancelled))
    if slot.areas:
        event.add("categories", list(slot.areas))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-1))
    alarm.add("description", t("breakfast.ics.alarm", summary=summary(slot)))
    event.add_component(alarm)
    return event


def build_calendar(slots: Iterable["SlotInfo"], zone: ZoneInfo, *, stamp: datetime) -> Calendar:
    slots = list(slots)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", t("breakfast.ics.calendar_name"))
    calendar.add("x-wr-timezone", zone.key)
    for slot in slots:
        calendar.add_component(_event(slot, zone, stamp))
    if slots:
        # The VTIMEZONE only has to describe the years the events touch.
        first = min(s.starts_at for s in slots).date() - timedelta(days=366)
        last = max(s.starts_at for s in slots).date() + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    else:
        calendar.add_missing_timezones(first_date=stamp.date(), last_date=stamp.date() + timedelta(days=366))
    return calendar


def calendar_bytes(slots: Iterable["SlotInfo"], zone: ZoneInfo, *, stamp: datetime) -> bytes:
    return build_calendar(slots, zone, stamp=stamp).to_ical()


def export_dir() -> Path:
    return locations.export_dir()


def file_name(day: date) -> str:
    return f"{t('breakfast.ics.file_prefix')}-{day.isoformat()}.ics"


def write_file(data: bytes, target: Path) -> Path:
    """Write atomically (a half-written .ics would confuse a calendar that watches the folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target
