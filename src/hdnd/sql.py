"""The DuckDB engine: summaries of large JSON Lines or Parquet data, computed in SQL.

Needs `DuckDB <https://duckdb.org>`_ (``pip install 'hdnd[duckdb]'``); without it,
:class:`~hdnd.errors.MissingDependency`. :func:`summarize_file` gives exactly what
the Python engine (:func:`hdnd.summarize_periods` over the file) gives: the same
summaries, and for a file with problems the same :class:`~hdnd.errors.InvalidData`
with every problem located.

How it stays exact: the file is read into typed tables derived from the model and
checked in SQL (:mod:`hdnd.io._duck`: shape, every rule, unique ids, references);
anything SQL cannot vouch for — text not stored as hdnd stores it, JSON DuckDB reads
but the format does not, any problem at all — sends the file to the Python engine,
whose answer, summaries or located problems, is the answer. Records are counted by
the summary's own counting functions, a group of like records at a time. Councils
and bodies (a few thousand records) are read by Python, since summaries name them.

>>> import hdnd, pathlib, tempfile
>>> from hdnd.periods import parse_period
>>> data = pathlib.Path(tempfile.mkdtemp()) / "city.jsonl"
>>> hdnd.dump(hdnd.load("examples/data/city-q1-2023.json"), data)
>>> q1, = summarize_file(data, [parse_period("quý I/2023")], council="tp")
>>> q1.figures.receptions.by_host["tp-tt"].turns
74
>>> q1 == hdnd.summarize(hdnd.load(data), parse_period("quý I/2023"), council="tp")
True
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from hdnd._progress import polled
from hdnd.errors import HdndError
from hdnd.io._duck import (
    TABLES,
    Uncertain,
    connect,
    read_checked,
    read_jsonl,
    sql_identifier,
    sql_literal,
)
from hdnd.model import Body, Council, Coverage, Resolution
from hdnd.periods import Period
from hdnd.pipeline import summarize_path

if TYPE_CHECKING:
    import duckdb

    from hdnd.summary import Summary, _Tallies

__all__ = ["UnsupportedSource", "summarize_file"]

PathLike = str | os.PathLike[str]


class UnsupportedSource(HdndError, ValueError):
    """A file the DuckDB engine does not read: it reads ``.jsonl`` and Parquet folders.

    >>> summarize_file("data.json", [])
    Traceback (most recent call last):
    ...
    hdnd.sql.UnsupportedSource: data.json: the DuckDB engine reads JSON Lines (.jsonl) \
and Parquet folders (.parquet), not json
    """


def summarize_file(
    path: PathLike,
    periods: Sequence[Period],
    council: str | None = None,
    with_subordinates: bool = False,
    with_predecessors: bool = False,
    *,
    by_council: bool = False,
    progress: bool = False,
) -> list[Summary]:
    """One summary per period of a ``.jsonl`` file or a Parquet folder, computed by DuckDB.

    The same as :func:`hdnd.summarize_periods` over the file's records; for a file
    with problems, :class:`~hdnd.errors.InvalidData` with every problem. With
    ``progress=True``, a line on standard error says how far DuckDB has got.

    >>> from hdnd.periods import parse_period
    >>> summarize_file("no-such.jsonl", [parse_period("năm 2023")])
    Traceback (most recent call last):
    ...
    FileNotFoundError: [Errno 2] No such file or directory: 'no-such.jsonl'
    """
    from hdnd.io import format_of
    from hdnd.summary import _Scope, _summaries

    fmt = format_of(path)
    if fmt not in ("jsonl", "parquet"):
        raise UnsupportedSource(
            f"{path}: the DuckDB engine reads JSON Lines (.jsonl) and Parquet folders "
            f"(.parquet), not {fmt}"
        )
    if not Path(path).exists():
        raise FileNotFoundError(2, "No such file or directory", str(path))
    con = connect()
    try:
        with polled(Path(path).name, con.query_progress, progress):
            parsed, records = read_checked(con, Path(path), _reader(fmt))
            tallies = _count(con, periods, parsed)
    except Uncertain:
        return summarize_path(
            path, periods, council, with_subordinates, with_predecessors, by_council=by_council
        )
    finally:
        con.close()
    councils = {c.id: c for c in records[Council]}
    bodies = {b.id: b for b in records[Body]}
    scope = _Scope(council, with_subordinates, with_predecessors, by_council)
    coverage = records[Coverage]
    return _summaries(periods, tallies, councils, bodies, scope, coverage)  # type: ignore[arg-type]


def _reader(fmt: str) -> Callable[[duckdb.DuckDBPyConnection, Path], None]:
    """What makes the typed tables of a file of the format ``fmt``."""
    if fmt == "parquet":
        from hdnd.io.parquet import duckdb_tables

        return duckdb_tables
    return read_jsonl


# A resolution is cited with its date: its records are grouped by it too.
_COUNTED_WITH_DAY: Final = frozenset({Resolution})


def _count(
    con: duckdb.DuckDBPyConnection,
    periods: Sequence[Period],
    parsed: dict[str, dict[str, Any]],
) -> list[dict[str, _Tallies]]:
    """Each period's tallies by council: like records grouped in SQL, then counted a group
    at a time by the summary's counting functions (whole numbers and yes/no summed,
    unless compared record by record); then the figures at the periods' bounds."""
    from hdnd.summary import _COMPARED, _COUNTED, _Tallies

    tallies: list[dict[str, _Tallies]] = [{} for _ in periods]
    for cls, (count, names) in _COUNTED.items() if periods else ():
        table = next(t for t in TABLES if t.collection.cls is cls)
        columns = {f.name: f.column for f in table.fields}
        council, day, *rest = map(sql_identifier, names)
        compared = _COMPARED.get(cls, frozenset())
        summed = {
            sql_identifier(n)
            for n in names[2:]
            if columns[n].kind in ("whole", "bool") and n not in compared
        }
        with_day = cls in _COUNTED_WITH_DAY
        values = [council, day if with_day else "NULL"]
        values += [f"sum({n})::BIGINT" if n in summed else n for n in rest]
        groups = ["i", council, *([day] if with_day else []), *(n for n in rest if n not in summed)]
        # a period at a time, so that DuckDB skips the blocks of other dates
        within = " UNION ALL ".join(
            f"SELECT {i} AS i, * FROM {table.name} WHERE {day} "
            f"BETWEEN {_date(p.start)} AND {_date(p.end)}"
            for i, p in enumerate(periods)
        )
        query = (
            f"SELECT i, {', '.join(values)}, count(*) FROM ({within}) GROUP BY {', '.join(groups)}"
        )
        for i, *record, n in _rows(con, query, columns, names, parsed, first=1):
            per_council = tallies[i]
            t = per_council.get(record[0])
            if t is None:
                t = per_council[record[0]] = _Tallies()
            count(t, tuple(record), n)
    _count_at_bounds(con, periods, parsed, tallies)
    return tallies


def _count_at_bounds(
    con: duckdb.DuckDBPyConnection,
    periods: Sequence[Period],
    parsed: dict[str, dict[str, Any]],
    tallies: list[dict[str, _Tallies]],
) -> None:
    """The figures at the periods' bounds (:data:`hdnd.summary._AT_BOUNDS`): every record
    of the type, grouped by the fields its function reads, counted a group at a time."""
    from hdnd.summary import _AT_BOUNDS

    bounds = [(p.start, p.end, per) for p, per in zip(periods, tallies, strict=True)]
    for cls, (count_at_bounds, names) in _AT_BOUNDS.items() if periods else ():
        table = next(t for t in TABLES if t.collection.cls is cls)
        columns = {f.name: f.column for f in table.fields}
        fields = ", ".join(map(sql_identifier, names))
        query = f"SELECT {fields}, count(*) FROM {table.name} GROUP BY {fields}"
        for *record, n in _rows(con, query, columns, names, parsed, first=0):
            count_at_bounds(bounds, tuple(record), n)


def _rows(
    con: duckdb.DuckDBPyConnection,
    query: str,
    columns: dict[str, Any],
    names: Sequence[str],
    parsed: dict[str, dict[str, Any]],
    first: int,
) -> Iterable[tuple[Any, ...]]:
    """The rows of ``query``, whose columns from ``first`` on are the fields ``names``
    (then a count): enum identifiers to members, texts to document numbers, a column at
    a time, in C."""
    lookups = [_lookup(columns[n].choices, parsed.get(n)) for n in names]
    rows = con.execute(query).fetchall()
    table_columns: list[Iterable[Any]] = list(zip(*rows, strict=True)) or [()] * (
        len(names) + first + 1
    )
    for j, lookup in enumerate(lookups, start=first):
        if lookup is not None:
            table_columns[j] = map(lookup.get, table_columns[j])
    return zip(*table_columns, strict=True)


def _date(day: dt.date) -> str:
    return f"{sql_literal(day.isoformat())}::DATE"


def _lookup(choices: Any, parsed: dict[str, Any] | None) -> dict[Any, Any] | None:
    """What a value from SQL stands for, if not itself: an enum member, a document number."""
    if choices is not None:
        members: dict[Any, Any] = choices._value2member_map_
        return members
    return parsed
