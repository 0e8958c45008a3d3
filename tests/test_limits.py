"""Every limit is found by name, documented, and can be raised from the command line."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import hdnd
import hdnd.errors
import hdnd.io.jsonl
from hdnd.cli import main
from hdnd.limits import MODULES, UnknownLimit, find, limits, raised

ROOT = Path(__file__).parent.parent


def test_every_max_attribute_of_the_modules_is_a_limit_and_named_once() -> None:
    expected = {
        f"{module}.{name}"
        for module in MODULES
        for name in vars(importlib.import_module(module))
        if re.fullmatch(r"MAX_[A-Z_]+", name)
    }
    names = [limit.name for limit in limits()]
    assert sorted(names) == sorted(expected)
    assert len(names) == len(set(names))
    assert "hdnd.io.xlsx.MAX_CELLS" in names
    assert "hdnd.report.MAX_TEMPLATE_SECONDS" in names


def test_docs_security_names_every_limit() -> None:
    page = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    missing = [limit.name for limit in limits() if f"`{limit.attribute}`" not in page]
    assert missing == []


def test_a_short_name_finds_the_one_limit_it_ends() -> None:
    assert find("jsonl.MAX_LINE_BYTES").name == "hdnd.io.jsonl.MAX_LINE_BYTES"
    assert find("MAX_SHARED_STRINGS").name == "hdnd.io.xlsx.MAX_SHARED_STRINGS"
    with pytest.raises(UnknownLimit, match="several limits"):
        find("MAX_LINE_BYTES")  # JSON Lines and CSV tables each have one
    with pytest.raises(UnknownLimit, match=r"did you mean 'hdnd\.io\.xlsx\.MAX_FORMULAS'"):
        find("xlsx.MAX_FORMULA")


def test_raised_sets_the_limits_for_the_block_only_even_when_it_fails() -> None:
    seen = []

    def fail_inside() -> None:
        with raised({"jsonl.MAX_LINE_BYTES": "1KiB"}):
            seen.append(hdnd.io.jsonl.MAX_LINE_BYTES)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_inside()
    assert seen == [1024]
    assert hdnd.io.jsonl.MAX_LINE_BYTES == 16 * 2**20


def test_a_bad_value_sets_nothing() -> None:
    with (
        pytest.raises(UnknownLimit, match="MAX_PROBLEMS"),
        raised({"xlsx.MAX_ROWS": "5", "MAX_PROBLEMS": "many"}),
    ):
        pass
    assert hdnd.io.xlsx.MAX_ROWS == 100_000


def test_the_command_line_lowers_a_reader_limit_for_that_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], city: hdnd.Dataset
) -> None:
    lines = tmp_path / "city.jsonl"
    hdnd.dump(city, lines)
    assert main(["validate", str(lines), "--limit", "jsonl.MAX_LINE_BYTES=100"]) == 2
    assert "longer than" in capsys.readouterr().out
    assert hdnd.io.jsonl.MAX_LINE_BYTES == 16 * 2**20
    assert main(["validate", str(lines)]) == 0


def test_the_command_line_refuses_an_unknown_limit_as_a_usage_error(
    capsys: pytest.CaptureFixture[str],
    example_path: Path,
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["validate", str(example_path), "--limit", "xlsx.MAX_ROW=5"])
    assert stopped.value.code == 2
    assert "did you mean 'hdnd.io.xlsx.MAX_ROWS'?" in capsys.readouterr().err


def test_max_problems_is_the_limit_of_that_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "x"}\n' * 5, encoding="utf-8")
    assert main(["validate", str(bad), "--limit", "errors.MAX_PROBLEMS=2"]) == 2
    out = capsys.readouterr().out
    assert "… and 3 more problems (first line 3, last line 5)" in out
    assert hdnd.errors.MAX_PROBLEMS == 1000


def test_a_limit_named_in_full_imports_its_module_only() -> None:
    import subprocess
    import sys

    script = (
        "import sys, hdnd\n"
        "before = set(sys.modules)\n"
        "from hdnd.limits import find\n"
        "find('hdnd.errors.MAX_PROBLEMS')\n"
        "print(sorted(set(sys.modules) - before - {'hdnd.limits'}))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "[]"  # every command names MAX_PROBLEMS: it must be cheap


def test_the_limits_of_an_extra_not_installed_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    from hdnd.errors import MissingDependency

    real = importlib.import_module

    def without_docx(name: str) -> object:
        if name == "hdnd.report.docx":  # as it fails without python-docx
            raise MissingDependency("python-docx is not installed")
        return real(name)

    monkeypatch.setattr(importlib, "import_module", without_docx)
    names = [limit.name for limit in limits()]
    assert "hdnd.report.docx.MAX_PART_BYTES" not in names
    assert "hdnd.io.xlsx.MAX_ROWS" in names


@pytest.mark.parametrize("name", ["docx.MAX_PART_BYTES", "hdnd.report.docx.MAX_PART_BYTES"])
def test_a_limit_of_an_extra_not_installed_says_so(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hdnd.errors import MissingDependency

    real = importlib.import_module

    def without_docx(module: str) -> object:
        if module == "hdnd.report.docx":
            raise MissingDependency("Word reports (.docx) need python-docx")
        return real(module)

    monkeypatch.setattr(importlib, "import_module", without_docx)
    with pytest.raises(UnknownLimit, match=r"MAX_PART_BYTES: Word reports \(\.docx\) need"):
        find(name)
