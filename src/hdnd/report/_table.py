"""The table of figures every report prints: its rows, their cells written the language's way.

What :mod:`hdnd.report` (Markdown, CSV, the web page) and :mod:`hdnd.report.docx`
share: none of them imports another for it. :data:`MAIN_FIGURES` and :func:`rows`
are public as ``hdnd.report.MAIN_FIGURES`` and ``hdnd.report.rows``.

>>> number_format("vi")(1788), percent_format("en")(0.5)
('1.788', '50%')
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterator
from typing import TYPE_CHECKING, Any, Final, Literal

from hdnd.enums import Level

if TYPE_CHECKING:
    from fractions import Fraction

    from hdnd.comparison import Comparison, FigurePath
    from hdnd.summary import Summary

# The summary, the comparison and the labels are imported where they are used: the
# command line reads hdnd.report.FORMATS when it starts (0.1 s sooner without them).

__all__ = [
    "MAIN_FIGURES",
    "Lang",
    "cells",
    "column_titles",
    "main_groups",
    "number_format",
    "percent_format",
    "rows",
]

Lang = Literal["vi", "en"]

_LOCALE = {"vi": "vi_VN", "en": "en_US"}
_HEAD = {"vi": ("Chỉ tiêu", "Tăng/giảm"), "en": ("Figure", "Change")}

_NUMBER_PATTERN: Final = "#,##0.##"
_WHOLE: Final = 10**15  # whole numbers written without Babel are below this, in size


@functools.cache
def number_format(lang: Lang) -> Callable[[float], str]:
    """How ``lang`` writes a number: Babel's ``#,##0.##`` in the language's locale.

    A report writes thousands of counts, and Babel takes some 15 µs for each
    (it parses the locale and the pattern, and goes through ``Decimal``). Whole
    numbers are written by grouping their digits with the locale's group symbol,
    which is what Babel makes of them; the grouping is checked against Babel
    once, on numbers of every width and sign, and Babel writes everything if it
    differs. Other numbers (shares) are Babel's, the locale parsed once.

    >>> number_format("vi")(1788), number_format("en")(-1234567), number_format("vi")(94.2857)
    ('1.788', '-1,234,567', '94,29')
    """
    from babel import Locale
    from babel.numbers import format_decimal, get_group_symbol

    locale = Locale.parse(_LOCALE[lang])

    def babel(value: float) -> str:
        return format_decimal(value, format=_NUMBER_PATTERN, locale=locale)

    group = get_group_symbol(locale)

    def number(value: float) -> str:
        if type(value) is int and -_WHOLE < value < _WHOLE:
            return f"{value:,}".replace(",", group)
        return babel(value)

    samples = [sign * (10**k + d) for k in range(16) for d in (-1, 0, 7) for sign in (1, -1)]
    if any(number(v) != babel(v) for v in [0, *samples]):
        return babel
    return number


def percent_format(lang: Lang) -> Callable[[Fraction | float | None], str]:
    number = number_format(lang)
    return lambda share: "" if share is None else f"{number(round(float(share) * 100, 2))}%"


MAIN_FIGURES: Final[tuple[FigurePath, ...]] = (
    ("oversight", "conducted"),
    ("oversight", "by_kind", "thematic"),
    ("receptions", "total", "sessions"),
    ("receptions", "total", "turns"),
    ("receptions", "total", "persons"),
    ("receptions", "total", "cases"),
    ("petitions", "received"),
    ("voter_petitions", "received"),
    ("sessions", "total"),
    ("resolutions", "total"),
    ("meetings", "total"),
    ("deputies", "in_office"),
    ("questions", "questions"),
    ("recommendations", "issued"),
    ("recommendations", "done"),
)
"""The figures a printed report tabulates and charts, for the whole and for each level.

Breakdowns by host, body, field or status stay in the full table
(``format="csv"`` or ``"markdown"``): on paper they would run to pages. So do the
figures only some periods have (confidence votes, once a term) or that the prose
puts in context (overdue recommendations, petitions carried over).

>>> ("recommendations", "done") in MAIN_FIGURES
True
"""


def rows(
    summary: Summary,
    comparison: Comparison | None = None,
    *,
    lang: Lang = "vi",
    figures: Collection[FigurePath] | None = None,
) -> Iterator[dict[str, Any]]:
    """One row per figure that is not zero (now or before): path, label, values, change.

    ``figures`` keeps only those figures, for the whole and for each level of
    :attr:`~hdnd.summary.Summary.by_level` (such as :data:`MAIN_FIGURES`).

    >>> import hdnd
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> q1 = hdnd.summarize(city, hdnd.parse_period("quý I/2023"), council="tp",
    ...                     with_subordinates=True)
    >>> [(r["label"], r["current"]) for r in rows(q1, figures=[("receptions", "total", "turns")])]
    [('Tiếp công dân › tổng › lượt', 408), ('cấp huyện › Tiếp công dân › tổng › lượt', 74), \
('cấp xã › Tiếp công dân › tổng › lượt', 334)]
    """
    from hdnd.comparison import summary_figures
    from hdnd.report.labels import figure_label

    wanted = None
    if figures is not None:
        levels = [("by_level", level.value) for level in summary.by_level]
        wanted = {*figures, *((*level, *path) for level in levels for path in figures)}
    values: Iterator[tuple[FigurePath, int | None]] = (
        summary_figures(summary)
        if comparison is None
        else ((path, change.current) for path, change in comparison.items())
    )
    for path, value in values:
        change = comparison[path] if comparison is not None else None
        if not value and not (change and change.previous):
            continue
        if wanted is not None and path not in wanted:
            continue
        yield {
            "figure": ".".join(path),
            "label": figure_label(path, lang, summary.names),
            "current": value,
            "previous": change.previous if change else None,
            "change": change.delta if change else None,
            "percent": change.percent if change else None,
        }


def cells(row: dict[str, Any], *, lang: Lang = "vi") -> dict[str, str]:
    """A row of :func:`rows` written out: numbers the ``lang`` way, the change signed.

    ``previous`` and ``change`` are empty when the row has no comparison.

    >>> cells({"label": "lượt", "current": 1788, "previous": 1800, "change": -12,
    ...        "percent": -0.6666}, lang="vi")
    {'label': 'lượt', 'current': '1.788', 'previous': '1.800', 'change': '-12 (-0,67%)'}
    """
    number, pct = number_format(lang), percent_format(lang)
    written = {
        "label": row["label"],
        "current": "" if row["current"] is None else number(row["current"]),
        "previous": "",
        "change": "",
    }
    if row["previous"] is not None and row["change"] is not None:
        sign = "+" if row["change"] > 0 else ""
        percent = f" ({sign}{pct(row['percent'] / 100)})" if row["percent"] is not None else ""
        written["previous"] = number(row["previous"])
        written["change"] = f"{sign}{number(row['change'])}{percent}"
    return written


def column_titles(
    summary: Summary, comparison: Comparison | None = None, *, lang: Lang = "vi"
) -> list[str]:
    """Titles of a figures table's columns: the figure, each period by name, the change.

    >>> from hdnd import Dataset, summarize, compare, parse_period
    >>> now = summarize(Dataset(), parse_period("quý I/2023"))
    >>> then = summarize(Dataset(), parse_period("quý I/2022"))
    >>> column_titles(now, compare(now, then))
    ['Chỉ tiêu', 'Quý I/2023', 'Quý I/2022', 'Tăng/giảm']
    >>> column_titles(now, lang="en")
    ['Figure', 'Q1 2023']
    """
    figure, change = _HEAD[lang]
    titles = [figure, _capitalised(summary.period.format(lang))]
    if comparison is not None:
        titles += [_capitalised(comparison.previous.period.format(lang)), change]
    return titles


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


_ALL_LEVELS = {"vi": "Tổng hợp các cấp", "en": "All levels"}

_Group = tuple[str | None, list[dict[str, Any]]]


def main_groups(summary: Summary, comparison: Comparison | None, lang: Lang) -> list[_Group]:
    """The :data:`MAIN_FIGURES` rows under a title: the whole, then each level.

    The whole is untitled when the summary has no levels; rows of a level are labelled
    without the level's name, which titles them.

    >>> import hdnd
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> q1 = hdnd.summarize(city, hdnd.parse_period("quý I/2023"), council="tp",
    ...                     with_subordinates=True)
    >>> [(title, len(group)) for title, group in main_groups(q1, None, "vi")]
    [('Tổng hợp các cấp', 15), ('Cấp huyện', 15), ('Cấp xã', 6)]
    >>> main_groups(q1, None, "en")[2][1][0]["label"]
    'Oversight › conducted'
    """
    from hdnd.report.labels import figure_label

    groups: dict[Level | None, list[dict[str, Any]]] = {}
    for row in rows(summary, comparison, lang=lang, figures=MAIN_FIGURES):
        # MAIN_FIGURES hold no free keys (ids, sectors): the dotted figure splits back exactly
        path = row["figure"].split(".")
        level = Level(path[1]) if path[0] == "by_level" else None
        if level is not None:
            row = {**row, "label": figure_label(path[2:], lang, summary.names)}
        groups.setdefault(level, []).append(row)
    return [(_group_title(level, summary, lang), group) for level, group in groups.items()]


def _group_title(level: Level | None, summary: Summary, lang: Lang) -> str | None:
    if level is not None:
        return _capitalised(level.label(lang))
    return _ALL_LEVELS[lang] if summary.by_level else None
