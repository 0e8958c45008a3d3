"""Run the benchmark suite: every case in its own process, median of several runs.

Usage::

    pip install -e '.[bench]'
    python benchmarks/run.py --n 1000000 [--runs 3] [--json results.json] [--keep]

Generates the data (``benchmarks/generate.py``) unless ``--data`` names a ``.jsonl``
file, runs every case of ``benchmarks/cases.py`` ``--runs`` times, each time in a new
process, and prints a table: median wall time, ratio to the untyped floor, peak RSS,
and whether the case's figures agree with the floor's. Peers that are not installed
are reported as such and skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from cases import CASES, SUMMARIES  # noqa: E402
from generate import write  # noqa: E402

PEERS = {
    "pydantic": "pydantic",
    "msgspec": "msgspec",
    "pandas": "pandas",
    "polars": "polars",
    "duckdb": "duckdb",
}
FLOORS = {
    "summary": "floor: orjson + dict counting",
    "load": "floor: orjson load",
    # `hdnd summary` counts the period asked for and the same period a year before
    "two periods": "floor: orjson + dict counting, 2 periods",
}


def measure(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and standard output of one process."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err)
        assert process.stdout is not None
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak RSS
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            err.seek(0)
            raise RuntimeError(f"{command} failed: {err.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def run_case(name: str, data: Path, runs: int) -> dict[str, object]:
    module = PEERS.get(name.split(":")[0].split()[0])
    if module and importlib.util.find_spec(module) is None:
        return {"case": name, "skipped": f"{module} is not installed"}
    times, peaks, digests = [], [], set()
    for _ in range(runs):
        seconds, rss, out = measure([sys.executable, str(HERE / "cases.py"), name, str(data)])
        result = json.loads(out.strip().splitlines()[-1])
        times.append(result["seconds"] if "(process)" not in name else seconds)
        peaks.append(rss)
        digests.add(result["figures"])
    return {
        "case": name,
        "seconds": statistics.median(times),
        "peak_rss_mb": max(peaks),
        "figures": digests.pop() if len(digests) == 1 else "varies",
    }


def startup(runs: int) -> list[dict[str, object]]:
    """``import hdnd`` and ``hdnd --help``, as a user feels them."""
    rows = []
    for name, command in (
        ("startup: import hdnd", [sys.executable, "-c", "import hdnd"]),
        ("startup: hdnd --help", [sys.executable, "-m", "hdnd", "--help"]),
        ("startup: python alone", [sys.executable, "-c", "pass"]),
    ):
        samples = [measure(command) for _ in range(max(runs, 5))]
        rows.append(
            {
                "case": name,
                "seconds": statistics.median(s[0] for s in samples),
                "peak_rss_mb": max(s[1] for s in samples),
            }
        )
    return rows


def table(rows: list[dict[str, object]]) -> str:
    floors = {
        kind: next((r for r in rows if r["case"] == case), None) for kind, case in FLOORS.items()
    }
    reference = floors["summary"]["figures"] if floors["summary"] else None
    lines = [
        f"{'case':<40} {'seconds':>9} {'× floor':>8} {'peak MB':>8}  figures",
        "-" * 80,
    ]
    for row in rows:
        if "skipped" in row:
            lines.append(f"{row['case']:<40} {'—':>9} {'':>8} {'':>8}  {row['skipped']}")
            continue
        kind = "summary" if row["case"] in SUMMARIES or "(process)" in row["case"] else "load"
        if "(process)" in row["case"] and floors["two periods"]:
            kind = "two periods"  # the floor that counts what the command counts
        floor = floors[kind]
        ratio = (
            f"{row['seconds'] / floor['seconds']:.2f}"
            if floor and "startup" not in row["case"]
            else ""
        )
        agree = ""
        if row["case"] in SUMMARIES:
            agree = "same as floor" if row.get("figures") == reference else "DIFFERENT"
        seconds, peak = f"{row['seconds']:>9.3f}", f"{row['peak_rss_mb']:>8.0f}"
        lines.append(f"{row['case']:<40} {seconds} {ratio:>8} {peak}  {agree}")
    process = next((r for r in rows if "(process)" in str(r["case"]) and "seconds" in r), None)
    if process and floors["two periods"] and floors["summary"]:
        over_one = process["seconds"] / floors["summary"]["seconds"]
        lines.append(
            f"({process['case']}: × floor is over the two-period floor, which counts what"
            f" the command counts; over the one-period floor: {over_one:.2f})"
        )
    return "\n".join(lines)


def _lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="activity records to generate")
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--data", type=Path, help="an existing .jsonl file instead")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--only", nargs="*", help="case name prefixes to run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = args.data or Path(folder) / f"bench-{args.n}.jsonl"
        if args.data is None:
            write(data, args.n)
        rows = [
            run_case(name, data, args.runs)
            for name in CASES
            if not args.only or any(name.startswith(prefix) for prefix in args.only)
        ]
        rows += startup(args.runs)
        machine = (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        n = f"n = {args.n:,}" if args.data is None else f"{_lines(data):,} lines"
        print(f"{data.stat().st_size / 1e6:.0f} MB of JSON Lines, {n}; {machine}")
        print(table(rows))
        if args.json:
            args.json.write_text(
                json.dumps({"n": args.n, "machine": machine, "rows": rows}, indent=2)
            )
        bad = [
            r["case"]
            for r in rows
            if r.get("figures") not in (None, rows[0].get("figures")) and r["case"] in SUMMARIES
        ]
        if bad:
            sys.exit(f"figures differ from the floor's: {bad}")


if __name__ == "__main__":
    main()
