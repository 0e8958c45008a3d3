"""Keys repeated within one JSON object (``hdnd.io._strict``), which orjson reads silently."""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.errors import InvalidData, Problem
from hdnd.io import _strict
from hdnd.io._strict import duplicate_keys
from hdnd.io.jsonl import read_lines
from hdnd.testing import datasets


def found(
    text: str | bytes, **where: object
) -> list[tuple[int | None, int | None, str, str | None]]:
    data = text.encode() if isinstance(text, str) else text
    problems = duplicate_keys(data, orjson.loads(data), **where)  # type: ignore[arg-type]
    return [(p.line, p.column, p.location, p.record_id) for p in problems]


def test_a_valid_document_has_none(example_path: Path) -> None:
    assert found(example_path.read_bytes()) == []


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


def test_colons_in_text_are_not_mistaken_for_keys(
    monkeypatch: pytest.MonkeyPatch, example_path: Path
) -> None:
    def slow(*args: object) -> object:
        raise AssertionError("the screen should have cleared this text")

    monkeypatch.setattr(_strict, "_located", slow)
    text = '{"title": "Nghị quyết: về việc 08:30", "url": "http://x", "n": {"a": [":"]}}'
    assert found(text) == []
    assert found(example_path.read_bytes()) == []


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


# ------------------------------------------------------------------------ JSON Lines


def jsonl_problems(data: bytes, *, wire: bool, monkeypatch: pytest.MonkeyPatch) -> list[Problem]:
    """The problems :func:`~hdnd.io.jsonl.read_lines` reports for ``data`` (none: [])."""
    if not wire:
        monkeypatch.setattr("hdnd.io.jsonl.wire_reader", lambda values, keys=False: None)
    try:
        read_lines(io.BytesIO(data), "q1.jsonl")
    except InvalidData as e:
        return list(e.problems)
    finally:
        monkeypatch.undo()
    return []


def repeated(problems: list[Problem]) -> list[tuple[int | None, int | None, str, str | None]]:
    return [
        (p.line, p.column, p.location, p.record_id)
        for p in problems
        if p.message.startswith("the key appears twice")
    ]


RECEPTION = (
    b'{"type": "reception", "id": "r1", "council_id": "tp", "date": "2023-02-14", '
    b'"kind": "periodic", "turns": 74, "persons": 144, "cases": 74}'
)
COUNCIL = (
    '{"type":"council","id":"tp","name":"HĐND thành phố","level":"district",'
    '"unit_type":"provincial_city"}'
).encode()


def column(line: bytes, key: str, nth: int = 2) -> int:
    """The column (in characters, from 1) of the ``nth`` appearance of ``"key"`` as a key."""
    text = line.decode("utf-8-sig")  # editors do not show a byte order mark
    at = -1
    for _ in range(nth):
        at = text.index(f'"{key}"', at + 1)
    return at + 1


@pytest.mark.parametrize("wire", [True, False], ids=["msgspec", "orjson"])
def test_a_repeated_key_in_a_json_lines_line_is_located(
    wire: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = RECEPTION.replace(b'"persons": 144', b'"persons": 144, "persons": 14')
    problems = jsonl_problems(COUNCIL + b"\n" + line + b"\n", wire=wire, monkeypatch=monkeypatch)
    first, second = column(line, "persons", 1), column(line, "persons", 2)
    assert [str(p) for p in problems] == [
        f"q1.jsonl:2:{second}: persons (id 'r1'): the key appears twice in this object "
        f"(first at 2:{first}); JSON readers keep only one of the values"
    ]


REPEATS = [
    # (line, the key repeated, where it is, the id of the object holding it)
    (RECEPTION.replace(b'"type": "reception"', b'"type": "reception", "type": "reception"'),
     "type", "type", "r1"),
    (RECEPTION.replace(b'"id": "r1"', b'"id": "r0", "id": "r1"'), "id", "id", "r1"),
    (RECEPTION[:-1] + b', "place": null, "place": "P"}', "place", "place", "r1"),
    (RECEPTION[:-1] + b', "place": "08:30", "place": "P"}', "place", "place", "r1"),
    (RECEPTION[:-1] + b', "host_body_id": {"a": 1, "a": 2}}', "a", "host_body_id.a", None),
    (b'{"type": "header", "schema_version": 1, "schema_version": 1}',
     "schema_version", "schema_version", None),
    (b'[{"a": 1, "a": 2}]', "a", "[0].a", None),
    (b'\xef\xbb\xbf{"type": "person", "id": "p", "full_name": "A", "id": "p"}', "id", "id", "p"),
]  # fmt: skip


@pytest.mark.parametrize("wire", [True, False], ids=["msgspec", "orjson"])
@pytest.mark.parametrize(("line", "key", "location", "record_id"), REPEATS)
def test_repeated_keys_wherever_they_are(
    line: bytes,
    key: str,
    location: str,
    record_id: str | None,
    wire: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In a record's line (taken by msgspec or orjson), nested, in a header, in a list..."""
    found = repeated(jsonl_problems(line + b"\r\n", wire=wire, monkeypatch=monkeypatch))
    assert found == [(1, column(line, key), location, record_id)]


@pytest.mark.parametrize("wire", [True, False], ids=["msgspec", "orjson"])
def test_colons_and_nulls_are_no_repeated_keys(wire: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        COUNCIL,
        RECEPTION[:-1] + b', "place": "08:30 \\u003a", "host_person_id": null}',
        RECEPTION.replace(b'"r1"', b'"r:2"').replace(b": ", b" : "),
    ]
    data = b"\n".join(lines) + b"\n"
    assert jsonl_problems(data, wire=wire, monkeypatch=monkeypatch) == []


def mutated_lines(draw: st.DrawFn, lines: list[bytes]) -> list[bytes]:
    """``lines`` (JSON Lines records), some written again with a key repeated, a null
    added, a colon in a text, keys escaped, spaces..."""
    out = []
    for line in lines:
        pairs = Obj(json.loads(line).items())
        change = draw(st.sampled_from(["none", "none", "repeat", "null", "colon", "nested"]))
        if change == "repeat":
            key, value = draw(st.sampled_from(pairs))
            other = draw(st.sampled_from([value, "x", 7, None, [], {"a": 1}]))
            pairs.insert(draw(st.integers(0, len(pairs))), (key, other))
        elif change == "null":
            pairs.append((draw(st.sampled_from(["place", "title", "end", "other_posts"])), None))
        elif change == "colon":
            pairs.append(("title", draw(st.sampled_from(["8:30", "a\\u003ab", ":"]))))
        elif change == "nested":
            pairs.append(("title", Obj([("a", 1), ("a", 2)]) if draw(st.booleans()) else Obj()))
        text = written(pairs, random.Random(draw(st.integers(0, 3))))
        out.append(text.replace("\n", " ").encode())  # a line: spaces, not line breaks
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), wire=st.booleans())
def test_every_repeated_key_of_a_json_lines_file_is_found(data: st.DataObject, wire: bool) -> None:
    """Against Python's reader, line by line, whichever path reads the line."""
    dataset = data.draw(datasets(max_councils=2))
    lines = hdnd.dumps(dataset, format="jsonl").encode().splitlines()
    changed = data.draw(st.composite(lambda draw: mutated_lines(draw, lines))())
    text = b"\n".join(changed) + b"\n"
    with pytest.MonkeyPatch.context() as monkeypatch:
        found = repeated(jsonl_problems(text, wire=wire, monkeypatch=monkeypatch))
    expected = [n for n, line in enumerate(changed, 1) for _ in range(repeats(line.decode()))]
    assert [line for line, *_ in found] == expected


def test_a_stream_stops_at_the_line_that_repeats_a_key(tmp_path: Path) -> None:
    path = tmp_path / "q1.jsonl"
    people = [b'{"type":"person","id":"p%d","full_name":"An"}' % i for i in range(200)]
    people[150] = people[150][:-1] + ',"full_name":"Bình"}'.encode()
    path.write_bytes(b"\n".join(people))
    read = []
    records = hdnd.iter_records(path)
    for _ in range(150):
        read.append(next(records).id)
    at = column(people[150], "full_name")
    with pytest.raises(InvalidData, match=rf"^{re.escape(str(path))}:151:{at}: full_name"):
        next(records)
    assert read == [f"p{i}" for i in range(150)]
