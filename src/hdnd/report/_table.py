"""The table of figures every report prints: its rows, their cells written the language's way.

What :mod:`hdnd.report` (Markdown, CSV, the web page) and :mod:`hdnd.report.docx`
share: none of them imports another for it. :data:`MAIN_FIGURES` and :func:`rows`
are public as ``hdnd.report.MAIN_FIGURES`` and ``hdnd.report.rows``.

An unknown figure (``None``: the record type was not covered) is an empty cell, never
0, and so is a change with an unknown side; :data:`NO_FIGURES` is the note under a
table that has such a cell.

>>> number_format("vi")(1788), percent_format("en")(0.5)
('1.788', '50%')
>>> cells({"label": "lượt", "current": None, "previous": 7, "change": None, "percent": None})
{'label': 'lượt', 'current': '', 'previous': '7', 'change': ''}
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from hdnd.enums import Level

if TYPE_CHECKING:
    from fractions import Fraction

    from hdnd.comparison import Change, Comparison, FigurePath
    from hdnd.summary import Figures, Summary
    from hdnd.trend import Trend

# The summary, the comparison and the labels are imported where they are used: the
# command line reads hdnd.report.FORMATS when it starts (0.1 s sooner without them).

__all__ = [
    "COUNCIL_FIGURES",
    "COUNCIL_TABLE",
    "MAIN_FIGURES",
    "NO_FIGURES",
    "Lang",
    "cells",
    "column_titles",
    "council_rows",
    "council_titles",
    "main_groups",
    "no_figures_note",
    "number_format",
    "percent_format",
    "rows",
    "table_cells",
    "trend_table",
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
    :attr:`~hdnd.summary.Summary.by_level` (such as :data:`MAIN_FIGURES`). A figure
    unknown (``None``) on one side shows when the other is not zero, and always when it
    is one of ``figures`` (by default one of :data:`MAIN_FIGURES`) of the whole or of a
    level that knows some figure: an unknown main figure is never dropped as if it were
    zero, and a period with no data at all is not a table of empty cells.

    >>> import hdnd
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> q1 = hdnd.summarize(city, hdnd.parse_period("quý I/2023"), council="tp",
    ...                     with_subordinates=True)
    >>> [(r["label"], r["current"]) for r in rows(q1, figures=[("receptions", "total", "turns")])]
    [('Tiếp công dân › tổng › lượt', 408), ('cấp huyện › Tiếp công dân › tổng › lượt', 74), \
('cấp xã › Tiếp công dân › tổng › lượt', 334)]
    >>> from hdnd.summary import Figures, Summary
    >>> unknown = Summary(period=q1.period, council_id=None, with_subordinates=False,
    ...                   councils=(), figures=Figures(receptions=None))
    >>> [(r["figure"], r["current"]) for r in rows(unknown, figures=MAIN_FIGURES)][:2]
    [('receptions.total.sessions', None), ('receptions.total.turns', None)]
    """
    from hdnd.report.labels import figure_label

    shown_unknown = set(_in_scope(summary, figures or MAIN_FIGURES, known=True))
    paths = None if figures is None else _in_scope(summary, figures)
    for path, current, change in _values(summary, comparison, paths):
        previous = change.previous if change is not None else 0  # nothing to compare with
        unknown = current is None or previous is None
        if not (current or previous or (unknown and path in shown_unknown)):
            continue
        yield {
            "figure": ".".join(path),
            "label": figure_label(path, lang, summary.names),
            "current": current,
            "previous": change.previous if change is not None else None,
            "change": change.delta if change is not None else None,
            "percent": change.percent if change is not None else None,
        }


def _in_scope(
    summary: Summary, figures: Collection[FigurePath], *, known: bool = False
) -> list[FigurePath]:
    """``figures`` of the whole, then of each level of the summary; if ``known``, only of
    those that know some figure (a period with no data has nothing to list as unknown).
    """
    scopes: list[tuple[FigurePath, Figures]] = [((), summary.figures)]
    scopes += [(("by_level", level.value), f) for level, f in summary.by_level.items()]
    return [
        (*scope, *path)
        for scope, f in scopes
        if not known or any(group is not None for group in attrs.astuple(f, recurse=False))
        for path in figures
    ]


def _values(
    summary: Summary, comparison: Comparison | None, paths: list[FigurePath] | None
) -> Iterator[tuple[FigurePath, int | None, Change | None]]:
    """Each figure's path, its value and its change: every figure, or those at ``paths``."""
    from hdnd.comparison import summary_figures

    if comparison is not None:
        changes = comparison.items() if paths is None else _changes(comparison, paths)
        return ((path, change.current, change) for path, change in changes)
    if paths is None:
        return ((path, value, None) for path, value in summary_figures(summary))
    return ((path, _figure(summary, path), None) for path in paths)


def _changes(
    comparison: Comparison, paths: list[FigurePath]
) -> Iterator[tuple[FigurePath, Change]]:
    return ((path, comparison.get_change(*path)) for path in paths)


def _figure(summary: Summary, path: FigurePath) -> int | None:
    """The figure at ``path`` of ``summary``, or of one of its levels (``("by_level", ...)``)."""
    if path[0] == "by_level":
        return figure_at(summary.by_level[Level(path[1])], path[2:])
    return figure_at(summary.figures, path)


def figure_at(figures: Figures | None, path: FigurePath) -> int | None:
    """The figure at ``path``: ``None`` when its group is unknown, 0 when a map lacks its key.

    >>> import hdnd
    >>> from hdnd.periods import parse_period
    >>> q1 = hdnd.summarize(hdnd.load("examples/data/city-q1-2023.json"),
    ...                     parse_period("quý I/2023"), council="tp")
    >>> figure_at(q1.figures, ("receptions", "total", "turns"))
    74
    """
    node: Any = figures
    for name in path:
        if node is None:
            return None
        if isinstance(node, Mapping):
            # a known group whose map lacks the key (a host with no turns) counted none
            node = next((v for k, v in node.items() if _key(k) == name), None)
            if node is None:
                return 0
        else:
            node = getattr(node, name)
    return node  # type: ignore[no-any-return]


def _key(key: object) -> str:
    return key.value if isinstance(key, Enum) else str(key)


def cells(row: dict[str, Any], *, lang: Lang = "vi") -> dict[str, str]:
    """A row of :func:`rows` written out: numbers the ``lang`` way, the change signed.

    A figure unknown (``None``) is an empty cell; so are ``previous`` and ``change``
    when the row has no comparison, and ``change`` when either side is unknown.

    >>> cells({"label": "lượt", "current": 1788, "previous": 1800, "change": -12,
    ...        "percent": -0.6666}, lang="vi")
    {'label': 'lượt', 'current': '1.788', 'previous': '1.800', 'change': '-12 (-0,67%)'}
    >>> cells({"label": "lượt", "current": 0, "previous": None, "change": None, "percent": None})
    {'label': 'lượt', 'current': '0', 'previous': '', 'change': ''}
    """
    number, pct = number_format(lang), percent_format(lang)
    change = ""
    if row["change"] is not None:
        sign = "+" if row["change"] > 0 else ""
        percent = f" ({sign}{pct(row['percent'] / 100)})" if row["percent"] is not None else ""
        change = f"{sign}{number(row['change'])}{percent}"
    return {
        "label": row["label"],
        "current": "" if row["current"] is None else number(row["current"]),
        "previous": "" if row["previous"] is None else number(row["previous"]),
        "change": change,
    }


def table_cells(
    rows: Iterable[dict[str, Any]], *, lang: Lang = "vi", compared: bool = False
) -> list[list[str]]:
    """Rows of :func:`rows` as a table's cells: the label, the figure now, and when
    ``compared`` the figure before and the change (see :func:`cells`).

    >>> table_cells([{"label": "lượt", "current": 3, "previous": None, "change": None,
    ...               "percent": None}], compared=True)
    [['lượt', '3', '', '']]
    """
    keys = ("label", "current", "previous", "change")[: 4 if compared else 2]
    return [[written[key] for key in keys] for written in (cells(row, lang=lang) for row in rows)]


NO_FIGURES: Final[Mapping[Lang, str]] = {
    "vi": "Ô để trống: chưa có số liệu.",
    "en": "An empty cell: no figures recorded.",
}
"""The note under a table with an empty cell: a figure unknown, or a change with nothing
to compare with (the record type was not covered for that scope and period).

>>> NO_FIGURES["vi"]
'Ô để trống: chưa có số liệu.'
"""


def no_figures_note(figure_cells: Iterable[str], lang: Lang = "vi") -> str | None:
    """:data:`NO_FIGURES` when one of a table's ``figure_cells`` is empty, else ``None``.

    >>> no_figures_note(["3", "", "1"]), no_figures_note(["3", "0"], "en")
    ('Ô để trống: chưa có số liệu.', None)
    """
    return NO_FIGURES[lang] if any(not cell for cell in figure_cells) else None


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


def trend_table(trend: Trend, lang: Lang = "vi") -> tuple[list[str], list[list[str]]]:
    """The titles and written rows of a trend's table: the figure, then one column a period.

    An unknown value is an empty cell (:func:`no_figures_note` says so under the table).

    >>> import hdnd
    >>> from hdnd.trend import summarize_trend
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> titles, body = trend_table(summarize_trend(city, hdnd.parse_period("năm 2023"), 2))
    >>> titles, body[0]
    (['Chỉ tiêu', 'Năm 2022', 'Năm 2023'], ['Giám sát › số cuộc đã thực hiện', '34', '38'])
    """
    number = number_format(lang)
    titles = [_HEAD[lang][0], *(_capitalised(p.format(lang)) for p in trend.periods)]
    body = [
        [row.label, *("" if value is None else number(value) for value in row.values)]
        for row in trend.rows(lang)
    ]
    return titles, body


_ALL_LEVELS = {"vi": "Tổng hợp các cấp", "en": "All levels"}
_LEVEL_TITLE = {"vi": "HĐND {}", "en": "Councils at {}"}

_Group = tuple[str | None, list[dict[str, Any]]]


def main_groups(summary: Summary, comparison: Comparison | None, lang: Lang) -> list[_Group]:
    """The :data:`MAIN_FIGURES` rows under a title: the whole, then each level.

    The whole is untitled when the summary has no levels; rows of a level are labelled
    without the level's name, which titles them. The communes of the example recorded
    oversight and receptions only: their other main figures are unknown (``None``).

    >>> import hdnd
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> q1 = hdnd.summarize(city, hdnd.parse_period("quý I/2023"), council="tp",
    ...                     with_subordinates=True)
    >>> [(title, len(group)) for title, group in main_groups(q1, None, "vi")]
    [('Tổng hợp các cấp', 15), ('HĐND cấp huyện', 15), ('HĐND cấp xã', 15)]
    >>> [row["current"] for row in main_groups(q1, None, "vi")[2][1]][4:8]
    [511, 334, None, None]
    >>> main_groups(q1, None, "en")[2][0], main_groups(q1, None, "en")[2][1][0]["label"]
    ('Councils at commune level', 'Oversight › conducted')
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
        return _LEVEL_TITLE[lang].format(level.label(lang))
    return _ALL_LEVELS[lang] if summary.by_level else None


COUNCIL_FIGURES: Final[tuple[FigurePath, ...]] = (
    ("sessions", "total"),
    ("resolutions", "total"),
    ("oversight", "conducted"),
    ("receptions", "total", "turns"),
    ("receptions", "total", "cases"),
    ("petitions", "received"),
    ("voter_petitions", "received"),
)
"""The figures of the per-council table (:func:`council_rows`), one column each.

>>> len(COUNCIL_FIGURES) <= len(MAIN_FIGURES)
True
"""

_COUNCIL_HEAD: Final[Mapping[Lang, tuple[str, ...]]] = {
    "vi": (
        "HĐND",
        "Cấp",
        "Kỳ họp",
        "Nghị quyết",
        "Cuộc giám sát",
        "Lượt tiếp công dân",
        "Vụ việc",
        "Đơn tiếp nhận",
        "Kiến nghị cử tri",
    ),
    "en": (
        "Council",
        "Level",
        "Sessions",
        "Resolutions",
        "Oversight",
        "Reception turns",
        "Cases",
        "Petitions",
        "Voter petitions",
    ),
}
COUNCIL_TABLE: Final[Mapping[Lang, str]] = {"vi": "Số liệu từng HĐND", "en": "Figures by council"}


def council_titles(lang: Lang = "vi", *, levels: bool = True) -> list[str]:
    """The column titles of :func:`council_rows`: the council, its level, the figures.

    >>> council_titles("en", levels=False)[:3]
    ['Council', 'Sessions', 'Resolutions']
    """
    name, level, *figures = _COUNCIL_HEAD[lang]
    return [name, *([level] if levels else []), *figures]


def council_rows(
    summary: Summary, lang: Lang = "vi", levels: Mapping[str, Level] | None = None
) -> list[list[str]]:
    """One written row per council of :attr:`~hdnd.summary.Summary.by_council`.

    A row is the council's name, its level (from ``levels``, else the summary's
    :attr:`~hdnd.summary.Summary.council_levels`, when either gives any), then each of
    :data:`COUNCIL_FIGURES`, an unknown one empty. Rows go by level (highest first), then
    by name the Vietnamese way (đ after d, tones aside).

    >>> from hdnd import parse_period
    >>> from hdnd.summary import Figures, Summary
    >>> s = Summary(period=parse_period("năm 2026"), council_id=None, with_subordinates=True,
    ...             councils=("x", "p"), figures=Figures(),
    ...             by_council={"x": Figures(receptions=None), "p": Figures()},
    ...             names={"x": "HĐND xã Đông", "p": "HĐND tỉnh Tây"})
    >>> council_rows(s, levels={"x": Level.commune, "p": Level.province})
    [['HĐND tỉnh Tây', 'Cấp tỉnh', '0', '0', '0', '0', '0', '0', '0'], \
['HĐND xã Đông', 'Cấp xã', '0', '0', '0', '', '', '0', '0']]
    """
    number = number_format(lang)
    rank = {level: i for i, level in enumerate(Level)}
    known = levels if levels is not None else summary.council_levels
    names = {council: summary.names.get(council, council) for council in summary.by_council}

    def order(council: str) -> tuple[int, str, str]:
        level = known.get(council)
        return (len(rank) if level is None else rank[level], _name_key(names[council]), council)

    written = []
    for council in sorted(summary.by_council, key=order):
        level = known.get(council)
        values = (figure_at(summary.by_council[council], path) for path in COUNCIL_FIGURES)
        written.append(
            [
                names[council],
                *(["" if level is None else _capitalised(level.label(lang))] if known else []),
                *("" if value is None else number(value) for value in values),
            ]
        )
    return written


def _name_key(name: str) -> str:
    """A name as the Vietnamese alphabet orders it, roughly: tones and hats aside, đ after d.

    >>> sorted(["Đông", "Yên", "Dương", "Ân"], key=_name_key)
    ['Ân', 'Dương', 'Đông', 'Yên']
    """
    plain = unicodedata.normalize("NFD", name.casefold().replace("đ", "d~"))
    return "".join(c for c in plain if not unicodedata.combining(c))
