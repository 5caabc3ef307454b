"""Server-identity mode on a real PostgreSQL server: one role per person, rules kept by the server.

The test server trusts every role on 127.0.0.1, so colleagues are simply connected as their own
roles; what is tested is what those roles may do once signed in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid as uuidlib

import psycopg
import pytest

from herotui.services.actions import replay
from herotui.services.hero import Hero
from herotui.connection import signed_in_login
from herotui.store import create_store, open_store
from herotui.services.errors import HeroError
from herotui.store.errors import IdentityMismatch, PermissionRefused
from herotui.store.models import Person, Share
from tests.pgtools import url_with


def herotui(*args: str, user: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("HEROTUI_USER", None)
    if user:
        env["HEROTUI_USER"] = user
    return subprocess.run([sys.executable, "-m", "herotui", "--lang", "en", *args], capture_output=True,
                          text=True, timeout=60, env=env)


@pytest.fixture
def team(pg_target, clock):
    """A herotui database with an admin and a colleague, each with a role (roles are cluster-wide,
    so their names are new for every test)."""
    tag = uuidlib.uuid4().hex[:8]
    anna, erik = f"anna_{tag}", f"erik_{tag}"
    store = create_store(pg_target, creator_login=anna, creator_name="Anna Berg", clock=clock)
    Hero(store, erik, clock=clock).people.ensure_me()
    store.close()
    created = herotui("pg", "roles", "--create", "--json", "--db", pg_target, user=anna)
    assert created.returncode == 0, created.stderr
    report = json.loads(created.stdout)
    assert {r["login"]: (r["created"], r["admin"]) for r in report["roles"]} == {anna: (True, True),
                                                                                 erik: (True, False)}
    assert any("+herotui_member" in line for line in report["pg_hba"])
    return {"owner": pg_target, "anna": anna, "erik": erik,
            "anna_url": url_with(pg_target, user=anna), "erik_url": url_with(pg_target, user=erik)}


def test_the_person_is_the_signed_in_role_and_herotui_user_must_agree(team):
    who = herotui("whoami", "--json", "--db", team["erik_url"])
    assert who.returncode == 0, who.stderr
    assert json.loads(who.stdout)["login"] == team["erik"]
    claimed = herotui("whoami", "--db", team["erik_url"], user=team["anna"])
    assert claimed.returncode == 3 and "does not match your database role" in claimed.stderr
    assert herotui("whoami", "--db", team["erik_url"], user=team["erik"]).returncode == 0


def test_a_colleague_cannot_change_anothers_share_through_herotui_or_sql(team, clock, monkeypatch):
    added = herotui("share", "add", "https://example.org/anna", "--title", "Annas tips", "--area", "Ledarskap",
                    "--json", "--db", team["anna_url"])
    assert added.returncode == 0, added.stderr
    share_uuid = json.loads(added.stdout)["uuid"]
    monkeypatch.delenv("HEROTUI_USER")
    store = open_store(team["erik_url"], clock=clock)
    hero = Hero(store, signed_in_login(store, "whoever"), clock=clock)
    with pytest.raises(HeroError):
        hero.shares.edit(share_uuid, "https://example.org/anna", "Eriks nu", "article", ["Ledarskap"])
    # Even a client that skips herotui's own check meets the server's policy.
    from herotui.services.actions import handler_for
    from herotui.services.hero import load_handlers

    load_handlers()

    forged = {"uuid": str(uuidlib.uuid4()), "login": team["anna"], "at": clock.now().isoformat(),
              "share": share_uuid, "url": "https://example.org/anna", "title": "Eriks nu", "kind": "article",
              "areas": ["Ledarskap"], "tags": [], "note": ""}
    with pytest.raises((HeroError, PermissionRefused)):
        store.write(handler_for("share.edit"), Hero(store, team["anna"], clock=clock), forged)
    store.close()
    with psycopg.connect(team["erik_url"], autocommit=True) as erik:
        assert erik.execute("UPDATE share SET title = 'x' WHERE uuid = %s", (share_uuid,)).rowcount == 0
        assert erik.execute("DELETE FROM share WHERE uuid = %s", (share_uuid,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            erik.execute("ALTER TABLE share DISABLE ROW LEVEL SECURITY")
        title = erik.execute("SELECT title FROM share WHERE uuid = %s", (share_uuid,)).fetchone()[0]
    assert title == "Annas tips"
    own = herotui("share", "add", "https://example.org/erik", "--title", "Eriks tips", "--area", "Ledarskap",
                  "--db", team["erik_url"])
    assert own.returncode == 0, own.stderr


def test_a_colleague_cannot_make_itself_admin_through_herotui_or_sql(team):
    erik = team["erik"]
    assert herotui("admin", "grant", erik, "--db", team["erik_url"]).returncode == 1
    assert herotui("admin", "grant", erik, "--db", team["erik_url"], user=team["anna"]).returncode == 3
    with psycopg.connect(team["erik_url"], autocommit=True) as conn:
        conn.execute("UPDATE person SET is_admin = true WHERE login = session_user")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("GRANT herotui_admin TO session_user")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SET ROLE herotui_admin")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO person (uuid, login, display_name, is_admin, named_in_pulse,"
                         " named_display_set, created_at) VALUES ('m', 'mallory', 'M', true, false, false, 0)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE herotui_meta SET value = 'shared' WHERE key = 'identity_mode'")
        assert conn.execute("UPDATE org_setting SET value = '1'").rowcount == 0
        assert conn.execute("SELECT is_admin FROM person WHERE login = session_user").fetchone()[0] is False
    whoami = herotui("whoami", "--json", "--db", team["erik_url"])
    assert json.loads(whoami.stdout)["is_admin"] is False


def test_an_admin_grants_admin_on_the_server(team):
    granted = herotui("admin", "grant", team["erik"], "--db", team["anna_url"])
    assert granted.returncode == 0, granted.stderr
    with psycopg.connect(team["erik_url"], autocommit=True) as conn:
        assert conn.execute("SELECT herotui_is_admin()").fetchone()[0] is True
    assert json.loads(herotui("whoami", "--json", "--db", team["erik_url"]).stdout)["is_admin"] is True
    assert herotui("admin", "revoke", team["erik"], "--db", team["anna_url"]).returncode == 0
    with psycopg.connect(team["erik_url"], autocommit=True) as conn:
        assert conn.execute("SELECT herotui_is_admin()").fetchone()[0] is False


def test_outbox_replay_acts_as_the_signed_in_role(team, clock, outbox, monkeypatch):
    monkeypatch.delenv("HEROTUI_USER")
    store = open_store(team["erik_url"], clock=clock)
    assert store.server_login == team["erik"]
    hero = Hero(store, signed_in_login(store, team["erik"]), clock=clock, outbox=outbox)
    entry = str(uuidlib.uuid4())
    outbox.add(entry, "share.post", {
        "uuid": entry, "login": team["anna"], "at": clock.now().isoformat(), "url": "https://example.org/q",
        "title": "Köat", "kind": "article", "areas": ["Ledarskap"], "tags": [], "note": "", "force": False,
        "from_session": None}, store.location.display, clock.now())
    assert replay(hero).sent == [entry]
    author = store.read(lambda: Share.get(Share.uuid == entry).person.login)
    assert author == team["erik"]
    store.close()


def test_signed_in_login_refuses_a_different_herotui_user(team, clock, monkeypatch):
    store = open_store(team["erik_url"], clock=clock)
    monkeypatch.setenv("HEROTUI_USER", team["anna"])
    with pytest.raises(IdentityMismatch):
        signed_in_login(store, team["anna"])


def test_the_shared_role_keeps_working_as_today(team, clock):
    """The owner is not subject to the policies: shared-role mode is unchanged."""
    store = open_store(team["owner"], clock=clock)
    assert store.server_login is None
    hero = Hero(store, "someone_else", clock=clock)
    hero.people.ensure_me()
    hero.shares.post("https://example.org/shared", "Delad roll", "article", ["Ledarskap"])
    admin = Hero(store, team["anna"], clock=clock)
    admin.people.set_admin("someone_else", True)
    assert store.read(lambda: Person.get(Person.login == "someone_else").is_admin) is True
    store.close()


def test_claims_rsvps_and_sessions_work_for_ones_own_role_only(team):
    listed = herotui("breakfast", "list", "--json", "--db", team["erik_url"])  # a member makes the rule's slots
    assert listed.returncode == 0, listed.stderr
    free = [s for s in json.loads(listed.stdout)["breakfasts"] if s["host_login"] is None and not s["is_past"]]
    mine, annas = free[0]["local_start"][:10], free[1]["local_start"][:10]
    claim = herotui("breakfast", "claim", mine, "--topic", "Eriks frukost", "--db", team["erik_url"])
    assert claim.returncode == 0, claim.stderr
    assert herotui("breakfast", "claim", annas, "--topic", "Annas frukost", "--db", team["anna_url"]).returncode == 0
    assert herotui("breakfast", "rsvp", annas, "--db", team["erik_url"]).returncode == 0
    logged = herotui("learn", "log", "30", "--kind", "book", "--title", "Kapitel 3", "--db", team["erik_url"])
    assert logged.returncode == 0, logged.stderr
    taken = herotui("breakfast", "claim", mine, "--topic", "Annas nu", "--db", team["anna_url"])
    assert taken.returncode != 0  # herotui says the slot is taken
    with psycopg.connect(team["erik_url"], autocommit=True) as conn:
        steal = conn.execute("UPDATE breakfast_slot SET host_id = herotui_me(), topic = 'Min nu'"
                             " WHERE topic = 'Annas frukost'")
        assert steal.rowcount == 0
        assert conn.execute("DELETE FROM rsvp WHERE person_id <> herotui_me()").rowcount == 0
        assert conn.execute("UPDATE learning_session SET minutes = 600 WHERE person_id <> herotui_me()").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE breakfast_slot SET status = 'cancelled'")  # moving and cancelling: admins
        hosts = dict(conn.execute("SELECT topic, (SELECT login FROM person p WHERE p.id = host_id)"
                                  " FROM breakfast_slot WHERE host_id IS NOT NULL").fetchall())
    assert hosts == {"Eriks frukost": team["erik"], "Annas frukost": team["anna"]}
    released = herotui("breakfast", "release", mine, "--db", team["erik_url"])
    assert released.returncode == 0, released.stderr
