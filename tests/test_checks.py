"""Each domain check fires on the case it is for, and stays quiet on a correct one."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

import hdnd
from hdnd import (
    Body,
    BodyKind,
    CommitteeField,
    Council,
    Jurisdiction,
    Level,
    Meeting,
    MeetingKind,
    OversightActivity,
    OversightKind,
    Person,
    Position,
    ReceptionKind,
    ReceptionSession,
    Role,
    Session,
    SessionKind,
    UnitType,
    VoterPetition,
    VoterPetitionStatus,
)
from hdnd.checks import CHECKS, Severity

BEFORE = dt.date(2024, 3, 1)
AFTER = dt.date(2025, 9, 1)
_ids = itertools.count()


def province(id: str = "t", **kw: Any) -> Council:
    return Council(id=id, name="HĐND tỉnh", level=Level.province, unit_type=UnitType.province, **kw)


def district(id: str = "h", **kw: Any) -> Council:
    return Council(
        id=id, name="HĐND huyện", level=Level.district, unit_type=UnitType.rural_district, **kw
    )


def commune(id: str = "x", **kw: Any) -> Council:
    return Council(id=id, name="HĐND xã", level=Level.commune, unit_type=UnitType.commune, **kw)


def reception(council: str = "x", day: dt.date = BEFORE, **kw: Any) -> ReceptionSession:
    counts = {"turns": 2, "persons": 3, "cases": 2} | kw
    return ReceptionSession(
        id=f"r{next(_ids)}",
        council_id=council,
        date=day,
        kind=ReceptionKind.periodic,
        **counts,
    )


def codes(**collections: Any) -> list[tuple[str, str]]:
    return [(f.code, f.location) for f in hdnd.check(hdnd.Dataset(**collections))]


def test_codes_are_stable_and_unique() -> None:
    assert [c.code for c in CHECKS] == [f"HDND-R{n:03d}" for n in range(1, 36)]
    warnings = {c.code for c in CHECKS if c.severity is Severity.warning}
    assert warnings == {
        "HDND-R008",
        "HDND-R010",
        "HDND-R011",
        "HDND-R012",
        "HDND-R013",
        "HDND-R018",
        "HDND-R019",
        "HDND-R024",
        "HDND-R026",
        "HDND-R029",
        "HDND-R031",
        "HDND-R033",
        "HDND-R034",
        "HDND-R035",
    }


def test_r001_district_level_after_reform() -> None:
    late = reception("h", AFTER)
    assert codes(councils=[district()], receptions=[reception("h"), late]) == [
        ("HDND-R001", "receptions[1]")
    ]
    assert codes(councils=[district()], receptions=[reception("h")]) == []
    petition = VoterPetition(
        id="v",
        council_id="t",
        received=AFTER,
        status=VoterPetitionStatus.received,
        jurisdiction=Jurisdiction.district,
    )
    assert codes(councils=[province()], voter_petitions=[petition]) == [
        ("HDND-R001", "voter_petitions[0].jurisdiction")
    ]


def test_r002_unit_type_fits_level() -> None:
    wrong = Council(
        id="q", name="HĐND quận", level=Level.commune, unit_type=UnitType.urban_district
    )
    assert codes(councils=[wrong]) == [("HDND-R002", "councils[0].unit_type")]


def test_r003_unit_type_in_force() -> None:
    township = Council(
        id="tt", name="HĐND thị trấn", level=Level.commune, unit_type=UnitType.township
    )
    zone = Council(
        id="dk", name="HĐND đặc khu", level=Level.commune, unit_type=UnitType.special_zone
    )
    found = codes(
        councils=[township, zone],
        receptions=[
            reception("tt", AFTER),
            reception("dk", BEFORE),
            reception("tt", BEFORE),
            reception("dk", AFTER),
        ],
    )
    assert found == [("HDND-R003", "receptions[0]"), ("HDND-R003", "receptions[1]")]


def test_r004_parent_one_level_up() -> None:
    assert codes(councils=[province(), district(parent_id="t"), commune(parent_id="h")]) == []
    assert codes(councils=[province(), commune(parent_id="t")]) == []  # after the reform
    assert codes(councils=[commune("a"), commune("b", parent_id="a")]) == [
        ("HDND-R004", "councils[1].parent_id")
    ]
    loop = [province("p1", parent_id="p2"), province("p2", parent_id="p1")]
    findings = hdnd.check(hdnd.Dataset(councils=loop))
    assert [(f.code, f.location) for f in findings] == [
        ("HDND-R004", "councils[0].parent_id"),
        ("HDND-R004", "councils[1].parent_id"),
    ]
    assert all(f.message_en == "the chain of parent councils loops back" for f in findings)


def test_r005_unit_code_length() -> None:
    assert codes(councils=[province(unit_code="01"), commune(unit_code="00004")]) == []
    assert codes(councils=[commune(unit_code="004")]) == [("HDND-R005", "councils[0].unit_code")]


def committee(id: str, council: str, field: CommitteeField) -> Body:
    return Body(id=id, council_id=council, kind=BodyKind.committee, committee_field=field)


def test_r006_committee_field_fits_level() -> None:
    ok = [committee("a", "t", CommitteeField.ethnic), committee("b", "x", CommitteeField.legal)]
    assert codes(councils=[province(), commune()], bodies=ok) == []
    wrong = [
        committee("a", "h", CommitteeField.economy_budget),
        committee("b", "t", CommitteeField.urban),
    ]  # urban: centrally-run cities only
    assert codes(councils=[province(), district()], bodies=wrong) == [
        ("HDND-R006", "bodies[0].committee_field"),
        ("HDND-R006", "bodies[1].committee_field"),
    ]


def test_r007_commune_committees_changed_with_the_reform() -> None:
    bodies = [
        committee("old", "x", CommitteeField.legal),
        committee("new", "x", CommitteeField.culture_society),
    ]

    def activity(body: str, day: dt.date) -> OversightActivity:
        return OversightActivity(
            id=f"{body}{day}",
            council_id="x",
            body_id=body,
            kind=OversightKind.survey,
            subject="Khảo sát",
            start=day,
        )

    fine = [activity("old", BEFORE), activity("new", AFTER)]
    assert codes(councils=[commune()], bodies=bodies, oversight=fine) == []
    swapped = [activity("old", AFTER), activity("new", BEFORE)]
    assert codes(councils=[commune()], bodies=bodies, oversight=swapped) == [
        ("HDND-R007", "bodies[0].committee_field"),
        ("HDND-R007", "bodies[1].committee_field"),
    ]


def standing(council: str = "x") -> Body:
    return Body(id=f"{council}-tt", council_id=council, kind=BodyKind.standing_committee)


def people(n: int) -> list[Person]:
    return [Person(id=f"p{i}", full_name=f"Người {i}") for i in range(n)]


def position(
    i: int, role: Role, body: str = "x-tt", start: dt.date | None = None, end: dt.date | None = None
) -> Position:
    return Position(id=f"pos{i}", person_id=f"p{i}", body_id=body, role=role, start=start, end=end)


def test_r008_one_chair_at_a_time() -> None:
    successive = [
        position(0, Role.chair, end=dt.date(2023, 5, 31)),
        position(1, Role.chair, start=dt.date(2023, 6, 1)),
    ]
    base = {"councils": [commune()], "bodies": [standing()], "people": people(2)}
    assert codes(**base, positions=successive) == []
    overlapping = [position(0, Role.chair), position(1, Role.chair, start=dt.date(2023, 6, 1))]
    assert codes(**base, positions=overlapping) == [("HDND-R008", "bodies[0]")]
    no_chair = [position(0, Role.vice_chair)]
    assert codes(**base, positions=no_chair) == [("HDND-R008", "bodies[0]")]


def test_r009_role_fits_body() -> None:
    body = committee("x-bpc", "x", CommitteeField.legal)
    found = codes(
        councils=[commune()],
        bodies=[body],
        people=people(2),
        positions=[position(0, Role.committee_head, "x-bpc"), position(1, Role.chair, "x-bpc")],
    )
    assert found == [("HDND-R009", "positions[1].role")]


def test_r010_vice_chair_limit_from_reform() -> None:
    before = [
        position(0, Role.chair),
        position(1, Role.vice_chair, end=dt.date(2025, 6, 30)),
        position(2, Role.vice_chair, end=dt.date(2025, 6, 30)),
    ]
    base = {"councils": [commune()], "bodies": [standing()], "people": people(3)}
    assert codes(**base, positions=before) == []
    after = [
        position(0, Role.chair),
        position(1, Role.standing_vice_chair),
        position(2, Role.vice_chair, start=AFTER),
    ]
    assert codes(**base, positions=after) == [("HDND-R010", "bodies[0]")]


def test_r011_to_r013_reception_counts() -> None:
    found = codes(
        councils=[commune()],
        receptions=[
            reception(turns=3, persons=2, cases=3),
            reception(cases=4, first_time_cases=1, repeat_cases=2),
            reception(turns=1, persons=6, cases=1, mass_groups=2),
            reception(
                turns=2, persons=10, cases=2, mass_groups=2, first_time_cases=2, repeat_cases=0
            ),
        ],
    )
    assert found == [
        ("HDND-R011", "receptions[0].persons"),
        ("HDND-R012", "receptions[1].cases"),
        ("HDND-R013", "receptions[2].mass_groups"),
    ]


def test_r014_body_of_council_or_subordinate() -> None:
    councils = [district(), commune(parent_id="h"), commune("y", parent_id="h")]
    bodies = [standing("h"), standing("x")]
    upward = reception("h", host_body_id="x-tt")  # city counts a commune's session: roll-up
    sideways = reception("y", host_body_id="x-tt")
    found = codes(councils=councils, bodies=bodies, receptions=[upward, sideways])
    assert found == [("HDND-R014", "receptions[1].host_body_id")]


def test_r015_same_council_session_and_meeting() -> None:
    session = Session(id="s", council_id="t", number=1, kind=SessionKind.regular, start=BEFORE)
    meeting = Meeting(id="m", council_id="t", kind=MeetingKind.voter_meeting, date=BEFORE)
    vp = VoterPetition(
        id="v",
        council_id="x",
        received=BEFORE,
        status=VoterPetitionStatus.forwarded,
        session_id="s",
        meeting_id="m",
    )
    assert codes(
        councils=[province(), commune()],
        sessions=[session],
        meetings=[meeting],
        voter_petitions=[vp],
    ) == [
        ("HDND-R015", "voter_petitions[0].session_id"),
        ("HDND-R015", "voter_petitions[0].meeting_id"),
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_finding_speaks_both_languages(lang: str) -> None:
    findings = hdnd.check(hdnd.Dataset(councils=[commune(unit_code="1")]))
    assert [f.code for f in findings] == ["HDND-R005"]
    assert findings[0].message(lang)  # type: ignore[arg-type]
    assert findings[0].message_vi != findings[0].message_en


def test_include_selects_checks() -> None:
    ds = hdnd.Dataset(councils=[commune()], receptions=[reception(turns=3, persons=2, cases=3)])
    assert hdnd.check(ds, include=["HDND-R001"]) == []
    assert [f.code for f in hdnd.check(ds, include=["HDND-R011"])] == ["HDND-R011"]


def resolution(i: int, number: str, day: dt.date, council: str = "x") -> hdnd.Resolution:
    return hdnd.Resolution(
        id=f"nq{i}",
        council_id=council,
        number=hdnd.DocumentNumber.parse(number),
        date=day,
        title="Nghị quyết",
    )


def test_r016_normative_year_is_the_date_year() -> None:
    found = codes(
        councils=[commune()],
        resolutions=[
            resolution(0, "15/2022/NQ-HĐND", dt.date(2022, 12, 15)),
            resolution(1, "01/2023/NQ-HĐND", dt.date(2022, 12, 30)),
            resolution(2, "146/NQ-HĐND", dt.date(2022, 12, 15)),
        ],
    )
    assert found == [("HDND-R016", "resolutions[1].number")]


def test_r017_number_used_once_per_issuer_and_year() -> None:
    found = codes(
        councils=[commune(), commune("y")],
        resolutions=[
            resolution(0, "25/NQ-HĐND", dt.date(2023, 3, 1)),
            resolution(1, "25/NQ-HĐND", dt.date(2025, 3, 1)),  # another year: fine
            resolution(2, "25/NQ-HĐND", dt.date(2023, 3, 1), council="y"),  # another council
            resolution(3, "25/2023/NQ-HĐND", dt.date(2023, 3, 1)),  # normative: own sequence
            resolution(4, "25/NQ-HĐND", dt.date(2023, 5, 1)),
        ],
    )
    assert found == [("HDND-R017", "resolutions[4].number")]


def test_r018_numbers_go_up_with_dates() -> None:
    found = codes(
        councils=[commune()],
        resolutions=[
            resolution(0, "10/NQ-HĐND", dt.date(2023, 3, 1)),
            resolution(1, "11/NQ-HĐND", dt.date(2023, 3, 1)),
            resolution(2, "09/NQ-HĐND", dt.date(2023, 4, 1)),
            resolution(3, "12/NQ-HĐND", dt.date(2023, 5, 1)),
        ],
    )
    assert found == [("HDND-R018", "resolutions[2].number")]
