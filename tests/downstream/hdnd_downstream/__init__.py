"""A downstream-style package: code a user of hdnd writes, type-checked with ``mypy --strict``.

CI runs mypy on it against the installed wheel, so that ``py.typed`` and the annotations
really reach users: every call below must type-check without ignores.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import hdnd
from hdnd.checks import Severity
from hdnd.report import render


def city_dataset() -> hdnd.Dataset:
    """Build a small dataset in code, the way a converter from office files would."""
    council = hdnd.Council(
        id="tp",
        name="HĐND thành phố",
        level=hdnd.Level("district"),
        unit_type=hdnd.UnitType.provincial_city,
    )
    body = hdnd.Body(id="tp-tt", council_id="tp", kind=hdnd.BodyKind.standing_committee)
    reception = hdnd.ReceptionSession(
        id="r1",
        council_id="tp",
        date=dt.date(2023, 2, 14),
        kind=hdnd.ReceptionKind.periodic,
        host_body_id="tp-tt",
        turns=6,
        persons=11,
        cases=6,
    )
    resolution = hdnd.Resolution(
        id="nq146",
        council_id="tp",
        number=hdnd.DocumentNumber.parse("146/NQ-HĐND"),
        date=dt.date(2022, 12, 15),
        title="Nhiệm vụ phát triển kinh tế - xã hội năm 2023",
    )
    return hdnd.Dataset(
        councils=[council], bodies=[body], receptions=[reception], resolutions=[resolution]
    )


def quarterly_text(dataset: hdnd.Dataset, quarter: str) -> str:
    """The Vietnamese report of a quarter, compared with the same quarter last year."""
    period = hdnd.parse_period(quarter)
    now = hdnd.summarize(dataset, period, council="tp")
    then = hdnd.summarize(dataset, hdnd.baseline(period), council="tp")
    change: hdnd.Change = hdnd.compare(now, then)["receptions", "total", "turns"]
    known_now, known_then = now.figures.receptions, then.figures.receptions
    if known_now is not None and known_then is not None:
        assert change.delta == known_now.total.turns - known_then.total.turns
    else:  # nothing recorded on one side: no change to state (FORMAT.md, figures of zero)
        assert change.delta is None
    return render(now, hdnd.compare(now, then), lang="vi")


def errors_of(path: Path) -> list[str]:
    """Every problem of a file, or every error-level finding of its checks."""
    try:
        dataset = hdnd.load(path)
    except hdnd.InvalidData as e:
        return [f"{p.location}: {p.message}" for p in e.problems]
    return [f.describe("en") for f in hdnd.check(dataset) if f.severity is Severity.error]


def turns_by_host(path: Path) -> dict[str, int]:
    """Stream a JSON Lines file and add up reception turns by host body."""
    totals: dict[str, int] = {}
    for record in hdnd.iter_records(path):
        if isinstance(record, hdnd.ReceptionSession) and record.host_body_id is not None:
            totals[record.host_body_id] = totals.get(record.host_body_id, 0) + record.turns
    return totals
