"""Excel workbooks (``.xlsx``): a sheet per record type, for offices to fill in by hand.

Needs `openpyxl <https://openpyxl.readthedocs.io>`_ (``pip install 'hdnd[excel]'``),
imported only when a workbook is read or written; without it, :class:`OpenpyxlNotInstalled`.

Layout (what :func:`write_template` and :func:`write_workbook` write, and what
:func:`read_workbook` reads):

* ``README``, in the words of a council office, Vietnamese first, then English: the
  steps (fill in, ``hdnd validate``, ``hdnd report``), how to fill in each kind of
  cell, the sheets (title, identifier, English title), one filled example row per
  sheet (a record of the bundled example, as its sheet's cells show it), every
  column with what it holds, and the allowed values of each choice. Readers ignore
  it. It is protected (no password), because the drop-down lists take their values
  from it.
* one sheet per record type, titled by its Vietnamese title
  (:attr:`~hdnd.spec.RecordSpec.sheet_title`: ``Hội đồng nhân dân``,
  ``Tiếp công dân``...; ``Thường trực, Ban, Tổ đại biểu`` for the bodies, whose
  title is longer than the 31 characters Excel takes). Row 1: the field identifiers
  of docs/format.md (required ones on a dark background); row 2: the column names,
  ``Vietnamese / English``; records from row 3, one a row. Both header rows stay
  frozen on screen.
* ``_meta`` (hidden): the data format version, as a one-column table
  (``schema_version``, its names, ``1``). Required: it marks the workbook as hdnd data.

Cells as hdnd writes them: choices as their Vietnamese label, picked from a
drop-down list (another value only warns: the reader takes more spellings);
true/false as ``có``/``không``; dates as date cells shown ``dd/mm/yyyy``; whole
numbers as numbers; lists an item a line, as a clerk types them (a JSON array, as in
CSV, where lines would not read back the same). A reference (a reception's council, an oversight
activity's body...) is picked from a drop-down of the ids in the id column of its
sheet, rows 3 to 10,002 (10,000 records; more if the workbook written holds more
of that type), and another value is refused, since it would name no record of the
workbook; a list of references (several ids in a cell) has none. Text cells are
typed as text, so that nothing a text holds (``=HYPERLINK(...)``) is ever a formula,
and text that starts like a formula is marked with Excel's quote prefix, so that
editing the cell keeps it text.

Reading takes what people type (:mod:`hdnd.io._tables`): a choice's Vietnamese or
English label or identifier, in any case, with or without accents, ``kì`` for ``kỳ``
(``dinh ky`` is ``định kỳ``); yes/no as ``có``/``không``, ``x``, a tick, ``1``/``0``...;
date cells or text dates (``15/12/2022``,
``2022-12-15``), whole numbers Excel stored as ``5.0`` (``5.5`` is an error).
Formatting is ignored; fully empty rows are skipped. A formula counts by the
result the workbook saved with it; a formula without one (a file written by a
program, never opened in Excel or LibreOffice) is an error, as is a cell showing
an error (``#N/A``). Row 2 must hold the column names (or nothing): records start
at row 3, and a record typed into row 2 is reported rather than skipped. Row 1
names each column by its identifier or by the names row 2 shows (``Lượt / Turns``);
any other name is an error, with a suggestion. A record type's sheet is named by
its Vietnamese title (or its whole title, where the sheet title is shorter) or by its
collection key, as hdnd wrote it before (``receptions`` for ``Tiếp công dân``), in any
case; a sheet of any other name but ``README`` is
an error, with a suggestion (``receptons``: did you mean ``receptions``?), since its
rows would be dropped without a word, and so are two sheets of one record type.
Problems name the workbook, the sheet as titled, the row as Excel numbers it (the two
header rows counted: the first record is on row 3), the column's letter and its header
(row 2's name, in the current language, :mod:`hdnd.i18n`), and the record's id:
``q1.xlsx, sheet Tiếp công dân, row 5, column D (Persons), id 'r1': ...``; in Vietnamese
``q1.xlsx, Sheet Tiếp công dân, dòng 5, cột D (Công dân), mã 'r1': ...``
(:class:`~hdnd.errors.Problem`: ``sheet``, ``line``, ``column_letter``, ``header``).
:func:`hdnd.io.load_located` keeps where each record came from, so that a domain
check's finding is shown at its cell too.

>>> import hdnd, pathlib, tempfile
>>> from hdnd.io.xlsx import read_workbook, write_template
>>> template = pathlib.Path(tempfile.mkdtemp()) / "mau.xlsx"
>>> write_template(template)
>>> read_workbook(template) == hdnd.Dataset()
True
>>> from openpyxl import load_workbook
>>> load_workbook(template).sheetnames[:4]
['README', 'Hội đồng nhân dân', 'Đại biểu, cán bộ', 'Thường trực, Ban, Tổ đại biểu']
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import io
import itertools
import operator
import os
import typing
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Final

import attrs

from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, Dataset
from hdnd.enums import LabelledEnum
from hdnd.errors import InvalidData, MissingDependency, Problem
from hdnd.i18n import gettext as _
from hdnd.io._assemble import Assembler
from hdnd.io._tables import (
    COLUMNS,
    FORMULA_STARTS,
    META_COLUMN,
    UNPACK_ERRORS,
    YES_NO,
    Column,
    Kind,
    Place,
    Table,
    Unreadable,
    UnreadableTable,
    closest,
    column_named,
    list_text,
    out_of_memory,
    read_meta,
    read_tables,
    table_key,
)
from hdnd.io.files import declares_doctype, open_zip, write_atomic, write_whole
from hdnd.model import Record, normalize_text
from hdnd.spec import RECORDS, spec_of

if TYPE_CHECKING:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_COMPRESSION_RATIO",
    "MAX_FORMULAS",
    "MAX_PART_ELEMENTS",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS",
    "MAX_SHEETS",
    "MAX_UNPACKED_BYTES",
    "MAX_WORKBOOK_BYTES",
    "MAX_ZIP_ENTRIES",
    "META_SHEET",
    "README_SHEET",
    "OpenpyxlNotInstalled",
    "read_workbook",
    "require_openpyxl",
    "write_template",
    "write_workbook",
]

README_SHEET: Final = "README"
"""The sheet that explains the workbook; readers ignore it."""
META_SHEET: Final = "_meta"
"""The hidden sheet that names the data format version."""

PathLike = str | os.PathLike[str]

# Limits on what a workbook may make hdnd read: it is held in memory while it is
# read. They are module attributes, read at each call: a program that needs more sets
# them first, e.g. ``hdnd.io.xlsx.MAX_ROWS = 500_000`` (docs/security.md).
MAX_WORKBOOK_BYTES = 50 * 2**20
"""The largest workbook file read (50 MiB; a workbook of 100,000 records takes a few)."""
MAX_UNPACKED_BYTES = 2**30
"""The most a workbook may unpack to, all its parts together (1 GiB)."""
MAX_ZIP_ENTRIES = 10_000
"""The most parts (members of its zip) a workbook may have."""
MAX_COMPRESSION_RATIO = 200
"""How many times its packed size a part of over a mebibyte may unpack to.

A sheet's XML packs 5 to 20 times; zeros, what zip bombs are made of, a thousand.
"""
MAX_ROWS = 100_000
"""The most rows with values a sheet hdnd reads may have."""
MAX_COLUMNS = 1_024
"""The last column a sheet hdnd reads may have a cell in (a table has at most 16)."""
MAX_CELLS = 3_000_000
"""The most cells read, in all the sheets hdnd reads together: the cells of each row up
to its last one, empty ones (with only a format) included; a row without cells counts one.

A sheet of :data:`MAX_ROWS` receptions has 1,300,000. Formatted empty rows, a million of
them, would take minutes to read for nothing.
"""
MAX_FORMULAS = 500_000
"""The most formula cells, in all the sheets hdnd reads together (each is read twice)."""
MAX_SHARED_STRINGS = 1_000_000
"""The most texts in a workbook's table of shared texts, which is read whole on opening.

Excel keeps each different text of the workbook there once; hdnd writes none.
"""
MAX_SHEETS = 256
"""The most sheets a workbook may have (hdnd writes thirteen)."""
MAX_PART_ELEMENTS = 200_000
"""The most XML elements in a part of a workbook read whole: all but the sheets and the
shared texts (the workbook's list of sheets, its styles, its properties...).

Excel keeps at most 64,000 cell formats; openpyxl takes over a kilobyte for each.
"""

_FIRST_ROW: Final = 3  # row 1: field identifiers, row 2: column names
_LAST_ROW: Final = 1_048_576  # Excel's last row: drop-downs and formats cover the whole column
# Column formats: text stays text when typed over ("01" keeps its zero), dates show day first.
_FORMATS: Final[Mapping[Kind, str]] = {
    "text": "@",
    "whole": "General",
    "bool": "@",
    "date": "dd/mm/yyyy",
    "choice": "@",
    "list": "@",
}
_LISTED_IDS: Final = 10_000
"""How many record rows of its sheet a reference's drop-down lists, at least (rows 3 to
10,002): more when the workbook written holds more records of that type."""
# A drop-down's error box: Excel takes a title of 32 characters and a message of 255.
_NOT_LISTED: Final = "Ngoài danh sách / Not listed"
_NOT_A_CHOICE: Final = (
    "Chọn một giá trị trong danh sách (xem sheet README). / "
    "Pick a value from the list (see the README sheet)."
)
_NOT_AN_ID: Final = (
    "Chọn mã trong danh sách ở sheet {sheet} (cột {column}). Mã chưa có: điền bản ghi đó "
    "ở sheet {sheet} trước. / Pick an id listed on the sheet {sheet}; fill in a new one "
    "there first."
)
_MAX_TEXT: Final = 32_767  # characters Excel keeps in a cell
_LINE_HEIGHT: Final = 15  # points: a line of text at the default 11 points, as Excel shows it
_FIRST_EXCEL_DATE: Final = dt.date(1900, 1, 1)
_KIND_NAMES: Final[Mapping[Kind, tuple[str, str]]] = {
    "text": ("văn bản", "text"),
    "whole": ("số nguyên", "whole number"),
    "bool": ("có / không", "yes / no"),
    "date": ("ngày dd/mm/yyyy", "date dd/mm/yyyy"),
    "choice": ("chọn trong danh sách", "choice from the list"),
    "list": ("danh sách, mỗi mục một dòng", "list, one item per line"),
}
# The README's prose, in the words of a council office, Vietnamese first: {councils} is
# the title of the councils' sheet, {listed} (English) and {listed_vi} _LISTED_IDS.
_HOW_TO: Final = (
    (
        "Các bước",
        "1. Điền số liệu vào các sheet bên dưới, mỗi bản ghi một dòng, từ dòng 3 (xem Cách "
        "điền và Ví dụ). Lưu tệp dạng Excel (.xlsx).",
        "2. Kiểm tra: hdnd validate tep.xlsx. Mỗi lỗi ghi rõ sheet, dòng và cột: sửa rồi "
        "kiểm tra lại đến khi hết lỗi.",
        '3. Lập báo cáo: hdnd report tep.xlsx --period "quý I/2025" --output bao-cao.docx.',
        "Chuyển sang JSON nếu cần: hdnd convert tep.xlsx tep.json.",
    ),
    (
        "Cách điền",
        "Mỗi sheet là một loại số liệu (xem bảng Các sheet). Dòng 1 là mã cột, dòng 2 là tên "
        "cột: không sửa, không xóa hai dòng này. Mỗi bản ghi một dòng, từ dòng 3.",
        "Cột có mã trên nền xanh đậm là bắt buộc. Ô để trống là không có giá trị. "
        "Dòng trống được bỏ qua.",
        "Mã (cột Mã, cột A) không trùng nhau trong một sheet. Cột ghi mã của bản ghi ở sheet "
        "khác (Mã HĐND, Mã cơ quan, Mã người...) có danh sách chọn lấy từ cột Mã của sheet "
        "đó, {listed_vi} dòng đầu; mã không có trong danh sách không nhập được. Vì vậy "
        "điền sheet {councils} trước, rồi đến các sheet khác. Cột ghi nhiều mã thì gõ, "
        "mỗi mã một dòng.",
        "Ngày: ô kiểu ngày, hoặc gõ dd/mm/yyyy (15/12/2022) hoặc yyyy-mm-dd (2022-12-15).",
        "Cột có danh sách chọn: chọn giá trị tiếng Việt, hoặc gõ, không phân biệt chữ hoa, "
        "chữ thường, có dấu hay không dấu, kì hay kỳ (định kì, dinh ky). Mã và nhãn tiếng Anh "
        "trong bảng Giá trị cho phép cũng được chấp nhận. Có/không: gõ có hoặc không (hoặc "
        "x, ✓, c, k, 1, 0).",
        "Số: số nguyên (5, không phải 5,5). Công thức được tính theo kết quả đã lưu "
        "khi mở và lưu tệp bằng Excel hoặc LibreOffice.",
        'Danh sách: mỗi mục một dòng trong ô (Alt+Enter), hoặc mảng JSON ["mục 1", "mục 2"].',
        "Tên sheet: giữ tên trong bảng Các sheet (tên tiếng Việt, hoặc mã tiếng Anh như "
        "receptions). Không thêm sheet khác: sheet có tên khác là lỗi, vì số liệu trong đó "
        "sẽ không được đọc. Không xóa sheet ẩn _meta.",
    ),
    (
        "Steps",
        "1. Fill in the sheets below, one record a row, from row 3 (see How to fill in and "
        "the examples). Save the file as an Excel workbook (.xlsx).",
        "2. Check: hdnd validate file.xlsx. Each problem names its sheet, row and column: "
        "fix them and check again until none is left.",
        '3. Report: hdnd report file.xlsx --period "quý I/2025" --output report.docx.',
        "Convert to JSON if needed: hdnd convert file.xlsx file.json.",
    ),
    (
        "How to fill in",
        "Each sheet holds one record type (see the table of sheets). Row 1 holds the column "
        "identifiers, row 2 the column names: do not change or delete them. One record a row, "
        "from row 3.",
        "Columns whose identifier is on a dark blue background are required. An empty cell "
        "has no value. Empty rows are skipped.",
        "Ids (column Id, column A) are unique within a sheet. A column holding the id of a "
        "record on another sheet (Council id, Body id, Person id...) has a drop-down of the ids "
        "in the first {listed} rows of that sheet's Id column, and refuses other "
        "values: fill in the sheet {councils} first, then the others. A column of several "
        "ids is typed, one id a line.",
        "Dates: date cells, or typed dd/mm/yyyy (15/12/2022) or yyyy-mm-dd (2022-12-15).",
        "Columns with a drop-down list: pick the Vietnamese value, or type it, in any case, "
        "with or without accents, kì or kỳ (định kì, dinh ky). The identifiers and English "
        "labels of the table Allowed values are accepted too. Yes/no: type có or không (or "
        "x, ✓, c, k, 1, 0).",
        "Numbers: whole numbers (5, not 5.5). A formula counts by the result Excel or "
        "LibreOffice saved with the file.",
        'Lists: one item per line in the cell (Alt+Enter), or a JSON array ["item 1", "item 2"].',
        "Sheet names: keep those of the table of sheets (the Vietnamese title, or the "
        "identifier, such as receptions). Do not add other sheets: a sheet of another name is "
        "an error, since its rows would not be read. Do not delete the hidden sheet _meta.",
    ),
)


class OpenpyxlNotInstalled(MissingDependency):
    """openpyxl, which Excel workbooks need, is not installed (``pip install 'hdnd[excel]'``).

    >>> issubclass(OpenpyxlNotInstalled, ImportError)
    True
    """


def require_openpyxl() -> None:
    """Raise :class:`OpenpyxlNotInstalled`, saying how to install it, unless openpyxl is.

    >>> require_openpyxl()  # installed with hdnd[excel]
    """
    if importlib.util.find_spec("openpyxl") is None:
        raise OpenpyxlNotInstalled(
            _("Excel workbooks (.xlsx) need openpyxl; install it with: {command}").format(
                command="pip install 'hdnd[excel]'"
            )
        )


# ------------------------------------------------------------------------- reading


Cells = dict[int, list[object]]
"""A sheet's rows that hold something, by row number, each cut after its last value."""


class _Formula:
    """Stands for a formula cell until the second reading gives its saved result."""


_FORMULA: Final = _Formula()


@attrs.define
class _Tally:
    """What the sheets read so far hold, for the limits on all of them together."""

    cells: int = 0
    formulas: int = 0


def _cells(sheet: Worksheet, place: Place, formulas: set[tuple[int, int]], tally: _Tally) -> Cells:
    """Every row's values; an error shown becomes :class:`Unreadable`, formulas are noted.

    Raises :class:`UnreadableTable` past the limits of a sheet: :data:`MAX_ROWS` rows
    with values, a cell beyond :data:`MAX_COLUMNS`, a row beyond Excel's last; and
    :class:`~hdnd.errors.InvalidData` past those of all sheets read together:
    :data:`MAX_CELLS` cells, :data:`MAX_FORMULAS` formulas.
    """
    from openpyxl.cell.read_only import EMPTY_CELL

    rows: Cells = {}
    for r, row in enumerate(sheet.iter_rows(), start=1):
        if r > _LAST_ROW:  # a damaged or forged sheet: Excel stops there
            message = _("rows beyond row {last:,}, Excel's last").format(last=_LAST_ROW)
            raise UnreadableTable(place.problem(message))
        tally.cells += max(len(row), 1)
        if tally.cells > MAX_CELLS:  # a limit on the whole workbook: it is refused
            message = _(
                "more than {most:,} cells in the sheets read, empty ones included ({limit})"
            ).format(most=MAX_CELLS, limit="hdnd.io.xlsx.MAX_CELLS")
            raise InvalidData([place.problem(message, r)])
        # openpyxl pads a row up to its last cell with one shared empty cell: look past those
        beyond = row[MAX_COLUMNS:]
        if beyond and any(map(operator.is_not, beyond, itertools.repeat(EMPTY_CELL))):
            message = _("cells beyond column {most:,} ({limit})").format(
                most=MAX_COLUMNS, limit="hdnd.io.xlsx.MAX_COLUMNS"
            )
            raise UnreadableTable(place.problem(message, r))
        values: list[object] = []
        for c, cell in enumerate(row):
            if cell.data_type == "f":
                tally.formulas += 1
                if tally.formulas > MAX_FORMULAS:
                    message = _("more than {most:,} formulas in the sheets read ({limit})").format(
                        most=MAX_FORMULAS, limit="hdnd.io.xlsx.MAX_FORMULAS"
                    )
                    raise InvalidData([place.problem(message, r)])
                formulas.add((r, c))
                values.append(_FORMULA)  # its saved result comes in a second reading
            elif cell.data_type == "e":
                shows = _("the cell shows the error {error}").format(error=cell.value)
                values.append(Unreadable(shows))
            else:
                values.append(cell.value)
        while values and values[-1] is None:
            values.pop()
        if values:
            rows[r] = values
            if len(rows) > MAX_ROWS:
                message = _("more than {most:,} rows ({limit})").format(
                    most=MAX_ROWS, limit="hdnd.io.xlsx.MAX_ROWS"
                )
                raise UnreadableTable(place.problem(message, r))
    return rows


def _results(sheet: Worksheet, formulas: set[tuple[int, int]]) -> Iterator[tuple[int, int, object]]:
    """The saved result of each formula cell, read with ``data_only``."""
    last = max(r for r, _ in formulas)
    for r, row in enumerate(sheet.iter_rows(max_row=last), start=1):
        for c, cell in enumerate(row):
            if (r, c) not in formulas:
                continue
            value: object = cell.value
            if cell.data_type == "e":
                value = Unreadable(
                    _("the formula's result is the error {error}").format(error=cell.value)
                )
            elif value is None and cell.data_type != "str":  # "str": an empty text result
                value = Unreadable(
                    _(
                        "a formula without a saved result: open and save the workbook in Excel"
                        " or LibreOffice so that its result is stored, or type the value"
                    )
                )
            yield r, c, value


def _count(part: IO[bytes], most: int, name: str | None = None) -> int:
    """How many XML elements (named ``name``, if given) ``part`` holds, counted to ``most + 1``.

    Parsed as a stream, each element dropped once counted: nothing is kept.
    """
    from xml.etree.ElementTree import iterparse

    count = 0
    root = None
    for event, element in iterparse(part, events=("start", "end")):
        if root is None:
            root = element
        if event == "end" and name in (None, element.tag.rpartition("}")[2]):
            count += 1
            root.clear()
            if count > most:
                break
    return count


class _Parts(zipfile.ZipFile):
    """A workbook's zip, where a part read whole (to be parsed whole) is first counted.

    openpyxl reads whole every part but the sheets and the shared texts: the
    workbook, its styles, its properties... Past :data:`MAX_PART_ELEMENTS`,
    :class:`UnreadableTable`, which openpyxl lets through.
    """

    def read(self, name: str | zipfile.ZipInfo, pwd: bytes | None = None) -> bytes:
        with self.open(name, pwd=pwd) as part:  # counted as a stream: never held twice
            if _count(part, MAX_PART_ELEMENTS) > MAX_PART_ELEMENTS:
                message = _("more than {most:,} XML elements ({limit})").format(
                    most=MAX_PART_ELEMENTS, limit="hdnd.io.xlsx.MAX_PART_ELEMENTS"
                )
                raise UnreadableTable(Problem(path=(part.name,), message=message))
        return super().read(name, pwd)


@functools.cache
def _reader() -> Callable[[bytes, bool], ExcelReader]:
    """openpyxl's reader of workbooks, read only, bounded before it reads a part whole.

    openpyxl parses each sheet whole on opening to find its dimensions, unless its
    first element gives them: this reader leaves them unknown (its readers reset them
    anyway), so a sheet is parsed only if it is read. It counts what it reads whole
    before parsing it (:class:`_Parts`), the shared texts before reading them, and the
    sheets (:data:`MAX_PART_ELEMENTS`, :data:`MAX_SHARED_STRINGS`, :data:`MAX_SHEETS`):
    past a limit, :class:`UnreadableTable` (of a problem not naming the file), which
    openpyxl lets through. Links to other workbooks are not read.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.xml.constants import SHARED_STRINGS

    class Sheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            pass  # dimensions unknown: each row as long as its last cell

    class Reader(ExcelReader):
        def __init__(self, data: bytes, data_only: bool) -> None:
            super().__init__(
                io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False
            )
            self.archive.close()
            self.archive = _Parts(io.BytesIO(data))

        def read_strings(self) -> None:
            # the part openpyxl reads, found as it finds it
            parts = (p.PartName for p in self.package.Override if p.ContentType == SHARED_STRINGS)
            if part := next(parts, None):
                with self.archive.open(part[1:]) as texts:
                    if _count(texts, MAX_SHARED_STRINGS, "si") > MAX_SHARED_STRINGS:
                        message = _("more shared texts than {most:,} ({limit})").format(
                            most=MAX_SHARED_STRINGS, limit="hdnd.io.xlsx.MAX_SHARED_STRINGS"
                        )
                        raise UnreadableTable(Problem(message=message))
            super().read_strings()

        def read_worksheets(self) -> None:  # as openpyxl's, read only, with Sheet
            found = list(self.parser.find_sheets())
            if len(found) > MAX_SHEETS:
                message = _("more sheets than {most:,} ({limit})").format(
                    most=MAX_SHEETS, limit="hdnd.io.xlsx.MAX_SHEETS"
                )
                raise UnreadableTable(Problem(message=message))
            for sheet, rel in found:
                if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                    read = Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                    self.wb._sheets.append(read)  # type: ignore[attr-defined]  # as openpyxl does

    return Reader


def _open(data: bytes, data_only: bool) -> Workbook:
    reader = _reader()(data, data_only)
    reader.read()
    return reader.wb


@attrs.frozen
class _Sheets:
    """The sheets of a workbook as hdnd sees them."""

    cells: Mapping[str, Cells | Problem]  # by collection key (and _meta): the rows, or why not
    titles: Mapping[str, str]  # the title of each of those sheets, by the same key
    others: Sequence[str]  # the titles of the sheets not read


def _sheet_key(title: str) -> str | None:
    """What a sheet titled ``title`` holds: a collection key, :data:`META_SHEET`, or None."""
    return META_SHEET if title == META_SHEET else table_key(title)


def _sheets(data: bytes, name: str) -> _Sheets:
    """The cells of the sheets hdnd reads (or why not), their titles, and the others' titles.

    Formulas are found in a first reading; only if there are any is the workbook read
    again with ``data_only`` for their results (which the first reading cannot give:
    with ``data_only`` alone, a formula without a result looks like an empty cell).
    Other sheets (the README, unknown ones) are never read. Two sheets of one record
    type (its key and its Vietnamese title, or one name twice) are a problem: which one
    to read?
    """
    book = _open(data, data_only=False)
    formulas: dict[str, set[tuple[int, int]]] = {}
    sheets: dict[str, Cells | Problem] = {}
    titles: dict[str, str] = {}
    others = []
    tally = _Tally()
    for sheet in book.worksheets:
        place = Place(name, sheet.title)
        key = _sheet_key(sheet.title)
        if key is None:
            others.append(sheet.title)
        elif key in sheets:
            first = titles[key]
            sheets[key] = place.problem(
                _("two sheets of this name: refusing to pick one")
                if first == sheet.title
                else _(
                    "two sheets of {key}, {first!r} and {second!r}: refusing to pick one"
                ).format(key=key, first=first, second=sheet.title)
            )
            formulas.pop(key, None)
        else:
            titles[key] = sheet.title
            try:
                sheets[key] = _cells(sheet, place, formulas.setdefault(key, set()), tally)
            except UnreadableTable as e:
                sheets[key] = e.problem
                formulas.pop(key)
            except MemoryError:
                raise out_of_memory(name, sheet.title) from None
    book.close()
    if any(formulas.values()):
        book = _open(data, data_only=True)
        for key, cells in formulas.items():
            if cells:
                rows = sheets[key]
                assert not isinstance(rows, Problem)  # those have no formulas noted
                for r, c, value in _results(book[titles[key]], cells):
                    rows[r][c] = value
        book.close()
    return _Sheets(sheets, titles, others)


def _not_labels(columns: Sequence[Column], rows: Cells) -> bool:
    """Whether row 2 holds something else than the column names (a record, probably)."""
    header, labels = rows.get(1, []), rows.get(2, [])
    for i, cell in enumerate(labels):
        name = str(header[i]).strip() if i < len(header) and header[i] is not None else ""
        column = column_named(columns, name) if name else None
        if cell is None or column is None:
            continue
        if not isinstance(cell, str) or not _same(cell, column.label):
            return True
    return False


def _same(a: str, b: str) -> bool:
    return normalize_text(a).casefold() == normalize_text(b).casefold()


def _table(place: Place, columns: Sequence[Column], rows: Cells | Problem) -> Table | Problem:
    if isinstance(rows, Problem):
        return rows
    if not rows:
        return (), ()
    if _not_labels(columns, rows):
        return place.problem(
            _(
                "row 2 should hold the column names ({first}, ...) and is not read:"
                " records start at row {row}"
            ).format(first=columns[0].label, row=_FIRST_ROW),
            2,
        )
    return rows.get(1, []), [(r, cells) for r, cells in sorted(rows.items()) if r >= _FIRST_ROW]


def _workbook_bytes(source: PathLike | IO[bytes], name: str) -> bytes:
    """The workbook's bytes, unless it is larger than :data:`MAX_WORKBOOK_BYTES`."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as f:
            data = f.read(MAX_WORKBOOK_BYTES + 1)
    else:
        data = source.read(MAX_WORKBOOK_BYTES + 1)
    if len(data) > MAX_WORKBOOK_BYTES:
        message = _(
            "a workbook larger than {most} MiB ({limit}): convert it to CSV tables to read it"
        ).format(most=MAX_WORKBOOK_BYTES // 2**20, limit="hdnd.io.xlsx.MAX_WORKBOOK_BYTES")
        raise InvalidData([Problem(file=name, message=message)])
    try:
        archive = open_zip(
            io.BytesIO(data),
            name,
            max_entries=MAX_ZIP_ENTRIES,
            max_unpacked=MAX_UNPACKED_BYTES,
            max_ratio=MAX_COMPRESSION_RATIO,
        )
    except UNPACK_ERRORS:
        return data  # openpyxl says what is wrong with it
    if isinstance(archive, Problem):
        raise InvalidData([archive])
    with archive:
        problem = next(filter(None, (_doctype(archive, m, name) for m in archive.infolist())), None)
    if problem is not None:
        raise InvalidData([problem])
    return data


def _doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> Problem | None:
    """A problem if ``member``, a part of a workbook, declares a document type.

    Workbooks never do; a document type's entities can expand a few bytes into
    gigabytes ("billion laughs"), which the XML parser stops only after hundreds of
    mebibytes. Only the part's prolog, before its root element, is read.
    """
    if not member.filename.endswith((".xml", ".rels", ".vml")):
        return None
    try:
        with archive.open(member) as part:
            refused = declares_doctype(part)
    except UNPACK_ERRORS:
        return None  # openpyxl says what is wrong with it
    if refused:
        return Problem(
            file=name,
            path=(member.filename,),
            message=_(
                "refusing an XML document type declaration (<!DOCTYPE) or a prolog of over"
                " 64 KiB: workbooks have neither, and entities can expand without end"
            ),
        )
    return None


def read_workbook(source: PathLike | IO[bytes], file: str | None = None) -> Dataset:
    """Read a workbook (a path or a binary file); ``file`` names it in problems.

    Raises :class:`~hdnd.errors.InvalidData` with every problem. A workbook is held
    in memory while it is read: its size, what it unpacks to and its rows are
    limited (:data:`MAX_WORKBOOK_BYTES`, :data:`MAX_UNPACKED_BYTES`,
    :data:`MAX_ROWS`...), and checked before anything is unpacked.

    >>> import io
    >>> read_workbook(io.BytesIO(b"PK not really"), "q1.xlsx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: q1.xlsx: not an Excel workbook (.xlsx) ...
    """
    require_openpyxl()
    name = file if file is not None else str(source)
    data = _workbook_bytes(source, name)
    try:
        found = _sheets(data, name)
    except InvalidData:
        raise
    except UnreadableTable as e:  # a limit on the whole workbook
        raise InvalidData([attrs.evolve(e.problem, file=name)]) from None
    except MemoryError:
        raise out_of_memory(name) from None
    # openpyxl reports a damaged or foreign file with all kinds of exceptions
    except Exception as e:
        raise InvalidData(
            [
                Problem(
                    file=name,
                    message=_(
                        "not an Excel workbook (.xlsx) that can be read ({error});"
                        " an old .xls workbook must be saved as .xlsx first"
                    ).format(error=e),
                )
            ]
        ) from None
    sheets = found.cells
    places = {c.key: Place(name, found.titles.get(c.key, c.key)) for c in COLLECTIONS}
    asm = Assembler(
        name, "table", tables={k: (name, p.sheet) for k, p in places.items()}, spreadsheet=True
    )
    meta = Place(name, META_SHEET)
    if META_SHEET not in sheets:
        asm.problems.append(
            Place(name).problem(
                _(
                    "not an hdnd workbook: the hidden sheet {sheet!r}, which names the data"
                    " format version, is missing (start from the workbook `hdnd template` writes)"
                ).format(sheet=META_SHEET)
            )
        )
    else:
        table = _table(meta, [META_COLUMN], sheets[META_SHEET])
        version = table if isinstance(table, Problem) else read_meta(meta, *table)
        if isinstance(version, Problem):  # a readable version is read as the current one:
            asm.problems.append(version)  # no step renames a column
    asm.problems.extend(
        _unknown_sheet(name, title) for title in found.others if title != README_SHEET
    )
    tables = {
        key: _table(places[key], COLUMNS[key], rows)
        for key, rows in sheets.items()
        if key in places
    }
    try:
        return read_tables(asm, places, tables)
    except MemoryError:
        raise out_of_memory(name) from None


_SHEET_NAMES: Final = (
    README_SHEET,
    *(c.key for c in COLLECTIONS),
    *(r.sheet_title for r in RECORDS),
)


def _unknown_sheet(file: str, title: str) -> Problem:
    """A sheet that is no record type's: its rows would be dropped without a word."""
    like = closest(title, _SHEET_NAMES)
    message = (
        _("unknown sheet, not read; did you mean {like!r}?").format(like=like)
        if like
        else _(
            "unknown sheet, not read; a workbook holds only the sheets of `hdnd template`,"
            " each named by its record type's identifier (receptions) or Vietnamese title"
            " (Tiếp công dân)"
        )
    )
    return Place(file, title).problem(message)


# ------------------------------------------------------------------------- writing


def _choice_rows(cls: type[LabelledEnum] | None) -> Sequence[tuple[str, str, str]]:
    """A choice's allowed values: identifier, Vietnamese and English label."""
    if cls is None:
        return YES_NO
    return [(m.value, m.label_vi, m.label_en) for m in cls]


_README_WIDTHS: Final = {"A": 32, "B": 30, "C": 30, "D": 30, "E": 40, "F": 22}
_PARAGRAPH_CHARACTERS: Final = 180  # a line of a paragraph across columns A to F, about


def _write_readme(sheet: Worksheet) -> dict[type[LabelledEnum] | None, str]:
    """Fill the README; the cell range of each choice's Vietnamese labels, by choice.

    ``None`` stands for yes/no: the drop-down lists take their values from these ranges.
    """
    from openpyxl.styles import Font

    sheet.append(["Mẫu nhập liệu hoạt động của Hội đồng nhân dân / People's Council activity"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"hdnd — phiên bản định dạng dữ liệu / data format version: {SCHEMA_VERSION}"])
    _readme_prose(sheet)
    _readme_sheets(sheet)
    _readme_examples(sheet)
    _readme_columns(sheet)
    ranges = _readme_choices(sheet)
    for j in range(1, 1 + max(map(len, COLUMNS.values()))):
        letter = _letter(j)
        sheet.column_dimensions[letter].width = _README_WIDTHS.get(letter, 22)
    sheet.protection.sheet = True
    return ranges


def _paragraph(sheet: Worksheet, text: str) -> None:
    """A line of prose, wrapped across the README's first columns (not one long cell)."""
    from openpyxl.styles import Alignment

    sheet.append([text])
    row = sheet.max_row
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(_README_WIDTHS))
    sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    lines = -(-len(text) // _PARAGRAPH_CHARACTERS)
    sheet.row_dimensions[row].height = _LINE_HEIGHT * lines  # Excel sizes no merged cell


def _as_high(sheet: Worksheet, row: int, value: object) -> None:
    """Make ``row`` as high as the lines of the text ``value`` (Excel sizes no row to the
    lines of its cells when opening a file, and LibreOffice draws them over the next row)."""
    if isinstance(value, str) and "\n" in value:
        dimension = sheet.row_dimensions[row]
        dimension.height = max(dimension.height or 0, _LINE_HEIGHT * (value.count("\n") + 1))


def _letter(column: int) -> str:
    """The letter of a column, by number (1: ``A``)."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


def _heading(sheet: Worksheet, *cells: str) -> None:
    """A bold line, after an empty one."""
    from openpyxl.styles import Font

    sheet.append([])
    sheet.append(list(cells))
    for j in range(1, len(cells) + 1):
        sheet.cell(sheet.max_row, j).font = Font(bold=True)


def _readme_prose(sheet: Worksheet) -> None:
    """The steps and how to fill in the workbook, in Vietnamese, then in English."""
    words = {
        "councils": spec_of("councils").sheet_title,
        "listed": f"{_LISTED_IDS:,}",
        "listed_vi": f"{_LISTED_IDS:,}".replace(",", "."),  # 10.000
    }
    for title, *lines in _HOW_TO:
        _heading(sheet, title)
        for line in lines:
            _paragraph(sheet, f"• {line.format(**words)}")


def _readme_sheets(sheet: Worksheet) -> None:
    """The table of sheets: each record type's sheet, identifier and English title."""
    _heading(sheet, "Các sheet / Sheets", "Mã / Identifier", "Contents")
    for r in RECORDS:
        sheet.append([r.sheet_title, r.key, r.title_en])


def _readme_examples(sheet: Worksheet) -> None:
    """One filled row per sheet, under its column names, as the cells of its sheet show it."""
    from openpyxl.styles import Alignment, Font, PatternFill

    _heading(sheet, "Ví dụ: một dòng đã điền cho mỗi sheet / Example: a filled row per sheet")
    _paragraph(
        sheet,
        "Chỉ để xem cách điền: các dòng ở đây không được đọc. Số liệu minh họa của HĐND thành "
        "phố, quý I/2023. / To show how cells are filled in: these rows are not read.",
    )
    names = (PatternFill("solid", fgColor="F2F2F2"), Font(italic=True))
    filled = PatternFill("solid", fgColor="FFF2CC")
    examples = _examples()
    for r in RECORDS:
        _heading(sheet, r.sheet_title, r.title_en)
        columns = COLUMNS[r.key]
        for record in getattr(examples, r.key):  # a type gives one, or none
            row = sheet.max_row + 1
            sheet.row_dimensions[row].height = 2 * _LINE_HEIGHT  # two lines, as row 2 of a sheet
            for j, column in enumerate(columns, start=1):
                name = sheet.cell(row, j, column.label)
                name.fill, name.font = names
                name.alignment = Alignment(wrap_text=True, vertical="top")
                value = sheet.cell(row + 1, j, _value(record, column))
                value.fill, value.number_format = filled, _FORMATS[column.kind]
                value.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
                _as_high(sheet, row + 1, value.value)


@functools.cache
def _examples() -> Dataset:
    """The README's example records, one of each type that gives one
    (:attr:`hdnd.spec.RecordSpec.example`), checked as a file would be."""
    import orjson

    from hdnd.io.jsondoc import read_document

    examples = {r.key: [r.example] for r in RECORDS if r.example}
    document = {"schema_version": SCHEMA_VERSION, **examples}
    return read_document(orjson.dumps(document), "the record types' examples")


def _kind_words(key: str, column: Column) -> str:
    """What a column holds, in Vietnamese and English, for the table of columns."""
    refers_to = dict(spec_of(key).references).get(column.name)
    if refers_to is not None:
        on = spec_of(refers_to).sheet_title
        if column.kind == "list":
            return f"mã ở sheet {on}, mỗi mã một dòng / ids on the sheet {on}, one a line"
        return f"chọn mã ở sheet {on} / an id on the sheet {on}"
    vi, en = _KIND_NAMES[column.kind]
    return f"{vi} / {en}" + (f" ({column.choices.__name__})" if column.choices else "")


def _readme_columns(sheet: Worksheet) -> None:
    """The table of columns: each sheet's columns, their names, what they hold."""
    _heading(
        sheet,
        "Sheet",
        "Cột / Column",
        "Tên cột",
        "Column name",
        "Kiểu / Type",
        "Bắt buộc / Required",
    )
    for r in RECORDS:
        for col in COLUMNS[r.key]:
            sheet.append(
                [
                    r.sheet_title,
                    col.name,
                    col.label_vi,
                    col.label_en,
                    _kind_words(r.key, col),
                    "có / yes" if col.required else "",
                ]
            )


def _readme_choices(sheet: Worksheet) -> dict[type[LabelledEnum] | None, str]:
    """The allowed values of each choice; the cells of its Vietnamese labels, by choice."""
    _heading(sheet, "Giá trị cho phép / Allowed values")
    ranges: dict[type[LabelledEnum] | None, str] = {}
    choices = [
        None,
        *dict.fromkeys(col.choices for cols in COLUMNS.values() for col in cols if col.choices),
    ]
    for cls in choices:
        _heading(sheet, cls.__name__ if cls else "có / không — yes / no")
        sheet.append(["Mã / Identifier", "Tiếng Việt", "English"])
        first = sheet.max_row + 1
        for row in _choice_rows(cls):
            sheet.append(list(row))
        ranges[cls] = f"'{README_SHEET}'!$B${first}:$B${sheet.max_row}"
    return ranges


def _value(record: Record, column: Column) -> str | int | dt.date | None:
    """A field's value as its cell holds it."""
    value = getattr(record, column.name)
    if value is None:
        return None
    if column.kind == "choice":
        return str(value.label_vi)
    if column.kind == "bool":
        return YES_NO[0][1] if value else YES_NO[1][1]
    if column.kind == "list":  # an item a line, as the README tells a clerk to type them
        return list_text(value, lines=True) if value else None
    if column.kind == "text":
        return str(value)  # a document number: its canonical text
    if column.kind == "date" and value < _FIRST_EXCEL_DATE:
        return str(value.isoformat())  # Excel has no date cells before 1900: text, read back
    return typing.cast(int | dt.date, value)  # whole numbers and dates go in as they are


@attrs.frozen
class _Lists:
    """The cells each drop-down list takes its values from (as a formula names them)."""

    choices: Mapping[type[LabelledEnum] | None, str]
    """A choice's Vietnamese labels on the README, by enumeration (``None``: yes/no)."""
    ids: Mapping[str, str]
    """The id column of a record type's sheet, by tag: what a reference to it may name."""


def _quoted(title: str) -> str:
    """A sheet's title as a formula names it: in quotes, its own quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


def _id_column(key: str) -> str:
    """The letter of the id column of the sheet of ``key``."""
    return _letter(1 + [c.name for c in COLUMNS[key]].index("id"))


def _id_lists(dataset: Dataset) -> dict[str, str]:
    """The cells a reference to each record type picks from, by tag: its sheet's ids,
    from row 3 down :data:`_LISTED_IDS` rows, or as many as ``dataset`` holds if more."""
    lists = {}
    for r in RECORDS:
        letter = _id_column(r.key)
        last = _FIRST_ROW - 1 + max(_LISTED_IDS, len(getattr(dataset, r.key)))
        lists[r.tag] = f"{_quoted(r.sheet_title)}!${letter}${_FIRST_ROW}:${letter}${last}"
    return lists


def _drop_down(column: Column, refers_to: str | None, lists: _Lists) -> DataValidation | None:
    """The drop-down list of a column: a choice's labels, or the ids a reference may name.

    A choice only warns when a value is not on its list, since the reader takes more
    spellings (``dinh ky``, English labels). A reference stops it: the record it names
    must be on its sheet of the same workbook, or reading refuses the workbook. A list
    of references (several ids in a cell) has none.
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.kind in ("choice", "bool"):
        return DataValidation(
            type="list",
            formula1=lists.choices[column.choices],
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=_NOT_LISTED,
            error=_NOT_A_CHOICE,
        )
    if refers_to is not None and column.kind == "text":
        target = spec_of(refers_to)
        return DataValidation(
            type="list",
            formula1=lists.ids[refers_to],
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=_NOT_LISTED,
            error=_NOT_AN_ID.format(sheet=target.sheet_title, column=_id_column(target.key)),
        )
    return None


def _write_sheet(
    sheet: Worksheet,
    key: str,
    records: Sequence[Record],
    lists: _Lists,
    problems: list[Problem],
) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill

    columns = COLUMNS[key]
    references = dict(spec_of(key).references)
    required = (PatternFill("solid", fgColor="1F4E78"), Font(bold=True, color="FFFFFF"))
    optional = (PatternFill("solid", fgColor="DDEBF7"), Font(bold=True))
    label_fill, label_font = PatternFill("solid", fgColor="F2F2F2"), Font(italic=True)
    for j, col in enumerate(columns, start=1):
        head = sheet.cell(1, j, col.name)
        head.fill, head.font = required if col.required else optional
        label = sheet.cell(2, j, col.label)
        label.fill, label.font = label_fill, label_font
        label.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 2 * _LINE_HEIGHT
    for r, record in enumerate(records, start=_FIRST_ROW):
        for j, col in enumerate(columns, start=1):
            value = _value(record, col)
            if value is None:
                continue
            cell = sheet.cell(r, j)
            if isinstance(value, str):
                if len(value) > _MAX_TEXT or ILLEGAL_CHARACTERS_RE.search(value):
                    problems.append(
                        Problem(
                            sheet=sheet.title,
                            line=r,
                            path=(col.name,),
                            record_id=record.id,
                            message=_(
                                "text Excel cannot hold (control characters, or more than"
                                " {most} characters)"
                            ).format(most=_MAX_TEXT),
                        )
                    )
                    continue
                cell.value = value
                cell.data_type = "s"  # openpyxl takes text starting with "=" for a formula
                cell.quotePrefix = value.startswith(FORMULA_STARTS)
                if "\n" in value:  # shown as the lines it holds
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    _as_high(sheet, r, value)
            else:
                cell.value = value
            cell.number_format = _FORMATS[col.kind]
    sample = [*records[:100], *getattr(_examples(), key)]  # the template too: real values
    for j, col in enumerate(columns, start=1):
        letter = _letter(j)
        sheet.column_dimensions[letter].number_format = _FORMATS[col.kind]
        sheet.column_dimensions[letter].width = _width(col, sample)
        allowed = _drop_down(col, references.get(col.name), lists)
        if allowed is not None:
            allowed.add(f"{letter}{_FIRST_ROW}:{letter}{_LAST_ROW}")
            sheet.add_data_validation(allowed)
    sheet.freeze_panes = f"B{_FIRST_ROW}"


def _width(column: Column, sample: Sequence[Record]) -> float:
    """Wide enough for the identifier, the longer name and the values of ``sample`` (a date
    takes 12 characters, as wide fonts show it); at most 50."""
    values = (_value(r, column) for r in sample)
    longest = max(
        [len(column.name), len(column.label_vi), len(column.label_en), 12]
        + [max(map(len, v.splitlines())) if isinstance(v, str) else 12 for v in values]
    )
    return min(longest + 2, 50)


def _unreadable(dataset: Dataset) -> list[Problem]:
    """Why :func:`read_workbook`, under its limits, would refuse the workbook of ``dataset``.

    A sheet of more than :data:`MAX_ROWS` rows, or more than :data:`MAX_CELLS` cells in
    the sheets read: written, such a workbook could not be read back.
    """
    problems = []
    instead = _("write it as .jsonl, .parquet or CSV tables instead")
    sheets = [(c.key, len(getattr(dataset, c.key)), len(COLUMNS[c.key])) for c in COLLECTIONS]
    cells = 0
    for key, records, columns in [*sheets, (META_SHEET, 1, 1)]:
        rows = records + _FIRST_ROW - 1
        cells += rows * columns
        if rows > MAX_ROWS:
            problems.append(
                Problem(
                    path=(key,),
                    message=_(
                        "refusing to write {records:,} records in a sheet: a workbook's sheet is"
                        " read with at most {most:,} rows, the two header rows included"
                        " ({limit}); {instead}"
                    ).format(
                        records=records,
                        most=MAX_ROWS,
                        limit="hdnd.io.xlsx.MAX_ROWS",
                        instead=instead,
                    ),
                )
            )
    if cells > MAX_CELLS and not problems:  # long sheets, said already, are the cause
        problems.append(
            Problem(
                message=_(
                    "refusing to write a workbook of {cells:,} cells: a workbook is read with at"
                    " most {most:,} ({limit}); {instead}"
                ).format(
                    cells=cells, most=MAX_CELLS, limit="hdnd.io.xlsx.MAX_CELLS", instead=instead
                )
            )
        )
    return problems


def write_workbook(dataset: Dataset, out: IO[bytes]) -> None:
    """Write ``dataset`` as a workbook to a binary stream, in the template's layout.

    Raises :class:`~hdnd.errors.InvalidData`, before writing anything, if the workbook
    could not be read back under :func:`read_workbook`'s limits (:data:`MAX_ROWS` rows in
    a sheet, :data:`MAX_CELLS` cells), and if a text cannot go into a cell (control
    characters, or more than 32,767 characters).

    >>> import io
    >>> buf = io.BytesIO()
    >>> write_workbook(Dataset(), buf)
    >>> buf.getvalue()[:2]
    b'PK'
    """
    require_openpyxl()
    if refused := _unreadable(dataset):
        raise InvalidData(refused)
    from openpyxl import Workbook

    book = Workbook()
    readme = book.worksheets[0]
    readme.title = README_SHEET
    lists = _Lists(_write_readme(readme), _id_lists(dataset))
    problems: list[Problem] = []
    for r in RECORDS:
        sheet = book.create_sheet(r.sheet_title)
        _write_sheet(sheet, r.key, getattr(dataset, r.key), lists, problems)
    if problems:
        raise InvalidData(problems)
    meta = book.create_sheet(META_SHEET)
    meta.append([META_COLUMN.name])
    meta.append([META_COLUMN.label])
    meta.append([dataset.schema_version])
    meta.sheet_state = "hidden"
    write_whole(out, book.save)


def write_template(path: PathLike) -> None:
    """Write the empty workbook an office fills in (:func:`write_workbook` of no records).

    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "mau.xlsx"
    >>> write_template(out)
    >>> out.stat().st_size > 0
    True
    """
    write_atomic(path, lambda f: write_workbook(Dataset(), f))
