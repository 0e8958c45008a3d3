"""Summaries, comparisons and reports.

The golden tests assert the figures of the source report (shared/sources/
q1-2023-city-briefing.txt) from the bundled record-level example: every expected
value below is the report's own number, not the code's output.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.comparison import summary_figures
from hdnd.converter import converter
from hdnd.model import Body, Council, Person, Position
from hdnd.periods import Period, parse_period
from hdnd.report import render
from hdnd.summary import Citation, Figures, Summary, summarize_records
from hdnd.testing import datasets
from hdnd.testing.periods import quarters, years

Q1_2023 = parse_period("quý I/2023")


@pytest.fixture(scope="module")
def two_levels(city: hdnd.Dataset) -> tuple[Summary, Summary]:
    now = hdnd.summarize(city, Q1_2023, council="tp", with_subordinates=True)
    then = hdnd.summarize(city, hdnd.baseline(Q1_2023), council="tp", with_subordinates=True)
    return now, then


# -- the source report's figures ----------------------------------------------------------


def test_oversight_of_both_levels(two_levels: tuple[Summary, Summary]) -> None:
    oversight = two_levels[0].figures.oversight
    assert oversight.by_kind["thematic"] == 11
    assert (
        oversight.by_kind["routine"] + oversight.by_kind["ad_hoc"] + oversight.by_kind["survey"]
        == 27
    )


def test_city_standing_committee_receptions(two_levels: tuple[Summary, Summary]) -> None:
    now, then = two_levels
    counts = now.figures.receptions.by_host["tp-tt"]
    assert (counts.turns, counts.persons, counts.cases) == (74, 144, 74)
    comparison = hdnd.compare(now, then)
    assert comparison["receptions", "by_host", "tp-tt", "turns"].delta == -4
    assert comparison["receptions", "by_host", "tp-tt", "cases"].delta == -6


def test_commune_periodic_sessions(two_levels: tuple[Summary, Summary]) -> None:
    communes = two_levels[0].by_level[hdnd.Level.commune]
    assert communes.receptions.by_kind["periodic"].sessions == 204


def test_resolution_146(city: hdnd.Dataset) -> None:
    q4 = hdnd.summarize(city, parse_period("quý IV/2022"), council="tp")
    assert Citation("146/NQ-HĐND", dt.date(2022, 12, 15)) in q4.figures.resolutions.passed
    assert "Nghị quyết số 146/NQ-HĐND ngày 15/12/2022" in render(q4, lang="vi")


def test_vietnamese_prose(two_levels: tuple[Summary, Summary]) -> None:
    text = render(two_levels[0], hdnd.compare(*two_levels), lang="vi")
    assert text.startswith("KẾT QUẢ HOẠT ĐỘNG CỦA HĐND 2 CẤP QUÝ I/2023")
    assert (
        "Trong quý I/2023, HĐND 2 cấp đã triển khai 11 cuộc giám sát chuyên đề, "
        "27 cuộc giám sát, khảo sát đột xuất, thường xuyên"
    ) in text
    assert (
        "Thường trực HĐND thành phố tiếp 74 lượt với 144 công dân, 74 vụ việc "
        "(giảm 4 lượt, giảm 6 vụ việc so cùng kỳ)"
    ) in text
    assert "Thường trực HĐND cấp xã tham gia 204 buổi tiếp công dân định kỳ" in text
    assert " 0 " not in text  # zero figures are left out


def test_english_prose(two_levels: tuple[Summary, Summary]) -> None:
    text = render(two_levels[0], hdnd.compare(*two_levels), lang="en")
    assert "11 thematic oversight activities and 27 routine, ad hoc and survey activities" in text
    assert (
        "received 74 turns of 144 citizens with 74 cases "
        "(down 4 turns, down 6 cases on the same period last year)"
    ) in text
    assert "204 periodic citizen reception sessions" in text


def test_numbers_written_the_vietnamese_way() -> None:
    council = Council(
        id="t", name="HĐND tỉnh", level=hdnd.Level.province, unit_type=hdnd.UnitType.province
    )
    body = Body(id="t-tt", council_id="t", kind=hdnd.BodyKind.standing_committee)
    receptions = [
        hdnd.ReceptionSession(
            id=f"r{i}",
            council_id="t",
            date=dt.date(2023, 2, 1),
            kind=hdnd.ReceptionKind.periodic,
            host_body_id="t-tt",
            turns=894,
            persons=1000,
            cases=10,
        )
        for i in range(2)
    ]
    summary = hdnd.summarize(
        hdnd.Dataset(councils=[council], bodies=[body], receptions=receptions), Q1_2023, council="t"
    )
    assert "Thường trực HĐND tỉnh tiếp 1.788 lượt với 2.000 công dân, 20 vụ việc." in render(
        summary
    )


def test_markdown_csv_and_json_reports(two_levels: tuple[Summary, Summary]) -> None:
    now, then = two_levels
    comparison = hdnd.compare(now, then)
    table = render(now, comparison, lang="vi", format="markdown")
    assert "| Chỉ tiêu | Quý I/2023 | Quý I/2022 | Tăng/giảm |" in table
    assert (
        "| Tiếp công dân › theo cơ quan tiếp › Thường trực HĐND thành phố › vụ việc "
        "| 74 | 80 | -6 (-7,5%) |"
    ) in table
    rows = render(now, comparison, lang="en", format="csv").splitlines()
    assert rows[0] == "figure,label,current,previous,change,percent"
    assert (
        "receptions.by_host.tp-tt.cases,Citizen receptions › by host › "
        "Thường trực HĐND thành phố › cases,74,80,-6,-7.50" in rows
    )
    data = json.loads(render(now, comparison, format="json"))
    assert data["summary"]["figures"]["oversight"]["by_kind"]["thematic"] == 11
    assert data["changes"]["receptions.by_host.tp-tt.turns"] == {
        "current": 74,
        "previous": 78,
        "change": -4,
        "percent": pytest.approx(-5.128, abs=1e-3),
    }


def test_unknown_council(city: hdnd.Dataset) -> None:
    with pytest.raises(hdnd.HdndError, match="no council with id 'nowhere'"):
        hdnd.summarize(city, Q1_2023, council="nowhere")


def test_streamed_summary_equals_loaded(city: hdnd.Dataset, tmp_path: Path) -> None:
    lines = tmp_path / "city.jsonl"
    hdnd.dump(city, lines)
    streamed = summarize_records(hdnd.iter_records(lines), Q1_2023, "tp", True)
    assert streamed == hdnd.summarize(city, Q1_2023, "tp", True)


# -- properties -----------------------------------------------------------------------------

STRUCTURE = (Council, Body, Person, Position)
periods = st.one_of(years(min_year=2016, max_year=2030), quarters(min_year=2016, max_year=2030))


def split(ds: hdnd.Dataset, sides: list[bool]) -> tuple[list[hdnd.Record], list[hdnd.Record]]:
    """Councils and bodies go to both parts; every counted record to one part."""
    structure = [r for r in ds.records() if isinstance(r, STRUCTURE)]
    counted = [r for r in ds.records() if not isinstance(r, STRUCTURE)]
    left = [r for r, side in zip(counted, sides, strict=False) if side]
    right = [r for r, side in zip(counted, sides, strict=False) if not side]
    right += counted[len(sides) :]
    return structure + left, structure + right


@settings(max_examples=60, deadline=None)
@given(datasets(max_councils=4), periods, st.lists(st.booleans(), max_size=60))
def test_parts_add_up_to_the_whole(ds: hdnd.Dataset, period: Period, sides: list[bool]) -> None:
    left, right = split(ds, sides)
    whole = hdnd.summarize(ds, period).figures
    assert (
        summarize_records(left, period).figures + summarize_records(right, period).figures == whole
    )


@settings(max_examples=60, deadline=None)
@given(datasets(max_councils=4), periods, st.randoms(use_true_random=False))
def test_order_does_not_matter(ds: hdnd.Dataset, period: Period, rnd: object) -> None:
    records = list(ds.records())
    rnd.shuffle(records)  # type: ignore[attr-defined]
    assert summarize_records(records, period) == hdnd.summarize(ds, period)


@settings(max_examples=60, deadline=None)
@given(datasets(max_councils=5), periods, st.data())
def test_roll_up_is_the_sum_of_its_members(
    ds: hdnd.Dataset, period: Period, data: st.DataObject
) -> None:
    top = data.draw(st.sampled_from([c.id for c in ds.councils]))
    rolled = hdnd.summarize(ds, period, council=top, with_subordinates=True)
    members = [hdnd.summarize(ds, period, council=c).figures for c in rolled.councils]
    assert sum(members, Figures.unknown()) == rolled.figures
    assert sum(rolled.by_level.values(), Figures.unknown()) == rolled.figures
    assert top in rolled.councils


@settings(max_examples=40, deadline=None)
@given(datasets(max_councils=4), periods)
def test_comparison_with_itself_is_all_zero(ds: hdnd.Dataset, period: Period) -> None:
    summary = hdnd.summarize(ds, period)
    comparison = hdnd.compare(summary, summary)
    assert len(comparison) == len(dict(summary_figures(summary)))
    for c in comparison.values():  # unknown stays unknown: no change to state
        assert c.delta == (None if c.current is None else 0)
        assert c.percent in (0.0, None)


@settings(max_examples=40, deadline=None)
@given(datasets(max_councils=4), periods, st.booleans())
def test_summary_json_round_trips(ds: hdnd.Dataset, period: Period, subordinates: bool) -> None:
    council = ds.councils[0].id
    summary = hdnd.summarize(ds, period, council=council, with_subordinates=subordinates)
    data = json.loads(json.dumps(converter.unstructure(summary, Summary)))
    assert converter.structure(data, Summary) == summary
