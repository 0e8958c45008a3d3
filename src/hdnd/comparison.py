"""Comparisons of two summaries: every figure with its previous value and its change.

Reports compare a period with the same period of the previous year ("so cùng kỳ")
or with the previous period ("so quý trước"). :func:`compare` pairs every figure
of two summaries; :func:`baseline` names the period to compare with.

>>> import hdnd
>>> from hdnd.periods import parse_period
>>> city = hdnd.load("examples/data/city-q1-2023.json")
>>> q1 = parse_period("quý I/2023")
>>> now = hdnd.summarize(city, q1, council="tp")
>>> then = hdnd.summarize(city, baseline(q1), council="tp")
>>> change = compare(now, then)["receptions", "by_host", "tp-tt", "turns"]
>>> change.current, change.previous, change.delta
(74, 78, -4)
>>> round(change.percent, 2)
-5.13
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import Any, Final, Literal

import attrs

from hdnd.periods import Period
from hdnd.summary import Figures, Summary

__all__ = [
    "Baseline",
    "Change",
    "Comparison",
    "FigurePath",
    "baseline",
    "compare",
    "figures_of",
    "summary_figures",
]

Baseline = Literal["same-period-last-year", "previous-period"]
"""What to compare with: ``"same-period-last-year"`` (so cùng kỳ) or ``"previous-period"``."""

FigurePath = tuple[str, ...]
"""Where a figure sits in a summary: ``("receptions", "by_host", "tp-tt", "turns")``."""


@attrs.frozen
class Change:
    """A figure now and before: ``delta`` is the absolute change, ``percent`` the relative one.

    A side is ``None`` when its figure is unknown (nothing recorded, see
    :class:`~hdnd.summary.Figures`): there is then no change to state, and ``delta`` and
    ``percent`` are ``None``. ``percent`` is ``None`` too when the previous value is 0.

    >>> Change(74, 80).delta, round(Change(74, 80).percent, 1)
    (-6, -7.5)
    >>> Change(5, 0).percent is None
    True
    >>> Change(24, None).delta is None
    True
    """

    current: int | None
    previous: int | None

    @property
    def delta(self) -> int | None:
        """``current - previous``; ``None`` when either is unknown.

        >>> Change(3, 1).delta
        2
        """
        return _delta(self.current, self.previous)

    @property
    def percent(self) -> float | None:
        """The change as a percentage of ``previous``; ``None`` when ``previous`` is 0 or
        either side is unknown.

        >>> Change(3, 2).percent
        50.0
        """
        return _percent(self.delta, self.previous)

    def as_dict(self) -> dict[str, Any]:
        """The change as a JSON-ready mapping.

        >>> Change(3, 2).as_dict()
        {'current': 3, 'previous': 2, 'change': 1, 'percent': 50.0}
        """
        return _as_dict(self.current, self.previous)


def _delta(current: int | None, previous: int | None) -> int | None:
    return None if current is None or previous is None else current - previous


def _percent(delta: int | None, previous: int | None) -> float | None:
    return 100 * delta / previous if delta is not None and previous else None


def _as_dict(current: int | None, previous: int | None) -> dict[str, Any]:
    delta = _delta(current, previous)
    return {
        "current": current,
        "previous": previous,
        "change": delta,
        "percent": _percent(delta, previous),
    }


def figures_of(figures: Figures) -> Iterator[tuple[FigurePath, int | None]]:
    """Every count in ``figures`` with its path, such as ``("receptions", "total", "turns")``.

    The figures of an unknown group are there too, each ``None``.

    >>> dict(figures_of(Figures()))[("oversight", "by_kind", "thematic")]
    0
    >>> dict(figures_of(Figures(oversight=None)))[("oversight", "by_kind", "thematic")] is None
    True
    """
    yield from _walk(figures, ())


def summary_figures(summary: Summary) -> Iterator[tuple[FigurePath, int | None]]:
    """Every count of a summary: its figures, then each level's under ``("by_level", level)``.

    >>> from hdnd import Dataset, summarize, parse_period
    >>> s = summarize(Dataset(), parse_period("năm 2023"))
    >>> next(summary_figures(s))  # nothing recorded: unknown
    (('oversight', 'conducted'), None)
    """
    yield from figures_of(summary.figures)
    for level, figures in summary.by_level.items():
        yield from _walk(figures, ("by_level", level.value))


def _walk(node: Any, path: FigurePath) -> Iterator[tuple[FigurePath, int | None]]:
    found: list[tuple[FigurePath, int | None]] = []
    _collect(node, path, found)
    return iter(found)


def _collect(node: Any, path: FigurePath, found: list[tuple[FigurePath, int | None]]) -> None:
    """Every count under ``node`` with its path, appended to ``found``, in order.

    A list filled by plain recursion rather than nested generators: a summary of a
    whole country has tens of thousands of figures (five per reception host).
    """
    if node is None:  # an unknown group of figures: each of its figures, unknown
        found.extend((path + figure, None) for figure in _group_paths(path[-1]))
    elif isinstance(node, int):
        found.append((path, node))
    elif isinstance(node, Mapping):
        # enum-keyed counts keep the glossary's order; free keys (ids, sectors) are sorted
        keys = node if all(isinstance(k, Enum) for k in node) else sorted(node, key=str)
        for key in keys:
            _collect(node[key], (*path, key.value if isinstance(key, Enum) else str(key)), found)
    elif attrs.has(type(node)):
        cls = type(node)
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
        for name in names:
            _collect(getattr(node, name), (*path, name), found)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@functools.cache
def _group_paths(name: str) -> tuple[FigurePath, ...]:
    """The paths of the figures of :class:`Figures`' group ``name`` that every such group
    has (counts keyed by free text, such as hosts, have none until counted)."""
    group = typing.get_args(typing.get_type_hints(Figures)[name])[0]
    return tuple(path for path, _ in _walk(group(), ()))


def _unknown_groups(summary: Summary) -> set[FigurePath]:
    """The paths of a summary's unknown groups of figures, levels' included."""
    unknown: set[FigurePath] = {(n,) for n in _GROUPS if getattr(summary.figures, n) is None}
    for level, figures in summary.by_level.items():
        prefix = ("by_level", level.value)
        unknown |= {(*prefix, name) for name in _GROUPS if getattr(figures, name) is None}
    return unknown


_GROUPS: Final = tuple(f.name for f in attrs.fields(Figures))


@attrs.frozen
class Comparison(Mapping[FigurePath, Change]):
    """Two summaries side by side; maps every figure's path to its :class:`Change`.

    A figure present in one summary only (a host body new this year) counts as 0
    in the other, unless its group is unknown there (``None``). Figures keep the
    current summary's order, then any only before.

    >>> from hdnd.periods import parse_period
    >>> from hdnd.summary import summarize
    >>> from hdnd import Dataset
    >>> s = summarize(Dataset(), parse_period("năm 2023"))
    >>> c = compare(s, s)
    >>> all(change.delta is None for change in c.values())  # nothing recorded either side
    True
    """

    current: Summary
    previous: Summary
    # each figure's (current, previous) values; a Change is made when one is asked for
    _pairs: dict[FigurePath, tuple[int | None, int | None]] = attrs.field(
        init=False, repr=False, eq=False
    )
    # what each side says of a figure it does not list (0, or None in an unknown group)
    _absent: tuple[Callable[[FigurePath], int | None], ...] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        now = dict(summary_figures(self.current))
        then = dict(summary_figures(self.previous))
        absent_now, absent_then = _absent(self.current), _absent(self.previous)
        object.__setattr__(self, "_absent", (absent_now, absent_then))
        pairs = {
            path: (n, then[path] if path in then else absent_then(path)) for path, n in now.items()
        }
        for path, n in then.items():
            if path not in pairs:
                pairs[path] = (absent_now(path), n)
        object.__setattr__(self, "_pairs", pairs)

    def __getitem__(self, path: FigurePath) -> Change:
        return Change(*self._pairs[path])

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """Every figure's :meth:`Change.as_dict`, by its path joined with dots: what a
        JSON report holds under ``"changes"``, made without a :class:`Change` each (a
        national summary has tens of thousands of figures).

        >>> from hdnd.periods import parse_period
        >>> from hdnd.summary import summarize
        >>> import hdnd
        >>> city = hdnd.load("examples/data/city-q1-2023.json")
        >>> c = compare(summarize(city, parse_period("quý I/2023"), council="tp"),
        ...             summarize(hdnd.Dataset(), parse_period("quý I/2022")))
        >>> c.as_dict()["receptions.by_host.tp-tt.turns"]  # nothing recorded a year before
        {'current': 74, 'previous': None, 'change': None, 'percent': None}
        """
        return {".".join(path): _as_dict(*pair) for path, pair in self._pairs.items()}

    def __iter__(self) -> Iterator[FigurePath]:
        return iter(self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def get_change(self, *path: str) -> Change:
        """The change of one figure; 0 → 0 when neither summary has it (and its group is
        known in both).

        >>> from hdnd.periods import parse_period
        >>> from hdnd.summary import summarize
        >>> from hdnd import Dataset
        >>> import hdnd
        >>> city = hdnd.load("examples/data/city-q1-2023.json")
        >>> s = summarize(city, parse_period("năm 2023"))
        >>> compare(s, s).get_change("receptions", "by_host", "nobody", "turns")
        Change(current=0, previous=0)
        >>> compare(s, summarize(Dataset(), parse_period("năm 2022"))).get_change(
        ...     "receptions", "by_host", "nobody", "turns")
        Change(current=0, previous=None)
        """
        pair = self._pairs.get(path)
        if pair is None:
            absent_now, absent_then = self._absent
            return Change(absent_now(path), absent_then(path))
        return Change(*pair)


def _absent(summary: Summary) -> Callable[[FigurePath], int | None]:
    """The value of a figure a summary does not list: 0, or ``None`` in an unknown group."""
    unknown = _unknown_groups(summary)

    def value(path: FigurePath) -> int | None:
        group = path[:3] if path[:1] == ("by_level",) else path[:1]
        return None if group in unknown else 0

    return value


def compare(current: Summary, previous: Summary) -> Comparison:
    """Pair every figure of ``current`` with the same figure of ``previous``.

    >>> from hdnd.periods import parse_period
    >>> from hdnd.summary import summarize
    >>> from hdnd import Dataset
    >>> s = summarize(Dataset(), parse_period("năm 2023"))
    >>> compare(s, s)["sessions", "total"]  # nothing recorded: unknown
    Change(current=None, previous=None)
    """
    return Comparison(current, previous)


def baseline(period: Period, against: Baseline = "same-period-last-year") -> Period:
    """The period to compare ``period`` with.

    >>> from hdnd.periods import parse_period
    >>> str(baseline(parse_period("quý I/2023")))
    'quý I/2022'
    >>> str(baseline(parse_period("quý I/2023"), "previous-period"))
    'quý IV/2022'
    """
    if against == "previous-period":
        return period.previous()
    return period.same_period_last_year()
