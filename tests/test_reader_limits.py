"""Every reader bounded: workbook and zip bombs end in a located problem, quickly.

Each attack of issue 17 is built here by a generator, at a small size against a lowered
limit (the limits are module attributes read at each call); ``python
tests/test_reader_limits.py DIR`` writes them at full size, to measure by hand.
"""

from __future__ import annotations

import io
import random
import re
import struct
import sys
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.cli import main
from hdnd.errors import InvalidData, Problem
from hdnd.io import csvtables, files, xlsx
from hdnd.model import Person
from hdnd.spec import spec_of

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SHEET_HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
CONTENT_TYPES = "[Content_Types].xml"
WORKSHEET_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
RECEPTIONS = "xl/worksheets/sheet14.xml"  # the template's sheets: README, councils...
RECEPTIONS_SHEET = spec_of("receptions").sheet_title


def member(name: str) -> zipfile.ZipInfo:
    """A member to write, deflated, with a fixed date."""
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def template() -> bytes:
    buf = io.BytesIO()
    xlsx.write_workbook(hdnd.Dataset(), buf)
    return buf.getvalue()


def write_parts(path: Path, parts: Mapping[str, Iterable[bytes]]) -> None:
    """The template with ``parts`` replaced or added, each written a piece at a time."""
    with (
        zipfile.ZipFile(io.BytesIO(template())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            if info.filename not in parts:
                out.writestr(info, source.read(info))
        for name, pieces in parts.items():
            with out.open(member(name), "w", force_zip64=True) as part:
                for piece in pieces:
                    part.write(piece)


def receptions_rows(rows: Iterable[bytes]) -> Iterator[bytes]:
    """The receptions sheet: its two header rows from the template, then ``rows``."""
    with zipfile.ZipFile(io.BytesIO(template())) as source:
        xml = source.read(RECEPTIONS)
    head, _, tail = xml.partition(b"</sheetData>")
    yield head
    yield from rows
    yield b"</sheetData>" + tail


def styled_empty_rows(last: int, columns: int = 13) -> Iterator[bytes]:
    """Rows 3 to ``last``, each of ``columns`` empty cells with a style: nothing to read."""
    cells = b'<c s="1"/>' * columns
    for start in range(3, last + 1, 10_000):
        stop = min(start + 10_000, last + 1)
        yield b"".join(b'<row r="%d">%s</row>' % (r, cells) for r in range(start, stop))


def formula_rows(rows: int, columns: int, seed: int = 0) -> Iterator[bytes]:
    """Rows from 3 of ``columns`` formula cells without results (varied to pack ~190:1)."""
    draw = random.Random(seed)
    for r in range(3, rows + 3):
        cells = (b"<c><f>%d</f></c>" % varied(draw, 0.015) for _ in range(columns))
        yield b'<row r="%d">%s</row>' % (r, b"".join(cells))


def varied(draw: random.Random, chance: float) -> int:
    """Mostly 1, a number up to 999 by ``chance``: what makes XML pack like real data."""
    return draw.randrange(1000) if draw.random() < chance else 1


def shared_strings(count: int, seed: int = 0) -> dict[str, Iterable[bytes]]:
    """A shared strings part of ``count`` short strings (and the content type naming it)."""
    draw = random.Random(seed)

    def strings() -> Iterator[bytes]:
        yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        for start in range(0, count, 10_000):
            block = range(start, min(start + 10_000, count))
            yield b"".join(b"<si><t>%d</t></si>" % varied(draw, 0.012) for _ in block)
        yield b"</sst>"

    with zipfile.ZipFile(io.BytesIO(template())) as source:
        types = source.read(CONTENT_TYPES)
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    types = types.replace(b"</Types>", override)
    return {"xl/sharedStrings.xml": strings(), CONTENT_TYPES: [types]}


def many_sheets(count: int, size: int) -> dict[str, Iterable[bytes]]:
    """``count`` note sheets added, each of ``size`` bytes of XML (empty cells)."""
    with zipfile.ZipFile(io.BytesIO(template())) as source:
        book, rels, types = (
            source.read(n) for n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", CONTENT_TYPES)
        )
    sheets, links, overrides = [], [], []
    for i in range(count):
        sheets.append(b'<sheet name="n%d" sheetId="%d" r:id="rN%d"/>' % (i, 100 + i, i))
        links.append(
            b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/worksheet" Target="/xl/worksheets/n%d.xml" Id="rN%d"/>' % (i, i)
        )
        overrides.append(
            b'<Override PartName="/xl/worksheets/n%d.xml" ContentType="%s"/>' % (i, WORKSHEET_TYPE)
        )
    ns = b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts: dict[str, Iterable[bytes]] = {
        "xl/workbook.xml": [
            book.replace(b"<workbook ", b"<workbook%s " % ns, 1).replace(
                b"</sheets>", b"".join(sheets) + b"</sheets>"
            )
        ],
        "xl/_rels/workbook.xml.rels": [
            rels.replace(b"</Relationships>", b"".join(links) + b"</Relationships>")
        ],
        CONTENT_TYPES: [types.replace(b"</Types>", b"".join(overrides) + b"</Types>")],
    }
    head, tail = SHEET_HEAD + b"<sheetData><row>", b"</row></sheetData></worksheet>"
    sheet = head + b"<c/>" * ((size - len(head) - len(tail)) // 4) + tail
    for i in range(count):
        parts[f"xl/worksheets/n{i}.xml"] = [sheet]
    return parts


def many_styles(count: int, seed: int = 0) -> dict[str, Iterable[bytes]]:
    """The template's styles with ``count`` cell formats (packing ~150:1)."""
    with zipfile.ZipFile(io.BytesIO(template())) as source:
        styles = source.read("xl/styles.xml")
    head, _, rest = re.split(rb'(<cellXfs count="\d+">)', styles, maxsplit=1)
    tail = rest.partition(b"</cellXfs>")[2]
    draw = random.Random(seed)

    def formats() -> Iterator[bytes]:
        yield head + b'<cellXfs count="%d">' % count
        for start in range(0, count, 10_000):
            yield b"".join(
                b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0"/>' % varied(draw, 0.05)
                for _ in range(start, min(start + 10_000, count))
            )
        yield b"</cellXfs>" + tail

    return {"xl/styles.xml": formats()}


def blank_csv_zip(path: Path, lines: int, seed: int = 0) -> None:
    """A zip of CSV tables whose receptions table is ``lines`` empty lines (packing ~170:1)."""
    draw = random.Random(seed)
    blanks = [b"\n", b"\r\n", b",\n", b",,\n"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(member("_meta.csv"), b"schema_version\n1\n")
        with out.open(member("receptions.csv"), "w", force_zip64=True) as f:
            for start in range(0, lines, 100_000):
                k = min(100_000, lines - start)
                f.write(b"".join(draw.choices(blanks, weights=[9980, 7, 7, 6], k=k)))


def zip_of_entries(path: Path, count: int, declared: int | None = None) -> None:
    """A zip whose table of contents lists ``count`` empty members, its end record
    ``declared`` of them (``count`` if not given); written by hand, which is quick."""
    declared = count if declared is None else declared
    with path.open("wb") as f:
        f.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 33, 0, 0, 0, 1, 0) + b"a")
        start = f.tell()
        for first in range(0, count, 100_000):
            f.write(
                b"".join(
                    struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 33, 0, 0, 0, 8,
                                0, 0, 0, 0, 0, 0) + b"%08d" % i
                    for i in range(first, min(first + 100_000, count))
                )
            )  # fmt: skip
        end = f.tell()
        size = end - start
        # zip64 records: the end record's own fields hold at most 65,535 members
        f.write(struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, declared, declared,
                            size, start))  # fmt: skip
        f.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1))
        f.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                            0xFFFFFFFF, 0))  # fmt: skip


def build_all(folder: Path) -> None:
    """The attacks at full size, as issue 17 measured them."""
    folder.mkdir(exist_ok=True)
    blank_csv_zip(folder / "blank-rows.zip", 60_000_000)
    styled = receptions_rows(styled_empty_rows(1_048_576))
    write_parts(folder / "styled-rows.xlsx", {RECEPTIONS: styled})
    formulas = receptions_rows(formula_rows(8_000, 1_000))
    write_parts(folder / "formulas.xlsx", {RECEPTIONS: formulas})
    write_parts(folder / "shared-strings.xlsx", shared_strings(12_000_000))
    write_parts(folder / "many-sheets.xlsx", many_sheets(1_000, 2**20))
    write_parts(folder / "styles.xlsx", many_styles(2_000_000))
    zip_of_entries(folder / "entries.zip", 2_000_000)


# --------------------------------------------------------------------- CSV tables


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InvalidData) as info:
        hdnd.load(path)
    return list(info.value.problems)


def test_a_csv_table_of_empty_rows_is_read_as_a_stream_and_refused_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # row 1 (the header) is empty too: the table used to be read whole to see that
    path = tmp_path / "city.zip"
    blank_csv_zip(path, 5_000)
    monkeypatch.setattr(csvtables, "MAX_EMPTY_ROWS", 1_000)
    [problem] = problems_of(path)
    assert (problem.file, problem.line) == (f"{path}/receptions.csv", 1_001)
    assert problem.message == "more empty rows than 1,000 (hdnd.io.csvtables.MAX_EMPTY_ROWS)"
    monkeypatch.setattr(csvtables, "MAX_EMPTY_ROWS", 5_000)
    assert hdnd.load(path) == hdnd.Dataset()


def test_a_table_with_an_empty_header_is_read_row_by_row(tmp_path: Path) -> None:
    folder = tmp_path / "city"
    folder.mkdir()
    (folder / "_meta.csv").write_text("schema_version\n1\n")
    (folder / "people.csv").write_text("\n,\n\np1,An\n")
    assert [(p.line, p.location, p.message) for p in problems_of(folder)][:2] == [
        (1, "id", "required column missing"),
        (1, "full_name", "required column missing"),
    ]


# ----------------------------------------------------------------------------- zips


def test_a_zip_of_too_many_members_is_refused_before_they_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "city.zip"
    zip_of_entries(path, 2_000)
    monkeypatch.setattr(csvtables, "MAX_ZIP_ENTRIES", 1_000)

    def unlisted(*args: object) -> None:
        raise AssertionError("the archive's members were listed")

    monkeypatch.setattr(files.zipfile, "ZipFile", unlisted)
    assert [str(p) for p in problems_of(path)] == [
        f"{path}: refusing to unpack an archive of 2,000 members; the limit is 1,000"
    ]


def test_a_zip_declaring_fewer_members_than_it_lists_is_refused_by_its_contents_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # zipfile lists what the table of contents holds, whatever the end record says
    path = tmp_path / "city.zip"
    zip_of_entries(path, 30_000, declared=1)
    monkeypatch.setattr(csvtables, "MAX_ZIP_ENTRIES", 10)
    assert [str(p) for p in problems_of(path)] == [
        f"{path}: refusing to read a table of contents of 2 MiB; the limit is 10,240 bytes "
        "(for 10 members)"
    ]


@pytest.mark.parametrize("suffix", [".zip", ".xlsx"])
def test_a_member_named_twice_is_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"city{suffix}"
    hdnd.dump(hdnd.Dataset(), path)
    name = "receptions.csv" if suffix == ".zip" else RECEPTIONS
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as archive:
        warnings.simplefilter("ignore")  # zipfile warns of the name it writes twice
        archive.writestr(name, b"id\nr1\n")
    assert [str(p) for p in problems_of(path)] == [
        f"{path}: {name}: appears twice in the archive, which programs read differently "
        "(one the first copy, another the last): refusing it"
    ]


def test_the_compression_ratio_of_all_members_together_is_limited(tmp_path: Path) -> None:
    # each part, just under a mebibyte, is too small to be checked alone
    path = tmp_path / "notes.xlsx"
    write_parts(path, many_sheets(20, 2**20))
    [problem] = problems_of(path)
    assert problem.path == ()
    assert re.fullmatch(
        r"refusing to unpack 20 MiB from [0-9,]+ bytes \([0-9,]+:1\); "
        r"the limit is 200:1 \(a zip bomb\?\)",
        problem.message,
    )


# ------------------------------------------------------------------------ workbooks


UNKNOWN_SHEET = (
    "unknown sheet, not read; a workbook holds only the sheets of `hdnd template`, each named "
    "by its record type's identifier (receptions) or Vietnamese title (Tiếp công dân)"
)


def test_unknown_sheets_are_never_parsed(tmp_path: Path) -> None:
    # openpyxl parsed every sheet without dimensions whole, on opening, to find them
    path = tmp_path / "notes.xlsx"
    parts = many_sheets(3, 1_000)
    parts["xl/worksheets/n1.xml"] = [SHEET_HEAD + b"<sheetData><row><c></row>"]  # broken
    write_parts(path, parts)
    assert [(p.sheet, p.message) for p in problems_of(path)] == [
        (f"n{i}", UNKNOWN_SHEET) for i in range(3)
    ]


def test_a_workbook_of_too_many_sheets_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notes.xlsx"
    write_parts(path, many_sheets(8, 1_000))
    monkeypatch.setattr(xlsx, "MAX_SHEETS", 25)  # 18 sheets of the template, 8 notes
    assert [str(p) for p in problems_of(path)] == [
        f"{path}: more sheets than 25 (hdnd.io.xlsx.MAX_SHEETS)"
    ]
    monkeypatch.setattr(xlsx, "MAX_SHEETS", 26)
    assert [p.message for p in problems_of(path)] == [UNKNOWN_SHEET] * 8


def test_empty_formatted_rows_count_against_the_cell_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "formatted.xlsx"
    write_parts(path, {RECEPTIONS: receptions_rows(styled_empty_rows(2_000))})
    monkeypatch.setattr(xlsx, "MAX_CELLS", 10_000)
    # before receptions: two full header rows of councils ... confidence_votes, 2 x 92
    # cells; then receptions' two and its rows of 13: 210 + 13 x 754 > 10,000 at row 756
    assert [str(p) for p in problems_of(path)] == [
        f"{path}, sheet {RECEPTIONS_SHEET}, row 756: more than 10,000 cells in the sheets read,"
        " empty ones included (hdnd.io.xlsx.MAX_CELLS)"
    ]
    monkeypatch.setattr(xlsx, "MAX_CELLS", 30_000)
    assert hdnd.load(path) == hdnd.Dataset()


def test_formulas_are_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "formulas.xlsx"
    write_parts(path, {RECEPTIONS: receptions_rows(formula_rows(50, 13))})
    monkeypatch.setattr(xlsx, "MAX_FORMULAS", 500)
    # 13 a row from row 3: the 501st is on row 41
    assert [str(p) for p in problems_of(path)] == [
        f"{path}, sheet {RECEPTIONS_SHEET}, row 41: more than 500 formulas in the sheets read "
        "(hdnd.io.xlsx.MAX_FORMULAS)"
    ]
    monkeypatch.setattr(xlsx, "MAX_FORMULAS", 650)
    found = problems_of(path)
    assert len(found) == 650
    assert {p.message.partition(":")[0] for p in found} == {"a formula without a saved result"}


def test_shared_texts_are_counted_before_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "texts.xlsx"
    write_parts(path, shared_strings(2_000))
    monkeypatch.setattr(xlsx, "MAX_SHARED_STRINGS", 1_999)
    assert [str(p) for p in problems_of(path)] == [
        f"{path}: more shared texts than 1,999 (hdnd.io.xlsx.MAX_SHARED_STRINGS)"
    ]
    monkeypatch.setattr(xlsx, "MAX_SHARED_STRINGS", 2_000)
    assert hdnd.load(path) == hdnd.Dataset()


def test_a_part_read_whole_is_counted_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # openpyxl turns each cell format into objects of over a kilobyte
    path = tmp_path / "styles.xlsx"
    write_parts(path, many_styles(1_000))
    monkeypatch.setattr(xlsx, "MAX_PART_ELEMENTS", 1_000)
    assert [str(p) for p in problems_of(path)] == [
        f"{path}: xl/styles.xml: more than 1,000 XML elements (hdnd.io.xlsx.MAX_PART_ELEMENTS)"
    ]
    monkeypatch.setattr(xlsx, "MAX_PART_ELEMENTS", 2_000)
    assert hdnd.load(path) == hdnd.Dataset()


def test_a_sheet_named_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.xlsx"
    parts = many_sheets(1, 1_000)
    [book] = parts["xl/workbook.xml"]
    title = f'name="{RECEPTIONS_SHEET}"'.encode()
    parts["xl/workbook.xml"] = [book.replace(b'name="n0"', title)]
    write_parts(path, parts)
    assert [str(p) for p in problems_of(path)] == [
        f"{path}, sheet {RECEPTIONS_SHEET}: two sheets of this name: refusing to pick one"
    ]


# ------------------------------------------------------------------ out of memory


def out_of_memory(*args: object, **kwargs: object) -> None:
    raise MemoryError


@pytest.mark.parametrize(
    ("module", "function", "suffix", "where"),
    [
        (xlsx, "_open", ".xlsx", ""),
        (xlsx, "_cells", ".xlsx", f", sheet {spec_of('councils').sheet_title}"),
        (xlsx, "read_tables", ".xlsx", ""),
        (csvtables, "read_tables", ".zip", ""),
        (csvtables, "_rows", "", ""),
    ],
)
def test_running_out_of_memory_is_a_located_problem(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    module: object,
    function: str,
    suffix: str,
    where: str,
) -> None:
    path = tmp_path / f"city{suffix}"
    hdnd.dump(hdnd.Dataset(), path)
    monkeypatch.setattr(module, function, out_of_memory)
    assert main(["validate", str(path)]) == 2
    assert f"{path}{where}: too large to read in the memory available (out of memory)" in (
        capsys.readouterr().out
    )


# -------------------------------------------------- what hdnd writes, it reads back


def people(count: int) -> hdnd.Dataset:
    return hdnd.Dataset(people=[Person(id=f"p{i}", full_name="An") for i in range(count)])


def test_a_workbook_too_long_to_read_back_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "people.jsonl", tmp_path / "people.xlsx"
    hdnd.dump(people(9), source)
    monkeypatch.setattr(xlsx, "MAX_ROWS", 10)  # the two header rows and 8 records
    assert main(["convert", str(source), str(out)]) == 2
    assert capsys.readouterr().err == (
        "hdnd: error: people: refusing to write 9 records in a sheet: a workbook's sheet is "
        "read with at most 10 rows, the two header rows included (hdnd.io.xlsx.MAX_ROWS); "
        "write it as .jsonl, .parquet or CSV tables instead\n"
    )
    assert not out.exists()


def test_a_workbook_of_too_many_cells_to_read_back_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the template: _meta's three cells, and two header rows of 133 columns in all
    monkeypatch.setattr(xlsx, "MAX_CELLS", 268)
    with pytest.raises(InvalidData) as info:
        xlsx.write_workbook(hdnd.Dataset(), io.BytesIO())
    assert str(info.value) == (
        "refusing to write a workbook of 269 cells: a workbook is read with at most 268 "
        "(hdnd.io.xlsx.MAX_CELLS); write it as .jsonl, .parquet or CSV tables instead"
    )


@settings(max_examples=20, deadline=None)
@given(count=st.integers(0, 12), max_rows=st.integers(2, 14), max_cells=st.integers(260, 320))
def test_what_is_written_is_read_back_under_the_same_limits(
    count: int, max_rows: int, max_cells: int
) -> None:
    with pytest.MonkeyPatch.context() as limits:
        limits.setattr(xlsx, "MAX_ROWS", max_rows)
        limits.setattr(xlsx, "MAX_CELLS", max_cells)
        buf = io.BytesIO()
        try:
            xlsx.write_workbook(people(count), buf)
        except InvalidData:
            # refused exactly when a limit would refuse it on reading
            assert max(count, 1) + 2 > max_rows or 269 + 3 * count > max_cells  # 1: _meta's
        else:
            assert xlsx.read_workbook(io.BytesIO(buf.getvalue()), "p.xlsx") == people(count)


if __name__ == "__main__":
    build_all(Path(sys.argv[1]))
