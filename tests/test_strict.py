"""Keys repeated within one JSON object (``hdnd.io._strict``), which orjson reads silently."""

from __future__ import annotations

import json
import random
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hdnd.io import _strict
from hdnd.io._strict import duplicate_keys

EXAMPLE = Path(__file__).parent.parent / "examples" / "data" / "city-q1-2023.json"


def found(
    text: str | bytes, **where: object
) -> list[tuple[int | None, int | None, str, str | None]]:
    data = text.encode() if isinstance(text, str) else text
    problems = duplicate_keys(data, orjson.loads(data), **where)  # type: ignore[arg-type]
    return [(p.line, p.column, p.location, p.record_id) for p in problems]


def test_a_valid_document_has_none() -> None:
    assert found(EXAMPLE.read_bytes()) == []


def test_a_repeated_field_is_located_with_its_record() -> None:
    record = '  {"id": "p1", "full_name": "An", "full_name": "Bình"}'
    data = ('{"schema_version": 1,\n "people": [\n' + record + "]}").encode()
    [problem] = duplicate_keys(data, orjson.loads(data), file="q1.json")
    assert (problem.file, problem.line, problem.column) == ("q1.json", 3, 35)
    assert (problem.location, problem.record_id) == ("people[0].full_name", "p1")
    assert problem.message == (
        "the key appears twice in this object (first at 3:16); "
        "JSON readers keep only one of the values"
    )


def test_a_repeated_collection_would_lose_its_first_list() -> None:
    text = '{"schema_version": 1, "people": [{"id": "p1"}],\n "people": []}'
    assert found(text) == [(2, 2, "people", None)]


def test_nested_objects_and_lists() -> None:
    text = '{"a": [{"b": 1}, {"b": 1, "c": {"d": 1, "d": 2}, "b": 2}], "b": 3}'
    assert found(text) == [(1, 41, "a[1].c.d", None), (1, 50, "a[1].b", None)]


def test_the_record_id_is_the_one_that_is_read() -> None:
    text = '{"id": "p1", "id": "p2"}'  # orjson keeps the last
    assert found(text) == [(1, 14, "id", "p2")]


def test_keys_are_compared_as_json_reads_them() -> None:
    assert found('{"id": 1, "\\u0069d": 2}') == [(1, 11, "id", None)]
    assert found('{"tên": 1, "te\\u0302n": 2}') == []  # NFC and NFD: two keys to JSON


def test_an_escaped_colon_cannot_hide_a_repeat_from_the_screen() -> None:
    # Both texts write one colon per key; the parsed value, written back, has a colon in
    # its text and one key: the counts agree, but the text escapes a colon.
    assert found('{"a": "\\u003a", "a": "\\u003a"}') == [(1, 17, "a", None)]


def test_a_line_of_json_lines_is_numbered_from_its_line() -> None:
    line = b'{"type": "reception", "id": "r1", "turns": 4, "turns": 5}'
    assert found(line, file="q1.jsonl", line=7) == [(7, 47, "turns", "r1")]


def test_colons_in_text_are_not_mistaken_for_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object) -> object:
        raise AssertionError("the screen should have cleared this text")

    monkeypatch.setattr(_strict, "_located", slow)
    text = '{"title": "Nghị quyết: về việc 08:30", "url": "http://x", "n": {"a": [":"]}}'
    assert found(text) == []
    assert found(EXAMPLE.read_bytes()) == []


# ---------------------------------------------------------------- against a reference

keys = st.sampled_from(["a", "b", "id", "tên", "x:y", ""])
leaves = st.one_of(st.none(), st.integers(), st.text(alphabet=':ab"\\é', max_size=4))


class Obj(list[tuple[str, object]]):
    """A JSON object as written: its pairs, in order, repeats allowed."""


values = st.recursive(
    leaves,
    lambda children: (
        st.lists(children, max_size=3) | st.lists(st.tuples(keys, children), max_size=4).map(Obj)
    ),
    max_leaves=12,
)


def written(value: object, rng: random.Random) -> str:
    """JSON text of ``value``, keys escaped now and then, with spaces here and there."""
    space = rng.choice(["", " ", "\n"])
    if isinstance(value, Obj):
        pairs = [f"{key_text(k, rng)}{space}:{space}{written(v, rng)}" for k, v in value]
        return "{" + f",{space}".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + f",{space}".join(written(v, rng) for v in value) + "]"
    return json.dumps(value, ensure_ascii=rng.random() < 0.5)


def key_text(key: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return '"' + "".join(f"\\u{ord(c):04x}" for c in key) + '"'
    return json.dumps(key, ensure_ascii=False)


def repeats(text: str) -> int:
    """How many keys repeat within their object: Python's reader, pair by pair."""
    count = 0

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        nonlocal count
        count += len(items) - len({k for k, _ in items})
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return count


@settings(max_examples=300, derandomize=True, database=None)
@given(values.map(lambda v: Obj([("root", v)])), st.randoms(use_true_random=False))
def test_every_repeat_and_only_repeats_are_found(value: Obj, rng: random.Random) -> None:
    text = written(value, rng)
    assert len(found(text)) == repeats(text)
