"""JSON Lines (``.jsonl``): one record a line, its type in ``"type"``; read in one pass.

An optional first line ``{"type": "header", "schema_version": 1}`` names the
format version; without it, the stream is version 1. Records of an older version
are brought up to date on the way (:mod:`hdnd.migrate`). Records may come in any
order; references may point forward.

>>> import io
>>> from hdnd.io.jsonl import iter_lines
>>> data = io.BytesIO(b'{"type": "header", "schema_version": 1}\\n'
...                   b'{"type": "person", "id": "p1", "full_name": "Hue"}\\n')
>>> list(iter_lines(data))
[Person(id='p1', full_name='Hue', other_posts=())]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs
import orjson

from hdnd import migrate
from hdnd.converter import converter, describe_json, structure_record
from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, Collection, Dataset, collection_of
from hdnd.errors import InvalidData, Problem
from hdnd.io._assemble import Assembler
from hdnd.io.files import strip_bom
from hdnd.io.jsondoc import json_problem
from hdnd.model import Record

__all__ = ["HEADERLESS_VERSION", "HEADER_TAG", "iter_lines", "read_lines", "write_lines"]

HEADER_TAG = "header"
HEADERLESS_VERSION = 1
"""The format version of a stream without a header line (FORMAT.md: forever 1).

>>> read_lines([b'{"type": "person", "id": "p1", "full_name": "An"}']).schema_version
1
"""
_TAGS = [HEADER_TAG] + [c.tag for c in COLLECTIONS]


@attrs.frozen
class _Line:
    number: int
    collection: Collection
    raw: dict[str, Any]


def _scan(
    stream: Iterable[bytes], file: str | None, migrations: migrate.Migrations
) -> Iterator[_Line | Problem | int]:
    """Parse each line: a record to structure, a problem, or the header's schema version."""
    seen_content = False
    for number, data in enumerate(stream, start=1):
        if number == 1:
            data = strip_bom(data)
        data = data.rstrip(b"\r\n")  # else an error at the line's end is put on the next line
        if not data.strip():
            continue
        try:
            raw = orjson.loads(data)
        except orjson.JSONDecodeError as e:
            yield json_problem(e, data, file, number)
            continue
        first, seen_content = not seen_content, True
        tag = raw.pop("type", None) if isinstance(raw, dict) else None
        if not isinstance(raw, dict):
            yield Problem(
                file=file, line=number, message=f"expected a JSON object, got {describe_json(raw)}"
            )
        elif tag == HEADER_TAG:
            yield _header(raw, first, number, file, migrations)
        elif not isinstance(tag, str) or tag not in _TAGS:
            yield Problem(file=file, line=number, path=("type",), message=_unknown_tag(tag))
        else:
            yield _Line(number, collection_of(tag), raw)


def _header(
    raw: dict[str, Any], first: bool, number: int, file: str | None, migrations: migrate.Migrations
) -> Problem | int:
    version = raw.get("schema_version")
    if not first:
        return Problem(file=file, line=number, message="a header must be the first line")
    if type(version) is not int or len(raw) != 1:
        known = ", ".join(map(str, sorted(migrations.readable)))
        return Problem(
            file=file,
            line=number,
            path=("schema_version",),
            message=f"expected a header with schema_version {known}, "
            f"got {describe_json(version)} and fields {sorted(raw)}",
        )
    if problem := migrations.problem(version):
        return Problem(file=file, line=number, path=("schema_version",), message=problem)
    return version


def _unknown_tag(tag: object) -> str:
    if tag is None:
        return "required field missing: every line names its record type"
    close = difflib.get_close_matches(tag, _TAGS, n=1) if isinstance(tag, str) else []
    hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(_TAGS)}"
    return f"unknown record type {describe_json(tag)}; {hint}"


def iter_lines(stream: Iterable[bytes], file: str | None = None) -> Iterator[Record]:
    """Yield typed records from JSON Lines one at a time, in constant memory.

    Stops with :class:`~hdnd.errors.InvalidData` at the first bad line. References
    are not checked (they may point forward): load the file to check them.

    >>> list(iter_lines([b'{"type": "persn", "id": "p1"}'], "x.jsonl"))
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: x.jsonl:1: type: unknown record type text 'persn'; \
did you mean 'person'?
    """
    migrations = migrate.active()
    upgrade = migrations.upgrade(HEADERLESS_VERSION)
    for item in _scan(stream, file, migrations):
        if isinstance(item, Problem):
            raise InvalidData([item])
        if isinstance(item, int):
            upgrade = migrations.upgrade(item)
        if isinstance(item, _Line):
            tag = item.collection.tag
            try:
                yield structure_record(upgrade.record(tag, item.raw), item.collection.cls)
            except InvalidData as e:
                rid = item.raw.get("id")
                raise InvalidData(
                    attrs.evolve(
                        upgrade.on_line(p, tag),
                        file=file,
                        line=item.number,
                        record_id=rid if isinstance(rid, str) else None,
                    )
                    for p in e.problems
                ) from None


def read_lines(stream: Iterable[bytes], file: str | None = None) -> Dataset:
    """Read JSON Lines into a dataset; raise :class:`~hdnd.errors.InvalidData` with every problem.

    >>> read_lines([b'{"type": "body", "id": "b", "council_id": "c", "kind": "committee",'
    ...             b' "committee_field": "legal"}'], "x.jsonl")
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: x.jsonl:1: council_id (id 'b'): no council with id 'c'
    """
    asm = Assembler(file, "lines")
    migrations = migrate.active()
    upgrade = migrations.upgrade(HEADERLESS_VERSION)
    tags: dict[int, str] = {}  # the record type on each line, to name migrated fields
    for item in _scan(stream, file, migrations):
        if isinstance(item, Problem):
            asm.problems.append(item)
        elif isinstance(item, _Line):
            if upgrade.steps:
                tags[item.number] = item.collection.tag
            asm.add(item.collection, upgrade.record(item.collection.tag, item.raw), (), item.number)
        else:
            upgrade = migrations.upgrade(item)
            asm.schema_version = migrations.current
    try:
        return asm.finish()
    except InvalidData as e:
        raise InvalidData(
            upgrade.on_line(p, tags[p.line]) if p.line in tags else p for p in e.problems
        ) from None


def write_lines(
    records: Dataset | Iterable[Record], out: IO[bytes], schema_version: int = SCHEMA_VERSION
) -> None:
    """Write a header and then one line a record, streaming: nothing is built in memory.

    >>> import io
    >>> from hdnd.model import Person
    >>> buf = io.BytesIO()
    >>> write_lines([Person(id="p1", full_name="An")], buf)
    >>> print(buf.getvalue().decode(), end="")
    {"type":"header","schema_version":1}
    {"type":"person","id":"p1","full_name":"An"}
    """
    if isinstance(records, Dataset):
        schema_version = records.schema_version
        records = records.records()
    out.write(orjson.dumps({"type": HEADER_TAG, "schema_version": schema_version}) + b"\n")
    for record in records:
        cls = type(record)
        line = {"type": cls.type_tag, **converter.unstructure(record, cls)}
        out.write(orjson.dumps(line) + b"\n")
