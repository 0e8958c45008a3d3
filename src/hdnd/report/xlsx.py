"""A summary as an Excel workbook: one sheet per section of figures, and the trend.

The tables of :func:`hdnd.report.rows`, for an office to work on in Excel: a sheet per
section (oversight, receptions, petitions...) in the summary's order, a row per figure
that is not zero, columns for the period, the period compared with, the change and the
change in percent. Numbers are numbers (Excel writes them the reader's way), a percent
is a percent cell; an unknown figure is an empty cell, and the note "Ô để trống: chưa
có số liệu." goes under a table that has one. Headers are in the report's language;
the header row stays in view when scrolling, and columns are as wide as what they hold.
With a :class:`~hdnd.trend.Trend`, a last sheet has its main figures, a column a period.

Needs openpyxl (``pip install 'hdnd[excel]'``).

>>> import io, hdnd, openpyxl
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> q1 = hdnd.parse_period("quý I/2023")
>>> now, then = hdnd.summarize_periods(city.records(), [q1, hdnd.baseline(q1)], council="tp")
>>> out = io.BytesIO()
>>> write_xlsx(now, hdnd.compare(now, then), out)
>>> book = openpyxl.load_workbook(out)
>>> book.sheetnames[:3]
['Giám sát', 'Tiếp công dân', 'Đơn thư']
>>> [cell.value for cell in book["Tiếp công dân"][1]]
['Chỉ tiêu', 'Quý I/2023', 'Quý I/2022', 'Tăng/giảm', 'Tăng/giảm (%)']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, Final

from hdnd.i18n import N_, Language, translations
from hdnd.io.files import write_whole
from hdnd.report._table import NO_FIGURES, _capitalised, column_titles, rows
from hdnd.report.labels import WORDS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from hdnd.comparison import Comparison
    from hdnd.summary import Summary
    from hdnd.trend import Trend

__all__ = ["write_xlsx"]

_PERCENT: Final = N_("Change (%)")
_TREND: Final = N_("Trend")
_NOTHING: Final = N_("No figures in the period.")
_FIGURES: Final = N_("Figures")

_COUNT_FORMAT: Final = "#,##0"
_PERCENT_FORMAT: Final = "0.00%"
_WIDEST: Final = 70
"""The widest a column gets, in characters: a long label wraps rather than runs on."""
_SHEET_NAME: Final = 31
"""The longest name Excel allows a sheet."""


def write_xlsx(
    summary: Summary,
    comparison: Comparison | None,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    lang: Language = "vi",
    trend: Trend | None = None,
) -> None:
    """Write ``summary`` (with ``comparison`` and ``trend``, if any) as a workbook to ``target``.

    ``target`` is a path (written atomically) or a binary file. A summary with no figure
    gets one sheet that says so.

    >>> import io, hdnd, openpyxl
    >>> from hdnd.trend import summarize_trend
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> t = summarize_trend(city, hdnd.parse_period("năm 2023"), 3)
    >>> out = io.BytesIO()
    >>> write_xlsx(t.summaries[-1], None, out, lang="en", trend=t)
    >>> sheet = openpyxl.load_workbook(out)["Trend"]
    >>> [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    (['Figure', '2021', '2022', '2023'], ['Oversight › conducted', None, 34, 38])
    """
    from hdnd.io.xlsx import require_openpyxl

    require_openpyxl()
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    say = translations(lang).gettext
    titles = [*column_titles(summary, comparison, lang=lang)]
    if comparison is not None:
        titles.append(say(_PERCENT))
    for section, section_rows in _sections(summary, comparison, lang):
        values = [_values(row, compared=comparison is not None) for row in section_rows]
        sheet = book.create_sheet(_sheet_name(section, lang))
        _sheet(sheet, titles, values, lang, percent=comparison is not None)
    if trend is not None and (trend_rows := trend.rows(lang)):
        head = [titles[0], *(_capitalised(p.format(lang)) for p in trend.periods)]
        values = [[row.label, *row.values] for row in trend_rows]
        _sheet(book.create_sheet(say(_TREND)), head, values, lang)
    if not book.worksheets:
        book.create_sheet(say(_FIGURES)).append([say(_NOTHING)])
    book.properties.creator = "hdnd"
    book.properties.title = summary.period.format(lang)
    write_whole(target, book.save)


def _sections(
    summary: Summary, comparison: Comparison | None, lang: Language
) -> list[tuple[str, list[dict[str, Any]]]]:
    """The rows of :func:`~hdnd.report.rows` by section (its group of figures), in the
    summary's order; a level's rows in their section, after the whole's."""
    import attrs

    from hdnd.summary import Figures

    order = [f.name for f in attrs.fields(Figures)]
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in order}
    for row in rows(summary, comparison, lang=lang):
        path = row["figure"].split(".")
        found[path[2] if path[0] == "by_level" else path[0]].append(row)
    return [(section, found[section]) for section in order if found[section]]


def _values(row: dict[str, Any], *, compared: bool) -> list[Any]:
    """A row's cells as values: the label, the figures (``None``: empty), the percent as a share."""
    if not compared:
        return [row["label"], row["current"]]
    percent = None if row["percent"] is None else float(row["percent"]) / 100
    return [row["label"], row["current"], row["previous"], row["change"], percent]


def _sheet_name(section: str, lang: Language) -> str:
    vi, en = WORDS[section]
    return (vi if lang == "vi" else en)[:_SHEET_NAME]


def _sheet(
    sheet: Worksheet,
    titles: Sequence[str],
    body: Iterable[list[Any]],
    lang: Language,
    *,
    percent: bool = False,
) -> None:
    """A table: its bold header row kept in view, its rows (the last column a percent if
    ``percent``), the note on empty cells if any."""
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.append(list(titles))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F4F6F9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    empty = False
    for values in body:
        sheet.append(values)
        empty = empty or any(value is None for value in values[1:])
    for line in sheet.iter_rows(min_row=2, min_col=2):
        for cell in line:
            last = percent and cell.column == len(titles)
            cell.number_format = _PERCENT_FORMAT if last else _COUNT_FORMAT
    if empty:
        sheet.append([])
        sheet.append([NO_FIGURES[lang]])
        sheet.cell(sheet.max_row, 1).font = Font(italic=True)
    sheet.freeze_panes = "B2"
    _fit_columns(sheet, titles)


def _fit_columns(sheet: Worksheet, titles: Sequence[str]) -> None:
    """Each column as wide as its longest text or written number, within :data:`_WIDEST`;
    the note under the table does not widen the first column."""
    from openpyxl.utils import get_column_letter

    widths = [len(title) for title in titles]
    for line in sheet.iter_rows(values_only=True):
        if len([v for v in line if v is not None]) == 1 and line[0] in NO_FIGURES.values():
            continue
        for i, value in enumerate(line[: len(widths)]):
            widths[i] = max(widths[i], len(_written(value)))
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, _WIDEST)


def _written(value: object) -> str:
    """About what Excel shows of a value: a share as a percent, a count grouped."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2%}"
    return f"{value:,}" if isinstance(value, int) else str(value)
