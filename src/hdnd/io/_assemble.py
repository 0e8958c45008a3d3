"""Collect records into a :class:`~hdnd.dataset.Dataset`, keeping every problem found."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from hdnd.converter import structure_record
from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, Collection, Dataset, integrity_problems
from hdnd.errors import InvalidData, Path, Problem
from hdnd.model import Record


@attrs.define
class Assembler:
    """Structures raw records one by one; :meth:`finish` builds the dataset or raises.

    Records come from a document (located by path), from JSON Lines (located by
    line) or from tables (located by row, ``line``, in the table of their type:
    ``tables`` maps a collection key to its ``(file, sheet)``); integrity problems
    are reported in the same terms.
    """

    file: str | None
    kind: Literal["document", "lines", "table"]
    schema_version: int = SCHEMA_VERSION
    tables: Mapping[str, tuple[str | None, str | None]] = attrs.Factory(dict)
    problems: list[Problem] = attrs.Factory(list)
    _groups: dict[str, list[Record]] = attrs.Factory(lambda: {c.key: [] for c in COLLECTIONS})
    # Where each loaded record stands in the input: its index in the document's list,
    # or its line. Records that failed are not loaded, so positions differ from indexes.
    _where: dict[str, list[int]] = attrs.Factory(lambda: {c.key: [] for c in COLLECTIONS})
    _failed_ids: defaultdict[str, set[str]] = attrs.Factory(lambda: defaultdict(set))

    def problem(self, message: str, path: Path = (), line: int | None = None) -> None:
        """Note a problem that is not about one record's fields."""
        self.problems.append(Problem(file=self.file, path=path, line=line, message=message))

    def add(self, collection: Collection, raw: Any, path: Path, line: int | None = None) -> None:
        """Structure ``raw`` as a record of ``collection``; keep it or its problems.

        ``path`` is ``(key, index)`` in a document, ``()`` on a JSON Lines ``line``
        or a table's row (``line``).
        """
        try:
            record = structure_record(raw, collection.cls, path)
        except InvalidData as e:
            rid = raw.get("id") if isinstance(raw, dict) else None
            rid = rid if isinstance(rid, str) else None
            if rid is not None:  # references to it are not dangling: it exists, broken
                self._failed_ids[collection.tag].add(rid)
            file, sheet = self._table(collection.key)
            self.problems.extend(
                attrs.evolve(p, file=file, sheet=sheet, line=line, record_id=rid)
                for p in e.problems
            )
        else:
            self._groups[collection.key].append(record)
            self._where[collection.key].append(line if line is not None else int(path[1]))

    def finish(self) -> Dataset:
        """The dataset, or :class:`~hdnd.errors.InvalidData` with every problem found."""
        found = integrity_problems(self._groups, self._failed_ids, self._name)
        if self.problems or found:
            raise InvalidData(self.problems + [self._locate(p) for p in found])
        return Dataset(schema_version=self.schema_version, **self._groups)

    def _table(self, key: str) -> tuple[str | None, str | None]:
        """The file and sheet holding the records of collection ``key``."""
        return self.tables.get(key, (self.file, None))

    def _name(self, key: str, index: int) -> str:
        """A loaded record's place, for messages: ``people[2]``, ``line 3`` or ``row 3``."""
        position = self._where[key][index]
        if self.kind == "document":
            return f"{key}[{position}]"
        return f"{'line' if self.kind == 'lines' else 'row'} {position}"

    def _locate(self, problem: Problem) -> Problem:
        """Put an integrity problem where its record is in the input: path, line or row."""
        key, index, *rest = problem.path
        position = self._where[str(key)][int(index)]
        if self.kind == "document":
            return attrs.evolve(problem, file=self.file, path=(key, position, *rest))
        file, sheet = self._table(str(key))
        return attrs.evolve(problem, file=file, sheet=sheet, line=position, path=tuple(rest))
