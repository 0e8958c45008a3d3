"""The DuckDB engine (hdnd.sql) and Parquet folders (hdnd.io.parquet).

The engine must give what the Python engine gives: the same summaries for good data
(computed in SQL, not handed to Python), the same errors for bad data.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hdnd
from hdnd import sql
from hdnd.errors import InvalidData, MissingDependency
from hdnd.io.jsonl import line_problems
from hdnd.io.parquet import read_parquet_dir, write_parquet_dir
from hdnd.periods import Period, parse_period
from hdnd.testing import datasets, periods

duckdb = pytest.importorskip("duckdb")

BAD = Path(__file__).parent / "data" / "bad"
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
Q1 = [parse_period("quý I/2023"), parse_period("quý I/2022")]


def python_engine(path: Path, wanted: list[Period], council: str | None = None) -> Any:
    """What the Python engine says of a file: its summaries, or its error message."""
    try:
        if path.suffix == ".jsonl":
            return hdnd.summarize_periods(hdnd.iter_records(path), wanted, council)
        return hdnd.summarize_periods(hdnd.load(path).records(), wanted, council)
    except InvalidData as e:
        if path.suffix != ".jsonl":
            return str(e)
        with path.open("rb") as f:  # a stream stopped: every line's problems, streamed again
            return str(InvalidData(line_problems(f, str(path))))


def duckdb_engine(path: Path, wanted: list[Period], council: str | None = None) -> Any:
    try:
        return sql.summarize_file(path, wanted, council)
    except InvalidData as e:
        return str(e)


def test_the_example_is_counted_in_sql_with_the_report_figures(
    tmp_path: Path, sql_only: None, city: hdnd.Dataset
) -> None:
    hdnd.dump(city, tmp_path / "city.jsonl")
    hdnd.dump(city, tmp_path / "city.parquet")
    for path in (tmp_path / "city.jsonl", tmp_path / "city.parquet"):
        q1, q1_2022 = sql.summarize_file(path, Q1, council="tp", with_subordinates=True)
        # the source report's figures (see tests/test_summary.py)
        assert q1.figures.oversight.by_kind["thematic"] == 11
        assert q1.figures.oversight.conducted == 38
        host = q1.figures.receptions.by_host["tp-tt"]
        assert (host.turns, host.persons, host.cases) == (74, 144, 74)
        assert q1.by_level["commune"].receptions.total.sessions == 204
        assert [q1, q1_2022] == hdnd.summarize_periods(
            city.records(), Q1, council="tp", with_subordinates=True
        )


@PROPERTY
@given(
    datasets(max_councils=4),
    st.lists(periods(), min_size=1, max_size=3),
    st.booleans(),
    st.booleans(),
)
def test_both_engines_give_the_same_summaries(
    tmp_path: Path,
    sql_only: None,
    ds: hdnd.Dataset,
    wanted: list[Period],
    parquet: bool,
    predecessors: bool,
) -> None:
    """Every record type the strategies draw, those of format 2 with their figures at a
    period's bounds too; a council with its subordinates, and its predecessors."""
    path = tmp_path / ("data.parquet" if parquet else "data.jsonl")
    if parquet:
        write_parquet_dir(ds, path)
    else:
        hdnd.dump(ds, path)
    council = ds.councils[0].id
    assert sql.summarize_file(path, wanted) == hdnd.summarize_periods(ds.records(), wanted)
    assert sql.summarize_file(path, wanted, council, True, predecessors) == (
        hdnd.summarize_periods(ds.records(), wanted, council, True, predecessors)
    )


@PROPERTY
@given(datasets())
def test_every_dataset_round_trips_through_parquet(tmp_path: Path, ds: hdnd.Dataset) -> None:
    folder = tmp_path / "data.parquet"  # written over by each example
    write_parquet_dir(ds, folder)
    assert read_parquet_dir(folder) == ds
    assert len(list(folder.glob("*.parquet"))) == len(hdnd.dataset.COLLECTIONS)


LINE = (
    '{"type":"reception","id":"r1","council_id":"c","date":"2023-02-14","kind":"periodic",'
    '"turns":3,"persons":4,"cases":3}'
)
HEAD = (
    '{"type":"header","schema_version":1}\n'
    '{"type":"council","id":"c","name":"HĐND xã A","level":"commune","unit_type":"commune"}\n'
)


@pytest.mark.parametrize(
    "line",
    [
        LINE,
        LINE.replace('"turns":3', '"turns":"3"'),  # DuckDB would cast it
        LINE.replace('"turns":3', '"turns":3.0'),  # 3 for Python: DuckDB hands the file over
        LINE.replace('"turns":3', '"turns":3e0'),
        LINE.replace('"turns":3', '"turns":3.5'),
        LINE.replace('"turns":3', '"turns":NaN'),  # DuckDB reads NaN
        LINE.replace('"turns":3', '"turns":-1'),
        LINE.replace('"turns":3', '"turns":true'),
        LINE.replace('"turns":3', '"turns":18446744073709551616'),
        LINE.replace('"cases":3}', '"cases":3,}'),  # DuckDB reads a trailing comma
        LINE.replace('"cases":3}', '"cases":3,"cases":4}'),
        LINE.replace('"cases":3}', '"cases":3,"turn":2}'),
        LINE.replace('"cases":3}', '"cases":3,"full_name":"An"}'),  # another type's field
        LINE.replace('"2023-02-14"', '"2023-02-31"'),
        LINE.replace('"2023-02-14"', '"2023-2-14"'),
        LINE.replace('"2023-02-14"', '"20230214"'),
        LINE.replace('"periodic"', '"Periodic"'),
        LINE.replace('"periodic"', "null"),
        LINE.replace('"id":"r1"', '"id":" r1"'),  # Python strips it: then it is fine
        LINE.replace('"id":"r1"', '"id":"   "'),
        LINE.replace('"id":"r1"', '"id":"r\\u200b1"'),
        LINE.replace('"council_id":"c"', '"council_id":"d"'),
        LINE.replace('"council_id":"c"', '"council_id":"c","host_body_id":"b"'),
        LINE.replace('"type":"reception"', '"type":"receptions"'),
        LINE.replace('"type":"reception",', ""),
        LINE + "\n" + LINE,  # a duplicate id
        LINE + "\n" + '{"type":"header","schema_version":1}',
        LINE + "\n[1]",
        LINE + "\n" + LINE.replace('"r1"', '"r2"').replace("3,", "3,,"),
        LINE.replace('"persons":4', '"persons":4,"mass_groups":null'),
        LINE.replace('"persons":4', '"persons":4,"place":"Nha\\u0300 văn hóa"'),  # NFD
        LINE.replace('"persons":4', '"persons":4,"first_time_cases":2,"repeat_cases":1'),
    ],
)
def test_both_engines_say_the_same_of_each_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(HEAD + line + "\n", encoding="utf-8")
    wanted = [parse_period("năm 2023")]
    expected = python_engine(path, wanted)
    assert duckdb_engine(path, wanted) == expected
    if line == LINE:  # the sound line is counted, and in SQL
        assert expected[0].figures.receptions.total.turns == 3


@pytest.mark.parametrize("path", sorted(BAD.glob("jsonl/*.jsonl")), ids=lambda p: p.name)
def test_both_engines_say_the_same_of_the_bad_corpus(path: Path) -> None:
    wanted = [parse_period("năm 2023")]
    assert duckdb_engine(path, wanted) == python_engine(path, wanted)


def test_an_older_header_is_migrated_by_python(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(HEAD.replace('"schema_version":1', '"schema_version":2') + LINE + "\n")
    wanted = [parse_period("năm 2023")]
    assert duckdb_engine(path, wanted) == python_engine(path, wanted)


def parquet_with(city: hdnd.Dataset, tmp_path: Path, query: str) -> Path:
    """A Parquet folder of the example whose receptions table is ``query`` over the good one."""
    folder = tmp_path / "city.parquet"
    hdnd.dump(city, folder)
    receptions = folder / "receptions.parquet"
    good = tmp_path / "good.parquet"
    receptions.rename(good)
    con = duckdb.connect()
    select = query.format(good=f"read_parquet('{good}')")
    con.execute(f"COPY ({select}) TO '{receptions}'")
    good.unlink()
    return folder


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "SELECT * REPLACE (turns::INTEGER AS turns) FROM {good}",
            None,  # another integer type: Python reads it, and it is fine
        ),
        (
            "SELECT * REPLACE (-1 AS turns) FROM {good}",
            "receptions.parquet:1: turns (id 'tp-tcd-2023-01-05'): must be ≥ 0, got -1",
        ),
        (
            "SELECT * EXCLUDE (turns) FROM {good}",
            "receptions.parquet:1: turns: required column missing",
        ),
        (
            "SELECT *, 1 AS turn FROM {good}",
            "receptions.parquet:1: turn: unknown column",
        ),
    ],
)
def test_a_parquet_folder_gets_located_problems(
    tmp_path: Path, query: str, message: str | None, city: hdnd.Dataset
) -> None:
    folder = parquet_with(city, tmp_path, query)
    wanted = [parse_period("quý I/2023")]
    expected = python_engine(folder, wanted, "tp")
    assert duckdb_engine(folder, wanted, "tp") == expected
    if message is None:
        assert expected == hdnd.summarize_periods(city.records(), wanted, "tp")
    else:
        assert message in expected


def test_a_file_that_is_not_parquet_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "x.parquet"
    write_parquet_dir(hdnd.Dataset(), folder)
    (folder / "people.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(InvalidData, match=r"people\.parquet: not a Parquet file DuckDB can read"):
        hdnd.load(folder)


def test_a_newer_parquet_version_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "x.parquet"
    write_parquet_dir(hdnd.Dataset(), folder)
    people = folder / "people.parquet"
    duckdb.execute(
        f"COPY (SELECT * FROM read_parquet('{people}')) TO '{tmp_path}/p.parquet' "
        "(FORMAT parquet, KV_METADATA {hdnd_schema_version: '3'})"
    )
    (tmp_path / "p.parquet").replace(people)
    with pytest.raises(
        InvalidData, match="hdnd_schema_version is '3'; this hdnd reads versions 1 to 2"
    ):
        hdnd.load(folder)


def test_parquet_is_written_over_only_its_own_files(tmp_path: Path) -> None:
    folder = tmp_path / "x.parquet"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(hdnd.HdndError, match="refusing to write Parquet files"):
        write_parquet_dir(hdnd.Dataset(), folder)
    assert (folder / "notes.txt").read_text() == "mine"


def column_types(file: Path) -> dict[str, str]:
    query = f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{file}'))"
    return dict(duckdb.execute(query).fetchall())


def test_the_parquet_columns_are_typed(tmp_path: Path, city: hdnd.Dataset) -> None:
    folder = tmp_path / "city.parquet"
    hdnd.dump(city, folder)
    receptions = column_types(folder / "receptions.parquet")
    assert (receptions["date"], receptions["turns"], receptions["kind"]) == (
        "DATE",
        "BIGINT",
        "VARCHAR",
    )
    oversight = column_types(folder / "oversight.parquet")
    assert (oversight["unannounced"], oversight["fields"]) == ("BOOLEAN", "VARCHAR[]")


HdndCli = Callable[..., subprocess.CompletedProcess[str]]  # the fixture in conftest.py


def test_the_command_line_engine_and_parquet_conversion(
    tmp_path: Path, city: hdnd.Dataset, hdnd_cli: HdndCli
) -> None:
    hdnd.dump(city, tmp_path / "city.jsonl")
    converted = hdnd_cli("convert", "city.jsonl", "city.parquet", cwd=tmp_path)
    assert converted.returncode == 0, converted.stderr
    options = ["--period", "quý I/2023", "--council", "tp", "--with-subordinates", "--lang", "vi"]
    python = hdnd_cli("summary", "city.jsonl", *options, cwd=tmp_path)
    assert python.returncode == 0, python.stderr
    assert "74 lượt với 144 công dân" in python.stdout
    for source in ("city.jsonl", "city.parquet"):
        duck = hdnd_cli("summary", source, *options, "--engine", "duckdb", cwd=tmp_path)
        assert (duck.returncode, duck.stdout) == (0, python.stdout)


def test_the_command_line_engine_reports_bad_data_like_python(
    tmp_path: Path, hdnd_cli: HdndCli
) -> None:
    (tmp_path / "bad.jsonl").write_text(HEAD + LINE.replace('"turns":3', '"turns":-1') + "\n")
    options = ["--period", "năm 2023"]
    python = hdnd_cli("summary", "bad.jsonl", *options, cwd=tmp_path)
    duck = hdnd_cli("summary", "bad.jsonl", *options, "--engine", "duckdb", cwd=tmp_path)
    assert python.returncode == duck.returncode == 2
    assert duck.stderr == python.stderr
    assert "bad.jsonl:3: turns (id 'r1'): must be ≥ 0, got -1" in duck.stderr


def test_without_duckdb_the_message_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hdnd.dump(hdnd.Dataset(), tmp_path / "empty.jsonl")
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(MissingDependency, match=r"pip install 'hdnd\[duckdb\]'"):
        sql.summarize_file(tmp_path / "empty.jsonl", Q1)
    with pytest.raises(MissingDependency, match=r"pip install 'hdnd\[duckdb\]'"):
        hdnd.dump(hdnd.Dataset(), tmp_path / "empty.parquet")


def test_sql_states_every_rule_of_the_model() -> None:
    # Only Body's committee-field rule, Council's term (a rule its JSON Schema states
    # in part: hdnd.spec) and a coverage's non-empty record types (a rule on the list, not
    # its elements; a dataset holds few coverage records) are Python's; a rule SQL cannot
    # state would send its record type to Python, line by line, and the engine would lose
    # its point.
    from hdnd.io import _duck

    uncertain = {t.collection.key for t in _duck.TABLES if not t.certain}
    assert uncertain == {"councils", "bodies", "coverage"}
    assert {"councils", "bodies", "coverage"} == _duck._IN_PYTHON


@pytest.mark.parametrize("content", [b"", b"\n", b"\x00", b"x", b"\xef\xbb\xbf", HEAD.encode()])
def test_both_engines_say_the_same_of_files_without_records(tmp_path: Path, content: bytes) -> None:
    # Found by fuzzing: DuckDB 1.3 reads a file of one byte, whatever it is, as no records
    path = tmp_path / "data.jsonl"
    path.write_bytes(content)
    wanted = [parse_period("năm 2023")]
    assert duckdb_engine(path, wanted) == python_engine(path, wanted)


def test_a_failed_conversion_to_parquet_writes_nothing(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    (tmp_path / "bad.jsonl").write_text(HEAD + LINE.replace('"turns":3', '"turns":-1') + "\n")
    converted = hdnd_cli("convert", "bad.jsonl", "bad.parquet", cwd=tmp_path)
    assert converted.returncode == 2
    assert "bad.jsonl:3: turns (id 'r1'): must be ≥ 0, got -1" in converted.stderr
    assert not (tmp_path / "bad.parquet").exists()
