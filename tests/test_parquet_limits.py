"""Parquet files are read within limits, judged before any row is read; no infinite dates.

A Parquet file packs a text repeated in many rows as one dictionary entry: 2 KB can
hold 200 texts of 10 MB. hdnd measures each file's text in DuckDB, without making
it, and refuses a text over ``MAX_TEXT_BYTES`` or a file over ``MAX_UNPACKED_BYTES``
with a located problem (exit status 2), before any row reaches Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import hdnd
from hdnd.cli import main
from hdnd.errors import InvalidData
from hdnd.io import parquet
from hdnd.periods import parse_period

duckdb = pytest.importorskip("duckdb")

MiB = 2**20


def with_table(city: hdnd.Dataset, tmp_path: Path, table: str, query: str) -> Path:
    """The example as a Parquet folder whose ``table`` is ``query`` over the good one."""
    folder = tmp_path / "city.parquet"
    hdnd.dump(city, folder)
    file = folder / f"{table}.parquet"
    good = tmp_path / "good.parquet"
    file.rename(good)
    select = query.format(good=f"read_parquet('{good}')")
    duckdb.connect().execute(f"COPY ({select}) TO '{file}' (FORMAT parquet, COMPRESSION zstd)")
    good.unlink()
    return folder


def named_people_only(city: hdnd.Dataset) -> hdnd.Dataset:
    """The example without its invented deputies and the records naming them: 2 people."""
    leaders = {p.person_id for p in city.positions}
    naming = (hdnd.Deputy, hdnd.Question, hdnd.ConfidenceVote)
    return hdnd.Dataset.from_records(
        r
        for r in city.records()
        if not isinstance(r, naming) and (not isinstance(r, hdnd.Person) or r.id in leaders)
    )


def bomb(city: hdnd.Dataset, tmp_path: Path, rows: int, text_bytes: int) -> Path:
    """People whose names are ``rows`` times one text of ``text_bytes``: a small file."""
    city = named_people_only(city)
    folder = with_table(
        city,
        tmp_path,
        "people",
        f"SELECT id, repeat('x', {text_bytes}) AS full_name, other_posts FROM {{good}} "
        f"UNION ALL SELECT 'p' || i, repeat('x', {text_bytes}), [] FROM range({rows - 2}) t(i)",
    )
    counts = city.counts() | {"people": rows}
    lines = (folder / "_meta.csv").read_text().splitlines()
    (folder / "_meta.csv").write_text(
        f"{lines[0]}\n1,{','.join(str(counts[k]) for k in lines[0].split(',')[1:])}\n"
    )
    return folder


def problems(path: Path) -> list[str]:
    with pytest.raises(InvalidData) as info:
        hdnd.load(path)
    return [str(p) for p in info.value.problems]


@pytest.fixture
def no_rows_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a row of people.parquet reaches Python."""
    read = parquet._rows

    def rows(cursor: Any, place: Any) -> Any:
        if place.file.endswith("people.parquet"):
            raise AssertionError("a row was read")
        return read(cursor, place)

    monkeypatch.setattr(parquet, "_rows", rows)


def test_a_parquet_bomb_is_refused_before_a_row_is_read(
    city: hdnd.Dataset, tmp_path: Path, no_rows_read: None
) -> None:
    folder = bomb(city, tmp_path, 200, 2 * MiB)  # 400 MiB of text
    assert (folder / "people.parquet").stat().st_size < 20_000
    assert problems(folder) == [
        f"{folder / 'people.parquet'}:1: full_name: a text of 2 MiB: refusing to read it; "
        "the limit is 1 MiB"
    ]


def test_the_command_line_and_the_duckdb_engine_refuse_it_too(
    city: hdnd.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = bomb(city, tmp_path, 200, 2 * MiB)
    message = f"{folder / 'people.parquet'}:1: full_name: a text of 2 MiB: refusing to read it"
    assert main(["validate", str(folder)]) == 2
    assert message in capsys.readouterr().out
    period = ["--period", "quý I/2023", "--engine", "duckdb"]
    assert main(["summary", str(folder), *period]) == 2
    assert message in capsys.readouterr().err


def test_the_limits_can_be_raised(
    city: hdnd.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = bomb(city, tmp_path, 10, 2 * MiB)
    monkeypatch.setattr(parquet, "MAX_TEXT_BYTES", 2 * MiB)
    assert {p.full_name for p in hdnd.load(folder).people} == {"x" * 2 * MiB}
    monkeypatch.setattr(parquet, "MAX_UNPACKED_BYTES", 10 * MiB)  # 20 MiB of text
    assert problems(folder) == [
        f"{folder / 'people.parquet'}: refusing to read a file that unpacks to 20 MiB; "
        "the limit is 10 MiB (a Parquet bomb?)"
    ]


def test_a_file_whose_columns_unpack_beyond_the_limit_is_refused_by_its_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, city: hdnd.Dataset
) -> None:
    folder = tmp_path / "city.parquet"
    hdnd.dump(city, folder)
    monkeypatch.setattr(parquet, "MAX_UNPACKED_BYTES", 1000)
    found = problems(folder)
    assert f"{folder / 'receptions.parquet'}: refusing to read a file that unpacks to " in "".join(
        found
    )
    assert all(p.endswith("the limit is 1,000 bytes (a Parquet bomb?)") for p in found)


def test_a_long_list_is_a_long_text(city: hdnd.Dataset, tmp_path: Path, no_rows_read: None) -> None:
    folder = with_table(
        city,
        tmp_path,
        "people",
        "SELECT * REPLACE (CASE WHEN id = 'nguyen-van-do' THEN "
        "list_transform(range(100), lambda i: repeat('y', 20000)) ELSE other_posts END "
        "AS other_posts) FROM {good}",
    )
    assert problems(folder) == [
        f"{folder / 'people.parquet'}:1: other_posts: a text of 2 MiB: refusing to read it; "
        "the limit is 1 MiB"
    ]


@pytest.mark.parametrize("infinity", ["infinity", "-infinity"])
def test_an_infinite_date_is_refused_located(
    city: hdnd.Dataset, tmp_path: Path, infinity: str
) -> None:
    folder = with_table(
        city,
        tmp_path,
        "receptions",
        f"SELECT * REPLACE (CASE WHEN id = 'tp-tcd-2023-01-12' THEN '{infinity}'::DATE "
        "ELSE date END AS date) FROM {good}",
    )
    assert problems(folder) == [
        f"{folder / 'receptions.parquet'}:2: date: an infinite date ('infinity'), which is no date"
    ]
    with pytest.raises(InvalidData, match="an infinite date"):  # the DuckDB engine: the same
        hdnd.sql.summarize_file(folder, [parse_period("quý I/2023")])
