"""The JSON Schema and hdnd's reader agree on files changed every way, but for the rules
JSON Schema cannot state.

A valid generated dataset, written as a document and as JSON Lines, gets one or two
changes (:func:`changed_documents`): a field set to a value of any JSON type and shape
(whole numbers written ``7.0`` or ``-0.0``, fractions, numbers beyond 2**53 or 64 bits,
text for numbers, unknown identifiers, impossible and malformed dates, blank, padded
and NFD text, document numbers...), a required or optional field left out, an unknown
field added, a record repeated, a top-level key changed. Then, record by record (a
document's ``key[i]``, a stream's line):

* every record the schema refuses, hdnd refuses, unless hdnd reads it leniently: text
  that hdnd writes otherwise (stripped, NFC, a document number in canonical form),
  since the schema describes files as hdnd writes them (:func:`read_leniently`);
* every record hdnd refuses, the schema refuses, unless each of hdnd's problems with it
  breaks one of the rules of :data:`UNSTATED`, which ``hdnd.schema`` lists as what
  JSON Schema cannot say.

Whole numbers get a table of their own (:data:`WHOLE`): ``7.0``, ``1e3`` and ``-0.0``
are whole numbers for hdnd as for JSON Schema, ``7.5`` and ``7.0000000001`` for
neither, and past 2**53 a number written as a float is not exact: hdnd refuses it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import hdnd
import hdnd.schema
from hdnd.converter import converter, structure_record
from hdnd.dataset import COLLECTIONS, collection_of
from hdnd.errors import InvalidData, Problem
from hdnd.schema import json_schema
from hdnd.testing import datasets

DOCUMENT = Draft202012Validator(json_schema())
LINE = Draft202012Validator(json_schema(jsonl=True))
RECORD = {c.tag: Draft202012Validator(json_schema(c.tag)) for c in COLLECTIONS}
BY_KEY = {c.key: c for c in COLLECTIONS}

# The rules hdnd checks that JSON Schema cannot state (no access to other records, no
# comparison of two fields, no arithmetic, no list of codes in a pattern, no notion of how
# a number is written): the words hdnd.schema's list of them uses for each, and the
# problems that tell a file broke it.
UNSTATED = {
    "ids are unique": r"^duplicate id, first used at ",
    "every reference names a record": r"^no \w+ with id ",
    "is not before its": r" is before (start|received) ",
    "its first plus five": r"^must be a five-year term",
    "follows hdnd's grammar of document numbers": (
        r"^(?:unknown document type code |year must be \d+–\d+, got |expected NUM/TYPE-ISSUER "
        r"|the (?:issuer|type code) is missing |an issuer code is letters and digits"
        r"|a letter's issuer cannot be )"
    ),
    "only up to 2**53": r"too large to read exactly",
}
UNSTATED_PROBLEM = re.compile("|".join(f"(?:{p})" for p in UNSTATED.values()))

VALUES: list[Any] = [
    *(None, True, False, 0, 7, -1, 10**9, 10**9 + 1, 2**63, 2**64),
    *(7.0, -0.0, 7.5, 7.0000000001, 1e16, 2.0**53, 2.0**53 + 2, 1e300),
    *("", " ", "x", " x ", "7", "7.0", "Ho\u0302\u0323i đồng", "a\x01b", "p\u200b1", "a\tb"),
    *("2023-02-14", "2023-02-30", "2023-2-14", "0000-01-01", "2021-2026", "2021-2027"),
    *("province", "Province", "committee", "regular", "land", "completed"),
    *("146/NQ-HĐND", "5/NQ-HĐND", "05/2023/NQ-HĐND", "146/NQ-HDND", "146/ZZ-HĐND"),
    *("146/1000/NQ-HĐND",),
    *([], ["x"], [" "], ["x", 7], {}),
]
EXTRA_KEYS = ["note", "fullname", "schema_version"]


def _field_names(key: str) -> list[str]:
    return [f.name for f in attrs.fields(BY_KEY[key].cls)]


def values_like(value: Any) -> st.SearchStrategy[Any]:
    """Values to put in place of ``value``: often of its JSON type, else of any."""
    if type(value) is int:
        like: list[Any] = [0, 7, -1, 10**9, 10**9 + 1, 2**63, 2**64]
        like += [7.0, -0.0, 1.0, 7.5, 7.0000000001, 2.0**53, 2.0**53 + 2, 1e16, float(10**9)]
    elif type(value) is str:
        like = [f" {value} ", unicodedata.normalize("NFD", value), f"{value}\x01", "", " "]
        like += [value.upper(), value[:-1], "2023-02-30", "2021-2027", "05/2023/NQ-HĐND"]
    elif type(value) is list:
        like = [[], [" x "], ["x", 7], [value[0] if value else "x"] * 2, {}]
    else:
        like = [True, False, 1, 0, "true"]
    return st.sampled_from(like) | st.sampled_from(VALUES)


KINDS = ["set"] * 9 + ["number"] * 6 + ["drop"] * 3 + ["extra"] * 2 + ["repeat", "top"]
"""How often each kind of change is made: a record repeated or a bad top now and then."""


def change(draw: st.DrawFn, document: dict[str, Any]) -> None:
    """Change ``document`` in one place, in place."""
    places = [(k, i) for k in BY_KEY for i in range(len(document[k]))]
    kind = draw(st.sampled_from(KINDS)) if places else "top"
    # counts and session numbers are few among the fields: aimed at now and then
    numbers = [(k, i, n) for k, i in places for n, v in document[k][i].items() if type(v) is int]
    if kind == "number" and numbers:
        key, i, name = draw(st.sampled_from(numbers))
        document[key][i][name] = draw(values_like(0))
    elif kind == "top":
        name, value = draw(
            st.sampled_from([("schema_version", 2), ("counsils", []), ("people", {})])
        )
        document[name] = value
    else:
        key, i = draw(st.sampled_from(places))
        record = document[key][i]
        if kind == "drop" and record:
            del record[draw(st.sampled_from(sorted(record)))]
        elif kind == "extra":
            record[draw(st.sampled_from(EXTRA_KEYS))] = draw(st.sampled_from(VALUES))
        elif kind == "repeat":
            document[key].append(dict(record))
        else:
            name = draw(st.sampled_from(_field_names(key)))
            record[name] = draw(values_like(record.get(name)))


@st.composite
def changed_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid generated document (every collection given) with one or two changes."""
    document: dict[str, Any] = json.loads(hdnd.dumps(draw(datasets(max_councils=3))))
    for _ in range(draw(st.integers(1, 2))):
        change(draw, document)
    return document


def lines_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The records of a document as JSON Lines lines, the header first (line 1)."""
    lines = [{"type": "header", "schema_version": 1}]
    for c in COLLECTIONS:
        records = document.get(c.key)
        if isinstance(records, list):
            lines += [{"type": c.tag, **r} for r in records if isinstance(r, dict)]
    return lines


Place = Any  # ("key", index) in a document, a line number in a stream, () for the top


def document_place(path: Iterable[Any]) -> Place:
    path = tuple(path)
    return path[:2] if len(path) >= 2 and isinstance(path[1], int) else ()


def hdnd_problems(text: str, fmt: str) -> list[Problem]:
    try:
        hdnd.loads(text, format=fmt)
    except InvalidData as e:
        return list(e.problems)
    return []


def read_leniently(raw: Any, tag: str) -> bool:
    """Whether the schema accepts ``raw`` once its text is written as hdnd writes it."""
    cls = collection_of(tag).cls
    written = converter.unstructure(structure_record(dict(raw), cls))
    as_written = {
        name: written.get(name)
        if isinstance(value, str) or (isinstance(value, list) and value)
        else value
        for name, value in raw.items()
    }
    return RECORD[tag].is_valid({k: v for k, v in as_written.items() if v is not None})


def assert_agree(
    refused_by_schema: set[Place],
    problems: dict[Place, list[str]],
    raw_at: dict[Place, tuple[Any, str]],
) -> None:
    """Where the schema and hdnd refuse records agrees, but for UNSTATED and lenience."""
    if () in refused_by_schema or () in problems:  # a bad top: records may go unread
        assert (() in refused_by_schema) == (() in problems), (refused_by_schema, problems)
        return
    for place in refused_by_schema - problems.keys():
        raw, tag = raw_at[place]
        assert read_leniently(raw, tag), (place, raw, "refused by the schema only")
    for place, messages in problems.items():
        if place not in refused_by_schema:
            stated = [m for m in messages if not UNSTATED_PROBLEM.search(m)]
            assert stated == [], (place, raw_at.get(place), "refused by hdnd only")


def by_place(problems: list[Problem], place: Any) -> dict[Place, list[str]]:
    found: dict[Place, list[str]] = {}
    for p in problems:
        found.setdefault(place(p), []).append(p.message)
    return found


@settings(max_examples=150, deadline=None)
@given(changed_documents())
def test_the_schema_and_hdnd_refuse_the_same_records(document: dict[str, Any]) -> None:
    raw_at = {
        (key, i): (record, BY_KEY[key].tag)
        for key in BY_KEY
        if isinstance(document.get(key), list)
        for i, record in enumerate(document[key])
    }
    refused = {document_place(e.absolute_path) for e in DOCUMENT.iter_errors(document)}
    problems = hdnd_problems(json.dumps(document, ensure_ascii=False), "json")
    assert_agree(refused, by_place(problems, lambda p: document_place(p.path)), raw_at)

    lines = lines_of(document)
    line_raw_at = {
        n: ({k: v for k, v in x.items() if k != "type"}, x["type"])
        for n, x in enumerate(lines, 1)
        if x["type"] != "header"
    }
    refused = {n for n, line in enumerate(lines, 1) if not LINE.is_valid(line)}
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    problems = hdnd_problems(text, "jsonl")
    assert all(p.line is not None for p in problems), problems
    assert_agree(refused, by_place(problems, lambda p: p.line), line_raw_at)


def test_every_unstated_rule_is_one_the_schema_documents() -> None:
    listed = " ".join((hdnd.schema.__doc__ or "").split())
    assert [words for words in UNSTATED if words not in listed] == []


# ------------------------------------------------------- whole numbers, however written

RECEPTION = (
    '"id":"r","council_id":"c","date":"2023-02-14","kind":"periodic",'
    '"turns":%s,"persons":1,"cases":1'
)
SESSION = '"id":"s","council_id":"c","number":%s,"kind":"regular","start":"2023-07-10"'
COUNCIL = '"id":"c","name":"HĐND xã A","level":"commune","unit_type":"commune"'
BEYOND = {"9007199254740994.0", "1e16", "18446744073709551616"}  # past 2**53 as floats
# As a count (0 to a billion) and as a session number (1 or more, no bound): whether hdnd
# takes it. JSON Schema takes the same, but a session number beyond 2**53 (UNSTATED).
WHOLE = {
    "7": (True, True),
    "7.0": (True, True),
    "-0.0": (True, False),
    "0.0": (True, False),
    "1e3": (True, True),
    "1E3": (True, True),
    "1.5e1": (True, True),
    "7.5": (False, False),
    "7.0000000001": (False, False),
    "1e-7": (False, False),
    "1000000000.0": (True, True),
    "1000000001.0": (False, True),
    "9007199254740992.0": (False, True),
    **dict.fromkeys(BEYOND, (False, False)),
}
WHERE = [
    ("reception", "receptions", RECEPTION, "turns"),
    ("session", "sessions", SESSION, "number"),
]


@pytest.mark.parametrize("text", WHOLE, ids=str)
@pytest.mark.parametrize(("column", "where"), list(enumerate(WHERE)), ids=["count", "number"])
def test_whole_numbers_however_written(text: str, column: int, where: tuple[str, ...]) -> None:
    """A number as a file writes it, in a document and in a stream, to hdnd and the schema."""
    tag, key, fields, name = where
    accepted = WHOLE[text][column]
    record = "{" + fields % text + "}"
    stream = f'{{"type":"council",{COUNCIL}}}\n{{"type":"{tag}",{fields % text}}}\n'
    document = f'{{"schema_version":1,"councils":[{{{COUNCIL}}}],"{key}":[{record}]}}'
    assert (hdnd_problems(stream, "jsonl") == []) == accepted
    assert (hdnd_problems(document, "json") == []) == accepted
    if accepted:
        (read,) = getattr(hdnd.loads(document), key)
        assert type(getattr(read, name)) is int
        assert getattr(read, name) == float(text)
    schema_takes = accepted or (name == "number" and text in BEYOND)
    assert RECORD[tag].is_valid(json.loads(record)) == schema_takes
    assert DOCUMENT.is_valid(json.loads(document)) == schema_takes


def test_text_hdnd_rewrites_is_read_leniently_and_a_whole_float_is_not_lenience() -> None:
    resolution = {"id": "n", "council_id": "c", "number": "5/NQ-HĐND", "date": "2023-01-05"}
    resolution["title"] = " Nghị quyết "
    assert not RECORD["resolution"].is_valid(resolution)  # 05/NQ-HĐND as hdnd writes it
    assert read_leniently(resolution, "resolution")
    reception = json.loads("{" + RECEPTION % "7.0" + "}")
    assert RECORD["reception"].is_valid(reception)  # the schema takes 7.0 itself
