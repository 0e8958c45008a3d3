"""A dataset: the content of one hdnd file, with ids unique and every reference resolved.

>>> import datetime as dt
>>> from hdnd import Dataset
>>> from hdnd.model import Council, Body
>>> from hdnd.enums import Level, UnitType, BodyKind
>>> ds = Dataset(
...     councils=[Council(id="tp", name="HĐND thành phố", level=Level.district,
...                       unit_type=UnitType.provincial_city)],
...     bodies=[Body(id="tp-tt", council_id="tp", kind=BodyKind.standing_committee)],
... )
>>> ds.get(Body, "tp-tt").kind.label_vi
'Thường trực HĐND'
>>> Dataset(bodies=[Body(id="b", council_id="nowhere", kind=BodyKind.standing_committee)])
Traceback (most recent call last):
...
hdnd.errors.InvalidData: bodies[0].council_id (id 'b'): no council with id 'nowhere'
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any, Final, TypeVar

import attrs

from hdnd._checked import integrity_checked
from hdnd._lookalike import fold_label
from hdnd.errors import HdndError, InvalidData, Problem
from hdnd.i18n import gettext as _
from hdnd.model import (
    Body,
    ConfidenceVote,
    Council,
    Coverage,
    Deputy,
    Meeting,
    OversightActivity,
    Person,
    Petition,
    Position,
    Question,
    ReceptionSession,
    Recommendation,
    Record,
    Resolution,
    Session,
    VoterPetition,
)
from hdnd.spec import RECORDS, spec_of

__all__ = [
    "COLLECTIONS",
    "SCHEMA_VERSION",
    "SUPPORTED_SCHEMA_VERSIONS",
    "Collection",
    "Dataset",
    "UnknownCouncil",
    "ancestors",
    "collection_of",
    "find_council",
    "integrity_problems",
    "readable_versions",
    "reference_getter",
]

R = TypeVar("R", bound=Record)

SCHEMA_VERSION: Final = 2
"""The data format version hdnd writes."""
SUPPORTED_SCHEMA_VERSIONS: Final = frozenset({1, 2})
"""The data format versions hdnd reads."""


@attrs.frozen
class Collection:
    """A record type's place in a document: its key (``"receptions"``) and class.

    >>> collection_of("reception").key
    'receptions'
    """

    key: str
    cls: type[Record]

    @property
    def tag(self) -> str:
        """The record type's tag in JSON Lines (``"reception"``).

        >>> COLLECTIONS[0].tag
        'council'
        """
        return self.cls.type_tag


COLLECTIONS: Final = tuple(Collection(r.key, r.cls) for r in RECORDS)
"""Every record type in document order (:data:`hdnd.spec.RECORDS`)."""

_BY_TAG: Final = {c.tag: c for c in COLLECTIONS}
_BY_CLASS: Final = {c.cls: c for c in COLLECTIONS}


def collection_of(tag_or_class: str | type) -> Collection:
    """The collection of a record type, by tag or class; ``KeyError`` if there is none.

    >>> collection_of(Person).key
    'people'
    """
    if isinstance(tag_or_class, str):
        return _BY_TAG[tag_or_class]
    return _BY_CLASS[tag_or_class]


# Typed loosely on purpose: with the generic ``tuple`` as converter, mypy's attrs plugin
# cannot solve its type variable and rejects Dataset(people=[...]) in users' code.
def _tuple(records: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(records)


@attrs.frozen(kw_only=True)
class Dataset:
    """The records of one file, each type in a tuple, valid as a whole.

    Constructing a dataset checks that ids are unique per record type and that
    every ``*_id`` names an existing record of the right type; it raises
    :class:`~hdnd.errors.InvalidData` listing every violation.

    >>> Dataset().counts()["councils"]
    0
    """

    schema_version: int = attrs.field(default=SCHEMA_VERSION)
    councils: tuple[Council, ...] = attrs.field(default=(), converter=_tuple)
    people: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    bodies: tuple[Body, ...] = attrs.field(default=(), converter=_tuple)
    positions: tuple[Position, ...] = attrs.field(default=(), converter=_tuple)
    deputies: tuple[Deputy, ...] = attrs.field(default=(), converter=_tuple)
    sessions: tuple[Session, ...] = attrs.field(default=(), converter=_tuple)
    meetings: tuple[Meeting, ...] = attrs.field(default=(), converter=_tuple)
    resolutions: tuple[Resolution, ...] = attrs.field(default=(), converter=_tuple)
    oversight: tuple[OversightActivity, ...] = attrs.field(default=(), converter=_tuple)
    recommendations: tuple[Recommendation, ...] = attrs.field(default=(), converter=_tuple)
    questions: tuple[Question, ...] = attrs.field(default=(), converter=_tuple)
    confidence_votes: tuple[ConfidenceVote, ...] = attrs.field(default=(), converter=_tuple)
    receptions: tuple[ReceptionSession, ...] = attrs.field(default=(), converter=_tuple)
    petitions: tuple[Petition, ...] = attrs.field(default=(), converter=_tuple)
    voter_petitions: tuple[VoterPetition, ...] = attrs.field(default=(), converter=_tuple)
    coverage: tuple[Coverage, ...] = attrs.field(default=(), converter=_tuple)
    _indexes: dict[type, dict[str, Any]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False, hash=False
    )

    @schema_version.validator
    def _known_version(self, _: Any, value: int) -> None:
        if value not in SUPPORTED_SCHEMA_VERSIONS:
            raise InvalidData([_version_problem(value)])

    def __attrs_post_init__(self) -> None:
        if integrity_checked():
            return
        if problems := integrity_problems({c.key: getattr(self, c.key) for c in COLLECTIONS}):
            raise InvalidData(problems)

    @classmethod
    def from_records(
        cls, records: Iterable[Record], schema_version: int = SCHEMA_VERSION
    ) -> Dataset:
        """Build a dataset from records of any types, in any order.

        >>> from hdnd.model import Person
        >>> Dataset.from_records([Person(id="p1", full_name="A")]).people[0].id
        'p1'
        """
        groups: dict[type, list[Any]] = {c.cls: [] for c in COLLECTIONS}
        for record in records:
            groups[type(record)].append(record)
        return cls(
            schema_version=schema_version,
            **{c.key: groups[c.cls] for c in COLLECTIONS},
        )

    def records(self) -> Iterator[Record]:
        """Every record, type by type in document order.

        >>> list(Dataset().records())
        []
        """
        for c in COLLECTIONS:
            yield from getattr(self, c.key)

    def counts(self) -> dict[str, int]:
        """How many records of each type, by collection key.

        >>> Dataset().counts()["receptions"]
        0
        """
        return {c.key: len(getattr(self, c.key)) for c in COLLECTIONS}

    def index(self, cls: type[R]) -> Mapping[str, R]:
        """The records of type ``cls`` by id (built once, on first use).

        >>> from hdnd.model import Council
        >>> dict(Dataset().index(Council))
        {}
        """
        if cls not in self._indexes:
            self._indexes[cls] = {r.id: r for r in getattr(self, collection_of(cls).key)}
        return self._indexes[cls]

    def get(self, cls: type[R], id: str) -> R:
        """The record of type ``cls`` with this id; ``KeyError`` if there is none.

        >>> from hdnd.model import Council
        >>> Dataset().get(Council, "x")
        Traceback (most recent call last):
        ...
        KeyError: "no council with id 'x'"
        """
        try:
            return self.index(cls)[id]
        except KeyError:
            raise KeyError(f"no {cls.type_tag} with id {id!r}") from None

    def find_council(self, text: str) -> Council:
        """The council that ``text`` names: its id, its unit code or its name
        (:func:`find_council`).

        >>> import hdnd
        >>> hdnd.load("examples/data/city-q1-2023.json").find_council("xa hoa loc").id
        'x-hoa-loc'
        """
        return find_council(text, self.councils)


class UnknownCouncil(HdndError, LookupError):
    """The council asked for is not in the data, or the name given fits several.

    ``candidates`` are the councils it may have meant: those the name fits, or the
    closest ones (by name and id).

    >>> find_council("nowhere", [])
    Traceback (most recent call last):
    ...
    hdnd.dataset.UnknownCouncil: no council with id 'nowhere' in the data, nor with that \
unit code or name
    """

    def __init__(self, message: str, candidates: Sequence[Council] = ()) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.candidates))


_MAX_CANDIDATES: Final = 8
"""How many councils :class:`UnknownCouncil` names at most."""


def find_council(text: str, councils: Iterable[Council]) -> Council:
    """The council that ``text`` names, first by id, then by unit code, then by name.

    A name matches without regard to case, diacritics (đ is d) and spacing, whole words
    anywhere in the council's name: "tan phong" finds "HĐND phường Tân Phong". A name
    that fits several councils, or fits none, raises :class:`UnknownCouncil` naming the
    councils it fits, or the closest ones.

    >>> from hdnd.enums import Level, UnitType
    >>> tp = Council(id="tp", name="HĐND thành phố", level=Level.district,
    ...              unit_type=UnitType.provincial_city, unit_code="213")
    >>> xa = [Council(id=f"x{i}", name=f"HĐND xã {n}", level=Level.commune,
    ...               unit_type=UnitType.commune, parent_id="tp")
    ...       for i, n in enumerate(["Tân Phong", "Tân Phú", "Hòa Lộc"])]
    >>> [find_council(t, [tp, *xa]).id for t in ["tp", "213", "XA TAN PHONG", "hoa  loc"]]
    ['tp', 'tp', 'x0', 'x2']
    >>> find_council("tan", [tp, *xa])
    Traceback (most recent call last):
    ...
    hdnd.dataset.UnknownCouncil: 'tan' fits 2 councils: HĐND xã Tân Phong (x0), \
HĐND xã Tân Phú (x1); give its id
    >>> find_council("hoa loi", [tp, *xa])
    Traceback (most recent call last):
    ...
    hdnd.dataset.UnknownCouncil: no council with id 'hoa loi' in the data, nor with that \
unit code or name; the closest: HĐND xã Hòa Lộc (x2)
    """
    known = list(councils)
    wanted = text.strip()
    for fits in (
        [c for c in known if c.id == wanted],
        [c for c in known if c.unit_code is not None and c.unit_code == wanted],
        _named(wanted, known),
    ):
        if len(fits) == 1:
            return fits[0]
        if fits:
            message = _("{text!r} fits {count} councils: {councils}; give its id")
            raise UnknownCouncil(
                message.format(text=text, count=len(fits), councils=_listed(fits)), fits
            )
    closest = _closest(wanted, known)
    message = (
        _(
            "no council with id {text!r} in the data, nor with that unit code or name;"
            " the closest: {councils}"
        )
        if closest
        else _("no council with id {text!r} in the data, nor with that unit code or name")
    )
    raise UnknownCouncil(message.format(text=text, councils=_listed(closest)), closest)


def _folded(text: str) -> str:
    """Text as names are compared: folded as labels are (:func:`hdnd._lookalike.fold_label`:
    case, diacritics, kì/kỳ), punctuation aside, words separated by one space."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold_label(text)).split())


def _named(text: str, councils: Sequence[Council]) -> list[Council]:
    """The councils whose name is ``text``, or else holds it as whole words."""
    wanted = _folded(text)
    if not wanted:
        return []
    names = [(c, _folded(c.name)) for c in councils]
    exact = [c for c, name in names if name == wanted]
    return exact or [c for c, name in names if f" {wanted} " in f" {name} "]


def _closest(text: str, councils: Sequence[Council]) -> list[Council]:
    """The councils whose id, name or name's last words (as many as ``text`` has) are
    closest to ``text`` (:mod:`difflib`), best first."""
    wanted = _folded(text)
    width = len(wanted.split())
    scored = []
    for c in councils:
        name = _folded(c.name)
        tail = " ".join(name.split()[-width:])
        score = max(_likeness(wanted, key) for key in (c.id, name, tail))
        if score >= _CLOSE_ENOUGH:
            scored.append((-score, c.id, c))
    return [c for *_, c in sorted(scored)][:_MAX_CANDIDATES]


_CLOSE_ENOUGH: Final = 0.6
"""How alike (:meth:`difflib.SequenceMatcher.ratio`) a council's id or name must be to
the text asked for to be named among the closest (difflib's own default)."""


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _listed(councils: Sequence[Council]) -> str:
    shown = ", ".join(f"{c.name} ({c.id})" for c in councils[:_MAX_CANDIDATES])
    more = len(councils) - _MAX_CANDIDATES
    if more <= 0:
        return shown
    return _("{councils} and {more} more").format(councils=shown, more=more)


def ancestors(council_id: str, councils: Mapping[str, Council]) -> Iterator[str]:
    """The ids of the councils above ``council_id``, nearest first, by ``parent_id``.

    The chain stops at an id not in ``councils``, and after one round of a loop: a
    council whose chain loops back yields its own id last.

    >>> from hdnd.enums import Level, UnitType
    >>> tree = {c.id: c for c in [
    ...     Council(id="t", name="T", level=Level.province, unit_type=UnitType.province),
    ...     Council(id="x", name="X", level=Level.commune, unit_type=UnitType.commune,
    ...             parent_id="t")]}
    >>> list(ancestors("x", tree)), list(ancestors("t", tree))
    (['t'], [])
    """
    seen: set[str] = set()
    parent = councils[council_id].parent_id
    while parent is not None and parent not in seen and parent in councils:
        yield parent
        seen.add(parent)
        parent = councils[parent].parent_id


def readable_versions() -> str:
    """The format versions this hdnd reads, as messages say it.

    >>> readable_versions()
    'versions 1 to 2'
    """
    oldest, newest = min(SUPPORTED_SCHEMA_VERSIONS), max(SUPPORTED_SCHEMA_VERSIONS)
    if oldest == newest:
        return _("version {newest}").format(newest=newest)
    return _("versions {oldest} to {newest}").format(oldest=oldest, newest=newest)


def _version_problem(value: object) -> Problem:
    return Problem(
        path=("schema_version",),
        message=_("unknown schema_version {value}; this hdnd reads {versions}").format(
            value=repr(value), versions=readable_versions()
        ),
    )


_REFERENCES: Final = {r.cls: r.references for r in RECORDS}
"""Per record type, its reference fields and the tags they refer to (:mod:`hdnd.spec`)."""
_REFERENCED: Final = frozenset(tag for refs in _REFERENCES.values() for _, tag in refs)
"""The tags of the record types that some reference may name."""


def _keys_getter(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = ["id", *(name for name, _ in _REFERENCES[cls])]
    if len(names) == 1:
        return lambda record: (record.id,)
    return attrgetter(*names)


_KEYS_OF: Final = {c.cls: _keys_getter(c.cls) for c in COLLECTIONS}
"""Per record type, what integrity is about: a record's id and references, as a tuple."""

_REFS_OF: Final = {
    cls: attrgetter(*(name for name, _ in refs)) if refs else None
    for cls, refs in _REFERENCES.items()
}


def reference_getter(record_type: type) -> Callable[[Any], Any] | None:
    """A getter of a record's references, for a loader that gathers them (:data:`Gathered`).

    It gives the value itself for a record type with one reference field, a tuple for
    several (to append to, or extend, the list); ``None`` for a type without any.

    >>> from hdnd.model import Person, Position
    >>> reference_getter(Position)(Position(id="x", person_id="p", body_id="b", role="chair"))
    ('p', 'b')
    >>> reference_getter(Person) is None
    True
    """
    return _REFS_OF[record_type]


Gathered = tuple[Sequence[str], Sequence[Any]]
"""What a loader gathers of a collection's records as it makes them, for
:func:`integrity_problems`: their ids, and their references (each record's reference
fields, in :func:`~hdnd.model.references` order, one record after the other), each in
a flat list: two appends per record, no tuple kept, and the references need no
slicing apart from the ids."""


def integrity_problems(
    collections: Mapping[str, Sequence[Record]],
    known_ids: Mapping[str, Iterable[str]] | None = None,
    where: Callable[[str, int], str] = lambda key, i: f"{key}[{i}]",
    keys: Mapping[str, Gathered] | None = None,
    references: bool = True,
) -> list[Problem]:
    """Duplicate ids and dangling references among records grouped by collection key.

    ``known_ids`` adds ids (by tag) that exist although their records are not
    given, such as records that failed to load: no reference to them is dangling.
    ``where`` names a record's place in messages (a loader names it in its file).
    ``keys`` may give, per collection, what a loader gathered as it made the records
    (:data:`Gathered`); they are taken from the records otherwise. With
    ``references=False``, only ids are checked: the records referred to may be in
    other files, to be merged with these (:func:`hdnd.merging.load_merged`).

    >>> from hdnd.model import Person
    >>> [str(p) for p in integrity_problems({"people": [Person(id="p", full_name="A"),
    ...                                                  Person(id="p", full_name="B")]})]
    ["people[1].id (id 'p'): duplicate id, first used at people[0]"]
    """
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {tag: set(extra) for tag, extra in (known_ids or {}).items()}
    # Column by column, in C: each record's id, then each of its references.
    columns: dict[str, list[Sequence[Any]]] = {}
    for c in COLLECTIONS:
        records = collections.get(c.key, ())
        width = len(_REFERENCES[c.cls])
        if keys is not None:
            gathered, flat = keys[c.key]
            unique = set(gathered)
            columns[c.key] = [flat] if width == 1 else [flat[i::width] for i in range(width)]
        else:
            flat = list(itertools.chain.from_iterable(map(_KEYS_OF[c.cls], records)))
            unique = set(flat[:: width + 1])
            columns[c.key] = [flat[i :: width + 1] for i in range(1, width + 1)]
        if len(unique) != len(records):  # rare: find which, in order
            seen: dict[str, int] = {}
            for i, record in enumerate(records):
                if (first := seen.setdefault(record.id, i)) != i:
                    problems.append(
                        Problem(
                            path=(c.key, i, "id"),
                            record_id=record.id,
                            message=_("duplicate id, first used at {where}").format(
                                where=where(c.key, first)
                            ),
                        )
                    )
        if not references or c.tag not in _REFERENCED:  # nothing named: ids need not be kept
            continue
        if c.tag in ids:
            ids[c.tag].update(unique)
        else:
            ids[c.tag] = unique
    for c in COLLECTIONS if references else ():
        records = collections.get(c.key, ())
        for (name, tag), values in zip(_REFERENCES[c.cls], columns[c.key], strict=True):
            known = ids[tag]
            many = bool(values) and type(values[0]) is tuple  # a list field: all are tuples
            if (known | {None}).issuperset(
                itertools.chain.from_iterable(values) if many else values
            ):
                continue
            for i, (record, value) in enumerate(zip(records, values, strict=True)):
                targets = value if isinstance(value, tuple) else (value,)
                for j, target in enumerate(targets):
                    if target is not None and target not in known:
                        path = (c.key, i, name, j) if isinstance(value, tuple) else (c.key, i, name)
                        problems.append(
                            Problem(
                                path=path,
                                record_id=record.id,
                                message=_("no {tag} with id {target!r}").format(
                                    tag=spec_of(tag).named(), target=target
                                ),
                            )
                        )
    return problems
