"""Reading postgresql:// URLs as people paste them, and showing them without their secrets."""

from __future__ import annotations

import pytest

from herotui.store.location import parse_location
from herotui.store.pgurl import PgUrlError, parse_pg_url, redact_pg_url, scrub

SECRET = "Kr0kus#Hem/lis?7@31"


def test_an_unescaped_password_is_read_whole():
    url = parse_pg_url(f"postgresql://hero:{SECRET}@db.example:5433/herodb?sslmode=require")
    assert url.params == {"user": "hero", "password": SECRET, "host": "db.example", "port": "5433",
                          "dbname": "herodb", "sslmode": "require"}
    assert url.display == "postgresql://hero@db.example:5433/herodb?sslmode=require"


def test_an_escaped_password_and_a_query_password_are_hidden():
    escaped = "postgresql://hero:Kr0kus%23Hem%2Flis%3F7%4031@db/hero"
    assert parse_pg_url(escaped).params["password"] == SECRET
    assert SECRET not in parse_location(escaped).display and "Kr0kus" not in parse_location(escaped).display
    query = "postgresql://hero@db/hero?password=Kr0kus%23x&application_name=team"
    shown = parse_location(query).display
    assert "Kr0kus" not in shown and shown == "postgresql://hero@db/hero?application_name=team"


@pytest.mark.parametrize("text, host, port", [
    ("postgresql://hero@[::1]:5432/hero", "::1", "5432"),
    ("postgresql://hero@a.example:5432,b.example:5433/hero", "a.example,b.example", "5432,5433"),
    ("postgresql:///hero?host=/var/run/postgresql", "/var/run/postgresql", None),
])
def test_hosts_as_libpq_allows(text, host, port):
    params = parse_pg_url(text).params
    assert params.get("host") == host and params.get("port") == port


def test_a_service_url_has_no_default_database():
    url = parse_pg_url("postgresql://?service=hero")
    assert url.params == {"service": "hero"} and url.display == "postgresql://?service=hero"


@pytest.mark.parametrize("text, name", [("postgresql://hero:pw@db:54x32/hero", "54x32"),
                                        ("postgresql://hero@db/hero?port=abc", "abc")])
def test_a_port_that_is_not_a_number_is_refused(text, name):
    with pytest.raises(PgUrlError) as caught:
        parse_pg_url(text)
    assert caught.value.reason == "port" and caught.value.name == name


def test_what_cannot_be_read_shows_no_part_of_it():
    assert redact_pg_url("postgresql://hero:" + SECRET + "@db:5x/h") == "postgresql://***"
    assert scrub(f"failed for {SECRET} and Kr0kus%23", (SECRET, "Kr0kus%23")) == "failed for *** and ***"
