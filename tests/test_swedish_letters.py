"""Å, Ä and Ö are letters: names match whatever their case, and lists sort the Swedish way.

Runs on SQLite and PostgreSQL (the `hero`/`hero_for` fixtures): SQLite's LOWER() folds ASCII only,
which is what made "Återkoppling" unusable there.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from herotui import i18n
from herotui.collation import fold, sort_key
from herotui.services.errors import Conflict, NotFound
from herotui.services.learning import make_draft
from herotui.services.shares import FeedFilter


def names(items) -> list[str]:
    return [item.name for item in items]


# -- the sort key and the fold -------------------------------------------------------------------


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z_in_that_order():
    words = ["Örebro", "ärlig", "Zebra", "Återkoppling", "apa", "Ödla", "Ärende", "zon", "Ångest", "Ekonomi"]
    assert sorted(words, key=lambda w: sort_key(w, "sv")) == [
        "apa", "Ekonomi", "Zebra", "zon", "Ångest", "Återkoppling", "Ärende", "ärlig", "Ödla", "Örebro"]


def test_case_and_accents_only_break_ties():
    assert sorted(["Eva", "éva", "eva", "Erik"], key=lambda w: sort_key(w, "sv")) == ["Erik", "eva", "Eva", "éva"]
    # Danish and Norwegian letters sort with their Swedish twins, ü with y (SAOL).
    assert sorted(["Ødegaard", "Nyberg", "Müller", "Ärlig", "Ölund"], key=lambda w: sort_key(w, "sv")) == [
        "Müller", "Nyberg", "Ärlig", "Ødegaard", "Ölund"]
    assert sorted(["Müller", "Myller", "Mylle", "Muller"], key=lambda w: sort_key(w, "sv")) == [
        "Muller", "Mylle", "Myller", "Müller"]


def test_english_treats_the_swedish_letters_as_accented_a_and_o():
    words = ["Örebro", "Zebra", "Återkoppling", "apa", "Arbete", "Ost"]
    assert sorted(words, key=lambda w: sort_key(w, "en")) == ["apa", "Arbete", "Återkoppling", "Örebro", "Ost", "Zebra"]


def test_fold_agrees_with_casefold_and_unicode_normal_forms():
    assert fold("ÅTERKOPPLING") == fold("Återkoppling") == fold("A\u030atERKOPPLING".replace("E", "e")) .upper().casefold()
    assert fold("Anna.Berg") == fold("anna.berg")
    assert fold("STRASSE") == fold("Straße")
    assert fold("  Öl   och  bröd ") == "öl och bröd"


# -- focus areas ---------------------------------------------------------------------------------


def test_an_area_starting_with_a_ring_works_everywhere(hero_for):
    anna = hero_for("anna")
    added = anna.areas.add("Återkoppling")
    assert added.name == "Återkoppling"
    with pytest.raises(Conflict) as upper:
        anna.areas.add("ÅTERKOPPLING")
    assert upper.value.key == "area.error.exists"
    with pytest.raises(Conflict):
        anna.areas.add("Återkoppling")
    assert names(anna.areas.list()).count("Återkoppling") == 1

    share = anna.shares.post("https://example.com/feedback", "Feedback som landar", "article", ["återkoppling"])
    assert share.areas == ("Återkoppling",)
    page = anna.shares.feed_page(FeedFilter(area="ÅTERKOPPLING"))
    assert [item.title for item in page.items] == ["Feedback som landar"]

    session = anna.learning.log(20, make_draft(title="Podd", areas=["ÅTERKOPPLING"]))
    assert session.areas == ("Återkoppling",)

    renamed = anna.areas.rename("återkoppling", "Återkoppling och feedback")
    assert renamed.name == "Återkoppling och feedback"
    retired = anna.areas.set_retired("ÅTERKOPPLING OCH FEEDBACK")
    assert retired.retired
    with pytest.raises(NotFound):
        anna.areas.rename("Ärende", "Ärenden")


def test_a_rename_that_only_changes_case_is_allowed_and_a_clash_is_refused(hero):
    hero.areas.add("Övrigt")
    assert hero.areas.rename("Övrigt", "ÖVRIGT").name == "ÖVRIGT"
    with pytest.raises(Conflict):
        hero.areas.rename("ÖVRIGT", "ledarskap")


def test_areas_and_people_list_in_swedish_order_in_swedish_only(hero_for):
    anna = hero_for("anna")
    for name in ("Ökad motivation", "Ärlighet", "Återkoppling", "ergonomi"):
        anna.areas.add(name)
    for login, display in (("olle", "Östen Ek"), ("ake", "Åke Lind"), ("zara", "Zara Ali"), ("adam", "adam Berg")):
        hero_for(login).people.set_display_name(display)
    i18n.set_language("sv")
    listed = names(anna.areas.list())
    assert listed[-3:] == ["Återkoppling", "Ärlighet", "Ökad motivation"]
    assert listed.index("ergonomi") < listed.index("Förändringsledning")
    people = [p.display_name for p in anna.people.list()]
    assert people.index("adam Berg") < people.index("Anna Berg") < people.index("Zara Ali")
    assert people[-2:] == ["Åke Lind", "Östen Ek"]
    counted = [a.name for a in anna.shares.area_counts()]
    assert counted[-3:] == ["Återkoppling", "Ärlighet", "Ökad motivation"]
    i18n.set_language("en")
    listed = names(anna.areas.list())
    assert listed.index("Arbetsrätt") < listed.index("Ärlighet") < listed.index("Återkoppling") < listed.index("ergonomi")
    assert listed.index("Ökad motivation") < listed.index("Rekrytering")


def test_the_cli_says_already_exists_without_a_traceback(db_path):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "herotui", *args, "--db", str(db_path), "--lang", "en"],
                              capture_output=True, text=True, env=dict(os.environ), timeout=60)

    assert run("areas", "add", "Återkoppling").returncode == 0
    for spelling in ("Återkoppling", "ÅTERKOPPLING"):
        again = run("areas", "add", spelling)
        assert again.returncode == 1, again.stderr
        assert "already exists" in again.stderr and "Traceback" not in again.stderr
    assert run("share", "add", "https://x.se/a", "--title", "T", "--area", "återkoppling").returncode == 0
    assert run("learn", "log", "15", "--kind", "podcast", "--title", "Podd", "--area", "ÅTERKOPPLING").returncode == 0
    assert run("areas", "rename", "ÅTERKOPPLING", "Återkoppling i team").returncode == 0
    assert run("areas", "retire", "återkoppling i team").returncode == 0


# -- one person, however the login is spelt ---------------------------------------------------------


def test_one_person_however_the_login_is_spelt(hero_for):
    anna = hero_for("anna.berg")
    assert anna.people.me().login == "anna.berg"
    anna.learning.start(make_draft(title="Kurs"))
    other_pc = hero_for("Anna.Berg")
    me = other_pc.people.me()
    assert me.login == "anna.berg"  # the first spelling is kept
    assert other_pc.learning.timer() is not None  # the same timer on the other computer
    with pytest.raises(Conflict):
        other_pc.learning.start(make_draft(title="Andra timern"))
    other_pc.learning.stop(minutes=30)
    other_pc.learning.log(40, make_draft(title="Bok"))
    assert anna.learning.week().minutes == 70
    assert len([p for p in anna.people.list() if fold(p.login) == "anna.berg"]) == 1


def test_admin_rights_follow_the_person_and_ghost_logins_are_refused(hero_for):
    anna = hero_for("anna")
    erik = hero_for("erik.lund")
    with pytest.raises(NotFound) as ghost:
        anna.people.set_admin("Erik.Lund2", True)
    assert ghost.value.key == "error.person_never_used"
    granted = anna.people.set_admin("Erik.Lund", True)
    assert granted.login == "erik.lund" and granted.is_admin
    assert hero_for("ERIK.LUND").people.me().is_admin
    erik.areas.add("Ärenden")  # erik may curate now
    assert anna.people.set_admin("nya.kollegan", True, new=True).is_admin
    assert hero_for("Nya.Kollegan").people.me().is_admin
    # The administrator themself, spelt differently on another computer.
    hero_for("ANNA").areas.add("Öppenhet")


def test_the_cli_admin_grant_needs_new_for_a_login_never_seen(db_path):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "herotui", *args, "--db", str(db_path), "--lang", "en"],
                              capture_output=True, text=True, env=dict(os.environ), timeout=60)

    refused = run("admin", "grant", "Erik.Lund")
    assert refused.returncode == 1 and "--new" in refused.stderr and "Traceback" not in refused.stderr
    assert run("admin", "grant", "Erik.Lund", "--new").returncode == 0
    env_erik = run("whoami", "--json")
    assert env_erik.returncode == 0
    as_erik = subprocess.run([sys.executable, "-m", "herotui", "whoami", "--db", str(db_path), "--lang", "en"],
                             capture_output=True, text=True, env={**os.environ, "HEROTUI_USER": "erik.lund"},
                             timeout=60)
    assert "Erik.Lund" in as_erik.stdout and "admin" in as_erik.stdout


# -- upgrading a version-1 database -------------------------------------------------------------------


def _downgrade_to_v1(store) -> None:
    """Turn a fresh database back into what schema version 1 looked like."""
    db = store.db

    def run() -> None:
        if store.is_sqlite:
            db.execute_sql("DROP INDEX person_login_key")
            db.execute_sql("DROP INDEX focus_area_name_key")
        for table, column in (("person", "login_key"), ("focus_area", "name_key"),
                              ("learning_session", "overlap_minutes"), ("learning_session", "overlap_kept")):
            db.execute_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        db.execute_sql("UPDATE herotui_meta SET value = '1' WHERE key = 'schema_version'")
        if store.is_sqlite:
            db.execute_sql("PRAGMA user_version=1")

    store.write(run)


def test_a_version_1_database_gets_keys_and_case_only_duplicates_are_merged(db_target, clock):
    import json

    from herotui.services.hero import Hero
    from herotui.store import open_store
    from herotui.store.models import StoreMeta

    store = open_store(db_target, clock=clock)
    erik = Hero(store, "erik", clock=clock)
    erik.people.ensure_me()
    erik.shares.post("https://example.com/a", "A", "article", ["Rekrytering"])
    _downgrade_to_v1(store)
    now = clock.now()

    def old_rows() -> None:
        db = store.db
        # What SQLite's ASCII-only LOWER() let in: a second spelling of an area and of a login.
        db.execute_sql("INSERT INTO focus_area (uuid, name, retired, created_at) VALUES ('u-area', 'ÅTERKOPPLING', %s, 1)"
                       .replace("%s", "false" if not store.is_sqlite else "0"))
        db.execute_sql("INSERT INTO focus_area (uuid, name, retired, created_at) VALUES ('u-area2', 'återkoppling', %s, 2)"
                       .replace("%s", "false" if not store.is_sqlite else "0"))
        f = "false" if not store.is_sqlite else "0"
        db.execute_sql(f"INSERT INTO person (uuid, login, display_name, is_admin, named_in_pulse, named_display_set, "
                       f"created_at) VALUES ('u-p', 'Erik', 'Erik L', {f}, {f}, {f}, 1)")
        db.execute_sql(f"INSERT INTO learning_session (uuid, person_id, status, kind, title, note, started_at, "
                       f"ended_at, paused_seconds, minutes, manual, created_at, updated_at) SELECT 'u-s', id, 'done', "
                       f"'book', 'Bok', '', 5, 6, 0, 45, {f}, 5, 5 FROM person WHERE login = 'Erik'")

    store.write(old_rows)
    store.close()

    upgraded = open_store(db_target, clock=clock)
    assert upgraded.health.schema_version >= 2
    erik = Hero(upgraded, "ERIK", clock=clock)
    assert erik.people.me().login == "erik"
    assert [p.login for p in erik.people.list()].count("erik") == 1
    assert "Erik" not in [p.login for p in erik.people.list()]
    anna = Hero(upgraded, "anna", clock=clock)
    assert names(anna.areas.list()).count("ÅTERKOPPLING") == 1
    assert "återkoppling" not in names(anna.areas.list())
    with pytest.raises(Conflict):
        anna.areas.add("Återkoppling")
    record = json.loads(upgraded.read(lambda: StoreMeta.get_by_id("merged_case_duplicates").value))
    assert record["areas"] == [["ÅTERKOPPLING", "återkoppling"]] and record["people"] == [["erik", "Erik"]]
    assert upgraded.read(lambda: upgraded.db.execute_sql(
        "SELECT COUNT(*) FROM learning_session WHERE uuid = 'u-s'").fetchone()[0]) == 1
    assert anna.learning.start(make_draft(title="x")) is not None  # the new columns have their defaults
    upgraded.close()


def test_the_demo_shows_swedish_letters_in_swedish_order(tmp_path, clock):
    from herotui.demo import DemoSize, create_demo_database
    from herotui.services.hero import Hero

    store = create_demo_database(str(tmp_path / "demo.db"), clock=clock,
                                 size=DemoSize(people=6, shares=40, sessions=20, breakfast_months_back=1,
                                               breakfast_months_ahead=1))
    try:
        hero = Hero(store, "anna.berg", clock=clock)
        i18n.set_language("sv")
        assert names(hero.areas.list())[-1] == "Återkoppling"
        people = [p.display_name for p in hero.people.list()]
        assert people[-1] == "Åsa Öberg" and people[0] == "Anna Berg"
        assert any("Återkoppling" in a.name for a in hero.shares.area_counts() if a.shares)
    finally:
        i18n.set_language("en")
        store.close()


def test_casefolding_that_lengthens_a_name_still_fits(hero):
    long_name = "Straße " + "ß" * 73  # 80 characters; its folded key has 154
    hero.areas.add(long_name)
    with pytest.raises(Conflict):
        hero.areas.add("STRAẞE " + "ẞ" * 73)  # capital sharp s: the same area
    hero.areas.add("STRASSE " + "SS" * 36)  # 80 characters, a different area
    with pytest.raises(Conflict):
        hero.areas.add("strasse " + "ss" * 36)
