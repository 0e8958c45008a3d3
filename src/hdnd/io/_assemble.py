"""Collect records into a :class:`~hdnd.dataset.Dataset`, keeping every problem found."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import attrs

from hdnd.converter import structure_record
from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, Collection, Dataset, integrity_problems
from hdnd.errors import InvalidData, Path, Problem
from hdnd.model import Record


@attrs.define
class Assembler:
    """Structures raw records one by one; :meth:`finish` builds the dataset or raises.

    Records come either from a document (located by path) or from JSON Lines
    (located by line); integrity problems are reported in the same terms.
    """

    file: str | None
    schema_version: int = SCHEMA_VERSION
    problems: list[Problem] = attrs.Factory(list)
    _groups: dict[str, list[Record]] = attrs.Factory(lambda: {c.key: [] for c in COLLECTIONS})
    _lines: dict[str, list[int]] = attrs.Factory(lambda: {c.key: [] for c in COLLECTIONS})
    _failed_ids: defaultdict[str, set[str]] = attrs.Factory(lambda: defaultdict(set))

    def problem(self, message: str, path: Path = (), line: int | None = None) -> None:
        """Note a problem that is not about one record's fields."""
        self.problems.append(Problem(file=self.file, path=path, line=line, message=message))

    def add(self, collection: Collection, raw: Any, path: Path, line: int | None = None) -> None:
        """Structure ``raw`` as a record of ``collection``; keep it or its problems."""
        try:
            record = structure_record(raw, collection.cls, path)
        except InvalidData as e:
            rid = raw.get("id") if isinstance(raw, dict) else None
            rid = rid if isinstance(rid, str) else None
            if rid is not None:  # references to it are not dangling: it exists, broken
                self._failed_ids[collection.tag].add(rid)
            self.problems.extend(
                attrs.evolve(p, file=self.file, line=line, record_id=rid) for p in e.problems
            )
        else:
            self._groups[collection.key].append(record)
            if line is not None:
                self._lines[collection.key].append(line)

    def finish(self) -> Dataset:
        """The dataset, or :class:`~hdnd.errors.InvalidData` with every problem found."""
        if self.problems:
            found = integrity_problems(self._groups, self._failed_ids)
            raise InvalidData(self.problems + [self._locate(p) for p in found])
        try:
            return Dataset(schema_version=self.schema_version, **self._groups)  # type: ignore[arg-type]
        except InvalidData as e:
            raise InvalidData([self._locate(p) for p in e.problems]) from None

    def _locate(self, problem: Problem) -> Problem:
        """Give a dataset-level problem this input's file and, in JSON Lines, its line."""
        key, index, *rest = problem.path
        lines = self._lines[str(key)]
        if lines and isinstance(index, int):
            return attrs.evolve(problem, file=self.file, line=lines[index], path=tuple(rest))
        return attrs.evolve(problem, file=self.file)
