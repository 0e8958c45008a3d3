"""Parquet folders (``.parquet``): a Parquet file a record type, for DuckDB, polars or Spark.

Needs `DuckDB <https://duckdb.org>`_ (``pip install 'hdnd[duckdb]'``), imported only
when Parquet is read or written; without it, :class:`~hdnd.errors.MissingDependency`.

A folder named like ``term-2026-2031.parquet`` (the way Spark names its output)
holds ``councils.parquet``, ``people.parquet``... one file per record type, each
written even when empty, so that every table is there with its columns. The
columns are docs/format.md's field identifiers, typed as :data:`SQL_TYPES` says
(text ``VARCHAR``, whole numbers ``BIGINT``, yes/no ``BOOLEAN``, dates ``DATE``,
choices their identifiers as ``VARCHAR``, lists ``VARCHAR[]``); each file carries
the key-value metadata ``hdnd_schema_version``. Such a folder is what other tools
read as one dataset per record type (``read_parquet('q.parquet/receptions.parquet')``).
Last, hdnd writes ``_meta.csv``, the manifest CSV tables have too
(:class:`hdnd.io.csvtables.Manifest`): the format version and each table's number of
records. A folder without it, or whose tables have other numbers of records, is
refused as incomplete (a copy or a write that did not finish); so is one written
before hdnd wrote manifests: convert the data again.

The folder is written whole or not at all (:func:`hdnd.io.files.write_folder_atomic`):
DuckDB writes the files into a new folder beside it, which then takes its place.

Reading checks everything, as every loader does: each table's rows go through
the rules CSV tables and workbooks go through (:mod:`hdnd.io._tables`), problems
located by file, row (1 is the first record) and column. Before any row is read,
each file is held to limits (:data:`MAX_UNPACKED_BYTES`, :data:`MAX_TEXT_BYTES`),
judged from its metadata and from the sizes of its text, which DuckDB measures
without making the text: a small file can hold a text of megabytes a thousand
times over (a "Parquet bomb"). Dates DuckDB reads as infinite (``'infinity'``),
which no date of the format is, are refused, located.

>>> import hdnd, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "city.parquet"
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> hdnd.dump(city, folder)
>>> sorted(p.name for p in folder.iterdir())[:3]
['_meta.csv', 'bodies.parquet', 'confidence_votes.parquet']
>>> hdnd.load(folder) == city
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

from hdnd._progress import polled
from hdnd.dataset import (
    COLLECTIONS,
    SCHEMA_VERSION,
    SUPPORTED_SCHEMA_VERSIONS,
    Dataset,
    readable_versions,
)
from hdnd.errors import Problem
from hdnd.i18n import N_
from hdnd.i18n import gettext as _
from hdnd.io._assemble import Assembler
from hdnd.io._duck import (
    SQL_TYPES,
    TABLES,
    Uncertain,
    connect,
    one_row,
    read_checked,
    read_jsonl,
    read_path,
    sql_identifier,
    sql_literal,
    typed_select,
    writable_path,
    write_path,
)
from hdnd.io._tables import (
    COLUMNS,
    Place,
    Row,
    Table,
    UnreadableTable,
    counted,
    misspelt_table,
    read_tables,
)
from hdnd.io.csvtables import (
    META_FILE,
    Manifest,
    claim_directory,
    read_manifest_file,
)
from hdnd.io.files import describe_size, write_folder_atomic
from hdnd.io.jsonl import read_lines, write_lines

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "MAX_TEXT_BYTES",
    "MAX_UNPACKED_BYTES",
    "SCHEMA_KEY",
    "SQL_TYPES",
    "jsonl_to_parquet",
    "read_parquet_dir",
    "write_parquet_dir",
]

PathLike = str | os.PathLike[str]

SCHEMA_KEY: Final = "hdnd_schema_version"
"""The key-value metadata of each file that names the data format version (absent: 1).

>>> import duckdb, hdnd, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "q.parquet"
>>> hdnd.dump(hdnd.Dataset(), folder)
>>> duckdb.execute("SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)",
...                [str(folder / "people.parquet")]).fetchall()
[('hdnd_schema_version', '2')]
"""
_READABLE: Final = frozenset(map(str, SUPPORTED_SCHEMA_VERSIONS))

# Limits on what a file may make hdnd read. They are module attributes, read at each
# call: a program that needs more sets them first, e.g.
# ``hdnd.io.parquet.MAX_UNPACKED_BYTES = 4 * 2**30`` (docs/security.md).
MAX_UNPACKED_BYTES = 2**30
"""The most a Parquet file may unpack to (1 GiB): its column chunks, as its metadata
states them, and its text as read, 8 bytes counted for each other value."""
MAX_TEXT_BYTES = 2**20
"""The longest text a cell of a Parquet file may hold (1 MiB, in UTF-8); a list, all its
items together."""

_FILES: Final = frozenset(f"{c.key}.parquet" for c in COLLECTIONS)
_OWN: Final = _FILES | {META_FILE}  # what hdnd writes in a Parquet folder
_BATCH: Final = 10_000  # rows fetched at a time
_FIXED: Final = ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "BOOLEAN", "DATE", "DOUBLE")


def _folder_manifest(folder: Path) -> Manifest | Problem:
    """The manifest of a Parquet folder, which must name every table's records, or why not.

    >>> import hdnd, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "q.parquet"
    >>> hdnd.dump(hdnd.Dataset(), folder)
    >>> _folder_manifest(folder).counts["people"]
    0
    >>> (folder / "_meta.csv").unlink()
    >>> print(_folder_manifest(folder))  # doctest: +ELLIPSIS
    /.../q.parquet/_meta.csv: missing: hdnd writes this file last, with each table's number \
of records; without it the folder may be incomplete (a write that did not finish, or an \
earlier hdnd, which wrote none): convert the data to Parquet again
    """
    file = folder / META_FILE
    place = Place(str(file), spreadsheet=False)
    if not file.is_file():
        return place.problem(
            _(
                "missing: hdnd writes this file last, with each table's number of records;"
                " without it the folder may be incomplete (a write that did not finish, or an"
                " earlier hdnd, which wrote none): convert the data to Parquet again"
            )
        )
    found = read_manifest_file(file)  # CSV, as in CSV tables
    if isinstance(found, Manifest) and found.counts.keys() != {c.key for c in COLLECTIONS}:
        missing = ", ".join(c.key for c in COLLECTIONS if c.key not in found.counts)
        return place.problem(
            _(
                "the number of records of {tables} is missing (hdnd writes each table's):"
                " convert the data to Parquet again"
            ).format(tables=missing)
        )
    return found


def _table_problems(con: duckdb.DuckDBPyConnection, place: Place) -> list[Problem]:
    """Why a Parquet file is not read: over a limit, or holding an infinite date.

    Judged before any row is read: by the file's metadata (its column chunks'
    unpacked sizes), then by the sizes of its text and its dates, which DuckDB
    measures a block of rows at a time without making the text. Only the columns
    of the table's record type count (others are refused by name, never read).

    >>> import duckdb, pathlib, tempfile
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "people.parquet"
    >>> con = duckdb.connect()
    >>> _ = con.execute(f"COPY (SELECT 'p1' AS id, repeat('x', 2000000) AS full_name) "
    ...                 f"TO '{file}' (FORMAT parquet)")
    >>> print(*_table_problems(con, Place(str(file), spreadsheet=False)))  # doctest: +ELLIPSIS
    /.../people.parquet:1: full_name: a text of 2 MiB: refusing to read it; the limit is 1 MiB
    """
    file = read_path(place.file or "")
    (packed,) = con.execute(
        "SELECT coalesce(sum(total_uncompressed_size), 0) FROM parquet_metadata(?)", [file]
    ).fetchone() or (0,)
    if packed > MAX_UNPACKED_BYTES:
        return [place.problem(_over(packed))]
    key = Path(place.file or "").stem
    known = {c.name: c for c in COLUMNS.get(key, ())}
    found = con.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_literal(file)})").fetchall()
    sizes, dates = [], []
    for name, sql_type, *_rest in found:
        if name not in known:
            continue
        column = sql_identifier(name)
        if sql_type == "DATE":
            dates.append(name)
        if sql_type == "VARCHAR":
            sizes.append((name, f"strlen({column})"))
        elif sql_type == "VARCHAR[]":
            sizes.append(
                (name, f"len({column}) + list_sum(list_transform({column}, lambda x: strlen(x)))")
            )
        elif sql_type == "BLOB":
            sizes.append((name, f"octet_length({column})"))
        elif sql_type not in _FIXED:
            sizes.append((name, f"strlen(CAST({column} AS VARCHAR))"))
    source = f"read_parquet({sql_literal(file)}, file_row_number = true)"
    # the first row (file_row_number from 0) of each cell over the limit, and the total
    firsts = [
        f"min(file_row_number) FILTER ({size} > {int(MAX_TEXT_BYTES)}), "
        f"max({size}) FILTER ({size} > {int(MAX_TEXT_BYTES)})"
        for _, size in sizes
    ] + [f"min(file_row_number) FILTER (NOT isfinite({sql_identifier(d)}))" for d in dates]
    total = " + ".join([f"coalesce(sum({size}), 0)" for _, size in sizes] + ["0"])
    row = con.execute(
        f"SELECT count(*), {total}, {', '.join(firsts) or 'NULL'} FROM {source}"
    ).fetchone()
    assert row is not None  # an aggregate without GROUP BY has a row
    count, text, *marks = row
    problems = []
    for i, (name, _size) in enumerate(sizes):
        first, longest = marks[2 * i], marks[2 * i + 1]
        if first is not None:
            problems.append(
                place.problem(
                    _("a text of {size}: refusing to read it; the limit is {limit}").format(
                        size=describe_size(longest), limit=describe_size(MAX_TEXT_BYTES)
                    ),
                    first + 1,
                    (name,),
                )
            )
    for name, first in zip(dates, marks[2 * len(sizes) :], strict=True):
        if first is not None:
            problems.append(
                place.problem(
                    _("an infinite date ('infinity'), which is no date"), first + 1, (name,)
                )
            )
    unpacked = int(text) + 8 * count * len(known)
    if not problems and unpacked > MAX_UNPACKED_BYTES:
        problems.append(place.problem(_over(unpacked)))
    return problems


def _over(size: int) -> str:
    return _(
        "refusing to read a file that unpacks to {size}; the limit is {limit} (a Parquet bomb?)"
    ).format(size=describe_size(size), limit=describe_size(MAX_UNPACKED_BYTES))


def duckdb_tables(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """The typed tables of :mod:`hdnd.io._duck` made from a Parquet folder, for
    :func:`~hdnd.io._duck.read_checked` (the DuckDB engine, :mod:`hdnd.sql`): a file a
    record type, typed as :data:`SQL_TYPES`. Not in ``__all__``: not public.

    :class:`~hdnd.io._duck.Uncertain` for a folder Python's reader would refuse: files
    of other names, no manifest or tables that disagree with it, a file over a limit or
    with an infinite date (:func:`_table_problems`).
    """
    names = {f"{c.key}.parquet" for c in COLLECTIONS}
    if not {p.name for p in folder.iterdir()} <= names | {META_FILE}:
        raise Uncertain  # Python's reader says what the other files are
    manifest = _folder_manifest(folder)
    if not isinstance(manifest, Manifest):
        raise Uncertain
    for t in TABLES:
        file = folder / f"{t.collection.key}.parquet"
        if not file.exists():
            source = "(SELECT 1) LIMIT 0"
            found = {}
        else:
            if _table_problems(con, Place(str(file), spreadsheet=False)):
                raise Uncertain
            source = f"read_parquet({sql_literal(read_path(file))})"
            query = f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {source})"
            found = dict(con.execute(query).fetchall())
            if any(found[f.name] != f.sql_type for f in t.fields if f.name in found):
                raise Uncertain  # a column of another type
            if not found.keys() <= {f.name for f in t.fields}:
                raise Uncertain  # an unknown column
        required = [f"{f.sql} IS NULL" for f in t.fields if not f.optional]
        con.execute(
            f"CREATE TEMP TABLE {t.name} AS "
            + typed_select(
                t,
                lambda f, found=found: f.sql if f.name in found else f"NULL::{f.sql_type}",
                " OR ".join(required) or "false",
                source,
            )
        )
        (records,) = one_row(con, f"SELECT count(*) FROM {t.name}")
        if records != manifest.counts[t.collection.key]:
            raise Uncertain  # an incomplete folder: Python's reader says which table


def read_parquet_dir(path: PathLike) -> Dataset:
    """Read a Parquet folder; raise :class:`~hdnd.errors.InvalidData` with every problem.

    >>> import hdnd, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "q.parquet"
    >>> hdnd.dump(hdnd.Dataset(), folder)
    >>> (folder / "people.parquet").rename(folder / "peoples.parquet")
    ... # doctest: +ELLIPSIS
    PosixPath(...)
    >>> read_parquet_dir(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: .../peoples.parquet: unknown table; did you mean 'people.parquet'?
    """
    folder = Path(path)
    names = {p.name for p in folder.iterdir() if p.is_file()}  # not a folder: the OSError
    places = {
        c.key: Place(str(folder / f"{c.key}.parquet"), spreadsheet=False) for c in COLLECTIONS
    }
    asm = Assembler(str(folder), "table", tables={k: (p.file, None) for k, p in places.items()})
    for name in sorted(names - _OWN):
        stem, ext = os.path.splitext(name)
        if ext.lower() == ".parquet":
            key = misspelt_table(stem)
            message = (
                _("unknown table; did you mean {table!r}?").format(table=f"{key}.parquet")
                if key
                else _("unknown table")
            )
            asm.problems.append(Place(str(folder / name), spreadsheet=False).problem(message))
    found = _folder_manifest(folder)
    manifest = found if isinstance(found, Manifest) else None
    if isinstance(found, Problem):
        asm.problems.append(found)
    else:
        asm.schema_version = found.schema_version
    con = connect()
    try:
        tables: dict[str, Table | Problem] = {}
        for c in COLLECTIONS:
            table = _table(con, places[c.key], asm) if f"{c.key}.parquet" in names else None
            table = counted(manifest.problem if manifest else None, places[c.key], table, asm)
            if table is not None:
                tables[c.key] = table
        return read_tables(asm, places, tables)
    finally:
        con.close()


def _table(con: duckdb.DuckDBPyConnection, place: Place, asm: Assembler) -> Table | Problem:
    """A Parquet file as a table (its column names, then its rows), or why it cannot be
    read (the last reason: any other goes to ``asm``)."""
    import duckdb

    file = read_path(place.file or "")
    try:
        metadata = con.execute(
            "SELECT decode(value) FROM parquet_kv_metadata(?) WHERE decode(key) = ?",
            [file, SCHEMA_KEY],
        ).fetchall()
        for (value,) in metadata:
            if value not in _READABLE:  # every readable version holds the current columns
                return place.problem(
                    _("{key} is {value!r}; this hdnd reads {versions}").format(
                        key=SCHEMA_KEY, value=value, versions=readable_versions()
                    )
                )
        if problems := _table_problems(con, place):
            asm.problems.extend(problems[:-1])
            return problems[-1]
        query = f"DESCRIBE SELECT * FROM read_parquet({sql_literal(file)})"
        header = [name for name, *_ in con.execute(query).fetchall()]
        known = {c.name for c in COLUMNS[Path(file).stem]}
        # a column of another name is refused by its name: its values are never read
        columns = ", ".join(sql_identifier(n) if n in known else "NULL" for n in header)
        cursor = con.cursor().execute(f"SELECT {columns or 'NULL'} FROM read_parquet(?)", [file])
    except duckdb.Error as e:
        return _unreadable(place, e)
    return header, _rows(cursor, place)


def _unreadable(place: Place, error: duckdb.Error) -> Problem:
    import duckdb

    first = str(error).splitlines()[0]
    if isinstance(error, duckdb.OutOfMemoryException):
        return place.problem(
            _("too large to read in the memory DuckDB may use: {error}").format(error=first)
        )
    return place.problem(_("not a Parquet file DuckDB can read: {error}").format(error=first))


def _rows(cursor: duckdb.DuckDBPyConnection, place: Place) -> Iterator[Row]:
    """The rows of a file, numbered from 1, fetched a batch at a time."""
    import duckdb

    number = 0
    try:
        while batch := cursor.fetchmany(_BATCH):
            for row in batch:
                number += 1
                yield number, row
    except duckdb.Error as e:
        raise UnreadableTable(_unreadable(place, e)) from None


def write_parquet_dir(dataset: Dataset, path: PathLike) -> None:
    """Write ``dataset`` as a Parquet folder, a file a record type, whole or not at all.

    Raises :class:`~hdnd.io.csvtables.OccupiedDirectory` if the folder holds other files.

    >>> import hdnd, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "empty.parquet"
    >>> write_parquet_dir(hdnd.Dataset(), folder)
    >>> len(list(folder.iterdir()))
    17
    """
    writable_path(path)  # a name DuckDB cannot take: refused before anything is made
    folder = claim_directory(path, _OWN, N_("Parquet files"))
    con = connect()

    def fill(new: Path) -> None:
        lines = new / ".hdnd-records.jsonl"  # DuckDB reads the records from JSON Lines
        with lines.open("wb") as f:
            write_lines(dataset, f)
        read_jsonl(con, lines)
        lines.unlink()
        _copy(con, new)

    try:
        write_folder_atomic(folder, fill, _OWN)
    finally:
        con.close()


def jsonl_to_parquet(source: PathLike, path: PathLike, *, progress: bool = False) -> None:
    """Convert a ``.jsonl`` file to a Parquet folder in DuckDB, without loading it in Python.

    The file is checked as :mod:`hdnd.sql` checks it; one SQL cannot vouch for is
    loaded and checked by Python (raising :class:`~hdnd.errors.InvalidData` with
    every problem) and written from the dataset. With ``progress=True``, a line on
    standard error says how far DuckDB has got.

    >>> import hdnd, pathlib, tempfile
    >>> work = pathlib.Path(tempfile.mkdtemp())
    >>> hdnd.dump(hdnd.load("examples/data/city-q1-2023.json"), work / "city.jsonl")
    >>> jsonl_to_parquet(work / "city.jsonl", work / "city.parquet")
    >>> hdnd.load(work / "city.parquet") == hdnd.load(work / "city.jsonl")
    True
    """
    con = connect()
    try:
        with polled(Path(source).name, con.query_progress, progress):
            read_checked(con, Path(source))
            writable_path(path)  # not for a bad file; nor this, before it is read
            folder = claim_directory(path, _OWN, N_("Parquet files"))
            write_folder_atomic(folder, lambda new: _copy(con, new), _OWN)
        return
    except Uncertain:
        pass
    finally:
        con.close()
    with open(source, "rb") as f:  # JSON Lines, as hdnd.io.load reads them
        dataset = read_lines(f, str(source))
    write_parquet_dir(dataset, path)


def _copy(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Each typed table to its file in ``folder``, written by DuckDB; the manifest last."""
    counts = {}
    metadata = f"{{{SCHEMA_KEY}: {sql_literal(str(SCHEMA_VERSION))}}}"
    for t in TABLES:
        target = write_path(folder / f"{t.collection.key}.parquet")
        (counts[t.collection.key],) = con.execute(
            f"COPY (SELECT * EXCLUDE (shape_bad) FROM {t.name}) TO {target} "
            f"(FORMAT parquet, KV_METADATA {metadata})"
        ).fetchone() or (0,)
    (folder / META_FILE).write_bytes(Manifest(SCHEMA_VERSION, counts).csv())
