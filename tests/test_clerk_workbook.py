"""Issue 16's acceptance, as a clerk meets it: on a machine set up in Vietnamese
(``LANG=vi_VN.UTF-8``, no ``HDND_LANG``), the template filled with the usual mistakes gets
every problem in Vietnamese, at its sheet, row, column letter and header; labels typed
loosely are read, a near miss is told the Vietnamese label it resembles."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from .conftest import run_hdnd

openpyxl = pytest.importorskip("openpyxl")


def hdnd_in_vietnamese(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_hdnd(*args, cwd=cwd, locale={"LANG": "vi_VN.UTF-8"})


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template, as ``hdnd template`` writes it, filled in with openpyxl: a ward and
    seven receptions from row 3, five of them wrong in the ways offices get them wrong."""
    folder = tmp_path_factory.mktemp("clerk")
    made = hdnd_in_vietnamese("template", "mau.xlsx", cwd=folder)
    assert made.returncode == 0, made.stderr
    assert made.stderr.startswith("hdnd: đã ghi mau.xlsx")
    book = openpyxl.load_workbook(folder / "mau.xlsx")
    book["Hội đồng nhân dân"].append(
        ["px", "HĐND phường Tân Phong", "cấp xã", "phường", None, None, "2021-2026"]
    )
    sheet = book["Tiếp công dân"]
    day = dt.date(2025, 1, 10)
    # id, council, date, kind, host body, host person, place, turns, persons, cases
    for row in [
        ["r1", "px", day, "định kì", None, None, None, 5, 5, 2],  # row 3: kì for kỳ
        ["r2", "px", day, "dinh ky", None, None, None, 3, 3, 1],  # row 4: no accents
        ["r3", "px", day, "dinh kyy", None, None, None, 3, 3, 1],  # row 5: misspelt
        ["r4", None, day, "đột xuất", None, None, None, 3, 3, 1],  # row 6: council left blank
        ["r5", "px", "31/02/2025", "đột xuất", None, None, None, 3, 3, 1],  # row 7
        ["r6", "px", day, "đột xuất", None, None, None, -2, 3, 1],  # row 8: negative turns
        ["r1", "px", day, "đột xuất", None, None, None, 1, 1, 1],  # row 9: r1 again
    ]:
        sheet.append(row)
    book.save(folder / "loi.xlsx")
    return folder / "loi.xlsx"


def test_every_problem_in_vietnamese_at_its_cell(filled: Path) -> None:
    done = hdnd_in_vietnamese("validate", filled.name, cwd=filled.parent)
    where = "loi.xlsx, Sheet Tiếp công dân"
    assert done.returncode == 2
    assert done.stdout.splitlines() == [
        "loi.xlsx: KHÔNG HỢP LỆ, 5 lỗi",
        f"  {where}, dòng 5, cột D (Loại), mã 'r3': giá trị 'dinh kyy' không có trong danh"
        " sách. Có phải là 'định kỳ'? Các giá trị được chọn: định kỳ, đột xuất, thường xuyên",
        f"  {where}, dòng 6, cột B (Mã HĐND), mã 'r4': thiếu trường bắt buộc",
        f"  {where}, dòng 7, cột C (Ngày), mã 'r5': ngày phải từ 1 đến 28 trong tháng"
        " 02/2025; đã nhập 31 ở '31/02/2025'",
        f"  {where}, dòng 8, cột H (Lượt), mã 'r6': phải ≥ 0; đã nhập -2",
        f"  {where}, dòng 9, cột A (Mã), mã 'r1': mã bị trùng, đã dùng ở dòng 3",
        "1 tệp: 1 tệp không hợp lệ, 0 lỗi kiểm tra, 0 cảnh báo",
    ]


def test_rows_typed_loosely_are_read(filled: Path, tmp_path: Path) -> None:
    """Rows 3 and 4 alone ('định kì', 'dinh ky') are valid: both read as 'định kỳ'."""
    book = openpyxl.load_workbook(filled)
    book["Tiếp công dân"].delete_rows(5, 5)
    book.save(tmp_path / "dung.xlsx")
    done = hdnd_in_vietnamese("convert", "dung.xlsx", "dung.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "dung.json").read_text(encoding="utf-8")
    assert text.count('"kind":"periodic"') == 2
