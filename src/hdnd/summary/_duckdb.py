"""The DuckDB engine's counting: tables of like records grouped in SQL, then counted by
the summary's own counting functions, a group at a time (:mod:`hdnd.sql` reads the file
and checks it; this module, inside :mod:`hdnd.summary`, is what touches its tallies).

>>> from hdnd.periods import parse_period
>>> (s,) = summaries([parse_period("năm 2023")], [{}], {Council: [], Body: [], Coverage: []})
>>> s.councils, s.figures.sessions is None  # no council, nothing counted: unknown
((), True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from hdnd.io._duck import TABLES, sql_identifier, sql_literal
from hdnd.model import Body, Council, Coverage, Record, Resolution
from hdnd.periods import Period
from hdnd.summary import _AT_BOUNDS, _COMPARED, _COUNTED, Summary, _Scope, _summaries, _Tallies

if TYPE_CHECKING:
    import duckdb

__all__ = ["count_tables", "summaries"]


def summaries(
    periods: Sequence[Period],
    tallies: Sequence[dict[str, _Tallies]],
    records: dict[type, list[Record]],
    council: str | None = None,
    with_subordinates: bool = False,
    with_predecessors: bool = False,
    *,
    by_council: bool = False,
) -> list[Summary]:
    """Each period's summary from its tallies (:func:`count_tables`) and the councils,
    bodies and coverage records Python read (``records``), for the council asked for
    as :func:`hdnd.summary.summarize_periods` takes it."""
    councils = {c.id: c for c in records[Council]}
    bodies = {b.id: b for b in records[Body]}
    scope = _Scope(council, with_subordinates, with_predecessors, by_council)
    return _summaries(periods, tallies, councils, bodies, scope, records[Coverage])  # type: ignore[arg-type]


# A resolution is cited with its date: its records are grouped by it too.
_COUNTED_WITH_DAY: Final = frozenset({Resolution})


def count_tables(
    con: duckdb.DuckDBPyConnection,
    periods: Sequence[Period],
    parsed: dict[str, dict[str, Any]],
) -> list[dict[str, _Tallies]]:
    """Each period's tallies by council: like records grouped in SQL, then counted a group
    at a time by the summary's counting functions (whole numbers and yes/no summed,
    unless compared record by record); then the figures at the periods' bounds."""
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
