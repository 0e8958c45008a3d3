"""Reporting periods: months, quarters, halves, nine months, years, terms and date ranges.

Reports count what happened in a period and compare it with the previous period or
with the same period of the previous year ("so cùng kỳ"). Every period is a frozen,
hashable value with inclusive ``start`` and ``end`` dates; :func:`parse_period` reads
the ways Vietnamese reports write them.

>>> from hdnd.periods import parse_period
>>> q = parse_period("Quý II.2023")
>>> q.start, q.end
(datetime.date(2023, 4, 1), datetime.date(2023, 6, 30))
>>> str(q), q.format(lang="en")
('quý II/2023', 'Q2 2023')
>>> str(q.same_period_last_year()), str(q.previous())
('quý II/2022', 'quý I/2023')

**Cut-off day.** Some offices close their figures on a fixed day of the month, e.g. the
14th. With ``cutoff_day=c`` (1–28) every period made of months — month, quarter, half,
nine months, year — starts on day c + 1 of the month before its first month and
ends on day c of its last month; ``None`` (the default) means calendar months. A
:class:`DateRange` has explicit dates and no cut-off; a :class:`Term` runs from one
election day to the next, which a cut-off does not move (see :class:`Term`).

>>> q = parse_period("quý I/2023", cutoff_day=14)
>>> q.start, q.end
(datetime.date(2022, 12, 15), datetime.date(2023, 3, 14))
>>> str(q)
'quý I/2023'
"""

from __future__ import annotations

import abc
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, ClassVar, Final, Literal, NoReturn, Self, TypeVar

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule

from hdnd.dates import InvalidDate, format_date, parse_date
from hdnd.errors import HdndError
from hdnd.i18n import N_
from hdnd.i18n import gettext as _

__all__ = [
    "ELECTION_DAYS",
    "MAX_YEAR",
    "MIN_YEAR",
    "TERM_YEARS",
    "DateRange",
    "HalfYear",
    "InvalidPeriod",
    "Lang",
    "Month",
    "NineMonths",
    "Period",
    "Quarter",
    "Term",
    "Year",
    "parse_period",
]

Lang = Literal["vi", "en"]
"""The languages :meth:`Period.format` writes."""

MIN_YEAR = 1945
"""The first year a period may fall in: the first People's Councils were elected in 1945–46."""
MAX_YEAR = 2100
"""The last year a period may fall in."""
TERM_YEARS = 5
"""The length of a council's term (nhiệm kỳ), in years."""

_ROMAN = ("I", "II", "III", "IV")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class InvalidPeriod(HdndError, ValueError):
    """Text or values that do not describe a period, or an operation a period lacks.

    The message quotes the input and says what was expected.

    >>> try:
    ...     parse_period("quý V/2023")
    ... except InvalidPeriod as e:
    ...     print(e)
    quarter must be I–IV (1–4), got 'V' in 'quý V/2023'
    """


def _in_range(low: int, high: int) -> Callable[[object, attrs.Attribute[Any], int | None], None]:
    """An attrs validator: the field is None or an int in ``low..high``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None and not low <= value <= high:
            raise InvalidPeriod(
                _("{field} must be {low}–{high}, got {value}").format(
                    field=attribute.name, low=low, high=high, value=value
                )
            )

    return check


_check_year = _in_range(MIN_YEAR, MAX_YEAR)
_check_cutoff_day = _in_range(1, 28)  # every month has a 28th: the cut-off day always exists

_T = TypeVar("_T", bound="_TilingPeriod")


def _month_of(day: date, cutoff_day: int | None) -> date:
    """The first day of the month ``day`` counts in: past the cut-off day, the next month."""
    if cutoff_day is not None and day.day > cutoff_day:
        day += relativedelta(months=1)
    return day.replace(day=1)


@functools.total_ordering
class Period(abc.ABC):
    """A span of whole days with inclusive ``start`` and ``end``: the base of every period.

    Periods of any kind are ordered by start, then end (then kind and cut-off day, so
    that the order is total and agrees with ``==``). ``str()`` is the Vietnamese form.

    >>> periods = [Quarter(year=2023, quarter=2), Year(year=2023), Month(year=2023, month=1)]
    >>> [str(p) for p in sorted(periods)]
    ['tháng 1/2023', 'năm 2023', 'quý II/2023']
    >>> isinstance(parse_period("năm 2023"), Period)
    True
    """

    __slots__ = ()
    _rank: ClassVar[int]  # breaks ties between kinds with the same start and end

    @property
    @abc.abstractmethod
    def start(self) -> date:
        """The first day of the period.

        >>> Quarter(year=2023, quarter=2).start
        datetime.date(2023, 4, 1)
        """

    @property
    @abc.abstractmethod
    def end(self) -> date:
        """The last day of the period (inclusive).

        >>> Quarter(year=2023, quarter=2).end
        datetime.date(2023, 6, 30)
        """

    @property
    def cutoff_day(self) -> int | None:
        """The day of the month figures close on, or None for calendar months.

        >>> Quarter(year=2023, quarter=1, cutoff_day=14).cutoff_day
        14
        >>> DateRange(start=date(2023, 1, 1), end=date(2023, 1, 9)).cutoff_day is None
        True
        """
        return None

    @property
    def days(self) -> int:
        """How many days the period has.

        >>> Quarter(year=2024, quarter=1).days
        91
        """
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """Whether ``day`` lies in the period; ``day in period`` says the same.

        A datetime counts by its date.

        >>> q = Quarter(year=2023, quarter=1)
        >>> q.contains(date(2023, 3, 31)), date(2023, 4, 1) in q
        (True, False)
        """
        if isinstance(day, datetime):
            day = day.date()
        return self.start <= day <= self.end

    def __contains__(self, item: object) -> bool:
        return isinstance(item, date) and self.contains(item)

    @abc.abstractmethod
    def previous(self) -> Period:
        """The period of the same kind just before this one ("so quý trước").

        >>> Quarter(year=2023, quarter=1).previous()
        Quarter(year=2022, quarter=4, cutoff_day=None)
        """

    @abc.abstractmethod
    def same_period_last_year(self) -> Period:
        """The same period one year earlier ("cùng kỳ năm trước").

        >>> HalfYear(year=2023, half=1).same_period_last_year()
        HalfYear(year=2022, half=1, cutoff_day=None)
        """

    def months(self) -> tuple[Month, ...]:
        """The months lying wholly inside the period, in order (with its cut-off day).

        >>> [str(m) for m in Quarter(year=2023, quarter=1).months()]
        ['tháng 1/2023', 'tháng 2/2023', 'tháng 3/2023']
        """
        return self._inside(Month)

    def quarters(self) -> tuple[Quarter, ...]:
        """The quarters lying wholly inside the period, in order (with its cut-off day).

        >>> [str(q) for q in HalfYear(year=2023, half=2).quarters()]
        ['quý III/2023', 'quý IV/2023']
        >>> Month(year=2023, month=1).quarters()
        ()
        """
        return self._inside(Quarter)

    def _inside(self, kind: type[_T]) -> tuple[_T, ...]:
        # Each month the period's days count in names one candidate; keep those inside.
        firsts = rrule(MONTHLY, dtstart=_month_of(self.start, self.cutoff_day), until=self.end)
        candidates = dict.fromkeys(
            kind.containing(first.date(), cutoff_day=self.cutoff_day) for first in firsts
        )
        return tuple(p for p in candidates if self.start <= p.start and p.end <= self.end)

    def format(self, lang: Lang = "vi") -> str:
        """The period as reports write it: Vietnamese (``"vi"``) or English (``"en"``).

        :func:`parse_period` reads both forms back.

        >>> Quarter(year=2023, quarter=1).format(), Quarter(year=2023, quarter=1).format("en")
        ('quý I/2023', 'Q1 2023')
        """
        if lang == "vi":
            return self._format_vi()
        if lang == "en":
            return self._format_en()
        raise ValueError(f"lang must be 'vi' or 'en', got {lang!r}")

    @abc.abstractmethod
    def _format_vi(self) -> str: ...

    @abc.abstractmethod
    def _format_en(self) -> str: ...

    def __str__(self) -> str:
        return self._format_vi()

    def __lt__(self, other: object) -> bool:
        # The kinds are attrs classes with order=False, so this cross-kind order applies.
        if not isinstance(other, Period):
            return NotImplemented
        return self._order_key() < other._order_key()

    def _order_key(self) -> tuple[date, date, int, int]:
        # The cut-off day last: two terms elected on the same day differ only by it.
        return (self.start, self.end, self._rank, self.cutoff_day or 0)


class _CalendarPeriod(Period):
    """A run of whole calendar months, shifted by the cut-off day when there is one."""

    __slots__ = ()
    _length: ClassVar[int]  # in months

    @property
    @abc.abstractmethod
    def _first_month(self) -> date:
        """The first day of the period's first calendar month."""

    @property
    def start(self) -> date:
        if self.cutoff_day is None:
            return self._first_month
        # The day after the previous month's cut-off: 29 February or 1 March for cut-off 28.
        return self._first_month + relativedelta(months=-1, day=self.cutoff_day, days=1)

    @property
    def end(self) -> date:
        # relativedelta's day=31 lands on the month's last day, whatever its length.
        last_month = relativedelta(months=self._length - 1, day=self.cutoff_day or 31)
        return self._first_month + last_month


class _TilingPeriod(_CalendarPeriod):
    """A calendar period whose kind tiles the calendar: month, quarter, half, year."""

    __slots__ = ()

    @classmethod
    def containing(cls, day: date, *, cutoff_day: int | None = None) -> Self:
        """The period of this kind that contains ``day``.

        >>> Quarter.containing(date(2023, 5, 17))
        Quarter(year=2023, quarter=2, cutoff_day=None)
        >>> Quarter.containing(date(2023, 3, 20), cutoff_day=14)
        Quarter(year=2023, quarter=2, cutoff_day=14)
        """
        return cls._of_month(_month_of(day, cutoff_day), cutoff_day)

    @classmethod
    @abc.abstractmethod
    def _of_month(cls, month: date, cutoff_day: int | None) -> Self:
        """The period of this kind that contains the calendar month of ``month``."""

    def previous(self) -> Self:
        return self._of_month(
            self._first_month - relativedelta(months=self._length), self.cutoff_day
        )

    def same_period_last_year(self) -> Self:
        return self._of_month(self._first_month - relativedelta(years=1), self.cutoff_day)


@attrs.frozen(kw_only=True, order=False)
class Month(_TilingPeriod):
    """A month: "tháng 3/2023", in English "March 2023".

    >>> m = Month(year=2023, month=3)
    >>> m.start, m.end, str(m), m.format("en")
    (datetime.date(2023, 3, 1), datetime.date(2023, 3, 31), 'tháng 3/2023', 'March 2023')
    >>> Month(year=2023, month=3, cutoff_day=14).start
    datetime.date(2023, 2, 15)
    """

    _rank: ClassVar[int] = 0
    _length: ClassVar[int] = 1
    year: int = attrs.field(validator=_check_year)
    month: int = attrs.field(validator=_in_range(1, 12))
    cutoff_day: int | None = attrs.field(default=None, validator=_check_cutoff_day)

    @property
    def _first_month(self) -> date:
        return date(self.year, self.month, 1)

    @classmethod
    def _of_month(cls, month: date, cutoff_day: int | None) -> Self:
        return cls(year=month.year, month=month.month, cutoff_day=cutoff_day)

    def _format_vi(self) -> str:
        return f"tháng {self.month}/{self.year}"

    def _format_en(self) -> str:
        return f"{_MONTH_NAMES[self.month - 1]} {self.year}"


@attrs.frozen(kw_only=True, order=False)
class Quarter(_TilingPeriod):
    """A quarter (quý): "quý I/2023", in English "Q1 2023".

    >>> q = Quarter(year=2023, quarter=1)
    >>> q.start, q.end, str(q), q.format("en")
    (datetime.date(2023, 1, 1), datetime.date(2023, 3, 31), 'quý I/2023', 'Q1 2023')
    >>> Quarter(year=2023, quarter=5)
    Traceback (most recent call last):
    ...
    hdnd.periods.InvalidPeriod: quarter must be 1–4, got 5
    """

    _rank: ClassVar[int] = 1
    _length: ClassVar[int] = 3
    year: int = attrs.field(validator=_check_year)
    quarter: int = attrs.field(validator=_in_range(1, 4))
    cutoff_day: int | None = attrs.field(default=None, validator=_check_cutoff_day)

    @property
    def _first_month(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @classmethod
    def _of_month(cls, month: date, cutoff_day: int | None) -> Self:
        return cls(year=month.year, quarter=(month.month + 2) // 3, cutoff_day=cutoff_day)

    def _format_vi(self) -> str:
        return f"quý {_ROMAN[self.quarter - 1]}/{self.year}"

    def _format_en(self) -> str:
        return f"Q{self.quarter} {self.year}"


@attrs.frozen(kw_only=True, order=False)
class HalfYear(_TilingPeriod):
    """A half year: "6 tháng đầu năm 2023" (H1), "6 tháng cuối năm 2023" (H2).

    >>> h = HalfYear(year=2023, half=2)
    >>> h.start, h.end, str(h), h.format("en")
    (datetime.date(2023, 7, 1), datetime.date(2023, 12, 31), '6 tháng cuối năm 2023', 'H2 2023')
    """

    _rank: ClassVar[int] = 2
    _length: ClassVar[int] = 6
    year: int = attrs.field(validator=_check_year)
    half: int = attrs.field(validator=_in_range(1, 2))
    cutoff_day: int | None = attrs.field(default=None, validator=_check_cutoff_day)

    @property
    def _first_month(self) -> date:
        return date(self.year, 6 * self.half - 5, 1)

    @classmethod
    def _of_month(cls, month: date, cutoff_day: int | None) -> Self:
        return cls(year=month.year, half=(month.month + 5) // 6, cutoff_day=cutoff_day)

    def _format_vi(self) -> str:
        return f"6 tháng {('đầu', 'cuối')[self.half - 1]} năm {self.year}"

    def _format_en(self) -> str:
        return f"H{self.half} {self.year}"


@attrs.frozen(kw_only=True, order=False)
class NineMonths(_CalendarPeriod):
    """The first nine months of a year: "9 tháng năm 2023", in English "9M 2023".

    Nine-month periods do not tile the calendar, so :meth:`previous` is the same
    period of the previous year.

    >>> n = NineMonths(year=2023)
    >>> n.start, n.end, str(n), n.format("en")
    (datetime.date(2023, 1, 1), datetime.date(2023, 9, 30), '9 tháng năm 2023', '9M 2023')
    >>> n.previous() == n.same_period_last_year() == NineMonths(year=2022)
    True
    """

    _rank: ClassVar[int] = 3
    _length: ClassVar[int] = 9
    year: int = attrs.field(validator=_check_year)
    cutoff_day: int | None = attrs.field(default=None, validator=_check_cutoff_day)

    @property
    def _first_month(self) -> date:
        return date(self.year, 1, 1)

    def previous(self) -> NineMonths:
        return attrs.evolve(self, year=self.year - 1)

    def same_period_last_year(self) -> NineMonths:
        return attrs.evolve(self, year=self.year - 1)

    def _format_vi(self) -> str:
        return f"9 tháng năm {self.year}"

    def _format_en(self) -> str:
        return f"9M {self.year}"


@attrs.frozen(kw_only=True, order=False)
class Year(_TilingPeriod):
    """A year: "năm 2023", in English "2023".

    >>> y = Year(year=2023, cutoff_day=14)
    >>> y.start, y.end, str(y), y.format("en")
    (datetime.date(2022, 12, 15), datetime.date(2023, 12, 14), 'năm 2023', '2023')
    """

    _rank: ClassVar[int] = 4
    _length: ClassVar[int] = 12
    year: int = attrs.field(validator=_check_year)
    cutoff_day: int | None = attrs.field(default=None, validator=_check_cutoff_day)

    @property
    def _first_month(self) -> date:
        return date(self.year, 1, 1)

    @classmethod
    def _of_month(cls, month: date, cutoff_day: int | None) -> Self:
        return cls(year=month.year, cutoff_day=cutoff_day)

    def _format_vi(self) -> str:
        return f"năm {self.year}"

    def _format_en(self) -> str:
        return str(self.year)


ELECTION_DAYS: Final[Mapping[int, date]] = MappingProxyType(
    {
        2011: date(2011, 5, 22),
        2016: date(2016, 5, 22),
        2021: date(2021, 5, 23),
        2026: date(2026, 3, 15),
    }
)
"""The days People's Councils were elected nationwide, by year: each the first day of a
:class:`Term`, and the day after the last day of the term before.

>>> ELECTION_DAYS[2026]
datetime.date(2026, 3, 15)
"""


def _term_start(first_year: int, cutoff_day: int | None) -> date:
    """The first day of the term elected in ``first_year``: its election day when known,
    else the first day of that year (under a cut-off, the day after the December cut-off)."""
    if first_year in ELECTION_DAYS:
        return ELECTION_DAYS[first_year]
    if cutoff_day is None:
        return date(first_year, 1, 1)
    return date(first_year - 1, 12, cutoff_day + 1)


@attrs.frozen(kw_only=True, order=False)
class Term(Period):
    """A council's five-year term (nhiệm kỳ): "nhiệm kỳ 2021–2026", in English "term 2021–2026".

    A term runs from its election day to the day before the next term's election day,
    from :data:`ELECTION_DAYS`: the 2021–2026 term from 23/5/2021 to 14/3/2026, since
    the 2026–2031 councils were elected on 15/3/2026, not on 1/1/2026.

    >>> t = Term(first_year=2021)
    >>> t.last_year, t.start, t.end
    (2026, datetime.date(2021, 5, 23), datetime.date(2026, 3, 14))
    >>> date(2025, 12, 31) in t, date(2026, 3, 15) in t, date(2026, 3, 15) in Term(first_year=2026)
    (True, False, True)
    >>> str(t), t.format("en")
    ('nhiệm kỳ 2021–2026', 'term 2021–2026')
    >>> str(t.previous()), t.previous().end
    ('nhiệm kỳ 2016–2021', datetime.date(2021, 5, 22))

    **A year with no known election day** (before 2011, and 2031 on, until it is added
    to the table) stands for a term that begins on 1 January: the 2026–2031 term ends
    on 31/12/2030 for now. Either way a term ends the day before the next one starts,
    so consecutive terms tile the calendar, and the days of the years strictly between
    its first and last lie in it.

    >>> Term(first_year=2026).end, Term(first_year=2031).start
    (datetime.date(2030, 12, 31), datetime.date(2031, 1, 1))

    **Cut-off day.** An election day is a fact, like a :class:`DateRange`'s dates: a
    cut-off day does not move it, since figures of a term count from the day the
    councils were elected. Where the table has no election day, the term starts as its
    first :class:`Year` starts, cut-off applied, so that it is still the union of its
    five years. Either way the cut-off day gives the term's :meth:`~Period.months` and
    :meth:`~Period.quarters`.

    >>> Term(first_year=2021, cutoff_day=14).start, Term(first_year=2031, cutoff_day=14).start
    (datetime.date(2021, 5, 23), datetime.date(2030, 12, 15))
    >>> [str(q) for q in t.quarters()][::17]  # the whole quarters inside it
    ['quý III/2021', 'quý IV/2025']

    ``previous()`` is the term before. A term has no same period last year:
    :meth:`same_period_last_year` raises :class:`InvalidPeriod` rather than return a
    term shifted by a year (not a term) or the previous term (five years, not one).
    Use a :class:`DateRange` for other dates, such as from a council's first session.
    """

    _rank: ClassVar[int] = 5
    first_year: int = attrs.field(validator=_check_year)
    cutoff_day: int | None = attrs.field(default=None, validator=_check_cutoff_day)

    @property
    def last_year(self) -> int:
        """The year the term ends in, and the next one begins.

        >>> Term(first_year=2021).last_year
        2026
        """
        return self.first_year + TERM_YEARS

    @property
    def start(self) -> date:
        return _term_start(self.first_year, self.cutoff_day)

    @property
    def end(self) -> date:
        return _term_start(self.last_year, self.cutoff_day) - timedelta(days=1)

    def previous(self) -> Term:
        return attrs.evolve(self, first_year=self.first_year - TERM_YEARS)

    def same_period_last_year(self) -> NoReturn:
        """Always raises: a term has no same period last year; use :meth:`previous`.

        >>> Term(first_year=2021).same_period_last_year()
        Traceback (most recent call last):
        ...
        hdnd.periods.InvalidPeriod: a term has no same period last year; use previous()
        """
        raise InvalidPeriod(_("a term has no same period last year; use previous()"))

    def _format_vi(self) -> str:
        return f"nhiệm kỳ {self.first_year}–{self.last_year}"

    def _format_en(self) -> str:
        return f"term {self.first_year}–{self.last_year}"


def _check_range(instance: DateRange, attribute: attrs.Attribute[date], value: date) -> None:
    """An attrs validator: the range's dates lie in the supported years, in order."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InvalidPeriod(
            _("{field} must lie in {low}–{high}, got {value}").format(
                field=attribute.name, low=MIN_YEAR, high=MAX_YEAR, value=value
            )
        )
    if instance.start > instance.end:
        raise InvalidPeriod(
            _("start must not be after end, got {start} > {end}").format(
                start=instance.start, end=instance.end
            )
        )


@attrs.frozen(kw_only=True, order=False)
class DateRange(Period):
    """Any span of days, from ``start`` to ``end`` inclusive.

    Written "từ ngày 15/12/2022 đến ngày 14/03/2023", in English as an ISO 8601
    interval "2022-12-15/2023-03-14". ``previous()`` is the range of the same length
    just before; ``same_period_last_year()`` moves both dates back a year with
    ``relativedelta(years=-1)``, which turns 29 February into 28 February.

    >>> r = DateRange(start=date(2024, 2, 1), end=date(2024, 2, 29))
    >>> str(r), r.format("en")
    ('từ ngày 01/02/2024 đến ngày 29/02/2024', '2024-02-01/2024-02-29')
    >>> r.same_period_last_year().format("en"), r.previous().format("en")
    ('2023-02-01/2023-02-28', '2024-01-03/2024-01-31')
    """

    _rank: ClassVar[int] = 6
    start: date = attrs.field(validator=_check_range)
    end: date = attrs.field(validator=_check_range)

    def previous(self) -> DateRange:
        return DateRange(
            start=self.start - timedelta(days=self.days), end=self.start - timedelta(1)
        )

    def same_period_last_year(self) -> DateRange:
        last_year = relativedelta(years=-1)
        return DateRange(start=self.start + last_year, end=self.end + last_year)

    def _format_vi(self) -> str:
        return (
            f"từ ngày {format_date(self.start, 'short')} đến ngày {format_date(self.end, 'short')}"
        )

    def _format_en(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def _lookup(token: str, table: Mapping[str, int], expected: str) -> int:
    """``table[token]``, case-insensitively, or an :class:`InvalidPeriod` quoting the token."""
    try:
        return table[token.casefold()]
    except KeyError:
        raise InvalidPeriod(
            _("{expected}, got {value!r}").format(expected=_(expected), value=token)
        ) from None


_QUARTERS = {
    **{roman.casefold(): n for n, roman in enumerate(_ROMAN, 1)},
    **{str(n): n for n in range(1, 5)},
}
_MONTHS = {
    **{name.casefold(): n for n, name in enumerate(_MONTH_NAMES, 1)},
    **{f"{n}": n for n in range(1, 13)},
    **{f"{n:02d}": n for n in range(1, 10)},
}
_HALVES = {"đầu": 1, "cuối": 2, "1": 1, "2": 2}


def _quarter(m: re.Match[str], cutoff_day: int | None) -> Period:
    quarter = _lookup(m["quarter"], _QUARTERS, N_("quarter must be I–IV (1–4)"))
    return Quarter(year=int(m["year"]), quarter=quarter, cutoff_day=cutoff_day)


def _month(m: re.Match[str], cutoff_day: int | None) -> Period:
    month = _lookup(m["month"], _MONTHS, N_("month must be 1–12"))
    return Month(year=int(m["year"]), month=month, cutoff_day=cutoff_day)


def _half(m: re.Match[str], cutoff_day: int | None) -> Period:
    # "6 tháng năm 2023", with neither đầu nor cuối, is how reports name the first half.
    half = _lookup(m["half"] or "đầu", _HALVES, N_("half must be 1–2 (H1, H2)"))
    return HalfYear(year=int(m["year"]), half=half, cutoff_day=cutoff_day)


def _nine_months(m: re.Match[str], cutoff_day: int | None) -> Period:
    return NineMonths(year=int(m["year"]), cutoff_day=cutoff_day)


def _year(m: re.Match[str], cutoff_day: int | None) -> Period:
    return Year(year=int(m["year"]), cutoff_day=cutoff_day)


def _term(m: re.Match[str], cutoff_day: int | None) -> Period:
    first, last = int(m["first"]), int(m["last"])
    if last - first != TERM_YEARS:
        raise InvalidPeriod(
            _("a term lasts {years} years, e.g. 2021–2026, got {first}–{last}").format(
                years=TERM_YEARS, first=m["first"], last=m["last"]
            )
        )
    return Term(first_year=first, cutoff_day=cutoff_day)


def _date_range(m: re.Match[str], cutoff_day: int | None) -> Period:
    # The dates are explicit: a cut-off day does not move them.
    try:
        return DateRange(start=parse_date(m["start"]), end=parse_date(m["end"]))
    except InvalidDate as e:
        raise InvalidPeriod(str(e)) from e


def _in_text(error: Exception, text: str) -> str:
    return _("{error} in {text!r}").format(error=error, text=text)


_YEAR = r"(?P<year>\d{4})"
_SEP = r"(?:\s*[/.\-]\s*|\s+)"  # between a period and its year: "/", ".", "-" or a space
_VI_SEP = r"(?:\s*[/.\-]\s*|\s+(?:năm\s+)?)"  # ... or "năm"
_ISO_DATE = r"\d{4}-\d{1,2}-\d{1,2}"
_MONTH_NAME = "|".join(_MONTH_NAMES)

# One row per written form, tried in order; the first that matches decides the kind,
# and its builder reports a bad part ("quý V/2023") instead of falling through.
_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], int | None], Period]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), build)
    for pattern, build in (
        (rf"quý\s*(?P<quarter>\w+){_VI_SEP}{_YEAR}", _quarter),  # quý I/2023, Quý II.2023
        (rf"q(?P<quarter>\d+){_SEP}{_YEAR}", _quarter),  # Q1 2023, Q1/2023
        (rf"{_YEAR}\s*-\s*q(?P<quarter>\d+)", _quarter),  # 2023-Q1
        (rf"tháng\s*(?P<month>\d+){_VI_SEP}{_YEAR}", _month),  # tháng 3/2023
        (rf"(?P<month>{_MONTH_NAME}){_SEP}{_YEAR}", _month),  # March 2023
        (rf"6\s*tháng\s+(?:(?P<half>đầu|cuối)\s+)?năm\s*{_YEAR}", _half),  # 6 tháng đầu năm 2023
        (rf"h(?P<half>\d+){_SEP}{_YEAR}", _half),  # H1 2023
        (rf"{_YEAR}\s*-\s*h(?P<half>\d+)", _half),  # 2023-H1
        (rf"9\s*tháng\s+(?:đầu\s+)?năm\s*{_YEAR}", _nine_months),  # 9 tháng năm 2023
        (rf"9m{_SEP}{_YEAR}", _nine_months),  # 9M 2023
        (rf"(?:năm\s*)?{_YEAR}", _year),  # năm 2023, 2023
        (r"(?:(?:nhiệm\s*kỳ|term)\s*)?(?P<first>\d{4})\s*[-–]\s*(?P<last>\d{4})", _term),
        (rf"(?P<start>{_ISO_DATE})\s*/\s*(?P<end>{_ISO_DATE})", _date_range),
        (r"từ\s+(?P<start>.+?)\s+đến\s+(?P<end>.+)", _date_range),  # từ ngày 1/1/2023 đến ...
    )
)


def parse_period(text: str, *, cutoff_day: int | None = None) -> Period:
    """Read a period the way Vietnamese (or English) reports write it.

    Accepted forms, NFC-normalised, case-insensitive, surrounding whitespace tolerated:

    ========================  =============================================================
    kind                      examples
    ========================  =============================================================
    :class:`Quarter`          "quý I/2023", "Quý II.2023", "quý II năm 2023", "quý 2/2023",
                              "Q1/2023", "Q1 2023", "2023-Q1"
    :class:`Month`            "tháng 3/2023", "tháng 03 năm 2023", "March 2023"
    :class:`HalfYear`         "6 tháng đầu năm 2023", "6 tháng năm 2023" (first half),
                              "6 tháng cuối năm 2023", "H1 2023", "2023-H2"
    :class:`NineMonths`       "9 tháng năm 2023", "9 tháng đầu năm 2023", "9M 2023"
    :class:`Year`             "năm 2023", "2023"
    :class:`Term`             "nhiệm kỳ 2021-2026", "nhiệm kỳ 2021–2026", "term 2021–2026",
                              "2021-2026"
    :class:`DateRange`        "2023-01-01/2023-03-31", "từ ngày 15/12/2022 đến ngày 14/3/2023"
    ========================  =============================================================

    ``cutoff_day`` applies to every kind but :class:`DateRange`, and does not move a
    :class:`Term`'s election days (see the module notes).

    >>> parse_period("quý II năm 2023")
    Quarter(year=2023, quarter=2, cutoff_day=None)
    >>> str(parse_period("H1 2023")), str(parse_period("nhiệm kỳ 2021-2026"))
    ('6 tháng đầu năm 2023', 'nhiệm kỳ 2021–2026')
    >>> parse_period("tháng 13/2023")
    Traceback (most recent call last):
    ...
    hdnd.periods.InvalidPeriod: month must be 1–12, got '13' in 'tháng 13/2023'
    """
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    for pattern, build in _FORMS:
        if match := pattern.fullmatch(cleaned):
            try:
                return build(match, cutoff_day)
            except InvalidPeriod as e:
                raise InvalidPeriod(_in_text(e, text)) from None
    raise InvalidPeriod(
        _(
            "expected a period such as 'quý I/2023', 'Q1 2023', 'tháng 3/2023',"
            " '6 tháng đầu năm 2023', '9 tháng năm 2023', 'năm 2023', 'nhiệm kỳ 2021–2026'"
            " or '2023-01-01/2023-03-31', got {value!r}"
        ).format(value=text)
    )
