"""Breakfasts as an iCalendar (RFC 5545) file, made with the `icalendar` library.

Each breakfast keeps one UID (from its slot's uuid), so importing the file again updates the
event instead of adding a copy; SEQUENCE is the slot's revision, which every change a calendar
shows raises (RFC 5545 3.8.7.4: an update replaces the copy only when SEQUENCE grew), and a
cancelled breakfast is sent as STATUS:CANCELLED rather than left out (a calendar keeps an event
that is simply missing). Times carry the organisation's TZID with a matching VTIMEZONE, so a
calendar in another zone still shows 08:00 Stockholm time on both sides of a daylight-saving
change. A display alarm the day before goes only on breakfasts the person hosts or comes to,
unless asked for. Only the "all upcoming" file names a calendar (X-WR-CALNAME): Microsoft's
format notes say a file with a single appointment must not, or Outlook opens it as a separate
calendar.
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


def wants_alarm(slot: "SlotInfo", all_alarms: bool) -> bool:
    """An alarm for breakfasts I host or said I will come to (all when asked); never a cancelled one."""
    return not slot.is_cancelled and (all_alarms or slot.is_mine or slot.i_am_coming)


def _event(slot: "SlotInfo", zone: ZoneInfo, stamp: datetime, all_alarms: bool = False) -> Event:
    start = slot.starts_at.astimezone(zone)
    event = Event()
    event.add("uid", slot_uid(slot))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=slot.minutes))
    event.add("summary", summary(slot))
    event.add("description", description(slot))
    event.add("status", "CANCELLED" if slot.is_cancelled else "CONFIRMED")
    # A calendar replaces an imported event only when SEQUENCE grows: the revision counts every change.
    event.add("sequence", int(slot.revision))
    if slot.areas:
        event.add("categories", list(slot.areas))
    if wants_alarm(slot, all_alarms):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-1))
        alarm.add("description", t("breakfast.ics.alarm", summary=summary(slot)))
        event.add_component(alarm)
    return event


def build_calendar(slots: Iterable["SlotInfo"], zone: ZoneInfo, *, stamp: datetime, calendar_name: bool = True,
                   all_alarms: bool = False) -> Calendar:
    """A VCALENDAR of `slots`; `calendar_name` adds X-WR-CALNAME (for the "all upcoming" file only)."""
    slots = list(slots)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if calendar_name:
        calendar.add("x-wr-calname", t("breakfast.ics.calendar_name"))
        calendar.add("x-wr-timezone", zone.key)
    for slot in slots:
        calendar.add_component(_event(slot, zone, stamp, all_alarms))
    if slots:
        # The VTIMEZONE only has to describe the years the events touch.
        first = min(s.starts_at for s in slots).date() - timedelta(days=366)
        last = max(s.starts_at for s in slots).date() + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    else:
        calendar.add_missing_timezones(first_date=stamp.date(), last_date=stamp.date() + timedelta(days=366))
    return calendar


def calendar_bytes(slots: Iterable["SlotInfo"], zone: ZoneInfo, *, stamp: datetime, calendar_name: bool = True,
                   all_alarms: bool = False) -> bytes:
    return build_calendar(slots, zone, stamp=stamp, calendar_name=calendar_name, all_alarms=all_alarms).to_ical()


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
