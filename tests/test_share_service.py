"""The share service: posting rules, duplicates, ownership, reactions, saves, read marks, overviews."""

from __future__ import annotations

from datetime import timedelta

import pytest

from herotui.presenters.shares import already_shared

from conftest import EN_MONTHS, local_today

from herotui.services.actions import replay
from herotui.services.errors import Conflict, NotAllowed, NotFound, ValidationError
from herotui.services.shares import MAX_NOTE, FeedFilter, check_draft, clean_tags
from herotui.store.models import Reaction, SavedShare, Share, ShareArea, ShareTag


def post(hero, url="https://example.com/a", title="Psykologisk trygghet", kind="article", areas=("Ledarskap",), **kw):
    return hero.shares.post(url, title, kind, list(areas), **kw)


def titles(page):
    return [item.title for item in page.items]


# -- posting -----------------------------------------------------------------------------------


def test_post_returns_the_share_with_its_areas_and_tags(hero):
    info = post(hero, " HTTPS://Example.COM/a?utm_source=x ", tags=["#Mall", "case, mall"], note="**hej**")
    assert info.url == "https://example.com/a?utm_source=x"  # trimmed, scheme and host lower case
    assert (info.title, info.kind, info.areas, info.tags) == ("Psykologisk trygghet", "article", ("Ledarskap",),
                                                              ("case", "mall"))
    assert info.note == "**hej**" and info.author_name == "Anna Berg" and info.can_edit
    assert hero.shares.get(info.uuid) == info


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x.se/a",
                                 "https://", "http://exa mple.com", "https://x.se/\x1b[2J", "http://x:abc/",
                                 "https://" + "a" * 2050 + ".se"])
def test_only_web_links_are_accepted(hero, url):
    with pytest.raises(ValidationError) as caught:
        post(hero, url)
    assert caught.value.key.startswith("share.error.url_")
    assert "{" not in caught.value.message()


def test_a_book_needs_no_link(hero):
    info = post(hero, None, kind="book")
    assert info.url == ""
    again = post(hero, "", title="Another book", kind="book")
    assert again.url == ""  # no link is never "already shared"


@pytest.mark.parametrize("title, key", [("", "share.error.title_required"), ("  \x1b ", "share.error.title_required"),
                                        ("x" * 201, "share.error.title_too_long")])
def test_title_is_required_and_at_most_200_characters(hero, title, key):
    with pytest.raises(ValidationError) as caught:
        post(hero, title=title)
    assert caught.value.key == key
    assert post(hero, title="x" * 200).title == "x" * 200


def test_note_at_most_5000_characters_and_cleaned(hero):
    with pytest.raises(ValidationError) as caught:
        post(hero, note="x" * (MAX_NOTE + 1))
    assert caught.value.key == "share.error.note_too_long"
    info = post(hero, note="a\x1b[2Jb\r\nc\x07")
    assert info.note == "a[2Jb\nc"


def test_areas_must_exist_be_active_and_at_least_one(hero):
    with pytest.raises(ValidationError):
        post(hero, areas=())
    with pytest.raises(ValidationError):
        post(hero, areas=("Ingen sådan",))
    hero.areas.set_retired("Ledarskap")
    with pytest.raises(ValidationError) as caught:
        post(hero, areas=("Ledarskap",))
    assert caught.value.key == "area.error.retired"
    assert post(hero, areas=("ai i hr", "AI i HR")).areas == ("AI i HR",)


def test_kind_and_tags_are_checked(hero):
    with pytest.raises(ValidationError):
        post(hero, kind="rumour")
    with pytest.raises(ValidationError):
        clean_tags(["x" * 51])
    with pytest.raises(ValidationError):
        clean_tags([f"t{i}" for i in range(11)])
    # Tags are separated by commas only: "#B  b" is one tag with a space.
    assert check_draft("", "T", "BOOK", ["Ledarskap"], "a, #B  b").tags == ("a", "b b")


def test_replaying_the_same_post_creates_one_share(hero):
    first = hero.submit("share.post", {"uuid": "u-1", "url": "https://x.se/1", "title": "T", "kind": "article",
                                       "areas": ["Ledarskap"], "tags": [], "note": "", "force": False})
    second = hero.submit("share.post", {"uuid": "u-1", "url": "https://x.se/1", "title": "T", "kind": "article",
                                        "areas": ["Ledarskap"], "tags": [], "note": "", "force": False})
    assert first.uuid == second.uuid == "u-1"
    assert hero.store.read(lambda: Share.select().count()) == 1


def test_a_post_kept_offline_is_sent_once_and_re_checked(hero_for, store, monkeypatch):
    from herotui.store.errors import DatabaseUnavailable

    anna, erik = hero_for("anna"), hero_for("erik")
    real_write = store.write

    def unreachable(*args, **kwargs):
        raise DatabaseUnavailable(path="x")

    monkeypatch.setattr(store, "write", unreachable)
    queued = post(erik, "https://www.example.com/x")
    monkeypatch.setattr(store, "write", real_write)
    assert type(queued).__name__ == "Queued"
    post(anna, "https://example.com/x/")  # the same link, posted while erik was offline
    report = replay(erik)
    assert report.refused and "already shared by Anna Berg" in report.refused[0][1]
    assert store.read(lambda: Share.select().count()) == 1


# -- duplicates --------------------------------------------------------------------------------


@pytest.mark.parametrize("again", [
    "http://www.example.com/artikel/", "https://EXAMPLE.com/artikel#del-2", "https://example.com/artikel?utm_medium=x",
    "https://example.com:443/artikel",
])
def test_duplicate_links_are_recognised_after_normalising(hero_for, clock, again):
    anna, erik = hero_for("anna"), hero_for("erik")
    first = post(anna, "https://www.example.com/artikel")
    today = local_today(clock)
    said = f"This link was already shared by Anna Berg on {today.day} {EN_MONTHS[today.month - 1]}."
    found = erik.shares.find_duplicate(again)
    assert found is not None and found.uuid == first.uuid and found.author_name == "Anna Berg"
    assert already_shared(found) == said
    with pytest.raises(Conflict) as caught:
        post(erik, again)
    assert caught.value.message() == said
    assert caught.value.params["uuid"] == first.uuid
    assert post(erik, again, force=True).uuid != first.uuid


def test_different_links_are_not_duplicates(hero):
    post(hero, "https://example.com/a?id=1")
    assert hero.shares.find_duplicate("https://example.com/a?id=2") is None
    assert hero.shares.find_duplicate("https://example.com/b") is None


def test_already_shared_names_the_year_when_it_was_another_year(hero_for, clock):
    post(hero_for("anna"), "https://example.com/old")
    day = local_today(clock)
    clock.advance(days=366)  # always in another year
    assert already_shared(hero_for("erik").shares.find_duplicate("https://example.com/old")).endswith(
        f"on {day.day} {EN_MONTHS[day.month - 1]} {day.year}.")


# -- ownership ---------------------------------------------------------------------------------


def test_people_edit_and_delete_their_own_and_admins_any(hero_for):
    anna, erik, maja = hero_for("anna"), hero_for("erik"), hero_for("maja")
    mine = post(erik, "https://x.se/erik", title="Eriks")
    assert erik.shares.get(mine.uuid).can_edit and anna.shares.get(mine.uuid).can_edit
    assert not maja.shares.get(mine.uuid).can_edit
    with pytest.raises(NotAllowed):
        maja.shares.edit(mine.uuid, mine.url, "Hijacked", "article", ["Ledarskap"])
    with pytest.raises(NotAllowed):
        maja.shares.delete(mine.uuid)
    edited = erik.shares.edit(mine.uuid, "https://x.se/erik2", "Eriks nya", "podcast", ["AI i HR"], tags=["ny"],
                              note="n")
    assert (edited.title, edited.kind, edited.areas, edited.tags, edited.url) == (
        "Eriks nya", "podcast", ("AI i HR",), ("ny",), "https://x.se/erik2")
    assert anna.shares.edit(mine.uuid, "", "Adminändrad", "book", ["AI i HR"]).title == "Adminändrad"
    anna.shares.delete(mine.uuid)
    anna.shares.delete(mine.uuid)  # twice is the same as once
    with pytest.raises(NotFound):
        erik.shares.get(mine.uuid)
    assert anna.store.read(lambda: (ShareArea.select().count(), ShareTag.select().count())) == (0, 0)


def test_a_retired_area_stays_on_its_shares_but_cannot_be_added(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    share = post(erik, areas=("Ledarskap",))
    other = post(erik, "https://x.se/2", areas=("AI i HR",))
    anna.areas.set_retired("Ledarskap")
    assert erik.shares.get(share.uuid).areas == ("Ledarskap",)
    assert erik.shares.edit(share.uuid, share.url, "Ny titel", "article", ["Ledarskap"]).areas == ("Ledarskap",)
    with pytest.raises(ValidationError):
        erik.shares.edit(other.uuid, other.url, "T", "article", ["AI i HR", "Ledarskap"])
    assert erik.shares.open_feed(FeedFilter(area="Ledarskap")).total == 1


# -- reactions, saves, read marks --------------------------------------------------------------


def test_useful_is_one_per_person_with_a_count(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    share = post(anna)
    assert erik.shares.set_useful(share.uuid, True).count == 1
    assert erik.shares.set_useful(share.uuid, True).count == 1  # a double press changes nothing
    assert anna.shares.set_useful(share.uuid, True).count == 2
    item = erik.shares.open_feed().page.items[0]
    assert item.useful == 2 and item.useful_by_me
    assert erik.shares.set_useful(share.uuid, False).count == 1
    assert not erik.shares.get(share.uuid).useful_by_me
    assert erik.store.read(lambda: Reaction.select().count()) == 1


def test_saved_for_later_and_the_saved_view(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    first, second = post(anna, "https://x.se/1", title="Ett"), post(anna, "https://x.se/2", title="Två")
    erik.shares.set_saved(first.uuid, True)
    erik.shares.set_saved(first.uuid, True)
    assert titles(erik.shares.open_feed(FeedFilter(saved=True)).page) == ["Ett"]
    assert anna.shares.open_feed(FeedFilter(saved=True)).total == 0
    erik.shares.set_saved(first.uuid, False)
    assert erik.shares.open_feed(FeedFilter(saved=True)).total == 0
    assert erik.store.read(lambda: SavedShare.select().count()) == 0
    assert second.uuid


def test_unread_is_newer_than_the_last_visit_unless_marked(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    old = post(anna, "https://x.se/old", title="Gammal")
    clock.advance(hours=1)
    erik.shares.begin_visit()  # first visit: the last two weeks count as new
    assert [i.unread for i in erik.shares.open_feed().page.items] == [True]
    clock.advance(hours=1)
    newer = post(anna, "https://x.se/new", title="Ny")
    mine = post(erik, "https://x.se/mine", title="Min egen")
    clock.advance(hours=1)
    later = hero_for("erik")
    later.shares.visit_seen_at = None
    later.shares.begin_visit()  # the second visit: new is what came after the first
    feed = {i.title: i.unread for i in later.shares.open_feed().page.items}
    assert feed == {"Gammal": False, "Ny": True, "Min egen": False}
    later.shares.set_read(newer.uuid, True)
    later.shares.set_read(old.uuid, False)
    hidden = later.shares.open_feed(FeedFilter(unread_only=True))
    assert titles(hidden.page) == ["Gammal"]
    later.shares.mark_all_read()
    assert later.shares.open_feed(FeedFilter(unread_only=True)).total == 0
    assert mine.uuid


def test_marks_on_a_deleted_share_are_refused_plainly(hero):
    share = post(hero)
    hero.shares.delete(share.uuid)
    for call in (hero.shares.set_useful, hero.shares.set_saved, hero.shares.set_read):
        with pytest.raises(NotFound):
            call(share.uuid, True)


# -- overviews ---------------------------------------------------------------------------------


def test_most_useful_this_week_and_month_and_shares_per_area(hero_for, clock):
    anna, erik, maja = hero_for("anna"), hero_for("erik"), hero_for("maja")
    clock.advance(days=-10)  # 15 November: this month, not this week
    older = post(anna, "https://x.se/month", title="Månadens", areas=("AI i HR",))
    clock.advance(days=10)
    popular = post(anna, "https://x.se/week", title="Veckans", areas=("Ledarskap", "AI i HR"))
    quiet = post(anna, "https://x.se/quiet", title="Tyst", areas=("Ledarskap",))
    for hero in (erik, maja):
        hero.shares.set_useful(older.uuid, True)
    erik.shares.set_useful(popular.uuid, True)
    stats = anna.shares.stats()
    assert [i.title for i in stats.week] == ["Veckans"]
    assert [i.title for i in stats.month] == ["Månadens", "Veckans"]
    counts = {a.name: a.shares for a in stats.areas}
    assert counts["AI i HR"] == 2 and counts["Ledarskap"] == 2 and counts["Rekrytering"] == 0
    assert quiet.uuid


def test_digest_groups_the_period_by_area_most_useful_first(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    clock.advance(days=-20)
    post(anna, "https://x.se/gammal", title="För gammal")
    clock.advance(days=20)
    a = post(anna, "https://x.se/a", title="A", areas=("Ledarskap",))
    b = post(erik, "https://x.se/b", title="B", areas=("Ledarskap", "AI i HR"))
    erik.shares.set_useful(a.uuid, True)
    digest = anna.shares.digest(clock.now() - timedelta(days=7))
    assert digest.total == 2
    assert [(g.area, [i.title for i in g.items]) for g in digest.groups] == [("Ledarskap", ["A", "B"]),
                                                                            ("AI i HR", ["B"])]
    assert b.uuid


def test_sharers_lists_who_has_shared(hero_for):
    post(hero_for("erik"), "https://x.se/1")
    post(hero_for("erik"), "https://x.se/2")
    assert [(s.login, s.shares) for s in hero_for("anna").shares.sharers()] == [("erik", 2)]
