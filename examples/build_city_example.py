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

The record types of format version 2 are invented too (the briefing does not give
them), so that every figure of the report has data in both quarters compared:

- the city council's 42 deputies (40 new names), 4 full time, in 4 delegate groups;
  one moved away in 2022, one stepped down on 24/2/2023;
- questioning between sessions at the standing committee, 22/3/2023 and 24/3/2022;
- recommendations after the city's Q1 oversight, one of 2023 overdue at the
  quarter's end;
- a confidence vote at the thematic session of 24/2/2023, INVENTED FOR ILLUSTRATION:
  votes under Res. 96/2023/QH15 were held at the year-end sessions of 2023, not in Q1;
- the counts of reports and draft resolutions of the thematic session;
- channels and answer dates of voter petitions, and 19 voter petitions of late 2022,
  8 of them still unanswered on 1/1/2023 (carried over); answer dates of transferred
  petitions;
- a coverage statement of the city: its records of these types are complete for
  Q1/2023, so a zero there is a zero. None is stated for Q1/2022: the briefing gives
  no figure of that quarter beyond receptions, so a type with no record in Q1/2022
  (voter petitions, confidence votes) has no figure to compare with ("chưa có số
  liệu cùng kỳ").

Where the report gives only a total, the split among sessions, bodies and
communes is drawn with a fixed seed; what the report does not say (Q1/2022
citizens, commune names) is invented and marked so in the README. Run it from
the repository root: ``python examples/build_city_example.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import unicodedata
from pathlib import Path

import hdnd
from hdnd import (
    Body,
    BodyKind,
    CommitteeField,
    ConfidenceVote,
    Council,
    Coverage,
    Deputy,
    DeputyEndReason,
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
    Question,
    QuestionAnswer,
    ReceptionKind,
    ReceptionSession,
    Recommendation,
    RecommendationStatus,
    Resolution,
    Role,
    Session,
    SessionKind,
    UnitType,
    VoterPetition,
    VoterPetitionChannel,
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
    """Petitions to the city council (invented): 33 in Q1/2023, 19 of them handled.

    A transferred petition has, most of the time, the competent authority's written
    answer (``answered``), 10 to 50 days after it was received; those dates are drawn
    with a generator of their own, so that the other fields stay as they were.
    """
    rng = random.Random(33)
    answers = random.Random(330)
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
                    answered=answered(day, status, answers),
                )
            )
    return records


def answered(received: dt.date, status: PetitionStatus, rng: random.Random) -> dt.date | None:
    """When the authority a petition was transferred to answered it, if it has."""
    if status is not PetitionStatus.transferred or rng.random() < 0.25:
        return None
    return received + dt.timedelta(days=rng.randint(10, 50))


SECTORS = {
    CommitteeField.economy_society: ["giao thông - xây dựng - thủy lợi", "đất đai - môi trường"],
    CommitteeField.legal: ["an ninh - trật tự"],
}


def voter_petitions() -> list[hdnd.Record]:
    """A voter meeting in March 2023 and the petitions it raised, and older ones (invented).

    The 24 of March 2023 came after the thematic session; the 15 resolved or explained
    were answered 5 to 60 days later. Before them, 16 petitions sent to the year-end
    session of 2022 and 3 received by other channels (the hotline): 8 of these 19 were
    still unanswered on 1/1/2023 (carried over into Q1/2023), 4 of the 8 answered in Q1.
    """
    rng = random.Random(24)
    answers = random.Random(240)
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
        received = dt.date(2023, 3, 10)
        records.append(
            VoterPetition(
                id=f"kn-2023-{i:02d}",
                council_id="tp",
                received=received,
                status=status,
                field=field,
                sector=rng.choice(SECTORS[field]),
                jurisdiction=rng.choice([Jurisdiction.province, Jurisdiction.district]),
                meeting_id="tp-txct-2023-03",
                channel=VoterPetitionChannel.after_session,
                answered=received + dt.timedelta(days=answers.randint(5, 60))
                if status in ANSWERED
                else None,
            )
        )
    return records + voter_petitions_2022()


ANSWERED = (VoterPetitionStatus.resolved, VoterPetitionStatus.explained)

BEFORE, OTHER = VoterPetitionChannel.before_session, VoterPetitionChannel.other
RESOLVED, EXPLAINED = VoterPetitionStatus.resolved, VoterPetitionStatus.explained
OPEN, UNRESOLVED = VoterPetitionStatus.in_progress, VoterPetitionStatus.unresolved
NOV_25 = dt.date(2022, 11, 25)  # the voter meetings before the year-end session (invented)

# (received, channel, status, answered) of the voter petitions of late 2022 (invented)
PETITIONS_2022 = [
    *((NOV_25, BEFORE, RESOLVED if n % 2 else EXPLAINED, dt.date(2022, 12, 5 + n))
      for n in range(1, 11)),  # answered in December 2022
    (NOV_25, BEFORE, RESOLVED, dt.date(2023, 1, 16)),  # carried over, answered in Q1/2023
    (NOV_25, BEFORE, RESOLVED, dt.date(2023, 2, 20)),
    (NOV_25, BEFORE, RESOLVED, dt.date(2023, 3, 27)),
    (NOV_25, BEFORE, OPEN, None),  # carried over, still open
    (NOV_25, BEFORE, OPEN, None),
    (NOV_25, BEFORE, UNRESOLVED, None),
    (dt.date(2022, 10, 12), OTHER, EXPLAINED, dt.date(2022, 10, 28)),  # by the hotline
    (dt.date(2022, 10, 19), OTHER, RESOLVED, dt.date(2023, 2, 15)),
    (dt.date(2022, 12, 20), OTHER, OPEN, None),
]  # fmt: skip


def voter_petitions_2022() -> list[VoterPetition]:
    """The voter petitions of late 2022: to the year-end session, and by the hotline."""
    rng = random.Random(2022_11)
    records = []
    for n, (received, channel, status, answered_on) in enumerate(PETITIONS_2022, start=1):
        field = rng.choice(list(SECTORS))
        records.append(
            VoterPetition(
                id=f"kn-2022-{n:02d}",
                council_id="tp",
                received=received,
                status=status,
                field=field,
                sector=rng.choice(SECTORS[field]),
                jurisdiction=rng.choice([Jurisdiction.province, Jurisdiction.district]),
                session_id="tp-ky-hop-08"
                if channel is VoterPetitionChannel.before_session
                else None,
                channel=channel,
                answered=answered_on,
            )
        )
    return records


def sessions() -> list[hdnd.Record]:
    """The city's year-end session of 2022, where 146/NQ-HĐND passed, and a thematic one.

    Session numbers, dates other than 15/12/2022, the thematic session's resolutions and
    its counts (3 reports, 2 draft resolutions examined) are invented; the year-end
    session's counts are left out (not counted: the fields are optional).
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
            reports=3,
            drafts=2,
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


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Thảo",
         "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Yến"]  # fmt: skip
TERM_START = dt.date(2021, 6, 25)  # the first session of the 2021-2026 term (invented)
DEPUTIES = 42  # elected; 41 after one moved away in 2022, 40 after one stepped down in 2023
FULL_TIME = range(2, 6)  # the standing vice-chair and 3 committee heads (numbers 3 to 5)
GROUPS = 4


def slug(name: str) -> str:
    """An id from a Vietnamese name: "Đỗ Thu Hà" → "do-thu-ha"."""
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "-".join("".join(c for c in plain if c.isascii()).lower().split())


def deputies() -> list[hdnd.Record]:
    """The city council's 42 deputies of the term in 4 delegate groups (names invented).

    The chair and the standing vice-chair are the first two (their mandates' dates are
    invented too); 4 work full time: the standing vice-chair and the deputies numbered 3
    to 5, the committee heads (the chair, a Party secretary, is not full time). One moved
    away on 15/8/2022 (chuyển công tác), one stepped down at the thematic session of
    24/2/2023 (thôi làm nhiệm vụ đại biểu): 42 in office at the end of Q1/2022, 40 at
    the end of Q1/2023.
    """
    rng = random.Random(42)
    names = rng.sample(
        [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN], DEPUTIES - 2
    )
    people = [Person(id=slug(name), full_name=name) for name in names]
    person_ids = ["nguyen-van-do", "duong-thi-hue", *(p.id for p in people)]
    groups = [
        Body(
            id=f"tp-to-{n}",
            council_id="tp",
            kind=BodyKind.delegate_group,
            name=f"Tổ đại biểu số {n}",
        )
        for n in range(1, GROUPS + 1)
    ]
    ends = {
        DEPUTIES - 1: (dt.date(2022, 8, 15), DeputyEndReason.transferred),
        DEPUTIES: (dt.date(2023, 2, 24), DeputyEndReason.resigned),
    }
    mandates = [
        Deputy(
            id=f"tp-db-{n:02d}",
            council_id="tp",
            person_id=person_id,
            start=TERM_START,
            end=ends[n][0] if n in ends else None,
            end_reason=ends[n][1] if n in ends else None,
            group_id=groups[(n - 1) % GROUPS].id,
            full_time=n in FULL_TIME,
        )
        for n, person_id in enumerate(person_ids, start=1)
    ]
    return [*groups, *people, *mandates]


def deputies_by_number() -> dict[int, str]:
    """The person id of each of the city's deputies, by the number :func:`deputies` gives."""
    return {
        int(d.id.removeprefix("tp-db-")): d.person_id for d in deputies() if isinstance(d, Deputy)
    }


# (topic, respondent, answers in order) of the questions put at each questioning meeting
QUESTIONING = {
    dt.date(2023, 3, 22): [
        ("Quản lý trật tự xây dựng đô thị", "Trưởng phòng Quản lý đô thị thành phố", "DDW"),
        ("Quản lý trật tự xây dựng đô thị", "Phó Chủ tịch UBND thành phố", "DD"),
        (
            "Bồi thường, giải phóng mặt bằng các dự án đầu tư công",
            "Giám đốc Ban Quản lý dự án đầu tư xây dựng thành phố",
            "DD",
        ),
        (
            "Bồi thường, giải phóng mặt bằng các dự án đầu tư công",
            "Trưởng phòng Tài nguyên và Môi trường thành phố",
            "DW",
        ),
        (
            "Xử lý ô nhiễm môi trường tại các cụm công nghiệp",
            "Trưởng phòng Tài nguyên và Môi trường thành phố",
            "DP",
        ),
        ("Xử lý ô nhiễm môi trường tại các cụm công nghiệp", "Phó Chủ tịch UBND thành phố", "D"),
    ],
    dt.date(2022, 3, 24): [
        (
            "Cấp giấy chứng nhận quyền sử dụng đất",
            "Trưởng phòng Tài nguyên và Môi trường thành phố",
            "DDW",
        ),
        ("Cấp giấy chứng nhận quyền sử dụng đất", "Phó Chủ tịch UBND thành phố", "DD"),
        ("Tiến độ xây dựng trường học", "Trưởng phòng Giáo dục và Đào tạo thành phố", "DWD"),
    ],
}
ANSWER = {"D": QuestionAnswer.direct, "W": QuestionAnswer.written, "P": QuestionAnswer.pending}


def questions() -> list[hdnd.Record]:
    """Questioning between sessions at the standing committee, March 2023 and March 2022.

    Invented: 12 questions on 3 topics to 4 respondents in Q1/2023 (9 answered at the
    meeting, 2 in writing, 1 not yet), 8 on 2 topics to 3 respondents in Q1/2022 (6 and 2).
    """
    asked_by = deputies_by_number()
    records: list[hdnd.Record] = []
    for day, asked in QUESTIONING.items():
        meeting = f"tp-chat-van-{day.isoformat()}"
        records.append(
            Meeting(
                id=meeting,
                council_id="tp",
                kind=MeetingKind.questioning,
                date=day,
                title="Phiên chất vấn của Thường trực HĐND thành phố",
            )
        )
        put = [(t, r, a) for t, r, answers in asked for a in answers]
        for n, (topic, respondent, answer) in enumerate(put, start=1):
            records.append(
                Question(
                    id=f"cv-{day.year}-{n:02d}",
                    council_id="tp",
                    date=day,
                    topic=topic,
                    respondent=respondent,
                    answer=ANSWER[answer],
                    meeting_id=meeting,
                    asked_by=asked_by[10 + n],  # not the city's leaders (3 to 9)
                )
            )
    return records


# (addressee, status, due, done) of the recommendations after each year's Q1 oversight
FOLLOW_UP = {
    2023: [
        ("UBND thành phố", RecommendationStatus.done, (2023, 3, 31), (2023, 3, 28)),
        ("Phòng Tài chính - Kế hoạch", RecommendationStatus.done, (2023, 4, 30), (2023, 3, 30)),
        ("UBND thành phố", RecommendationStatus.done, (2023, 3, 20), (2023, 4, 25)),  # late
        ("Phòng Tài nguyên và Môi trường", RecommendationStatus.done, (2023, 6, 30), (2023, 5, 15)),
        ("UBND thành phố", RecommendationStatus.in_progress, (2023, 12, 31), None),
        ("Công an thành phố", RecommendationStatus.in_progress, (2023, 12, 31), None),
        ("Phòng Quản lý đô thị", RecommendationStatus.pending, (2023, 12, 31), None),
        ("UBND thành phố", RecommendationStatus.pending, None, None),
    ],
    2022: [
        ("UBND thành phố", RecommendationStatus.done, (2022, 3, 31), (2022, 3, 25)),
        ("Phòng Tài chính - Kế hoạch", RecommendationStatus.done, (2022, 6, 30), (2022, 3, 30)),
        ("UBND thành phố", RecommendationStatus.done, (2022, 6, 30), (2022, 6, 10)),
        ("Phòng Lao động - Thương binh và Xã hội", RecommendationStatus.done, (2022, 9, 30),
         (2022, 9, 12)),
        ("UBND thành phố", RecommendationStatus.done, (2022, 12, 31), (2022, 11, 30)),
    ],
}  # fmt: skip


def recommendations(activities: list[OversightActivity]) -> list[Recommendation]:
    """Recommendations the city council issued after its oversight of Q1 (invented).

    Each follows one of the city's activities that ended by 10 March, 5 days after its
    end, in turn. Q1/2023: 8 issued, 2 carried out by 31/3, one overdue then (due 20/3,
    carried out on 25/4); Q1/2022: 5, all carried out since, 2 of them by 31/3/2022.
    """
    records = []
    for year, follow_up in FOLLOW_UP.items():
        followed = sorted(
            (
                o
                for o in activities
                if o.council_id == "tp"
                and o.status is OversightStatus.completed
                and o.end is not None
                and dt.date(year, 1, 1) <= o.end <= dt.date(year, 3, 10)
            ),
            key=lambda o: (o.start, o.id),
        )
        for n, (addressee, status, due, done) in enumerate(follow_up, start=1):
            activity = followed[(n - 1) % len(followed)]
            assert activity.end is not None
            records.append(
                Recommendation(
                    id=f"kngs-{year}-{n:02d}",
                    council_id="tp",
                    oversight_id=activity.id,
                    issued=activity.end + dt.timedelta(days=5),
                    addressee=addressee,
                    status=status,
                    subject=f"Khắc phục tồn tại sau giám sát: {activity.subject.lower()}",
                    due=dt.date(*due) if due else None,
                    done=dt.date(*done) if done else None,
                )
            )
    return records


# (deputy number, post, high, medium, low): an INVENTED vote, see the module notes
VOTE = [
    (3, "Trưởng Ban Pháp chế HĐND thành phố", 30, 7, 1),
    (4, "Trưởng Ban Kinh tế - Xã hội HĐND thành phố", 16, 18, 4),
    (6, "Chủ tịch UBND thành phố", 27, 9, 2),
    (7, "Phó Chủ tịch UBND thành phố", 21, 14, 3),
    (8, "Phó Chủ tịch UBND thành phố", 12, 7, 19),
    (9, "Ủy viên UBND thành phố, Trưởng phòng Tài chính - Kế hoạch", 26, 10, 2),
]
VOTERS = 38


def confidence_votes() -> list[ConfidenceVote]:
    """A confidence vote at the thematic session of 24/2/2023: INVENTED for illustration.

    Votes under Res. 96/2023/QH15 were held at the year-end sessions of 2023; none is
    known at this council in Q1/2023. 38 deputies voted on 6 posts: 4 persons rated high
    by more than half, 1 rated low by half (19/38), none by two thirds. Only invented
    persons are assessed: the chair and the standing vice-chair, named in the briefing,
    are left out so that no invented rating is put on real people.
    """
    person = deputies_by_number()
    return [
        ConfidenceVote(
            id=f"tn-2023-{i}",
            council_id="tp",
            date=dt.date(2023, 2, 24),
            person_id=person[n],
            post=post,
            high=high,
            medium=medium,
            low=low,
            voters=VOTERS,
            session_id="tp-ky-hop-09",
        )
        for i, (n, post, high, medium, low) in enumerate(VOTE, start=1)
    ]


def coverage() -> list[Coverage]:
    """The city's statement that its records of these types are complete (invented)."""
    return [
        Coverage(
            id="pv-tp-2023-q1",
            council_id="tp",
            start=dt.date(2023, 1, 1),
            end=dt.date(2023, 3, 31),
            record_types=(
                "deputy",
                "session",
                "question",
                "recommendation",
                "confidence_vote",
                "petition",
                "voter_petition",
            ),
            note="Văn phòng HĐND thành phố rà soát, số liệu đầy đủ (minh họa)",
        )
    ]


def main() -> None:
    activities = oversight()
    records = [
        *city(),
        *communes(),
        *activities,
        *petitions(),
        *voter_petitions(),
        *sessions(),
        *deputies(),
        *questions(),
        *recommendations(activities),
        *confidence_votes(),
        *coverage(),
    ]
    dataset = hdnd.Dataset.from_records(records)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    hdnd.dump(dataset, OUT)
    print(f"wrote {OUT}: {dataset.counts()}")


if __name__ == "__main__":
    main()
