"""The Word report: Decree 30/2020/NĐ-CP layout, the source report's figures, placeholders.

The expected figures are the source report's own (shared/sources/q1-2023-city-briefing.txt);
the layout's are the decree's (Appendix I): A4, margins, Times New Roman 13-14 pt.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.cli import main
from hdnd.docnum import InvalidDocumentNumber
from hdnd.errors import InvalidValue
from hdnd.report.docx import BLANK, NotADocx, write_docx, write_template
from hdnd.summary import Summary

Q1_2023 = hdnd.parse_period("quý I/2023")

SOURCE_FIGURES = (
    "11 cuộc giám sát chuyên đề",
    "27 cuộc giám sát, khảo sát đột xuất, thường xuyên",
    "tiếp 74 lượt với 144 công dân, 74 vụ việc (giảm 4 lượt, giảm 6 vụ việc so cùng kỳ)",
    "204 buổi tiếp công dân định kỳ",
)


@pytest.fixture(scope="module")
def summaries(city: hdnd.Dataset) -> tuple[Summary, Summary]:
    now, then = hdnd.summarize_periods(
        city.records(), [Q1_2023, hdnd.baseline(Q1_2023)], council="tp", with_subordinates=True
    )
    return now, then


def report(summaries: tuple[Summary, Summary], **options: Any) -> Document:
    now, then = summaries
    out = io.BytesIO()
    write_docx(now, hdnd.compare(now, then), out, **options)
    return docx.Document(io.BytesIO(out.getvalue()))


@pytest.fixture(scope="module")
def blank(summaries: tuple[Summary, Summary], city: hdnd.Dataset) -> Document:
    """The report as the office starts from: no number, place or date given."""
    return report(summaries, dataset=city)


def paragraphs(document: Document) -> Iterator[Paragraph]:
    """Every paragraph in reading order, those in table cells included."""
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document._body)
        elif child.tag == qn("w:tbl"):
            for cell in child.iter(qn("w:tc")):
                for p in cell.iterchildren(qn("w:p")):
                    yield Paragraph(p, document._body)


def lines(document: Document) -> list[str]:
    return [p.text for p in paragraphs(document) if p.text]


def line(document: Document, text: str) -> Paragraph:
    (found,) = [p for p in paragraphs(document) if p.text == text]
    return found


def table_rows(document: Document) -> list[list[str]]:
    """The rows of the table of main figures, without the STT column."""
    figures = document.tables[1]
    return [[cell.text for cell in row.cells[1:]] for row in figures.rows]


def test_the_letterhead(blank: Document) -> None:
    letterhead = blank.tables[0]
    assert [c.text.split("\n") for c in letterhead.rows[0].cells] == [
        ["HĐND THÀNH PHỐ", "THƯỜNG TRỰC HĐND", ""],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""],
    ]
    assert all(border.get(qn("w:val")) == "nil" for border in letterhead._tbl.iter(qn("w:top")))
    for bold in ("THƯỜNG TRỰC HĐND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert line(blank, bold).runs[0].bold
    assert not line(blank, "HĐND THÀNH PHỐ").runs[0].bold
    motto = line(blank, "Độc lập - Tự do - Hạnh phúc")
    assert motto.runs[0].bold
    assert not motto.runs[0].italic
    # the short rules under the issuer and the motto
    rules = [p for p in paragraphs(blank) if p._p.find(f".//{qn('w:pBdr')}") is not None]
    assert len(rules) == 3  # issuer, motto, subject


def test_placeholders_where_the_data_says_nothing(blank: Document) -> None:
    assert line(blank, f"Số: {BLANK}/BC-HĐND")
    date = line(blank, f"{BLANK}, ngày .... tháng .... năm ....")
    assert date.runs[0].italic
    assert f"- {BLANK};" in lines(blank)


def test_number_place_and_date_when_given(
    summaries: tuple[Summary, Summary], city: hdnd.Dataset
) -> None:
    document = report(
        summaries, dataset=city, number="46", place="Thành phố Bắc Giang", date=dt.date(2023, 4, 17)
    )
    assert line(document, "Số: 46/BC-HĐND")
    assert line(document, "Thành phố Bắc Giang, ngày 17 tháng 4 năm 2023").runs[0].italic
    assert line(report(summaries, number="Số: 5/BC-HDND"), "Số: 05/BC-HĐND")
    with pytest.raises(InvalidDocumentNumber, match="type code BC"):
        report(summaries, number="46/NQ-HĐND")


def test_a_long_place_goes_on_a_line_of_its_own(summaries: tuple[Summary, Summary]) -> None:
    """Never a lone "2025" under the place and date: a line that does not fit even at
    13 pt is broken after the place (the line of the example fits: one paragraph)."""
    day = dt.date(2025, 12, 17)
    long = report(summaries, place="Thành phố Hồ Chí Minh", date=day)
    assert line(long, "Thành phố Hồ Chí Minh,").runs[0].italic
    assert line(long, "ngày 17 tháng 12 năm 2025").runs[0].italic
    short = line(report(summaries, place="Hà Nội", date=day), "Hà Nội, ngày 17 tháng 12 năm 2025")
    assert short.runs[0].font.size.pt == 14


def test_title_and_subject(blank: Document) -> None:
    title, subject = line(blank, "BÁO CÁO"), line(blank, "Kết quả hoạt động quý I năm 2023")
    assert (title.style.name, subject.style.name) == ("Title", "Subtitle")
    for paragraph in (title, subject):
        assert paragraph.style.font.bold
        assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert blank.core_properties.title == "Báo cáo kết quả hoạt động quý I năm 2023"
    assert blank.core_properties.language == "vi-VN"


@pytest.mark.parametrize(
    ("period", "subject"),
    [
        ("6 tháng đầu năm 2023", "Kết quả hoạt động 6 tháng đầu năm 2023"),
        ("năm 2022", "Kết quả hoạt động năm 2022"),
        ("tháng 2/2023", "Kết quả hoạt động tháng 2 năm 2023"),
    ],
)
def test_the_subject_names_the_period(city: hdnd.Dataset, period: str, subject: str) -> None:
    summary = hdnd.summarize(city, hdnd.parse_period(period), council="tp")
    out = io.BytesIO()
    write_docx(summary, None, out)
    assert line(docx.Document(out), subject).style.name == "Subtitle"


def test_the_prose_holds_every_figure_of_the_source_report(blank: Document) -> None:
    prose = [p for p in blank.paragraphs if p.style.name == "Body Text"]
    text = " ".join(p.text for p in prose)
    for figure in SOURCE_FIGURES:
        assert figure in text
    assert prose[0].text.startswith("Trong quý I/2023, HĐND 2 cấp đã triển khai")
    layout = blank.styles["Body Text"].paragraph_format
    assert layout.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert layout.first_line_indent == Mm(12.7)


def test_the_table_of_main_figures(blank: Document) -> None:
    figures = table_rows(blank)
    assert figures[0] == ["Chỉ tiêu", "Quý I/2023", "Quý I/2022", "Tăng/giảm"]
    assert blank.tables[1].style.name == "Table Grid"
    district = figures.index(["HĐND cấp huyện"] * 4)  # a merged row titles each level
    commune = figures.index(["HĐND cấp xã"] * 4)
    city_rows = figures[district + 1 : commune]
    assert ["Giám sát › theo loại › giám sát chuyên đề", "3", "2", "+1 (+50%)"] in city_rows
    assert ["Tiếp công dân › tổng › lượt", "74", "78", "-4 (-5,13%)"] in city_rows
    assert ["Tiếp công dân › tổng › công dân", "144", "151", "-7 (-4,64%)"] in city_rows
    assert ["Tiếp công dân › tổng › vụ việc", "74", "80", "-6 (-7,5%)"] in city_rows
    assert ["Tiếp công dân › tổng › buổi", "204", "198", "+6 (+3,03%)"] in figures[commune:]
    assert ["Giám sát › theo loại › giám sát chuyên đề", "11", "9", "+2 (+22,22%)"] in figures


def test_numbers_are_written_the_vietnamese_way(city: hdnd.Dataset) -> None:
    year = hdnd.parse_period("năm 2023")
    many = hdnd.Dataset.from_records(
        [
            *city.councils,
            *city.bodies,
            hdnd.ReceptionSession(
                id="r",
                council_id="tp",
                date=dt.date(2023, 5, 2),
                kind=hdnd.ReceptionKind.periodic,
                turns=1788,
                persons=1800,
                cases=1788,
            ),
        ]
    )
    now, then = hdnd.summarize_periods(many.records(), [year, hdnd.baseline(year)], council="tp")
    out = io.BytesIO()
    write_docx(now, hdnd.compare(now, then), out)
    # nothing recorded in 2022: no figure, and no change, rather than 0 and +1.788
    assert ["Tiếp công dân › tổng › lượt", "1.788", "", ""] in table_rows(docx.Document(out))


def test_the_signature(blank: Document) -> None:
    recipients, signer = blank.tables[-1].rows[0].cells
    signature = [p.text for p in signer.paragraphs]
    assert signature[:2] == ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"]
    assert signature[-1] == "Nguyễn Văn Đô"
    assert line(blank, "Nguyễn Văn Đô").runs[0].bold
    assert [p.text for p in recipients.paragraphs] == ["Nơi nhận:", f"- {BLANK};", "- Lưu: VT."]
    heading = line(blank, "Nơi nhận:").runs[0]
    assert (heading.bold, heading.italic, heading.font.size) == (True, True, Pt(12))


def test_no_chair_on_the_date_no_name(
    summaries: tuple[Summary, Summary], city: hdnd.Dataset
) -> None:
    # the chair took office on 2021-06-25: before that, nobody is known to sign
    before = report(summaries, dataset=city, date=dt.date(2021, 1, 4))
    assert [p.text for p in before.tables[-1].rows[0].cells[1].paragraphs][-1] == BLANK
    unknown = report(summaries)  # no dataset: no people
    assert [p.text for p in unknown.tables[-1].rows[0].cells[1].paragraphs][-1] == BLANK


def test_every_council_has_no_issuer_name(city: hdnd.Dataset) -> None:
    out = io.BytesIO()
    write_docx(hdnd.summarize(city, Q1_2023), None, out, dataset=city)
    document = docx.Document(out)
    assert line(document, f"HĐND {BLANK}")
    assert [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs][-1] == BLANK


def test_a4_margins_and_font(blank: Document) -> None:
    section = blank.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert blank.styles["Normal"].font.name == "Times New Roman"
    defaults = blank.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"
    )
    fonts = defaults.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "Times New Roman"
    }
    assert defaults.find(qn("w:sz")).get(qn("w:val")) == "28"  # half-points: 14 pt
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    sizes = {run.font.size.pt for p in paragraphs(blank) for run in p.runs if run.font.size}
    assert sizes <= {11, 12, 13, 14}  # 11-12 only for "Nơi nhận" (Decree 30)
    assert section.different_first_page_header_footer  # numbered from the second page


def test_a_template_lends_its_styles_and_page(
    summaries: tuple[Summary, Summary], tmp_path: Path
) -> None:
    template = tmp_path / "mau.docx"
    write_template(template)
    styled = docx.Document(template)
    styled.styles["Normal"].font.name = "Arial"
    styled.styles["Body Text"].font.size = Pt(13)
    styled.sections[0].left_margin = Mm(35)
    styled.add_paragraph("the template's own text, not part of the report")
    styled.styles["Title"].delete()  # a template may lack a style: it gets the default one
    styled.save(template)
    document = report(summaries, template=template)
    assert document.styles["Normal"].font.name == "Arial"
    assert document.styles["Body Text"].font.size == Pt(13)
    assert document.styles["Title"].font.bold
    assert round(document.sections[0].left_margin.mm) == 35
    assert "the template's own text, not part of the report" not in lines(document)
    assert lines(document)[0] == "HĐND THÀNH PHỐ"


def test_a_template_must_be_a_docx(summaries: tuple[Summary, Summary], tmp_path: Path) -> None:
    not_word = tmp_path / "mau.docx"
    not_word.write_text("xin chào", encoding="utf-8")
    with pytest.raises(NotADocx, match=r"mau\.docx: not a Word document"):
        report(summaries, template=not_word)


def test_an_empty_period_has_no_table() -> None:
    out = io.BytesIO()
    empty = hdnd.summarize(hdnd.Dataset(), hdnd.parse_period("năm 2023"))
    write_docx(empty, hdnd.compare(empty, empty), out)
    document = docx.Document(out)
    assert len(document.tables) == 2  # the letterhead and the signature
    assert "SỐ LIỆU CHỦ YẾU" not in lines(document)


def test_writing_a_path_is_atomic(summaries: tuple[Summary, Summary], tmp_path: Path) -> None:
    now, then = summaries
    target = tmp_path / "bc.docx"
    write_docx(now, hdnd.compare(now, then), target)
    assert "BÁO CÁO" in lines(docx.Document(target))
    assert [p.name for p in tmp_path.iterdir()] == ["bc.docx"]


# -- the command ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_args(example_path: Path) -> list[str]:
    return ["report", str(example_path), "--period", "quý I/2023", "--council", "tp"]


def test_the_command_writes_the_report(tmp_path: Path, report_args: list[str]) -> None:
    out = tmp_path / "bao-cao.docx"
    options = ["--with-subordinates", "--number", "46", "--date", "17/4/2023"]
    assert (
        main([*report_args, *options, "--place", "Thành phố Bắc Giang", "--output", str(out)]) == 0
    )
    document = docx.Document(out)
    text = lines(document)
    assert "Số: 46/BC-HĐND" in text
    assert "Thành phố Bắc Giang, ngày 17 tháng 4 năm 2023" in text
    assert "Nguyễn Văn Đô" in text
    assert any(figure in " ".join(text) for figure in SOURCE_FIGURES)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "a Word report is a file: give --output PATH.docx"),
        (["--output", "-"], "a Word report is a file: give --output PATH.docx"),
        (["--output", "x.docx", "--lang", "en"], "it is in Vietnamese only"),
        (["--output", "x.docx", "--date", "31/2/2023"], "day must be 1–28 in 02/2023"),
        (["--output", "x.docx", "--number", "46/NQ-HĐND"], "has the type code BC"),
        (["--output", "x.docx", "--docx-template", "nowhere.docx"], "No such file"),
        (["--output", "{example}"], "refusing to overwrite the input file"),
    ],
)
def test_the_command_refuses_bad_input(
    options: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    report_args: list[str],
    example_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*report_args, *(o.format(example=example_path) for o in options)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hdnd: error: ")
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_a_bad_prose_template_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], report_args: list[str]
) -> None:
    prose = tmp_path / "bad.j2"
    prose.write_text("{{ oops", encoding="utf-8")
    out = tmp_path / "x.docx"
    assert main([*report_args, "--template", str(prose), "--output", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"hdnd: error: {prose}:1: unexpected end of template")


# -- python-docx is optional ---------------------------------------------------------------


def test_import_hdnd_does_not_load_python_docx() -> None:
    code = "import sys, hdnd, hdnd.report, hdnd.cli; print('docx' in sys.modules)"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"


def test_without_python_docx_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    report_args: list[str],
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    monkeypatch.delitem(sys.modules, "hdnd.report.docx")
    with pytest.raises(ImportError, match=r"pip install 'hdnd\[docx\]'"):
        importlib.import_module("hdnd.report.docx")
    monkeypatch.delitem(sys.modules, "hdnd.report.docx", raising=False)
    assert main([*report_args, "--output", str(tmp_path / "x.docx")]) == 2
    assert capsys.readouterr().err == (
        "hdnd: error: Word reports (.docx) need python-docx; "
        "install it with: pip install 'hdnd[docx]'\n"
    )


# -- any text fits: long names, long prose, characters Word cannot hold ---------------------


def renamed(city: hdnd.Dataset, name: str) -> hdnd.Dataset:
    """The example with the city council named ``name``."""
    records = [
        attrs.evolve(r, name=name) if isinstance(r, hdnd.Council) and r.id == "tp" else r
        for r in city.records()
    ]
    return hdnd.Dataset.from_records(records)


def test_a_long_council_name(city: hdnd.Dataset) -> None:
    """The issue: over ~220 characters, "ValueError: exceeded 255 char limit for property"."""
    name = "Hội đồng nhân dân thành phố" + ", tỉnh Bắc Giang" * 18  # 315 characters
    assert len(name) > 300
    now, then = hdnd.summarize_periods(
        renamed(city, name).records(), [Q1_2023, hdnd.baseline(Q1_2023)], council="tp"
    )
    document = report((now, then))
    assert line(document, name.upper())  # the letterhead has it whole
    author = document.core_properties.author
    assert len(author) == 255
    assert author == f"Thường trực {name}"[:254] + "…"  # the standing committee issues it


def prose_report(tmp_path: Path, summaries: tuple[Summary, Summary], prose: str) -> Document:
    template = tmp_path / "bao-cao.txt.j2"
    template.write_text(prose, encoding="utf-8")
    return report(summaries, prose_template=template)


def test_a_prose_of_one_paragraph_is_printed(
    tmp_path: Path, summaries: tuple[Summary, Summary]
) -> None:
    """The issue: a one-paragraph template of 358 characters crashed, and would have been
    taken for a heading and left out."""
    paragraph = "Trong quý I/2023, Thường trực HĐND thành phố đã tổ chức giám sát. " * 6
    paragraph += "Đây là báo cáo {{ period }}."
    document = prose_report(tmp_path, summaries, paragraph)
    prose = [p.text for p in document.paragraphs if p.style.name == "Body Text"]
    assert prose == [paragraph.replace("{{ period }}", "quý I/2023")]
    assert len(prose[0]) > 358
    subject = document.core_properties.subject
    assert subject == "Kết quả hoạt động quý I năm 2023"


def test_a_long_heading_and_a_long_prose(
    tmp_path: Path, summaries: tuple[Summary, Summary]
) -> None:
    heading = "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG " * 20  # in capitals: a heading, as the bundled one
    sentence = "Thường trực HĐND tiếp công dân. "
    body = sentence * 3_200  # 100 KB, written by a loop: a template file is at most 100,000
    loop = f"{{% for _ in range(3200) %}}{sentence}{{% endfor %}}"
    document = prose_report(tmp_path, summaries, f"{heading}\n\n{loop}\n\nHết.")
    prose = [p.text for p in document.paragraphs if p.style.name == "Body Text"]
    assert prose == [body.strip(), "Hết."]
    assert len(body.encode()) > 100_000
    assert document.core_properties.subject == heading[:254] + "…"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.one_of(st.characters(), st.sampled_from("\x00\x07\ud800\ufffe\uffff"))))
def test_any_text_a_prose_template_writes(text: str) -> None:
    """The prose is a Jinja string of escapes: any character at all reaches the writer."""
    literal = "".join(f"\\U{ord(c):08x}" for c in text)
    with tempfile.TemporaryDirectory() as scratch:
        template = Path(scratch, "bao-cao.txt.j2")
        template.write_text(f'{{{{ "{literal}" }}}}', encoding="utf-8")
        out = io.BytesIO()
        try:
            write_docx(EMPTY, None, out, prose_template=template)
        except InvalidValue as e:
            refused = str(e)
        else:
            refused = ""
            assert docx.Document(io.BytesIO(out.getvalue())).core_properties.language == "vi-VN"
    if refused:
        assert refused.startswith(f"the prose of {template}: line ")
        assert "that a Word document cannot hold" in refused


EMPTY = hdnd.summarize(hdnd.Dataset(), hdnd.parse_period("năm 2023"))


def test_a_name_word_cannot_hold(city: hdnd.Dataset) -> None:
    """The data may hold U+FFFE (a noncharacter, not a control character); XML may not."""
    summary = hdnd.summarize(renamed(city, "HĐND\ufffe thành phố"), Q1_2023, council="tp")
    with pytest.raises(InvalidValue, match="the name of council 'tp': line 1: a character"):
        write_docx(summary, None, io.BytesIO())


def test_a_place_word_cannot_hold(summaries: tuple[Summary, Summary]) -> None:
    # a file name's undecodable bytes come into argv as lone surrogates
    with pytest.raises(InvalidValue, match=r"place: line 1: a character \(U\+DCFF\)"):
        report(summaries, place="Bắc Giang\udcff")


def test_the_command_with_a_prose_of_one_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], report_args: list[str]
) -> None:
    prose = tmp_path / "bao-cao.txt.j2"
    paragraph = " ".join(["Kết quả hoạt động của Thường trực HĐND."] * 10)
    prose.write_text(paragraph, encoding="utf-8")
    out = tmp_path / "x.docx"
    assert main([*report_args, "--template", str(prose), "--output", str(out)]) == 0
    said = f"hdnd: wrote {out}: a Word report on quý I/2023 for HĐND thành phố (tp)\n"
    assert capsys.readouterr().err == said  # nothing but what was written
    printed = [p.text for p in docx.Document(out).paragraphs if p.style.name == "Body Text"]
    assert printed == [paragraph]
