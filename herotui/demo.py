"""Realistic Swedish sample content, for `herotui init --demo`, `herotui demo` and the benchmarks.

`populate` writes through the store layer in batches (one transaction per batch), so it can fill
a database with a handful of rows or with a hundred thousand shares.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from herotui.clock import Clock
from herotui.services.calendar_rules import add_months, nth_weekday
from herotui.store import create_store, search
from herotui.store.database import Store
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
    ShareTag,
    SlotArea,
    new_uuid,
)
from herotui.store.urls import normalise_url

FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Mikael", "Eva", "Anders", "Emma",
    "Per", "Lena", "Jonas", "Sofia", "Fredrik", "Ida", "Magnus", "Elin", "Oskar", "Helena", "Nils",
    "Linnea", "Gustav", "Maja", "Henrik", "Frida", "Olof", "Amira", "Ali",
]
LAST_NAMES = [
    "Berg", "Lindqvist", "Johansson", "Nyström", "Andersson", "Ek", "Holm", "Karlsson", "Sjöberg",
    "Lund", "Wallin", "Öberg", "Håkansson", "Nilsson", "Åberg", "Persson", "Sandberg", "Falk",
    "Hassan", "Engström",
]

TOPICS: dict[str, list[str]] = {
    "Rekrytering": [
        "Kompetensbaserad rekrytering i praktiken", "Så minskar du fördomar i urvalet",
        "Strukturerade intervjuer: en checklista", "Employer branding för små bolag",
        "Referenstagning som faktiskt säger något", "Arbetsprov eller case - vad förutsäger bäst?",
    ],
    "Arbetsrätt": [
        "LAS-förändringarna ett år senare", "Omplacering före uppsägning: vad gäller?",
        "Nya domar från Arbetsdomstolen i höst", "Visselblåsarlagen i vardagen",
        "Förhandlingsskyldighet enligt MBL", "Provanställning: vanliga misstag",
    ],
    "Ledarskap": [
        "Psykologisk trygghet i team", "Feedback som landar", "Att leda på distans utan att tappa tilliten",
        "Det coachande samtalet", "Beslut i osäkerhet", "Chefens första 90 dagar",
    ],
    "AI i HR": [
        "AI-förordningen och rekryteringsverktyg", "Generativ AI för HR-specialister",
        "Promptteknik för policyarbete", "Etik när algoritmer sorterar CV:n",
        "Chattbotar i medarbetarservice", "Data för personalplanering",
    ],
    "Arbetsmiljö": [
        "OSA-föreskrifterna i praktiken", "Stress och återhämtning", "Systematiskt arbetsmiljöarbete steg för steg",
        "Hybridarbete och ergonomi", "Tidiga tecken på ohälsa",
    ],
    "Kompetensutveckling": [
        "70-20-10 i en konsultverksamhet", "Lärande organisation: Senge på svenska", "Mikrolärande som funkar",
        "Kompetenskartläggning utan Excel-kaos", "Mentorskap mellan generationer",
    ],
    "Förändringsledning": [
        "Kotters åtta steg - kritiskt granskade", "Motstånd är information", "Kommunicera förändring i tid",
        "ADKAR för HR-konsulter",
    ],
    "Lön och förmåner": [
        "Lönekartläggning enligt diskrimineringslagen", "Förmåner som medarbetare faktiskt vill ha",
        "Lönesamtalet: förberedelser", "Total reward i praktiken",
    ],
    # An area starting with Å, so every screen shows where Swedish sorts it (after Z).
    "Återkoppling": [
        "Återkoppling som går att ta emot", "Medarbetarsamtal med framåtblick", "Feedforward i stället för kritik",
    ],
}
DEMO_AREAS = ("Återkoppling",)
"""Focus areas the demo adds to the defaults."""
SORTS_AMONG_THEM = ("asa.oberg", "Åsa Öberg")
"""A colleague whose name sorts among Å, Ä and Ö (the last demo person, when there are three or more)."""
KINDS = ["article", "podcast", "webinar", "book", "course", "video"]
SOURCES = {
    "article": "https://www.example.com/artiklar/",
    "podcast": "https://podcast.example.com/avsnitt/",
    "webinar": "https://webinar.example.org/",
    "book": "https://bokhandel.example.net/bok/",
    "course": "https://kurser.example.org/kurs/",
    "video": "https://video.example.com/watch/",
}
NOTES = [
    "Kort och matnyttig. **Läs särskilt avsnittet om checklistan** - den kan vi använda direkt hos kund.",
    "Bra exempel från offentlig sektor.\n\n- tydlig struktur\n- konkreta mallar\n- lagom långt",
    "Lyssnade på pendeln. Intressant resonemang om *varför* det ofta skaver i praktiken.",
    "Passar inför nästa kunduppdrag om omorganisation.",
    "Tips från kundmötet i veckan. Värt tio minuter!",
    "",
    "Sammanfattning: tre modeller, en fallstudie och en rätt ärlig diskussion om vad som inte fungerade.",
]
TAGS = ["mall", "checklista", "forskning", "case", "lagstiftning", "verktyg", "kundtips", "snabbläst"]


@dataclass(frozen=True)
class DemoSize:
    people: int = 20
    shares: int = 300
    sessions: int = 450
    breakfast_months_back: int = 6
    breakfast_months_ahead: int = 6


def create_demo_database(target: str, *, creator_login: str = "anna.berg", clock: Clock | None = None,
                         size: DemoSize = DemoSize(), seed: int = 48) -> Store:
    # The sample admin is Anna Berg; whoever else creates a demo keeps their own name (asked later).
    creator_name = "Anna Berg" if creator_login == "anna.berg" else None
    store = create_store(target, creator_login=creator_login, creator_name=creator_name, clock=clock)
    populate(store, size=size, seed=seed)
    _set_priorities(store)
    return store


DEMO_PRIORITIES = {"Arbetsrätt": ("high", 1500), "AI i HR": ("high", 1200), "Lön och förmåner": ("low", None)}
"""What the sample company says it needs, so the insights screen has gaps to show."""


def _set_priorities(store: Store) -> None:
    def write() -> None:
        for name, (priority, target) in DEMO_PRIORITIES.items():
            FocusArea.update(priority=priority, target_minutes=target).where(FocusArea.name == name).execute()

    store.write(write)


def _slug(text: str) -> str:
    table = str.maketrans("åäöéÅÄÖÉ", "aaoeaaoe")
    return "-".join("".join(c if c.isalnum() else " " for c in text.translate(table).lower()).split())


def populate(store: Store, *, size: DemoSize = DemoSize(), seed: int = 48, batch: int = 2000,
             spread_days: int = 182) -> None:
    """Fill `store` with people, shares, learning sessions and breakfasts, in batched transactions."""
    rng = random.Random(seed)
    now = store.clock.now()
    zone = ZoneInfo("Europe/Stockholm")

    def add_people() -> list[int]:
        existing = Person.select().count()
        rows = []
        for index in range(existing, size.people):
            first = FIRST_NAMES[index % len(FIRST_NAMES)]
            # Every first name meets every last name before any full name repeats.
            last = LAST_NAMES[(index // len(FIRST_NAMES) + 7 * (index % len(FIRST_NAMES))) % len(LAST_NAMES)]
            suffix = "" if index < len(FIRST_NAMES) else str(index)
            rows.append({
                "uuid": new_uuid(), "login": f"{first}.{last}{suffix}".lower().translate(str.maketrans("åäöé", "aaoe")),
                "display_name": f"{first} {last}", "is_admin": False, "named_in_pulse": rng.random() < 0.6,
                "named_display_set": True, "created_at": now - timedelta(days=spread_days + 30),
            })
            if index == size.people - 1 and size.people >= 3:
                rows[-1].update(login=SORTS_AMONG_THEM[0], display_name=SORTS_AMONG_THEM[1])
        for start in range(0, len(rows), batch):
            Person.insert_many(rows[start:start + batch]).on_conflict_ignore().execute()
        return [p.id for p in Person.select(Person.id)]

    people = store.write(add_people)

    def add_areas() -> None:
        for name in DEMO_AREAS:
            FocusArea.insert(name=name, created_at=now - timedelta(days=spread_days + 30)).on_conflict_ignore().execute()

    store.write(add_areas)
    areas = store.read(lambda: {a.name: a.id for a in FocusArea.select()})
    area_names = [name for name in TOPICS if name in areas] or list(areas)

    def share_rows(start: int, count: int):
        shares, links, tags = [], [], []
        for index in range(start, start + count):
            area = area_names[rng.randrange(len(area_names))]
            title = rng.choice(TOPICS.get(area, ["Intressant läsning"]))
            kind = rng.choice(KINDS)
            url = f"{SOURCES[kind]}{_slug(title)}-{index}"
            created = now - timedelta(seconds=rng.randrange(spread_days * 86_400))
            shares.append({
                "uuid": new_uuid(), "person": rng.choice(people), "url": url, "url_key": normalise_url(url),
                "title": title, "kind": kind, "note": rng.choice(NOTES), "created_at": created,
                "updated_at": created,
            })
            second = rng.choice(area_names) if rng.random() < 0.3 else None
            links.append([area] + ([second] if second and second != area else []))
            tags.append(sorted(set(rng.sample(TAGS, rng.randrange(0, 3)))))
        return shares, links, tags

    written = 0
    while written < size.shares:
        count = min(batch, size.shares - written)
        shares, links, tags = share_rows(written, count)

        def write_batch() -> None:
            for row, area_list, tag_list in zip(shares, links, tags):
                share_id = Share.insert(row).execute()
                ShareArea.insert_many([{"share": share_id, "area": areas[a]} for a in area_list]).execute()
                if tag_list:
                    ShareTag.insert_many([{"share": share_id, "tag": tg} for tg in tag_list]).execute()
                search.index_share(store.db, share_id, row["title"], row["note"], tag_list)
                for person in rng.sample(people, min(len(people), rng.choice([0, 0, 1, 2, 3, 5]))):
                    Reaction.insert(uuid=new_uuid(), share=share_id, person=person,
                                    created_at=row["created_at"] + timedelta(hours=rng.randrange(1, 72))
                                    ).on_conflict_ignore().execute()

        store.write(write_batch)
        written += count

    _add_sessions(store, rng, people, areas, area_names, size.sessions, now, spread_days, batch)
    _add_breakfasts(store, rng, people, areas, area_names, size, now, zone)


def _add_sessions(store, rng, people, areas, area_names, total, now, spread_days, batch) -> None:
    written = 0
    while written < total:
        count = min(batch, total - written)

        def write_batch() -> None:
            for _ in range(count):
                area = rng.choice(area_names)
                minutes = rng.choice([15, 20, 25, 30, 30, 45, 45, 60, 60, 90])
                started = now - timedelta(seconds=rng.randrange(60 * 60, spread_days * 86_400))
                session_id = LearningSession.insert(
                    uuid=new_uuid(), person=rng.choice(people), status="done", kind=rng.choice(KINDS),
                    title=rng.choice(TOPICS.get(area, ["Lärande"])), note=rng.choice(NOTES[:5]),
                    started_at=started, ended_at=started + timedelta(minutes=minutes), minutes=minutes,
                    created_at=started, updated_at=started,
                ).execute()
                SessionArea.insert(session=session_id, area=areas[area]).execute()

        store.write(write_batch)
        written += count


def _add_breakfasts(store, rng, people, areas, area_names, size: DemoSize, now, zone) -> None:
    from herotui.services.breakfast_plan import plan_from
    from herotui.store.schema import DEFAULT_SETTINGS

    today = now.astimezone(zone).date()
    # The default plan, as the app makes it: first Fridays, a week later when that is a holiday.
    plan = plan_from(DEFAULT_SETTINGS, today)

    def write() -> None:
        for offset in range(-size.breakfast_months_back, size.breakfast_months_ahead + 1):
            year, month = add_months(today.year, today.month, offset)
            day = plan.day_in(year, month) or nth_weekday(year, month, 1, 5)
            starts = datetime.combine(day, time(8, 0), zone).astimezone(timezone.utc)
            past = starts < now
            claimed = past or rng.random() < 0.45
            area = rng.choice(area_names)
            host = rng.choice(people) if claimed else None
            slot_id = BreakfastSlot.insert(
                uuid=new_uuid(), starts_at=starts, duration_minutes=60, rule_key=f"{year:04d}-{month:02d}",
                host=host, topic=rng.choice(TOPICS.get(area, ["Frukostsamtal"])) if claimed else "",
                description="Ta med frågor! Vi bjuder på kaffe och frallor." if claimed else "",
                claimed_at=(starts - timedelta(days=40)) if claimed else None, created_at=now,
            ).on_conflict_ignore().execute()
            if not slot_id:
                continue
            if claimed:
                SlotArea.insert(slot=slot_id, area=areas[area]).execute()
                guests = [p for p in people if p != host]
                for person in rng.sample(guests, min(len(guests), rng.randrange(3, 12))):
                    Rsvp.insert(uuid=new_uuid(), slot=slot_id, person=person, created_at=now).on_conflict_ignore().execute()

    store.write(write)
