"""Bounded resources: what is streamed keeps its memory flat, and every reader has limits.

``hdnd summary`` streams a ``.jsonl`` file (:func:`hdnd.iter_records`); CSV tables are
read row by row. ``validate`` and ``convert`` hold the whole dataset, since identifiers
and references are checked across it: their memory grows with the data. Workbooks are
read whole, under limits (:mod:`hdnd.io.xlsx`); zips are checked before unpacking.
Memory is measured as the peak resident size of a child process (its ``VmHWM``).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.errors import InvalidData
from hdnd.io import csvtables, jsonl, xlsx
from hdnd.io.files import bounded_line_blocks, bounded_lines
from hdnd.spec import spec_of

SUMMARY = ["--period", "quý I/2023", "--compare", "none"]
MIB = 2**20
Measured = Callable[..., tuple[int, str, float]]  # the fixture in conftest.py


def stream(path: Path, receptions: int) -> None:
    """A JSON Lines file of one council and ``receptions`` receptions, written without hdnd."""
    council = {"type": "council", "id": "tp", "name": "HĐND thành phố", "level": "district",
               "unit_type": "provincial_city"}  # fmt: skip
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps(council, ensure_ascii=False) + "\n")
        for i in range(receptions):
            f.write(
                f'{{"type":"reception","id":"r{i}","council_id":"tp","date":"2023-0{1 + i % 3}-14",'
                f'"kind":"periodic","place":"Trụ sở tiếp công dân","turns":{i % 90},'
                f'"persons":{i % 90 + 5},"cases":{i % 9}}}\n'
            )


def summary_peak(measured: Measured, path: Path) -> float:
    code, output, mib = measured(["summary", str(path), *SUMMARY])
    assert code == 0, output
    return mib


def test_a_streamed_summary_takes_the_same_memory_for_100_or_100_000_records(
    tmp_path: Path, measured: Measured
) -> None:
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    stream(small, 100)
    stream(large, 100_000)  # 20 MB; loaded whole, its records would take 150 MiB more
    assert summary_peak(measured, large) - summary_peak(measured, small) < 20


@pytest.mark.slow
def test_memory_of_each_command_on_a_million_records(tmp_path: Path, measured: Measured) -> None:
    """Measured for the documentation (docs/security.md): run with -s to see the figures."""
    data = tmp_path / "million.jsonl"
    stream(data, 1_000_000)
    figures = {"file (MiB)": data.stat().st_size / MIB}
    figures["summary (streamed)"] = summary_peak(measured, data)
    code, _, figures["validate"] = measured(["validate", str(data)])
    assert code == 0
    code, _, figures["convert to .json"] = measured(
        ["convert", str(data), str(tmp_path / "out.json")]
    )
    assert code == 0
    print({name: round(value) for name, value in figures.items()})
    assert figures["summary (streamed)"] < 120


# ------------------------------------------------------------------------- long lines


class Endless(io.RawIOBase):
    """A stream of ``size`` bytes of ``a`` without a line break, made as it is read."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), self.left)
        buffer[:n] = b"a" * n
        self.left -= n
        return n


READERS = ["bounded_lines", "bounded_line_blocks"]  # CSV reads lines; JSON Lines, blocks


@pytest.mark.parametrize("reader", READERS)
def test_a_long_line_is_refused_before_it_is_read_whole(reader: str) -> None:
    lines = globals()[reader](io.BufferedReader(Endless(200 * MIB)), "big.jsonl")
    with pytest.raises(InvalidData, match=r"^big\.jsonl:1: a line longer than 16 MiB"):
        next(lines)


@pytest.mark.parametrize("reader", READERS)
def test_a_long_line_takes_no_more_memory_than_the_limit(reader: str) -> None:
    program = (
        "import io, sys; sys.path.insert(0, sys.argv[1]); from test_resources import *\n"
        f"lines = {reader}(io.BufferedReader(Endless(200 * MIB)), 'big.jsonl')\n"
        "try:\n    next(lines)\nexcept InvalidData as e:\n    print(e)\n"
        "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM:')).split()[1])"
    )
    result = subprocess.run(
        [sys.executable, "-c", program, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    message, peak_kib = result.stdout.splitlines()
    assert message == (
        "big.jsonl:1: a line longer than 16 MiB: refusing to read it "
        "(a record takes a few hundred bytes)"
    )
    assert int(peak_kib) / 1024 < 100  # the interpreter, hdnd, and 16 MiB


@settings(max_examples=500, deadline=None)
@given(
    pieces=st.lists(st.sampled_from([b"a", b"b:", b":", b"\n", b"\r\n", b"xy:z" * 3]), max_size=40),
    max_bytes=st.integers(1, 14),
)
def test_blocks_of_lines_are_the_lines_read_one_by_one(pieces: list[bytes], max_bytes: int) -> None:
    """Blocks (as short as the limit, so lines run over several) give the lines of
    :func:`bounded_lines`, which reads a line at a time, and refuse the same line."""
    text = b"".join(pieces)
    try:
        read = bounded_lines(io.BytesIO(text), "x", max_bytes)
        expected = [line.removesuffix(b"\n") for line in read]
    except InvalidData as e:
        refused = str(e)
    else:
        refused = None
    if refused is not None:
        with pytest.raises(InvalidData) as info:
            list(bounded_line_blocks(io.BytesIO(text), "x", max_bytes, count=b":"))
        assert str(info.value) == refused
        return
    blocks = list(bounded_line_blocks(io.BytesIO(text), "x", max_bytes, count=b":"))
    assert [line for lines, _ in blocks for line in lines] == expected
    assert all(lines for lines, _ in blocks)
    assert [colons for _, colons in blocks] == [b"".join(lines).count(b":") for lines, _ in blocks]


def long_line(path: Path, size: int) -> None:
    """A JSON Lines file whose second line is a person whose name is ``size`` bytes long."""
    with path.open("wb") as f:
        f.write(b'{"type": "person", "id": "p0", "full_name": "An"}\n')
        f.write(b'{"type": "person", "id": "p1", "full_name": "')
        for _ in range(size // MIB):
            f.write(b"a" * MIB)
        f.write(b'"}\n')


@pytest.mark.slow
@pytest.mark.parametrize("command", [["validate"], ["summary", *SUMMARY]])  # loaded, streamed
def test_a_200_mb_json_lines_line_is_refused_in_bounded_memory(
    tmp_path: Path, measured: Measured, command: list[str]
) -> None:
    path = tmp_path / "long.jsonl"
    long_line(path, 200 * MIB)
    code, output, mib = measured([command[0], path.name, *command[1:]], tmp_path)
    assert code == 2
    assert "long.jsonl:2: a line longer than 16 MiB" in output
    assert "Traceback" not in output
    assert mib < 150


def test_the_json_lines_limit_is_read_at_each_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "people.jsonl"
    long_line(path, 2 * MIB)  # a name of 2 MiB on line 2
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", MIB)
    message = f"{path}:2: a line longer than 1 MiB: refusing to read it"
    with pytest.raises(InvalidData, match=f"^{re.escape(message)}"):
        hdnd.load(path)
    with pytest.raises(InvalidData, match=f"^{re.escape(message)}"):
        list(hdnd.iter_records(path))
    with pytest.raises(InvalidData, match=f"^{re.escape(message)}"):
        hdnd.loads(path.read_bytes(), format="jsonl", file=str(path))
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 4 * MIB)
    assert [len(p.full_name) for p in hdnd.iter_records(path)] == [2, 2 * MIB]


def test_problems_before_a_long_line_are_reported_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "people.jsonl"
    with path.open("wb") as f:
        f.write(b'{"type": "person", "id": "p0"}\n')
        f.write(b'{"type": "person", "id": "p1", "full_name": "' + b"a" * MIB + b'"}\n')
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 1000)
    with pytest.raises(InvalidData) as info:
        hdnd.load(path)
    assert [(p.line, p.location, p.message[:25]) for p in info.value.problems] == [
        (1, "full_name", "required field missing"),
        (2, "", "a line longer than 1,000 "),
    ]


@pytest.mark.slow
def test_a_200_mb_csv_line_is_refused_in_bounded_memory(tmp_path: Path, measured: Measured) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "_meta.csv").write_text("schema_version\n1\n")
    with (folder / "people.csv").open("wb") as f:
        f.write(b"id,full_name\np1,")
        for _ in range(200):
            f.write(b"a" * MIB)
    code, output, mib = measured(["validate", "tables"], tmp_path)
    assert code == 2
    assert "tables/people.csv:2: a line longer than 16 MiB" in output
    assert "Traceback" not in output
    assert mib < 150


@pytest.mark.slow
def test_a_200_mb_document_on_one_line_is_read_in_memory_proportional_to_it(
    tmp_path: Path, measured: Measured
) -> None:
    # A document is not streamed: the whole text, then its records, are in memory.
    path = tmp_path / "long.json"
    with path.open("wb") as f:
        f.write(b'{"schema_version": 1, "people": [{"id": "p1", "full_name": "')
        for _ in range(200):
            f.write(b"a" * MIB)
        f.write(b'"}]}')
    code, output, mib = measured(["validate", path.name], tmp_path)
    assert code == 0, output
    print(f"200 MiB document on one line: peak {mib:.0f} MiB")
    assert mib < 5 * 200


# ------------------------------------------------------------------------- limits


def test_a_zip_of_too_many_members_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(10_001):
            archive.writestr(f"notes/{i}.txt", b"")
    with pytest.raises(InvalidData) as info:
        hdnd.load(path)
    assert str(info.value) == (
        f"{path}: refusing to unpack an archive of 10,001 members; the limit is 10,000"
    )


def test_a_zip_that_lies_about_its_sizes_is_not_unpacked_beyond_them(tmp_path: Path) -> None:
    path = tmp_path / "lying.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_meta.csv", b"schema_version\n1\n")
        archive.writestr("people.csv", b"id,full_name\n" + b"p1,An\n" * 100_000)
    data = bytearray(path.read_bytes())
    # the table of contents (and the member's own header) now say 40 bytes
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.rindex(signature, 0, data.rindex(b"people.csv"))
        data[at + offset : at + offset + 4] = (40).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(InvalidData) as info:
        hdnd.load(path)
    [problem] = info.value.problems
    assert problem.file == f"{path}/people.csv"
    assert problem.message == "cannot unpack: Bad CRC-32 for file 'people.csv'"


@pytest.fixture
def workbook(city: hdnd.Dataset) -> bytes:
    buf = io.BytesIO()
    xlsx.write_workbook(city, buf)
    return buf.getvalue()


def test_a_workbook_larger_than_the_limit_is_refused_unread(
    workbook: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "MAX_WORKBOOK_BYTES", len(workbook) - 1)
    with pytest.raises(InvalidData) as info:
        xlsx.read_workbook(io.BytesIO(workbook), "q1.xlsx")
    assert str(info.value) == (
        "q1.xlsx: a workbook larger than 0 MiB (hdnd.io.xlsx.MAX_WORKBOOK_BYTES): "
        "convert it to CSV tables to read it"
    )


def test_a_sheet_of_more_rows_than_the_limit_is_refused(
    workbook: bytes, monkeypatch: pytest.MonkeyPatch, city: hdnd.Dataset
) -> None:
    # receptions, the largest sheet: the two header rows and 429 records, to row 431
    monkeypatch.setattr(xlsx, "MAX_ROWS", 430)
    with pytest.raises(InvalidData) as info:
        xlsx.read_workbook(io.BytesIO(workbook), "q1.xlsx")
    messages = [str(p) for p in info.value.problems]
    sheet = spec_of("receptions").sheet_title
    assert messages == [
        f"q1.xlsx, sheet {sheet}, row 431: more than 430 rows (hdnd.io.xlsx.MAX_ROWS)"
    ]
    monkeypatch.setattr(xlsx, "MAX_ROWS", 431)
    assert xlsx.read_workbook(io.BytesIO(workbook), "q1.xlsx") == city


def test_limits_are_read_at_each_call(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, city: hdnd.Dataset
) -> None:
    path = tmp_path / "city.zip"
    hdnd.dump(city, path)
    with zipfile.ZipFile(path) as archive:  # the sizes the archive itself declares
        unpacked = sum(member.file_size for member in archive.infolist())
    monkeypatch.setattr(csvtables, "MAX_UNPACKED_BYTES", 1_000)
    with pytest.raises(
        InvalidData, match=rf"refusing to unpack {unpacked:,} bytes; the limit is 1,000 bytes$"
    ):
        hdnd.load(path)
    monkeypatch.setattr(csvtables, "MAX_UNPACKED_BYTES", 2**30)
    assert hdnd.load(path) == city


def test_deep_nesting_in_a_list_cell_is_a_clear_problem(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "_meta.csv").write_text("schema_version\n1\n")
    (folder / "people.csv").write_text("id,full_name,other_posts\np1,An," + "[" * 100_000 + "\n")
    with pytest.raises(InvalidData) as info:
        hdnd.load(folder)
    [problem] = info.value.problems
    assert (problem.line, problem.location) == (2, "other_posts")
    assert problem.message.startswith('expected a JSON array of text such as ["a", "b"]')


@pytest.mark.parametrize(
    "prolog",
    [
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "ha">]>',
        b'<?xml version="1.0"?>\n<!-- <worksheet> --><!DOCTYPE worksheet>',  # a decoy root
        b'<?xml version="1.0"?>' + b" " * 70_000,  # a declaration could hide past it
    ],
    ids=["document type", "behind a comment", "a long prolog"],
)
def test_a_workbook_part_with_a_document_type_is_refused_unparsed(
    workbook: bytes, prolog: bytes
) -> None:
    source = zipfile.ZipFile(io.BytesIO(workbook))
    parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts["xl/workbook.xml"]
    parts["xl/workbook.xml"] = prolog + sheet[sheet.index(b"<workbook") :]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    with pytest.raises(InvalidData) as info:
        xlsx.read_workbook(io.BytesIO(out.getvalue()), "q1.xlsx")
    assert str(info.value) == (
        "q1.xlsx: xl/workbook.xml: refusing an XML document type declaration (<!DOCTYPE) "
        "or a prolog of over 64 KiB: workbooks have neither, and entities can expand "
        "without end"
    )
