"""Insights: periods, figures per focus area, the privacy threshold (also against subtraction), gaps.

Every period is computed from the `clock` fixture; run also with --now 2026-12-31T23:30:00+01:00,
--now 2027-01-04T08:00:00+01:00 and --now 2027-03-28T01:30:00+01:00.
"""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

import pytest

from herotui.services.errors import NotAllowed, ValidationError
from herotui.services.insights import export, parse_period, sort_rows, trend_per_week
from herotui.services.insights.privacy import hidden_cells
from tests.insights_data import ZONE, area_id, breakfast, local_moment, people, session, share


def today(clock) -> date:
    return clock.now().astimezone(ZONE).date()


# -- periods -------------------------------------------------------------------------------------

def test_periods_follow_the_clock_in_iso_weeks(clock):
    day = today(clock)
    quarter = parse_period("quarter", day)
    assert quarter.first_day == date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    assert quarter.first_day <= day < quarter.end_day and quarter.to_day == day + timedelta(days=1)
    assert quarter.buckets[0] == quarter.first_day
    assert all(b.isoweekday() == 1 for b in quarter.buckets[1:]), "every later bucket starts on a Monday"
    weeks = parse_period("12w", day)
    assert len(weeks.buckets) == 12 and weeks.buckets[-1] == day - timedelta(days=day.isoweekday() - 1)
    assert weeks.weeks[-1] == (day.isocalendar().year, day.isocalendar().week)
    year = parse_period("year", day)
    assert year.first_day == date(day.year, 1, 1) and year.to_day == day + timedelta(days=1)
    previous = quarter.first_day - timedelta(days=1)
    named = parse_period(f"{previous.year}-Q{(previous.month - 1) // 3 + 1}", day)
    assert named.end_day == quarter.first_day and named.to_day == quarter.first_day
    assert named.expected(900) == 900, "a whole past quarter expects the whole target"


def test_unknown_and_future_periods_are_refused(clock):
    day = today(clock)
    with pytest.raises(ValidationError) as bad:
        parse_period("last-month", day)
    assert "YYYY-Qn" in bad.value.message()
    future = parse_period("quarter", day).end_day
    with pytest.raises(ValidationError):
        parse_period(f"{future.year}-Q{(future.month - 1) // 3 + 1}", day)


# -- privacy ---------------------------------------------------------------------------------------

def test_hidden_cells_also_hide_a_complement():
    people_of = {"a": {1, 2, 3, 4, 5, 6}, "b": {7, 8, 9, 10, 11, 12, 13}, "c": {14, 15}, "d": set()}
    sizes = {"a": 600, "b": 700, "c": 37, "d": 0}
    hidden = hidden_cells(people_of, sizes, 5)
    assert hidden == {"c", "a"}, "c alone is two people: the smallest shown cell goes with it"
    assert len(set().union(*(people_of[k] for k in hidden))) >= 5
    assert hidden_cells(people_of, sizes, 3) == {"c"} | {"a"}, "2 < 3 still hides c and its complement"


def _build_company(store, clock):
    """Area A: 6 learners, B: 7 learners, C: 2 learners with 37 minutes (must never be readable)."""
    ids = people(store, 15)
    a, b, c = area_id(store, "Ledarskap"), area_id(store, "Rekrytering"), area_id(store, "Arbetsrätt")
    first = parse_period("quarter", today(clock)).first_day
    at = local_moment(first)
    for person in ids[:6]:
        session(store, person, [a], 100, at)
    for person in ids[6:13]:
        session(store, person, [b], 110, at)
    session(store, ids[13], [c], 30, at)
    session(store, ids[14], [c], 7, at)
    for person in ids[:6]:
        share(store, person, [a], at, useful_by=ids[6:8])
    share(store, ids[13], [c], at, useful_by=[ids[0]])
    return ids, (a, b, c)


def test_small_groups_are_hidden_and_cannot_be_subtracted(hero, store, clock):
    _build_company(store, clock)
    ins = hero.insights.overview("quarter")
    rows = {r.name: r for r in ins.rows}
    small = rows["Arbetsrätt"]
    assert small.minutes is None and small.sessions is None and small.learners is None and small.trend == ()
    # The subtraction attack: total minus every shown row.
    shown = sum(r.minutes for r in ins.rows if r.minutes is not None)
    assert ins.total.minutes is not None
    residue = ins.total.minutes - shown
    assert residue != 37, "the small area's minutes must not come out of a subtraction"
    assert residue == ins.other.minutes and residue >= 37 + 100 * 6, "the complement folded in with it"
    hidden_rows = [r for r in ins.rows if r.minutes is None]
    assert len(hidden_rows) >= 2
    # Shares: C's single sharer is hidden, and so is the complement.
    shares_shown = sum(r.shares for r in ins.rows if r.shares is not None)
    assert ins.total.shares - shares_shown != 1
    # Nothing anywhere in the export reads 37 (minutes) for the small area.
    dumped = json.dumps(export.to_json(ins))
    assert '"minutes": 37' not in dumped
    for r in ins.rows:
        for bar in r.trend:
            assert bar.minutes != 37


def test_no_combination_of_shown_figures_gives_a_small_area(hero, store, clock):
    """Every sum of shown rows, taken from the total, leaves at least the folded group."""
    _build_company(store, clock)
    ins = hero.insights.overview("quarter")
    shown = [r.minutes for r in ins.rows if r.minutes is not None]
    for size in range(len(shown) + 1):
        for combo in itertools.combinations(shown, size):
            assert ins.total.minutes - sum(combo) != 37


def test_group_size_is_an_org_setting_never_below_three(hero, store, clock):
    _build_company(store, clock)
    with pytest.raises(ValidationError):
        hero.org.set("min_group_size", 2)
    hero.org.set("min_group_size", 7)
    ins = hero.insights.overview("quarter")
    assert ins.min_group == 7
    assert {r.name: r.minutes for r in ins.rows}["Ledarskap"] is None, "6 learners < 7"
    hero.org.set("min_group_size", 3)
    ins = hero.insights.overview("quarter")
    minutes = {r.name: r.minutes for r in ins.rows}
    assert minutes["Rekrytering"] == 770 and minutes["Arbetsrätt"] is None
    assert minutes["Ledarskap"] is None, "2 < 3 still needs a complement: the smaller area goes with it"


def test_trend_folds_weeks_until_enough_colleagues(hero, store, clock):
    ids = people(store, 6)
    area = area_id(store, "Ledarskap")
    period = parse_period("12w", today(clock))
    # Five colleagues in the first week, one alone (41 min) in the third, five in the last.
    for person in ids[:5]:
        session(store, person, [area], 20, local_moment(period.buckets[0]))
        session(store, person, [area], 30, local_moment(period.buckets[-1]))
    session(store, ids[5], [area], 41, local_moment(period.buckets[2]))
    row = {r.name: r for r in hero.insights.overview("12w").rows}["Ledarskap"]
    assert row.minutes == 5 * 20 + 5 * 30 + 41
    assert sum(bar.weeks for bar in row.trend) == 12
    assert sum(bar.minutes for bar in row.trend) == row.minutes
    assert all(bar.minutes != 41 for bar in row.trend), "the lone week is folded into a bar of five or more"
    # The lone week joins the five of the first week, or (when no atom edge lies between) the five
    # of the last (bars never cross the first day of this quarter: see the cross-period test).
    assert trend_per_week(row.trend)[0] in (100, round((100 + 41) / row.trend[0].weeks))
    assert len(trend_per_week(row.trend)) == 12


# -- figures, gaps and priorities --------------------------------------------------------------------

def test_figures_per_area_on_both_backends(hero, store, clock):
    ids = people(store, 6)
    a, b = area_id(store, "Ledarskap"), area_id(store, "AI i HR")
    first = parse_period("quarter", today(clock)).first_day
    before = local_moment(first - timedelta(days=1), hour=23)  # the evening before: the previous quarter
    for person in ids:
        session(store, person, [a, b], 45, local_moment(first))
        session(store, person, [a], 999, before)
        share(store, person, [a], local_moment(first), useful_by=[p for p in ids if p != person])
    breakfast(store, ids[0], a, local_moment(first, hour=8), ids[1:])
    breakfast(store, ids[0], a, clock.now() + timedelta(days=30), ids[1:])  # not held yet
    ins = hero.insights.overview("quarter")
    rows = {r.name: r for r in ins.rows}
    lead = rows["Ledarskap"]
    assert (lead.minutes, lead.sessions, lead.learners) == (270, 6, 6)
    assert (lead.shares, lead.useful) == (6, 30)
    assert (lead.breakfasts, lead.attendance) == (1 if local_moment(first, 8) < clock.now() else 0,
                                                  5 if local_moment(first, 8) < clock.now() else 0)
    assert rows["AI i HR"].minutes == 270, "a session in two areas counts in both"
    assert rows["Rekrytering"].minutes == 0 and rows["Rekrytering"].learners == 0
    assert ins.learners == 6 and ins.colleagues >= 7


def test_admin_sets_priority_and_target_and_the_gap_reads_plainly(hero_for, store, clock):
    from herotui import i18n

    anna, erik = hero_for("anna"), hero_for("erik")
    with pytest.raises(NotAllowed):
        erik.areas.set_priority("Arbetsrätt", "high")
    with pytest.raises(ValidationError):
        anna.areas.set_priority("Arbetsrätt", "urgent")
    with pytest.raises(ValidationError):
        anna.areas.set_target("Arbetsrätt", "lots")
    info = anna.areas.set_priority("arbetsrätt", "hög")
    assert info.priority == "high"
    assert anna.areas.set_target("Arbetsrätt", "600").target_minutes == 600
    assert anna.areas.set_target("Ledarskap", "none").target_minutes is None
    ins = anna.insights.overview("quarter")
    first = ins.rows[0]
    assert first.name == "Arbetsrätt" and first.is_gap
    assert set(first.gap.reasons) >= {"little_activity", "no_breakfast"}
    i18n.set_language("sv")
    try:
        from herotui.services.insights.text import gap_sentence

        sentence = gap_sentence(first, ins)
        assert sentence.startswith("Arbetsrätt: hög prioritet, ") and "ingen frukost på ett år" in sentence
        assert "det här kvartalet" in sentence
    finally:
        i18n.set_language("en")
    assert "no breakfast in a year" in gap_sentence(first, ins)
    assert [r.name for r in sort_rows(ins.rows, "name")][:2] == sorted(
        (r.name for r in ins.rows), key=str.casefold)[:2]


def test_breakfast_ideas_take_the_gaps_into_account(hero_for, store, clock):
    anna = hero_for("anna")
    anna.areas.set_priority("Arbetsmiljö", "high")
    ideas = anna.breakfast.overview().ideas
    assert ideas and ideas[0].area == "Arbetsmiljö" and ideas[0].priority == "high" and ideas[0].shares == 0


def _row(name: str, minutes: int = 0):
    from herotui.services.insights.types import AreaInsight

    return AreaInsight(area_id=len(name), name=name, priority="normal", target_minutes=None, retired=False,
                       minutes=minutes, sessions=0, learners=0, shares=0, useful=0, breakfasts=0, attendance=0,
                       last_breakfast=None, trend=(), expected_minutes=None, gap=None)


@pytest.mark.parametrize("language, expected", [
    ("sv", ["abc", "Arbetsrätt", "Éclair", "Zebra", "Återkoppling", "Ärlighet", "Öppenhet"]),
    ("en", ["abc", "Arbetsrätt", "Ärlighet", "Återkoppling", "Éclair", "Öppenhet", "Zebra"]),
])
def test_rows_by_name_and_ties_follow_the_languages_alphabet(language, expected):
    """Issue 19: Swedish order (A-Z, then Å, Ä, Ö) in Swedish, English order in English, also where
    equal figures tie; casefold alone puts Ä before Å and É after Z."""
    from herotui import i18n

    rows = [_row(name) for name in ("Öppenhet", "Zebra", "Ärlighet", "Éclair", "abc", "Återkoppling", "Arbetsrätt")]
    i18n.set_language(language)
    try:
        assert [r.name for r in sort_rows(rows, "name")] == expected
        assert [r.name for r in sort_rows(rows, "minutes")] == expected, "equal minutes: by name"
        assert [r.name for r in sort_rows(rows, "gap")] == expected, "no gaps, equal minutes: by name"
    finally:
        i18n.set_language("en")


def test_breakfast_ideas_put_an_area_below_its_target_first(hero_for, store, clock):
    """A normal-priority area whose learning this quarter is below its target is an insights gap,
    so it leads the breakfast screen's topic ideas (and the CLI's), even with no shares lately;
    an area at its target is not lifted."""
    anna = hero_for("anna")
    ids = people(store, 2)
    ledarskap = area_id(store, "Ledarskap")
    first = parse_period("quarter", today(clock)).first_day
    share(store, ids[0], [ledarskap], clock.now() - timedelta(hours=2))
    share(store, ids[1], [ledarskap], clock.now() - timedelta(hours=1))
    assert [i.area for i in anna.breakfast.overview().ideas] == ["Ledarskap"]
    anna.areas.set_target("Rekrytering", "6000")  # far above what was learned: a gap
    anna.areas.set_target("Ledarskap", "1")
    session(store, ids[0], [ledarskap], 30, local_moment(first))  # at its (tiny) target
    assert anna.insights.below_target() == {"Rekrytering"}
    ideas = anna.breakfast.overview().ideas
    assert [i.area for i in ideas] == ["Rekrytering", "Ledarskap"]
    assert ideas[0].below_target and ideas[0].shares == 0 and not ideas[1].below_target
    gap_row = next(r for r in anna.insights.overview("quarter").rows if r.name == "Rekrytering")
    assert gap_row.gap and "below_target" in gap_row.gap.reasons, "the same rule as the insights screen"


def _lately(clock):
    """A moment shortly before now, on today's local date (so inside every period open today)."""
    return max(clock.now() - timedelta(minutes=90), local_moment(today(clock), hour=0))


def _nested_periods(day: date):
    """Two periods available today, `outer` containing `inner` and more: (outer, inner, a day in
    outer only). The last 12 weeks and this quarter start on different days (or this year and this
    quarter do), so one of them always contains the other and more."""
    quarter, weeks = parse_period("quarter", day), parse_period("12w", day)
    if weeks.first_day < quarter.first_day:
        return "12w", "quarter", weeks.first_day
    if quarter.first_day < weeks.first_day:
        return "quarter", "12w", quarter.first_day
    if quarter.first_day > date(day.year, 1, 1):
        return "year", "quarter", date(day.year, 1, 1)
    pytest.skip("this quarter and the last 12 weeks both begin on 1 January, a Monday")


def test_one_colleague_cannot_be_read_by_subtracting_one_period_from_another(hero, store, clock):
    """Issue 18: 'not by subtracting one shown figure from another' holds across periods too. One
    colleague learned 77 minutes in Arbetsrätt on a day that only the outer period covers; five
    learned in both. Outer minus inner must not give the 77 minutes (nor in the totals)."""
    outer, inner, lone_day = _nested_periods(today(clock))
    ids = people(store, 6)
    arbetsratt = area_id(store, "Arbetsrätt")
    session(store, ids[0], [arbetsratt], 77, local_moment(lone_day, hour=9))
    for person in ids[1:]:
        session(store, person, [arbetsratt], 30, _lately(clock))
    big = {r.name: r for r in hero.insights.overview(outer).rows}
    small = {r.name: r for r in hero.insights.overview(inner).rows}
    shown = {key: rows["Arbetsrätt"].minutes for key, rows in ((outer, big), (inner, small))}
    assert None in shown.values(), f"{outer} minus {inner} would be the lone colleague's 77 minutes"
    # The calendar period keeps its figure; the last 12 weeks yield (they begin inside a quarter).
    calendar = outer if outer != "12w" else inner
    assert shown[calendar] == (150 if calendar == inner else 227)
    outer_total = hero.insights.overview(outer).total.minutes
    inner_total = hero.insights.overview(inner).total.minutes
    assert outer_total is None or inner_total is None or outer_total - inner_total != 77
    outer_other = hero.insights.overview(outer).other.minutes
    assert outer_other is None or outer_other - 150 != 77
    for bar in big["Arbetsrätt"].trend:
        assert bar.minutes != 77


def test_trend_bars_of_two_periods_agree_on_the_days_both_cover(hero, store, clock):
    """Bars never cross the first day of another period (an atom's edge), so the inner period's
    bars are exactly the outer period's bars on the days they share: no bar of one minus bars of
    the other isolates a lone colleague's week."""
    outer, inner, lone_day = _nested_periods(today(clock))
    ids = people(store, 12)
    ledarskap = area_id(store, "Ledarskap")
    inner_period = parse_period(inner, today(clock))
    for person in ids[:6]:
        session(store, person, [ledarskap], 20, local_moment(lone_day, hour=9))
    session(store, ids[6], [ledarskap], 41, local_moment(inner_period.first_day, hour=9))  # alone, inner's first day
    for person in ids[7:]:
        session(store, person, [ledarskap], 30, _lately(clock))
    big = {r.name: r for r in hero.insights.overview(outer).rows}["Ledarskap"]
    small = {r.name: r for r in hero.insights.overview(inner).rows}["Ledarskap"]
    assert big.minutes == 6 * 20 + 41 + 5 * 30 and small.minutes == 41 + 5 * 30
    shared = [(bar.first_day, bar.minutes) for bar in big.trend if bar.first_day >= inner_period.first_day]
    assert shared == [(bar.first_day, bar.minutes) for bar in small.trend]
    assert all(bar.minutes != 41 for bar in big.trend + small.trend)
    assert sum(bar.weeks for bar in big.trend) == len(parse_period(outer, today(clock)).buckets)


def _periods_open_today(day: date) -> list[str]:
    """Every period one can ask for on `day` that shares days with this year or the last 12 weeks."""
    keys = ["quarter", "12w", "year"]
    first = min(parse_period("12w", day).first_day, date(day.year, 1, 1))
    start = date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    while start <= day:
        keys.append(f"{start.year}-Q{(start.month - 1) // 3 + 1}")
        start = date(start.year + 1, 1, 1) if start.month == 10 else date(start.year, start.month + 3, 1)
    return keys


def test_no_sum_or_difference_of_figures_from_any_periods_gives_a_lone_colleague(hero, store, clock):
    """Lone colleagues (77 and 13 minutes) on days where periods begin, five on the other such days:
    no figure, nor the difference of two, nor one minus two others, over every period one can ask
    for today (area rows, the folded row and the total), is a lone colleague's minutes. The five's
    figures are multiples of 50 with distinct sums, and no combination of up to three 77s and 13s is
    77 or 13 modulo 50 other than the lone value itself, so only a true leak can give 77 or 13."""
    day = today(clock)
    ids = people(store, 8)
    ledarskap = area_id(store, "Ledarskap")
    rekrytering = area_id(store, "Rekrytering")
    firsts = sorted({parse_period(key, day).first_day for key in _periods_open_today(day)})
    assert len(firsts) >= 2
    lone = {firsts[1]: (ids[0], 77)}
    if len(firsts) >= 4:
        lone[firsts[-2]] = (ids[1], 13)
    for index, first in enumerate(firsts):
        if first in lone:
            person, minutes = lone[first]
            session(store, person, [ledarskap], minutes, local_moment(first, hour=9))
            continue
        for person in ids[2:7]:  # 160, 320, 640 ... minutes: no two blocks' sums coincide
            session(store, person, [ledarskap], 10 * 2 ** (index + 4), local_moment(first, hour=9))
    for person in ids[2:7]:
        session(store, person, [ledarskap], 30, _lately(clock))
        session(store, person, [rekrytering], 1000, _lately(clock))
    figures: set[int] = set()
    for key in _periods_open_today(day):
        ins = hero.insights.overview(key)
        figures |= {r.minutes for r in ins.rows if r.minutes is not None}
        figures |= {v for v in (ins.other.minutes, ins.total.minutes) if v is not None}
    figures.discard(0)
    for _, minutes in lone.values():
        assert minutes not in figures
        for a, b in itertools.permutations(figures, 2):
            assert a - b != minutes, (a, b)
        for a, b, c in itertools.permutations(figures, 3):
            assert a - b - c != minutes, (a, b, c)
