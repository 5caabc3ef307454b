"""Links that are really the same page, and different when they differ, through the services
(on SQLite and PostgreSQL): posting, editing, forcing, tags and the one link check."""

from __future__ import annotations

import pytest

from herotui.services.errors import Conflict, ValidationError
from herotui.services.learning import make_draft, validate_link
from herotui.services.links import check_link
from herotui.services.shares import clean_tags


def post(hero, url, title="T", **kw):
    return hero.shares.post(url, title, "article", ["Ledarskap"], **kw)


def test_routes_of_a_single_page_app_are_different_links(hero):
    post(hero, "https://app.example.org/#/articles/one", "Ett")
    post(hero, "https://app.example.org/#/articles/two", "Två")  # before: refused as already shared
    with pytest.raises(Conflict):
        post(hero, "https://APP.example.org/#/articles/one", "Ett igen")


def test_a_ref_on_a_code_host_is_content_elsewhere_tracking(hero):
    post(hero, "https://github.com/org/repo/blob/main/README.md?ref=v1")
    post(hero, "https://github.com/org/repo/blob/main/README.md?ref=v2")  # before: refused
    post(hero, "https://example.se/artikel?ref=nyhetsbrev")
    with pytest.raises(Conflict):
        post(hero, "https://example.se/artikel")


def test_the_same_page_twice_with_force(hero, hero_for):
    first = post(hero, "https://example.se/a#intro")
    with pytest.raises(Conflict) as caught:
        post(hero_for("erik"), "http://www.example.se/a/")
    assert "already shared" in caught.value.message()
    again = post(hero_for("erik"), "http://www.example.se/a/", force=True)
    assert again.uuid != first.uuid


def test_editing_a_link_to_one_already_shared_warns_like_posting(hero):
    post(hero, "https://example.se/a", "A")
    other = post(hero, "https://example.se/b", "B")
    with pytest.raises(Conflict):  # before: the edit went through without a word
        hero.shares.edit(other.uuid, "https://www.example.se/a/", "B", "article", ["Ledarskap"])
    assert hero.shares.get(other.uuid).url == "https://example.se/b"
    edited = hero.shares.edit(other.uuid, "https://www.example.se/a/", "B", "article", ["Ledarskap"], force=True)
    assert edited.url == "https://www.example.se/a/"
    # Changing only the title of a share that is a forced duplicate does not warn again.
    assert hero.shares.edit(other.uuid, edited.url, "B2", "article", ["Ledarskap"]).title == "B2"
    # Its own link, written another way, is not a duplicate of itself.
    assert hero.shares.edit(other.uuid, "http://www.example.se/a", "B3", "article", ["Ledarskap"]).title == "B3"


def test_find_duplicate_for_an_edit_leaves_the_share_itself_out(hero):
    own = post(hero, "https://example.se/a", "A")
    assert hero.shares.find_duplicate("https://example.se/a/", except_uuid=own.uuid) is None
    assert hero.shares.find_duplicate("https://example.se/a/").uuid == own.uuid


@pytest.mark.parametrize("typed, tags", [
    ("offentlig sektor", ("offentlig sektor",)),
    ("offentlig sektor, mall", ("offentlig sektor", "mall")),
    ("#Offentlig   Sektor ,  #mall,,", ("offentlig sektor", "mall")),
    (["offentlig sektor", "mall, ai"], ("offentlig sektor", "mall", "ai")),
    ("mall, MALL", ("mall",)),
])
def test_tags_are_separated_by_commas_only(typed, tags):
    assert clean_tags(typed) == tags


def test_a_tag_with_a_space_is_stored_and_shown_as_one(hero):
    share = hero.shares.post("https://example.se/t", "T", "article", ["Ledarskap"], tags=["offentlig sektor"])
    assert hero.shares.get(share.uuid).tags == ("offentlig sektor",)


@pytest.mark.parametrize("link", ["https://a..b/x", "https://x.se/\x1b[2J", "https://x.se/\u202eevil",
                                  "https://x:port/", "javascript:alert(1)", "https://x.se/" + "a" * 2100])
def test_learning_and_sharing_refuse_the_same_links(link):
    with pytest.raises(ValidationError) as shared:
        check_link(link)
    with pytest.raises(ValidationError) as learned:  # before: the learning form accepted some
        validate_link(link)
    assert learned.value.key == shared.value.key
    with pytest.raises(ValidationError):
        make_draft(title="T", link=link)


def test_learning_keeps_a_good_link_as_sharing_would():
    assert validate_link("  HTTPS://Example.se/Delade%20dokument/Guide.pdf ") == \
        check_link("HTTPS://Example.se/Delade%20dokument/Guide.pdf") == "https://example.se/Delade%20dokument/Guide.pdf"
    assert validate_link("") == "" and validate_link(None) == ""
