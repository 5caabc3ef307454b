"""Server identity on PostgreSQL (opt-in): one database role per colleague, rules kept by the server.

In the ordinary *shared-role* mode everyone signs in as one role (the owner of the tables) and
herotui trusts `HEROTUI_USER` or the OS login. An administrator can turn on *server identity*
(`herotui pg roles --create`); then:

* each colleague signs in as their own role, named exactly like their herotui login, with
  whatever `pg_hba.conf` allows (password / .pgpass, Kerberos/GSSAPI, client certificates);
  herotui takes the person from `session_user` and refuses a different `HEROTUI_USER`;
* those roles are members of `herotui_member`, which may read everything but write only through
  row-level security policies: own shares, sessions, reactions, RSVPs, claims (a free breakfast,
  one's own, or one handed over to you); admins' extra rights come from membership of
  `herotui_admin`, checked on the server by `herotui_is_admin()`;
* `person.is_admin` is kept equal to that membership by a trigger, so neither herotui nor psql can
  make a member an admin by writing the column;
* the table owner (the shared role) is not subject to the policies, so shared-role mode keeps
  working for the administrator and for teams that never turn this on.

Policies: https://www.postgresql.org/docs/current/ddl-rowsecurity.html
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee

MEMBER = "herotui_member"
ADMIN = "herotui_admin"

_ME = "herotui_me()"
_ADMIN = "herotui_is_admin()"
_OWN = f"(person_id = {_ME} OR {_ADMIN})"

# table -> (policy for reading, for writing rows); None = read only for members.
_POLICIES: dict[str, tuple[str, str | None]] = {
    "herotui_meta": ("true", None),
    "focus_area": ("true", "true"),
    "org_setting": ("true", _ADMIN),
    "learning_session": ("true", _OWN),
    "session_area": ("true", f"EXISTS (SELECT 1 FROM learning_session s WHERE s.id = session_id"
                             f" AND (s.person_id = {_ME} OR {_ADMIN}))"),
    "holiday_week": ("true", _OWN),
    "share": ("true", _OWN),
    "share_area": ("true", f"EXISTS (SELECT 1 FROM share s WHERE s.id = share_id AND (s.person_id = {_ME} OR {_ADMIN}))"),
    "share_tag": ("true", f"EXISTS (SELECT 1 FROM share s WHERE s.id = share_id AND (s.person_id = {_ME} OR {_ADMIN}))"),
    "share_search": ("true", f"EXISTS (SELECT 1 FROM share s WHERE s.id = share_id AND (s.person_id = {_ME} OR {_ADMIN}))"),
    "reaction": ("true", _OWN),
    "saved_share": ("true", _OWN),
    "read_mark": ("true", _OWN),
    "rsvp": ("true", _OWN),
    "waitlist_entry": ("true", _OWN),
    "slot_area": ("true", f"EXISTS (SELECT 1 FROM breakfast_slot s WHERE s.id = slot_id"
                          f" AND (s.host_id IS NULL OR s.host_id = {_ME} OR {_ADMIN}))"),
    "handover": ("true", f"(from_person_id = {_ME} OR to_person_id = {_ME} OR {_ADMIN})"),
    # A waitlist reservation is made by whoever releases (or finds one run out) for a free breakfast;
    # one's own is accepted or passed by oneself.
    "waitlist_turn": ("true", f"(person_id = {_ME} OR {_ADMIN} OR EXISTS (SELECT 1 FROM breakfast_slot s"
                              " WHERE s.id = slot_id AND s.host_id IS NULL))"),
    "goal_week": ("true", _ADMIN),
}

_FUNCTIONS = [f"""
CREATE OR REPLACE FUNCTION herotui_me() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$ SELECT id FROM person WHERE login = session_user $$""", f"""
CREATE OR REPLACE FUNCTION herotui_is_admin() RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp AS $$ SELECT pg_has_role(session_user, '{ADMIN}', 'MEMBER') $$""", f"""
CREATE OR REPLACE FUNCTION herotui_person_admin() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_catalog, pg_temp AS $$
BEGIN
    -- The table owner (shared-role mode) and superusers keep writing is_admin as before.
    IF session_user = (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'person')
       OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NEW;
    END IF;
    NEW.is_admin := EXISTS (SELECT 1 FROM pg_roles WHERE rolname = NEW.login)
                    AND pg_has_role(NEW.login, '{ADMIN}', 'MEMBER');
    RETURN NEW;
END $$""", "DROP TRIGGER IF EXISTS herotui_person_admin ON person", """
CREATE TRIGGER herotui_person_admin BEFORE INSERT OR UPDATE ON person
    FOR EACH ROW EXECUTE FUNCTION herotui_person_admin()"""]

_SLOT_CLAIM_COLUMNS = "host_id, topic, description, claimed_at, move_seen, revision"
_PERSON_COLUMNS = "display_name, named_in_pulse, named_display_set, feed_seen_at, is_admin"


def _create_group_roles(db: peewee.Database) -> None:
    """The two group roles, once per cluster; safe when two databases set up at the same time."""
    for role in (MEMBER, ADMIN):
        db.execute_sql(f"DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN"
                       f" CREATE ROLE {role} NOLOGIN; END IF;"
                       " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END$$")
    db.execute_sql(f"DO $$BEGIN IF NOT pg_has_role('{ADMIN}', '{MEMBER}', 'MEMBER') THEN"
                   f" GRANT {MEMBER} TO {ADMIN}; END IF;"
                   " EXCEPTION WHEN unique_violation THEN NULL; END$$")


def enable(db: peewee.Database) -> None:
    """Create the group roles, functions, grants and policies (idempotent). Needs the table owner
    with CREATEROLE (or a superuser)."""
    _create_group_roles(db)
    for statement in _FUNCTIONS:
        db.execute_sql(statement)
    db.execute_sql(f"GRANT USAGE ON SCHEMA public TO {MEMBER}")
    db.execute_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {MEMBER}")
    for table, (read, write) in _POLICIES.items():
        db.execute_sql(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        db.execute_sql(f'GRANT SELECT ON "{table}" TO {MEMBER}')
        _policy(db, table, "read", "SELECT", using=read)
        if write is not None:
            db.execute_sql(f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO {MEMBER}')
            _policy(db, table, "write", "ALL", using=write, check=write)
    # person: everyone reads; one may add and edit only oneself (admins: anyone). is_admin is
    # rewritten by the trigger from herotui_admin membership whatever the client sends.
    db.execute_sql('ALTER TABLE person ENABLE ROW LEVEL SECURITY')
    db.execute_sql(f"GRANT SELECT, INSERT ON person TO {MEMBER}")
    db.execute_sql(f"GRANT UPDATE ({_PERSON_COLUMNS}) ON person TO {MEMBER}")
    _policy(db, "person", "read", "SELECT", using="true")
    _policy(db, "person", "insert", "INSERT", check=f"(login = session_user OR {_ADMIN})")
    _policy(db, "person", "update", "UPDATE", using=f"(login = session_user OR {_ADMIN})")
    # breakfast_slot: the rule's slots may be added by anyone (the app makes them), a claim may be
    # changed by its host, a free slot claimed by anyone, a handed-over slot by the new host;
    # moving, cancelling and deleting are for admins.
    db.execute_sql('ALTER TABLE breakfast_slot ENABLE ROW LEVEL SECURITY')
    db.execute_sql(f"GRANT SELECT, INSERT ON breakfast_slot TO {MEMBER}")
    db.execute_sql(f"GRANT UPDATE ({_SLOT_CLAIM_COLUMNS}) ON breakfast_slot TO {MEMBER}")
    db.execute_sql(f"GRANT UPDATE, DELETE ON breakfast_slot TO {ADMIN}")
    mine_or_free = f"(host_id IS NULL OR host_id = {_ME} OR {_ADMIN})"
    handed = (f"EXISTS (SELECT 1 FROM handover h WHERE h.slot_id = breakfast_slot.id AND h.to_person_id = {_ME}"
              " AND h.status IN ('offered', 'accepted'))")
    _policy(db, "breakfast_slot", "read", "SELECT", using="true")
    _policy(db, "breakfast_slot", "insert", "INSERT", check=mine_or_free)
    _policy(db, "breakfast_slot", "update", "UPDATE", using=f"({mine_or_free} OR {handed})", check=mine_or_free)
    _policy(db, "breakfast_slot", "delete", "DELETE", using=_ADMIN)
    db.execute_sql(
        "INSERT INTO herotui_meta (key, value) VALUES ('identity_mode', 'server')"
        " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")


def _policy(db: peewee.Database, table: str, name: str, command: str, *, using: str | None = None,
            check: str | None = None) -> None:
    policy = f"herotui_{name}"
    db.execute_sql(f'DROP POLICY IF EXISTS {policy} ON "{table}"')
    sql = f'CREATE POLICY {policy} ON "{table}" FOR {command} TO {MEMBER}'
    if using is not None:
        sql += f" USING ({using})"
    if check is not None:
        sql += f" WITH CHECK ({check})"
    db.execute_sql(sql)


def signed_in_role(db: peewee.Database) -> str | None:
    """The role to take as the person when server identity applies to this connection, else None.

    It applies to members of herotui_member that are neither superusers nor the tables' owner.
    """
    row = db.execute_sql(
        "SELECT session_user::text,"
        f" EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{MEMBER}')"
        f" AND pg_has_role(session_user, (SELECT oid FROM pg_roles WHERE rolname = '{MEMBER}'), 'MEMBER'),"
        " (SELECT rolsuper FROM pg_roles WHERE rolname = session_user),"
        " (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'person')"
    ).fetchone()
    user, member, superuser, owner = row
    if member and not superuser and user != owner:
        return user
    return None


def set_admin_role(db: peewee.Database, login: str, on: bool) -> None:
    """GRANT or REVOKE herotui_admin for `login`'s role (needs ADMIN OPTION on herotui_admin)."""
    role = quote_ident(login)
    if on:
        db.execute_sql(f"GRANT {ADMIN} TO {role} WITH ADMIN OPTION")
    else:
        db.execute_sql(f"REVOKE {ADMIN} FROM {role}")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class RoleState:
    """One person and their server role: exists, member of herotui_member, admin."""

    login: str
    display_name: str
    has_role: bool
    member: bool
    admin: bool
    is_admin_in_herotui: bool
    created: bool = False


def roles(db: peewee.Database, *, create: bool = False) -> list[RoleState]:
    """The people in the database and their roles; with `create`, enable server identity and
    create a LOGIN role for everyone who has none (admins get herotui_admin WITH ADMIN OPTION).

    Roles are created without a password: the administrator sets one (`\\password login` in psql)
    or lets pg_hba.conf use Kerberos/GSSAPI or certificates.
    """
    if create:
        enable(db)
    people = db.execute_sql("SELECT login, display_name, is_admin FROM person ORDER BY login").fetchall()
    result = []
    for login, name, is_admin in people:
        created = False
        exists = bool(db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone())
        if create and not exists and 0 < len(login.encode()) <= 63:
            db.execute_sql(f"CREATE ROLE {quote_ident(login)} LOGIN IN ROLE {MEMBER}")
            if is_admin:
                set_admin_role(db, login, True)
            exists = created = True
        member = admin = False
        if exists and _role_exists(db, MEMBER):
            member, admin = db.execute_sql(
                f"SELECT pg_has_role(%s, '{MEMBER}', 'MEMBER'),"
                f" pg_has_role(%s, '{ADMIN}', 'MEMBER')", (login, login)).fetchone()
        result.append(RoleState(login, name, exists, bool(member), bool(admin), bool(is_admin), created))
    return result


def _role_exists(db: peewee.Database, name: str) -> bool:
    return bool(db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone())


def hba_lines(database: str) -> list[str]:
    """What the administrator adds to pg_hba.conf, above broader lines (first match wins)."""
    return [
        f"hostssl {database} +{MEMBER} 0.0.0.0/0 scram-sha-256   # passwords (.pgpass) over TLS",
        f"hostssl {database} +{MEMBER} ::/0      scram-sha-256",
        f"# or: hostgssenc {database} +{MEMBER} 0.0.0.0/0 gss include_realm=0   (Kerberos)",
        f"# or: hostssl {database} +{MEMBER} 0.0.0.0/0 cert                    (client certificates)",
    ]
