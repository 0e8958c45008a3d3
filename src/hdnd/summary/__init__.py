"""Period summaries: what a council (or a council and its subordinates) did in a period.

:func:`summarize` counts a dataset's records by the counting rules of the format:
an oversight activity counts in the period of its ``start`` unless planned or
cancelled; receptions, meetings, sessions, resolutions, questions and confidence
votes by their date; petitions and voter petitions by ``received``, recommendations
by ``issued``, with their current status as is. Some figures of format 2 are a state
at a period's bounds or follow another date: deputies in office on its last day,
started and ended in it; recommendations carried out and overdue at its end; voter
petitions carried over into it and (with petitions) answered in it.

>>> import hdnd
>>> from hdnd.periods import parse_period
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> q1 = summarize(city, parse_period("quý I/2023"), council="tp", with_subordinates=True)
>>> q1.figures.oversight.by_kind["thematic"], q1.figures.oversight.conducted
(11, 38)
>>> q1.by_level["commune"].receptions.total.sessions
204
>>> v2 = hdnd.load("tests/data/format-v2/document.json")
>>> tp = summarize(v2, parse_period("quý I/2023"), council="tp").figures
>>> tp.deputies.in_office, tp.deputies.ended, tp.confidence_votes.high_majority
(1, 1, 1)

Figures are plain counts in frozen attrs classes; counts keyed by an enumeration
list every member (zeros included), so summaries line up for comparison. Summaries
of disjoint data add up: ``a.figures + b.figures``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import typing
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from enum import Enum
from fractions import Fraction
from operator import add, attrgetter, itemgetter
from typing import Any, Final, Self, TypeVar

import attrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from hdnd._fast import record_maker
from hdnd.converter import converter
from hdnd.dataset import Dataset, UnknownCouncil, find_council
from hdnd.enums import (
    BodyKind,
    CommitteeField,
    DeputyEndReason,
    Jurisdiction,
    LabelledEnum,
    Level,
    MeetingKind,
    OversightKind,
    OversightStatus,
    PetitionField,
    PetitionKind,
    PetitionStatus,
    QuestionAnswer,
    ReceptionKind,
    RecommendationStatus,
    SessionKind,
    VoterPetitionChannel,
    VoterPetitionStatus,
)
from hdnd.model import (
    Body,
    ConfidenceVote,
    Council,
    Coverage,
    Deputy,
    Meeting,
    OversightActivity,
    Petition,
    Question,
    ReceptionSession,
    Recommendation,
    Record,
    Resolution,
    Session,
    VoterPetition,
)
from hdnd.periods import Period
from hdnd.spec import PERIOD_FIELDS, RECORDS

__all__ = [
    "Citation",
    "ConfidenceVoteFigures",
    "DeputyFigures",
    "Figures",
    "MeetingFigures",
    "OversightFigures",
    "PetitionFigures",
    "QuestionFigures",
    "ReceptionCounts",
    "ReceptionFigures",
    "RecommendationFigures",
    "ResolutionFigures",
    "SessionFigures",
    "Summary",
    "UnknownCouncil",
    "VoterPetitionFigures",
    "summarize",
    "summarize_path",
    "summarize_periods",
    "summarize_records",
    "summarize_values",
]

T = TypeVar("T")


class _Tally:
    """Figures that add up: ints add, mappings add key by key, tuples join (sorted)."""

    __slots__ = ()

    def __add__(self, other: Self) -> Self:
        if type(other) is not type(self):
            return NotImplemented
        fields = attrs.fields(type(self))  # type: ignore[arg-type]
        added = {f.name: _add(getattr(self, f.name), getattr(other, f.name)) for f in fields}
        # a distinct count is not a sum: what both count once counts once
        for f in fields:
            if _DISTINCT in f.metadata:
                added[f.name] = len(added[f.metadata[_DISTINCT]])
        return type(self)(**added)


def _add(a: Any, b: Any) -> Any:
    if a is None or b is None:  # an unknown group: what the other side knows
        return b if a is None else a
    if isinstance(a, Mapping):
        return {k: _add(a[k], b[k]) if k in a and k in b else a.get(k, b.get(k)) for k in a | b}
    if isinstance(a, tuple):
        return tuple(sorted(a + b))
    return a + b


def _zeros(enum: type[LabelledEnum], zero: Callable[[], Any] = int) -> Any:
    """A count per member of ``enum``: every member present, ``zero()`` unless given."""

    def fill(given: Mapping[Any, Any] = {}) -> dict[Any, Any]:
        return {member: given.get(member, zero()) for member in enum}

    return attrs.field(factory=fill, converter=fill)


_PARTS: Final = "hdnd.summary.parts"
_DISTINCT: Final = "hdnd.summary.distinct"


def _total(*parts: str) -> Any:
    """A figure not counted but added up from its sibling figures ``parts``."""
    return attrs.field(default=0, metadata={_PARTS: parts})


def _distinct(group: str) -> Any:
    """A figure not counted but the number of keys of its sibling count by text ``group``.

    Kept apart from a sum: figures added together (:meth:`_Tally.__add__`, a roll-up by
    level, several councils) count a key both sides have once.
    """
    return attrs.field(default=0, metadata={_DISTINCT: group})


@attrs.frozen(kw_only=True)
class ReceptionCounts(_Tally):
    """Citizen reception counts: sessions, turns (lượt), persons, cases (vụ việc), mass groups.

    >>> ReceptionCounts(sessions=1, turns=3) + ReceptionCounts(sessions=2, turns=4)
    ReceptionCounts(sessions=3, turns=7, persons=0, cases=0, mass_groups=0)
    """

    sessions: int = 0
    turns: int = 0
    persons: int = 0
    cases: int = 0
    mass_groups: int = 0


@attrs.frozen(kw_only=True)
class ReceptionFigures(_Tally):
    """Receptions in total, per :class:`~hdnd.enums.ReceptionKind` and per host body.

    ``by_host`` is keyed by the host body's id (sessions without a host body are in
    the total and per kind only).

    >>> ReceptionFigures().by_kind["periodic"].turns
    0
    """

    total: ReceptionCounts = attrs.Factory(ReceptionCounts)
    by_kind: dict[ReceptionKind, ReceptionCounts] = _zeros(ReceptionKind, ReceptionCounts)
    by_host: dict[str, ReceptionCounts] = attrs.Factory(dict)


@attrs.frozen(kw_only=True)
class OversightFigures(_Tally):
    """Oversight activities conducted, per kind, body and level; the programme's completion.

    ``conducted`` counts activities neither planned nor cancelled; ``planned`` and
    ``cancelled`` count the others starting in the period.

    >>> f = OversightFigures(conducted=3, planned=1)
    >>> f.programme, f.completion
    (4, Fraction(3, 4))
    """

    conducted: int = _total("by_kind")
    by_kind: dict[OversightKind, int] = _zeros(OversightKind)
    unannounced: int = 0
    planned: int = 0
    cancelled: int = 0
    by_body: dict[str, int] = attrs.Factory(dict)
    by_level: dict[Level, int] = _zeros(Level)

    @property
    def programme(self) -> int:
        """Activities in the period's programme: conducted, still planned, or cancelled.

        >>> OversightFigures(conducted=2, cancelled=1).programme
        3
        """
        return self.conducted + self.planned + self.cancelled

    @property
    def completion(self) -> Fraction | None:
        """Conducted / programme, or ``None`` when nothing was programmed.

        >>> OversightFigures().completion is None
        True
        """
        return Fraction(self.conducted, self.programme) if self.programme else None


_HANDLED: Final = frozenset({"resolved", "transferred", "guided", "filed"})


@attrs.frozen(kw_only=True)
class PetitionFigures(_Tally):
    """Petitions received, per kind, field and status; duplicates and eligible ones.

    >>> f = PetitionFigures(received=33, by_status={**PetitionFigures().by_status, "resolved": 19})
    >>> f.handled, f.handled_share
    (19, '19/33')
    """

    received: int = _total("by_kind")
    duplicates: int = 0
    eligible: int = 0
    by_kind: dict[PetitionKind, int] = _zeros(PetitionKind)
    by_field: dict[PetitionField, int] = _zeros(PetitionField)
    by_status: dict[PetitionStatus, int] = _zeros(PetitionStatus)
    answered: int = 0
    """Petitions whose written answer came back in the period (their ``answered`` date)."""

    @property
    def handled(self) -> int:
        """Petitions dealt with: resolved, transferred, guided or filed.

        >>> PetitionFigures().handled
        0
        """
        return sum(n for status, n in self.by_status.items() if status in _HANDLED)

    @property
    def handled_share(self) -> str:
        """Handled over received, the way reports write it: ``"19/33"``.

        >>> PetitionFigures().handled_share
        '0/0'
        """
        return f"{self.handled}/{self.received}"


@attrs.frozen(kw_only=True)
class VoterPetitionFigures(_Tally):
    """Voter petitions received, per committee field, sector, jurisdiction and status.

    >>> f = VoterPetitionFigures(received=139, by_status={**VoterPetitionFigures().by_status,
    ...                          "resolved": 109, "unresolved": 14, "in_progress": 16})
    >>> f.resolved_share, f.responded_share
    ('109/139', '109/139')
    """

    received: int = _total("by_status")
    # counts of the fields and jurisdictions given, keyed by identifier (the metadata
    # names their enumeration, whose labels a report prints)
    by_field: dict[str, int] = attrs.field(factory=dict, metadata={"keys": CommitteeField})
    by_sector: dict[str, int] = attrs.Factory(dict)
    by_jurisdiction: dict[str, int] = attrs.field(factory=dict, metadata={"keys": Jurisdiction})
    by_status: dict[VoterPetitionStatus, int] = _zeros(VoterPetitionStatus)
    by_channel: dict[VoterPetitionChannel, int] = _zeros(VoterPetitionChannel)
    answered: int = 0
    """Voter petitions answered or resolved in the period (their ``answered`` date)."""
    carried_over: int = 0
    """Voter petitions received before the period and not yet answered when it began (tồn đọng)."""

    @property
    def responded(self) -> int:
        """Petitions resolved or answered (explained), by their status as recorded.

        >>> VoterPetitionFigures().responded
        0
        """
        return (
            self.by_status[VoterPetitionStatus.resolved]
            + self.by_status[VoterPetitionStatus.explained]
        )

    @property
    def responded_share(self) -> str:
        """Resolved or answered (by status) over received: ``"120/139"``.

        >>> VoterPetitionFigures().responded_share
        '0/0'
        """
        return f"{self.responded}/{self.received}"

    @property
    def resolved_share(self) -> str:
        """Resolved over received: ``"109/139"``.

        >>> VoterPetitionFigures().resolved_share
        '0/0'
        """
        return f"{self.by_status[VoterPetitionStatus.resolved]}/{self.received}"


@attrs.frozen(kw_only=True)
class SessionFigures(_Tally):
    """Council sessions held, per kind.

    >>> SessionFigures().by_kind["thematic"]
    0
    """

    total: int = _total("by_kind")
    by_kind: dict[SessionKind, int] = _zeros(SessionKind)
    reports: int = 0
    """Reports the sessions examined (báo cáo)."""
    drafts: int = 0
    """Draft resolutions the sessions examined (dự thảo nghị quyết)."""


@attrs.frozen(order=True)
class Citation:
    """A resolution as reports cite it: its number and the date it was passed.

    >>> c = Citation("146/NQ-HĐND", dt.date(2022, 12, 15))
    >>> c.number, c.date.isoformat()
    ('146/NQ-HĐND', '2022-12-15')
    """

    number: str
    date: dt.date

    @property
    def normative(self) -> bool:
        """Whether the resolution is normative (quy phạm pháp luật): a year in its number.

        >>> Citation("12/2023/NQ-HĐND", dt.date(2023, 7, 1)).normative
        True
        >>> Citation("146/NQ-HĐND", dt.date(2022, 12, 15)).normative
        False
        """
        return _is_normative(self.number)


@attrs.frozen(kw_only=True)
class ResolutionFigures(_Tally):
    """Resolutions passed: normative (with a year in the number) and individual, and which.

    >>> ResolutionFigures(total=1, individual=1).normative
    0
    """

    total: int = _total("normative", "individual")
    normative: int = 0
    individual: int = 0
    passed: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class MeetingFigures(_Tally):
    """Meetings held, per kind; voters attending and opinions at voter meetings.

    >>> MeetingFigures().by_kind["briefing"]
    0
    """

    total: int = _total("by_kind")
    by_kind: dict[MeetingKind, int] = _zeros(MeetingKind)
    attendees: int = 0
    opinions: int = 0


@attrs.frozen(kw_only=True)
class QuestionFigures(_Tally):
    """Questions put (chất vấn), per answer; the distinct topics and respondents.

    ``by_topic`` and ``by_respondent`` count questions per topic and per respondent;
    ``topics`` and ``respondents`` are how many distinct ones there are, also when
    figures are added: a topic both sides questioned counts once.

    >>> a = QuestionFigures(by_topic={"đất đai": 2}, topics=1)
    >>> b = QuestionFigures(by_topic={"đất đai": 1, "y tế": 1}, topics=2)
    >>> (a + b).topics, (a + b).by_topic["đất đai"]
    (2, 3)
    """

    questions: int = _total("by_answer")
    topics: int = _distinct("by_topic")
    respondents: int = _distinct("by_respondent")
    by_answer: dict[QuestionAnswer, int] = _zeros(QuestionAnswer)
    by_topic: dict[str, int] = attrs.Factory(dict)
    by_respondent: dict[str, int] = attrs.Factory(dict)


@attrs.frozen(kw_only=True)
class RecommendationFigures(_Tally):
    """Recommendations after oversight (kiến nghị sau giám sát) issued in the period.

    ``by_status`` is their status as recorded; ``done`` those of them carried out by
    the period's end (status ``done``, and a ``done`` date, if any, not after it);
    ``overdue`` every recommendation issued by the period's end, in it or before,
    whose ``due`` date is before that end and which was not carried out by then (not
    ``done``, or done after the end): a state at the period's end, not a count of the
    period's recommendations.

    >>> RecommendationFigures(issued=13273, done=9618).done_share
    Fraction(9618, 13273)
    """

    issued: int = _total("by_status")
    by_status: dict[RecommendationStatus, int] = _zeros(RecommendationStatus)
    done: int = 0
    overdue: int = 0

    @property
    def done_share(self) -> Fraction | None:
        """Done / issued, or ``None`` when none was issued.

        >>> RecommendationFigures().done_share is None
        True
        """
        return Fraction(self.done, self.issued) if self.issued else None


@attrs.frozen(kw_only=True)
class ConfidenceVoteFigures(_Tally):
    """Confidence votes (lấy phiếu tín nhiệm): persons assessed and how they were rated.

    ``high_majority``: more than half of the voters rated them high; ``low_half`` and
    ``low_two_thirds``: at least half, at least two thirds rated them low.

    >>> ConfidenceVoteFigures(assessed=29, high_majority=28).high_majority
    28
    """

    assessed: int = 0
    high_majority: int = 0
    low_half: int = 0
    low_two_thirds: int = 0


@attrs.frozen(kw_only=True)
class DeputyFigures(_Tally):
    """Deputies (đại biểu): in office on the period's last day, started and ended in it.

    ``by_end_reason`` counts the deputies who ended with a reason recorded;
    ``full_time`` the full-time (chuyên trách) deputies in office.

    >>> DeputyFigures(in_office=92, ended=2).in_office
    92
    """

    in_office: int = 0
    started: int = 0
    ended: int = 0
    by_end_reason: dict[DeputyEndReason, int] = _zeros(DeputyEndReason)
    full_time: int = 0


@attrs.frozen(kw_only=True)
class Figures(_Tally):
    """Every figure of a summary, for one council or for several together.

    One group of figures per record type. A group is ``None`` when its figures are
    unknown: the data neither holds a record of the type that counts in the period nor
    a :class:`~hdnd.model.Coverage` saying none was missed (docs/format.md, "What a figure of
    zero means"). Added together, what one side knows is known: ``None + x`` is ``x``.

    >>> (Figures() + Figures()).receptions.total.turns
    0
    >>> (Figures(receptions=None) + Figures()).receptions.total.turns
    0
    >>> (Figures(receptions=None) + Figures(receptions=None)).receptions is None
    True
    """

    @classmethod
    def unknown(cls) -> Self:
        """Figures with every group unknown: what adding figures starts from.

        >>> sum([Figures(), Figures.unknown()], Figures.unknown()) == Figures()
        True
        """
        return cls(**dict.fromkeys(f.name for f in attrs.fields(cls)))

    oversight: OversightFigures | None = attrs.Factory(OversightFigures)
    receptions: ReceptionFigures | None = attrs.Factory(ReceptionFigures)
    petitions: PetitionFigures | None = attrs.Factory(PetitionFigures)
    voter_petitions: VoterPetitionFigures | None = attrs.Factory(VoterPetitionFigures)
    sessions: SessionFigures | None = attrs.Factory(SessionFigures)
    resolutions: ResolutionFigures | None = attrs.Factory(ResolutionFigures)
    meetings: MeetingFigures | None = attrs.Factory(MeetingFigures)
    deputies: DeputyFigures | None = attrs.Factory(DeputyFigures)
    questions: QuestionFigures | None = attrs.Factory(QuestionFigures)
    recommendations: RecommendationFigures | None = attrs.Factory(RecommendationFigures)
    confidence_votes: ConfidenceVoteFigures | None = attrs.Factory(ConfidenceVoteFigures)


@attrs.frozen(kw_only=True)
class Summary:
    """What the councils in scope did in ``period``.

    ``council_id`` is the council summarised (``None``: every council in the data);
    ``councils`` the ids counted. With subordinates, ``by_level`` splits the figures
    by level — the city itself, its communes together — and they add up to ``figures``;
    with no council asked for, every council's by level.
    With predecessors, the councils merged into it count too (``predecessor_ids``).

    >>> s = summarize(Dataset(), _year(2023))
    >>> s.councils, s.figures.receptions  # no council, nothing recorded: unknown
    ((), None)
    """

    period: Period
    council_id: str | None
    with_subordinates: bool
    with_predecessors: bool = False
    councils: tuple[str, ...]
    figures: Figures
    by_level: dict[Level, Figures] = attrs.Factory(dict)
    by_council: dict[str, Figures] = attrs.Factory(dict)
    """Each council's own figures, by id, when asked for (``by_council=True``)."""
    council_levels: dict[str, Level] = attrs.Factory(dict)
    """The level of each council of :attr:`by_council` that the data describes."""
    names: dict[str, str] = attrs.Factory(dict)
    """Display names of the councils in scope and of the bodies the figures name."""


# A summary's JSON has every figure every time, zeros too (a stable shape for its
# readers), and an unknown group as null, read back as unknown: for records, the
# converter leaves defaults out and reads null as the default.
def _is_summary(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, (_Tally, Summary))


converter.register_unstructure_hook_factory(
    _is_summary,
    lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=False),
)
converter.register_structure_hook_factory(
    _is_summary, lambda cls: make_dict_structure_fn(cls, converter)
)


def _year(year: int) -> Period:
    from hdnd.periods import Year

    return Year(year=year)


_NORMATIVE = re.compile(r"^\s*\d+\s*/\s*\d{4}\s*/")


def _is_normative(number: object) -> bool:
    flag = getattr(number, "is_normative", None)
    return bool(flag) if flag is not None else bool(_NORMATIVE.match(str(number)))


Key = tuple[str, ...]


class _Layout:
    """Where the counting loop keeps each figure of ``root``, derived from its declaration.

    A whole number is a slot of :attr:`_Tallies.fixed`, and so is each member of a count
    keyed by an enumeration; a count keyed by free text (ids, sectors) is an open-ended
    group; a total (:func:`_total`) is added up from its parts' slots when figures are
    made, a distinct count (:func:`_distinct`) is its group's number of keys. Counting
    functions pick slots and groups by the figure's name, once, at import;
    :meth:`unpicked` lists the figures nothing counts. The figures under ``apart`` are
    counted another way (see :meth:`_Tallies.figures`).
    """

    def __init__(self, root: type, apart: Iterable[Key] = ()) -> None:
        self.keys: list[Key] = []  # slot -> figure
        self.groups: list[Key] = []  # group -> figure
        self.totals: list[tuple[Key, list[int]]] = []  # figure -> the slots it adds up
        self.distinct: list[tuple[Key, Key]] = []  # figure -> the group whose keys it counts
        self._slots: dict[Key, int] = {}
        self._picked: set[Key] = set()
        self._apart = frozenset(apart)
        parts: dict[Key, list[Key]] = {}
        self._walk(root, (), parts)
        for figure, of in parts.items():
            self.totals.append((figure, [i for part in of for i in self._under(figure, part)]))

    def _walk(self, cls: type, path: Key, parts: dict[Key, list[Key]]) -> None:
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            figure, kind = (*path, field.name), _known_type(hints[field.name])
            if figure in self._apart:
                continue
            # the key type of a count per key: dict[key, int]
            counts = typing.get_origin(kind) is dict and typing.get_args(kind)[1] is int
            key = typing.get_args(kind)[0] if counts else None
            if _PARTS in field.metadata:
                parts[figure] = [(*path, part) for part in field.metadata[_PARTS]]
            elif _DISTINCT in field.metadata:
                self.distinct.append((figure, (*path, field.metadata[_DISTINCT])))
            elif kind is int:
                self._slot(figure)
            elif attrs.has(kind):
                self._walk(kind, figure, parts)
            elif key is str:
                self.groups.append(figure)
            elif isinstance(key, type) and issubclass(key, Enum):
                for member in key:
                    self._slot((*figure, member.value))
            else:
                raise TypeError(f"figure {_dotted(figure)}: no way to count {kind}")

    def _slot(self, figure: Key) -> None:
        self._slots[figure] = len(self.keys)
        self.keys.append(figure)

    def _under(self, total: Key, part: Key) -> list[int]:
        slots = [i for key, i in self._slots.items() if key[: len(part)] == part]
        if not slots:
            raise KeyError(f"figure {_dotted(total)} adds up {_dotted(part)}, not a counted figure")
        return slots

    def slot(self, *figure: str) -> int:
        """The slot of the whole number ``figure``, e.g. ``("petitions", "eligible")``."""
        if figure not in self._slots:
            raise KeyError(f"no counted figure {_dotted(figure)} in the summary's figures")
        self._picked.add(figure)
        return self._slots[figure]

    def slots(self, *figure: str) -> dict[str, int]:
        """The slot of each member of the count ``figure`` keyed by an enumeration."""
        members = {key[-1]: i for key, i in self._slots.items() if key[:-1] == figure}
        if not members:
            raise KeyError(f"no count by enumeration {_dotted(figure)} in the summary's figures")
        self._picked.update((*figure, member) for member in members)
        return members

    def group(self, *figure: str) -> int:
        """The number of the count ``figure`` keyed by text, as :attr:`_Tallies.groups` keys it."""
        if figure not in self.groups:
            raise KeyError(f"no count by text {_dotted(figure)} in the summary's figures")
        self._picked.add(figure)
        return self.groups.index(figure)

    def unpicked(self) -> list[Key]:
        """Figures declared but counted by no counting function (each would stay 0)."""
        return [figure for figure in self.keys + self.groups if figure not in self._picked]


def _known_type(kind: Any) -> Any:
    """``X`` of ``X | None``: a group of figures that may be unknown is counted as ``X``."""
    args = typing.get_args(kind)
    if type(None) in args and len(args) == 2:
        return next(arg for arg in args if arg is not type(None))
    return kind


def _dotted(figure: Key) -> str:
    return ".".join(figure)


# The counting loop runs once per record, for millions of them, so it counts into a
# flat list of ints (one slot per fixed figure) and a few dicts keyed by plain strings
# (ids, enum values), where _AT says; councils' tallies are added up per level, then
# turned into figures. Enum members are looked up by ``_value_``: hashing a member
# calls Python. Counted apart (see _Tallies.figures): receptions per host and kind
# (the host's measures of every kind in a row), oversight per level from the
# conducting bodies' levels, and the resolutions passed.
_APART: Final = frozenset({("receptions",), ("oversight", "by_level"), ("resolutions", "passed")})
_AT: Final = _Layout(Figures, apart=_APART)
_FIXED: Final = len(_AT.keys)
_MEASURES: Final = tuple(f.name for f in attrs.fields(ReceptionCounts))
_MEASURE: Final = {name: i for i, name in enumerate(_MEASURES)}
_RECEPTION_KIND: Final = {k.value: i * len(_MEASURES) for i, k in enumerate(ReceptionKind)}
_BY_HOST_AND_KIND: Final = len(_RECEPTION_KIND) * len(_MEASURES)


class _Tallies:
    """One council's counts in one period, as the counting loop keeps them."""

    __slots__ = ("fixed", "groups", "hosts", "passed")

    def __init__(self) -> None:
        self.fixed = [0] * _FIXED
        self.hosts: dict[str | None, list[int]] = {}  # host -> _BY_HOST_AND_KIND sums
        self.groups: dict[tuple[int, str], int] = {}  # (group, key) -> count: open-ended groups
        self.passed: list[Citation] = []

    def __iadd__(self, other: _Tallies) -> _Tallies:
        return _added([self, other])

    def figures(self, body_level: Mapping[str, Level]) -> Figures:
        """The typed figures; oversight per level from the conducting bodies' levels.

        Groups with open-ended keys (hosts, bodies, sectors...) are in the order of
        their keys, so that a report lists them the same way each time.
        """
        fixed = self.fixed
        counts: dict[Key, Any] = {_AT.keys[i]: n for i, n in enumerate(fixed) if n}
        for figure, slots in _AT.totals:
            if total := sum(fixed[i] for i in slots):
                counts[figure] = total
        hosts = self.hosts
        width = len(_MEASURES)
        # every host's sums added up, column by column; then per kind, and in total
        by_kind = [0] * _BY_HOST_AND_KIND
        if hosts:
            by_kind = [sum(column) for column in zip(*hosts.values(), strict=True)]
        for i, measure in enumerate(_MEASURES):
            for kind, k in _RECEPTION_KIND.items():
                if n := by_kind[k + i]:
                    counts["receptions", "by_kind", kind, measure] = n
            if total := sum(by_kind[i::width]):
                counts["receptions", "total", measure] = total
        groups: list[dict[str, int]] = [{} for _ in _AT.groups]
        for (group, name), n in self.groups.items():
            groups[group][name] = n
        by_body = groups[_BY_BODY]
        for figure, counted in zip(_AT.groups, groups, strict=True):
            if counted and counted is not by_body:
                counts[figure] = {g: counted[g] for g in sorted(counted)}
        for figure, of in _AT.distinct:
            if keys := len(groups[_AT.groups.index(of)]):
                counts[figure] = keys
        levels: dict[str, int] = {}
        for body, n in by_body.items():
            level = body_level.get(body)
            if level is not None:
                levels[level.value] = levels.get(level.value, 0) + n
        if levels:
            counts["oversight", "by_level"] = levels
        nested: dict[str, Any] = {}
        for key, n in counts.items():
            *parents, leaf = key
            node = nested
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = n
        figures = converter.structure(nested, Figures)
        # The large groups are made here rather than through the converter: they are
        # whole numbers already, and there are thousands of hosts and bodies.
        by_host = {
            host: _reception_counts(hosts[host])
            for host in sorted(h for h in hosts if h is not None)
        }
        # Citation's own order (number, then date), by a key: its __lt__ is Python
        passed = tuple(sorted(self.passed, key=attrgetter("number", "date")))
        # every group is made (known) here; Summary's making decides which are unknown
        oversight = typing.cast(OversightFigures, figures.oversight)
        receptions = typing.cast(ReceptionFigures, figures.receptions)
        resolutions = typing.cast(ResolutionFigures, figures.resolutions)
        return attrs.evolve(
            figures,
            oversight=attrs.evolve(oversight, by_body={b: by_body[b] for b in sorted(by_body)}),
            receptions=attrs.evolve(receptions, by_host=by_host),
            resolutions=attrs.evolve(resolutions, passed=passed),
        )


def _reception_counts(sums: Sequence[int]) -> ReceptionCounts:
    """A host's counts, from its sums per kind (the measures of each kind in a row)."""
    width = len(_MEASURES)
    return ReceptionCounts(**{m: sum(sums[i::width]) for i, m in enumerate(_MEASURES)})


# Each counts ``w`` records with these values, whose whole numbers and yes/no are
# their sums: one record here, a group of them in the DuckDB engine (hdnd.sql). Each
# picks the figures it counts by name, above it.
_SESSIONS, _TURNS, _PERSONS, _CASES, _MASS_GROUPS = (
    _MEASURE[m] for m in ("sessions", "turns", "persons", "cases", "mass_groups")
)


def _count_reception(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    _, _, kind, host, turns, persons, cases, mass_groups = values
    n = t.hosts.get(host)
    if n is None:
        n = t.hosts[host] = [0] * _BY_HOST_AND_KIND
    k = _RECEPTION_KIND[kind._value_]
    n[k + _SESSIONS] += w
    n[k + _TURNS] += turns
    n[k + _PERSONS] += persons
    n[k + _CASES] += cases
    n[k + _MASS_GROUPS] += mass_groups


_UNANNOUNCED: Final = _AT.slot("oversight", "unannounced")
_OVERSIGHT_KIND: Final = _AT.slots("oversight", "by_kind")
_NOT_CONDUCTED: Final = {
    s.value: _AT.slot("oversight", s.value)
    for s in (OversightStatus.planned, OversightStatus.cancelled)
}
_BY_BODY: Final = _AT.group("oversight", "by_body")


def _count_oversight(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    _, _, status, kind, body_id, unannounced = values
    n = t.fixed
    skipped = _NOT_CONDUCTED.get(status._value_)
    if skipped is not None:
        n[skipped] += w
        return
    n[_UNANNOUNCED] += unannounced
    n[_OVERSIGHT_KIND[kind._value_]] += w
    key = (_BY_BODY, body_id)
    t.groups[key] = t.groups.get(key, 0) + w


_DUPLICATES: Final = _AT.slot("petitions", "duplicates")
_ELIGIBLE: Final = _AT.slot("petitions", "eligible")
_PETITION_KIND: Final = _AT.slots("petitions", "by_kind")
_PETITION_FIELD: Final = _AT.slots("petitions", "by_field")
_PETITION_STATUS: Final = _AT.slots("petitions", "by_status")


def _count_petition(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    _, _, kind, field, status, duplicate, eligible = values
    n = t.fixed
    n[_DUPLICATES] += duplicate
    n[_ELIGIBLE] += eligible
    n[_PETITION_KIND[kind._value_]] += w
    n[_PETITION_FIELD[field._value_]] += w
    n[_PETITION_STATUS[status._value_]] += w


_VOTER_PETITION_STATUS: Final = _AT.slots("voter_petitions", "by_status")
_VOTER_PETITION_CHANNEL: Final = _AT.slots("voter_petitions", "by_channel")
_BY_SECTOR: Final = _AT.group("voter_petitions", "by_sector")
# the groups' keys made once for the glossary's values (hashing a member is a str's)
_BY_COMMITTEE_FIELD: Final = {
    f.value: (_AT.group("voter_petitions", "by_field"), f.value) for f in CommitteeField
}
_BY_JURISDICTION: Final = {
    j.value: (_AT.group("voter_petitions", "by_jurisdiction"), j.value) for j in Jurisdiction
}


def _count_voter_petition(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    _, _, status, field, sector, jurisdiction, channel = values
    t.fixed[_VOTER_PETITION_STATUS[status._value_]] += w
    if channel is not None:
        t.fixed[_VOTER_PETITION_CHANNEL[channel._value_]] += w
    groups = t.groups
    if field is not None:
        key = _BY_COMMITTEE_FIELD[field]
        groups[key] = groups.get(key, 0) + w
    if sector is not None:
        key = (_BY_SECTOR, sector)
        groups[key] = groups.get(key, 0) + w
    if jurisdiction is not None:
        key = _BY_JURISDICTION[jurisdiction]
        groups[key] = groups.get(key, 0) + w


_SESSION_KIND: Final = _AT.slots("sessions", "by_kind")
_REPORTS: Final = _AT.slot("sessions", "reports")
_DRAFTS: Final = _AT.slot("sessions", "drafts")


def _count_session(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    _, _, kind, reports, drafts = values
    n = t.fixed
    n[_SESSION_KIND[kind._value_]] += w
    n[_REPORTS] += reports or 0
    n[_DRAFTS] += drafts or 0


_NORMATIVE_RESOLUTIONS: Final = _AT.slot("resolutions", "normative")
_INDIVIDUAL_RESOLUTIONS: Final = _AT.slot("resolutions", "individual")


def _count_resolution(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    _, day, number = values
    normative = _is_normative(number)
    t.fixed[_NORMATIVE_RESOLUTIONS if normative else _INDIVIDUAL_RESOLUTIONS] += w
    t.passed.extend([Citation(str(number), day)] * w)


_ATTENDEES: Final = _AT.slot("meetings", "attendees")
_OPINIONS: Final = _AT.slot("meetings", "opinions")
_MEETING_KIND: Final = _AT.slots("meetings", "by_kind")


def _count_meeting(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    _, _, kind, attendees, opinions = values
    n = t.fixed
    n[_ATTENDEES] += attendees or 0
    n[_OPINIONS] += opinions or 0
    n[_MEETING_KIND[kind._value_]] += w


_RECOMMENDATION_STATUS: Final = _AT.slots("recommendations", "by_status")


def _count_recommendation(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    t.fixed[_RECOMMENDATION_STATUS[values[2]._value_]] += w


_QUESTION_ANSWER: Final = _AT.slots("questions", "by_answer")
_BY_TOPIC: Final = _AT.group("questions", "by_topic")
_BY_RESPONDENT: Final = _AT.group("questions", "by_respondent")


def _count_question(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    _, _, answer, topic, respondent = values
    t.fixed[_QUESTION_ANSWER[answer._value_]] += w
    groups = t.groups
    for key in ((_BY_TOPIC, topic), (_BY_RESPONDENT, respondent)):
        groups[key] = groups.get(key, 0) + w


_ASSESSED: Final = _AT.slot("confidence_votes", "assessed")
_HIGH_MAJORITY: Final = _AT.slot("confidence_votes", "high_majority")
_LOW_HALF: Final = _AT.slot("confidence_votes", "low_half")
_LOW_TWO_THIRDS: Final = _AT.slot("confidence_votes", "low_two_thirds")


def _count_confidence_vote(t: _Tallies, values: tuple[Any, ...], w: int = 1) -> None:
    """One person assessed; the shares of voters in whole numbers (2·high > voters, ...).

    A vote with no voter at all (no ballots, no ``voters``) counts as assessed only:
    "at least half of nobody" rates no one.
    """
    _, _, high, medium, low, voters = values
    n = t.fixed
    n[_ASSESSED] += w
    if voters is None:
        voters = high + medium + low
    if not voters:
        return
    if 2 * high > voters:
        n[_HIGH_MAJORITY] += w
    if 2 * low >= voters:
        n[_LOW_HALF] += w
    if 3 * low >= 2 * voters:
        n[_LOW_TWO_THIRDS] += w


# What each kind of activity record counts with: its council, the date that places it
# in a period (hdnd.spec, from docs/format.md's counting rules), then what its _count_
# function unpacks.
_Count = Callable[[_Tallies, tuple[Any, ...], int], None]
_COUNTED: Final[dict[type, tuple[_Count, tuple[str, ...]]]] = {
    cls: (count, ("council_id", PERIOD_FIELDS[cls], *names))
    for cls, (count, names) in {
        ReceptionSession: (
            _count_reception,
            ("kind", "host_body_id", "turns", "persons", "cases", "mass_groups"),
        ),
        OversightActivity: (_count_oversight, ("status", "kind", "body_id", "unannounced")),
        Petition: (_count_petition, ("kind", "field", "status", "duplicate", "eligible")),
        VoterPetition: (
            _count_voter_petition,
            ("status", "field", "sector", "jurisdiction", "channel"),
        ),
        Session: (_count_session, ("kind", "reports", "drafts")),
        Resolution: (_count_resolution, ("number",)),
        Meeting: (_count_meeting, ("kind", "attendees", "opinions")),
        Recommendation: (_count_recommendation, ("status",)),
        Question: (_count_question, ("answer", "topic", "respondent")),
        ConfidenceVote: (_count_confidence_vote, ("high", "medium", "low", "voters")),
    }.items()
}
# Whole numbers a counting function compares record by record: the DuckDB engine
# groups records by them instead of adding them up.
_COMPARED: Final[dict[type, frozenset[str]]] = {
    ConfidenceVote: frozenset({"high", "medium", "low", "voters"}),
}

# Figures that depend on a period's bounds rather than on one date falling in it: a
# state at its start or end (in office, overdue, carried over) or another date
# (answered, ended). A record type listed here has a second counting function, called
# for EVERY record of the type, counted in a period or not, with the fields named
# (its council first) and every period as ``(first day, last day, tallies by council)``.
# It returns at once when the record can count at no bound, so that the big types
# cost next to nothing more; the DuckDB engine calls it once per group of like records.
_Bounds = Sequence[tuple[dt.date, dt.date, dict[str, _Tallies]]]
_CountAtBounds = Callable[[_Bounds, tuple[Any, ...], int], None]


def _tallies(per_council: dict[str, _Tallies], council: str) -> _Tallies:
    t = per_council.get(council)
    if t is None:
        t = per_council[council] = _Tallies()
    return t


_PETITIONS_ANSWERED: Final = _AT.slot("petitions", "answered")


def _petition_at_bounds(periods: _Bounds, values: tuple[Any, ...], w: int = 1) -> None:
    council, answered = values
    if answered is None:
        return
    for first, last, per_council in periods:
        if first <= answered <= last:
            _tallies(per_council, council).fixed[_PETITIONS_ANSWERED] += w


_VOTER_PETITIONS_ANSWERED: Final = _AT.slot("voter_petitions", "answered")
_CARRIED_OVER: Final = _AT.slot("voter_petitions", "carried_over")
_SETTLED: Final = (VoterPetitionStatus.resolved, VoterPetitionStatus.explained)


def _voter_petition_at_bounds(periods: _Bounds, values: tuple[Any, ...], w: int = 1) -> None:
    """Answered in a period (by ``answered``, whenever received); carried over into it:
    received before its first day and not answered when it began, that is answered on
    that day or later, or, with no ``answered`` date, still open by its status (not
    resolved or explained: a settled petition without a date is taken as settled
    before any period)."""
    council, received, answered, status = values
    if answered is None and status in _SETTLED:
        return
    for first, last, per_council in periods:
        if answered is not None and first <= answered <= last:
            _tallies(per_council, council).fixed[_VOTER_PETITIONS_ANSWERED] += w
        if received < first and (answered is None or answered >= first):
            _tallies(per_council, council).fixed[_CARRIED_OVER] += w


_RECOMMENDATIONS_DONE: Final = _AT.slot("recommendations", "done")
_OVERDUE: Final = _AT.slot("recommendations", "overdue")


def _recommendation_at_bounds(periods: _Bounds, values: tuple[Any, ...], w: int = 1) -> None:
    """Done: issued in the period and carried out by its end. Overdue: issued by the
    period's end, due before it and not carried out by then, whenever issued."""
    council, issued, status, due, done = values
    carried_out = status is RecommendationStatus.done
    for first, last, per_council in periods:
        done_by_end = carried_out and (done is None or done <= last)
        if done_by_end:
            if first <= issued <= last:
                _tallies(per_council, council).fixed[_RECOMMENDATIONS_DONE] += w
        elif due is not None and due < last and issued <= last:
            _tallies(per_council, council).fixed[_OVERDUE] += w


_IN_OFFICE: Final = _AT.slot("deputies", "in_office")
_FULL_TIME: Final = _AT.slot("deputies", "full_time")
_STARTED: Final = _AT.slot("deputies", "started")
_ENDED: Final = _AT.slot("deputies", "ended")
_END_REASON: Final = _AT.slots("deputies", "by_end_reason")


def _deputy_at_bounds(periods: _Bounds, values: tuple[Any, ...], w: int = 1) -> None:
    """In office on the period's last day (full-time too); started, ended in it."""
    council, start, end, end_reason, full_time = values
    for first, last, per_council in periods:
        in_office = start <= last and (end is None or end >= last)
        started = first <= start <= last
        ended = end is not None and first <= end <= last
        if not (in_office or started or ended):
            continue
        n = _tallies(per_council, council).fixed
        if in_office:
            n[_IN_OFFICE] += w
            if full_time:
                n[_FULL_TIME] += w
        if started:
            n[_STARTED] += w
        if ended:
            n[_ENDED] += w
            if end_reason is not None:
                n[_END_REASON[end_reason._value_]] += w


_AT_BOUNDS: Final[dict[type, tuple[_CountAtBounds, tuple[str, ...]]]] = {
    Petition: (_petition_at_bounds, ("council_id", "answered")),
    VoterPetition: (_voter_petition_at_bounds, ("council_id", "received", "answered", "status")),
    Recommendation: (
        _recommendation_at_bounds,
        ("council_id", "issued", "status", "due", "done"),
    ),
    Deputy: (_deputy_at_bounds, ("council_id", "start", "end", "end_reason", "full_time")),
}

_Pick = Callable[[Any], Any]
# How the loop counts a record type: (count, day_of, pick, count_at_bounds, pick_at_bounds),
# the first three None for a type placed by no date, the last two for one with no
# figure at a period's bounds.
_Counting = tuple[_Count | None, _Pick | None, _Pick | None, _CountAtBounds | None, _Pick | None]


def _counting(
    getter: Callable[..., _Pick], index: Callable[[type, str], Any]
) -> dict[type, _Counting]:
    """Each counted type's functions and pickers, taking fields by ``getter`` (attrgetter
    for records, itemgetter for field values); the date alone first, since most records
    of a long file fall outside the periods."""
    table: dict[type, _Counting] = {}
    for cls in (*_COUNTED, *(c for c in _AT_BOUNDS if c not in _COUNTED)):
        count, names = _COUNTED.get(cls, (None, ()))
        at_bounds, bound_names = _AT_BOUNDS.get(cls, (None, ()))
        table[cls] = (
            count,
            getter(index(cls, names[1])) if names else None,
            getter(*(index(cls, n) for n in names)) if names else None,
            at_bounds,
            getter(*(index(cls, n) for n in bound_names)) if bound_names else None,
        )
    return table


def _field_index(cls: type, name: str) -> int:
    return [f.name for f in attrs.fields(cls)].index(name)


# The same fields taken from a record, or from its field values in field order.
_FROM_RECORD: Final = _counting(attrgetter, lambda cls, name: name)
_FROM_VALUES: Final = _counting(itemgetter, _field_index)


_DAYS_KNOWN: Final = 1 << 16  # days whose periods summarize_periods remembers (179 years)


def summarize(
    dataset: Dataset,
    period: Period,
    council: str | None = None,
    with_subordinates: bool = False,
    with_predecessors: bool = False,
    *,
    by_council: bool = False,
) -> Summary:
    """Summarise ``dataset`` for ``period``: one council's records, or every council's.

    ``council`` is the council's id, unit code or name (:func:`~hdnd.dataset.find_council`:
    a name not found, or fitting several, raises :class:`UnknownCouncil` naming the
    closest councils, or those it fits).

    With ``with_subordinates=True``, every council whose ``parent_id`` chain leads
    to ``council`` counts too, and :attr:`Summary.by_level` splits the figures. With
    ``with_predecessors=True``, the councils listed in ``predecessor_ids`` count too,
    and theirs, recursively (a merged council's whole-term figures); with both, the
    subordinates of predecessors and the predecessors of subordinates as well. A
    council counts once however it is reached. With ``council=None`` and
    ``with_subordinates=True``, :attr:`Summary.by_level` splits every council's figures
    by level. With ``by_council=True``, :attr:`Summary.by_council` holds each council's
    own figures.

    A record type with no record counting in the period and no
    :class:`~hdnd.model.Coverage` spanning it has unknown figures (``None``), not zeros.

    >>> import hdnd
    >>> from hdnd.periods import parse_period
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> s = summarize(city, parse_period("quý I/2023"), council="tp")
    >>> s.figures.receptions.by_host["tp-tt"].turns, s.councils
    (74, ('tp',))
    >>> merged = hdnd.load("tests/data/format-v2/document.json")
    >>> summarize(merged, parse_period("năm 2023"), "p-kinh-bac", with_predecessors=True).councils
    ('p-kinh-bac', 'p-vu-ninh')
    """
    return summarize_records(
        dataset.records(),
        period,
        council,
        with_subordinates,
        with_predecessors,
        by_council=by_council,
    )


def summarize_records(
    records: Iterable[Record],
    period: Period,
    council: str | None = None,
    with_subordinates: bool = False,
    with_predecessors: bool = False,
    *,
    by_council: bool = False,
) -> Summary:
    """:func:`summarize` over records in any order, in one pass (e.g. a streamed ``.jsonl``).

    Memory grows with the number of councils, bodies and groups, not of records.

    >>> from hdnd.periods import parse_period
    >>> summarize_records([], parse_period("năm 2023")).figures.sessions is None  # unknown
    True
    """
    (summary,) = summarize_periods(
        records, [period], council, with_subordinates, with_predecessors, by_council=by_council
    )
    return summary


def summarize_periods(
    records: Iterable[Record],
    periods: Sequence[Period],
    council: str | None = None,
    with_subordinates: bool = False,
    with_predecessors: bool = False,
    *,
    by_council: bool = False,
) -> list[Summary]:
    """One summary per period, from a single pass over ``records`` (a period and its baseline).

    >>> from hdnd.periods import parse_period
    >>> [str(s.period) for s in summarize_periods([], [parse_period("năm 2023"),
    ...                                                   parse_period("năm 2022")])]
    ['năm 2023', 'năm 2022']
    """
    pairs = ((type(r), r) for r in records)
    scope = _Scope(council, with_subordinates, with_predecessors, by_council)
    return _summarize(pairs, _FROM_RECORD, periods, scope)


def summarize_values(
    pairs: Iterable[tuple[type, tuple[Any, ...]]],
    periods: Sequence[Period],
    council: str | None = None,
    with_subordinates: bool = False,
    with_predecessors: bool = False,
    *,
    by_council: bool = False,
) -> list[Summary]:
    """:func:`summarize_periods` over records given as (class, field values) pairs.

    What :func:`hdnd.io.iter_values` streams: the same figures, without building each
    record only to drop it.

    >>> from hdnd.periods import parse_period
    >>> [str(s.period) for s in summarize_values([], [parse_period("năm 2023")])]
    ['năm 2023']
    """
    scope = _Scope(council, with_subordinates, with_predecessors, by_council)
    return _summarize(pairs, _FROM_VALUES, periods, scope)


def _summarize(
    pairs: Iterable[tuple[type, Any]],
    counted_as: Mapping[type, _Counting],
    periods: Sequence[Period],
    scope: _Scope,
) -> list[Summary]:
    """One summary per period of records given as (class, record) pairs, or (class,
    field values) pairs: ``counted_as`` says which (:data:`_FROM_RECORD`,
    :data:`_FROM_VALUES`)."""
    councils: dict[str, Council] = {}
    bodies: dict[str, Body] = {}
    coverage: list[Coverage] = []
    kept: dict[type, Any] = {Council: councils, Body: bodies, Coverage: coverage}
    tallies: list[dict[str, _Tallies]] = [{} for _ in periods]
    bounds = [(period.start, period.end, per) for period, per in zip(periods, tallies, strict=True)]
    # The periods a day falls in, worked out once per day (a file has a few thousand):
    # one lookup per record, however many periods, and most records fall in none.
    periods_of: dict[Any, tuple[dict[str, _Tallies], ...]] = {}
    for cls, record in pairs:
        counted = counted_as.get(cls)
        if counted is None:
            into = kept.get(cls)
            if into is not None:
                whole: Any = record if counted_as is _FROM_RECORD else _record(cls, record)
                if cls is Coverage:
                    coverage.append(whole)
                else:
                    into[whole.id] = whole
            continue
        count, day_of, pick, count_at_bounds, pick_at_bounds = counted
        if count_at_bounds is not None:
            count_at_bounds(bounds, pick_at_bounds(record), 1)  # type: ignore[misc]
        if count is None:
            continue
        day = day_of(record)  # type: ignore[misc]
        hits = periods_of.get(day)
        if hits is None:
            hits = tuple(per for start, end, per in bounds if start <= day <= end)
            if len(periods_of) < _DAYS_KNOWN:
                periods_of[day] = hits
        if not hits:
            continue
        values = pick(record)  # type: ignore[misc]
        for per_council in hits:
            t = per_council.get(values[0])
            if t is None:
                t = per_council[values[0]] = _Tallies()
            count(t, values, 1)
    return _summaries(periods, tallies, councils, bodies, scope, coverage)


@attrs.frozen
class _Scope:
    """What a summary is asked about: a council (``None``: all), which others count, and
    whether each council's own figures are wanted too."""

    council: str | None
    with_subordinates: bool = False
    with_predecessors: bool = False
    by_council: bool = False

    def resolved(self, councils: Mapping[str, Council]) -> _Scope:
        """The scope with the council named by its id, however it was asked for (an id,
        a unit code, a name: :func:`~hdnd.dataset.find_council`)."""
        if self.council is None or self.council in councils:
            return self
        return attrs.evolve(self, council=find_council(self.council, councils.values()).id)

    def councils(self, councils: Mapping[str, Council]) -> set[str]:
        """The ids counted: the council, closed under subordinates and predecessors
        as asked (each reached once, whatever loops the data has)."""
        if self.council is None:
            return set(councils)
        children: dict[str, list[str]] = {}
        if self.with_subordinates:
            for c in councils.values():
                if c.parent_id is not None:
                    children.setdefault(c.parent_id, []).append(c.id)
        scope: set[str] = set()
        todo = [self.council]
        while todo:
            cid = todo.pop()
            if cid in scope:
                continue
            scope.add(cid)
            todo += children.get(cid, ())
            if self.with_predecessors:
                todo += (p for p in councils[cid].predecessor_ids if p in councils)
        return scope


def _summaries(
    periods: Sequence[Period],
    tallies: Sequence[Mapping[str, _Tallies]],
    councils: Mapping[str, Council],
    bodies: Mapping[str, Body],
    scope: _Scope,
    coverage: Iterable[Coverage] = (),
) -> list[Summary]:
    """Each period's summary from its tallies by council (however they were counted)."""
    scope = scope.resolved(councils)
    ids = scope.councils(councils)
    if scope.council is None:
        ids = ids.union(*(c.keys() for c in tallies))
    covering = _Covering(coverage, councils)
    # each body's level, from its council: the same for every period
    body_level = {
        b.id: councils[b.council_id].level for b in bodies.values() if b.council_id in councils
    }
    return [
        _summary(period, per_council, ids, councils, bodies, body_level, scope, covering)
        for period, per_council in zip(periods, tallies, strict=True)
    ]


def _record(cls: type[T], values: tuple[Any, ...]) -> T:
    """The record whose checked field values, in field order, are ``values``."""
    record: T = record_maker(cls)(values)  # type: ignore[arg-type]
    return record


def _summary(
    period: Period,
    per_council: Mapping[str, _Tallies],
    scope: set[str],
    councils: Mapping[str, Council],
    bodies: Mapping[str, Body],
    body_level: Mapping[str, Level],
    asked: _Scope,
    covering: _Covering,
) -> Summary:
    per_level: dict[Level | None, list[str]] = {}
    for cid in scope:
        owner = councils.get(cid)
        per_level.setdefault(owner.level if owner else None, []).append(cid)

    def figures(ids: Collection[str]) -> Figures:
        counted = _added([per_council[cid] for cid in ids if cid in per_council])
        return covering.known(counted.figures(body_level), ids, period)

    total = figures(scope)
    named = scope | _keys(total.receptions, "by_host") | _keys(total.oversight, "by_body")
    return Summary(
        period=period,
        council_id=asked.council,
        with_subordinates=asked.with_subordinates,
        with_predecessors=asked.with_predecessors,
        councils=tuple(sorted(scope)),
        figures=total,
        by_level=(
            {level: figures(per_level[level]) for level in Level if level in per_level}
            if asked.with_subordinates
            else {}
        ),
        by_council=({cid: figures((cid,)) for cid in sorted(scope)} if asked.by_council else {}),
        council_levels=(
            {cid: councils[cid].level for cid in sorted(scope) if cid in councils}
            if asked.by_council
            else {}
        ),
        names=_names(named, councils, bodies),
    )


def _keys(group: Any, name: str) -> set[str]:
    """The keys of the count ``name`` of a group of figures, none when it is unknown."""
    return set() if group is None else set(getattr(group, name))


class _Covering:
    """Which record types are covered for a set of councils and a period (docs/format.md,
    "What a figure of zero means"): by a record counting in it, whatever its figures,
    or by a coverage record of one of the councils spanning the part of the period the
    council existed in."""

    def __init__(self, coverage: Iterable[Coverage], councils: Mapping[str, Council]) -> None:
        self._by_council: dict[str, list[tuple[dt.date, dt.date, frozenset[str]]]] = {}
        for c in coverage:
            groups = frozenset(_GROUP_OF[tag] for tag in c.record_types if tag in _GROUP_OF)
            self._by_council.setdefault(c.council_id, []).append((c.start, c.end, groups))
        self._life = {
            cid: (c.established or dt.date.min, c.dissolved or dt.date.max)
            for cid, c in councils.items()
        }

    def groups(self, ids: Iterable[str], period: Period) -> set[str]:
        """The groups of figures a coverage record of a council in ``ids`` covers."""
        covered: set[str] = set()
        for cid in ids:
            stated = self._by_council.get(cid)
            if not stated:
                continue
            born, gone = self._life.get(cid, (dt.date.min, dt.date.max))
            first, last = max(period.start, born), min(period.end, gone)
            if first > last:  # the council did not exist in the period
                continue
            for start, end, groups in stated:
                if start <= first and last <= end:
                    covered |= groups
        return covered

    def known(self, figures: Figures, ids: Collection[str], period: Period) -> Figures:
        """``figures`` with the groups neither counted nor covered made unknown."""
        unknown = [name for name in _GROUPS if not _counts_any(getattr(figures, name))]
        if unknown and self._by_council:
            covered = self.groups(ids, period)
            unknown = [name for name in unknown if name not in covered]
        return attrs.evolve(figures, **dict.fromkeys(unknown)) if unknown else figures


_GROUPS: Final = tuple(f.name for f in attrs.fields(Figures))
# A coverage record names record types by tag; each counted type has its group of
# figures under its collection key (receptions -> Figures.receptions).
_GROUP_OF: Final = {r.tag: r.key for r in RECORDS if r.key in _GROUPS}


def _counts_any(node: Any) -> bool:
    """Whether a group of figures counted anything: a record of its type counts in the
    period (every counted record adds to at least one figure of its group)."""
    if isinstance(node, int):
        return node != 0
    if isinstance(node, Mapping):
        return any(_counts_any(v) for v in node.values())
    if isinstance(node, tuple):
        return bool(node)
    if attrs.has(type(node)):
        return any(_counts_any(getattr(node, f.name)) for f in attrs.fields(type(node)))
    return False


def _added(tallies: Sequence[_Tallies]) -> _Tallies:
    """Tallies added up, as ``+=`` would one after the other, but all at once."""
    out = _Tallies()
    if not tallies:
        return out
    out.fixed = [sum(column) for column in zip(*(t.fixed for t in tallies), strict=True)]
    hosts, groups, passed = out.hosts, out.groups, out.passed
    for t in tallies:
        for host, measures in t.hosts.items():
            mine = hosts.get(host)
            hosts[host] = list(measures if mine is None else map(add, mine, measures))
        for key, n in t.groups.items():
            groups[key] = groups.get(key, 0) + n
        passed.extend(t.passed)
    return out


def _names(
    ids: Iterable[str], councils: Mapping[str, Council], bodies: Mapping[str, Body]
) -> dict[str, str]:
    """Display names: a council's name; a body's, or one made from its kind and council."""
    names = {}
    for i in sorted(ids):
        if i in councils:
            names[i] = councils[i].name
        elif i in bodies:
            names[i] = _body_name(bodies[i], councils.get(bodies[i].council_id))
    return names


def _body_name(body: Body, owner: Council | None) -> str:
    """``"Thường trực HĐND xã A"``: the body's name, or its kind's word and its council's name."""
    if body.name is not None or owner is None:
        return body.name or body.id
    if body.committee_field is not None:
        word = body.committee_field.label_vi
    else:
        word = "Tổ đại biểu" if body.kind is BodyKind.delegate_group else "Thường trực"
    return f"{word} {owner.name}"


def __getattr__(name: str) -> Any:
    """:func:`hdnd.pipeline.summarize_path`, first here, served from where it is now.

    It reads files (:mod:`hdnd.io`) as well as counting: it sits above this module, which
    imports it only when asked for it, as :mod:`hdnd` imports its lazy names.

    >>> import hdnd.pipeline
    >>> __getattr__("summarize_path") is hdnd.pipeline.summarize_path
    True
    """
    if name != "summarize_path":
        raise AttributeError(f"module 'hdnd.summary' has no attribute {name!r}")
    return importlib.import_module("hdnd.pipeline").summarize_path
