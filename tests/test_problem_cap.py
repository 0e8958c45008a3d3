"""Problems are capped (issue 17): the first ``MAX_PROBLEMS`` kept and printed, the rest counted.

A file of a million bad lines made a million problems: hundreds of megabytes kept, and
printed. Now a failing load keeps the first problems, counts the others and says
where the first and the last of those are; its memory does not grow with them; a
stream that stops at a bad line is streamed again for its problems, never loaded.
"""

from __future__ import annotations

import contextlib
import gc
import json
import subprocess
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hdnd
import hdnd.errors
from hdnd.errors import Dropped, InvalidData, Problem, ProblemLog
from hdnd.periods import parse_period
from hdnd.pipeline import summarize_path

COUNCIL = (
    b'{"type": "council", "id": "tp", "name": "HDND", "level": "province",'
    b' "unit_type": "province"}\n'
)
UNKNOWN = "type: unknown record type text 'x'"


def bad_lines(n: int) -> bytes:
    return b'{"type": "x"}\n' * n


def problems_of(data: bytes, format: str = "jsonl") -> InvalidData:
    with pytest.raises(InvalidData) as e:
        hdnd.loads(data, format=format, file="f")  # type: ignore[arg-type]
    return e.value


@given(st.integers(0, 60), st.integers(0, 20))
def test_a_log_keeps_the_first_and_counts_the_rest(n: int, limit: int) -> None:
    log = ProblemLog(limit=limit)
    log.extend(Problem(line=i, message="bad") for i in range(1, n + 1))
    assert [p.line for p in log] == list(range(1, min(n, limit) + 1))
    assert log.total == n
    if n > limit:
        assert log.dropped == Dropped(
            n - limit, Problem(line=limit + 1, message="bad"), Problem(line=n, message="bad")
        )
    else:
        assert log.dropped is None


def test_a_load_keeps_the_first_thousand_and_says_how_many_more() -> None:
    e = problems_of(bad_lines(3_000))
    assert len(e.problems) == 1_000
    assert e.total == 3_000
    assert str(e.problems[-1]) == f"f:1000: {UNKNOWN}; expected one of: " + ", ".join(
        ["header", *(c.tag for c in hdnd.dataset.COLLECTIONS)]
    )
    assert str(e.dropped) == "… and 2,000 more problems (first line 1,001, last line 3,000)"
    assert str(e).splitlines()[0] == "3,000 problems:"
    assert str(e).splitlines()[-1] == (
        "  … and 2,950 more problems (first line 51, last line 3,000)"
    )


def test_the_cap_is_a_module_attribute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hdnd.errors, "MAX_PROBLEMS", 5)
    e = problems_of(bad_lines(12))
    assert [p.line for p in e.problems] == [1, 2, 3, 4, 5]
    assert str(e.dropped) == "… and 7 more problems (first line 6, last line 12)"


def test_a_document_names_the_paths_of_the_first_and_last_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(hdnd.errors, "MAX_PROBLEMS", 2)
    people = [{"id": f"p{i}", "full_name": ""} for i in range(5)]
    e = problems_of(json.dumps({"schema_version": 1, "people": people}).encode(), "json")
    assert [p.location for p in e.problems] == ["people[0].full_name", "people[1].full_name"]
    assert str(e.dropped) == (
        "… and 3 more problems (first at people[2].full_name, last at people[4].full_name)"
    )


def test_integrity_problems_are_capped_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hdnd.errors, "MAX_PROBLEMS", 3)
    people = b'{"type": "person", "id": "p", "full_name": "An"}\n' * 6
    e = problems_of(people)
    assert e.total == 5
    assert len(e.problems) == 3
    assert [p.line for p in e.problems] == [2, 3, 4]
    assert e.dropped is not None
    assert (e.dropped.first.line, e.dropped.last.line) == (5, 6)


def test_a_pickled_error_keeps_its_count(monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    monkeypatch.setattr(hdnd.errors, "MAX_PROBLEMS", 2)
    e = problems_of(bad_lines(4))
    again = pickle.loads(pickle.dumps(e))
    assert (again.problems, again.dropped, str(again)) == (e.problems, e.dropped, str(e))


def peak_while(work: object) -> int:
    tracemalloc.start()
    try:
        with pytest.raises(InvalidData):
            work()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("line", [b'{"type": "x"}\n', b'{"type": "person", "full_name": 5}\n'])
def test_memory_of_a_failing_load_does_not_grow_with_its_problems(
    tmp_path: Path, line: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hdnd.errors, "MAX_PROBLEMS", 100)
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_bytes(line * 2_000)
    large.write_bytes(line * 20_000)
    grown = peak_while(lambda: hdnd.load(large)) - peak_while(lambda: hdnd.load(small))
    # 18,000 problems more: kept, they would take some 300 bytes each
    assert grown < 18_000 * 30


def test_failing_records_leave_nothing_for_the_paused_collector() -> None:
    """Their errors' cycles are broken: what a failing load leaves does not grow with it."""

    def left_over(n: int) -> int:
        people = [{"id": f"p{i}", "full_name": "", "other_posts": [5]} for i in range(n)]
        data = json.dumps({"schema_version": 1, "people": people}).encode()
        gc.collect()
        gc.disable()
        # caught as a program catches it (pytest.raises would keep it in a cycle)
        with contextlib.suppress(InvalidData):
            hdnd.loads(data)
        try:
            return gc.collect()
        finally:
            gc.enable()

    left_over(30)  # the first load makes what stays: the converter's functions
    assert left_over(300) <= left_over(30)


def test_a_stream_that_stops_is_streamed_again_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(COUNCIL + bad_lines(3) + b'{"type": "person", "id": "p"}\n')

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was loaded")

    monkeypatch.setattr("hdnd.io.jsonl.read_lines", refuse)
    monkeypatch.setattr("hdnd.io.read_lines", refuse)
    with pytest.raises(InvalidData) as e:
        summarize_path(path, [parse_period("quý I/2023")])
    assert [(p.line, p.location) for p in e.value.problems] == [
        (2, "type"),
        (3, "type"),
        (4, "type"),
        (5, "full_name"),
    ]


def test_lone_cr_line_endings_are_named() -> None:
    data = b'{"type": "header", "schema_version": 1}\r' + COUNCIL.replace(b"\n", b"\r")
    e = problems_of(data)
    assert str(e) == (
        "f:1:40: lines end in CR alone (old Mac line endings); "
        "save the file with LF or CRLF line endings"
    )


def test_a_cr_between_values_is_whitespace() -> None:
    assert hdnd.loads(COUNCIL.replace(b", ", b",\r "), format="jsonl").councils[0].id == "tp"


HdndCli = Callable[..., subprocess.CompletedProcess[str]]  # the fixture in conftest.py


def test_the_command_line_prints_the_first_and_counts_the_rest(
    tmp_path: Path, hdnd_cli: HdndCli
) -> None:
    (tmp_path / "bad.jsonl").write_bytes(bad_lines(30))
    done = hdnd_cli("validate", "--max-problems", "4", "bad.jsonl", cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert lines[0] == "bad.jsonl: INVALID, 30 problems"
    assert [line.split(": ")[0] for line in lines[1:5]] == [f"  bad.jsonl:{i}" for i in range(1, 5)]
    assert lines[5] == "  … and 26 more problems (first line 5, last line 30)"

    done = hdnd_cli(
        "validate", "--max-problems", "4", "--format", "json", "bad.jsonl", cwd=tmp_path
    )
    [file] = json.loads(done.stdout)["files"]
    assert (file["problem_count"], len(file["problems"])) == (30, 4)
    more = file["more_problems"]
    assert (more["count"], more["first"]["line"], more["last"]["line"]) == (26, 5, 30)

    done = hdnd_cli(
        "summary", "bad.jsonl", "--period", "quý I/2023", "--max-problems", "2", cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "… and 28 more problems (first line 3, last line 30)"
    # a note that a stream's checks are not run (said before reading), then the problems
    assert done.stderr.startswith("hdnd: note: checks not run on a streamed file")
    assert len(done.stderr.splitlines()) == 4


@pytest.mark.parametrize("given_", ["0", "-3", "many"])
def test_max_problems_is_a_positive_number(tmp_path: Path, given_: str, hdnd_cli: HdndCli) -> None:
    done = hdnd_cli("convert", "--max-problems", given_, "a.json", "b.jsonl", cwd=tmp_path)
    assert done.returncode == 2
    assert "--max-problems" in done.stderr
    assert "at least 1" in done.stderr


@pytest.mark.parametrize("format", ["json", "jsonl"])
def test_a_record_of_many_problems_counts_them_all(
    format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hdnd.errors, "MAX_PROBLEMS", 10)
    person = {"id": "p", "full_name": "An", "other_posts": list(range(25))}
    if format == "json":
        data = json.dumps({"schema_version": 1, "people": [person, person]}).encode()
    else:
        data = (json.dumps({"type": "person", **person}) + "\n").encode() * 2
    e = problems_of(data, format)
    assert e.total == 50
    assert e.dropped is not None
    assert e.dropped.last.location.endswith("other_posts[24]")


def test_a_table_counts_only_what_it_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows missing a column reported once on row 1 add nothing to the count."""
    monkeypatch.setattr(hdnd.errors, "MAX_PROBLEMS", 1)  # full once the column is reported
    (tmp_path / "people.csv").write_text(
        "id\n" + "".join(f"p{i}\n" for i in range(6)) + "p0\n", encoding="utf-8"
    )
    with pytest.raises(InvalidData) as e:
        hdnd.load(tmp_path)
    # the missing column, then the id used twice: nothing for each row missing a name
    assert e.value.total == 2
