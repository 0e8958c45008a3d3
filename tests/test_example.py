"""The bundled example reproduces the figures of the source report, counted from records.

Expected values are the report's own numbers (shared/sources/q1-2023-city-briefing.txt).
"""

from __future__ import annotations

import datetime as dt

import hdnd
from hdnd import OversightKind, OversightStatus, ReceptionKind

Q1_2023 = (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
Q1_2022 = (dt.date(2022, 1, 1), dt.date(2022, 3, 31))


def within(day: dt.date, period: tuple[dt.date, dt.date]) -> bool:
    return period[0] <= day <= period[1]


def test_example_is_valid_and_clean(city: hdnd.Dataset) -> None:
    assert hdnd.check(city) == []


def test_oversight_of_both_levels(city: hdnd.Dataset) -> None:
    conducted = [
        o
        for o in city.oversight
        if within(o.start, Q1_2023)
        and o.status not in (OversightStatus.planned, OversightStatus.cancelled)
    ]
    thematic = [o for o in conducted if o.kind is OversightKind.thematic]
    assert len(thematic) == 11
    assert len(conducted) - len(thematic) == 27


def city_reception_totals(city: hdnd.Dataset, period: tuple[dt.date, dt.date]) -> tuple[int, ...]:
    sessions = [r for r in city.receptions if r.host_body_id == "tp-tt" and within(r.date, period)]
    return (
        sum(r.turns for r in sessions),
        sum(r.persons for r in sessions),
        sum(r.cases for r in sessions),
    )


def test_city_standing_committee_receptions(city: hdnd.Dataset) -> None:
    assert city_reception_totals(city, Q1_2023) == (74, 144, 74)
    turns_2022, _, cases_2022 = city_reception_totals(city, Q1_2022)
    assert (74 - turns_2022, 74 - cases_2022) == (-4, -6)


def test_commune_periodic_reception_sessions(city: hdnd.Dataset) -> None:
    communes = {c.id for c in city.councils if c.parent_id == "tp"}
    sessions = [
        r
        for r in city.receptions
        if r.council_id in communes and r.kind is ReceptionKind.periodic and within(r.date, Q1_2023)
    ]
    assert len(sessions) == 204


def test_named_leaders_and_resolution(city: hdnd.Dataset) -> None:
    roles = {city.get(hdnd.Person, p.person_id).full_name: p.role.label_vi for p in city.positions}
    assert roles == {
        "Nguyễn Văn Đô": "Chủ tịch",
        "Dương Thị Huệ": "Phó Chủ tịch Thường trực",
    }
    passed = {str(r.number): r.date for r in city.resolutions}
    assert passed["146/NQ-HĐND"] == dt.date(2022, 12, 15)
