"""``hdnd summary --engine duckdb``: DuckDB counts Parquet folders; Python streams ``.jsonl``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import hdnd
import hdnd._progress
import hdnd.sql
from hdnd.cli import main

OPTIONS = ["--period", "quý I/2023", "--council", "tp", "--format", "json"]


def refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the DuckDB engine was asked")


@pytest.mark.parametrize("terminal", [False, True])
def test_a_jsonl_file_is_streamed_by_python_whatever_the_engine(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
    city: hdnd.Dataset,
) -> None:
    stream = tmp_path / "city.jsonl"
    hdnd.dump(city, stream)
    assert main(["summary", str(stream), *OPTIONS]) == 0
    python = capsys.readouterr().out
    monkeypatch.setattr(hdnd.sql, "summarize_file", refuse)
    monkeypatch.setattr(hdnd._progress, "wanted", lambda quiet, out=None: terminal and not quiet)
    assert main(["summary", str(stream), *OPTIONS, "--engine", "duckdb"]) == 0
    given = capsys.readouterr()
    assert given.out == python
    note = f"hdnd: note: {stream} is streamed by Python: the DuckDB engine is for Parquet"
    assert (note in given.err) is terminal
    assert '"cases": 74' in python


def test_a_parquet_folder_goes_to_duckdb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []

    def counted(path: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(Path(path).name)
        raise hdnd.errors.HdndError("counted by DuckDB")

    monkeypatch.setattr(hdnd.sql, "summarize_file", counted)
    folder = tmp_path / "city.parquet"
    assert main(["summary", str(folder), *OPTIONS, "--engine", "duckdb"]) == 2
    assert asked == ["city.parquet"]
    assert "counted by DuckDB" in capsys.readouterr().err
