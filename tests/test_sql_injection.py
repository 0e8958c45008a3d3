"""No text from outside becomes SQL: paths with quotes, semicolons, comment markers...

Every path the DuckDB engine reads and the Parquet writer writes goes to DuckDB as
a parameter or through one quoting helper (:func:`hdnd.io._duck.sql_literal`); a
path is the file it names and no other (DuckDB reads ``*``, ``?`` and ``[`` as
patterns, ``~`` as the home folder). Each odd name is used for the folder a file is
in and for the Parquet folder written: the data must round-trip, the DuckDB engine
must not hand the file to Python, and no file may appear anywhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
from hdnd import sql
from hdnd.cli import main
from hdnd.io._duck import connect, read_path, sql_identifier, sql_literal
from hdnd.periods import parse_period

pytest.importorskip("duckdb")

NAMES = {
    "the issue's": "q' (FORMAT csv); COPY (SELECT 'pwned') TO 'pwned.csv' (FORMAT csv); --",
    "quotes": "o'k \"yes\" ''",
    "comment": "a/*b*/c -- d",
    "backslash": "back\\slash\\'",
    "newline": "new\nline;\r\n",
    "star": "star*",
    "question mark": "what?",
    "brackets": "[old]",
    "tilde": "~",
}
# a folder each pattern would match too, holding other data: read by mistake, it shows
DECOYS = {"star*": "starX", "what?": "whatX", "[old]": "o"}


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_odd_names_are_paths_and_nothing_else(
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    sql_only: None,
    city: hdnd.Dataset,
) -> None:
    monkeypatch.chdir(tmp_path)
    if name in DECOYS:
        for suffix in (".parquet", ".jsonl"):
            hdnd.dump(hdnd.Dataset(), tmp_path / f"{DECOYS[name]}{suffix}")
        (tmp_path / DECOYS[name]).mkdir()
        hdnd.dump(hdnd.Dataset(), tmp_path / DECOYS[name] / "city.jsonl")
    inside = tmp_path / name
    inside.mkdir(parents=True)  # a name with a slash: folders in folders
    hdnd.dump(city, inside / "city.json")
    hdnd.dump(city, inside / "city.jsonl")
    from_json, from_jsonl = tmp_path / f"{name}.parquet", inside / f"{name}.parquet"
    from_jsonl.parent.mkdir(parents=True, exist_ok=True)
    before = files_under(tmp_path)
    assert main(["convert", str(inside / "city.json"), str(from_json)]) == 0  # Python, then SQL
    assert main(["convert", str(inside / "city.jsonl"), str(from_jsonl)]) == 0  # SQL only
    assert main(["validate", str(from_json), str(from_jsonl)]) == 0
    assert hdnd.load(from_json) == city
    assert hdnd.load(from_jsonl) == city
    q1 = [parse_period("quý I/2023")]
    expected = hdnd.summarize_periods(city.records(), q1, "tp")
    for source in (inside / "city.jsonl", from_json, from_jsonl):
        assert sql.summarize_file(source, q1, "tp") == expected
    period = ["--period", "quý I/2023", "--council", "tp", "--engine", "duckdb", "--lang", "vi"]
    capsys.readouterr()
    assert main(["summary", str(from_jsonl), *period]) == 0
    assert capsys.readouterr().out.startswith("KẾT QUẢ HOẠT ĐỘNG CỦA HĐND THÀNH PHỐ QUÝ I/2023")

    # the two folders written, and nothing else anywhere
    written = {str(p.relative_to(tmp_path)) for p in (from_json, from_jsonl)}
    assert (
        files_under(tmp_path) - before
        == {
            str(Path(folder) / file.name)
            for folder in written
            for file in (tmp_path / folder).iterdir()
        }
        | written
    )
    assert not (Path.home() / f"{name}.parquet").exists()


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"])))
def test_any_text_is_a_literal_and_an_identifier(text: str) -> None:
    con = connect()
    row = con.execute(f"SELECT {sql_literal(text)} AS {sql_identifier(text or 'x')}").fetchone()
    assert row == (text,)
    assert [
        d[0] for d in con.execute(f"SELECT 1 AS {sql_identifier(text or 'x')}").description
    ] == [text or "x"]


@pytest.mark.parametrize("text", ["a\x00b", "\x00"])
def test_a_nul_is_never_sql(text: str) -> None:
    with pytest.raises(ValueError, match="NUL"):
        sql_literal(text)
    with pytest.raises(ValueError, match="NUL"):
        sql_identifier(text)


def test_a_read_path_names_one_file(tmp_path: Path) -> None:
    con = connect()
    for name, value in (("a*.csv", 1), ("ab.csv", 2), ("a?.csv", 3), ("a[b].csv", 4)):
        (tmp_path / name).write_text(f"x\n{value}\n")
    for name, value in (("a*.csv", 1), ("a?.csv", 3), ("a[b].csv", 4)):
        rows = con.execute("SELECT x FROM read_csv(?)", [read_path(tmp_path / name)]).fetchall()
        assert rows == [(value,)]
    assert read_path("~") == os.path.join(os.getcwd(), "~")


def test_duckdb_spills_into_the_system_temporary_folder_not_the_working_one() -> None:
    # DuckDB's default is ``.tmp`` in the working folder: a write outside the output path
    import tempfile

    con = connect()
    try:
        (spill,) = con.execute("SELECT current_setting('temp_directory')").fetchone() or ("",)
    finally:
        con.close()
    assert os.path.dirname(spill) == tempfile.gettempdir()
    assert not os.path.exists(spill)  # made only if DuckDB needs it, removed on closing


@pytest.mark.parametrize("source", ["city.json", "city.jsonl"])
def test_a_folder_name_that_is_not_utf8_is_refused_before_anything_is_written(
    source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    city: hdnd.Dataset,
) -> None:
    monkeypatch.chdir(tmp_path)
    hdnd.dump(city, source)
    target = os.fsdecode(b"caf\xe9.parquet")  # a legacy encoding's name, kept as escapes
    assert main(["convert", source, target]) == 2
    assert "a path that is not UTF-8 text" in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == [source]
