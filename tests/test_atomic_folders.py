"""Folders of tables (CSV, Parquet) are written whole or not at all, and read only whole.

A folder is filled beside its target (``.<name>.<pid>.<random>.hdnd-tmp``), its
manifest (``_meta.csv``: each table's number of records) last, then renamed into
place. A process killed half-way leaves the previous folder or none, never a
smaller dataset that reads as valid; SIGTERM and Ctrl-C remove the temporary
folder; the next write removes what a killed one left. A folder without its
manifest, or whose tables disagree with it, is refused as incomplete.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import hdnd
from hdnd.cli import main
from hdnd.errors import InvalidData
from hdnd.io.csvtables import OccupiedDirectory
from hdnd.io.files import write_folder_atomic

CSV = "tables"
PARQUET = "tables.parquet"
_OUT: dict[str, Any] = {"capture_output": True, "text": True, "check": False}
_QUIET: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}


def problems(path: Path) -> list[str]:
    with pytest.raises(InvalidData) as info:
        hdnd.load(path)
    return [str(p) for p in info.value.problems]


# -- write_folder_atomic ---------------------------------------------------------


def test_a_failed_write_leaves_no_folder_and_the_old_one_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out"

    def fail(new: Path) -> None:
        (new / "a.csv").write_text("new")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_folder_atomic(target, fail, {"a.csv"})
    assert list(tmp_path.iterdir()) == []
    write_folder_atomic(target, lambda new: (new / "a.csv").write_text("old"), {"a.csv"})
    with pytest.raises(OSError, match="No space"):
        write_folder_atomic(target, fail, {"a.csv"})
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (target / "a.csv").read_text() == "old"


def test_the_new_folder_replaces_the_old_and_keeps_what_is_not_hdnds(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "a.csv").write_text("old")
    (target / "gone.csv").write_text("old")  # hdnd's, not written this time: goes
    (target / ".git").mkdir()
    (target / ".git" / "HEAD").write_text("ref")
    (target / ".a.csv.x1y2.tmp").write_text("a killed write's")
    write_folder_atomic(
        target, lambda new: (new / "a.csv").write_text("new"), {"a.csv", "gone.csv"}
    )
    assert sorted(p.name for p in target.iterdir()) == [".git", "a.csv"]
    assert (target / "a.csv").read_text() == "new"
    assert (target / ".git" / "HEAD").read_text() == "ref"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_leftovers_of_a_stopped_write_are_named_and_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **_OUT)
    pid = int(dead.stdout)  # a process that has ended
    stopped = tmp_path / f".out.{pid}.0a1b.hdnd-tmp"
    stopped.mkdir()
    (stopped / "a.csv").write_text("half")
    kept = tmp_path / f".out.{pid}.2c3d.hdnd-old"
    kept.mkdir()
    (kept / "notes.txt").write_text("someone's")
    running = tmp_path / f".out.{os.getppid()}.4e5f.hdnd-tmp"  # a process that still runs
    running.mkdir()
    other = tmp_path / f".other.{pid}.6a7b.hdnd-tmp"  # another folder's
    other.mkdir()
    write_folder_atomic(tmp_path / "out", lambda new: (new / "a.csv").write_text("1"), {"a.csv"})
    err = capsys.readouterr().err
    assert f"hdnd: removed {stopped}, left by a write that was stopped\n" in err
    assert f"hdnd: {kept}, left by a write that was stopped, holds files that are not" in err
    assert not stopped.exists()
    assert (kept / "notes.txt").read_text() == "someone's"
    assert running.exists()
    assert other.exists()


def test_a_folder_put_in_place_meanwhile_goes_aside_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process's folder, renamed into place between two renames, never mixes."""
    target = tmp_path / "out"
    rename = os.rename
    calls = []

    def racing(src: str | Path, dst: str | Path) -> None:
        calls.append(Path(dst).name)
        if Path(dst) == target and len(calls) == 1:  # the other process wins, once
            target.mkdir()
            (target / "a.csv").write_text("theirs")
        rename(src, dst)

    monkeypatch.setattr(os, "rename", racing)
    write_folder_atomic(target, lambda new: (new / "a.csv").write_text("ours"), {"a.csv"})
    assert (target / "a.csv").read_text() == "ours"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


# -- manifests ---------------------------------------------------------------------


@pytest.mark.parametrize("name", [CSV, PARQUET])
def test_a_table_with_fewer_records_than_the_manifest_says_is_refused(
    name: str, tmp_path: Path, city: hdnd.Dataset
) -> None:
    pytest.importorskip("duckdb") if name == PARQUET else None
    folder = tmp_path / name
    hdnd.dump(city, folder)
    smaller = hdnd.Dataset(**{**_records(city), "receptions": city.receptions[:10]})
    hdnd.dump(smaller, tmp_path / f"smaller{folder.suffix}")
    receptions = f"receptions{'.parquet' if name == PARQUET else '.csv'}"
    shutil.copy(tmp_path / f"smaller{folder.suffix}" / receptions, folder / receptions)
    (folder / f"petitions{'.parquet' if name == PARQUET else '.csv'}").unlink()
    again = (
        ": the tables are incomplete (a copy or a write that did not finish) or were changed "
        "since hdnd wrote them; write them again, or correct the number in _meta.csv (or "
        "remove its column)"
    )
    petitions = receptions.replace("receptions", "petitions")
    assert problems(folder) == [  # the missing table found first, then the short one, read
        f"{folder / petitions}: missing, but _meta.csv says it holds 61 records{again}",
        f"{folder / receptions}: 10 records, but _meta.csv says 429{again}",
    ]
    if name == PARQUET:  # the DuckDB engine hands such a folder to Python, which says so
        from hdnd import sql
        from hdnd.periods import parse_period

        with pytest.raises(InvalidData, match=r"10 records, but _meta\.csv says 429"):
            sql.summarize_file(folder, [parse_period("quý I/2023")])


def test_a_parquet_folder_without_a_manifest_is_refused(tmp_path: Path, city: hdnd.Dataset) -> None:
    pytest.importorskip("duckdb")
    folder = tmp_path / PARQUET
    hdnd.dump(city, folder)
    (folder / "_meta.csv").unlink()
    assert problems(folder) == [
        f"{folder / '_meta.csv'}: missing: hdnd writes this file last, with each table's "
        "number of records; without it the folder may be incomplete (a write that did not "
        "finish, or an earlier hdnd, which wrote none): convert the data to Parquet again"
    ]


def test_csv_tables_made_by_hand_may_leave_the_numbers_out(
    tmp_path: Path, city: hdnd.Dataset
) -> None:
    folder = tmp_path / CSV
    hdnd.dump(city, folder)
    people = len(city.people)  # the one table whose number is given, rightly
    (folder / "_meta.csv").write_text(f"schema_version,people\n1,{people}\n", encoding="utf-8")
    assert hdnd.load(folder) == city
    (folder / "_meta.csv").write_text("schema_version,people\n1,many\n", encoding="utf-8")
    assert problems(folder) == [
        f"{folder / '_meta.csv'}, row 2, people: expected a number of records, got many"
    ]


def _records(ds: hdnd.Dataset) -> dict[str, object]:
    return {c.key: getattr(ds, c.key) for c in hdnd.dataset.COLLECTIONS}


# -- writing over a folder -----------------------------------------------------------


@pytest.mark.parametrize("name", [CSV, PARQUET])
def test_a_folder_is_written_whole_then_renamed_into_place(
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    example_path: Path,
    city: hdnd.Dataset,
) -> None:
    pytest.importorskip("duckdb") if name == PARQUET else None
    folder = tmp_path / name
    hdnd.dump(hdnd.Dataset(), folder)
    old = {p.name: p.read_bytes() for p in folder.iterdir()}
    for p in folder.iterdir():  # the old files, seen through links, stay as they were
        os.link(p, tmp_path / f"{p.name}.link")
    events: list[tuple[str, str]] = []
    fsync, rename = os.fsync, os.rename

    def spy_fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        fsync(fd)

    def spy_rename(src: str, dst: str) -> None:
        events.append(("rename", f"{src} -> {dst}"))
        rename(src, dst)

    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "rename", spy_rename)
    assert main(["convert", str(example_path), str(folder)]) == 0
    moved = [e for kind, e in events if kind == "rename"]
    new = next(m.split(" -> ")[0] for m in moved if m.endswith(f" -> {folder}"))
    assert Path(new).name.startswith(f".{name}.{os.getpid()}.")
    assert Path(new).name.endswith(".hdnd-tmp")
    synced = [e for kind, e in events if kind == "fsync"]
    assert {str(Path(new) / f) for f in old} <= set(synced)  # every file on disk first
    assert events.index(("rename", f"{new} -> {folder}")) > max(
        events.index(("fsync", str(Path(new) / f))) for f in old
    )
    assert hdnd.load(folder) == city
    for f, data in old.items():
        assert (tmp_path / f"{f}.link").read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".link")) == [name]


@pytest.mark.parametrize("name", [CSV, PARQUET])
def test_a_folder_of_other_files_is_still_refused(name: str, tmp_path: Path) -> None:
    pytest.importorskip("duckdb") if name == PARQUET else None
    folder = tmp_path / name
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(OccupiedDirectory, match=r"holds other files \(notes\.txt\)"):
        hdnd.dump(hdnd.Dataset(), folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == [name]


# -- killed, terminated --------------------------------------------------------------


def big_jsonl(path: Path, receptions: int) -> None:
    """A valid JSON Lines file with one council and many receptions, written without hdnd."""
    council = (
        '{"type":"council","id":"tp","name":"HĐND thành phố","level":"district",'
        '"unit_type":"provincial_city"}'
    )
    lines = [council] + [
        f'{{"type":"reception","id":"r{i}","council_id":"tp","date":"2023-02-14",'
        f'"kind":"periodic","place":"Trụ sở","turns":{i % 90},"persons":{i % 90 + 5},'
        f'"cases":{i % 9}}}'
        for i in range(receptions)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def started(tmp_path: Path, name: str) -> bool:
    """Whether a write to ``name`` has begun filling its temporary folder."""
    return any(any(True for _ in p.iterdir()) for p in tmp_path.glob(f".{name}.*.hdnd-tmp"))


def _sigint_default() -> None:
    # A suite run as a background job (`pytest &`) inherits SIGINT ignored, and so would
    # hdnd, which then never sees the Ctrl-C the test sends.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_until_writing(args: list[str], tmp_path: Path, name: str, sig: int) -> int:
    """Run ``hdnd args``, send ``sig`` once it writes into the temporary folder: its status."""
    process = subprocess.Popen(
        [sys.executable, "-m", "hdnd", *args], cwd=tmp_path, preexec_fn=_sigint_default, **_QUIET
    )
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if started(tmp_path, name):
                process.send_signal(sig)
                break
            time.sleep(0.001)
    finally:
        process.wait(60)
        process.kill()
    return process.returncode


@pytest.mark.parametrize(
    ("source", "name"),
    [("big.jsonl", CSV), ("big.jsonl", PARQUET), ("big.json", PARQUET)],
    ids=["csv", "parquet from jsonl (DuckDB)", "parquet from json"],
)
@pytest.mark.parametrize("previous", [False, True], ids=["new", "over a previous one"])
def test_a_killed_write_leaves_the_previous_folder_or_none(
    source: str, name: str, previous: bool, tmp_path: Path, city: hdnd.Dataset
) -> None:
    if name == PARQUET:
        pytest.importorskip("duckdb")
    big_jsonl(tmp_path / "big.jsonl", 100_000)
    if source == "big.json":
        hdnd.dump(hdnd.load(tmp_path / "big.jsonl"), tmp_path / "big.json")
    if previous:
        hdnd.dump(city, tmp_path / name)
    status = run_until_writing(["convert", source, name], tmp_path, name, signal.SIGKILL)
    assert status == -signal.SIGKILL, "the conversion ended before it was killed"
    if previous:
        assert hdnd.load(tmp_path / name) == city
    else:
        assert not (tmp_path / name).exists()
    assert started(tmp_path, name)  # what the killed write left
    # the next write says so and removes it
    done = subprocess.run(
        [sys.executable, "-m", "hdnd", "convert", source, name], cwd=tmp_path, **_OUT
    )
    assert done.returncode == 0
    assert "left by a write that was stopped" in done.stderr
    assert not any(tmp_path.glob(f".{name}.*"))
    assert hdnd.load(tmp_path / name).counts()["receptions"] == 100_000


@pytest.mark.parametrize("name", [CSV, PARQUET])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_terminated_write_removes_its_temporary_folder(
    name: str, sig: int, tmp_path: Path
) -> None:
    if name == PARQUET:
        pytest.importorskip("duckdb")
    big_jsonl(tmp_path / "big.jsonl", 100_000)
    status = run_until_writing(["convert", "big.jsonl", name], tmp_path, name, sig)
    # Ctrl-C ends Python as the signal would have, once the folder is removed
    assert status == (-signal.SIGINT if sig == signal.SIGINT else 128 + signal.SIGTERM)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]
