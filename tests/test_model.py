"""Example tests of the model's rules: each rule refuses a bad value and accepts a good one."""

from __future__ import annotations

import datetime as dt
import pickle
import unicodedata
from typing import Any

import attrs
import pytest

import hdnd
from hdnd import model
from hdnd.dataset import Dataset
from hdnd.enums import (
    BodyKind,
    CommitteeField,
    Jurisdiction,
    Level,
    MeetingKind,
    OversightKind,
    OversightStatus,
    PetitionField,
    PetitionKind,
    PetitionStatus,
    ReceptionKind,
    Role,
    SessionKind,
    UnitType,
    VoterPetitionStatus,
)
from hdnd.errors import HdndError, InvalidData, InvalidValue
from hdnd.model import (
    Body,
    Council,
    Meeting,
    OversightActivity,
    Person,
    Petition,
    Position,
    Reception,
    ReceptionSession,
    Resolution,
    Session,
    VoterPetition,
    references,
)

D = dt.date


def council(**changes: Any) -> Council:
    fields: dict[str, Any] = {
        "id": "tp",
        "name": "HĐND thành phố Bắc Ninh",
        "level": Level.district,
        "unit_type": UnitType.provincial_city,
    }
    return Council(**(fields | changes))


def reception(**changes: Any) -> ReceptionSession:
    fields: dict[str, Any] = {
        "id": "r1",
        "council_id": "tp",
        "date": D(2023, 2, 14),
        "kind": ReceptionKind.periodic,
        "turns": 74,
        "persons": 144,
        "cases": 74,
    }
    return ReceptionSession(**(fields | changes))


def refused(make: Any, **changes: Any) -> InvalidValue:
    with pytest.raises(InvalidValue) as info:
        make(**changes)
    return info.value


# --------------------------------------------------------------------------- text


def test_text_is_stripped_and_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "  Dương Thị Huệ \n")
    person = Person(id=" p1 ", full_name=decomposed)
    assert person.full_name == "Dương Thị Huệ"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.id == "p1"
    assert person == Person(id="p1", full_name="Dương Thị Huệ")


def test_nfd_and_nfc_names_are_the_same_name() -> None:
    nfc = council(name="HĐND xã Ứng Hòa")
    nfd = council(name=unicodedata.normalize("NFD", "HĐND xã Ứng Hòa"))
    assert nfd == nfc
    assert hash(nfd) == hash(nfc)


@pytest.mark.parametrize("value", ["", "   ", "\t\n", "\u3000"])
def test_empty_name_refused(value: str) -> None:
    error = refused(Person, id="p1", full_name=value)
    assert error.field == "full_name"
    assert error.message == "must not be empty"
    assert str(error) == "full_name: must not be empty"


def test_empty_id_refused() -> None:
    error = refused(Person, id=" ", full_name="An")
    assert error.field == "id"


@pytest.mark.parametrize(
    ("number", "words"),
    [("", "expected NUM/TYPE-ISSUER"), ("146/XY-HĐND", "'XY'"), ("45-CT/TW", "party document")],
)
def test_resolution_number_must_be_a_document_number(number: str, words: str) -> None:
    with pytest.raises(InvalidValue) as info:
        Resolution(id="nq", council_id="tp", number=number, date=D(2022, 12, 15), title="Nhiệm vụ")
    assert info.value.field == "number"
    assert words in str(info.value)


def test_resolution_number_is_read_tolerantly() -> None:
    r = Resolution(
        id="nq", council_id="tp", number="Số: 146/NQ-HDND", date=D(2022, 12, 15), title="Nhiệm vụ"
    )
    assert str(r.number) == "146/NQ-HĐND"
    assert (r.number.number, r.number.year, r.number.is_normative) == (146, None, False)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: reception(council_id=""), "council_id"),
        (lambda: reception(place=" "), "place"),
        (
            lambda: Resolution(
                id="nq", council_id="tp", number="146/NQ-HĐND", date=D(2022, 12, 15), title=" "
            ),
            "title",
        ),
        (
            lambda: VoterPetition(
                id="kn",
                council_id="tp",
                received=D(2023, 3, 2),
                status=VoterPetitionStatus.received,
                sector="",
            ),
            "sector",
        ),
    ],
)
def test_empty_text_field_refused(make: Any, field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        make()
    assert info.value.field == field
    assert "must not be empty" in str(info.value)


def test_optional_text_may_be_none() -> None:
    assert reception(place=None).place is None
    assert reception(place=" Trụ sở tiếp công dân thành phố ").place == (
        "Trụ sở tiếp công dân thành phố"
    )


def test_text_lists_are_tuples_of_normalised_text() -> None:
    person = Person(
        id="p1",
        full_name="Nguyễn Văn Đô",
        other_posts=[unicodedata.normalize("NFD", " Phó Bí thư Thường trực Thành ủy ")],
    )
    assert person.other_posts == ("Phó Bí thư Thường trực Thành ủy",)
    error = refused(Person, id="p1", full_name="A", other_posts=["Bí thư", "  "])
    assert error.field == "other_posts"
    assert "must not be empty" in str(error)


def test_participant_ids_must_not_be_empty() -> None:
    meeting = Meeting(
        id="m1",
        council_id="tp",
        kind=MeetingKind.briefing,
        date=D(2023, 4, 17),
        participant_council_ids=["x1", " x2 "],
    )
    assert meeting.participant_council_ids == ("x1", "x2")
    with pytest.raises(InvalidValue) as info:
        Meeting(
            id="m1",
            council_id="tp",
            kind=MeetingKind.briefing,
            date=D(2023, 4, 17),
            participant_council_ids=["x1", ""],
        )
    assert info.value.field == "participant_council_ids"


# ------------------------------------------------- invisible and control characters

# A few of each kind of character ids may not hold, by Unicode category: control (Cc),
# format (Cf), line and paragraph separators (Zl, Zp); named, to be read.
INVISIBLE = {
    "\x00": "NULL",
    "\x01": "START OF HEADING",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
    "\u00ad": "SOFT HYPHEN",
    "\u061c": "ARABIC LETTER MARK",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\U000e0041": "TAG LATIN CAPITAL LETTER A",
}


@pytest.mark.parametrize("char", INVISIBLE, ids=list(INVISIBLE.values()))
def test_an_id_with_an_invisible_character_is_refused(char: str) -> None:
    assert unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
    error = refused(Person, id=f"p{char}1", full_name="An")
    assert (error.field, error.message) == (
        "id",
        f"must not hold invisible or control characters, got {f'p{char}1'!r}",
    )


@pytest.mark.parametrize("char", ["\u200b", "\t", "\x01"])
def test_a_reference_with_an_invisible_character_is_refused(char: str) -> None:
    error = refused(reception, council_id=f"t{char}p")
    assert error.field == "council_id"
    assert error.message.startswith("must not hold invisible or control characters")
    with pytest.raises(InvalidValue, match="participant_council_ids: must not hold invisible"):
        Meeting(id="m", council_id="tp", kind=MeetingKind.briefing, date=D(2023, 4, 17),
                participant_council_ids=["x1", f"x{char}2"])  # fmt: skip


@pytest.mark.parametrize("id", ["p 1", "Phường Ba Đình", "hđnd/2023:ks-1", "p\u00a01", "#1"])
def test_ids_may_hold_spaces_and_any_visible_character(id: str) -> None:
    assert Person(id=id, full_name="An").id == id


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f"])
def test_text_with_a_control_character_is_refused(char: str) -> None:
    error = refused(council, name=f"HĐND{char} thành phố")
    assert (error.field, error.message) == (
        "name",
        "must not hold control characters (tabs and line breaks aside), "
        f"got {f'HĐND{char} thành phố'!r}",
    )
    assert refused(Person, id="p", full_name="An", other_posts=["x", f"a{char}b"]).field == (
        "other_posts"
    )


@pytest.mark.parametrize("text", ["Kỳ họp\tthứ 12", "dòng 1\ndòng 2", "a\r\nb", "a\u200bb", "\x7f"])
def test_text_may_hold_tabs_line_breaks_and_other_characters(text: str) -> None:
    assert council(name=text).name == text


def _code_points(ranges: tuple[tuple[int, int], ...]) -> set[int]:
    return {c for a, b in ranges for c in range(a, b + 1)}


def test_the_invisible_characters_are_those_unicode_says() -> None:
    """Every control, format, line or paragraph separator character this Python knows is
    in the list; the list holds nothing else but characters this Python does not know
    yet (it follows Unicode 15.1; Python 3.11 knows 14.0)."""
    listed = _code_points(model._INVISIBLE)
    categories = {c: unicodedata.category(chr(c)) for c in range(0x110000)}
    assert {c for c, cat in categories.items() if cat in ("Cc", "Cf", "Zl", "Zp")} <= listed
    assert {categories[c] for c in listed} <= {"Cc", "Cf", "Zl", "Zp", "Cn"}
    assert _code_points(model._CONTROL) == set(range(0x20)) - {0x09, 0x0A, 0x0D}


def test_the_rules_refuse_exactly_the_listed_characters() -> None:
    """Over every code point, alone and between letters: the quick test (printable text
    holds none) never lets a listed character through."""
    for rule, ranges in ((model.VISIBLE, model._INVISIBLE), (model.NO_CONTROL, model._CONTROL)):
        listed = _code_points(ranges)
        refused_chars = {c for c in range(0x110000) if not rule.test(f"a{chr(c)}b")}
        assert refused_chars == listed
        assert all(not chr(c).isprintable() for c in listed)
        assert [c for c in range(0x110000) if not rule.test(chr(c))] == sorted(listed)


# ------------------------------------------------------------------------- counts


@pytest.mark.parametrize("field", ["turns", "persons", "cases", "mass_groups"])
def test_negative_count_refused(field: str) -> None:
    error = refused(reception, **{field: -1})
    assert error.field == field
    assert error.message == "must be ≥ 0, got -1"


@pytest.mark.parametrize("field", ["first_time_cases", "repeat_cases"])
def test_optional_count_negative_refused_none_and_zero_accepted(field: str) -> None:
    assert refused(reception, **{field: -3}).field == field
    assert getattr(reception(**{field: None}), field) is None
    assert getattr(reception(**{field: 0}), field) == 0


def test_zero_counts_accepted() -> None:
    r = reception(turns=0, persons=0, cases=0, mass_groups=0)
    assert (r.turns, r.persons, r.cases, r.mass_groups) == (0, 0, 0, 0)


@pytest.mark.parametrize("field", ["attendees", "opinions"])
def test_meeting_counts(field: str) -> None:
    def meeting(**changes: Any) -> Meeting:
        return Meeting(
            id="m1",
            council_id="tp",
            kind=MeetingKind.voter_meeting,
            date=D(2023, 5, 10),
            **changes,
        )

    assert refused(meeting, **{field: -1}).field == field
    assert getattr(meeting(**{field: 452}), field) == 452


@pytest.mark.parametrize("field", ["turns", "persons", "cases", "mass_groups", "repeat_cases"])
def test_count_at_most_a_billion(field: str) -> None:
    assert getattr(reception(**{field: 1_000_000_000}), field) == 1_000_000_000
    error = refused(reception, **{field: 1_000_000_001})
    assert (error.field, error.message) == (field, "must be ≤ 1,000,000,000, got 1000000001")


def test_mass_groups_default_zero() -> None:
    assert reception().mass_groups == 0
    assert reception().first_time_cases is None


# ---------------------------------------------------------------- session numbers


def test_session_number_at_least_one() -> None:
    def session(number: int) -> Session:
        return Session(
            id="s", council_id="tp", number=number, kind=SessionKind.regular, start=D(2023, 7, 5)
        )

    error = refused(session, number=0)
    assert error.field == "number"
    assert error.message == "must be ≥ 1, got 0"
    assert session(1).number == 1


# ------------------------------------------------------------ unit codes and terms


@pytest.mark.parametrize("code", ["0a", "", "1 2", "-1", "٠١", "²"])
def test_unit_code_must_be_ascii_digits(code: str) -> None:
    error = refused(council, unit_code=code)
    assert error.field == "unit_code"
    assert "digits only" in error.message


@pytest.mark.parametrize("code", ["01", "256", "09877", " 27 "])
def test_unit_code_digits_accepted(code: str) -> None:
    assert council(unit_code=code).unit_code == code.strip()


@pytest.mark.parametrize("term", ["2021-2025", "2021–2026", "21-26", "2021/2026", "2026-2021"])
def test_bad_term_refused(term: str) -> None:
    error = refused(council, term=term)
    assert error.field == "term"
    assert "'2021-2026'" in error.message


@pytest.mark.parametrize("term", ["2016-2021", "2021-2026", "2026-2031", " 2021-2026 "])
def test_term_accepted(term: str) -> None:
    assert council(term=term).term == term.strip()


# --------------------------------------------------------------- end before start


def test_position_end_before_start_refused() -> None:
    def position(**changes: Any) -> Position:
        return Position(id="pos", person_id="p1", body_id="b1", role=Role.chair, **changes)

    error = refused(position, start=D(2021, 6, 25), end=D(2021, 6, 24))
    assert error.field == "end"
    assert error.message == "2021-06-24 is before start 2021-06-25"
    assert position(start=D(2021, 6, 25), end=D(2021, 6, 25)).end == D(2021, 6, 25)
    assert position(end=D(2021, 6, 24)).start is None  # no start: nothing to compare


def test_session_end_before_start_refused() -> None:
    def session(**changes: Any) -> Session:
        return Session(id="s12", council_id="tp", number=12, kind=SessionKind.regular, **changes)

    assert refused(session, start=D(2022, 12, 14), end=D(2022, 12, 13)).field == "end"
    assert session(start=D(2022, 12, 14), end=D(2022, 12, 15)).end == D(2022, 12, 15)


def test_oversight_end_before_start_refused() -> None:
    def oversight(**changes: Any) -> OversightActivity:
        return OversightActivity(
            id="gs1",
            council_id="tp",
            body_id="tp-tt",
            kind=OversightKind.thematic,
            subject="Thu chi ngân sách",
            start=D(2023, 3, 1),
            **changes,
        )

    assert refused(oversight, end=D(2023, 2, 28)).field == "end"
    assert oversight(end=D(2023, 3, 1)).end == D(2023, 3, 1)
    assert oversight().status is OversightStatus.completed
    assert oversight().unannounced is False


def test_petition_closed_before_received_refused() -> None:
    def petition(**changes: Any) -> Petition:
        return Petition(
            id="d1",
            council_id="tp",
            received=D(2023, 2, 1),
            kind=PetitionKind.complaint,
            field=PetitionField.land,
            status=PetitionStatus.resolved,
            **changes,
        )

    error = refused(petition, closed=D(2023, 1, 31))
    assert error.field == "closed"
    assert error.message == "2023-01-31 is before received 2023-02-01"
    assert petition(closed=D(2023, 2, 1)).closed == D(2023, 2, 1)
    assert (petition().duplicate, petition().eligible) == (False, True)


# ------------------------------------------------------------- committee field


def test_committee_needs_its_field() -> None:
    error = refused(Body, id="b", council_id="tp", kind=BodyKind.committee)
    assert error.field == "committee_field"
    assert "required when kind is 'committee'" in error.message
    body = Body(
        id="b", council_id="tp", kind=BodyKind.committee, committee_field=CommitteeField.legal
    )
    assert body.committee_field is CommitteeField.legal


@pytest.mark.parametrize("kind", [BodyKind.standing_committee, BodyKind.delegate_group])
def test_only_committees_have_a_field(kind: BodyKind) -> None:
    error = refused(Body, id="b", council_id="tp", kind=kind, committee_field=CommitteeField.legal)
    assert error.field == "committee_field"
    assert f"not for kind '{kind.value}'" in error.message
    assert Body(id="b", council_id="tp", kind=kind).committee_field is None


# ----------------------------------------------------------- records in general


def test_records_are_frozen() -> None:
    r = reception()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.turns = -1  # type: ignore[misc]
    assert r.turns == 74


def test_records_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        Person("p1", "An")  # type: ignore[misc]


def test_evolve_applies_the_rules() -> None:
    r = reception()
    with pytest.raises(InvalidValue) as info:
        attrs.evolve(r, cases=-6)
    assert info.value.field == "cases"
    assert attrs.evolve(r, cases=80).cases == 80


def test_invalid_value_is_a_value_error_and_an_hdnd_error() -> None:
    error = refused(reception, turns=-1)
    assert isinstance(error, ValueError)
    assert isinstance(error, HdndError)
    assert str(error) == "turns: must be ≥ 0, got -1"
    again = pickle.loads(pickle.dumps(error))
    assert (again.message, again.field) == ("must be ≥ 0, got -1", "turns")


def test_reception_alias() -> None:
    assert Reception is ReceptionSession
    assert ReceptionSession.type_tag == "reception"


def test_type_tags() -> None:
    classes = [
        Council,
        Person,
        Body,
        Position,
        Session,
        Meeting,
        Resolution,
        OversightActivity,
        ReceptionSession,
        Petition,
        VoterPetition,
    ]
    assert [c.type_tag for c in classes] == [
        "council",
        "person",
        "body",
        "position",
        "session",
        "meeting",
        "resolution",
        "oversight",
        "reception",
        "petition",
        "voter_petition",
    ]


def test_references_of_each_record_type() -> None:
    def refs(cls: type) -> list[tuple[str, str]]:
        return [(name, ref.tag) for name, ref in references(cls)]

    assert refs(Council) == [("parent_id", "council"), ("predecessor_ids", "council")]
    assert refs(Person) == []
    assert refs(Body) == [("council_id", "council")]
    assert refs(Position) == [("person_id", "person"), ("body_id", "body")]
    assert refs(Meeting) == [("council_id", "council"), ("participant_council_ids", "council")]
    assert refs(Resolution) == [("council_id", "council"), ("session_id", "session")]
    assert refs(OversightActivity) == [("council_id", "council"), ("body_id", "body")]
    assert refs(ReceptionSession) == [
        ("council_id", "council"),
        ("host_body_id", "body"),
        ("host_person_id", "person"),
    ]
    assert refs(VoterPetition) == [
        ("council_id", "council"),
        ("meeting_id", "meeting"),
        ("session_id", "session"),
    ]


# ------------------------------------------------------------------------- enums


def test_enum_members_carry_labels() -> None:
    assert (Level.province.label_vi, Level.province.label_en) == ("cấp tỉnh", "provincial level")
    assert Level.district.label("vi") == "cấp huyện"
    assert Level.commune.label("en") == "commune level"
    assert Level.commune.label() == "cấp xã"
    assert BodyKind.standing_committee.label_vi == "Thường trực HĐND"
    assert CommitteeField.economy_budget.label_vi == "Ban Kinh tế - Ngân sách"
    assert Role.standing_vice_chair.label_vi == "Phó Chủ tịch Thường trực"
    assert SessionKind.extraordinary.label_vi == "giải quyết công việc phát sinh đột xuất"
    assert OversightStatus.planned.label_vi == "chưa thực hiện"
    assert MeetingKind.voter_meeting.label_vi == "tiếp xúc cử tri"
    assert OversightKind.thematic.label_vi == "giám sát chuyên đề"
    assert ReceptionKind.unscheduled.label_vi == "đột xuất"
    assert PetitionKind.denunciation.label_vi == "tố cáo"
    assert PetitionField.land.label_vi == "đất đai"
    assert PetitionStatus.guided.label_vi == "hướng dẫn, giải thích"
    assert VoterPetitionStatus.unresolved.label_vi == "chưa giải quyết được"
    assert Jurisdiction.central.label_vi == "Trung ương"
    assert UnitType.special_zone.label_vi == "đặc khu"


@pytest.mark.parametrize(
    "cls",
    [
        Level,
        UnitType,
        BodyKind,
        CommitteeField,
        Role,
        SessionKind,
        MeetingKind,
        OversightKind,
        OversightStatus,
        ReceptionKind,
        PetitionKind,
        PetitionField,
        PetitionStatus,
        VoterPetitionStatus,
        Jurisdiction,
    ],
)
def test_every_member_is_its_identifier_with_two_labels(cls: Any) -> None:
    for member in cls:
        assert member.value == member.name
        assert member == member.name
        assert str(member) == member.name
        assert cls(member.name) is member
        assert member.label_vi
        assert member.label_en
        assert unicodedata.is_normalized("NFC", member.label_vi)


def test_enum_identifiers_match_the_glossary() -> None:
    assert [m.value for m in Level] == ["province", "district", "commune"]
    assert [m.value for m in Role] == [
        "chair",
        "standing_vice_chair",
        "vice_chair",
        "standing_member",
        "committee_head",
        "committee_deputy",
        "committee_member",
        "group_leader",
        "delegate",
    ]
    assert [m.value for m in PetitionStatus] == [
        "received",
        "in_progress",
        "resolved",
        "transferred",
        "guided",
        "urged",
        "filed",
    ]
    assert [m.value for m in Jurisdiction] == ["central", "province", "district", "commune"]


def test_unknown_enum_value_refused() -> None:
    with pytest.raises(ValueError, match="comune"):
        Level("comune")


@pytest.mark.parametrize(
    ("unit_type", "level"),
    [
        (UnitType.province, Level.province),
        (UnitType.central_city, Level.province),
        (UnitType.urban_district, Level.district),
        (UnitType.rural_district, Level.district),
        (UnitType.town, Level.district),
        (UnitType.provincial_city, Level.district),
        (UnitType.commune, Level.commune),
        (UnitType.ward, Level.commune),
        (UnitType.township, Level.commune),
        (UnitType.special_zone, Level.commune),
    ],
)
def test_unit_type_level(unit_type: UnitType, level: Level) -> None:
    assert unit_type.level is level


def test_unit_types_are_the_glossarys_ten() -> None:
    assert [u.value for u in UnitType] == [
        "province",
        "central_city",
        "urban_district",
        "rural_district",
        "town",
        "provincial_city",
        "commune",
        "ward",
        "township",
        "special_zone",
    ]


# ----------------------------------------------------------- dataset integrity


def test_dataset_refuses_duplicate_ids_and_dangling_references() -> None:
    with pytest.raises(InvalidData) as info:
        Dataset(
            people=[Person(id="p1", full_name="An"), Person(id="p1", full_name="Bình")],
            bodies=[Body(id="b1", council_id="nowhere", kind=BodyKind.standing_committee)],
        )
    problems = info.value.problems
    assert [(p.location, p.record_id) for p in problems] == [
        ("people[1].id", "p1"),
        ("bodies[0].council_id", "b1"),
    ]
    assert "duplicate id" in problems[0].message
    assert problems[1].message == "no council with id 'nowhere'"


def test_the_same_id_in_two_record_types_is_fine() -> None:
    ds = Dataset(
        councils=[council(id="x")],
        people=[Person(id="x", full_name="An")],
        bodies=[Body(id="x", council_id="x", kind=BodyKind.standing_committee)],
    )
    assert ds.get(Body, "x").council_id == "x"


def test_dataset_references_point_at_the_right_type() -> None:
    with pytest.raises(InvalidData) as info:
        Dataset(
            councils=[council(id="tp")],
            people=[Person(id="p1", full_name="An")],
            receptions=[reception(host_body_id="p1", host_person_id="tp")],
        )
    assert [p.location for p in info.value.problems] == [
        "receptions[0].host_body_id",
        "receptions[0].host_person_id",
    ]
    assert info.value.problems[0].message == "no body with id 'p1'"


def test_dataset_list_references_located_by_index() -> None:
    with pytest.raises(InvalidData) as info:
        Dataset(
            councils=[council(id="tp"), council(id="x1")],
            meetings=[
                Meeting(
                    id="m1",
                    council_id="tp",
                    kind=MeetingKind.briefing,
                    date=D(2023, 4, 17),
                    participant_council_ids=["x1", "x9"],
                )
            ],
        )
    [problem] = info.value.problems
    assert problem.location == "meetings[0].participant_council_ids[1]"
    assert problem.message == "no council with id 'x9'"


def test_dataset_unknown_schema_version() -> None:
    with pytest.raises(InvalidData, match="unknown schema_version 3"):
        Dataset(schema_version=3)


def test_public_names() -> None:
    assert hdnd.ReceptionSession is ReceptionSession
    assert hdnd.InvalidValue is InvalidValue


# ------------------------------------------------------------------ format version 2


def coverage(**changes: Any) -> model.Coverage:
    fields: dict[str, Any] = {
        "id": "pv",
        "council_id": "tp",
        "start": D(2023, 1, 1),
        "end": D(2023, 3, 31),
        "record_types": ["reception"],
    }
    return model.Coverage(**(fields | changes))


def test_a_coverage_lists_one_record_type_or_more_each_a_known_tag() -> None:
    assert coverage(record_types=["voter_petition", " petition "]).record_types == (
        "voter_petition",
        "petition",
    )
    with pytest.raises(ValueError, match="record_types"):
        coverage(record_types=[])
    for bad in ("receptions", "Reception", "coverage"):
        with pytest.raises(InvalidValue, match="must be a record type tag"):
            coverage(record_types=["reception", bad])
    with pytest.raises(InvalidValue, match="is before start"):
        coverage(end=D(2022, 12, 31))


def test_version_2_dates_are_not_before_their_start() -> None:
    with pytest.raises(InvalidValue, match="dissolved: 2025-06-30 is before established"):
        council(established=D(2025, 7, 1), dissolved=D(2025, 6, 30))
    with pytest.raises(InvalidValue, match="done: 2023-04-09 is before issued"):
        model.Recommendation(
            id="k",
            council_id="tp",
            oversight_id="gs",
            issued=D(2023, 4, 10),
            addressee="UBND thành phố",
            status=hdnd.RecommendationStatus.done,
            done=D(2023, 4, 9),
        )
    with pytest.raises(InvalidValue, match="answered"):
        Petition(
            id="d",
            council_id="tp",
            received=D(2023, 2, 1),
            kind=hdnd.PetitionKind.complaint,
            field=hdnd.PetitionField.land,
            status=hdnd.PetitionStatus.received,
            answered=D(2023, 1, 31),
        )


def test_ballots_are_counts() -> None:
    with pytest.raises(InvalidValue, match="low: must be ≥ 0"):
        model.ConfidenceVote(
            id="t", council_id="tp", date=D(2023, 12, 8), person_id="p", post="Chủ tịch",
            high=1, medium=1, low=-1,
        )  # fmt: skip
