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
(True, True, 30)
"""

from __future__ import annotations

from pathlib import Path

from hdnd.comparison import Comparison
from hdnd.report import Lang, render
from hdnd.summary import Summary
from hdnd.trend import Trend

__all__ = ["render_html"]


def render_html(
    summary: Summary,
    comparison: Comparison | None = None,
    *,
    lang: Lang = "vi",
    prose_template: str | Path | None = None,
    draft: bool = False,
    trend: Trend | None = None,
) -> str:
    """The report on ``summary`` (and its ``comparison``) as a standalone HTML page.

    The page holds the prose of :func:`hdnd.report.render` (``prose_template``
    replaces the bundled one), a bar chart of each of the
    :data:`~hdnd.report.MAIN_FIGURES` against the comparison period, and their table,
    for the whole and for each level.
    Without a comparison there is nothing to chart: the page has the prose and the table.
    ``draft`` puts a banner atop the page (:data:`~hdnd.report.DRAFT`). ``trend``
    (:class:`hdnd.trend.Trend`) adds a section: a chart of the main figures over its
    periods, inline SVG (needs matplotlib), and their table.
    :func:`hdnd.report.render` with ``format="html"`` writes the same page.

    >>> from hdnd import Dataset, summarize, parse_period
    >>> page = render_html(summarize(Dataset(), parse_period("năm 2023")), lang="en")
    >>> '<html lang="en">' in page, "<svg" in page, "DRAFT" in page
    (True, False, False)
    >>> '<p class="draft" role="note">DRAFT</p>' in render_html(
    ...     summarize(Dataset(), parse_period("năm 2023")), lang="en", draft=True)
    True
    """
    return render(
        summary,
        comparison,
        lang=lang,
        format="html",
        template=prose_template,
        draft=draft,
        trend=trend,
    )
