"""What the breakfast service hands out: frozen dataclasses and the status vocabularies.

No peewee row reaches a caller; `herotui.services.breakfast.read` turns rows into these. Times:
`starts_at` and other `*_at` values are UTC-aware datetimes unless a field says "local" (then the
organisation's zone, what people see); durations are minutes; `date` values are local dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from herotui.services.calendar_rules import MonthlyRule

SlotStatus = Literal["scheduled", "cancelled"]
"""A breakfast as stored: on the calendar, or called off (kept, so calendars see the cancellation)."""

SlotState = Literal["cancelled", "mine", "claimed", "free", "open"]
"""A breakfast as the acting person sees it (`SlotInfo.state`); `open` is past with no host."""

OfferStatus = Literal["offered", "accepted", "declined", "withdrawn"]
"""A hand-over offer: waiting for an answer, or closed one of three ways."""

WaitlistStatus = Literal["waiting", "done", "left"]
"""A waitlist entry: in line, served (they got a breakfast), or left the line."""

Priority = Literal["normal", "high"]
"""A focus area's priority, as the ideas list ranks it."""

BreakfastAction = Literal[
    "breakfast.claim", "breakfast.edit", "breakfast.release", "breakfast.rsvp",
    "breakfast.waitlist.join", "breakfast.waitlist.pass", "breakfast.waitlist.leave",
    "breakfast.handover.offer", "breakfast.handover.answer", "breakfast.handover.withdraw",
    "breakfast.move_seen", "breakfast.extra", "breakfast.move", "breakfast.cancel",
]
"""The names of the breakfast actions (the outbox stores them; `SlotInfo.waiting_action` shows one)."""


@dataclass(frozen=True)
class OfferInfo:
    """A hand-over: the host offers their breakfast to a named colleague."""

    uuid: str
    slot_uuid: str
    slot_start: datetime
    """Local, organisation's zone."""
    from_login: str
    from_name: str
    to_login: str
    to_name: str
    status: OfferStatus


@dataclass(frozen=True)
class SlotInfo:
    """One breakfast, as the acting person sees it (their RSVP, whether they host it)."""

    id: int
    uuid: str
    starts_at: datetime
    """UTC."""
    local_start: datetime
    """The same moment in the organisation's zone (what people see)."""
    minutes: int
    """How long it lasts, in minutes."""
    status: SlotStatus
    is_extra: bool
    """Added by an admin on top of the rule's monthly breakfasts."""
    rule_key: str | None
    """`YYYY-MM` for the rule's breakfast of that month; None for extras."""
    moved_from: datetime | None
    """Where it was (local) the last time the host looked, when an admin or a rule change moved it."""
    move_seen: bool
    host_login: str | None
    host_name: str | None
    topic: str
    description: str
    claimed_at: datetime | None
    """UTC."""
    areas: tuple[str, ...]
    """Focus-area names, sorted as people read them."""
    rsvp_count: int
    """Guests coming (the host not counted)."""
    i_am_coming: bool
    is_mine: bool
    is_past: bool
    """The breakfast has started (or is over): no more claims, RSVPs or changes."""
    attendees: tuple[str, ...] = ()
    """Names of those coming; filled in for the host and for admins only."""
    offer: OfferInfo | None = None
    """An open hand-over offer for this slot."""
    waiting_action: BreakfastAction | None = None
    """The name of an action on this slot still waiting in this computer's outbox."""
    revision: int = 0
    """Counts every change a calendar shows; the ICS SEQUENCE."""
    reserved_name: str | None = None
    """Whom the waitlist reserved this released breakfast for, until `reserved_until` (UTC)."""
    reserved_until: datetime | None = None
    reserved_for_me: bool = False

    @property
    def reserved_for_other(self) -> bool:
        """The waitlist holds it for someone else: I cannot claim it until `reserved_until`."""
        return self.reserved_name is not None and not self.reserved_for_me

    @property
    def day(self) -> date:
        """The local date it falls on."""
        return self.local_start.date()

    @property
    def local_end(self) -> datetime:
        """Local end: `local_start` plus `minutes`."""
        return self.local_start + timedelta(minutes=self.minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def is_free(self) -> bool:
        """Scheduled, upcoming and without a host (a waitlist reservation may still hold it)."""
        return self.status == "scheduled" and self.host_login is None and not self.is_past

    @property
    def state(self) -> SlotState:
        """cancelled, mine, claimed, free or open (past without a host)."""
        if self.is_cancelled:
            return "cancelled"
        if self.is_mine:
            return "mine"
        if self.host_login is not None:
            return "claimed"
        return "open" if self.is_past else "free"


@dataclass(frozen=True)
class WaitEntry:
    """One person in the waitlist; `position` counts from 1, `since` is UTC."""

    position: int
    login: str
    name: str
    since: datetime


@dataclass(frozen=True)
class WaitlistInfo:
    """The line of people waiting for a breakfast to host, and where I stand."""

    entries: tuple[WaitEntry, ...]
    """In order of joining."""
    my_position: int | None
    """1-based; None when I am not waiting."""
    my_turn: SlotInfo | None
    """A breakfast reserved for me (claim it or pass before `my_turn.reserved_until`); else, when
    I am first in line and a breakfast is free for anyone, the earliest one, to claim now."""


@dataclass(frozen=True)
class RotationEntry:
    """Who hosted how often (fair rotation); dates are local."""

    login: str
    name: str
    times_hosted: int
    """Scheduled breakfasts they hosted that have started."""
    last_hosted: date | None
    next_hosting: date | None


@dataclass(frozen=True)
class TopicIdea:
    """A focus area people shared in lately that no breakfast covered within half a year."""

    area: str
    shares: int
    """Shares in the area in the last `IDEA_WINDOW_DAYS` days."""
    last_covered: date | None
    """Local date of the last breakfast on the area, if any."""
    priority: Priority = "normal"
    """The area's priority (high areas not covered lately come first: they are the insights' gaps)."""
    below_target: bool = False
    """Learning in the area this quarter is below its target (an insights gap): such areas come first."""


@dataclass(frozen=True)
class BreakfastOverview:
    """Everything the breakfast screen shows, read in one transaction."""

    me_login: str
    is_admin: bool
    today: date
    """Local date in the organisation's zone."""
    zone: str
    """The organisation's IANA zone key, e.g. "Europe/Stockholm"."""
    rule: MonthlyRule
    upcoming: tuple[SlotInfo, ...]
    """Not yet over (a breakfast in progress is here), earliest first."""
    past: tuple[SlotInfo, ...]
    """Over; newest first, at most `ARCHIVE_LIMIT`."""
    waitlist: WaitlistInfo
    offers_to_me: tuple[OfferInfo, ...]
    moved_for_me: tuple[SlotInfo, ...]
    """My breakfasts that an admin (or a rule change) moved since I last looked."""
    rotation: tuple[RotationEntry, ...]
    ideas: tuple[TopicIdea, ...]
    holidays: dict[date, str] = field(default_factory=dict)
    """Public holidays (local date -> name) from a year back to beyond the months ahead."""

    def slot(self, uuid: str) -> SlotInfo | None:
        """The slot with this uuid among upcoming and past, or None."""
        for slot in (*self.upcoming, *self.past):
            if slot.uuid == uuid:
                return slot
        return None

    def all_slots(self) -> tuple[SlotInfo, ...]:
        """Past and upcoming in time order, oldest first."""
        return (*reversed(self.past), *self.upcoming)


@dataclass(frozen=True)
class SlotRef:
    """A breakfast known by its uuid and local day (ISO `2027-02-05`): enough to claim, release,
    RSVP or hand it over while the database cannot be reached (kept in `forms.json`)."""

    uuid: str
    day: str

    @property
    def date(self) -> date:
        return date.fromisoformat(self.day)
