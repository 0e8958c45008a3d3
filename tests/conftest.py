"""Markers for the long-running tests, which a plain ``pytest`` run skips, a runner
that measures the memory ``hdnd`` takes, and the bundled example every module shares
(``example_path``, and ``city``: the dataset it holds, loaded once).

``slow``: tests that take more than a few seconds (a 200 MB line, a million records);
run them with ``pytest -m slow``. ``fuzz``: the long fuzzing run (``tests/test_fuzz.py``),
many more examples than the short run every ``pytest`` does; run it with
``pytest -m fuzz`` (``HDND_FUZZ_EXAMPLES`` sets how many per test).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import hdnd

# Nothing in the suite may depend on the machine being fast: no deadlines anywhere, and
# on CI (a shared, loaded 2-core machine) no health check that times data generation.
settings.register_profile("hdnd", deadline=None)
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "hdnd")

# The suite's expected messages are English: a Vietnamese locale on the machine running it
# must not change them (tests of the language choice set the environment themselves).
os.environ["HDND_LANG"] = "en"

# Runs hdnd's command, then writes the process's peak memory (VmHWM, KiB) to a file.
# Not the rusage of the child: a child starts as a copy of the test process, whose
# memory its peak would count.
_MEASURED = """\
import atexit, runpy, sys
def report(path=sys.argv.pop(1)):
    with open("/proc/self/status") as status, open(path, "w") as out:
        out.write(next(line for line in status if line.startswith("VmHWM:")).split()[1])
atexit.register(report)
sys.argv[0] = "hdnd"
runpy.run_module("hdnd", run_name="__main__", alter_sys=True)
"""

EXAMPLE = Path(__file__).parent.parent / "examples" / "data" / "city-q1-2023.json"


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The bundled example: one city's councils, first quarter of 2023 (JSON)."""
    return EXAMPLE


@pytest.fixture(scope="session")
def city(example_path: Path) -> hdnd.Dataset:
    """The bundled example's dataset, loaded once: a Dataset is immutable."""
    return hdnd.load(example_path)


Measured = Callable[..., tuple[int, str, float]]
HdndCli = Callable[..., subprocess.CompletedProcess[str]]


LOCALE_VARIABLES = ("HDND_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run_hdnd(
    *args: str,
    stdin: str | None = None,
    cwd: Path | None = None,
    locale: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``hdnd args`` in a process of its own: its status, output and errors, as text.

    ``locale``: the language variables the process has, those only (not this suite's
    HDND_LANG=en, nor the machine's)."""
    env = None
    if locale is not None:
        env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES} | locale
    return subprocess.run(
        [sys.executable, "-m", "hdnd", *args],
        input=stdin,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.fixture(scope="session")
def hdnd_cli() -> HdndCli:
    """:func:`run_hdnd`, for tests of the command as a user runs it."""
    return run_hdnd


def run_measured(args: list[str], cwd: Path | None = None) -> tuple[int, str, float]:
    """Run ``hdnd args``: its exit status, its output (standard output, then error), and
    its peak memory in MiB."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch, "peak")
        result = subprocess.run(
            [sys.executable, "-c", _MEASURED, str(report), *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            env=os.environ,
        )
        peak = int(report.read_text()) / 1024 if report.exists() else float("nan")
    return result.returncode, result.stdout.decode() + result.stderr.decode(), peak


@pytest.fixture(scope="session")
def measured() -> Measured:
    """:func:`run_measured`, for tests that check how much memory a command takes."""
    return run_measured


_OPT_IN = {
    "slow": "takes more than a few seconds: run with -m slow",
    "fuzz": "the long fuzzing run: run with -m fuzz",
}


@pytest.fixture
def sql_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the DuckDB engine hands the file to Python."""

    def handed_over(*_: object) -> object:
        raise AssertionError("the DuckDB engine handed the file to the Python engine")

    monkeypatch.setattr("hdnd.sql.summarize_path", handed_over)


def pytest_configure(config: pytest.Config) -> None:
    for name, description in _OPT_IN.items():
        config.addinivalue_line("markers", f"{name}: {description}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selected = config.getoption("markexpr") or ""
    for item in items:
        for name, reason in _OPT_IN.items():
            if name in item.keywords and name not in selected:
                item.add_marker(pytest.mark.skip(reason=reason))
