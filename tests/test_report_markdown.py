"""The Markdown report: text from the data is shown as it is, never read as markup.

A council's or a body's name is data someone typed: ``<script>`` in it must not run in
the page a Markdown renderer makes, ``|`` must not split a table cell, a line break must
not end a table row, and ``*``, ``_``, ``[...](...)`` must not become emphasis or links.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.enums import BodyKind, Level, ReceptionKind, UnitType
from hdnd.model import Body, Council, ReceptionSession
from hdnd.report import _markdown_text, render, rows
from hdnd.summary import Summary

Q1_2023 = hdnd.parse_period("quý I/2023")
EVIL = "<script>alert(1)</script>\nx | y *z* _w_ `v` [a](javascript:b) ![i](http://e/i.png) &amp;"
CELL = re.compile(r"(?<!\\)\|")  # a cell separator: a | not escaped


def summaries(council: str, body: str) -> tuple[Summary, hdnd.Comparison]:
    data = hdnd.Dataset(
        councils=[Council(id="x", name=council, level=Level.commune, unit_type=UnitType.commune)],
        bodies=[Body(id="x-tt", council_id="x", kind=BodyKind.standing_committee, name=body)],
        receptions=[
            ReceptionSession(
                id="r",
                council_id="x",
                host_body_id="x-tt",
                date=dt.date(2023, 2, 1),
                kind=ReceptionKind.periodic,
                turns=3,
                persons=4,
                cases=3,
            )
        ],
    )
    now, then = hdnd.summarize_periods(data.records(), [Q1_2023, hdnd.baseline(Q1_2023)], "x")
    return now, hdnd.compare(now, then)


def test_names_with_markup_and_line_breaks_stay_text_in_one_row() -> None:
    now, comparison = summaries(EVIL, f"Thường trực {EVIL}")
    text = render(now, comparison, format="markdown")
    # only receptions were recorded, the other main figures are unknown: the note says so
    title, blank, head, rule, *table, blank_too, note = text.split("\n")
    assert blank == blank_too == ""
    assert note == "Ô để trống: chưa có số liệu."
    assert title.startswith("# &lt;script&gt;alert(1)&lt;/script&gt; x \\| y \\*z\\* \\_w\\_ ")
    assert title.endswith(" \\[a\\](javascript:b) !\\[i\\](http://e/i.png) &amp;amp; — quý I/2023")
    assert "<" not in text
    assert ">" not in text
    assert len(table) == len(list(rows(now, comparison)))  # one line for each figure
    for line in [head, rule, *table]:
        assert len(CELL.findall(line)) == 5  # four cells, whatever the names hold
    hosts = [line for line in table if "Thường trực" in line]
    assert hosts
    assert all("Thường trực &lt;script&gt;alert(1)&lt;/script&gt; x \\| y" in h for h in hosts)


class Rendered(HTMLParser):
    """The tags of a page and its text."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_a_markdown_renderer_shows_the_names_as_they_are() -> None:
    markdown = pytest.importorskip("markdown")  # Python-Markdown, which the docs use
    now, comparison = summaries(EVIL, f"Thường trực {EVIL}")
    text = render(now, comparison, format="markdown")
    page = Rendered(markdown.markdown(text, extensions=["tables"]))
    assert set(page.tags) == {"h1", "table", "thead", "tr", "th", "tbody", "td", "p"}
    assert page.tags.count("p") == 1  # the note on empty cells
    assert page.tags.count("tr") == 1 + len(list(rows(now, comparison)))
    shown = "".join(page.text)
    assert EVIL.replace("\n", " ") in shown  # every character shown, the line break a space


names = st.text(
    st.characters(categories=("L", "N", "P", "S", "Zs"), include_characters="\n\r\t"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())


@settings(deadline=None)
@given(names)
def test_any_text_stays_in_its_cell_on_one_line(text: str) -> None:
    cell = _markdown_text(text)
    assert "\n" not in cell
    assert "\r" not in cell
    assert not CELL.search(cell)
    assert not re.search(r"[<>]|&(?!amp;|lt;|gt;)", cell)
    # undoing the escapes gives the text back, line breaks as spaces
    unescaped = re.sub(r"\\(.)", r"\1", cell)
    unescaped = unescaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert unescaped == re.sub(r"\s*[\r\n]\s*", " ", text)
