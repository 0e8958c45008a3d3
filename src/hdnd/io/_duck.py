"""Data in DuckDB: the model's record types as typed SQL tables, read from JSON Lines or Parquet.

What :mod:`hdnd.sql` (the DuckDB engine) and :mod:`hdnd.io.parquet` share. The tables
are derived from the model (:data:`hdnd.io._tables.COLUMNS`, the fields'
:class:`~hdnd.model.Rule` metadata, defaults, references and date-order validators),
and :func:`check` states in SQL every check it can. It is strict rather than
clever: a record SQL cannot vouch for — text not stored as hdnd stores it (NFC, no
white space around it), JSON that DuckDB reads but the format does not (a trailing
comma), a record type with a check SQL cannot state, any problem at all — raises
:class:`Uncertain`, and the caller lets the Python reader decide.

>>> import hdnd, pathlib, tempfile
>>> data = pathlib.Path(tempfile.mkdtemp()) / "city.jsonl"
>>> hdnd.dump(hdnd.load("examples/data/city-q1-2023.json"), data)
>>> con = connect()
>>> read_jsonl(con, data)
>>> check(con)
>>> con.execute("SELECT sum(turns) FROM t_receptions").fetchone()
(773,)
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import orjson

from hdnd import migrate
from hdnd.converter import converter
from hdnd.dataset import COLLECTIONS, Collection
from hdnd.docnum import DocumentNumber
from hdnd.errors import HdndError, InvalidData, MissingDependency
from hdnd.i18n import gettext as _
from hdnd.io._tables import COLUMNS, Column
from hdnd.model import Body, Council, Coverage, Record
from hdnd.spec import FieldSpec, spec_of

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "SQL_TYPES",
    "TABLES",
    "Uncertain",
    "check",
    "connect",
    "one_row",
    "parsed_values",
    "python_records",
    "read_checked",
    "read_jsonl",
    "read_path",
    "sql_identifier",
    "sql_literal",
    "typed_select",
    "write_path",
]

PathLike = str | os.PathLike[str]


def connect() -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB connection, or :class:`~hdnd.errors.MissingDependency`.

    >>> connect().execute("SELECT 1 + 1").fetchone()
    (2,)
    """
    try:
        import duckdb
    except ImportError:
        raise MissingDependency(
            _("DuckDB is not installed: {command}").format(command="pip install 'hdnd[duckdb]'")
        ) from None
    con = duckdb.connect(":memory:")
    # DuckDB spills to ``.tmp`` in the working folder by default: a write outside the
    # output path. Its own folder in the system's temporary one instead, which DuckDB
    # removes when the connection closes.
    spill = os.path.join(tempfile.gettempdir(), f"hdnd-duckdb-{os.getpid()}-{id(con):x}")
    con.execute("SET temp_directory = ?", [spill])
    if (cap := _memory_cap()) is not None:
        # DuckDB sizes itself by the machine's memory; under a cap on the process's
        # (ulimit -v) it would fail mid-query rather than keep within it
        con.execute("SET memory_limit = ?", [f"{cap // 2 // 2**20}MB"])
    # progress tracked for query_progress() (hdnd._progress.polled), never printed:
    # DuckDB would print it on standard output, in the middle of a report
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    return con


# -- Text from outside in SQL ---------------------------------------------------------
#
# Nothing from outside (a path, a value) is ever pasted into SQL as it is: it goes to
# DuckDB as a parameter, or, where DuckDB takes none (``COPY ... TO`` in DuckDB 1.3),
# through these helpers.


def sql_literal(text: str) -> str:
    """``text`` as an SQL string literal: in single quotes, each quote in it doubled.

    DuckDB reads backslashes, semicolons and comment markers inside quotes as text;
    a NUL character, which no path or value of the format holds, is refused.

    >>> print(sql_literal("o'k; COPY x TO 'y' --"))
    'o''k; COPY x TO ''y'' --'
    >>> connect().execute("SELECT " + sql_literal("o'k\\\\; --/*")).fetchone()
    ("o'k\\\\; --/*",)
    >>> sql_literal("a" + chr(0))
    Traceback (most recent call last):
    ...
    ValueError: a NUL character cannot be an SQL literal: 'a\\x00'
    """
    if "\x00" in text:
        raise ValueError(f"a NUL character cannot be an SQL literal: {text!r}")
    return "'" + text.replace("'", "''") + "'"


def sql_identifier(name: str) -> str:
    """``name`` as an SQL identifier: in double quotes, each one in it doubled.

    >>> print(sql_identifier("end"), sql_identifier('a"b'))
    "end" "a""b"
    """
    if "\x00" in name:
        raise ValueError(f"a NUL character cannot be an SQL identifier: {name!r}")
    return '"' + name.replace('"', '""') + '"'


def write_path(path: PathLike) -> str:
    """A file to write, as the SQL literal ``COPY ... TO`` takes: its absolute path.

    Absolute, since DuckDB reads a path that starts with ``~`` as one in the home folder.

    >>> import os
    >>> write_path("o'k.parquet") == sql_literal(os.path.join(os.getcwd(), "o'k.parquet"))
    True
    """
    return sql_literal(writable_path(path))


def writable_path(path: PathLike) -> str:
    """``path`` made absolute, or :class:`~hdnd.errors.HdndError` if DuckDB cannot take it.

    A path that is not UTF-8 text (a name in a legacy encoding, which Python keeps as
    escapes) cannot reach DuckDB at all. Writers check the folder they write to before
    they start, so that the refusal is this one, not DuckDB's error halfway through.

    >>> import os
    >>> writable_path(os.fsdecode(b"caf\\xe9.parquet"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hdnd.errors.HdndError: ...caf\\xe9.parquet: a path that is not UTF-8 text: DuckDB \
cannot write there; give the folder a name in Unicode
    """
    full = os.path.abspath(path)
    try:
        full.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(full).decode("utf-8", "backslashreplace")  # printable
        raise HdndError(
            _(
                "{path}: a path that is not UTF-8 text: DuckDB cannot write there; give the"
                " folder a name in Unicode"
            ).format(path=shown)
        ) from None
    return full


def read_path(path: PathLike) -> str:
    """A file to read, as DuckDB's readers take it (a parameter): that file and no other.

    Absolute (DuckDB reads ``~`` as the home folder), and each character DuckDB reads
    as a file name pattern (``*``, ``?``, ``[``) in brackets, which match it alone:
    ``a*.parquet`` would read ``ab.parquet`` too.

    >>> read_path("/data/q*1 [old].parquet")
    '/data/q[*]1 [[]old].parquet'
    """
    return re.sub(r"([*?\[])", r"[\1]", os.path.abspath(path))


def _memory_cap() -> int | None:
    """The most memory the process may map (``ulimit -v``), if it is capped."""
    try:
        import resource
    except ImportError:  # not POSIX
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return None if soft == resource.RLIM_INFINITY else soft


class Uncertain(Exception):
    """SQL cannot vouch for the data: the Python engine decides."""


# -- What SQL knows of the model ---------------------------------------------------

SQL_TYPES: Final[Mapping[str, str]] = {
    "text": "VARCHAR",
    "whole": "BIGINT",
    "bool": "BOOLEAN",
    "date": "DATE",
    "choice": "VARCHAR",
    "list": "VARCHAR[]",
}
"""The SQL type of each kind of column (:data:`hdnd.io._tables.Kind`), as Parquet holds it.

>>> SQL_TYPES["whole"], SQL_TYPES["list"]
('BIGINT', 'VARCHAR[]')
"""


# What Python's str.strip() removes; text stored by hdnd has none of it at either end.
_SPACE: Final = "".join(
    f"\\x{{{ord(c):x}}}" for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()
)
_V: Final = "⟨v⟩"  # stands for the value in a test, until it is applied to a column


def _literal(value: object) -> str:
    value = getattr(value, "value", value)  # an enum member: its identifier
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return sql_literal(value)
    if value == ():
        return "[]::VARCHAR[]"
    raise _Unknown(f"no SQL literal for {value!r}")


def _re2(pattern: str) -> str:
    """A Python ``re`` pattern as RE2 (DuckDB's) spells it: ``\\uXXXX`` as ``\\x{XXXX}``."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", r"\\x{\1}", pattern)


class _Unknown(Exception):
    """Something of the model SQL cannot state: its record type is read by Python."""


def _schema_test(schema: Mapping[str, Any], refused: list[str]) -> str:
    """A rule as its JSON Schema states it, as SQL on :data:`_V`; a pattern the value must
    not match goes to ``refused`` instead, to be searched for with the others at once."""
    tests = []
    for keyword, arg in schema.items():
        if keyword == "minimum":
            tests.append(f"{_V} >= {arg}")
        elif keyword == "maximum":
            tests.append(f"{_V} <= {arg}")
        elif keyword == "minLength":
            tests.append(f"length({_V}) >= {arg}")
        elif keyword == "pattern":
            tests.append(f"regexp_matches({_V}, {_literal(_re2(arg))})")
        elif keyword == "not" and arg.keys() == {"pattern"}:
            refused.append(_re2(arg["pattern"]))
        elif keyword == "not":
            tests.append(f"NOT ({_schema_test(arg, [])})")
        else:
            raise _Unknown(keyword)
    return " AND ".join(tests) or "true"


@attrs.frozen
class _Field:
    column: Column
    default: str | None  # an SQL literal, when the field has a default other than null
    optional: bool
    tests: tuple[str, ...]  # on _V; a list's on each element
    not_before: str | None  # the date field this one is not before
    parsed: type | None  # a type Python reads the text as (checked value by value)

    @property
    def name(self) -> str:
        return self.column.name

    @property
    def sql(self) -> str:
        """The field's column, quoted (``end`` is an SQL keyword)."""
        return sql_identifier(self.column.name)

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.column.kind]


@attrs.frozen
class _Table:
    collection: Collection
    fields: tuple[_Field, ...]
    certain: bool  # whether SQL states every check of the record type

    @property
    def name(self) -> str:
        return f"t_{self.collection.key}"


def _field(column: Column, field: FieldSpec) -> tuple[_Field, bool]:
    certain = True
    tests: list[str] = []
    refused: list[str] = []
    for rule in field.rules:
        if not rule.exact:  # its schema states less than its test: Python decides
            certain = False
            continue
        try:
            test = _schema_test(rule.json_schema, refused)
        except _Unknown:
            certain = False
        else:
            tests += [test] if test != "true" else []
    if column.kind in ("text", "list"):
        # As hdnd stores text; other text Python normalises first, and decides on.
        tests.append(f"{_V} = nfc_normalize({_V})")
        refused.append(f"^[{_SPACE}]|[{_SPACE}]$")
    if refused:  # one search for every pattern refused
        either = "|".join(f"(?:{p})" for p in refused)
        tests.append(f"NOT regexp_matches({_V}, {_literal(either)})")
    if column.choices is not None:
        tests.append(f"{_V} IN ({', '.join(map(_literal, column.choices))})")
    if field.python_only:
        certain = False
    return (
        _Field(
            column=column,
            default=None if field.default in (None, attrs.NOTHING) else _literal(field.default),
            optional=not field.required,
            tests=tuple(tests),
            not_before=field.not_before,
            parsed=DocumentNumber if field.item is DocumentNumber else None,
        ),
        certain,
    )


def _table(collection: Collection) -> _Table:
    pairs = [
        _field(column, field)
        for column, field in zip(
            COLUMNS[collection.key], spec_of(collection.key).fields, strict=True
        )
    ]
    return _Table(collection, tuple(f for f, _ in pairs), all(c for _, c in pairs))


TABLES: Final = tuple(_table(c) for c in COLLECTIONS)
"""A typed table for each record type, in :data:`~hdnd.dataset.COLLECTIONS` order."""
# Read by Python: summaries name councils and bodies; and what SQL cannot check.
_IN_PYTHON: Final = frozenset(
    t.collection.key
    for t in TABLES
    if not t.certain or t.collection.cls in (Council, Body, Coverage)
)


def _applied(test: str, v: str, kind: str) -> str:
    """A field's test on column ``v`` (on each element of a list), true when unset."""
    if kind == "list":
        return (
            f"coalesce(list_bool_and(list_transform({v}, lambda x: {test.replace(_V, 'x')})), true)"
        )
    return f"coalesce({test.replace(_V, v)}, true)"


def _problems_query(table: _Table) -> str:
    """Counts the records of a typed table that SQL cannot vouch for, and its repeated ids."""
    bad = ["shape_bad"]
    for f in table.fields:
        bad.extend(f"NOT {_applied(t, f.sql, f.column.kind)}" for t in f.tests)
        if f.not_before is not None:
            bad.append(f'coalesce({f.sql} < "{f.not_before}", false)')
    return (
        f"SELECT count(*) FILTER ({' OR '.join(bad)}), count(id) - count(DISTINCT id) "
        f"FROM {table.name}"
    )


# -- Sources: JSON Lines and Parquet folders into typed tables ----------------------


# A field's value as JSON text, read with string functions where a JSON function would
# parse it again: JSON text of each type has a telling shape.
_JSON_SHAPES: Final = {
    "text": "left({r}, 1) = '\"'",
    "choice": "left({r}, 1) = '\"'",
    "whole": "regexp_full_match({r}, '-?[0-9]+')",
    "bool": "{r} IN ('true', 'false')",
    "date": "regexp_full_match({r}, '\"[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}\"')",
    "list": "json_type({r}) = 'ARRAY' AND coalesce(list_bool_and(list_transform("
    "json_type({r}, '$[*]'), lambda t: t = 'VARCHAR')), true)",
}
_JSON_VALUES: Final = {
    # a string without escapes is its text between the quotes
    "text": "CASE WHEN contains({r}, '\\') THEN json_extract_string({r}, '$') "
    "ELSE substr({r}, 2, length({r}) - 2) END",
    "whole": "TRY_CAST({r} AS BIGINT)",
    "bool": "{r} = 'true'",
    "date": "TRY_CAST(substr({r}, 2, 10) AS DATE)",
    "list": "TRY_CAST({r}::JSON AS VARCHAR[])",
}


def _raw(f: _Field) -> str:
    return f"CAST(s.{f.sql} AS VARCHAR)"


def _json_value(f: _Field) -> str:
    """The typed value of a field of the JSON record struct ``s`` (NULL if absent or null)."""
    r = _raw(f)
    kind = "text" if f.column.kind == "choice" else f.column.kind
    return f"CASE WHEN {r} = 'null' THEN NULL ELSE {_JSON_VALUES[kind].format(r=r)} END"


def _json_shape_bad(table: _Table) -> str:
    """Whether a JSON record's shape is off: keys, JSON types, required fields."""
    # Each known key a bit, any other a bit of its own: keys are known and none is
    # repeated when their bits add up to their bitwise or (list_has_all and
    # list_distinct say the same, five times slower).
    names = [f.name for f in table.fields] + ["type"]
    bit = " ".join(f"WHEN {_literal(n)} THEN {1 << i}" for i, n in enumerate(names))
    unknown = 1 << 40
    bits = f"list_transform(keys, lambda k: CASE k {bit} ELSE {unknown} END)"
    bad = [
        f"list_sum({bits}) <> list_bit_or({bits})",
        f"list_sum({bits}) >= {unknown}",
        "lenient",
    ]
    for f in table.fields:
        r = _raw(f)
        given = f"({r} IS NOT NULL AND {r} <> 'null')"
        # a value of the wrong JSON type, or one that does not convert (31 February)
        shape = _JSON_SHAPES[f.column.kind].format(r=r)
        bad.append(f"({given} AND NOT ({shape} AND {_json_value(f)} IS NOT NULL))")
        if not f.optional:
            bad.append(f"NOT {given}")
    return " OR ".join(bad)


def typed_select(table: _Table, value: Any, shape_bad: str, source: str) -> str:
    columns = []
    for f in table.fields:
        v = value(f)
        columns.append(f"coalesce({v}, {f.default}) AS {f.sql}" if f.default else f"{v} AS {f.sql}")
    return f"SELECT {', '.join(columns)}, ({shape_bad}) AS shape_bad FROM {source}"


def read_jsonl(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Typed tables of a ``.jsonl`` file, :class:`Uncertain` if a line is not a known record."""
    header = _starts_with_header(path)
    con.execute(
        "CREATE TEMP TABLE records AS SELECT json_extract_string(json, '$.type') AS tag, "
        "json FROM read_ndjson_objects(?)",
        [read_path(path)],
    )
    tags = ", ".join(_literal(c.tag) for c in COLLECTIONS)
    (odd,) = one_row(
        con,
        f"SELECT count(*) FILTER (tag IS NULL OR tag NOT IN ({tags}, 'header')) "
        f"+ abs(count(*) FILTER (tag = 'header') - {int(header)}) FROM records",
    )
    if odd:
        raise Uncertain
    for t in TABLES:
        fields = ", ".join(f'"{f.name}": "JSON"' for f in t.fields)
        parsed = (
            f"(SELECT json_transform(json, '{{{fields}}}') AS s, json_keys(json) AS keys, "
            # DuckDB reads a trailing comma, which the format (and Python) does not
            r"regexp_matches(json, ',\s*[}\]]') AS lenient FROM records "
            f"WHERE tag = {_literal(t.collection.tag)})"
        )
        con.execute(
            f"CREATE TEMP TABLE {t.name} AS "
            + typed_select(t, _json_value, _json_shape_bad(t), parsed)
        )
    con.execute("DROP TABLE records")


def _needs_migrating(version: object) -> bool:
    """Whether records of a file of ``version`` change on their way in (or it is unknown)."""
    migrations = migrate.active()
    if type(version) is not int or migrations.problem(version) is not None:
        return True
    return bool(migrations.upgrade(version).steps)


def _starts_with_header(path: Path) -> bool:
    """Whether the file starts with a header line; only the current version's is certain."""
    with path.open("rb") as f:
        first = f.readline(4096).removeprefix(b"\xef\xbb\xbf")
    try:
        value = orjson.loads(first)
    except orjson.JSONDecodeError:
        return False  # not a header: DuckDB reads the line with the others
    if not isinstance(value, dict) or value.get("type") != "header":
        return False
    version = value.get("schema_version")
    if value.keys() != {"type", "schema_version"} or _needs_migrating(version):
        raise Uncertain  # an older version to migrate, or a bad header: Python's to say
    return True


def one_row(con: duckdb.DuckDBPyConnection, query: str) -> tuple[Any, ...]:
    row = con.execute(query).fetchone()
    assert row is not None  # an aggregate without GROUP BY has a row
    return tuple(row)


# -- Checks -----------------------------------------------------------------------


def check(con: duckdb.DuckDBPyConnection) -> None:
    """Raise :class:`Uncertain` unless every record is sound, as far as SQL can tell."""
    # No records at all: nothing for SQL to do, and DuckDB 1.3 reads a file of one byte,
    # whatever it is, as no records; Python says what the file holds.
    counts = " + ".join(f"(SELECT count(*) FROM {t.name})" for t in TABLES)
    if not one_row(con, f"SELECT {counts}")[0]:
        raise Uncertain
    for t in TABLES:
        bad, dupes = one_row(con, _problems_query(t))
        if bad or dupes:
            raise Uncertain
    for t in TABLES:
        for name, tag in spec_of(t.collection.key).references:
            many = next(f for f in t.fields if f.name == name).column.kind == "list"
            target = f"t_{spec_of(tag).key}"
            column = f'unnest("{name}")' if many else f'"{name}"'
            (dangling,) = one_row(
                con,
                f"SELECT count(*) FROM (SELECT {column} AS v "
                f"FROM {t.name}) WHERE v IS NOT NULL AND v NOT IN (SELECT id FROM {target})",
            )
            if dangling:
                raise Uncertain


def parsed_values(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """The values of text fields Python reads as something else (document numbers), by
    field name: each distinct text and what it reads as; :class:`Uncertain` if one fails."""
    values: dict[str, dict[str, Any]] = {}
    for t in TABLES:
        for f in t.fields:
            if f.parsed is None:
                continue
            texts = con.execute(f"SELECT DISTINCT {f.sql} FROM {t.name}").fetchall()
            try:
                values[f.name] = {x: converter.structure(x, f.parsed) for (x,) in texts}
            except Exception:  # whatever the hook says, Python decides
                raise Uncertain from None
    return values


def read_checked(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    read: Callable[[duckdb.DuckDBPyConnection, Path], None] = read_jsonl,
) -> tuple[dict[str, dict[str, Any]], dict[type, list[Record]]]:
    """Read a file into typed tables with ``read`` (:func:`read_jsonl`; a Parquet folder's
    is :func:`hdnd.io.parquet.duckdb_tables`) and check them all: :func:`parsed_values`
    and :func:`python_records`, or :class:`Uncertain`, also when DuckDB cannot read the
    file at all (Python says what is wrong with it)."""
    import duckdb

    try:
        read(con, path)
        check(con)
        return parsed_values(con), python_records(con)
    except duckdb.Error:
        raise Uncertain from None


def python_records(con: duckdb.DuckDBPyConnection) -> dict[type, list[Record]]:
    """The records of the types Python reads, checked by the JSON Lines reader."""
    from hdnd.io.jsonl import iter_lines

    records: dict[type, list[Record]] = {}
    for t in TABLES:
        if t.collection.key not in _IN_PYTHON:
            continue
        query = (
            f"SELECT to_json(r) FROM (SELECT {_literal(t.collection.tag)} AS type, "
            f"* EXCLUDE (shape_bad) FROM {t.name}) AS r"
        )
        lines = (row[0].encode() for row in con.execute(query).fetchall())
        try:
            records[t.collection.cls] = list(iter_lines(lines))
        except InvalidData:
            raise Uncertain from None
    return records
