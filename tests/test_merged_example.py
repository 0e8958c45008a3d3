"""The second bundled example: a commune council made by the 2025 reorganisation.

Its data is invented (examples/build_merged_example.py); the expected values are
counted by hand from the script's tables: 3 communes of 15, 14 and 13 deputies, merged
on 1/7/2025.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import hdnd
from hdnd import Council, DeputyEndReason

MERGED = Path(__file__).parent.parent / "examples" / "data" / "merged-commune-2025.json"
PREDECESSORS = ("x-an-lac", "x-an-thinh", "x-an-hoa")


@pytest.fixture(scope="module")
def merged() -> hdnd.Dataset:
    return hdnd.load(MERGED)


def test_merged_example_is_valid_and_clean(merged: hdnd.Dataset) -> None:
    assert hdnd.check(merged) == []


def test_the_new_council_follows_the_dissolved_ones(merged: hdnd.Dataset) -> None:
    new = merged.get(Council, "x-an-binh")
    assert (new.established, new.predecessor_ids) == (dt.date(2025, 7, 1), PREDECESSORS)
    assert new.parent_id == "tinh"  # two levels from 1/7/2025: province and commune
    for cid in (*PREDECESSORS, "huyen"):
        assert merged.get(Council, cid).dissolved == dt.date(2025, 6, 30)


def test_every_deputy_goes_on_in_the_new_council(merged: hdnd.Dataset) -> None:
    before = [d for d in merged.deputies if d.council_id in PREDECESSORS]
    after = [d for d in merged.deputies if d.council_id == "x-an-binh"]
    assert len(before) == len(after) == 15 + 14 + 13
    assert {d.end for d in before} == {dt.date(2025, 6, 30)}
    assert {d.end_reason for d in before} == {DeputyEndReason.reorganised}
    assert {d.start for d in after} == {dt.date(2025, 7, 1)}
    assert sorted(d.person_id for d in before) == sorted(d.person_id for d in after)
