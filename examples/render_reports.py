"""Pictures of the reports for the docs: the Word report's first page and the web page.

Run from the repository root: ``python examples/render_reports.py``. It writes the Word
report and the web page of quý I/2023 (the city and its communes, so cùng kỳ) into a
temporary folder, then

* ``docs/img/report-docx-page1.png``: page 1 of the Word report, converted to PDF by
  LibreOffice (``soffice``) and drawn by ``pdftoppm`` (poppler-utils);
* ``docs/img/report-html.png``: the web page in headless Chromium.

A picture whose tool is missing is skipped with a note; the others are still made.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import hdnd
from hdnd.report.docx import write_docx
from hdnd.report.html import render_html

ROOT = Path(__file__).parent.parent
DATA = ROOT / "examples" / "data" / "city-q1-2023.json"
IMAGES = ROOT / "docs" / "img"
CHROMIUM = (
    "--headless",
    "--no-sandbox",  # needed when run as root, as in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def main() -> None:
    city = hdnd.load(DATA)
    quarter = hdnd.parse_period("quý I/2023")
    now, then = hdnd.summarize_periods(
        city.records(), [quarter, hdnd.baseline(quarter)], council="tp", with_subordinates=True
    )
    comparison = hdnd.compare(now, then)
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report = work / "bao-cao-quy-I-2023.docx"
        # the briefing's own date; number and place are left for the office to fill in
        write_docx(now, comparison, report, dataset=city, date=dt.date(2023, 4, 17))
        docx_page(report, IMAGES / "report-docx-page1.png", work)
        page = work / "bao-cao-quy-I-2023.html"
        page.write_text(render_html(now, comparison), encoding="utf-8")
        screenshot(page, IMAGES / "report-html.png", work)


def docx_page(report: Path, image: Path, work: Path) -> None:
    """Page 1 of a Word file as a PNG: LibreOffice makes a PDF, pdftoppm draws its page."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        skipped(image, "needs LibreOffice (soffice) and pdftoppm (poppler-utils)")
        return
    profile = (work / "libreoffice").as_uri()  # its own profile: works beside a running one
    convert = ["--headless", "--convert-to", "pdf", "--outdir", str(work), str(report)]
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", *convert], check=True, capture_output=True
    )
    pdf = report.with_suffix(".pdf")
    stem = image.with_suffix("")  # pdftoppm adds ".png" itself
    subprocess.run(
        ["pdftoppm", "-png", "-r", "96", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    made(image)


def screenshot(page: Path, image: Path, work: Path) -> None:
    """A web page as Chromium draws it, 1200 × 2000 pixels, with nothing fetched."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        skipped(image, "needs Chromium")
        return
    shot = [f"--screenshot={image}", "--window-size=1200,2000", page.as_uri()]
    profile = f"--user-data-dir={work / 'chromium'}"
    subprocess.run([browser, *CHROMIUM, profile, *shot], check=True, capture_output=True)
    made(image)


def made(image: Path) -> None:
    print(f"wrote {image.relative_to(ROOT)} ({image.stat().st_size // 1024} KB)")


def skipped(image: Path, reason: str) -> None:
    print(f"skipped {image.relative_to(ROOT)}: {reason}", file=sys.stderr)


if __name__ == "__main__":
    main()
