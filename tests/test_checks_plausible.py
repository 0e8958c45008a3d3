"""Plausibility checks (HDND-R033 to R035): values lawful in shape, most likely slips.

Every expected finding is written out by hand from the hand-made data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import hdnd
from hdnd import (
    Body,
    BodyKind,
    Council,
    Level,
    Meeting,
    MeetingKind,
    OversightActivity,
    OversightKind,
    ReceptionKind,
    ReceptionSession,
    Recommendation,
    RecommendationStatus,
    Session,
    SessionKind,
    UnitType,
)

TODAY = dt.date(2026, 12, 3)
NEW = ("HDND-R033", "HDND-R034", "HDND-R035")
EXAMPLES = sorted((Path(__file__).parent.parent / "examples" / "data").glob("*.json"))


def commune(id: str = "x") -> Council:
    return Council(id=id, name=f"HĐND xã {id}", level=Level.commune, unit_type=UnitType.commune)


def reception(
    i: int, day: dt.date, council: str = "x", turns: int = 2, persons: int = 3, cases: int = 2
) -> ReceptionSession:
    return ReceptionSession(
        id=f"r{i}",
        council_id=council,
        date=day,
        kind=ReceptionKind.periodic,
        turns=turns,
        persons=persons,
        cases=cases,
    )


def a_year_of_receptions(
    council: str = "x", year: int = 2022, first: int = 0
) -> list[ReceptionSession]:
    """Two receptions a month: 24 records, 2 turns, 3 persons and 2 cases each."""
    return [
        reception(first + m * 2 + k, dt.date(year, m + 1, 5 + 10 * k), council)
        for m in range(12)
        for k in range(2)
    ]


def found(today: dt.date = TODAY, **collections: Any) -> list[tuple[str, str, str | None]]:
    findings = hdnd.check(hdnd.Dataset(**collections), include=NEW, today=today)
    return [(f.code, f.location, f.record_id) for f in findings]


def test_the_issues_2052_reception_is_a_located_warning() -> None:
    """Before: accepted without a word, and it dropped out of the quarter."""
    receptions = [reception(0, dt.date(2023, 1, 5)), reception(1, dt.date(2052, 1, 15))]
    [finding] = hdnd.check(
        hdnd.Dataset(councils=[commune()], receptions=receptions), include=NEW, today=TODAY
    )
    assert (finding.code, finding.severity, finding.location, finding.record_id) == (
        "HDND-R033",
        hdnd.Severity.warning,
        "receptions[1].date",
        "r1",
    )
    assert (finding.council_id, finding.date) == ("x", dt.date(2052, 1, 15))
    assert finding.message("en") == "date 2052-01-15 is after today (2026-12-03): a mistyped year?"
    assert finding.message("vi") == "Ngày 15/01/2052 sau ngày hôm nay (03/12/2026): gõ nhầm năm?"


def test_today_itself_is_not_after_today() -> None:
    receptions = [reception(0, TODAY), reception(1, TODAY + dt.timedelta(days=1))]
    assert found(councils=[commune()], receptions=receptions) == [
        ("HDND-R033", "receptions[1].date", "r1")
    ]


def test_a_year_typed_wrong_among_a_years_records() -> None:
    """2002 typed for 2022: more than two years before the others' 1st percentile."""
    receptions = a_year_of_receptions()
    receptions[7] = reception(7, dt.date(2002, 4, 15))
    [finding] = hdnd.check(
        hdnd.Dataset(councils=[commune()], receptions=receptions), include=NEW, today=TODAY
    )
    assert (finding.code, finding.location) == ("HDND-R034", "receptions[7].date")
    assert finding.message("en") == (
        "date 2002-04-15 lies more than 2 years outside the dates of nearly all other records "
        "(2022-01-05 to 2022-12-05): a mistyped year?"
    )
    assert finding.message("vi") == (
        "Ngày 15/04/2002 cách hơn 2 năm so với ngày của gần như mọi bản ghi khác "
        "(từ 05/01/2022 đến 05/12/2022): gõ nhầm năm?"
    )


def test_dates_within_two_years_of_the_others_are_usual() -> None:
    receptions = a_year_of_receptions()
    # the others run from 2022-01-15 to 2022-12-05: two years on either side is usual
    receptions[0] = reception(0, dt.date(2020, 1, 15))
    receptions[23] = reception(23, dt.date(2024, 12, 5))
    assert found(councils=[commune()], receptions=receptions) == []
    receptions[0] = reception(0, dt.date(2020, 1, 14))
    receptions[23] = reception(23, dt.date(2024, 12, 6))
    assert found(councils=[commune()], receptions=receptions) == [
        ("HDND-R034", "receptions[0].date", "r0"),
        ("HDND-R034", "receptions[23].date", "r23"),
    ]


def test_few_dated_records_say_nothing_of_what_is_usual() -> None:
    receptions = [*a_year_of_receptions()[:18], reception(99, dt.date(2002, 4, 15))]  # 19
    assert found(councils=[commune()], receptions=receptions) == []
    receptions.append(reception(100, dt.date(2022, 12, 20)))  # 20
    assert found(councils=[commune()], receptions=receptions) == [
        ("HDND-R034", "receptions[18].date", "r99")
    ]


def test_a_date_after_today_is_said_once() -> None:
    receptions = [*a_year_of_receptions(), reception(99, dt.date(2052, 1, 15))]
    assert found(councils=[commune()], receptions=receptions) == [
        ("HDND-R033", "receptions[24].date", "r99")
    ]


def test_a_count_ten_times_the_councils_median() -> None:
    """Medians by hand: turns 2 (ten times: 20), persons 3 (30), cases 2 (20)."""
    receptions = a_year_of_receptions()[:6]
    receptions[2] = reception(2, dt.date(2022, 2, 5), turns=20, persons=31, cases=200)
    [persons, cases] = hdnd.check(
        hdnd.Dataset(councils=[commune()], receptions=receptions), include=NEW, today=TODAY
    )
    assert [(f.code, f.location) for f in (persons, cases)] == [
        ("HDND-R035", "receptions[2].persons"),
        ("HDND-R035", "receptions[2].cases"),
    ]
    assert persons.message("en") == (
        "persons 31 is more than 10 times council 'x''s usual "
        "(the median of 6 receptions records is 3): a digit too many?"
    )
    assert cases.message("vi") == (
        "Vụ việc 200 gấp hơn 10 lần mức thường gặp của HĐND 'x' "
        "(trung vị 2 trên 6 bản ghi tiếp công dân): thừa chữ số?"
    )
    assert (cases.council_id, cases.date) == ("x", dt.date(2022, 2, 5))


def test_a_count_is_judged_against_its_own_councils_records() -> None:
    # council y's 40 turns a session are usual for y, and x's 2 say nothing about y
    big = [reception(100 + i, dt.date(2022, 3, 1 + i), "y", turns=40, persons=40) for i in range(5)]
    small = a_year_of_receptions()[:5]
    assert found(councils=[commune(), commune("y")], receptions=[*small, *big]) == []


def test_a_council_with_few_records_or_a_zero_median_says_nothing() -> None:
    four = a_year_of_receptions()[:4]
    four[0] = reception(0, dt.date(2022, 1, 5), turns=900, persons=900, cases=900)
    assert found(councils=[commune()], receptions=four) == []

    def meeting(i: int, opinions: int) -> Meeting:
        return Meeting(
            id=f"m{i}",
            council_id="x",
            kind=MeetingKind.briefing,
            date=dt.date(2022, 5, 1 + i),
            attendees=10,
            opinions=opinions,
        )

    meetings = [meeting(i, 0) for i in range(5)] + [meeting(5, 7)]  # median of opinions: 0
    assert found(councils=[commune()], meetings=meetings) == []
    meetings[0] = meeting(0, 101)  # opinions: 0, 0, 0, 0, 7, 101 → median 0 still
    meetings.extend(meeting(i, 10) for i in range(6, 9))  # median now 7 → 101 > 70
    assert found(councils=[commune()], meetings=meetings) == [
        ("HDND-R035", "meetings[0].opinions", "m0")
    ]


def test_a_sessions_number_is_no_count() -> None:
    sessions = [
        Session(
            id=f"s{n}",
            council_id="x",
            number=n,
            kind=SessionKind.regular,
            start=dt.date(2022, 1, 1) + dt.timedelta(days=10 * n),
        )
        for n in (1, 2, 3, 4, 5, 60)
    ]
    assert found(councils=[commune()], sessions=sessions) == []


def test_normal_data_gives_none_of_the_new_warnings() -> None:
    """Two councils over two years; counts vary, as they do, within a few times the usual."""
    receptions = [
        reception(i, dt.date(2022 + i % 2, 1 + i % 12, 1 + i % 28), "xy"[i % 2], *counts)
        for i, counts in enumerate(((1, 1, 1), (2, 3, 2), (5, 9, 4), (12, 15, 10), (3, 3, 3)) * 6)
    ]
    sessions = [
        Session(id=f"s{n}", council_id="x", number=n, kind=SessionKind.regular,
                start=dt.date(2022, 2 * n, 10), reports=3 + n, drafts=n % 3)
        for n in range(1, 7)
    ]  # fmt: skip
    councils = [commune(), commune("y")]
    assert found(councils=councils, receptions=receptions, sessions=sessions) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_bundled_examples_give_none_of_the_new_warnings(path: Path) -> None:
    findings = hdnd.check(hdnd.load(path), include=NEW, today=TODAY)
    assert findings == []


def test_every_finding_carries_its_council_and_date() -> None:
    late = reception(0, dt.date(2052, 1, 15))
    findings = hdnd.check(
        hdnd.Dataset(councils=[commune()], receptions=[late]), include=["HDND-R033"], today=TODAY
    )
    assert [f.as_dict()["council_id"] for f in findings] == ["x"]
    assert [f.as_dict()["date"] for f in findings] == ["2052-01-15"]
    council = Council(
        id="q", name="HĐND quận", level=Level.commune, unit_type=UnitType.urban_district
    )
    [wrong] = hdnd.check(hdnd.Dataset(councils=[council]), include=["HDND-R002"])
    assert (wrong.council_id, wrong.date) == ("q", None)


def test_a_date_after_today_does_not_make_recommendations_overdue() -> None:
    """HDND-R026 judges as at the data's latest date, but never after today."""
    oversight = OversightActivity(
        id="gs", council_id="x", body_id="tt", kind=OversightKind.thematic, subject="Đất đai",
        start=dt.date(2026, 3, 1),
    )  # fmt: skip
    due = Recommendation(
        id="kn", council_id="x", oversight_id="gs", issued=dt.date(2026, 3, 20),
        addressee="UBND xã", status=RecommendationStatus.pending, due=dt.date(2027, 6, 30),
    )  # fmt: skip
    ds = hdnd.Dataset(
        councils=[commune()],
        bodies=[Body(id="tt", council_id="x", kind=BodyKind.standing_committee)],
        oversight=[oversight],
        recommendations=[due],
        receptions=[reception(0, dt.date(2052, 1, 15))],
    )
    assert hdnd.check(ds, include=["HDND-R026"], today=TODAY) == []
    [overdue] = hdnd.check(ds, include=["HDND-R026"], today=dt.date(2027, 7, 1))
    assert overdue.location == "recommendations[0].due"
