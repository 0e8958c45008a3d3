"""The domain checks of format version 2: each fires on the case it is for, and stays
quiet on a correct one (HDND-R020 to HDND-R032, and R014/R015 on the new record types)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import hdnd
from hdnd import (
    Body,
    BodyKind,
    ConfidenceVote,
    Council,
    Coverage,
    Deputy,
    DeputyEndReason,
    Level,
    Meeting,
    MeetingKind,
    OversightActivity,
    OversightKind,
    Person,
    Question,
    QuestionAnswer,
    ReceptionKind,
    ReceptionSession,
    Recommendation,
    RecommendationStatus,
    Session,
    SessionKind,
    UnitType,
)

MERGED = dt.date(2025, 7, 1)
LAST_DAY = dt.date(2025, 6, 30)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def commune(id: str = "x", **kw: Any) -> Council:
    return Council(
        id=id, name=f"HĐND xã {id}", level=Level.commune, unit_type=UnitType.commune, **kw
    )


def codes(**collections: Any) -> list[tuple[str, str]]:
    return [(f.code, f.location) for f in hdnd.check(hdnd.Dataset(**collections))]


def findings(code: str, **collections: Any) -> list[hdnd.Finding]:
    return hdnd.check(hdnd.Dataset(**collections), include=[code])


PEOPLE = [Person(id=f"p{i}", full_name=f"Người {i}") for i in range(3)]


def deputy(i: int, council: str = "x", **kw: Any) -> Deputy:
    fields = {"start": day("2021-06-01")} | kw
    return Deputy(id=f"d{i}", council_id=council, person_id=f"p{i}", **fields)


def reception(id: str, council: str, when: dt.date) -> ReceptionSession:
    return ReceptionSession(
        id=id, council_id=council, date=when, kind=ReceptionKind.periodic, turns=1, persons=1,
        cases=1,
    )  # fmt: skip


# ------------------------------------------------------------------ R020 council's life


def test_r020_records_dated_outside_the_councils_life() -> None:
    old = commune("old", dissolved=LAST_DAY)
    new = commune("new", established=MERGED, predecessor_ids=["old"])
    inside = [reception("r1", "old", LAST_DAY), reception("r2", "new", MERGED)]
    assert codes(councils=[old, new], receptions=inside) == []
    outside = [reception("r1", "old", MERGED), reception("r2", "new", LAST_DAY)]
    found = findings("HDND-R020", councils=[old, new], receptions=outside)
    assert [f.location for f in found] == ["receptions[0].date", "receptions[1].date"]
    assert found[0].message("vi") == (
        "Ngày 01/07/2025 sau ngày HĐND 'old' kết thúc hoạt động (30/06/2025)"
    )
    assert found[1].message("en") == (
        "date 2025-06-30 is before council 'new' was established on 2025-07-01"
    )


def test_r020_covers_deputies_and_coverage_by_both_ends() -> None:
    old = commune("old", dissolved=LAST_DAY)
    mandates = [
        deputy(0, "old", end=LAST_DAY, end_reason=DeputyEndReason.reorganised),  # fine
        deputy(1, "old", end=day("2025-08-01"), end_reason=DeputyEndReason.reorganised),
        deputy(2, "old", start=MERGED),  # no end: only the start is dated
    ]
    coverage = [
        Coverage(id="c0", council_id="old", start=day("2025-01-01"), end=LAST_DAY,
                 record_types=["reception"]),
        Coverage(id="c1", council_id="old", start=day("2025-01-01"), end=day("2025-12-31"),
                 record_types=["reception"]),
    ]  # fmt: skip
    found = codes(councils=[old], people=PEOPLE, deputies=mandates, coverage=coverage)
    assert found == [
        ("HDND-R020", "deputies[1].end"),
        ("HDND-R020", "deputies[2].start"),
        ("HDND-R020", "coverage[1].end"),
    ]


def test_r020_covers_every_record_type_a_period_counts() -> None:
    new = commune("new", established=MERGED)
    early = day("2025-06-01")
    body = Body(id="tt", council_id="new", kind=BodyKind.standing_committee)
    oversight = OversightActivity(
        id="gs", council_id="new", body_id="tt", kind=OversightKind.thematic, subject="Đất đai",
        start=MERGED,
    )  # fmt: skip
    found = codes(
        councils=[new],
        people=PEOPLE,
        bodies=[body],
        oversight=[oversight],
        recommendations=[
            Recommendation(id="kn", council_id="new", oversight_id="gs", issued=early,
                           addressee="UBND xã", status=RecommendationStatus.pending),
        ],
        questions=[
            Question(id="cv", council_id="new", date=early, topic="Đất đai",
                     respondent="Chủ tịch UBND xã", answer=QuestionAnswer.direct),
        ],
        confidence_votes=[
            ConfidenceVote(id="tn", council_id="new", date=early, person_id="p0",
                           post="Chủ tịch HĐND", high=5, medium=1, low=0),
        ],
    )  # fmt: skip
    assert found == [
        ("HDND-R020", "recommendations[0].issued"),
        ("HDND-R020", "questions[0].date"),
        ("HDND-R020", "confidence_votes[0].date"),
    ]


# ------------------------------------------------------------------ R021, R022 deputies


def test_r021_an_end_reason_needs_an_end() -> None:
    fine = [deputy(0, end=day("2023-03-01"), end_reason=DeputyEndReason.transferred), deputy(1)]
    assert codes(councils=[commune()], people=PEOPLE, deputies=fine) == []
    wrong = [deputy(0, end_reason=DeputyEndReason.deceased)]
    found = findings("HDND-R021", councils=[commune()], people=PEOPLE, deputies=wrong)
    assert [f.location for f in found] == ["deputies[0].end_reason"]
    assert found[0].message("vi") == (
        "có lý do thôi làm nhiệm vụ (từ trần) nhưng không có ngày thôi làm nhiệm vụ"
    )


def test_r022_an_end_without_a_reason_is_an_error() -> None:
    left = [deputy(0, end=day("2023-03-01"))]
    found = findings("HDND-R022", councils=[commune()], people=PEOPLE, deputies=left)
    assert [(f.location, f.severity.value) for f in found] == [("deputies[0].end_reason", "error")]
    assert found[0].message("en") == "left on 2023-03-01 without an end reason"


# ------------------------------------------------------------------ R023-R026 recommendations


def oversight(id: str, council: str) -> OversightActivity:
    return OversightActivity(
        id=id, council_id=council, body_id=f"{council}-tt", kind=OversightKind.thematic,
        subject="Giải phóng mặt bằng", start=day("2023-03-01"),
    )  # fmt: skip


def recommendation(i: int, council: str = "x", oversight_id: str = "gs-x", **kw: Any) -> Any:
    fields = {"issued": day("2023-04-01"), "status": RecommendationStatus.in_progress} | kw
    return Recommendation(
        id=f"kn{i}", council_id=council, oversight_id=oversight_id, addressee="UBND xã", **fields
    )


def follow_up(*recommendations: Recommendation, **more: Any) -> dict[str, Any]:
    """Two communes, each with its standing committee and one oversight activity."""
    return {
        "councils": [commune("x"), commune("y")],
        "bodies": [
            Body(id=f"{c}-tt", council_id=c, kind=BodyKind.standing_committee) for c in "xy"
        ],
        "oversight": [oversight("gs-x", "x"), oversight("gs-y", "y")],
        "recommendations": list(recommendations),
    } | more


def test_r023_a_recommendation_follows_its_own_councils_oversight() -> None:
    assert codes(**follow_up(recommendation(0), recommendation(1, "y", "gs-y"))) == []
    found = findings("HDND-R023", **follow_up(recommendation(0, "y", "gs-x")))
    assert [f.location for f in found] == ["recommendations[0].oversight_id"]
    assert found[0].message("en") == (
        "oversight activity 'gs-x' belongs to council 'x', not to 'y' that issued the "
        "recommendation"
    )


def test_r024_r025_status_done_and_the_done_date_go_together() -> None:
    done = RecommendationStatus.done
    fine = [recommendation(0, status=done, done=day("2023-05-01")), recommendation(1)]
    assert codes(**follow_up(*fine)) == []
    wrong = [
        recommendation(0, status=done),
        recommendation(1, done=day("2023-05-01")),  # in progress, yet carried out
    ]
    found = hdnd.check(hdnd.Dataset(**follow_up(*wrong)))
    assert [(f.code, f.severity.value, f.location) for f in found] == [
        ("HDND-R024", "warning", "recommendations[0].done"),
        ("HDND-R025", "error", "recommendations[1].done"),
    ]
    assert found[1].message("vi") == (
        "có ngày thực hiện xong 01/05/2023 nhưng tình trạng là “đang thực hiện”"
    )


def test_r026_overdue_as_at_the_datas_latest_date() -> None:
    # The latest date placing a record in a period: the reception of 2023-10-02.
    latest = reception("r", "x", day("2023-10-02"))
    recs = [
        recommendation(0, due=day("2023-09-30")),  # due before 2023-10-02, in progress: overdue
        recommendation(1, due=day("2023-10-02")),  # due that very day: not yet overdue
        recommendation(2, due=day("2023-06-30"), status=RecommendationStatus.done),
        recommendation(3),  # no due date
    ]
    found = findings("HDND-R026", **follow_up(*recs, receptions=[latest]))
    assert [f.location for f in found] == ["recommendations[0].due"]
    assert found[0].message("vi") == (
        "quá hạn: thời hạn 30/09/2023 đã qua mà chưa thực hiện xong (số liệu đến ngày 02/10/2023)"
    )
    # Without the reception the data runs to 2023-04-01 (the latest issue): nothing overdue.
    assert findings("HDND-R026", **follow_up(*recs)) == []


# ------------------------------------------------------------------ R027, R028 confidence votes


def vote(i: int, person: str = "p0", when: str = "2023-12-08", **kw: Any) -> ConfidenceVote:
    ballots = {"high": 20, "medium": 5, "low": 2} | kw
    return ConfidenceVote(
        id=f"tn{i}", council_id="x", date=day(when), person_id=person, post="Chủ tịch HĐND",
        **ballots,
    )  # fmt: skip


def test_r027_ballots_do_not_exceed_the_voters() -> None:
    fine = [vote(0, voters=27), vote(1, "p1", voters=30), vote(2, "p2")]
    assert codes(councils=[commune()], people=PEOPLE, confidence_votes=fine) == []
    over = [vote(0, voters=26)]
    found = findings("HDND-R027", councils=[commune()], people=PEOPLE, confidence_votes=over)
    assert [f.location for f in found] == ["confidence_votes[0].voters"]
    assert found[0].message("en") == "27 ballots (20 high, 5 medium, 2 low) exceed the 26 voters"


def test_r028_a_person_is_assessed_once_per_vote() -> None:
    session = Session(
        id="s", council_id="x", number=12, kind=SessionKind.regular, start=day("2023-12-07"),
        end=day("2023-12-08"),
    )  # fmt: skip
    base = {"councils": [commune()], "people": PEOPLE, "sessions": [session]}
    fine = [vote(0), vote(1, "p1"), vote(2, when="2025-12-08")]  # p0 again, years later
    assert codes(**base, confidence_votes=fine) == []
    twice = [
        vote(0, session_id="s"),
        vote(1, "p1"),
        vote(2, when="2023-12-07", session_id="s"),  # p0 again at the same session
        vote(3, "p1"),  # p1 again on the same day
    ]
    found = findings("HDND-R028", **base, confidence_votes=twice)
    assert [(f.location, f.message("en")) for f in found] == [
        (
            "confidence_votes[2].person_id",
            "person 'p0' is already assessed in the same vote (record 'tn0')",
        ),
        (
            "confidence_votes[3].person_id",
            "person 'p1' is already assessed in the same vote (record 'tn1')",
        ),
    ]


# ------------------------------------------------------------------ R029, R030 succession


def test_r029_a_predecessor_is_dissolved_before_its_successor_begins() -> None:
    fine = [
        commune("a", dissolved=LAST_DAY),
        commune("b", established=MERGED, predecessor_ids=["a"]),
    ]
    assert codes(councils=fine) == []
    late = [
        commune("a", dissolved=MERGED),  # still sitting on the day "b" began
        commune("c"),  # never said to end
        commune("b", established=MERGED, predecessor_ids=["a", "c"]),
        commune("d", predecessor_ids=["a"]),  # no established date: nothing to compare
    ]
    found = findings("HDND-R029", councils=late)
    assert [(f.location, f.message("en")) for f in found] == [
        (
            "councils[2].predecessor_ids",
            "predecessor council 'a' was dissolved on 2025-07-01, not before 'b' was "
            "established on 2025-07-01",
        ),
        (
            "councils[2].predecessor_ids",
            "predecessor council 'c' has no dissolved date, though 'b' was established on "
            "2025-07-01",
        ),
    ]
    assert found[0].severity is hdnd.Severity.warning


def test_r030_each_predecessor_loop_is_reported_once() -> None:
    chain = [
        commune("a"),
        commune("b", predecessor_ids=["a"]),
        commune("c", predecessor_ids=["a", "b"]),
    ]
    assert codes(councils=chain) == []
    loops = [
        commune("a", predecessor_ids=["c"]),
        commune("b", predecessor_ids=["a"]),
        commune("c", predecessor_ids=["b"]),  # a → c → b → a
        commune("d", predecessor_ids=["d"]),  # its own predecessor
        commune("e", predecessor_ids=["a"]),  # leads into the loop, not part of it
    ]
    found = findings("HDND-R030", councils=loops)
    assert [(f.location, f.message("en")) for f in found] == [
        (
            "councils[0].predecessor_ids",
            "the chain of predecessor councils loops back: 'a' → 'c' → 'b' → 'a'",
        ),
        ("councils[3].predecessor_ids", "the chain of predecessor councils loops back: 'd' → 'd'"),
    ]
    assert found[1].message("vi") == "chuỗi HĐND trước sắp xếp quay vòng: 'd' → 'd'"


def test_r030_names_the_councils_of_a_loop_beyond_its_shortest_cycle() -> None:
    # a ⇄ b and b ⇄ c: one knot of three councils, reported once.
    knot = [
        commune("a", predecessor_ids=["b"]),
        commune("b", predecessor_ids=["a", "c"]),
        commune("c", predecessor_ids=["b"]),
    ]
    found = findings("HDND-R030", councils=knot)
    assert [f.message("en") for f in found] == [
        "the chain of predecessor councils loops back: 'a' → 'b' → 'a' (in the same loop: 'c')"
    ]


def test_r030_a_long_chain_does_not_exhaust_the_stack() -> None:
    n = 5000  # deeper than Python's default recursion limit
    chain = [commune(f"c{i}", predecessor_ids=[f"c{(i + 1) % n}"]) for i in range(n)]
    found = findings("HDND-R030", councils=chain)
    assert len(found) == 1
    assert found[0].location == "councils[0].predecessor_ids"
    assert found[0].message("en").count("→") == n


# ------------------------------------------------------------------ R031 coverage


def test_r031_a_coverage_record_lists_each_type_once() -> None:
    def coverage(*tags: str) -> Coverage:
        return Coverage(
            id="pv", council_id="x", start=day("2023-01-01"), end=day("2023-12-31"),
            record_types=list(tags),
        )  # fmt: skip

    assert codes(councils=[commune()], coverage=[coverage("reception", "petition")]) == []
    twice = coverage("reception", "petition", "reception", "petition", "question")
    found = findings("HDND-R031", councils=[commune()], coverage=[twice])
    assert [(f.location, f.severity.value) for f in found] == [
        ("coverage[0].record_types", "warning")
    ]
    assert found[0].message("en") == "record types listed more than once: 'reception', 'petition'"


# ------------------------------------------------------------------ R014, R015 on new types


def test_r014_a_deputys_delegate_group_belongs_to_its_council() -> None:
    groups = [Body(id=f"{c}-to1", council_id=c, kind=BodyKind.delegate_group) for c in "xy"]
    base = {"councils": [commune("x"), commune("y")], "people": PEOPLE, "bodies": groups}
    assert codes(**base, deputies=[deputy(0, group_id="x-to1")]) == []
    assert codes(**base, deputies=[deputy(0, group_id="y-to1")]) == [
        ("HDND-R014", "deputies[0].group_id")
    ]


@pytest.mark.parametrize(
    ("collection", "field"),
    [
        ("questions", "session_id"),
        ("questions", "meeting_id"),
        ("confidence_votes", "session_id"),
    ],
)
def test_r015_questions_and_votes_name_sessions_of_their_council(
    collection: str, field: str
) -> None:
    when = day("2023-12-08")
    session = Session(id="s", council_id="y", number=1, kind=SessionKind.regular, start=when)
    meeting = Meeting(id="m", council_id="y", kind=MeetingKind.questioning, date=when)
    ref = {"session_id": "s", "meeting_id": "m"}
    record = (
        Question(id="q", council_id="x", date=when, topic="Đất đai", respondent="Chủ tịch UBND",
                 answer=QuestionAnswer.written, **{field: ref[field]})
        if collection == "questions"
        else vote(0, **{field: ref[field]})
    )  # fmt: skip
    found = codes(
        councils=[commune("x"), commune("y")],
        people=PEOPLE,
        sessions=[session],
        meetings=[meeting],
        **{collection: [record]},
    )
    assert found == [("HDND-R015", f"{collection}[0].{field}")]


def test_r032_a_deputys_group_is_a_delegate_group() -> None:
    bodies = [
        Body(id="to1", council_id="x", kind=BodyKind.delegate_group),
        Body(id="tt", council_id="x", kind=BodyKind.standing_committee),
    ]
    base = {"councils": [commune()], "people": PEOPLE, "bodies": bodies}
    assert codes(**base, deputies=[deputy(0, group_id="to1"), deputy(1)]) == []
    found = findings("HDND-R032", **base, deputies=[deputy(0, group_id="tt")])
    assert [(f.location, f.message("vi")) for f in found] == [
        ("deputies[0].group_id", "'tt' là Thường trực HĐND, không phải Tổ đại biểu")
    ]
