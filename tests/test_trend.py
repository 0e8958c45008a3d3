"""Trends (``--trend N``): the periods, the figures, the table and chart in every report,
and the summary as an Excel workbook (``--format xlsx``)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hdnd
from hdnd.model import Body, Council, Coverage, ReceptionSession
from hdnd.periods import HalfYear, InvalidPeriod, Month, NineMonths, Quarter, Year, parse_period
from hdnd.report import render
from hdnd.report.chart import NoChart
from hdnd.report.docx import write_docx
from hdnd.report.html import render_html
from hdnd.report.xlsx import write_xlsx
from hdnd.trend import MAX_PERIODS, Trend, summarize_trend, trend_periods

from .conftest import HdndCli

Q1_2023 = parse_period("quý I/2023")

# ------------------------------------------------------------------------- periods


def test_four_quarters_ending_with_q1_cross_the_year() -> None:
    assert [str(p) for p in trend_periods(Q1_2023, 4)] == [
        "quý II/2022",
        "quý III/2022",
        "quý IV/2022",
        "quý I/2023",
    ]


def test_six_month_periods_years_and_nine_months() -> None:
    assert [str(p) for p in trend_periods(parse_period("6 tháng cuối năm 2023"), 3)] == [
        "6 tháng cuối năm 2022",
        "6 tháng đầu năm 2023",
        "6 tháng cuối năm 2023",
    ]
    assert [str(p) for p in trend_periods(parse_period("năm 2023"), 3)] == [
        "năm 2021",
        "năm 2022",
        "năm 2023",
    ]
    assert trend_periods(NineMonths(year=2023), 2) == (NineMonths(year=2022), NineMonths(year=2023))


_TILING = st.one_of(
    st.builds(Month, year=st.integers(1950, 2100), month=st.integers(1, 12)),
    st.builds(Quarter, year=st.integers(1950, 2100), quarter=st.integers(1, 4)),
    st.builds(HalfYear, year=st.integers(1950, 2100), half=st.integers(1, 2)),
    st.builds(Year, year=st.integers(1950, 2100)),
)


@given(period=_TILING, n=st.integers(2, 5), cutoff=st.none() | st.integers(1, 28))
def test_trend_periods_tile_the_calendar_up_to_the_period(
    period: Month, n: int, cutoff: int | None
) -> None:
    import attrs

    period = attrs.evolve(period, cutoff_day=cutoff)
    periods = trend_periods(period, n)
    assert len(periods) == n
    assert periods[-1] == period
    assert {type(p) for p in periods} == {type(period)}
    for before, after in itertools.pairwise(periods):
        assert before.end + dt.timedelta(days=1) == after.start


@pytest.mark.parametrize("n", [-1, 0, 1, MAX_PERIODS + 1])
def test_trend_length_is_bounded(n: int) -> None:
    with pytest.raises(InvalidPeriod, match=f"2 to {MAX_PERIODS} periods, got {n}"):
        trend_periods(Q1_2023, n)


def test_a_trend_before_the_first_councils_is_refused() -> None:
    with pytest.raises(InvalidPeriod, match="would start before 1945"):
        trend_periods(parse_period("quý II/1945"), 3)


# ------------------------------------------------------------------------- figures


def _reception(i: int, day: dt.date, turns: int) -> ReceptionSession:
    return ReceptionSession(
        id=f"r{i}",
        council_id="t",
        date=day,
        kind=hdnd.ReceptionKind.periodic,
        host_body_id="t-tt",
        turns=turns,
        persons=turns,
        cases=1,
    )


def _dataset(covered: bool) -> hdnd.Dataset:
    """Receptions in three of the four quarters to quý I/2023, hand-counted below; with
    ``covered``, a coverage record says none were missed from 1/4/2022 to 31/3/2023."""
    council = Council(
        id="t", name="HĐND tỉnh", level=hdnd.Level.province, unit_type=hdnd.UnitType.province
    )
    body = Body(id="t-tt", council_id="t", kind=hdnd.BodyKind.standing_committee)
    receptions = [
        _reception(1, dt.date(2022, 5, 2), 3),  # quý II/2022
        _reception(2, dt.date(2022, 10, 3), 5),  # quý IV/2022
        _reception(3, dt.date(2022, 12, 30), 7),  # quý IV/2022
        _reception(4, dt.date(2023, 1, 1), 4),  # quý I/2023
        _reception(5, dt.date(2022, 3, 31), 100),  # quý I/2022: before the trend
    ]
    coverage = [
        Coverage(
            id="c",
            council_id="t",
            start=dt.date(2022, 4, 1),
            end=dt.date(2023, 3, 31),
            record_types=("reception",),
        )
    ]
    return hdnd.Dataset(
        councils=[council],
        bodies=[body],
        receptions=receptions,
        coverage=coverage if covered else [],
    )


def _values(trend: Trend) -> dict[str, tuple[int | None, ...]]:
    return {row.figure: row.values for row in trend.rows()}


def test_trend_figures_against_hand_counts() -> None:
    values = _values(summarize_trend(_dataset(covered=True), Q1_2023, 4, council="t"))
    assert values["receptions.total.sessions"] == (1, 0, 2, 1)
    assert values["receptions.total.turns"] == (3, 0, 12, 4)
    assert values["receptions.total.cases"] == (1, 0, 2, 1)
    # nothing says whether there were sessions: unknown in every period, never 0
    assert values["sessions.total"] == (None, None, None, None)


def test_an_uncovered_quarter_without_records_is_unknown_not_zero() -> None:
    values = _values(summarize_trend(_dataset(covered=False), Q1_2023, 4, council="t"))
    assert values["receptions.total.turns"] == (3, None, 12, 4)


def test_a_trend_of_no_data_has_no_rows() -> None:
    assert summarize_trend(hdnd.Dataset(), Q1_2023, 4).rows() == []


# ------------------------------------------------------------------------- reports


@pytest.fixture(scope="module")
def trend() -> Trend:
    return summarize_trend(_dataset(covered=False), Q1_2023, 4, council="t")


def test_text_and_markdown_have_the_trend_table(trend: Trend) -> None:
    now = trend.summaries[-1]
    text = render(now, trend=trend)
    assert "CÁC CHỈ TIÊU CHÍNH, TỪ QUÝ II/2022 ĐẾN QUÝ I/2023" in text
    assert "Quý II/2022  Quý III/2022  Quý IV/2022  Quý I/2023" in text
    table = render(now, format="markdown", trend=trend)
    assert "| Tiếp công dân › tổng › lượt | 3 |  | 12 | 4 |" in table
    assert table.endswith("Ô để trống: chưa có số liệu.")


def test_json_holds_the_trend_as_data(trend: Trend) -> None:
    data = json.loads(render(trend.summaries[-1], format="json", trend=trend, lang="en"))
    assert [p["name"] for p in data["trend"]["periods"]] == [
        "Q2 2022",
        "Q3 2022",
        "Q4 2022",
        "Q1 2023",
    ]
    assert data["trend"]["periods"][0]["start"] == "2022-04-01"
    turns = next(f for f in data["trend"]["figures"] if f["figure"] == "receptions.total.turns")
    assert turns == {
        "figure": "receptions.total.turns",
        "label": "Citizen receptions › total › turns",
        "values": [3, None, 12, 4],
    }


def test_csv_has_no_room_for_a_trend(trend: Trend) -> None:
    with pytest.raises(ValueError, match="one table"):
        render(trend.summaries[-1], format="csv", trend=trend)


def _trend_section(page: str) -> str:
    return page[page.index('<section class="trend">') :].split("</section>")[0]


def test_html_has_the_chart_as_svg_and_the_table(trend: Trend) -> None:
    section = _trend_section(render_html(trend.summaries[-1], trend=trend))
    assert "<h2>Các chỉ tiêu chính, từ quý II/2022 đến quý I/2023</h2>" in section
    assert section.count("<svg") == 1
    assert "<?xml" not in section  # inline: the element alone
    assert "Tiếp công dân › tổng › lượt" in section.split("<table>")[0]  # a panel's title
    assert '<td class="n">12</td><td class="n">4</td>' in section


def test_the_chart_is_the_same_every_time(trend: Trend) -> None:
    from hdnd.report.chart import trend_png, trend_svg

    assert trend_svg(trend) == trend_svg(trend)
    assert trend_png(trend) == trend_png(trend)


def test_word_has_the_chart_as_a_picture_and_the_table(trend: Trend) -> None:
    out = io.BytesIO()
    write_docx(trend.summaries[-1], None, out, trend=trend)
    document = docx.Document(out)
    (picture,) = document.inline_shapes
    assert 150 <= picture.width.mm <= 165  # the text's width on A4
    assert "CÁC CHỈ TIÊU CHÍNH, TỪ QUÝ II/2022 ĐẾN QUÝ I/2023" in [
        p.text for p in document.paragraphs
    ]
    table = document.tables[-2]  # the last is the signature block
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "Quý II/2022",
        "Quý III/2022",
        "Quý IV/2022",
        "Quý I/2023",
    ]


def test_without_matplotlib_the_table_stays_and_a_warning_says_how(
    trend: Trend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    with pytest.warns(NoChart, match=r"pip install 'hdnd\[charts\]'"):
        section = _trend_section(render_html(trend.summaries[-1], trend=trend))
    assert "<svg" not in section
    assert '<td class="n">12</td><td class="n">4</td>' in section
    out = io.BytesIO()
    with pytest.warns(NoChart):
        write_docx(trend.summaries[-1], None, out, trend=trend)
    assert len(docx.Document(out).inline_shapes) == 0


# ------------------------------------------------------------------------- workbook


def test_workbook_sheets_headers_and_number_cells() -> None:
    data = _dataset(covered=False)
    now, then = hdnd.summarize_periods(data.records(), [Q1_2023, hdnd.baseline(Q1_2023)], "t")
    out = io.BytesIO()
    trend = summarize_trend(data, Q1_2023, 4, council="t")
    write_xlsx(now, hdnd.compare(now, then), out, trend=trend)
    book = openpyxl.load_workbook(out)
    # a section per sheet; one whose main figures are unknown too, with empty cells
    assert book.sheetnames[:3] == ["Giám sát", "Tiếp công dân", "Đơn thư"]
    assert book.sheetnames[-1] == "Diễn biến"
    unknown = list(book["Giám sát"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert unknown == [("Giám sát › số cuộc đã thực hiện", None, None, None, None)]
    sheet = book["Tiếp công dân"]
    assert [c.value for c in sheet[1]] == [
        "Chỉ tiêu",
        "Quý I/2023",
        "Quý I/2022",
        "Tăng/giảm",
        "Tăng/giảm (%)",
    ]
    assert sheet.freeze_panes == "B2"
    turns = next(
        r for r in sheet.iter_rows(values_only=True) if r[0] == "Tiếp công dân › tổng › lượt"
    )
    assert turns == ("Tiếp công dân › tổng › lượt", 4, 100, -96, pytest.approx(-0.96))
    assert sheet["E2"].number_format == "0.00%"
    trend_sheet = book["Diễn biến"]
    assert [c.value for c in trend_sheet[1]] == [
        "Chỉ tiêu",
        "Quý II/2022",
        "Quý III/2022",
        "Quý IV/2022",
        "Quý I/2023",
    ]
    turns = next(
        r for r in trend_sheet.iter_rows(values_only=True) if r[0] == "Tiếp công dân › tổng › lượt"
    )
    assert turns == ("Tiếp công dân › tổng › lượt", 3, None, 12, 4)  # unknown: an empty cell
    assert trend_sheet.cell(trend_sheet.max_row, 1).value == "Ô để trống: chưa có số liệu."


def test_workbook_headers_in_english() -> None:
    now = hdnd.summarize(_dataset(covered=True), Q1_2023, "t")
    out = io.BytesIO()
    write_xlsx(now, None, out, lang="en")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[1] == "Citizen receptions"
    assert [c.value for c in book["Citizen receptions"][1]] == ["Figure", "Q1 2023"]


def test_workbook_of_nothing_says_so() -> None:
    out = io.BytesIO()
    write_xlsx(hdnd.summarize(hdnd.Dataset(), Q1_2023), None, out)
    book = openpyxl.load_workbook(out)
    assert book["Số liệu"]["A1"].value == "Không có số liệu trong kỳ."


# ------------------------------------------------------------------------- command line


def test_cli_summary_xlsx_with_trend(hdnd_cli: HdndCli, example_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "q1.xlsx"
    done = hdnd_cli(
        "summary",
        str(example_path),
        "--period",
        "quý I/2023",
        "--council",
        "tp",
        "--with-subordinates",
        "--trend",
        "4",
        "--format",
        "xlsx",
        "--output",
        str(out),
        "--lang",
        "vi",
    )
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Giám sát"
    assert book.sheetnames[-1] == "Diễn biến"
    row = next(
        r
        for r in book["Giám sát"].iter_rows(values_only=True)
        if r[0] == "Giám sát › số cuộc đã thực hiện"
    )
    assert row[:4] == ("Giám sát › số cuộc đã thực hiện", 38, 34, 4)


def test_cli_refuses_a_workbook_on_standard_output(hdnd_cli: HdndCli, example_path: Path) -> None:
    done = hdnd_cli("summary", str(example_path), "--period", "quý I/2023", "--format", "xlsx")
    assert done.returncode == 2
    assert "an Excel workbook is a file: give --output PATH.xlsx" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("n", ["1", "41", "x"])
def test_cli_trend_length_is_checked(hdnd_cli: HdndCli, example_path: Path, n: str) -> None:
    done = hdnd_cli("summary", str(example_path), "--period", "quý I/2023", "--trend", n)
    assert done.returncode == 2
    assert f"argument --trend: expected a whole number from 2 to 40, got '{n}'" in done.stderr


def test_cli_report_trend_4_in_html_and_word(
    hdnd_cli: HdndCli, example_path: Path, tmp_path: Path
) -> None:
    common = [
        "report",
        str(example_path),
        "--period",
        "quý I/2023",
        "--council",
        "tp",
        "--trend",
        "4",
    ]
    page = tmp_path / "q1.html"
    done = hdnd_cli(*common, "--format", "html", "--output", str(page))
    assert done.returncode == 0, done.stderr
    assert _trend_section(page.read_text(encoding="utf-8")).count("<svg") == 1
    word = tmp_path / "q1.docx"
    done = hdnd_cli(*common, "--output", str(word))
    assert done.returncode == 0, done.stderr
    assert len(docx.Document(word).inline_shapes) == 1


def test_cli_without_matplotlib_writes_the_table_and_says_how_to_get_the_chart(
    example_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from hdnd.cli import main

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    page = tmp_path / "q1.html"
    status = main(
        [
            "report",
            str(example_path),
            "--period",
            "quý I/2023",
            "--council",
            "tp",
            "--trend",
            "4",
            "--format",
            "html",
            "--output",
            str(page),
            "--quiet",
        ]
    )
    assert status == 0
    err = capsys.readouterr().err
    assert err == "hdnd: warning: the chart needs matplotlib: pip install 'hdnd[charts]'\n"
    section = _trend_section(page.read_text(encoding="utf-8"))
    assert "<svg" not in section
    assert "<table>" in section
