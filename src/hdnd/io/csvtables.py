"""CSV tables: a directory, or a ``.zip``, holding one CSV file per record type.

Files:

* ``<collection key>.csv`` for each record type: ``councils.csv``, ``people.csv``, ...,
  ``voter_petitions.csv``. hdnd writes all eleven (a type without records as its
  header alone); a reader takes a missing one as empty.
* ``_meta.csv`` names the data format version: a header ``schema_version`` and one
  row ``1``. It is required: a reader checks the version, and the file marks the
  directory as hdnd data. hdnd also writes there, last, how many records each table
  holds (columns ``councils``, ``people``, ...): a reader finding a table with another
  number of records, or missing, refuses the tables as incomplete (a copy or a write
  that did not finish), naming it. Tables made by hand may leave the numbers out.
* Other files are ignored on reading, except a ``.csv`` file: one that is no table
  (``receptons.csv``) is an error, with a suggestion, since its rows would be
  dropped without a word.

Each table's first row names its columns with the field identifiers of docs/format.md
(written in docs/format.md's order, read in any; a missing optional column leaves the
field absent); then one record a row. A cell holds its field's JSON value as
text: text as it is, whole numbers, ``true``/``false``, ISO dates (``2023-02-14``),
glossary identifiers (``periodic``). An empty cell is an absent (null) field; hdnd
writes default values out.

Reading is lenient where people edit tables by hand, in CSV files and workbooks
(:mod:`hdnd.io.xlsx`) alike; fully empty rows are skipped, and every value then
goes through the model's rules, as from JSON:

* an empty cell (or only spaces): the field is absent, so it takes its default;
* whole numbers: ``5``, or a number without fraction (a workbook's ``5.0``);
* true/false: ``true``/``false``, ``có``/``không`` (or ``co``/``khong``), ``yes``/``no``,
  ``1``/``0``, ``c``/``k``, and ``x``, ``✓`` or ``✔`` for true, in any case; anything else
  is an error that says what the workbook's drop-down says (``expected có or không``);
* dates: ISO ``2022-12-15``, or day first as :func:`hdnd.dates.parse_date` reads
  them (``15/12/2022``, ``ngày 15 tháng 12 năm 2022``);
* choices: the glossary identifier (``periodic``), or its Vietnamese or English
  label (``định kỳ``), in any case, with or without accents, with ``i`` for the ``y``
  ending a syllable (``kì`` for ``kỳ``), loosely spaced: ``dinh ki`` is ``định kỳ``
  (:meth:`hdnd.enums.LabelledEnum.from_label`); anything else is an error that lists the
  Vietnamese labels, with the closest one;
* lists: a JSON array of text, or else one item per line of the cell.

Lists are JSON arrays in the cell: ``["Bí thư", "Ủy viên"]``. A list item is free
text that may hold commas, semicolons, quotes or newlines, so a separator character
would need an escaping rule of its own; a JSON array has one well-known escaping
any tool can parse, is how the JSON format writes the same lists, and, starting
with ``[``, is never taken for a formula.

Formula injection: a spreadsheet opening a CSV file may run a cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula
(``=HYPERLINK(...)``). hdnd writes such a cell with ``'`` in front, which
spreadsheets show as text, and, so that the rule can be undone, a cell that starts
with ``'`` too. Reading removes exactly one leading ``'`` (:func:`unescape_cell`),
so every text comes back as it was.

Files are UTF-8, lines end with CRLF (RFC 4180). With ``bom=True`` each file starts
with a byte order mark, which Excel needs to open it as UTF-8; readers accept both.
Problems name the file, the row as a spreadsheet numbers it (the header is row 1)
and the column: ``city/receptions.csv:3: turns (id 'r1'): must be ≥ 0, got -4``;
in a zip, the file is named ``city.zip/receptions.csv``.

Writing a directory creates it if needed (its parent must exist) and writes over an
existing one only if it holds nothing but hdnd tables and hidden files, so tables
never get mixed into a folder of other files. The directory is written whole or not
at all (:func:`hdnd.io.files.write_folder_atomic`): the tables go to a new folder
beside it, which then takes its place; hidden files of the old one move into it. A
zip holds the tables at its root; readers also find them in the one folder of a zip
made by compressing a folder.

>>> import hdnd, pathlib, tempfile
>>> from hdnd.io.csvtables import read_csv_dir, write_csv_dir
>>> ds = hdnd.loads('{"schema_version": 1, "people": '
...                 '[{"id": "p1", "full_name": "An", "other_posts": ["=1+1"]}]}')
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "city"
>>> write_csv_dir(ds, folder)
>>> print((folder / "people.csv").read_text(), end="")
id,full_name,other_posts
p1,An,"[""=1+1""]"
>>> read_csv_dir(folder) == ds
True
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import posixpath
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Final

import attrs

from hdnd.converter import converter
from hdnd.dataset import COLLECTIONS, Dataset
from hdnd.errors import HdndError, InvalidData, Problem
from hdnd.i18n import N_, ngettext
from hdnd.i18n import gettext as _
from hdnd.io._assemble import Assembler
from hdnd.io._tables import (
    COLUMNS,
    FORMULA_STARTS,
    META_COLUMN,
    UNPACK_ERRORS,
    Column,
    Place,
    Row,
    Table,
    UnreadableTable,
    _blank,
    cell_value,
    closest,
    counted,
    list_text,
    out_of_memory,
    read_meta,
    read_tables,
)
from hdnd.io.files import (
    bounded_lines,
    decode_problem,
    open_zip,
    strip_bom,
    write_folder_atomic,
)
from hdnd.spec import RECORDS

__all__ = [
    "MAX_COMPRESSION_RATIO",
    "MAX_EMPTY_ROWS",
    "MAX_LINE_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_ZIP_ENTRIES",
    "META_FILE",
    "Manifest",
    "OccupiedDirectory",
    "claim_directory",
    "escape_cell",
    "read_csv_dir",
    "read_csv_zip",
    "read_manifest",
    "read_manifest_file",
    "unescape_cell",
    "write_csv_dir",
    "write_csv_zip",
]

META_FILE: Final = "_meta.csv"
"""The file that names the data format version and each table's number of records."""

# Limits on what a file may make hdnd read. They are module attributes, read at each
# call: a program that needs more sets them first, e.g.
# ``hdnd.io.csvtables.MAX_UNPACKED_BYTES = 4 * 2**30`` (docs/security.md).
MAX_LINE_BYTES = 16 * 2**20
"""The longest line a CSV file may have (16 MiB); a cell of a CSV row has at most 131,072
characters (Python's :func:`csv.field_size_limit`)."""
MAX_EMPTY_ROWS = 100_000
"""The most empty rows (no cell holds anything) a CSV table may have.

hdnd writes none; a spreadsheet saves a few. Millions of them pack into a small zip,
and reading them takes minutes for nothing.
"""
MAX_ZIP_ENTRIES = 10_000
"""The most members a zip of CSV tables may have (it needs twelve)."""
MAX_UNPACKED_BYTES = 2**30
"""The most a zip of CSV tables may unpack to, all members together (1 GiB)."""
MAX_COMPRESSION_RATIO = 200
"""How many times its packed size a member of over a mebibyte may unpack to.

CSV text packs 5 to 30 times; zeros, what zip bombs are made of, a thousand.
"""

_FILES: Final = frozenset([META_FILE] + [f"{c.key}.csv" for c in COLLECTIONS])
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)  # fixed, so that the same data gives the same bytes

PathLike = str | os.PathLike[str]


class OccupiedDirectory(HdndError):
    """The directory to write CSV tables into holds files that are not hdnd tables.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "notes.txt").write_text("mine")
    >>> write_csv_dir(Dataset(), folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hdnd.io.csvtables.OccupiedDirectory: ...: refusing to write CSV tables into a directory \
that holds other files (notes.txt); name a new or empty directory
    """


def escape_cell(text: str) -> str:
    """Neutralise a cell that a spreadsheet could run as a formula: put ``'`` in front.

    Cells starting with ``=``, ``+``, ``-``, ``@``, tab, carriage return, or ``'``
    itself (so that :func:`unescape_cell` can undo the rule exactly) get it.

    >>> escape_cell('=HYPERLINK("http://x","y")'), escape_cell("'a"), escape_cell("a=b")
    ('\\'=HYPERLINK("http://x","y")', "''a", 'a=b')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`: drop one leading ``'``.

    >>> unescape_cell("'=1+1"), unescape_cell("''a"), unescape_cell("a")
    ('=1+1', "'a", 'a')
    """
    return text[1:] if text.startswith("'") else text


# ------------------------------------------------------------------------- reading


def _text(stream: IO[bytes], place: Place) -> Iterator[str]:
    """Each line of a CSV file as text, read one at a time; unreadable: :class:`UnreadableTable`."""
    try:
        for number, line in enumerate(bounded_lines(stream, place.file, MAX_LINE_BYTES), 1):
            data = strip_bom(line) if number == 1 else line
            try:
                text = data.decode()
            except UnicodeDecodeError:
                text = "\x00"  # decode_problem says where, and what the bytes are instead
            # a zero byte is UTF-16 text, most likely, rather than bad CSV
            if "\x00" in text and (problem := decode_problem(data, place.file, number)):
                raise UnreadableTable(problem)
            if "\r" in text.rstrip("\r\n"):  # old Mac line ends: split as StringIO does
                yield from io.StringIO(text, newline="")
            else:
                yield text
    except InvalidData as e:  # a line too long to read
        raise UnreadableTable(e.problems[0]) from None


def _rows(
    stream: IO[bytes], place: Place, unpack_errors: tuple[type[Exception], ...] = ()
) -> Iterator[Row]:
    """The rows of a CSV file, numbered from 1, cells unescaped, parsed one at a time.

    Raises :class:`UnreadableTable` past :data:`MAX_EMPTY_ROWS` empty rows.

    ``unpack_errors`` are what reading ``stream`` raises when it is a damaged zip
    member: they make the table unreadable, as bad CSV does.
    """
    number = empty = 0
    try:
        for number, cells in enumerate(csv.reader(_text(stream, place), strict=True), 1):
            if not any(map(str.strip, cells)):
                empty += 1
                if empty > MAX_EMPTY_ROWS:
                    message = _("more empty rows than {most:,} ({limit})").format(
                        most=MAX_EMPTY_ROWS, limit="hdnd.io.csvtables.MAX_EMPTY_ROWS"
                    )
                    raise UnreadableTable(place.problem(message, number))
            yield number, [unescape_cell(cell) for cell in cells]
    except csv.Error as e:
        message = _("invalid CSV: {error}").format(error=e)
        raise UnreadableTable(place.problem(message, number + 1)) from None
    except unpack_errors as e:
        raise UnreadableTable(place.problem(_cannot_unpack(e))) from None


def _cannot_unpack(error: Exception) -> str:
    return _("cannot unpack: {error}").format(error=error)


def _split(rows: Iterator[Row]) -> Table:
    """A table's header (row 1) and its data rows; a file without rows has neither."""
    first = next(rows, None)
    return (first[1], rows) if first is not None else ((), ())


# The manifest: _meta.csv's columns that say how many records each table holds.
_COUNTS: Final = {r.key: Column(r.key, "whole", True, r.title_vi, r.title_en) for r in RECORDS}


@attrs.frozen
class Manifest:
    """What ``_meta.csv`` says: the format version, and each table's number of records
    (tables made by hand may leave out any of them).

    >>> print(Manifest(1, {"people": 2}).problem(Place("q/people.csv"), 1))
    q/people.csv: 1 record, but _meta.csv says 2: the tables are incomplete (a copy or a \
write that did not finish) or were changed since hdnd wrote them; write them again, or \
correct the number in _meta.csv (or remove its column)
    """

    schema_version: int
    counts: Mapping[str, int]

    def problem(self, place: Place, found: int | None) -> Problem | None:
        """Why a table (``found`` records; ``None``: no such file) disagrees, if it does."""
        declared = self.counts.get(posixpath.splitext(posixpath.basename(place.file or ""))[0])
        if declared is None or declared == (found or 0):
            return None
        if found is None:
            said = _("missing, but {meta} says it holds {declared:,} records")
        else:
            said = ngettext(
                "{found:,} record, but {meta} says {declared:,}",
                "{found:,} records, but {meta} says {declared:,}",
                found,
            )
        return place.problem(
            _(
                "{said}: the tables are incomplete (a copy or a write that did not finish) or"
                " were changed since hdnd wrote them; write them again, or correct the number"
                " in {meta} (or remove its column)"
            ).format(
                said=said.format(found=found, meta=META_FILE, declared=declared), meta=META_FILE
            )
        )

    def csv(self, bom: bool = False) -> bytes:
        """The manifest as ``_meta.csv``: the numbers of records after the format version.

        >>> Manifest(1, {"people": 2, "councils": 1}).csv()
        b'schema_version,councils,people\\r\\n1,1,2\\r\\n'
        """
        keys = [k for k in _COUNTS if k in self.counts]
        rows = [[META_COLUMN.name, *keys], [str(self.schema_version)]]
        rows[1] += (str(self.counts[k]) for k in keys)
        return _table(rows, bom)


def read_manifest(
    place: Place, header: Sequence[object], rows: Iterable[Row]
) -> Manifest | Problem:
    """The manifest a meta table (``_meta.csv``) states, or what is wrong with it.

    >>> read_manifest(Place("_meta.csv"), ["schema_version", "people"], [(2, ["1", "3"])])
    Manifest(schema_version=1, counts={'people': 3})
    >>> print(read_manifest(Place("_meta.csv"), ["schema_version", "people"], [(2, ["1", "-3"])]))
    _meta.csv, row 2, people: expected a number of records, got -3
    """
    first = [r for r in itertools.islice(rows, 100) if not all(map(_blank, r[1]))][:1]
    version = read_meta(place, header, first)
    if isinstance(version, Problem):
        return version
    names = ["" if cell is None else str(cell).strip() for cell in header]
    counts: dict[str, int] = {}
    for line, cells in first:
        for key, column in _COUNTS.items():
            if key not in names:
                continue
            cell = cells[names.index(key)] if names.index(key) < len(cells) else None
            value = cell_value(cell, column)
            if type(value) is not int or value < 0:
                got = _("nothing") if value is None else getattr(value, "message", cell)
                message = _("expected a number of records, got {value}").format(value=got)
                return place.problem(message, line, (key,))
            counts[key] = value
    return Manifest(version, counts)


def read_manifest_file(file: PathLike) -> Manifest | Problem:
    """The manifest a ``_meta.csv`` file states, or what is wrong with it; :class:`OSError`
    if it cannot be opened. A Parquet folder has one too (:mod:`hdnd.io.parquet`).

    >>> import pathlib, tempfile
    >>> meta = pathlib.Path(tempfile.mkdtemp()) / "_meta.csv"
    >>> _ = meta.write_bytes(Manifest(1, {"people": 2}).csv())
    >>> read_manifest_file(meta)
    Manifest(schema_version=1, counts={'people': 2})
    >>> _ = meta.write_text("people\\n2\\n")
    >>> print(read_manifest_file(meta))  # doctest: +ELLIPSIS
    /.../_meta.csv, row 1, schema_version: expected the column 'schema_version' in row 1
    """
    place = Place(os.fspath(file))
    with open(file, "rb") as f:
        return _read_manifest_file(place, lambda: _rows(f, place))


def _read_manifest_file(
    place: Place, rows: Callable[[], Iterator[Row]] | None
) -> Manifest | Problem:
    """The manifest of a folder of tables (``rows`` reads its ``_meta.csv``, ``None`` if
    there is none), or what is wrong with it."""
    if rows is None:
        return place.problem(
            _(
                "missing: hdnd tables come with this file, naming the data format version"
                " (a row 'schema_version', then a row '1') and, written last, each table's"
                " number of records"
            )
        )
    try:
        return read_manifest(place, *_split(rows()))
    except UnreadableTable as e:
        return e.problem


def _read(
    names: Iterable[str],
    rows: Callable[[str, Place], Iterator[Row]],
    where: Callable[[str], str],
    origin: str,
) -> Dataset:
    """Read the tables among ``names`` (``rows`` reads one, ``where`` locates it).

    Running out of memory is a problem with ``origin``, as any input too large.
    """
    try:
        return _read_tables(names, rows, where, origin)
    except MemoryError:
        raise out_of_memory(origin) from None


def _read_tables(
    names: Iterable[str],
    rows: Callable[[str, Place], Iterator[Row]],
    where: Callable[[str], str],
    origin: str,
) -> Dataset:
    present = set(names)
    places = {c.key: Place(where(f"{c.key}.csv")) for c in COLLECTIONS}
    asm = Assembler(
        origin, "table", tables={k: (p.file, None) for k, p in places.items()}, spreadsheet=True
    )
    meta = Place(where(META_FILE))
    manifest = None
    found = _read_manifest_file(
        meta, (lambda: rows(META_FILE, meta)) if META_FILE in present else None
    )
    if isinstance(found, Problem):
        asm.problems.append(found)
    else:
        # every readable version's tables hold the current columns: no step renames any
        manifest = found
    asm.problems.extend(
        _unknown_table(Place(where(name)), name)
        for name in sorted(present - _FILES)
        if posixpath.splitext(name)[1].lower() == ".csv"
    )
    tables: dict[str, Table | Problem] = {}
    for c in COLLECTIONS:
        table: Table | Problem | None = None
        if f"{c.key}.csv" in present:
            try:
                table = _split(rows(f"{c.key}.csv", places[c.key]))
            except UnreadableTable as e:
                table = e.problem
        table = counted(manifest.problem if manifest else None, places[c.key], table, asm)
        if table is not None:
            tables[c.key] = table
    return read_tables(asm, places, tables)


def _unknown_table(place: Place, name: str) -> Problem:
    """A ``.csv`` file that is no table: its rows would be dropped without a word."""
    key = closest(posixpath.splitext(name)[0], [c.key for c in COLLECTIONS])
    message = (
        _("unknown table, not read; did you mean {table!r}?")
        if key
        else _("unknown table, not read; the tables are {tables}")
    )
    tables = ", ".join(f"{c.key}.csv" for c in COLLECTIONS)
    return place.problem(message.format(table=f"{key}.csv", tables=tables))


def read_csv_dir(path: PathLike) -> Dataset:
    """Read a directory of CSV tables; raise :class:`~hdnd.errors.InvalidData` with every problem.

    Each file is read row by row: a table is never held as text in memory.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "_meta.csv").write_text("schema_version\\n1\\n")
    >>> _ = (folder / "people.csv").write_text("id,full_name\\np1,An\\np2,\\n")
    >>> read_csv_dir(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: .../people.csv, row 3, column B (full_name), id 'p2': required \
field missing
    """
    folder = Path(path)
    names = [p.name for p in folder.iterdir() if p.is_file()]
    with contextlib.ExitStack() as files:

        def rows(name: str, place: Place) -> Iterator[Row]:
            return _rows(files.enter_context(open(folder / name, "rb")), place)

        return _read(names, rows, lambda n: str(folder / n), str(folder))


def read_csv_zip(source: PathLike | IO[bytes], file: str | None = None) -> Dataset:
    """Read a zip of CSV tables (a path or a binary file); ``file`` names it in problems.

    Before anything is unpacked, the archive's table of contents is checked against
    :data:`MAX_ZIP_ENTRIES`, :data:`MAX_UNPACKED_BYTES` and
    :data:`MAX_COMPRESSION_RATIO`, and a member named twice is refused; tables are
    then unpacked row by row.

    >>> import io
    >>> read_csv_zip(io.BytesIO(b"not a zip"), "city.zip")
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: city.zip: not a zip archive (CSV tables are read from a .zip)
    """
    name = file if file is not None else str(source)
    with contextlib.ExitStack() as files:
        # opened here, so that a missing file is an OSError as anywhere else
        if isinstance(source, str | os.PathLike):
            stream: IO[bytes] = files.enter_context(open(source, "rb"))
        else:
            stream = source
        try:
            archive = open_zip(
                stream,
                name,
                max_entries=MAX_ZIP_ENTRIES,
                max_unpacked=MAX_UNPACKED_BYTES,
                max_ratio=MAX_COMPRESSION_RATIO,
            )
        except UNPACK_ERRORS:
            message = _("not a zip archive (CSV tables are read from a .zip)")
            raise InvalidData([Problem(file=name, message=message)]) from None
        if isinstance(archive, Problem):
            raise InvalidData([archive])
        files.enter_context(archive)
        members = [m.filename for m in archive.infolist() if not m.is_dir()]
        # a zip made by compressing a folder holds the tables in that folder
        folders = [posixpath.dirname(m) for m in members if posixpath.basename(m) == META_FILE]
        folder = folders[0] if META_FILE not in members and len(folders) == 1 else ""
        names = [posixpath.basename(m) for m in members if posixpath.dirname(m) == folder]

        def member(table: str) -> str:
            return posixpath.join(folder, table)

        def rows(table: str, place: Place) -> Iterator[Row]:
            try:
                stream = files.enter_context(archive.open(member(table)))
            except UNPACK_ERRORS as e:
                raise UnreadableTable(place.problem(_cannot_unpack(e))) from None
            return _rows(stream, place, UNPACK_ERRORS)

        return _read(names, rows, lambda n: f"{name}/{member(n)}", name)


# ------------------------------------------------------------------------- writing


def _cell(value: object) -> str:
    """A field's JSON value as the text of its cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return escape_cell(value)
    if isinstance(value, list | tuple):
        return list_text(value) if value else ""
    return str(value)


def _table(rows: Iterable[Sequence[str]], bom: bool) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _files(dataset: Dataset, bom: bool) -> Iterator[tuple[str, bytes]]:
    """Each file of the tables, ``_meta.csv`` last (a directory is complete once it is there)."""
    for c in COLLECTIONS:
        names = [col.name for col in COLUMNS[c.key]]
        rows = (
            [_cell(converter.unstructure(getattr(record, name))) for name in names]
            for record in getattr(dataset, c.key)
        )
        yield f"{c.key}.csv", _table([names, *rows], bom)
    yield META_FILE, Manifest(dataset.schema_version, dataset.counts()).csv(bom)


def claim_directory(path: PathLike, own: Collection[str], what: str) -> Path:
    """The directory ``path``, to write ``own`` into, unless it holds other files.

    ``what`` says what is written, a message of the catalog (marked with ``N_``).

    Hidden files (a write in progress, ``.git``) do not count. Raises
    :class:`OccupiedDirectory`; the directory itself need not exist (the writer makes it).

    >>> import pathlib, tempfile
    >>> claim_directory(pathlib.Path(tempfile.mkdtemp()) / "new", {"a.csv"}, "tables").name
    'new'
    """
    folder = Path(path)
    if not os.path.lexists(folder):
        return folder
    others = sorted(n for n in os.listdir(folder) if n not in own and not n.startswith("."))
    if others:
        shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        raise OccupiedDirectory(
            _(
                "{folder}: refusing to write {what} into a directory that holds other files"
                " ({files}); name a new or empty directory"
            ).format(folder=folder, what=_(what), files=shown)
        )
    return folder


def write_csv_dir(dataset: Dataset, path: PathLike, *, bom: bool = False) -> None:
    """Write ``dataset`` as CSV tables into the directory ``path``, whole or not at all.

    ``bom=True`` starts each file with a UTF-8 byte order mark, for Excel. Raises
    :class:`OccupiedDirectory` if the directory holds files other than hdnd tables.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "tables"
    >>> write_csv_dir(Dataset(), folder, bom=True)
    >>> names, counts = (folder / "_meta.csv").read_text(encoding="utf-8-sig").splitlines()
    >>> names.split(",")[:4], counts.split(",")[:4]  # then every other record type's count
    (['schema_version', 'councils', 'people', 'bodies'], ['2', '0', '0', '0'])
    """
    folder = claim_directory(path, _FILES, N_("CSV tables"))

    def fill(new: Path) -> None:
        for name, data in _files(dataset, bom):  # _meta.csv, the manifest, last
            (new / name).write_bytes(data)

    write_folder_atomic(folder, fill, _FILES)


def write_csv_zip(dataset: Dataset, out: IO[bytes], *, bom: bool = False) -> None:
    """Write ``dataset`` as a zip of CSV tables to a binary stream.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> write_csv_zip(Dataset(), buf)
    >>> zipfile.ZipFile(buf).namelist()[-1]
    '_meta.csv'
    """
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _files(dataset, bom):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # rw-r--r-- once unpacked
            archive.writestr(info, data)
