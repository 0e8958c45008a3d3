"""The exceptions hdnd raises.

Every error hdnd raises on purpose derives from :class:`HdndError`, so one
``except hdnd.HdndError`` catches them all. Errors about a value the caller
passed in also derive from :class:`ValueError`.

>>> from hdnd.errors import HdndError
>>> issubclass(HdndError, Exception)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "HdndError",
    "InvalidData",
    "InvalidValue",
    "MissingDependency",
    "Problem",
    "format_path",
]

Path = tuple[str | int, ...]


class HdndError(Exception):
    """Base class of every error hdnd raises on purpose.

    >>> try:
    ...     raise HdndError("something went wrong")
    ... except HdndError as e:
    ...     print(e)
    something went wrong
    """


class MissingDependency(HdndError, ImportError):
    """An optional dependency a feature needs is not installed; the message says which extra.

    >>> issubclass(MissingDependency, ImportError)
    True
    >>> print(MissingDependency("DuckDB is not installed: pip install 'hdnd[duckdb]'"))
    DuckDB is not installed: pip install 'hdnd[duckdb]'
    """


class InvalidValue(HdndError, ValueError):
    """A value breaks a rule of the data model (a negative count, an end before its start).

    ``field`` names the field the rule concerns, when one does.

    >>> e = InvalidValue("must be ≥ 0, got -1", field="turns")
    >>> e.field, str(e)
    ('turns', 'turns: must be ≥ 0, got -1')
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.message = message
        self.field = field

    def __reduce__(self) -> tuple[object, ...]:  # keyword-only init: keep it picklable
        return (_rebuild_invalid_value, (self.message, self.field))


def _rebuild_invalid_value(message: str, field: str | None) -> InvalidValue:
    return InvalidValue(message, field=field)


def format_path(path: Path) -> str:
    """Write a path into a document the usual way: ``receptions[3].turns``.

    >>> format_path(("receptions", 3, "turns"))
    'receptions[3].turns'
    >>> format_path(())
    ''
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input, and where it is.

    ``path`` leads from the document's root (``("receptions", 3, "turns")``);
    in a JSON Lines file it starts inside the record on ``line``; in a table (a
    CSV file, a workbook's ``sheet``) ``line`` is the row and ``path`` the column.
    ``record_id`` is the id of the record concerned, when it has one.

    >>> p = Problem(file="q1.json", path=("receptions", 3, "turns"), record_id="r-17",
    ...             message="must be ≥ 0, got -1")
    >>> str(p)
    "q1.json: receptions[3].turns (id 'r-17'): must be ≥ 0, got -1"
    >>> str(Problem(file="q1.jsonl", line=4, path=("turns",), message="must be ≥ 0, got -1"))
    'q1.jsonl:4: turns: must be ≥ 0, got -1'
    >>> str(Problem(file="q1.xlsx", sheet="receptions", line=4, path=("turns",), message="..."))
    'q1.xlsx[receptions]:4: turns: ...'
    """

    message: str
    path: Path = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    record_id: str | None = None
    sheet: str | None = None

    @property
    def location(self) -> str:
        """Where the problem is, without the file: ``receptions[3].turns``.

        >>> Problem(path=("people", 0, "id"), message="must not be empty").location
        'people[0].id'
        """
        return format_path(self.path)

    def __str__(self) -> str:
        file = f"{self.file or ''}[{self.sheet}]" if self.sheet is not None else self.file
        where = ":".join(str(x) for x in (file, self.line, self.column) if x is not None)
        what = self.location + (f" (id {self.record_id!r})" if self.record_id is not None else "")
        return ": ".join(x for x in (where, what, self.message) if x)

    def as_dict(self) -> dict[str, object]:
        """The problem as a JSON-ready mapping (for ``hdnd validate --format json``).

        >>> Problem(path=("councils", 0, "level"), message="unknown").as_dict()["location"]
        'councils[0].level'
        """
        return {
            "file": self.file,
            "sheet": self.sheet,
            "line": self.line,
            "column": self.column,
            "location": self.location,
            "record_id": self.record_id,
            "message": self.message,
        }


class InvalidData(HdndError, ValueError):
    """Input that is not valid hdnd data; :attr:`problems` lists **every** problem found.

    >>> e = InvalidData([Problem(path=("people", 0, "id"), message="must not be empty"),
    ...                  Problem(path=("people", 1), message="duplicate id 'p1'")])
    >>> len(e.problems)
    2
    >>> print(e)
    2 problems:
      people[0].id: must not be empty
      people[1]: duplicate id 'p1'
    """

    #: How many problems ``str()`` lists before it summarises the rest.
    shown = 50

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        n = len(self.problems)
        if n == 1:
            return str(self.problems[0])
        lines = [f"{n} problems:"] + [f"  {p}" for p in self.problems[: self.shown]]
        if n > self.shown:
            lines.append(f"  ... and {n - self.shown} more")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[object, ...]:
        return (InvalidData, (self.problems,))
