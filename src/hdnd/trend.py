"""Trends: the main figures over the last periods of the same kind.

A :class:`Trend` holds one :class:`~hdnd.summary.Summary` per period, oldest first,
ending with the period reported: the last four quarters, the last three years, the
last six-month periods... :func:`trend_periods` says which periods, going back with
each period's :meth:`~hdnd.periods.Period.previous`. Its :meth:`Trend.rows` are the
report's main figures (:data:`hdnd.report.MAIN_FIGURES`) of the whole scope, one value
per period; an unknown figure stays ``None`` (an empty cell, never 0: docs/format.md, "What
a figure of zero means").

>>> import hdnd
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> t = summarize_trend(city, hdnd.parse_period("quý I/2023"), 4, council="tp")
>>> [str(p) for p in t.periods]
['quý II/2022', 'quý III/2022', 'quý IV/2022', 'quý I/2023']
>>> row = t.rows()[0]
>>> row.label, row.values
('Giám sát › số cuộc đã thực hiện', (None, None, None, 9))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

import attrs

from hdnd.i18n import N_, Language, translations
from hdnd.i18n import gettext as _
from hdnd.periods import MIN_YEAR, InvalidPeriod, Period
from hdnd.report import MAIN_FIGURES, figure_at

if TYPE_CHECKING:
    from hdnd.comparison import FigurePath
    from hdnd.dataset import Dataset
    from hdnd.summary import Summary

__all__ = [
    "MAX_PERIODS",
    "MIN_PERIODS",
    "Trend",
    "TrendRow",
    "summarize_trend",
    "trend_periods",
]

MIN_PERIODS: Final = 2
"""The fewest periods a trend has: one period alone shows no movement.

>>> MIN_PERIODS
2
"""
MAX_PERIODS: Final = 40
"""The most periods a trend has: ten years of quarters, more than a page can show.

>>> MAX_PERIODS
40
"""


def trend_periods(period: Period, n: int) -> tuple[Period, ...]:
    """The ``n`` periods of the kind of ``period`` ending with it, oldest first.

    Each is the :meth:`~hdnd.periods.Period.previous` of the next: quarters go back
    quarter by quarter across the year's start, six-month periods by halves, years by
    years, nine months and terms by a year and a term.
    ``n`` lies between :data:`MIN_PERIODS` and :data:`MAX_PERIODS`
    (:class:`~hdnd.periods.InvalidPeriod` otherwise, and for periods before 1945).

    >>> from hdnd.periods import parse_period
    >>> [str(p) for p in trend_periods(parse_period("6 tháng đầu năm 2023"), 3)]
    ['6 tháng đầu năm 2022', '6 tháng cuối năm 2022', '6 tháng đầu năm 2023']
    >>> trend_periods(parse_period("năm 1946"), 3)
    Traceback (most recent call last):
    ...
    hdnd.periods.InvalidPeriod: the 3 periods ending with năm 1946 would start before 1945
    """
    if not MIN_PERIODS <= n <= MAX_PERIODS:
        raise InvalidPeriod(
            _("a trend has {least} to {most} periods, got {n}").format(
                least=MIN_PERIODS, most=MAX_PERIODS, n=n
            )
        )
    periods = [period]
    try:
        while len(periods) < n:
            periods.append(periods[-1].previous())
    except InvalidPeriod:  # a period before the first councils
        raise InvalidPeriod(
            _("the {n} periods ending with {period} would start before {year}").format(
                n=n, period=period, year=MIN_YEAR
            )
        ) from None
    return tuple(reversed(periods))


@attrs.frozen
class TrendRow:
    """One figure of a trend: its dotted path, its label, its value in each period.

    >>> TrendRow("sessions.total", "Kỳ họp › tổng", (1, None)).values
    (1, None)
    """

    figure: str
    label: str
    values: tuple[int | None, ...]


_TITLE: Final = N_("Main figures, {first} to {last}")


@attrs.frozen
class Trend:
    """One summary per period, oldest first: the figures of the last periods of a kind.

    >>> from hdnd import Dataset, summarize_periods, parse_period
    >>> periods = trend_periods(parse_period("năm 2023"), 2)
    >>> t = Trend(tuple(summarize_periods([], periods)))
    >>> t.title("en"), t.rows()
    ('Main figures, 2022 to 2023', [])
    """

    summaries: tuple[Summary, ...] = attrs.field(validator=attrs.validators.min_len(1))

    @property
    def periods(self) -> tuple[Period, ...]:
        """The periods of the trend, oldest first.

        >>> from hdnd import Dataset, summarize_periods, parse_period
        >>> Trend(tuple(summarize_periods([], [parse_period("năm 2023")]))).periods
        (Year(year=2023, cutoff_day=None),)
        """
        return tuple(s.period for s in self.summaries)

    def title(self, lang: Language = "vi") -> str:
        """What a report calls the trend: the main figures from its first to its last period.

        >>> from hdnd import Dataset, summarize_periods, parse_period
        >>> periods = trend_periods(parse_period("quý I/2023"), 4)
        >>> Trend(tuple(summarize_periods([], periods))).title()
        'Các chỉ tiêu chính, từ quý II/2022 đến quý I/2023'
        """
        first, last = self.periods[0].format(lang), self.periods[-1].format(lang)
        return translations(lang).gettext(_TITLE).format(first=first, last=last)

    def rows(
        self, lang: Language = "vi", figures: Sequence[FigurePath] = MAIN_FIGURES
    ) -> list[TrendRow]:
        """One row per figure of ``figures`` (the main ones), the whole scope's, in order.

        A figure zero in every period is left out; so is every figure when no period
        knows any (a trend of no data is no table). An unknown value is ``None``.

        >>> import hdnd
        >>> city = hdnd.load("examples/data/city-q1-2023.json")
        >>> t = summarize_trend(city, hdnd.parse_period("quý I/2023"), 2, council="tp")
        >>> [(r.figure, r.values) for r in t.rows("en")][:2]
        [('oversight.conducted', (None, 9)), ('oversight.by_kind.thematic', (None, 3))]
        """
        from hdnd.report.labels import figure_label

        if not any(_knows_any(s) for s in self.summaries):
            return []
        found = []
        for path in figures:
            values = tuple(figure_at(s.figures, path) for s in self.summaries)
            if any(value != 0 for value in values):
                found.append(TrendRow(".".join(path), figure_label(path, lang), values))
        return found


def _knows_any(summary: Summary) -> bool:
    return any(group is not None for group in attrs.astuple(summary.figures, recurse=False))


def summarize_trend(
    dataset: Dataset,
    period: Period,
    n: int,
    council: str | None = None,
    with_subordinates: bool = False,
    with_predecessors: bool = False,
) -> Trend:
    """The trend of ``dataset`` over the ``n`` periods ending with ``period``, in one pass.

    ``council``, ``with_subordinates`` and ``with_predecessors`` say whose figures, as
    for :func:`~hdnd.summary.summarize`.

    >>> import hdnd
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> t = summarize_trend(city, hdnd.parse_period("năm 2023"), 3, council="tp",
    ...                     with_subordinates=True)
    >>> [str(p) for p in t.periods], t.rows()[0].values
    (['năm 2021', 'năm 2022', 'năm 2023'], (None, 34, 38))
    """
    from hdnd.summary import summarize_periods

    periods = trend_periods(period, n)
    scope = (council, with_subordinates, with_predecessors)
    return Trend(tuple(summarize_periods(dataset.records(), periods, *scope)))
