"""JSON documents (``.json``): one object with ``schema_version`` and a list per record type.

Output is deterministic: collections in format order, fields in model order,
one record per line, default values left out, UTF-8 without escapes.

>>> from hdnd.io.jsondoc import read_document, document_bytes
>>> ds = read_document(b'{"schema_version": 1, "people": [{"id": "p1", "full_name": "An"}]}')
>>> print(*document_bytes(ds).decode().splitlines()[:7], sep="\\n")  # and so on, to coverage
{
  "schema_version": 2,
  "councils": [],
  "people": [
    {"id":"p1","full_name":"An"}
  ],
  "bodies": [],
"""

from __future__ import annotations

import difflib
import io
from typing import IO

import orjson

from hdnd import migrate
from hdnd.converter import converter, describe_json
from hdnd.dataset import COLLECTIONS, Dataset
from hdnd.errors import InvalidData, Problem
from hdnd.i18n import gettext as _
from hdnd.io._assemble import Assembler, forget_traceback, paused_gc
from hdnd.io._strict import duplicate_keys
from hdnd.io.files import decode_problem, strip_bom

__all__ = ["document_bytes", "json_problem", "read_document", "write_document"]

_KEYS = ["schema_version"] + [c.key for c in COLLECTIONS]


def json_problem(
    error: orjson.JSONDecodeError, data: bytes, file: str | None, line: int = 1
) -> Problem:
    """Explain why ``data`` is not JSON, with its line and column.

    ``line`` is the line ``data`` starts on (for a line of a JSON Lines file).

    >>> import orjson
    >>> try:
    ...     orjson.loads(b'{"a": 1')
    ... except orjson.JSONDecodeError as e:
    ...     print(json_problem(e, b'{"a": 1', "x.json"))
    x.json:1:8: invalid JSON: unexpected end of data
    """
    if not data.strip():
        return Problem(file=file, line=line, message=_("empty: expected a JSON object"))
    if problem := decode_problem(data, file, line):
        return problem
    message = error.msg
    if "depth" in message or "recursion" in message.lower():
        message = _("nested too deeply (more than 1024 levels)")
    return Problem(
        file=file,
        line=line + error.lineno - 1,
        column=error.colno,
        message=_("invalid JSON: {error}").format(error=message),
    )


def read_document(data: bytes, file: str | None = None) -> Dataset:
    """Read a JSON document; raise :class:`~hdnd.errors.InvalidData` with every problem.

    A document of an older ``schema_version`` is brought up to date on the way
    (:mod:`hdnd.migrate`).

    >>> read_document(b'{"schema_version": 1, "councils": {}}', "x.json")
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: x.json: councils: expected a list, got an object
    """
    data = strip_bom(data)
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as e:
        raise InvalidData([json_problem(e, data, file)]) from None
    asm = Assembler(file, "document")
    # orjson keeps the last of a repeated key without a word; a document is read whole,
    # so the check costs one pass over it (JSON Lines lines: a block at a time, see jsonl)
    asm.problems.extend(duplicate_keys(data, doc, file=file))
    if not isinstance(doc, dict):
        asm.problem(
            _("expected a JSON object at the top, got {value}").format(value=describe_json(doc))
        )
        raise InvalidData(asm.problems)
    migrations = migrate.active()
    upgrade = migrate.Upgrade(())  # records of an unknown version are read as current ones
    version = doc.get("schema_version")
    if version is None:
        asm.problem(_("required field missing"), ("schema_version",))
    elif problem := migrations.problem(version):
        asm.problem(problem, ("schema_version",))
    else:
        upgrade = migrations.upgrade(version)
        asm.schema_version = migrations.current
    for key in doc.keys() - set(_KEYS):
        close = difflib.get_close_matches(key, _KEYS, n=1)
        message = (
            _("unknown collection; did you mean {close!r}?")
            if close
            else _("unknown collection; expected one of: {allowed}")
        )
        asm.problem(message.format(close=close and close[0], allowed=", ".join(_KEYS)), (key,))
    with paused_gc():
        for c in COLLECTIONS:
            raw = doc.get(c.key, [])
            if not isinstance(raw, list):
                message = _("expected {kind}, got {value}").format(
                    kind=_("a list"), value=describe_json(raw)
                )
                asm.problem(message, (c.key,))
                continue
            for i, item in enumerate(raw):
                asm.add(c, upgrade.record(c.tag, item) if upgrade.steps else item, (c.key, i))
        try:
            return asm.finish()
        except InvalidData as e:
            forget_traceback(e)  # else it and this frame, which holds the document, are a cycle
            raise InvalidData(e.log().map(upgrade.in_document)) from None


def write_document(dataset: Dataset, out: IO[bytes]) -> None:
    """Write ``dataset`` as a JSON document to a binary stream, record by record.

    >>> import io
    >>> buf = io.BytesIO()
    >>> write_document(Dataset(), buf)
    >>> buf.getvalue().startswith(b'{\\n  "schema_version": 2,')
    True
    """
    out.write(b'{\n  "schema_version": %d' % dataset.schema_version)
    for c in COLLECTIONS:
        records = getattr(dataset, c.key)
        out.write(b',\n  "%s": [' % c.key.encode())
        for i, record in enumerate(records):
            out.write(b",\n    " if i else b"\n    ")
            out.write(orjson.dumps(converter.unstructure(record, c.cls)))
        out.write(b"\n  ]" if records else b"]")
    out.write(b"\n}\n")


def document_bytes(dataset: Dataset) -> bytes:
    """``dataset`` as the bytes of a JSON document.

    >>> document_bytes(Dataset()).count(b"[]")
    16
    """
    buf = io.BytesIO()
    write_document(dataset, buf)
    return buf.getvalue()
