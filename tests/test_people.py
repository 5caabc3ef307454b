"""Who may do what: admins, display names, the first admin."""

from __future__ import annotations

import pytest

from herotui.services.errors import NotAllowed, ValidationError


def test_creator_is_first_admin_and_newcomers_are_not(hero_for):
    anna = hero_for("anna")
    erik = hero_for("erik")
    assert anna.people.me().is_admin
    assert not erik.people.me().is_admin


def test_only_admins_grant_and_revoke(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    with pytest.raises(NotAllowed):
        erik.people.set_admin("erik", True)
    assert anna.people.set_admin("erik", True).is_admin
    assert not erik.people.set_admin("anna", False).is_admin


def test_the_last_admin_cannot_be_revoked(hero_for):
    anna = hero_for("anna")
    with pytest.raises(NotAllowed) as caught:
        anna.people.set_admin("anna", False)
    assert "at least one admin" in caught.value.message()


@pytest.mark.parametrize("name", ["", "   ", "\x1b\x07\x00", "x" * 101])
def test_display_name_validation(hero, name):
    with pytest.raises(ValidationError):
        hero.people.set_display_name(name)


def test_display_name_is_cleaned_and_marked_as_chosen(hero_for):
    erik = hero_for("erik")
    assert not erik.people.me().named_display_set
    erik.people.set_display_name("  Erik \x07 Lind\u202e ")
    me = erik.people.me()
    assert me.display_name == "Erik Lind"
    assert me.named_display_set


def test_org_settings_need_an_admin(hero_for):
    erik = hero_for("erik")
    with pytest.raises(NotAllowed):
        erik.org.set("weekly_goal_minutes", 90)
    anna = hero_for("anna")
    anna.org.set("weekly_goal_minutes", 90)
    assert erik.org.get("weekly_goal_minutes") == 90
    with pytest.raises(ValidationError):
        anna.org.set("weekly_goal_minutes", 0)
