"""No data loss: every file the ``hdnd`` command writes goes through a temporary file.

A temporary file beside the output, written, flushed to disk, then renamed over it
(:func:`hdnd.io.files.write_atomic`): a process killed half-way leaves the previous
output as it was. Folders of tables are written whole the same way: see
test_atomic_folders.py. The command never writes over one of its inputs, and ``-`` as an
output is standard output.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hdnd
from hdnd.cli import main

PERIOD = ["--period", "quý I/2023", "--council", "tp"]


def big_document(path: Path, receptions: int) -> None:
    """A valid document with one council and many receptions, written without hdnd."""
    council = '{"id":"tp","name":"HĐND thành phố","level":"district","unit_type":"provincial_city"}'
    rows = ",\n".join(
        f'{{"id":"r{i}","council_id":"tp","date":"2023-02-14","kind":"periodic",'
        f'"place":"Trụ sở tiếp công dân","turns":{i % 90},"persons":{i % 90 + 5},"cases":{i % 9}}}'
        for i in range(receptions)
    )
    text = f'{{"schema_version":1,"councils":[{council}],"receptions":[\n{rows}]}}\n'
    path.write_text(text, encoding="utf-8")


def test_a_conversion_killed_while_writing_leaves_the_previous_output_intact(
    tmp_path: Path,
    city: hdnd.Dataset,
) -> None:
    source = tmp_path / "big.json"
    big_document(source, 300_000)
    target = tmp_path / "out.jsonl"
    hdnd.dump(city, target)  # the previous version, which must survive
    before = target.read_bytes()
    process = subprocess.Popen([sys.executable, "-m", "hdnd", "convert", str(source), str(target)])
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and process.poll() is None:
            started = [p for p in tmp_path.glob(".out.jsonl.*.tmp") if p.stat().st_size > 0]
            if started:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.001)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the conversion ended before it was killed"
    assert target.read_bytes() == before
    # what is left behind is the temporary file, named so that it is recognised as one
    leftover = sorted(p.name for p in tmp_path.iterdir())
    assert leftover[0].startswith(".out.jsonl.")
    assert leftover[0].endswith(".tmp")
    assert leftover[1:] == ["big.json", "out.jsonl"]


def test_a_terminated_conversion_removes_its_temporary_file(
    tmp_path: Path, city: hdnd.Dataset
) -> None:
    source = tmp_path / "big.json"
    big_document(source, 300_000)
    target = tmp_path / "out.jsonl"
    hdnd.dump(city, target)
    before = target.read_bytes()
    process = subprocess.Popen([sys.executable, "-m", "hdnd", "convert", str(source), str(target)])
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if [p for p in tmp_path.glob(".out.jsonl.*.tmp") if p.stat().st_size > 0]:
                process.send_signal(signal.SIGTERM)
                break
            time.sleep(0.001)
    finally:
        process.wait(60)
        process.kill()
    assert process.returncode == 128 + signal.SIGTERM, "not stopped by SIGTERM while writing"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json", "out.jsonl"]


class Writes:
    """What ``os.fsync`` and ``os.replace`` were called on, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, str]] = []
        fsync, replace = os.fsync, os.replace

        def spy_fsync(fd: int) -> None:
            self.events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
            fsync(fd)

        def spy_replace(src: str, dst: str) -> None:
            self.events.append(("replace", f"{src} -> {dst}"))
            replace(src, dst)

        monkeypatch.setattr(os, "fsync", spy_fsync)
        monkeypatch.setattr(os, "replace", spy_replace)

    def renamed(self) -> dict[str, str]:
        """Each file written, and the temporary file it was renamed from."""
        pairs = (event.split(" -> ") for kind, event in self.events if kind == "replace")
        return {dst: src for src, dst in pairs}

    def synced_before_renamed(self, temporary: str) -> bool:
        synced = ("fsync", temporary) in self.events
        return synced and self.events.index(("fsync", temporary)) < self.events.index(
            ("replace", f"{temporary} -> {self.renamed_to(temporary)}")
        )

    def renamed_to(self, temporary: str) -> str:
        return next(dst for dst, src in self.renamed().items() if src == temporary)


@pytest.mark.parametrize(
    ("args", "outputs"),
    [
        (["convert", "{example}", "{out}/city.json"], ["city.json"]),
        (["convert", "{example}", "{out}/city.jsonl"], ["city.jsonl"]),
        (["convert", "{example}", "{out}/city.zip"], ["city.zip"]),
        (["convert", "{example}", "{out}/city.xlsx"], ["city.xlsx"]),
        (["summary", "{example}", *PERIOD, "--output", "{out}/q1.txt"], ["q1.txt"]),
        (
            ["summary", "{example}", *PERIOD, "--format", "csv", "--output", "{out}/q1.csv"],
            ["q1.csv"],
        ),
        (["report", "{example}", *PERIOD, "--output", "{out}/q1.docx"], ["q1.docx"]),
        (
            ["report", "{example}", *PERIOD, "--format", "html", "--output", "{out}/q1.html"],
            ["q1.html"],
        ),
        (["schema", "--output", "{out}/schema.json"], ["schema.json"]),
        (
            ["export", "--to", "popolo", "{example}", "{out}/city.popolo.json"],
            ["city.popolo.json"],
        ),
        (["template", "--force", "{out}/mau.xlsx"], ["mau.xlsx"]),
    ],
    ids=[
        "convert json",
        "convert jsonl",
        "convert zip",
        "convert xlsx",
        "summary text",
        "summary csv",
        "report docx",
        "report html",
        "schema",
        "export",
        "template",
    ],
)
def test_every_command_writes_its_files_atomically(
    args: list[str],
    outputs: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    example_path: Path,
) -> None:
    for name in outputs:  # a previous version of each output, hard-linked elsewhere
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"previous")
        os.link(path, tmp_path / f"{path.name}.link")
    writes = Writes(monkeypatch)
    assert main([a.format(example=example_path, out=tmp_path) for a in args]) == 0
    renamed = writes.renamed()
    for name in outputs:
        target = str(tmp_path / name)
        temporary = renamed[target]
        assert Path(temporary).parent == Path(target).parent
        assert Path(temporary).name.startswith(f".{Path(target).name}.")
        assert writes.synced_before_renamed(temporary)
        # written to a new file and renamed: the old one, seen through its link, is intact
        assert (tmp_path / f"{Path(name).name}.link").read_bytes() == b"previous"
        assert Path(target).read_bytes() != b"previous"


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "{input}", "{input}"],
        ["convert", "{input}", "{alias}"],
        ["summary", "{input}", *PERIOD, "--output", "{input}"],
        ["summary", "{input}", *PERIOD, "--template", "{template}", "--output", "{template}"],
        ["report", "{input}", *PERIOD, "--format", "html", "--output", "{alias}"],
        ["report", "{input}", *PERIOD, "--template", "{template}", "--output", "{template}"],
        ["export", "--to", "popolo", "{input}", "{input}"],
    ],
    ids=[
        "convert onto itself",
        "convert onto a symlink to itself",
        "summary onto its input",
        "summary onto its template",
        "report onto a symlink to its input",
        "report onto its template",
        "export onto its input",
    ],
)
def test_no_command_writes_over_one_of_its_inputs(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], example_path: Path
) -> None:
    source = tmp_path / "city.json"
    source.write_bytes(example_path.read_bytes())
    (tmp_path / "alias.json").symlink_to(source)  # the same file by another name
    template = tmp_path / "prose.txt.j2"
    template.write_text("{{ period }}\n", encoding="utf-8")
    named = {"input": source, "alias": tmp_path / "alias.json", "template": template}
    assert main([a.format(**named) for a in args]) == 2
    assert "refusing to overwrite the input file" in capsys.readouterr().err
    assert source.read_bytes() == example_path.read_bytes()
    assert template.read_text(encoding="utf-8") == "{{ period }}\n"


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["summary", "{example}", *PERIOD, "--output", "-", "--lang", "vi"], "KẾT QUẢ HOẠT ĐỘNG"),
        (["report", "{example}", *PERIOD, "--format", "html", "--output", "-"], "<!DOCTYPE html>"),
        (["schema", "--output", "-"], "{"),
        (["export", "--to", "popolo", "{example}", "-"], "{"),
        (["convert", "{example}", "-", "--to", "jsonl"], '{"type":"header"'),
    ],
    ids=["summary", "report", "schema", "export", "convert"],
)
def test_a_dash_writes_to_standard_output(
    args: list[str],
    starts: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    example_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([a.format(example=example_path) for a in args]) == 0
    assert capsys.readouterr().out.lstrip().startswith(starts)
    assert list(tmp_path.iterdir()) == []  # no file named "-"
