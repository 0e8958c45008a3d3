"""Reading files of older format versions: a registry of steps, applied before structuring.

Every file says its format version: a document in ``schema_version``, a JSON Lines
stream in its optional header (no header means version 1, docs/format.md). When the
format changes, :data:`~hdnd.dataset.SCHEMA_VERSION` goes up by one and a
:class:`Step` joins :data:`STEPS`, saying how a record of the version before
becomes a record of the new one: fields renamed (``renames``) and anything else
(``change``, a function of the raw record). Readers bring each record of an older
file up to date, step by step, **before** structuring it, so the model and the
converter only ever see the current version; problems found in a migrated record
name its fields as the file does.

Steps work record by record: a JSON Lines stream stays readable in one pass, and
docs/format.md promises that record types and collection names never change, so no
step needs the whole document. hdnd keeps reading every version from 1 up:
migrations are cheap, and a header-less stream is version 1 forever.

Version 2 only added record types and optional fields, so its step changes no
record (a version 1 file is read as it is, its version raised). A pretend history
shows the machinery: in "version 0", people had a ``name``.

>>> import hdnd
>>> from hdnd.migrate import Migrations, Step, using
>>> history = Migrations(current=1, steps=(Step(1, renames={"person": {"name": "full_name"}}),))
>>> with using(history):
...     ds = hdnd.loads('{"schema_version": 0, "people": [{"id": "p1", "name": "An"}]}')
>>> ds.people[0].full_name, ds.schema_version
('An', 1)

A file newer than this hdnd is refused with advice:

>>> hdnd.loads('{"schema_version": 3}')  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
hdnd.errors.InvalidData: schema_version: unknown schema_version 3: this file is newer than \
this hdnd (...), which reads versions 1 to 2 — upgrade hdnd to read files newer than \
schema_version 2
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from hdnd._version import __version__
from hdnd.converter import describe_json
from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION
from hdnd.errors import Path, Problem
from hdnd.i18n import gettext as _

__all__ = ["MIGRATIONS", "STEPS", "Migrations", "Step", "Upgrade", "active", "using"]

RawRecord = dict[str, Any]


@attrs.frozen
class Step:
    """How a record of format version ``version - 1`` becomes a record of ``version``.

    ``renames`` maps a record type's tag to its renamed fields, ``{old: new}``;
    ``change`` then gets the tag and the record (renamed, without ``"type"``) and
    returns the record in the new version; it sees records as files hold them,
    broken ones included (a text where a number belongs...), and leaves what it does
    not understand for reading to report. A field is not renamed onto one the record
    already has: both stay, and reading reports the old one as unknown.

    >>> step = Step(2, renames={"person": {"name": "full_name"}},
    ...             change=lambda tag, raw: raw | {"other_posts": []} if tag == "person" else raw)
    >>> step.apply("person", {"id": "p1", "name": "An"})
    {'id': 'p1', 'full_name': 'An', 'other_posts': []}
    >>> step.apply("council", {"id": "c1", "name": "HĐND"})
    {'id': 'c1', 'name': 'HĐND'}
    """

    version: int
    renames: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    change: Callable[[str, RawRecord], RawRecord] | None = None

    def apply(self, tag: str, raw: RawRecord) -> RawRecord:
        """The record ``raw`` of type ``tag``, brought from ``version - 1`` to ``version``.

        >>> Step(2).apply("person", {"id": "p1"})
        {'id': 'p1'}
        """
        names = self.renames.get(tag, {})
        raw = {names[k] if k in names and names[k] not in raw else k: v for k, v in raw.items()}
        return self.change(tag, raw) if self.change is not None else raw

    @property
    def changes_records(self) -> bool:
        """Whether the step changes any record: a step that only adds record types and
        optional fields (version 2) leaves every record as it is.

        >>> Step(2).changes_records, Step(2, renames={"person": {"name": "n"}}).changes_records
        (False, True)
        """
        return bool(self.renames) or self.change is not None


# Typed, not the generic ``tuple``: mypy's attrs plugin cannot solve its type variable.
def _steps(steps: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(steps)


def _check_steps(instance: Migrations, _: attrs.Attribute[Any], steps: tuple[Step, ...]) -> None:
    expected = list(range(instance.current - len(steps) + 1, instance.current + 1))
    if [s.version for s in steps] != expected:
        raise ValueError(f"steps must produce versions {expected} in order, one each")
    if instance.current - len(steps) > 1:
        raise ValueError("every version from 1 must stay readable: a step is missing")


@attrs.frozen
class Migrations:
    """A format's history: its ``current`` version and the steps that lead to it, oldest first.

    >>> history = Migrations(current=3, steps=(Step(2), Step(3)))
    >>> sorted(history.readable)
    [1, 2, 3]
    >>> Migrations(current=3, steps=(Step(3),))
    Traceback (most recent call last):
    ...
    ValueError: every version from 1 must stay readable: a step is missing
    """

    current: int
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_steps, validator=_check_steps)

    @property
    def readable(self) -> frozenset[int]:
        """The versions this history reads: the current one and those it migrates from.

        >>> sorted(MIGRATIONS.readable)
        [1, 2]
        """
        return frozenset(range(self.current - len(self.steps), self.current + 1))

    def problem(self, version: object) -> str | None:
        """Why a file saying ``schema_version`` is ``version`` cannot be read, or ``None``.

        >>> print(MIGRATIONS.problem(1))
        None
        >>> MIGRATIONS.problem("1")
        "unknown schema_version text '1'; this hdnd reads versions 1 to 2"
        """
        if type(version) is int and version in self.readable:
            return None
        oldest = self.current - len(self.steps)
        known = (
            _("versions {oldest} to {newest}").format(oldest=oldest, newest=self.current)
            if self.steps
            else _("version {newest}").format(newest=oldest)
        )
        if type(version) is int and version > self.current:
            return _(
                "unknown schema_version {value}: this file is newer than this hdnd ({hdnd}),"
                " which reads {versions} — upgrade hdnd to read files newer than"
                " schema_version {current}"
            ).format(value=version, hdnd=__version__, versions=known, current=self.current)
        shown = version if type(version) is int else describe_json(version)
        return _("unknown schema_version {value}; this hdnd reads {versions}").format(
            value=shown, versions=known
        )

    def upgrade(self, version: int) -> Upgrade:
        """What reading a file of ``version`` takes; ``ValueError`` if it is not readable.

        >>> MIGRATIONS.upgrade(1).steps  # version 2 changed no record of version 1
        ()
        """
        if problem := self.problem(version):
            raise ValueError(problem)
        steps = self.steps[len(self.steps) - (self.current - version) :]
        # Only the steps that change records: with none, readers take the fast paths.
        return Upgrade(tuple(step for step in steps if step.changes_records))


@attrs.frozen
class Upgrade:
    """The steps that bring the records of one file to the current version.

    With no steps (a file of the current version) every method gives back what
    it is given.

    >>> up = Upgrade((Step(1, renames={"person": {"name": "full_name"}}),))
    >>> up.record("person", {"id": "p1", "name": "An"})
    {'id': 'p1', 'full_name': 'An'}
    >>> up.name_in_file("person", "full_name")
    'name'
    """

    steps: tuple[Step, ...]
    # For each tag, the current name of a renamed field → the name the file uses;
    # worked out from the steps, so neither shown nor compared.
    _origins: dict[str, dict[str, str]] = attrs.field(init=False, repr=False, eq=False)

    @_origins.default
    def _trace_names(self) -> dict[str, dict[str, str]]:
        origins: dict[str, dict[str, str]] = {}
        for step in self.steps:
            for tag, names in step.renames.items():
                known = origins.setdefault(tag, {})
                for old, new in names.items():
                    known[new] = known.pop(old, old)
        return origins

    def record(self, tag: str, raw: Any) -> Any:
        """The raw record ``raw`` of type ``tag`` in the current version.

        Anything but an object is left for structuring to report.

        >>> Upgrade(()).record("person", [1])
        [1]
        """
        if not isinstance(raw, dict):
            return raw
        for step in self.steps:
            raw = step.apply(tag, raw)
        return raw

    def name_in_file(self, tag: str, field: str) -> str:
        """The name the file gives the current field ``field`` of a ``tag`` record.

        >>> Upgrade(()).name_in_file("person", "full_name")
        'full_name'
        """
        return self._origins.get(tag, {}).get(field, field)

    def in_document(self, problem: Problem) -> Problem:
        """A problem about a document's record, its field named as the file names it.

        >>> up = Upgrade((Step(1, renames={"person": {"name": "full_name"}}),))
        >>> print(up.in_document(Problem(path=("people", 0, "full_name"), message="...")))
        people[0].name: ...
        """
        match problem.path:
            case (str(key), int(), str(), *_):
                return self._renamed(problem, _TAGS_BY_KEY.get(key), 2)
        return problem

    def on_line(self, problem: Problem, tag: str) -> Problem:
        """A problem about the ``tag`` record on a JSON Lines line, its field as the file names it.

        >>> up = Upgrade((Step(1, renames={"person": {"name": "full_name"}}),))
        >>> print(up.on_line(Problem(line=3, path=("full_name",), message="..."), "person"))
        3: name: ...
        """
        return self._renamed(problem, tag, 0)

    def _renamed(self, problem: Problem, tag: str | None, at: int) -> Problem:
        path = problem.path
        if tag is None or len(path) <= at or not isinstance(path[at], str):
            return problem
        renamed: Path = (*path[:at], self.name_in_file(tag, str(path[at])), *path[at + 1 :])
        return attrs.evolve(problem, path=renamed)


STEPS: Final[tuple[Step, ...]] = (
    # Version 2 added record types and optional fields (docs/format.md): a version 1 record
    # is a version 2 record as it is.
    Step(2),
)
"""How each format version came from the one before, oldest first (version 1 is the first).

>>> [step.version for step in STEPS]
[2]
"""

MIGRATIONS: Final = Migrations(current=SCHEMA_VERSION, steps=STEPS)
"""The format's history as this hdnd knows it: what readers use unless told otherwise.

>>> MIGRATIONS.current == SCHEMA_VERSION
True
"""

_TAGS_BY_KEY: Final = {c.key: c.tag for c in COLLECTIONS}

_active: contextvars.ContextVar[Migrations] = contextvars.ContextVar(
    "hdnd_migrations", default=MIGRATIONS
)


def active() -> Migrations:
    """The history readers use here: :data:`MIGRATIONS`, unless inside :func:`using`.

    >>> active() is MIGRATIONS
    True
    """
    return _active.get()


@contextlib.contextmanager
def using(migrations: Migrations) -> Iterator[Migrations]:
    """Read with ``migrations`` inside the ``with`` block (this thread or task only).

    For tests and tools that try out a history; nothing outside the block sees it.

    >>> with using(Migrations(current=1, steps=(Step(1),))) as history:
    ...     active() is history
    True
    >>> active() is MIGRATIONS
    True
    """
    token = _active.set(migrations)
    try:
        yield migrations
    finally:
        _active.reset(token)
