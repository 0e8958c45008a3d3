"""A report as a Word document, laid out after Decree 30/2020/NĐ-CP, Appendix I.

The document is the one a council's office files: the issuing body beside the national
name and motto, the number, the place and date, the title "BÁO CÁO" and its subject,
the prose of :func:`hdnd.report.render`, the main figures against the comparison period,
the signature block and the recipients ("Nơi nhận"). What the data cannot tell — the
number, the place, the date, a chair missing from the data — is printed as a visible
placeholder ("........") for the office to fill in, never made up.

It is ready to sign: the letterhead never wraps a unit's name (the issuer's lines set
smaller, 13 pt down to 11 pt, or the unit's own name on a line of its own), the tables
number their rows (STT) and hold Vietnamese words only, the signature block is one row that
cannot break across pages, kept with what comes before it, and the document's properties
(author, title, subject, application) are the report's, not python-docx's.

The look comes from a template. By default it is built here: A4, the decree's margins
(top and bottom 20 mm, left 30 mm, right 15 mm), Times New Roman 14 pt, pages numbered
from the second; :func:`write_template` saves it for restyling in Word. A ``.docx``
(or ``.dotx``, ``.docm``...) given as ``template`` lends its page setup and styles:
``Normal``, ``Body Text`` (the prose), ``Title`` ("BÁO CÁO"), ``Subtitle`` (the subject)
and ``Table Grid`` (the figures); those it lacks are added as the default template has them.

A template is styles, nothing else. The report is never the template's package: it is a
new document into which a few parts of the template are copied, each read and checked
alone — its styles, numbering, theme (fonts and colours), the page setup of its last
section with its headers and footers (their text, and the pictures they show that are
stored in the template), and whether even pages have headers of their own. Nothing else
is read, so nothing else can reach the report: no macros, attached template, custom XML,
thumbnail, embedded object or building block, no link to anywhere outside (a hyperlink,
a picture on the web, a ``\\\\server\\share`` path: the text stays, the link goes), no field
that fetches something (``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``...: it keeps what it
shows). What is left out that the template meant to bring is named in a
:class:`DroppedFromTemplate` warning. The template is refused (:class:`UnsafeTemplate`)
past the limits below, and if a part read declares an XML document type, which Word never
writes and whose entities can expand without end; the XML read is parsed without
resolving entities or fetching anything.

Limits, module attributes read at each call (a program that needs more sets them first,
e.g. ``hdnd.report.docx.MAX_PART_BYTES = 2**26``): :data:`MAX_TEMPLATE_BYTES`,
:data:`MAX_TEMPLATE_PARTS`, :data:`MAX_PART_BYTES`, :data:`MAX_TAKEN_BYTES`.

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
import io
import os
import posixpath
import re
import string
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from copy import deepcopy
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final, cast

import attrs

from hdnd._version import __version__
from hdnd.comparison import Comparison
from hdnd.dataset import Dataset
from hdnd.dates import format_date
from hdnd.docnum import DocumentNumber, DocumentType, InvalidDocumentNumber
from hdnd.enums import BodyKind, Role
from hdnd.errors import HdndError, InvalidValue, MissingDependency
from hdnd.i18n import N_, gettext
from hdnd.io._tables import UNPACK_ERRORS
from hdnd.io.files import declares_doctype, describe_size, write_whole
from hdnd.model import NO_CONTROL, Person
from hdnd.periods import HalfYear, Month, NineMonths, Period, Quarter, Term, Year
from hdnd.report import DRAFT, render
from hdnd.report._table import (
    COUNCIL_FIGURES,
    COUNCIL_TABLE,
    column_titles,
    council_rows,
    council_titles,
    main_groups,
    no_figures_note,
    table_cells,
    trend_table,
)
from hdnd.report.chart import drawn, trend_png
from hdnd.summary import Summary
from hdnd.trend import Trend

__all__ = [
    "BLANK",
    "MAX_PART_BYTES",
    "MAX_TAKEN_BYTES",
    "MAX_TEMPLATE_BYTES",
    "MAX_TEMPLATE_PARTS",
    "DocxNotInstalled",
    "DroppedFromTemplate",
    "NotADocx",
    "UnsafeTemplate",
    "write_docx",
    "write_template",
]


class DocxNotInstalled(MissingDependency):
    """python-docx, which Word reports need, is not installed; importing this module says so.

    >>> issubclass(DocxNotInstalled, ImportError)
    True
    """


class NotADocx(HdndError, ValueError):
    """A template that is not a Word document (``.docx``): another file, a damaged one...

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


class UnsafeTemplate(HdndError, ValueError):
    """A template refused unread: past a limit, or with XML declaring a document type.

    >>> import io, pathlib, tempfile
    >>> import hdnd.report.docx as module
    >>> from hdnd import Dataset, summarize, parse_period
    >>> template = pathlib.Path(tempfile.mkdtemp()) / "mau.docx"
    >>> write_template(template)
    >>> saved, module.MAX_TEMPLATE_BYTES = module.MAX_TEMPLATE_BYTES, 10_000
    >>> write_docx(summarize(Dataset(), parse_period("năm 2023")), None, io.BytesIO(),
    ...            template=template)
    Traceback (most recent call last):
    ...
    hdnd.report.docx.UnsafeTemplate: .../mau.docx: refusing a template of ... bytes; the limit \
is 10,000 bytes (hdnd.report.docx.MAX_TEMPLATE_BYTES)
    >>> module.MAX_TEMPLATE_BYTES = saved
    """


class DroppedFromTemplate(UserWarning):
    """What a template held that the report leaves out: macros, links outside, big parts...

    The command line prints it on standard error (``hdnd: warning: ...``).

    >>> issubclass(DroppedFromTemplate, Warning)
    True
    """


try:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.image.exceptions import (
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        UnrecognizedImageError,
    )
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart
    from docx.oxml import OxmlElement
    from docx.oxml.exceptions import InvalidXmlError
    from docx.oxml.ns import nsmap, qn
    from docx.oxml.parser import element_class_lookup
    from docx.settings import Settings
    from docx.shared import Length, Mm, Pt, RGBColor
    from docx.table import _Row
    from lxml import etree  # type: ignore[import-untyped]
except ImportError as e:  # the optional extra is missing: say which, not "no module named docx"
    raise DocxNotInstalled(
        gettext("Word reports (.docx) need python-docx; install it with: {command}").format(
            command="pip install 'hdnd[docx]'"
        )
    ) from e

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.parts.story import StoryPart
    from docx.styles.style import ParagraphStyle
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

BLANK: Final = "........"
"""What stands for a field the data cannot supply, for the office to fill in."""

_FONT: Final = "Times New Roman"
_WIDTH: Final = Mm(165)
"""The text width of the default page: 210 mm less the 30 mm and 15 mm margins."""
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
    draft: bool = False,
    trend: Trend | None = None,
) -> None:
    """Write the Word report on ``summary`` (and its ``comparison``) to ``target``.

    ``target`` is a path (written atomically) or a binary file. ``dataset`` names the
    signatory: the chair of the council's standing committee on ``date``, or at the end of
    the period. ``number`` is the document's number — ``"46"`` becomes ``46/BC-HĐND``, a
    full number is checked and written canonically; ``place`` the place name of the date
    line ("Thành phố Bắc Giang"); ``date`` the date of issue. ``template`` is a ``.docx``
    whose page setup and styles to use; ``prose_template`` replaces the bundled prose
    (see :func:`hdnd.report.render`). ``draft`` marks the report as a draft
    (:data:`~hdnd.report.DRAFT`): a line above the letterhead, the page headers and the
    document's status say "DỰ THẢO". ``trend`` (:class:`hdnd.trend.Trend`) adds the main
    figures over its periods after the figures: their table and a chart, a picture
    the text's width (needs matplotlib; without it a :class:`~hdnd.report.chart.NoChart`
    warning, and the table alone). A control character, which a Word document cannot
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
    >>> write_docx(summarize(Dataset(), parse_period("năm 2023")), None, out, draft=True)
    >>> docx.Document(out).paragraphs[0].text
    'DỰ THẢO'
    """
    number_line = f"Số: {_number(number)}"
    council = summary.names.get(summary.council_id or "")
    chair = _chair(dataset, summary.council_id, date or summary.period.end)
    prose = render(summary, comparison, lang="vi", format="text", template=prose_template)
    recipients = _recipients(dataset, summary.council_id)
    for text, what in (
        (place, "place"),
        (council, f"the name of council {summary.council_id!r}"),
        (chair, "the chair's name"),
        ("\n".join(recipients), "the recipients (the name of the council above)"),
        (prose, "the prose" if prose_template is None else f"the prose of {prose_template}"),
    ):
        _fit_for_word(text or "", what)
    heading, paragraphs = _heading_and_paragraphs(prose)
    subject = f"Kết quả hoạt động {_period_words(summary.period)}"
    try:
        document = _document(template)
        _letterhead(document, council, number_line, _place_and_date(place, date))
        _heading(document, subject)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph, style="Body Text")
        _figures(document, summary, comparison)
        if trend is not None:
            _trend(document, trend)
        _councils(document, summary, dataset)
        _signature(document, chair, recipients)
        if draft:
            _mark_draft(document)
    except (ValueError, InvalidXmlError) as e:  # python-docx reading a value Word never writes
        if template is None or isinstance(e, HdndError):
            raise
        message = gettext("a value Word never writes ({error}); save it again from Word")
        raise NotADocx(_in_template(os.fspath(template), message.format(error=str(e)[:200]))) from e
    title = f"Báo cáo {subject[:1].lower()}{subject[1:]}"
    _describe(document, title, heading or subject, _issuer(council), date, draft=draft)
    write_whole(target, document.save)


def _issuer(council: str | None) -> str:
    """Who issues the report, as its properties name the author: the standing committee.

    >>> _issuer("HĐND phường Tân Phong"), _issuer("Hội đồng nhân dân tỉnh Lào Cai"), _issuer(None)
    ('Thường trực HĐND phường Tân Phong', 'Thường trực Hội đồng nhân dân tỉnh Lào Cai', \
'Thường trực HĐND')
    """
    return f"Thường trực {council}" if council else "Thường trực HĐND"


def _describe(
    document: Document,
    title: str,
    subject: str,
    author: str,
    date: dt.date | None,
    *,
    draft: bool,
) -> None:
    """The document's properties, all of them hdnd's: nothing left from python-docx's package
    (its author "python-docx", Word for the Mac as the application, a template's name)."""
    properties = document.core_properties
    properties.title = _property(title)
    properties.subject = _property(subject)
    properties.author = _property(author)
    properties.last_modified_by = _APPLICATION
    properties.comments = properties.keywords = properties.category = ""
    properties.language = "vi-VN"
    properties.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    issued = dt.datetime.combine(date, dt.time(), dt.UTC) if date is not None else now
    properties.created, properties.modified = issued, now
    properties.content_status = DRAFT["vi"] if draft else ""
    app = document.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    app._blob = _APP_XML.format(application=_APPLICATION).encode()


_APPLICATION: Final = f"hdnd {__version__}"
_APP_XML: Final = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>{application}</Application></Properties>"
)
"""The extended properties (``docProps/app.xml``): the application that wrote the report."""


def write_template(target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Save the default template: restyle it in Word, then pass it as ``template=``.

    >>> import pathlib, tempfile, docx
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mau-bao-cao.docx"
    >>> write_template(path)
    >>> section = docx.Document(path).sections[0]
    >>> round(section.page_width.mm), round(section.page_height.mm), round(section.left_margin.mm)
    (210, 297, 30)
    """
    write_whole(target, _document(None).save)


_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0, and so a Word document, cannot hold."""


def _fit_for_word(text: str, what: str) -> None:
    """Raise :class:`~hdnd.errors.InvalidValue` naming ``what`` and the line if ``text``
    holds a character a Word document (XML) cannot hold: a control character (tabs and
    line breaks aside), U+FFFE or U+FFFF, half of a surrogate pair.

    Data cannot bring a control character (the model refuses them in text) but can bring
    U+FFFE; a prose template can write any of them.

    >>> _fit_for_word("Kỳ báo cáo\\n\\tquý I", "the prose of bao-cao.txt.j2")
    >>> _fit_for_word("Kỳ báo cáo\\nquý\\x07 I", "the prose of bao-cao.txt.j2")
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidValue: the prose of bao-cao.txt.j2: line 2: a character (U+0007) \
that a Word document cannot hold
    >>> _fit_for_word("HĐND\\ufffe", "the name of council 'tp'")
    Traceback (most recent call last):
    ...
    hdnd.errors.InvalidValue: the name of council 'tp': line 1: a character (U+FFFE) \
that a Word document cannot hold
    """
    if NO_CONTROL.test(text) and not _NOT_XML.search(text):
        return
    for number, line in enumerate(text.split("\n"), 1):
        if bad := next((c for c in line if not NO_CONTROL.test(c) or _NOT_XML.match(c)), None):
            raise InvalidValue(
                gettext(
                    "line {line}: a character (U+{code:04X}) that a Word document cannot hold"
                ).format(line=number, code=ord(bad)),
                field=what,
            )


def _heading_and_paragraphs(prose: str) -> tuple[str | None, list[str]]:
    """The prose's heading, if it has one, which the title block stands for; its paragraphs.

    The heading is a first paragraph in capitals followed by others, as in the bundled
    prose; any other prose is printed whole (blank paragraphs aside).

    >>> _heading_and_paragraphs("KẾT QUẢ QUÝ I\\n\\nTrong quý I...\\n\\nTiếp nhận...")
    ('KẾT QUẢ QUÝ I', ['Trong quý I...', 'Tiếp nhận...'])
    >>> _heading_and_paragraphs("Trong quý I...\\n\\n")
    (None, ['Trong quý I...'])
    >>> _heading_and_paragraphs("KẾT QUẢ QUÝ I")
    (None, ['KẾT QUẢ QUÝ I'])
    """
    paragraphs = [p for p in prose.split("\n\n") if p.strip()]
    if len(paragraphs) > 1 and paragraphs[0].isupper():
        return paragraphs[0], paragraphs[1:]
    return None, paragraphs


_PROPERTY_LENGTH: Final = 255
"""The most characters a document property (title, subject, author...) holds."""


def _property(text: str) -> str:
    """``text`` as a document property holds it: cut to 255 characters, the last "…".

    >>> cut = _property("HĐND " * 100)
    >>> len(cut), cut[-3:]
    (255, 'ND…')
    >>> _property("HĐND thành phố")
    'HĐND thành phố'
    """
    if len(text) <= _PROPERTY_LENGTH:
        return text
    return f"{text[: _PROPERTY_LENGTH - 1]}…"


def _number(number: str | None) -> str:
    """The document number as printed: dots for the office to fill, or the number checked."""
    if number is None:
        return f"{BLANK}/BC-HĐND"
    if number.strip().isdigit():
        return str(DocumentNumber(number=int(number), doc_type=DocumentType.report, issuer="HĐND"))
    parsed = DocumentNumber.parse(number)
    if parsed.doc_type is not DocumentType.report:
        raise InvalidDocumentNumber(
            gettext("a report's number has the type code BC, got {value!r}").format(value=number)
        )
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


def _recipients(dataset: Dataset | None, council_id: str | None) -> list[str]:
    """The lines of "Nơi nhận": the standing committee of the council above, when the data
    names it; dots for the office to fill; the office's own copy.

    A report has no "Kính gửi" (Decree 30, Appendix III): so no "Như trên" either, which
    would point to it.

    >>> import hdnd
    >>> city = hdnd.load("examples/data/city-q1-2023.json")
    >>> _recipients(city, "p-bac-son")
    ['- Thường trực HĐND thành phố;', '- ........;', '- Lưu: VT.']
    >>> _recipients(city, "tp")
    ['- ........;', '- Lưu: VT.']
    """
    councils = {c.id: c for c in dataset.councils} if dataset is not None else {}
    council = councils.get(council_id or "")
    above = councils.get(council.parent_id or "") if council is not None else None
    return [
        *([f"- Thường trực {above.name};"] if above is not None else []),
        f"- {BLANK};",
        "- Lưu: VT.",
    ]


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
    """A document to fill: the default look, or the template's parts; every style there."""
    document = docx.Document()  # python-docx's own package, which holds no content
    _pruned(document)
    if template is None:
        _default_page(document)
        _default_fonts(document)
    else:
        _take(document, template)
    for name, (kind, setup) in _STYLES.items():
        if name in document.styles and document.styles[name].type != kind:  # a table "Title"
            document.styles[name].delete()
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


def _pruned(document: Document) -> None:
    """Drop what python-docx's own package holds that a report has no use for.

    Its thumbnail (of another document), custom XML, web settings and the styles Word
    2010 kept twice: a report is the document, its properties, styles, numbering,
    settings, fonts and theme.
    """
    kept = {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES, RT.EXTENDED_PROPERTIES}
    kept |= {RT.STYLES, RT.NUMBERING, RT.SETTINGS, RT.FONT_TABLE, RT.THEME}
    for rels in (document.part.package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype not in kept]:
            del rels[rid]


# -- a template: styles and page setup, nothing else ------------------------------------------

MAX_TEMPLATE_BYTES = 64 * 2**20
"""The largest template file opened (64 MiB; Word saves a restyled template in some 30 KiB)."""
MAX_TEMPLATE_PARTS = 1_000
"""The most parts (members of its zip) a template may have (Word writes some 15)."""
MAX_PART_BYTES = 16 * 2**20
"""The largest part read from a template, unpacked (16 MiB).

A larger part is never read: a picture in a header is dropped; a part the report cannot
do without (the document, its styles) refuses the template.
"""
MAX_TAKEN_BYTES = 64 * 2**20
"""The most the parts read from a template may unpack to, together (64 MiB)."""

_PACKAGE_RELS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
_LINK: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
"""The namespace of the attributes that name another part, or a place outside (``r:id``...)."""
_WORD_TYPES: Final = frozenset(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "openxmlformats-officedocument.wordprocessingml.document",
        "openxmlformats-officedocument.wordprocessingml.template",
        "ms-word.document.macroEnabled",
        "ms-word.template.macroEnabledTemplate",
    )
)
"""The main part of a document or a template, with or without macros (never read)."""
_NOTED: Final = (
    (re.compile(r"(?i)(^|/)vba(Project\.bin|Data\.xml)$"), "macros"),
    (re.compile(r"(?i)^customXml/(?!_rels/)"), "custom XML"),
    (re.compile(r"(?i)^docProps/thumbnail\."), "thumbnail"),
    (re.compile(r"(?i)^word/glossary/(?!_rels/)"), "building blocks"),
    (re.compile(r"(?i)^word/(embeddings|activeX)/(?!_rels/)"), "embedded objects"),
)
"""Parts a template may hold that the report leaves out, worth telling its owner about."""
_OUTSIDE: Final = {
    "attachedTemplate": "the attached template",
    "image": "a picture at",
    "hyperlink": "a hyperlink to",
}
"""How a link outside is named, by the last word of its relationship type."""
_FETCHING: Final = frozenset(
    {"DDE", "DDEAUTO", "HYPERLINK", "IMPORT", "INCLUDE", "INCLUDEPICTURE", "INCLUDETEXT", "LINK"}
)
"""Fields that fetch something from elsewhere (a file, a web address, another program)."""
_PICTURES: Final = frozenset({qn("w:drawing"), qn("w:pict"), qn("w:object")})
_HEADERS_FOOTERS: Final = {
    (qn("w:headerReference"), "default"): "header",
    (qn("w:headerReference"), "first"): "first_page_header",
    (qn("w:headerReference"), "even"): "even_page_header",
    (qn("w:footerReference"), "default"): "footer",
    (qn("w:footerReference"), "first"): "first_page_footer",
    (qn("w:footerReference"), "even"): "even_page_footer",
}
"""A section's header or footer, by its reference and type, as python-docx names it."""
_IMAGE_ERRORS: Final = (UnrecognizedImageError, UnexpectedEndOfFileError, InvalidImageStreamError)

# Template XML is parsed by itself: no entities resolved, no DTD, nothing fetched, nodes and
# depth within libxml2's limits; elements are python-docx's (its parser's class lookup).
_PARSER: Final = etree.XMLParser(
    remove_blank_text=True, resolve_entities=False, load_dtd=False, no_network=True
)
_PARSER.set_element_class_lookup(element_class_lookup)


@attrs.frozen
class _Link:
    """A relationship of a part: its type, and the part it names or a place outside."""

    type: str
    target: str
    external: bool


class _Template:
    """A template's zip, read a part at a time, each part checked before it is read."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive, self.name = archive, name
        self.unpacked = 0  # bytes, so far
        self.dropped: list[str] = []  # what the report leaves out, for its owner

    def blob(self, part: str, *, needed: bool = False) -> bytes | None:
        """A part's bytes; ``None`` if there is none, or if it is too big and not ``needed``."""
        try:
            info = self.archive.getinfo(part)
        except KeyError:
            return None
        if info.file_size > MAX_PART_BYTES:
            too_big = gettext("{part} of {size}; the limit is {limit} ({name})").format(
                part=part,
                size=describe_size(info.file_size),
                limit=describe_size(MAX_PART_BYTES),
                name="hdnd.report.docx.MAX_PART_BYTES",
            )
            if needed:
                refusing = gettext("refusing {what}").format(what=too_big)
                raise UnsafeTemplate(_in_template(self.name, refusing))
            self.dropped.append(too_big)
            return None
        self.unpacked += info.file_size
        if self.unpacked > MAX_TAKEN_BYTES:
            message = gettext("refusing to unpack over {limit} ({name})").format(
                limit=describe_size(MAX_TAKEN_BYTES), name="hdnd.report.docx.MAX_TAKEN_BYTES"
            )
            raise UnsafeTemplate(_in_template(self.name, message))
        try:
            return self.archive.read(info)
        except UNPACK_ERRORS as e:
            message = gettext("{part}: cannot be unpacked ({error})").format(part=part, error=e)
            raise NotADocx(_in_template(self.name, message)) from e

    def xml(self, part: str, root: str, *, needed: bool = False) -> BaseOxmlElement | None:
        """A part's XML, its root element ``root`` (Clark notation), or ``None`` as :meth:`blob`."""
        blob = self.blob(part, needed=needed)
        if blob is None:
            return None
        if declares_doctype(blob):
            message = gettext(
                "{part}: refusing an XML document type declaration (<!DOCTYPE): Word never"
                " writes one, and its entities can expand without end"
            ).format(part=part)
            raise UnsafeTemplate(_in_template(self.name, message))
        try:
            element: BaseOxmlElement = etree.fromstring(blob, _PARSER)
        except etree.XMLSyntaxError as e:
            message = gettext("{part}: not XML as Word writes it ({error})")
            raise NotADocx(_in_template(self.name, message.format(part=part, error=e.msg))) from e
        if element.tag != root:
            message = gettext("{part}: not the part its relationship says it is")
            raise NotADocx(_in_template(self.name, message.format(part=part)))
        return element

    def links(self, part: str) -> dict[str, _Link]:
        """The relationships of ``part`` (``""``: of the package), by id."""
        folder, file = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{file}.rels"), _rels("Relationships"))
        links = {}
        for rel in rels.iterchildren(_rels("Relationship")) if rels is not None else ():
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:  # a part's name, from the root or from the part's folder
                base = "" if target.startswith("/") else folder
                target = posixpath.normpath(posixpath.join(base, target.lstrip("/")))
            links[rel.get("Id", "")] = _Link(rel.get("Type", ""), target, external)
        return links

    def part(self, links: dict[str, _Link], kind: str) -> str | None:
        """The part of the template that ``links`` name for ``kind`` (a relationship type)."""
        return next((k.target for k in links.values() if k.type == kind and not k.external), None)

    def main(self) -> str:
        """The name of the main part, the document's, once its content type is checked."""
        main = self.part(self.links(""), RT.OFFICE_DOCUMENT)
        types = self.xml("[Content_Types].xml", f"{{{_CONTENT_TYPES}}}Types")
        overrides = {
            o.get("PartName", "").lstrip("/"): o.get("ContentType")
            for o in (
                types.iterchildren(f"{{{_CONTENT_TYPES}}}Override") if types is not None else ()
            )
        }
        if main is None or overrides.get(main) not in _WORD_TYPES:
            raise NotADocx(_in_template(self.name, gettext(_NOT_A_DOCX)))
        return main

    def left_out(self) -> None:
        """Note the parts worth naming that are left out, and every link outside."""
        for pattern, what in _NOTED:
            if parts := [n for n in self.archive.namelist() if pattern.search(n)]:
                self.dropped.append(f"{what}: {', '.join(parts)}")
        outside = [
            f"{_OUTSIDE.get(link.type.rpartition('/')[2], 'a link to')} {link.target}"
            for rels in self.archive.namelist()
            if rels.endswith(".rels") and posixpath.basename(posixpath.dirname(rels)) == "_rels"
            for link in self.links(_source(rels)).values()
            if link.external
        ]
        if outside:
            self.dropped.append(f"{len(outside)} links outside: {', '.join(outside)}")


_NOT_A_DOCX: Final = N_("not a Word document (.docx); save it as one from Word")


def _in_template(name: str, message: str) -> str:
    """A message about the template ``name``, which it starts by naming."""
    return f"{name}: {message}"


def _rels(tag: str) -> str:
    return f"{{{_PACKAGE_RELS}}}{tag}"


def _source(rels: str) -> str:
    """The part whose relationships the part ``rels`` holds: ``word/_rels/x.xml.rels``."""
    folder, file = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), file.removesuffix(".rels"))


def _take(document: Document, path: str | os.PathLike[str]) -> None:
    """Copy into ``document`` the styles, numbering, theme and page setup of the template."""
    name = os.fspath(path)
    with open(path, "rb") as file:  # a missing file is an OSError, as anywhere else
        size = os.fstat(file.fileno()).st_size
        if size > MAX_TEMPLATE_BYTES:
            message = gettext("refusing a template of {size}; the limit is {limit} ({name})")
            raise UnsafeTemplate(
                _in_template(
                    name,
                    message.format(
                        size=describe_size(size),
                        limit=describe_size(MAX_TEMPLATE_BYTES),
                        name="hdnd.report.docx.MAX_TEMPLATE_BYTES",
                    ),
                )
            )
        try:
            archive = zipfile.ZipFile(file)
        except UNPACK_ERRORS as e:
            raise NotADocx(_in_template(name, gettext(_NOT_A_DOCX))) from e
        with archive:
            if (parts := len(archive.infolist())) > MAX_TEMPLATE_PARTS:
                message = gettext(
                    "refusing a template of {parts:,} parts; the limit is {most:,} ({name})"
                )
                raise UnsafeTemplate(
                    _in_template(
                        name,
                        message.format(
                            parts=parts,
                            most=MAX_TEMPLATE_PARTS,
                            name="hdnd.report.docx.MAX_TEMPLATE_PARTS",
                        ),
                    )
                )
            template = _Template(archive, name)
            template.left_out()
            _take_parts(document, template)
    if template.dropped:
        warnings.warn(
            DroppedFromTemplate(f"{name}: left out: {'; '.join(template.dropped)}"), stacklevel=4
        )


def _take_parts(document: Document, template: _Template) -> None:
    """Styles, numbering, theme, even-page headers, the page setup: the report's look."""
    main = template.main()
    source = template.xml(main, qn("w:document"), needed=True)
    if source is None:
        message = gettext("{part} is missing; save the template again from Word")
        raise NotADocx(_in_template(template.name, message.format(part=main)))
    links = template.links(main)
    styles = template.part(links, RT.STYLES)
    if styles and (element := template.xml(styles, qn("w:styles"), needed=True)) is not None:
        cast("XmlPart", document.part.part_related_by(RT.STYLES))._element = element
    numbering = template.part(links, RT.NUMBERING)
    if numbering and (element := template.xml(numbering, qn("w:numbering"))) is not None:
        _relinked(element, numbering, template, None)  # pictures as bullets: left out
        document.part.numbering_part._element = element
    theme = template.part(links, RT.THEME)
    if theme and (element := template.xml(theme, f"{{{nsmap['a']}}}theme")) is not None:
        _relinked(element, theme, template, None)
        blob = etree.tostring(element, encoding="UTF-8", xml_declaration=True, standalone=True)
        document.part.part_related_by(RT.THEME)._blob = blob
    settings = template.part(links, RT.SETTINGS)
    if settings and (element := template.xml(settings, qn("w:settings"))) is not None:
        even = Settings(element).odd_and_even_pages_header_footer
        document.settings.odd_and_even_pages_header_footer = even
    section = source.find(f"{qn('w:body')}/{qn('w:sectPr')}")
    if section is not None:
        _take_section(document, section, main, links, template)


def _take_section(
    document: Document,
    section: BaseOxmlElement,
    main: str,
    links: dict[str, _Link],
    template: _Template,
) -> None:
    """The page setup of the template's last section, its headers and footers with it."""
    references = [e for e in section if (e.tag, e.get(qn("w:type"))) in _HEADERS_FOOTERS]
    for reference in references:
        section.remove(reference)
    _relinked(section, main, template, None)  # printer settings...
    body = document.element.body
    body.replace(body.find(qn("w:sectPr")), section)
    for reference in references:
        link = links.get(reference.get(qn("r:id"), ""))
        if link is None or link.external:
            continue
        tag = qn("w:hdr") if reference.tag == qn("w:headerReference") else qn("w:ftr")
        if (element := template.xml(link.target, tag)) is None:
            continue
        name = _HEADERS_FOOTERS[reference.tag, reference.get(qn("w:type"))]
        header_footer = getattr(document.sections[0], name)
        header_footer.is_linked_to_previous = False  # a part of its own
        story = header_footer.part
        _relinked(element, link.target, template, story)
        template.dropped += _unfetched(element)
        story._element = element


def _relinked(
    element: BaseOxmlElement, part: str, template: _Template, story: StoryPart | None
) -> None:
    """Keep the links in ``element`` (of ``part``) to pictures in the template, copied into
    ``story``; drop every other: the attribute of a hyperlink (its text stays), else the
    element, or the picture, drawing or object it is in."""
    links = template.links(part)
    for inner in list(element.iter()):
        names = [n for n in inner.attrib if n.startswith(_LINK)]
        if not names or not any(a is element for a in inner.iterancestors()):
            continue  # none, or gone with a picture
        kept = False
        for attribute in names:
            rid = _picture(links.get(inner.get(attribute, "")), template, story)
            if rid is None:
                del inner.attrib[attribute]
            else:
                inner.set(attribute, rid)
                kept = True
        if not kept and inner.tag != qn("w:hyperlink"):
            pictures = [a for a in inner.iterancestors() if a.tag in _PICTURES]
            gone = pictures[-1] if pictures else inner
            if (parent := gone.getparent()) is not None:
                parent.remove(gone)


def _picture(link: _Link | None, template: _Template, story: StoryPart | None) -> str | None:
    """The id in ``story`` of the picture ``link`` names, copied there; ``None`` if not taken."""
    if story is None or link is None or link.external or link.type != RT.IMAGE:
        return None
    blob = template.blob(link.target)
    if blob is None:
        return None
    try:
        rid, _ = story.get_or_add_image(io.BytesIO(blob))
    except _IMAGE_ERRORS:
        template.dropped.append(f"{link.target} (not a PNG, JPEG, GIF, BMP or TIFF picture)")
        return None
    return rid


def _unfetched(element: BaseOxmlElement) -> list[str]:
    """Blank the instruction of each field in ``element`` that fetches something from
    elsewhere (``INCLUDEPICTURE "http://..."``): the field keeps what it shows. Their
    instructions, as found."""
    blanked = []
    fields: list[list[BaseOxmlElement]] = []  # the instruction texts of open fields, nested
    for inner in element.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:fldSimple")):
        if inner.tag == qn("w:fldSimple") and _fetches(instruction := inner.get(qn("w:instr"))):
            blanked.append(instruction.strip())
            inner.set(qn("w:instr"), "")
        elif inner.tag == qn("w:instrText") and fields:
            fields[-1].append(inner)
        elif inner.get(qn("w:fldCharType")) == "begin":
            fields.append([])
        elif inner.get(qn("w:fldCharType")) == "end" and fields:
            texts = fields.pop()
            if _fetches(instruction := "".join(t.text or "" for t in texts)):
                blanked.append(instruction.strip())
                for text in texts:
                    text.text = ""
    return [f"a field {instruction} (what it shows stays)" for instruction in blanked]


def _fetches(instruction: str | None) -> bool:
    """Whether a field's instruction fetches from elsewhere: ``INCLUDEPICTURE``, ``LINK``...

    >>> _fetches(' INCLUDEPICTURE "http://x/a.png" \\\\d'), _fetches("PAGE")
    (True, False)
    """
    word = (instruction or "").split(maxsplit=1)[:1]
    return bool(word) and word[0].upper() in _FETCHING


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
    """Issuer and number on the left, national name, motto, place and date on the right.

    The right column is as wide as the national name needs, the left one has the rest;
    the issuer's lines are set as large as fits there (:func:`_issuer_lines`).
    """
    width = _text_width(document)
    nation_width = Length(_text_length(_NATION, 13, bold=True) + 2 * _CELL_PADDING)
    issuer_width = Length(max(width - nation_width, width // 3))  # a narrow page: wraps
    table = _table(document, (issuer_width, Length(width - issuer_width)), rows=2)
    issuer, nation = table.rows[0].cells
    room = Length(issuer_width - 2 * _CELL_PADDING)
    names, size = _issuer_lines((council or f"HĐND {BLANK}").upper(), room)
    for name in names:
        _add(issuer, name, size=size)
    _add(issuer, _ISSUER, size=size, bold=True)
    _rule(issuer, Mm(20), room)
    _add(nation, _NATION, size=13, bold=True)
    _add(nation, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _rule(nation, Mm(62), Length(width - issuer_width - 2 * _CELL_PADDING))
    reference, when = table.rows[1].cells
    _add(reference, number, size=13).paragraph_format.space_before = Pt(6)
    lines, size = _place_date_lines(place_date, Length(width - issuer_width - 2 * _CELL_PADDING))
    _add(when, lines[0], size=size, italic=True).paragraph_format.space_before = Pt(6)
    for line in lines[1:]:
        _add(when, line, size=size, italic=True)
    _filled(cell for row in table.rows for cell in row.cells)


_PLACE_DATE_SIZES: Final = (14, 13.5, 13)
"""The place and date's sizes, in points, tried in turn: the decree's 13 to 14."""


def _place_date_lines(text: str, room: Length) -> tuple[list[str], float]:
    """The place-and-date line, so that no word is left alone on a line of its own: whole
    at the largest size that fits ``room`` (14 pt down to 13), else broken after the place.

    >>> _place_date_lines("Thành phố Bắc Giang, ngày 17 tháng 4 năm 2023", Mm(95))
    (['Thành phố Bắc Giang, ngày 17 tháng 4 năm 2023'], 13)
    >>> _place_date_lines("Thành phố Hồ Chí Minh, ngày 17 tháng 12 năm 2025", Mm(95))
    (['Thành phố Hồ Chí Minh,', 'ngày 17 tháng 12 năm 2025'], 14)
    """
    for size in _PLACE_DATE_SIZES:
        if _text_length(text, size, italic=True) <= room:
            return [text], size
    place, comma, day = text.rpartition(", ngày ")
    return ([place + ",", "ngày " + day] if comma else [text]), _PLACE_DATE_SIZES[0]


_NATION: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_ISSUER: Final = "THƯỜNG TRỰC HĐND"
_ISSUER_SIZES: Final = (13, 12.5, 12, 11.5, 11)
"""The issuer's sizes, in points, tried in turn: the decree's 13, down to a floor of 11."""
_UNIT_KIND: Final = re.compile(
    r"^(.*?\b(?:THÀNH PHỐ|THỊ XÃ|THỊ TRẤN|ĐẶC KHU|PHƯỜNG|XÃ|QUẬN|HUYỆN|TỈNH))\s+(\S.*)$"
)
"""A council's name in capitals, up to the kind of its unit ("HĐND PHƯỜNG"), and the rest."""


def _issuer_lines(name: str, room: Length) -> tuple[list[str], float]:
    """The lines of the issuer's name in capitals, and the size in points of the issuer's
    lines, so that none is wider than ``room``: the name whole, at the largest size that fits
    (down to 11 pt); else broken after the kind of unit, the unit's own name on a line of
    its own, as large as fits; else (a name of some 80 letters) whole, at 11 pt, wrapped.

    >>> _issuer_lines("HĐND THÀNH PHỐ", Mm(60))
    (['HĐND THÀNH PHỐ'], 13)
    >>> _issuer_lines("HĐND PHƯỜNG TÂN PHONG", Mm(60))
    (['HĐND PHƯỜNG TÂN PHONG'], 12.5)
    >>> _issuer_lines("HĐND PHƯỜNG VĂN MIẾU - QUỐC TỬ GIÁM", Mm(60))
    (['HĐND PHƯỜNG', 'VĂN MIẾU - QUỐC TỬ GIÁM'], 12.5)
    """
    broken = _UNIT_KIND.match(name)
    for lines in ([name], list(broken.groups()) if broken else []):
        for size in _ISSUER_SIZES if lines else ():
            widest = max(_text_length(line, size) for line in lines)
            if max(widest, _text_length(_ISSUER, size, bold=True)) <= room:
                return lines, size
    return [name], _ISSUER_SIZES[-1]


_CAPITALS: Final = {  # A to Z, upright and bold
    False: "722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 "
    "722 944 722 722 611",
    True: "722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 "
    "722 1000 722 722 667",
}
_SIGNS: Final = {" ": 250, "-": 333, ".": 250, ",": 250, "/": 278, ":": 333, "(": 333, ")": 333}
_MARGIN: Final = 1.02
"""Room for the hooks and horns (Ư, Ơ), which the bare letter's width leaves out."""


_ITALIC: Final = (  # a to z, then A to Z
    "500 500 444 500 444 278 500 500 278 278 444 278 722 500 500 500 500 389 389 278 500 444 "
    "667 444 444 389 611 611 667 722 611 611 722 722 333 444 667 556 833 667 722 611 722 611 "
    "500 556 722 611 833 611 556 556"
)


def _text_length(text: str, size: float, *, bold: bool = False, italic: bool = False) -> Length:
    """How long ``text`` is on one line, in Times New Roman of ``size`` points: capitals
    upright or bold, or any letters in italic.

    The widths are the font's (Adobe's Times metrics, which Times New Roman and
    LibreOffice's Liberation Serif share), in thousandths of the size; a letter's marks
    add nothing, a character not listed counts a whole size (a small letter upright, a
    sign: too long rather than too short).

    >>> round(_text_length("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True).mm, 1)
    90.1
    >>> round(_text_length("Hà Nội, ngày 5 tháng 1 năm 2025", 14, italic=True).mm, 1)
    68.6
    """
    widths = _SIGNS | {str(d): 500 for d in range(10)}
    if italic:
        widths |= zip(string.ascii_letters, map(int, _ITALIC.split()), strict=True)
    else:
        widths |= zip(string.ascii_uppercase, map(int, _CAPITALS[bold].split()), strict=True)
    letters = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    units = sum(widths.get(c, 0 if unicodedata.combining(c) else 1000) for c in letters)
    return Length(round(units * size * _MARGIN * Pt(1) / 1000))


def _mark_draft(document: Document) -> None:
    """ "DỰ THẢO" above the letterhead, in red, and in the header of every later page: a
    draft that cannot pass for a signed report (the first page says it once)."""
    mark = _add(document, DRAFT["vi"], size=16, bold=True)
    mark.runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)
    mark.paragraph_format.space_after = Pt(6)
    document.element.body.insert(0, mark._p)  # added last, moved first
    section = document.sections[0]
    for header in (section.header, section.even_page_header):
        header.add_paragraph(DRAFT["vi"]).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _heading(document: Document, subject: str) -> None:
    document.add_paragraph("BÁO CÁO", style="Title")
    document.add_paragraph(subject, style="Subtitle")
    _rule(document, Mm(30), _text_width(document)).paragraph_format.space_after = Pt(18)


def _figures(document: Document, summary: Summary, comparison: Comparison | None) -> None:
    """The main figures, under a title per level, against the comparison period if any."""
    groups = main_groups(summary, comparison, "vi")
    if not groups:
        return
    titles = column_titles(summary, comparison, lang="vi")
    numbers = [Mm(25), Mm(25), Mm(33)][: len(titles) - 1]
    label = Length(_text_width(document) - sum(numbers))
    lines: list[str | list[str]] = []  # a level's title, or a row of figures
    for title, group in groups:
        lines += [title] if title is not None else []
        lines += table_cells(group, lang="vi", compared=comparison is not None)
    _grid(document, "SỐ LIỆU CHỦ YẾU", titles, (label, *numbers), lines)


def _trend(document: Document, trend: Trend) -> None:
    """The main figures over the trend's periods: their table, then their chart under it.

    The table has at most :data:`_TREND_COLUMNS` periods side by side; more go in the
    tables under it, the same rows again (40 months would be 40 columns of 3 mm).
    """
    titles, body = trend_table(trend, "vi")
    if not body:
        return
    width = _text_width(document)
    caption = trend.title("vi").upper()
    for first in range(1, len(titles), _TREND_COLUMNS):
        part = slice(first, first + _TREND_COLUMNS)
        periods = len(titles[part])
        each = min(Mm(22), Length((width - _TREND_LABEL - _STT_WIDTH) // periods))
        widths = (Length(width - each * periods), *[each] * periods)
        lines: list[str | list[str]] = [[row[0], *row[part]] for row in body]
        size = None if each >= Mm(22) else 10
        _grid(document, caption, [titles[0], *titles[part]], widths, lines, size=size)
        caption = ""  # the next tables go on from this one
    png = drawn(trend_png, trend, "vi")
    if png is not None:
        picture = _add(document)
        picture.paragraph_format.space_before = Pt(6)
        picture.add_run().add_picture(io.BytesIO(png), width=Length(min(width, Mm(160))))


_TREND_COLUMNS: Final = 6
"""The most periods a trend's table in Word has side by side: 16 mm each in 10 pt."""
_TREND_LABEL: Final = Mm(55)
"""The narrowest a trend table's label column gets: "Kiến nghị sau giám sát › đã thực hiện"
on two lines."""


def _councils(document: Document, summary: Summary, dataset: Dataset | None) -> None:
    """Each council's main figures, a row each, with its level when the data gives it."""
    if not summary.by_council:
        return
    levels = summary.council_levels or (
        {c.id: c.level for c in dataset.councils} if dataset is not None else {}
    )
    titles = council_titles("vi", levels=bool(levels))
    numbers = [Mm(14)] * len(COUNCIL_FIGURES)
    level = [Mm(17)] if levels else []
    name = Length(_text_width(document) - sum(level + numbers))
    lines: list[str | list[str]] = [*council_rows(summary, "vi", levels)]
    caption = COUNCIL_TABLE["vi"].upper()
    _grid(document, caption, titles, (name, *level, *numbers), lines, size=10, words=1 + len(level))


def _grid(
    document: Document,
    caption: str,
    titles: Sequence[str],
    widths: Sequence[Length],
    lines: Sequence[str | list[str]],
    *,
    size: float | None = None,
    words: int = 1,
) -> None:
    """A captioned table of figures: a head repeated on every page, then ``lines``.

    A line is a row's cells, the first ``words`` of them text (left), the rest figures
    (right); or a title, bold across the table. Under the table, the note on empty cells.
    An "STT" column comes first, taken from the first column's width: rows numbered 1, 2...
    after each title, titles numbered I, II...

    A row of cells is a copy of one written once, its texts replaced: python-docx takes
    some 0.2 ms a cell, and a national file's per-council table has 30,000 of them.
    """
    paragraph = _add(document, caption, bold=True).paragraph_format
    paragraph.space_before, paragraph.keep_with_next = Pt(12), True
    widths = (_STT_WIDTH, Length(widths[0] - _STT_WIDTH), *widths[1:])
    table = _table(document, widths, rows=2, style="Table Grid")
    head, row = table.rows
    head._tr.get_or_add_trPr().append(_element("w:tblHeader"))  # repeated on every page
    for cell, title in zip(head.cells, ("STT", *titles), strict=True):
        _write(cell, title, size, WD_ALIGN_PARAGRAPH.CENTER).bold = True
    blank = deepcopy(row._tr)
    for column, cell in enumerate(row.cells):
        _write(cell, "0", size, _CENTER if column == 0 else _LEFT if column <= words else _RIGHT)
    filled = row._tr
    table._tbl.remove(filled)
    number = titled = 0
    for line in lines:
        if isinstance(line, str):
            number, titled = 0, titled + 1
            across = _Row(deepcopy(blank), table)
            table._tbl.append(across._tr)
            first, second, *_, last = across.cells
            _write(first, _roman(titled), size, _CENTER).bold = True
            run = _write(second.merge(last), line, size, _LEFT)
            run.bold = run.italic = True
            continue
        number += 1
        tr = deepcopy(filled)
        for text, cell in zip(tr.iter(qn("w:t")), (str(number), *line), strict=True):
            text.text = cell
            text.set(qn("xml:space"), "preserve")  # spaces at either end stay
        table._tbl.append(tr)
    figures = (cell for line in lines if not isinstance(line, str) for cell in line[words:])
    if note := no_figures_note(figures, "vi"):
        _add(document, note, size=11, italic=True, align=_LEFT).paragraph_format.space_before = Pt(
            3
        )


_STT_WIDTH: Final = Mm(13)
"""The "STT" (số thứ tự) column: room for its title, "III" or "999" in 12 pt bold."""


def _roman(number: int) -> str:
    """A title's number in the STT column, as Vietnamese reports number their parts.

    >>> [_roman(n) for n in (1, 3, 4, 9, 14)]
    ['I', 'III', 'IV', 'IX', 'XIV']
    """
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    written = ""
    for value, numeral in numerals:
        count, number = divmod(number, value)
        written += numeral * count
    return written


_LEFT: Final = WD_ALIGN_PARAGRAPH.LEFT
_CENTER: Final = WD_ALIGN_PARAGRAPH.CENTER
_RIGHT: Final = WD_ALIGN_PARAGRAPH.RIGHT


def _write(cell: _Cell, text: str, size: float | None, align: WD_ALIGN_PARAGRAPH) -> Run:
    """``text`` in the cell's paragraph, aligned; its size the table style's, or ``size``."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    run: Run = paragraph.add_run(text)
    run.font.size = Pt(size) if size else None
    return run


def _signature(document: Document, chair: str | None, recipients: Sequence[str]) -> None:
    """Recipients on the left; on the right who signs, for whom, and room to sign.

    The block is one table row that cannot split across pages, kept on the page of what
    comes before it: the signer's name never stands alone on a page, nor the whole block.
    """
    last = document.element.body[-2]  # the last before the section's properties
    _keep_with_next(last)
    before = last.getprevious()
    if last.tag == qn("w:p") and before is not None and before.tag == qn("w:tbl"):
        _keep_with_next(before)  # the note under a table: a row of it comes along too
    document.add_paragraph().paragraph_format.keep_with_next = True
    width = _text_width(document)
    table = _table(document, (Length(width - _SIGNATURE_WIDTH), _SIGNATURE_WIDTH))
    table.rows[0]._tr.get_or_add_trPr().append(_element("w:cantSplit"))
    to, signer = table.rows[0].cells
    left = WD_ALIGN_PARAGRAPH.LEFT
    _add(to, "Nơi nhận:", size=12, bold=True, italic=True, align=left)
    for line in recipients:
        _add(to, line, size=11, align=left)
    _add(signer, "TM. THƯỜNG TRỰC HĐND", size=14, bold=True)
    _add(signer, "CHỦ TỊCH", size=14, bold=True)
    for _ in range(4):  # room for the signature and the seal
        _add(signer)
    _add(signer, chair or BLANK, size=14, bold=True)
    _filled(cell for row in table.rows for cell in row.cells)


def _keep_with_next(element: BaseOxmlElement) -> None:
    """Keep a paragraph, or the last row of a table, on the page of what follows it."""
    if element.tag == qn("w:tbl"):
        paragraphs = list(element.findall(qn("w:tr"))[-1].iter(qn("w:p")))
    else:
        paragraphs = [element] if element.tag == qn("w:p") else []
    for p in paragraphs:
        p.get_or_add_pPr().keepNext_val = True
