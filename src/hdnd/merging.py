"""Several files as one dataset: a city's JSON and its communes' workbooks, summed together.

Ids must not clash across files: a record whose id another file uses for a different
record of the same type is a problem naming both files. The same record in several
files (equal in every field) is kept once: typically the council's own record, and its
parent's, in each commune's workbook. References are resolved across the files: a
commune workbook's ``parent_id`` may name the city council that only the city's file
describes.

>>> import hdnd
>>> from hdnd.model import Council, Person
>>> from hdnd.enums import Level, UnitType
>>> tp = Council(id="tp", name="HĐND thành phố", level=Level.district,
...              unit_type=UnitType.provincial_city)
>>> xa = Council(id="x1", name="HĐND xã Hòa Lộc", level=Level.commune,
...              unit_type=UnitType.commune, parent_id="tp")
>>> city = hdnd.Dataset(councils=[tp], people=[Person(id="p1", full_name="An")])
>>> commune = hdnd.Dataset(councils=[tp, xa], people=[Person(id="p1", full_name="Bình")])
>>> merge([city, commune], ["city.json", "x1.xlsx"])
Traceback (most recent call last):
...
hdnd.errors.InvalidData: x1.xlsx: people[0].id (id 'p1'): id already used in city.json \
(people[0]) for a different person: full_name differs
>>> merged = merge([city, hdnd.Dataset(councils=[tp, xa])])
>>> [c.id for c in merged.councils]
['tp', 'x1']
"""

from __future__ import annotations

import array
import functools
import os
from collections.abc import Sequence
from typing import Any

import attrs

from hdnd._checked import checked_already, references_elsewhere
from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, Dataset, integrity_problems
from hdnd.errors import InvalidData, Problem, ProblemLog
from hdnd.i18n import current, ngettext
from hdnd.i18n import gettext as _
from hdnd.io import Opener, load, sources
from hdnd.io.sources import SourceMap, located
from hdnd.model import Record
from hdnd.spec import spec_of

__all__ = ["load_merged", "merge"]


def merge(datasets: Sequence[Dataset], names: Sequence[str] | None = None) -> Dataset:
    """One dataset holding the records of ``datasets``, each record once.

    ``names`` name the datasets in problems (their files); "dataset 1", "dataset 2"...
    by default. Raises :class:`~hdnd.errors.InvalidData` with every clash (an id used in
    two datasets for different records of a type, named in both) and every reference
    that names no record in any of them, each in the dataset it comes from.

    >>> import hdnd
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> merge([city, city]) == city
    True
    """
    labels = (
        list(names)
        if names is not None
        else [_("dataset {number}").format(number=n + 1) for n in range(len(datasets))]
    )
    if len(labels) != len(datasets):
        raise ValueError(f"{len(datasets)} datasets but {len(labels)} names")
    return _merged(datasets, labels, None)


def _merged(
    datasets: Sequence[Dataset], labels: Sequence[str], maps: Sequence[SourceMap] | None
) -> Dataset:
    """:func:`merge`; with ``maps``, the source maps of the datasets, problems are located in
    their files (a workbook's sheet, row and column), and the merged dataset's map is
    recorded (:func:`hdnd.io.sources.located`)."""
    kept: dict[str, list[Record]] = {c.key: [] for c in COLLECTIONS}
    # where each kept record comes from: the dataset, and its index there
    origins = {c.key: (array.array("I"), array.array("q")) for c in COLLECTIONS}
    problems = ProblemLog()
    for c in COLLECTIONS:
        first: dict[str, tuple[Record, int, int]] = {}
        for n, dataset in enumerate(datasets):
            for i, record in enumerate(getattr(dataset, c.key)):
                earlier, m, j = first.setdefault(record.id, (record, n, i))
                if (m, j) == (n, i):
                    kept[c.key].append(record)
                    origins[c.key][0].append(n)
                    origins[c.key][1].append(i)
                elif earlier != record:
                    where = _where(labels, maps, c.key, m, j)
                    clash = _clash(c.key, i, earlier, record, labels[n], where)
                    problems.append(_placed(clash, labels, maps, n))
    for problem in integrity_problems(kept):  # references across the datasets
        key, index, *rest = problem.path
        n, i = (picked[int(index)] for picked in origins[str(key)])
        problems.append(_placed(attrs.evolve(problem, path=(key, i, *rest)), labels, maps, n))
    if problems.total:
        raise InvalidData(problems)
    version = max((d.schema_version for d in datasets), default=SCHEMA_VERSION)
    with checked_already():  # ids and references were checked just now
        merged = Dataset(schema_version=version, **kept)
    if maps is not None:
        sources.record(lambda: SourceMap(parts=tuple(maps), picks=origins))
    return merged


def _placed(
    problem: Problem, labels: Sequence[str], maps: Sequence[SourceMap] | None, n: int
) -> Problem:
    """A problem about a record of dataset ``n`` (its path in that dataset), in its file."""
    if maps is not None:
        found = maps[n].locate(problem.path, problem.record_id, problem.message)
        if found.file is not None:
            return found
    return attrs.evolve(problem, file=labels[n])


def _where(
    labels: Sequence[str], maps: Sequence[SourceMap] | None, key: str, n: int, index: int
) -> str:
    """Where record ``index`` of collection ``key`` of dataset ``n`` is, for a message: its
    file and sheet and row in a table, else its file and path (``city.json (people[0])``)."""
    found = maps[n].locate((key, index)) if maps is not None else None
    if found is not None and found.in_table:
        return found.position
    return f"{labels[n]} ({key}[{index}])"


def _clash(key: str, index: int, earlier: Any, record: Any, file: str, where: str) -> Problem:
    """A record whose id a record of another file has, with the fields that differ."""
    spec = spec_of(record.type_tag)
    vietnamese = current() == "vi"  # the clerk's column names; a program's field names
    differ = [
        f.label_vi if vietnamese else f.name
        for f in spec.fields
        if getattr(earlier, f.name) != getattr(record, f.name)
    ]
    message = ngettext(
        "id already used in {where} for a different {tag}: {fields} differs",
        "id already used in {where} for a different {tag}: {fields} differ",
        len(differ),
    )
    return Problem(
        file=file,
        path=(key, index, "id"),
        record_id=record.id,
        message=message.format(where=where, tag=spec.named(), fields=", ".join(differ)),
    )


def load_merged(
    paths: Sequence[str | os.PathLike[str]], *, opener: Opener | None = None
) -> Dataset:
    """Load every file in ``paths`` (:func:`hdnd.load`) and :func:`merge` them.

    A file's references may name records of the other files: they are checked once the
    files are merged. Raises :class:`~hdnd.errors.InvalidData` with the problems of every
    file, or, when each file is valid, with every clash and dangling reference.

    >>> import hdnd, pathlib, tempfile
    >>> commune = pathlib.Path(tempfile.mkdtemp()) / "an-phu.json"
    >>> _ = commune.write_text('''{"schema_version": 2, "councils": [{"id": "x-an-phu-2",
    ...     "name": "HĐND xã An Phú 2", "level": "commune", "unit_type": "commune",
    ...     "parent_id": "tp"}]}''')
    >>> hdnd.load(commune)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidData: ...an-phu.json: councils[0].parent_id (id 'x-an-phu-2'): no council \
with id 'tp'
    >>> both = load_merged(["examples/data/city-q1-2023.json", commune])
    >>> both.counts()["councils"], both.find_council("an phu 2").parent_id
    (14, 'tp')
    """
    loaded = []
    problems = ProblemLog()
    with references_elsewhere():
        for path in paths:
            try:
                loaded.append(located(functools.partial(load, path, opener=opener)))
            except InvalidData as e:
                problems.extend(e.problems)
                problems.add_dropped(e.dropped)
    if problems.total:
        raise InvalidData(problems)
    datasets = [one.dataset for one in loaded]
    return _merged(datasets, [os.fspath(p) for p in paths], [one.sources for one in loaded])
