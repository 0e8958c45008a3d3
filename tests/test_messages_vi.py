"""The library's messages in Vietnamese (issue 16, item 1): every problem a reader, the
converter, dataset integrity, merging, migration, the limits and the parsers of dates,
periods and document numbers make is written in the language in use when it is made.

Each test makes a real problem inside ``hdnd.i18n.language("vi")`` and asserts its
text as a council office reads it; English (the tests' language, see conftest.py) is
asserted by the other test modules.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest

import hdnd
from hdnd import errors, i18n
from hdnd.checks import Finding, Severity
from hdnd.dataset import UnknownCouncil, find_council
from hdnd.docnum import DocumentNumber, InvalidDocumentNumber
from hdnd.errors import InvalidData, Problem
from hdnd.io.xlsx import OpenpyxlNotInstalled, write_workbook
from hdnd.limits import UnknownLimit, find, parse_value
from hdnd.merging import merge
from hdnd.periods import InvalidPeriod, parse_period

META = "schema_version\n1\n"
COUNCILS = "id,name,level,unit_type\ntp,HĐND thành phố,district,provincial_city\n"
RECEPTIONS = "id,council_id,date,kind,turns,persons,cases\n"
PETITIONS = "id,council_id,received,kind,field,status,eligible\n"


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    with i18n.language("vi"):
        yield


def tables(folder: Path, **files: str) -> Path:
    """A directory of CSV tables: ``_meta.csv``, ``councils.csv`` and ``files``."""
    folder.mkdir()
    for name, content in ({"_meta": META, "councils": COUNCILS} | files).items():
        (folder / f"{name}.csv").write_text(content, encoding="utf-8")
    return folder


def problems(source: Path | bytes, format: str = "json") -> list[tuple[str, str]]:
    """Each problem loading ``source`` gives, as (where in the record, message)."""
    load = (
        (lambda: hdnd.load(source))
        if isinstance(source, Path)
        else (lambda: hdnd.loads(source, format=format))  # type: ignore[arg-type]
    )
    with pytest.raises(InvalidData) as info:
        load()
    return [(p.location, p.message) for p in info.value.problems]


# ------------------------------------------------------------------ tables (CSV)


def test_table_cells_say_what_is_wrong_in_vietnamese(tmp_path: Path) -> None:
    folder = tables(
        tmp_path / "t",
        receptions=RECEPTIONS
        + "r1,tp,2025-03-14,định kỳ,-1,1,1\n"  # a negative count
        + "r2,tp,31/02/2025,dinh ky,1,1,1\n"  # no 31 February; the label read unaccented
        + "r3,tp,2025-03-15,đinh kyy,1,,1\n"  # a misspelt label; a blank required cell
        + "r4,tp,2025-03-16,đột xuất,1,1,1\n"
        + "r4,nowhere,2025-03-17,đột xuất,1,1,1\n",  # the id again; no such council
    )
    assert problems(folder) == [
        ("turns", "phải ≥ 0; đã nhập -1"),
        ("date", "ngày phải từ 1 đến 28 trong tháng 02/2025; đã nhập 31 ở '31/02/2025'"),
        (
            "kind",
            "giá trị 'đinh kyy' không có trong danh sách. Có phải là 'định kỳ'? "
            "Các giá trị được chọn: định kỳ, đột xuất, thường xuyên",
        ),
        ("persons", "thiếu trường bắt buộc"),
        ("id", "mã bị trùng, đã dùng ở dòng 5"),
        ("council_id", "không có hội đồng nhân dân nào có mã 'nowhere'"),
    ]


def test_a_yes_no_cell_says_what_the_sheet_says(tmp_path: Path) -> None:
    folder = tables(
        tmp_path / "t",
        petitions=PETITIONS + "d1,tp,2025-03-14,complaint,land,resolved,x?\n",
    )
    assert problems(folder) == [("eligible", "phải là có hoặc không; đã nhập 'x?'")]


def test_the_header_row_in_vietnamese(tmp_path: Path) -> None:
    folder = tables(tmp_path / "t", receptions="id,council_id,date,kind,turn,persons,cases,cases\n")
    assert problems(folder) == [
        ("cases", "cột bị lặp lại: cột 7 và cột 8"),
        ("turn", "cột không xác định (cột 5). Có phải là 'turns'?"),
    ]


# ------------------------------------------------------------------ a workbook


def _typed_in(data: bytes, sheet_of: str, cells: dict[str, Any]) -> bytes:
    """The workbook ``data`` with ``cells`` (by field name) typed in row 3 of the sheet
    whose row 1 names the field ``sheet_of``: found by its columns, not by its title."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = next(s for s in book.worksheets if sheet_of in [c.value for c in s[1]])
    columns = {c.value: c.column for c in sheet[1]}
    for name, value in cells.items():
        sheet.cell(3, columns[name], value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_cell_in_vietnamese(city: hdnd.Dataset, tmp_path: Path) -> None:
    written = io.BytesIO()
    write_workbook(city, written)
    path = tmp_path / "q1.xlsx"
    path.write_bytes(_typed_in(written.getvalue(), "persons", {"persons": -3, "kind": "dinh ki"}))
    assert problems(path) == [("persons", "phải ≥ 0; đã nhập -3")]


# ------------------------------------------------------------------ JSON and JSON Lines


def test_a_json_lines_line_that_is_not_json() -> None:
    lines = (
        '{"type": "header", "schema_version": 2}\n'
        '{"type": "person", "id": "p1", "full_name": "An"\n'
        '{"type": "persons", "id": "p2", "full_name": "Bình"}\n'
    )
    assert problems(lines.encode(), "jsonl") == [
        ("", "JSON không hợp lệ: unexpected end of data"),
        ("type", "loại bản ghi chữ 'persons' không xác định. Có phải là 'person'?"),
    ]


def test_json_values_of_the_wrong_kind() -> None:
    doc = (
        '{"schema_version": 2, "people": [{"id": 5, "full_nam": "An"}],'
        ' "councils": [{"id": "tp", "name": "T", "level": "distrcit", "unit_type": "commune"}]}'
    )
    assert problems(doc.encode()) == [
        ("councils[0].level", "giá trị 'distrcit' không có trong Level. Có phải là 'district'?"),
        ("people[0].id", "phải là chữ; đã nhập số 5"),
        ("people[0].full_name", "thiếu trường bắt buộc"),
        ("people[0].full_nam", "trường không xác định. Có phải là 'full_name'?"),
    ]


def test_a_file_newer_than_this_hdnd() -> None:
    [(where, message)] = problems(b'{"schema_version": 99}')
    assert where == "schema_version"
    assert message.startswith("schema_version 99 không xác định: tệp này mới hơn phiên bản hdnd")


def test_a_file_that_is_not_utf8() -> None:
    assert problems("Hội đồng".encode("utf-16")) == [
        ("", "tệp là văn bản UTF-16; hãy lưu dạng UTF-8")
    ]


# ------------------------------------------------------------------ the summaries


def test_too_many_problems_are_summed_up_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "MAX_PROBLEMS", 2)
    lines = "".join('{"type": "person", "id": "", "full_name": "An"}\n' for _ in range(1200))
    with pytest.raises(InvalidData) as info:
        hdnd.loads(lines, format="jsonl", file="x.jsonl")
    assert str(info.value.dropped) == (
        "… và 1.198 vấn đề khác (đầu tiên: dòng 3; cuối cùng: dòng 1.200)"
    )
    assert str(info.value).splitlines()[0] == "1.200 vấn đề:"


def test_one_or_several_problems_heading() -> None:
    two = InvalidData([Problem(message="a"), Problem(message="b")])
    assert str(two).splitlines()[0] == "2 vấn đề:"
    with i18n.language("en"):
        assert str(two).splitlines()[0] == "2 problems:"


# ------------------------------------------------------------------ several files


def test_an_id_clash_across_files(city: hdnd.Dataset) -> None:
    council = city.councils[0]
    renamed = hdnd.Dataset(councils=[attrs.evolve(council, name="Khác")])
    with pytest.raises(InvalidData) as info:
        merge([city, renamed], ["thanh-pho.json", "xa.xlsx"])
    [clash] = info.value.problems
    assert clash.message == (
        "mã đã dùng ở thanh-pho.json (councils[0]) cho một hội đồng nhân dân khác: khác nhau ở Tên"
    )


def test_a_council_that_is_not_there(city: hdnd.Dataset) -> None:
    with pytest.raises(UnknownCouncil) as info:
        find_council("xa hoa loi", city.councils)
    assert str(info.value).startswith(
        "trong dữ liệu không có Hội đồng nhân dân nào có mã 'xa hoa loi', hay có mã đơn vị"
        " hành chính hoặc tên như vậy; gần giống nhất: "
    )


# ------------------------------------------------------------------ parsers and limits


def test_periods_and_document_numbers_in_vietnamese() -> None:
    with pytest.raises(InvalidPeriod) as period:
        parse_period("tháng 13/2025")
    assert str(period.value) == "tháng phải từ 1 đến 12; đã nhập '13' ở 'tháng 13/2025'"
    with pytest.raises(InvalidDocumentNumber) as number:
        DocumentNumber.parse("45-CT/TW")
    assert str(number.value) == (
        "'45-CT/TW' là số văn bản của Đảng (SỐ-LOẠI/CƠ QUAN), một hệ thống đánh số khác"
    )


def test_limits_in_vietnamese() -> None:
    with pytest.raises(UnknownLimit) as unknown:
        find("xlsx.MAX_ROW")
    assert str(unknown.value) == (
        "không có giới hạn 'xlsx.MAX_ROW'. Có phải là 'hdnd.io.xlsx.MAX_ROWS'?"
    )
    with pytest.raises(UnknownLimit) as value:
        parse_value("-1", 1)
    assert str(value.value).endswith("; đã nhập '-1'")


def test_a_finding_described_in_each_language() -> None:
    finding = Finding(
        code="R001",
        severity=Severity.warning,
        path=("receptions", 2),
        record_id="r3",
        message_vi="số người lớn hơn số lượt",
        message_en="more persons than turns",
    )
    with i18n.language("en"):  # the language asked for wins over the one in use
        assert (
            finding.describe("vi")
            == "R001 cảnh báo receptions[2] (mã 'r3'): số người lớn hơn số lượt"
        )
    assert finding.describe("en") == "R001 warning receptions[2] (id 'r3'): more persons than turns"


def test_english_is_unchanged_where_tests_pin_it() -> None:
    with i18n.language("en"):
        assert problems(b'{"schema_version": 2, "people": [{"id": ""}]}') == [
            ("people[0].id", "must not be empty"),
            ("people[0].full_name", "required field missing"),
        ]


def test_a_missing_extra_says_which_in_vietnamese(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(OpenpyxlNotInstalled) as info:
        hdnd.load(tmp_path / "q1.xlsx")
    assert str(info.value) == (
        "Đọc, ghi tệp Excel (.xlsx) cần thư viện openpyxl; cài bằng lệnh: pip install 'hdnd[excel]'"
    )


def test_a_word_report_refuses_in_vietnamese(city: hdnd.Dataset, tmp_path: Path) -> None:
    from hdnd.report.docx import NotADocx, write_docx

    summary = hdnd.summarize(city, hdnd.parse_period("quý I/2023"), council="tp")
    with pytest.raises(InvalidDocumentNumber) as number:
        write_docx(summary, None, io.BytesIO(), number="146/NQ-HĐND")
    assert str(number.value) == "số của báo cáo phải có mã loại văn bản BC; đã nhập '146/NQ-HĐND'"
    template = tmp_path / "mau.docx"
    template.write_text("không phải tệp Word", encoding="utf-8")
    with pytest.raises(NotADocx) as info:
        write_docx(summary, None, io.BytesIO(), template=template)
    assert (
        str(info.value)
        == f"{template}: không phải văn bản Word (.docx); hãy lưu lại dạng .docx bằng Word"
    )
