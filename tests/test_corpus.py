"""The bad-input corpus (``tests/data/bad``): what ``hdnd`` answers for each file.

``EXPECTED.csv`` lists each file with a command (``validate``; ``convert:OUT`` or
``report:OUT``, writing OUT in a scratch folder; ``summary-template``, the file being a
prose template), the exit status, the text the output must hold (`` | `` between pieces;
for a conversion that succeeds, the file written) and, for files that must load the same
as another, that file; and, for what fails until another part of hdnd changes, why.
Each case runs ``hdnd`` in its own process (all of them at once, two at a time,
before the first case is checked) and must end without a traceback, in bounded memory.
"""

from __future__ import annotations

import concurrent.futures
import csv
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import hdnd

CORPUS = Path(__file__).parent / "data" / "bad"
with (CORPUS / "EXPECTED.csv").open(encoding="utf-8", newline="") as f:
    ENTRIES = list(csv.DictReader(f))
MAX_RSS_MIB = 150  # hdnd with openpyxl loaded takes about 40
Measured = Callable[..., tuple[int, str, float]]
PERIOD = ["--period", "quý I/2023", "--compare", "none", "--council", "tp"]


@attrs.frozen
class Outcome:
    code: int
    output: str  # standard output, then standard error
    peak_mib: float
    written: Path | None  # what a conversion wrote, if it did


def outcome(measured: Measured, entry: dict[str, str], scratch: Path) -> Outcome:
    command, _, target = entry["command"].partition(":")
    if command == "validate":
        return Outcome(*measured(["validate", entry["file"]], CORPUS), written=None)
    if command == "summary-template":
        args = ["summary", "json/valid.json", *PERIOD, "--template", entry["file"]]
        return Outcome(*measured(args, CORPUS), written=None)
    written = scratch / target
    if command == "report":
        args = ["report", entry["file"], *PERIOD, "--output", str(written)]
        args += ["--format", "html"] if target.endswith(".html") else []
        return Outcome(*measured(args, CORPUS), written=written)
    assert command == "convert", command
    return Outcome(*measured(["convert", entry["file"], str(written)], CORPUS), written=written)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory, measured: Measured) -> list[Outcome]:
    scratch = tmp_path_factory.mktemp("corpus")
    folders = [scratch / str(i) for i in range(len(ENTRIES))]
    for folder in folders:
        folder.mkdir()
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(functools.partial(outcome, measured), ENTRIES, folders))


def case(index: int, entry: dict[str, str]) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=entry["xfail"])] if entry["xfail"] else []
    return pytest.param(index, id=f"{entry['command']}-{entry['file']}", marks=marks)


@pytest.mark.parametrize("index", [case(i, e) for i, e in enumerate(ENTRIES)])
def test_corpus_file(index: int, outcomes: list[Outcome]) -> None:
    entry, result = ENTRIES[index], outcomes[index]
    assert "Traceback" not in result.output
    assert result.code == int(entry["exit"]), result.output
    assert result.peak_mib < MAX_RSS_MIB
    expected = [piece for piece in entry["contains"].split(" | ") if piece]
    if result.written is not None and result.code == 0:
        written = sorted(result.written.iterdir()) if result.written.is_dir() else [result.written]
        text = "".join(p.read_text("utf-8") for p in written if p.suffix not in (".xlsx", ".docx"))
        for piece in expected:
            assert piece in text
        if entry["same_as"]:
            assert hdnd.load(result.written) == hdnd.load(CORPUS / entry["same_as"])
        return
    for piece in expected:
        assert piece in result.output
    if result.written is not None:  # a failed conversion writes nothing at all
        assert list(result.written.parent.iterdir()) == []
    if entry["same_as"]:
        assert hdnd.load(CORPUS / entry["file"]) == hdnd.load(CORPUS / entry["same_as"])


def test_every_corpus_file_has_an_expected_outcome() -> None:
    listed = {e["file"] for e in ENTRIES} | {e["same_as"] for e in ENTRIES if e["same_as"]}
    present = {
        p.relative_to(CORPUS).as_posix()
        for folder in ("json", "jsonl", "zip", "xlsx", "templates")
        for p in (CORPUS / folder).iterdir()
    } | {p.relative_to(CORPUS).as_posix() for p in (CORPUS / "csv").iterdir()}
    assert present == listed


def test_the_corpus_covers_every_format() -> None:
    formats = [e["file"].split("/")[0] for e in ENTRIES if e["command"] == "validate"]
    counts = {name: formats.count(name) for name in ("json", "jsonl", "csv", "zip", "xlsx")}
    assert sum(counts.values()) >= 40
    assert min(counts.values()) >= 5


MADE_WITH_OPENPYXL = "3.1.5"


def test_the_committed_corpus_is_what_make_corpus_writes() -> None:
    sys.path.insert(0, str(CORPUS))
    try:
        import make_corpus
    finally:
        sys.path.remove(str(CORPUS))
    import openpyxl

    made = make_corpus.files()
    for name, content in made.items():
        if name.endswith(".xlsx") and openpyxl.__version__ != MADE_WITH_OPENPYXL:
            continue  # workbooks are byte-stable only for the openpyxl that wrote them
        assert (CORPUS / name).read_bytes() == content, name
