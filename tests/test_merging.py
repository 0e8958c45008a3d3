"""Several files at once (issue 16, item 5): a city's JSON and its communes' workbooks.

The example city (examples/data/city-q1-2023.json) is split as its offices would send
it: the city's own records in a JSON file, and its twelve communes in three workbooks
of four, each workbook repeating the city's council record beside its communes' own.
The expected figures were counted by hand from the example's raw JSON (Q1 2023): 217
reception sessions with 408 turns and 655 persons in the city and its communes, 204 of
those sessions and 334 of those turns in the communes, 74 turns hosted by the city's
standing committee.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import hdnd
from hdnd._checked import checked_already
from hdnd.cli import main
from hdnd.dataset import UnknownCouncil, find_council
from hdnd.enums import Level, ReceptionKind, UnitType
from hdnd.model import Council, Person, ReceptionSession
from hdnd.spec import spec_of
from hdnd.testing import datasets

EXAMPLE = Path(__file__).parent.parent / "examples" / "data" / "city-q1-2023.json"
Q1 = "quý I/2023"


def _owner(record: Any, bodies: dict[str, str]) -> str:
    """The council a record of the example belongs to (people: the city's file)."""
    if isinstance(record, Council):
        return record.id
    if hasattr(record, "council_id"):
        return str(record.council_id)
    if hasattr(record, "body_id"):
        return bodies[record.body_id]
    return "tp"


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The example as a city's JSON and three workbooks of four communes each."""
    folder = tmp_path_factory.mktemp("split")
    city = hdnd.load(EXAMPLE)
    bodies = {b.id: b.council_id for b in city.bodies}
    communes = sorted(c.id for c in city.councils if c.parent_id == "tp")
    assert len(communes) == 12
    groups = {"tp": ["tp"], **{f"x{n}": communes[n * 4 : n * 4 + 4] for n in range(3)}}
    files = []
    for name, owners in groups.items():
        mine = [r for r in city.records() if _owner(r, bodies) in owners]
        if name != "tp":  # each commune workbook repeats the city's council record
            mine.insert(0, city.get(Council, "tp"))
        path = folder / (f"{name}.json" if name == "tp" else f"{name}.xlsx")
        with checked_already():  # a part refers to the others: whole only once merged
            part = hdnd.Dataset.from_records(mine)
        hdnd.dump(part, path)
        files.append(str(path))
    return files


def test_the_city_file_alone_refers_to_the_communes(split: list[str]) -> None:
    with pytest.raises(hdnd.InvalidData, match=r"participant_council_ids.*no council with id"):
        hdnd.load(split[0])  # the communes at its briefing are in the workbooks


def test_merged_files_give_the_city_with_subordinates(split: list[str]) -> None:
    merged = hdnd.load_merged(split)
    assert merged.counts() == hdnd.load(EXAMPLE).counts()  # the city's council once
    q1 = hdnd.summarize(merged, hdnd.parse_period(Q1), council="tp", with_subordinates=True)
    total = q1.figures.receptions.total
    assert (total.sessions, total.turns, total.persons) == (217, 408, 655)
    communes = q1.by_level[Level.commune].receptions.total
    assert (communes.sessions, communes.turns) == (204, 334)
    assert q1.figures.receptions.by_host["tp-tt"].turns == 74
    original = hdnd.summarize(
        hdnd.load(EXAMPLE), hdnd.parse_period(Q1), council="tp", with_subordinates=True
    )
    assert q1 == original


def test_hdnd_summary_of_several_files(
    split: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["summary", *split, "--period", Q1, "--council", "thành phố", "--with-subordinates"]
    assert main([*argv, "--format", "json", "--compare", "none"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["council_id"] == "tp"
    assert summary["figures"]["receptions"]["total"]["turns"] == 408
    assert summary["by_level"]["commune"]["receptions"]["total"]["sessions"] == 204


def test_the_duckdb_engine_reads_one_file(
    split: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", *split, "--period", Q1, "--engine", "duckdb"]) == 2
    assert capsys.readouterr().err == (
        "hdnd: error: --engine duckdb reads one file; several files are merged and counted "
        "by Python\n"
    )


def test_hdnd_report_of_several_files(split: list[str], tmp_path: Path) -> None:
    out = tmp_path / "q1.html"
    argv = ["report", *split, "--period", Q1, "--council", "tp", "--with-subordinates"]
    assert main([*argv, "--format", "html", "--output", str(out), "--lang", "vi"]) == 0
    assert "Tiếp công dân › tổng › lượt: 408 (quý I/2023)" in out.read_text()


def test_validate_alone_and_together(split: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *split]) == 2  # the city's file alone names councils it lacks
    alone = capsys.readouterr().out
    assert f"{split[0]}: INVALID, 12 problems" in alone
    assert f"{split[1]}: valid" in alone
    assert main(["validate", "--together", *split]) in (0, 1)  # valid; checks may warn
    together = capsys.readouterr().out
    assert f"{' + '.join(split)}: valid (councils: 13," in together
    assert together.splitlines()[-1].startswith("4 files together: 0 invalid")


def _clashing(tmp_path: Path) -> list[Path]:
    """Two commune workbooks that both call a reception ``r1``, and the city's JSON."""
    city = hdnd.load(EXAMPLE)
    files = [tmp_path / "tp.json"]
    hdnd.dump(hdnd.Dataset(councils=[city.get(Council, "tp")]), files[0])
    for cid, turns in (("x-an-phu", 3), ("x-hoa-loc", 5)):
        day = hdnd.parse_date("2023-02-01")
        reception = ReceptionSession(
            id="r1", council_id=cid, date=day, kind=ReceptionKind.periodic,
            turns=turns, persons=turns, cases=1,
        )  # fmt: skip
        path = tmp_path / f"{cid}.xlsx"
        councils = [city.get(Council, "tp"), city.get(Council, cid)]
        hdnd.dump(hdnd.Dataset(councils=councils, receptions=[reception]), path)
        files.append(path)
    return files


def test_an_id_clash_names_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _clashing(tmp_path)
    with pytest.raises(hdnd.InvalidData) as caught:
        hdnd.load_merged(files)
    (problem,) = caught.value.problems
    # each workbook's record at its sheet and row: the first row of records is row 3
    sheet = spec_of("receptions").sheet_title
    assert (problem.file, problem.sheet, problem.line) == (str(files[2]), sheet, 3)
    assert (problem.path, problem.column_letter, problem.header) == (("id",), "A", "Mã / Id")
    assert problem.record_id == "r1"
    assert problem.message == (
        f"id already used in {files[1]}, sheet {sheet}, row 3 for a different reception: "
        "council_id, turns, persons differ"
    )
    assert main(["summary", *map(str, files), "--period", Q1]) == 2
    err = capsys.readouterr().err
    assert (
        f"{files[2]}, sheet {sheet}, row 3, column A (Id), id 'r1': id already used in "
        f"{files[1]}, sheet {sheet}, row 3 for a different reception"
    ) in err


def test_a_clash_with_a_json_file_names_its_path(tmp_path: Path) -> None:
    city = hdnd.load(EXAMPLE)
    json_file, workbook = tmp_path / "tp.json", tmp_path / "x.xlsx"
    hdnd.dump(hdnd.Dataset(councils=[city.get(Council, "tp")]), json_file)
    other = attrs.evolve(city.get(Council, "tp"), name="HĐND thành phố khác")
    hdnd.dump(hdnd.Dataset(councils=[other]), workbook)
    with pytest.raises(hdnd.InvalidData) as caught:
        hdnd.load_merged([json_file, workbook])
    assert [str(p) for p in caught.value.problems] == [
        f"{workbook}, sheet {spec_of('councils').sheet_title}, row 3, column A (Id), id 'tp': "
        "id already used in "
        f"{json_file} (councils[0]) for a different council: name differs"
    ]


def test_every_clash_and_dangling_reference_at_once() -> None:
    tp = Council(
        id="tp", name="HĐND thành phố", level=Level.district, unit_type=UnitType.provincial_city
    )
    x = Council(
        id="x", name="HĐND xã A", level=Level.commune, unit_type=UnitType.commune, parent_id="tp"
    )
    a = hdnd.Dataset(
        councils=[tp], people=[Person(id="p", full_name="An"), Person(id="q", full_name="B")]
    )
    b = hdnd.Dataset(
        councils=[tp, x], people=[Person(id="p", full_name="Ân"), Person(id="q", full_name="C")]
    )
    with pytest.raises(hdnd.InvalidData) as caught:
        hdnd.merge([a, b], ["a.json", "b.json"])
    assert [(p.file, p.record_id) for p in caught.value.problems] == [
        ("b.json", "p"),
        ("b.json", "q"),
    ]


def test_hdnd_merge_writes_the_merged_file(
    split: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "city.json"
    assert main(["merge", *split, str(out)]) == 0
    assert capsys.readouterr().err == (
        f"hdnd: wrote {out}: 4 files, 13 councils, 42 people, 19 bodies, 2 positions, "
        "42 deputies, 2 sessions, 4 meetings, 3 resolutions, 77 oversight, 13 recommendations, "
        "20 questions, 6 confidence votes, 429 receptions, 61 petitions, 43 voter petitions, "
        "1 coverage\n"
    )
    assert hdnd.load(out).counts() == hdnd.load(EXAMPLE).counts()
    before = Path(split[0]).read_bytes()
    assert main(["merge", *split, split[0]]) == 2  # never over an input
    assert "refusing to overwrite the input file" in capsys.readouterr().err
    assert Path(split[0]).read_bytes() == before


@given(datasets())
def test_a_dataset_merged_with_itself_is_itself(dataset: hdnd.Dataset) -> None:
    assert hdnd.merge([dataset, dataset]) == dataset


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("x-hoa-loc", "x-hoa-loc"),
        ("HĐND Xã Hòa Lộc", "x-hoa-loc"),
        ("hoa loc", "x-hoa-loc"),
        ("  HOA   LỘC ", "x-hoa-loc"),
        ("thanh pho", "tp"),
        ("Tân An", "p-tan-an"),
    ],
)
def test_a_council_by_id_or_name(text: str, found: str) -> None:
    assert hdnd.load(EXAMPLE).find_council(text).id == found


def test_a_council_by_unit_code() -> None:
    councils = [
        Council(id="tp", name="HĐND thành phố", level=Level.district,
                unit_type=UnitType.provincial_city, unit_code="213"),
        Council(id="x", name="HĐND xã Tân Phong", level=Level.commune,
                unit_type=UnitType.commune, unit_code="07210", parent_id="tp"),
    ]  # fmt: skip
    assert find_council("07210", councils).id == "x"
    assert find_council("tan phong", councils).id == "x"


def test_an_ambiguous_name_lists_the_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UnknownCouncil) as caught:
        hdnd.load(EXAMPLE).find_council("an")
    assert [c.id for c in caught.value.candidates] == ["p-tan-an", "x-an-phu", "x-thuy-an"]
    copy = pickle.loads(pickle.dumps(caught.value))  # e.g. from a worker process
    assert (str(copy), copy.candidates) == (str(caught.value), caught.value.candidates)
    assert main(["summary", str(EXAMPLE), "--period", Q1, "--council", "an"]) == 2
    assert capsys.readouterr().err == (
        "hdnd: error: 'an' fits 3 councils: HĐND Phường Tân An (p-tan-an), HĐND Xã An Phú "
        "(x-an-phu), HĐND Xã Thủy An (x-thuy-an); give its id\n"
    )


def test_a_miss_lists_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(EXAMPLE), "--period", Q1, "--council", "hoa loi"]) == 2
    assert capsys.readouterr().err == (
        "hdnd: error: no council with id 'hoa loi' in the data, nor with that unit code or "
        "name; the closest: HĐND Xã Hòa Lộc (x-hoa-loc)\n"
    )
    with pytest.raises(UnknownCouncil) as caught:
        hdnd.load(EXAMPLE).find_council("nowhere at all")
    assert caught.value.candidates == ()


def test_merge_wants_files(split: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge", split[0], "out.json"]) == 2
    assert "give at least two files to merge" in capsys.readouterr().err
    assert main(["summary", split[1], "-", "--period", Q1]) == 2
    assert "standard input (-) is read alone" in capsys.readouterr().err
