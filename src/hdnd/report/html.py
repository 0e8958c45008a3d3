"""A report as one self-contained web page: the prose, charts and the main figures.

The page needs nothing else: its CSS is inline, its charts are SVG drawn here (no
scripts, no fonts or images to fetch), so it can be mailed, archived or opened
offline. It reads on a phone (the layout follows the screen's width) and prints
on A4. Wording lives in ``templates/report.html.j2``; every value is HTML-escaped.

>>> import hdnd
>>> from hdnd.report.html import render_html
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> q1 = hdnd.parse_period("quý I/2023")
>>> now, then = hdnd.summarize_periods(city.records(), [q1, hdnd.baseline(q1)], council="tp",
...                                    with_subordinates=True)
>>> page = render_html(now, hdnd.compare(now, then))
>>> page.startswith("<!DOCTYPE html>"), '<html lang="vi">' in page, page.count("<svg")
(True, True, 28)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from hdnd._version import __version__
from hdnd.comparison import Comparison
from hdnd.report import Lang, _cells, _column_titles, _environment, _main_groups, render
from hdnd.summary import Summary

__all__ = ["render_html"]

_BAR: Final = 200
"""The longest bar in a chart, in SVG units: a chart is 280 wide, leaving room for the value."""


def render_html(
    summary: Summary,
    comparison: Comparison | None = None,
    *,
    lang: Lang = "vi",
    prose_template: str | Path | None = None,
) -> str:
    """The report on ``summary`` (and its ``comparison``) as a standalone HTML page.

    The page holds the prose of :func:`hdnd.report.render` (``prose_template``
    replaces the bundled one), a bar chart of each of the
    :data:`~hdnd.report.MAIN_FIGURES` against the comparison period, and their table,
    for the whole and for each level.
    Without a comparison there is nothing to chart: the page has the prose and the table.

    >>> from hdnd import Dataset, summarize, parse_period
    >>> page = render_html(summarize(Dataset(), parse_period("năm 2023")), lang="en")
    >>> '<html lang="en">' in page, "<svg" in page
    (True, False)
    """
    heading, *paragraphs = render(
        summary, comparison, lang=lang, format="text", template=prose_template
    ).split("\n\n")
    groups = _main_groups(summary, comparison, lang)
    page = _environment().get_template("report.html.j2")
    return page.render(
        lang=lang,
        heading=heading,
        paragraphs=paragraphs,
        council_name=summary.names.get(summary.council_id or ""),
        period=summary.period.format(lang),
        previous_period=comparison.previous.period.format(lang) if comparison else None,
        titles=_column_titles(summary, comparison, lang=lang),
        table=[(title, [_cells(row, lang=lang) for row in group]) for title, group in groups],
        charts=(
            [(title, [_chart(row, lang) for row in group]) for title, group in groups]
            if comparison is not None
            else []
        ),
        version=__version__,
    )


def _chart(row: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """A row's written values and the lengths of its two bars, the longer one :data:`_BAR`."""
    top = max(row["current"], row["previous"])  # rows() leaves out figures zero in both
    return {
        **_cells(row, lang=lang),
        "now": round(_BAR * row["current"] / top, 1),
        "then": round(_BAR * row["previous"] / top, 1),
        "trend": "same" if not row["change"] else ("up" if row["change"] > 0 else "down"),
    }
