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

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hdnd._progress import polled
from hdnd.errors import HdndError
from hdnd.i18n import gettext as _
from hdnd.io._duck import (
    Uncertain,
    connect,
    read_checked,
    read_jsonl,
)
from hdnd.periods import Period
from hdnd.pipeline import summarize_path
from hdnd.summary._duckdb import count_tables, summaries

if TYPE_CHECKING:
    import duckdb

    from hdnd.summary import Summary

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

    fmt = format_of(path)
    if fmt not in ("jsonl", "parquet"):
        raise UnsupportedSource(
            _(
                "{path}: the DuckDB engine reads JSON Lines (.jsonl) and Parquet folders"
                " (.parquet), not {format}"
            ).format(path=path, format=fmt)
        )
    if not Path(path).exists():
        raise FileNotFoundError(2, "No such file or directory", str(path))
    con = connect()
    try:
        with polled(Path(path).name, con.query_progress, progress):
            parsed, records = read_checked(con, Path(path), _reader(fmt))
            tallies = count_tables(con, periods, parsed)
    except Uncertain:
        return summarize_path(
            path, periods, council, with_subordinates, with_predecessors, by_council=by_council
        )
    finally:
        con.close()
    return summaries(
        periods,
        tallies,
        records,
        council,
        with_subordinates,
        with_predecessors,
        by_council=by_council,
    )


def _reader(fmt: str) -> Callable[[duckdb.DuckDBPyConnection, Path], None]:
    """What makes the typed tables of a file of the format ``fmt``."""
    if fmt == "parquet":
        from hdnd.io.parquet import duckdb_tables

        return duckdb_tables
    return read_jsonl
