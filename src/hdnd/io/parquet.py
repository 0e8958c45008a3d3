"""Parquet folders (``.parquet``): a Parquet file a record type, for DuckDB, polars or Spark.

Needs `DuckDB <https://duckdb.org>`_ (``pip install 'hdnd[duckdb]'``), imported only
when Parquet is read or written; without it, :class:`~hdnd.errors.MissingDependency`.

A folder named like ``term-2026-2031.parquet`` (the way Spark names its output)
holds ``councils.parquet``, ``people.parquet``... one file per record type, each
written even when empty, so that every table is there with its columns. The
columns are FORMAT.md's field identifiers, typed as :data:`SQL_TYPES` says
(text ``VARCHAR``, whole numbers ``BIGINT``, yes/no ``BOOLEAN``, dates ``DATE``,
choices their identifiers as ``VARCHAR``, lists ``VARCHAR[]``); each file carries
the key-value metadata ``hdnd_schema_version``. Such a folder is what other tools
read as one dataset per record type (``read_parquet('q.parquet/receptions.parquet')``).

Reading checks everything, as every loader does: each table's rows go through
the rules CSV tables and workbooks go through (:mod:`hdnd.io._tables`), problems
located by file, row (1 is the first record) and column. Writing replaces each
file atomically, as CSV tables do.

>>> import hdnd, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "city.parquet"
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> hdnd.dump(city, folder)
>>> sorted(p.name for p in folder.iterdir())[:3]
['bodies.parquet', 'councils.parquet', 'meetings.parquet']
>>> hdnd.load(folder) == city
True
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

from hdnd._progress import polled
from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, Dataset
from hdnd.errors import Problem
from hdnd.io._assemble import Assembler
from hdnd.io._duck import SQL_TYPES, TABLES, Uncertain, connect, read_checked, read_jsonl
from hdnd.io._tables import Place, Row, Table, misspelt_table, read_tables
from hdnd.io.csvtables import claim_directory
from hdnd.io.files import write_atomic
from hdnd.io.jsonl import write_lines

if TYPE_CHECKING:
    import duckdb

__all__ = ["SCHEMA_KEY", "SQL_TYPES", "jsonl_to_parquet", "read_parquet_dir", "write_parquet_dir"]

PathLike = str | os.PathLike[str]

SCHEMA_KEY: Final = "hdnd_schema_version"
"""The key-value metadata of each file that names the data format version (absent: 1).

>>> import duckdb, hdnd, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "q.parquet"
>>> hdnd.dump(hdnd.Dataset(), folder)
>>> duckdb.execute("SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)",
...                [str(folder / "people.parquet")]).fetchall()
[('hdnd_schema_version', '1')]
"""

_FILES: Final = frozenset(f"{c.key}.parquet" for c in COLLECTIONS)
_BATCH: Final = 10_000  # rows fetched at a time


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
    places = {c.key: Place(str(folder / f"{c.key}.parquet")) for c in COLLECTIONS}
    asm = Assembler(str(folder), "table", tables={k: (p.file, None) for k, p in places.items()})
    for name in sorted(names - _FILES):
        stem, ext = os.path.splitext(name)
        if ext.lower() == ".parquet":
            key = misspelt_table(stem)
            hint = f"; did you mean '{key}.parquet'?" if key else ""
            asm.problems.append(Place(str(folder / name)).problem(f"unknown table{hint}"))
    con = connect()
    try:
        tables: dict[str, Table | Problem] = {}
        for c in COLLECTIONS:
            if f"{c.key}.parquet" in names:
                tables[c.key] = _table(con, places[c.key], asm)
        return read_tables(asm, places, tables)
    finally:
        con.close()


def _table(con: duckdb.DuckDBPyConnection, place: Place, asm: Assembler) -> Table | Problem:
    """A Parquet file as a table (its column names, then its rows), or why it cannot be read."""
    import duckdb

    file = place.file
    try:
        metadata = con.execute(
            "SELECT decode(value) FROM parquet_kv_metadata(?) WHERE decode(key) = ?",
            [file, SCHEMA_KEY],
        ).fetchall()
        cursor = con.cursor().execute("SELECT * FROM read_parquet(?)", [file])
    except duckdb.Error as e:
        return place.problem(f"not a Parquet file DuckDB can read: {str(e).splitlines()[0]}")
    for (value,) in metadata:
        if value != str(SCHEMA_VERSION):
            return place.problem(
                f"{SCHEMA_KEY} is {value!r}; this hdnd reads version {SCHEMA_VERSION}"
            )
    header = [d[0] for d in cursor.description or ()]
    return header, _rows(cursor)


def _rows(cursor: duckdb.DuckDBPyConnection) -> Iterator[Row]:
    number = 0
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            number += 1
            yield number, row


def write_parquet_dir(dataset: Dataset, path: PathLike) -> None:
    """Write ``dataset`` as a Parquet folder, a file a record type, each replaced atomically.

    Raises :class:`~hdnd.io.csvtables.OccupiedDirectory` if the folder holds other files.

    >>> import hdnd, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "empty.parquet"
    >>> write_parquet_dir(hdnd.Dataset(), folder)
    >>> len(list(folder.iterdir()))
    11
    """
    folder = claim_directory(path, _FILES, "Parquet files")
    con = connect()
    try:
        with tempfile.TemporaryDirectory(prefix=".hdnd-", dir=folder) as work:
            lines = Path(work) / "records.jsonl"
            with lines.open("wb") as f:
                write_lines(dataset, f)
            read_jsonl(con, lines)
            _copy(con, folder, Path(work))
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
            folder = claim_directory(path, _FILES, "Parquet files")  # not for a bad file
            with tempfile.TemporaryDirectory(prefix=".hdnd-", dir=folder) as work:
                _copy(con, folder, Path(work))
        return
    except Uncertain:
        pass
    finally:
        con.close()
    from hdnd.io import load

    write_parquet_dir(load(source), path)


def _copy(con: duckdb.DuckDBPyConnection, folder: Path, work: Path) -> None:
    """Each typed table to its file: written by DuckDB in ``work``, then put in place."""
    for t in TABLES:
        made = work / f"{t.collection.key}.parquet"
        con.execute(
            f"COPY (SELECT * EXCLUDE (shape_bad) FROM {t.name}) TO '{made}' "
            f"(FORMAT parquet, KV_METADATA {{{SCHEMA_KEY}: '{SCHEMA_VERSION}'}})"
        )
        with made.open("rb") as written:
            write_atomic(folder / made.name, lambda out: _pipe(written, out))


def _pipe(source: IO[bytes], target: IO[bytes]) -> None:
    shutil.copyfileobj(source, target, 2**20)
