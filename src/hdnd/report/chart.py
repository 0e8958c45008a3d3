"""The chart of a trend: one small bar chart per main figure, each on its own scale.

Figures of a report differ a hundredfold (2 sessions, 400 citizens received), so one
axis for all would flatten most of them: each figure gets a panel of its own, three
panels a row, a bar per period with its value above it; an unknown value has no bar
and a dash. :func:`trend_svg` draws it for the web page (text kept as text), and
:func:`trend_png` for the Word report (16 cm wide, 200 dpi). The labels are
Vietnamese or English, in DejaVu Sans, which ships with matplotlib and has every
Vietnamese letter. Both are deterministic: the same trend gives the same bytes (no date
in the metadata, a fixed salt for the SVG's ids).

Needs matplotlib (``pip install 'hdnd[charts]'``): without it :class:`ChartsNotInstalled`
says how to get it, and the reports keep the trend's table (:class:`NoChart`).

>>> import hdnd
>>> from hdnd.trend import summarize_trend
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> t = summarize_trend(city, hdnd.parse_period("năm 2023"), 3, council="tp",
...                     with_subordinates=True)
>>> svg = trend_svg(t, "vi")
>>> svg.startswith("<svg"), "Kỳ họp › tổng" in svg, svg == trend_svg(t, "vi")
(True, True, True)
>>> trend_png(t, "vi")[:4]
b'\\x89PNG'
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar

from hdnd.errors import MissingDependency
from hdnd.i18n import Language
from hdnd.i18n import gettext as _
from hdnd.report._table import NO_FIGURES, number_format

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from hdnd.trend import Trend, TrendRow

__all__ = ["ChartsNotInstalled", "NoChart", "drawn", "trend_png", "trend_svg"]

_Drawing = TypeVar("_Drawing", str, bytes)


class ChartsNotInstalled(MissingDependency):
    """Drawing a chart needs matplotlib, which is not installed.

    >>> print(ChartsNotInstalled.install_hint())
    the chart needs matplotlib: pip install 'hdnd[charts]'
    """

    @staticmethod
    def install_hint() -> str:
        """What to install for charts, in the current language.

        >>> ChartsNotInstalled.install_hint().endswith("'hdnd[charts]'")
        True
        """
        return _("the chart needs matplotlib: pip install {extra}").format(extra="'hdnd[charts]'")


class NoChart(UserWarning):
    """A report was written with its trend table but without the chart (no matplotlib).

    >>> issubclass(NoChart, UserWarning)
    True
    """


def drawn(
    draw: Callable[[Trend, Language], _Drawing], trend: Trend, lang: Language
) -> _Drawing | None:
    """The chart ``draw`` makes of ``trend``; without matplotlib, ``None`` and a
    :class:`NoChart` warning saying how to get it (a report keeps the trend's table).

    >>> from hdnd import summarize_periods, parse_period
    >>> from hdnd.trend import Trend, trend_periods
    >>> empty = Trend(tuple(summarize_periods([], trend_periods(parse_period("năm 2023"), 2))))
    >>> drawn(trend_svg, empty, "vi")[:4]
    '<svg'
    """
    import warnings

    try:
        return draw(trend, lang)
    except ChartsNotInstalled as e:
        warnings.warn(str(e), NoChart, stacklevel=2)
        return None


_COLUMNS: Final = 3
_WIDTH_CM: Final = 16.0
"""A4 less the Decree 30 margins leaves 16.5 cm: the chart fills the text's width."""
_PANEL_HEIGHT_CM: Final = 4.6
_COLOUR: Final = "#1f5f99"
"""The web page's colour for the period reported (``--now``)."""
_MOST_TICKS: Final = 4
"""The most periods named under a panel: four names fit its width; past four, every k-th."""
_MOST_WRITTEN: Final = 8
"""The most bars with their value written above: more would run into one another."""
_RC: Final[dict[Any, Any]] = {  # keys matplotlib's stubs type as literals
    "svg.hashsalt": "hdnd",  # ids the same from one run to the next
    "svg.fonttype": "none",  # text as text: smaller, searchable, read aloud
    "font.family": ["DejaVu Sans"],
    "font.size": 7.5,
    "text.parse_math": False,  # "$" in a label is a dollar, not mathematics
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def trend_svg(trend: Trend, lang: Language = "vi") -> str:
    """The chart as an SVG element to put in a web page (no XML declaration).

    >>> from hdnd import summarize_periods, parse_period
    >>> from hdnd.trend import Trend, trend_periods
    >>> empty = Trend(tuple(summarize_periods([], trend_periods(parse_period("năm 2023"), 2))))
    >>> trend_svg(empty).count("<svg")
    1
    """
    data = _saved(trend, lang, "svg", {"Date": None})
    text = data.decode()
    return text[text.index("<svg") :]


def trend_png(trend: Trend, lang: Language = "vi", *, dpi: int = 200) -> bytes:
    """The chart as a PNG image, :data:`_WIDTH_CM` wide at ``dpi``.

    >>> from hdnd import summarize_periods, parse_period
    >>> from hdnd.trend import Trend, trend_periods
    >>> empty = Trend(tuple(summarize_periods([], trend_periods(parse_period("năm 2023"), 2))))
    >>> trend_png(empty, dpi=50)[:4]
    b'\\x89PNG'
    """
    return _saved(trend, lang, "png", {"Software": None}, dpi=dpi)


def _saved(
    trend: Trend, lang: Language, format: str, metadata: dict[str, Any], dpi: int = 100
) -> bytes:
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise ChartsNotInstalled(ChartsNotInstalled.install_hint()) from None
    out = io.BytesIO()
    with matplotlib.rc_context(_RC):
        figure = _figure(Figure, trend, lang)
        figure.savefig(out, format=format, metadata=metadata, dpi=dpi)
    return out.getvalue()


def _figure(make: type[Figure], trend: Trend, lang: Language) -> Figure:
    """The panels of the trend's rows, laid out three a row."""
    rows = trend.rows(lang)
    lines = max(1, math.ceil(len(rows) / _COLUMNS))
    inch = 2.54
    height = lines * _PANEL_HEIGHT_CM
    figure = make(figsize=(_WIDTH_CM / inch, height / inch))
    ticks = [_tick(p.format(lang)) for p in trend.periods]
    # fixed margins (a layout engine finds the same in four times the time): 0.9 cm for
    # the label of two lines above a panel, 0.75 cm for the periods below, and room for
    # the numbers of a y axis (see _panel) to the left
    axis = len(ticks) > _MOST_WRITTEN
    spacing = {"top": 1 - 0.9 / height, "bottom": 0.75 / height, "hspace": 0.75}
    spacing |= {"left": 0.06, "wspace": 0.3} if axis else {"left": 0.02, "wspace": 0.12}
    axes = figure.subplots(
        lines, _COLUMNS, squeeze=False, gridspec_kw={"right": 0.97, **spacing}
    ).flat
    number = number_format(lang)
    for ax, row in zip(axes, rows, strict=False):
        _panel(ax, row, ticks, number)
    for ax in list(axes):  # what is left of the last line: no frame, no ticks
        ax.set_axis_off()
    if not rows:
        figure.text(0.5, 0.5, _nothing(lang), ha="center", va="center")
    return figure


def _tick(period: str) -> str:
    """A period's name on two lines when it has words: "quý II" over "2022"."""
    head, slash, year = period.rpartition("/")
    if slash:
        return f"{head}\n{year}"
    head, space, year = period.rpartition(" ")
    return f"{head}\n{year}" if space else period


def _nothing(lang: Language) -> str:
    return NO_FIGURES[lang]


def _panel(ax: Axes, row: TrendRow, ticks: list[str], number: Callable[[int], str]) -> None:
    """One figure's bars under its label: each value over its bar, a dash if unknown, and
    no y axis; past :data:`_MOST_WRITTEN` bars, a y axis of three ticks instead."""
    positions = list(range(len(row.values)))
    known = [0 if v is None else v for v in row.values]
    ax.bar(positions, known, color=_COLOUR, width=0.7)
    ax.set_ylim(0, (max(known) or 1) * 1.25)
    ax.set_title("\n".join(textwrap.wrap(row.label, 30)), fontsize=7.5, loc="left")
    # every k-th period named, counted back from the one reported, which is always named;
    # one name fewer beside a y axis, which narrows the panel
    most = _MOST_TICKS if len(ticks) <= _MOST_WRITTEN else _MOST_TICKS - 1
    named = positions[::-1][:: math.ceil(len(ticks) / most)][::-1]
    ax.set_xticks(named, [ticks[i] for i in named], fontsize=6)
    if len(positions) > _MOST_WRITTEN:
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: number(round(y))))
        ax.tick_params(axis="y", labelsize=6.5)
        return
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    for x, value in zip(positions, row.values, strict=True):
        ax.annotate(
            "–" if value is None else number(value),
            (x, value or 0),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=6.5,
        )
