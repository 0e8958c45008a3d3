"""Reports of a summary: prose in Vietnamese or English, a Markdown table, CSV, JSON or HTML.

Prose follows the official register; its wording lives in Jinja2 templates
(``hdnd/report/templates``), so an office can adjust phrasing without code.
Numbers are written the Vietnamese way with Babel ("1.788", "94,29%").
:mod:`hdnd.report.html` writes a self-contained web page with charts,
:mod:`hdnd.report.docx` a Word document laid out after Decree 30/2020/NĐ-CP.

>>> import hdnd
>>> from hdnd.report import render
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> q1 = hdnd.parse_period("quý I/2023")
>>> now = hdnd.summarize(city, q1, council="tp", with_subordinates=True)
>>> then = hdnd.summarize(city, hdnd.baseline(q1), council="tp", with_subordinates=True)
>>> text = render(now, hdnd.compare(now, then), lang="vi")
>>> "74 lượt với 144 công dân, 74 vụ việc (giảm 4 lượt, giảm 6 vụ việc so cùng kỳ)" in text
True
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

import orjson

from hdnd._version import __version__
from hdnd.enums import Level
from hdnd.errors import HdndError
from hdnd.i18n import gettext as _
from hdnd.report._table import (
    COUNCIL_TABLE,
    MAIN_FIGURES,
    Lang,
    cells,
    column_titles,
    council_rows,
    council_titles,
    figure_at,
    main_groups,
    no_figures_note,
    number_format,
    percent_format,
    rows,
    table_cells,
    trend_table,
)

if TYPE_CHECKING:
    import datetime as dt

    import jinja2

    from hdnd.comparison import Comparison, FigurePath
    from hdnd.summary import Citation, Figures, ResolutionFigures, Summary
    from hdnd.trend import Trend

# The summary, the comparison, the converter and the labels are imported where they are
# used: the command line reads FORMATS when it starts (0.1 s sooner without them).

__all__ = [
    "DRAFT",
    "FORMATS",
    "MAIN_FIGURES",
    "MAX_TEMPLATE_CHARS",
    "MAX_TEMPLATE_LENGTH",
    "MAX_TEMPLATE_SECONDS",
    "MAX_TEMPLATE_WORK",
    "TEXT_FORMATS",
    "Format",
    "InvalidTemplate",
    "Lang",
    "figure_at",
    "json_bytes",
    "render",
    "rows",
]

Format = Literal["text", "markdown", "csv", "json", "html"]
TEXT_FORMATS: tuple[Format, ...] = ("text", "markdown", "csv", "json")
"""The formats of :func:`render` that ``hdnd summary`` writes: text, for a terminal or a pipe.

The others make a document, which ``hdnd report`` writes (with Word's, which
:mod:`hdnd.report.docx` writes).

>>> [f for f in FORMATS if f not in TEXT_FORMATS]
['html']
"""
FORMATS: tuple[Format, ...] = (*TEXT_FORMATS, "html")
"""The formats :func:`render` writes."""


DRAFT: Final[MappingProxyType[Lang, str]] = MappingProxyType({"vi": "DỰ THẢO", "en": "DRAFT"})
"""The word that marks a report as a draft, by language: :func:`render` with ``draft=True``
puts it first (the command line does when ``--allow-errors`` writes over failed checks).

>>> DRAFT["vi"]
'DỰ THẢO'
"""


def render(
    summary: Summary,
    comparison: Comparison | None = None,
    *,
    lang: Lang = "vi",
    format: Format = "text",
    template: str | Path | None = None,
    draft: bool = False,
    trend: Trend | None = None,
) -> str:
    """Write ``summary`` (and its ``comparison``) as prose, a table, CSV, JSON or HTML.

    ``template`` replaces the bundled prose template (formats ``"text"`` and
    ``"html"``) by a Jinja2 file of one's own. ``draft`` marks the report as a draft
    (:data:`DRAFT`): the first line of text or Markdown, a banner atop the web page.
    CSV and JSON are data, not documents: they cannot be marked (``ValueError``). Nothing
    here runs the checks: the caller decides (``hdnd report`` does, see :mod:`hdnd.checks`).

    ``trend`` (:class:`hdnd.trend.Trend`) adds the main figures over the last periods: a
    table after the prose or the figures, the table and its chart in HTML (the chart
    needs matplotlib; without it a :class:`~hdnd.report.chart.NoChart` warning says how
    to get it, and the table stays), its rows as data in JSON. CSV is one table: it has
    no room for it (``ValueError``).

    >>> from hdnd import Dataset, summarize, parse_period
    >>> print(render(summarize(Dataset(), parse_period("năm 2023")), lang="en"))
    ACTIVITY OF THE COUNCILS, 2023
    <BLANKLINE>
    In 2023, no figures were recorded on the activity of the councils.
    >>> print(render(summarize(Dataset(), parse_period("năm 2023")), lang="en", draft=True))
    DRAFT
    <BLANKLINE>
    ACTIVITY OF THE COUNCILS, 2023
    <BLANKLINE>
    In 2023, no figures were recorded on the activity of the councils.
    """
    if draft and format in ("csv", "json"):
        raise ValueError(f"a {format} report is data, not a document: it cannot be marked a draft")
    if trend is not None and format == "csv":
        raise ValueError("a csv report is one table: write a trend as json, markdown or html")
    if format == "text":
        text = _prose(summary, comparison, lang, template) + _text_trend(trend, lang)
        return _drafted(text, DRAFT[lang] if draft else None)
    if format == "markdown":
        mark = f"**{DRAFT[lang]}**" if draft else None
        return _drafted(_markdown(summary, comparison, lang) + _markdown_trend(trend, lang), mark)
    if format == "csv":
        return _csv(summary, comparison, lang)
    if format == "json":
        return _json(summary, comparison, trend, lang)
    if format == "html":
        return _html(summary, comparison, lang, template, draft, trend)
    raise ValueError(f"unknown report format {format!r}; expected one of {', '.join(FORMATS)}")


def _drafted(text: str, mark: str | None) -> str:
    """``text`` with ``mark`` as its first line, a paragraph of its own (none: unchanged)."""
    return text if mark is None else f"{mark}\n\n{text}"


MAX_TEMPLATE_CHARS = 1_000_000
"""The most a prose template of one's own may write, or make in one value: characters or items.

A template is rendered in a sandbox that works out what an operation would make before
it makes it: ``{{ 'x' * 10**10 }}`` is refused at once. This, :data:`MAX_TEMPLATE_LENGTH`,
:data:`MAX_TEMPLATE_WORK` and :data:`MAX_TEMPLATE_SECONDS` are module attributes, read at
each rendering: ``hdnd.report.MAX_TEMPLATE_CHARS = 10_000_000`` raises the bound.

>>> import pathlib, tempfile
>>> from hdnd import Dataset, summarize, parse_period
>>> greedy = pathlib.Path(tempfile.mkdtemp()) / "greedy.txt.j2"
>>> _ = greedy.write_text("{{ period }}\\n{{ 'x' * 10**10 }}\\n", encoding="utf-8")
>>> render(summarize(Dataset(), parse_period("năm 2023")), template=greedy)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
hdnd.report.InvalidTemplate: .../greedy.txt.j2:2: '*' would make a value of 10,000,000,000 \
characters or items; a template's values hold at most 1,000,000 (hdnd.report.MAX_TEMPLATE_CHARS)
"""

MAX_TEMPLATE_LENGTH = 100_000
"""The longest a prose template of one's own may be, in characters: the bundled ones take 5,000.

Jinja2 compiles a template to Python, which takes some 1 KB of memory for each character
of it: a template of a million characters takes most of a gigabyte before it runs.

>>> MAX_TEMPLATE_LENGTH
100000
"""

MAX_TEMPLATE_WORK = 10_000_000
"""The most a prose template of one's own may build and loop through, in all.

Every character or item of a value it makes counts, and every turn of a loop: ten
times what it may write leaves room for any prose, and none for nested loops of a
hundred thousand turns each (``{% for i in range(10**5) %}{% for j in range(10**5) %}``).

>>> MAX_TEMPLATE_WORK // MAX_TEMPLATE_CHARS
10
"""

MAX_TEMPLATE_SECONDS = 10.0
"""How long a prose template of one's own may take, in seconds (the bundled ones take ms).

The deadline is checked at each call, operator and loop turn the template makes.

>>> MAX_TEMPLATE_SECONDS
10.0
"""


def _environment() -> jinja2.Environment:
    """The environment of the bundled templates, which are trusted: Jinja2's own."""
    import jinja2

    return jinja2.Environment(**_options())


def _sandboxed() -> jinja2.Environment:
    """An environment for one template of one's own: bounded, in a sandbox.

    A template of one's own is data an office passes around, not code it vetted: in the
    sandbox it cannot reach Python's internals (``''.__class__.__mro__``...), change the
    data it is given, nor take more than :data:`MAX_TEMPLATE_CHARS`,
    :data:`MAX_TEMPLATE_WORK` and :data:`MAX_TEMPLATE_SECONDS`.
    """
    from hdnd.report._sandbox import Sandbox

    return Sandbox(
        max_chars=MAX_TEMPLATE_CHARS,
        max_work=MAX_TEMPLATE_WORK,
        seconds=MAX_TEMPLATE_SECONDS,
        **_options(),
    )


def _options() -> dict[str, Any]:
    import jinja2

    return {
        "loader": jinja2.PackageLoader("hdnd.report", "templates"),
        "undefined": jinja2.StrictUndefined,
        # HTML templates escape every value; prose (*.txt.j2, or a file of one's own) is plain text
        "autoescape": jinja2.select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        "keep_trailing_newline": False,
    }


def _levels(summary: Summary) -> list[tuple[Level | None, Figures, FigurePath]]:
    """Each level's figures with its path in a comparison, highest first; or just the total."""
    if not summary.by_level:
        return [(None, summary.figures, ())]
    return [(level, f, ("by_level", level.value)) for level, f in summary.by_level.items()]


def _prose(
    summary: Summary, comparison: Comparison | None, lang: Lang, template: str | Path | None
) -> str:
    if template is None:
        bundled = _environment().get_template(f"summary.{lang}.txt.j2")
        return _tidy(_render_prose(bundled, summary, comparison, lang))
    source = _read_template(template)
    try:
        return _tidy(_render_prose(_sandboxed().from_string(source), summary, comparison, lang))
    except Exception as e:  # anything a template of one's own does wrong is its own mistake
        message = f"{_template_line(template, e)}: {_reason(e)}"
    # raised here, not in the handler: the error's frames, and what they hold, are let go
    raise InvalidTemplate(message)


class InvalidTemplate(HdndError, ValueError):
    """A prose template of one's own that Jinja2 cannot read or run, or that asks too much.

    The message names the template's line. What a template may cost is bounded by
    :data:`MAX_TEMPLATE_CHARS`, :data:`MAX_TEMPLATE_WORK` and :data:`MAX_TEMPLATE_SECONDS`.

    >>> import pathlib, tempfile
    >>> from hdnd import Dataset, summarize, parse_period
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.j2"
    >>> _ = bad.write_text("{% if %}")
    >>> render(summarize(Dataset(), parse_period("năm 2023")), template=bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hdnd.report.InvalidTemplate: .../bad.j2:1: Expected an expression, got 'end of statement block'
    """


def _read_template(template: str | Path) -> str:
    """A template's text: UTF-8, at most :data:`MAX_TEMPLATE_LENGTH` characters."""
    with open(template, encoding="utf-8") as file:
        try:
            source = file.read(MAX_TEMPLATE_LENGTH + 1)
        except UnicodeDecodeError as e:
            message = _("{template}: not UTF-8 text (byte {byte:#04x})")
            raise InvalidTemplate(
                message.format(template=template, byte=e.object[e.start])
            ) from None
    if len(source) > MAX_TEMPLATE_LENGTH:
        raise InvalidTemplate(
            _(
                "{template}: longer than {most:,} characters ({name}): a prose template takes"
                " a few thousand"
            ).format(
                template=template, most=MAX_TEMPLATE_LENGTH, name="hdnd.report.MAX_TEMPLATE_LENGTH"
            )
        )
    return source


def _template_line(template: str | Path, error: Exception) -> str:
    """``template:line`` for where the template went wrong, or just ``template``.

    A syntax error knows its line. An error while rendering has the template's lines in
    its traceback (Jinja2 puts them there): the innermost one is where it happened. One
    while reading it (a template nested too deeply to parse) is where Jinja2's parser, or
    its code generator, was.
    """
    import jinja2
    import jinja2.parser

    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{template}:{error.lineno}"
    rendering = reading = None
    trace = error.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        if frame.f_code.co_filename == "<template>":  # Jinja2's name for from_string
            rendering = trace.tb_lineno
        elif isinstance(parser := frame.f_locals.get("self"), jinja2.parser.Parser):
            reading = parser.stream.current.lineno
        elif isinstance(node := frame.f_locals.get("node"), jinja2.nodes.Node):
            reading = node.lineno
        trace = trace.tb_next
    line = rendering or reading
    return f"{template}:{line}" if line else str(template)


def _reason(error: Exception) -> str:
    """What went wrong in a template, in a line: Jinja2's words, or Python's with its name."""
    import jinja2

    if isinstance(error, jinja2.TemplateError):
        return error.message or type(error).__name__
    if isinstance(error, MemoryError):
        return "out of memory"
    if isinstance(error, RecursionError):
        return "nested too deeply, or a macro calling itself without end (RecursionError)"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _render_prose(
    template: jinja2.Template, summary: Summary, comparison: Comparison | None, lang: Lang
) -> str:
    from hdnd.dates import format_date

    levels = _levels(summary)
    _, own, own_path = levels[0]
    council_name = summary.names.get(summary.council_id or "", None)
    citations, uncited = _citations(own.resolutions) if council_name else ((), 0)
    # nothing known of the other period: said once, not "(chưa có số liệu cùng kỳ)" each time
    no_baseline = comparison is not None and _is_unknown(comparison.previous.figures)
    return template.render(
        period=summary.period.format(lang),
        period_start=summary.period.start,
        period_end=summary.period.end,
        # the actual window is said when it is not the calendar's (a cut-off day)
        cutoff=summary.period.cutoff_day is not None,
        previous_period=comparison.previous.period.format(lang) if comparison else None,
        baseline=_baseline_name(comparison),
        council_name=council_name,
        scope_name=_scope_name(summary),
        empty=_is_empty(summary.figures),
        nothing=_is_empty,
        citations=citations,
        uncited=uncited,
        with_predecessors=summary.with_predecessors,
        levels=levels,
        f=summary.figures,
        own=own,
        own_path=own_path,
        subs=levels[1:],
        # a view: the names are the report's letterhead too (the sandbox refuses dict.update
        # anyway, on every dict a template reaches)
        names=MappingProxyType(summary.names),
        cmp=None if no_baseline else comparison,
        no_baseline=no_baseline,
        n=number_format(lang),
        pct=percent_format(lang),
        date=lambda d: format_date(d, style="short"),
        capitalised=_capitalised,
    )


# The most resolutions the prose cites by number; the tables list them all.
_MAX_CITATIONS: Final = 5


def _citations(resolutions: ResolutionFigures | None) -> tuple[tuple[Citation, ...], int]:
    """The resolutions a report cites, oldest first, and how many it leaves uncited.

    The normative ones when there are any, else all; of those the :data:`_MAX_CITATIONS`
    most recent (by date, then by number read as a number).
    """
    if resolutions is None:
        return (), 0
    normative = [c for c in resolutions.passed if c.normative]
    cited = sorted(normative or resolutions.passed, key=_citation_order)[-_MAX_CITATIONS:]
    return tuple(cited), resolutions.total - len(cited)


def _citation_order(citation: Citation) -> tuple[dt.date, int, str]:
    """By date, then "2/NQ-HĐND" before "10/NQ-HĐND"."""
    number = re.match(r"\s*(\d+)", citation.number)
    return citation.date, int(number[1]) if number else 0, citation.number


def _scope_name(summary: Summary) -> str | None:
    """The one council a summary without ``council`` counts, by name; else ``None``."""
    if summary.council_id is None and len(summary.councils) == 1:
        return summary.names.get(summary.councils[0])
    return None


def _is_empty(figures: Any) -> bool:
    """Whether every figure is unknown (``None``) or zero: a period with nothing to say."""
    if figures is None or isinstance(figures, int):
        return not figures
    if isinstance(figures, Mapping):
        return all(_is_empty(value) for value in figures.values())
    if isinstance(figures, tuple):  # the resolutions passed
        return not figures
    import attrs

    return all(_is_empty(value) for value in attrs.asdict(figures, recurse=False).values())


def _is_unknown(figures: Figures) -> bool:
    """Whether every group of ``figures`` is unknown (``None``)."""
    import attrs

    return all(group is None for group in attrs.asdict(figures, recurse=False).values())


# A sentence's first letter: at the start of a paragraph (after a bracket, too), or after
# the full stop of the one before.
_SENTENCE_START = re.compile(r"(^|\n\s*\n|[.!?]\s+)(\s*\(?)([^\W\d_])")


def _capitalised(text: str) -> str:
    """``text`` with every sentence starting with a capital ("các HĐND" → "Các HĐND")."""
    return _SENTENCE_START.sub(lambda m: m[1] + m[2] + m[3].upper(), text)


def _baseline_name(comparison: Comparison | None) -> str | None:
    """Which wording fits the comparison: "so cùng kỳ", or "so với <the other period>"."""
    if comparison is None:
        return None
    try:
        same = comparison.previous.period == comparison.current.period.same_period_last_year()
    except ValueError:  # a term has no same period last year
        same = False
    return "same-period-last-year" if same else "previous-period"


# Runs of spaces and tabs that are not already one space (a tab, or two characters or
# more): each becomes one space. Single spaces, nearly all of them, are left alone.
_SPACES = re.compile(r"[ \t]{2,}|\t")
_BEFORE_PUNCTUATION = re.compile(r" +([,.;:)])")


def _tidy(text: str) -> str:
    """Paragraphs from the template's blocks: lines joined, spaces folded, blank ones dropped."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        line = _SPACES.sub(" ", " ".join(part.strip() for part in block.splitlines())).strip()
        line = _BEFORE_PUNCTUATION.sub(r"\1", line)
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def _markdown(summary: Summary, comparison: Comparison | None, lang: Lang) -> str:
    """Every figure not zero in a table; then, when the summary has them, each council's."""
    name = summary.names.get(summary.council_id or "", "") or "HĐND"
    lines = [_markdown_text(f"# {name} — {summary.period.format(lang)}"), ""]
    figures = rows(summary, comparison, lang=lang)
    lines += _markdown_table(
        column_titles(summary, comparison, lang=lang),
        table_cells(figures, lang=lang, compared=comparison is not None),
        lang,
    )
    if summary.by_council:
        lines += ["", _markdown_text(f"## {COUNCIL_TABLE[lang]}"), ""]
        lines += _markdown_table(
            council_titles(lang, levels=bool(summary.council_levels)),
            council_rows(summary, lang),
            lang,
        )
    return "\n".join(lines)


def _markdown_table(titles: list[str], body: list[list[str]], lang: Lang) -> list[str]:
    """A table's lines, a row's first cell naming it; then the note on empty cells, if any."""
    lines = [_markdown_row(titles), "|" + "---|" * len(titles)]
    lines += [_markdown_row(row) for row in body]
    note = no_figures_note((cell for row in body for cell in row[1:]), lang)
    return lines if note is None else [*lines, "", _markdown_text(note)]


def _markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(_markdown_text(cell) for cell in cells) + " |"


# What Markdown would read as markup in text from the data: HTML (a council named
# "<script>..." would run in the page a renderer makes), entities, links, images, code
# and emphasis, a table's cell separator; and line breaks, which would end a table row.
_MARKUP = re.compile(r"[\\`*_\[\]|]|[&<>]|\s*[\r\n]\s*")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _markdown_text(text: str) -> str:
    r"""``text`` as Markdown shows it, as it is, on one line: markup escaped, line breaks spaces.

    >>> print(_markdown_text("<script>alert(1)</script>\nx | *y* & [z](u)"))
    &lt;script&gt;alert(1)&lt;/script&gt; x \| \*y\* &amp; \[z\](u)
    """

    def escaped(markup: re.Match[str]) -> str:
        found = markup.group()
        if found in _ENTITIES:
            return _ENTITIES[found]
        return " " if found.isspace() else "\\" + found

    return _MARKUP.sub(escaped, text)


def _text_trend(trend: Trend | None, lang: Lang) -> str:
    """The trend as a plain-text table after the prose: columns aligned, figures right."""
    if trend is None:
        return ""
    titles, body = trend_table(trend, lang)
    if not body:
        return ""
    widths = [max(len(line[i]) for line in (titles, *body)) for i in range(len(titles))]

    def line(cells: list[str]) -> str:
        label, *figures = cells
        written = [label.ljust(widths[0])]
        written += [cell.rjust(width) for cell, width in zip(figures, widths[1:], strict=True)]
        return "  ".join(written).rstrip()

    lines = [trend.title(lang).upper(), "", line(titles), *map(line, body)]
    note = no_figures_note((cell for row in body for cell in row[1:]), lang)
    return "\n\n" + "\n".join(lines) + ("" if note is None else f"\n\n{note}")


def _markdown_trend(trend: Trend | None, lang: Lang) -> str:
    """The trend as a Markdown section after the figures."""
    if trend is None:
        return ""
    titles, body = trend_table(trend, lang)
    if not body:
        return ""
    lines = ["", "", _markdown_text(f"## {trend.title(lang)}"), ""]
    return "\n".join([*lines, *_markdown_table(titles, body, lang)])


def _csv(summary: Summary, comparison: Comparison | None, lang: Lang) -> str:
    import csv

    out = io.StringIO()
    fields = ["figure", "label", "current", "previous", "change", "percent"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows(summary, comparison, lang=lang):
        writer.writerow(
            {**row, "percent": "" if row["percent"] is None else f"{row['percent']:.2f}"}
        )
    return out.getvalue().rstrip("\n")


def _json(summary: Summary, comparison: Comparison | None, trend: Trend | None, lang: Lang) -> str:
    return json_bytes(summary, comparison, trend=trend, lang=lang)[:-1].decode()


def json_bytes(
    summary: Summary,
    comparison: Comparison | None = None,
    *,
    trend: Trend | None = None,
    lang: Lang = "vi",
) -> bytes:
    """What :func:`render` writes with ``format="json"``, as UTF-8 bytes ending in a newline.

    For a file or a pipe: a national summary is some 5 MB, which need not be decoded
    into a text only to be encoded again on the way out.

    >>> from hdnd import Dataset, summarize, parse_period
    >>> s = summarize(Dataset(), parse_period("năm 2023"))
    >>> json_bytes(s) == render(s, format="json").encode() + b"\\n"
    True
    """
    from hdnd.converter import converter
    from hdnd.summary import Summary

    data: dict[str, Any] = {"summary": converter.unstructure(summary, Summary)}
    if comparison is not None:
        data["previous"] = converter.unstructure(comparison.previous, Summary)
        data["changes"] = comparison.as_dict()
    if trend is not None:
        data["trend"] = _trend_data(trend, lang)
    # orjson writes what json.dumps(data, ensure_ascii=False, indent=2) writes, ten times
    # faster: a national summary with its comparison is some 7 MB (0.4 s with json)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _trend_data(trend: Trend, lang: Lang) -> dict[str, Any]:
    """A trend as data: its periods (name, first and last day) and each main figure's values,
    ``null`` where unknown."""
    return {
        "periods": [
            {"name": p.format(lang), "start": p.start.isoformat(), "end": p.end.isoformat()}
            for p in trend.periods
        ],
        "figures": [
            {"figure": row.figure, "label": row.label, "values": list(row.values)}
            for row in trend.rows(lang)
        ],
    }


_BAR: Final = 200
"""The longest bar in a chart, in SVG units: a chart is 280 wide, leaving room for the value."""


def _html(
    summary: Summary,
    comparison: Comparison | None,
    lang: Lang,
    template: str | Path | None,
    draft: bool = False,
    trend: Trend | None = None,
) -> str:
    """The web page of :func:`hdnd.report.html.render_html`: prose, charts, main figures,
    and the trend."""
    heading, *paragraphs = _prose(summary, comparison, lang, template).split("\n\n")
    groups = main_groups(summary, comparison, lang)
    compared = comparison is not None
    table = [(title, table_cells(group, lang=lang, compared=compared)) for title, group in groups]
    councils = council_rows(summary, lang)
    page = _environment().get_template("report.html.j2")
    return page.render(
        lang=lang,
        heading=heading,
        paragraphs=paragraphs,
        council_name=summary.names.get(summary.council_id or ""),
        period=summary.period.format(lang),
        previous_period=comparison.previous.period.format(lang) if comparison else None,
        titles=column_titles(summary, comparison, lang=lang),
        table=table,
        table_note=no_figures_note(
            (cell for _, body in table for row in body for cell in row[1:]), lang
        ),
        charts=_charts(groups, lang) if compared else [],
        council_table=COUNCIL_TABLE[lang],
        council_titles=council_titles(lang, levels=bool(summary.council_levels)),
        councils=councils,
        councils_note=no_figures_note((cell for row in councils for cell in row[1:]), lang),
        version=__version__,
        draft=DRAFT[lang] if draft else None,
        trend=_html_trend(trend, lang),
    )


def _html_trend(trend: Trend | None, lang: Lang) -> dict[str, Any] | None:
    """What the page shows of a trend: its title, chart (SVG) and table; ``None``: no trend."""
    if trend is None:
        return None
    import markupsafe

    from hdnd.report.chart import drawn, trend_svg

    titles, body = trend_table(trend, lang)
    return {
        "title": trend.title(lang),
        "chart": markupsafe.Markup(svg)
        if body and (svg := drawn(trend_svg, trend, lang))
        else None,
        "titles": titles,
        "table": body,
        "note": no_figures_note((cell for row in body for cell in row[1:]), lang),
    }


def _charts(
    groups: list[tuple[str | None, list[dict[str, Any]]]], lang: Lang
) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """A chart of each row known on both sides, under its group's title; no empty groups.

    A figure unknown now or before has no bar to draw against the other.
    """
    charts = [
        (
            title,
            [_chart(row, lang) for row in group if None not in (row["current"], row["previous"])],
        )
        for title, group in groups
    ]
    return [(title, group) for title, group in charts if group]


def _chart(row: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """A row's written values and the lengths of its two bars, the longer one :data:`_BAR`."""
    top = max(row["current"], row["previous"])  # rows() leaves out figures known zero in both
    return {
        **cells(row, lang=lang),
        "now": round(_BAR * row["current"] / top, 1),
        "then": round(_BAR * row["previous"] / top, 1),
        "trend": "same" if not row["change"] else ("up" if row["change"] > 0 else "down"),
    }
