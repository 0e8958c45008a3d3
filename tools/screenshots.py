"""Pictures and command outputs of the Vietnamese page for council offices.

    python tools/screenshots.py

Run it from anywhere, with hdnd installed with its ``excel`` and ``docx`` extras, LibreOffice
and poppler-utils (Debian: ``apt-get install libreoffice-calc libreoffice-writer
poppler-utils``). There is no step by hand: run it again whenever the template, a message or
the Word report changes. In a temporary folder it runs, in Vietnamese (``HDND_LANG=vi``), the
commands that ``docs/vi/van-phong-hdnd.md`` shows, on a workbook filled with the bundled
example (a city and its communes in quý I/2023), on two copies of it with mistakes, and on
the example split as a city office receives it (a workbook from each of three communes and
the city's own file), then

* writes what each command printed into the page, between the markers
  ``<!-- hdnd-run: NAME -->`` and ``<!-- /hdnd-run -->`` (NAME is a key of :data:`RUNS`);
* draws ``docs/img/vi-so-lieu-tiep-cong-dan.png``: the top of the citizen receptions sheet,
  printed with its row numbers and column letters, which ``hdnd validate`` names;
* draws ``docs/img/vi-bao-cao-trang-1.png``: page 1 of the Word report, and
  ``docs/img/vi-bao-cao-du-thao.png``: the top of the report written over an error, marked
  "DỰ THẢO".

LibreOffice (``soffice``) prints each file to PDF; ``pdftoppm`` draws the page, cut to what is
printed on it, so that each picture stays small (under 150 KB).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

import hdnd
from hdnd.dataset import Dataset
from hdnd.model import Body, Council, Person, Record
from hdnd.spec import spec_of

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "data" / "city-q1-2023.json"
PAGE = ROOT / "docs" / "vi" / "van-phong-hdnd.md"
IMAGES = ROOT / "docs" / "img"

WORKBOOK = "so-lieu-quy-I-2023.xlsx"
"""The example as an office's filled workbook."""
MISTAKES = "so-lieu-nhap-sai.xlsx"
"""The workbook with mistakes in cells: what ``hdnd validate`` reads as invalid."""
CLASH = "so-lieu-trung-so.xlsx"
"""The workbook with two resolutions of one number: a domain check's error."""
COMMUNES = {
    "x-hoa-loc": "xa-hoa-loc.xlsx",
    "x-an-phu": "xa-an-phu.xlsx",
    "p-bac-son": "phuong-bac-son.xlsx",
}
"""Three communes of the example, and the name of the workbook each sends to the city."""
CITY = "thanh-pho.json"
"""The city office's own file: the rest of the example."""
CLASHING = "xa-an-phu-trung-ma.xlsx"
"""A commune's workbook that gives another commune's id to one of its records."""
REPORT = ("--period", "quý I/2023", "--council", "tp", "--with-subordinates")
DOCX = ("--number", "46", "--place", "Thành phố Bắc Giang", "--date", "17/4/2023")
RUNS: dict[str, tuple[str, ...]] = {
    "template": ("template", "mau-quy-I-2023.xlsx"),
    "validate-mistakes": ("validate", MISTAKES),
    "validate": ("validate", WORKBOOK),
    "summary": ("summary", WORKBOOK, *REPORT),
    "report": ("report", WORKBOOK, *REPORT, *DOCX, "--output", "bao-cao-quy-I-2023.docx"),
    "report-refused": ("report", CLASH, *REPORT, *DOCX, "--output", "bao-cao.docx"),
    "report-draft": (
        "report", CLASH, *REPORT, *DOCX, "--allow-errors", "--output", "bao-cao-du-thao.docx",
    ),
    "merge": ("merge", *COMMUNES.values(), CITY, "ca-thanh-pho.xlsx"),
    "summary-clash": ("summary", COMMUNES["x-hoa-loc"], CLASHING, CITY, *REPORT),
}  # fmt: skip
"""The commands whose output the page shows, by the name of their place in the page."""
REFUSED = {"validate-mistakes": 2, "summary-clash": 2, "report-refused": 1}
"""The commands the page shows failing, with their exit status; the others succeed."""
PROSE = {"summary"}
"""The outputs that are paragraphs of a report, wrapped without a hanging indent."""

DPI = 72
"""The report's page at the size of a printed page; its picture stays under 150 KB."""
SHEET_WIDTH = 960
"""The sheet's picture, in pixels across: LibreOffice prints it small, so it is drawn larger."""
SHEET_ROWS = 14
"""Rows of the receptions sheet shown: the two header rows and a dozen records."""
MARGIN = 6
"""White pixels kept around what is printed."""
WHITE = 250
"""A grey level from which a pixel counts as paper, not ink."""
WIDTH = 100
"""Longer lines of a command or its output are wrapped, for the page."""
NBSP = "\u00a0"
"""Stands for a space inside a quoted word while a command is wrapped."""


def main() -> None:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed: apt-get install libreoffice-calc libreoffice-writer "
                     "poppler-utils")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        hdnd_cli(work, "convert", str(EXAMPLE), WORKBOOK)
        with_mistakes(work / WORKBOOK, work / MISTAKES)
        with_clashing_numbers(work / WORKBOOK, work / CLASH)
        split_by_commune(work)
        with_clashing_ids(
            work / COMMUNES["x-hoa-loc"], work / COMMUNES["x-an-phu"], work / CLASHING
        )
        outputs = {name: hdnd_cli(work, *RUNS[name], status=REFUSED.get(name, 0)) for name in RUNS}
        together = hdnd_cli(work, "summary", *COMMUNES.values(), CITY, *REPORT)
        if together != outputs["summary"]:  # what the page says of several files
            sys.exit("the communes' files and the city's do not sum as the whole workbook does")
        PAGE.write_text(with_outputs(PAGE.read_text(encoding="utf-8"), outputs), "utf-8")
        print(f"wrote {len(outputs)} outputs into {PAGE.relative_to(ROOT)}")
        print_receptions(work / WORKBOOK)
        sheet = IMAGES / "vi-so-lieu-tiep-cong-dan.png"
        draw(printed(work / WORKBOOK, work), sheet, work, width=SHEET_WIDTH)
        page = printed(work / "bao-cao-quy-I-2023.docx", work)
        draw(page, IMAGES / "vi-bao-cao-trang-1.png", work)
        draft = printed(work / "bao-cao-du-thao.docx", work)
        draw(draft, IMAGES / "vi-bao-cao-du-thao.png", work, part=0.3)


def hdnd_cli(work: Path, *arguments: str, status: int = 0) -> str:
    """What the command line prints, in Vietnamese, in ``work``, as a terminal shows it;
    it must exit with ``status``."""
    done = subprocess.run(
        [sys.executable, "-m", "hdnd", *arguments],
        cwd=work,
        env={**os.environ, "HDND_LANG": "vi"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if done.returncode != status:
        sys.exit(f"hdnd {' '.join(arguments)} failed:\n{done.stdout}")
    return done.stdout


def with_outputs(page: str, outputs: dict[str, str]) -> str:
    """The page with each command and its output between the markers of its name."""
    for name, output in outputs.items():
        lines = _wrapped(output, hanging="" if name in PROSE else "    ")
        block = "\n".join(["```console", *_command(RUNS[name]), *lines, "```"])
        marker = re.compile(
            rf"(<!-- hdnd-run: {re.escape(name)} -->\n).*?(<!-- /hdnd-run -->)", re.S
        )
        places = list(marker.finditer(page))
        if len(places) != 1:
            sys.exit(f"{PAGE.relative_to(ROOT)} has {len(places)} places for the output {name!r}")
        (place,) = places
        page = f"{page[: place.start()]}{place[1]}{block}\n{place[2]}{page[place.end() :]}"
    return page


def _command(arguments: tuple[str, ...]) -> list[str]:
    """The command as typed, its lines continued with a backslash, quoted words unbroken."""
    words = [f'"{a}"'.replace(" ", NBSP) if " " in a else a for a in ("hdnd", *arguments)]
    lines = _wrap(" ".join(words), "$ ", width=WIDTH - 2)  # room for the backslash
    return [line.replace(NBSP, " ") for line in " \\\n".join(lines).split("\n")]


def _wrapped(output: str, hanging: str) -> list[str]:
    """Lines longer than :data:`WIDTH` wrapped, under their own indent and ``hanging``."""
    lines = []
    for line in output.rstrip("\n").split("\n"):
        lines += _wrap(line.lstrip(), line[: len(line) - len(line.lstrip())], hanging) or [""]
    return lines


def _wrap(text: str, indent: str, hanging: str = "    ", width: int = WIDTH) -> list[str]:
    return textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=" " * len(indent) + hanging,
        break_long_words=False, break_on_hyphens=False,
    )  # fmt: skip


def header_column(sheet: Worksheet, field: str) -> int:
    """The column of a field, found by its identifier in the header rows."""
    for row in sheet.iter_rows(max_row=2):
        for cell in row:
            if cell.value == field:
                return cell.column
    raise LookupError(f"no column {field} on sheet {sheet.title}")


def sheet_of(book: openpyxl.Workbook, key: str) -> Worksheet:
    """The sheet of a collection: named by its key, or by its Vietnamese title."""
    names = (key, spec_of(key).title_vi)
    (sheet,) = (s for s in book.worksheets if s.title in names)
    return sheet


def with_mistakes(workbook: Path, copy: Path) -> None:
    """A copy with a negative count, 31 February, a blank required cell and a label typed
    without accents (which is no mistake)."""
    book = openpyxl.load_workbook(workbook)
    sheet = sheet_of(book, "receptions")
    for row, field, value in (
        (4, "kind", "dinh ki"),
        (5, "turns", -4),
        (6, "date", "31/02/2023"),
        (7, "council_id", None),
    ):
        sheet.cell(row, header_column(sheet, field)).value = value  # cell(..., None) sets nothing
    book.save(copy)


def with_clashing_numbers(workbook: Path, copy: Path) -> None:
    """A copy whose last resolution takes the number of the one before it."""
    book = openpyxl.load_workbook(workbook)
    sheet = sheet_of(book, "resolutions")
    column = header_column(sheet, "number")
    last = sheet.max_row
    sheet.cell(last, column).value = sheet.cell(last - 1, column).value
    book.save(copy)


def split_by_commune(work: Path) -> None:
    """The example as a city office receives it: a workbook from each commune of
    :data:`COMMUNES`, with the commune's records and those they refer to, and the city's own
    file with the rest (and every council, person and body, as the city keeps them)."""
    example = hdnd.load(EXAMPLE)
    records = {(type(r), r.id): r for r in example.records()}
    sent: dict[tuple[type, str], Record] = {}
    for council_id, workbook in COMMUNES.items():
        own = [r for r in example.records() if council_id in (r.id, getattr(r, "council_id", ""))]
        commune = _with_references(own, records)
        hdnd.dump(Dataset.from_records(commune.values()), work / workbook)
        sent |= commune
    kept = (Council, Person, Body)
    rest = [r for key, r in records.items() if key not in sent or isinstance(r, kept)]
    hdnd.dump(Dataset.from_records(rest), work / CITY)


def _with_references(
    records: list[Record], every: dict[tuple[type, str], Record]
) -> dict[tuple[type, str], Record]:
    """The records and, recursively, every record they refer to, by type and id."""
    classes = {spec.tag: spec.cls for spec in map(spec_of, {type(r) for r in every.values()})}
    found: dict[tuple[type, str], Record] = {}
    while records:
        record = records.pop()
        if found.setdefault((type(record), record.id), record) is not record:
            continue
        for field, tag in spec_of(type(record)).references:
            value = getattr(record, field)
            for ref in value if isinstance(value, tuple) else (value,):
                if ref is not None:
                    records.append(every[(classes[tag], ref)])
    return found


def with_clashing_ids(source: Path, workbook: Path, copy: Path) -> None:
    """A copy of ``workbook`` whose first reception takes the id of the first in ``source``."""
    taken = sheet_of(openpyxl.load_workbook(source), "receptions")
    book = openpyxl.load_workbook(workbook)
    sheet = sheet_of(book, "receptions")
    column = header_column(sheet, "id")
    sheet.cell(3, column).value = taken.cell(3, header_column(taken, "id")).value
    book.save(copy)


def print_receptions(workbook: Path) -> None:
    """Sets the workbook to print only the top of its receptions sheet, as Excel shows it."""
    book = openpyxl.load_workbook(workbook)
    sheet = sheet_of(book, "receptions")
    for other in book.worksheets:
        if other is not sheet:
            other.sheet_state = "hidden"  # hidden sheets are not printed
    book.active = sheet
    sheet.print_area = f"A1:{get_column_letter(sheet.max_column)}{SHEET_ROWS}"
    for number, column in enumerate(sheet.iter_cols(min_row=3, max_row=SHEET_ROWS), start=1):
        if all(cell.value is None for cell in column):  # left empty by the example
            sheet.column_dimensions[get_column_letter(number)].hidden = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.headings = True  # row numbers and column letters
    sheet.print_options.gridLines = True
    book.save(workbook)


def printed(document: Path, work: Path) -> Path:
    """The PDF LibreOffice prints of ``document``, beside it."""
    profile = (work / "libreoffice").as_uri()  # a profile of its own: works beside a running one
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(document.parent), str(document)],
        check=True, capture_output=True,
    )  # fmt: skip
    return document.with_suffix(".pdf")


def draw(pdf: Path, image: Path, work: Path, width: int | None = None, part: float = 1) -> None:
    """Page 1 of ``pdf`` as a PNG, its top ``part`` cut to what is printed on it: at
    :data:`DPI`, or drawn ``width`` pixels across."""
    page = ["-f", "1", "-l", "1", "-singlefile", str(pdf)]
    grey = work / "page"  # pdftoppm adds ".pgm", or ".png", itself
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), *page, str(grey)], check=True)
    box = ink_box(grey.with_suffix(".pgm").read_bytes(), part)
    scale = 1.0 if width is None else width / box[2]
    x, y, across, down = (round(v * scale) for v in box)
    crop = ["-x", str(x), "-y", str(y), "-W", str(across), "-H", str(down)]
    resolution = ["-r", str(round(DPI * scale))]
    subprocess.run(
        ["pdftoppm", "-png", *resolution, *crop, *page, str(image.with_suffix(""))], check=True
    )
    print(f"wrote {image.relative_to(ROOT)} ({image.stat().st_size // 1024} KB)")


def ink_box(pgm: bytes, part: float = 1) -> tuple[int, int, int, int]:
    """Left, top, width and height of what is not paper in the top ``part`` of a binary PGM
    picture, with a margin.

    >>> ink_box(b"P5 4 3 255\\n" + bytes([255] * 4 + [255, 0, 0, 255] + [255] * 4))
    (0, 0, 4, 3)
    """
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", pgm)
    if header is None:
        raise ValueError("not a binary PGM picture")
    width, height = int(header[1]), round(int(header[2]) * part)
    pixels = pgm[header.end() :]
    paper = bytes(range(WHITE, 256))
    rows = [pixels[i * width : (i + 1) * width] for i in range(height)]
    inked = [i for i, row in enumerate(rows) if row.strip(paper)]
    if not inked:
        return 0, 0, width, height
    left = min(len(rows[i]) - len(rows[i].lstrip(paper)) for i in inked)
    right = max(len(rows[i].rstrip(paper)) for i in inked)
    top, bottom = max(inked[0] - MARGIN, 0), min(inked[-1] + 1 + MARGIN, height)
    left, right = max(left - MARGIN, 0), min(right + MARGIN, width)
    return left, top, right - left, bottom - top


if __name__ == "__main__":
    main()
