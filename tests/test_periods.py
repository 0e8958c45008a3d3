"""Reporting periods: accepted forms, refusals, cut-off days, and calendar properties."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hdnd.periods
from hdnd.errors import HdndError
from hdnd.periods import (
    DateRange,
    HalfYear,
    InvalidPeriod,
    Month,
    NineMonths,
    Period,
    Quarter,
    Term,
    Year,
    parse_period,
)
from hdnd.testing.periods import (
    cutoff_days,
    date_ranges,
    half_years,
    months,
    period_texts,
    periods,
    quarters,
    terms,
    years,
)

# Years whose neighbours (previous, last year) are still in the supported range.
INNER = {"min_year": hdnd.periods.MIN_YEAR + 5, "max_year": hdnd.periods.MAX_YEAR - 5}


def d(text: str) -> date:
    return date.fromisoformat(text)


# --------------------------------------------------------------------------- parsing


def test_issue_acceptance_example() -> None:
    q = parse_period("Quý II.2023")
    assert (q.start, q.end) == (d("2023-04-01"), d("2023-06-30"))
    assert q.format() == "quý II/2023"
    assert q.same_period_last_year().format() == "quý II/2022"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quý I/2023", Quarter(year=2023, quarter=1)),
        ("Quý II.2023", Quarter(year=2023, quarter=2)),
        ("quý II năm 2023", Quarter(year=2023, quarter=2)),
        ("quý I /2023", Quarter(year=2023, quarter=1)),
        ("QUÝ IV/2023", Quarter(year=2023, quarter=4)),
        ("quý 3/2023", Quarter(year=2023, quarter=3)),
        ("Q1/2023", Quarter(year=2023, quarter=1)),
        ("Q1 2023", Quarter(year=2023, quarter=1)),
        ("q4 2023", Quarter(year=2023, quarter=4)),
        ("2023-Q1", Quarter(year=2023, quarter=1)),
        ("tháng 3/2023", Month(year=2023, month=3)),
        ("Tháng 03/2023", Month(year=2023, month=3)),
        ("tháng 12 năm 2022", Month(year=2022, month=12)),
        ("March 2023", Month(year=2023, month=3)),
        ("december 2022", Month(year=2022, month=12)),
        ("6 tháng đầu năm 2023", HalfYear(year=2023, half=1)),
        ("6 tháng cuối năm 2023", HalfYear(year=2023, half=2)),
        ("6 tháng năm 2023", HalfYear(year=2023, half=1)),
        ("H1 2023", HalfYear(year=2023, half=1)),
        ("2023-H2", HalfYear(year=2023, half=2)),
        ("9 tháng năm 2023", NineMonths(year=2023)),
        ("9 tháng đầu năm 2023", NineMonths(year=2023)),
        ("9M 2023", NineMonths(year=2023)),
        ("năm 2023", Year(year=2023)),
        ("Năm 2023", Year(year=2023)),
        ("2023", Year(year=2023)),
        ("nhiệm kỳ 2021-2026", Term(first_year=2021)),
        ("nhiệm kỳ 2021–2026", Term(first_year=2021)),
        ("Nhiệm kỳ 2016 - 2021", Term(first_year=2016)),
        ("term 2021–2026", Term(first_year=2021)),
        ("2021-2026", Term(first_year=2021)),
        ("2023-01-01/2023-03-31", DateRange(start=d("2023-01-01"), end=d("2023-03-31"))),
        (
            "từ ngày 15/12/2022 đến ngày 14/3/2023",
            DateRange(start=d("2022-12-15"), end=d("2023-03-14")),
        ),
        ("  quý I/2023\n", Quarter(year=2023, quarter=1)),
        (unicodedata.normalize("NFD", "Quý II năm 2023"), Quarter(year=2023, quarter=2)),
        (unicodedata.normalize("NFD", "6 tháng cuối năm 2023"), HalfYear(year=2023, half=2)),
    ],
)
def test_parse_period_accepts(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("quý V/2023", "quarter must be I–IV (1–4), got 'V' in 'quý V/2023'"),
        ("Q0 2023", "quarter must be I–IV (1–4), got '0' in 'Q0 2023'"),
        ("2023-Q5", "quarter must be I–IV (1–4), got '5' in '2023-Q5'"),
        ("tháng 13/2023", "month must be 1–12, got '13' in 'tháng 13/2023'"),
        ("tháng 0/2023", "month must be 1–12, got '0' in 'tháng 0/2023'"),
        ("H3 2023", "half must be 1–2 (H1, H2), got '3' in 'H3 2023'"),
        ("nhiệm kỳ 2021-2025", "a term lasts 5 years"),
        ("năm 1800", "year must be 1945–2100, got 1800 in 'năm 1800'"),
        ("2023-03-01/2023-02-01", "start must not be after end"),
        ("2023-02-29/2023-03-31", "day must be 1–28 in 02/2023, got 29"),
        ("", "expected a period such as 'quý I/2023'"),
        ("hello", "expected a period such as 'quý I/2023'"),
        ("quý/2023", "got 'quý/2023'"),
    ],
)
def test_parse_period_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidPeriod) as caught:
        parse_period(text)
    assert message in str(caught.value)
    assert repr(text) in str(caught.value)


def test_invalid_period_is_an_hdnd_value_error() -> None:
    assert issubclass(InvalidPeriod, HdndError)
    assert issubclass(InvalidPeriod, ValueError)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Quarter(year=2023, quarter=0), "quarter must be 1–4, got 0"),
        (lambda: Month(year=2023, month=13), "month must be 1–12, got 13"),
        (lambda: HalfYear(year=2023, half=3), "half must be 1–2, got 3"),
        (lambda: Year(year=1944), "year must be 1945–2100, got 1944"),
        (lambda: Term(first_year=2101), "first_year must be 1945–2100, got 2101"),
        (lambda: Quarter(year=2023, quarter=1, cutoff_day=0), "cutoff_day must be 1–28, got 0"),
        (lambda: Year(year=2023, cutoff_day=29), "cutoff_day must be 1–28, got 29"),
        (lambda: DateRange(start=d("2023-02-01"), end=d("2023-01-31")), "start must not be after"),
        (lambda: DateRange(start=d("1900-01-01"), end=d("2023-01-31")), "start must lie in"),
    ],
)
def test_constructors_refuse_bad_values(build: Callable[[], Period], message: str) -> None:
    with pytest.raises(InvalidPeriod, match=message):
        build()


# --------------------------------------------------------------------------- formatting


@pytest.mark.parametrize(
    ("period", "vi", "en"),
    [
        (Month(year=2023, month=3), "tháng 3/2023", "March 2023"),
        (Quarter(year=2023, quarter=1), "quý I/2023", "Q1 2023"),
        (Quarter(year=2023, quarter=4), "quý IV/2023", "Q4 2023"),
        (HalfYear(year=2023, half=1), "6 tháng đầu năm 2023", "H1 2023"),
        (HalfYear(year=2023, half=2), "6 tháng cuối năm 2023", "H2 2023"),
        (NineMonths(year=2023), "9 tháng năm 2023", "9M 2023"),
        (Year(year=2023), "năm 2023", "2023"),
        (Term(first_year=2021), "nhiệm kỳ 2021–2026", "term 2021–2026"),
        (
            DateRange(start=d("2023-01-01"), end=d("2023-03-31")),
            "từ ngày 01/01/2023 đến ngày 31/03/2023",
            "2023-01-01/2023-03-31",
        ),
    ],
)
def test_format(period: Period, vi: str, en: str) -> None:
    assert period.format() == vi
    assert period.format("vi") == vi
    assert str(period) == vi
    assert period.format("en") == en


def test_format_refuses_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="lang must be 'vi' or 'en'"):
        Year(year=2023).format("fr")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- spans


@pytest.mark.parametrize(
    ("period", "start", "end", "days"),
    [
        (Month(year=2024, month=2), "2024-02-01", "2024-02-29", 29),
        (Quarter(year=2023, quarter=1), "2023-01-01", "2023-03-31", 90),
        (Quarter(year=2024, quarter=1), "2024-01-01", "2024-03-31", 91),
        (HalfYear(year=2023, half=2), "2023-07-01", "2023-12-31", 184),
        (NineMonths(year=2023), "2023-01-01", "2023-09-30", 273),
        (Year(year=2024), "2024-01-01", "2024-12-31", 366),
        # A term: from its election day to the day before the next one (ELECTION_DAYS).
        (Term(first_year=2021), "2021-05-23", "2026-03-14", 1757),
        (Term(first_year=2016), "2016-05-22", "2021-05-22", 1827),
        # 2031's election day is not known: the 2026 term ends with 2030.
        (Term(first_year=2026), "2026-03-15", "2030-12-31", 1753),
        (Term(first_year=2031), "2031-01-01", "2035-12-31", 1826),
        (Term(first_year=2006), "2006-01-01", "2011-05-21", 1967),
        # Cut-off on the 14th: from the 15th of the month before to the 14th.
        (Month(year=2023, month=3, cutoff_day=14), "2023-02-15", "2023-03-14", 28),
        (Quarter(year=2023, quarter=1, cutoff_day=14), "2022-12-15", "2023-03-14", 90),
        (Quarter(year=2023, quarter=2, cutoff_day=14), "2023-03-15", "2023-06-14", 92),
        (HalfYear(year=2023, half=1, cutoff_day=14), "2022-12-15", "2023-06-14", 182),
        (NineMonths(year=2023, cutoff_day=14), "2022-12-15", "2023-09-14", 274),
        (Year(year=2023, cutoff_day=14), "2022-12-15", "2023-12-14", 365),
        # A cut-off day does not move an election day; an unknown one starts as its year.
        (Term(first_year=2021, cutoff_day=14), "2021-05-23", "2026-03-14", 1757),
        (Term(first_year=2031, cutoff_day=14), "2030-12-15", "2035-12-14", 1826),
        # Cut-off on the 28th: March starts on 29 February in a leap year only.
        (Month(year=2024, month=3, cutoff_day=28), "2024-02-29", "2024-03-28", 29),
        (Month(year=2023, month=3, cutoff_day=28), "2023-03-01", "2023-03-28", 28),
    ],
)
def test_start_end_days(period: Period, start: str, end: str, days: int) -> None:
    assert (period.start, period.end, period.days) == (d(start), d(end), days)


def test_parse_with_cutoff_day() -> None:
    q = parse_period("quý I/2023", cutoff_day=14)
    assert q == Quarter(year=2023, quarter=1, cutoff_day=14)
    assert q.previous() == Quarter(year=2022, quarter=4, cutoff_day=14)
    assert (q.previous().start, q.previous().end) == (d("2022-09-15"), d("2022-12-14"))
    last_year = q.same_period_last_year()
    assert (last_year.start, last_year.end) == (d("2021-12-15"), d("2022-03-14"))
    # Explicit dates are not moved by a cut-off day.
    r = parse_period("2023-01-01/2023-03-31", cutoff_day=14)
    assert (r.start, r.end, r.cutoff_day) == (d("2023-01-01"), d("2023-03-31"), None)


@pytest.mark.parametrize(
    ("day", "cutoff", "expected"),
    [
        ("2023-03-14", 14, Quarter(year=2023, quarter=1, cutoff_day=14)),
        ("2023-03-15", 14, Quarter(year=2023, quarter=2, cutoff_day=14)),
        ("2022-12-15", 14, Quarter(year=2023, quarter=1, cutoff_day=14)),
        ("2022-12-14", 14, Quarter(year=2022, quarter=4, cutoff_day=14)),
        ("2023-03-31", None, Quarter(year=2023, quarter=1)),
        ("2023-04-01", None, Quarter(year=2023, quarter=2)),
    ],
)
def test_quarter_containing(day: str, cutoff: int | None, expected: Quarter) -> None:
    assert Quarter.containing(d(day), cutoff_day=cutoff) == expected


def test_contains() -> None:
    q = Quarter(year=2023, quarter=1)
    assert q.contains(d("2023-01-01"))
    assert q.contains(d("2023-03-31"))
    assert not q.contains(d("2022-12-31"))
    assert d("2023-02-14") in q
    assert d("2023-04-01") not in q
    assert datetime(2023, 3, 31, 23, 59) in q
    assert "2023-02-14" not in q


def test_months_and_quarters_inside() -> None:
    assert Year(year=2023).quarters() == tuple(Quarter(year=2023, quarter=n) for n in (1, 2, 3, 4))
    assert HalfYear(year=2023, half=1).months() == tuple(
        Month(year=2023, month=n) for n in range(1, 7)
    )
    assert Quarter(year=2023, quarter=1, cutoff_day=14).months() == (
        Month(year=2023, month=1, cutoff_day=14),
        Month(year=2023, month=2, cutoff_day=14),
        Month(year=2023, month=3, cutoff_day=14),
    )
    # From 23/5/2021 to 14/3/2026: Q3/2021 to Q4/2025, June 2021 to February 2026.
    assert len(Term(first_year=2021).quarters()) == 2 + 4 * 4
    assert len(Term(first_year=2021).months()) == 7 + 4 * 12 + 2
    assert len(Term(first_year=2031).quarters()) == 20
    assert Month(year=2023, month=5).quarters() == ()
    # A range holds the whole calendar months and quarters inside it, no partial ones.
    r = DateRange(start=d("2023-02-15"), end=d("2023-07-31"))
    assert r.quarters() == (Quarter(year=2023, quarter=2),)
    assert r.months() == tuple(Month(year=2023, month=n) for n in range(3, 8))


# --------------------------------------------------------------------------- previous / last year


@pytest.mark.parametrize(
    ("period", "previous", "last_year"),
    [
        (Month(year=2023, month=1), Month(year=2022, month=12), Month(year=2022, month=1)),
        (
            Quarter(year=2023, quarter=1),
            Quarter(year=2022, quarter=4),
            Quarter(year=2022, quarter=1),
        ),
        (
            Quarter(year=2023, quarter=3),
            Quarter(year=2023, quarter=2),
            Quarter(year=2022, quarter=3),
        ),
        (HalfYear(year=2023, half=1), HalfYear(year=2022, half=2), HalfYear(year=2022, half=1)),
        (NineMonths(year=2023), NineMonths(year=2022), NineMonths(year=2022)),
        (
            Year(year=2023, cutoff_day=14),
            Year(year=2022, cutoff_day=14),
            Year(year=2022, cutoff_day=14),
        ),
        (
            DateRange(start=d("2024-02-01"), end=d("2024-02-29")),
            DateRange(start=d("2024-01-03"), end=d("2024-01-31")),
            DateRange(start=d("2023-02-01"), end=d("2023-02-28")),
        ),
        (
            DateRange(start=d("2024-02-29"), end=d("2024-02-29")),
            DateRange(start=d("2024-02-28"), end=d("2024-02-28")),
            DateRange(start=d("2023-02-28"), end=d("2023-02-28")),
        ),
        (
            DateRange(start=d("2024-02-29"), end=d("2024-03-31")),
            DateRange(start=d("2024-01-28"), end=d("2024-02-28")),
            DateRange(start=d("2023-02-28"), end=d("2023-03-31")),
        ),
    ],
)
def test_previous_and_same_period_last_year(
    period: Period, previous: Period, last_year: Period
) -> None:
    assert period.previous() == previous
    assert period.same_period_last_year() == last_year


def test_february_29_month_last_year_is_the_shorter_february() -> None:
    feb = Month(year=2024, month=2).same_period_last_year()
    assert (feb.start, feb.end, feb.days) == (d("2023-02-01"), d("2023-02-28"), 28)


def test_term_previous_and_no_same_period_last_year() -> None:
    assert Term(first_year=2021).previous() == Term(first_year=2016)
    with pytest.raises(InvalidPeriod, match="use previous"):
        Term(first_year=2021).same_period_last_year()


def test_previous_past_the_supported_years_is_refused() -> None:
    with pytest.raises(InvalidPeriod, match="year must be 1945–2100, got 1944"):
        Quarter(year=1945, quarter=1).previous()


# --------------------------------------------------------------------------- values


def test_periods_are_frozen_hashable_and_slotted() -> None:
    q = Quarter(year=2023, quarter=1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        q.year = 2024  # type: ignore[misc]
    assert len({q, Quarter(year=2023, quarter=1), parse_period("Q1 2023")}) == 1
    assert not hasattr(q, "__dict__")


def test_keyword_only() -> None:
    with pytest.raises(TypeError):
        Quarter(2023, 1)  # type: ignore[call-arg]


def test_order_across_kinds() -> None:
    unsorted = [
        Year(year=2023),
        DateRange(start=d("2023-01-01"), end=d("2023-12-31")),
        Quarter(year=2023, quarter=2),
        Month(year=2023, month=1),
        Quarter(year=2023, quarter=1),
        Term(first_year=2021),
        HalfYear(year=2023, half=1),
    ]
    assert [str(p) for p in sorted(unsorted)] == [
        "nhiệm kỳ 2021–2026",
        "tháng 1/2023",
        "quý I/2023",
        "6 tháng đầu năm 2023",
        "năm 2023",
        "từ ngày 01/01/2023 đến ngày 31/12/2023",
        "quý II/2023",
    ]


# --------------------------------------------------------------------------- properties


@given(periods(cutoff_days=cutoff_days()), st.sampled_from(["vi", "en"]))
def test_parse_reads_back_both_formats(period: Period, lang: str) -> None:
    text = period.format(lang)  # type: ignore[arg-type]
    assert parse_period(text, cutoff_day=period.cutoff_day) == period


@given(periods(cutoff_days=cutoff_days()).flatmap(lambda p: st.tuples(st.just(p), period_texts(p))))
def test_format_of_parse_is_canonical_and_idempotent(pair: tuple[Period, str]) -> None:
    period, text = pair
    parsed = parse_period(text, cutoff_day=period.cutoff_day)
    assert parsed == period
    assert parsed.format() == period.format()
    assert parse_period(parsed.format(), cutoff_day=period.cutoff_day).format() == parsed.format()


@given(st.dates(date(1946, 1, 1), date(2099, 12, 31)), cutoff_days())
def test_every_day_lies_in_exactly_one_month_quarter_and_half(
    day: date, cutoff: int | None
) -> None:
    # After the cut-off in December, a day counts in the next year.
    year = day.year + 1 if cutoff is not None and day.month == 12 and day.day > cutoff else day.year
    kinds: list[list[Month | Quarter | HalfYear]] = [
        [Month(year=year, month=n, cutoff_day=cutoff) for n in range(1, 13)],
        [Quarter(year=year, quarter=n, cutoff_day=cutoff) for n in range(1, 5)],
        [HalfYear(year=year, half=n, cutoff_day=cutoff) for n in (1, 2)],
    ]
    for candidates in kinds:
        holding = [p for p in candidates if day in p]
        assert len(holding) == 1
        assert type(holding[0]).containing(day, cutoff_day=cutoff) == holding[0]
    assert day in Year(year=year, cutoff_day=cutoff)


def assert_partition(whole: Period, parts: tuple[Period, ...], count: int) -> None:
    assert len(parts) == count
    assert parts[0].start == whole.start
    assert parts[-1].end == whole.end
    for before, after in itertools.pairwise(parts):
        assert after.start == before.end + timedelta(days=1)
    assert sum(p.days for p in parts) == whole.days


@given(years(cutoff_days=cutoff_days()))
def test_a_years_quarters_and_months_partition_it(year: Year) -> None:
    assert_partition(year, year.quarters(), 4)
    assert_partition(year, year.months(), 12)


@given(half_years(cutoff_days=cutoff_days()))
def test_a_halfs_quarters_partition_it(half: HalfYear) -> None:
    assert_partition(half, half.quarters(), 2)


def known(year: int) -> bool:
    return year in hdnd.periods.ELECTION_DAYS


@given(
    terms(cutoff_days=cutoff_days(), max_year=2095).filter(
        lambda t: not known(t.first_year) and not known(t.last_year)
    )
)
def test_a_term_between_unknown_election_days_is_its_years(term: Term) -> None:
    # 1 January stands for an unknown election day: the term is its five years.
    years = [Year(year=term.first_year + n, cutoff_day=term.cutoff_day) for n in range(5)]
    assert (term.start, term.end) == (years[0].start, years[-1].end)
    assert_partition(term, term.quarters(), 20)


def test_the_2021_term_ends_when_the_next_is_elected() -> None:
    # The issue: "a council's 2021–2026 term ends when the next one is elected
    # (the 2026–2031 term: 15/3/2026), not on 31/12/2025".
    term = parse_period("nhiệm kỳ 2021-2026")
    assert term == Term(first_year=2021)
    assert (term.start, term.end) == (d("2021-05-23"), d("2026-03-14"))
    assert d("2026-01-15") in term
    assert d("2026-03-15") not in term
    assert d("2026-03-15") in parse_period("nhiệm kỳ 2026-2031")


def test_election_days_are_the_glossarys() -> None:
    # GLOSSARY.md: the 2026–2031 term was elected on 15/3/2026; the others are the
    # national election days of 2011, 2016 and 2021.
    assert dict(hdnd.periods.ELECTION_DAYS) == {
        2011: d("2011-05-22"),
        2016: d("2016-05-22"),
        2021: d("2021-05-23"),
        2026: d("2026-03-15"),
    }


@given(terms(cutoff_days=cutoff_days(), max_year=hdnd.periods.MAX_YEAR - 5))
def test_consecutive_terms_tile_the_calendar(term: Term) -> None:
    following = Term(first_year=term.last_year, cutoff_day=term.cutoff_day)
    assert term.end + timedelta(days=1) == following.start
    assert following.previous() == term


@given(terms(cutoff_days=cutoff_days(), max_year=hdnd.periods.MAX_YEAR - 5))
def test_a_term_holds_its_election_day_and_the_years_between(term: Term) -> None:
    if known(term.first_year):
        assert term.start == hdnd.periods.ELECTION_DAYS[term.first_year]
    if known(term.last_year):
        assert term.end == hdnd.periods.ELECTION_DAYS[term.last_year] - timedelta(days=1)
    inner = [Year(year=term.first_year + n, cutoff_day=term.cutoff_day) for n in range(1, 5)]
    assert term.start < inner[0].start
    assert inner[-1].end <= term.end
    assert term.start.year in (term.first_year - 1, term.first_year)
    assert term.end.year in (term.last_year - 1, term.last_year)


@given(st.dates(date(1960, 1, 1), date(2090, 12, 31)), st.integers(0, 4), cutoff_days())
def test_every_day_lies_in_exactly_one_term_of_a_series(
    day: date, series: int, cutoff: int | None
) -> None:
    # Terms whose first years are five apart (2011, 2016, 2021...) cover each day once.
    candidates = [
        Term(first_year=year, cutoff_day=cutoff)
        for year in range(day.year - 7, day.year + 3)
        if year % 5 == series
    ]
    assert sum(day in term for term in candidates) == 1


@given(
    st.one_of(
        months(**INNER, cutoff_days=cutoff_days()),
        quarters(**INNER, cutoff_days=cutoff_days()),
        half_years(**INNER, cutoff_days=cutoff_days()),
        years(**INNER, cutoff_days=cutoff_days()),
    )
)
def test_previous_ends_the_day_before(period: Month | Quarter | HalfYear | Year) -> None:
    previous = period.previous()
    assert type(previous) is type(period)
    assert previous.end + timedelta(days=1) == period.start
    assert previous.cutoff_day == period.cutoff_day


@given(st.integers(1946, 2100), cutoff_days())
def test_previous_of_q1_is_q4_of_the_year_before(year: int, cutoff: int | None) -> None:
    q1 = Quarter(year=year, quarter=1, cutoff_day=cutoff)
    assert q1.previous() == Quarter(year=year - 1, quarter=4, cutoff_day=cutoff)


@given(periods(cutoff_days=cutoff_days(), **INNER).filter(lambda p: not isinstance(p, Term)))
def test_same_period_last_year_is_a_year_earlier(period: Period) -> None:
    last_year = period.same_period_last_year()
    assert type(last_year) is type(period)
    assert last_year.start.year == period.start.year - 1
    if isinstance(period, DateRange):
        # relativedelta(years=-1): same month and day, 29 February becoming 28 February.
        for before, after in ((period.start, last_year.start), (period.end, last_year.end)):
            assert (after.year, after.month) == (before.year - 1, before.month)
            assert after.day == (28 if (before.month, before.day) == (2, 29) else before.day)
    else:
        assert isinstance(period, Month | Quarter | HalfYear | NineMonths | Year)
        assert last_year == attrs.evolve(period, year=period.year - 1)


@given(date_ranges(min_value=date(1951, 1, 1)))
def test_date_range_previous_has_the_same_length(r: DateRange) -> None:
    assert r.previous().days == r.days
    assert r.previous().end + timedelta(days=1) == r.start


@given(st.lists(periods(cutoff_days=cutoff_days()), min_size=2, max_size=6))
def test_order_follows_start_then_end(items: list[Period]) -> None:
    ordered = sorted(items)
    keys = [(p.start, p.end) for p in ordered]
    assert keys == sorted(keys)
    a, b = items[0], items[1]
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
