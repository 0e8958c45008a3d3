"""The shortcuts taken for speed give exactly what the plain way gives.

Numbers written without Babel, tallies added up all at once, periods found by day,
comparisons that make their changes on demand, the collector's generations after a
load, and no collection while a stream is counted: each is checked against the
straightforward way (no timing here; speed is measured in benchmarks/).
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.comparison import Change, FigurePath, summary_figures
from hdnd.enums import Level
from hdnd.io._assemble import paused_gc
from hdnd.periods import Period, parse_period
from hdnd.pipeline import summarize_path
from hdnd.report import render
from hdnd.report._table import number_format
from hdnd.summary import Summary, _added, _Tallies, summarize_periods, summarize_records
from hdnd.testing import datasets
from hdnd.testing.periods import quarters, years

periods = st.one_of(quarters(), years())


# -- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "locale"), [("vi", "vi_VN"), ("en", "en_US")])
@given(
    value=st.one_of(
        st.integers(),
        st.integers(-(10**16), 10**16),
        st.sampled_from([0, 999, 1000, -1000, 10**15 - 1, 10**15, -(10**15)]),
        st.floats(-1e9, 1e9, allow_nan=False),
    )
)
def test_numbers_are_written_as_babel_writes_them(lang: str, locale: str, value: float) -> None:
    def outcome(write: Callable[[], str]) -> object:
        try:
            return write()
        except ArithmeticError as e:  # Babel's Decimal cannot round numbers of 28 digits
            return type(e)

    babel = outcome(lambda: format_decimal(value, format="#,##0.##", locale=locale))
    assert outcome(lambda: number_format(lang)(value)) == babel  # type: ignore[arg-type]


def test_whole_numbers_are_grouped_the_vietnamese_way() -> None:
    number = number_format("vi")
    assert (number(0), number(999), number(1000), number(-1234567)) == (
        "0",
        "999",
        "1.000",
        "-1.234.567",
    )
    assert number_format("en")(1234567) == "1,234,567"


# -- tallies and periods ------------------------------------------------------------------


def _tallies_of(ds: hdnd.Dataset, period: Period) -> list[_Tallies]:
    """Each council's tallies, as the counting loop leaves them."""
    import hdnd.summary as summary

    found: list[_Tallies] = []
    real = summary._summaries

    def keep(_periods, tallies, *rest):  # type: ignore[no-untyped-def]
        found.extend(tallies[0].values())
        return real(_periods, tallies, *rest)

    summary._summaries = keep  # type: ignore[assignment]
    try:
        summarize_records(ds.records(), period)
    finally:
        summary._summaries = real
    return found


def _state(t: _Tallies) -> tuple[object, ...]:
    return t.fixed, t.hosts, t.groups, sorted(t.passed)


@settings(max_examples=40)
@given(datasets(max_councils=5), periods)
def test_tallies_added_at_once_equal_those_added_one_by_one(
    ds: hdnd.Dataset, period: Period
) -> None:
    tallies = _tallies_of(ds, period)
    one_by_one = _Tallies()
    for t in tallies:
        one_by_one += t
    before = [_state(t) for t in tallies]
    assert _state(_added(tallies)) == _state(one_by_one)
    assert [_state(t) for t in tallies] == before  # the parts are left as they were
    assert _state(_added([])) == _state(_Tallies())


@settings(max_examples=40)
@given(datasets(max_councils=4), years(), st.sampled_from([1, 2, 3, 4]))
def test_a_day_in_two_periods_counts_in_both(ds: hdnd.Dataset, year: Period, q: int) -> None:
    quarter = parse_period(f"quý {['I', 'II', 'III', 'IV'][q - 1]}/{year.start.year}")
    both = summarize_periods(ds.records(), [year, quarter, year])
    assert both[0] == both[2] == summarize_records(ds.records(), year)
    assert both[1] == summarize_records(ds.records(), quarter)


def test_reports_do_not_depend_on_the_order_of_records(city: hdnd.Dataset) -> None:
    q1 = parse_period("quý I/2023")
    records = list(city.records())
    texts = set()
    for seed in range(3):
        random.Random(seed).shuffle(records)
        now = summarize_records(records, q1)
        then = summarize_records(records, hdnd.baseline(q1))
        assert list(now.figures.receptions.by_host) == sorted(now.figures.receptions.by_host)
        assert list(now.figures.oversight.by_body) == sorted(now.figures.oversight.by_body)
        texts.add(render(now, hdnd.compare(now, then)))
    assert len(texts) == 1


# -- comparisons --------------------------------------------------------------------------


@settings(max_examples=30)
@given(datasets(max_councils=4), periods, periods, st.booleans())
def test_comparison_pairs_every_figure(
    ds: hdnd.Dataset, period: Period, other: Period, subs: bool
) -> None:
    council = ds.councils[0].id if subs and ds.councils else None
    now = hdnd.summarize(ds, period, council=council, with_subordinates=subs)
    then = hdnd.summarize(ds, other, council=council, with_subordinates=subs)
    current, previous = dict(summary_figures(now)), dict(summary_figures(then))
    comparison = hdnd.compare(now, then)

    def value(summary: Summary, values: dict[FigurePath, int | None], path: FigurePath) -> Any:
        """A figure's value; one a summary does not list is 0, or None if its group is."""
        if path in values:
            return values[path]
        figures, group = summary.figures, path[0]
        if path[0] == "by_level":
            figures, group = summary.by_level[Level(path[1])], path[2]
        return None if getattr(figures, group) is None else 0

    expected = {
        p: Change(value(now, current, p), value(then, previous, p)) for p in current | previous
    }
    assert dict(comparison) == expected
    assert list(comparison) == list(current | previous)
    nobody = ("receptions", "by_host", "nobody", "turns")
    assert comparison.get_change(*nobody) == Change(
        value(now, current, nobody), value(then, previous, nobody)
    )
    # the JSON report's "changes", made at once: what each change says of itself
    assert comparison.as_dict() == {
        ".".join(p): {"current": c.current, "previous": c.previous, "change": c.delta,
                      "percent": c.percent}
        for p, c in expected.items()
    }  # fmt: skip


# -- the collector after a load -----------------------------------------------------------


def _oldest() -> list[object]:
    return gc.get_objects(generation=2)


@pytest.mark.skipif(not gc.isenabled(), reason="the collector is off")
def test_what_a_load_built_goes_to_the_oldest_generation() -> None:
    with paused_gc():
        built = [[i] for i in range(100)]
    assert gc.isenabled()
    oldest = {id(o) for o in _oldest()}
    assert all(id(item) in oldest for item in built)


class _Failed(Exception):
    pass


def _fail_while_paused(built: list[list[int]]) -> None:
    with paused_gc():
        built.extend([i] for i in range(100))
        raise _Failed


@pytest.mark.skipif(not gc.isenabled(), reason="the collector is off")
def test_a_failed_load_leaves_the_generations_alone() -> None:
    built: list[list[int]] = []
    with pytest.raises(_Failed):
        _fail_while_paused(built)
    assert gc.isenabled()
    oldest = {id(o) for o in _oldest()}
    assert not any(id(item) in oldest for item in built)


@pytest.mark.skipif(not gc.isenabled(), reason="the collector is off")
def test_objects_the_program_froze_stay_frozen() -> None:
    mine = [[1], [2]]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            built = [[i] for i in range(100)]
        assert gc.get_freeze_count() == frozen
        assert not any(id(item) in {id(o) for o in _oldest()} for item in built)
    finally:
        gc.unfreeze()
    assert mine


def _collections_while(run: Callable[[], object]) -> int:
    """How many times the collector ran during ``run()``."""
    runs = 0

    def count(phase: str, _info: dict[str, int]) -> None:
        nonlocal runs
        runs += phase == "start"

    gc.callbacks.append(count)
    try:
        run()
    finally:
        gc.callbacks.remove(count)
    return runs


@pytest.mark.skipif(not gc.isenabled(), reason="the collector is off")
def test_a_streamed_summary_runs_no_collection(city: hdnd.Dataset, tmp_path: Path) -> None:
    path = tmp_path / "city.jsonl"
    hdnd.dump(city, path)
    q1 = parse_period("quý I/2023")
    assert _collections_while(lambda: [[i] for i in range(5000)]) > 0  # it would run
    summaries: list[Summary] = []
    assert _collections_while(lambda: summaries.extend(summarize_path(path, [q1]))) == 0
    assert gc.isenabled()
    assert summaries[0].figures.receptions.total.turns == 408  # as the document loaded whole


@pytest.mark.skipif(not gc.isenabled(), reason="the collector is off")
def test_a_stream_that_fails_turns_the_collector_back_on(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"type": "person", "id": "p1"}\n')
    with pytest.raises(hdnd.InvalidData):
        summarize_path(path, [parse_period("quý I/2023")])
    assert gc.isenabled()


# -- the fast path: references remembered, bounds checked by msgspec ------------------------


def _body(council_id: str, n: int) -> bytes:
    return (
        f'{{"type": "body", "id": "b{n}", "council_id": {council_id},'
        f' "kind": "standing_committee"}}'
    ).encode()


def test_a_reference_read_again_is_taken_as_it_was_checked() -> None:
    from hdnd.io.jsonl import iter_lines

    lines = [_body('" tp "', 1), _body('"tp"', 2), _body('"Ho\\u0302\\u0323i"', 3)]
    lines += [_body('"H\\u1ed9i"', 4), _body('" tp "', 5)]
    bodies = list(iter_lines(lines))
    assert [b.council_id for b in bodies] == ["tp", "tp", "Hội", "Hội", "tp"]
    assert bodies[0].council_id is bodies[1].council_id is bodies[4].council_id
    assert bodies[2].council_id is bodies[3].council_id
    for _ in range(2):  # refused the second time too, with the detailed path's message
        with pytest.raises(hdnd.InvalidData, match=r"council_id.*must not be empty"):
            list(iter_lines([_body('"  "', 6)], "x.jsonl"))


@pytest.mark.parametrize("values", [False, True])
def test_counts_below_their_minimum_are_refused_on_the_wire(values: bool) -> None:
    from hdnd.io.jsonl import _iter_values, iter_lines

    def line(turns: int) -> bytes:
        return (
            b'{"type": "reception", "id": "r1", "council_id": "tp", "date": "2023-01-05",'
            b' "kind": "periodic", "turns": %d, "persons": 0, "cases": 0}' % turns
        )

    read = _iter_values if values else iter_lines
    assert len(list(read([line(0)]))) == 1
    with pytest.raises(hdnd.InvalidData, match=r"x.jsonl:1: turns .*must be ≥ 0, got -1"):
        list(read([line(-1)], "x.jsonl"))


# -- records built by the detailed path are checked for integrity like the others ------------


def test_integrity_of_records_the_detailed_path_built(monkeypatch: pytest.MonkeyPatch) -> None:
    from hdnd._fast import refuse

    monkeypatch.setattr("hdnd.io._assemble.structurer", lambda cls: refuse)
    council = '{"id": "c", "name": "C", "level": "province", "unit_type": "province"}'
    body = '{"id": "b", "council_id": "%s", "kind": "standing_committee"}'
    good = f'{{"schema_version": 1, "councils": [{council}], "bodies": [{body % "c"}]}}'
    assert hdnd.loads(good).bodies[0].council_id == "c"
    dangling = f'{{"schema_version": 1, "councils": [{council}], "bodies": [{body % "x"}]}}'
    with pytest.raises(hdnd.InvalidData, match=r"bodies\[0\]\.council_id .*no council with id 'x'"):
        hdnd.loads(dangling)
    twice = f'{{"schema_version": 1, "councils": [{council}, {council}]}}'
    with pytest.raises(hdnd.InvalidData, match=r"councils\[1\]\.id .*duplicate id"):
        hdnd.loads(twice)


def test_text_read_again_is_one_string_but_ids_are_not_remembered() -> None:
    from hdnd._fast import _SEEN
    from hdnd.io.jsonl import iter_lines

    def line(n: int, sector: str) -> bytes:
        return (
            f'{{"type": "voter_petition", "id": "remember-me-not-{n}", "council_id": "tp",'
            f' "received": "2023-01-05", "status": "resolved", "sector": {sector}}}'
        ).encode()

    first, again, padded, nfd = iter_lines(
        [line(1, '"y tế"'), line(2, '"y tế"'), line(3, '" y tế "'), line(4, '"y te\\u0302\\u0301"')]
    )
    assert first.sector == again.sector == padded.sector == "y tế"
    assert first.sector is again.sector
    assert nfd.sector == "y tế"
    assert not any(key.startswith("remember-me-not") for seen in _SEEN.values() for key in seen)
    with pytest.raises(hdnd.InvalidData, match=r"sector.*must not be empty"):
        list(iter_lines([line(5, '"   "')], "x.jsonl"))


def test_the_same_day_is_one_date() -> None:
    from hdnd.io.jsonl import _iter_values, iter_lines

    def line(n: int, day: str) -> bytes:
        return (
            f'{{"type": "session", "id": "s{n}", "council_id": "tp", "number": 1,'
            f' "kind": "regular", "start": "{day}"}}'
        ).encode()

    lines = [line(1, "2023-07-10"), line(2, "2023-07-10")]
    first, again = iter_lines(lines)
    assert first.start == dt.date(2023, 7, 10)
    assert first.start is again.start
    (_, values), (_, more) = _iter_values(lines)
    assert values[4] is more[4] is first.start
    for bad in ("2023-02-29", "2023-7-10", "２０２３-07-10", "20230710"):
        with pytest.raises(hdnd.InvalidData, match="start"):
            list(iter_lines([line(3, bad)], "x.jsonl"))


@settings(max_examples=40)
@given(datasets(max_councils=3), st.data())
def test_a_loader_finds_what_the_dataset_would(ds: hdnd.Dataset, data: st.DataObject) -> None:
    """The ids and references a loader gathers record by record give the problems that
    the records themselves give."""
    import attrs

    from hdnd.dataset import COLLECTIONS, integrity_problems
    from hdnd.io._assemble import Assembler
    from hdnd.model import references

    groups = {c.key: list(getattr(ds, c.key)) for c in COLLECTIONS}
    every = [(c, i) for c in COLLECTIONS for i in range(len(groups[c.key]))]
    for c, i in data.draw(st.lists(st.sampled_from(every), max_size=3)) if every else []:
        record = groups[c.key][i]
        refs = [name for name, _ in references(c.cls)]
        if refs and data.draw(st.booleans()):  # a reference to nothing
            record = attrs.evolve(record, **{data.draw(st.sampled_from(refs)): "nowhere"})
        groups[c.key].append(record)  # an id twice
    asm = Assembler(None, "document")
    for c in COLLECTIONS:
        for i, record in enumerate(groups[c.key]):
            asm.add_record(c, record, i)
    expected = [str(p) for p in integrity_problems(groups)]
    if not expected:
        assert asm.finish() == hdnd.Dataset(**groups)
        return
    with pytest.raises(hdnd.InvalidData) as raised:
        asm.finish()
    assert [str(p) for p in raised.value.problems] == expected


@given(st.text(alphabet=" \t\n\r\u00a0ab,.;:)", max_size=60))
def test_paragraphs_are_tidied_as_every_run_of_spaces_became_one(text: str) -> None:
    import re

    from hdnd.report import _tidy

    def plainly(text: str) -> str:
        paragraphs = []
        for block in re.split(r"\n\s*\n", text):
            joined = " ".join(part.strip() for part in block.splitlines())
            line = re.sub(r" +([,.;:)])", r"\1", re.sub(r"[ \t]+", " ", joined).strip())
            if line:
                paragraphs.append(line)
        return "\n\n".join(paragraphs)

    assert _tidy(text) == plainly(text)


def test_document_numbers_on_the_wire_are_read_as_text() -> None:
    from hdnd.io.jsonl import iter_lines

    def line(n: int, number: str) -> bytes:
        return (
            f'{{"type": "resolution", "id": "r{n}", "council_id": "tp", "number": {number},'
            f' "date": "2023-03-01", "title": "Nghị quyết"}}'
        ).encode()

    plain, escaped = iter_lines([line(1, '"146/NQ-HĐND"'), line(2, '"146\\/NQ-H\\u0110ND"')])
    assert str(plain.number) == str(escaped.number) == "146/NQ-HĐND"
    assert plain.number is escaped.number  # the same text once decoded: one object
    for bad in ("146", "null", '"no number"'):
        with pytest.raises(hdnd.InvalidData, match="number"):
            list(iter_lines([line(3, bad)], "x.jsonl"))


def test_a_block_read_whole_on_the_wire_is_still_checked_for_repeated_keys() -> None:
    """A block of lines the wire path all takes is given whole, unless its colons
    outnumber its keys: a colon in a text is then told from a key given twice."""
    from hdnd.io.jsonl import _iter_values

    def line(n: int, extra: str = "") -> bytes:
        return (
            f'{{"type": "reception", "id": "r{n}", "council_id": "tp", "date": "2023-01-05",'
            f' "kind": "periodic", "place": "08:30, trụ sở", "turns": {n}, "persons": 1,'
            f' "cases": 0{extra}}}'
        ).encode()

    good = [line(n) for n in range(1, 6)]
    values = list(_iter_values(io.BytesIO(b"\n".join(good)), "x.jsonl"))
    assert [v[7] for _, v in values] == [1, 2, 3, 4, 5]  # turns
    assert {v[6] for _, v in values} == {"08:30, trụ sở"}  # place
    twice = [*good[:2], line(9, ', "turns": 7'), *good[2:]]
    with pytest.raises(hdnd.InvalidData, match=r"x.jsonl:3:\d+: turns .*appears twice"):
        list(_iter_values(io.BytesIO(b"\n".join(twice)), "x.jsonl"))


def test_a_block_with_colons_in_its_texts_is_finished_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A colon in a text ("08:30") makes a block's colons outnumber its keys: only the
    lines that have more are looked at again, and the block is not read a second time."""
    from hdnd.io import jsonl

    def line(n: int) -> bytes:
        place = "08:30, trụ sở" if n % 10 == 0 else "trụ sở"
        return (
            f'{{"type": "reception", "id": "r{n}", "council_id": "tp", "date": "2023-01-05",'
            f' "kind": "periodic", "place": "{place}", "turns": {n}, "persons": 1, "cases": 0}}'
        ).encode()

    careful = jsonl._with_repeats  # what a block read line by line goes through
    read_again: list[int] = []

    def counted(items: Any, lines: list[bytes], first: int, file: str | None) -> Any:
        read_again.append(first)
        return careful(items, lines, first, file)

    monkeypatch.setattr(jsonl, "_with_repeats", counted)
    values = list(jsonl._iter_values(io.BytesIO(b"\n".join(map(line, range(1, 301)))), "x.jsonl"))
    assert [v[7] for _, v in values] == list(range(1, 301))  # turns, in order
    assert read_again == []  # no block read line by line
