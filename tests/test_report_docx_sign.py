"""The Word report ready to sign (issue 16, item 7).

The signature block on one page with its heading, a letterhead that never wraps a unit's
name, tables with an STT column and Vietnamese words only, recipients that fit a report,
and document properties that are hdnd's. The structure is checked in the XML; the pages
themselves, when LibreOffice is installed, by converting to PDF (``pytest -m slow``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import typing
import zipfile
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

import hdnd
from hdnd.report.docx import BLANK, write_docx
from hdnd.summary import Figures, PetitionFigures, Summary

Q1_2023 = hdnd.parse_period("quý I/2023")
LONGEST = "Phường Văn Miếu - Quốc Tử Giám"
"""The longest unit name in shared/data/divisions-2025.csv (30 characters)."""
DIVISIONS = Path(__file__).resolve().parents[2] / "shared" / "data" / "divisions-2025.csv"
IDENTIFIER = re.compile(r"[a-z]+_[a-z]+")


def named(city: hdnd.Dataset, name: str) -> hdnd.Dataset:
    """The example with the city council named ``name``."""
    return hdnd.Dataset.from_records(
        attrs.evolve(r, name=name) if isinstance(r, hdnd.Council) and r.id == "tp" else r
        for r in city.records()
    )


def report_bytes(city: hdnd.Dataset, **options: Any) -> bytes:
    now, then = hdnd.summarize_periods(
        city.records(), [Q1_2023, hdnd.baseline(Q1_2023)], council="tp", with_subordinates=True
    )
    out = io.BytesIO()
    write_docx(now, hdnd.compare(now, then), out, dataset=city, **options)
    return out.getvalue()


def report(city: hdnd.Dataset, **options: Any) -> Document:
    return docx.Document(io.BytesIO(report_bytes(city, **options)))


def issuer(document: Document) -> list[tuple[str, float, bool]]:
    """The issuer's lines in the letterhead: text, size in points, bold."""
    cell = document.tables[0].rows[0].cells[0]
    return [
        (p.text, p.runs[0].font.size.pt, bool(p.runs[0].bold)) for p in cell.paragraphs if p.text
    ]


def text_of(document: Document) -> str:
    """Every text of the document's body, tables included, and of its headers."""
    parts = [document.element.body, *(s.header._element for s in document.sections)]
    return "\n".join(t.text or "" for part in parts for t in part.iter(qn("w:t")))


# -- the signature block -----------------------------------------------------------------------


def test_the_signature_block_cannot_split_and_keeps_with_what_precedes(
    city: hdnd.Dataset,
) -> None:
    document = report(city)
    signature = document.tables[-1]
    (row,) = signature.rows
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    texts = [p.text for p in row.cells[1].paragraphs]
    assert texts[0] == "TM. THƯỜNG TRỰC HĐND"
    assert texts[-1] == "Nguyễn Văn Đô"  # in the same unsplittable row as its heading
    before = signature._tbl.getprevious()
    assert before.tag == qn("w:p")
    assert before.pPr.keepNext_val  # the spacer goes with the block...
    note = before.getprevious()  # ...and so does the note under the table of figures
    assert "".join(t.text for t in note.iter(qn("w:t"))) == "Ô để trống: chưa có số liệu."
    assert note.pPr.keepNext_val
    last_row = note.getprevious().findall(qn("w:tr"))[-1]  # and the table's last row (in Word)
    assert all(p.pPr.keepNext_val for p in last_row.iter(qn("w:p")))


def test_after_a_table_its_last_row_keeps_with_the_signature() -> None:
    # nothing unknown: no note, the table of figures comes right before the signature
    known = hdnd.summarize(hdnd.Dataset(), Q1_2023)
    known = attrs.evolve(known, figures=Figures(petitions=PetitionFigures(received=3)))
    out = io.BytesIO()
    write_docx(known, None, out)
    document = docx.Document(out)
    figures, signature = document.tables[1], document.tables[-1]
    assert figures._tbl.getnext().getnext() is signature._tbl
    last = figures.rows[-1]
    assert [c.text for c in last.cells] == ["1", "Đơn thư › tiếp nhận", "3"]
    assert all(p.paragraph_format.keep_with_next for c in last.cells for p in c.paragraphs)


# -- the letterhead ----------------------------------------------------------------------------


def test_the_example_letterhead_keeps_the_decrees_13_pt(city: hdnd.Dataset) -> None:
    assert issuer(report(city)) == [("HĐND THÀNH PHỐ", 13, False), ("THƯỜNG TRỰC HĐND", 13, True)]


def test_a_name_that_wrapped_at_13_pt_is_one_line_a_size_smaller(city: hdnd.Dataset) -> None:
    """The issue: "HĐND PHƯỜNG TÂN / PHONG" in the 62 mm column."""
    lines = issuer(report(named(city, "HĐND phường Tân Phong")))
    assert [text for text, _, _ in lines] == ["HĐND PHƯỜNG TÂN PHONG", "THƯỜNG TRỰC HĐND"]
    sizes = {size for _, size, _ in lines}
    assert len(sizes) == 1  # both lines alike
    assert 11 <= sizes.pop() < 13


def test_the_longest_unit_name_has_a_line_of_its_own(city: hdnd.Dataset) -> None:
    """Some 80 mm long at 11 pt, beside the national name's 96 mm: the unit's own name
    goes on a line under "HĐND PHƯỜNG", whole."""
    lines = issuer(report(named(city, f"HĐND {LONGEST[:1].lower()}{LONGEST[1:]}")))
    assert [text for text, _, _ in lines] == [
        "HĐND PHƯỜNG",
        "VĂN MIẾU - QUỐC TỬ GIÁM",
        "THƯỜNG TRỰC HĐND",
    ]
    assert all(11 <= size <= 13 for _, size, _ in lines)


def test_the_columns_share_the_text_width(city: hdnd.Dataset) -> None:
    document = report(named(city, "HĐND phường Tân Phong"))
    widths = [cell.width for cell in document.tables[0].rows[0].cells]
    section = document.sections[0]
    assert sum(widths) == section.page_width - section.left_margin - section.right_margin
    assert widths[0] > docx.shared.Mm(62)  # the left column has what the right does not need


@pytest.mark.skipif(not DIVISIONS.exists(), reason="shared/data/divisions-2025.csv not here")
def test_the_longest_name_tested_is_the_longest_in_the_divisions() -> None:
    with DIVISIONS.open(encoding="utf-8") as f:
        names = [row["commune_name"] for row in csv.DictReader(f)]
    assert max(len(n) for n in names) == len(LONGEST)
    assert LONGEST in names


# -- tables: STT, Vietnamese words only --------------------------------------------------------


def test_the_tables_have_an_stt_column(city: hdnd.Dataset) -> None:
    figures = report(city).tables[1]
    numbers = [row.cells[0].text for row in figures.rows]
    items = [str(n) for n in range(1, 16)]  # 15 main figures under each title
    assert numbers == ["STT", "I", *items, "II", *items, "III", *items]
    title = figures.rows[1].cells
    assert (title[1].text, title[-1].text) == ("Tổng hợp các cấp", "Tổng hợp các cấp")


def non_zero(cls: type) -> Any:
    """``cls`` (a figures class) with every count not zero, free keys as data has them."""
    free = {
        "by_field": ["economy_society", "legal"],  # committee fields, by their codes
        "by_jurisdiction": ["central", "provincial"],
        "by_sector": ["health_care"],
        "by_host": ["tp"],
        "by_body": ["tp-tt"],
    }
    values: dict[str, Any] = {}
    for name, kind in typing.get_type_hints(cls).items():
        kind = typing.get_args(kind)[0] if type(None) in typing.get_args(kind) else kind
        if kind is int:
            values[name] = 3
        elif typing.get_origin(kind) is dict:
            key, value = typing.get_args(kind)
            keys = list(key) if issubclass(key, Enum) else free.get(name, ["Đất đai"])
            values[name] = {k: non_zero(value) if attrs.has(value) else 2 for k in keys}
        elif attrs.has(kind):
            values[name] = non_zero(kind)
    return cls(**values)


def test_no_raw_identifier_in_any_text(city: hdnd.Dataset) -> None:
    everything = non_zero(Figures)
    now = Summary(
        period=Q1_2023,
        council_id="tp",
        with_subordinates=True,
        councils=("tp", "p-bac-son"),
        figures=everything,
        by_level=dict.fromkeys(hdnd.Level, everything),
        by_council={"tp": everything, "p-bac-son": everything},
        names={"tp": "HĐND thành phố", "p-bac-son": "HĐND phường Bắc Sơn"},
    )
    then = attrs.evolve(now, period=hdnd.baseline(Q1_2023))
    assert everything.voter_petitions.by_jurisdiction["central"] == 2
    out = io.BytesIO()
    write_docx(now, hdnd.compare(now, then), out, dataset=city, draft=True)
    written = text_of(docx.Document(out))
    assert "Kiến nghị sau giám sát › đã thực hiện" in written  # the table is there
    assert IDENTIFIER.findall(written) == []
    assert IDENTIFIER.findall(text_of(report(city))) == []


# -- recipients ----------------------------------------------------------------------------


def test_a_report_has_no_kinh_gui_nor_nhu_tren(city: hdnd.Dataset) -> None:
    written = text_of(report(city))
    assert "Kính gửi" not in written
    assert "Như trên" not in written  # it would point to a "Kính gửi"
    recipients = report(city).tables[-1].rows[0].cells[0]
    assert [p.text for p in recipients.paragraphs] == ["Nơi nhận:", f"- {BLANK};", "- Lưu: VT."]


def test_a_commune_reports_to_the_standing_committee_above(city: hdnd.Dataset) -> None:
    summary = hdnd.summarize(city, Q1_2023, council="p-bac-son")
    out = io.BytesIO()
    write_docx(summary, None, out, dataset=city)
    recipients = docx.Document(out).tables[-1].rows[0].cells[0]
    assert [p.text for p in recipients.paragraphs] == [
        "Nơi nhận:",
        "- Thường trực HĐND thành phố;",
        f"- {BLANK};",
        "- Lưu: VT.",
    ]


# -- properties ----------------------------------------------------------------------------


def test_the_properties_are_hdnds(city: hdnd.Dataset) -> None:
    written = report_bytes(city, date=dt.date(2023, 4, 17))
    properties = docx.Document(io.BytesIO(written)).core_properties
    assert properties.author == "Thường trực HĐND thành phố"
    assert properties.title == "Báo cáo kết quả hoạt động quý I năm 2023"
    assert properties.subject == "KẾT QUẢ HOẠT ĐỘNG CỦA HĐND 2 CẤP QUÝ I/2023"
    assert properties.last_modified_by == f"hdnd {hdnd.__version__}"
    # python-docx reads the W3CDTF date back as UTC, aware or (older versions) naive
    assert _in_utc(properties.created) == dt.datetime(2023, 4, 17, tzinfo=dt.UTC)
    with zipfile.ZipFile(io.BytesIO(written)) as package:
        core = package.read("docProps/core.xml").decode()
        app = package.read("docProps/app.xml").decode()
    assert f"<Application>hdnd {hdnd.__version__}</Application>" in app
    for left_over in ("python-docx", "Microsoft", "Normal.dotm"):
        assert left_over not in core + app


def test_without_a_date_it_is_created_now(city: hdnd.Dataset) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    created = report(city).core_properties.created
    assert created is not None
    assert before <= _in_utc(created)


def _in_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A date python-docx read back, in UTC: naive ones (older python-docx) are UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)


# -- the pages, as LibreOffice lays them out -------------------------------------------------

TOOLS = ("soffice", "pdftotext")


def pages(document: bytes, folder: Path) -> list[str]:
    """The text of each page of ``document`` converted to PDF by LibreOffice."""
    source = folder / "bao-cao.docx"
    source.write_bytes(document)
    convert = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
    subprocess.run([*convert, str(source)], check=True, capture_output=True, timeout=300)
    text = subprocess.run(
        ["pdftotext", "-layout", str(folder / "bao-cao.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.split("\f")


@pytest.mark.slow
@pytest.mark.skipif(not all(map(shutil.which, TOOLS)), reason="needs LibreOffice and poppler")
@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("HĐND thành phố", ["HĐND THÀNH PHỐ"]),
        ("HĐND phường Tân Phong", ["HĐND PHƯỜNG TÂN PHONG"]),
        (f"HĐND {LONGEST.lower()}", ["HĐND PHƯỜNG", "VĂN MIẾU - QUỐC TỬ GIÁM"]),
    ],
)
def test_the_pages_as_printed(
    city: hdnd.Dataset, tmp_path: Path, name: str, lines: list[str]
) -> None:
    printed = pages(report_bytes(named(city, name), number="46"), tmp_path)
    head = [line.strip() for line in printed[0].splitlines()[:6]]
    # the letterhead's lines, each whole on a line of the page, the national name beside
    letterhead = [*lines, "THƯỜNG TRỰC HĐND"]
    for line, text in zip(head, letterhead, strict=False):
        assert line.startswith(text)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head[0]
    assert "Độc lập - Tự do - Hạnh phúc" in head[1]
    (signed,) = [page for page in printed if "Nguyễn Văn Đô" in page]
    assert "TM. THƯỜNG TRỰC HĐND" in signed
    assert "CHỦ TỊCH" in signed
    assert "Nơi nhận:" in signed
