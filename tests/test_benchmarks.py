"""The benchmark data generator writes valid data in the format contract."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import hdnd

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
DIVISIONS = Path(__file__).resolve().parents[2] / "shared" / "data" / "divisions-2025.csv"


@pytest.fixture(scope="module")
def generate():  # type: ignore[no-untyped-def]
    if not DIVISIONS.exists():
        pytest.skip(f"the divisions file is not beside the repository: {DIVISIONS}")
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import generate

        yield generate
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_generated_data_loads_and_passes_the_checks(generate, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"bench{suffix}"
    generate.write(path, 2_000, seed=7)
    dataset = hdnd.load(path)
    counts = dataset.counts()
    assert counts["councils"] == 34 + 3_321
    assert sum(counts.values()) - counts["councils"] - counts["bodies"] == 2_000
    # records are spread over a term that is still to come: checked as at its last day
    last_day = generate.START + dt.timedelta(days=generate.DAYS)
    assert hdnd.check(dataset, today=last_day) == []


def test_generation_is_deterministic(generate, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    generate.write(a, 500, seed=3)
    generate.write(b, 500, seed=3)
    assert a.read_bytes() == b.read_bytes()
