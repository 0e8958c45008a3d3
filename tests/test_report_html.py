"""The HTML report: one self-contained page, well formed, with every figure of the source report.

The expected figures are the source report's own (shared/sources/q1-2023-city-briefing.txt).
The last test opens the page in headless Chromium, when there is one.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

import hdnd
from hdnd.cli import main
from hdnd.enums import Level, ReceptionKind, UnitType
from hdnd.model import Council, ReceptionSession
from hdnd.report import MAIN_FIGURES, render, rows
from hdnd.report.html import render_html
from hdnd.summary import Summary

Q1_2023 = hdnd.parse_period("quý I/2023")

SOURCE_FIGURES = (
    "11 cuộc giám sát chuyên đề",
    "27 cuộc giám sát, khảo sát đột xuất, thường xuyên",
    "tiếp 74 lượt với 144 công dân, 74 vụ việc (giảm 4 lượt, giảm 6 vụ việc so cùng kỳ)",
    "204 buổi tiếp công dân định kỳ",
)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class Page(HTMLParser):
    """The page's text, tags and attributes; raises on a tag closed out of order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()
        assert self.open == [], f"elements never closed: {self.open}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))  # <rect .../> in SVG: opened and closed

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1:] == [tag], f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


@pytest.fixture(scope="module")
def summaries(city: hdnd.Dataset) -> tuple[Summary, Summary]:
    now, then = hdnd.summarize_periods(
        city.records(), [Q1_2023, hdnd.baseline(Q1_2023)], council="tp", with_subordinates=True
    )
    return now, then


@pytest.fixture(scope="module")
def page(summaries: tuple[Summary, Summary]) -> str:
    now, then = summaries
    return render_html(now, hdnd.compare(now, then))


def test_the_page_is_well_formed_vietnamese_html(page: str) -> None:
    parsed = Page(page)
    assert page.startswith("<!DOCTYPE html>")
    assert parsed.find("html") == [{"lang": "vi"}]
    assert {"charset": "utf-8"} in parsed.find("meta")
    viewport = {"name": "viewport", "content": "width=device-width, initial-scale=1"}
    assert viewport in parsed.find("meta")
    assert "@media print" in page
    assert "Noto Sans" in page  # a font stack with Vietnamese in every font


def test_the_page_holds_every_figure_of_the_source_report(page: str) -> None:
    text = Page(page).text
    for figure in SOURCE_FIGURES:
        assert figure in text
    assert "KẾT QUẢ HOẠT ĐỘNG CỦA HĐND 2 CẤP QUÝ I/2023" in text
    # the table, per level: the city's standing committee, then the communes
    assert "HĐND cấp huyện Giám sát › số cuộc đã thực hiện 9 4 +5 (+125%)" in text
    assert "Tiếp công dân › tổng › lượt 74 78 -4 (-5,13%)" in text
    assert "Tiếp công dân › tổng › vụ việc 74 80 -6 (-7,5%)" in text
    assert "HĐND cấp xã" in text
    assert "Tiếp công dân › tổng › buổi 204 198 +6 (+3,03%)" in text


def test_every_main_figure_has_its_chart(summaries: tuple[Summary, Summary], page: str) -> None:
    now, then = summaries
    charted = list(rows(now, hdnd.compare(now, then), figures=MAIN_FIGURES))
    parsed = Page(page)
    svgs = parsed.find("svg")
    # 15 main figures for all levels and for the city (each with records in one of the
    # two quarters); the communes recorded the 6 of oversight and receptions only, their
    # other 9 are unknown: empty cells, no chart. Those with no figure for quý I/2022
    # (voter petitions, confidence votes) have nothing to chart either.
    compared = [row for row in charted if None not in (row["current"], row["previous"])]
    assert len(charted) == 15 + 15 + 15
    assert len(svgs) == len(compared) == 12 + 12 + 6
    assert all(svg["role"] == "img" and svg["aria-label"] for svg in svgs)
    labels = [svg["aria-label"] for svg in svgs]
    assert "Tiếp công dân › tổng › lượt: 74 (quý I/2023), 78 (quý I/2022)" in labels
    # each chart has the two bars, the longer one full length
    bars = [float(rect["width"] or "") for rect in parsed.find("rect")]
    assert len(bars) == 2 * len(svgs)
    assert all(max(pair) == 200 for pair in zip(bars[::2], bars[1::2], strict=True))


def test_the_page_fetches_nothing(page: str) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(", page, re.I)


def test_text_from_the_data_is_escaped() -> None:
    data = hdnd.Dataset(
        councils=[
            Council(
                id="x",
                name='HĐND <script>alert("x")</script> & co',
                level=Level.commune,
                unit_type=UnitType.commune,
            )
        ],
        receptions=[
            ReceptionSession(
                id="r",
                council_id="x",
                date=dt.date(2023, 2, 1),
                kind=ReceptionKind.periodic,
                turns=3,
                persons=4,
                cases=3,
            )
        ],
    )
    now, then = hdnd.summarize_periods(data.records(), [Q1_2023, hdnd.baseline(Q1_2023)], "x")
    page = render_html(now, hdnd.compare(now, then))
    assert "<script" not in page
    assert "HĐND &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page
    assert 'HĐND <script>alert("x")</script> & co' in Page(page).text


def test_english_and_no_comparison(summaries: tuple[Summary, Summary]) -> None:
    now, _ = summaries
    parsed = Page(render_html(now, lang="en"))
    assert parsed.find("html") == [{"lang": "en"}]
    assert parsed.find("svg") == []  # nothing to compare with, nothing to chart
    assert [len(parsed.find("th")) > 0, "Main figures" in parsed.text] == [True, True]
    assert "Figure Q1 2023 All levels" in parsed.text


def test_an_empty_period_still_makes_a_page() -> None:
    empty = hdnd.summarize(hdnd.Dataset(), hdnd.parse_period("năm 2023"))
    parsed = Page(render_html(empty, hdnd.compare(empty, empty)))
    assert "Không có số liệu trong kỳ." in parsed.text
    assert parsed.find("svg") == []


def test_render_writes_html_too(summaries: tuple[Summary, Summary], page: str) -> None:
    now, then = summaries
    assert render(now, hdnd.compare(now, then), format="html") == page


def test_the_command_writes_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example_path: Path
) -> None:
    out = tmp_path / "q1.html"
    args = ["report", str(example_path), "--period", "quý I/2023", "--council", "tp"]
    html = ["--format", "html", "--lang", "vi"]
    assert main([*args, "--with-subordinates", *html, "--output", str(out)]) == 0
    assert "74 lượt với 144 công dân" in Page(out.read_text(encoding="utf-8")).text
    assert main([*args, "--format", "html", "--lang", "en"]) == 0
    assert '<html lang="en">' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--number", "46"], "--number: only for --format docx"),
        (["--place", "X", "--date", "1/1/2023"], "--place, --date: only for --format docx"),
    ],
)
def test_word_only_options_are_refused(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str], example_path: Path
) -> None:
    args = ["report", str(example_path), "--period", "quý I/2023", "--format", "html", *options]
    assert main(args) == 2
    assert capsys.readouterr().err == f"hdnd: error: {message}\n"


# -- in a browser ---------------------------------------------------------------------------

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip(f"no headless browser ({', '.join(BROWSERS)}) on PATH")
    return found


def headless(executable: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run(
        [executable, *flags, *args], capture_output=True, text=True, timeout=30, check=True
    )


def png_rows(data: bytes, limit: int) -> Iterator[bytes]:
    """The first ``limit`` rows of pixels of an 8-bit RGB(A) PNG, unfiltered (PNG spec §9)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        chunks.append((data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]))
        offset += 12 + length
    width, _, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    assert (depth, colour) in ((8, 2), (8, 6)), "a browser screenshot is 8-bit RGB or RGBA"
    step = 3 if colour == 2 else 4
    stream = zlib.decompressobj()
    raw = b"".join(stream.decompress(body) for kind, body in chunks if kind == b"IDAT")
    stride, previous = width * step, bytes(width * step)
    for y in range(limit):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (
                    line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)
                ) & 0xFF
        previous = bytes(line)
        yield previous


def test_the_page_in_a_browser(page: str, tmp_path: Path) -> None:
    executable = browser()
    html, shot = tmp_path / "report.html", tmp_path / "report.png"
    html.write_text(page, encoding="utf-8")
    url = html.as_uri()
    headless(
        executable, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,2000", url
    )
    dom = headless(executable, tmp_path / "profile", "--dump-dom", url).stdout
    text = Page(dom).text
    for figure in SOURCE_FIGURES:
        assert figure in text
    # not blank: the backdrop, the sheet, the text; and the charts drew their bars
    top = png_rows(shot.read_bytes(), 1000)
    colours = {line[i : i + 3] for line in top for i in range(0, len(line), 12)}
    assert {b"\xee\xf1\xf5", b"\xff\xff\xff", b"\x1d\x27\x33"} <= colours  # --page, paper, --ink
    assert b"\x1f\x5f\x99" in colours  # --now, the colour of this period's bars
