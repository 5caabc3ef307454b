"""One error base (issue 17): rule refusals and storage trouble share key/params/message."""

from __future__ import annotations

import pytest

from herotui.errors import HerotuiError
from herotui.i18n import t
from herotui.services.errors import Conflict, HeroError, NotFound, ValidationError
from herotui.store.errors import DatabaseBusy, DatabaseExists, DatabaseUnavailable, StoreError


@pytest.mark.parametrize("cls", [HeroError, ValidationError, NotFound, Conflict,
                                 StoreError, DatabaseBusy, DatabaseExists, DatabaseUnavailable])
def test_both_families_derive_from_one_base(cls):
    assert issubclass(cls, HerotuiError)


def test_the_families_stay_apart():
    # A caller catching one family must not start catching the other.
    assert not issubclass(StoreError, HeroError)
    assert not issubclass(HeroError, StoreError)


def test_key_params_message_and_exit_code_as_before():
    refusal = ValidationError("error.invalid")
    assert (refusal.key, refusal.params, refusal.exit_code) == ("error.invalid", {}, 1)
    assert refusal.message() == t("error.invalid")
    gone = DatabaseUnavailable(path="/mnt/team/hero.db")
    assert gone.key == DatabaseUnavailable.key and gone.params == {"path": "/mnt/team/hero.db"}
    assert gone.exit_code == 3 and DatabaseExists().exit_code == 1
    assert gone.message() == t(DatabaseUnavailable.key, path="/mnt/team/hero.db")
    assert str(gone) == f"{gone.key} {{'path': '/mnt/team/hero.db'}}"
    assert HeroError().key == "error.generic" and StoreError().key == "store.error"
