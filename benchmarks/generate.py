"""Generate national-scale hdnd data (FORMAT.md contract) for benchmarks.

Councils are the 34 provinces and 3,321 communes in force since 1/7/2025
(``shared/data/divisions-2025.csv``), each with a standing committee and its
committees; activity records of every type are spread over the 2026–2031 term
with a realistic mix, deterministically from a seed.

Usage::

    python benchmarks/generate.py --n 1000000 --out big.jsonl [--seed 1]
    python benchmarks/generate.py --n 10000 --out small.json     # a JSON document

Records are written as plain dicts with orjson (fast); ``tests/test_benchmarks.py``
checks that a generated file loads cleanly with ``hdnd.load``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

DIVISIONS = Path(__file__).resolve().parents[2] / "shared" / "data" / "divisions-2025.csv"
START = dt.date(2026, 1, 1)
DAYS = (dt.date(2030, 12, 31) - START).days
PROVINCE_TYPE = {"tỉnh": "province", "thành phố trung ương": "central_city"}
COMMUNE_TYPE = {"xã": "commune", "phường": "ward", "đặc khu": "special_zone"}
PROVINCE_FIELDS = ("legal", "economy_budget", "culture_society")
COMMUNE_FIELDS = ("economy_budget", "culture_society")

# The mix of activity records (weights out of 100).
MIX = (
    ("reception", 40),
    ("petition", 20),
    ("voter_petition", 15),
    ("oversight", 15),
    ("meeting", 6),
    ("resolution", 3),
    ("session", 1),
)
SECTORS = ("giao thông - xây dựng - thủy lợi", "đất đai - môi trường", "chế độ chính sách", "y tế")


def councils(divisions: Path = DIVISIONS) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The councils and their bodies, from the divisions file."""
    found: list[dict[str, Any]] = []
    bodies: list[dict[str, Any]] = []
    seen: set[str] = set()
    with open(divisions, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pid = f"p{row['province_code']}"
            if pid not in seen:
                seen.add(pid)
                found.append(
                    {
                        "type": "council",
                        "id": pid,
                        "name": f"HĐND {row['province_name']}",
                        "level": "province",
                        "unit_type": PROVINCE_TYPE[row["province_type"]],
                        "unit_code": row["province_code"],
                        "term": "2026-2031",
                    }
                )
                bodies += _bodies(pid, PROVINCE_FIELDS)
            cid = f"c{row['commune_code']}"
            found.append(
                {
                    "type": "council",
                    "id": cid,
                    "name": f"HĐND {row['commune_name']}",
                    "level": "commune",
                    "unit_type": COMMUNE_TYPE[row["commune_type"]],
                    "unit_code": row["commune_code"],
                    "parent_id": pid,
                    "term": "2026-2031",
                }
            )
            bodies += _bodies(cid, COMMUNE_FIELDS)
    return found, bodies


def _bodies(council_id: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    standing = {
        "type": "body",
        "id": f"{council_id}-tt",
        "council_id": council_id,
        "kind": "standing_committee",
    }
    committees = [
        {
            "type": "body",
            "id": f"{council_id}-{field}",
            "council_id": council_id,
            "kind": "committee",
            "committee_field": field,
        }
        for field in fields
    ]
    return [standing, *committees]


def records(n: int, seed: int = 1, divisions: Path = DIVISIONS) -> Iterator[dict[str, Any]]:
    """The councils, their bodies, then ``n`` activity records."""
    rng = random.Random(seed)
    found, bodies = councils(divisions)
    yield from found
    yield from bodies
    ids = [c["id"] for c in found]
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    numbers: dict[tuple[str, dt.date], int] = {}
    for i in range(n):
        council = ids[rng.randrange(len(ids))]
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        kind = kinds[rng.randrange(len(kinds))]
        yield _record(kind, i, council, day, rng, numbers)


def _record(
    kind: str,
    i: int,
    council: str,
    day: dt.date,
    rng: random.Random,
    numbers: dict[tuple[str, dt.date], int],
) -> dict[str, Any]:
    base: dict[str, Any] = {"type": kind, "id": f"{kind[0]}{i}", "council_id": council}
    iso = day.isoformat()
    if kind == "reception":
        turns = rng.randrange(0, 9)
        mass = 1 if turns and rng.random() < 0.03 else 0  # a mass group: 5 people or more
        return base | {
            "date": iso,
            "kind": rng.choice(("periodic", "periodic", "periodic", "unscheduled", "routine")),
            "host_body_id": f"{council}-tt",
            "turns": turns,
            "persons": turns + rng.randrange(0, 5) + 5 * mass,
            "cases": max(0, turns - rng.randrange(0, 2)),
            "mass_groups": mass,
        }
    if kind == "petition":
        return base | {
            "received": iso,
            "kind": rng.choice(("complaint", "denunciation", "recommendation", "feedback")),
            "field": rng.choice(("land", "land", "social_policy", "administrative", "other")),
            "status": rng.choice(("received", "in_progress", "resolved", "transferred", "guided")),
            "duplicate": rng.random() < 0.1,
            "eligible": rng.random() < 0.85,
        }
    if kind == "voter_petition":
        return base | {
            "received": iso,
            "status": rng.choice(("forwarded", "in_progress", "resolved", "explained")),
            "field": rng.choice(COMMUNE_FIELDS),
            "sector": rng.choice(SECTORS),
            "jurisdiction": rng.choice(("central", "province", "commune")),
        }
    if kind == "oversight":
        return base | {
            "body_id": f"{council}-tt",
            "kind": rng.choice(("thematic", "routine", "ad_hoc", "survey")),
            "subject": "Việc thực hiện nghị quyết của HĐND",
            "start": iso,
            "unannounced": rng.random() < 0.1,
            "status": rng.choice(("completed", "completed", "completed", "in_progress", "planned")),
        }
    if kind == "meeting":
        if rng.random() < 0.5:
            counts = {"attendees": rng.randrange(50, 400), "opinions": rng.randrange(5, 40)}
            return base | {"kind": "voter_meeting", "date": iso, **counts}
        return base | {"kind": rng.choice(("standing_meeting", "briefing")), "date": iso}
    if kind == "resolution":
        # numbered in date order within the year, as councils do (checks HDND-R017, R018)
        key = (council, day)
        numbers[key] = numbers.get(key, 0) + 1
        number = day.timetuple().tm_yday * 10 + numbers[key]
        return base | {
            "number": f"{number:02d}/NQ-HĐND",
            "date": iso,
            "title": "Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội",
        }
    return base | {
        "number": rng.randrange(1, 30),
        "kind": rng.choice(("regular", "thematic", "extraordinary")),
        "start": iso,
    }


def write(path: Path, n: int, seed: int = 1) -> None:
    """Write ``n`` records (plus councils and bodies) to a ``.jsonl`` or ``.json`` file."""
    if path.suffix == ".jsonl":
        with open(path, "wb") as f:
            f.write(b'{"type":"header","schema_version":1}\n')
            for record in records(n, seed):
                f.write(orjson.dumps(record))
                f.write(b"\n")
        return
    keys = {
        "council": "councils",
        "body": "bodies",
        "session": "sessions",
        "meeting": "meetings",
        "resolution": "resolutions",
        "oversight": "oversight",
        "reception": "receptions",
        "petition": "petitions",
        "voter_petition": "voter_petitions",
    }
    document: dict[str, Any] = {"schema_version": 1}
    for record in records(n, seed):
        tag = record.pop("type")
        document.setdefault(keys[tag], []).append(record)
    path.write_bytes(orjson.dumps(document))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="activity records (default 100000)")
    parser.add_argument("--out", type=Path, required=True, help="a .jsonl or .json file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
