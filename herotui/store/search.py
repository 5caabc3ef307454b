"""Search over shares: parts of words, the same answers on SQLite and PostgreSQL.

What a search finds (the rule, on both backends):

- The box is split into terms: the runs of letters and digits (`\\w+`); text without any (`%`,
  `*Nej*`) is taken piece by piece as written, split at spaces. A share is found when *every*
  term occurs somewhere in it, anywhere inside a word: `utbildning` finds
  "Ledarskapsutbildning", `lönekart` finds "Lönekartläggning".
- Where a term may occur: the title, the note, the tags, the names of the share's focus areas
  (`ledarskap` finds every share in the Ledarskap area) and the sharer's name or login.
- Letters are compared after `herotui.text.search_fold`: case and the accents Swedish reads as
  the same letter are ignored (é = e, ü = y), but å, ä and ö are letters of their own, so `mål`
  does not find "Malware" and `lon` does not find "Lön". (Ranking exact letters first was the
  other choice; the feed is ordered by time, not by rank, so folding less is what can be seen.)
- Typed text is never query syntax: `"`, `*`, `NEAR`, `AND`, parentheses and `%` are looked for
  as the characters they are.

How: each share's title, note and tags are folded in Python and stored in one text column of the
`share_search` table. On SQLite that table is an FTS5 table with the `trigram` tokenizer
(SQLite 3.34+, sqlite.org/fts5.html#the_trigram_tokenizer; `case_sensitive 1` because the text is
folded already): a term of three or more characters is a quoted FTS5 phrase, which the trigram
tokenizer answers as "occurs as a substring"; shorter terms are looked for with `instr`. On
PostgreSQL (`herotui.store.search_pg`) the column has a `pg_trgm` GIN index and terms are `LIKE`
patterns. Where neither is available (an older SQLite, a server that refuses the extension) the
same table is searched without the index: the same answers, only slower. Area and people names
are few and can be renamed, so they are folded and matched in Python at search time and never
stored in the index.
"""

from __future__ import annotations

import re
import sqlite3

import peewee
from peewee import SQL

import herotui.store.search_pg as search_pg
from herotui.text import search_fold

_WORD = re.compile(r"\w+", re.UNICODE)
_LIKE_ESCAPE = "!"
TRIGRAM_SQLITE = (3, 34, 0)
"""The first SQLite with FTS5's trigram tokenizer."""
MAX_TERMS = 12
"""Terms beyond this many are not looked for (a search box holds at most 200 characters)."""


def _real(db: peewee.Database) -> peewee.Database:
    return getattr(db, "obj", db)  # a DatabaseProxy stands for the database it was given


def has_fts(db: peewee.Database) -> bool:
    """True on SQLite (the `share_search` table is FTS5 trigram there, or a plain table)."""
    return isinstance(_real(db), peewee.SqliteDatabase)


def has_text_search(db: peewee.Database) -> bool:
    """True on PostgreSQL."""
    return isinstance(_real(db), peewee.PostgresqlDatabase)


def trigram_available() -> bool:
    return sqlite3.sqlite_version_info >= TRIGRAM_SQLITE


def create_sqlite_index(db: peewee.Database) -> None:
    """The search table: FTS5 with trigrams where SQLite has them (3.34+), else a plain table."""
    if trigram_available():
        db.execute_sql("CREATE VIRTUAL TABLE IF NOT EXISTS share_search USING fts5("
                       "doc, tokenize = 'trigram case_sensitive 1')")
    else:
        db.execute_sql("CREATE TABLE IF NOT EXISTS share_search (id INTEGER PRIMARY KEY, doc TEXT NOT NULL)")


def _sqlite_is_trigram(db: peewee.Database) -> bool:
    real = _real(db)
    known = getattr(real, "_herotui_trigram", None)
    if known is None:
        row = real.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'share_search'").fetchone()
        known = bool(row and "trigram" in (row[0] or "").lower())
        real._herotui_trigram = known
    return known


def forget_kind(db: peewee.Database) -> None:
    """Read the search table's kind again on next use (after it was dropped and created)."""
    _real(db)._herotui_trigram = None


def document(title: str, note: str, tags: list[str] | tuple[str, ...]) -> str:
    """The folded text a share is searched in (areas and people are matched apart)."""
    return search_fold("\n".join([title or "", note or "", "\n".join(tags)]))


def index_share(db: peewee.Database, share_id: int, title: str, note: str, tags: list[str]) -> None:
    """(Re)index one share; call inside the write that changed it."""
    if has_text_search(db):
        search_pg.index_share(db, share_id, document(title, note, tags))
        return
    if not has_fts(db):
        return
    db.execute_sql("DELETE FROM share_search WHERE rowid = ?", (share_id,))
    db.execute_sql("INSERT INTO share_search (rowid, doc) VALUES (?, ?)", (share_id, document(title, note, tags)))


def unindex_share(db: peewee.Database, share_id: int) -> None:
    if has_text_search(db):
        search_pg.unindex_share(db, share_id)
    elif has_fts(db):
        db.execute_sql("DELETE FROM share_search WHERE rowid = ?", (share_id,))


def rebuild_index(db: peewee.Database) -> None:
    """Index every share again, on either backend (after bulk inserts or a migration). Folding is
    Python's, so rows are read and written in batches rather than in one SQL statement."""
    from herotui.store.models import Share, ShareTag

    if not (has_fts(db) or has_text_search(db)):
        return
    db.execute_sql("DELETE FROM share_search")
    last = 0
    while True:
        rows = list(Share.select(Share.id, Share.title, Share.note).where(Share.id > last)
                    .order_by(Share.id).limit(2000).tuples())
        if not rows:
            return
        ids = [r[0] for r in rows]
        tags: dict[int, list[str]] = {}
        for share_id, tag in ShareTag.select(ShareTag.share, ShareTag.tag).where(ShareTag.share.in_(ids)).tuples():
            tags.setdefault(share_id, []).append(tag)
        docs = [(share_id, document(title, note, tags.get(share_id, []))) for share_id, title, note in rows]
        if has_text_search(db):
            search_pg.insert_documents(db, docs)
        else:
            _real(db).cursor().executemany("INSERT INTO share_search (rowid, doc) VALUES (?, ?)", docs)
        last = ids[-1]


def search_terms(text: str) -> list[str]:
    """The folded terms of a search box (see the module docstring): word runs, or the pieces as
    written when there are none. Repeats and terms inside another term (implied by it) are
    dropped; at most `MAX_TERMS`."""
    folded = search_fold((text or "").replace("\x00", " ")).strip()
    if not folded:
        return []
    terms = _WORD.findall(folded) or folded.split()
    unique = sorted(set(terms), key=lambda term: (-len(term), term))
    kept: list[str] = []
    for term in unique:
        if not any(term in longer for longer in kept):
            kept.append(term)
    return kept[:MAX_TERMS]


def like_pattern(fragment: str) -> str:
    """`%fragment%` for LIKE ... ESCAPE '!', with `%`, `_` and `!` taken literally."""
    escaped = (
        fragment
        .replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2)
        .replace("%", _LIKE_ESCAPE + "%")
        .replace("_", _LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"


def fts5_phrase(term: str) -> str:
    """A term as one FTS5 string: quoted, inner quotes doubled, so nothing in it is syntax."""
    return '"' + term.replace('"', '""') + '"'


def _doc_query(db: peewee.Database, term: str) -> tuple[str, tuple]:
    """SQL selecting the ids of shares whose indexed text holds `term`, and its parameters."""
    if has_text_search(db):
        return "SELECT share_id FROM share_search WHERE doc LIKE %s ESCAPE '!'", (like_pattern(term),)
    if len(term) >= 3 and _sqlite_is_trigram(db):
        return "SELECT rowid FROM share_search WHERE share_search MATCH ?", (fts5_phrase(term),)
    return "SELECT rowid FROM share_search WHERE instr(doc, ?) > 0", (term,)


def _names_matching(terms: list[str]):
    """Per term: ids of focus areas and of people whose folded names contain it."""
    from herotui.store.models import FocusArea, Person

    areas = [(area_id, search_fold(name)) for area_id, name in FocusArea.select(FocusArea.id, FocusArea.name).tuples()]
    people = [(pid, search_fold(name) + "\n" + search_fold(login))
              for pid, name, login in Person.select(Person.id, Person.display_name, Person.login).tuples()]
    return {term: ([a for a, name in areas if term in name], [p for p, name in people if term in name])
            for term in terms}


WALK_FROM = 2000
"""On SQLite, a term matching more shares than this is probed while the feed walks its own order
(the first page is found after a few hundred rows) rather than listed and sorted (every match
fetched); fewer matches are listed. Measured at 100,000 shares: see benchmarks "search"."""


def share_match(db: peewee.Database, text: str, *, paging: bool = False):
    """A condition on `Share` rows for the search box, or None when there is nothing to search.

    Every term must occur in the share's title, note or tags (the index), or in the name of one
    of its focus areas, or in its sharer's name or login. See the module docstring. `paging` says
    the query reads rows in feed order (a page), not a count: on SQLite a common term is then
    probed row by row instead of driving the query (same rows, found sooner)."""
    from herotui.store.models import Share, ShareArea

    terms = search_terms(text)
    if not terms:
        return None
    names = _names_matching(terms)
    param = _real(db).param
    share_area = ShareArea._meta.table_name
    share_table = Share._meta.table_name
    lists = []
    for term in terms:
        # One list of ids per term (a UNION built once): an OR of several IN-lists made SQLite
        # evaluate each list twice.
        sql, params = _doc_query(db, term)
        parts, values = [sql], list(params)
        area_ids, person_ids = names[term]
        if area_ids:
            parts.append(f'SELECT share_id FROM "{share_area}" WHERE area_id IN ({", ".join([param] * len(area_ids))})')
            values += area_ids
        if person_ids:
            parts.append(f'SELECT id FROM "{share_table}" WHERE person_id IN ({", ".join([param] * len(person_ids))})')
            values += person_ids
        lists.append((" UNION ".join(parts), values))
    probe = [False] * len(lists)
    if paging and has_fts(db):
        # A term under three letters has no trigram: it matches many shares and its list costs a
        # scan, so it is taken as large rather than counted.
        sizes = [db.execute_sql(f"SELECT COUNT(*) FROM ({sql})", values).fetchone()[0]
                 if len(term) >= 3 and _sqlite_is_trigram(db) else WALK_FROM + 1
                 for term, (sql, values) in zip(terms, lists)]
        if min(sizes) > WALK_FROM:
            probe = [True] * len(lists)
        else:  # the smallest list drives; the others are only probed
            smallest = sizes.index(min(sizes))
            probe = [i != smallest for i in range(len(lists))]
    condition = None
    for (sql, values), by_probe in zip(lists, probe):
        column = (Share.id + 0) if by_probe else Share.id  # `+ 0`: no index, so a probe
        found = column.in_(SQL("(" + sql + ")", values))
        condition = found if condition is None else (condition & found)
    return condition
