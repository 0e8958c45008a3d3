"""The record types of the hdnd data format (docs/format.md), as frozen attrs classes.

Every record is frozen, slotted and keyword-only. Text is NFC-normalised and
stripped on construction, so NFD and NFC input give equal records; counts must
be from 0 to 1,000,000,000, ids and names non-empty, ids without invisible or
control characters (a zero-width space), other text without control characters
(tabs and line breaks aside), and an ``end`` is never before its ``start``.

>>> import datetime as dt
>>> from hdnd.model import ReceptionSession
>>> from hdnd.enums import ReceptionKind
>>> r = ReceptionSession(id="r1", council_id="c1", date=dt.date(2023, 2, 14),
...                      kind=ReceptionKind.periodic, turns=5, persons=9, cases=5)
>>> r.mass_groups
0
>>> ReceptionSession(id="r2", council_id="c1", date=dt.date(2023, 2, 14),
...                  kind=ReceptionKind.periodic, turns=-1, persons=9, cases=5)
Traceback (most recent call last):
...
hdnd.errors.InvalidValue: turns: must be ≥ 0, got -1

The field types carry their rules as :data:`typing.Annotated` metadata
(:class:`Rule`); the one :func:`record` decorator turns them into attrs
validators and converters, and :mod:`hdnd.converter` into structure hooks, so
each rule is written once.
"""

import datetime as dt
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Mapping
from typing import Annotated, Any, ClassVar, Final, TypeVar, dataclass_transform

import attrs

from hdnd._validators import Characters, Each, NotBefore, RulesValidator, is_tuple
from hdnd.docnum import DocumentNumber, InvalidDocumentNumber
from hdnd.enums import (
    BodyKind,
    CommitteeField,
    DeputyEndReason,
    Jurisdiction,
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
    Role,
    SessionKind,
    UnitType,
    VoterPetitionChannel,
    VoterPetitionStatus,
)
from hdnd.errors import InvalidValue
from hdnd.i18n import N_
from hdnd.i18n import gettext as _

__all__ = [
    "FIELD_LABELS",
    "RECORD_TYPE",
    "Body",
    "ConfidenceVote",
    "Council",
    "Count",
    "Coverage",
    "Deputy",
    "Described",
    "Id",
    "Meeting",
    "OversightActivity",
    "Person",
    "Petition",
    "Position",
    "Question",
    "Reception",
    "ReceptionSession",
    "Recommendation",
    "Record",
    "Ref",
    "Resolution",
    "Rule",
    "Session",
    "Text",
    "VoterPetition",
    "described",
    "described_records",
    "normalize_text",
    "record",
    "references",
    "rules_of",
]

T = TypeVar("T")


def normalize_text(value: str) -> str:
    """NFC-normalise and strip ``value``: the form every text field is stored in.

    >>> normalize_text("  Ho\\u0302\\u0323i đồng ") == "Hội đồng"
    True
    """
    return unicodedata.normalize("NFC", value).strip()


@attrs.frozen
class Rule:
    """A rule a field's value must satisfy, attached to its type with ``Annotated``.

    ``test`` returns whether the value is acceptable; ``message`` says what is
    expected and may use ``{value!r}``; ``json_schema`` states the rule in JSON
    Schema keywords, as far as JSON Schema can (:mod:`hdnd.schema` uses them), and
    ``exact`` says whether it states all of it: what is not exact, only Python checks
    (SQL never trusts it).

    >>> EVEN = Rule(lambda v: v % 2 == 0, "must be even, got {value!r}", {"multipleOf": 2})
    >>> EVEN.check(4)
    >>> EVEN.check(3)
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidValue: must be even, got 3
    >>> NON_NEGATIVE.json_schema, NON_NEGATIVE.exact
    ({'minimum': 0}, True)
    """

    test: Callable[[Any], bool]
    message: str
    # Describes the rule rather than being part of it, and a dict cannot be hashed:
    # left out of equality and hashing.
    json_schema: Mapping[str, Any] = attrs.field(factory=dict, eq=False)
    exact: bool = attrs.field(default=True, eq=False)

    def check(self, value: Any, field: str | None = None) -> None:
        """Raise :class:`~hdnd.errors.InvalidValue` unless ``value`` passes.

        >>> NON_NEGATIVE.check(0)
        """
        if not self.test(value):
            raise InvalidValue(_(self.message).format(value=value), field=field)


# Text is stripped before the check, so blank text is empty: hence "\S" (some character
# that is not white space), which minLength alone would not say.
NON_EMPTY = Rule(bool, N_("must not be empty"), {"minLength": 1, "pattern": r"\S"})
NON_NEGATIVE = Rule(lambda v: v >= 0, N_("must be ≥ 0, got {value!r}"), {"minimum": 0})
POSITIVE = Rule(lambda v: v >= 1, N_("must be ≥ 1, got {value!r}"), {"minimum": 1})
DIGITS = Rule(
    lambda v: v.isascii() and v.isdigit(),
    N_("must be digits only, got {value!r}"),
    {"pattern": "^[0-9]+$"},
)
_TERM = re.compile(r"(\d{4})-(\d{4})")
# A pattern cannot do arithmetic: that the second year is the first plus five is left
# to the field's description.
TERM = Rule(
    lambda v: (m := _TERM.fullmatch(v)) is not None and int(m[2]) - int(m[1]) == 5,
    N_("must be a five-year term written YYYY-YYYY such as '2021-2026', got {value!r}"),
    {"pattern": "^[0-9]{4}-[0-9]{4}$"},
    exact=False,
)


# Characters an id may not hold: control characters (Unicode category Cc), format
# characters (Cf: zero-width spaces and joiners, direction marks, the soft hyphen, the
# byte order mark...) and the line and paragraph separators (Zl, Zp), as Unicode 15.1
# lists them. Written out rather than looked up, so that the rule and its JSON Schema
# say the same on every Python (whose Unicode versions differ); tests/test_model.py
# checks the list against the running Python's Unicode data.
_INVISIBLE: Final = (
    (0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605),
    (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891),
    (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
# The C0 control characters but tab, line feed and carriage return: what XML, and so
# Word and Excel files, cannot hold, and what no text of the format has reason to.
_CONTROL: Final = ((0x0000, 0x0008), (0x000B, 0x000C), (0x000E, 0x001F))


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """A regular-expression class of the code point ``ranges`` that Python's ``re``,
    ECMA-262 (JSON Schema's) and RE2 read alike: ``\\uXXXX`` escapes in the Basic
    Multilingual Plane, the characters themselves beyond it."""

    def char(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)

    return "[" + "".join(char(a) + (f"-{char(b)}" if b > a else "") for a, b in ranges) + "]"


_INVISIBLE_CLASS: Final = _char_class(_INVISIBLE)
_CONTROL_CLASS: Final = _char_class(_CONTROL)


VISIBLE = Rule(
    Characters(_INVISIBLE_CLASS),
    N_("must not hold invisible or control characters, got {value!r}"),
    {"not": {"pattern": _INVISIBLE_CLASS}},
)
NO_CONTROL = Rule(
    Characters(_CONTROL_CLASS),
    N_("must not hold control characters (tabs and line breaks aside), got {value!r}"),
    {"not": {"pattern": _CONTROL_CLASS}},
)
AT_MOST_A_BILLION = Rule(
    lambda v: v <= 1_000_000_000, N_("must be ≤ 1,000,000,000, got {value!r}"), {"maximum": 10**9}
)

Id = Annotated[str, NON_EMPTY, VISIBLE]
"""A record id: a non-empty string without invisible or control characters, unique
within its record type."""


@attrs.frozen
class Ref:
    """Marks an id field as a reference to a record of type ``tag`` (``"council"``...).

    >>> [(f, r.tag) for f, r in references(Position)]
    [('person_id', 'person'), ('body_id', 'body')]
    """

    tag: str


CouncilId = Annotated[Id, Ref("council")]
PersonId = Annotated[Id, Ref("person")]
BodyId = Annotated[Id, Ref("body")]
SessionId = Annotated[Id, Ref("session")]
MeetingId = Annotated[Id, Ref("meeting")]
OversightId = Annotated[Id, Ref("oversight")]
Text = Annotated[str, NON_EMPTY, NO_CONTROL]
"""A required piece of text: non-empty once stripped, without control characters
(tabs and line breaks aside)."""
Count = Annotated[int, NON_NEGATIVE, AT_MOST_A_BILLION]
"""A count of things or people: an integer from 0 to 1,000,000,000."""
UnitCode = Annotated[str, DIGITS]
"""A statistics-office unit code (2, 3 or 5 digits by level)."""
TermText = Annotated[str, TERM]
"""A council term, such as ``"2021-2026"``."""
SessionNumber = Annotated[int, POSITIVE]
"""A session's number within its term, ≥ 1."""


def rules_of(tp: Any) -> tuple[Rule, ...]:
    """The rules attached to a (possibly optional, possibly tuple) field type.

    >>> rules_of(Count | None) == (NON_NEGATIVE, AT_MOST_A_BILLION)
    True
    >>> rules_of(int)
    ()
    """
    return tuple(m for m in getattr(_scalar_type(tp), "__metadata__", ()) if isinstance(m, Rule))


def _scalar_type(tp: Any) -> Any:
    """Strip ``| None`` and ``tuple[..., ...]`` from a field type."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    if typing.get_origin(tp) is tuple:
        tp = typing.get_args(tp)[0]
    return tp


def references(cls: type) -> list[tuple[str, Ref]]:
    """The reference fields of a record class, in field order.

    >>> [f for f, _ in references(ReceptionSession)]
    ['council_id', 'host_body_id', 'host_person_id']
    """
    return [
        (f.name, ref)
        for f in attrs.fields(cls)
        for ref in getattr(_scalar_type(f.type), "__metadata__", ())
        if isinstance(ref, Ref)
    ]


def _is_text(tp: Any) -> bool:
    scalar = _scalar_type(tp)
    return bool(scalar is str or typing.get_args(scalar)[:1] == (str,))


def _apply_rules(_cls: type, fields: list["attrs.Attribute[Any]"]) -> list["attrs.Attribute[Any]"]:
    """attrs field transformer: text fields get normalised, ruled fields validated."""
    result = []
    for f in fields:
        changes: dict[str, Any] = {}
        if _is_text(f.type) and f.converter is None:
            changes["converter"] = Each(normalize_text, f.type)
        elif is_tuple(f.type) and f.converter is None:
            changes["converter"] = Each(lambda x: x, f.type)  # lists in, tuples kept
        if rules := rules_of(f.type):
            changes["validator"] = RulesValidator(rules, f.type, f.validator)
        result.append(f.evolve(**changes) if changes else f)
    return result


FIELD_LABELS: Final[Mapping[str, tuple[str, str]]] = {
    "id": ("Mã", "Id"),
    "name": ("Tên", "Name"),
    "council_id": ("Mã HĐND", "Council id"),
    "level": ("Cấp", "Level"),
    "unit_type": ("Loại đơn vị hành chính", "Unit type"),
    "unit_code": ("Mã đơn vị hành chính", "Unit code"),
    "parent_id": ("Mã HĐND cấp trên", "Parent council id"),
    "term": ("Nhiệm kỳ", "Term"),
    "full_name": ("Họ và tên", "Full name"),
    "other_posts": ("Chức vụ khác", "Other posts"),
    "kind": ("Loại", "Kind"),
    "committee_field": ("Lĩnh vực của Ban", "Committee field"),
    "person_id": ("Mã người", "Person id"),
    "body_id": ("Mã cơ quan", "Body id"),
    "role": ("Chức vụ", "Role"),
    "start": ("Ngày bắt đầu", "Start date"),
    "end": ("Ngày kết thúc", "End date"),
    "date": ("Ngày", "Date"),
    "title": ("Tiêu đề, trích yếu", "Title"),
    "participant_council_ids": ("Mã HĐND tham dự", "Participating council ids"),
    "attendees": ("Số cử tri tham dự", "Attendees"),
    "opinions": ("Lượt ý kiến", "Opinions"),
    "session_id": ("Mã kỳ họp", "Session id"),
    "subject": ("Nội dung giám sát", "Subject"),
    "fields": ("Lĩnh vực", "Fields"),
    "unannounced": ("Không báo trước", "Unannounced"),
    "status": ("Tình trạng", "Status"),
    "host_body_id": ("Mã cơ quan chủ trì tiếp", "Host body id"),
    "host_person_id": ("Mã người chủ trì tiếp", "Host person id"),
    "place": ("Địa điểm", "Place"),
    "turns": ("Lượt", "Turns"),
    "persons": ("Công dân", "Persons"),
    "cases": ("Vụ việc", "Cases"),
    "mass_groups": ("Đoàn đông người", "Mass groups"),
    "first_time_cases": ("Vụ việc lần đầu", "First-time cases"),
    "repeat_cases": ("Vụ việc nhiều lần", "Repeat cases"),
    "received": ("Ngày tiếp nhận", "Received"),
    "duplicate": ("Đơn trùng", "Duplicate"),
    "eligible": ("Đủ điều kiện xử lý", "Eligible"),
    "closed": ("Ngày kết thúc xử lý", "Closed"),
    "sector": ("Ngành, lĩnh vực", "Sector"),
    "jurisdiction": ("Thẩm quyền", "Jurisdiction"),
    "meeting_id": ("Mã hội nghị", "Meeting id"),
    "topic": ("Nội dung", "Topic"),
    "established": ("Ngày thành lập", "Established"),
    "dissolved": ("Ngày kết thúc hoạt động", "Dissolved"),
    "predecessor_ids": ("Mã HĐND trước sắp xếp", "Predecessor council ids"),
    "end_reason": ("Lý do thôi làm nhiệm vụ", "End reason"),
    "group_id": ("Mã Tổ đại biểu", "Delegate group id"),
    "full_time": ("Chuyên trách", "Full-time"),
    "reports": ("Số báo cáo", "Reports"),
    "drafts": ("Số dự thảo nghị quyết", "Draft resolutions"),
    "oversight_id": ("Mã cuộc giám sát", "Oversight id"),
    "issued": ("Ngày kiến nghị", "Issued"),
    "addressee": ("Cơ quan được kiến nghị", "Addressee"),
    "due": ("Thời hạn thực hiện", "Due"),
    "done": ("Ngày thực hiện xong", "Done"),
    "respondent": ("Người trả lời", "Respondent"),
    "answer": ("Hình thức trả lời", "Answer"),
    "asked_by": ("Mã đại biểu chất vấn", "Asked by"),
    "post": ("Chức vụ được lấy phiếu", "Post assessed"),
    "high": ("Tín nhiệm cao", "High confidence"),
    "medium": ("Tín nhiệm", "Confidence"),
    "low": ("Tín nhiệm thấp", "Low confidence"),
    "voters": ("Số đại biểu bỏ phiếu", "Voters"),
    "answered": ("Ngày trả lời", "Answered"),
    "channel": ("Kênh tiếp nhận", "Channel"),
    "record_types": ("Loại số liệu", "Record types"),
    "note": ("Ghi chú", "Note"),
}
"""Each field's Vietnamese and English name, by field name; a record type's own
``labels`` (:class:`Described`) win where one name means different things in different
types.

>>> FIELD_LABELS["council_id"]
('Mã HĐND', 'Council id')
"""


@attrs.frozen
class Described:
    """What a record type is in a document, beyond its fields: what :func:`record` is told.

    ``key`` is its collection key, ``title_vi`` and ``title_en`` its titles,
    ``period_field`` the date field that places it in a period (docs/format.md's counting
    rules), ``labels`` its fields' Vietnamese and English names where they differ from
    :data:`FIELD_LABELS` (one name meaning different things in different types),
    ``sheet`` the title of its sheet in a workbook when ``title_vi`` cannot be one (Excel
    takes at most 31 characters), ``example`` one record of it as a JSON file holds it,
    whose references name the other types' examples (the Excel template shows it as a
    filled row of its sheet). :mod:`hdnd.spec` reads it.

    >>> described(Petition).key, described(Petition).period_field
    ('petitions', 'received')
    >>> described(Council).example["name"]
    'HĐND thành phố'
    """

    key: str
    title_vi: str
    title_en: str
    period_field: str | None = None
    labels: Mapping[str, tuple[str, str]] = attrs.field(factory=dict)
    sheet: str | None = None
    example: Mapping[str, Any] = attrs.field(factory=dict)


_DESCRIBED: Final[dict[type, Described]] = {}
"""Every described record class, in declaration order: document order."""


def described(cls: type) -> Described:
    """What :func:`record` was told about the record class ``cls``; ``KeyError`` if nothing.

    >>> described(Council).title_en
    'Councils'
    """
    return _DESCRIBED[cls]


def described_records() -> tuple[type, ...]:
    """Every described record class, in document order (the order they are declared in).

    >>> [cls.__name__ for cls in described_records()][:2]
    ['Council', 'Person']
    """
    return tuple(_DESCRIBED)


@typing.overload
def record(cls: type[T], /) -> type[T]: ...
@typing.overload
def record(
    *,
    key: str,
    titles: tuple[str, str],
    period: str | None = None,
    labels: Mapping[str, tuple[str, str]] | None = None,
    sheet: str | None = None,
    example: Mapping[str, Any] | None = None,
) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(attrs.field,))
def record(
    cls: type[T] | None = None,
    /,
    *,
    key: str | None = None,
    titles: tuple[str, str] = ("", ""),
    period: str | None = None,
    labels: Mapping[str, tuple[str, str]] | None = None,
    sheet: str | None = None,
    example: Mapping[str, Any] | None = None,
) -> type[T] | Callable[[type[T]], type[T]]:
    """Make ``cls`` a frozen, slotted, keyword-only attrs class with its rules applied.

    A record type of the format also says, in the decorator, its collection ``key``,
    its ``titles`` (Vietnamese, English), its ``period`` field, the ``labels`` of
    fields whose name means something else elsewhere, if its Vietnamese title is too
    long for one, the title of its ``sheet`` in a workbook, and an ``example`` of it as
    a file holds it (:class:`Described`).

    >>> @record
    ... class Tally:
    ...     name: Text
    ...     votes: Count = 0
    >>> Tally(name="  Ba\\u0300 ", votes=3)
    Tally(name='Bà', votes=3)
    """

    def make(cls: type[T]) -> type[T]:
        made = attrs.frozen(kw_only=True, field_transformer=_apply_rules)(cls)
        if key is not None:
            _DESCRIBED[made] = Described(
                key, *titles, period, dict(labels or {}), sheet, dict(example or {})
            )
        return made

    return make if cls is None else make(cls)


def _not_before(other: str) -> Callable[[Any, "attrs.Attribute[Any]", Any], Any]:
    """Validator: this date field, when set, is not before the date field ``other``."""
    # "when set" said the attrs way, so that hdnd._fast sees that an unset field
    # (the usual case) needs no check
    return attrs.validators.optional(NotBefore(other))


@record(
    key="councils",
    titles=("Hội đồng nhân dân", "Councils"),
    example={
        "id": "tp",
        "name": "HĐND thành phố",
        "level": "district",
        "unit_type": "provincial_city",
        "term": "2021-2026",
    },
)
class Council:
    """A People's Council (Hội đồng nhân dân) of one administrative unit.

    >>> c = Council(id="tp", name="HĐND thành phố", level=Level.district,
    ...             unit_type=UnitType.provincial_city, parent_id="tinh", term="2021-2026")
    >>> c.level.label_vi
    'cấp huyện'

    :ivar id: The council's id, unique among councils.
    :ivar name: Its name as reports print it, such as "HĐND thành phố".
    :ivar level: The administrative level (cấp) of its unit.
    :ivar unit_type: The type of its administrative unit (tỉnh, huyện, xã...).
    :ivar unit_code: The unit's code from the statistics office (mã đơn vị hành chính):
        2 digits for a province, 3 for a district, 5 for a commune.
    :ivar parent_id: The council of the unit above.
    :ivar term: The term (nhiệm kỳ) the record describes: five years written YYYY-YYYY,
        the second year the first plus five, such as "2021-2026".
    :ivar established: The day the council came into being, such as 2025-07-01 for a
        council of a merged commune (format version 2).
    :ivar dissolved: Its last day, such as 2025-06-30 for a district council; not before
        ``established`` (format version 2).
    :ivar predecessor_ids: The councils whose units were merged into this one (format
        version 2).
    """

    type_tag: ClassVar[str] = "council"
    id: Id
    name: Text
    level: Level
    unit_type: UnitType
    unit_code: UnitCode | None = None
    parent_id: CouncilId | None = None
    term: TermText | None = None
    established: dt.date | None = None
    dissolved: dt.date | None = attrs.field(default=None, validator=_not_before("established"))
    predecessor_ids: tuple[CouncilId, ...] = ()


@record(
    key="people",
    titles=("Đại biểu, cán bộ", "People"),
    example={
        "id": "nguyen-van-do",
        "full_name": "Nguyễn Văn Đô",
        "other_posts": ["Phó Bí thư Thường trực Thành ủy"],
    },
)
class Person:
    """A person: a delegate (đại biểu) or an official.

    >>> p = Person(id="p1", full_name="Nguyễn Văn Đô",
    ...            other_posts=["Phó Bí thư Thường trực Thành ủy"])
    >>> p.other_posts
    ('Phó Bí thư Thường trực Thành ủy',)

    :ivar id: The person's id, unique among people.
    :ivar full_name: The full name, family name first, such as "Nguyễn Văn Đô".
    :ivar other_posts: Party or government posts the person also holds, as free text,
        such as "Phó Bí thư Thường trực Thành ủy".
    """

    type_tag: ClassVar[str] = "person"
    id: Id
    full_name: Text
    other_posts: tuple[Text, ...] = ()


def _field_iff_committee(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    if instance.kind is BodyKind.committee and value is None:
        raise InvalidValue(_("is required when kind is 'committee'"), field=attribute.name)
    if instance.kind is not BodyKind.committee and value is not None:
        raise InvalidValue(
            _("is only for committees, not for kind {kind!r}").format(kind=instance.kind.value),
            field=attribute.name,
        )


@record(
    key="bodies",
    titles=("Thường trực, các Ban, Tổ đại biểu", "Bodies of councils"),
    sheet="Thường trực, Ban, Tổ đại biểu",  # the title has 33 characters, a sheet's 31 at most
    example={
        "id": "tp-tt",
        "council_id": "tp",
        "kind": "standing_committee",
        "name": "Thường trực HĐND thành phố",
    },
)
class Body:
    """A body of a council: its standing committee, a committee (Ban) or a delegate group.

    >>> b = Body(id="tp-bpc", council_id="tp", kind=BodyKind.committee,
    ...          committee_field=CommitteeField.legal)
    >>> b.committee_field.label_vi
    'Ban Pháp chế'

    :ivar id: The body's id, unique among bodies.
    :ivar council_id: The council the body belongs to.
    :ivar kind: Standing committee (Thường trực), committee (Ban) or delegate group
        (Tổ đại biểu).
    :ivar committee_field: The committee's field: required when ``kind`` is ``committee``,
        absent otherwise.
    :ivar name: Its name as reports print it, such as "Ban Pháp chế HĐND thành phố".
    """

    type_tag: ClassVar[str] = "body"
    id: Id
    council_id: CouncilId
    kind: BodyKind
    committee_field: CommitteeField | None = attrs.field(
        default=None, validator=_field_iff_committee
    )
    name: Text | None = None


@record(
    key="positions",
    titles=("Chức vụ", "Positions"),
    example={
        "id": "tp-chu-tich",
        "person_id": "nguyen-van-do",
        "body_id": "tp-tt",
        "role": "chair",
        "start": "2021-06-25",
    },
)
class Position:
    """A person's role (chức vụ) in a body, from ``start`` to ``end`` when known.

    >>> Position(id="pos1", person_id="p1", body_id="b1", role=Role.chair).role.label_vi
    'Chủ tịch'

    :ivar id: The position's id, unique among positions.
    :ivar person_id: The person holding the role.
    :ivar body_id: The body the role is in.
    :ivar role: The role, such as chair (Chủ tịch).
    :ivar start: The first day in the role, when known.
    :ivar end: The last day in the role, when known; not before ``start``.
    """

    type_tag: ClassVar[str] = "position"
    id: Id
    person_id: PersonId
    body_id: BodyId
    role: Role
    start: dt.date | None = None
    end: dt.date | None = attrs.field(default=None, validator=_not_before("start"))


@record(
    key="deputies",
    titles=("Đại biểu HĐND", "Deputies"),
    labels={
        "start": ("Ngày bắt đầu làm nhiệm vụ", "Start date"),
        "end": ("Ngày thôi làm nhiệm vụ", "End date"),
        "person_id": ("Mã đại biểu", "Person id"),
    },
    example={
        "id": "tp-db-01",
        "council_id": "tp",
        "person_id": "nguyen-van-do",
        "start": "2021-06-25",
    },
)
class Deputy:
    """A person's mandate as a deputy (đại biểu HĐND) of one council (format version 2).

    >>> d = Deputy(id="db1", council_id="tp", person_id="p1", start=dt.date(2021, 6, 1),
    ...            end=dt.date(2023, 3, 1), end_reason=DeputyEndReason.transferred)
    >>> d.end_reason.label_vi, d.full_time
    ('chuyển công tác', False)

    :ivar id: The mandate's id, unique among deputies.
    :ivar council_id: The council the deputy sits in.
    :ivar person_id: The person holding the mandate.
    :ivar start: The first day of the mandate.
    :ivar end: The last day, when it ended; not before ``start``.
    :ivar end_reason: Why it ended (only with ``end``): resigned, dismissed, deceased,
        transferred, reorganised or other.
    :ivar group_id: The delegate group (Tổ đại biểu) the deputy belongs to: a body of kind
        ``delegate_group``.
    :ivar full_time: Whether the deputy works full time (chuyên trách).
    """

    type_tag: ClassVar[str] = "deputy"
    id: Id
    council_id: CouncilId
    person_id: PersonId
    start: dt.date
    end: dt.date | None = attrs.field(default=None, validator=_not_before("start"))
    end_reason: DeputyEndReason | None = None
    group_id: BodyId | None = None
    full_time: bool = False


@record(
    key="sessions",
    titles=("Kỳ họp", "Sessions"),
    period="start",
    labels={"number": ("Kỳ họp thứ", "Session number")},
    example={
        "id": "tp-ky-hop-09",
        "council_id": "tp",
        "number": 9,
        "kind": "thematic",
        "start": "2023-02-24",
        "reports": 3,
        "drafts": 2,
    },
)
class Session:
    """A council session (kỳ họp), numbered within the term.

    >>> s = Session(id="s12", council_id="tp", number=12, kind=SessionKind.regular,
    ...             start=dt.date(2022, 12, 14), end=dt.date(2022, 12, 15))
    >>> s.number
    12

    :ivar id: The session's id, unique among sessions.
    :ivar council_id: The council holding the session.
    :ivar number: Its number within the term ("Kỳ họp thứ 12"), 1 or more.
    :ivar kind: Regular (thường lệ), thematic (chuyên đề) or extraordinary (giải quyết
        công việc phát sinh đột xuất).
    :ivar start: The first day of the session.
    :ivar end: The last day of the session, when known; not before ``start``.
    :ivar reports: Reports (báo cáo) the session examined, when counted (format version 2).
    :ivar drafts: Draft resolutions (dự thảo nghị quyết) the session examined, when counted
        (format version 2).
    """

    type_tag: ClassVar[str] = "session"
    id: Id
    council_id: CouncilId
    number: SessionNumber
    kind: SessionKind
    start: dt.date
    end: dt.date | None = attrs.field(default=None, validator=_not_before("start"))
    reports: Count | None = None
    drafts: Count | None = None


@record(
    key="meetings",
    titles=("Hội nghị, cuộc họp", "Meetings"),
    period="date",
    example={
        "id": "tp-chat-van-2023-03-22",
        "council_id": "tp",
        "kind": "questioning",
        "date": "2023-03-22",
        "title": "Phiên chất vấn của Thường trực HĐND thành phố",
    },
)
class Meeting:
    """A meeting between sessions: a standing meeting, briefing, hearing, voter meeting...

    >>> m = Meeting(id="m1", council_id="tp", kind=MeetingKind.briefing,
    ...             date=dt.date(2023, 4, 17), participant_council_ids=["x1", "x2"])
    >>> m.participant_council_ids
    ('x1', 'x2')

    :ivar id: The meeting's id, unique among meetings.
    :ivar council_id: The council holding the meeting.
    :ivar kind: The kind of meeting.
    :ivar date: The day of the meeting.
    :ivar title: Its title, when it has one.
    :ivar participant_council_ids: Other councils taking part, such as the communes'
        councils at a briefing.
    :ivar attendees: People present, such as the voters at a voter meeting.
    :ivar opinions: Speaking turns (lượt ý kiến), such as voters' opinions at a voter meeting.
    """

    type_tag: ClassVar[str] = "meeting"
    id: Id
    council_id: CouncilId
    kind: MeetingKind
    date: dt.date
    title: Text | None = None
    participant_council_ids: tuple[CouncilId, ...] = ()
    attendees: Count | None = None
    opinions: Count | None = None


def _document_number(value: DocumentNumber | str) -> DocumentNumber:
    if isinstance(value, DocumentNumber):
        return value
    try:
        return DocumentNumber.parse(value)
    except InvalidDocumentNumber as e:
        raise InvalidValue(str(e), field="number") from e


@record(
    key="resolutions",
    titles=("Nghị quyết", "Resolutions"),
    period="date",
    labels={"number": ("Số, ký hiệu", "Document number")},
    example={
        "id": "tp-nq-05-2023",
        "council_id": "tp",
        "number": "05/NQ-HĐND",
        "date": "2023-02-24",
        "title": "Về điều chỉnh kế hoạch đầu tư công năm 2023",
        "session_id": "tp-ky-hop-09",
    },
)
class Resolution:
    """A resolution (nghị quyết) passed by a council, cited by its document number.

    ``number`` accepts a :class:`~hdnd.docnum.DocumentNumber` or its text, read
    tolerantly ("Số: 146/NQ-HDND"); files hold the canonical text.

    >>> r = Resolution(id="nq146", council_id="tp", number="Số: 146/NQ-HDND",
    ...                date=dt.date(2022, 12, 15), title="Nhiệm vụ phát triển KT-XH năm 2023")
    >>> str(r.number), r.number.is_normative
    ('146/NQ-HĐND', False)

    :ivar id: The resolution's id, unique among resolutions.
    :ivar council_id: The council that passed it.
    :ivar number: Its document number (số, ký hiệu), such as "146/NQ-HĐND", or
        "15/2022/NQ-HĐND" for a normative one.
    :ivar date: The day it was passed.
    :ivar title: Its title (trích yếu).
    :ivar session_id: The session that passed it, when known.
    """

    type_tag: ClassVar[str] = "resolution"
    id: Id
    council_id: CouncilId
    number: DocumentNumber = attrs.field(converter=_document_number)
    date: dt.date
    title: Text
    session_id: SessionId | None = None


@record(
    key="oversight",
    titles=("Giám sát", "Oversight"),
    period="start",
    example={
        "id": "gs-2023-01",
        "council_id": "tp",
        "body_id": "tp-tt",
        "kind": "thematic",
        "subject": "Giải quyết đơn thư khiếu nại, tố cáo của công dân",
        "start": "2023-03-03",
        "end": "2023-03-04",
    },
)
class OversightActivity:
    """An oversight activity (cuộc giám sát) or survey, conducted by a body.

    Counts in the period of its ``start`` unless ``planned`` or ``cancelled``.

    >>> o = OversightActivity(id="gs1", council_id="tp", body_id="tp-tt",
    ...                       kind=OversightKind.thematic, subject="Thu chi ngân sách",
    ...                       start=dt.date(2023, 3, 1))
    >>> o.status, o.unannounced
    (<OversightStatus.completed: 'completed'>, False)

    :ivar id: The activity's id, unique among oversight activities.
    :ivar council_id: The council whose body conducts it.
    :ivar body_id: The body conducting it: the standing committee, a committee or a
        delegate group.
    :ivar kind: Thematic (chuyên đề), routine (thường xuyên), ad hoc (đột xuất) or a
        survey (khảo sát).
    :ivar subject: What is overseen.
    :ivar start: The first day.
    :ivar end: The last day, when known; not before ``start``.
    :ivar fields: The fields concerned, as free text.
    :ivar unannounced: Whether it was unannounced (không báo trước).
    :ivar status: Planned, in progress, completed or cancelled.
    """

    type_tag: ClassVar[str] = "oversight"
    id: Id
    council_id: CouncilId
    body_id: BodyId
    kind: OversightKind
    subject: Text
    start: dt.date
    end: dt.date | None = attrs.field(default=None, validator=_not_before("start"))
    fields: tuple[Text, ...] = ()
    unannounced: bool = False
    status: OversightStatus = OversightStatus.completed


@record(
    key="recommendations",
    titles=("Kiến nghị sau giám sát", "Recommendations after oversight"),
    period="issued",
    labels={
        "subject": ("Nội dung kiến nghị", "Subject"),
        "status": ("Tình trạng thực hiện", "Status"),
    },
    example={
        "id": "kngs-2023-06",
        "council_id": "tp",
        "oversight_id": "gs-2023-01",
        "issued": "2023-03-09",
        "addressee": "Công an thành phố",
        "status": "in_progress",
        "subject": (
            "Khắc phục tồn tại sau giám sát: giải quyết đơn thư khiếu nại, tố cáo của công dân"
        ),
        "due": "2023-12-31",
    },
)
class Recommendation:
    """A recommendation after oversight (kiến nghị sau giám sát), tracked until carried out
    (format version 2).

    >>> r = Recommendation(id="kn-gs1", council_id="tp", oversight_id="gs1",
    ...                    issued=dt.date(2023, 4, 1), addressee="UBND thành phố",
    ...                    status=RecommendationStatus.in_progress, due=dt.date(2023, 9, 30))
    >>> r.status.label_vi, r.done
    ('đang thực hiện', None)

    :ivar id: The recommendation's id, unique among recommendations.
    :ivar council_id: The council that issued it.
    :ivar oversight_id: The oversight activity it follows.
    :ivar issued: The day it was issued.
    :ivar addressee: Who must act on it, such as "UBND tỉnh" or a department.
    :ivar status: Pending (chưa thực hiện), in progress or done (đã thực hiện).
    :ivar subject: What it asks, in short.
    :ivar due: The day it must be carried out by.
    :ivar done: The day it was carried out (only with status ``done``); not before
        ``issued``.
    """

    type_tag: ClassVar[str] = "recommendation"
    id: Id
    council_id: CouncilId
    oversight_id: OversightId
    issued: dt.date
    addressee: Text
    status: RecommendationStatus
    subject: Text | None = None
    due: dt.date | None = None
    done: dt.date | None = attrs.field(default=None, validator=_not_before("issued"))


@record(
    key="questions",
    titles=("Chất vấn", "Questions"),
    period="date",
    labels={
        "date": ("Ngày chất vấn", "Date"),
        "topic": ("Nhóm vấn đề", "Topic"),
    },
    example={
        "id": "cv-2023-01",
        "council_id": "tp",
        "date": "2023-03-22",
        "topic": "Quản lý trật tự xây dựng đô thị",
        "respondent": "Trưởng phòng Quản lý đô thị thành phố",
        "answer": "direct",
        "meeting_id": "tp-chat-van-2023-03-22",
    },
)
class Question:
    """A question (chất vấn) put to a respondent at a session or between sessions
    (format version 2).

    >>> q = Question(id="cv1", council_id="tp", date=dt.date(2022, 12, 14),
    ...              topic="Quản lý đất đai", respondent="Giám đốc Sở Tài nguyên và Môi trường",
    ...              answer=QuestionAnswer.direct, session_id="s12")
    >>> q.answer.label_vi
    'trả lời trực tiếp'

    :ivar id: The question's id, unique among questions.
    :ivar council_id: The council whose deputies asked it.
    :ivar date: The day it was asked.
    :ivar topic: The group of issues (nhóm vấn đề) it belongs to.
    :ivar respondent: Who answers it, such as "Giám đốc Sở Xây dựng".
    :ivar answer: Answered directly, in writing, or not yet.
    :ivar session_id: The session where it was asked.
    :ivar meeting_id: The meeting where it was asked, for questioning between sessions.
    :ivar asked_by: The deputy (a person) who asked it.
    """

    type_tag: ClassVar[str] = "question"
    id: Id
    council_id: CouncilId
    date: dt.date
    topic: Text
    respondent: Text
    answer: QuestionAnswer
    session_id: SessionId | None = None
    meeting_id: MeetingId | None = None
    asked_by: PersonId | None = None


@record(
    key="confidence_votes",
    titles=("Lấy phiếu tín nhiệm", "Confidence votes"),
    period="date",
    labels={"person_id": ("Mã người được lấy phiếu", "Person id")},
    example={
        "id": "tn-2023-1",
        "council_id": "tp",
        "date": "2023-02-24",
        "person_id": "nguyen-van-do",
        "post": "Chủ tịch HĐND thành phố",
        "high": 30,
        "medium": 7,
        "low": 1,
        "voters": 38,
        "session_id": "tp-ky-hop-09",
    },
)
class ConfidenceVote:
    """One person assessed in a confidence vote (lấy phiếu tín nhiệm), with the ballots
    (format version 2).

    >>> v = ConfidenceVote(id="tn1", council_id="tp", date=dt.date(2023, 12, 8),
    ...                    person_id="p1", post="Chủ tịch HĐND", high=25, medium=3, low=1)
    >>> v.high + v.medium + v.low, v.voters
    (29, None)

    :ivar id: The assessment's id, unique among confidence votes.
    :ivar council_id: The council that held the vote.
    :ivar date: The day of the vote.
    :ivar person_id: The person assessed.
    :ivar post: The post assessed, such as "Chủ tịch UBND".
    :ivar high: Ballots rating high confidence (tín nhiệm cao).
    :ivar medium: Ballots rating confidence (tín nhiệm).
    :ivar low: Ballots rating low confidence (tín nhiệm thấp).
    :ivar voters: Deputies who voted, when given: at least ``high + medium + low``.
    :ivar session_id: The session that held the vote.
    """

    type_tag: ClassVar[str] = "confidence_vote"
    id: Id
    council_id: CouncilId
    date: dt.date
    person_id: PersonId
    post: Text
    high: Count
    medium: Count
    low: Count
    voters: Count | None = None
    session_id: SessionId | None = None


@record(
    key="receptions",
    titles=("Tiếp công dân", "Citizen receptions"),
    period="date",
    example={
        "id": "tp-tcd-2023-01-05",
        "council_id": "tp",
        "date": "2023-01-05",
        "kind": "periodic",
        "turns": 7,
        "persons": 9,
        "cases": 3,
        "host_body_id": "tp-tt",
        "place": "Trụ sở tiếp công dân thành phố",
    },
)
class ReceptionSession:
    """A citizen reception session (buổi tiếp công dân) and what it received.

    >>> r = ReceptionSession(id="r1", council_id="tp", date=dt.date(2023, 1, 5),
    ...                      kind=ReceptionKind.periodic, turns=6, persons=11, cases=6)
    >>> r.turns, r.first_time_cases
    (6, None)

    :ivar id: The session's id, unique among reception sessions.
    :ivar council_id: The council receiving citizens.
    :ivar date: The day of the session.
    :ivar kind: Periodic (định kỳ), unscheduled (đột xuất) or routine (thường xuyên, by staff).
    :ivar host_body_id: The body hosting it, such as the standing committee.
    :ivar host_person_id: The person hosting it, such as the council's chair.
    :ivar place: Where it was held, such as "trụ sở tiếp công dân thành phố".
    :ivar turns: Visits received (lượt).
    :ivar persons: Citizens received (người, công dân).
    :ivar cases: Cases raised (vụ việc).
    :ivar mass_groups: Groups of five people or more (đoàn đông người).
    :ivar first_time_cases: Cases raised for the first time, when counted.
    :ivar repeat_cases: Cases raised again, when counted.
    """

    type_tag: ClassVar[str] = "reception"
    id: Id
    council_id: CouncilId
    date: dt.date
    kind: ReceptionKind
    host_body_id: BodyId | None = None
    host_person_id: PersonId | None = None
    place: Text | None = None
    turns: Count
    persons: Count
    cases: Count
    mass_groups: Count = 0
    first_time_cases: Count | None = None
    repeat_cases: Count | None = None


Reception = ReceptionSession
"""Short alias of :class:`ReceptionSession` (its JSONL type tag is ``reception``)."""


@record(
    key="petitions",
    titles=("Đơn thư", "Petitions"),
    period="received",
    labels={"field": ("Lĩnh vực", "Field")},
    example={
        "id": "dt-2023-002",
        "council_id": "tp",
        "received": "2023-01-19",
        "kind": "complaint",
        "field": "social_policy",
        "status": "resolved",
        "closed": "2023-02-08",
    },
)
class Petition:
    """A petition (đơn thư) received by a council: complaint, denunciation...

    >>> p = Petition(id="d1", council_id="tp", received=dt.date(2023, 2, 1),
    ...              kind=PetitionKind.complaint, field=PetitionField.land,
    ...              status=PetitionStatus.resolved)
    >>> p.eligible, p.duplicate
    (True, False)

    :ivar id: The petition's id, unique among petitions.
    :ivar council_id: The council that received it.
    :ivar received: The day it was received.
    :ivar kind: Complaint (khiếu nại), denunciation (tố cáo), recommendation (kiến nghị)
        or feedback (phản ánh).
    :ivar field: The field it concerns, such as land (đất đai).
    :ivar status: Where it stands.
    :ivar duplicate: Whether it repeats a petition already received (đơn trùng).
    :ivar eligible: Whether it is eligible for handling (đủ điều kiện xử lý).
    :ivar closed: The day it was closed, when it is; not before ``received``.
    :ivar answered: The day the competent authority's written answer came back; not before
        ``received`` (format version 2).
    """

    type_tag: ClassVar[str] = "petition"
    id: Id
    council_id: CouncilId
    received: dt.date
    kind: PetitionKind
    field: PetitionField
    status: PetitionStatus
    duplicate: bool = False
    eligible: bool = True
    closed: dt.date | None = attrs.field(default=None, validator=_not_before("received"))
    answered: dt.date | None = attrs.field(default=None, validator=_not_before("received"))


@record(
    key="voter_petitions",
    titles=("Ý kiến, kiến nghị cử tri", "Voter petitions"),
    period="received",
    labels={"field": ("Ban phụ trách", "Committee field")},
    example={
        "id": "kn-2023-01",
        "council_id": "tp",
        "received": "2023-03-10",
        "status": "resolved",
        "field": "legal",
        "sector": "an ninh - trật tự",
        "jurisdiction": "province",
        "channel": "after_session",
        "answered": "2023-05-09",
    },
)
class VoterPetition:
    """A voter petition (ý kiến, kiến nghị cử tri), compiled and forwarded for an answer.

    >>> v = VoterPetition(id="kn1", council_id="tp", received=dt.date(2023, 3, 2),
    ...                   status=VoterPetitionStatus.resolved,
    ...                   jurisdiction=Jurisdiction.province, sector="giao thông")
    >>> v.jurisdiction.label_vi
    'cấp tỉnh'

    :ivar id: The voter petition's id, unique among voter petitions.
    :ivar council_id: The council that compiled it.
    :ivar received: The day it was received.
    :ivar status: Where it stands.
    :ivar field: The committee field it is grouped under.
    :ivar sector: The sector (lĩnh vực) a report groups it under, as free text, such as
        "giao thông - xây dựng".
    :ivar jurisdiction: Whose competence it is: central, provincial, district or commune.
    :ivar meeting_id: The voter meeting where it was raised.
    :ivar session_id: The session it was sent to.
    :ivar topic: What it asks, in short.
    :ivar channel: How it reached the council: before or after a session, or otherwise
        (format version 2).
    :ivar answered: The day it was answered or resolved; not before ``received`` (format
        version 2).
    """

    type_tag: ClassVar[str] = "voter_petition"
    id: Id
    council_id: CouncilId
    received: dt.date
    status: VoterPetitionStatus
    field: CommitteeField | None = None
    sector: Text | None = None
    jurisdiction: Jurisdiction | None = None
    meeting_id: MeetingId | None = None
    session_id: SessionId | None = None
    topic: Text | None = None
    channel: VoterPetitionChannel | None = None
    answered: dt.date | None = attrs.field(default=None, validator=_not_before("received"))


# The record types declared so far: every one but Coverage, declared last.
_COVERABLE: Final = frozenset(typing.cast(Any, cls).type_tag for cls in _DESCRIBED)
RECORD_TYPE = Rule(
    _COVERABLE.__contains__,
    N_("must be a record type tag such as 'reception', got {value!r}"),
    {"enum": sorted(_COVERABLE)},
)
"""Rule: a record type's tag (``"reception"``...), of the types a :class:`Coverage` can list.

>>> RECORD_TYPE.check("voter_petition")
"""


@record(
    key="coverage",
    titles=("Phạm vi số liệu", "Data coverage"),
    labels={"start": ("Từ ngày", "From"), "end": ("Đến ngày", "To")},
    example={
        "id": "pv-tp-2023-q1",
        "council_id": "tp",
        "start": "2023-01-01",
        "end": "2023-03-31",
        "record_types": [
            "deputy",
            "session",
            "question",
            "recommendation",
            "confidence_vote",
            "petition",
            "voter_petition",
        ],
        "note": "Văn phòng HĐND thành phố rà soát, số liệu đầy đủ (minh họa)",
    },
)
class Coverage:
    """A statement that the data holds every record of the listed types for a council
    over a date range, so that zero there means zero (format version 2).

    >>> c = Coverage(id="pv1", council_id="tp", start=dt.date(2023, 1, 1),
    ...              end=dt.date(2023, 12, 31), record_types=["reception", "voter_petition"])
    >>> c.record_types
    ('reception', 'voter_petition')

    :ivar id: The statement's id, unique among coverage records.
    :ivar council_id: The council whose records it covers.
    :ivar start: The first day covered.
    :ivar end: The last day covered; not before ``start``.
    :ivar record_types: The record types covered, by tag (``"reception"``...); at least one.
    :ivar note: A note, such as where the figures come from.
    """

    type_tag: ClassVar[str] = "coverage"
    id: Id
    council_id: CouncilId
    start: dt.date
    end: dt.date = attrs.field(validator=_not_before("start"))
    record_types: tuple[Annotated[str, RECORD_TYPE], ...] = attrs.field(
        validator=attrs.validators.min_len(1)
    )
    note: Text | None = None


Record = (
    Council
    | Person
    | Body
    | Position
    | Deputy
    | Session
    | Meeting
    | Resolution
    | OversightActivity
    | Recommendation
    | Question
    | ConfidenceVote
    | ReceptionSession
    | Petition
    | VoterPetition
    | Coverage
)
"""Any record type of the format."""
