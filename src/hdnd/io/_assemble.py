"""Collect records into a :class:`~hdnd.dataset.Dataset`, keeping every problem found."""

from __future__ import annotations

import array
import contextlib
import gc
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Literal

import attrs

from hdnd._checked import checked_already, references_checked
from hdnd._fast import FastStructure
from hdnd.converter import structure_record, structurer
from hdnd.dataset import (
    COLLECTIONS,
    SCHEMA_VERSION,
    Collection,
    Dataset,
    integrity_problems,
    reference_getter,
)
from hdnd.errors import InvalidData, Path, Problem, ProblemLog
from hdnd.i18n import gettext as _
from hdnd.io import sources
from hdnd.io.sources import Origin, SourceMap
from hdnd.model import Record
from hdnd.spec import spec_of


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a dataset is built, then restore it.

    Loading makes millions of objects that all stay alive, and none in a cycle:
    collecting would free nothing, yet every full collection walks all of them
    again, which costs more than the loading itself. Reference counting still frees
    everything that is dropped, cycles aside: the errors of a record that fails hold
    some (:func:`forget_traceback` breaks them). The collector is left as it was found,
    also when reading fails (if it was already off, it stays off).

    Once built, the objects go straight to the oldest generation (``gc.freeze()``
    then ``gc.unfreeze()``, which moves every tracked object there): left young, the
    first collections after the pause would walk all of them twice, to find that
    they survive, as they were meant to (half a second for a million records). Not
    when reading fails, nor when the program froze objects of its own (unfreezing
    would release them), nor when the collector was off.

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if enabled and not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
    finally:
        if enabled:
            gc.enable()


def forget_traceback(error: BaseException) -> None:
    """Drop the tracebacks of ``error`` and of the errors behind it (its cause, its group).

    A record that fails to structure leaves errors in cycles with the frames that
    raised them (cattrs keeps each field's error in a list the frame holds): with the
    collector paused (:func:`paused_gc`), nothing would free them, 4 KB a record,
    close to a gigabyte for 200,000 failing records. Their problems are taken already;
    without the tracebacks, reference counting frees the rest.

    >>> import gc
    >>> from hdnd.converter import structure_record
    >>> from hdnd.model import Person
    >>> _ = gc.collect()
    >>> try:
    ...     structure_record({"id": "", "full_name": 5}, Person)
    ... except InvalidData as e:
    ...     forget_traceback(e)
    >>> gc.collect()  # nothing left for the collector to find
    0
    """
    error.__traceback__ = None
    for behind in (error.__context__, error.__cause__, *getattr(error, "exceptions", ())):
        if behind is not None:
            forget_traceback(behind)


_Adders = tuple[
    Callable[[Record], None],
    Callable[[int], None],
    Callable[[str], None],
    Callable[[Any], None],
    Callable[[Any], Any] | None,
]


@attrs.define
class Assembler:
    """Structures raw records one by one; :meth:`finish` builds the dataset or raises.

    Records come from a document (located by path), from JSON Lines (located by
    line) or from tables (located by row, ``line``, in the table of their type:
    ``tables`` maps a collection key to its ``(file, sheet)``, ``columns`` each
    field's column letter and header, as :func:`~hdnd.io._tables.read_table` found
    them; ``spreadsheet`` when a clerk sees them in a spreadsheet); integrity
    problems are reported in the same terms. Where each record came from is kept
    (:mod:`hdnd.io.sources`).
    """

    file: str | None
    kind: Literal["document", "lines", "table"]
    schema_version: int = SCHEMA_VERSION
    tables: Mapping[str, tuple[str | None, str | None]] = attrs.Factory(dict)
    spreadsheet: bool = False
    columns: dict[str, Mapping[str, tuple[str, str]]] = attrs.Factory(dict)
    # Every problem goes here: the first MAX_PROBLEMS kept, the others counted.
    problems: ProblemLog = attrs.Factory(ProblemLog)
    _groups: dict[str, list[Record]] = attrs.Factory(lambda: {c.key: [] for c in COLLECTIONS})
    # Where each loaded record stands in the input: its index in the document's list,
    # or its line. Records that failed are not loaded, so positions differ from indexes.
    # Kept as the dataset's source map (hdnd.io.sources): 8 bytes a record.
    _where: dict[str, array.array[int]] = attrs.Factory(
        lambda: {c.key: array.array("q") for c in COLLECTIONS}
    )
    _failed_ids: defaultdict[str, set[str]] = attrs.Factory(lambda: defaultdict(set))
    # Each loaded record's id and references, for the integrity check (dataset.Gathered),
    # one after the other: no tuple kept per record.
    _keys: dict[str, tuple[list[str], list[Any]]] = attrs.Factory(
        lambda: {c.key: ([], []) for c in COLLECTIONS}
    )
    # The fast path of each collection, fetched once: add runs for every record.
    _fast: dict[str, FastStructure] = attrs.Factory(
        lambda: {c.key: structurer(c.cls) for c in COLLECTIONS}
    )
    # What add_record does with a record of each collection, fetched once too: keep it,
    # note where it was, note its id, gather its references.
    _adders: dict[str, _Adders] = attrs.Factory(
        lambda self: {
            c.key: (
                self._groups[c.key].append,
                self._where[c.key].append,
                self._keys[c.key][0].append,
                refs.append if len(spec_of(c.key).references) == 1 else refs.extend,
                reference_getter(c.cls),
            )
            for c in COLLECTIONS
            for refs in [self._keys[c.key][1]]
        },
        takes_self=True,
    )

    def problem(self, message: str, path: Path = (), line: int | None = None) -> None:
        """Note a problem that is not about one record's fields."""
        self.problems.append(Problem(file=self.file, path=path, line=line, message=message))

    def add(
        self,
        collection: Collection,
        raw: Any,
        path: Path,
        line: int | None = None,
        skip: AbstractSet[Path] = frozenset(),
    ) -> None:
        """Structure ``raw`` as a record of ``collection``; keep it or its problems.

        ``path`` is ``(key, index)`` in a document, ``()`` on a JSON Lines ``line``
        or a table's row (``line``). A problem whose field is in ``skip`` (as a path
        of one: a table's column reported already) is left out.
        """
        record = self._fast[collection.key](raw)
        if record is not None:
            self.add_record(collection, record, line if line is not None else int(path[1]))
            return
        try:
            record = structure_record(raw, collection.cls, path)
        except InvalidData as e:
            forget_traceback(e)
            rid = raw.get("id") if isinstance(raw, dict) else None
            rid = rid if isinstance(rid, str) else None
            if rid is not None:  # references to it are not dangling: it exists, broken
                self._failed_ids[collection.tag].add(rid)
            origin = self._origin(collection.key)

            def place(p: Problem) -> Problem:
                p = attrs.evolve(p, file=self.file, record_id=rid)
                return p if line is None else origin.at(p, line)  # a document's path is whole

            self.problems.extend(place(p) for p in e.problems if p.path[:1] not in skip)
            self.problems.add_dropped(e.dropped and e.dropped.map(place))
        else:  # its id and references are gathered too, as for every record kept
            self.add_record(collection, record, line if line is not None else int(path[1]))

    def add_record(self, collection: Collection, record: Record, where: int) -> None:
        """Keep a record structured already, found at index or line ``where``."""
        keep, place, note, gather, refs_of = self._adders[collection.key]
        keep(record)
        place(where)
        note(record.id)
        if refs_of is not None:
            gather(refs_of(record))

    def finish(self) -> Dataset:
        """The dataset, or :class:`~hdnd.errors.InvalidData` with every problem found."""
        found = integrity_problems(
            self._groups, self._failed_ids, self._name, self._keys, references_checked()
        )
        self.problems.extend(map(self._locate, found))
        if self.problems.total:
            raise InvalidData(self.problems)
        with checked_already():  # just now: the dataset need not check it again
            dataset = Dataset(schema_version=self.schema_version, **self._groups)
        sources.record(self.sources)
        return dataset

    def sources(self) -> SourceMap:
        """Where each record loaded came from."""
        return SourceMap({c.key: self._origin(c.key) for c in COLLECTIONS})

    def _origin(self, key: str) -> Origin:
        """Where the records of collection ``key`` come from."""
        file, sheet = self.tables.get(key, (self.file, None))
        return Origin(
            key,
            file,
            self.kind,
            self._where[key],
            sheet,
            self.columns.get(key, {}),
            self.spreadsheet,
        )

    def _name(self, key: str, index: int) -> str:
        """A loaded record's place, for messages: ``people[2]``, ``line 3`` or ``row 3``."""
        position = self._where[key][index]
        if self.kind == "document":
            return f"{key}[{position}]"
        if self.kind == "lines":
            return _("line {line}").format(line=position)
        return _("row {row}").format(row=position)

    def _locate(self, problem: Problem) -> Problem:
        """Put an integrity problem where its record is in the input: path, line or row."""
        key, index, *rest = problem.path
        return self._origin(str(key)).place(attrs.evolve(problem, path=tuple(rest)), int(index))
