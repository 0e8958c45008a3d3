"""Run the benchmark suite: every case in its own process, median of several runs.

Usage::

    pip install -e '.[bench]'
    python benchmarks/run.py --n 1000000 [--runs 3] [--json results.json] [--keep]

Generates the data (``benchmarks/generate.py``) unless ``--data`` names a ``.jsonl``
file, runs every case of ``benchmarks/cases.py`` ``--runs`` times, each time in a new
process, and prints a table: median wall time, ratio to the untyped floor, peak RSS,
and whether the case's figures agree with the floor's. Peers that are not installed
are reported as such and skipped. hdnd's modules are compiled to bytecode first, as an
installed hdnd's are.
"""

from __future__ import annotations

import argparse
import compileall
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

from cases import CASES, SUMMARIES, parquet_folder  # noqa: E402
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
    # issue 13's narrow floor: the main figures only, both periods
    "main counts": "floor: orjson + main counts, 2 periods",
}
JSON_COMMAND = "hdnd: hdnd summary --format json (process)"


def measure(command: list[str]) -> tuple[float, float, str, float]:
    """Wall seconds, peak RSS in MB, standard output and CPU seconds of one process.

    CPU time (user and system) is the steadier measure on a shared machine: other
    processes lengthen the wall time, much less the CPU time.
    """
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
    return seconds, usage.ru_maxrss / 1024, out.decode(), usage.ru_utime + usage.ru_stime


def run_case(name: str, data: Path, runs: int) -> dict[str, object]:
    module = PEERS.get(name.split(":")[0].split()[0])
    if module and importlib.util.find_spec(module) is None:
        return {"case": name, "skipped": f"{module} is not installed"}
    times, peaks, digests, cpus = [], [], set(), []
    for _ in range(runs):
        seconds, rss, out, cpu = measure([sys.executable, str(HERE / "cases.py"), name, str(data)])
        result = json.loads(out.strip().splitlines()[-1])
        times.append(result["seconds"] if "(process)" not in name else seconds)
        peaks.append(rss)
        cpus.append(cpu)
        digests.add(result["figures"])
    return {
        "case": name,
        "seconds": statistics.median(times),
        "peak_rss_mb": max(peaks),
        "cpu_seconds": statistics.median(cpus),
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
                "cpu_seconds": statistics.median(s[3] for s in samples),
            }
        )
    return rows


def table(rows: list[dict[str, object]]) -> str:
    floors = {
        kind: next((r for r in rows if r["case"] == case), None) for kind, case in FLOORS.items()
    }
    reference = floors["summary"]["figures"] if floors["summary"] else None
    lines = [
        f"{'case':<48} {'seconds':>9} {'× floor':>8} {'peak MB':>8} {'CPU s':>7}  figures",
        "-" * 96,
    ]
    for row in rows:
        if "skipped" in row:
            lines.append(f"{row['case']:<48} {'—':>9} {'':>8} {'':>8} {'':>7}  {row['skipped']}")
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
        if row["case"] in SUMMARIES and reference is not None:
            agree = "same as floor" if row.get("figures") == reference else "DIFFERENT"
        seconds, peak = f"{row['seconds']:>9.3f}", f"{row['peak_rss_mb']:>8.0f}"
        cpu = f"{row['cpu_seconds']:>7.2f}"
        lines.append(f"{row['case']:<48} {seconds} {ratio:>8} {peak} {cpu}  {agree}")
    process = next((r for r in rows if "(process)" in str(r["case"]) and "seconds" in r), None)
    if process and floors["two periods"] and floors["summary"]:
        over_one = process["seconds"] / floors["summary"]["seconds"]
        lines.append(
            f"({process['case']}: × floor is over the two-period floor, which counts what"
            f" the command counts; over the one-period floor: {over_one:.2f})"
        )
    lines += json_command_ratios(rows, floors)
    return "\n".join(lines)


def json_command_ratios(
    rows: list[dict[str, object]], floors: dict[str, dict[str, object] | None]
) -> list[str]:
    """Issue 13's targets: `hdnd summary --format json` over the narrow floor (≤ 2.0) and
    over the floor that counts every figure (≤ 1.5), in wall time and in CPU time (both
    processes whole: Python starting included)."""
    command = next((r for r in rows if r["case"] == JSON_COMMAND and "seconds" in r), None)
    if command is None:
        return []
    lines = []
    for kind, goal in (("main counts", 2.0), ("two periods", 1.5)):
        floor = floors[kind]
        if floor is None:
            continue
        wall = command["seconds"] / floor["seconds"]
        cpu = command["cpu_seconds"] / floor["cpu_seconds"]
        lines.append(
            f"({JSON_COMMAND} over {floor['case']!r}: {wall:.2f} wall, {cpu:.2f} CPU;"
            f" goal ≤ {goal})"
        )
    return lines


def _lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))


def with_parquet(data: Path, folder: Path) -> Path:
    """``data``, with its Parquet folder beside it (``cases.parquet_folder``): the one
    already there, or one ``hdnd convert`` makes in ``folder`` next to a link to ``data``."""
    if parquet_folder(data).exists():
        return data
    if data.parent != folder:
        link = folder / data.name
        link.symlink_to(data.resolve())
        data = link
    command = [sys.executable, "-m", "hdnd", "convert", "-q", str(data)]
    subprocess.run([*command, str(parquet_folder(data))], check=True)
    return data


def compiled() -> None:
    """Compile hdnd's modules to bytecode, as installing a wheel does.

    From a source checkout, and where ``PYTHONDONTWRITEBYTECODE`` is set, each process
    would otherwise compile every module it imports again: some 0.05 s of CPU a user's
    installed hdnd does not spend. Its dependencies are installed, hence compiled."""
    spec = importlib.util.find_spec("hdnd")
    for folder in (spec and spec.submodule_search_locations) or ():
        compileall.compile_dir(folder, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="activity records to generate")
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--data", type=Path, help="an existing .jsonl file instead")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--only", nargs="*", help="case name prefixes to run")
    args = parser.parse_args()
    compiled()
    with tempfile.TemporaryDirectory() as folder:
        data = args.data or Path(folder) / f"bench-{args.n}.jsonl"
        if args.data is None:
            write(data, args.n)
        chosen = [
            name
            for name in CASES
            if not args.only or any(name.startswith(prefix) for prefix in args.only)
        ]
        if any("Parquet" in name for name in chosen):
            data = with_parquet(data, Path(folder))
        rows = [run_case(name, data, args.runs) for name in chosen]
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
