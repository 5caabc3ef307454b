"""Focus areas: admins curate them; retired areas stay known but cannot be picked."""

from __future__ import annotations

import pytest

from herotui.services.areas import resolve_areas
from herotui.services.errors import Conflict, NotAllowed, ValidationError


def test_default_areas_exist(hero):
    names = [a.name for a in hero.areas.list()]
    assert "Rekrytering" in names and "AI i HR" in names


def test_admin_adds_renames_and_retires(hero_for):
    anna = hero_for("anna")
    anna.areas.add("Mångfald")
    with pytest.raises(Conflict):
        anna.areas.add("mångfald")
    renamed = anna.areas.rename("Mångfald", "Mångfald och inkludering")
    assert renamed.name == "Mångfald och inkludering"
    anna.areas.set_retired("Mångfald och inkludering")
    assert "Mångfald och inkludering" not in [a.name for a in anna.areas.list()]
    assert "Mångfald och inkludering" in [a.name for a in anna.areas.list(include_retired=True)]
    with pytest.raises(ValidationError):
        anna.store.read(resolve_areas, ["Mångfald och inkludering"])


def test_colleagues_cannot_curate(hero_for):
    with pytest.raises(NotAllowed):
        hero_for("erik").areas.add("Något")
