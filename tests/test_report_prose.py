"""The report's prose as offices write it: a sentence per level, unknown figures said, a few
resolutions cited, the actual window of a cut-off day, an empty period in one sentence.

The datasets are built here record by record and counted by hand; every expected sentence is
written from those counts, in the register of the seed report
(``../shared/sources/q1-2023-city-briefing.txt``), not produced by running the code.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import attrs
import pytest

import hdnd
from hdnd.enums import (
    BodyKind,
    Level,
    OversightKind,
    PetitionField,
    PetitionKind,
    PetitionStatus,
    ReceptionKind,
    SessionKind,
    UnitType,
)
from hdnd.model import (
    Body,
    Council,
    Coverage,
    OversightActivity,
    Petition,
    ReceptionSession,
    Resolution,
    Session,
)
from hdnd.report import render
from hdnd.summary import Figures, ReceptionCounts, ReceptionFigures, Summary

Q1_2023 = hdnd.parse_period("quý I/2023")
FEB = dt.date(2023, 2, 20)

# -- a province, 2 districts, 3 communes ---------------------------------------------------
#
# province hb:  1 thematic session (4 reports, 3 drafts); 7 resolutions, 2 normative;
#               oversight 2 thematic + 1 routine; 3 periodic receptions (30 turns, 45 persons,
#               29 cases) by its standing committee; 4 petitions (2 complaints, 1 denunciation,
#               1 feedback; resolved 1, transferred 2, guided 1)
# districts:    d1 1 regular session, 3 resolutions, 1 thematic oversight, 2 receptions
#               (5+3 turns, 6+3 persons, 5+3 cases), 1 complaint guided;
#               d2 1 thematic session, 2 resolutions, 1 ad hoc oversight, 1 reception
#               (4 turns, 4 persons, 2 cases)
#               -> 2 sessions, 5 resolutions, 2 oversight, 3 receptions (12, 13, 10), 1 petition
# communes:     c1 (of d1) 1 regular session, 2 resolutions, 1 survey, 2 receptions (2+1 each);
#               c2 (of d1) 1 regular session, 1 resolution, 1 reception (1, 1, 1);
#               c3 (of d2) 1 reception (2 turns, 3 persons, 1 case)
#               -> 2 sessions, 3 resolutions, 1 oversight, 4 receptions (6, 7, 5); petitions
#               covered and none
# voter petitions: covered for every council, none.

COUNCILS = {
    "hb": ("HĐND tỉnh Hòa Bình", Level.province, UnitType.province, None),
    "d1": ("HĐND huyện Lạc Sơn", Level.district, UnitType.rural_district, "hb"),
    "d2": ("HĐND thành phố Hòa Bình", Level.district, UnitType.provincial_city, "hb"),
    "c1": ("HĐND xã Ân Nghĩa", Level.commune, UnitType.commune, "d1"),
    "c2": ("HĐND xã Yên Nghiệp", Level.commune, UnitType.commune, "d1"),
    "c3": ("HĐND phường Thống Nhất", Level.commune, UnitType.ward, "d2"),
}


def _session(council: str, kind: SessionKind, **examined: int) -> Session:
    return Session(
        id=f"{council}-s", council_id=council, number=5, kind=kind, start=FEB, **examined
    )


def _resolutions(council: str, *numbers: str) -> list[Resolution]:
    return [
        Resolution(
            id=f"{council}-r{n[:2]}", council_id=council, number=n, date=FEB, title="Nghị quyết"
        )
        for n in numbers
    ]


def _oversight(council: str, *kinds: OversightKind) -> list[OversightActivity]:
    return [
        OversightActivity(
            id=f"{council}-o{i}",
            council_id=council,
            body_id=f"{council}-tt",
            kind=kind,
            subject="Giám sát",
            start=dt.date(2023, 3, 1),
        )
        for i, kind in enumerate(kinds)
    ]


def _receptions(
    council: str, *counts: tuple[int, int, int], host: str | None = None
) -> list[ReceptionSession]:
    return [
        ReceptionSession(
            id=f"{council}-t{i}",
            council_id=council,
            date=dt.date(2023, 1, 15 + i),
            kind=ReceptionKind.periodic,
            host_body_id=host,
            turns=turns,
            persons=persons,
            cases=cases,
        )
        for i, (turns, persons, cases) in enumerate(counts)
    ]


def _petition(council: str, i: int, kind: PetitionKind, status: PetitionStatus) -> Petition:
    return Petition(
        id=f"{council}-p{i}",
        council_id=council,
        received=dt.date(2023, 2, 1),
        kind=kind,
        field=PetitionField.land,
        status=status,
    )


def _coverage(council: str, *types: str) -> Coverage:
    return Coverage(
        id=f"{council}-cov",
        council_id=council,
        start=dt.date(2023, 1, 1),
        end=dt.date(2023, 3, 31),
        record_types=types,
    )


def province() -> hdnd.Dataset:
    councils = [
        Council(id=i, name=name, level=level, unit_type=unit, parent_id=parent)
        for i, (name, level, unit, parent) in COUNCILS.items()
    ]
    bodies = [
        Body(id=f"{i}-tt", council_id=i, kind=BodyKind.standing_committee, name=f"Thường trực {n}")
        for i, (n, *_) in COUNCILS.items()
    ]
    p = PetitionKind
    s = PetitionStatus
    return hdnd.Dataset(
        councils=councils,
        bodies=bodies,
        sessions=[
            _session("hb", SessionKind.thematic, reports=4, drafts=3),
            _session("d1", SessionKind.regular),
            _session("d2", SessionKind.thematic),
            _session("c1", SessionKind.regular),
            _session("c2", SessionKind.regular),
        ],
        resolutions=[
            *_resolutions("hb", "01/2023/NQ-HĐND", "02/2023/NQ-HĐND"),
            *_resolutions("hb", *(f"{n}/NQ-HĐND" for n in range(15, 20))),
            *_resolutions("d1", "10/NQ-HĐND", "11/NQ-HĐND", "12/NQ-HĐND"),
            *_resolutions("d2", "01/NQ-HĐND", "02/NQ-HĐND"),
            *_resolutions("c1", "01/NQ-HĐND", "02/NQ-HĐND"),
            *_resolutions("c2", "01/NQ-HĐND"),
        ],
        oversight=[
            *_oversight(
                "hb", OversightKind.thematic, OversightKind.thematic, OversightKind.routine
            ),
            *_oversight("d1", OversightKind.thematic),
            *_oversight("d2", OversightKind.ad_hoc),
            *_oversight("c1", OversightKind.survey),
        ],
        receptions=[
            *_receptions("hb", (10, 15, 10), (12, 20, 11), (8, 10, 8), host="hb-tt"),
            *_receptions("d1", (5, 6, 5), (3, 3, 3)),
            *_receptions("d2", (4, 4, 2)),
            *_receptions("c1", (2, 2, 2), (1, 1, 1)),
            *_receptions("c2", (1, 1, 1)),
            *_receptions("c3", (2, 3, 1)),
        ],
        petitions=[
            _petition("hb", 1, p.complaint, s.resolved),
            _petition("hb", 2, p.complaint, s.transferred),
            _petition("hb", 3, p.denunciation, s.transferred),
            _petition("hb", 4, p.feedback, s.guided),
            _petition("d1", 1, p.complaint, s.guided),
        ],
        coverage=[
            *(_coverage(c, "voter_petition") for c in ("hb", "d1", "d2")),
            *(_coverage(c, "voter_petition", "petition") for c in ("c1", "c2", "c3")),
        ],
    )


@pytest.fixture(scope="module")
def by_level() -> list[str]:
    summary = hdnd.summarize(province(), Q1_2023, council="hb", with_subordinates=True)
    return render(summary, lang="vi").split("\n\n")


def test_the_heading_names_the_levels(by_level: list[str]) -> None:
    assert by_level[0] == "KẾT QUẢ HOẠT ĐỘNG CỦA HĐND 3 CẤP QUÝ I/2023"


def test_oversight_in_all_then_level_by_level(by_level: list[str]) -> None:
    assert by_level[1] == (
        "Trong quý I/2023, HĐND 3 cấp đã triển khai 3 cuộc giám sát chuyên đề, 3 cuộc giám "
        "sát, khảo sát đột xuất, thường xuyên; tổng cộng 6 cuộc. "
        "Trong đó, HĐND tỉnh Hòa Bình đã triển khai 2 cuộc giám sát chuyên đề, 1 cuộc giám "
        "sát, khảo sát đột xuất, thường xuyên; tổng cộng 3 cuộc. "
        "HĐND các huyện, thị xã, thành phố đã triển khai 1 cuộc giám sát chuyên đề, 1 cuộc "
        "giám sát, khảo sát đột xuất, thường xuyên; tổng cộng 2 cuộc. "
        "HĐND cấp xã đã triển khai 1 cuộc giám sát, khảo sát đột xuất, thường xuyên."
    )


def test_receptions_level_by_level(by_level: list[str]) -> None:
    assert by_level[2] == (
        "Thường trực HĐND tỉnh Hòa Bình tổ chức 3 buổi tiếp công dân định kỳ, tiếp 30 lượt "
        "với 45 công dân, 29 vụ việc. "
        "Thường trực HĐND các huyện, thị xã, thành phố tham gia 3 buổi tiếp công dân định kỳ, "
        "tiếp 12 lượt với 13 công dân, 10 vụ việc. "
        "Thường trực HĐND cấp xã tham gia 4 buổi tiếp công dân định kỳ, tiếp 6 lượt với "
        "7 công dân, 5 vụ việc."
    )


def test_petitions_level_by_level(by_level: list[str]) -> None:
    assert by_level[3] == (
        "HĐND tỉnh Hòa Bình tiếp nhận 4 đơn thư, gồm 2 đơn khiếu nại, 1 đơn tố cáo, 1 đơn "
        "phản ánh; trong đó 4 đơn đủ điều kiện xử lý; đã xử lý 4/4 đơn. Kết quả: đã giải "
        "quyết 1 đơn; chuyển cơ quan có thẩm quyền 2 đơn; hướng dẫn, giải thích 1 đơn. "
        "HĐND các huyện, thị xã, thành phố tiếp nhận 1 đơn thư, gồm 1 đơn khiếu nại; trong "
        "đó 1 đơn đủ điều kiện xử lý; đã xử lý 1/1 đơn. Kết quả: hướng dẫn, giải thích 1 đơn. "
        "HĐND cấp xã không tiếp nhận đơn thư nào."
    )


def test_a_section_every_level_did_none_of_is_said_once(by_level: list[str]) -> None:
    assert by_level[4] == "HĐND 3 cấp không tiếp nhận ý kiến, kiến nghị cử tri nào."


def test_sessions_and_resolutions_level_by_level(by_level: list[str]) -> None:
    assert by_level[5] == (
        "HĐND tỉnh Hòa Bình tổ chức 1 kỳ họp chuyên đề, xem xét 4 báo cáo và 3 dự thảo nghị "
        "quyết, ban hành 7 nghị quyết (2 quy phạm pháp luật, 5 cá biệt): Nghị quyết số "
        "01/2023/NQ-HĐND và số 02/2023/NQ-HĐND ngày 20/02/2023, và 5 nghị quyết khác. "
        "HĐND các huyện, thị xã, thành phố tổ chức 2 kỳ họp (1 thường lệ, 1 chuyên đề), ban "
        "hành 5 nghị quyết. "
        "HĐND cấp xã tổ chức 2 kỳ họp thường lệ, ban hành 3 nghị quyết."
    )
    assert len(by_level) == 6


def test_only_the_councils_own_resolutions_are_cited(by_level: list[str]) -> None:
    text = "\n\n".join(by_level)
    assert text.count("NQ-HĐND") == 2


def test_a_sentence_per_level_in_english() -> None:
    summary = hdnd.summarize(province(), Q1_2023, council="hb", with_subordinates=True)
    text = render(summary, lang="en")
    assert (
        "The standing committees of the district councils took part in 3 periodic citizen "
        "reception sessions, receiving 12 turns of 13 citizens with 10 cases."
    ) in text
    assert "The commune councils held 2 sessions (regular: 2) and passed 3 resolutions." in text


# -- resolutions cited: a handful, by date -------------------------------------------------


def _one_council(*resolutions: Resolution) -> hdnd.Summary:
    name, level, unit, _ = COUNCILS["hb"]
    council = Council(id="hb", name=name, level=level, unit_type=unit)
    return hdnd.summarize(
        hdnd.Dataset(councils=[council], resolutions=resolutions), Q1_2023, council="hb"
    )


def _resolution(number: str, day: dt.date) -> Resolution:
    return Resolution(id=number, council_id="hb", number=number, date=day, title="Nghị quyết")


def test_at_most_five_resolutions_cited_the_most_recent_in_order() -> None:
    jan, feb, mar = dt.date(2023, 1, 10), dt.date(2023, 2, 1), dt.date(2023, 3, 1)
    summary = _one_council(
        _resolution("11/2023/NQ-HĐND", dt.date(2023, 3, 20)),
        _resolution("10/2023/NQ-HĐND", mar),
        _resolution("9/2023/NQ-HĐND", mar),
        _resolution("04/2023/NQ-HĐND", feb),
        _resolution("03/2023/NQ-HĐND", feb),
        _resolution("02/2023/NQ-HĐND", jan),
        _resolution("01/2023/NQ-HĐND", jan),
        _resolution("20/NQ-HĐND", mar),
    )
    assert (
        "ban hành 8 nghị quyết (7 quy phạm pháp luật, 1 cá biệt): "
        "Nghị quyết số 03/2023/NQ-HĐND và số 04/2023/NQ-HĐND ngày 01/02/2023, "
        "Nghị quyết số 09/2023/NQ-HĐND và số 10/2023/NQ-HĐND ngày 01/03/2023, "
        "Nghị quyết số 11/2023/NQ-HĐND ngày 20/03/2023, và 3 nghị quyết khác."
    ) in render(summary)


def test_a_few_individual_resolutions_are_all_cited_by_date() -> None:
    summary = _one_council(
        _resolution("02/NQ-HĐND", dt.date(2023, 3, 1)),
        _resolution("10/NQ-HĐND", dt.date(2023, 1, 5)),
    )
    assert (
        "ban hành 2 nghị quyết: Nghị quyết số 10/NQ-HĐND ngày 05/01/2023, "
        "Nghị quyết số 02/NQ-HĐND ngày 01/03/2023."
    ) in render(summary)


# -- unknown is not zero -------------------------------------------------------------------

RECEIVED = Figures(
    receptions=ReceptionFigures(
        total=ReceptionCounts(sessions=2, turns=120, persons=130, cases=100),
        by_kind={"periodic": ReceptionCounts(sessions=2, turns=120, persons=130, cases=100)},
    )
)


def _hand_made(figures: Figures, period: str = "quý I/2023") -> Summary:
    return Summary(
        period=hdnd.parse_period(period),
        council_id=None,
        with_subordinates=False,
        councils=("hb",),
        figures=figures,
        names={"hb": "HĐND tỉnh Hòa Bình"},
    )


def test_an_unknown_section_is_said_and_another_council_named() -> None:
    # one council, no --council: the subject is its name, not "các HĐND"
    text = render(_hand_made(attrs.evolve(RECEIVED, oversight=None, petitions=None)))
    assert "Trong quý I/2023, chưa có số liệu về hoạt động giám sát của HĐND tỉnh Hòa Bình." in (
        text
    )
    assert "Chưa có số liệu về tiếp nhận, xử lý đơn thư của HĐND tỉnh Hòa Bình." in text
    assert "Thường trực HĐND tỉnh Hòa Bình tham gia 2 buổi tiếp công dân định kỳ" in text


def test_an_unknown_section_in_english() -> None:
    text = render(_hand_made(attrs.evolve(RECEIVED, oversight=None)), lang="en")
    assert "In Q1 2023, no figures were recorded on the oversight of HĐND tỉnh Hòa Bình." in text


def test_a_baseline_covered_and_empty_is_compared() -> None:
    # the same period last year is covered by a coverage record and holds no reception: the
    # core counts it a known zero, and 120 more turns is the truth
    name, level, unit, _ = COUNCILS["hb"]
    council = Council(id="hb", name=name, level=level, unit_type=unit)
    data = hdnd.Dataset(
        councils=[council],
        receptions=_receptions("hb", (60, 65, 50), (60, 65, 50)),
        coverage=[
            Coverage(
                id="cov",
                council_id="hb",
                start=dt.date(2022, 1, 1),
                end=dt.date(2023, 3, 31),
                record_types=("reception",),
            )
        ],
    )
    now = hdnd.summarize(data, Q1_2023, council="hb")
    then = hdnd.summarize(data, hdnd.baseline(Q1_2023), council="hb")
    text = render(now, hdnd.compare(now, then))
    assert "(tăng 2 buổi, tăng 120 lượt, tăng 100 vụ việc so cùng kỳ)" in text


# -- sentences, windows, empty periods ------------------------------------------------------


def test_every_sentence_starts_with_a_capital() -> None:
    two = Summary(
        period=Q1_2023,
        council_id=None,
        with_subordinates=False,
        councils=("hb", "d1"),
        figures=RECEIVED,
        names={"hb": "HĐND tỉnh Hòa Bình", "d1": "HĐND huyện Lạc Sơn"},
    )
    text = render(two)
    assert "Các HĐND không tiếp nhận đơn thư nào." in text
    assert "Trong quý I/2023, các HĐND không triển khai cuộc giám sát nào." in text
    for sentence in re.split(r"(?<=\.)\s+|\n\n", text):
        assert sentence[0].isupper() or sentence[0] == "(", sentence


def test_the_actual_window_of_a_cut_off_day() -> None:
    quarter = hdnd.parse_period("quý I/2023", cutoff_day=14)
    summary = Summary(
        period=quarter,
        council_id="hb",
        with_subordinates=False,
        councils=("hb",),
        figures=RECEIVED,
        names={"hb": "HĐND tỉnh Hòa Bình"},
    )
    assert render(summary).split("\n\n")[1] == "(Số liệu từ ngày 15/12/2022 đến ngày 14/03/2023)"
    assert render(summary, lang="en").split("\n\n")[1] == "(Figures from 15/12/2022 to 14/03/2023)"


def test_an_empty_period_in_one_sentence() -> None:
    summary = hdnd.summarize(province(), hdnd.parse_period("quý I/2020"), council="hb")
    assert render(summary).split("\n\n")[1:] == [
        "Trong quý I/2020, chưa có số liệu về hoạt động của HĐND tỉnh Hòa Bình."
    ]


def test_a_council_formed_after_the_baseline_is_not_compared() -> None:
    # a commune formed on 1/7/2025: the same period of 2024 has nothing to compare with, not
    # zeros ("tăng 5 lượt" would be wrong)
    commune = Council(
        id="xm",
        name="HĐND xã Mới",
        level=Level.commune,
        unit_type=UnitType.commune,
        established=dt.date(2025, 7, 1),
    )
    receptions = [
        ReceptionSession(
            id=f"xm-{i}",
            council_id="xm",
            date=dt.date(2025, 8, 1 + i),
            kind=ReceptionKind.periodic,
            turns=turns,
            persons=persons,
            cases=cases,
        )
        for i, (turns, persons, cases) in enumerate([(3, 4, 3), (2, 2, 1)])
    ]
    data = hdnd.Dataset(councils=[commune], receptions=receptions)
    q3 = hdnd.parse_period("quý III/2025")
    now = hdnd.summarize(data, q3, council="xm")
    then = hdnd.summarize(data, hdnd.baseline(q3), council="xm")
    text = render(now, hdnd.compare(now, then))
    # nothing at all is known of the same period of 2024: said once, under the heading
    assert text.split("\n\n")[1] == "Chưa có số liệu cùng kỳ để so sánh."
    assert (
        "Thường trực HĐND xã Mới tham gia 2 buổi tiếp công dân định kỳ, tiếp 5 lượt với "
        "6 công dân, 4 vụ việc."
    ) in text
    assert "tăng" not in text
    assert "giảm" not in text


# -- a national file -----------------------------------------------------------------------

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
DIVISIONS = Path(__file__).resolve().parents[2] / "shared" / "data" / "divisions-2025.csv"


def test_a_national_file_is_reported_by_level(tmp_path: Path) -> None:
    if not DIVISIONS.exists():
        pytest.skip(f"the divisions file is not beside the repository: {DIVISIONS}")
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    path = tmp_path / "national.jsonl"
    generate.write(path, 2_000, seed=7)
    data = hdnd.load(path)
    assert len(data.councils) > 3_000  # every province and commune of 2025
    summary = hdnd.summarize(data, hdnd.parse_period("năm 2026"), with_subordinates=True)
    text = render(summary)
    assert len(text.encode()) < 20_000
    assert text.startswith("KẾT QUẢ HOẠT ĐỘNG CỦA CÁC HĐND NĂM 2026")
    assert "HĐND các tỉnh, thành phố" in text
    assert "HĐND cấp xã" in text
    assert not any(c.name in text for c in data.councils)  # levels, not councils


def test_a_baseline_with_nothing_known_is_said_once() -> None:
    unknown = Figures(**dict.fromkeys(attrs.fields_dict(Figures)))
    now = _hand_made(RECEIVED)
    then = _hand_made(unknown, "quý I/2022")
    text = render(now, hdnd.compare(now, then))
    assert text.split("\n\n")[1] == "Chưa có số liệu cùng kỳ để so sánh."
    assert "(chưa có số liệu cùng kỳ)" not in text
    assert "tăng" not in text
    english = render(now, hdnd.compare(now, then), lang="en")
    assert english.split("\n\n")[1] == (
        "No figures were recorded for the same period last year to compare with."
    )
