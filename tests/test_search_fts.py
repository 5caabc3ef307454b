"""Full-text search: FTS5 with typed text never passed as query syntax, and the LIKE fallback."""

from __future__ import annotations

import pytest

from herotui.services.shares import FeedFilter
from herotui.store import search
from herotui.store.models import Share
from tests.hostile import HOSTILE_STRINGS


def post(hero, n, title, note="", tags=(), areas=("Ledarskap",), kind="article"):
    return hero.shares.post(f"https://x.se/{n}", title, kind, list(areas), note=note, tags=list(tags))


@pytest.fixture
def bank(hero):
    post(hero, 1, "Psykologisk trygghet i team", note="Om **feedback** och tillit", tags=["ledarskap", "forskning"])
    post(hero, 2, "AI-förordningen och rekrytering", note="Vad \"högrisk\" betyder (AND varför)", areas=("AI i HR",),
         kind="podcast")
    post(hero, 3, "Lönekartläggning steg för steg", tags=["mall"], areas=("Lön och förmåner",))
    post(hero, 4, "100% närvaro_krav? *Nej*", note="under_score med procent%")
    return hero


def found(hero, text, **filters) -> list[str]:
    return [item.title for item in hero.shares.open_feed(FeedFilter(search=text, **filters)).page.items]


def test_words_are_found_in_title_note_and_tags(bank):
    assert found(bank, "trygghet") == ["Psykologisk trygghet i team"]
    assert found(bank, "feedback") == ["Psykologisk trygghet i team"]
    assert found(bank, "mall") == ["Lönekartläggning steg för steg"]
    assert found(bank, "lönekart") == ["Lönekartläggning steg för steg"]  # the last word is a prefix
    assert found(bank, "LONEKARTLAGGNING") == ["Lönekartläggning steg för steg"]  # case and diacritics folded
    assert found(bank, "trygghet mall") == []  # every word must match


@pytest.mark.parametrize("text", ['"', "*", "(", ")", "AND", "OR", "NOT", "NEAR", "NEAR(", '"högrisk', "(AND varför)",
                                  "title:x", "^trygghet", "{col}", "a AND", "- x", "'; DROP TABLE share; --"])
def test_operator_characters_and_words_are_searched_literally(bank, text):
    titles = found(bank, text)  # no OperationalError, whatever was typed
    assert isinstance(titles, list)
    assert bank.store.read(lambda: Share.select().count()) == 4


def test_operator_words_match_as_plain_words(bank):
    assert found(bank, "AND varför") == ["AI-förordningen och rekrytering"]
    assert found(bank, '"högrisk"') == ["AI-förordningen och rekrytering"]


def test_text_without_words_is_looked_for_literally(bank):
    assert found(bank, "%") == ["100% närvaro_krav? *Nej*"]
    assert found(bank, "*Nej*") == ["100% närvaro_krav? *Nej*"]
    assert found(bank, "?") == ["100% närvaro_krav? *Nej*"]


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_the_hostile_corpus_never_breaks_a_search(bank, text):
    assert isinstance(found(bank, text), list)
    assert isinstance(found(bank, text, area="Ledarskap", kind="article", saved=True, unread_only=True), list)


def test_search_works_inside_a_filter(bank):
    assert found(bank, "och") == ["AI-förordningen och rekrytering", "Psykologisk trygghet i team"]
    assert found(bank, "och", area="AI i HR") == ["AI-förordningen och rekrytering"]
    assert found(bank, "och", kind="article") == ["Psykologisk trygghet i team"]
    assert found(bank, "och", by="anna") == found(bank, "och")
    assert found(bank, "och", by="nobody") == []


def test_the_index_follows_edits_and_deletions(bank):
    target = bank.shares.open_feed(FeedFilter(search="trygghet")).page.items[0]
    bank.shares.edit(target.uuid, target.url, "Tillit på jobbet", "article", ["Ledarskap"], note="ny text")
    assert found(bank, "trygghet") == []
    assert found(bank, "tillit") == ["Tillit på jobbet"]
    bank.shares.delete(target.uuid)
    assert found(bank, "tillit") == []


def test_the_like_fallback_finds_the_same_and_escapes_wildcards(bank):
    db = bank.store.db

    def like(text):
        condition = search.share_match(db, text, force_like=True)
        return bank.store.read(lambda: sorted(s.title for s in Share.select().where(condition)))

    assert like("trygghet") == ["Psykologisk trygghet i team"]
    assert like("mall") == ["Lönekartläggning steg för steg"]  # tags too
    assert like("och tillit") == ["Psykologisk trygghet i team"]
    assert like("%") == ["100% närvaro_krav? *Nej*"]  # a literal percent, not "anything"
    assert like("_") == ["100% närvaro_krav? *Nej*"]
    assert like("!") == []
    assert like('"') == ["AI-förordningen och rekrytering"]
    for text in HOSTILE_STRINGS:
        assert isinstance(like(text), list)


def test_fts5_query_quotes_every_word():
    assert search.fts5_query('a "b" AND c*') == '"a" "b" "AND" "c"*'
    assert search.fts5_query('"*()') is None
    assert search.like_pattern("50%_!") == "%50!%!_!!%"
