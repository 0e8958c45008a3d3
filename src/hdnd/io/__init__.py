"""Reading and writing hdnd files; the format follows the path (:func:`format_of`).

``.json`` is a document (:mod:`hdnd.io.jsondoc`), ``.jsonl`` (or ``.ndjson``)
JSON Lines (:mod:`hdnd.io.jsonl`), a directory or a ``.zip`` CSV tables
(:mod:`hdnd.io.csvtables`), ``.xlsx`` an Excel workbook (:mod:`hdnd.io.xlsx`, with
the extra ``hdnd[excel]``), a ``.parquet`` folder Parquet files (:mod:`hdnd.io.parquet`,
with the extra ``hdnd[duckdb]``). Loading checks shape and integrity and raises
:class:`~hdnd.errors.InvalidData` with every problem; writing a file is atomic,
writing a directory is atomic too (:func:`hdnd.io.files.write_folder_atomic`).

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
import itertools
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, Any, Literal

from hdnd import i18n
from hdnd.dataset import Dataset
from hdnd.errors import HdndError, ProblemLog
from hdnd.i18n import gettext as _
from hdnd.io.files import write_atomic
from hdnd.io.jsondoc import read_document, write_document
from hdnd.io.jsonl import iter_line_blocks, line_problems, read_lines, write_lines
from hdnd.io.sources import Located, SourceMap, located
from hdnd.model import Record

__all__ = [
    "FORMATS",
    "Format",
    "Located",
    "SourceMap",
    "TextFormat",
    "UnsupportedFormat",
    "dump",
    "dumps",
    "format_of",
    "iter_records",
    "iter_values",
    "load",
    "load_located",
    "loads",
    "located",
    "stream_problems",
]

Format = Literal["json", "jsonl", "csv", "zip", "xlsx", "parquet"]
"""A format hdnd reads and writes: ``csv`` is a directory of CSV tables, ``zip`` a zip of
them, ``parquet`` a folder of Parquet files."""

TextFormat = Literal["json", "jsonl"]
"""A format held in one text: what :func:`loads` reads and :func:`dumps` writes."""

FORMATS: dict[str, Format] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".zip": "zip",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}
"""File name extensions hdnd reads and writes, and their formats (a directory has none)."""


class UnsupportedFormat(HdndError, ValueError):
    """A file name whose extension names no format hdnd knows.

    >>> format_of("report.docx")
    Traceback (most recent call last):
    ...
    hdnd.io.UnsupportedFormat: report.docx: unknown file type '.docx'; hdnd reads and writes \
.json, .jsonl, .ndjson, .zip, .xlsx, .parquet, and directories of CSV tables
    """


PathLike = str | os.PathLike[str]


def format_of(path: PathLike) -> Format:
    """The format of a path: by its extension (case does not matter), or CSV tables.

    A path names a directory of CSV tables (``"csv"``) when it is an existing
    directory, ends with a path separator (``tables/``) or has no extension (a
    directory to create).

    >>> format_of("Q1-2023.JSONL"), format_of("q1-2023/"), format_of("q1-2023.zip")
    ('jsonl', 'csv', 'zip')
    >>> format_of("term-2026-2031.parquet"), format_of("term-2026-2031.parquet/")
    ('parquet', 'parquet')
    >>> format_of("receptions.csv")
    Traceback (most recent call last):
    ...
    hdnd.io.UnsupportedFormat: receptions.csv: unknown file type '.csv': CSV tables are \
a directory (or a .zip) holding a file for each record type; name the directory
    """
    text = os.fspath(path)
    suffix = Path(text).suffix.lower()
    if suffix == ".parquet":  # a folder too, as Spark names them
        return "parquet"
    if text.endswith(("/", os.sep)) or not suffix or Path(text).is_dir():
        return "csv"
    if suffix == ".csv":
        raise UnsupportedFormat(
            _(
                "{path}: unknown file type '.csv': CSV tables are a directory (or a .zip)"
                " holding a file for each record type; name the directory"
            ).format(path=path)
        )
    try:
        return FORMATS[suffix]
    except KeyError:
        raise UnsupportedFormat(
            _(
                "{path}: unknown file type {suffix!r}; hdnd reads and writes {formats}, and"
                " directories of CSV tables"
            ).format(path=path, suffix=suffix, formats=", ".join(FORMATS))
        ) from None


def _not_streamed(path: PathLike) -> UnsupportedFormat:
    return UnsupportedFormat(
        _("{path}: records are streamed from JSON Lines (.jsonl) only").format(path=path)
    )


Opener = Callable[[PathLike], AbstractContextManager[IO[bytes]]]
"""How a file is opened for reading (``open(path, "rb")`` by default)."""


def _open(path: PathLike) -> IO[bytes]:
    return open(path, "rb")


def load(path: PathLike, *, opener: Opener | None = None) -> Dataset:
    """Load a file (or a directory of CSV tables) into a dataset, checking shape and integrity.

    Raises :class:`~hdnd.errors.InvalidData` listing every problem, each with
    its file, location (``receptions[3].turns``, a JSON Lines line, a table's row
    and column) and message; :class:`UnsupportedFormat` for an unknown extension;
    :class:`OSError` if the file cannot be read. ``opener`` opens a JSON or JSON Lines
    file (the command line's draws a progress line); ``open(path, "rb")`` by default.

    >>> import hdnd, pathlib, tempfile
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.json"
    >>> _ = bad.write_text('{"schema_version": 1, "people": [{"id": "p1"}]}')
    >>> hdnd.load(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: .../bad.json: people[0].full_name (id 'p1'): required field missing
    """
    with _language_pinned():
        return _load(path, opener or _open)


def _language_pinned() -> AbstractContextManager[i18n.Language]:
    """The language in use, pinned while a file is read: looked up once, not again for
    each message of each problem (reading the environment each time costs ~10 µs)."""
    return i18n.language(i18n.current())


def _load(path: PathLike, opener: Opener) -> Dataset:
    fmt = format_of(path)
    if fmt in ("csv", "zip", "xlsx", "parquet"):
        from hdnd.io import csvtables, parquet, xlsx  # tables: imported only when used

    if fmt == "csv":
        return csvtables.read_csv_dir(path)
    if fmt == "zip":
        return csvtables.read_csv_zip(path)
    if fmt == "xlsx":
        return xlsx.read_workbook(path)
    if fmt == "parquet":
        return parquet.read_parquet_dir(path)
    with opener(path) as f:
        if fmt == "jsonl":
            return read_lines(f, str(path))
        return read_document(f.read(), str(path))


def loads(data: str | bytes, *, format: TextFormat = "json", file: str | None = None) -> Dataset:
    """Load a dataset from text or bytes; ``file`` names the source in error messages.

    >>> import hdnd
    >>> hdnd.loads('{"schema_version": 1}').counts()["people"]
    0
    >>> hdnd.loads('{"type": "person", "id": "p1", "full_name": "An"}', format="jsonl").people
    (Person(id='p1', full_name='An', other_posts=()),)
    """
    # surrogatepass: a lone surrogate then fails as "not UTF-8", located, not as an encode error
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    with _language_pinned():
        if format == "jsonl":
            return read_lines(io.BytesIO(raw), file)
        return read_document(raw, file)


def dump(dataset: Dataset, path: PathLike, *, bom: bool = False) -> None:
    """Write ``dataset`` to ``path`` in the format the path names (:func:`format_of`).

    A file is written beside its target and renamed over it once complete, so an
    interrupted write leaves the previous file intact; so is a folder of tables, CSV
    or Parquet (see :func:`hdnd.io.files.write_folder_atomic`). ``bom=True``
    starts CSV tables with a UTF-8 byte order mark, which Excel needs to open them
    as UTF-8; other formats refuse it.

    >>> import hdnd, pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "empty.json"
    >>> hdnd.dump(hdnd.Dataset(), out)
    >>> out.read_text().splitlines()[1]
    '  "schema_version": 2,'
    >>> hdnd.dump(hdnd.Dataset(), out, bom=True)
    Traceback (most recent call last):
    ...
    hdnd.io.UnsupportedFormat: a byte order mark is for CSV tables (a directory or a .zip), \
not for json
    """
    fmt = format_of(path)
    if bom and fmt not in ("csv", "zip"):
        raise UnsupportedFormat(
            _(
                "a byte order mark is for CSV tables (a directory or a .zip), not for {format}"
            ).format(format=fmt)
        )
    from hdnd.io import csvtables, parquet, xlsx  # tables: imported only when used

    if fmt == "csv":
        csvtables.write_csv_dir(dataset, path, bom=bom)
        return
    if fmt == "parquet":
        parquet.write_parquet_dir(dataset, path)
        return
    writers: dict[Format, Callable[[IO[bytes]], None]] = {
        "json": lambda f: write_document(dataset, f),
        "jsonl": lambda f: write_lines(dataset, f),
        "zip": lambda f: csvtables.write_csv_zip(dataset, f, bom=bom),
        "xlsx": lambda f: xlsx.write_workbook(dataset, f),
    }
    write_atomic(path, writers[fmt])


def dumps(dataset: Dataset, *, format: TextFormat = "json") -> str:
    """``dataset`` as text: a JSON document, or JSON Lines with ``format="jsonl"``.

    ``loads(dumps(d)) == d`` for every dataset, and the text is the same each time.

    >>> import hdnd
    >>> print(hdnd.dumps(hdnd.Dataset(), format="jsonl"), end="")
    {"type":"header","schema_version":2}
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
        raise _not_streamed(path)
    return _read(path, _open, values=False)


def iter_values(
    path: PathLike, *, opener: Opener | None = None
) -> Iterator[tuple[type[Record], tuple[Any, ...]]]:
    """Stream a ``.jsonl`` file's records as (record class, field values) pairs.

    The values are checked exactly as :func:`iter_records` checks records, in field
    order, without the cost of building records: for a one-pass consumer that drops
    them at once, such as :func:`hdnd.summary.summarize_values`. Stops with
    :class:`~hdnd.errors.InvalidData` at the first bad line (:func:`stream_problems`
    then lists every one).

    >>> import hdnd, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "people.jsonl"
    >>> _ = path.write_text('{"type": "person", "id": "p1", "full_name": "An"}\\n')
    >>> list(hdnd.io.iter_values(path))
    [(<class 'hdnd.model.Person'>, ('p1', 'An', ()))]
    """
    if format_of(path) != "jsonl":
        raise _not_streamed(path)
    return _read(path, opener or _open, values=True)


def _read(path: PathLike, opener: Opener, values: bool) -> Iterator[Any]:
    # flattened in C, as hdnd.io.jsonl.iter_lines does: no Python frame resumed per record
    return itertools.chain.from_iterable(_read_blocks(path, opener, values))


def _read_blocks(path: PathLike, opener: Opener, values: bool) -> Iterator[list[Any]]:
    with opener(path) as f:
        yield from iter_line_blocks(f, str(path), values)


def stream_problems(path: PathLike, *, opener: Opener | None = None) -> ProblemLog:
    """The problems of each line of the ``.jsonl`` file ``path``, read as a stream.

    What a stream that stopped at a bad line has to say (:func:`hdnd.io.jsonl.line_problems`):
    every bad line, in constant memory, rather than loading the file whole to find them.

    >>> import hdnd, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "people.jsonl"
    >>> _ = path.write_text('{"type": "person", "id": "p1"}\\n[]\\n')
    >>> for problem in hdnd.io.stream_problems(path):
    ...     print(problem.line, problem.message)
    1 required field missing
    2 expected a JSON object, got a list
    """
    with _language_pinned(), (opener or _open)(path) as f:
        return line_problems(f, str(path))


def load_located(path: str | os.PathLike[str], *, opener: Opener | None = None) -> Located:
    """:func:`hdnd.load` ``path``, keeping where each record came from (:func:`located`).

    >>> load_located("examples/data/city-q1-2023.json").sources.origins["councils"].kind
    'document'
    """
    return located(lambda: load(path, opener=opener))
