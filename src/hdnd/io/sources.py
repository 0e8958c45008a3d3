"""Where each record of a loaded dataset came from: file, sheet, row (or line, or path).

A :class:`~hdnd.dataset.Dataset` holds records, not their places in the input, so
that two datasets of the same records are equal however they were written. The
domain checks (:mod:`hdnd.checks`) locate their findings in the dataset
(``("receptions", 0, "persons")``); a clerk who filled a workbook wants the sheet, the
row as Excel shows it, the column's letter and its header. :func:`located` (or
:func:`hdnd.io.load_located`) loads a dataset and keeps a :class:`SourceMap` beside it, which
turns such a path into a :class:`~hdnd.errors.Problem` located in the input:

>>> import hdnd
>>> from hdnd.io import load_located
>>> loaded = load_located("examples/data/city-q1-2023.json")
>>> print(loaded.sources.locate(("receptions", 2, "persons"), "r3"))
examples/data/city-q1-2023.json: receptions[2].persons (id 'r3')

For a workbook or CSV tables, the sheet (or file), the row and the column:
``q1.xlsx, sheet Tiếp công dân, row 5, column D (Persons)``. The map keeps, per record,
one number (its index, line or row) in an array, and per table each field's column:
a few bytes a record. Datasets merged from several files
(:func:`hdnd.merging.load_merged`) keep each record's own file.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from hdnd import i18n
from hdnd.errors import Path, Problem

if TYPE_CHECKING:
    from hdnd.checks import Finding
    from hdnd.dataset import Dataset

__all__ = [
    "Located",
    "Origin",
    "SourceKind",
    "SourceMap",
    "column_letter",
    "located",
]

SourceKind = Literal["document", "lines", "table"]
"""How an input places its records: by index in a document's list (JSON), by line (JSON
Lines), by row in a table (CSV, workbook, Parquet)."""


def column_letter(index: int) -> str:
    """The letter a spreadsheet gives the column at ``index`` (counted from 0).

    >>> column_letter(0), column_letter(3), column_letter(25), column_letter(27)
    ('A', 'D', 'Z', 'AB')
    """
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("A") + r) + letters
    return letters


@attrs.frozen
class Origin:
    """Where the records of one type in one file came from.

    ``places`` gives each record's place, in the dataset's order: its index in the
    document's list, its line, or its row as a spreadsheet numbers it. A table's
    ``columns`` give each field's column letter and header, as the table was read.

    >>> sheet = Origin("receptions", "q1.xlsx", "table", [3, 5],
    ...                sheet="Tiếp công dân", columns={"persons": ("D", "Công dân / Persons")},
    ...                spreadsheet=True)
    >>> with i18n.language("vi"):
    ...     print(sheet.place(Problem(path=("persons",), message="..."), 1))
    q1.xlsx, Sheet Tiếp công dân, dòng 5, cột D (Công dân): ...
    """

    key: str
    file: str | None
    kind: SourceKind
    places: Sequence[int]
    sheet: str | None = None
    columns: Mapping[str, tuple[str, str]] = attrs.Factory(dict)
    spreadsheet: bool = False
    """Whether the table is one a clerk sees in a spreadsheet (a workbook, CSV), not
    Parquet: its problems are then written with rows and column letters."""

    def place(self, problem: Problem, index: int) -> Problem:
        """``problem``, about the record at ``index`` (its path inside the record), located
        where that record is in the input.

        >>> lines = Origin("people", "q1.jsonl", "lines", [4, 9])
        >>> print(lines.place(Problem(path=("full_name",), message="..."), 1))
        q1.jsonl:9: full_name: ...
        """
        return self.at(problem, self.places[index])

    def at(self, problem: Problem, position: int) -> Problem:
        """``problem``, about a record (its path inside the record) at ``position``: its
        index in the document's list, its line or its row.

        >>> doc = Origin("people", "q1.json", "document", [])
        >>> print(doc.at(Problem(path=("full_name",), message="..."), 7))
        q1.json: people[7].full_name: ...
        """
        if self.kind == "document":
            return attrs.evolve(problem, file=self.file, path=(self.key, position, *problem.path))
        if self.kind == "lines":
            return attrs.evolve(problem, file=self.file, line=position)
        field = problem.path[0] if problem.path else None
        column = self.columns.get(field) if self.spreadsheet and isinstance(field, str) else None
        return attrs.evolve(
            problem,
            file=self.file,
            sheet=self.sheet,
            line=position,
            column_letter=column[0] if column else None,
            header=column[1] if column else None,
            in_table=self.spreadsheet,
        )


@attrs.frozen
class SourceMap:
    """Where each record of a dataset came from (see the module's documentation).

    ``origins``: for a dataset read from one input, the origin of each record type's
    records. ``parts`` and ``picks``: for datasets merged, the map of each input, and
    for each record type, each record's input and index in it (two arrays). An empty
    map (a dataset made in memory) locates by the path in the dataset.

    >>> print(SourceMap().locate(("people", 0, "full_name"), "p1", "must not be empty"))
    people[0].full_name (id 'p1'): must not be empty
    """

    origins: Mapping[str, Origin] = attrs.Factory(dict)
    parts: Sequence[SourceMap] = ()
    picks: Mapping[str, tuple[Sequence[int], Sequence[int]]] = attrs.Factory(dict)

    def origin(self, key: str, index: int) -> tuple[Origin, int] | None:
        """The origin of record ``index`` of collection ``key``, and its index there.

        >>> SourceMap().origin("people", 0) is None
        True
        """
        if key in self.picks:
            parts, indexes = self.picks[key]
            if not 0 <= index < len(parts):
                return None
            return self.parts[parts[index]].origin(key, indexes[index])
        origin = self.origins.get(key)
        if origin is None or not 0 <= index < len(origin.places):
            return None
        return origin, index

    def locate(self, path: Path, record_id: str | None = None, message: str = "") -> Problem:
        """A problem about ``path`` in the dataset (``("receptions", 3, "persons")``),
        located in the input its record came from.

        >>> located = SourceMap(origins={"people": Origin("people", "p.jsonl", "lines", [2])})
        >>> print(located.locate(("people", 0, "full_name"), "p1", "must not be empty"))
        p.jsonl:2: full_name (id 'p1'): must not be empty
        """
        problem = Problem(path=path, record_id=record_id, message=message)
        match path:
            case (str(key), int(index), *rest):
                found = self.origin(key, index)
                if found is not None:
                    origin, at = found
                    return origin.place(attrs.evolve(problem, path=tuple(rest)), at)
        return problem

    def finding(self, finding: Finding) -> Problem:
        """Where a domain check's finding is in the input, with its message in the current
        language.

        >>> from hdnd.checks import Finding, Severity
        >>> f = Finding(code="X", severity=Severity.warning, path=("people", 0), record_id="p1",
        ...             message_vi="trùng tên", message_en="same name")
        >>> with i18n.language("vi"):
        ...     print(SourceMap().finding(f))
        people[0] (mã 'p1'): trùng tên
        """
        message = finding.message(i18n.current())
        return self.locate(finding.path, finding.record_id, message)


@attrs.frozen
class Located:
    """A dataset loaded, and where each of its records came from.

    >>> from hdnd.io import load_located
    >>> loaded = load_located("examples/data/city-q1-2023.json")
    >>> loaded.dataset.counts()["councils"] > 0, type(loaded.sources).__name__
    (True, 'SourceMap')
    """

    dataset: Dataset
    sources: SourceMap


_recorded: contextvars.ContextVar[list[SourceMap] | None] = contextvars.ContextVar(
    "hdnd_sources", default=None
)


def record(sources: Callable[[], SourceMap]) -> None:
    """Note the map of a dataset just loaded, when :func:`located` asks for it (else
    nothing is made: loading keeps no map it was not asked for). Readers call it.

    >>> from hdnd.dataset import Dataset
    >>> record(SourceMap)  # no one asks: nothing made
    >>> located(lambda: record(SourceMap) or Dataset()).sources == SourceMap()
    True
    """
    kept = _recorded.get()
    if kept is not None:
        kept.append(sources())


def located(load: Callable[[], Dataset]) -> Located:
    """Run ``load`` (:func:`hdnd.load`, :func:`hdnd.loads`, :func:`hdnd.load_merged`...) and
    keep where each record of the dataset it returns came from.

    >>> import hdnd
    >>> from hdnd.io import located  # the module the readers record to
    >>> loaded = located(lambda: hdnd.loads('{"type": "person", "id": "p1", "full_name": "An"}',
    ...                                     format="jsonl", file="p.jsonl"))
    >>> print(loaded.sources.locate(("people", 0, "id")))
    p.jsonl:1: id
    """
    token = _recorded.set([])
    try:
        dataset = load()
        kept = _recorded.get() or [SourceMap()]
    finally:
        _recorded.reset(token)
    return Located(dataset, kept[-1])
