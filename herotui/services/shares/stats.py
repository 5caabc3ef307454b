"""Overviews of the shares: most useful in a period, shares per area, sharers, digests.

Every function runs inside a read transaction the caller opened (`Store.read`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from peewee import Case, fn

from herotui.collation import sort_by_name, sort_key
from herotui.isoweek import monday_of
from herotui.services.shares.feed import LINE_COLUMNS, items
from herotui.services.shares.types import (
    AreaCount,
    Digest,
    DigestGroup,
    DigestItem,
    FeedItem,
    Period,
    Sharer,
    Viewer,
)
from herotui.store.fields import to_micros
from herotui.store.models import FocusArea, Person, Reaction, Share, ShareArea

if TYPE_CHECKING:
    from herotui.services.hero import Hero

RECENT = timedelta(days=30)
"""What `AreaCount.recent` counts back from now."""


def period_start(hero: "Hero", period: Period) -> datetime:
    """Monday 00:00 of this ISO week, or the 1st of this month, in the organisation's zone
    (an aware datetime in that zone)."""
    zone = hero.org.timezone()
    local = hero.now().astimezone(zone)
    day = monday_of(local.date()) if period == "week" else local.date().replace(day=1)
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def most_useful(since: datetime, limit: int, viewer: Viewer) -> list[FeedItem]:
    """Up to `limit` shares posted since `since`, most "useful" reactions first, then newest;
    shares without a reaction are left out."""
    reactions = fn.COUNT(Reaction.id)
    ranked = (Share.select(*LINE_COLUMNS)
              .join(Person, on=(Share.person == Person.id))
              .switch(Share).join(Reaction, on=(Reaction.share == Share.id))
              .where(Share.created_at >= since)
              .group_by(*LINE_COLUMNS)
              .order_by(reactions.desc(), Share.created_at.desc(), Share.id.desc())
              .limit(limit))
    return items(list(ranked.tuples()), viewer)


def area_counts(now: datetime, include_retired: bool) -> list[AreaCount]:
    """Shares per focus area, all time and in the `RECENT` days before `now`, by name."""
    recent_since = now - RECENT
    recent = fn.SUM(Case(None, [(Share.created_at >= recent_since, 1)], 0))
    query = (FocusArea.select(FocusArea.name, FocusArea.retired, fn.COUNT(Share.id), recent)
             .join(ShareArea, join_type="LEFT OUTER JOIN", on=(ShareArea.area == FocusArea.id))
             .join(Share, join_type="LEFT OUTER JOIN", on=(ShareArea.share == Share.id))
             .group_by(FocusArea.id, FocusArea.name, FocusArea.retired)
             .order_by(FocusArea.name))
    if not include_retired:
        query = query.where(FocusArea.retired == False)  # noqa: E712
    return sort_by_name([AreaCount(name, bool(retired), total or 0, int(recent_total or 0))
                         for name, retired, total, recent_total in query.tuples()], lambda a: a.name)


def sharers() -> list[Sharer]:
    """People with at least one share (unsorted: the caller sorts by collation)."""
    query = (Person.select(Person.login, Person.display_name, fn.COUNT(Share.id))
             .join(Share, on=(Share.person == Person.id))
             .group_by(Person.id, Person.login, Person.display_name)
             .order_by(Person.display_name, Person.login))
    return [Sharer(login, name, total) for login, name, total in query.tuples()]


def digest(since: datetime, until: datetime, viewer: Viewer) -> Digest:
    """Shares posted in [since, until] grouped by focus area (a share appears under each of its
    areas, under "" when it has none), most useful first; the busiest areas first."""
    rows = list(Share.select(*LINE_COLUMNS, Share.note).join(Person, on=(Share.person == Person.id))
                .where((Share.created_at >= since) & (Share.created_at <= until))
                .order_by(Share.created_at.desc(), Share.id.desc()).tuples())
    notes = {row[0]: row[-1] for row in rows}
    lines = items([row[:-1] for row in rows], viewer)
    groups: dict[str, list[DigestItem]] = defaultdict(list)
    for item in lines:
        entry = DigestItem(item.uuid, item.title, item.url, item.kind, item.author_name,
                           item.created_at, item.useful, notes[item.id], item.tags)
        for area in item.areas or ("",):
            groups[area].append(entry)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), sort_key(kv[0])))
    return Digest(since, until, len(lines), tuple(
        DigestGroup(area, tuple(sorted(entries, key=lambda e: (-e.useful, -to_micros(e.created_at)))))
        for area, entries in ordered))
