"""Problems and findings located as the clerk sees the input (issue 16, item 2).

A workbook or CSV table: the sheet (or file), the row as the spreadsheet numbers it,
the column's letter and its header, in Vietnamese or English. JSON and JSON Lines keep
their path and line. Findings of the domain checks on a loaded dataset are mapped back
to where their record came from (:mod:`hdnd.io.sources`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import hdnd
from hdnd import i18n
from hdnd.checks import check
from hdnd.cli import main
from hdnd.dataset import COLLECTIONS
from hdnd.errors import InvalidData, Problem
from hdnd.io import load_located
from hdnd.io.sources import located
from hdnd.spec import spec_of
from hdnd.testing import datasets

openpyxl = pytest.importorskip("openpyxl")

# The receptions' columns in an order of the clerk's: persons in column D.
HEADER = ["id", "council_id", "date", "persons", "kind", "turns", "cases"]
GOOD = ["r1", "tp", dt.datetime(2023, 1, 5), 4, "định kỳ", 4, 1]
FEWER_PERSONS = ["r2", "tp", dt.datetime(2023, 1, 12), 1, "định kỳ", 3, 1]  # HDND-R011
NEGATIVE = ["r3", "tp", dt.datetime(2023, 1, 19), -1, "định kỳ", 2, 1]


def workbook(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A workbook made by hand: ``_meta``, a council, and the receptions sheet under its
    Vietnamese title, records from row 3."""
    book = openpyxl.Workbook()
    meta = book.active
    meta.title = "_meta"
    meta.append(["schema_version"])
    meta.append(["Phiên bản định dạng / Format version"])
    meta.append([2])
    councils = book.create_sheet("councils")
    councils.append(["id", "name", "level", "unit_type"])
    councils.append([])
    councils.append(["tp", "HĐND thành phố", "province", "central_city"])
    receptions = book.create_sheet("Tiếp công dân")
    receptions.append(HEADER)
    receptions["D2"] = "Công dân / Persons"  # the rest of row 2 left empty
    for row in rows:
        receptions.append(list(row))
    book.save(path)
    return path


def csv_tables(folder: Path, rows: Sequence[Sequence[object]]) -> Path:
    """CSV tables written by hand, receptions with the columns of :data:`HEADER`."""
    folder.mkdir()
    (folder / "_meta.csv").write_text("schema_version\n2\n", encoding="utf-8")
    (folder / "councils.csv").write_text(
        "id,name,level,unit_type\ntp,HĐND thành phố,province,central_city\n", encoding="utf-8"
    )
    lines = [",".join(HEADER)]
    for row in rows:
        cells = [c.strftime("%d/%m/%Y") if isinstance(c, dt.datetime) else str(c) for c in row]
        lines.append(",".join(cells))
    (folder / "receptions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def only_problem(path: Path) -> Problem:
    with pytest.raises(InvalidData) as caught:
        hdnd.load(path)
    (problem,) = caught.value.problems
    return problem


def test_a_negative_count_in_d5_names_the_sheet_row_column_and_header(tmp_path: Path) -> None:
    path = workbook(tmp_path / "q1.xlsx", [GOOD, FEWER_PERSONS, NEGATIVE])
    assert openpyxl.load_workbook(path)["Tiếp công dân"]["D5"].value == -1  # the cell meant
    problem = only_problem(path)
    assert (problem.sheet, problem.line, problem.column_letter) == ("Tiếp công dân", 5, "D")
    assert (problem.header, problem.record_id, problem.path) == (
        "Công dân / Persons",
        "r3",
        ("persons",),
    )
    with i18n.language("vi"):  # the place in the language it is shown in
        assert problem.position == f"{path}, Sheet Tiếp công dân, dòng 5, cột D (Công dân), mã 'r3'"
    with i18n.language("en"):
        assert str(problem) == (
            f"{path}, sheet Tiếp công dân, row 5, column D (Persons), id 'r3': must be ≥ 0, got -1"
        )


def test_a_cell_problem_in_a_csv_table_names_the_file_row_and_column(tmp_path: Path) -> None:
    folder = csv_tables(tmp_path / "q1", [GOOD, FEWER_PERSONS, NEGATIVE])
    problem = only_problem(folder)
    assert (problem.file, problem.sheet, problem.line) == (str(folder / "receptions.csv"), None, 4)
    with i18n.language("vi"):
        assert problem.position == f"{folder / 'receptions.csv'}, dòng 4, cột D (persons), mã 'r3'"


def test_a_finding_on_a_workbook_record_names_its_sheet_row_and_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "q1.xlsx", [GOOD, FEWER_PERSONS])
    loaded = load_located(path)
    (finding,) = [f for f in check(loaded.dataset) if f.code == "HDND-R011"]
    assert finding.path == ("receptions", 1, "persons")  # the dataset's own, 0-based
    at = loaded.sources.finding(finding)
    assert (at.file, at.sheet, at.line, at.column_letter) == (str(path), "Tiếp công dân", 4, "D")
    with i18n.language("vi"):
        assert at.position == f"{path}, Sheet Tiếp công dân, dòng 4, cột D (Công dân), mã 'r2'"


def test_validate_prints_a_finding_at_its_cell_in_vietnamese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook(tmp_path / "q1.xlsx", [GOOD, FEWER_PERSONS])
    monkeypatch.setenv("HDND_LANG", "vi")
    assert main(["validate", "--lang", "vi", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"  {path}, Sheet Tiếp công dân, dòng 4, cột D (Công dân): HDND-R011 " in out
    assert "số người (1) ít hơn số lượt (3)" in out


def test_validate_json_gives_each_finding_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    path = workbook(tmp_path / "q1.xlsx", [GOOD, FEWER_PERSONS])
    assert main(["validate", "--format", "json", str(path)]) == 0
    (finding,) = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert finding["location"] == "receptions[1].persons"
    assert {k: finding["source"][k] for k in ("sheet", "line", "column_letter", "header")} == {
        "sheet": "Tiếp công dân",
        "line": 4,
        "column_letter": "D",
        "header": "Công dân / Persons",
    }


def test_a_finding_on_a_csv_record_names_its_file_and_row(tmp_path: Path) -> None:
    folder = csv_tables(tmp_path / "q1", [GOOD, FEWER_PERSONS])
    loaded = load_located(folder)
    (finding,) = [f for f in check(loaded.dataset) if f.code == "HDND-R011"]
    with i18n.language("en"):
        assert loaded.sources.finding(finding).position == (
            f"{folder / 'receptions.csv'}, row 3, column D (persons), id 'r2'"
        )


def test_json_and_json_lines_keep_their_paths_and_lines(tmp_path: Path) -> None:
    ds = hdnd.load(workbook(tmp_path / "q1.xlsx", [GOOD, FEWER_PERSONS]))
    hdnd.dump(ds, tmp_path / "q1.json")
    hdnd.dump(ds, tmp_path / "q1.jsonl")
    path = ("receptions", 1, "persons")
    with i18n.language("en"):
        doc = load_located(tmp_path / "q1.json").sources.locate(path, "r2", "x")
        assert str(doc) == f"{tmp_path / 'q1.json'}: receptions[1].persons (id 'r2'): x"
        lines = load_located(tmp_path / "q1.jsonl").sources.locate(path, "r2", "x")
        # a header line, a council, then the receptions
        assert str(lines) == f"{tmp_path / 'q1.jsonl'}:4: persons (id 'r2'): x"
    with i18n.language("vi"):
        assert str(doc) == f"{tmp_path / 'q1.json'}: receptions[1].persons (mã 'r2'): x"


def test_a_merged_load_keeps_each_records_file(tmp_path: Path) -> None:
    book = workbook(tmp_path / "x.xlsx", [GOOD])
    other = hdnd.Dataset(
        councils=hdnd.load(book).councils,
        receptions=[
            hdnd.ReceptionSession(
                id="r9",
                council_id="tp",
                date=dt.date(2023, 2, 1),
                kind=hdnd.ReceptionKind.periodic,
                turns=5,
                persons=2,
                cases=1,
            )
        ],
    )
    json_file = tmp_path / "tp.json"
    hdnd.dump(other, json_file)
    loaded = located(lambda: hdnd.load_merged([book, json_file]))
    assert [r.id for r in loaded.dataset.receptions] == ["r1", "r9"]
    first = loaded.sources.locate(("receptions", 0, "persons"))
    second = loaded.sources.locate(("receptions", 1, "persons"))
    assert (first.file, first.sheet, first.line, first.column_letter) == (
        str(book),
        "Tiếp công dân",
        3,
        "D",
    )
    assert (second.file, second.path) == (str(json_file), ("receptions", 0, "persons"))
    # the council, in both files, is kept once: located in the first
    assert loaded.sources.locate(("councils", 0)).file == str(book)


def test_a_finding_of_files_merged_names_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = workbook(tmp_path / "x.xlsx", [FEWER_PERSONS])
    json_file = tmp_path / "tp.json"
    hdnd.dump(hdnd.Dataset(councils=hdnd.load(book).councils), json_file)
    assert main(["validate", "--together", str(json_file), str(book)]) == 0
    out = capsys.readouterr().out
    assert f"  {book}, sheet Tiếp công dân, row 3, column D (Persons): HDND-R011 warning: " in out


def test_a_dataset_made_in_memory_is_located_by_its_path() -> None:
    loaded = located(hdnd.Dataset)
    assert str(loaded.sources.locate(("people", 2, "id"), "p", "x")) == "people[2].id (id 'p'): x"


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_every_record_written_to_a_workbook_maps_to_its_row(dataset: hdnd.Dataset) -> None:
    import io

    from hdnd.io.xlsx import read_workbook, write_workbook

    buf = io.BytesIO()
    write_workbook(dataset, buf)
    buf.seek(0)
    loaded = located(lambda: read_workbook(buf, "q.xlsx"))
    for c in COLLECTIONS:
        for i, _ in enumerate(getattr(loaded.dataset, c.key)):
            at = loaded.sources.locate((c.key, i, "id"))
            # written from row 3, in order; the id is the first column
            assert (at.sheet, at.line, at.column_letter) == (spec_of(c.key).sheet_title, i + 3, "A")


def test_summary_warns_of_a_finding_at_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook(tmp_path / "q1.xlsx", [GOOD, FEWER_PERSONS])
    assert main(["summary", str(path), "--period", "quý I/2023", "--council", "tp"]) == 0
    err = capsys.readouterr().err
    assert (
        f"hdnd: warning: {path}, sheet Tiếp công dân, row 4, column D (Persons): HDND-R011 "
        "warning: persons (1) fewer than turns (3)\n"
    ) in err
