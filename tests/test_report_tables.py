"""The tables of every report format: an unknown figure is an empty cell, never 0 nor dropped.

A record type not covered for a scope and period has unknown figures (``None``): a table
shows them as empty cells, with a note saying what an empty cell means, and an empty
change when either side is unknown. With ``by_council``, the reports add a table with a
row per council. The datasets and the values expected are written by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from html.parser import HTMLParser
from pathlib import Path

import attrs
import docx
import pytest

import hdnd
import hdnd.report
from hdnd.enums import (
    BodyKind,
    Level,
    OversightKind,
    OversightStatus,
    PetitionField,
    PetitionKind,
    PetitionStatus,
    ReceptionKind,
    SessionKind,
    UnitType,
    VoterPetitionStatus,
)
from hdnd.model import (
    Body,
    Council,
    Coverage,
    OversightActivity,
    Petition,
    ReceptionSession,
    Resolution,
    Session,
    VoterPetition,
)
from hdnd.report import MAIN_FIGURES, _charts, render, rows
from hdnd.report._table import cells, council_rows, main_groups
from hdnd.report.docx import write_docx
from hdnd.summary import Figures, PetitionFigures, ReceptionCounts, ReceptionFigures, Summary

YEAR = hdnd.parse_period("năm 2026")
BEFORE = hdnd.parse_period("năm 2025")
NOTE_VI = "Ô để trống: chưa có số liệu."
NOTE_EN = "An empty cell: no figures recorded."
TURNS = "Tiếp công dân › tổng › lượt"


def summary(figures: Figures, period: hdnd.Period = YEAR) -> Summary:
    return Summary(
        period=period,
        council_id="tp",
        with_subordinates=False,
        councils=("tp",),
        figures=figures,
        names={"tp": "HĐND thành phố"},
    )


# The prose is not what these tests look at: a template of one line stands in for it.
PROSE = Path(__file__).parent / "data" / "one-line-prose.txt.j2"


def page(
    s: Summary, comparison: hdnd.Comparison | None = None, lang: hdnd.report.Lang = "vi"
) -> Tables:
    """The tables of the web page on ``s``."""
    return Tables(render(s, comparison, lang=lang, format="html", template=PROSE))


# receptions not covered (unknown), three petitions received
UNKNOWN_RECEPTIONS = summary(Figures(receptions=None, petitions=PetitionFigures(received=3)))


class Tables(HTMLParser):
    """Each table of a page as rows of cell texts; and the text of each ``p.note``."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.notes: list[str] = []
        self._cell: list[str] | None = None
        self._note = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "p" and ("class", "note") in attrs:
            self._note = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "p":
            self._note = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._note:
            self.notes.append(data)


def docx_tables(document: docx.document.Document) -> list[list[list[str]]]:
    """Each table's rows, a table of figures without its STT column (test_report_docx.py's)."""
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    return [[row[1:] for row in t] if t[0][0] == "STT" else t for t in tables]


def docx_of(
    s: Summary, comparison: hdnd.Comparison | None = None, **options: object
) -> docx.document.Document:
    out = io.BytesIO()
    write_docx(s, comparison, out, prose_template=PROSE, **options)  # type: ignore[arg-type]
    return docx.Document(out)


# -- a figure unknown: an empty cell ---------------------------------------------------------


def test_an_unknown_figure_is_an_empty_cell_not_zero() -> None:
    row = {"label": TURNS, "current": None, "previous": 40, "change": None, "percent": None}
    assert cells(row) == {"label": TURNS, "current": "", "previous": "40", "change": ""}
    row = {"label": TURNS, "current": 0, "previous": None, "change": None, "percent": None}
    assert cells(row) == {"label": TURNS, "current": "0", "previous": "", "change": ""}


def test_an_unknown_main_figure_keeps_its_row() -> None:
    main = [(r["figure"], r["current"]) for r in rows(UNKNOWN_RECEPTIONS, figures=MAIN_FIGURES)]
    assert main[:5] == [
        ("receptions.total.sessions", None),
        ("receptions.total.turns", None),
        ("receptions.total.persons", None),
        ("receptions.total.cases", None),
        ("petitions.received", 3),
    ]
    # a known zero is left out, as before: no oversight, no sessions
    assert "oversight.conducted" not in dict(main)
    assert "sessions.total" not in dict(main)


def test_html_shows_an_unknown_main_figure_as_an_empty_cell() -> None:
    tables = page(UNKNOWN_RECEPTIONS)
    (table,) = tables.tables
    assert table[0] == ["Chỉ tiêu", "Năm 2026"]
    assert [TURNS, ""] in table
    assert ["Đơn thư › tiếp nhận", "3"] in table
    assert tables.notes == [NOTE_VI]


def test_html_in_english_says_the_same() -> None:
    tables = page(UNKNOWN_RECEPTIONS, lang="en")
    assert ["Citizen receptions › total › turns", ""] in tables.tables[0]
    assert tables.notes == [NOTE_EN]


def test_docx_shows_an_unknown_main_figure_as_an_empty_cell() -> None:
    document = docx_of(UNKNOWN_RECEPTIONS)
    figures = docx_tables(document)[1]
    assert [TURNS, ""] in figures
    assert ["Đơn thư › tiếp nhận", "3"] in figures
    assert NOTE_VI in [p.text for p in document.paragraphs]


def test_no_note_when_every_figure_is_known() -> None:
    known = summary(Figures(petitions=PetitionFigures(received=3)))
    assert page(known).notes == []
    assert NOTE_VI not in [p.text for p in docx_of(known).paragraphs]
    assert NOTE_VI not in render(known, format="markdown")


def test_markdown_shows_an_unknown_main_figure_as_an_empty_cell() -> None:
    text = render(UNKNOWN_RECEPTIONS, format="markdown")
    assert f"| {TURNS} |  |" in text.splitlines()
    assert "| Đơn thư › tiếp nhận | 3 |" in text.splitlines()
    assert text.endswith(NOTE_VI)


def test_csv_writes_an_unknown_figure_as_an_empty_field() -> None:
    table = list(csv.DictReader(io.StringIO(render(UNKNOWN_RECEPTIONS, format="csv"))))
    (turns,) = [row for row in table if row["figure"] == "receptions.total.turns"]
    assert (turns["current"], turns["previous"], turns["change"], turns["percent"]) == ("",) * 4
    (received,) = [row for row in table if row["figure"] == "petitions.received"]
    assert received["current"] == "3"


# -- a comparison with an unknown side: no change ---------------------------------------------

NOW = summary(Figures(petitions=PetitionFigures(received=3)))
THEN = summary(Figures(receptions=None, petitions=None), BEFORE)


def test_a_change_against_an_unknown_previous_is_empty() -> None:
    comparison = hdnd.compare(NOW, THEN)
    (turns,) = [r for r in rows(NOW, comparison) if r["figure"] == "receptions.total.turns"]
    assert (turns["current"], turns["previous"], turns["change"]) == (0, None, None)
    assert cells(turns)["change"] == ""
    (received,) = [r for r in rows(NOW, comparison) if r["figure"] == "petitions.received"]
    assert cells(received) == {
        "label": "Đơn thư › tiếp nhận",
        "current": "3",
        "previous": "",
        "change": "",
    }


def test_a_figure_unknown_now_and_known_before_shows() -> None:
    before = summary(Figures(receptions=ReceptionFigures(total=ReceptionCounts(turns=40))), BEFORE)
    comparison = hdnd.compare(UNKNOWN_RECEPTIONS, before)
    shown = {r["figure"]: cells(r) for r in rows(UNKNOWN_RECEPTIONS, comparison)}
    assert shown["receptions.total.turns"] == {
        "label": TURNS,
        "current": "",
        "previous": "40",
        "change": "",
    }
    # unknown now, known zero before: a main figure shows, another is left out
    assert shown["receptions.total.cases"]["current"] == ""
    assert "receptions.total.mass_groups" not in shown


def test_every_format_shows_no_change_against_an_unknown_previous() -> None:
    comparison = hdnd.compare(NOW, THEN)
    assert "| Đơn thư › tiếp nhận | 3 |  |  |" in render(NOW, comparison, format="markdown")
    table = page(NOW, comparison).tables[-1]
    assert ["Đơn thư › tiếp nhận", "3", "", ""] in table
    assert ["Đơn thư › tiếp nhận", "3", "", ""] in docx_tables(docx_of(NOW, comparison))[1]
    lines = list(csv.reader(io.StringIO(render(NOW, comparison, format="csv"))))
    assert ["petitions.received", "Đơn thư › tiếp nhận", "3", "", "", ""] in lines


def test_charts_leave_out_rows_with_an_unknown_side() -> None:
    known = {"label": "a", "current": 4, "previous": 2, "change": 2, "percent": 100.0}
    unknown_now = {"label": "b", "current": None, "previous": 2, "change": None, "percent": None}
    unknown_then = {"label": "c", "current": 4, "previous": None, "change": None, "percent": None}
    charts = _charts([("Tổng", [known, unknown_now]), ("HĐND cấp xã", [unknown_then])], "vi")
    assert [(title, [c["label"] for c in group]) for title, group in charts] == [("Tổng", ["a"])]
    ((_, (chart,)),) = charts
    assert (chart["now"], chart["then"], chart["trend"]) == (200.0, 100.0, "up")


# -- a national file: by level, then by council -------------------------------------------------


def dataset() -> hdnd.Dataset:
    """A province and two communes, counted by hand below.

    The province recorded every main figure. Commune Yên Lư recorded a session, a
    resolution and receptions, and covered petitions (none came): its oversight and voter
    petitions are unknown. Commune Đông Phú recorded one voter petition, nothing else.
    """
    day = dt.date(2026, 3, 10)
    return hdnd.Dataset.from_records(
        [
            Council(
                id="p", name="HĐND tỉnh Bắc Ninh", level=Level.province, unit_type=UnitType.province
            ),
            Council(
                id="y",
                name="HĐND xã Yên Lư",
                level=Level.commune,
                unit_type=UnitType.commune,
                parent_id="p",
            ),
            Council(
                id="d",
                name="HĐND xã Đông Phú",
                level=Level.commune,
                unit_type=UnitType.commune,
                parent_id="p",
            ),
            Body(
                id="p-tt",
                council_id="p",
                kind=BodyKind.standing_committee,
                name="Thường trực HĐND tỉnh",
            ),
            Session(id="p-s", council_id="p", number=1, kind=SessionKind.regular, start=day),
            Resolution(id="p-r1", council_id="p", number="01/NQ-HĐND", date=day, title="Một"),
            Resolution(id="p-r2", council_id="p", number="02/NQ-HĐND", date=day, title="Hai"),
            OversightActivity(
                id="p-o",
                council_id="p",
                body_id="p-tt",
                kind=OversightKind.thematic,
                subject="Đất đai",
                start=day,
                status=OversightStatus.completed,
            ),
            ReceptionSession(
                id="p-t",
                council_id="p",
                date=day,
                kind=ReceptionKind.periodic,
                turns=10,
                persons=12,
                cases=9,
            ),
            Petition(
                id="p-p",
                council_id="p",
                received=day,
                kind=PetitionKind.complaint,
                field=PetitionField.land,
                status=PetitionStatus.received,
            ),
            VoterPetition(
                id="p-v1", council_id="p", received=day, status=VoterPetitionStatus.received
            ),
            VoterPetition(
                id="p-v2", council_id="p", received=day, status=VoterPetitionStatus.received
            ),
            Session(id="y-s", council_id="y", number=1, kind=SessionKind.regular, start=day),
            Resolution(id="y-r", council_id="y", number="01/NQ-HĐND", date=day, title="Một"),
            ReceptionSession(
                id="y-t",
                council_id="y",
                date=day,
                kind=ReceptionKind.periodic,
                turns=3,
                persons=3,
                cases=2,
            ),
            Coverage(
                id="y-c",
                council_id="y",
                start=dt.date(2026, 1, 1),
                end=dt.date(2026, 12, 31),
                record_types=("petition",),
            ),
            VoterPetition(
                id="d-v", council_id="d", received=day, status=VoterPetitionStatus.received
            ),
        ]
    )


@pytest.fixture(scope="module")
def national() -> tuple[hdnd.Dataset, Summary]:
    data = dataset()
    return data, hdnd.summarize(data, YEAR, with_subordinates=True, by_council=True)


COUNCIL_ROWS = [
    # council, level, sessions, resolutions, oversight, turns, cases, petitions, voter petitions
    ["HĐND tỉnh Bắc Ninh", "Cấp tỉnh", "1", "2", "1", "10", "9", "1", "2"],
    ["HĐND xã Đông Phú", "Cấp xã", "", "", "", "", "", "", "1"],
    ["HĐND xã Yên Lư", "Cấp xã", "1", "1", "", "3", "2", "0", ""],
]
COUNCIL_HEAD = [
    "HĐND",
    "Cấp",
    "Kỳ họp",
    "Nghị quyết",
    "Cuộc giám sát",
    "Lượt tiếp công dân",
    "Vụ việc",
    "Đơn tiếp nhận",
    "Kiến nghị cử tri",
]


def without_level(row: list[str]) -> list[str]:
    return [row[0], *row[2:]]


def test_council_rows_by_level_then_name(national: tuple[hdnd.Dataset, Summary]) -> None:
    data, s = national
    levels = {c.id: c.level for c in data.councils}
    assert council_rows(s, "vi", levels) == COUNCIL_ROWS
    assert s.council_levels == levels  # by_council=True: the summary knows them too
    assert council_rows(s, "vi") == COUNCIL_ROWS
    unlevelled = attrs.evolve(s, council_levels={})
    assert council_rows(unlevelled, "vi") == [without_level(row) for row in COUNCIL_ROWS]


def test_the_level_groups_are_titled_by_level(national: tuple[hdnd.Dataset, Summary]) -> None:
    _, s = national
    titles = [title for title, _ in main_groups(s, None, "vi")]
    assert titles == ["Tổng hợp các cấp", "HĐND cấp tỉnh", "HĐND cấp xã"]
    titles = [title for title, _ in main_groups(s, None, "en")]
    assert titles == ["All levels", "Councils at provincial level", "Councils at commune level"]


def test_the_docx_has_a_table_per_council(national: tuple[hdnd.Dataset, Summary]) -> None:
    data, s = national
    document = docx_of(s, dataset=data)
    councils = docx_tables(document)[2]
    assert councils == [COUNCIL_HEAD, *COUNCIL_ROWS]
    assert "SỐ LIỆU TỪNG HĐND" in [p.text for p in document.paragraphs]


def test_html_and_markdown_have_a_table_per_council(national: tuple[hdnd.Dataset, Summary]) -> None:
    _, s = national
    tables = page(s)
    assert tables.tables[-1] == [COUNCIL_HEAD, *COUNCIL_ROWS]
    assert NOTE_VI in tables.notes
    text = render(s, format="markdown").split("## Số liệu từng HĐND\n\n")[1]
    assert text.splitlines()[2:5] == [
        "| HĐND tỉnh Bắc Ninh | Cấp tỉnh | 1 | 2 | 1 | 10 | 9 | 1 | 2 |",
        "| HĐND xã Đông Phú | Cấp xã |  |  |  |  |  |  | 1 |",
        "| HĐND xã Yên Lư | Cấp xã | 1 | 1 |  | 3 | 2 | 0 |  |",
    ]
    assert text.endswith(NOTE_VI)


def test_without_by_council_no_council_table(national: tuple[hdnd.Dataset, Summary]) -> None:
    data, _ = national
    s = hdnd.summarize(data, YEAR, with_subordinates=True)
    assert "Số liệu từng HĐND" not in render(s, format="markdown")
    assert page(s).tables[-1][0] == ["Chỉ tiêu", "Năm 2026"]
    assert len(docx_of(s, dataset=data).tables) == 3  # letterhead, main figures, signature


def test_no_vietnamese_row_label_shows_a_glossary_identifier(city: hdnd.Dataset) -> None:
    """Every count a report's tables list is named in the reader's words: a count kept by
    identifier (a voter petition's committee field, its jurisdiction) by its label."""
    from hdnd.comparison import summary_figures
    from hdnd.enums import LabelledEnum
    from hdnd.report.labels import figure_label

    summary = hdnd.summarize(
        city, hdnd.parse_period("quý I/2023"), council="tp", with_subordinates=True
    )
    identifiers = {m.value for enum in LabelledEnum.__subclasses__() for m in enum}
    named = {
        path: figure_label(path, "vi", summary.names).split(" › ")
        for path, _ in summary_figures(summary)
    }
    assert {path: parts for path, parts in named.items() if identifiers & set(parts)} == {}
    assert named["voter_petitions", "by_field", "economy_society"] == [
        "Ý kiến, kiến nghị cử tri", "theo lĩnh vực", "Ban Kinh tế - Xã hội",
    ]  # fmt: skip
    assert named["voter_petitions", "by_jurisdiction", "province"] == [
        "Ý kiến, kiến nghị cử tri", "theo thẩm quyền", "cấp tỉnh",
    ]  # fmt: skip
