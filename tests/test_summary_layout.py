"""The counting slots are derived from the declaration of Figures and picked by name.

A figure declared but counted by nothing, a counting function naming a figure that is
not declared, a total adding up a figure that is not counted, a figure of a type there
is no way to count: each is caught, at import or here, rather than left at 0.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.comparison import figures_of
from hdnd.enums import Level, ReceptionKind, SessionKind
from hdnd.periods import Period
from hdnd.summary import (
    _APART,
    _AT,
    Figures,
    PetitionFigures,
    ReceptionCounts,
    _Layout,
    _total,
)
from hdnd.testing import datasets
from hdnd.testing.periods import quarters, years


@attrs.frozen(kw_only=True)
class _MorePetitionFigures(PetitionFigures):
    anonymous: int = 0


@attrs.frozen(kw_only=True)
class _MoreFigures(Figures):
    """Figures with one more figure, as a contributor would add it."""

    petitions: _MorePetitionFigures = attrs.Factory(_MorePetitionFigures)


@attrs.frozen(kw_only=True)
class _Uncountable:
    share: float = 0.0


@attrs.frozen(kw_only=True)
class _MistypedTotal:
    total: int = _total("by_knd")
    by_kind: dict[SessionKind, int] = attrs.Factory(dict)


def test_every_declared_figure_is_counted() -> None:
    assert _AT.unpicked() == []


def test_a_figure_declared_but_not_counted_is_caught() -> None:
    layout = _Layout(_MoreFigures, apart=_APART)
    # what the counting functions pick, by the same names
    for figure in _AT.keys:
        layout.slot(*figure)
    for group in _AT.groups:
        layout.group(*group)
    assert layout.unpicked() == [("petitions", "anonymous")]


@pytest.mark.parametrize(
    "pick",
    [
        lambda: _AT.slot("petitions", "anonymous"),
        lambda: _AT.slot("petitions", "by_kind"),
        lambda: _AT.slots("petitions", "eligible"),
        lambda: _AT.group("petitions", "by_kind"),
    ],
)
def test_a_counted_figure_that_is_not_declared_is_caught(pick: object) -> None:
    with pytest.raises(KeyError, match=r"petitions\.(anonymous|by_kind|eligible)"):
        pick()  # type: ignore[operator]


def test_a_figure_there_is_no_way_to_count_is_caught() -> None:
    with pytest.raises(TypeError, match="figure share: no way to count"):
        _Layout(_Uncountable)


def test_a_total_of_a_figure_that_is_not_counted_is_caught() -> None:
    with pytest.raises(KeyError, match="figure total adds up by_knd"):
        _Layout(_MistypedTotal)


def test_the_layout_covers_every_count_the_comparison_walks() -> None:
    """Slots, totals, distinct counts and what is counted apart are every count of
    Figures, once."""
    walked = [path for path, _ in figures_of(Figures())]
    totals = [figure for figure, _ in _AT.totals]
    distinct = [figure for figure, _ in _AT.distinct]
    apart = [
        *(("receptions", "total", m) for m in _measures()),
        *(("receptions", "by_kind", k.value, m) for k in ReceptionKind for m in _measures()),
        *(("oversight", "by_level", level.value) for level in Level),
    ]
    assert sorted(_AT.keys + totals + distinct + apart) == sorted(walked)
    assert len(set(_AT.keys)) == len(_AT.keys)


def _measures() -> list[str]:
    return [f.name for f in attrs.fields(ReceptionCounts)]


periods = st.one_of(years(min_year=2016, max_year=2030), quarters(min_year=2016, max_year=2030))


@settings(max_examples=40)
@given(datasets(max_councils=4), periods)
def test_totals_are_the_sums_of_their_parts(ds: hdnd.Dataset, period: Period) -> None:
    summary = hdnd.summarize(ds, period)
    in_period = period.contains
    resolutions = [r for r in ds.resolutions if in_period(r.date)]
    receptions = [r for r in ds.receptions if in_period(r.date)]
    counted = {
        "resolutions": len(resolutions),
        "sessions": sum(in_period(s.start) for s in ds.sessions),
        "meetings": sum(in_period(m.date) for m in ds.meetings),
        "petitions": sum(in_period(p.received) for p in ds.petitions),
        "voter_petitions": sum(in_period(v.received) for v in ds.voter_petitions),
        "receptions": len(receptions),
    }
    # a group with records counting in the period is known; an unknown one has none
    for group, n in counted.items():
        assert (getattr(summary.figures, group) is None) <= (n == 0), group
    figures = summary.figures + _ZEROS  # what is unknown read as 0 below
    assert figures.resolutions.total == len(resolutions) == len(figures.resolutions.passed)
    assert figures.resolutions.total == figures.resolutions.normative + (
        figures.resolutions.individual
    )
    assert figures.sessions.total == counted["sessions"]
    assert figures.sessions.total == sum(figures.sessions.by_kind.values())
    assert figures.meetings.total == counted["meetings"]
    assert figures.meetings.total == sum(figures.meetings.by_kind.values())
    assert figures.petitions.received == counted["petitions"]
    assert figures.petitions.received == sum(figures.petitions.by_status.values())
    assert figures.voter_petitions.received == counted["voter_petitions"]
    assert figures.oversight.conducted == sum(figures.oversight.by_kind.values())
    assert figures.receptions.total.sessions == len(receptions)
    assert figures.receptions.total.turns == sum(r.turns for r in receptions)
    assert figures.receptions.total == sum(figures.receptions.by_kind.values(), ReceptionCounts())


_ZEROS = Figures()
