"""Repeated keys are found in time linear in the input, however many there are (issue 17).

Counting each repeat's line and column from the start of the text made the check
quadratic: 160,000 repeats of one key took a minute. Time is not asserted here; what
the check does is counted instead: the bytes its scans cover, and the functions it
calls, for an input and one four times as long.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, SupportsIndex

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hdnd
from hdnd.errors import MAX_PROBLEMS
from hdnd.io._strict import duplicate_keys


class Metered(bytes):
    """Bytes that count how many bytes the searches and slices made of them cover."""

    covered = 0

    def _cover(self, start: SupportsIndex | None, end: SupportsIndex | None) -> None:
        self.covered += len(range(len(self))[slice(start, end)])

    def count(self, sub: Any, start: Any = None, end: Any = None) -> int:
        self._cover(start, end)
        return super().count(sub, start, end)

    def find(self, sub: Any, start: Any = None, end: Any = None) -> int:
        self._cover(start, end)
        return super().find(sub, start, end)

    def rfind(self, sub: Any, start: Any = None, end: Any = None) -> int:
        self._cover(start, end)
        return super().rfind(sub, start, end)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            self._cover(key.start, key.stop)
        return super().__getitem__(key)

    def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        self._cover(None, None)
        return super().decode(encoding, errors)


def one_line(repeats: int) -> bytes:
    """A document on one line: a key repeated ``repeats`` times, after a non-ASCII text."""
    return b'{"schema_version": 1, "n\xc3\xa0": 0, ' + b'"x": 0, ' * repeats + b'"y": 0}'


def many_lines(repeats: int) -> bytes:
    """The same, a key a line."""
    return b'{"schema_version": 1,\n' + b'"x": 0,\n' * repeats + b'"y": 0}\n'


def covered(data: bytes) -> tuple[int, int]:
    """The bytes the check's scans cover, and the problems it finds."""
    metered = Metered(data)
    found = sum(1 for _ in duplicate_keys(metered, orjson.loads(data)))
    return metered.covered, found


def calls(work: Callable[[], object]) -> int:
    """How many functions (Python's and C's) ``work`` calls."""
    n = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal n
        n += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        work()
    finally:
        sys.setprofile(None)
    return n


@pytest.mark.parametrize("document", [one_line, many_lines], ids=["one line", "many lines"])
def test_the_bytes_scanned_grow_as_the_input(document: Callable[[int], bytes]) -> None:
    small, large = document(2_000), document(8_000)
    (scanned_small, found_small), (scanned_large, found_large) = covered(small), covered(large)
    assert (found_small, found_large) == (1_999, 7_999)
    # quadratic, the ratio would be 16; linear, it is the ratio of sizes (4), give or take
    assert scanned_large / scanned_small < 1.25 * len(large) / len(small)
    assert scanned_large < 3 * len(large)


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "é", "ключ"]), st.sampled_from([" ", "\n", "\n\n"])),
        min_size=1,
        max_size=300,
    )
)
def test_the_bytes_scanned_are_a_few_times_the_input(keys: list[tuple[str, str]]) -> None:
    data = ("{" + ",".join(f'{space}"{key}": 0' for key, space in keys) + "}").encode()
    scanned, found = covered(data)
    assert found == len(keys) - len({key for key, _ in keys})
    assert scanned <= 3 * len(data) + 100


@pytest.mark.parametrize(
    ("text", "format"),
    [
        (one_line, "json"),
        (many_lines, "json"),
        (
            lambda n: (
                b'{"type": "person", "id": "p1", "full_name": "An", '
                + b'"x": 0, ' * n
                + b'"y": 0}\n'
            ),
            "jsonl",
        ),
    ],
    ids=["document on one line", "document of many lines", "JSON Lines line"],
)
def test_a_load_calls_functions_in_proportion_to_the_repeats(
    text: Callable[[int], bytes], format: str
) -> None:
    def load(n: int) -> Callable[[], object]:
        data = text(n)

        def work() -> None:
            with pytest.raises(hdnd.InvalidData) as e:
                hdnd.loads(data, format=format)  # type: ignore[arg-type]
            assert len(e.value.problems) == MAX_PROBLEMS  # and not thousands
            assert e.value.total >= n - 1  # each repeat counted

        return work

    small, large = calls(load(5_000)), calls(load(20_000))
    assert large / small < 1.25 * 4
