"""Unknown is not zero (FORMAT.md, "What a figure of zero means"): a record type with no
record counting in a period and no coverage record spanning it has unknown figures.

Every expected value here is written from the hand-made records, not by running hdnd.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

import hdnd
from hdnd.comparison import Change, compare
from hdnd.converter import converter
from hdnd.enums import Level, PetitionField, PetitionKind, PetitionStatus, ReceptionKind, UnitType
from hdnd.model import Council, Coverage, Petition, ReceptionSession
from hdnd.periods import parse_period
from hdnd.summary import Figures, Summary, summarize

Q1_2023 = parse_period("quý I/2023")
Q1_2022 = parse_period("quý I/2022")


def _council(cid: str, level: str = "district", **more: object) -> Council:
    unit = {"province": "province", "district": "provincial_city", "commune": "ward"}[level]
    return Council(id=cid, name=f"HĐND {cid}", level=Level(level), unit_type=UnitType(unit), **more)  # type: ignore[arg-type]


def _reception(rid: str, council: str, day: dt.date, turns: int) -> ReceptionSession:
    return ReceptionSession(
        id=rid,
        council_id=council,
        date=day,
        kind=ReceptionKind.periodic,
        turns=turns,
        persons=turns,
        cases=turns,
    )


def _coverage(cid: str, council: str, start: dt.date, end: dt.date, *types: str) -> Coverage:
    return Coverage(id=cid, council_id=council, start=start, end=end, record_types=types)


RECEPTIONS_2023 = [
    _reception("r1", "tp", dt.date(2023, 1, 10), 70),
    _reception("r2", "tp", dt.date(2023, 3, 10), 50),
]


def test_no_record_and_no_coverage_is_unknown_not_zero() -> None:
    ds = hdnd.Dataset(councils=[_council("tp")], receptions=RECEPTIONS_2023)
    now, then = summarize(ds, Q1_2023, "tp"), summarize(ds, Q1_2022, "tp")
    assert now.figures.receptions is not None
    assert now.figures.receptions.total.turns == 120
    assert then.figures.receptions is None
    # petitions: none recorded in either quarter
    assert now.figures.petitions is None
    change = compare(now, then)["receptions", "total", "turns"]
    assert change == Change(120, None)
    assert change.delta is None
    assert change.percent is None


def test_a_baseline_with_coverage_and_no_record_is_a_known_zero() -> None:
    covered = _coverage("pv", "tp", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "reception")
    ds = hdnd.Dataset(councils=[_council("tp")], receptions=RECEPTIONS_2023, coverage=[covered])
    now, then = summarize(ds, Q1_2023, "tp"), summarize(ds, Q1_2022, "tp")
    assert then.figures.receptions is not None
    assert then.figures.receptions.total.turns == 0
    assert then.figures.petitions is None  # the coverage record does not list petitions
    change = compare(now, then)["receptions", "total", "turns"]
    assert (change.current, change.previous, change.delta) == (120, 0, 120)


def test_coverage_must_span_the_whole_period() -> None:
    part = _coverage("pv", "tp", dt.date(2022, 2, 1), dt.date(2022, 12, 31), "reception")
    ds = hdnd.Dataset(councils=[_council("tp")], coverage=[part])
    assert summarize(ds, Q1_2022, "tp").figures.receptions is None
    assert summarize(ds, parse_period("quý II/2022"), "tp").figures.receptions is not None


def test_a_council_established_after_the_baseline_has_no_baseline() -> None:
    # formed on 1/2/2023, its records complete from that day: known in Q1/2023 (the part
    # of the quarter it existed in), unknown in Q1/2022, even with a coverage record
    # claiming 2022 (R020 reports that record; it counts for nothing here)
    new = _council("new", "commune", established=dt.date(2023, 2, 1))
    ds = hdnd.Dataset(
        councils=[new],
        coverage=[
            _coverage("pv1", "new", dt.date(2023, 2, 1), dt.date(2023, 12, 31), "reception"),
            _coverage("pv2", "new", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "reception"),
        ],
    )
    now, then = summarize(ds, Q1_2023, "new"), summarize(ds, Q1_2022, "new")
    assert now.figures.receptions is not None
    assert now.figures.receptions.total.turns == 0
    assert then.figures.receptions is None


def test_a_dissolved_council_covers_the_part_of_the_period_it_lived() -> None:
    old = _council("old", "commune", dissolved=dt.date(2023, 2, 28))
    ds = hdnd.Dataset(
        councils=[old],
        coverage=[_coverage("pv", "old", dt.date(2023, 1, 1), dt.date(2023, 2, 28), "petition")],
    )
    assert summarize(ds, Q1_2023, "old").figures.petitions is not None
    assert summarize(ds, parse_period("quý II/2023"), "old").figures.petitions is None


def test_each_level_is_known_or_unknown_by_its_own_records() -> None:
    ds = hdnd.Dataset(
        councils=[_council("tp"), _council("x", "commune", parent_id="tp")],
        receptions=RECEPTIONS_2023,
        petitions=[
            Petition(
                id="d1",
                council_id="x",
                received=dt.date(2023, 2, 1),
                kind=PetitionKind.complaint,
                field=PetitionField.land,
                status=PetitionStatus.received,
            )
        ],
    )
    s = summarize(ds, Q1_2023, "tp", with_subordinates=True)
    city, communes = s.by_level[Level.district], s.by_level[Level.commune]
    assert city.receptions is not None
    assert city.petitions is None
    assert communes.receptions is None
    assert communes.petitions is not None
    assert s.figures.receptions is not None
    assert s.figures.petitions is not None
    assert sum(s.by_level.values(), Figures.unknown()) == s.figures
    # a level unknown in one summary compares with nothing, whatever its keys
    change = compare(s, s).get_change("by_level", "commune", "receptions", "total", "turns")
    assert change == Change(None, None)


def test_by_council_and_every_council_by_level() -> None:
    ds = hdnd.Dataset(
        councils=[
            _council("tp"),
            _council("x", "commune", parent_id="tp"),
            _council("y", "commune"),
        ],
        receptions=[*RECEPTIONS_2023, _reception("r3", "y", dt.date(2023, 2, 2), 5)],
    )
    s = summarize(ds, Q1_2023, with_subordinates=True, by_council=True)
    assert set(s.by_level) == {Level.district, Level.commune}
    assert s.by_level[Level.commune].receptions.total.turns == 5  # type: ignore[union-attr]
    assert list(s.by_council) == ["tp", "x", "y"]
    assert s.by_council["tp"].receptions.total.turns == 120  # type: ignore[union-attr]
    assert s.by_council["x"].receptions is None
    assert summarize(ds, Q1_2023).by_council == {}


def test_json_has_every_figure_every_time_and_unknown_as_null() -> None:
    covered = _coverage("pv", "tp", dt.date(2023, 1, 1), dt.date(2023, 3, 31), "petition")
    ds = hdnd.Dataset(councils=[_council("tp")], receptions=RECEPTIONS_2023, coverage=[covered])
    s = summarize(ds, Q1_2023, "tp")
    data = json.loads(json.dumps(converter.unstructure(s, Summary)))
    figures = data["figures"]
    assert figures["receptions"]["by_kind"]["unscheduled"] == {
        "sessions": 0,
        "turns": 0,
        "persons": 0,
        "cases": 0,
        "mass_groups": 0,
    }
    assert figures["receptions"]["total"]["mass_groups"] == 0
    assert figures["petitions"]["received"] == 0
    assert figures["petitions"]["answered"] == 0
    assert figures["sessions"] is None
    assert converter.structure(data, Summary) == s


@pytest.mark.parametrize("council", ["x-an-binh"])
def test_the_merged_commune_has_no_baseline_of_its_own(council: str) -> None:
    merged = hdnd.load("examples/data/merged-commune-2025.json")
    q3 = parse_period("quý III/2025")
    now = summarize(merged, q3, council)
    then = summarize(merged, parse_period("quý III/2024"), council)
    assert now.figures.receptions is not None
    assert then.figures.receptions is None
    assert compare(now, then)["receptions", "total", "turns"].delta is None
