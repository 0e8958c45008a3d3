"""Period summaries: what a council (or a council and its subordinates) did in a period.

:func:`summarize` counts a dataset's records by the counting rules of the format:
an oversight activity counts in the period of its ``start`` unless planned or
cancelled; receptions, meetings, sessions and resolutions by their date; petitions
and voter petitions by ``received``, with their current status as is.

>>> import hdnd
>>> from hdnd.periods import parse_period
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> q1 = summarize(city, parse_period("quý I/2023"), council="tp", with_subordinates=True)
>>> q1.figures.oversight.by_kind["thematic"], q1.figures.oversight.conducted
(11, 38)
>>> q1.by_level["commune"].receptions.total.sessions
204

Figures are plain counts in frozen attrs classes; counts keyed by an enumeration
list every member (zeros included), so summaries line up for comparison. Summaries
of disjoint data add up: ``a.figures + b.figures``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Final, Self, TypeVar

import attrs

from hdnd.converter import converter
from hdnd.dataset import Dataset, ancestors
from hdnd.enums import (
    BodyKind,
    LabelledEnum,
    Level,
    MeetingKind,
    OversightKind,
    OversightStatus,
    PetitionField,
    PetitionKind,
    PetitionStatus,
    ReceptionKind,
    SessionKind,
    VoterPetitionStatus,
)
from hdnd.errors import HdndError
from hdnd.model import (
    Body,
    Council,
    Meeting,
    OversightActivity,
    Person,
    Petition,
    Position,
    ReceptionSession,
    Record,
    Resolution,
    Session,
    VoterPetition,
)
from hdnd.periods import Period

__all__ = [
    "Citation",
    "Figures",
    "MeetingFigures",
    "OversightFigures",
    "PetitionFigures",
    "ReceptionCounts",
    "ReceptionFigures",
    "ResolutionFigures",
    "SessionFigures",
    "Summary",
    "UnknownCouncil",
    "VoterPetitionFigures",
    "summarize",
    "summarize_periods",
    "summarize_records",
]

T = TypeVar("T")


class UnknownCouncil(HdndError, LookupError):
    """The council asked for is not in the data.

    >>> summarize(Dataset(), _year(2023), council="nowhere")
    Traceback (most recent call last):
    ...
    hdnd.summary.UnknownCouncil: no council with id 'nowhere' in the data
    """


class _Tally:
    """Figures that add up: ints add, mappings add key by key, tuples join (sorted)."""

    __slots__ = ()

    def __add__(self, other: Self) -> Self:
        if type(other) is not type(self):
            return NotImplemented
        names = [f.name for f in attrs.fields(type(self))]  # type: ignore[arg-type]
        return type(self)(**{n: _add(getattr(self, n), getattr(other, n)) for n in names})


def _add(a: Any, b: Any) -> Any:
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

    conducted: int = 0
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

    received: int = 0
    duplicates: int = 0
    eligible: int = 0
    by_kind: dict[PetitionKind, int] = _zeros(PetitionKind)
    by_field: dict[PetitionField, int] = _zeros(PetitionField)
    by_status: dict[PetitionStatus, int] = _zeros(PetitionStatus)

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
    >>> f.resolved_share, f.answered_share
    ('109/139', '109/139')
    """

    received: int = 0
    by_field: dict[str, int] = attrs.Factory(dict)
    by_sector: dict[str, int] = attrs.Factory(dict)
    by_jurisdiction: dict[str, int] = attrs.Factory(dict)
    by_status: dict[VoterPetitionStatus, int] = _zeros(VoterPetitionStatus)

    @property
    def answered(self) -> int:
        """Petitions resolved or answered (explained).

        >>> VoterPetitionFigures().answered
        0
        """
        return (
            self.by_status[VoterPetitionStatus.resolved]
            + self.by_status[VoterPetitionStatus.explained]
        )

    @property
    def answered_share(self) -> str:
        """Answered over received: ``"120/139"``.

        >>> VoterPetitionFigures().answered_share
        '0/0'
        """
        return f"{self.answered}/{self.received}"

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

    total: int = 0
    by_kind: dict[SessionKind, int] = _zeros(SessionKind)


@attrs.frozen(order=True)
class Citation:
    """A resolution as reports cite it: its number and the date it was passed.

    >>> c = Citation("146/NQ-HĐND", dt.date(2022, 12, 15))
    >>> c.number, c.date.isoformat()
    ('146/NQ-HĐND', '2022-12-15')
    """

    number: str
    date: dt.date


@attrs.frozen(kw_only=True)
class ResolutionFigures(_Tally):
    """Resolutions passed: normative (with a year in the number) and individual, and which.

    >>> ResolutionFigures(total=1, individual=1).normative
    0
    """

    total: int = 0
    normative: int = 0
    individual: int = 0
    passed: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class MeetingFigures(_Tally):
    """Meetings held, per kind; voters attending and opinions at voter meetings.

    >>> MeetingFigures().by_kind["briefing"]
    0
    """

    total: int = 0
    by_kind: dict[MeetingKind, int] = _zeros(MeetingKind)
    attendees: int = 0
    opinions: int = 0


@attrs.frozen(kw_only=True)
class Figures(_Tally):
    """Every figure of a summary, for one council or for several together.

    >>> (Figures() + Figures()).receptions.total.turns
    0
    """

    oversight: OversightFigures = attrs.Factory(OversightFigures)
    receptions: ReceptionFigures = attrs.Factory(ReceptionFigures)
    petitions: PetitionFigures = attrs.Factory(PetitionFigures)
    voter_petitions: VoterPetitionFigures = attrs.Factory(VoterPetitionFigures)
    sessions: SessionFigures = attrs.Factory(SessionFigures)
    resolutions: ResolutionFigures = attrs.Factory(ResolutionFigures)
    meetings: MeetingFigures = attrs.Factory(MeetingFigures)


@attrs.frozen(kw_only=True)
class Summary:
    """What the councils in scope did in ``period``.

    ``council_id`` is the council summarised (``None``: every council in the data);
    ``councils`` the ids counted. With subordinates, ``by_level`` splits the figures
    by level — the city itself, its communes together — and they add up to ``figures``.

    >>> s = summarize(Dataset(), _year(2023))
    >>> s.councils, s.figures.receptions.total.turns
    ((), 0)
    """

    period: Period
    council_id: str | None
    with_subordinates: bool
    councils: tuple[str, ...]
    figures: Figures
    by_level: dict[Level, Figures] = attrs.Factory(dict)
    names: dict[str, str] = attrs.Factory(dict)
    """Display names of the councils in scope and of the bodies the figures name."""


def _year(year: int) -> Period:
    from hdnd.periods import Year

    return Year(year=year)


_NORMATIVE = re.compile(r"^\s*\d+\s*/\s*\d{4}\s*/")


def _is_normative(number: object) -> bool:
    flag = getattr(number, "is_normative", None)
    return bool(flag) if flag is not None else bool(_NORMATIVE.match(str(number)))


Key = tuple[str, ...]


@attrs.define
class _Accumulator:
    """Counts records in the period as flat tuples of strings -> int (cheap to add up)."""

    counts: Counter[Key] = attrs.Factory(Counter)
    passed: list[Citation] = attrs.Factory(list)

    def add(self, record: Record, period: Period) -> None:
        c = self.counts
        if isinstance(record, ReceptionSession):
            if not period.contains(record.date):
                return
            scopes: list[Key] = [("total",), ("by_kind", record.kind.value)]
            if record.host_body_id is not None:
                scopes.append(("by_host", record.host_body_id))
            for scope in scopes:
                c["receptions", *scope, "sessions"] += 1
                c["receptions", *scope, "turns"] += record.turns
                c["receptions", *scope, "persons"] += record.persons
                c["receptions", *scope, "cases"] += record.cases
                c["receptions", *scope, "mass_groups"] += record.mass_groups
        elif isinstance(record, OversightActivity):
            if not period.contains(record.start):
                return
            if record.status in (OversightStatus.planned, OversightStatus.cancelled):
                c["oversight", record.status.value] += 1
                return
            c["oversight", "conducted"] += 1
            c["oversight", "by_kind", record.kind.value] += 1
            c["oversight", "unannounced"] += record.unannounced
            c["oversight", "by_body", record.body_id] += 1
        elif isinstance(record, Petition):
            if not period.contains(record.received):
                return
            c["petitions", "received"] += 1
            c["petitions", "duplicates"] += record.duplicate
            c["petitions", "eligible"] += record.eligible
            c["petitions", "by_kind", record.kind.value] += 1
            c["petitions", "by_field", record.field.value] += 1
            c["petitions", "by_status", record.status.value] += 1
        elif isinstance(record, VoterPetition):
            if not period.contains(record.received):
                return
            c["voter_petitions", "received"] += 1
            c["voter_petitions", "by_status", record.status.value] += 1
            if record.field is not None:
                c["voter_petitions", "by_field", record.field.value] += 1
            if record.sector is not None:
                c["voter_petitions", "by_sector", record.sector] += 1
            if record.jurisdiction is not None:
                c["voter_petitions", "by_jurisdiction", record.jurisdiction.value] += 1
        elif isinstance(record, Session):
            if period.contains(record.start):
                c["sessions", "total"] += 1
                c["sessions", "by_kind", record.kind.value] += 1
        elif isinstance(record, Resolution):
            if period.contains(record.date):
                c["resolutions", "total"] += 1
                normative = _is_normative(record.number)
                c["resolutions", "normative" if normative else "individual"] += 1
                self.passed.append(Citation(str(record.number), record.date))
        elif isinstance(record, Meeting) and period.contains(record.date):
            c["meetings", "total"] += 1
            c["meetings", "by_kind", record.kind.value] += 1
            c["meetings", "attendees"] += record.attendees or 0
            c["meetings", "opinions"] += record.opinions or 0

    def __iadd__(self, other: _Accumulator) -> _Accumulator:
        self.counts.update(other.counts)
        self.passed.extend(other.passed)
        return self

    def figures(self, body_level: Mapping[str, Level]) -> Figures:
        """The typed figures; oversight per level from the conducting bodies' levels."""
        nested: dict[str, Any] = {"resolutions": {"passed": []}}
        for key, n in self.counts.items():
            *parents, leaf = key
            node = nested
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = n
            if key[:2] == ("oversight", "by_body") and leaf in body_level:
                levels = nested["oversight"].setdefault("by_level", {})
                level = body_level[leaf].value
                levels[level] = levels.get(level, 0) + n
        figures = converter.structure(nested, Figures)
        resolutions = attrs.evolve(figures.resolutions, passed=tuple(sorted(self.passed)))
        return attrs.evolve(figures, resolutions=resolutions)


def summarize(
    dataset: Dataset,
    period: Period,
    council: str | None = None,
    with_subordinates: bool = False,
) -> Summary:
    """Summarise ``dataset`` for ``period``: one council's records, or every council's.

    With ``with_subordinates=True``, every council whose ``parent_id`` chain leads
    to ``council`` counts too, and :attr:`Summary.by_level` splits the figures.

    >>> import hdnd
    >>> from hdnd.periods import parse_period
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> s = summarize(city, parse_period("quý I/2023"), council="tp")
    >>> s.figures.receptions.by_host["tp-tt"].turns, s.councils
    (74, ('tp',))
    """
    return summarize_records(dataset.records(), period, council, with_subordinates)


def summarize_records(
    records: Iterable[Record],
    period: Period,
    council: str | None = None,
    with_subordinates: bool = False,
) -> Summary:
    """:func:`summarize` over records in any order, in one pass (e.g. a streamed ``.jsonl``).

    Memory grows with the number of councils, bodies and groups, not of records.

    >>> from hdnd.periods import parse_period
    >>> summarize_records([], parse_period("năm 2023")).figures.sessions.total
    0
    """
    (summary,) = summarize_periods(records, [period], council, with_subordinates)
    return summary


def summarize_periods(
    records: Iterable[Record],
    periods: Sequence[Period],
    council: str | None = None,
    with_subordinates: bool = False,
) -> list[Summary]:
    """One summary per period, from a single pass over ``records`` (a period and its baseline).

    >>> from hdnd.periods import parse_period
    >>> [str(s.period) for s in summarize_periods([], [parse_period("năm 2023"),
    ...                                                   parse_period("năm 2022")])]
    ['năm 2023', 'năm 2022']
    """
    councils: dict[str, Council] = {}
    bodies: dict[str, Body] = {}
    counted = [defaultdict[str, _Accumulator](_Accumulator) for _ in periods]
    for record in records:
        if isinstance(record, Council):
            councils[record.id] = record
        elif isinstance(record, Body):
            bodies[record.id] = record
        elif not isinstance(record, Person | Position):
            for period, per_council in zip(periods, counted, strict=True):
                per_council[record.council_id].add(record, period)
    if council is not None and council not in councils:
        raise UnknownCouncil(f"no council with id {council!r} in the data")
    if council is None:
        scope = set(councils).union(*(c.keys() for c in counted))
    elif with_subordinates:
        scope = {c for c in councils if c == council or council in ancestors(c, councils)}
    else:
        scope = {council}
    return [
        _summary(period, per_council, scope, councils, bodies, council, with_subordinates)
        for period, per_council in zip(periods, counted, strict=True)
    ]


def _summary(
    period: Period,
    per_council: Mapping[str, _Accumulator],
    scope: set[str],
    councils: Mapping[str, Council],
    bodies: Mapping[str, Body],
    council: str | None,
    with_subordinates: bool,
) -> Summary:
    body_level = {
        b.id: councils[b.council_id].level for b in bodies.values() if b.council_id in councils
    }
    by_level: defaultdict[Level | None, _Accumulator] = defaultdict(_Accumulator)
    for cid in scope & per_council.keys():
        by_level[councils[cid].level if cid in councils else None] += per_council[cid]
    total = _Accumulator()
    for acc in by_level.values():
        total += acc
    figures = total.figures(body_level)
    named = scope | figures.receptions.by_host.keys() | figures.oversight.by_body.keys()
    return Summary(
        period=period,
        council_id=council,
        with_subordinates=with_subordinates,
        councils=tuple(sorted(scope)),
        figures=figures,
        by_level=(
            {level: by_level[level].figures(body_level) for level in Level if level in by_level}
            if with_subordinates
            else {}
        ),
        names=_names(named, councils, bodies),
    )


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
