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

import os
from collections.abc import Sequence
from typing import Any

import attrs

from hdnd._checked import checked_already, references_elsewhere
from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, Dataset, _type_named, integrity_problems
from hdnd.errors import InvalidData, Problem, ProblemLog
from hdnd.i18n import gettext as _
from hdnd.i18n import ngettext
from hdnd.io import Opener, load
from hdnd.model import Record

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
    kept: dict[str, list[Record]] = {c.key: [] for c in COLLECTIONS}
    # where each kept record comes from: (dataset, index in it)
    origins: dict[str, list[tuple[int, int]]] = {c.key: [] for c in COLLECTIONS}
    problems = ProblemLog()
    for c in COLLECTIONS:
        first: dict[str, tuple[Record, int, int]] = {}
        for n, dataset in enumerate(datasets):
            for i, record in enumerate(getattr(dataset, c.key)):
                earlier, m, j = first.setdefault(record.id, (record, n, i))
                if (m, j) == (n, i):
                    kept[c.key].append(record)
                    origins[c.key].append((n, i))
                elif earlier != record:
                    where = f"{labels[m]} ({c.key}[{j}])"  # a file and a path: no words
                    problems.append(_clash(c.key, i, earlier, record, labels[n], where))
    for problem in integrity_problems(kept):  # references across the datasets
        key, index, *rest = problem.path
        n, i = origins[str(key)][int(index)]
        problems.append(attrs.evolve(problem, file=labels[n], path=(key, i, *rest)))
    if problems.total:
        raise InvalidData(problems)
    version = max((d.schema_version for d in datasets), default=SCHEMA_VERSION)
    with checked_already():  # ids and references were checked just now
        return Dataset(schema_version=version, **kept)


def _clash(key: str, index: int, earlier: Any, record: Any, file: str, where: str) -> Problem:
    """A record whose id a record of another file has, with the fields that differ."""
    differ = [
        f.name
        for f in attrs.fields(type(record))
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
        message=message.format(
            where=where, tag=_type_named(record.type_tag), fields=", ".join(differ)
        ),
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
    datasets = []
    problems = ProblemLog()
    with references_elsewhere():
        for path in paths:
            try:
                datasets.append(load(path, opener=opener))
            except InvalidData as e:
                problems.extend(e.problems)
                problems.add_dropped(e.dropped)
    if problems.total:
        raise InvalidData(problems)
    return merge(datasets, [os.fspath(p) for p in paths])
