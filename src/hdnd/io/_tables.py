"""Tables of records: what CSV files and workbooks share, and how their rows become records.

A table holds the records of one type: row 1 names the columns with the field
identifiers of docs/format.md (:data:`COLUMNS`, in docs/format.md order), then one record a
row, one field a column. Columns may come in any order; a missing optional column
means the field is absent in every row. Fully empty rows are skipped.

A cell is read by its column's kind (:func:`cell_value`), leniently, since people
fill tables by hand (the rules are listed for users in :mod:`hdnd.io.csvtables`);
what cannot be read as the kind is passed on as it is, so that the converter's one
set of rules (:mod:`hdnd.converter`) judges every value, and a row becomes a record
through the same :class:`~hdnd.io._assemble.Assembler` as JSON does. Choices and
yes/no cells are the exception: what is not one of their values is an
:class:`Unreadable` cell, whose message is in the words the drop-down offers (the
Vietnamese labels, ``có``/``không``), not in JSON's.

>>> from hdnd.io._tables import COLUMNS, cell_value
>>> turns = next(c for c in COLUMNS["receptions"] if c.name == "turns")
>>> turns.kind, turns.required, turns.label
('whole', True, 'Lượt / Turns')
>>> cell_value(5.0, turns), cell_value(" 7 ", turns), cell_value(5.5, turns)
(5, 7, 5.5)
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import itertools
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Final

import attrs
import orjson

from hdnd._lookalike import fold_label
from hdnd.converter import describe_json
from hdnd.dataset import (
    COLLECTIONS,
    SUPPORTED_SCHEMA_VERSIONS,
    Collection,
    Dataset,
    readable_versions,
)
from hdnd.dates import InvalidDate, parse_date
from hdnd.enums import LabelledEnum
from hdnd.errors import InvalidData, Path, Problem
from hdnd.i18n import N_
from hdnd.i18n import gettext as _
from hdnd.io._assemble import Assembler
from hdnd.io.sources import column_letter
from hdnd.model import RECORD_TYPE, normalize_text
from hdnd.spec import RECORDS, FieldSpec, Kind

__all__ = [
    "COLUMNS",
    "FORMULA_STARTS",
    "META_COLUMN",
    "UNPACK_ERRORS",
    "YES_NO",
    "YES_NO_MARKS",
    "Column",
    "Kind",
    "Place",
    "Unreadable",
    "UnreadableTable",
    "cell_value",
    "closest",
    "column_named",
    "counted",
    "list_text",
    "misspelt_table",
    "out_of_memory",
    "read_meta",
    "read_table",
    "read_tables",
    "table_key",
]

Row = tuple[int, Sequence[object]]
"""A row of a table: its number as a spreadsheet shows it, and its cells."""

Table = tuple[Sequence[object], Iterable[Row]]
"""A table as read: its header (row 1) and its data rows."""

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "'")
"""How text starts that a spreadsheet could run as a formula, and ``'``, which marks text.

Writers neutralise such text: CSV with a ``'`` in front
(:func:`hdnd.io.csvtables.escape_cell`), workbooks by typing the cell as text.
"""


@attrs.frozen
class Column:
    """One column of a table: a record field, how its cells read, and its names.

    >>> level = COLUMNS["councils"][2]
    >>> level.name, level.kind, level.choices.__name__, level.label
    ('level', 'choice', 'Level', 'Cấp / Level')
    """

    name: str
    kind: Kind
    required: bool
    label_vi: str
    label_en: str
    choices: type[LabelledEnum] | None = None
    # For a list of record type tags (a coverage record's): each tag by its folded names.
    record_types: Mapping[str, str] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def label(self) -> str:
        """The column's names for people: ``"Vietnamese / English"``.

        >>> META_COLUMN.label
        'Phiên bản định dạng / Format version'
        """
        return f"{self.label_vi} / {self.label_en}"


# A record type in a cell, as a clerk may name it: by its tag, its sheet's name or a title.
_RECORD_TYPES: Final = {
    fold_label(name): r.tag
    for r in RECORDS
    for name in (r.tag, r.key, r.title_vi, r.title_en, r.sheet_title)
}


def _column(field: FieldSpec) -> Column:
    return Column(
        field.name,
        field.kind,
        field.required,
        field.label_vi,
        field.label_en,
        field.choices,
        _RECORD_TYPES if RECORD_TYPE in field.rules else None,
    )


COLUMNS: Final[Mapping[str, tuple[Column, ...]]] = {
    r.key: tuple(map(_column, r.fields)) for r in RECORDS
}
"""The columns of each table, by collection key, in docs/format.md's field order.

>>> [c.name for c in COLUMNS["people"]]
['id', 'full_name', 'other_posts']
"""

META_COLUMN: Final = Column(
    "schema_version", "whole", True, "Phiên bản định dạng", "Format version"
)
"""The one column of the table that names the data format version.

>>> META_COLUMN.name
'schema_version'
"""


@attrs.frozen
class Unreadable:
    """A cell whose content cannot be read at all (an Excel error, an unknown date...).

    >>> date = next(c for c in COLUMNS["receptions"] if c.name == "date")
    >>> cell_value("31/02/2023", date)
    Unreadable(message="day must be 1–28 in 02/2023, got 31 in '31/02/2023'")
    """

    message: str


_WHOLE = re.compile(r"[+-]?[0-9]+")
YES_NO: Final = (("true", "có", "yes"), ("false", "không", "no"))
"""The words of a yes/no cell, yes then no: JSON's, Vietnamese (the drop-down's), English.

A cell may also hold a mark or a letter (:data:`YES_NO_MARKS`); every word is read in
any case, accents or not (:func:`~hdnd._lookalike.fold_label`).

>>> cell_value("KHÔNG", COLUMNS["petitions"][6]), cell_value("co", COLUMNS["petitions"][6])
(False, True)
"""
YES_NO_MARKS: Final = (("c", "x", "✓", "✔", "1"), ("k", "0"))
"""What else a yes/no cell may hold, yes then no: a tick, the first letters, 1 and 0.

>>> cell_value("✓", COLUMNS["petitions"][6]), cell_value(0, COLUMNS["petitions"][6])
(True, False)
"""
_YES_NO_READ: Final[Mapping[str, bool]] = {
    text: answer
    for words, marks, answer in zip(YES_NO, YES_NO_MARKS, (True, False), strict=True)
    for word in (*words, *marks)
    for text in (word, fold_label(word))
}


# JSON tools read whole numbers of 64 bits; a longer one is a typo, and converting
# thousands of digits would be slow (Python refuses past 4,300).
_MAX_WHOLE: Final = 2**63 - 1
_TOO_LARGE: Final = N_("too large a whole number: more than {most:,}")


def _too_large() -> Unreadable:
    return Unreadable(_(_TOO_LARGE).format(most=_MAX_WHOLE))


def _whole(value: object, _column: Column) -> object:
    if isinstance(value, str) and _WHOLE.fullmatch(text := value.strip()):
        if len(text.lstrip("+-").lstrip("0")) > len(str(_MAX_WHOLE)):
            return _too_large()
        value = int(text)
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _MAX_WHOLE:
        return _too_large()
    return value


def _shown(value: object) -> str:
    """A cell's content, quoted, for a message; cut short if long."""
    text = str(value)
    return repr(text) if len(text) <= 60 else f"{text[:60]!r}…"


def _yes_no(text: str) -> bool | None:
    answer = _YES_NO_READ.get(text)  # as the drop-down writes it: no need to fold
    return _YES_NO_READ.get(fold_label(text)) if answer is None else answer


def _bool(value: object, _column: Column) -> object:
    if isinstance(value, bool):  # a workbook's TRUE/FALSE cell
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return value == 1
    answer = _yes_no(value) if isinstance(value, str) else None
    if answer is None:
        return Unreadable(
            _("expected {yes} or {no}, got {value}").format(
                yes=YES_NO[0][1], no=YES_NO[1][1], value=_shown(value)
            )
        )
    return answer


def _date(value: object, _column: Column) -> object:
    if isinstance(value, dt.datetime):  # what a date cell holds; a time of day is not a date
        if value.time() != dt.time():
            return Unreadable(
                _("expected a date, got the date and time {value}").format(
                    value=value.isoformat(" ")
                )
            )
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return parse_date(value).isoformat()
        except InvalidDate as e:
            return Unreadable(str(e))
    return value


def _choice(value: object, column: Column) -> object:
    choices = column.choices
    if choices is None:  # a column of kind "choice" always has its choices
        return value
    text = str(value)  # a number or a date in the column is no label either
    member = choices.from_label(text)
    if member is not None:
        return member.value
    # Said in the words of the drop-down, the Vietnamese labels.
    close = choices.closest(text)
    allowed = ", ".join(m.label_vi for m in choices)
    message = (
        _("unknown value {value}; did you mean {close!r}? allowed: {allowed}")
        if close
        else _("unknown value {value}; allowed: {allowed}")
    )
    return Unreadable(
        message.format(value=_shown(value), close=close and close.label_vi, allowed=allowed)
    )


def _list(value: object, column: Column) -> object:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text.startswith("["):
        items: object = [line for line in text.splitlines() if line.strip()]
    else:
        try:
            items = orjson.loads(text)
        except orjson.JSONDecodeError as e:
            return Unreadable(
                _('expected a JSON array of text such as ["a", "b"]: {error}').format(error=e.msg)
            )
    names = column.record_types
    if names is None or not isinstance(items, list):
        return items
    # "Tiếp công dân" is the tag "reception"; what names no record type is left for the
    # rule to report
    return [names.get(fold_label(i), i) if isinstance(i, str) else i for i in items]


_READERS: Final[Mapping[Kind, Callable[[object, Column], object]]] = {
    "text": lambda value, _: value,
    "whole": _whole,
    "bool": _bool,
    "date": _date,
    "choice": _choice,
    "list": _list,
}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_value(value: object, column: Column) -> object:
    """The JSON value for the converter that a cell of ``column`` holds; ``None`` if empty.

    ``value`` is what the file holds: text from CSV, a typed value from a workbook.
    An :class:`Unreadable` cell, or one that cannot be read, gives an :class:`Unreadable`.

    >>> kind = next(c for c in COLUMNS["receptions"] if c.name == "kind")
    >>> cell_value("Định kỳ", kind), cell_value("unscheduled", kind), cell_value("  ", kind)
    ('periodic', 'unscheduled', None)
    >>> cell_value("dinh ki", kind), cell_value("thuong xuyen", kind)
    ('periodic', 'routine')
    >>> print(cell_value("đinh kyy", kind).message)
    unknown value 'đinh kyy'; did you mean 'định kỳ'? allowed: định kỳ, đột xuất, thường xuyên
    >>> posts = COLUMNS["people"][2]
    >>> cell_value('["Bí thư, Chủ tịch"]', posts), cell_value("Bí thư\\nChủ tịch", posts)
    (['Bí thư, Chủ tịch'], ['Bí thư', 'Chủ tịch'])
    >>> covered = next(c for c in COLUMNS["coverage"] if c.name == "record_types")
    >>> cell_value("Tiếp công dân\\nđơn thư\\nvoter_petition\\nthư", covered)
    ['reception', 'petition', 'voter_petition', 'thư']
    """
    if _blank(value):
        return None
    if isinstance(value, Unreadable):
        return value
    return _READERS[column.kind](value, column)


def list_text(items: Iterable[str], lines: bool = False) -> str:
    """A list of text as one cell: a JSON array, which any item's characters fit in; with
    ``lines``, an item a line, as a clerk types them in a workbook (Alt+Enter), wherever
    that reads back the same (every item on one line, the first not opening an array).

    >>> print(list_text(["Bí thư, \\"Đảng ủy\\"", "Ủy viên"]))
    ["Bí thư, \\"Đảng ủy\\"","Ủy viên"]
    >>> print(list_text(["Bí thư Đảng ủy", "Ủy viên"], lines=True))
    Bí thư Đảng ủy
    Ủy viên
    >>> print(list_text(["[1] Bí thư", "Ủy viên"], lines=True))
    ["[1] Bí thư","Ủy viên"]
    """
    items = list(items)
    readable = lines and items and not items[0].startswith("[")
    if readable and all(len(item.splitlines()) == 1 for item in items):
        return "\n".join(items)
    return orjson.dumps(items).decode()


UNPACK_ERRORS: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # a compression method zipfile lacks
    RuntimeError,  # an encrypted member
    EOFError,
    OSError,
    ValueError,  # offsets that point before the start of the file, among others
    zlib.error,
    lzma.LZMAError,
)
"""What a damaged or unusual zip (CSV tables, a workbook) raises, opened or unpacked.

>>> import io, zipfile
>>> try:
...     zipfile.ZipFile(io.BytesIO(b"PK not a zip"))
... except UNPACK_ERRORS as e:
...     print(type(e).__name__)
BadZipFile
"""


def out_of_memory(file: str | None, sheet: str | None = None) -> InvalidData:
    """The error for input that ran out of memory while being read (a :class:`MemoryError`).

    Readers catch it where they can still name the file, so that input too large for
    the machine is a located problem (exit status 2), not a traceback.

    >>> print(out_of_memory("q1.xlsx", "receptions"))
    q1.xlsx, sheet receptions: too large to read in the memory available (out of memory)
    """
    message = _("too large to read in the memory available (out of memory)")
    return InvalidData([Place(file, sheet).problem(message)])


class UnreadableTable(Exception):
    """Raised by a table's rows when the rest of the table cannot be read; holds why.

    >>> raise UnreadableTable(Place("people.csv").problem("invalid CSV", 3))
    Traceback (most recent call last):
    ...
    hdnd.io._tables.UnreadableTable: people.csv, row 3: invalid CSV
    """

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@attrs.frozen
class Place:
    """Where a table is: its file, and its sheet in a workbook; whether a clerk sees it
    in a spreadsheet (a workbook, CSV; not Parquet), with rows and column letters.

    >>> from hdnd import i18n
    >>> with i18n.language("en"):
    ...     print(Place("q1.xlsx", "receptions").problem("must be ≥ 0", 4, ("turns",), index=4,
    ...                                                  header="Lượt / Turns"))
    q1.xlsx, sheet receptions, row 4, column E (Turns): must be ≥ 0
    """

    file: str | None
    sheet: str | None = None
    spreadsheet: bool = True

    def problem(
        self,
        message: str,
        line: int | None = None,
        path: Path = (),
        record_id: str | None = None,
        *,
        index: int | None = None,
        header: str | None = None,
    ) -> Problem:
        """A problem in this table, at row ``line``, column ``path`` (the field), found at
        position ``index`` (from 0) under ``header``.

        >>> Place("receptions.csv").problem("unknown column", 1, ("turn",), index=3).column_letter
        'D'
        """
        return Problem(
            file=self.file,
            sheet=self.sheet,
            line=line,
            path=path,
            record_id=record_id,
            message=message,
            column_letter=None if index is None or not self.spreadsheet else column_letter(index),
            header=header if self.spreadsheet else None,
            in_table=self.spreadsheet,
        )

    def header(self, text: str, column: Column | None) -> str:
        """The header a clerk sees over a column named ``text`` in row 1: a workbook's row 2
        shows the column's names (``Công dân / Persons``); a CSV file only row 1.

        >>> persons = column_named(COLUMNS["receptions"], "persons")
        >>> Place("q1.xlsx", "receptions").header("persons", persons)
        'Công dân / Persons'
        >>> Place("receptions.csv").header("persons", persons)
        'persons'
        """
        return column.label if self.sheet is not None and column is not None else text

    def column_name(self, index: int) -> str:
        """A column without a name, for messages: by letter in a sheet, by number in CSV.

        >>> Place("x.xlsx", "people").column_name(27), Place("people.csv").column_name(27)
        ('column AB', 'column 28')
        """
        if self.sheet is None:
            return _("column {column}").format(column=index + 1)
        return _("column {column}").format(column=column_letter(index))


@attrs.frozen
class _Header:
    """What row 1 says: the known columns by position, and what is wrong with it."""

    columns: Mapping[int, Column]
    named: frozenset[int]  # positions of every named column, known or not
    missing: frozenset[str]  # required columns that are not there
    problems: Sequence[Problem]


def _fold(name: str) -> str:
    return normalize_text(name).casefold()


def _names(column: Column) -> tuple[str, ...]:
    """A column's names, folded, as the template's row 2 shows them: both, or either alone."""
    return tuple(_fold(n) for n in (column.label, column.label_vi, column.label_en))


@functools.cache
def _by_header(columns: tuple[Column, ...]) -> Mapping[str, Column]:
    """Each column by its identifier, and by its names (no two columns share one)."""
    return {**{n: c for c in columns for n in _names(c)}, **{c.name: c for c in columns}}


def column_named(columns: Sequence[Column], header: str) -> Column | None:
    """The column a header cell names: its identifier, or its names as the template's row 2
    writes them (``Vietnamese / English``, or either alone, in any case); ``None`` for an
    unknown header.

    >>> turns = column_named(COLUMNS["receptions"], "turns")
    >>> column_named(COLUMNS["receptions"], " lượt / TURNS ") == turns, turns.name
    (True, 'turns')
    >>> column_named(COLUMNS["receptions"], "Công dân").name
    'persons'
    >>> column_named(COLUMNS["receptions"], "turn") is None
    True
    """
    by_header = _by_header(tuple(columns))
    return by_header.get(header) or by_header.get(_fold(header))


def _like_column(header: str, absent: Sequence[Column]) -> str | None:
    """The identifier of the absent column whose identifier or name looks most like ``header``."""
    names = {n: c.name for c in reversed(absent) for n in (*_names(c), c.name)}
    close = difflib.get_close_matches(_fold(header), names, n=1)
    return names[close[0]] if close else None


def closest(name: str, known: Sequence[str]) -> str | None:
    """The known name most like ``name`` (compared in any case), for "did you mean …?".

    >>> closest("tiếp công dan", ["receptions", "Tiếp công dân"])
    'Tiếp công dân'
    >>> closest("Ghi chú", ["receptions", "petitions"]) is None
    True
    """
    folded = {_fold(k): k for k in reversed(known)}  # the first of names alike wins
    close = difflib.get_close_matches(_fold(name), folded, n=1)
    return folded[close[0]] if close else None


def _header(place: Place, cells: Sequence[object], columns: Sequence[Column]) -> _Header:
    by_name = {c.name: c for c in columns}
    seen: dict[str, int] = {}
    named: set[int] = set()
    problems: list[Problem] = []
    unknown: list[tuple[int, str]] = []
    for i, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        named.add(i)
        column = column_named(columns, text)
        name = text if column is None else column.name
        if name in seen:
            twice = _("the column appears twice: {first} and {second}").format(
                first=place.column_name(seen[name]), second=place.column_name(i)
            )
            shown = place.header(text, column)
            problems.append(place.problem(twice, 1, (name,), index=i, header=shown))
            continue
        seen[name] = i
        if column is None:
            unknown.append((i, text))
    absent = [c for c in columns if c.name not in seen]
    missing = {c.name for c in columns if c.required and c.name not in seen}
    explained: set[str] = set()
    for i, text in unknown:
        like = _like_column(text, absent)
        if like:
            explained.add(like)
            message = _("unknown column ({where}); did you mean {like!r}?")
        else:
            message = _("unknown column ({where}); the columns are {columns}")
        where = place.column_name(i)
        message = message.format(where=where, like=like, columns=", ".join(by_name))
        problems.append(place.problem(message, 1, (text,), index=i, header=text))
    problems.extend(
        place.problem(_("required column missing"), 1, (name,))
        for name in by_name
        if name in missing - explained
    )
    return _Header(
        {i: by_name[name] for name, i in seen.items() if name in by_name},
        frozenset(named),
        frozenset(missing),
        problems,
    )


def read_table(
    asm: Assembler,
    collection: Collection,
    place: Place,
    header: Sequence[object],
    rows: Iterable[Row],
) -> bool:
    """Read a table's rows as records of ``collection`` into ``asm``, noting every problem.

    ``header`` is row 1; ``rows`` the data rows with their numbers. A problem with
    the header is reported once, on row 1, not again on every row. Returns whether
    the records' ids are known (the ``id`` column is there): if not, references to
    them cannot be checked.

    >>> asm = Assembler("people.csv", "table")
    >>> people = COLLECTIONS[1]
    >>> read_table(asm, people, Place("people.csv"), ["id", "ful_name"], [(2, ["p1", "An"])])
    True
    >>> print(*asm.problems, sep="\\n")
    people.csv, row 1, column B (ful_name): unknown column (column 2); did you mean 'full_name'?
    """
    rows = iter(rows)  # read once, row by row: a table is never held whole
    if all(_blank(cell) for cell in header):
        first = next((row for row in rows if not all(map(_blank, row[1]))), None)
        if first is None:
            return True  # nothing at all: a table without records
        rows = itertools.chain([first], rows)
    head = _header(place, header, COLUMNS[collection.key])
    asm.problems.extend(head.problems)
    shown = {i: place.header(str(header[i]).strip(), c) for i, c in head.columns.items()}
    asm.columns[collection.key] = {
        c.name: (column_letter(i), shown[i]) for i, c in head.columns.items()
    }
    nameless: dict[int, int] = {}  # column position without a name → first row using it
    for line, cells in rows:
        if all(_blank(cell) for cell in cells):
            continue
        raw: dict[str, object] = {}
        unreadable: list[tuple[int, str, str]] = []
        for i, cell in enumerate(cells):
            column = head.columns.get(i)
            if column is None:
                if i not in head.named and not _blank(cell):
                    nameless.setdefault(i, line)
                continue
            value = cell_value(cell, column)
            if isinstance(value, Unreadable):
                unreadable.append((i, column.name, value.message))
            elif value is not None:
                raw[column.name] = value
        rid = raw.get("id")
        rid = rid if isinstance(rid, str) else None
        asm.problems.extend(
            place.problem(m, line, (name,), rid, index=i, header=shown[i])
            for i, name, m in unreadable
        )
        # A field left out because its cell or its column is already reported is not
        # reported again as missing.
        skip_paths = {(name,) for name in head.missing.union(name for _, name, _ in unreadable)}
        asm.add(collection, raw, (), line, skip_paths)
    asm.problems.extend(
        place.problem(
            _("{column} has values but no name in row 1").format(column=place.column_name(i)),
            line,
            index=i,
        )
        for i, line in sorted(nameless.items())
    )
    return "id" not in head.missing


def counted(
    disagrees: Callable[[Place, int | None], Problem | None] | None,
    place: Place,
    table: Table | Problem | None,
    asm: Assembler,
) -> Table | Problem | None:
    """A table whose rows, once read, are counted: ``disagrees`` (a manifest's
    :meth:`~hdnd.io.csvtables.Manifest.problem`) says what is wrong with their number (or
    with no table, ``None``), a problem for ``asm``. CSV tables' and Parquet folders'.

    >>> from hdnd.io.csvtables import Manifest
    >>> asm = Assembler("q1", "table")
    >>> header, rows = counted(Manifest(1, {"people": 2}).problem, Place("people.csv"),
    ...                        (["id"], [(2, ["p1"])]), asm)
    >>> len(list(rows)), [p.message.split(":")[0] for p in asm.problems]
    (1, ['1 record, but _meta.csv says 2'])
    """
    if disagrees is None or isinstance(table, Problem):
        return table
    if table is None:
        if problem := disagrees(place, None):
            asm.problems.append(problem)
        return None
    header, rows = table

    def counting() -> Iterator[Row]:
        records = 0
        for row in rows:
            records += not all(map(_blank, row[1]))
            yield row
        if problem := disagrees(place, records):
            asm.problems.append(problem)

    return header, counting()


def read_tables(
    asm: Assembler, places: Mapping[str, Place], tables: Mapping[str, Table | Problem]
) -> Dataset:
    """Read each record type's table (by collection key; absent: no records), then finish.

    A :class:`~hdnd.errors.Problem` in place of a table says why it could not be read;
    so does an :class:`UnreadableTable` its rows raise, when a table read row by row
    turns out unreadable half-way.
    Raises :class:`~hdnd.errors.InvalidData` with every problem; references are
    checked only when every table's ids are known.

    >>> asm = Assembler("q1", "table")
    >>> tables = {"people": (["id", "full_name"], [(2, ["p1", "An"])])}
    >>> read_tables(asm, {"people": Place("people.csv")}, tables).people[0].full_name
    'An'
    """
    ids_known = True
    for c in COLLECTIONS:
        table = tables.get(c.key)
        if isinstance(table, Problem):
            asm.problems.append(table)
            ids_known = False
        elif table is not None:
            try:
                ids_known &= read_table(asm, c, places[c.key], *table)
            except UnreadableTable as e:  # rows read are kept: their problems are real
                asm.problems.append(e.problem)
                ids_known = False
    if not ids_known:  # a reference to a record of an unreadable table would seem dangling
        raise InvalidData(asm.problems)
    return asm.finish()


def read_meta(place: Place, header: Sequence[object], rows: Iterable[Row]) -> int | Problem:
    """The format version a meta table names (column ``schema_version``, one row), or why not.

    >>> read_meta(Place("_meta.csv"), ["schema_version"], [(2, ["1"])])
    1
    >>> print(read_meta(Place("_meta.csv"), ["schema_version"], [(2, ["3"])]))
    _meta.csv, row 2, column A (schema_version): unknown schema_version the number 3; \
this hdnd reads versions 1 to 2
    """
    name = META_COLUMN.name
    names = ["" if cell is None else str(cell).strip() for cell in header]
    if name not in names:
        return place.problem(
            _("expected the column {name!r} in row 1").format(name=name), 1, (name,)
        )
    at = names.index(name)
    shown = place.header(name, META_COLUMN)
    for line, cells in rows:
        if all(_blank(cell) for cell in cells):
            continue
        value = cell_value(cells[at] if at < len(cells) else None, META_COLUMN)
        if isinstance(value, Unreadable):
            return place.problem(value.message, line, (name,), index=at, header=shown)
        if type(value) is int and value in SUPPORTED_SCHEMA_VERSIONS:
            return value
        return place.problem(
            _("unknown schema_version {value}; this hdnd reads {versions}").format(
                value=describe_json(value), versions=readable_versions()
            ),
            line,
            (name,),
            index=at,
            header=shown,
        )
    return place.problem(_("required field missing"), 2, (name,))


def misspelt_table(name: str) -> str | None:
    """The collection key a table named ``name`` (not a key) looks like a misspelling of.

    A table whose name is nothing like a record type (someone's notes) gives ``None``:
    readers ignore it; a misspelt one is a mistake to report.

    >>> misspelt_table("receptons"), misspelt_table("Receptions"), misspelt_table("Ghi chú")
    ('receptions', 'receptions', None)
    """
    keys = [c.key for c in COLLECTIONS]
    close = difflib.get_close_matches(name.casefold(), keys, n=1, cutoff=0.8)
    return close[0] if close else None


_TITLES: Final[Mapping[str, str]] = {
    _fold(title): r.key for r in RECORDS for title in (r.title_vi, r.sheet_title)
}


def table_key(name: str) -> str | None:
    """The collection key of the table (a sheet) named ``name``: the key itself, or its
    record type's Vietnamese title or sheet title (as hdnd writes it), in any case.

    >>> table_key("receptions"), table_key(" tiếp Công dân "), table_key("Ghi chú")
    ('receptions', 'receptions', None)
    >>> table_key("Thường trực, Ban, Tổ đại biểu"), table_key("Thường trực, các Ban, Tổ đại biểu")
    ('bodies', 'bodies')
    """
    return name if name in COLUMNS else _TITLES.get(_fold(name))
