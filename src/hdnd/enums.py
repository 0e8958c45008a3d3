"""The glossary's enumerations, each member with its Vietnamese and English label.

Member names and values are exactly the glossary identifiers (what JSON files
hold); :attr:`~LabelledEnum.label_vi` and :attr:`~LabelledEnum.label_en` are
what reports print.

>>> from hdnd.enums import Level, UnitType
>>> Level("commune")
<Level.commune: 'commune'>
>>> Level.commune.label_vi, Level.commune.label_en
('cấp xã', 'commune level')
>>> UnitType.ward.level
<Level.commune: 'commune'>
>>> Level.province == "province"   # members are strings
True
"""

from __future__ import annotations

import collections
import difflib
import enum
import functools
import typing
from collections.abc import Mapping
from typing import Final, Literal, Self

from hdnd._lookalike import fold_label

__all__ = [
    "BodyKind",
    "CommitteeField",
    "DeputyEndReason",
    "Jurisdiction",
    "LabelledEnum",
    "Level",
    "MeetingKind",
    "OversightKind",
    "OversightStatus",
    "PetitionField",
    "PetitionKind",
    "PetitionStatus",
    "QuestionAnswer",
    "ReceptionKind",
    "RecommendationStatus",
    "Role",
    "SessionKind",
    "UnitType",
    "VoterPetitionChannel",
    "VoterPetitionStatus",
]

Lang = Literal["vi", "en"]


class LabelledEnum(enum.StrEnum):
    """A string enumeration whose members carry a Vietnamese and an English label.

    Members are declared as ``name = "identifier", "nhãn tiếng Việt", "English label"``,
    optionally followed by a tuple of **aliases**: labels the member was once printed
    with (a word the law has since dropped). Only the current labels are written;
    readers of labels (a table cell, a drop-down) also accept the aliases
    (:meth:`read_labels`). JSON files hold identifiers, never labels or aliases.

    >>> class Colour(LabelledEnum):
    ...     red = "red", "đỏ", "red"
    ...     crimson = "crimson", "đỏ thẫm", "crimson", ("đỏ sẫm",)
    >>> Colour.red.value, Colour.red.label("vi"), Colour.red.label("en")
    ('red', 'đỏ', 'red')
    >>> Colour.crimson.aliases
    ('đỏ sẫm',)
    """

    _value_: str
    label_vi: str
    label_en: str
    aliases: tuple[str, ...]

    # The labels have defaults only so that type checkers accept a lookup such as
    # Level("commune"); every member is declared with both.
    def __new__(
        cls, value: str, label_vi: str = "", label_en: str = "", aliases: tuple[str, ...] = ()
    ) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label_vi = label_vi
        member.label_en = label_en
        member.aliases = aliases
        return member

    def read_labels(self) -> tuple[str, ...]:
        """Every text a reader of labels takes for this member (:meth:`from_label`): its
        aliases, English and Vietnamese labels, then its identifier.

        >>> SessionKind.extraordinary.read_labels()
        ('bất thường', 'extraordinary', 'giải quyết công việc phát sinh đột xuất', 'extraordinary')
        """
        return (*self.aliases, self.label_en, self.label_vi, self.value)

    @classmethod
    def from_label(cls, text: str) -> Self | None:
        """The member ``text`` names: its identifier, or any of :meth:`read_labels` as
        typed by hand (:func:`~hdnd._lookalike.fold_label`: in any case, without accents,
        ``kì`` for ``kỳ``, spaced loosely); ``None`` if it names no member.

        A folded text that two members' labels share names neither: only their
        identifiers and labels as written tell them apart.

        >>> ReceptionKind.from_label("Định Kỳ "), ReceptionKind.from_label("dinh ki")
        (<ReceptionKind.periodic: 'periodic'>, <ReceptionKind.periodic: 'periodic'>)
        >>> ReceptionKind.from_label("weekly") is None
        True
        """
        by_label = _by_label(cls)
        member = (
            cls._value2member_map_.get(text)
            or by_label.get(text)  # as the drop-down writes it: no need to fold
            or (by_label.get(fold_label(text)) if len(text) <= _LONGEST_TYPED else None)
        )
        return typing.cast(Self | None, member)

    @classmethod
    def closest(cls, text: str) -> Self | None:
        """The member whose Vietnamese label (or alias, or identifier) ``text`` looks most
        like, compared folded as :meth:`from_label` does; ``None`` if none is close.
        For "did you mean …?".

        >>> OversightKind.closest("giám sát thường xuyn").label_vi
        'giám sát thường xuyên'
        >>> OversightKind.closest("ngân sách") is None
        True
        """
        if len(text) > _LONGEST_TYPED:
            return None
        names = {
            fold_label(name): member
            for member in reversed(cls)  # the first member wins names alike
            for name in (member.value, *member.aliases, member.label_vi)
        }
        close = difflib.get_close_matches(fold_label(text), names, n=1)
        return names[close[0]] if close else None

    def label(self, lang: Lang = "vi") -> str:
        """The member's label in ``lang`` (``"vi"`` or ``"en"``).

        >>> SessionKind.thematic.label("vi")
        'chuyên đề'
        """
        return self.label_vi if lang == "vi" else self.label_en


# Longer than any label typed by hand, spaces and all (the longest label has 39
# characters): no label, and not worth folding (a cell may hold 32,767 characters).
_LONGEST_TYPED: Final = 200


@functools.cache
def _by_label(cls: type[LabelledEnum]) -> Mapping[str, LabelledEnum]:
    """Each member's :meth:`~LabelledEnum.read_labels`, as written and folded, to the
    member, but for a text two members share."""
    members: dict[str, set[LabelledEnum]] = collections.defaultdict(set)
    for member in cls:
        for text in member.read_labels():
            members[text].add(member)
            members[fold_label(text)].add(member)
    return {text: one for text, (one, *others) in members.items() if not others}


class Level(LabelledEnum):
    """An administrative level (cấp). ``district`` exists only up to 2025-06-30.

    >>> Level.district.label_vi
    'cấp huyện'
    """

    province = "province", "cấp tỉnh", "provincial level"
    district = "district", "cấp huyện", "district level"
    commune = "commune", "cấp xã", "commune level"


class UnitType(LabelledEnum):
    """A type of administrative unit; :attr:`level` is the level it belongs to.

    >>> UnitType.provincial_city.label_vi, UnitType.provincial_city.level.value
    ('thành phố thuộc tỉnh', 'district')
    """

    province = "province", "tỉnh", "province"
    central_city = "central_city", "thành phố trực thuộc trung ương", "centrally-run city"
    urban_district = "urban_district", "quận", "urban district"
    rural_district = "rural_district", "huyện", "rural district"
    town = "town", "thị xã", "town"
    provincial_city = "provincial_city", "thành phố thuộc tỉnh", "provincial city"
    commune = "commune", "xã", "commune"
    ward = "ward", "phường", "ward"
    township = "township", "thị trấn", "township"
    special_zone = "special_zone", "đặc khu", "special zone"

    @property
    def level(self) -> Level:
        """The administrative level this type of unit belongs to.

        >>> UnitType.central_city.level
        <Level.province: 'province'>
        """
        return _UNIT_LEVEL[self]


_UNIT_LEVEL = {
    UnitType.province: Level.province,
    UnitType.central_city: Level.province,
    UnitType.urban_district: Level.district,
    UnitType.rural_district: Level.district,
    UnitType.town: Level.district,
    UnitType.provincial_city: Level.district,
    UnitType.commune: Level.commune,
    UnitType.ward: Level.commune,
    UnitType.township: Level.commune,
    UnitType.special_zone: Level.commune,
}


class BodyKind(LabelledEnum):
    """A kind of council body.

    >>> BodyKind.standing_committee.label_vi
    'Thường trực HĐND'
    """

    standing_committee = "standing_committee", "Thường trực HĐND", "standing committee"
    committee = "committee", "Ban của HĐND", "committee"
    delegate_group = "delegate_group", "Tổ đại biểu", "delegate group"


class CommitteeField(LabelledEnum):
    """The field of a specialised committee (Ban); also groups voter petitions.

    >>> CommitteeField.economy_budget.label_vi
    'Ban Kinh tế - Ngân sách'
    """

    legal = "legal", "Ban Pháp chế", "Legal Affairs Committee"
    economy_budget = "economy_budget", "Ban Kinh tế - Ngân sách", "Economy and Budget Committee"
    culture_society = "culture_society", "Ban Văn hóa - Xã hội", "Culture and Society Committee"
    ethnic = "ethnic", "Ban Dân tộc", "Ethnic Affairs Committee"
    urban = "urban", "Ban Đô thị", "Urban Affairs Committee"
    economy_society = "economy_society", "Ban Kinh tế - Xã hội", "Economy and Society Committee"


class Role(LabelledEnum):
    """A person's role in a body.

    >>> Role.standing_vice_chair.label_vi
    'Phó Chủ tịch Thường trực'
    """

    chair = "chair", "Chủ tịch", "Chair"
    standing_vice_chair = "standing_vice_chair", "Phó Chủ tịch Thường trực", "Standing Vice-Chair"
    vice_chair = "vice_chair", "Phó Chủ tịch", "Vice-Chair"
    standing_member = "standing_member", "Ủy viên Thường trực", "Standing Member"
    committee_head = "committee_head", "Trưởng Ban", "Committee Head"
    committee_deputy = "committee_deputy", "Phó Trưởng Ban", "Deputy Committee Head"
    committee_member = "committee_member", "Ủy viên Ban", "Committee Member"
    group_leader = "group_leader", "Tổ trưởng", "Group Leader"
    delegate = "delegate", "đại biểu", "Delegate"


class SessionKind(LabelledEnum):
    """A kind of council session (kỳ họp).

    ``extraordinary`` is the session "giải quyết công việc phát sinh đột xuất" (Law
    47/2019); "bất thường", the word before it, is read as an alias, never printed.

    >>> SessionKind.extraordinary.label_en
    'extraordinary'
    >>> f"Kỳ họp {SessionKind.extraordinary.label_vi}"
    'Kỳ họp giải quyết công việc phát sinh đột xuất'
    """

    regular = "regular", "thường lệ", "regular"
    thematic = "thematic", "chuyên đề", "thematic"
    extraordinary = (
        "extraordinary",
        "giải quyết công việc phát sinh đột xuất",
        "extraordinary",
        ("bất thường",),
    )


class MeetingKind(LabelledEnum):
    """A kind of meeting held between sessions.

    >>> MeetingKind.briefing.label_vi
    'hội nghị giao ban'
    """

    standing_meeting = "standing_meeting", "phiên họp Thường trực", "standing committee meeting"
    briefing = "briefing", "hội nghị giao ban", "briefing"
    hearing = "hearing", "phiên giải trình", "hearing"
    questioning = "questioning", "chất vấn giữa hai kỳ họp", "questioning between sessions"
    voter_meeting = "voter_meeting", "tiếp xúc cử tri", "meeting with voters"
    joint_meeting = "joint_meeting", "hội nghị liên tịch", "joint meeting"
    other = "other", "khác", "other"


class OversightKind(LabelledEnum):
    """A kind of oversight activity (giám sát).

    >>> OversightKind.survey.label_vi
    'khảo sát'
    """

    thematic = "thematic", "giám sát chuyên đề", "thematic oversight"
    routine = "routine", "giám sát thường xuyên", "routine oversight"
    ad_hoc = "ad_hoc", "giám sát đột xuất", "ad hoc oversight"
    survey = "survey", "khảo sát", "survey"


class OversightStatus(LabelledEnum):
    """Where an oversight activity stands. ``planned`` was printed "kế hoạch" (a noun)
    before format version 2: read as an alias.

    >>> OversightStatus.completed.label_vi, OversightStatus.planned.label_vi
    ('đã hoàn thành', 'chưa thực hiện')
    """

    planned = "planned", "chưa thực hiện", "planned", ("kế hoạch",)
    in_progress = "in_progress", "đang thực hiện", "in progress"
    completed = "completed", "đã hoàn thành", "completed"
    cancelled = "cancelled", "hủy", "cancelled"


class ReceptionKind(LabelledEnum):
    """A kind of citizen reception session (tiếp công dân).

    >>> ReceptionKind.periodic.label_vi
    'định kỳ'
    """

    periodic = "periodic", "định kỳ", "periodic"
    unscheduled = "unscheduled", "đột xuất", "unscheduled"
    routine = "routine", "thường xuyên", "routine"


class PetitionKind(LabelledEnum):
    """A kind of petition (đơn thư).

    >>> PetitionKind.denunciation.label_vi
    'tố cáo'
    """

    complaint = "complaint", "khiếu nại", "complaint"
    denunciation = "denunciation", "tố cáo", "denunciation"
    recommendation = "recommendation", "kiến nghị", "recommendation"
    feedback = "feedback", "phản ánh", "feedback"


class PetitionField(LabelledEnum):
    """The field a petition concerns.

    >>> PetitionField.land.label_vi
    'đất đai'
    """

    land = "land", "đất đai", "land"
    social_policy = "social_policy", "chính sách xã hội", "social policy"
    judicial = "judicial", "tư pháp", "judicial"
    administrative = "administrative", "hành chính", "administrative"
    corruption = "corruption", "tham nhũng", "corruption"
    other = "other", "khác", "other"


class PetitionStatus(LabelledEnum):
    """Where a petition stands.

    >>> PetitionStatus.transferred.label_vi
    'chuyển cơ quan có thẩm quyền'
    """

    received = "received", "tiếp nhận", "received"
    in_progress = "in_progress", "đang giải quyết", "in progress"
    resolved = "resolved", "đã giải quyết", "resolved"
    transferred = "transferred", "chuyển cơ quan có thẩm quyền", "transferred"
    guided = "guided", "hướng dẫn, giải thích", "guided"
    urged = "urged", "đôn đốc", "urged"
    filed = "filed", "lưu, theo dõi", "filed"


class VoterPetitionStatus(LabelledEnum):
    """Where a voter petition (ý kiến, kiến nghị cử tri) stands.

    >>> VoterPetitionStatus.explained.label_en
    'answered or explained'
    """

    received = "received", "tiếp nhận", "received"
    forwarded = "forwarded", "đã chuyển cơ quan có thẩm quyền", "forwarded"
    in_progress = "in_progress", "đang giải quyết", "in progress"
    resolved = "resolved", "đã giải quyết xong", "resolved"
    explained = "explained", "đã trả lời, giải trình", "answered or explained"
    unresolved = "unresolved", "chưa giải quyết được", "unresolved"


class Jurisdiction(LabelledEnum):
    """Whose competence a voter petition is. ``district`` only up to 2025-06-30.

    >>> Jurisdiction.central.label_vi
    'Trung ương'
    """

    central = "central", "Trung ương", "central"
    province = "province", "cấp tỉnh", "provincial"
    district = "district", "cấp huyện", "district"
    commune = "commune", "cấp xã", "commune"


class DeputyEndReason(LabelledEnum):
    """Why a deputy's mandate ended (format version 2).

    >>> DeputyEndReason.reorganised.label_vi
    'do sắp xếp đơn vị hành chính'
    """

    resigned = "resigned", "thôi làm nhiệm vụ đại biểu", "resigned"
    dismissed = "dismissed", "bãi nhiệm", "dismissed"
    deceased = "deceased", "từ trần", "deceased"
    transferred = "transferred", "chuyển công tác", "transferred"
    reorganised = "reorganised", "do sắp xếp đơn vị hành chính", "administrative reorganisation"
    other = "other", "khác", "other"


class RecommendationStatus(LabelledEnum):
    """Where a recommendation after oversight (kiến nghị sau giám sát) stands.

    >>> RecommendationStatus.done.label_vi
    'đã thực hiện'
    """

    pending = "pending", "chưa thực hiện", "pending"
    in_progress = "in_progress", "đang thực hiện", "in progress"
    done = "done", "đã thực hiện", "done"


class QuestionAnswer(LabelledEnum):
    """How a question (chất vấn) was answered.

    >>> QuestionAnswer.direct.label_vi
    'trả lời trực tiếp'
    """

    direct = "direct", "trả lời trực tiếp", "answered directly"
    written = "written", "trả lời bằng văn bản", "answered in writing"
    pending = "pending", "chưa trả lời", "not yet answered"


class VoterPetitionChannel(LabelledEnum):
    """How a voter petition reached the council.

    >>> VoterPetitionChannel.before_session.label_vi
    'trước kỳ họp'
    """

    before_session = "before_session", "trước kỳ họp", "before the session"
    after_session = "after_session", "sau kỳ họp", "after the session"
    other = "other", "khác", "other"
