"""Reading and writing hdnd files; the format follows the file name's extension.

``.json`` is a document (:mod:`hdnd.io.jsondoc`), ``.jsonl`` (or ``.ndjson``)
JSON Lines (:mod:`hdnd.io.jsonl`). Loading checks shape and integrity and raises
:class:`~hdnd.errors.InvalidData` with every problem; writing is atomic.

>>> import hdnd, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> ds = hdnd.loads('{"schema_version": 1, "people": [{"id": "p1", "full_name": "An"}]}')
>>> hdnd.dump(ds, folder / "people.jsonl")
>>> hdnd.load(folder / "people.jsonl") == ds
True
>>> [p.full_name for p in hdnd.iter_records(folder / "people.jsonl")]
['An']
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from hdnd.dataset import Dataset
from hdnd.errors import HdndError
from hdnd.io.files import write_atomic
from hdnd.io.jsondoc import read_document, write_document
from hdnd.io.jsonl import iter_lines, read_lines, write_lines
from hdnd.model import Record

__all__ = [
    "FORMATS",
    "Format",
    "UnsupportedFormat",
    "dump",
    "dumps",
    "format_of",
    "iter_records",
    "load",
    "loads",
]

Format = Literal["json", "jsonl"]

FORMATS: dict[str, Format] = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
"""File name extensions hdnd reads and writes, and their formats."""


class UnsupportedFormat(HdndError, ValueError):
    """A file name whose extension names no format hdnd knows.

    >>> format_of("report.docx")
    Traceback (most recent call last):
    ...
    hdnd.io.UnsupportedFormat: report.docx: unknown file type '.docx'; \
hdnd reads and writes .json, .jsonl, .ndjson
    """


PathLike = str | os.PathLike[str]


def format_of(path: PathLike) -> Format:
    """The format of a file, by its extension (case does not matter).

    >>> format_of("Q1-2023.JSONL")
    'jsonl'
    """
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        raise UnsupportedFormat(
            f"{path}: unknown file type {suffix!r}; hdnd reads and writes {', '.join(FORMATS)}"
        ) from None


def load(path: PathLike) -> Dataset:
    """Load a file into a dataset, checking shape and integrity.

    Raises :class:`~hdnd.errors.InvalidData` listing every problem, each with
    its file, location (``receptions[3].turns`` or a JSON Lines line) and message;
    :class:`UnsupportedFormat` for an unknown extension; :class:`OSError` if the
    file cannot be read.

    >>> import hdnd, pathlib, tempfile
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.json"
    >>> _ = bad.write_text('{"schema_version": 1, "people": [{"id": "p1"}]}')
    >>> hdnd.load(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: .../bad.json: people[0].full_name (id 'p1'): required field missing
    """
    fmt = format_of(path)
    if fmt == "jsonl":
        with open(path, "rb") as f:
            return read_lines(f, str(path))
    with open(path, "rb") as f:
        return read_document(f.read(), str(path))


def loads(data: str | bytes, *, format: Format = "json", file: str | None = None) -> Dataset:
    """Load a dataset from text or bytes; ``file`` names the source in error messages.

    >>> import hdnd
    >>> hdnd.loads('{"schema_version": 1}').counts()["people"]
    0
    >>> hdnd.loads('{"type": "person", "id": "p1", "full_name": "An"}', format="jsonl").people
    (Person(id='p1', full_name='An', other_posts=()),)
    """
    # surrogatepass: a lone surrogate then fails as "not UTF-8", located, not as an encode error
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if format == "jsonl":
        return read_lines(io.BytesIO(raw), file)
    return read_document(raw, file)


def dump(dataset: Dataset, path: PathLike) -> None:
    """Write ``dataset`` to ``path`` in the format its extension names, atomically.

    The file is written beside its target and renamed over it once complete, so
    an interrupted write leaves the previous file intact.

    >>> import hdnd, pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "empty.json"
    >>> hdnd.dump(hdnd.Dataset(), out)
    >>> out.read_text().splitlines()[1]
    '  "schema_version": 1,'
    """
    fmt = format_of(path)
    write_atomic(
        path, lambda f: write_lines(dataset, f) if fmt == "jsonl" else write_document(dataset, f)
    )


def dumps(dataset: Dataset, *, format: Format = "json") -> str:
    """``dataset`` as text: a JSON document, or JSON Lines with ``format="jsonl"``.

    ``loads(dumps(d)) == d`` for every dataset, and the text is the same each time.

    >>> import hdnd
    >>> print(hdnd.dumps(hdnd.Dataset(), format="jsonl"), end="")
    {"type":"header","schema_version":1}
    """
    buf = io.BytesIO()
    if format == "jsonl":
        write_lines(dataset, buf)
    else:
        write_document(dataset, buf)
    return buf.getvalue().decode()


def iter_records(path: PathLike) -> Iterator[Record]:
    """Stream the typed records of a ``.jsonl`` file one at a time, in constant memory.

    Stops with :class:`~hdnd.errors.InvalidData` at the first bad line; references
    are not checked (use :func:`load` for that).

    >>> import hdnd
    >>> hdnd.iter_records("data.json")
    Traceback (most recent call last):
    ...
    hdnd.io.UnsupportedFormat: data.json: records are streamed from JSON Lines (.jsonl) only
    """
    if format_of(path) != "jsonl":
        raise UnsupportedFormat(f"{path}: records are streamed from JSON Lines (.jsonl) only")
    return _stream(path)


def _stream(path: PathLike) -> Iterator[Record]:
    with open(path, "rb") as f:
        yield from iter_lines(f, str(path))
