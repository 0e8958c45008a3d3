"""The fast paths (hdnd._fast) accept exactly what the detailed path accepts, and build the same.

Both of them: from a JSON object (documents, tables, and JSON Lines without msgspec)
and from a JSON Lines line through msgspec (the wire path). Records come from
``hdnd.testing.datasets()``, as JSON, and then mutated one field at a time with
values a file could hold: wrong JSON types, blank and padded text, NFD text,
impossible dates, unknown identifiers, nulls, unknown and missing fields; crafted
lines cover what only raw JSON text can hold (big integers, repeated keys...).
"""

from __future__ import annotations

import io
import traceback
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hdnd
from hdnd._fast import compile_structure, record_maker
from hdnd.converter import converter, structurer, wire_reader
from hdnd.dataset import COLLECTIONS, collection_of
from hdnd.enums import BodyKind
from hdnd.errors import InvalidData, InvalidValue
from hdnd.io.jsonl import _iter_values
from hdnd.model import Body, Person, Record
from hdnd.periods import Year
from hdnd.summary import summarize_values
from hdnd.testing import datasets

ODD_VALUES = [
    None,
    "",
    "   ",
    " padded ",
    "Ho\u0302\u0323i đồng",  # NFD
    "5",
    5,
    -1,
    0,
    True,
    False,
    1.5,
    2.0,  # a whole number (1e3 and 2.0 are read as one, as JSON Schema does)
    -0.0,
    1e3,
    2.0**53 + 2,  # no longer exact as a float: refused
    [],
    [""],
    ["a", 5],
    {},
    "2023-02-30",
    "2023-2-1",
    "2023-02-14",
    "２０２３-02-14",
    "20230214",
    "periodic",
    "Periodic",
    "committee",
    "legal",
    "146/NQ-HĐND",
    "45-CT/TW",
    "2021-2026",
    "2021-2027",
    "01",
    "x",
    "p\u200b1",  # a zero-width space: no id holds one
    "\u2028x",
    "p 1",
    "An\x01",  # a control character: no text holds one
    "a\tb",  # a tab: text may hold one, an id not
    10**9,
    10**9 + 1,  # no count is that large
]

hooks = converter.get_structure_hook


def detailed(raw: Any, cls: type) -> Any:
    """What the detailed path makes of ``raw``: the record, or None if it refuses."""
    try:
        return converter.structure(raw, cls)
    except Exception:
        return None


def by_wire(line: bytes, values: bool = False) -> Any:
    """What the wire path makes of a JSON Lines line: the record (or values), or None."""
    wire = wire_reader(values)
    if wire is None:
        pytest.skip("msgspec is not installed: no wire path")
    decode, finishers = wire
    try:
        struct = decode(line)
    except Exception:
        return None
    _, finish = finishers[type(struct)]
    return finish(struct)


def by_orjson(line: bytes) -> Any:
    """What the detailed path makes of a JSON Lines line, read as the readers do."""
    try:
        raw = orjson.loads(line)
        cls = collection_of(raw.pop("type")).cls
    except Exception:
        return None
    return detailed(raw, cls)


def as_json(record: Record) -> dict[str, Any]:
    """The record as a file holds it (through real JSON, as a reader sees it)."""
    data: dict[str, Any] = orjson.loads(orjson.dumps(converter.unstructure(record)))
    return data


@st.composite
def raw_records(draw: st.DrawFn) -> tuple[type, dict[str, Any]]:
    """A record of a generated dataset as JSON, perhaps with one field changed."""
    dataset = draw(datasets(max_councils=2))
    records = list(dataset.records())
    record = draw(st.sampled_from(records)) if records else Person(id="p", full_name="A")
    cls = type(record)
    raw = as_json(record)
    names = [f.name for f in attrs.fields(cls)]
    change = draw(st.sampled_from(["none", "set", "drop", "unknown"]))
    if change == "set":
        raw[draw(st.sampled_from(names))] = draw(st.sampled_from(ODD_VALUES))
    elif change == "drop" and raw:
        del raw[draw(st.sampled_from(sorted(raw)))]
    elif change == "unknown":
        raw[draw(st.sampled_from(["type", "ful_name", "extra", "note"]))] = "x"
    return cls, raw


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_records())
def test_fast_and_detailed_paths_agree(case: tuple[type, dict[str, Any]]) -> None:
    cls, raw = case
    expected = detailed(dict(raw), cls)
    record = compile_structure(cls, hooks)(dict(raw))
    values = compile_structure(cls, hooks, values=True)(dict(raw))
    assert (record is None) == (expected is None), (raw, expected)
    assert record == expected
    if expected is not None:
        assert values == attrs.astuple(expected, recurse=False)
        assert [type(v) for v in values] == [
            type(getattr(expected, n)) for n in attrs.fields_dict(cls)
        ]
    else:
        assert values is None
    line = orjson.dumps({"type": cls.type_tag} | raw)  # type: ignore[attr-defined]
    wired = by_wire(line)
    if wired is None and any(type(v) is float and v.is_integer() for v in raw.values()):
        # msgspec takes no float for an int: the reader hands a whole number written
        # 2.0 to the detailed path, which reads it as 2 (hdnd._fast._wire_type)
        return
    assert wired == by_orjson(line), line
    assert by_wire(line, values=True) == (values if "type" not in raw else None), line


LINES = [
    b'{"type":"person","id":"p1","full_name":"An"}',
    b'{"type":"person","id":"p1","full_name":"An","id":"p2"}',  # the last value counts
    b'{"type":"person","id":"p1","full_name":"An","type":"person"}',
    b'{"type":"person","id":"p1","full_name":"An","type":"council"}',
    b'{"\\u0074ype":"person","i\\u0064":"p1","full_name":"An"}',
    b'{"type":"person","id":"p1","full_name":"\\u0041n"}',
    b'{"type":"person","id":"p1","full_name":"\\ud800"}',
    b'{"type":"person","id":"p1","full_name":"An"} x',
    b'{"type":"person","id":"p1","full_name":"An"}\r\n',
    b'\xef\xbb\xbf{"type":"person","id":"p1","full_name":"An"}',
    b'{"type":"person","id":"p1","full_name":"\xff"}',
    b'{"type":"person","id":"p1","full_name":null}',
    b'{"type":"person","id":"p1","full_name":"An","other_posts":null}',
    b'{"type":"person","id":"p1","full_name":"An","other_posts":"abc"}',
    b'{"type":"person","id":"p1","full_name":"An","other_posts":[" x "]}',
    b'{"type":"person","id":"p1","full_name":"An","other_posts":[" "]}',
    *(
        b'{"type":"session","id":"s","council_id":"c","number":%s,"kind":"regular",'
        b'"start":"2023-07-10"}' % n
        for n in (
            b"1",
            b"0",
            b"1.0",
            b"1e0",
            b"1.5",
            b"1.0000000001",
            b"-0.0",
            b"9007199254740992.0",  # 2**53: the last whole number a float holds exactly
            b"9007199254740994.0",
            b"1e400",
            b"true",
            b'"1"',
            b"-0",
            b"NaN",
            b"9223372036854775807",
            b"9223372036854775808",
            b"18446744073709551616",
            b"-9223372036854775809",
        )
    ),
    *(
        b'{"type":"session","id":"s","council_id":"c","number":1,"kind":"regular","start":%s}' % day
        for day in (
            b'"2023-07-10"',
            b'"2023-02-29"',
            b'"2024-02-29"',
            b'"2023-7-10"',
            b'"20230710"',
            b'"2023-07-10T00:00"',
            b'"0000-01-01"',
            b'"0999-01-01"',
            b'"2023-07-10 "',
            b"20230710",
        )
    ),
    b'{"type":"reception","id":"r","council_id":"c","date":"2023-01-05","kind":"periodic",'
    b'"turns":1,"persons":1,"cases":1,"mass_groups":null,"place":null}',
    b'{"type":"reception","id":"r","council_id":"c","date":"2023-01-05","kind":"Periodic",'
    b'"turns":1,"persons":1,"cases":1}',
    b'{"type":"resolution","id":"n","council_id":"c","number":"S\xe1\xbb\x91: 146/NQ-HDND",'
    b'"date":"2023-01-05","title":"T"}',
    b'{"type":"resolution","id":"n","council_id":"c","number":146,"date":"2023-01-05","title":"T"}',
    b'{"type":"resolution","id":"n","council_id":"c","number":"45-CT/TW","date":"2023-01-05",'
    b'"title":"T"}',
    b'{"type":"body","id":"b","council_id":"c","kind":"committee"}',
    b'{"type":"body","id":"b","council_id":"c","kind":"committee","committee_field":"legal"}',
    b'{"type":"body","id":"b","council_id":"c","kind":"standing_committee",'
    b'"committee_field":"legal"}',
    b'{"type":"petition","id":"d","council_id":"c","received":"2023-02-01","kind":"complaint",'
    b'"field":"land","status":"resolved","closed":"2023-01-31"}',
    b'{"type":"council","id":"x","name":"X","level":"commune","unit_type":"commune",'
    b'"term":"2021-2027"}',
]
# What the wire path leaves to the detailed path although the detailed path takes it:
# integers that orjson reads as integers but msgspec's bounds (int64) do not allow, and
# whole numbers written with a fraction or an exponent (msgspec takes no float for an int).
STRICTER = {
    line
    for line in LINES
    for number in (b"9223372036854775808", b"1.0", b"1e0", b"9007199254740992.0")
    if b'"number":%s,' % number in line
}


@pytest.mark.parametrize("line", LINES, ids=lambda line: line.decode(errors="replace")[-40:])
def test_the_wire_path_on_crafted_lines(line: bytes) -> None:
    expected = by_orjson(line)
    if line in STRICTER:
        assert expected is not None
        assert by_wire(line) is None
    else:
        assert by_wire(line) == expected


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.tag)
@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
def test_every_field_with_every_odd_value(collection: Any, value: Any, city: hdnd.Dataset) -> None:
    """Exhaustive over fields and odd values, from a valid record of each type."""
    (record, *_) = getattr(city, collection.key) or [None]
    if record is None:
        pytest.skip(f"no {collection.tag} in the example")
    for field in attrs.fields(collection.cls):
        raw = as_json(record) | {field.name: value}
        expected = detailed(dict(raw), collection.cls)
        assert compile_structure(collection.cls, hooks)(dict(raw)) == expected, (field.name, raw)


def test_nfd_text_loads_equal_to_nfc() -> None:
    nfd = {"id": " p1 ", "full_name": "Ho\u0302\u0323i", "other_posts": ["Bi\u0301 thu\u031b "]}
    nfc = {"id": "p1", "full_name": "Hội", "other_posts": ["Bí thư"]}
    assert structurer(Person)(nfd) == structurer(Person)(nfc) == converter.structure(nfc, Person)


def test_null_means_the_default() -> None:
    raw = {"id": "o1", "council_id": "c", "body_id": "b", "kind": "thematic", "subject": "S"}
    raw |= {"start": "2023-03-01", "unannounced": None, "status": None, "fields": None}
    from hdnd.model import OversightActivity

    record = structurer(OversightActivity)(raw)
    assert record == converter.structure(raw, OversightActivity)
    assert record is not None
    assert record.status.value == "completed"
    assert record.fields == ()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(max_councils=3))
def test_a_summary_of_values_equals_one_of_records(dataset: hdnd.Dataset) -> None:
    """The streamed summary (field values, no records built) is the summary of the records."""
    lines = hdnd.dumps(dataset, format="jsonl").encode().splitlines()
    period = Year(year=2023)

    (from_values,) = summarize_values(_iter_values(io.BytesIO(b"\n".join(lines))), [period])
    assert from_values == hdnd.summarize_records(list(dataset.records()), period)


def test_without_msgspec_json_lines_read_the_same(
    monkeypatch: pytest.MonkeyPatch, city: hdnd.Dataset
) -> None:
    """Where msgspec is missing, lines take the orjson path: same records, same summary."""
    text = hdnd.dumps(city, format="jsonl")
    period = Year(year=2023)
    summary = hdnd.summarize_records(list(city.records()), period)
    monkeypatch.setattr("hdnd.io.jsonl.wire_reader", lambda values, keys=False: None)
    assert hdnd.loads(text, format="jsonl") == city

    assert summarize_values(_iter_values(io.BytesIO(text.encode())), [period]) == [summary]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_records())
def test_the_wire_path_counts_the_keys_a_line_gives(case: tuple[type, dict[str, Any]]) -> None:
    """What a JSON Lines reader compares with a line's colons to find a key given twice:
    its keys, exactly, "type" and those whose value is null included; the record is the
    one the wire path makes without counting."""
    cls, raw = case
    line = orjson.dumps({"type": cls.type_tag} | raw)  # type: ignore[attr-defined]
    wire = wire_reader(False, keys=True)
    if wire is None:
        pytest.skip("msgspec is not installed: no wire path")
    decode, finishers = wire
    try:
        struct = decode(line)
        finished = finishers[type(struct)][1](struct)
    except Exception:
        finished = None
    expected = by_wire(line)
    assert finished == (None if expected is None else (expected, len({"type": 0} | raw)))


@pytest.mark.parametrize(
    ("line", "keys"),
    [
        (b'{"type":"person","id":"p1","full_name":"An"}', 3),
        (b'{"type":"person","id":"p1","full_name":"An","other_posts":null}', 4),
        (b'{"type":"person","id":"p1","full_name":"An","other_posts":[]}', 4),
        (b'{"type":"person","id":"p1","full_name":"An","id":"p1"}', 3),  # what the colons tell
        (
            b'{"type":"reception","id":"r","council_id":"c","date":"2023-01-05","kind":"periodic",'
            b'"turns":1,"persons":1,"cases":1,"mass_groups":null,"place":null,"host_body_id":"b"}',
            11,
        ),
    ],
)
def test_keys_counted_on_crafted_lines(line: bytes, keys: int) -> None:
    wire = wire_reader(True, keys=True)
    if wire is None:
        pytest.skip("msgspec is not installed: no wire path")
    decode, finishers = wire
    struct = decode(line)
    values, counted = finishers[type(struct)][1](struct)
    assert (values, counted) == (by_wire(line, values=True), keys)


TOO_LARGE = (
    b'{"type":"reception","id":"r1","council_id":"c","date":"2023-01-05","kind":"periodic",'
    b'"turns":1,"persons":1000000001,"cases":1}'
)
INVISIBLE_ID = b'{"type":"person","id":"p\\u200b1","full_name":"An"}'
INVISIBLE_REFERENCE = (
    b'{"type":"position","id":"pos1","person_id":"p\xe2\x80\x8b1","body_id":"b","role":"chair"}'
)
CONTROL_TEXT = b'{"type":"person","id":"p1","full_name":"An\\u0001"}'


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (TOO_LARGE, "q1.jsonl:1: persons (id 'r1'): must be ≤ 1,000,000,000, got 1000000001"),
        (INVISIBLE_ID, "q1.jsonl:1: id (id 'p\\u200b1'): must not hold invisible or control "
         "characters, got 'p\\u200b1'"),
        (INVISIBLE_REFERENCE, "q1.jsonl:1: person_id (id 'pos1'): must not hold invisible or "
         "control characters, got 'p\\u200b1'"),
        (CONTROL_TEXT, "q1.jsonl:1: full_name (id 'p1'): must not hold control characters "
         "(tabs and line breaks aside), got 'An\\x01'"),
    ],
    ids=["count", "id", "reference", "text"],
)  # fmt: skip
@pytest.mark.parametrize("msgspec", [True, False], ids=["msgspec", "orjson"])
def test_the_fast_paths_refuse_what_the_rules_refuse(
    line: bytes, message: str, msgspec: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A count too large, an invisible character in an id or a reference, a control
    character in text: refused on the fast paths too, then explained by the detailed one."""
    raw = orjson.loads(line)
    cls = collection_of(raw.pop("type")).cls
    assert structurer(cls)(dict(raw)) is None
    assert structurer(cls, values=True)(dict(raw)) is None
    if msgspec:
        assert by_wire(line) is None
        assert by_wire(line, values=True) is None
    else:
        monkeypatch.setattr("hdnd.io.jsonl.wire_reader", lambda values, keys=False: None)
    with pytest.raises(InvalidData) as info:
        hdnd.loads(line, format="jsonl", file="q1.jsonl")
    assert [str(p) for p in info.value.problems] == [message]
    with pytest.raises(InvalidData) as info:
        list(_iter_values(io.BytesIO(line), "q1.jsonl"))
    assert [str(p) for p in info.value.problems] == [message]
    fixed = line.replace(b"1000000001", b"1000000000").replace(b"\\u0001", b"")
    fixed = orjson.loads(fixed.replace(b"\\u200b", b"").replace(b"\xe2\x80\x8b", b""))
    del fixed["type"]
    assert structurer(cls)(fixed) is not None  # the rest of the line was fine


def test_a_traceback_through_generated_code_shows_its_lines() -> None:
    """Generated code is registered in linecache (as attrs does): a traceback names
    the generated function and prints the line that raised, not a bare file name."""
    make = record_maker(Body)
    with pytest.raises(InvalidValue) as info:
        make(("b", "c", BodyKind.committee, None, None))  # a committee without its field
    generated = [e for e in info.traceback if str(e.path).startswith("<hdnd fast structure Body")]
    assert len(generated) == 1
    assert "_validate" in str(generated[0].statement)
    assert "_validate" in "".join(traceback.format_tb(info.tb))
    assert (
        record_maker(Body).__code__.co_filename
        != compile_structure(Body, converter.get_structure_hook).__code__.co_filename
    )  # each piece of code under a name of its own
