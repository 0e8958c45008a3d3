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

Everything else (Q1/2022 oversight, petitions, voter petitions, sessions and the
other resolutions, commune names) is invented but plausible, and includes records
that must not count in Q1/2023: planned and cancelled activities, other quarters.

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
    Jurisdiction,
    Level,
    Meeting,
    MeetingKind,
    OversightActivity,
    OversightKind,
    OversightStatus,
    Person,
    Petition,
    PetitionField,
    PetitionKind,
    PetitionStatus,
    Position,
    ReceptionKind,
    ReceptionSession,
    Resolution,
    Role,
    Session,
    SessionKind,
    UnitType,
    VoterPetition,
    VoterPetitionStatus,
)
from hdnd.docnum import DocumentNumber

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
    records.append(  # April: another quarter, must not count in Q1
        ReceptionSession(
            id="tp-tcd-2023-04-06",
            council_id="tp",
            date=dt.date(2023, 4, 6),
            kind=ReceptionKind.unscheduled,
            host_body_id="tp-tt",
            place="Trụ sở tiếp công dân thành phố",
            turns=3,
            persons=12,
            cases=1,
            mass_groups=1,
        )
    )
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
    """The communes and wards: 204 periodic reception sessions in Q1/2023 (the report's figure).

    Their Q1/2022 sessions (198) are invented, so that the comparison has a baseline.
    """
    records: list[hdnd.Record] = []
    for cid, name, unit_type in COMMUNES:
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
    records += commune_receptions(2023, 204, random.Random(204))
    records += commune_receptions(2022, 198, random.Random(198))
    return records


def commune_receptions(year: int, total: int, rng: random.Random) -> list[ReceptionSession]:
    """``total`` periodic sessions on working days of Q1 of ``year``, split among communes."""
    start, end = dt.date(year, 1, 2), dt.date(year, 3, 31)
    days = [day for weekday in range(5) for day in weekdays(start, end, weekday)]
    records = []
    for (cid, _, _), n_sessions in zip(
        COMMUNES, split(total, len(COMMUNES), rng, low=12), strict=True
    ):
        for day in sorted(rng.sample(days, n_sessions)):
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
    """Q1/2023: 11 thematic and 27 routine / ad hoc / survey activities (the report's figures).

    Invented around them: Q1/2022's activities, one cancelled in Q1/2023, and the
    programme's activities planned for later quarters, which must not count as conducted.
    """
    activities = conducted(2023, thematic=11, routine=12, ad_hoc=8, survey=7, rng=random.Random(38))
    activities += conducted(2022, thematic=9, routine=10, ad_hoc=6, survey=9, rng=random.Random(34))
    activities.append(
        OversightActivity(
            id="gs-2023-huy-01",
            council_id="tp",
            body_id="tp-bktxh",
            kind=OversightKind.survey,
            subject=OVERSIGHT_SUBJECTS[1],
            start=dt.date(2023, 3, 20),
            status=OversightStatus.cancelled,
        )
    )
    for i, month in enumerate((5, 7, 9, 10), start=1):
        activities.append(
            OversightActivity(
                id=f"gs-2023-kh-{i:02d}",
                council_id="tp",
                body_id="tp-tt",
                kind=OversightKind.thematic,
                subject=OVERSIGHT_SUBJECTS[i % len(OVERSIGHT_SUBJECTS)],
                start=dt.date(2023, month, 15),
                status=OversightStatus.planned,
            )
        )
    return activities


def conducted(year: int, rng: random.Random, **per_kind: int) -> list[OversightActivity]:
    """Conducted activities of both levels in Q1 of ``year``, so many of each kind."""
    hosts = ["tp-tt", "tp-bpc", "tp-bktxh"] + [f"{cid}-tt" for cid, _, _ in COMMUNES]
    kinds = [OversightKind[kind] for kind, n in per_kind.items() for _ in range(n)]
    activities = []
    for i, kind in enumerate(kinds, start=1):
        body = hosts[0] if i == 1 else rng.choice(hosts)
        start = dt.date(year, 1, 9) + dt.timedelta(days=rng.randint(0, 80))
        activities.append(
            OversightActivity(
                id=f"gs-{year}-{i:02d}",
                council_id=body.rsplit("-", 1)[0],
                body_id=body,
                kind=kind,
                subject=rng.choice(OVERSIGHT_SUBJECTS),
                start=start,
                end=start + dt.timedelta(days=rng.randint(0, 10)),
                unannounced=kind is OversightKind.ad_hoc and rng.random() < 0.5,
                status=OversightStatus.in_progress if i % 9 == 0 else OversightStatus.completed,
            )
        )
    return activities


def petitions() -> list[Petition]:
    """Petitions to the city council (invented): 33 in Q1/2023, 19 of them handled."""
    rng = random.Random(33)
    records = []
    for year, received, handled in ((2023, 33, 19), (2022, 28, 17)):
        statuses = [
            rng.choice([PetitionStatus.resolved, PetitionStatus.transferred, PetitionStatus.guided])
            for _ in range(handled)
        ] + [
            rng.choice([PetitionStatus.in_progress, PetitionStatus.urged, PetitionStatus.received])
            for _ in range(received - handled)
        ]
        for i, status in enumerate(statuses, start=1):
            day = dt.date(year, 1, 4) + dt.timedelta(days=rng.randint(0, 85))
            records.append(
                Petition(
                    id=f"dt-{year}-{i:03d}",
                    council_id="tp",
                    received=day,
                    kind=rng.choice(list(PetitionKind)),
                    field=rng.choice(
                        [PetitionField.land] * 4
                        + [PetitionField.social_policy] * 2
                        + [PetitionField.administrative, PetitionField.judicial]
                    ),
                    status=status,
                    duplicate=i % 7 == 0,
                    eligible=i % 5 != 0,
                    closed=day + dt.timedelta(days=20)
                    if status is PetitionStatus.resolved
                    else None,
                )
            )
    return records


SECTORS = {
    CommitteeField.economy_society: ["giao thông - xây dựng - thủy lợi", "đất đai - môi trường"],
    CommitteeField.legal: ["an ninh - trật tự"],
}


def voter_petitions() -> list[hdnd.Record]:
    """A voter meeting in March 2023 and the petitions it raised (invented)."""
    rng = random.Random(24)
    records: list[hdnd.Record] = [
        Meeting(
            id="tp-txct-2023-03",
            council_id="tp",
            kind=MeetingKind.voter_meeting,
            date=dt.date(2023, 3, 10),
            title="Tiếp xúc cử tri sau kỳ họp chuyên đề",
            attendees=312,
            opinions=41,
        )
    ]
    statuses = (
        [VoterPetitionStatus.resolved] * 9
        + [VoterPetitionStatus.explained] * 6
        + [VoterPetitionStatus.in_progress] * 5
        + [VoterPetitionStatus.unresolved] * 4
    )
    for i, status in enumerate(statuses, start=1):
        field = rng.choice(list(SECTORS))
        records.append(
            VoterPetition(
                id=f"kn-2023-{i:02d}",
                council_id="tp",
                received=dt.date(2023, 3, 10),
                status=status,
                field=field,
                sector=rng.choice(SECTORS[field]),
                jurisdiction=rng.choice([Jurisdiction.province, Jurisdiction.district]),
                meeting_id="tp-txct-2023-03",
            )
        )
    return records


def sessions() -> list[hdnd.Record]:
    """The city's year-end session of 2022, where 146/NQ-HĐND passed, and a thematic one.

    Session numbers, dates other than 15/12/2022 and the thematic session's resolutions
    are invented.
    """
    return [
        Session(
            id="tp-ky-hop-08",
            council_id="tp",
            number=8,
            kind=SessionKind.regular,
            start=dt.date(2022, 12, 14),
            end=dt.date(2022, 12, 15),
        ),
        Resolution(
            id="tp-nq-146-2022",
            council_id="tp",
            number=DocumentNumber.parse("146/NQ-HĐND"),
            date=dt.date(2022, 12, 15),
            title="Về nhiệm vụ phát triển kinh tế - xã hội năm 2023",
            session_id="tp-ky-hop-08",
        ),
        Session(
            id="tp-ky-hop-09",
            council_id="tp",
            number=9,
            kind=SessionKind.thematic,
            start=dt.date(2023, 2, 24),
        ),
        Resolution(
            id="tp-nq-05-2023",
            council_id="tp",
            number=DocumentNumber.parse("05/NQ-HĐND"),
            date=dt.date(2023, 2, 24),
            title="Về điều chỉnh kế hoạch đầu tư công năm 2023",
            session_id="tp-ky-hop-09",
        ),
        Resolution(
            id="tp-nq-06-2023",
            council_id="tp",
            number=DocumentNumber.parse("06/NQ-HĐND"),
            date=dt.date(2023, 2, 24),
            title="Về chủ trương đầu tư một số dự án",
            session_id="tp-ky-hop-09",
        ),
    ]


def main() -> None:
    records = [*city(), *communes(), *oversight(), *petitions(), *voter_petitions(), *sessions()]
    dataset = hdnd.Dataset.from_records(records)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    hdnd.dump(dataset, OUT)
    print(f"wrote {OUT}: {dataset.counts()}")


if __name__ == "__main__":
    main()
