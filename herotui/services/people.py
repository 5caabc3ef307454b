"""People: who is using herotui, display names, visibility and the admin flag."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from herotui.collation import fold, sort_key
from herotui.services.actions import action, action_time
from herotui.services.errors import NotAllowed, NotFound, ValidationError
from herotui.store.models import BreakfastSlot, Person, raise_revisions
from herotui.text import clean_line

if TYPE_CHECKING:
    from herotui.services.hero import Hero

MAX_NAME = 100


@dataclass(frozen=True)
class PersonInfo:
    id: int
    login: str
    display_name: str
    is_admin: bool
    named_in_pulse: bool
    named_display_set: bool


def to_info(row: Person) -> PersonInfo:
    return PersonInfo(
        id=row.id,
        login=row.login,
        display_name=row.display_name,
        is_admin=row.is_admin,
        named_in_pulse=row.named_in_pulse,
        named_display_set=row.named_display_set,
    )


def person_row(hero: "Hero", login: str, *, create: bool = True, at=None) -> Person:
    """The row for `login`, created on first use (inside the caller's write transaction).

    Logins match whatever their case (`Anna.Berg` is `anna.berg`: Windows keeps the spelling typed
    at logon); the spelling first seen is kept for display. Raises `NotFound` when `create` is off
    and nobody with that login has used herotui."""
    row = Person.get_or_none(Person.login_key == fold(login))
    if row is None:
        if not create:
            raise NotFound("error.person_unknown", login=login)
        Person.insert(login=login, display_name=login, created_at=at or hero.now()).on_conflict_ignore().execute()
        row = Person.get(Person.login_key == fold(login))
    return row


def require_admin(hero: "Hero", login: str) -> Person:
    row = Person.get_or_none(Person.login_key == fold(login))
    if row is None or not row.is_admin:
        raise NotAllowed("error.admin_only")
    return row


def validate_display_name(name: str) -> str:
    cleaned = clean_line(name)
    if not cleaned:
        raise ValidationError("error.name_required")
    if len(cleaned) > MAX_NAME:
        raise ValidationError("error.name_too_long", max=MAX_NAME)
    return cleaned


class PeopleService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero

    def ensure_me(self) -> PersonInfo:
        """Make sure the current person exists (a write only the first time)."""
        # One statement: read without BEGIN/COMMIT, two round trips fewer before the first screen.
        found = self.hero.store.read_one(lambda: Person.get_or_none(Person.login_key == fold(self.hero.login)))
        if found is not None:
            return to_info(found)
        return self.hero.store.write(lambda: to_info(person_row(self.hero, self.hero.login)))

    def me(self) -> PersonInfo:
        return self.get(self.hero.login)

    def get(self, login: str) -> PersonInfo:
        def read() -> PersonInfo:
            row = Person.get_or_none(Person.login_key == fold(login))
            if row is None:
                raise NotFound("error.person_unknown", login=login)
            return to_info(row)

        return self.hero.store.read(read)

    def list(self) -> list[PersonInfo]:
        """Everyone, by display name in the interface language's alphabetical order; offline, the
        last list seen online (see formcache.py)."""
        from herotui.services.formcache import cached_list

        people = cached_list(self.hero, "people", PersonInfo,
                             lambda: self.hero.store.read(lambda: [to_info(p) for p in Person.select()]))
        return sorted(people, key=lambda p: (sort_key(p.display_name), sort_key(p.login)))

    def set_display_name(self, name: str):
        return self.hero.submit("person.profile", {"display_name": validate_display_name(name)})

    def set_named_in_pulse(self, named: bool):
        return self.hero.submit("person.profile", {"named_in_pulse": bool(named)})

    def set_admin(self, login: str, is_admin: bool, *, new: bool = False) -> PersonInfo:
        """Grant or revoke the admin right. The login matches whatever its case.

        Raises `NotFound` ("never used herotui") for a login nobody has used yet, unless `new`
        says a colleague who has not started herotui yet is meant; `NotAllowed` for a non-admin
        or for revoking the last admin.
        """
        login = clean_line(login)
        if not login:
            raise ValidationError("error.login_required")
        return self.hero.store.write(_set_admin, self.hero, login, is_admin, new)


def _set_admin(hero: "Hero", login: str, is_admin: bool, new: bool = False) -> PersonInfo:
    require_admin(hero, hero.login)
    if Person.get_or_none(Person.login_key == fold(login)) is None and not (new and is_admin):
        raise NotFound("error.person_never_used", login=login)
    target = person_row(hero, login)
    if not is_admin and target.is_admin:
        admins = Person.select().where(Person.is_admin == True).count()  # noqa: E712
        if admins <= 1:
            raise NotAllowed("error.last_admin")
    if getattr(hero.store, "server_login", None):
        # Server identity: admin is membership of herotui_admin, granted on the server (which
        # refuses anyone without ADMIN OPTION); the row's flag follows by trigger.
        from herotui.store.pg_identity import set_admin_role

        set_admin_role(hero.store.db, target.login, is_admin)
    Person.update(is_admin=is_admin).where(Person.id == target.id).execute()
    return to_info(Person.get_by_id(target.id))


@action("person.profile")
def _profile(hero: "Hero", payload: dict) -> PersonInfo:
    row = person_row(hero, payload["login"], at=action_time(payload))
    changes: dict = {}
    if "display_name" in payload:
        changes[Person.display_name] = validate_display_name(payload["display_name"])
        changes[Person.named_display_set] = True
    if "named_in_pulse" in payload:
        changes[Person.named_in_pulse] = bool(payload["named_in_pulse"])
    if changes:
        Person.update(changes).where(Person.id == row.id).execute()
        if Person.display_name in changes and changes[Person.display_name] != row.display_name:
            # The host's name is in the title of their upcoming breakfasts' calendar events.
            raise_revisions(BreakfastSlot.host == row.id, BreakfastSlot.starts_at > hero.now())
    return to_info(Person.get_by_id(row.id))
