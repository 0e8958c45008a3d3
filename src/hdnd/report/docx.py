"""A report as a Word document, laid out after Decree 30/2020/NĐ-CP, Appendix I.

The document is the one a council's office files: the issuing body beside the national
name and motto, the number, the place and date, the title "BÁO CÁO" and its subject,
the prose of :func:`hdnd.report.render`, the main figures against the comparison period,
the signature block and the recipients ("Nơi nhận"). What the data cannot tell — the
number, the place, the date, a chair missing from the data — is printed as a visible
placeholder ("........") for the office to fill in, never made up.

The look comes from a template. By default it is built here: A4, the decree's margins
(top and bottom 20 mm, left 30 mm, right 15 mm), Times New Roman 14 pt, pages numbered
from the second; :func:`write_template` saves it for restyling in Word. A ``.docx``
given as ``template`` lends its page setup and styles: ``Normal``, ``Body Text`` (the
prose), ``Title`` ("BÁO CÁO"), ``Subtitle`` (the subject) and ``Table Grid`` (the
figures); those it lacks are added as the default template has them.

Needs python-docx (``pip install 'hdnd[docx]'``); ``import hdnd`` does not load it.

>>> import pathlib, tempfile
>>> import docx, hdnd
>>> from hdnd.report.docx import write_docx
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> q1 = hdnd.parse_period("quý I/2023")
>>> now, then = hdnd.summarize_periods(city.records(), [q1, hdnd.baseline(q1)], council="tp",
...                                    with_subordinates=True)
>>> path = pathlib.Path(tempfile.mkdtemp()) / "bao-cao-quy-I-2023.docx"
>>> write_docx(now, hdnd.compare(now, then), path, dataset=city, number="46")
>>> text = [p.text for p in docx.Document(path).paragraphs]
>>> text[:2]
['BÁO CÁO', 'Kết quả hoạt động quý I năm 2023']
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final
from zipfile import BadZipFile

from hdnd.comparison import Comparison
from hdnd.dataset import Dataset
from hdnd.dates import format_date
from hdnd.docnum import DocumentNumber, DocumentType, InvalidDocumentNumber
from hdnd.enums import BodyKind, Role
from hdnd.errors import HdndError, InvalidValue, MissingDependency
from hdnd.model import NO_CONTROL, Person
from hdnd.periods import HalfYear, Month, NineMonths, Period, Quarter, Term, Year
from hdnd.report import _cells, _column_titles, _main_groups, render
from hdnd.summary import Summary

__all__ = ["BLANK", "DocxNotInstalled", "NotADocx", "write_docx", "write_template"]


class DocxNotInstalled(MissingDependency):
    """python-docx, which Word reports need, is not installed; importing this module says so.

    >>> issubclass(DocxNotInstalled, ImportError)
    True
    """


class NotADocx(HdndError, ValueError):
    """A template that is not a Word document (``.docx``): another file, a ``.dotx``...

    >>> import io, pathlib, tempfile
    >>> from hdnd import Dataset, summarize, parse_period
    >>> template = pathlib.Path(tempfile.mkdtemp()) / "mau.docx"
    >>> _ = template.write_text("xin chào", encoding="utf-8")
    >>> write_docx(summarize(Dataset(), parse_period("năm 2023")), None, io.BytesIO(),
    ...            template=template)
    Traceback (most recent call last):
    ...
    hdnd.report.docx.NotADocx: .../mau.docx: not a Word document (.docx); save it as one from Word
    """


try:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Length, Mm, Pt
except ImportError as e:  # the optional extra is missing: say which, not "no module named docx"
    install = "install it with: pip install 'hdnd[docx]'"
    raise DocxNotInstalled(f"Word reports (.docx) need python-docx; {install}") from e

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

BLANK: Final = "........"
"""What stands for a field the data cannot supply, for the office to fill in."""

_FONT: Final = "Times New Roman"
_WIDTH: Final = Mm(165)
"""The text width of the default page: 210 mm less the 30 mm and 15 mm margins."""
_ISSUER_WIDTH: Final = Mm(62)
_SIGNATURE_WIDTH: Final = Mm(85)
_CELL_PADDING: Final = Mm(1.9)
"""Word's default cell margin (108 twips) on each side: a centred rule is centred within it."""


def write_docx(
    summary: Summary,
    comparison: Comparison | None,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    dataset: Dataset | None = None,
    number: str | None = None,
    place: str | None = None,
    date: dt.date | None = None,
    template: str | os.PathLike[str] | None = None,
    prose_template: str | Path | None = None,
) -> None:
    """Write the Word report on ``summary`` (and its ``comparison``) to ``target``.

    ``target`` is a path (written atomically) or a binary file. ``dataset`` names the
    signatory: the chair of the council's standing committee on ``date``, or at the end of
    the period. ``number`` is the document's number — ``"46"`` becomes ``46/BC-HĐND``, a
    full number is checked and written canonically; ``place`` the place name of the date
    line ("Thành phố Bắc Giang"); ``date`` the date of issue. ``template`` is a ``.docx``
    whose page setup and styles to use; ``prose_template`` replaces the bundled prose
    (see :func:`hdnd.report.render`). A control character, which a Word document cannot
    hold, in ``place`` or in the prose a template gives raises
    :class:`~hdnd.errors.InvalidValue` naming it (the data cannot hold any).

    >>> import io
    >>> from hdnd import Dataset, summarize, parse_period
    >>> out = io.BytesIO()
    >>> write_docx(summarize(Dataset(), parse_period("năm 2023")), None, out)
    >>> out.getvalue()[:2]
    b'PK'
    >>> write_docx(summarize(Dataset(), parse_period("năm 2023")), None, out, number="46/NQ-HĐND")
    Traceback (most recent call last):
    ...
    hdnd.docnum.InvalidDocumentNumber: a report's number has the type code BC, got '46/NQ-HĐND'
    """
    number_line = f"Số: {_number(number)}"
    if place is not None:
        NO_CONTROL.check(place, "place")
    prose = render(summary, comparison, lang="vi", format="text", template=prose_template)
    _no_control(prose, "the prose" if prose_template is None else f"the prose of {prose_template}")
    document = _document(template)
    council = summary.names.get(summary.council_id or "")
    subject = f"Kết quả hoạt động {_period_words(summary.period)}"
    _letterhead(document, council, number_line, _place_and_date(place, date))
    _heading(document, subject)
    heading, *paragraphs = prose.split("\n\n")
    for paragraph in paragraphs:  # the title block stands for the prose's heading
        document.add_paragraph(paragraph, style="Body Text")
    _figures(document, summary, comparison)
    chair = _chair(dataset, summary.council_id, date or summary.period.end)
    _signature(document, chair)
    properties = document.core_properties
    properties.title = f"Báo cáo {subject[:1].lower()}{subject[1:]}"
    properties.subject = heading
    properties.author = council or ""
    properties.comments = ""
    properties.language = "vi-VN"
    properties.created = properties.modified = dt.datetime.now(dt.UTC)
    _save(document, target)


def write_template(target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Save the default template: restyle it in Word, then pass it as ``template=``.

    >>> import pathlib, tempfile, docx
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mau-bao-cao.docx"
    >>> write_template(path)
    >>> section = docx.Document(path).sections[0]
    >>> round(section.page_width.mm), round(section.page_height.mm), round(section.left_margin.mm)
    (210, 297, 30)
    """
    _save(_document(None), target)


def _save(document: Document, target: str | os.PathLike[str] | IO[bytes]) -> None:
    if isinstance(target, str | os.PathLike):
        from hdnd.io.files import write_atomic

        write_atomic(target, document.save)
    else:
        document.save(target)


def _no_control(text: str, what: str) -> None:
    """Raise :class:`~hdnd.errors.InvalidValue` naming ``what`` and the line if ``text``
    holds a control character, which a Word document (XML) cannot hold.

    Data cannot bring one (the model refuses them in text); a prose template can.

    >>> _no_control("Kỳ báo cáo\\n\\tquý I", "the prose of bao-cao.txt.j2")
    >>> _no_control("Kỳ báo cáo\\nquý\\x07 I", "the prose of bao-cao.txt.j2")
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidValue: the prose of bao-cao.txt.j2: line 2: a control character \
(U+0007), which a Word document cannot hold
    """
    if NO_CONTROL.test(text):
        return
    for number, line in enumerate(text.split("\n"), 1):
        if bad := next((c for c in line if not NO_CONTROL.test(c)), None):
            raise InvalidValue(
                f"line {number}: a control character (U+{ord(bad):04X}), which a Word "
                "document cannot hold",
                field=what,
            )


def _number(number: str | None) -> str:
    """The document number as printed: dots for the office to fill, or the number checked."""
    if number is None:
        return f"{BLANK}/BC-HĐND"
    if number.strip().isdigit():
        return str(DocumentNumber(number=int(number), doc_type=DocumentType.report, issuer="HĐND"))
    parsed = DocumentNumber.parse(number)
    if parsed.doc_type is not DocumentType.report:
        raise InvalidDocumentNumber(f"a report's number has the type code BC, got {number!r}")
    return str(parsed)


def _place_and_date(place: str | None, date: dt.date | None) -> str:
    """ "Thành phố Bắc Giang, ngày 17 tháng 4 năm 2023", with dots for what is not given."""
    day = format_date(date) if date else "ngày .... tháng .... năm ...."
    return f"{place or BLANK}, {day}"


def _period_words(period: Period) -> str:
    """The period as the subject line of a report writes it: "quý I năm 2023".

    >>> from hdnd.periods import parse_period
    >>> [_period_words(parse_period(p)) for p in ("Q1 2023", "tháng 3/2023",
    ...     "6 tháng cuối năm 2023", "9 tháng năm 2023", "năm 2023", "nhiệm kỳ 2021-2026")]
    ['quý I năm 2023', 'tháng 3 năm 2023', '6 tháng cuối năm 2023', '9 tháng năm 2023', \
'năm 2023', 'nhiệm kỳ 2021 - 2026']
    >>> _period_words(parse_period("2023-01-01/2023-02-15"))
    'từ ngày 01/01/2023 đến ngày 15/02/2023'
    """
    match period:
        case Quarter(year=year, quarter=quarter):
            return f"quý {('I', 'II', 'III', 'IV')[quarter - 1]} năm {year}"
        case Month(year=year, month=month):
            return f"tháng {month} năm {year}"
        case HalfYear(year=year, half=half):
            return f"6 tháng {'đầu' if half == 1 else 'cuối'} năm {year}"
        case NineMonths(year=year):
            return f"9 tháng năm {year}"
        case Year(year=year):
            return f"năm {year}"
        case Term(first_year=first):
            return f"nhiệm kỳ {first} - {period.last_year}"
    return period.format("vi")


def _chair(dataset: Dataset | None, council_id: str | None, day: dt.date) -> str | None:
    """The full name of whoever chairs the council's standing committee on ``day``."""
    if dataset is None or council_id is None:
        return None
    standing = {
        b.id
        for b in dataset.bodies
        if b.council_id == council_id and b.kind is BodyKind.standing_committee
    }
    chairs = [
        p
        for p in dataset.positions
        if p.body_id in standing
        and p.role is Role.chair
        and (p.start is None or p.start <= day)
        and (p.end is None or day <= p.end)
    ]
    if not chairs:
        return None
    # overlapping terms are a data error; the latest appointment is the likeliest signatory
    latest = max(chairs, key=lambda p: p.start or dt.date.min)
    return dataset.get(Person, latest.person_id).full_name


# -- the document and its styles ------------------------------------------------------------


def _document(template: str | os.PathLike[str] | None) -> Document:
    """A document to fill: the template emptied, or the default one; every style there."""
    if template is None:
        document = docx.Document()
        _default_page(document)
        _default_fonts(document)
    else:
        with open(template, "rb") as file:  # a missing file is an OSError, as anywhere else
            try:
                document = docx.Document(file)
            except (BadZipFile, PackageNotFoundError, KeyError, ValueError) as e:  # not Word
                message = "not a Word document (.docx); save it as one from Word"
                raise NotADocx(f"{os.fspath(template)}: {message}") from e
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):  # keep the page setup, drop the content
                body.remove(child)
    for name, (kind, setup) in _STYLES.items():
        if name not in document.styles:
            style = document.styles.add_style(name, kind, builtin=True)
        elif template is None:  # python-docx's own template: Calibri, blue titles, Letter
            style = document.styles[name]
        else:
            continue
        setup(style)
        if kind is WD_STYLE_TYPE.PARAGRAPH and name != "Normal":
            style.base_style = document.styles["Normal"]
    return document


def _default_page(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    # Decree 30 numbers pages at the top centre, from the second page on
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header._p.append(OxmlElement("w:fldSimple", {qn("w:instr"): "PAGE"}))


def _default_fonts(document: Document) -> None:
    """Times New Roman 14 pt, Vietnamese, single-spaced, set as the document's defaults.

    Sizes sit in the defaults rather than in ``Normal``, so that a table style's size applies
    in tables (Word ranks a paragraph style above a table style).
    """
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    run.clear()
    run.extend(
        [
            _element("w:rFonts", ascii=_FONT, hAnsi=_FONT, eastAsia=_FONT, cs=_FONT),
            _element("w:sz", val="28"),
            _element("w:szCs", val="28"),
            _element("w:lang", val="vi-VN", eastAsia="vi-VN", bidi="ar-SA"),
        ]
    )
    paragraph = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    paragraph.clear()
    paragraph.append(_element("w:spacing", after="0", line="240", lineRule="auto"))


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    return OxmlElement(tag, {qn(f"w:{name}"): value for name, value in attributes.items()})


def _restyled(style: ParagraphStyle, *, size: float | None = None, bold: bool = False) -> None:
    """Clear a style's own look (theme fonts and colours, borders, numbering) and set its own."""
    for tag in ("w:pPr", "w:rPr"):
        if (element := style.element.find(qn(tag))) is not None:
            style.element.remove(element)
    style.font.size = Pt(size) if size else None
    style.font.bold = bold or None


def _normal(style: ParagraphStyle) -> None:
    _restyled(style)
    style.font.name = _FONT


def _body_text(style: ParagraphStyle) -> None:
    """The prose: justified, first lines indented 1.27 cm, 6 pt between paragraphs."""
    _restyled(style)
    layout = style.paragraph_format
    layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    layout.first_line_indent = Mm(12.7)
    layout.space_after = Pt(6)
    layout.line_spacing = 1.15
    layout.widow_control = True


def _title(style: ParagraphStyle) -> None:
    """ "BÁO CÁO": bold, upright, centred, some room above it."""
    _restyled(style, size=14, bold=True)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.paragraph_format.space_before = Pt(18)
    style.paragraph_format.keep_with_next = True


def _subtitle(style: ParagraphStyle) -> None:
    """The subject (trích yếu): bold, upright, centred under the title."""
    _restyled(style, size=14, bold=True)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.paragraph_format.keep_with_next = True


def _table_grid(style: ParagraphStyle) -> None:
    """Thin black borders everywhere, 12 pt text, a little air above and below it."""
    _restyled(style, size=12)
    style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(2)
    properties = style.element.find(qn("w:tblPr"))
    if properties is None:
        properties = _element("w:tblPr")
        style.element.append(properties)
    for old in properties.findall(qn("w:tblBorders")):
        properties.remove(old)
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    borders = _element("w:tblBorders")
    borders.extend(_element(f"w:{e}", val="single", sz="4", space="0", color="auto") for e in edges)
    properties.insert_element_before(  # tblPr children have a fixed order too
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
    )


_STYLES: Final[dict[str, tuple[WD_STYLE_TYPE, Callable[[ParagraphStyle], None]]]] = {
    "Normal": (WD_STYLE_TYPE.PARAGRAPH, _normal),
    "Body Text": (WD_STYLE_TYPE.PARAGRAPH, _body_text),
    "Title": (WD_STYLE_TYPE.PARAGRAPH, _title),
    "Subtitle": (WD_STYLE_TYPE.PARAGRAPH, _subtitle),
    "Table Grid": (WD_STYLE_TYPE.TABLE, _table_grid),
}
"""The styles a report uses, each with how the default template has it."""


# -- the parts of the report ------------------------------------------------------------------


def _text_width(document: Document) -> Length:
    section = document.sections[-1]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    if page is None or left is None or right is None:  # a template leaving them to Word
        return _WIDTH
    return Length(page - left - right)


def _add(
    container: _Cell | Document,
    text: str = "",
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> Paragraph:
    """A paragraph of one run; the look the decree prescribes for it, the font the style's."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size) if size else None
        run.bold = bold or None
        run.italic = italic or None
    return paragraph


def _rule(container: _Cell | Document, length: Length, within: Length) -> Paragraph:
    """A centred line ``length`` long under the previous line, as the decree draws them."""
    paragraph = container.add_paragraph()
    layout = paragraph.paragraph_format
    layout.left_indent = layout.right_indent = Length((within - length) // 2)
    layout.line_spacing = Pt(4)  # exactly: the line's paragraph takes next to no room
    border = _element("w:pBdr")
    border.append(_element("w:bottom", val="single", sz="6", space="1", color="000000"))
    # pPr children have a fixed order: the border goes before the spacing and the indents
    paragraph._p.get_or_add_pPr().insert_element_before(
        border, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"
    )
    return paragraph


def _table(
    document: Document, widths: Sequence[Length], rows: int = 1, style: str | None = None
) -> Table:
    """A table of fixed column widths; without a style, borderless (as in letterheads)."""
    table: Table = document.add_table(rows=rows, cols=len(widths))
    if style is None:
        borders = _element("w:tblBorders")
        edges = ("top", "left", "bottom", "right", "insideH", "insideV")
        borders.extend(_element(f"w:{edge}", val="nil") for edge in edges)
        table._tbl.tblPr.insert_element_before(
            borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
        )
    else:
        table.style = style
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def _filled(cells: Iterable[_Cell]) -> None:
    """Drop the empty paragraph a new cell starts with, once text follows it."""
    for cell in cells:
        first = cell.paragraphs[0]
        if len(cell.paragraphs) > 1 and not first.text:
            cell._tc.remove(first._p)


def _letterhead(document: Document, council: str | None, number: str, place_date: str) -> None:
    """Issuer and number on the left, national name, motto, place and date on the right."""
    width = _text_width(document)
    table = _table(document, (_ISSUER_WIDTH, Length(width - _ISSUER_WIDTH)), rows=2)
    issuer, nation = table.rows[0].cells
    _add(issuer, (council or f"HĐND {BLANK}").upper(), size=13)
    _add(issuer, "THƯỜNG TRỰC HĐND", size=13, bold=True)
    _rule(issuer, Mm(20), Length(_ISSUER_WIDTH - 2 * _CELL_PADDING))
    _add(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    _add(nation, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _rule(nation, Mm(62), Length(width - _ISSUER_WIDTH - 2 * _CELL_PADDING))
    reference, when = table.rows[1].cells
    _add(reference, number, size=13).paragraph_format.space_before = Pt(6)
    _add(when, place_date, size=14, italic=True).paragraph_format.space_before = Pt(6)
    _filled(cell for row in table.rows for cell in row.cells)


def _heading(document: Document, subject: str) -> None:
    document.add_paragraph("BÁO CÁO", style="Title")
    document.add_paragraph(subject, style="Subtitle")
    _rule(document, Mm(30), _text_width(document)).paragraph_format.space_after = Pt(18)


def _figures(document: Document, summary: Summary, comparison: Comparison | None) -> None:
    """The main figures, under a title per level, against the comparison period if any."""
    groups = _main_groups(summary, comparison, "vi")
    if not groups:
        return
    caption = _add(document, "SỐ LIỆU CHỦ YẾU", bold=True).paragraph_format
    caption.space_before, caption.keep_with_next = Pt(12), True
    titles = _column_titles(summary, comparison, lang="vi")
    numbers = [Mm(25), Mm(25), Mm(33)][: len(titles) - 1]
    label = Length(_text_width(document) - sum(numbers))
    lines: list[str | dict[str, str]] = []  # a level's title, or a row of figures
    for title, group in groups:
        lines += [title] if title is not None else []
        lines += [_cells(row, lang="vi") for row in group]
    table = _table(document, (label, *numbers), rows=1 + len(lines), style="Table Grid")
    head, *body = table.rows
    head._tr.get_or_add_trPr().append(_element("w:tblHeader"))  # repeated on every page
    for cell, title in zip(head.cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row, line in zip(body, lines, strict=True):
        if isinstance(line, str):  # a level's title, across the table
            run = row.cells[0].merge(row.cells[-1]).paragraphs[0].add_run(line)
            run.bold = run.italic = True
            continue
        label, *figures = row.cells
        label.paragraphs[0].add_run(line["label"])
        # without a comparison there is one column of figures, not three
        for cell, key in zip(figures, ("current", "previous", "change"), strict=False):
            cell.paragraphs[0].add_run(line[key])
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _signature(document: Document, chair: str | None) -> None:
    """Recipients on the left; on the right who signs, for whom, and room to sign."""
    document.add_paragraph()
    width = _text_width(document)
    table = _table(document, (Length(width - _SIGNATURE_WIDTH), _SIGNATURE_WIDTH))
    recipients, signer = table.rows[0].cells
    left = WD_ALIGN_PARAGRAPH.LEFT
    _add(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=left)
    for line in ("- Như trên;", f"- {BLANK};", "- Lưu: VT."):
        _add(recipients, line, size=11, align=left)
    _add(signer, "TM. THƯỜNG TRỰC HĐND", size=14, bold=True)
    _add(signer, "CHỦ TỊCH", size=14, bold=True)
    for _ in range(4):  # room for the signature and the seal
        _add(signer)
    _add(signer, chair or BLANK, size=14, bold=True)
    _filled(cell for row in table.rows for cell in row.cells)
