"""Hypothesis strategies for :mod:`hdnd.periods`.

Each strategy draws valid periods of one kind; :func:`periods` draws any kind. Years
default to the whole supported range; ``cutoff_days`` (a strategy of days or None)
chooses the cut-off day, calendar periods when left out. :func:`period_texts` writes a
given period the ways reports do.

>>> from hypothesis import find
>>> q = find(quarters(cutoff_days=cutoff_days()), lambda q: q.cutoff_day is not None)
>>> q.cutoff_day, q.quarter
(1, 1)
>>> find(periods(min_year=2023, max_year=2023), lambda p: p.days > 366)
Term(first_year=2023, cutoff_day=None)
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from hdnd.periods import (
    MAX_YEAR,
    MIN_YEAR,
    DateRange,
    HalfYear,
    Month,
    NineMonths,
    Period,
    Quarter,
    Term,
    Year,
)

__all__ = [
    "cutoff_days",
    "date_ranges",
    "half_years",
    "months",
    "nine_months",
    "period_texts",
    "periods",
    "quarters",
    "terms",
    "years",
]

_P = TypeVar("_P", bound=Period)


def cutoff_days() -> SearchStrategy[int | None]:
    """A cut-off day (1–28) or None for calendar periods.

    >>> from hypothesis import find
    >>> find(cutoff_days(), lambda day: day is not None and day > 10)
    11
    """
    return st.none() | st.integers(1, 28)


def _calendar(
    kind: type[_P],
    min_year: int,
    max_year: int,
    cutoff_days: SearchStrategy[int | None] | None,
    **parts: SearchStrategy[Any],
) -> SearchStrategy[_P]:
    """``kind`` built from a year in range, a cut-off day and the kind's other parts."""
    year = "first_year" if kind is Term else "year"
    return st.builds(
        kind,
        cutoff_day=st.none() if cutoff_days is None else cutoff_days,
        **{year: st.integers(min_year, max_year)},
        **parts,
    )


def months(
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
    cutoff_days: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Month]:
    """Months (tháng).

    >>> from hypothesis import find
    >>> find(months(min_year=2023, max_year=2025), lambda m: m.days == 29)
    Month(year=2024, month=2, cutoff_day=None)
    """
    return _calendar(Month, min_year, max_year, cutoff_days, month=st.integers(1, 12))


def quarters(
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
    cutoff_days: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Quarter]:
    """Quarters (quý).

    >>> from hypothesis import find
    >>> find(quarters(min_year=2023, cutoff_days=st.just(14)), lambda q: q.quarter == 2).start
    datetime.date(2023, 3, 15)
    """
    return _calendar(Quarter, min_year, max_year, cutoff_days, quarter=st.integers(1, 4))


def half_years(
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
    cutoff_days: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[HalfYear]:
    """Half years (6 tháng đầu năm, 6 tháng cuối năm).

    >>> from hypothesis import find
    >>> str(find(half_years(min_year=2023), lambda h: h.half == 2))
    '6 tháng cuối năm 2023'
    """
    return _calendar(HalfYear, min_year, max_year, cutoff_days, half=st.integers(1, 2))


def nine_months(
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
    cutoff_days: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[NineMonths]:
    """Nine-month periods (9 tháng năm).

    >>> from hypothesis import find
    >>> find(nine_months(min_year=2023), lambda n: True).format("en")
    '9M 2023'
    """
    return _calendar(NineMonths, min_year, max_year, cutoff_days)


def years(
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
    cutoff_days: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Year]:
    """Years (năm).

    >>> from hypothesis import find
    >>> find(years(min_year=2023, max_year=2025), lambda y: y.days == 366)
    Year(year=2024, cutoff_day=None)
    """
    return _calendar(Year, min_year, max_year, cutoff_days)


def terms(
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
    cutoff_days: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Term]:
    """Terms (nhiệm kỳ) whose first year lies in ``min_year..max_year``.

    >>> from hypothesis import find
    >>> str(find(terms(min_year=2016), lambda t: t.first_year % 5 == 1))
    'nhiệm kỳ 2016–2021'
    """
    return _calendar(Term, min_year, max_year, cutoff_days)


@st.composite
def date_ranges(
    draw: DrawFn,
    *,
    min_value: date = date(MIN_YEAR, 1, 1),
    max_value: date = date(MAX_YEAR, 12, 31),
    max_days: int = 5 * 366,
) -> DateRange:
    """Date ranges inside ``min_value..max_value``, at most ``max_days`` days long.

    >>> from hypothesis import find
    >>> find(date_ranges(min_value=date(2024, 2, 1)), lambda r: r.days > 1)
    DateRange(start=datetime.date(2024, 2, 1), end=datetime.date(2024, 2, 2))
    """
    start = draw(st.dates(min_value, max_value))
    length = draw(st.integers(0, min(max_days - 1, (max_value - start).days)))
    return DateRange(start=start, end=start + timedelta(days=length))


def periods(
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
    cutoff_days: SearchStrategy[int | None] | None = None,
) -> SearchStrategy[Period]:
    """Periods of every kind: months, quarters, halves, nine months, years, terms, ranges.

    Date ranges lie inside ``min_year..max_year`` and take no cut-off day.

    >>> from hypothesis import find
    >>> str(find(periods(min_year=2023), lambda p: isinstance(p, HalfYear)))
    '6 tháng đầu năm 2023'
    """
    kinds = (months, quarters, half_years, nine_months, years, terms)
    return st.one_of(
        *(kind(min_year=min_year, max_year=max_year, cutoff_days=cutoff_days) for kind in kinds),
        date_ranges(min_value=date(min_year, 1, 1), max_value=date(max_year, 12, 31)),
    )


@st.composite
def period_texts(draw: DrawFn, period: Period) -> str:
    """Ways reports write ``period``, all read back as it by :func:`~hdnd.periods.parse_period`.

    Drawn: every written form of the period's kind (Vietnamese and English), in any
    case, surrounded by whitespace, NFC or NFD. The cut-off day is not written: parse
    with ``cutoff_day=period.cutoff_day``.

    >>> from hypothesis import find
    >>> find(period_texts(Quarter(year=2023, quarter=2)), lambda t: "năm" in t)
    'quý II năm 2023'
    """
    text = draw(st.sampled_from(_written_forms(period)))
    text = draw(st.sampled_from((text, text.upper(), text.lower())))
    space = draw(st.sampled_from(("", " ", "\n")))
    text = f"{space}{text}{space}"
    return unicodedata.normalize("NFD", text) if draw(st.booleans()) else text


def _written_forms(period: Period) -> tuple[str, ...]:
    """The canonical forms of ``period`` and the other ways of writing it."""
    vi, en = period.format("vi"), period.format("en")
    match period:
        case Quarter(year=year, quarter=quarter):
            slashed = (vi.replace("/", "."), vi.replace("/", " năm "), vi.replace("/", " /"))
            return (
                vi,
                *slashed,
                f"quý {quarter}/{year}",
                en,
                f"Q{quarter}/{year}",
                f"{year}-Q{quarter}",
            )
        case Month(year=year, month=month):
            return (vi, f"tháng {month:02d}/{year}", f"tháng {month} năm {year}", en)
        case HalfYear(year=year, half=half):
            first_half = (f"6 tháng năm {year}",) if half == 1 else ()
            return (vi, *first_half, en, f"{year}-H{half}")
        case NineMonths(year=year):
            return (vi, f"9 tháng đầu năm {year}", en)
        case Year():
            return (vi, en)
        case Term(first_year=first, last_year=last):
            return (vi, f"nhiệm kỳ {first}-{last}", en, f"{first}-{last}")
        case DateRange(start=start, end=end):
            dotted = (
                f"từ {start.day}/{start.month}/{start.year} đến {end.day}.{end.month}.{end.year}"
            )
            return (vi, en, dotted)
    raise InvalidArgument(f"no written forms for {type(period).__name__}")
