"""JSON Lines (``.jsonl``): one record a line, its type in ``"type"``; read in one pass.

An optional first line ``{"type": "header", "schema_version": 2}`` names the
format version; without it, the stream is version 1. Records of an older version
are brought up to date on the way (:mod:`hdnd.migrate`). Records may come in any
order; references may point forward. ``stream`` is a binary file, read 16 KiB at a
time, a line of more than :data:`MAX_LINE_BYTES` refused before it is read whole; or
any iterable of lines. A line that names a key twice is refused (JSON readers keep
one of the values, not all the same one).

>>> import io
>>> from hdnd.io.jsonl import iter_lines
>>> data = io.BytesIO(b'{"type": "header", "schema_version": 1}\\n'
...                   b'{"type": "person", "id": "p1", "full_name": "Hue"}\\n')
>>> list(iter_lines(data))
[Person(id='p1', full_name='Hue', other_posts=())]
"""

from __future__ import annotations

import difflib
import itertools
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import attrs
import orjson

from hdnd import migrate
from hdnd.converter import converter, describe_json, structure_record, structurer, wire_reader
from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, Collection, Dataset, collection_of
from hdnd.errors import InvalidData, Problem, ProblemLog
from hdnd.i18n import gettext as _
from hdnd.io._assemble import Assembler, forget_traceback, paused_gc
from hdnd.io._strict import duplicate_keys
from hdnd.io.files import bounded_line_blocks, strip_bom
from hdnd.io.jsondoc import json_problem
from hdnd.model import Record

__all__ = [
    "HEADERLESS_VERSION",
    "HEADER_TAG",
    "MAX_LINE_BYTES",
    "iter_line_blocks",
    "iter_lines",
    "line_problems",
    "read_lines",
    "write_lines",
]

HEADER_TAG = "header"
HEADERLESS_VERSION = 1
"""The format version of a stream without a header line (docs/format.md: forever 1).

>>> read_lines([b'{"type": "person", "id": "p1", "full_name": "An"}']).schema_version
1
"""
# A limit on what a file may make hdnd read: a module attribute, read at each call
# (``hdnd.io.jsonl.MAX_LINE_BYTES = 64 * 2**20`` raises it; docs/security.md).
MAX_LINE_BYTES = 16 * 2**20
"""The longest line a JSON Lines file may have (16 MiB): a record takes a few hundred bytes.

>>> import io
>>> read_lines(io.BytesIO(b'{"type": "person", "id": "p1", "full_name": "' + b"a" * 2**24 + b'"}'),
...            "long.jsonl")
Traceback (most recent call last):
...
hdnd.errors.InvalidData: long.jsonl:1: a line longer than 16 MiB: refusing to read it \
(a record takes a few hundred bytes)
"""
_TAGS = [HEADER_TAG] + [c.tag for c in COLLECTIONS]
_BATCH = 1024  # lines written at a time


_BY_TAG = {c.tag: c for c in COLLECTIONS}

_Line = tuple[int, Collection, dict[str, Any] | None, Any, int | None]
"""A line holding a record: its number, its type, either the raw record to structure
(then ``None``) or, when the wire path finished it, ``None`` and the result; and the
keys the line was read with, if it is still to be checked for a key given twice."""

_Item = _Line | Problem | int | Iterator[Problem]
"""What a line gives: a record, a problem, the header's schema version, or the problems
of the keys it repeats, one at a time (a line may repeat a key a million times)."""


_CHUNK = 64  # lines taken at a time from an iterable of lines


def _blocks(stream: Iterable[bytes], file: str | None) -> Iterator[tuple[int, list[bytes], int]]:
    """The lines of ``stream`` in short lists, each with the number of its first line
    and the colons it holds.

    A binary file is read in blocks, each line under :data:`MAX_LINE_BYTES`; other
    iterables (of lines already read) are taken as they are, :data:`_CHUNK` at a time.
    """
    first = 1
    if hasattr(stream, "read"):
        blocks = bounded_line_blocks(typing.cast(IO[bytes], stream), file, MAX_LINE_BYTES, b":")
        for lines, colons in blocks:
            yield first, lines, colons
            first += len(lines)
        return
    rest = iter(stream)
    for lines in iter(lambda: list(itertools.islice(rest, _CHUNK)), []):
        yield first, lines, b"\n".join(lines).count(b":")
        first += len(lines)


def _scan(
    stream: Iterable[bytes],
    file: str | None,
    migrations: migrate.Migrations,
    values: bool | None = None,
    numbered: bool = True,
) -> Iterator[tuple[bool, list[Any]]]:
    """Parse each line: a record, a problem, or the header's schema version; a list a
    block, with ``False``.

    With ``values`` (False: records, True: field values), lines that the wire path
    takes come finished; the others, and all lines without it, come as raw records.
    Not ``numbered``, a block whose every line the wire path takes comes as what
    :func:`iter_line_blocks` gives (:func:`_finished`), with ``True``.
    A line that names a key twice comes with a problem per repeat first, then what it
    holds, as the JSON readers keep it (the last value).

    Repeated keys are looked for a block of lines at a time, in the time it takes to
    count the block's colons. Every key is followed by a colon, so a block with as many
    colons as the keys its lines were read with (orjson's dicts say how many; on the
    wire path, the finishers count the keys given, nulls included; odd lines count
    their colons, each checked on its own) holds no key twice, in any object. Otherwise
    (a key twice, a colon in a text such as "08:30", an object in an object) the lines
    of the block whose colons outnumber their keys are looked at again
    (:func:`_with_repeats`). Nothing of a block is given before it is checked, and a
    block is short (16 KiB), so that records held back are few.
    """
    seen_content = False
    wire = None if values is None else wire_reader(values, keys=True)
    if migrations.upgrade(HEADERLESS_VERSION).steps:
        wire = None  # records of an older version are migrated as dicts, before checking
    decode, finishers = wire or (None, {})
    # each struct type's record class (if values are wanted: they come with it) and finisher
    finishing = {t: (c.cls if values else None, f) for t, (c, f) in finishers.items()}
    loads, by_tag = orjson.loads, _BY_TAG
    for first, lines, colons in _blocks(stream, file):
        if decode is not None and not numbered:
            done = _finished(lines, colons, decode, finishing)
            if done is not None:
                seen_content = seen_content or bool(done)
                yield True, done
                continue
        items: list[_Item] = []
        add = items.append
        keys = 0
        for number, data in enumerate(lines, first):
            if decode is not None:
                # Anything the wire path does not take (a header, a bad line, a record it
                # refuses) is read again below, as if it had not been tried.
                try:
                    struct = decode(data)
                except Exception:
                    pass
                else:
                    collection, finish = finishers[type(struct)]
                    finished = finish(struct)
                    if finished is not None:
                        seen_content = True
                        done, k = finished
                        keys += k
                        add((number, collection, None, done, k))
                        continue
            # The usual line, a JSON object naming its record type, in a few steps (orjson
            # skips the line end); anything else is worked out by _odd_line.
            try:
                raw = loads(data)
            except orjson.JSONDecodeError:
                raw = None
            if type(raw) is dict:
                tag = raw.get("type")
                found = by_tag.get(tag) if type(tag) is str else None
                if found is not None:
                    k = len(raw)
                    keys += k
                    del raw["type"]
                    seen_content = True
                    add((number, found, raw, None, k))
                    continue
            # checked for repeats on its own, always: its colons count as keys
            keys += data.count(b":")
            odd, parsed = _odd_line(number, data, not seen_content, file, migrations)
            seen_content = seen_content or parsed
            for item in odd:
                if isinstance(item, int) and migrations.upgrade(item).steps:
                    decode = None  # an older version: its records are migrated as dicts first
                add(item)
        yield False, items if keys == colons else _with_repeats(items, lines, first, file)


def _finished(
    lines: list[bytes],
    colons: int,
    decode: Callable[[bytes], Any],
    finishing: dict[type, tuple[type | None, Callable[[Any], Any]]],
) -> list[Any] | None:
    """What :func:`iter_line_blocks` gives of a block whose every line the wire path
    takes, holding no key twice; else ``None``, and the block is read line by line as
    :func:`_scan` reads any block.

    The usual block of a long file: its records are finished straight into what the
    reader gives, with none of the bookkeeping an odd line needs. A block with more
    colons than keys has its lines with more colons than keys looked at again: a colon
    in a text ("08:30") leaves the block as it is, a key given twice sends it line by
    line, where it is reported.
    """
    out: list[Any] = []
    given: list[int] = []  # the keys of each line
    add, note = out.append, given.append
    try:
        for data in lines:
            struct = decode(data)
            cls, finish = finishing[type(struct)]
            done, k = finish(struct)  # None (refused) fails to unpack: read line by line
            note(k)
            add(done if cls is None else (cls, done))
    except Exception:
        return None
    if sum(given) != colons:
        for data, k in zip(lines, given, strict=True):
            if data.count(b":") != k and next(duplicate_keys(data), None) is not None:
                return None
    return out


def _with_repeats(
    items: list[_Item], lines: list[bytes], first: int, file: str | None
) -> list[_Item]:
    """``items``, the block of ``lines`` (the first numbered ``first``) gave, with a
    problem before each record whose line names a key twice.

    A line with more colons than the keys it was read with is read again, by
    :func:`hdnd.io._strict.duplicate_keys`, which tells a key given twice from a
    colon in a text.
    """
    out: list[_Item] = []
    for item in items:
        if type(item) is tuple and item[4] is not None:
            number = item[0]
            data = lines[number - first]
            if data.count(b":") != item[4]:
                out.append(_repeated_keys(data, file, number))
        out.append(item)
    return out


def _repeated_keys(
    data: bytes, file: str | None, number: int, parsed: object = None
) -> Iterator[Problem]:
    """The keys the line ``data`` (line ``number``) repeats, each a located problem.

    Called for a line whose colons outnumber the keys it was read with (``parsed``, if
    given, is what orjson made of it): a key given twice, or a colon in a text such as
    "08:30"; :func:`hdnd.io._strict.duplicate_keys` tells which.
    """
    if parsed is None:
        return duplicate_keys(data, file=file, line=number)
    return duplicate_keys(data, parsed, file=file, line=number)


def _odd_line(
    number: int, data: bytes, first: bool, file: str | None, migrations: migrate.Migrations
) -> tuple[list[_Item], bool]:
    """What a line that is not a plain record holds (nothing if blank), and whether it parsed.

    A problem for each key it repeats comes first.
    """
    if number == 1:
        data = strip_bom(data)
    data = data.rstrip(b"\r\n")  # else an error at the line's end is put on the next line
    if not data.strip():
        return [], False
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as e:
        return [_lone_cr(data, file, number) or json_problem(e, data, file, number)], False
    items: list[_Item] = []
    if isinstance(raw, dict | list) and data.count(b":") != (len(raw) if type(raw) is dict else 0):
        items.append(_repeated_keys(data, file, number, raw if type(raw) is dict else None))
    tag = raw.pop("type", None) if isinstance(raw, dict) else None
    if not isinstance(raw, dict):
        message = _("expected a JSON object, got {value}").format(value=describe_json(raw))
        items.append(Problem(file=file, line=number, message=message))
    elif tag == HEADER_TAG:
        items.append(_header(raw, first, number, file, migrations))
    elif not isinstance(tag, str) or tag not in _TAGS:
        items.append(Problem(file=file, line=number, path=("type",), message=_unknown_tag(tag)))
    else:
        items.append((number, collection_of(tag), raw, None, None))  # checked above
    return items, True


def _lone_cr(data: bytes, file: str | None, number: int) -> Problem | None:
    """The problem of a line that is several lines ending in a CR alone (old Mac line
    endings), or ``None``: the text up to its first CR is JSON, what follows is not.

    A CR is whitespace to JSON, and a line may hold one between its values: only a
    line that is not JSON, yet is up to its CR, is taken for lines run together.

    >>> print(_lone_cr(b'{"type": "header", "schema_version": 1}\\r{"id": 1}', "x.jsonl", 1))
    x.jsonl:1:40: lines end in CR alone (old Mac line endings); save the file with LF or \
CRLF line endings
    >>> print(_lone_cr(b'{"type": \\r', "x.jsonl", 1))
    None
    """
    cr = data.find(b"\r")
    if cr < 0:
        return None
    try:
        orjson.loads(data[:cr])
    except orjson.JSONDecodeError:
        return None
    return Problem(
        file=file,
        line=number,
        column=len(data[:cr].decode("utf-8", "replace")) + 1,
        message=_(
            "lines end in CR alone (old Mac line endings); save the file with LF or CRLF line"
            " endings"
        ),
    )


def _header(
    raw: dict[str, Any], first: bool, number: int, file: str | None, migrations: migrate.Migrations
) -> Problem | int:
    version = raw.get("schema_version")
    if not first:
        return Problem(file=file, line=number, message=_("a header must be the first line"))
    if type(version) is not int or len(raw) != 1:
        known = ", ".join(map(str, sorted(migrations.readable)))
        return Problem(
            file=file,
            line=number,
            path=("schema_version",),
            message=_(
                "expected a header with schema_version {known}, got {value} and fields {fields}"
            ).format(known=known, value=describe_json(version), fields=sorted(raw)),
        )
    if problem := migrations.problem(version):
        return Problem(file=file, line=number, path=("schema_version",), message=problem)
    return version


def _unknown_tag(tag: object) -> str:
    if tag is None:
        return _("required field missing: every line names its record type")
    close = difflib.get_close_matches(tag, _TAGS, n=1) if isinstance(tag, str) else []
    if close:
        return _("unknown record type {value}; did you mean {close!r}?").format(
            value=describe_json(tag), close=close[0]
        )
    return _("unknown record type {value}; expected one of: {allowed}").format(
        value=describe_json(tag), allowed=", ".join(_TAGS)
    )


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
    return _structured(stream, file, values=False)


def _iter_values(stream: Iterable[bytes], file: str | None = None) -> Iterator[tuple[type, Any]]:
    """:func:`iter_lines`, each record given as its class and its field values (a tuple).

    The values are those the record would hold, checked the same way, without the
    cost of building records that a one-pass summary drops at once.

    >>> list(_iter_values([b'{"type": "person", "id": "p1", "full_name": "Hue"}']))
    [(<class 'hdnd.model.Person'>, ('p1', 'Hue', ()))]
    """
    return _structured(stream, file, values=True)


def line_problems(stream: Iterable[bytes], file: str | None = None) -> ProblemLog:
    """The problems of each line of JSON Lines on its own, read as :func:`iter_lines` reads.

    What a stream that stopped at a bad line has to say: every bad line, located, in
    constant memory (the first :data:`~hdnd.errors.MAX_PROBLEMS` kept, the others
    counted), no record kept. References are not checked, as in a stream.

    >>> log = line_problems([b'{"type": "person", "id": "p1"}', b"[]",
    ...                      b'{"type": "person", "id": "p2", "full_name": ""}'], "x.jsonl")
    >>> print(*log, sep="\\n")
    x.jsonl:1: full_name (id 'p1'): required field missing
    x.jsonl:2: expected a JSON object, got a list
    x.jsonl:3: full_name (id 'p2'): must not be empty
    """
    problems = ProblemLog()
    try:
        for _ in iter_line_blocks(stream, file, values=True, problems=problems):
            pass
    except InvalidData as e:  # a line too long to read ends the reading
        problems.extend(e.problems)
    return problems


def _problems(item: _Item) -> Iterable[Problem]:
    """The problems an item of :func:`_scan` that is not a record nor a version holds."""
    return (item,) if isinstance(item, Problem) else typing.cast(Iterator[Problem], item)


def _structured(
    stream: Iterable[bytes], file: str | None, values: bool, problems: ProblemLog | None = None
) -> Iterator[Any]:
    """The records (or values) of each line; with ``problems``, bad lines are noted
    there and left out, rather than stopping the reading with the first of them."""
    # Taken a block at a time and flattened in C: no Python frame is resumed per record.
    return itertools.chain.from_iterable(iter_line_blocks(stream, file, values, problems))


def iter_line_blocks(
    stream: Iterable[bytes],
    file: str | None = None,
    values: bool = False,
    problems: ProblemLog | None = None,
) -> Iterator[list[Any]]:
    """What :func:`iter_lines` yields, a list a block of lines at a time: a reader that
    counts records (:func:`hdnd.io.iter_values`) resumes no Python frame per record.

    With ``values=True``, each record comes as its class and its field values; with
    ``problems``, bad lines are noted there and left out rather than stopping the reading.
    Before a bad line stops it, the records of its block before it come first.

    >>> blocks = iter_line_blocks([b'{"type": "person", "id": "p1", "full_name": "Hue"}'])
    >>> [[person.full_name for person in block] for block in blocks]
    [['Hue']]
    """
    migrations = migrate.active()
    upgrade = migrations.upgrade(HEADERLESS_VERSION)
    for finished, items in _scan(stream, file, migrations, values, numbered=False):
        if finished:
            yield items
            continue
        out: list[Any] = []
        add = out.append
        for item in items:
            if type(item) is tuple:
                number, collection, raw, done, _ = item
                if raw is None:  # finished on the wire path
                    add((collection.cls, done) if values else done)
                    continue
                if upgrade.steps:
                    raw = upgrade.record(collection.tag, raw)
                done = structurer(collection.cls, values)(raw)
                if done is None:  # the detailed path: the record after all, or why not
                    try:
                        record = _structure(number, collection, raw, file, upgrade)
                    except InvalidData as e:
                        if problems is None:
                            yield out
                            raise
                        forget_traceback(e)
                        problems.extend(e.problems)
                        problems.add_dropped(e.dropped)
                        continue
                    done = attrs.astuple(record, recurse=False) if values else record  # type: ignore[arg-type]
                add((collection.cls, done) if values else done)
            elif isinstance(item, int):
                upgrade = migrations.upgrade(item)
            elif problems is not None:
                problems.extend(_problems(item))
            else:
                for problem in _problems(item):
                    yield out
                    raise InvalidData([problem])
        yield out


def _structure(
    number: int, collection: Collection, raw: Any, file: str | None, upgrade: migrate.Upgrade
) -> Record:
    """Structure the record on line ``number``; its problems located, named as in the file."""
    try:
        return structure_record(raw, collection.cls)
    except InvalidData as e:
        rid = raw.get("id")

        def place(problem: Problem) -> Problem:
            return attrs.evolve(
                upgrade.on_line(problem, collection.tag),
                file=file,
                line=number,
                record_id=rid if isinstance(rid, str) else None,
            )

        forget_traceback(e)  # else it and this frame are a cycle
        raise InvalidData(e.log().map(place)) from None


def read_lines(stream: Iterable[bytes], file: str | None = None) -> Dataset:
    """Read JSON Lines into a dataset; raise :class:`~hdnd.errors.InvalidData` with every problem.

    A line too long to read (:data:`MAX_LINE_BYTES`) ends the reading: the problems
    found before it are reported with it.

    >>> read_lines([b'{"type": "person", "id": "p1", "full_name": "An", "id": "p2"}'], "x.jsonl")
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: x.jsonl:1:51: id (id 'p2'): the key appears twice in this object \
(first at 1:20); JSON readers keep only one of the values
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
    with paused_gc():
        try:
            for _, items in _scan(stream, file, migrations, values=False):
                for item in items:
                    if type(item) is tuple:
                        number, collection, raw, record, _ = item
                        if raw is None:  # finished on the wire path
                            asm.add_record(collection, record, number)
                            continue
                        if upgrade.steps:
                            tags[number] = collection.tag
                            raw = upgrade.record(collection.tag, raw)
                        asm.add(collection, raw, (), number)
                    elif isinstance(item, int):
                        upgrade = migrations.upgrade(item)
                        asm.schema_version = migrations.current
                    else:
                        asm.problems.extend(_problems(item))
        except InvalidData as e:  # a line too long to read: the problems so far, and it
            forget_traceback(e)  # else it and this frame, which holds the records, are a cycle
            asm.problems.extend(e.problems)
            raise InvalidData(asm.problems) from None
        try:
            return asm.finish()
        except InvalidData as e:
            forget_traceback(e)
            raise InvalidData(
                e.log().map(lambda p: upgrade.on_line(p, tags[p.line]) if p.line in tags else p)
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
    {"type":"header","schema_version":2}
    {"type":"person","id":"p1","full_name":"An"}
    """
    if isinstance(records, Dataset):
        schema_version = records.schema_version
        records = records.records()
    out.write(orjson.dumps({"type": HEADER_TAG, "schema_version": schema_version}) + b"\n")
    # Per record type, once: the converter's unstructure function and the line's start,
    # ``{"type":"person",``, which goes before the record's own JSON less its ``{``
    # (a record has an id, so it is never ``{}``). Lines go out a batch at a time.
    starts: dict[type, tuple[Callable[[Any], dict[str, Any]], bytes]] = {}
    dumps, batch = orjson.dumps, []
    for record in records:
        cls = type(record)
        if cls not in starts:
            starts[cls] = (
                converter.get_unstructure_hook(cls),
                b'{"type":"%s",' % cls.type_tag.encode(),
            )
        unstructure, start = starts[cls]
        batch.append(start + dumps(unstructure(record))[1:])
        if len(batch) == _BATCH:
            out.write(b"\n".join(batch) + b"\n")
            batch.clear()
    if batch:
        out.write(b"\n".join(batch) + b"\n")
