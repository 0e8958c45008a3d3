"""Build ``examples/data/city-q1-2023.json``: record-level data behind the Q1/2023 briefing.

The source (``shared/sources/q1-2023-city-briefing.txt``) is a news report of a
provincial city's People's Council and its communes and wards ("HĐND 2 cấp").
This script writes records whose totals are the report's figures:

- Q1/2023, both levels: 11 thematic oversight activities and 27 routine,
  ad hoc and survey ones;
- the city standing committee received 74 turns, 144 citizens, 74 cases in
  Q1/2023, 4 turns and 6 cases fewer than Q1/2022 (78 turns, 80 cases);
- commune standing committees joined 204 periodic reception sessions;
- the briefing of 17/4/2023 and Resolution 146/NQ-HĐND of 15/12/2022.

Where the report gives only a total, the split among sessions, bodies and
communes is drawn with a fixed seed; what the report does not say (Q1/2022
citizens, commune names) is invented and marked so in the README. Run it from
the repository root: ``python examples/build_city_example.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

import hdnd
from hdnd import (
    Body,
    BodyKind,
    CommitteeField,
    Council,
    Level,
    Meeting,
    MeetingKind,
    OversightActivity,
    OversightKind,
    OversightStatus,
    Person,
    Position,
    ReceptionKind,
    ReceptionSession,
    Resolution,
    Role,
    UnitType,
)

OUT = Path(__file__).parent / "data" / "city-q1-2023.json"
TERM = "2021-2026"
COMMUNES = [
    ("p-bac-son", "Phường Bắc Sơn", UnitType.ward),
    ("p-dong-tien", "Phường Đông Tiến", UnitType.ward),
    ("p-tan-an", "Phường Tân An", UnitType.ward),
    ("p-trung-tam", "Phường Trung Tâm", UnitType.ward),
    ("x-an-phu", "Xã An Phú", UnitType.commune),
    ("x-binh-minh", "Xã Bình Minh", UnitType.commune),
    ("x-hoa-loc", "Xã Hòa Lộc", UnitType.commune),
    ("x-hong-phong", "Xã Hồng Phong", UnitType.commune),
    ("x-nghia-hung", "Xã Nghĩa Hưng", UnitType.commune),
    ("x-phu-xuan", "Xã Phú Xuân", UnitType.commune),
    ("x-thuy-an", "Xã Thủy An", UnitType.commune),
    ("x-vinh-quang", "Xã Vĩnh Quang", UnitType.commune),
]


def split(total: int, parts: int, rng: random.Random, low: int = 0) -> list[int]:
    """``parts`` whole numbers ≥ ``low`` summing to ``total``, drawn with ``rng``."""
    cuts = sorted(rng.randint(0, total - low * parts) for _ in range(parts - 1))
    bounds = [0, *cuts, total - low * parts]
    return [b - a + low for a, b in itertools.pairwise(bounds)]


def weekdays(start: dt.date, end: dt.date, weekday: int) -> list[dt.date]:
    """Every date from ``start`` to ``end`` that falls on ``weekday`` (0 = Monday)."""
    first = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
    return [first + dt.timedelta(weeks=w) for w in range((end - first).days // 7 + 1)]


def city() -> list[hdnd.Record]:
    records: list[hdnd.Record] = [
        Council(
            id="tp",
            name="HĐND thành phố",
            level=Level.district,
            unit_type=UnitType.provincial_city,
            term=TERM,
        ),
        Body(
            id="tp-tt",
            council_id="tp",
            kind=BodyKind.standing_committee,
            name="Thường trực HĐND thành phố",
        ),
        Body(
            id="tp-bpc",
            council_id="tp",
            kind=BodyKind.committee,
            committee_field=CommitteeField.legal,
            name="Ban Pháp chế HĐND thành phố",
        ),
        Body(
            id="tp-bktxh",
            council_id="tp",
            kind=BodyKind.committee,
            committee_field=CommitteeField.economy_society,
            name="Ban Kinh tế - Xã hội HĐND thành phố",
        ),
        Person(
            id="nguyen-van-do",
            full_name="Nguyễn Văn Đô",
            other_posts=("Phó Bí thư Thường trực Thành ủy",),
        ),
        Person(
            id="duong-thi-hue",
            full_name="Dương Thị Huệ",
            other_posts=("Ủy viên Ban Thường vụ Thành ủy",),
        ),
        Position(
            id="tp-chu-tich",
            person_id="nguyen-van-do",
            body_id="tp-tt",
            role=Role.chair,
            start=dt.date(2021, 6, 25),
        ),
        Position(
            id="tp-pct-tt",
            person_id="duong-thi-hue",
            body_id="tp-tt",
            role=Role.standing_vice_chair,
            start=dt.date(2021, 6, 25),
        ),
        Resolution(
            id="tp-nq-146-2022",
            council_id="tp",
            number="146/NQ-HĐND",
            date=dt.date(2022, 12, 15),
            title="Về nhiệm vụ phát triển kinh tế - xã hội năm 2023",
        ),
        Meeting(
            id="tp-giao-ban-q1-2023",
            council_id="tp",
            kind=MeetingKind.briefing,
            date=dt.date(2023, 4, 17),
            title="Hội nghị giao ban hoạt động HĐND thành phố quý I/2023",
            participant_council_ids=tuple(cid for cid, _, _ in COMMUNES),
        ),
    ]
    records += city_receptions(2023, turns=74, persons=144, cases=74, rng=random.Random(2023))
    records += city_receptions(2022, turns=78, persons=151, cases=80, rng=random.Random(2022))
    return records


def city_receptions(
    year: int, *, turns: int, persons: int, cases: int, rng: random.Random
) -> list[ReceptionSession]:
    """The city standing committee's weekly sessions at the city reception office in Q1."""
    dates = weekdays(dt.date(year, 1, 3), dt.date(year, 3, 31), weekday=3)
    n = len(dates)
    turn_split = split(turns, n, rng, low=1)
    extra_persons = split(persons - turns, n, rng)  # at least one citizen a turn
    return [
        ReceptionSession(
            id=f"tp-tcd-{day.isoformat()}",
            council_id="tp",
            date=day,
            kind=ReceptionKind.periodic,
            host_body_id="tp-tt",
            place="Trụ sở tiếp công dân thành phố",
            turns=t,
            persons=t + extra,
            cases=c,
        )
        for day, t, extra, c in zip(
            dates, turn_split, extra_persons, split(cases, n, rng, low=1), strict=True
        )
    ]


def communes() -> list[hdnd.Record]:
    rng = random.Random(204)
    records: list[hdnd.Record] = []
    sessions = split(204, len(COMMUNES), rng, low=14)
    for (cid, name, unit_type), n_sessions in zip(COMMUNES, sessions, strict=True):
        records += [
            Council(
                id=cid,
                name=f"HĐND {name}",
                level=Level.commune,
                unit_type=unit_type,
                parent_id="tp",
                term=TERM,
            ),
            Body(
                id=f"{cid}-tt",
                council_id=cid,
                kind=BodyKind.standing_committee,
                name=f"Thường trực HĐND {name}",
            ),
        ]
        days = sorted(
            rng.sample(
                weekdays(dt.date(2023, 1, 2), dt.date(2023, 3, 31), 0)
                + weekdays(dt.date(2023, 1, 5), dt.date(2023, 3, 31), 3),
                n_sessions,
            )
        )
        for day in days:
            turns = rng.randint(0, 3)
            records.append(
                ReceptionSession(
                    id=f"{cid}-tcd-{day.isoformat()}",
                    council_id=cid,
                    date=day,
                    kind=ReceptionKind.periodic,
                    host_body_id=f"{cid}-tt",
                    turns=turns,
                    persons=turns + rng.randint(0, turns),
                    cases=turns,
                )
            )
    return records


OVERSIGHT_SUBJECTS = [
    "Việc chấp hành Nghị quyết của HĐND về thu - chi ngân sách nhà nước",
    "Tiến độ thực hiện các dự án đầu tư công",
    "Thực hiện chính sách đảm bảo an sinh xã hội",
    "Giải quyết đơn thư khiếu nại, tố cáo của công dân",
    "Công tác quản lý đất đai trên địa bàn",
    "Giải quyết kiến nghị của cử tri",
]


def oversight() -> list[OversightActivity]:
    """11 thematic and 27 routine / ad hoc / survey activities in Q1/2023, plus the plan."""
    rng = random.Random(38)
    hosts = ["tp-tt", "tp-bpc", "tp-bktxh"] + [f"{cid}-tt" for cid, _, _ in COMMUNES]
    kinds = [OversightKind.thematic] * 11 + (
        [OversightKind.routine] * 12 + [OversightKind.ad_hoc] * 8 + [OversightKind.survey] * 7
    )
    activities = []
    for i, kind in enumerate(kinds, start=1):
        body = hosts[0] if i == 1 else rng.choice(hosts)
        start = dt.date(2023, 1, 9) + dt.timedelta(days=rng.randint(0, 80))
        activities.append(
            OversightActivity(
                id=f"gs-2023-{i:02d}",
                council_id=body.removesuffix("-tt").removesuffix("-bpc").removesuffix("-bktxh"),
                body_id=body,
                kind=kind,
                subject=rng.choice(OVERSIGHT_SUBJECTS),
                start=start,
                end=start + dt.timedelta(days=rng.randint(0, 10)),
                unannounced=kind is OversightKind.ad_hoc and rng.random() < 0.5,
                status=OversightStatus.completed,
            )
        )
    for i, month in enumerate((5, 7, 9, 10), start=len(kinds) + 1):
        activities.append(
            OversightActivity(
                id=f"gs-2023-{i:02d}",
                council_id="tp",
                body_id="tp-tt",
                kind=OversightKind.thematic,
                subject=OVERSIGHT_SUBJECTS[i % len(OVERSIGHT_SUBJECTS)],
                start=dt.date(2023, month, 15),
                status=OversightStatus.planned,
            )
        )
    return activities


def main() -> None:
    dataset = hdnd.Dataset.from_records([*city(), *communes(), *oversight()])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    hdnd.dump(dataset, OUT)
    print(f"wrote {OUT}: {dataset.counts()}")


if __name__ == "__main__":
    main()
