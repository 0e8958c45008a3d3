"""The summary figures of format version 2, counted by hand on small datasets.

Each dataset below holds a few records of one kind around the first quarter of 2023
(1/1/2023 to 31/3/2023); each expected figure is a literal counted by hand, with the
reason written beside it. Every figure is checked in :func:`hdnd.summarize`, in
``hdnd summary FILE --format json`` and, when DuckDB is installed, in the DuckDB engine.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.periods import Period, parse_period
from hdnd.report import render
from hdnd.summary import (
    Figures,
    QuestionFigures,
    RecommendationFigures,
    summarize,
    summarize_periods,
)
from hdnd.testing import datasets
from hdnd.testing.periods import quarters, years

HdndCli = Callable[..., subprocess.CompletedProcess[str]]  # the fixture in conftest.py
Q1_2023 = parse_period("quý I/2023")

COUNCILS = [
    {"id": "tp", "name": "HĐND thành phố", "level": "district", "unit_type": "provincial_city"},
    {
        "id": "px",
        "name": "HĐND phường X",
        "level": "commune",
        "unit_type": "ward",
        "parent_id": "tp",
    },
]
PEOPLE = [{"id": f"p{i}", "full_name": f"Người {i}"} for i in range(1, 10)]
BODIES = [{"id": "tp-tt", "council_id": "tp", "kind": "standing_committee"}]
OVERSIGHT = [
    {
        "id": "gs-1",
        "council_id": "tp",
        "body_id": "tp-tt",
        "kind": "thematic",
        "subject": "Giải quyết kiến nghị cử tri",
        "start": "2022-09-01",
    }
]


def question(
    i: int, day: str, topic: str, respondent: str, answer: str, council: str = "tp"
) -> Any:
    return {
        "id": f"q{i}",
        "council_id": council,
        "date": day,
        "topic": topic,
        "respondent": respondent,
        "answer": answer,
    }


QUESTIONS = [
    question(1, "2023-02-10", "Đất đai", "Giám đốc Sở TN&MT", "direct"),
    question(2, "2023-02-10", "Đất đai", "Giám đốc Sở TN&MT", "written"),
    question(3, "2023-03-05", "Y tế", "Giám đốc Sở Y tế", "direct"),
    question(4, "2023-03-31", "Y tế", "Giám đốc Sở TN&MT", "pending"),
    question(5, "2022-12-20", "Giáo dục", "Giám đốc Sở GD&ĐT", "direct"),  # before the quarter
    # the ward's: with subordinates only; its topic is one the city questioned too
    question(6, "2023-01-15", "Đất đai", "Chủ tịch UBND phường", "direct", council="px"),
]


def session(i: int, start: str, **counts: int) -> Any:
    record = {"id": f"s{i}", "council_id": "tp", "number": i, "kind": "regular", "start": start}
    return record | counts


SESSIONS = [
    session(1, "2023-01-10", reports=27, drafts=20),
    session(2, "2023-03-20", reports=3),  # no drafts recorded: adds nothing to drafts
    session(3, "2023-02-01"),  # neither recorded
    session(4, "2023-04-02", reports=5, drafts=5),  # after the quarter
]


def recommendation(i: int, issued: str, status: str, **dates: str) -> Any:
    return {
        "id": f"r{i}",
        "council_id": "tp",
        "oversight_id": "gs-1",
        "issued": issued,
        "addressee": "UBND thành phố",
        "status": status,
    } | dates


RECOMMENDATIONS = [
    recommendation(1, "2023-01-10", "done", done="2023-03-01"),
    recommendation(2, "2023-02-01", "done", due="2023-03-15", done="2023-05-02"),
    recommendation(3, "2023-02-15", "done"),  # done, no date: done by the end
    recommendation(4, "2023-03-01", "in_progress", due="2023-06-30"),
    recommendation(5, "2022-11-01", "pending", due="2023-01-31"),
    recommendation(6, "2022-10-01", "done", due="2022-11-30", done="2022-12-01"),
    recommendation(7, "2023-04-10", "pending", due="2023-04-30"),
    recommendation(8, "2023-03-10", "pending", due="2023-03-31"),
]


def vote(i: int, day: str, high: int, medium: int, low: int, voters: int | None = None) -> Any:
    v = {
        "id": f"v{i}",
        "council_id": "tp",
        "date": day,
        "person_id": f"p{i}",
        "post": "Phó Chủ tịch UBND",
        "high": high,
        "medium": medium,
        "low": low,
    }
    return v | ({"voters": voters} if voters is not None else {})


CONFIDENCE_VOTES = [
    vote(1, "2023-03-15", 20, 5, 4),  # voters 29 = 20+5+4: 40 > 29, high majority
    vote(2, "2023-03-15", 10, 5, 15, voters=30),  # 2·15 = 30 ≥ 30: low half; 45 < 60
    vote(3, "2023-03-15", 2, 8, 20, voters=30),  # 40 ≥ 30 low half; 3·20 = 60 ≥ 60 two thirds
    vote(4, "2023-03-15", 15, 10, 5, voters=30),  # 2·15 = 30, not > 30: no high majority
    vote(5, "2022-12-01", 29, 0, 0),  # before the quarter
    vote(6, "2023-03-15", 0, 0, 0),  # no ballot at all: assessed, rated nothing
]


def deputy(i: int, start: str, **more: Any) -> Any:
    return {"id": f"d{i}", "council_id": "tp", "person_id": f"p{i}", "start": start} | more


DEPUTIES = [
    deputy(1, "2021-06-25", full_time=True),
    deputy(2, "2021-06-25", end="2023-02-15", end_reason="resigned"),
    deputy(3, "2023-02-20"),
    deputy(4, "2021-06-25", end="2023-03-31", end_reason="transferred"),  # ends on the last day
    deputy(5, "2021-06-25", end="2022-12-31", end_reason="deceased"),
    deputy(6, "2023-03-01", end="2023-03-20"),  # ended without a reason recorded
    deputy(7, "2023-04-01"),
    deputy(8, "2021-06-25", end="2023-01-31", end_reason="reorganised", full_time=True),
]


def voter_petition(i: int, received: str, status: str, **more: str) -> Any:
    return {"id": f"vp{i}", "council_id": "tp", "received": received, "status": status} | more


VOTER_PETITIONS = [
    voter_petition(1, "2023-01-05", "resolved", channel="before_session", answered="2023-02-01"),
    voter_petition(2, "2023-02-10", "in_progress", channel="after_session"),
    voter_petition(3, "2022-11-20", "explained", answered="2023-01-15"),
    voter_petition(4, "2022-10-01", "in_progress"),
    voter_petition(5, "2022-09-01", "resolved"),  # settled, no date: settled before
    voter_petition(6, "2022-08-01", "resolved", answered="2022-12-31"),
    voter_petition(7, "2022-12-01", "resolved", answered="2023-01-01"),
    voter_petition(8, "2023-03-01", "forwarded", channel="other", answered="2023-04-05"),
]


def petition(i: int, received: str, **more: str) -> Any:
    return {
        "id": f"pt{i}",
        "council_id": "tp",
        "received": received,
        "kind": "complaint",
        "field": "land",
        "status": "in_progress",
    } | more


PETITIONS = [
    petition(1, "2022-12-01", answered="2023-01-20"),
    petition(2, "2023-01-05", answered="2023-03-31"),
    petition(3, "2023-02-01", answered="2023-04-01"),
    petition(4, "2023-02-02"),
]

# (collection, records, with subordinates, the figures counted by hand)
CASES: dict[str, tuple[str, list[Any], bool, dict[str, Any]]] = {
    "questions": (
        "questions",
        QUESTIONS,
        False,
        {
            "questions.questions": 4,  # q1-q4; q5 was put in 2022, q6 is the ward's
            "questions.by_answer.direct": 2,  # q1, q3
            "questions.by_answer.written": 1,  # q2
            "questions.by_answer.pending": 1,  # q4, on the quarter's last day
            "questions.topics": 2,  # Đất đai, Y tế
            "questions.respondents": 2,  # Sở TN&MT (q1, q2, q4), Sở Y tế (q3)
            "questions.by_topic": {"Y tế": 2, "Đất đai": 2},
        },
    ),
    "questions with the ward": (
        "questions",
        QUESTIONS,
        True,
        {
            "questions.questions": 5,  # q1-q4 and the ward's q6
            "questions.by_answer.direct": 3,  # q1, q3, q6
            "questions.topics": 2,  # the ward's Đất đai is the city's too: still 2
            "questions.respondents": 3,  # Sở TN&MT, Sở Y tế, the ward's UBND chair
        },
    ),
    "sessions": (
        "sessions",
        SESSIONS,
        False,
        {
            "sessions.total": 3,  # s1, s2, s3; s4 is in April
            "sessions.reports": 30,  # 27 + 3
            "sessions.drafts": 20,  # s1's 20 only
        },
    ),
    "recommendations": (
        "recommendations",
        RECOMMENDATIONS,
        False,
        {
            "recommendations.issued": 5,  # r1, r2, r3, r4, r8
            "recommendations.by_status.done": 3,  # r1, r2, r3 (as recorded now)
            "recommendations.by_status.in_progress": 1,  # r4
            "recommendations.by_status.pending": 1,  # r8
            "recommendations.done": 2,  # r1 (1/3), r3 (no date); r2 was done in May
            # r2: due 15/3, done in May; r5: issued in 2022, due 31/1, still pending.
            # Not r6 (done before its end), r8 (due on the last day), r7 (issued after)
            "recommendations.overdue": 2,
        },
    ),
    "confidence votes": (
        "confidence_votes",
        CONFIDENCE_VOTES,
        False,
        {
            "confidence_votes.assessed": 5,  # v1-v4 and v6; v5 in 2022
            "confidence_votes.high_majority": 1,  # v1
            "confidence_votes.low_half": 2,  # v2, v3
            "confidence_votes.low_two_thirds": 1,  # v3
        },
    ),
    "deputies": (
        "deputies",
        DEPUTIES,
        False,
        {
            "deputies.in_office": 3,  # on 31/3: d1, d3, d4 (its end is that day)
            "deputies.full_time": 1,  # d1; d8 left in January
            "deputies.started": 2,  # d3, d6; d7 starts in April
            "deputies.ended": 4,  # d2, d4, d6, d8; d5 ended in 2022
            "deputies.by_end_reason.resigned": 1,  # d2
            "deputies.by_end_reason.transferred": 1,  # d4
            "deputies.by_end_reason.reorganised": 1,  # d8
            "deputies.by_end_reason.deceased": 0,  # d5, outside the quarter
            "deputies.by_end_reason.other": 0,  # d6 has no reason: not counted by reason
        },
    ),
    "voter petitions": (
        "voter_petitions",
        VOTER_PETITIONS,
        False,
        {
            "voter_petitions.received": 3,  # vp1, vp2, vp8
            "voter_petitions.by_channel.before_session": 1,  # vp1
            "voter_petitions.by_channel.after_session": 1,  # vp2
            "voter_petitions.by_channel.other": 1,  # vp8
            "voter_petitions.answered": 3,  # vp1 (1/2), vp3 (15/1), vp7 (1/1); vp8 in April
            # vp3 (answered 15/1), vp4 (still open), vp7 (answered on 1/1, the first day:
            # not answered when the quarter began); not vp5 (resolved, no date), vp6
            "voter_petitions.carried_over": 3,
        },
    ),
    "petitions": (
        "petitions",
        PETITIONS,
        False,
        {"petitions.answered": 2},  # pt1 (20/1, received in 2022), pt2 (31/3); pt3 in April
    ),
}


def document(collection: str, records: list[Any]) -> dict[str, Any]:
    return {
        "schema_version": 2,
        "councils": COUNCILS,
        "people": PEOPLE,
        "bodies": BODIES,
        "oversight": OVERSIGHT if collection == "recommendations" else [],
        collection: records,
    }


def figure(figures: Any, path: str) -> Any:
    """The figure at a dotted path of a Figures object or of its JSON."""
    for part in path.split("."):
        figures = figures[part] if isinstance(figures, dict) else getattr(figures, part)
    return figures


def assert_figures(figures: Any, expected: dict[str, Any]) -> None:
    assert {path: figure(figures, path) for path in expected} == expected


@pytest.mark.parametrize("case", CASES)
def test_each_figure_counted_by_hand(case: str) -> None:
    collection, records, subordinates, expected = CASES[case]
    ds = hdnd.loads(json.dumps(document(collection, records)))
    summary = hdnd.summarize(ds, Q1_2023, council="tp", with_subordinates=subordinates)
    assert_figures(summary.figures, expected)


@pytest.mark.parametrize("case", CASES)
def test_each_figure_in_the_json_report(case: str, tmp_path: Path, hdnd_cli: HdndCli) -> None:
    collection, records, subordinates, expected = CASES[case]
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document(collection, records)), encoding="utf-8")
    flags = ["--with-subordinates"] if subordinates else []
    args = ["--period", "quý I/2023", "--council", "tp", "--compare", "none", "--format", "json"]
    result = hdnd_cli("summary", str(path), *args, *flags)
    assert result.returncode == 0, result.stderr
    assert_figures(json.loads(result.stdout)["summary"]["figures"], expected)


def test_the_done_share_of_the_recommendations() -> None:
    ds = hdnd.loads(json.dumps(document("recommendations", RECOMMENDATIONS)))
    figures = hdnd.summarize(ds, Q1_2023, council="tp").figures.recommendations
    assert str(figures.done_share) == "2/5"  # r1 and r3 of the 5 issued
    assert RecommendationFigures().done_share is None


def test_the_distinct_counts_of_the_levels_add_up_to_the_whole() -> None:
    ds = hdnd.loads(json.dumps(document("questions", QUESTIONS)))
    summary = hdnd.summarize(ds, Q1_2023, council="tp", with_subordinates=True)
    city, ward = summary.by_level["district"].questions, summary.by_level["commune"].questions
    assert (city.topics, ward.topics) == (2, 1)  # Đất đai, Y tế; Đất đai
    assert (city + ward).topics == 2 == summary.figures.questions.topics
    assert (city + ward).respondents == 3 == city.respondents + ward.respondents


def test_a_distinct_count_is_recomputed_when_figures_are_added() -> None:
    a = QuestionFigures(by_topic={"Đất đai": 1}, by_respondent={"Sở Y tế": 1})
    b = QuestionFigures(by_topic={"Đất đai": 2, "Y tế": 1}, by_respondent={"Sở Y tế": 3})
    assert ((a + b).topics, (a + b).respondents) == (2, 1)  # {Đất đai, Y tế}, {Sở Y tế}
    assert a + b == b + a


# -- with predecessors -----------------------------------------------------------------

MERGED = [
    {"id": "new", "name": "HĐND phường Mới", "level": "commune", "unit_type": "ward",
     "established": "2025-07-01", "predecessor_ids": ["old1", "old2"]},
    {"id": "old1", "name": "HĐND phường Cũ 1", "level": "commune", "unit_type": "ward",
     "dissolved": "2025-06-30", "predecessor_ids": ["older", "old2"]},
    {"id": "old2", "name": "HĐND xã Cũ 2", "level": "commune", "unit_type": "commune",
     "dissolved": "2025-06-30"},
    {"id": "older", "name": "HĐND xã Xưa", "level": "commune", "unit_type": "commune",
     "dissolved": "2019-12-31"},
    {"id": "hamlet", "name": "HĐND thị trấn con", "level": "commune", "unit_type": "town",
     "parent_id": "old1"},
    {"id": "other", "name": "HĐND xã Khác", "level": "commune", "unit_type": "commune"},
]  # fmt: skip
# one session a year for each council: a council's sessions tell whether it was counted
MERGED_SESSIONS = [
    {"id": f"s-{c['id']}", "council_id": c["id"], "number": 1, "kind": "regular",
     "start": "2023-02-01"}
    for c in MERGED
]  # fmt: skip
MERGED_DOCUMENT = {"schema_version": 2, "councils": MERGED, "sessions": MERGED_SESSIONS}


@pytest.mark.parametrize(
    ("subordinates", "predecessors", "councils"),
    [
        (False, False, ("new",)),
        # old1 and old2, and older through old1; old2, listed twice, counts once
        (False, True, ("new", "old1", "old2", "older")),
        (True, False, ("new",)),  # nothing has "new" as its parent
        # with both: hamlet too, a subordinate of the predecessor old1
        (True, True, ("hamlet", "new", "old1", "old2", "older")),
    ],
)
def test_with_predecessors(
    subordinates: bool, predecessors: bool, councils: tuple[str, ...]
) -> None:
    ds = hdnd.loads(json.dumps(MERGED_DOCUMENT))
    summary = hdnd.summarize(ds, Q1_2023, "new", subordinates, predecessors)
    assert summary.councils == councils
    assert summary.figures.sessions.total == len(councils)  # one session each, counted once
    assert summary.with_predecessors is predecessors
    if subordinates:
        assert sum(summary.by_level.values(), Figures.unknown()) == summary.figures


def test_with_predecessors_on_the_command_line(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    path = tmp_path / "merged.json"
    path.write_text(json.dumps(MERGED_DOCUMENT), encoding="utf-8")
    args = ["--period", "quý I/2023", "--council", "new", "--compare", "none", "--format", "json"]
    result = hdnd_cli("summary", str(path), *args, "--with-predecessors")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["councils"] == ["new", "old1", "old2", "older"]
    assert summary["figures"]["sessions"]["total"] == 4


# -- properties, with every record type the strategies draw ----------------------------

periods = st.one_of(years(min_year=2016, max_year=2030), quarters(min_year=2016, max_year=2030))
STRUCTURE = (hdnd.Council, hdnd.Body, hdnd.Person, hdnd.Position)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    datasets(max_councils=4, max_records=6), st.lists(periods, min_size=1, max_size=2), st.data()
)
def test_figures_of_disjoint_datasets_add_up(
    ds: hdnd.Dataset, wanted: list[Period], data: st.DataObject
) -> None:
    structure = [r for r in ds.records() if isinstance(r, STRUCTURE)]
    counted = [r for r in ds.records() if not isinstance(r, STRUCTURE)]
    sides = data.draw(st.lists(st.booleans(), min_size=len(counted), max_size=len(counted)))
    left = structure + [r for r, side in zip(counted, sides, strict=True) if side]
    right = structure + [r for r, side in zip(counted, sides, strict=True) if not side]
    wholes = summarize_periods(ds.records(), wanted)
    lefts, rights = summarize_periods(left, wanted), summarize_periods(right, wanted)
    for whole, a, b in zip(wholes, lefts, rights, strict=True):
        assert a.figures + b.figures == whole.figures == b.figures + a.figures


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(max_councils=5), periods, st.data())
def test_a_merged_councils_figures_are_its_predecessors_added(
    ds: hdnd.Dataset, period: Period, data: st.DataObject
) -> None:
    top = data.draw(st.sampled_from([c.id for c in ds.councils]))
    both = data.draw(st.booleans())
    merged = hdnd.summarize(ds, period, top, both, True)
    members = [hdnd.summarize(ds, period, c).figures for c in merged.councils]
    assert sum(members, Figures.unknown()) == merged.figures
    assert top in merged.councils
    by_id = {c.id: c for c in ds.councils}
    for c in merged.councils:  # closed under predecessors
        assert set(by_id[c].predecessor_ids) <= set(merged.councils)


# -- the DuckDB engine counts the same ---------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_each_figure_in_the_duckdb_engine(case: str, tmp_path: Path, sql_only: None) -> None:
    sql = pytest.importorskip("hdnd.sql")
    pytest.importorskip("duckdb")
    collection, records, subordinates, expected = CASES[case]
    path = tmp_path / "data.jsonl"
    hdnd.dump(hdnd.loads(json.dumps(document(collection, records))), path)
    (summary,) = sql.summarize_file(path, [Q1_2023], "tp", subordinates)
    assert_figures(summary.figures, expected)


# What the Vietnamese prose says of each hand-made dataset: the same hand counts as CASES,
# in the words of a council office's report (no comparison: the prose of one quarter).
PROSE: dict[str, list[str]] = {
    "questions": [
        "có 4 lượt đại biểu chất vấn về 2 nhóm vấn đề, với 2 người trả lời chất vấn; trong đó"
        " 2 ý kiến được trả lời trực tiếp, 1 ý kiến được trả lời bằng văn bản, 1 ý kiến chưa"
        " được trả lời."
    ],
    "questions with the ward": ["có 5 lượt đại biểu chất vấn về 2 nhóm vấn đề, với 3 người"],
    "sessions": ["tổ chức 3 kỳ họp (3 thường lệ), xem xét 30 báo cáo và 20 dự thảo nghị quyết."],
    "recommendations": [
        "HĐND thành phố đã ban hành 5 kiến nghị sau giám sát.",
        "Tính đến ngày 31/03/2023, 2/5 kiến nghị đã được thực hiện (đạt 40%); còn 2 kiến nghị"
        " sau giám sát quá hạn chưa được thực hiện",
    ],
    "confidence votes": [
        "HĐND thành phố đã lấy phiếu tín nhiệm đối với 5 người giữ chức vụ do HĐND bầu; 1/5"
        " người có trên 50% phiếu tín nhiệm cao; 2 người có từ 50% phiếu tín nhiệm thấp trở"
        " lên, trong đó 1 người có từ hai phần ba phiếu tín nhiệm thấp trở lên."
    ],
    "deputies": [
        "Tính đến ngày 31/03/2023, HĐND thành phố có 3 đại biểu, trong đó 1 đại biểu hoạt"
        " động chuyên trách.",
        "Trong quý I/2023, 2 đại biểu bắt đầu làm nhiệm vụ, 4 đại biểu thôi làm nhiệm vụ",
    ],
    "voter petitions": [
        "Tổng hợp 3 ý kiến, kiến nghị cử tri",
        "Trong đó, 1 ý kiến, kiến nghị được tiếp nhận trước kỳ họp, 1 sau kỳ họp, 1 qua các"
        " kênh khác.",
        "Có 3 ý kiến, kiến nghị tồn đọng từ các kỳ trước chuyển sang; trong quý I/2023, đã có"
        " 3 ý kiến, kiến nghị được trả lời, giải quyết.",
    ],
    "petitions": ["Trong quý I/2023, cơ quan có thẩm quyền đã có văn bản trả lời 2 đơn."],
}


@pytest.mark.parametrize("case", CASES)
def test_each_figure_in_the_vietnamese_prose(case: str) -> None:
    collection, records, with_subordinates, _ = CASES[case]
    dataset = hdnd.loads(json.dumps(document(collection, records)))
    summary = summarize(dataset, Q1_2023, council="tp", with_subordinates=with_subordinates)
    text = " ".join(render(summary, None, lang="vi").split())
    for sentence in PROSE[case]:
        assert sentence in text


@pytest.mark.parametrize("predecessors", [False, True])
def test_the_prose_says_when_predecessors_are_counted(predecessors: bool) -> None:
    ds = hdnd.loads(json.dumps(MERGED_DOCUMENT))
    summary = hdnd.summarize(ds, Q1_2023, "new", with_predecessors=predecessors)
    vi, en = (" ".join(render(summary, None, lang=lang).split()) for lang in ("vi", "en"))
    said_vi = "Số liệu tính cả hoạt động của các HĐND được sắp xếp, hợp nhất thành HĐND phường Mới."
    said_en = "The figures include those of the councils merged into HĐND phường Mới."
    assert (said_vi in vi, said_en in en) == (predecessors, predecessors)
    # four sessions with the predecessors (new, old1, old2, older), one without
    assert f"HĐND phường Mới tổ chức {4 if predecessors else 1} kỳ họp" in vi


def test_a_figure_is_said_of_the_level_that_recorded_it(city: hdnd.Dataset) -> None:
    # the example's deputies are the city council's only: its communes recorded none, so
    # the prose must not say that the councils at 2 levels have 40 deputies
    q1 = summarize(city, Q1_2023, council="tp", with_subordinates=True)
    vi = " ".join(render(q1, None, lang="vi").split())
    assert "Tính đến ngày 31/03/2023, HĐND thành phố có 40 đại biểu" in vi
    assert "HĐND 2 cấp có" not in vi
    # deputies of the ward alone (the city recorded questions only): said of the commune level
    ward = [dict(d, council_id="px") for d in DEPUTIES]
    ds = hdnd.loads(json.dumps(document("deputies", ward) | {"questions": QUESTIONS[:1]}))
    both = summarize(ds, Q1_2023, council="tp", with_subordinates=True)
    vi, en = (" ".join(render(both, None, lang=lang).split()) for lang in ("vi", "en"))
    assert "Tính đến ngày 31/03/2023, HĐND cấp xã có 3 đại biểu" in vi  # d1, d3, d4
    assert "As of 31/03/2023, the councils at the commune level had 3 deputies" in en
