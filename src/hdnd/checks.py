"""Domain checks: rules of the glossary that a well-formed dataset can still break.

Shape problems (a negative count, a dangling id) stop a file from loading; the
checks here run on a loaded :class:`~hdnd.dataset.Dataset` and return findings,
each with a stable code, a severity, a message in Vietnamese and English, and the
record it concerns. Rules the glossary marks [unsure] are warnings.

>>> import datetime as dt
>>> import hdnd
>>> ds = hdnd.Dataset(
...     councils=[hdnd.Council(id="x", name="HĐND xã A", level=hdnd.Level.commune,
...                            unit_type=hdnd.UnitType.commune)],
...     receptions=[hdnd.ReceptionSession(id="r1", council_id="x", date=dt.date(2023, 1, 5),
...                 kind=hdnd.ReceptionKind.periodic, turns=6, persons=4, cases=6)],
... )
>>> for finding in hdnd.check(ds):
...     print(finding)
HDND-R011 warning receptions[0].persons (id 'r1'): persons (4) fewer than turns (6)
>>> print(hdnd.check(ds)[0].message("vi"))
số người (4) ít hơn số lượt (6)

:data:`CHECKS` lists every check; the codes are:

========= ======== ==========================================================
code      severity rule
========= ======== ==========================================================
HDND-R001 error    district level only for dates up to 2025-06-30
HDND-R002 error    unit type fits the council's level
HDND-R003 error    unit type in force at the record's date (township, special zone)
HDND-R004 error    parent council one level up (province > district > commune)
HDND-R005 error    unit code length fits the level (2, 3, 5 digits)
HDND-R006 error    committee field fits the level
HDND-R007 error    committee field fits the date (commune committees changed 1/7/2025)
HDND-R008 warning  standing committee has one chair at a time
HDND-R009 error    role fits the kind of body
HDND-R010 warning  vice-chair limits since 1/7/2025 (commune 1, province 4) [unsure]
HDND-R011 warning  reception: persons ≥ turns [unsure]
HDND-R012 warning  reception: first-time + repeat cases = cases [unsure]
HDND-R013 warning  reception: mass groups (≥ 5 people each) fit persons and turns
HDND-R014 error    a body named by a record belongs to its council or a subordinate
HDND-R015 error    a session or meeting named by a record belongs to the same council
HDND-R016 error    a normative resolution's number carries its date's year
HDND-R017 error    a number used once per issuer and year
HDND-R018 warning  numbers go up as dates go up (per issuer and year)
HDND-R019 warning  ids and names of a record type differ by more than look-alike characters
HDND-R020 error    a record is dated within its council's life (established to dissolved)
HDND-R021 error    a deputy's end reason only with an end date
HDND-R022 error    a deputy who left has an end reason
HDND-R023 error    a recommendation follows an oversight activity of its own council
HDND-R024 warning  a recommendation done has the date it was carried out
HDND-R025 error    a recommendation's done date only with the status done
HDND-R026 warning  a recommendation past its due date and not done (as at the data's latest date)
HDND-R027 error    confidence ballots (high + medium + low) do not exceed the voters
HDND-R028 error    a person is assessed once in one vote (council and day, or session)
HDND-R029 warning  a predecessor council is dissolved before its successor is established
HDND-R030 error    the chain of predecessor councils does not loop
HDND-R031 warning  a coverage record lists each record type once
HDND-R032 error    a deputy's group is a delegate group
HDND-R033 warning  a record's date is not after today (the day the checks run)
HDND-R034 warning  a record's date lies within two years of the dataset's other dates
HDND-R035 warning  a count is at most 10 times its council's median for that record type
========= ======== ==========================================================

HDND-R026 takes the data's latest date (the latest date that places a record in a
period) as "today", not the clock's: a dataset gives the same findings whenever it is
checked, and a file last updated months ago is judged as at its own last entry; but
never a date after today (:func:`check`'s ``today``), a slip HDND-R033 reports.

HDND-R033 to HDND-R035 are plausibility checks: values lawful in shape that are most
likely slips of the keyboard (a year typed 2052 or 2002 for 2022, a count with a digit
too many), each of which would change a report's figures without a word.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, Literal

import attrs

from hdnd._lookalike import skeleton
from hdnd.dataset import COLLECTIONS, Dataset, ancestors
from hdnd.enums import (
    BodyKind,
    CommitteeField,
    Jurisdiction,
    Level,
    RecommendationStatus,
    Role,
    UnitType,
)
from hdnd.errors import Path, format_path
from hdnd.i18n import N_, gettext, language
from hdnd.model import Body, Council, Meeting, OversightActivity, Person, Position, Session
from hdnd.spec import RECORDS, spec_of

__all__ = ["CHECKS", "REFORM_DATE", "Check", "Finding", "Severity", "check"]

REFORM_DATE: Final = dt.date(2025, 7, 1)
"""The day the district level was abolished (Law 72/2025/QH15)."""

# The dates that place a record in time, by collection key: the date that places it in a
# period (hdnd.spec), and both ends for the record types that span days without one.
_PLACING_DATES: Final[Mapping[str, tuple[str, ...]]] = {
    **{r.key: (r.period_field,) for r in RECORDS if r.period_field is not None},
    "deputies": ("start", "end"),
    "coverage": ("start", "end"),
}


class Severity(enum.StrEnum):
    """How serious a finding is: an ``error`` fails validation, a ``warning`` does not.

    >>> Severity("warning")
    <Severity.warning: 'warning'>
    """

    error = "error"
    warning = "warning"


_SEVERITY_WORDS: Final = {Severity.error: N_("error"), Severity.warning: N_("warning")}
"""The word for each severity, as :meth:`Finding.describe` writes it (translated there)."""


@attrs.frozen(kw_only=True)
class Finding:
    """What one check found about one record.

    >>> f = Finding(code="HDND-R011", severity=Severity.warning, path=("receptions", 0, "persons"),
    ...             record_id="r1", message_vi="số người ít hơn số lượt",
    ...             message_en="persons fewer than turns")
    >>> f.location, f.message("en")
    ('receptions[0].persons', 'persons fewer than turns')
    """

    code: str
    severity: Severity
    path: Path
    record_id: str | None
    message_vi: str
    message_en: str
    council_id: str | None = None
    """The council of the record concerned (a council's own id), if it has one."""
    date: dt.date | None = None
    """The date that places the record concerned in time, if any: the date that places
    it in a period (:mod:`hdnd.spec`), or a deputy's or coverage record's start. With
    :attr:`council_id`, whether the finding touches a council's period."""

    @property
    def location(self) -> str:
        """The record (and field) concerned: ``receptions[3].persons``.

        >>> Finding(code="X", severity=Severity.error, path=("councils", 2), record_id=None,
        ...         message_vi="", message_en="").location
        'councils[2]'
        """
        return format_path(self.path)

    def message(self, lang: Literal["vi", "en"] = "en") -> str:
        """The message in Vietnamese (``"vi"``) or English (``"en"``).

        >>> Finding(code="X", severity=Severity.error, path=(), record_id=None,
        ...         message_vi="lỗi", message_en="error").message("vi")
        'lỗi'
        """
        return self.message_vi if lang == "vi" else self.message_en

    def describe(self, lang: Literal["vi", "en"] = "en", at: str | None = None) -> str:
        """One line: code, severity, location, record id and message in ``lang``; or, ``at``
        a place in the input (:meth:`hdnd.io.sources.SourceMap.finding`), that place first.

        >>> f = Finding(code="X", severity=Severity.error, path=("councils", 0), record_id="c",
        ...             message_vi="lỗi", message_en="error")
        >>> f.describe("vi")
        "X lỗi councils[0] (mã 'c'): lỗi"
        >>> f.describe("en", at="q1.xlsx, sheet councils, row 3")
        'q1.xlsx, sheet councils, row 3: X error: error'
        >>> Finding(code="X", severity=Severity.warning, path=("councils", 0), record_id=None,
        ...         message_vi="cảnh báo", message_en="warning").describe("en")
        'X warning councils[0]: warning'
        """
        with language(lang):
            severity = gettext(_SEVERITY_WORDS[self.severity])
            if at is not None:
                return gettext("{at}: {code} {severity}: {message}").format(
                    at=at, code=self.code, severity=severity, message=self.message(lang)
                )
            if self.record_id is None:
                return gettext("{code} {severity} {location}: {message}").format(
                    code=self.code,
                    severity=severity,
                    location=self.location,
                    message=self.message(lang),
                )
            return gettext("{code} {severity} {location} (id {record_id!r}): {message}").format(
                code=self.code,
                severity=severity,
                location=self.location,
                record_id=self.record_id,
                message=self.message(lang),
            )

    def __str__(self) -> str:
        return self.describe("en")

    def as_dict(self) -> dict[str, object]:
        """The finding as a JSON-ready mapping (for ``hdnd validate --format json``).

        >>> Finding(code="X", severity=Severity.error, path=(), record_id=None,
        ...         message_vi="", message_en="", date=dt.date(2023, 1, 5)).as_dict()["date"]
        '2023-01-05'
        """
        return {
            "code": self.code,
            "severity": self.severity.value,
            "location": self.location,
            "record_id": self.record_id,
            "council_id": self.council_id,
            "date": None if self.date is None else self.date.isoformat(),
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }


@attrs.frozen
class _Hit:
    path: Path
    record_id: str | None
    vi: str
    en: str


Rule = Callable[["_Context"], Iterable[_Hit]]


@attrs.frozen
class Check:
    """One domain check: a stable code, a severity, a title in both languages.

    >>> CHECKS[0].code, CHECKS[0].severity.value
    ('HDND-R001', 'error')
    """

    code: str
    severity: Severity
    title_vi: str
    title_en: str
    rule: Rule = attrs.field(repr=False)

    def run(self, dataset: Dataset, *, today: dt.date | None = None) -> list[Finding]:
        """The findings of this check alone (``today`` as for :func:`check`).

        >>> CHECKS[0].run(Dataset())
        []
        """
        return _run([self], _Context(dataset, today or dt.date.today()))


CHECKS: list[Check] = []
"""Every check, in code order."""


def _check(code: str, severity: Severity, vi: str, en: str) -> Callable[[Rule], Rule]:
    def register(rule: Rule) -> Rule:
        CHECKS.append(Check(f"HDND-{code}", severity, vi, en, rule))
        return rule

    return register


def check(
    dataset: Dataset, *, include: Iterable[str] | None = None, today: dt.date | None = None
) -> list[Finding]:
    """Run the checks (all, or the codes in ``include``) and return what they found.

    ``today`` is the day a record's date may not be after (HDND-R033); the clock's
    date by default.

    >>> check(Dataset())
    []
    """
    wanted = None if include is None else set(include)
    return _run(
        [c for c in CHECKS if wanted is None or c.code in wanted],
        _Context(dataset, today or dt.date.today()),
    )


def _run(checks: Iterable[Check], ctx: _Context) -> list[Finding]:
    return [
        Finding(
            code=c.code,
            severity=c.severity,
            path=hit.path,
            record_id=hit.record_id,
            message_vi=hit.vi,
            message_en=hit.en,
            council_id=ctx.council_of(hit.path),
            date=ctx.date_of(hit.path),
        )
        for c in checks
        for hit in c.rule(ctx)
    ]


class _Context:
    """The dataset with the lookups several checks share, built once."""

    def __init__(self, dataset: Dataset, today: dt.date) -> None:
        self.ds = dataset
        self.today = today
        self.councils = dataset.index(Council)
        self.bodies = dataset.index(Body)
        self.council_index = {c.id: i for i, c in enumerate(dataset.councils)}
        self.body_index = {b.id: i for i, b in enumerate(dataset.bodies)}
        # Every dated record, by council: (date, collection key, index, record id).
        self.dated: defaultdict[str, list[tuple[dt.date, str, int, str]]] = defaultdict(list)
        for r in RECORDS:
            if r.period_field is None:
                continue
            for i, record in enumerate(getattr(dataset, r.key)):
                day = getattr(record, r.period_field)
                self.dated[record.council_id].append((day, r.key, i, record.id))
        self.body_dates: defaultdict[str, list[dt.date]] = defaultdict(list)
        for o in dataset.oversight:
            self.body_dates[o.body_id].append(o.start)
        for p in dataset.positions:
            if p.start is not None:
                self.body_dates[p.body_id].append(p.start)

    def latest_date(self) -> dt.date:
        """The latest date that places a record in a period: the day the data runs to.

        Only called with some dated record in the dataset.
        """
        return max(day for records in self.dated.values() for day, *_ in records)

    def ancestors(self, council_id: str) -> Iterator[str]:
        """The chain of parent councils, nearest first (see :func:`hdnd.dataset.ancestors`)."""
        return ancestors(council_id, self.councils)

    def _record(self, path: Path) -> object | None:
        """The record a finding's path points into (collection key, index, ...), if any."""
        if len(path) < 2 or not isinstance(path[0], str) or not isinstance(path[1], int):
            return None
        records: Sequence[object] = getattr(self.ds, path[0])
        return records[path[1]]

    def council_of(self, path: Path) -> str | None:
        """The council of the record at ``path``: its own, its body's, a council's id."""
        record = self._record(path)
        if isinstance(record, Council):
            return record.id
        if isinstance(record, Position):
            return self.bodies[record.body_id].council_id
        council_id = getattr(record, "council_id", None)
        return council_id if isinstance(council_id, str) else None

    def date_of(self, path: Path) -> dt.date | None:
        """The date that places the record at ``path`` in time (its first placing date)."""
        record = self._record(path)
        fields = _PLACING_DATES.get(str(path[0]), ()) if record is not None else ()
        day = getattr(record, fields[0]) if fields else None
        return day if isinstance(day, dt.date) else None


def _council_hit(ctx: _Context, council: Council, field: str, vi: str, en: str) -> _Hit:
    return _Hit(("councils", ctx.council_index[council.id], field), council.id, vi, en)


def _is_district(council: Council) -> bool:
    return council.level is Level.district or council.unit_type.level is Level.district


@_check(
    "R001",
    Severity.error,
    "cấp huyện chỉ tồn tại đến 30/6/2025",
    "the district level exists only up to 2025-06-30",
)
def _district_after_reform(ctx: _Context) -> Iterator[_Hit]:
    for council in ctx.ds.councils:
        if not _is_district(council):
            continue
        late = [d for d in ctx.dated[council.id] if d[0] >= REFORM_DATE]
        if late:
            when, key, i, rid = min(late)
            yield _Hit(
                (key, i),
                rid,
                f"HĐND cấp huyện {council.id!r} có {len(late)} bản ghi từ 01/7/2025 "
                f"(sớm nhất ngày {when:%d/%m/%Y}), khi cấp huyện đã bị bãi bỏ",
                f"district-level council {council.id!r} has {len(late)} record(s) dated from "
                f"2025-07-01 (first {when.isoformat()}), after the district level was abolished",
            )
    for i, vp in enumerate(ctx.ds.voter_petitions):
        if vp.jurisdiction is Jurisdiction.district and vp.received >= REFORM_DATE:
            yield _Hit(
                ("voter_petitions", i, "jurisdiction"),
                vp.id,
                "thẩm quyền cấp huyện cho kiến nghị nhận từ 01/7/2025",
                "district jurisdiction for a petition received from 2025-07-01",
            )


@_check("R002", Severity.error, "loại đơn vị phù hợp cấp", "unit type fits the level")
def _unit_type_level(ctx: _Context) -> Iterator[_Hit]:
    for council in ctx.ds.councils:
        if council.unit_type.level is not council.level:
            yield _council_hit(
                ctx,
                council,
                "unit_type",
                f"{council.unit_type.label_vi} thuộc {council.unit_type.level.label_vi}, "
                f"không phải {council.level.label_vi}",
                f"a {council.unit_type.label_en} is at the {council.unit_type.level.label_en}, "
                f"not the {council.level.label_en}",
            )


_UNIT_ERA: Final = {
    UnitType.township: (None, REFORM_DATE),
    UnitType.special_zone: (REFORM_DATE, None),
}


@_check(
    "R003",
    Severity.error,
    "loại đơn vị còn hiệu lực tại ngày ghi nhận",
    "unit type in force at the record's date",
)
def _unit_type_era(ctx: _Context) -> Iterator[_Hit]:
    for council in ctx.ds.councils:
        if council.unit_type not in _UNIT_ERA:
            continue
        since, until = _UNIT_ERA[council.unit_type]
        outside = [
            d
            for d in ctx.dated[council.id]
            if (since is not None and d[0] < since) or (until is not None and d[0] >= until)
        ]
        if outside:
            when, key, i, rid = min(outside)
            yield _Hit(
                (key, i),
                rid,
                f"{council.unit_type.label_vi} {council.id!r} chưa hoặc không còn tồn tại "
                f"ngày {when:%d/%m/%Y}",
                f"{council.unit_type.label_en} {council.id!r} did not exist on {when.isoformat()}",
            )


_LEVEL_RANK: Final = {Level.province: 0, Level.district: 1, Level.commune: 2}


@_check("R004", Severity.error, "HĐND cấp trên đúng cấp", "parent council one level up")
def _parent_level(ctx: _Context) -> Iterator[_Hit]:
    for council in ctx.ds.councils:
        if council.parent_id is None:
            continue
        parent = ctx.councils[council.parent_id]
        if council.id in ctx.ancestors(council.id):
            yield _council_hit(
                ctx,
                council,
                "parent_id",
                "chuỗi HĐND cấp trên quay vòng",
                "the chain of parent councils loops back",
            )
        elif _LEVEL_RANK[parent.level] >= _LEVEL_RANK[council.level]:
            yield _council_hit(
                ctx,
                council,
                "parent_id",
                f"HĐND cấp trên {parent.id!r} ở {parent.level.label_vi}, "
                f"không cao hơn {council.level.label_vi}",
                f"parent council {parent.id!r} is at the {parent.level.label_en}, "
                f"not above the {council.level.label_en}",
            )


_CODE_LENGTH: Final = {Level.province: 2, Level.district: 3, Level.commune: 5}


@_check("R005", Severity.error, "độ dài mã đơn vị phù hợp cấp", "unit code length fits the level")
def _unit_code_length(ctx: _Context) -> Iterator[_Hit]:
    for council in ctx.ds.councils:
        want = _CODE_LENGTH[council.level]
        if council.unit_code is not None and len(council.unit_code) != want:
            yield _council_hit(
                ctx,
                council,
                "unit_code",
                f"mã đơn vị {council.level.label_vi} có {want} chữ số, "
                f"không phải {council.unit_code!r}",
                f"a {council.level.label_en} unit code has {want} digits, "
                f"not {council.unit_code!r}",
            )


F = CommitteeField
_FIELDS_BEFORE: Final = {
    Level.province: {F.legal, F.economy_budget, F.culture_society, F.ethnic, F.urban},
    Level.district: {F.legal, F.economy_society, F.ethnic},
    Level.commune: {F.legal, F.economy_society},
}
_FIELDS_FROM_REFORM: Final = {
    Level.province: _FIELDS_BEFORE[Level.province],
    Level.district: set[CommitteeField](),
    Level.commune: {F.economy_budget, F.culture_society},
}


def _committees(ctx: _Context) -> Iterator[tuple[int, Body, Council, CommitteeField]]:
    for i, body in enumerate(ctx.ds.bodies):
        if body.committee_field is not None:
            yield i, body, ctx.councils[body.council_id], body.committee_field


@_check("R006", Severity.error, "lĩnh vực Ban phù hợp cấp", "committee field fits the level")
def _committee_field_level(ctx: _Context) -> Iterator[_Hit]:
    for i, body, council, field in _committees(ctx):
        allowed = _FIELDS_BEFORE[council.level] | _FIELDS_FROM_REFORM[council.level]
        if field is F.urban and council.unit_type is not UnitType.central_city:
            allowed = allowed - {F.urban}
        if field not in allowed:
            yield _Hit(
                ("bodies", i, "committee_field"),
                body.id,
                f"{field.label_vi} không có ở HĐND {council.unit_type.label_vi}",
                f"a {council.unit_type.label_en} council has no {field.label_en}",
            )


@_check("R007", Severity.error, "lĩnh vực Ban phù hợp thời điểm", "committee field fits the date")
def _committee_field_date(ctx: _Context) -> Iterator[_Hit]:
    for i, body, council, field in _committees(ctx):
        if field not in _FIELDS_BEFORE[council.level] | _FIELDS_FROM_REFORM[council.level]:
            continue  # wrong at any date: HDND-R006 says so
        for when in sorted(ctx.body_dates[body.id]):
            era = _FIELDS_FROM_REFORM if when >= REFORM_DATE else _FIELDS_BEFORE
            if field not in era[council.level]:
                yield _Hit(
                    ("bodies", i, "committee_field"),
                    body.id,
                    f"{field.label_vi} ở {council.level.label_vi} "
                    f"không tồn tại ngày {when:%d/%m/%Y}",
                    f"a {council.level.label_en} {field.label_en} did not exist "
                    f"on {when.isoformat()}",
                )
                break


_OPEN_START: Final = dt.date.min
_OPEN_END: Final = dt.date.max


def _most_at_once(intervals: list[tuple[dt.date, dt.date]], since: dt.date) -> int:
    """The most intervals (inclusive) that overlap at any one date from ``since``."""
    events = sorted(
        [(max(start, since), 1) for start, end in intervals if end >= since]
        + [
            (end + dt.timedelta(days=1), -1)
            for start, end in intervals
            if end >= since and end < _OPEN_END
        ]
    )
    most = now = 0
    for _, step in events:
        now += step
        most = max(most, now)
    return most


def _holders(ctx: _Context, roles: set[Role]) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """For each body: the date ranges its positions with these roles are held."""
    held: defaultdict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for p in ctx.ds.positions:
        if p.role in roles:
            held[p.body_id].append((p.start or _OPEN_START, p.end or _OPEN_END))
    return held


@_check(
    "R008",
    Severity.warning,
    "Thường trực HĐND có một Chủ tịch tại mỗi thời điểm",
    "a standing committee has one chair at a time",
)
def _standing_committee_chair(ctx: _Context) -> Iterator[_Hit]:
    chairs = _holders(ctx, {Role.chair})
    staffed = {p.body_id for p in ctx.ds.positions}
    for i, body in enumerate(ctx.ds.bodies):
        if body.kind is not BodyKind.standing_committee or body.id not in staffed:
            continue
        most = _most_at_once(chairs.get(body.id, []), _OPEN_START)
        if most != 1:
            yield _Hit(
                ("bodies", i),
                body.id,
                f"Thường trực HĐND có {most} Chủ tịch cùng lúc (cần đúng 1)",
                f"the standing committee has {most} chairs at once (expected exactly 1)",
            )


_ROLES_BY_KIND: Final = {
    BodyKind.standing_committee: {
        Role.chair,
        Role.standing_vice_chair,
        Role.vice_chair,
        Role.standing_member,
        Role.committee_head,
    },
    BodyKind.committee: {Role.committee_head, Role.committee_deputy, Role.committee_member},
    BodyKind.delegate_group: {Role.group_leader, Role.delegate},
}


@_check("R009", Severity.error, "chức vụ phù hợp loại cơ quan", "role fits the kind of body")
def _role_fits_body(ctx: _Context) -> Iterator[_Hit]:
    for i, p in enumerate(ctx.ds.positions):
        kind = ctx.bodies[p.body_id].kind
        if p.role not in _ROLES_BY_KIND[kind]:
            yield _Hit(
                ("positions", i, "role"),
                p.id,
                f"chức vụ {p.role.label_vi} không có trong {kind.label_vi}",
                f"there is no {p.role.label_en} in a {kind.label_en}",
            )


_VICE_CHAIR_LIMIT: Final = {Level.commune: 1, Level.province: 4}


@_check(
    "R010",
    Severity.warning,
    "số Phó Chủ tịch HĐND từ 01/7/2025",
    "vice-chair limits from 2025-07-01",
)
def _vice_chair_limit(ctx: _Context) -> Iterator[_Hit]:
    vices = _holders(ctx, {Role.vice_chair, Role.standing_vice_chair})
    for i, body in enumerate(ctx.ds.bodies):
        level = ctx.councils[body.council_id].level
        limit = _VICE_CHAIR_LIMIT.get(level)
        if body.kind is not BodyKind.standing_committee or limit is None:
            continue
        most = _most_at_once(vices.get(body.id, []), REFORM_DATE)
        if most > limit:
            yield _Hit(
                ("bodies", i),
                body.id,
                f"{most} Phó Chủ tịch cùng lúc từ 01/7/2025; {level.label_vi} tối đa {limit}",
                f"{most} vice-chairs at once from 2025-07-01; the {level.label_en} allows {limit}",
            )


@_check("R011", Severity.warning, "số người ≥ số lượt", "persons ≥ turns")
def _persons_turns(ctx: _Context) -> Iterator[_Hit]:
    for i, r in enumerate(ctx.ds.receptions):
        if r.persons < r.turns:
            yield _Hit(
                ("receptions", i, "persons"),
                r.id,
                f"số người ({r.persons}) ít hơn số lượt ({r.turns})",
                f"persons ({r.persons}) fewer than turns ({r.turns})",
            )


@_check(
    "R012",
    Severity.warning,
    "vụ việc lần đầu + tái diễn = tổng vụ việc",
    "first-time + repeat cases = cases",
)
def _case_split(ctx: _Context) -> Iterator[_Hit]:
    for i, r in enumerate(ctx.ds.receptions):
        first, repeat = r.first_time_cases, r.repeat_cases
        if first is not None and repeat is not None and first + repeat != r.cases:
            yield _Hit(
                ("receptions", i, "cases"),
                r.id,
                f"{first} vụ việc lần đầu + {repeat} tái diễn ≠ {r.cases} vụ việc",
                f"{first} first-time + {repeat} repeat cases ≠ {r.cases} cases",
            )


@_check(
    "R013",
    Severity.warning,
    "đoàn đông người (từ 5 người) phù hợp số người, số lượt",
    "mass groups (5+ people each) fit persons and turns",
)
def _mass_groups(ctx: _Context) -> Iterator[_Hit]:
    for i, r in enumerate(ctx.ds.receptions):
        if r.mass_groups > r.turns or 5 * r.mass_groups > r.persons:
            yield _Hit(
                ("receptions", i, "mass_groups"),
                r.id,
                f"{r.mass_groups} đoàn đông người nhưng chỉ {r.turns} lượt, {r.persons} người",
                f"{r.mass_groups} mass groups but only {r.turns} turns and {r.persons} persons",
            )


_BODY_REFS: Final = (
    ("oversight", "body_id"),
    ("receptions", "host_body_id"),
    ("deputies", "group_id"),
)


@_check(
    "R014",
    Severity.error,
    "cơ quan thuộc HĐND đó hoặc HĐND cấp dưới",
    "the body belongs to the council or a subordinate",
)
def _body_of_council(ctx: _Context) -> Iterator[_Hit]:
    for key, field in _BODY_REFS:
        for i, record in enumerate(getattr(ctx.ds, key)):
            body_id = getattr(record, field)
            if body_id is None:
                continue
            owner = ctx.bodies[body_id].council_id
            if owner != record.council_id and record.council_id not in ctx.ancestors(owner):
                yield _Hit(
                    (key, i, field),
                    record.id,
                    f"cơ quan {body_id!r} thuộc HĐND {owner!r}, không thuộc {record.council_id!r} "
                    "hay HĐND cấp dưới",
                    f"body {body_id!r} belongs to council {owner!r}, not to "
                    f"{record.council_id!r} or a subordinate council",
                )


_SAME_COUNCIL_REFS: Final = (
    ("resolutions", "session_id", Session),
    ("voter_petitions", "session_id", Session),
    ("voter_petitions", "meeting_id", Meeting),
    ("questions", "session_id", Session),
    ("questions", "meeting_id", Meeting),
    ("confidence_votes", "session_id", Session),
)


@_check(
    "R015",
    Severity.error,
    "kỳ họp, cuộc họp thuộc cùng HĐND",
    "the session or meeting belongs to the same council",
)
def _same_council(ctx: _Context) -> Iterator[_Hit]:
    for key, field, cls in _SAME_COUNCIL_REFS:
        for i, record, target, owner in _owned_elsewhere(ctx, key, field, cls):
            yield _Hit(
                (key, i, field),
                record.id,
                f"{cls.type_tag} {target!r} thuộc HĐND {owner!r}, không phải {record.council_id!r}",
                f"{cls.type_tag} {target!r} belongs to council {owner!r}, "
                f"not {record.council_id!r}",
            )


def _owned_elsewhere(
    ctx: _Context, key: str, field: str, cls: type[Any]
) -> Iterator[tuple[int, Any, str, str]]:
    """The records of ``key`` whose ``field`` names a ``cls`` of another council.

    Each comes with its index, the id it names and the council that record belongs to.
    """
    index: Any = ctx.ds.index(cls)
    for i, record in enumerate(getattr(ctx.ds, key)):
        target = getattr(record, field)
        if target is not None and index[target].council_id != record.council_id:
            yield i, record, target, index[target].council_id


@_check(
    "R016",
    Severity.error,
    "năm trong số văn bản quy phạm trùng năm ban hành",
    "a normative number's year is its date's year",
)
def _normative_year(ctx: _Context) -> Iterator[_Hit]:
    for i, r in enumerate(ctx.ds.resolutions):
        if r.number.year is not None and r.number.year != r.date.year:
            yield _Hit(
                ("resolutions", i, "number"),
                r.id,
                f"số {r.number} mang năm {r.number.year} nhưng ban hành ngày {r.date:%d/%m/%Y}",
                f"number {r.number} carries the year {r.number.year} but is dated "
                f"{r.date.isoformat()}",
            )


def _sequences(ctx: _Context) -> dict[tuple[object, ...], list[tuple[dt.date, int, int]]]:
    """Resolutions by numbering sequence: council, issuer, year (normative: also type).

    Numbering restarts every 1 January, per issuer; normative documents per type.
    Each entry is (date, number, index), in date order.
    """
    sequences: defaultdict[tuple[object, ...], list[tuple[dt.date, int, int]]] = defaultdict(list)
    for i, r in enumerate(ctx.ds.resolutions):
        n = r.number
        kind = n.doc_type if n.is_normative else None
        key = (r.council_id, n.issuer, n.sub_issuers, kind, n.year or r.date.year)
        sequences[key].append((r.date, n.number, i))
    return {key: sorted(entries) for key, entries in sequences.items()}


@_check("R017", Severity.error, "số văn bản không trùng lặp", "a number is used once")
def _number_reused(ctx: _Context) -> Iterator[_Hit]:
    for (_, _, _, _, year), entries in _sequences(ctx).items():
        first: dict[int, int] = {}
        for _, number, i in sorted(entries, key=lambda e: e[2]):
            if number in first:
                r = ctx.ds.resolutions[i]
                earlier = ctx.ds.resolutions[first[number]].id
                yield _Hit(
                    ("resolutions", i, "number"),
                    r.id,
                    f"số {r.number} đã dùng trong năm {year}, ở nghị quyết mã {earlier!r}",
                    f"number {r.number} is already used in {year}, by resolution {earlier!r}",
                )
            first.setdefault(number, i)


@_check(
    "R018",
    Severity.warning,
    "số văn bản tăng theo ngày ban hành",
    "numbers go up as dates go up",
)
def _numbers_go_down(ctx: _Context) -> Iterator[_Hit]:
    for entries in _sequences(ctx).values():
        highest: tuple[dt.date, int, int] | None = None
        for entry in entries:
            when, number, i = entry
            if highest is not None and number < highest[1] and when > highest[0]:
                r, before = ctx.ds.resolutions[i], ctx.ds.resolutions[highest[2]]
                yield _Hit(
                    ("resolutions", i, "number"),
                    r.id,
                    f"số {r.number} ngày {when:%d/%m/%Y} nhỏ hơn số {before.number} "
                    f"ngày {highest[0]:%d/%m/%Y}",
                    f"number {r.number} of {when.isoformat()} is lower than "
                    f"{before.number} of {highest[0].isoformat()}",
                )
            if highest is None or number > highest[1]:
                highest = entry


# The fields compared by HDND-R019, by record type: the id, and the name if it has one.
_NAMES: Final = {Council: ("name",), Person: ("full_name",), Body: ("name",)}
_FIELD_LABELS: Final = {
    "id": ("mã định danh", "id"),
    "name": ("tên", "name"),
    "full_name": ("họ và tên", "full name"),
}


@_check(
    "R019",
    Severity.warning,
    "mã định danh, tên cùng loại không chỉ khác nhau ở ký tự ẩn hay ký tự trông giống nhau",
    "ids and names of a record type differ by more than look-alike characters",
)
def _lookalikes(ctx: _Context) -> Iterator[_Hit]:
    for c in COLLECTIONS:
        for field in ("id", *_NAMES.get(c.cls, ())):
            yield from _lookalikes_of(c.key, getattr(ctx.ds, c.key), field)


def _lookalikes_of(key: str, records: list[Any], field: str) -> Iterator[_Hit]:
    """Records whose ``field`` has the skeleton of an earlier record's but not its value.

    Equal names are no finding (two people may share one); equal ids cannot load.
    """
    first: dict[str, tuple[int, str]] = {}
    label_vi, label_en = _FIELD_LABELS[field]
    for i, record in enumerate(records):
        value = getattr(record, field)
        if value is None:
            continue
        j, other = first.setdefault(skeleton(value), (i, value))
        if other != value:
            vi, en = _difference(value, other)
            # the other record by its id, unless the id is what looks the same
            of_vi = "" if field == "id" else f" của bản ghi mã {records[j].id!r}"
            of_en = "" if field == "id" else f" of the record with id {records[j].id!r}"
            yield _Hit(
                (key, i, field),
                record.id,
                f"{label_vi} {value!r} trông giống hệt {other!r}{of_vi}, chỉ khác ở {vi}",
                f"{label_en} {value!r} looks the same as {other!r}{of_en}, differing only by {en}",
            )


def _difference(a: str, b: str) -> tuple[str, str]:
    """What tells ``a`` from ``b``, in Vietnamese and English: the characters named."""
    chars = sorted(c for c in set(a) ^ set(b) if not c.isascii())
    if not chars:  # an ASCII space more or less
        return "khoảng trắng", "spaces"
    names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in chars)
    return f"ký tự {names}", names


_Message = tuple[str, str]
"""A message in Vietnamese and in English."""


def _outside_life(council: Council, field: str, label_vi: str, day: dt.date) -> _Message | None:
    """Why ``day`` lies outside the council's life, or None when it lies inside."""
    if council.established is not None and day < council.established:
        return (
            f"{label_vi} {day:%d/%m/%Y} trước ngày thành lập HĐND {council.id!r} "
            f"({council.established:%d/%m/%Y})",
            f"{field} {day.isoformat()} is before council {council.id!r} was established "
            f"on {council.established.isoformat()}",
        )
    if council.dissolved is not None and day > council.dissolved:
        return (
            f"{label_vi} {day:%d/%m/%Y} sau ngày HĐND {council.id!r} kết thúc hoạt động "
            f"({council.dissolved:%d/%m/%Y})",
            f"{field} {day.isoformat()} is after council {council.id!r} was dissolved "
            f"(its last day {council.dissolved.isoformat()})",
        )
    return None


@_check(
    "R020",
    Severity.error,
    "bản ghi trong thời gian hoạt động của HĐND (từ ngày thành lập đến ngày kết thúc)",
    "a record is dated within its council's life (established to dissolved)",
)
def _outside_council_life(ctx: _Context) -> Iterator[_Hit]:
    bounded = {
        c.id: c for c in ctx.ds.councils if c.established is not None or c.dissolved is not None
    }
    if not bounded:  # the usual case: no council says when it began or ended
        return
    for key, fields in _PLACING_DATES.items():
        labels = {f: spec_of(key).field(f).label_vi for f in fields}
        for i, record in enumerate(getattr(ctx.ds, key)):
            council = bounded.get(record.council_id)
            if council is None:
                continue
            for field in fields:
                day = getattr(record, field)
                why = None if day is None else _outside_life(council, field, labels[field], day)
                if why is not None:
                    yield _Hit((key, i, field), record.id, *why)


@_check(
    "R021",
    Severity.error,
    "lý do thôi làm nhiệm vụ chỉ ghi khi có ngày thôi làm nhiệm vụ",
    "a deputy's end reason only with an end date",
)
def _reason_without_end(ctx: _Context) -> Iterator[_Hit]:
    for i, d in enumerate(ctx.ds.deputies):
        if d.end_reason is not None and d.end is None:
            yield _Hit(
                ("deputies", i, "end_reason"),
                d.id,
                f"có lý do thôi làm nhiệm vụ ({d.end_reason.label_vi}) "
                "nhưng không có ngày thôi làm nhiệm vụ",
                f"an end reason ({d.end_reason.value}) without an end date",
            )


@_check(
    "R022",
    Severity.error,
    "đại biểu thôi làm nhiệm vụ có ghi lý do",
    "a deputy who left has an end reason",
)
def _end_without_reason(ctx: _Context) -> Iterator[_Hit]:
    for i, d in enumerate(ctx.ds.deputies):
        if d.end is not None and d.end_reason is None:
            yield _Hit(
                ("deputies", i, "end_reason"),
                d.id,
                f"thôi làm nhiệm vụ ngày {d.end:%d/%m/%Y} nhưng không ghi lý do",
                f"left on {d.end.isoformat()} without an end reason",
            )


@_check(
    "R023",
    Severity.error,
    "kiến nghị sau giám sát của cuộc giám sát do chính HĐND đó thực hiện",
    "a recommendation follows an oversight activity of its own council",
)
def _recommendation_of_other_oversight(ctx: _Context) -> Iterator[_Hit]:
    found = _owned_elsewhere(ctx, "recommendations", "oversight_id", OversightActivity)
    for i, record, target, owner in found:
        yield _Hit(
            ("recommendations", i, "oversight_id"),
            record.id,
            f"cuộc giám sát {target!r} do HĐND {owner!r} thực hiện, "
            f"không phải HĐND ban hành kiến nghị {record.council_id!r}",
            f"oversight activity {target!r} belongs to council {owner!r}, not to "
            f"{record.council_id!r} that issued the recommendation",
        )


@_check(
    "R024",
    Severity.warning,
    "kiến nghị đã thực hiện có ghi ngày thực hiện xong",
    "a recommendation done has the date it was carried out",
)
def _done_without_date(ctx: _Context) -> Iterator[_Hit]:
    for i, r in enumerate(ctx.ds.recommendations):
        if r.status is RecommendationStatus.done and r.done is None:
            yield _Hit(
                ("recommendations", i, "done"),
                r.id,
                "kiến nghị đã thực hiện nhưng không ghi ngày thực hiện xong",
                "status done without the date it was carried out",
            )


@_check(
    "R025",
    Severity.error,
    "ngày thực hiện xong chỉ ghi khi kiến nghị đã thực hiện",
    "a recommendation's done date only with the status done",
)
def _date_without_done(ctx: _Context) -> Iterator[_Hit]:
    for i, r in enumerate(ctx.ds.recommendations):
        if r.done is not None and r.status is not RecommendationStatus.done:
            yield _Hit(
                ("recommendations", i, "done"),
                r.id,
                f"có ngày thực hiện xong {r.done:%d/%m/%Y} nhưng tình trạng là "
                f"“{r.status.label_vi}”",
                f"carried out on {r.done.isoformat()} but the status is {r.status.value!r}",
            )


@_check(
    "R026",
    Severity.warning,
    "kiến nghị quá hạn chưa thực hiện (tính đến ngày muộn nhất của số liệu)",
    "a recommendation past its due date and not done (as at the data's latest date)",
)
def _overdue(ctx: _Context) -> Iterator[_Hit]:
    if not ctx.ds.recommendations:
        return
    as_at = min(ctx.latest_date(), ctx.today)  # a date after today is a slip (HDND-R033)
    for i, r in enumerate(ctx.ds.recommendations):
        if r.due is not None and r.due < as_at and r.status is not RecommendationStatus.done:
            yield _Hit(
                ("recommendations", i, "due"),
                r.id,
                f"quá hạn: thời hạn {r.due:%d/%m/%Y} đã qua mà chưa thực hiện xong "
                f"(số liệu đến ngày {as_at:%d/%m/%Y})",
                f"overdue: due {r.due.isoformat()} and not done as at {as_at.isoformat()}, "
                "the data's latest date",
            )


@_check(
    "R027",
    Severity.error,
    "tổng số phiếu tín nhiệm không vượt số đại biểu bỏ phiếu",
    "confidence ballots (high + medium + low) do not exceed the voters",
)
def _ballots_over_voters(ctx: _Context) -> Iterator[_Hit]:
    for i, v in enumerate(ctx.ds.confidence_votes):
        ballots = v.high + v.medium + v.low
        if v.voters is not None and ballots > v.voters:
            yield _Hit(
                ("confidence_votes", i, "voters"),
                v.id,
                f"{ballots} phiếu ({v.high} tín nhiệm cao, {v.medium} tín nhiệm, "
                f"{v.low} tín nhiệm thấp) nhiều hơn {v.voters} đại biểu bỏ phiếu",
                f"{ballots} ballots ({v.high} high, {v.medium} medium, {v.low} low) "
                f"exceed the {v.voters} voters",
            )


@_check(
    "R028",
    Severity.error,
    "mỗi người được lấy phiếu tín nhiệm một lần trong một lần lấy phiếu "
    "(cùng HĐND, cùng ngày hoặc cùng kỳ họp)",
    "a person is assessed once in one vote (council and day, or session)",
)
def _assessed_twice(ctx: _Context) -> Iterator[_Hit]:
    # One vote: the same council on the same day, or at the same session.
    first: dict[tuple[object, ...], int] = {}
    for i, v in enumerate(ctx.ds.confidence_votes):
        same_vote: list[tuple[object, ...]] = [(v.council_id, v.person_id, "date", v.date)]
        if v.session_id is not None:
            same_vote.append((v.council_id, v.person_id, "session", v.session_id))
        earlier = [first.setdefault(key, i) for key in same_vote]
        j = min(earlier)
        if j != i:
            yield _Hit(
                ("confidence_votes", i, "person_id"),
                v.id,
                f"người {v.person_id!r} đã được lấy phiếu tín nhiệm trong cùng lần lấy phiếu "
                f"(bản ghi mã {ctx.ds.confidence_votes[j].id!r})",
                f"person {v.person_id!r} is already assessed in the same vote "
                f"(record {ctx.ds.confidence_votes[j].id!r})",
            )


@_check(
    "R029",
    Severity.warning,
    "HĐND trước sắp xếp kết thúc hoạt động trước ngày thành lập HĐND mới",
    "a predecessor council is dissolved before its successor is established",
)
def _predecessor_still_sitting(ctx: _Context) -> Iterator[_Hit]:
    for council in ctx.ds.councils:
        established = council.established
        if established is None:
            continue
        for pid in council.predecessor_ids:
            dissolved = ctx.councils[pid].dissolved
            if pid == council.id or (dissolved is not None and dissolved < established):
                continue  # a council its own predecessor: HDND-R030 says so
            since = f"thành lập ngày {established:%d/%m/%Y}"
            vi, en = (
                (
                    f"HĐND trước sắp xếp {pid!r} không có ngày kết thúc hoạt động, "
                    f"trong khi HĐND {council.id!r} {since}",
                    f"predecessor council {pid!r} has no dissolved date, though "
                    f"{council.id!r} was established on {established.isoformat()}",
                )
                if dissolved is None
                else (
                    f"HĐND trước sắp xếp {pid!r} kết thúc hoạt động ngày {dissolved:%d/%m/%Y}, "
                    f"không trước khi HĐND {council.id!r} {since}",
                    f"predecessor council {pid!r} was dissolved on {dissolved.isoformat()}, "
                    f"not before {council.id!r} was established on {established.isoformat()}",
                )
            )
            yield _council_hit(ctx, council, "predecessor_ids", vi, en)


@_check(
    "R030",
    Severity.error,
    "chuỗi HĐND trước sắp xếp không quay vòng",
    "the chain of predecessor councils does not loop",
)
def _predecessor_loops(ctx: _Context) -> Iterator[_Hit]:
    graph = {c.id: c.predecessor_ids for c in ctx.ds.councils}
    for loop in _loops(graph):
        members = sorted(loop, key=ctx.council_index.__getitem__)
        start = members[0]
        cycle = _cycle_through(start, graph, set(loop))
        shown = " → ".join(repr(c) for c in cycle)
        rest = ", ".join(repr(c) for c in members if c not in cycle)
        yield _council_hit(
            ctx,
            ctx.councils[start],
            "predecessor_ids",
            f"chuỗi HĐND trước sắp xếp quay vòng: {shown}"
            + (f" (cùng vòng với {rest})" if rest else ""),
            f"the chain of predecessor councils loops back: {shown}"
            + (f" (in the same loop: {rest})" if rest else ""),
        )


def _loops(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """The groups of nodes that reach one another through a cycle (Tarjan's algorithm).

    Each strongly connected component that holds a cycle: more than one node, or a node
    pointing at itself. Iterative, so a long chain does not exhaust the stack.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)

    for root in graph:
        if root in index:
            continue
        visit(root)
        work = [(root, iter(graph[root]))]
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    visit(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while not component or component[-1] != node:
                        component.append(stack.pop())
                        on_stack.discard(component[-1])
                    if len(component) > 1 or node in graph[node]:
                        found.append(component)
    return found


def _cycle_through(start: str, graph: Mapping[str, Sequence[str]], within: set[str]) -> list[str]:
    """A shortest cycle from ``start`` back to it through nodes of ``within``, both ends shown.

    ``within`` is a strongly connected component holding ``start``, so there is one.
    """
    parent: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for nxt in graph[node]:
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [*reversed(path), start]
            if nxt in within and nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    raise AssertionError(f"no cycle through {start!r}")  # pragma: no cover


@_check(
    "R031",
    Severity.warning,
    "phạm vi số liệu liệt kê mỗi loại bản ghi một lần",
    "a coverage record lists each record type once",
)
def _coverage_listed_twice(ctx: _Context) -> Iterator[_Hit]:
    for i, c in enumerate(ctx.ds.coverage):
        repeated = [tag for tag, n in Counter(c.record_types).items() if n > 1]
        if repeated:
            names = ", ".join(repr(tag) for tag in repeated)
            yield _Hit(
                ("coverage", i, "record_types"),
                c.id,
                f"loại bản ghi liệt kê hơn một lần: {names}",
                f"record types listed more than once: {names}",
            )


@_check(
    "R032",
    Severity.error,
    "tổ đại biểu của đại biểu là một Tổ đại biểu",
    "a deputy's group is a delegate group",
)
def _group_not_delegate_group(ctx: _Context) -> Iterator[_Hit]:
    for i, d in enumerate(ctx.ds.deputies):
        if d.group_id is None:
            continue
        kind = ctx.bodies[d.group_id].kind
        if kind is not BodyKind.delegate_group:
            yield _Hit(
                ("deputies", i, "group_id"),
                d.id,
                f"{d.group_id!r} là {kind.label_vi}, không phải Tổ đại biểu",
                f"{d.group_id!r} is a {kind.label_en}, not a delegate group",
            )


# Plausibility: values well-formed and lawful, yet most likely a slip of the keyboard (a
# year typed 2052 for 2022, a count with a digit too many). Each would change a report's
# figures without a word, so each is said, as a warning.


def _placed(ds: Dataset) -> Iterator[tuple[str, str, int, str, dt.date]]:
    """Each date that places a record in a period: collection key, field, index, id, date."""
    for r in RECORDS:
        if r.period_field is not None:
            for i, record in enumerate(getattr(ds, r.key)):
                yield r.key, r.period_field, i, record.id, getattr(record, r.period_field)


def _label_vi(key: str, field: str) -> str:
    return spec_of(key).field(field).label_vi


@_check(
    "R033",
    Severity.warning,
    "ngày ghi nhận không sau ngày hôm nay",
    "a record's date is not after today (the day the checks run)",
)
def _after_today(ctx: _Context) -> Iterator[_Hit]:
    today = ctx.today
    for key, field, i, rid, day in _placed(ctx.ds):
        if day > today:
            yield _Hit(
                (key, i, field),
                rid,
                f"{_label_vi(key, field)} {day:%d/%m/%Y} sau ngày hôm nay ({today:%d/%m/%Y}): "
                "gõ nhầm năm?",
                f"{field} {day.isoformat()} is after today ({today.isoformat()}): a mistyped year?",
            )


_MIN_DATED: Final = 20
"""The fewest dated records from which a dataset's usual dates are judged (HDND-R034)."""
_FAR_YEARS: Final = 2


def _years_from(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years later (earlier, if negative); 29 February → the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@_check(
    "R034",
    Severity.warning,
    "ngày ghi nhận không cách xa các ngày khác của số liệu (quá 2 năm)",
    "a record's date lies within two years of the dataset's other dates",
)
def _far_from_other_dates(ctx: _Context) -> Iterator[_Hit]:
    """A date more than two years before the 1st percentile of the *other* records' dates
    (nearest rank), or after their 99th: 2002 typed for 2022 among a year's records.

    Judged on the dates that place records in a period, when at least :data:`_MIN_DATED`
    records are dated (fewer say nothing about what is usual), and up to today: a date
    after today is HDND-R033's. For the lowest dates, the 1st percentile of the others is
    the dataset's ``r + 1``-th lowest date, ``r`` being the percentile's rank among the
    others, ``ceil(1% of them)``: so one slip among 20 to 100 records is found, ten
    among a thousand. Likewise for the highest.
    """
    days = sorted(day for *_, day in _placed(ctx.ds) if day <= ctx.today)
    if len(days) < _MIN_DATED:
        return
    rank = math.ceil((len(days) - 1) / 100)
    first, last = days[rank], days[-1 - rank]
    low, high = _years_from(first, -_FAR_YEARS), _years_from(last, _FAR_YEARS)
    for key, field, i, rid, day in _placed(ctx.ds):
        if low <= day <= high or day > ctx.today:
            continue
        yield _Hit(
            (key, i, field),
            rid,
            f"{_label_vi(key, field)} {day:%d/%m/%Y} cách hơn {_FAR_YEARS} năm so với ngày của "
            f"gần như mọi bản ghi khác (từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}): gõ nhầm năm?",
            f"{field} {day.isoformat()} lies more than {_FAR_YEARS} years outside the dates of "
            f"nearly all other records ({first.isoformat()} to {last.isoformat()}): "
            "a mistyped year?",
        )


# The counts of each record type: its whole numbers but a session's number, an ordinal.
_COUNTS: Final = {
    r.key: names
    for r in RECORDS
    if (names := tuple(f.name for f in r.fields if f.kind == "whole" and f.name != "number"))
}
_USUAL_TIMES: Final = 10
_MIN_USUAL: Final = 5
"""The fewest records of a type with a count from which a council's usual is judged."""


@_check(
    "R035",
    Severity.warning,
    "số đếm không quá 10 lần trung vị của HĐND cho loại bản ghi đó",
    "a count is at most 10 times its council's median for that record type",
)
def _far_above_usual(ctx: _Context) -> Iterator[_Hit]:
    """A count (turns, persons, attendees, reports...) over :data:`_USUAL_TIMES` times the
    median of that field over its council's records of that type: a digit too many.

    Only when the council has at least :data:`_MIN_USUAL` records of the type with the
    field filled in, and their median is above zero (a field usually zero says nothing).
    """
    for key, fields in _COUNTS.items():
        records = getattr(ctx.ds, key)
        by_council: defaultdict[str, list[int]] = defaultdict(list)
        for i, record in enumerate(records):
            by_council[record.council_id].append(i)
        found: list[tuple[int, int, _Hit]] = []
        for f, field in enumerate(fields):
            for indexes in by_council.values():
                counts = {i: n for i in indexes if (n := getattr(records[i], field)) is not None}
                if len(counts) < _MIN_USUAL or (usual := statistics.median(counts.values())) <= 0:
                    continue
                found.extend(
                    (i, f, _above_usual(key, field, i, records[i], n, usual, len(counts)))
                    for i, n in counts.items()
                    if n > _USUAL_TIMES * usual
                )
        yield from (hit for *_, hit in sorted(found, key=lambda found: found[:2]))


def _above_usual(key: str, field: str, i: int, record: Any, n: int, usual: float, of: int) -> _Hit:
    what = spec_of(key).title_vi.lower()
    return _Hit(
        (key, i, field),
        record.id,
        f"{_label_vi(key, field)} {n} gấp hơn {_USUAL_TIMES} lần mức thường gặp của HĐND "
        f"{record.council_id!r} (trung vị {usual:g} trên {of} bản ghi {what}): thừa chữ số?",
        f"{field} {n} is more than {_USUAL_TIMES} times council {record.council_id!r}'s usual "
        f"(the median of {of} {key} records is {usual:g}): a digit too many?",
    )
