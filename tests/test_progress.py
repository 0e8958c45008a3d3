"""The progress line: shown on a terminal while validate, convert and summary read, else silent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import hdnd
from hdnd._progress import Progress, opened, wanted
from hdnd.cli import main


class Terminal(io.StringIO):
    """Standard error as a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def big(tmp_path: Path, city: hdnd.Dataset) -> Path:
    path = tmp_path / "city.jsonl"
    hdnd.dump(city, path)
    return path


def last_line(text: str) -> str:
    """What the terminal shows in the end: the last drawing, without control codes."""
    return text.split("\r")[-1].replace("\x1b[K", "").strip()


def test_reading_through_the_counter_gives_the_same_bytes(big: Path) -> None:
    err = Terminal()
    with opened(big, show=True, out=err, interval=0) as f:
        lines = list(f)
    assert b"".join(lines) == big.read_bytes()
    lines_read = big.read_bytes().count(b"\n")
    size = big.stat().st_size
    assert last_line(err.getvalue()).startswith(
        f"city.jsonl: {lines_read:,} records, {size / 1e6:.1f}/{size / 1e6:.1f} MB, 100%, in "
    )


def test_rate_and_time_left_once_it_can_tell() -> None:
    err = io.StringIO()
    progress = Progress("q.jsonl", 1000, err, interval=0)
    progress.started -= 10  # ten seconds ago
    progress.advance(250, 50)
    assert (
        last_line(err.getvalue()) == "q.jsonl: 50 records, 0.0/0.0 MB, 25%, 5 records/s, 0:30 left"
    )


def test_only_on_a_terminal_and_not_when_quiet() -> None:
    assert wanted(quiet=False, out=Terminal())
    assert not wanted(quiet=True, out=Terminal())
    assert not wanted(quiet=False, out=io.StringIO())


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{file}"],
        ["summary", "{file}", "--period", "quý I/2023"],
        ["convert", "{file}", "{out}"],
    ],
)
def test_the_commands_show_progress_on_a_terminal(
    command: list[str],
    big: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = [a.format(file=big, out=big.with_name("out.json")) for a in command]
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(args) == 0
    assert "city.jsonl: " in terminal.getvalue()
    drawn = terminal.getvalue().split("\nhdnd: wrote ")[0]  # convert then says what it wrote
    assert last_line(drawn).endswith(tuple(f"in 0:0{s}" for s in range(10)))
    quiet = Terminal()
    monkeypatch.setattr("sys.stderr", quiet)
    assert main([*args, "--quiet"]) == 0
    assert quiet.getvalue() == ""


def test_silent_when_standard_error_is_not_a_terminal(
    big: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(big)]) == 0
    assert capsys.readouterr().err == ""
