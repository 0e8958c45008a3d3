"""The command line at the edges: a reader that closes the pipe early, an input too large
for the memory. Neither is a traceback (issues 17 and 18)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import hdnd.io
from hdnd.cli import EXIT_PIPE_CLOSED, main

from .conftest import run_hdnd

PIPE_BUFFER = 64 * 1024  # Linux's default: a writer blocks, then fails, past it
TOO_LARGE = "too large to process in the memory available"


@pytest.fixture(scope="module")
def many_findings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid .jsonl file whose ``hdnd validate`` output is larger than a pipe's buffer:
    2,000 receptions with fewer persons than turns (HDND-R011), a line each."""
    path = tmp_path_factory.mktemp("pipes") / "many.jsonl"
    council = {"type": "council", "id": "x", "name": "HĐND xã A", "level": "commune"}
    lines = [json.dumps(council | {"unit_type": "commune"})]
    lines += [
        json.dumps(
            {"type": "reception", "id": f"r{i}", "council_id": "x", "date": "2023-01-05",
             "kind": "periodic", "turns": 6, "persons": 4, "cases": 6}
        )
        for i in range(2_000)
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def command(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "hdnd", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def assert_ended_quietly(process: subprocess.Popen[bytes]) -> None:
    assert process.stderr is not None
    errors = process.stderr.read().decode()
    assert process.wait() == EXIT_PIPE_CLOSED == 141
    assert errors == ""  # no traceback, no "Exception ignored", no "hdnd: error"


def test_validate_read_one_line_then_closed_ends_quietly(many_findings: Path) -> None:
    process = command("validate", str(many_findings))
    assert process.stdout is not None
    assert process.stdout.readline().decode().endswith("valid (councils: 1, receptions: 2000)\n")
    process.stdout.close()  # as `head -1` does: 2,000 more lines cannot all fit the pipe
    assert_ended_quietly(process)


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "{example}", "--period", "quý I/2023", "--format", "csv"],
        ["convert", "{example}", "-", "--to", "jsonl"],
        ["export", "--to", "popolo", "{example}", "-"],
        ["schema"],
    ],
    ids=lambda args: args[0],
)
def test_a_pipe_closed_before_any_output_ends_quietly(args: list[str], example_path: Path) -> None:
    process = command(*(a.format(example=example_path) for a in args))
    assert process.stdout is not None
    process.stdout.close()  # no reader left: the first write fails, whatever its size
    assert_ended_quietly(process)


def test_the_issues_pipeline_to_head_ends_quietly(many_findings: Path) -> None:
    assert len(main_output(many_findings)) > PIPE_BUFFER  # else `head` would not break it
    shell = f"set -o pipefail; '{sys.executable}' -m hdnd validate '{many_findings}' | head -1"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
    assert done.stdout.startswith(f"{many_findings}: valid")
    assert done.stdout.count("\n") == 1
    assert (done.returncode, done.stderr) == (EXIT_PIPE_CLOSED, "")


def main_output(path: Path) -> bytes:
    return subprocess.run(
        [sys.executable, "-m", "hdnd", "validate", str(path)], capture_output=True, check=True
    ).stdout


def out_of_memory(*args: object) -> None:
    raise MemoryError


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "{example}", "--period", "quý I/2023"],
        ["convert", "{example}", "-"],
        ["export", "--to", "popolo", "{example}", "-"],
    ],
    ids=lambda args: args[0],
)
def test_an_input_too_large_for_the_memory_is_named(
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    example_path: Path,
) -> None:
    monkeypatch.setattr(hdnd.io, "_load", out_of_memory)
    assert main([a.format(example=example_path) for a in args]) == 2
    assert capsys.readouterr() == ("", f"hdnd: error: {example_path}: {TOO_LARGE}\n")


def test_validate_reports_a_file_too_large_and_goes_on_to_the_next(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    small = tmp_path / "small.json"
    small.write_text('{"schema_version": 1}', encoding="utf-8")
    load = hdnd.io._load

    def too_large_if_big(path: str, opener: object) -> object:
        return out_of_memory() if path == "big.json" else load(path, opener)  # type: ignore[arg-type]

    monkeypatch.setattr(hdnd.io, "_load", too_large_if_big)
    assert main(["validate", "big.json", str(small)]) == 2
    assert capsys.readouterr().out.splitlines() == [
        "big.json: INVALID, 1 problem",
        f"  big.json: {TOO_LARGE}",
        f"{small}: valid (no records)",
        "2 files: 1 invalid, 0 check errors, 0 warnings",
    ]


def test_a_failed_allocation_ends_the_process_with_a_message_not_a_traceback(
    example_path: Path,
) -> None:
    # A real MemoryError in a real process: an allocation no machine can make.
    script = (
        "import hdnd.io; hdnd.io._load = lambda *a: bytearray(1 << 62); "
        "import hdnd.cli; hdnd.cli.run()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "export", "--to", "popolo", str(example_path), "-"],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"hdnd: error: {example_path}: {TOO_LARGE}\n"


def test_ctrl_c_ends_the_command_with_a_line_not_a_traceback(example_path: Path) -> None:
    script = (
        "import sys, hdnd.io, hdnd.cli\n"
        "def interrupted(*args):\n"
        "    raise KeyboardInterrupt\n"
        "hdnd.io._load = interrupted\n"
        f"sys.argv = ['hdnd', 'validate', {str(example_path)!r}]\n"
        "hdnd.cli.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == -signal.SIGINT  # as SIGINT ends a program: a shell says 130
    assert done.stderr == "hdnd: interrupted\n"


def test_a_pipe_gets_utf8_whatever_the_system_encoding(example_path: Path) -> None:
    """Output to a pipe or a file is UTF-8, as JSON must be, not the system's encoding
    (on Windows a pipe's is a code page such as cp1252, which has no 'ý'); a terminal
    still gets text in its own."""
    result = run_hdnd(
        "summary", str(example_path), "--period", "quý I/2023", "--format", "json",
        locale={"HDND_LANG": "en", "PYTHONIOENCODING": "ascii"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["period"]["name"] == "quý I/2023"
