"""Build ``examples/data/merged-commune-2025.json``: a commune merged on 1/7/2025.

Everything here is invented (names, people, dates other than the reform's, counts), to
show how the records of a council made by the 2025 reorganisation are kept: the
district council and three communes end on 30/6/2025 (``dissolved``); the new commune
council begins on 1/7/2025 (``established``) and lists the three as its
``predecessor_ids``, so that ``hdnd summary --with-predecessors`` gives its figures for
the whole year or the whole 2021-2026 term. The deputies of the three communes end
their mandates on 30/6/2025 (reason: reorganisation) and go on as deputies of the new
council from 1/7/2025. Run it from the repository root:
``python examples/build_merged_example.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import hdnd
from hdnd import (
    Body,
    BodyKind,
    Council,
    Coverage,
    Deputy,
    DeputyEndReason,
    Level,
    Person,
    ReceptionKind,
    ReceptionSession,
    Session,
    SessionKind,
    UnitType,
    VoterPetition,
    VoterPetitionChannel,
    VoterPetitionStatus,
)

OUT = Path(__file__).parent / "data" / "merged-commune-2025.json"
TERM = "2021-2026"
TERM_START = dt.date(2021, 6, 25)
LAST_DAY = dt.date(2025, 6, 30)  # of every district council and merged commune
FIRST_DAY = dt.date(2025, 7, 1)  # of the merged communes
MERGED = "x-an-binh"
# (id, name, deputies) of the communes merged into Xã An Bình
PREDECESSORS = [("x-an-lac", "Xã An Lạc", 15), ("x-an-thinh", "Xã An Thịnh", 14),
                ("x-an-hoa", "Xã An Hòa", 13)]  # fmt: skip
NAMES = (
    f"{family} {middle} {given}"
    for family, middle, given in itertools.product(
        ["Nguyễn", "Trần", "Lê", "Phạm"],
        ["Văn", "Thị", "Đức"],
        ["An", "Bảo", "Chi", "Duy", "Hiền", "Khoa", "Lộc", "Nhung", "Phong", "Tâm"],
    )
)


def councils() -> list[hdnd.Record]:
    """The province, the dissolved district and communes, the merged commune."""
    records: list[hdnd.Record] = [
        Council(id="tinh", name="HĐND tỉnh", level=Level.province, unit_type=UnitType.province,
                term=TERM),
        Council(id="huyen", name="HĐND huyện Minh An", level=Level.district,
                unit_type=UnitType.rural_district, parent_id="tinh", term=TERM,
                dissolved=LAST_DAY),
        Council(id=MERGED, name="HĐND xã An Bình", level=Level.commune,
                unit_type=UnitType.commune, parent_id="tinh", term=TERM, established=FIRST_DAY,
                predecessor_ids=tuple(cid for cid, _, _ in PREDECESSORS)),
    ]  # fmt: skip
    records += [
        Council(id=cid, name=f"HĐND {name}", level=Level.commune, unit_type=UnitType.commune,
                parent_id="huyen", term=TERM, dissolved=LAST_DAY)
        for cid, name, _ in PREDECESSORS
    ]  # fmt: skip
    return records + [
        Body(id=f"{cid}-tt", council_id=cid, kind=BodyKind.standing_committee)
        for cid in [MERGED, *(cid for cid, _, _ in PREDECESSORS)]
    ]


def deputies() -> list[hdnd.Record]:
    """42 deputies: of their commune until 30/6/2025, of the merged one from 1/7/2025."""
    records: list[hdnd.Record] = []
    for cid, _, count in PREDECESSORS:
        for n in range(1, count + 1):
            name = next(NAMES)
            person = Person(id=f"{cid}-db-{n:02d}-nguoi", full_name=name)
            records += [
                person,
                Deputy(id=f"{cid}-db-{n:02d}", council_id=cid, person_id=person.id,
                       start=TERM_START, end=LAST_DAY, end_reason=DeputyEndReason.reorganised,
                       full_time=n <= 2),
                Deputy(id=f"{MERGED}-{cid}-db-{n:02d}", council_id=MERGED, person_id=person.id,
                       start=FIRST_DAY, full_time=n <= 2 and cid == "x-an-lac"),
            ]  # fmt: skip
    return records


def sessions() -> list[Session]:
    """Each commune's session on the merger (May 2025), and the new council's first."""
    records = [
        Session(id=f"{cid}-ky-hop-{number}", council_id=cid, number=number,
                kind=SessionKind.thematic, start=dt.date(2025, 5, 10 + i), reports=2, drafts=1)
        for i, (number, (cid, _, _)) in enumerate(zip((21, 19, 20), PREDECESSORS, strict=True))
    ]  # fmt: skip
    records.append(
        Session(id=f"{MERGED}-ky-hop-1", council_id=MERGED, number=1, kind=SessionKind.regular,
                start=FIRST_DAY, reports=6, drafts=9)
    )  # fmt: skip
    return records


def activity() -> list[hdnd.Record]:
    """Citizen receptions and voter petitions before and after the merger."""
    records: list[hdnd.Record] = []
    councils = [cid for cid, _, _ in PREDECESSORS]
    for month, cid in itertools.product(range(1, 7), councils):
        records.append(
            ReceptionSession(id=f"{cid}-tcd-2025-{month:02d}", council_id=cid,
                             date=dt.date(2025, month, 15), kind=ReceptionKind.periodic,
                             host_body_id=f"{cid}-tt", turns=2, persons=3, cases=2)
        )  # fmt: skip
    for month in range(7, 13):
        records.append(
            ReceptionSession(id=f"{MERGED}-tcd-2025-{month:02d}", council_id=MERGED,
                             date=dt.date(2025, month, 15), kind=ReceptionKind.periodic,
                             host_body_id=f"{MERGED}-tt", turns=5, persons=7, cases=4)
        )  # fmt: skip
    for i, cid in enumerate(councils):  # raised before the merger sessions; one still open
        for n, status in enumerate([VoterPetitionStatus.resolved, VoterPetitionStatus.explained,
                                    VoterPetitionStatus.in_progress], start=1):  # fmt: skip
            records.append(
                VoterPetition(id=f"{cid}-kn-{n}", council_id=cid,
                              received=dt.date(2025, 4, 20 + i), status=status,
                              channel=VoterPetitionChannel.before_session,
                              answered=dt.date(2025, 6, 10) if n < 3 else None)
            )  # fmt: skip
    for n in range(1, 6):  # after the new council's first session
        records.append(
            VoterPetition(id=f"{MERGED}-kn-{n}", council_id=MERGED,
                          received=dt.date(2025, 7, 20), status=VoterPetitionStatus.resolved,
                          channel=VoterPetitionChannel.after_session,
                          answered=dt.date(2025, 9, n))
        )  # fmt: skip
    return records


def coverage() -> list[Coverage]:
    """Each commune council's records of these types are complete over its 2025."""
    types = ("deputy", "session", "reception", "voter_petition")
    spans = [(cid, dt.date(2025, 1, 1), LAST_DAY) for cid, _, _ in PREDECESSORS]
    spans.append((MERGED, FIRST_DAY, dt.date(2025, 12, 31)))
    return [
        Coverage(id=f"pv-{cid}-2025", council_id=cid, start=start, end=end, record_types=types)
        for cid, start, end in spans
    ]


def main() -> None:
    records = [*councils(), *deputies(), *sessions(), *activity(), *coverage()]
    dataset = hdnd.Dataset.from_records(records)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    hdnd.dump(dataset, OUT)
    print(f"wrote {OUT}: {dataset.counts()}")


if __name__ == "__main__":
    main()
