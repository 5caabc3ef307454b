"""Search: parts of words, areas, tags and people, Swedish letters, literal hostile input; the same
answers on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm): every test here runs on both."""

from __future__ import annotations

import pytest

from herotui.services.hero import Hero
from herotui.services.shares import FeedFilter
from herotui.store import open_store
from herotui.store import search
from herotui.store.models import Share
from tests.hostile import HOSTILE_STRINGS


def post(hero, n, title, note="", tags=(), areas=("Ledarskap",), kind="article"):
    return hero.shares.post(f"https://x.se/{n}", title, kind, list(areas), note=note, tags=list(tags))


def seed(hero):
    post(hero, 1, "Psykologisk trygghet i team", note="Om **feedback** och tillit", tags=["ledarskap", "forskning"])
    post(hero, 2, "AI-förordningen och rekrytering", note="Vad \"högrisk\" betyder (AND varför)", areas=("AI i HR",),
         kind="podcast")
    post(hero, 3, "Lönekartläggning steg för steg", tags=["mall"], areas=("Lön och förmåner",))
    post(hero, 4, "100% närvaro_krav? *Nej*", note="under_score med procent%")
    return hero


@pytest.fixture
def bank(hero):
    return seed(hero)


@pytest.fixture
def searched_bank(backend, clock, module_databases, outbox):
    """The bank, seeded once per module and backend, for tests that only search it."""
    store = open_store(module_databases(backend, clock.now()), clock=clock, write_deadline=5)
    hero = Hero(store, "anna", clock=clock, outbox=outbox)
    if store.read(lambda: Share.select().count()) == 0:
        hero.people.ensure_me()
        seed(hero)
    yield hero
    store.close()


def found(hero, text, **filters) -> list[str]:
    return [item.title for item in hero.shares.open_feed(FeedFilter(search=text, **filters)).page.items]


def test_words_are_found_in_title_note_and_tags(bank):
    assert found(bank, "trygghet") == ["Psykologisk trygghet i team"]
    assert found(bank, "feedback") == ["Psykologisk trygghet i team"]
    assert found(bank, "mall") == ["Lönekartläggning steg för steg"]
    assert found(bank, "lönekart") == ["Lönekartläggning steg för steg"]
    assert found(bank, "LÖNEKARTLÄGGNING") == ["Lönekartläggning steg för steg"]  # case folded
    assert found(bank, "LONEKARTLAGGNING") == []  # ö and ä are letters of their own
    assert found(bank, "trygghet mall") == []  # every word must match


@pytest.mark.parametrize("text", ['"', "*", "(", ")", "AND", "OR", "NOT", "NEAR", "NEAR(", '"högrisk', "(AND varför)",
                                  "title:x", "^trygghet", "{col}", "a AND", "- x", "'; DROP TABLE share; --"])
def test_operator_characters_and_words_are_searched_literally(searched_bank, backend, text):
    bank = searched_bank
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
def test_the_hostile_corpus_never_breaks_a_search(searched_bank, backend, text):
    bank = searched_bank
    assert isinstance(found(bank, text), list)
    assert isinstance(found(bank, text, area="Ledarskap", kind="article", saved=True, unread_only=True), list)


def test_search_works_inside_a_filter(bank):
    # "och" is in two titles/notes and in the area name "Lön och förmåner" of the third.
    assert found(bank, "och") == ["Lönekartläggning steg för steg", "AI-förordningen och rekrytering",
                                  "Psykologisk trygghet i team"]
    assert found(bank, "och", area="AI i HR") == ["AI-förordningen och rekrytering"]
    assert found(bank, "och", kind="article") == ["Lönekartläggning steg för steg", "Psykologisk trygghet i team"]
    assert found(bank, "och", by="anna") == found(bank, "och")
    assert found(bank, "och", by="nobody") == []


def test_the_index_follows_edits_and_deletions(bank):
    target = bank.shares.open_feed(FeedFilter(search="trygghet")).page.items[0]
    bank.shares.edit(target.uuid, target.url, "Tillit på jobbet", "article", ["Ledarskap"], note="ny text")
    assert found(bank, "trygghet") == []
    assert found(bank, "tillit") == ["Tillit på jobbet"]
    bank.shares.delete(target.uuid)
    assert found(bank, "tillit") == []


def test_parts_of_compound_words_are_found(bank):
    post(bank, 5, "Ledarskapsutbildning för chefer", areas=("Kompetensutveckling",))
    assert found(bank, "utbildning") == ["Ledarskapsutbildning för chefer"]
    assert found(bank, "skapsutb") == ["Ledarskapsutbildning för chefer"]
    assert found(bank, "kartläggning") == ["Lönekartläggning steg för steg"]
    assert found(bank, "utbildning chef") == ["Ledarskapsutbildning för chefer"]
    assert found(bank, "utbildning mall") == []  # every term must occur


def test_area_names_tags_and_the_sharers_name_are_searched(bank, hero_for):
    erik = hero_for("erik")
    erik.people.set_display_name("Erik Lindqvist")
    post(erik, 6, "Samtal som fungerar", areas=("Arbetsmiljö",), tags=["offentlig sektor"])
    assert found(bank, "ledarskap") == ["100% närvaro_krav? *Nej*", "Psykologisk trygghet i team"]
    assert found(bank, "LEDARSKAP trygg") == ["Psykologisk trygghet i team"]  # area and title together
    assert found(bank, "arbetsmiljö") == ["Samtal som fungerar"]
    assert found(bank, "lindqvist") == ["Samtal som fungerar"]
    assert found(bank, "erik") == ["Samtal som fungerar"]  # the login too
    assert found(bank, "offentlig sektor") == ["Samtal som fungerar"]
    assert found(bank, "sektor") == ["Samtal som fungerar"]


def test_a_renamed_area_is_found_by_its_new_name(bank):
    bank.areas.rename("Lön och förmåner", "Ersättningar")
    assert found(bank, "ersättning") == ["Lönekartläggning steg för steg"]
    assert found(bank, "förmåner") == []


def test_swedish_letters_are_letters_and_only_same_letters_fold(bank):
    post(bank, 7, "Malware i HR-system", areas=("AI i HR",))
    post(bank, 8, "Mål för året", areas=("Ledarskap",))
    post(bank, 9, "Café-samtal med Müller", areas=("Ledarskap",))
    post(bank, 10, "Ærlig snak i Ålborg", areas=("Ledarskap",))
    assert found(bank, "mål") == ["Mål för året"]
    assert found(bank, "MÅL") == ["Mål för året"]
    assert found(bank, "malw") == ["Malware i HR-system"]
    assert found(bank, "cafe") == ["Café-samtal med Müller"]  # é is e
    assert found(bank, "CAFÉ") == ["Café-samtal med Müller"]
    assert found(bank, "myller") == ["Café-samtal med Müller"]  # ü is y in Swedish
    assert found(bank, "muller") == []
    assert found(bank, "ärlig") == ["Ærlig snak i Ålborg"]  # æ is ä
    assert found(bank, "alborg") == []
    assert found(bank, "lön") == ["Lönekartläggning steg för steg"]
    assert found(bank, "lon") == []


def test_short_terms_and_long_terms_agree(bank):
    assert found(bank, "ps") == ["Psykologisk trygghet i team"]  # under three letters: no trigram
    assert found(bank, "psy") == ["Psykologisk trygghet i team"]
    assert found(bank, "ai") == ["AI-förordningen och rekrytering"]


def test_the_search_terms_are_folded_deduplicated_and_bounded():
    assert search.search_terms('a "b" AND c*') == ["and", "b", "c"]  # "a" is implied by "and"
    assert search.search_terms("utbildning utb UTBILDNING") == ["utbildning"]  # implied terms dropped
    assert search.search_terms('"*()') == ['"*()']
    assert search.search_terms("   ") == []
    assert len(search.search_terms(" ".join(f"ord{n:02d}" for n in range(40)))) == search.MAX_TERMS
    assert search.like_pattern("50%_!") == "%50!%!_!!%"
    assert search.fts5_phrase('a"b') == '"a""b"'
