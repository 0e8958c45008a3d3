"""The exceptions hdnd raises.

Every error hdnd raises on purpose derives from :class:`HdndError`, so one
``except hdnd.HdndError`` catches them all. Errors about a value the caller
passed in also derive from :class:`ValueError`.

>>> from hdnd.errors import HdndError
>>> issubclass(HdndError, Exception)
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs

from hdnd.i18n import current, ngettext
from hdnd.i18n import gettext as _

__all__ = [
    "MAX_PROBLEMS",
    "Dropped",
    "HdndError",
    "InvalidData",
    "InvalidValue",
    "MissingDependency",
    "Problem",
    "ProblemLog",
    "format_path",
]

Path = tuple[str | int, ...]

# A limit on what a file may make hdnd keep: a module attribute, read each time a
# :class:`ProblemLog` is made (``hdnd.errors.MAX_PROBLEMS = 10_000`` raises it;
# ``hdnd validate --max-problems N`` on the command line; docs/security.md).
MAX_PROBLEMS = 1000
"""How many problems a failed load keeps and reports (1,000); the others are counted.

A file of a million bad lines would otherwise make a million problems, hundreds of
megabytes of them, to print pages nobody reads; the first thousand say what is wrong,
the count and the lines of the others say how far it goes.

>>> e = InvalidData(Problem(line=n, message="bad") for n in range(1, 3001))
>>> len(e.problems), e.total, e.dropped.count
(1000, 3000, 2000)
"""


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

    A problem in a spreadsheet's cell (``in_table``: a workbook's sheet, a CSV file)
    says where it is as the clerk sees it: the row as the spreadsheet numbers it
    (``line``, the header rows counted), the column's letter and its header, in the
    current language (:mod:`hdnd.i18n`):

    >>> from hdnd import i18n
    >>> cell = Problem(file="q1.xlsx", sheet="Tiếp công dân", line=5, path=("persons",),
    ...                column_letter="D", header="Công dân / Persons", in_table=True,
    ...                record_id="r1", message="must be ≥ 0, got -1")
    >>> with i18n.language("en"):
    ...     print(cell)
    q1.xlsx, sheet Tiếp công dân, row 5, column D (Persons), id 'r1': must be ≥ 0, got -1
    >>> with i18n.language("vi"):
    ...     print(cell.position)
    q1.xlsx, Sheet Tiếp công dân, dòng 5, cột D (Công dân), mã 'r1'
    """

    message: str
    path: Path = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    record_id: str | None = None
    sheet: str | None = None
    column_letter: str | None = None
    """The column of a table's cell as a spreadsheet names it: ``"D"``."""
    header: str | None = None
    """The header of that column as the clerk sees it: a workbook's row 2
    (``"Công dân / Persons"``: the part in the current language is shown), a CSV
    file's row 1 as written."""
    in_table: bool = False
    """Whether the problem is in a spreadsheet (a workbook, a CSV file): ``line`` is a
    row, written in a spreadsheet's words."""

    @property
    def location(self) -> str:
        """Where the problem is, without the file: ``receptions[3].turns``.

        >>> Problem(path=("people", 0, "id"), message="must not be empty").location
        'people[0].id'
        """
        return format_path(self.path)

    @property
    def position(self) -> str:
        """Where the problem is, file included, as :func:`str` writes it before the message.

        >>> Problem(file="q1.jsonl", line=4, path=("turns",), message="...").position
        'q1.jsonl:4: turns'
        >>> Problem(file="people.csv", line=3, in_table=True, message="...").position
        'people.csv, row 3'
        """
        if self.in_table:
            return ", ".join(self._cell())
        file = f"{self.file or ''}[{self.sheet}]" if self.sheet is not None else self.file
        where = ":".join(str(x) for x in (file, self.line, self.column) if x is not None)
        rid = self.record_id
        named = _("(id {id})").format(id=repr(rid)) if rid is not None else ""
        what = " ".join(x for x in (self.location, named) if x)
        return ": ".join(x for x in (where, what) if x)

    def _cell(self) -> list[str]:
        """The parts of a spreadsheet location: file, sheet, row, column, record id."""
        parts = [self.file] if self.file else []
        if self.sheet is not None:
            parts.append(_("sheet {sheet}").format(sheet=self.sheet))
        if self.line is not None:
            parts.append(_("row {row}").format(row=self.line))
        if self.column_letter is not None:
            header = _shown_header(self.header) if self.header else None
            parts.append(
                _("column {letter} ({header})").format(letter=self.column_letter, header=header)
                if header
                else _("column {letter}").format(letter=self.column_letter)
            )
        elif self.location:  # a column not in the table (a required one missing)
            parts.append(self.location)
        if self.record_id is not None:
            parts.append(_("id {id}").format(id=repr(self.record_id)))
        return parts

    def __str__(self) -> str:
        return ": ".join(x for x in (self.position, self.message) if x)

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
            "column_letter": self.column_letter,
            "header": self.header,
            "in_table": self.in_table,
            "location": self.location,
            "record_id": self.record_id,
            "message": self.message,
        }


def _number(n: int) -> str:
    """A whole number as the language in use writes it: ``1,001`` in English, ``1.001`` in
    Vietnamese."""
    written = f"{n:,}"
    return written.replace(",", ".") if current() == "vi" else written


def _shown_header(header: str) -> str:
    """The part of a column header a clerk reads in the current language.

    The template's row 2 names each column ``Vietnamese / English``; any other
    header is shown as it is written.

    >>> from hdnd import i18n
    >>> with i18n.language("vi"):
    ...     _shown_header("Công dân / Persons"), _shown_header("persons")
    ('Công dân', 'persons')
    >>> with i18n.language("en"):
    ...     _shown_header("Công dân / Persons")
    'Persons'
    """
    vi, slash, en = header.partition(" / ")
    if not slash:
        return header
    return vi if current() == "vi" else en


def _where(problem: Problem) -> str:
    """Where a problem is, in a few words: its line (or row) if it has one, else its path."""
    if problem.line is not None:
        return _("line {line}").format(line=_number(problem.line))
    if problem.location:
        return _("at {location}").format(location=problem.location)
    return _("in {file}").format(file=problem.file or "?")


@attrs.frozen
class Dropped:
    """The problems a :class:`ProblemLog` counted but did not keep: how many, the first, the last.

    >>> more = Dropped(2_999_000, Problem(line=1001, message="x"), Problem(line=3_000_000,
    ...                message="x"))
    >>> str(more)
    '… and 2,999,000 more problems (first line 1,001, last line 3,000,000)'
    >>> str(Dropped(1, Problem(path=("people", 7), message="x"), Problem(message="x")))
    '… and 1 more problem (at people[7])'
    >>> from hdnd.i18n import language
    >>> with language("vi"):
    ...     str(more)
    '… và 2.999.000 vấn đề khác (đầu tiên: dòng 1.001; cuối cùng: dòng 3.000.000)'
    """

    count: int
    first: Problem
    last: Problem

    def __str__(self) -> str:
        if self.count == 1:
            return _("… and 1 more problem ({where})").format(where=_where(self.first))
        return _("… and {count} more problems (first {first}, last {last})").format(
            count=_number(self.count), first=_where(self.first), last=_where(self.last)
        )

    def map(self, change: Callable[[Problem], Problem]) -> Dropped:
        """The same count, ``change`` made to the first and the last problem.

        >>> more = Dropped(5, Problem(message="a"), Problem(message="b"))
        >>> more.map(lambda p: attrs.evolve(p, line=9)).first.line
        9
        """
        return Dropped(self.count, change(self.first), change(self.last))


class ProblemLog(list[Problem]):
    """A list of the problems found, up to ``limit`` (:data:`MAX_PROBLEMS`); the rest counted.

    Readers append every problem they find to one log, which keeps the first ones
    and notes, of the others, only how many there are and the first and the last
    (:attr:`dropped`): memory stays bounded, however many problems a file holds.

    >>> log = ProblemLog(limit=2)
    >>> log.extend(Problem(line=n, message="bad") for n in range(1, 6))
    >>> [p.line for p in log], log.total, str(log.dropped)
    ([1, 2], 5, '… and 3 more problems (first line 3, last line 5)')
    """

    def __init__(self, problems: Iterable[Problem] = (), *, limit: int | None = None) -> None:
        super().__init__()
        self.limit = MAX_PROBLEMS if limit is None else limit
        self.dropped: Dropped | None = None
        self.extend(problems)

    @property
    def total(self) -> int:
        """How many problems were found: those kept and those counted.

        >>> ProblemLog([Problem(message="x")] * 3, limit=1).total
        3
        """
        return len(self) + (self.dropped.count if self.dropped else 0)

    def append(self, problem: Problem) -> None:
        """Keep ``problem``, or count it once :attr:`limit` are kept.

        >>> log = ProblemLog(limit=0)
        >>> log.append(Problem(message="x"))
        >>> len(log), log.total
        (0, 1)
        """
        if len(self) < self.limit:
            super().append(problem)
        elif self.dropped is None:
            self.dropped = Dropped(1, problem, problem)
        else:
            self.dropped = Dropped(self.dropped.count + 1, self.dropped.first, problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Append each of ``problems``, taken one at a time (an iterator is never held whole).

        >>> log = ProblemLog(limit=1)
        >>> log.extend(iter([Problem(message="a"), Problem(message="b")]))
        >>> log.total
        2
        """
        for problem in problems:
            self.append(problem)

    def add_dropped(self, more: Dropped | None) -> None:
        """Count ``more``, problems a part of the input dropped (a record checked on its
        own, with a log of its own), as dropped here: they came after its kept ones.

        >>> log = ProblemLog([Problem(line=1, message="x")], limit=1)
        >>> log.add_dropped(Dropped(4, Problem(line=2, message="y"), Problem(line=5, message="y")))
        >>> str(log.dropped)
        '… and 4 more problems (first line 2, last line 5)'
        """
        if more is None:
            return
        if self.dropped is None:
            self.dropped = more
        else:
            self.dropped = Dropped(self.dropped.count + more.count, self.dropped.first, more.last)

    def map(self, change: Callable[[Problem], Problem]) -> ProblemLog:
        """A log of the same problems, each kept one and the first and last counted changed.

        >>> log = ProblemLog([Problem(message="x")] * 3, limit=1)
        >>> moved = log.map(lambda p: attrs.evolve(p, line=4))
        >>> [p.line for p in moved], moved.total, moved.dropped.last.line
        ([4], 3, 4)
        """
        out = ProblemLog(map(change, self), limit=self.limit)
        out.dropped = self.dropped.map(change) if self.dropped else None
        return out


class InvalidData(HdndError, ValueError):
    """Input that is not valid hdnd data; :attr:`problems` lists the problems found.

    Every problem, up to :data:`MAX_PROBLEMS`: past it, :attr:`dropped` says how many
    more there are and where the first and the last of them are (a
    :class:`ProblemLog` given keeps its own count).

    >>> e = InvalidData([Problem(path=("people", 0, "id"), message="must not be empty"),
    ...                  Problem(path=("people", 1), message="duplicate id 'p1'")])
    >>> len(e.problems), e.total, e.dropped
    (2, 2, None)
    >>> print(e)
    2 problems:
      people[0].id: must not be empty
      people[1]: duplicate id 'p1'
    """

    #: How many problems ``str()`` lists before it summarises the rest.
    shown = 50

    def __init__(self, problems: Iterable[Problem]) -> None:
        log = problems if isinstance(problems, ProblemLog) else ProblemLog(problems)
        self.problems: Sequence[Problem] = tuple(log)
        #: The problems found but not kept (past :data:`MAX_PROBLEMS`), or ``None``.
        self.dropped: Dropped | None = log.dropped
        super().__init__()

    def __str__(self) -> str:  # written when asked for: a failing record's error never is
        return self._summary()

    @property
    def total(self) -> int:
        """How many problems were found, listed or not.

        >>> InvalidData([Problem(message="x")] * 3).total
        3
        """
        return len(self.problems) + (self.dropped.count if self.dropped else 0)

    def log(self) -> ProblemLog:
        """The problems as a :class:`ProblemLog`, to add to or change (:meth:`ProblemLog.map`).

        >>> e = InvalidData([Problem(message="x")])
        >>> log = e.log()
        >>> log.append(Problem(message="y"))
        >>> print(InvalidData(log))
        2 problems:
          x
          y
        """
        room = len(self.problems) if self.dropped else max(MAX_PROBLEMS, len(self.problems))
        log = ProblemLog(self.problems, limit=room)
        log.dropped = self.dropped  # full: what is added now is counted, after these
        return log

    def _summary(self) -> str:
        n = self.total
        if n == 1:
            return str(self.problems[0])
        heading = ngettext("{count} problem:", "{count} problems:", n).format(count=_number(n))
        lines = [heading] + [f"  {p}" for p in self.problems[: self.shown]]
        unlisted = self.problems[self.shown :]
        if unlisted or self.dropped:
            first = unlisted[0] if unlisted else self.dropped.first  # type: ignore[union-attr]
            last = self.dropped.last if self.dropped else unlisted[-1]
            lines.append(f"  {Dropped(n - self.shown, first, last)}")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_invalid_data, (self.problems, self.dropped))


def _rebuild_invalid_data(problems: Sequence[Problem], dropped: Dropped | None) -> InvalidData:
    log = ProblemLog(problems, limit=len(problems))
    log.dropped = dropped
    return InvalidData(log)
