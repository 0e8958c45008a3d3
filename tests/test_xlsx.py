"""Excel workbooks: the template, round trips, what people type, located problems.

Expected cells, locations and messages are written out by hand from the input.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given, settings

import hdnd
from hdnd.cli import main
from hdnd.errors import InvalidData, InvalidValue
from hdnd.io.xlsx import OpenpyxlNotInstalled, read_workbook, write_workbook
from hdnd.model import (
    Body,
    Council,
    Person,
    Petition,
    Position,
    ReceptionSession,
    Resolution,
    Session,
)
from hdnd.spec import RECORDS, spec_of
from hdnd.testing import datasets

SHEETS = [
    "README",
    "Hội đồng nhân dân",
    "Đại biểu, cán bộ",
    "Thường trực, Ban, Tổ đại biểu",
    "Chức vụ",
    "Đại biểu HĐND",
    "Kỳ họp",
    "Hội nghị, cuộc họp",
    "Nghị quyết",
    "Giám sát",
    "Kiến nghị sau giám sát",
    "Chất vấn",
    "Lấy phiếu tín nhiệm",
    "Tiếp công dân",
    "Đơn thư",
    "Ý kiến, kiến nghị cử tri",
    "Phạm vi số liệu",
    "_meta",
]
TITLE = {r.key: r.sheet_title for r in RECORDS}
# The cells of the example's first reception (the README's example row is that record),
# written out by hand from examples/data/city-q1-2023.json
FIRST_RECEPTION = [
    "tp-tcd-2023-01-05",
    "tp",
    dt.datetime(2023, 1, 5),
    "định kỳ",
    "tp-tt",
    None,
    "Trụ sở tiếp công dân thành phố",
    7,
    9,
    3,
    0,
    None,
    None,
]
"""Each record type's sheet, by collection key: the tests name sheets by key."""


@pytest.fixture
def template(tmp_path: Path) -> Path:
    out = tmp_path / "mau.xlsx"
    assert main(["template", str(out)]) == 0
    return out


def fill(path: Path, sheets: dict[str, list[list[Any]]], out: Path | None = None) -> Path:
    """Type ``sheets``' rows (by collection key, or by title for another sheet) into the
    workbook at ``path`` from row 3, as a person would."""
    book = openpyxl.load_workbook(path)
    for key, rows in sheets.items():
        title = TITLE.get(key, key)
        sheet = book[title] if title in book.sheetnames else book.create_sheet(title)
        for r, row in enumerate(rows, start=3):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(r, c, value)
    out = out or path
    book.save(out)
    return out


def problems(path: Path) -> list[tuple[str | None, int | None, str, str | None, str]]:
    with pytest.raises(InvalidData) as info:
        hdnd.load(path)
    return [(p.sheet, p.line, p.location, p.record_id, p.message) for p in info.value.problems]


RECEPTION = ["r1", "tp", "15/12/2022", "định kỳ", None, None, None, 5, 5, 5]
COUNCIL = ["tp", "HĐND thành phố", "cấp huyện", "thành phố thuộc tỉnh"]


# -------------------------------------------------------------------- the template


def test_a_label_the_law_dropped_is_read_from_a_drop_down_cell(template: Path) -> None:
    """A workbook filled in before "bất thường" was replaced (an alias of the label)."""
    book = fill(
        template,
        {
            "councils": [COUNCIL],
            "sessions": [
                ["s1", "tp", 3, "bất thường", "01/03/2023"],
                ["s2", "tp", 4, "Giải quyết công việc phát sinh đột xuất", "01/04/2023"],
            ],
        },
    )
    ds = hdnd.load(book)
    assert [s.kind for s in ds.sessions] == [hdnd.SessionKind.extraordinary] * 2
    again = template.parent / "again.xlsx"
    hdnd.dump(ds, again)  # the current label is written, never the alias
    written = openpyxl.load_workbook(again)
    assert written[TITLE["sessions"]]["D3"].value == "giải quyết công việc phát sinh đột xuất"


def test_template_is_a_workbook_to_fill_in(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == SHEETS
    assert book["_meta"].sheet_state == "hidden"
    assert [c.value for c in book["_meta"]["A"]] == [
        "schema_version",
        "Phiên bản định dạng / Format version",
        2,
    ]
    readme = book["README"]
    assert readme.protection.sheet
    prose = [row[0] for row in readme.iter_rows(values_only=True) if row[0]]
    assert "Cách điền" in prose
    assert "How to fill in" in prose
    assert any("dd/mm/yyyy (15/12/2022)" in str(line) for line in prose)

    receptions = book[TITLE["receptions"]]
    assert [c.value for c in receptions[1]][:4] == ["id", "council_id", "date", "kind"]
    assert receptions["H1"].value == "turns"
    assert receptions["H2"].value == "Lượt / Turns"
    assert receptions["C2"].value == "Ngày / Date"
    assert receptions.freeze_panes == "B3"
    assert receptions.column_dimensions["C"].number_format == "dd/mm/yyyy"
    assert receptions.column_dimensions["A"].number_format == "@"
    lists = {str(v.sqref): v for v in receptions.data_validations.dataValidation}
    kind = lists["D3:D1048576"]
    assert kind.errorStyle == "warning"  # the reader takes more spellings than the list
    source = kind.formula1.split("!")[1].replace("$", "")
    assert [c.value for row in readme[source] for c in row] == [
        "định kỳ",
        "đột xuất",
        "thường xuyên",
    ]
    assert receptions.max_row == 2  # no records yet

    assert hdnd.load(template) == hdnd.Dataset()


def readme_examples(book: Any) -> dict[str, tuple[list[Any], list[Any]]]:
    """The README's example rows, by sheet title: the column names, and the row's cells."""
    rows = list(book["README"].iter_rows())
    start = next(i for i, row in enumerate(rows) if str(row[0].value).startswith("Ví dụ:"))
    found: dict[str, tuple[list[Any], list[Any]]] = {}
    for i in range(start, len(rows) - 2):
        title = rows[i][0].value
        if title in TITLE.values() and rows[i + 1][0].value == "Mã / Id":
            width = len([c for c in rows[i + 1] if c.value is not None])
            assert title not in found, title
            found[title] = (list(rows[i + 1][:width]), list(rows[i + 2][:width]))
    return found


def test_the_readme_shows_a_filled_row_per_sheet(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    examples = readme_examples(book)
    assert list(examples) == SHEETS[1:-1]
    for title, (names, _) in examples.items():
        assert [c.value for c in names] == [c.value for c in book[title][2]]  # as row 2
    names, cells = examples["Tiếp công dân"]
    assert [c.value for c in cells] == FIRST_RECEPTION
    assert cells[2].number_format == "dd/mm/yyyy"
    _, petition = examples["Đơn thư"]
    assert [c.value for c in petition[5:8]] == ["đã giải quyết", "không", "có"]
    assert hdnd.load(template) == hdnd.Dataset()  # the README is never read


def test_a_record_type_without_an_example_has_no_example_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example is declared with the record type (``@record(example=...)``); a type
    that gives none (a new one, say) gets its heading and no row, rather than no template."""
    import hdnd.io.xlsx
    from hdnd.spec import RECORDS

    without = tuple(attrs.evolve(r, example={}) if r.key == "petitions" else r for r in RECORDS)
    monkeypatch.setattr(hdnd.io.xlsx, "RECORDS", without)
    hdnd.io.xlsx._examples.cache_clear()
    try:
        hdnd.io.xlsx.write_template(tmp_path / "mau.xlsx")
    finally:
        hdnd.io.xlsx._examples.cache_clear()
    examples = readme_examples(openpyxl.load_workbook(tmp_path / "mau.xlsx"))
    assert [t for t in SHEETS[1:-1] if t not in examples] == ["Đơn thư"]


def test_the_readme_examples_typed_into_their_sheets_are_valid(template: Path) -> None:
    """What the README shows is what a clerk may type: it reads back, and passes the checks."""
    book = openpyxl.load_workbook(template)
    for title, (_, cells) in readme_examples(book).items():
        for j, cell in enumerate(cells, start=1):
            book[title].cell(3, j, cell.value)
    book.save(template)
    ds = read_workbook(template)
    assert ds.counts() == {r.key: 1 for r in RECORDS}
    assert (ds.receptions[0].turns, ds.receptions[0].host_body_id) == (7, "tp-tt")
    assert ds.sessions[0].kind is hdnd.SessionKind.thematic
    assert ds.confidence_votes[0].person_id == ds.people[0].id == "nguyen-van-do"
    assert hdnd.check(ds) == []  # no error, no warning
    assert main(["validate", str(template)]) == 0


def test_the_readme_lists_the_sheets_and_the_steps(template: Path) -> None:
    readme = openpyxl.load_workbook(template)["README"]
    rows = [[c for c in row if c is not None] for row in readme.iter_rows(values_only=True)]
    for r in RECORDS:
        assert [r.sheet_title, r.key, r.title_en] in rows
    prose = "\n".join(str(row[0]) for row in rows if row)
    assert "Các bước" in prose
    assert "2. Kiểm tra: hdnd validate tep.xlsx." in prose
    assert "điền sheet Hội đồng nhân dân trước" in prose
    assert "10.000 dòng đầu" in prose
    assert ["tp-tt", "tp", "Thường trực HĐND", "Thường trực HĐND thành phố"] in rows
    assert [
        "Tiếp công dân",
        "host_body_id",
        "Mã cơ quan chủ trì tiếp",
        "Host body id",
        "chọn mã ở sheet Thường trực, Ban, Tổ đại biểu / an id on the sheet Thường trực, "
        "Ban, Tổ đại biểu",
    ] in rows


def drop_downs(sheet: Any) -> dict[str, tuple[str, str]]:
    """The list each column's drop-down picks from, and what it does to another value."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        [cells] = str(validation.sqref).split()
        first, last = cells.split(":")
        assert (first[1:], last[1:]) == ("3", "1048576")  # the whole column, below its names
        found[first[0]] = (validation.formula1, validation.errorStyle)
    return found


def test_each_reference_picks_an_id_from_its_sheet(template: Path) -> None:
    """The council, the body, the person: the ids in column A of their sheets."""
    book = openpyxl.load_workbook(template)
    councils = "'Hội đồng nhân dân'!$A$3:$A$10002"
    bodies = "'Thường trực, Ban, Tổ đại biểu'!$A$3:$A$10002"
    people = "'Đại biểu, cán bộ'!$A$3:$A$10002"
    receptions = drop_downs(book["Tiếp công dân"])
    assert {c: receptions[c] for c in "BEF"} == {
        "B": (councils, "stop"),  # council_id
        "E": (bodies, "stop"),  # host_body_id
        "F": (people, "stop"),  # host_person_id
    }
    oversight = drop_downs(book["Giám sát"])
    assert (oversight["B"], oversight["C"]) == ((councils, "stop"), (bodies, "stop"))
    assert drop_downs(book["Hội đồng nhân dân"])["F"] == (councils, "stop")  # parent_id
    [validation] = [
        v
        for v in book["Thường trực, Ban, Tổ đại biểu"].data_validations.dataValidation
        if str(v.sqref).startswith("B")
    ]
    assert validation.showErrorMessage
    assert validation.error.startswith(
        "Chọn mã trong danh sách ở sheet Hội đồng nhân dân (cột A). Mã chưa có: điền bản ghi "
        "đó ở sheet Hội đồng nhân dân trước. / "
    )


def test_every_single_reference_has_its_drop_down_and_no_list_of_them(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    for r in RECORDS:
        found = drop_downs(book[r.sheet_title])
        names = [f.name for f in r.fields]
        for name, tag in r.references:
            letter = "ABCDEFGHIJKLMNOP"[names.index(name)]
            if r.field(name).kind == "list":  # several ids in a cell: no list to pick from
                assert letter not in found, (r.key, name)
            else:
                target = spec_of(tag).sheet_title
                assert found[letter] == (f"'{target}'!$A$3:$A$10002", "stop"), (r.key, name)
        for validation in book[r.sheet_title].data_validations.dataValidation:
            assert len(validation.errorTitle) <= 32  # what Excel takes
            assert len(validation.error) <= 255


def test_a_reference_lists_every_id_of_a_long_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hdnd.io.xlsx, "_LISTED_IDS", 2)
    councils = [
        Council(id=f"c{i}", name="HĐND", level=hdnd.Level.commune, unit_type=hdnd.UnitType.ward)
        for i in range(3)
    ]
    hdnd.dump(hdnd.Dataset(councils=councils), tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(tmp_path / "x.xlsx")
    assert drop_downs(book["Tiếp công dân"])["B"][0] == "'Hội đồng nhân dân'!$A$3:$A$5"
    assert drop_downs(book["Tiếp công dân"])["E"][0] == "'Thường trực, Ban, Tổ đại biểu'!$A$3:$A$4"


def test_template_command_keeps_an_existing_workbook(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = fill(template, {"councils": [COUNCIL]})
    before = filled.read_bytes()
    assert main(["template", str(filled)]) == 2
    assert "already exists; add --force" in capsys.readouterr().err
    assert filled.read_bytes() == before
    assert main(["template", str(filled), "--force"]) == 0
    assert hdnd.load(filled) == hdnd.Dataset()
    assert main(["template", str(filled.with_suffix(".json"))]) == 2
    assert "name it .xlsx" in capsys.readouterr().err


# --------------------------------------------------------------------- round trips


def test_a_list_is_written_an_item_a_line_where_it_reads_back(tmp_path: Path) -> None:
    """As the README tells a clerk to type a list (Alt+Enter between items); a JSON array
    where lines would not read back the same: an item of several lines, or a first item
    opening an array."""
    people = [
        Person(id="p1", full_name="An", other_posts=("Bí thư Đảng ủy", "Chủ tịch UBMTTQ")),
        Person(id="p2", full_name="Ba", other_posts=("[2] Ủy viên", "Bí thư")),
        Person(id="p3", full_name="Cư", other_posts=("Ủy viên\nBan Thường vụ",)),
    ]
    dataset = hdnd.Dataset(people=tuple(people))
    out = tmp_path / "people.xlsx"
    hdnd.dump(dataset, out)
    sheet = openpyxl.load_workbook(out)[TITLE["people"]]
    assert [sheet[f"C{row}"].value for row in (3, 4, 5)] == [
        "Bí thư Đảng ủy\nChủ tịch UBMTTQ",
        '["[2] Ủy viên","Bí thư"]',
        '["Ủy viên\\nBan Thường vụ"]',
    ]
    assert sheet["C3"].alignment.wrap_text  # shown on two lines, the row as high
    assert sheet.row_dimensions[3].height == 30
    assert sheet.row_dimensions[4].height is None
    assert hdnd.load(out) == dataset


def test_example_round_trips(city: hdnd.Dataset, tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "city.xlsx"
    hdnd.dump(city, out)
    book = openpyxl.load_workbook(out)
    receptions = book[TITLE["receptions"]]
    assert [c.value for c in receptions[3]] == FIRST_RECEPTION
    assert receptions["C3"].number_format == "dd/mm/yyyy"
    assert book[TITLE["petitions"]]["G3"].value == "không"  # duplicate
    assert book[TITLE["petitions"]]["H3"].value == "có"  # eligible
    assert book[TITLE["people"]]["C3"].value == "Phó Bí thư Thường trực Thành ủy"  # a list
    assert book[TITLE["resolutions"]]["C3"].value == "146/NQ-HĐND"
    assert hdnd.load(out) == city

    done = subprocess.run(
        [sys.executable, "-m", "hdnd", "convert", str(out), str(tmp_path / "city.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "city.json").read_bytes() == example_path.read_bytes()


@settings(max_examples=20, deadline=None)
@given(datasets())
def test_every_dataset_round_trips(ds: hdnd.Dataset) -> None:
    buf = io.BytesIO()
    write_workbook(ds, buf)
    assert read_workbook(io.BytesIO(buf.getvalue()), "x.xlsx") == ds


def test_dates_excel_cannot_hold_go_as_text(tmp_path: Path) -> None:
    council = Council(
        id="c", name="HĐND", level=hdnd.Level.province, unit_type=hdnd.UnitType.province
    )
    sessions = [
        Session(id=f"s{i}", council_id="c", number=1, kind=hdnd.SessionKind.regular, start=start)
        for i, start in enumerate([dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(1900, 1, 1)])
    ]
    ds = hdnd.Dataset(councils=[council], sessions=sessions)
    hdnd.dump(ds, tmp_path / "old.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "old.xlsx")[TITLE["sessions"]]
    assert [sheet[f"E{r}"].value for r in (3, 4, 5)] == [
        "0001-01-01",
        "1899-12-31",
        dt.datetime(1900, 1, 1),
    ]
    assert hdnd.load(tmp_path / "old.xlsx") == ds


def test_what_people_type_is_read(city: hdnd.Dataset, template: Path) -> None:
    filled = fill(
        template,
        {
            "councils": [[*COUNCIL, None, None, "2021-2026"]],
            "people": [["nguyen-van-do", "Nguyễn Văn Đô", "Phó Bí thư Thường trực Thành ủy"]],
            "bodies": [["tp-tt", "tp", "Thường trực HĐND", None, "Thường trực HĐND thành phố"]],
            "positions": [
                ["tp-chu-tich", "nguyen-van-do", "tp-tt", "Chủ tịch", "25/06/2021"],
            ],
            "sessions": [["tp-ky-hop-08", "tp", 8.0, "Thường lệ", "14/12/2022", "15/12/2022"]],
            "resolutions": [
                [
                    "tp-nq-146-2022",
                    "tp",
                    "Số: 146/NQ-HDND",
                    "ngày 15 tháng 12 năm 2022",
                    "Về nhiệm vụ phát triển kinh tế - xã hội năm 2023",
                    "tp-ky-hop-08",
                ]
            ],
            "receptions": [
                [
                    "tp-tcd-2023-01-05",
                    "tp",
                    dt.datetime(2023, 1, 5),
                    "periodic",
                    "tp-tt",
                    None,
                    "Trụ sở tiếp công dân thành phố",
                    7.0,
                    "9",
                    3,
                ],
            ],
            "petitions": [
                [
                    "dt-2023-002",
                    "tp",
                    "19/01/2023",
                    "khiếu nại",
                    "Social policy",
                    "đã giải quyết",
                    "không",
                    "có",
                    "2023-02-08",
                ]
            ],
        },
    )
    expected = hdnd.Dataset(
        councils=[city.get(Council, "tp")],
        people=[city.get(Person, "nguyen-van-do")],
        bodies=[city.get(Body, "tp-tt")],
        positions=[city.get(Position, "tp-chu-tich")],
        sessions=[city.get(Session, "tp-ky-hop-08")],
        resolutions=[city.get(Resolution, "tp-nq-146-2022")],
        receptions=[city.get(ReceptionSession, "tp-tcd-2023-01-05")],
        petitions=[city.get(Petition, "dt-2023-002")],
    )
    assert hdnd.load(filled) == expected


def test_empty_rows_are_ignored(template: Path) -> None:
    filled = fill(
        template,
        {"councils": [COUNCIL, [None] * 4, [None, "  "], ["x1", "HĐND xã", "cấp xã", "xã"]]},
    )
    assert [c.id for c in hdnd.load(filled).councils] == ["tp", "x1"]


def test_a_sheet_of_another_name_is_an_error(template: Path) -> None:
    """Its rows would be dropped without a word (a notes sheet too: there is no telling)."""
    filled = fill(template, {"Ghi chú": [["Nhập ngày 05/01/2023, chưa kiểm tra"]]})
    assert problems(filled) == [
        (
            "Ghi chú",
            None,
            "",
            None,
            "unknown sheet, not read; a workbook holds only the sheets of `hdnd template`, "
            "each named by its record type's identifier (receptions) or Vietnamese title "
            "(Tiếp công dân)",
        )
    ]


# -------------------------------------------------------------- formula injection


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    link = '=HYPERLINK("http://x","y")'
    ds = hdnd.Dataset(people=[Person(id="p1", full_name=link), Person(id="p2", full_name="'a")])
    out = tmp_path / "x.xlsx"
    hdnd.dump(ds, out)
    sheet = openpyxl.load_workbook(out)[TITLE["people"]]
    assert (sheet["B3"].value, sheet["B3"].data_type, sheet["B3"].quotePrefix) == (link, "s", True)
    assert (sheet["B4"].value, sheet["B4"].data_type) == ("'a", "s")
    with zipfile.ZipFile(out) as archive:
        people = archive.read("xl/worksheets/sheet3.xml").decode()
    assert "HYPERLINK" in people
    assert "<f>" not in people
    assert hdnd.load(out) == ds


# ---------------------------------------------------------------- located problems


def test_every_problem_at_once_by_sheet_row_and_column(template: Path) -> None:
    rows = [
        ["r1", "tp", "15/12/2022", "định kỳ", None, None, None, 5.5, 5, 5],
        ["r2", "tp", "31/02/2023", "địnhh kỳ", None, None, None, 1, "#N/A", "=1+2"],
        [None],
        ["r3", "nowhere", dt.datetime(2023, 2, 1, 9, 30), "đột xuất", None, None, None, 1, 1, 1],
    ]
    fill(template, {"councils": [COUNCIL], "receptions": rows})
    receptions = TITLE["receptions"]
    assert problems(template) == [
        (receptions, 3, "turns", "r1", "expected a whole number, got the number 5.5"),
        (receptions, 4, "date", "r2", "day must be 1–28 in 02/2023, got 31 in '31/02/2023'"),
        (
            receptions,
            4,
            "kind",
            "r2",
            "unknown value 'địnhh kỳ'; did you mean 'định kỳ'? "
            "allowed: định kỳ, đột xuất, thường xuyên",
        ),
        (receptions, 4, "persons", "r2", "the cell shows the error #N/A"),
        (
            receptions,
            4,
            "cases",
            "r2",
            "a formula without a saved result: open and save the workbook in Excel or "
            "LibreOffice so that its result is stored, or type the value",
        ),
        (
            receptions,
            6,
            "date",
            "r3",
            "expected a date, got the date and time 2023-02-01 09:30:00",
        ),
    ]


def test_integrity_problems_name_the_sheet_and_row(template: Path) -> None:
    filled = fill(
        template,
        {
            "councils": [COUNCIL],
            "receptions": [RECEPTION, ["r2", "nowhere", *RECEPTION[2:]], RECEPTION],
        },
    )
    with pytest.raises(InvalidData) as info:
        hdnd.load(filled)
    assert [str(p) for p in info.value.problems] == [
        f"{filled}, sheet {TITLE['receptions']}, row 5, column A (Id), id 'r1':"
        " duplicate id, first used at row 3",
        f"{filled}, sheet {TITLE['receptions']}, row 4, column B (Council id), id 'r2':"
        " no council with id 'nowhere'",
    ]


def test_a_formula_counts_by_its_saved_result(template: Path, tmp_path: Path) -> None:
    fill(template, {"councils": [COUNCIL], "receptions": [[*RECEPTION[:7], "=2+3", 5, 5]]})
    # what Excel or LibreOffice saves: the formula and its result
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(saved, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if b"<f>2+3</f><v></v>" in data:
                data = data.replace(b"<f>2+3</f><v></v>", b"<f>2+3</f><v>5</v>")
            dst.writestr(item, data)
    assert hdnd.load(saved).receptions[0].turns == 5


def test_columns_and_sheets_by_name(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    people = book[TITLE["people"]]
    people["B1"] = "ful_name"
    people.append(["p1", "An", None, None, "ghi chú"])
    book.create_sheet("receptons")
    book.save(template)
    assert problems(template) == [
        ("receptons", None, "", None, "unknown sheet, not read; did you mean 'receptions'?"),
        (people.title, 1, "ful_name", None, "unknown column (column B); did you mean 'full_name'?"),
        (people.title, 3, "", None, "column E has values but no name in row 1"),
    ]


def renamed(template: Path, titles: dict[str, str]) -> Path:
    """The template with one reception typed in and sheets renamed, as a clerk would."""
    fill(template, {"councils": [COUNCIL], "receptions": [RECEPTION]})
    book = openpyxl.load_workbook(template)
    for old, new in titles.items():
        book[old].title = new
    book.save(template)
    return template


def test_a_sheet_named_by_its_key_or_title_in_any_case_is_read(template: Path) -> None:
    """A workbook hdnd wrote before its sheets had Vietnamese titles names them by key;
    a clerk may retype a title in another case, or the whole title of a shortened one."""
    renames = {
        TITLE["receptions"]: "receptions",
        TITLE["councils"]: " hội đồng nhân dân",
        TITLE["bodies"]: "Thường trực, các Ban, Tổ đại biểu",  # the record type's whole title
    }
    with pytest.warns(UserWarning, match="more than 31 characters"):  # LibreOffice takes it
        ds = hdnd.load(renamed(template, renames))
    assert [(r.id, r.turns) for r in ds.receptions] == [("r1", 5)]
    assert [c.id for c in ds.councils] == ["tp"]


def test_a_problem_names_the_sheet_as_titled(template: Path) -> None:
    path = renamed(template, {TITLE["receptions"]: "receptions"})
    book = openpyxl.load_workbook(path)
    book["receptions"]["H3"] = -1
    book.save(path)
    assert problems(path) == [("receptions", 3, "turns", "r1", "must be ≥ 0, got -1")]


def test_a_misnamed_sheet_is_an_error_with_a_suggestion(template: Path) -> None:
    """Before, the receptions of a sheet of another name were dropped: "valid", no receptions."""
    path = renamed(template, {TITLE["receptions"]: "Tiep cong dan"})
    assert problems(path) == [
        ("Tiep cong dan", None, "", None, "unknown sheet, not read; did you mean 'Tiếp công dân'?")
    ]


def test_two_sheets_of_one_record_type_are_an_error(template: Path) -> None:
    path = renamed(template, {})
    book = openpyxl.load_workbook(path)
    book.create_sheet("receptions")
    book.save(path)
    assert problems(path) == [
        (
            "receptions",
            None,
            "",
            None,
            "two sheets of receptions, 'Tiếp công dân' and 'receptions': refusing to pick one",
        )
    ]


def test_a_column_named_as_row_2_names_it_is_read(template: Path) -> None:
    path = renamed(template, {})
    book = openpyxl.load_workbook(path)
    book[TITLE["receptions"]]["H1"] = "Lượt / Turns"
    book[TITLE["receptions"]]["I1"] = "số công dân"
    book.save(path)
    assert problems(path) == [
        (
            TITLE["receptions"],
            1,
            "số công dân",
            None,
            "unknown column (column I); did you mean 'persons'?",
        )
    ]
    book[TITLE["receptions"]]["I1"] = "Công dân"
    book.save(path)
    assert hdnd.load(path).receptions[0].turns == 5


def test_row_2_must_hold_the_column_names(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    sheet = book[TITLE["councils"]]
    sheet.delete_rows(2)  # someone deleted the names, so the first record moved up
    for c, value in enumerate(COUNCIL, start=1):
        sheet.cell(2, c, value)
    book.save(template)
    assert problems(template) == [
        (
            "Hội đồng nhân dân",
            2,
            "",
            None,
            "row 2 should hold the column names (Mã / Id, ...) and is not read: "
            "records start at row 3",
        )
    ]


def test_not_an_hdnd_workbook(template: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(template)
    book.remove(book["_meta"])
    book.save(template)
    assert problems(template) == [
        (
            None,
            None,
            "",
            None,
            "not an hdnd workbook: the hidden sheet '_meta', which names the data format "
            "version, is missing (start from the workbook `hdnd template` writes)",
        )
    ]
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0 an old .xls")
    with pytest.raises(InvalidData, match=r"not an Excel workbook \(\.xlsx\)"):
        hdnd.load(old)


def test_text_excel_cannot_hold_is_refused(tmp_path: Path) -> None:
    # control characters cannot get this far: the model refuses them
    with pytest.raises(InvalidValue, match="must not hold control characters"):
        Person(id="p1", full_name="An\x01")
    ds = hdnd.Dataset(people=[Person(id="p1", full_name="a" * 32_768)])  # a cell holds 32,767
    with pytest.raises(InvalidData) as info:
        hdnd.dump(ds, tmp_path / "x.xlsx")
    [p] = info.value.problems
    assert (p.sheet, p.line, p.location, p.record_id) == (TITLE["people"], 3, "full_name", "p1")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------- the dependency


def test_openpyxl_is_imported_only_for_workbooks() -> None:
    code = "import sys, hdnd, hdnd.cli; print('openpyxl' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"


def test_without_openpyxl_a_clear_error(
    template: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(OpenpyxlNotInstalled, match=r"pip install 'hdnd\[excel\]'"):
        hdnd.load(template)
    assert main(["validate", str(template)]) == 2
    assert main(["template", str(template.with_name("new.xlsx"))]) == 2
    assert "Excel workbooks (.xlsx) need openpyxl" in capsys.readouterr().err
