"""CSV tables (a directory or a .zip): round trips, formula neutralising, located problems.

Expected file contents, locations and messages are written out by hand from the input.
"""

from __future__ import annotations

import io
import json
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.errors import InvalidData, Problem
from hdnd.io import UnsupportedFormat, format_of
from hdnd.io.csvtables import (
    OccupiedDirectory,
    escape_cell,
    read_csv_dir,
    read_csv_zip,
    unescape_cell,
    write_csv_dir,
    write_csv_zip,
)
from hdnd.model import Person
from hdnd.testing import datasets, ids, text

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

META = "schema_version\n1\n"
COUNCILS = "id,name,level,unit_type\ntp,HĐND thành phố,district,provincial_city\n"
RECEPTION_HEADER = "id,council_id,date,kind,turns,persons,cases\n"


def tables(folder: Path, **files: str | bytes) -> Path:
    """A directory with ``_meta.csv``, ``councils.csv`` and ``files`` (name without .csv)."""
    folder.mkdir(exist_ok=True)
    for name, content in ({"_meta": META, "councils": COUNCILS} | files).items():
        path = folder / f"{name}.csv"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[tuple[str | None, int | None, str, str | None, str]]:
    with pytest.raises(InvalidData) as info:
        hdnd.load(folder)
    return [
        (Path(p.file).name if p.file else None, p.line, p.location, p.record_id, p.message)
        for p in info.value.problems
    ]


# ------------------------------------------------------------------- round trips


def test_example_round_trips_through_a_directory_and_a_zip(
    city: hdnd.Dataset, tmp_path: Path, example_path: Path
) -> None:
    hdnd.dump(city, tmp_path / "city")
    assert sorted(p.name for p in (tmp_path / "city").iterdir()) == [
        "_meta.csv",
        "bodies.csv",
        "confidence_votes.csv",
        "councils.csv",
        "coverage.csv",
        "deputies.csv",
        "meetings.csv",
        "oversight.csv",
        "people.csv",
        "petitions.csv",
        "positions.csv",
        "questions.csv",
        "receptions.csv",
        "recommendations.csv",
        "resolutions.csv",
        "sessions.csv",
        "voter_petitions.csv",
    ]
    receptions = (tmp_path / "city" / "receptions.csv").read_bytes().decode().split("\r\n")
    assert receptions[0] == (
        "id,council_id,date,kind,host_body_id,host_person_id,place,"
        "turns,persons,cases,mass_groups,first_time_cases,repeat_cases"
    )
    assert receptions[1] == (
        "tp-tcd-2023-01-05,tp,2023-01-05,periodic,tp-tt,,Trụ sở tiếp công dân thành phố,7,9,3,0,,"
    )
    people = (tmp_path / "city" / "people.csv").read_text(encoding="utf-8").splitlines()
    assert people[1] == 'nguyen-van-do,Nguyễn Văn Đô,"[""Phó Bí thư Thường trực Thành ủy""]"'
    # the manifest, last: the format version and each table's records, as the source has them
    document = json.loads(example_path.read_bytes())
    keys = [c.key for c in hdnd.dataset.COLLECTIONS]
    assert (tmp_path / "city" / "_meta.csv").read_text(encoding="utf-8").splitlines() == [
        ",".join(["schema_version", *keys]),
        ",".join(["2", *(str(len(document.get(k, []))) for k in keys)]),
    ]
    assert hdnd.load(tmp_path / "city") == city

    hdnd.dump(city, tmp_path / "city.zip")
    with zipfile.ZipFile(tmp_path / "city.zip") as archive:
        assert archive.read("councils.csv").startswith(b"id,name,level,unit_type,unit_code,")
    assert hdnd.load(tmp_path / "city.zip") == city
    # the same data gives the same bytes
    hdnd.dump(city, tmp_path / "again.zip")
    assert (tmp_path / "again.zip").read_bytes() == (tmp_path / "city.zip").read_bytes()


def test_bom_for_excel(city: hdnd.Dataset, tmp_path: Path) -> None:
    hdnd.dump(city, tmp_path / "plain/")
    hdnd.dump(city, tmp_path / "excel/", bom=True)
    plain = (tmp_path / "plain" / "councils.csv").read_bytes()
    excel = (tmp_path / "excel" / "councils.csv").read_bytes()
    assert excel == b"\xef\xbb\xbf" + plain
    assert hdnd.load(tmp_path / "excel") == city
    with pytest.raises(UnsupportedFormat, match="byte order mark"):
        hdnd.dump(city, tmp_path / "x.jsonl", bom=True)
    assert not (tmp_path / "x.jsonl").exists()


@settings(PROPERTY, max_examples=15)  # the same tables as the zip, written file by file
@given(datasets())
def test_every_dataset_round_trips_through_a_directory(tmp_path: Path, ds: hdnd.Dataset) -> None:
    folder = tmp_path / "tables"  # written over by each example: hdnd's own tables only
    write_csv_dir(ds, folder)
    assert read_csv_dir(folder) == ds


@PROPERTY
@given(datasets(), st.booleans())
def test_every_dataset_round_trips_through_a_zip(ds: hdnd.Dataset, bom: bool) -> None:
    buf = io.BytesIO()
    write_csv_zip(ds, buf, bom=bom)
    assert read_csv_zip(io.BytesIO(buf.getvalue()), "x.zip") == ds


# Text a spreadsheet could take for a formula, or that CSV must quote: every start the
# neutralising rule knows, quotes, separators, line breaks, and Vietnamese in NFD.
TRICKY = st.builds(
    lambda start, middle, end: start + middle + end,
    st.sampled_from(["", "=", "+", "-", "@", "'", "''", "'=", "=-", '"', ",", "[", "-1"]),
    text(form="NFD") | st.text(alphabet="=+-@'\",;\n\r\t aăơ[]{}\\", min_size=1),
    st.sampled_from(["", ",", '"', "\n", "\r\nx", "'", " ="]),
).filter(lambda s: s.strip() != "")


@PROPERTY
@given(st.lists(st.tuples(ids(), TRICKY, st.lists(TRICKY, max_size=3)), max_size=4))
def test_any_text_round_trips(rows: list[tuple[str, str, list[str]]]) -> None:
    # in a zip, in memory: a directory holds the same bytes (see the tests above)
    unique = {pid: (name, posts) for pid, name, posts in rows}
    people = [Person(id=i, full_name=n, other_posts=p) for i, (n, p) in unique.items()]
    ds = hdnd.Dataset(people=people)
    buf = io.BytesIO()
    write_csv_zip(ds, buf)
    assert read_csv_zip(io.BytesIO(buf.getvalue()), "x.zip") == ds


def test_nfd_text_is_read_as_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "HĐND phường Đông Tiến")
    folder = tables(tmp_path / "t", councils=f"id,name,level,unit_type\ntp,{nfd},commune,ward\n")
    assert hdnd.load(folder).councils[0].name == "HĐND phường Đông Tiến"


# -------------------------------------------------------------- formula injection


def test_formula_like_text_is_neutralised_and_restored(tmp_path: Path) -> None:
    names = ['=HYPERLINK("http://x","y")', "+84 912", "-1", "@SUM(A1)", "'quoted", "a=b"]
    ds = hdnd.Dataset(people=[Person(id=f"p{i}", full_name=n) for i, n in enumerate(names)])
    hdnd.dump(ds, tmp_path / "t")
    lines = (tmp_path / "t" / "people.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "id,full_name,other_posts",
        'p0,"\'=HYPERLINK(""http://x"",""y"")",',
        "p1,'+84 912,",
        "p2,'-1,",
        "p3,'@SUM(A1),",
        "p4,''quoted,",
        "p5,a=b,",
    ]
    assert hdnd.load(tmp_path / "t") == ds


def test_escape_rule_covers_tab_and_carriage_return() -> None:
    # the model strips text, so only a hand-made cell can start with these
    assert escape_cell("\t=1") == "'\t=1"
    assert escape_cell("\r=1") == "'\r=1"
    assert unescape_cell(escape_cell("\t=1")) == "\t=1"
    assert unescape_cell("plain") == "plain"


# ---------------------------------------------------------------- located problems


def test_every_problem_at_once_by_file_row_and_column(tmp_path: Path) -> None:
    folder = tables(
        tmp_path / "t",
        receptions=RECEPTION_HEADER
        + "r1,tp,2023-02-14,periodic,-4,1,1\n"
        + 'r2,tp,31/02/2023,weekly,"7\n",1,abc\n'  # a line break inside a quoted cell
        + ",,,,,,\n"  # an empty row: skipped, but counted
        + "r3,nowhere,2023-02-15,periodic,1,1,1\n"
        + "r3,tp,2023-02-16,periodic,1,1,1\n",
    )
    assert problems(folder) == [
        ("receptions.csv", 2, "turns", "r1", "must be ≥ 0, got -4"),
        ("receptions.csv", 3, "date", "r2", "day must be 1–28 in 02/2023, got 31 in '31/02/2023'"),
        (
            "receptions.csv",
            3,
            "kind",
            "r2",
            "unknown value 'weekly'; allowed: định kỳ, đột xuất, thường xuyên",
        ),
        ("receptions.csv", 3, "cases", "r2", "expected a whole number, got text 'abc'"),
        ("receptions.csv", 6, "id", "r3", "duplicate id, first used at row 5"),
        ("receptions.csv", 5, "council_id", "r3", "no council with id 'nowhere'"),
    ]


def test_problem_text_names_the_file_row_and_column(tmp_path: Path) -> None:
    folder = tables(
        tmp_path / "t", receptions=RECEPTION_HEADER + "r1,tp,2023-02-14,periodic,-4,1,1\n"
    )
    with pytest.raises(InvalidData) as info:
        hdnd.load(folder)
    assert (
        str(info.value)
        == f"{folder / 'receptions.csv'}, row 2, column E (turns), id 'r1': must be ≥ 0, got -4"
    )
    [p] = info.value.problems
    assert p == Problem(
        file=str(folder / "receptions.csv"),
        line=2,
        path=("turns",),
        record_id="r1",
        message="must be ≥ 0, got -4",
        column_letter="E",
        header="turns",
        in_table=True,
    )


def test_missing_extra_and_renamed_columns(tmp_path: Path) -> None:
    folder = tables(
        tmp_path / "t",
        receptions="id,council_id,date,kind,turn,cases,notes,id\n"
        "r1,tp,2023-02-14,periodic,5,5,ghi chú,r1\n"
        "r2,tp,2023-02-14,periodic,5,x,,r2\n",
    )
    columns = (
        "id, council_id, date, kind, host_body_id, host_person_id, place, turns, persons, "
        "cases, mass_groups, first_time_cases, repeat_cases"
    )
    assert problems(folder) == [
        ("receptions.csv", 1, "id", None, "the column appears twice: column 1 and column 8"),
        ("receptions.csv", 1, "turn", None, "unknown column (column 5); did you mean 'turns'?"),
        (
            "receptions.csv",
            1,
            "notes",
            None,
            f"unknown column (column 7); the columns are {columns}",
        ),
        ("receptions.csv", 1, "persons", None, "required column missing"),
        # the rows are still checked, but the missing columns are not reported again
        ("receptions.csv", 3, "cases", "r2", "expected a whole number, got text 'x'"),
    ]


def test_a_missing_optional_column_is_fine_and_columns_may_move(tmp_path: Path) -> None:
    folder = tables(
        tmp_path / "t",
        receptions="cases,persons,turns,kind,date,council_id,id\n5,9,6,periodic,2023-02-14,tp,r1\n",
    )
    [r] = hdnd.load(folder).receptions
    assert (r.id, r.turns, r.persons, r.cases, r.mass_groups, r.place) == ("r1", 6, 9, 5, 0, None)


def test_values_without_a_column_name(tmp_path: Path) -> None:
    folder = tables(
        tmp_path / "t",
        people="id,full_name\np1,An,extra\np2,Bình,,\np3,Chi,more\n",
    )
    assert problems(folder) == [
        ("people.csv", 2, "", None, "column 3 has values but no name in row 1")
    ]


def test_people_fill_tables_by_hand(tmp_path: Path) -> None:
    folder = tables(
        tmp_path / "t",
        councils="id,name,level,unit_type\ntp,HĐND thành phố,Cấp huyện,thành phố thuộc tỉnh\n",
        people='id,full_name,other_posts\np1,An,"Bí thư\nChủ tịch"\n',
        petitions="id,council_id,received,kind,field,status,duplicate,eligible\n"
        "d1,tp,15/12/2022,Khiếu nại,đất đai,đã giải quyết,Có,KHÔNG\n",
    )
    ds = hdnd.load(folder)
    assert ds.councils[0].unit_type is hdnd.UnitType.provincial_city
    assert ds.people[0].other_posts == ("Bí thư", "Chủ tịch")
    p = ds.petitions[0]
    assert (p.received.isoformat(), p.kind, p.status, p.duplicate, p.eligible) == (
        "2022-12-15",
        hdnd.PetitionKind.complaint,
        hdnd.PetitionStatus.resolved,
        True,
        False,
    )


def test_labels_the_law_dropped_are_still_read(tmp_path: Path) -> None:
    """A table written before "bất thường" and "kế hoạch" were replaced (their aliases)."""
    folder = tables(
        tmp_path / "t",
        councils="id,name,level,unit_type\ntp,HĐND thành phố,Cấp huyện,thành phố thuộc tỉnh\n",
        bodies="id,council_id,kind\ntt,tp,Thường trực HĐND\n",
        sessions="id,council_id,number,kind,start\n"
        "s1,tp,3,Bất thường,2023-03-01\n"
        "s2,tp,4,giải quyết công việc phát sinh đột xuất,2023-04-01\n",
        oversight="id,council_id,body_id,kind,subject,start,status\n"
        "o1,tp,tt,khảo sát,Đất đai,2023-03-01,kế hoạch\n",
    )
    ds = hdnd.load(folder)
    assert [s.kind for s in ds.sessions] == [hdnd.SessionKind.extraordinary] * 2
    assert ds.oversight[0].status is hdnd.OversightStatus.planned


def test_not_utf8_is_located_and_other_tables_still_checked(tmp_path: Path) -> None:
    folder = tables(
        tmp_path / "t",
        people=b"id,full_name\np1,\n",
        receptions=(RECEPTION_HEADER + "r1,tp,2023-02-14,periodic,1,1,1\nr2,tp,Hô\n").encode(
            "cp1258"
        ),
    )
    assert problems(folder) == [
        ("people.csv", 2, "full_name", "p1", "required field missing"),
        (
            "receptions.csv",
            3,
            "",
            None,
            "not UTF-8 text (byte 0xf4); save the file as UTF-8 (legacy Vietnamese encodings "
            "such as Windows-1258, TCVN3 or VNI are not read)",
        ),
    ]
    with pytest.raises(InvalidData) as info:
        hdnd.load(folder)
    assert info.value.problems[1].column == 8  # r2,tp,Hô


def test_bad_quoting_is_located(tmp_path: Path) -> None:
    folder = tables(tmp_path / "t", people='id,full_name\np1,An\np2,"Bình"x\n')
    assert problems(folder) == [("people.csv", 3, "", None, "invalid CSV: ',' expected after '\"'")]


def test_meta_file_is_required_and_checked(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    missing.mkdir()
    (missing / "people.csv").write_text("id,full_name\np1,An\n", encoding="utf-8")
    assert problems(missing) == [
        (
            "_meta.csv",
            None,
            "",
            None,
            "missing: hdnd tables come with this file, naming the data format version "
            "(a row 'schema_version', then a row '1') and, written last, each table's "
            "number of records",
        )
    ]
    newer = tables(tmp_path / "newer", _meta="schema_version\n3\n")
    assert problems(newer) == [
        (
            "_meta.csv",
            2,
            "schema_version",
            None,
            "unknown schema_version the number 3; this hdnd reads versions 1 to 2",
        )
    ]


def test_other_files_are_ignored_but_an_unknown_table_is_not(tmp_path: Path) -> None:
    """A .csv file that is no table would be dropped without a word: it is an error."""
    folder = tables(tmp_path / "t", receptons=RECEPTION_HEADER, **{"ghi-chu": "x\n"})
    (folder / "notes.txt").write_text("free text", encoding="utf-8")
    every_table = (
        "councils.csv, people.csv, bodies.csv, positions.csv, deputies.csv, sessions.csv, "
        "meetings.csv, resolutions.csv, oversight.csv, recommendations.csv, questions.csv, "
        "confidence_votes.csv, receptions.csv, petitions.csv, voter_petitions.csv, coverage.csv"
    )
    assert problems(folder) == [
        ("ghi-chu.csv", None, "", None, f"unknown table, not read; the tables are {every_table}"),
        (
            "receptons.csv",
            None,
            "",
            None,
            "unknown table, not read; did you mean 'receptions.csv'?",
        ),
    ]


def test_missing_tables_are_empty(tmp_path: Path) -> None:
    ds = hdnd.load(tables(tmp_path / "t", people=""))
    assert ds.counts()["councils"] == 1
    assert sum(ds.counts().values()) == 1


# ---------------------------------------------------------------- writing and zips


def test_writing_never_mixes_tables_into_other_files(tmp_path: Path) -> None:
    ds = hdnd.Dataset(people=[Person(id="p1", full_name="An")])
    target = tmp_path / "out"
    target.mkdir()
    (target / "report.docx").write_bytes(b"mine")
    with pytest.raises(OccupiedDirectory, match=r"other files \(report\.docx\)"):
        hdnd.dump(ds, target)
    assert [p.name for p in target.iterdir()] == ["report.docx"]
    # hidden files (.DS_Store) and earlier tables are fine; tables are replaced
    (target / "report.docx").unlink()
    (target / ".DS_Store").write_bytes(b"")
    hdnd.dump(hdnd.Dataset(), target)
    hdnd.dump(ds, target)
    assert hdnd.load(target) == ds
    assert (target / ".DS_Store").exists()


def test_zip_of_a_folder_and_not_a_zip(tmp_path: Path) -> None:
    archive = tmp_path / "city.zip"
    with zipfile.ZipFile(archive, "w") as z:  # as "compress this folder" makes it
        z.writestr("city/_meta.csv", META)
        z.writestr("city/people.csv", "id,full_name\np1,\n")
    with pytest.raises(InvalidData) as info:
        hdnd.load(archive)
    [p] = info.value.problems
    assert (p.file, p.line, p.location) == (f"{archive}/city/people.csv", 2, "full_name")

    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"id,full_name\n")
    with pytest.raises(InvalidData, match="not a zip archive"):
        hdnd.load(fake)


def test_format_of_paths(tmp_path: Path) -> None:
    assert format_of(tmp_path) == "csv"
    assert format_of("new-folder") == "csv"
    assert format_of("q1.2023/") == "csv"
    assert format_of("q1.ZIP") == "zip"
    assert format_of("q1.xlsx") == "xlsx"
    with pytest.raises(UnsupportedFormat, match="CSV tables are a directory"):
        format_of("receptions.csv")
    with pytest.raises(UnsupportedFormat, match="directories of CSV tables"):
        format_of("q1.2023")


# ------------------------------------------------------------------------- the CLI


HdndCli = Callable[..., subprocess.CompletedProcess[str]]  # the fixture in conftest.py


def test_convert_to_csv_and_back(tmp_path: Path, example_path: Path, hdnd_cli: HdndCli) -> None:
    tables_dir = tmp_path / "tables"
    done = hdnd_cli("convert", str(example_path), f"{tables_dir}/", "--bom")
    assert done.returncode == 0, done.stderr
    assert (tables_dir / "receptions.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert hdnd_cli("convert", str(tables_dir), str(tmp_path / "city.zip")).returncode == 0
    assert (
        hdnd_cli("convert", str(tmp_path / "city.zip"), str(tmp_path / "city.json")).returncode == 0
    )
    assert (tmp_path / "city.json").read_bytes() == example_path.read_bytes()

    same = hdnd_cli("convert", str(tables_dir), f"{tables_dir}/")
    assert same.returncode == 2
    assert "refusing to overwrite the input file" in same.stderr
    bom = hdnd_cli("convert", str(example_path), str(tmp_path / "x.json"), "--bom")
    assert bom.returncode == 2
    assert "--bom is for CSV tables" in bom.stderr


def test_convert_reports_located_problems_without_a_traceback(
    tmp_path: Path, hdnd_cli: HdndCli
) -> None:
    folder = tables(
        tmp_path / "t", receptions=RECEPTION_HEADER + "r1,tp,2023-02-14,periodic,-4,1,1\n"
    )
    result = hdnd_cli("convert", str(folder), str(tmp_path / "out.json"))
    assert result.returncode == 2
    assert (
        f"{folder / 'receptions.csv'}, row 2, column E (turns), id 'r1': must be ≥ 0, got -4"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.json").exists()
