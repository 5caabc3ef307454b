"""How breakfasts read on screen: list lines, the detail panel, rotation, ideas and the waitlist.

Pure functions from service dataclasses to `Content`; every user-typed string goes through
`safe()`, so a topic like `[@click=app.quit]x[/]` is shown literally.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterable

from textual.content import Content

from herotui.i18n import format_date, format_datetime, month_name, t, weekday_short
from herotui.widgets.safe import safe, safe_block

if TYPE_CHECKING:
    from herotui.services.breakfast import (
        OfferInfo,
        BreakfastOverview,
        RotationEntry,
        SlotInfo,
        TopicIdea,
        WaitlistInfo,
    )

STATE_STYLE = {
    "free": "bold $success",
    "claimed": "$secondary",
    "mine": "bold $primary",
    "cancelled": "strike $error",
    "open": "dim",
}
"""The colour of a breakfast's state, shared by the list, the grid and the legend."""

HOST_WIDTH = 20


def short_day(slot: "SlotInfo", *, with_year: bool = False) -> str:
    """"fre 4 dec" style: weekday, day and the first three letters of the month."""
    day = slot.day
    text = f"{weekday_short(day.isoweekday())} {day.day} {month_name(day.month)[:3]}"
    return f"{text} {day.year}" if with_year else text


def slot_line(slot: "SlotInfo", width: int, *, with_year: bool = False, date_width: int = 10) -> Content:
    """One row of the list: when, who (or free / cancelled), the topic and how many are coming.

    Below 70 cells (an 80-column terminal beside the month grid) the time and the counts give
    way to the topic; the detail panel shows them.
    """
    narrow = width < 70
    host_width = 14 if narrow else HOST_WIDTH
    when = short_day(slot, with_year=with_year).ljust(date_width)
    parts: list[Content | str | tuple[str, str]] = [when, " "]
    if not narrow:
        parts += [(f"{slot.local_start:%H:%M}", "dim"), "  "]
    state = slot.state
    if state == "cancelled":
        who = Content.styled(t("breakfast.state.cancelled"), STATE_STYLE[state])
    elif slot.host_name:
        who = safe(("★ " if slot.is_mine else "") + slot.host_name, width=host_width, style=STATE_STYLE[state])
    else:
        who = Content.styled(t(f"breakfast.state.{state}"), STATE_STYLE[state])
    parts += [who.truncate(host_width, ellipsis=True, pad=True), " " if narrow else "  "]
    tail: list[Content | str | tuple[str, str]] = []
    if slot.waiting_action:
        tail.append((" ⧗" if narrow else "  " + t("breakfast.pending"), "italic $warning"))
    if slot.i_am_coming:
        tail.append((" ✓" if narrow else "  ✓", "bold $success"))
    if slot.rsvp_count and not narrow:
        tail.append(("  " + t("breakfast.coming_short", n=slot.rsvp_count), "dim"))
    if slot.moved_from is not None and not slot.is_past and not narrow:
        tail.append(("  " + t("breakfast.moved"), "italic"))
    head = Content.assemble(*parts)
    tail_content = Content.assemble(*tail)
    room = max(0, width - head.cell_length - tail_content.cell_length)
    topic = safe(slot.topic) if slot.topic else Content("")
    topic = topic.truncate(room, ellipsis=True, pad=True)
    return Content.assemble(head, topic, tail_content).truncate(max(width, 1), ellipsis=True)


def date_width(slots: Iterable["SlotInfo"], *, with_year: bool = False) -> int:
    return max((len(short_day(s, with_year=with_year)) for s in slots), default=10)


def _heading(text: str) -> Content:
    return Content.styled(text, "bold $secondary")


def slot_detail(slot: "SlotInfo", overview: "BreakfastOverview") -> Content:
    """The panel under the list for the highlighted breakfast: what, who, who comes, what next."""
    day = slot.day
    lines: list[Content] = []
    when = t("breakfast.detail.when", weekday=t(f"breakfast.weekday.{day.isoweekday()}"),
             date=format_date(day, with_year=True), start=f"{slot.local_start:%H:%M}",
             end=f"{slot.local_end:%H:%M}", week=day.isocalendar().week)
    flags = []
    if slot.is_extra:
        flags.append(t("breakfast.extra"))
    if slot.is_cancelled:
        flags.append(t("breakfast.state.cancelled"))
    title = Content.styled(when, "bold")
    if flags:
        title = Content.assemble(title, ("  " + " · ".join(flags), "bold $error" if slot.is_cancelled else "italic"))
    lines.append(title)
    if slot.host_name:
        lines.append(Content.assemble((t("breakfast.detail.host") + " ", "dim"),
                                      safe(slot.host_name, style=STATE_STYLE[slot.state])))
        lines.append(Content.assemble((t("breakfast.detail.topic") + " ", "dim"), safe(slot.topic, style="bold")))
        if slot.areas:
            lines.append(Content.assemble((t("breakfast.detail.areas_label") + " ", "dim"),
                                          safe(", ".join(slot.areas))))
        if slot.description:
            lines.append(Content(""))
            lines.append(safe_block(slot.description))
    elif slot.is_free:
        lines.append(Content.styled(t("breakfast.detail.free"), "$success"))
    elif not slot.is_cancelled:
        lines.append(Content.styled(t("breakfast.detail.no_host"), "dim"))
    if slot.moved_from is not None:
        lines.append(Content.styled(t("breakfast.moved_from", date=format_date(slot.moved_from.date())), "italic"))
    if slot.reserved_name and slot.is_free and slot.reserved_until is not None:
        until = slot.reserved_until.astimezone(slot.local_start.tzinfo)
        lines.append(Content.assemble(safe(t("breakfast.reserved_for", name=slot.reserved_name,
                                             until=format_datetime(until)), style="italic $warning")))
    if day in overview.holidays:
        lines.append(Content.styled(t("breakfast.holiday", name=overview.holidays[day]), "italic"))
    lines.append(Content(""))
    lines.append(_coming_line(slot))
    if slot.offer is not None:
        lines.append(_offer_line(slot.offer, overview.me_login))
    if slot.waiting_action:
        lines.append(Content.styled(t("breakfast.detail.pending"), "italic $warning"))
    hint = _next_step(slot, overview)
    if hint:
        lines.append(Content.styled(hint, "dim"))
    return Content("\n").join(lines)


def _coming_line(slot: "SlotInfo") -> Content:
    if slot.is_past:
        return Content.styled(t("breakfast.detail.came", n=slot.rsvp_count), "dim")
    count = t("breakfast.coming", n=slot.rsvp_count) if slot.rsvp_count else t("breakfast.detail.nobody_yet")
    parts: list = [(count, "bold")]
    if slot.attendees:
        parts.append(": ")
        parts.append(safe(", ".join(slot.attendees)))
    if slot.i_am_coming:
        parts.append(("  ✓ " + t("breakfast.detail.you_come"), "$success"))
    return Content.assemble(*parts)


def _offer_line(offer: "OfferInfo", me: str) -> Content:
    if offer.to_login == me:
        return template_line(t("breakfast.detail.offer_to_you"), offer.from_name)
    return template_line(t("breakfast.detail.offer_waiting"), offer.to_name)


def template_line(text: str, name: str) -> Content:
    """`text` with `{name}` replaced by a person's (untrusted) display name, shown literally."""
    before, _, after = text.partition("{name}")
    return Content.assemble((before, "italic"), safe(name, style="bold italic"), (after, "italic"))


def _next_step(slot: "SlotInfo", overview: "BreakfastOverview") -> str:
    if slot.is_past or slot.is_cancelled:
        return t("breakfast.hint.ics")
    if slot.is_mine:
        return t("breakfast.hint.mine")
    if slot.offer is not None and slot.offer.to_login == overview.me_login:
        return t("breakfast.hint.answer")
    if slot.is_free:
        return t("breakfast.hint.free")
    return t("breakfast.hint.rsvp_off") if slot.i_am_coming else t("breakfast.hint.rsvp")


def rotation_text(entries: Iterable["RotationEntry"], limit: int = 6, width: int = 30) -> Content:
    entries = [e for e in entries if e.next_hosting is None][:limit]
    if not entries:
        return Content.styled(t("breakfast.rotation.all_booked"), "dim")
    lines = []
    for entry in entries:
        if entry.last_hosted is None:
            note = t("breakfast.rotation.never")
        else:
            note = f"{month_name(entry.last_hosted.month)[:3]} {entry.last_hosted.year}"
        name = safe(entry.name, width=max(4, width - len(note) - 1))
        lines.append(Content.assemble(name, " " * max(1, width - name.cell_length - len(note)), (note, "dim")))
    return Content("\n").join(lines)


def ideas_text(ideas: Iterable["TopicIdea"], width: int = 30) -> Content:
    ideas = list(ideas)
    if not ideas:
        return Content.styled(t("breakfast.ideas.empty"), "dim")
    lines = []
    for idea in ideas:
        if idea.below_target:
            note = t("breakfast.ideas.below_target")
        elif idea.priority == "high" and not idea.shares:
            note = t("breakfast.ideas.gap")
        else:
            note = t("breakfast.ideas.shares", n=idea.shares)
        name = safe(idea.area, width=max(4, width - len(note) - 1))
        lines.append(Content.assemble(name, " " * max(1, width - name.cell_length - len(note)), (note, "dim")))
    return Content("\n").join(lines)


def waitlist_text(info: "WaitlistInfo", me: str, *, any_free: bool, limit: int = 5) -> Content:
    if not info.entries:
        key = "breakfast.waitlist.empty_free" if any_free else "breakfast.waitlist.empty_hint"
        return Content.styled(t(key), "dim")
    lines = []
    for entry in info.entries[:limit]:
        style = "bold $primary" if entry.login == me else ""
        lines.append(Content.assemble(f"{entry.position:>2}. ", safe(entry.name, width=26, style=style)))
    if len(info.entries) > limit:
        lines.append(Content.styled(t("breakfast.waitlist.more", n=len(info.entries) - limit), "dim"))
    if info.my_position is None and not any_free:
        lines.append(Content.styled(t("breakfast.waitlist.join_hint"), "dim"))
    return Content("\n").join(lines)


def notices(overview: "BreakfastOverview") -> list[Content]:
    """What the person should act on: offers to them, their turn on the waitlist."""
    result = []
    for offer in overview.offers_to_me:
        result.append(Content.assemble(
            ("» ", "bold $primary"),
            template_line(t("breakfast.notice.offer", date=format_date(offer.slot_start.date()),
                            name="{name}"), offer.from_name),
        ))
    turn = overview.waitlist.my_turn
    if turn is not None and turn.reserved_for_me and turn.reserved_until is not None:
        until = format_datetime(turn.reserved_until.astimezone(turn.local_start.tzinfo))
        result.append(Content.assemble(("» ", "bold $primary"),
                                       t("breakfast.notice.reserved", date=format_date(turn.day), until=until)))
    elif turn is not None:
        result.append(Content.assemble(("» ", "bold $primary"),
                                       t("breakfast.notice.turn", date=format_date(turn.day))))
    return result


def legend(today: date | None = None) -> Content:
    """Three short lines, so the legend fits under the grid in either language."""

    def item(state: str) -> tuple[tuple[str, str], tuple[str, str]]:
        return ("■ ", STATE_STYLE[state].replace("strike ", "")), (t(f"breakfast.state.{state}") + "   ", "dim")

    first = Content.assemble(*item("free"), *item("claimed"), *item("mine"))
    day = f"{today.day:>2}" if today else "25"
    second = Content.assemble(*item("cancelled"), (day, "underline"), (" " + t("breakfast.today"), "dim"))
    third = Content.assemble(("* ", "$error"), (t("breakfast.legend.holiday"), "dim"))
    return Content("\n").join([first, second, third])
