"""Strict JSON: an object that names the same key twice, which orjson reads without a word.

JSON parsers keep one of the values of a repeated key (orjson and Python's ``json``
the last, others the first), so a document pasted together from two files, with two
``"people"`` lists, would silently lose the first one. :func:`duplicate_keys` finds
such keys and says where they are.

It is cheap when there are none, which is nearly always: a screen compares the
colons of the text with those of the parsed value written back (each key brings one;
a dropped key takes its colon with it), and only when they differ, or when the text
escapes a colon (``\\u003a``), is the text read again, token by token, to find the keys.
Documents are checked whole; JSON Lines, whose lines are read a million at a time, screen
a block of lines at once first (:func:`hdnd.io.jsonl._scan`) and call this only for a
line whose colons outnumber the keys it was read with.

>>> import orjson
>>> text = b'{"schema_version": 1,\\n "people": [{"id": "p1", "full_name": "An", "id": "p2"}]}'
>>> print(*duplicate_keys(text, orjson.loads(text), file="q1.json"), sep="\\n")
q1.json:2:45: people[0].id (id 'p2'): the key appears twice in this object (first at 2:14); \
JSON readers keep only one of the values
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Final

import attrs
import orjson

from hdnd.errors import Path, Problem
from hdnd.i18n import gettext as _

__all__ = ["duplicate_keys"]

_ESCAPED_COLON: Final = re.compile(rb"\\u003[aA]")
_TOKEN: Final = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\],:]')  # what matters: strings, punctuation


_NOT_GIVEN: Final = object()


def duplicate_keys(
    data: bytes, parsed: object = _NOT_GIVEN, *, file: str | None = None, line: int = 1
) -> Iterator[Problem]:
    """A problem for each key repeated within one object of the JSON text ``data``.

    ``parsed`` is what ``orjson.loads(data)`` gave, if the caller has it (the screen
    uses it; without it, ``data`` is parsed here, and text that is not JSON has no
    repeated keys to report); ``line`` is the line ``data`` starts on (a JSON Lines line).
    Each problem is located at the repeated key: line, column, the path to it
    (``people[0].id``) and the id of the record that holds it, if it has one.
    The problems come one at a time, in a time linear in the length of ``data``
    (a reader keeps the first few: :class:`~hdnd.errors.ProblemLog`).

    >>> import orjson
    >>> fine = b'{"a": {"b": 1}, "c": "x:y"}'
    >>> list(duplicate_keys(fine, orjson.loads(fine)))
    []
    >>> line = '{"type": "person", "id": "p1", "full_name": "Bình", "full_name": "An"}'.encode()
    >>> [(p.line, p.column, p.location) for p in duplicate_keys(line, orjson.loads(line), line=7)]
    [(7, 53, 'full_name')]
    >>> [p.location for p in duplicate_keys(line)], list(duplicate_keys(b'{"a": 1, "a"'))
    (['full_name'], [])
    """
    if parsed is _NOT_GIVEN:
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError:
            return iter(())
    if not _may_repeat(data, parsed):
        return iter(())
    return _located(data, file, line)


def _may_repeat(data: bytes, parsed: object) -> bool:
    """Whether ``data`` may repeat a key, judged by counting colons: no if they agree."""
    if _ESCAPED_COLON.search(data):  # a colon the count below would not see in the text
        return True
    try:
        written = orjson.dumps(parsed)
    except orjson.JSONEncodeError:  # cannot happen with what orjson.loads gives; be safe
        return True
    return data.count(b":") != written.count(b":")


@attrs.define
class _Object:
    path: Path
    keys: dict[str, tuple[int, int]] = attrs.Factory(dict)  # key → where it first appears
    key: str | None = None  # the key whose value is being read
    expect_key: bool = True
    record_id: str | None = None  # the record's id: the object's last "id"
    repeated: list[tuple[str, tuple[int, int]]] = attrs.Factory(list)  # each repeat, where


@attrs.define
class _Array:
    path: Path
    index: int = 0


@attrs.define
class _Positions:
    """Line and column of offsets in ``data``, asked for in increasing order.

    Each answer starts from the last one, so that all of them together cost one pass
    over ``data``, however many there are (counting from the start each time would
    cost a pass each: minutes for a line of 100,000 repeated keys).
    """

    data: bytes
    line: int  # the line of ``offset``
    offset: int = 0
    column: int = 1  # of ``offset``, in characters

    def at(self, offset: int) -> tuple[int, int]:
        """The line and column of ``offset``, no smaller than the last one asked for."""
        data, start = self.data, self.offset
        newlines = data.count(b"\n", start, offset)
        if newlines:
            self.line += newlines
            start = data.rfind(b"\n", start, offset) + 1
            self.column = 1
        self.column += len(data[start:offset].decode("utf-8", "replace"))
        self.offset = offset
        return self.line, self.column


def _located(data: bytes, file: str | None, first_line: int) -> Iterator[Problem]:
    """Read ``data`` token by token; a problem per repeated key, object by object."""
    stack: list[_Object | _Array] = []
    positions = _Positions(data, first_line)

    def here() -> Path:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top, _Array):
            return (*top.path, top.index)
        return (*top.path, top.key) if top.key is not None else top.path

    for m in _TOKEN.finditer(data):
        token = m[0]
        top = stack[-1] if stack else None
        if token == b"{":
            stack.append(_Object(here()))
        elif token == b"[":
            stack.append(_Array(here()))
        elif token in (b"}", b"]"):
            done = stack.pop()
            if isinstance(done, _Object):
                for key, (line, column) in done.repeated:
                    first = done.keys[key]
                    yield Problem(
                        file=file,
                        line=line,
                        column=column,
                        path=(*done.path, key),
                        record_id=done.record_id,
                        message=_(
                            "the key appears twice in this object (first at {line}:{column});"
                            " JSON readers keep only one of the values"
                        ).format(line=first[0], column=first[1]),
                    )
        elif token == b",":
            if isinstance(top, _Array):
                top.index += 1
            elif isinstance(top, _Object):
                top.expect_key, top.key = True, None
        elif token == b":":
            if isinstance(top, _Object):
                top.expect_key = False
        elif isinstance(top, _Object):  # a string: a key, or the value of one
            text = json.loads(token)
            if top.expect_key:
                top.key = text
                where = positions.at(m.start())
                if text in top.keys:
                    top.repeated.append((text, where))
                else:
                    top.keys[text] = where
            elif top.key == "id" and isinstance(text, str):
                top.record_id = text  # the last, as orjson reads it
