"""Format versions: the frozen version 1 files, and reading older versions through migrations.

Version 2 changed no record of version 1, so the migration tests use a pretend
history, :data:`PRETEND`: in "version 0" a person's ``full_name`` was ``name``, a
position's ``person_id`` was ``holder_id``, and oversight called ``completed``
``done``; then comes the real step to version 2. Each test installs it with
:func:`hdnd.migrate.using`, so nothing outside the test sees it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest

import hdnd
from hdnd import migrate
from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS, collection_of
from hdnd.errors import InvalidData, Problem
from hdnd.io.jsondoc import document_bytes, read_document
from hdnd.io.jsonl import iter_lines, read_lines, write_lines
from hdnd.migrate import Migrations, Step, Upgrade, using
from hdnd.model import Person

FORMAT_V1 = Path(__file__).parent / "data" / "format-v1"
FORMAT_V2 = Path(__file__).parent / "data" / "format-v2"

# Version 1 as FORMAT.md defines it: the fields of each record type. The format may gain
# optional fields; it never renames or drops these.
V1_FIELDS = {
    "council": {"id", "name", "level", "unit_type", "unit_code", "parent_id", "term"},
    "person": {"id", "full_name", "other_posts"},
    "body": {"id", "council_id", "kind", "committee_field", "name"},
    "position": {"id", "person_id", "body_id", "role", "start", "end"},
    "session": {"id", "council_id", "number", "kind", "start", "end"},
    "meeting": {
        *("id", "council_id", "kind", "date", "title"),
        *("participant_council_ids", "attendees", "opinions"),
    },
    "resolution": {"id", "council_id", "number", "date", "title", "session_id"},
    "oversight": {
        *("id", "council_id", "body_id", "kind", "subject", "start", "end"),
        *("fields", "unannounced", "status"),
    },
    "reception": {
        *("id", "council_id", "date", "kind", "host_body_id", "host_person_id", "place"),
        *("turns", "persons", "cases", "mass_groups", "first_time_cases", "repeat_cases"),
    },
    "petition": {
        *("id", "council_id", "received", "kind", "field", "status"),
        *("duplicate", "eligible", "closed"),
    },
    "voter_petition": {
        *("id", "council_id", "received", "status", "field", "sector", "jurisdiction"),
        *("meeting_id", "session_id", "topic"),
    },
}


def _done_to_completed(tag: str, raw: dict[str, Any]) -> dict[str, Any]:
    if tag == "oversight" and raw.get("status") == "done":
        return raw | {"status": "completed"}
    return raw


PRETEND = Migrations(
    current=2,
    steps=[
        Step(
            1,
            renames={"person": {"name": "full_name"}, "position": {"holder_id": "person_id"}},
            change=_done_to_completed,
        ),
        *migrate.STEPS,
    ],
)

V0_DOCUMENT: dict[str, Any] = {
    "schema_version": 0,
    "councils": [{"id": "tp", "name": "HĐND", "level": "district", "unit_type": "town"}],
    "people": [{"id": "p1", "name": "Nguyễn Văn Đô"}],
    "bodies": [{"id": "tt", "council_id": "tp", "kind": "standing_committee"}],
    "positions": [{"id": "pos1", "holder_id": "p1", "body_id": "tt", "role": "chair"}],
    "oversight": [
        {
            "id": "gs1",
            "council_id": "tp",
            "body_id": "tt",
            "kind": "thematic",
            "subject": "Ngân sách",
            "start": "2023-03-01",
            "status": "done",
            "unannounced": True,
        }
    ],
}


def v1_of(v0: dict[str, Any]) -> dict[str, Any]:
    """What :data:`V0_DOCUMENT` says in version 1, written by hand."""
    return v0 | {
        "schema_version": 1,
        "people": [{"id": "p1", "full_name": "Nguyễn Văn Đô"}],
        "positions": [{"id": "pos1", "person_id": "p1", "body_id": "tt", "role": "chair"}],
        "oversight": [v0["oversight"][0] | {"status": "completed"}],
    }


def as_lines(document: dict[str, Any], header: bool = True) -> bytes:
    lines = [{"type": "header", "schema_version": document["schema_version"]}] if header else []
    for c in COLLECTIONS:
        lines += [{"type": c.tag, **raw} for raw in document.get(c.key, [])]
    return b"".join(orjson.dumps(line) + b"\n" for line in lines)


def problems(call: Any, *args: Any, **kwargs: Any) -> list[Problem]:
    with pytest.raises(InvalidData) as e:
        call(*args, **kwargs)
    return list(e.value.problems)


# ------------------------------------------------------------- the frozen version 1 files


def test_frozen_document_is_written_back_as_version_2_with_the_same_records() -> None:
    data = (FORMAT_V1 / "document.json").read_bytes()
    ds = read_document(data)
    written = orjson.loads(document_bytes(ds))
    assert ds.schema_version == written["schema_version"] == 2
    v1 = orjson.loads(data)
    assert v1["schema_version"] == 1
    # the same records; the collections version 2 added are there, empty
    assert {k: v for k, v in written.items() if k != "schema_version"} == {
        c.key: v1.get(c.key, []) for c in COLLECTIONS
    }
    assert read_document(document_bytes(ds)) == ds


def test_frozen_lines_are_written_back_as_version_2_with_the_same_records() -> None:
    data = (FORMAT_V1 / "records.jsonl").read_bytes()
    out = io.BytesIO()
    write_lines(read_lines(io.BytesIO(data)), out)
    header, *records = data.splitlines(keepends=True)
    assert header == b'{"type":"header","schema_version":1}\n'
    assert out.getvalue() == b"".join([b'{"type":"header","schema_version":2}\n', *records])


def test_frozen_version_2_files_round_trip_byte_for_byte() -> None:
    data = (FORMAT_V2 / "document.json").read_bytes()
    assert document_bytes(read_document(data)) == data
    lines = (FORMAT_V2 / "records.jsonl").read_bytes()
    out = io.BytesIO()
    write_lines(read_lines(io.BytesIO(lines)), out)
    assert out.getvalue() == lines
    assert hdnd.load(FORMAT_V2 / "document.json") == hdnd.load(FORMAT_V2 / "records.jsonl")


def test_frozen_version_2_document_uses_every_field_of_every_record_type() -> None:
    document = orjson.loads((FORMAT_V2 / "document.json").read_bytes())
    assert list(document) == ["schema_version", *(c.key for c in COLLECTIONS)]
    for c in COLLECTIONS:
        used = {name for record in document[c.key] for name in record}
        assert used == {f.name for f in attrs.fields(c.cls)}, c.key


def test_version_1_records_are_version_2_records() -> None:
    v1 = hdnd.load(FORMAT_V1 / "document.json")
    v2 = hdnd.load(FORMAT_V2 / "document.json")
    assert set(v1.people) == set(v2.people)
    assert set(v1.resolutions) == set(v2.resolutions)


def test_frozen_files_hold_the_same_data() -> None:
    assert hdnd.load(FORMAT_V1 / "document.json") == hdnd.load(FORMAT_V1 / "records.jsonl")


def test_frozen_document_uses_every_field_of_version_1() -> None:
    document = orjson.loads((FORMAT_V1 / "document.json").read_bytes())
    used = {
        c.tag: {name for record in document[c.key] for name in record}
        for c in COLLECTIONS
        if c.key in document
    }
    assert used == V1_FIELDS


@pytest.mark.parametrize("tag", sorted(V1_FIELDS))
def test_the_model_keeps_every_field_of_version_1(tag: str) -> None:
    assert V1_FIELDS[tag] <= {f.name for f in attrs.fields(collection_of(tag).cls)}


def test_frozen_files_still_read_under_a_longer_history() -> None:
    with using(PRETEND):
        assert hdnd.load(FORMAT_V1 / "records.jsonl").counts()["people"] == 2


# ------------------------------------------------------------------ the registry


def test_this_hdnd_reads_what_its_datasets_carry() -> None:
    assert migrate.MIGRATIONS.current == SCHEMA_VERSION
    assert migrate.MIGRATIONS.readable >= SUPPORTED_SCHEMA_VERSIONS
    assert migrate.active() is migrate.MIGRATIONS


def test_steps_must_lead_to_the_current_version_one_by_one() -> None:
    with pytest.raises(ValueError, match=r"versions \[2, 3\]"):
        Migrations(current=3, steps=[Step(3), Step(2)])


def test_renames_chain_through_steps() -> None:
    up = Migrations(
        current=2,
        steps=[Step(1, renames={"person": {"a": "b"}}), Step(2, renames={"person": {"b": "c"}})],
    ).upgrade(0)
    assert up.record("person", {"a": 1, "x": 2}) == {"c": 1, "x": 2}
    assert up.name_in_file("person", "c") == "a"
    assert up.name_in_file("person", "x") == "x"
    assert up.name_in_file("council", "c") == "c"


def test_upgrading_from_the_current_version_does_nothing() -> None:
    assert PRETEND.upgrade(2) == Upgrade(())


def test_version_2_changes_no_record_of_version_1() -> None:
    assert [step.version for step in migrate.STEPS] == [2]
    assert migrate.MIGRATIONS.upgrade(1) == Upgrade(())  # readers keep their fast paths
    assert sorted(migrate.MIGRATIONS.readable) == [1, 2]


def test_a_rename_never_overwrites_a_field() -> None:
    step = Step(1, renames={"person": {"name": "full_name"}})
    assert step.apply("person", {"name": "A", "full_name": "B"}) == {"name": "A", "full_name": "B"}
    with using(PRETEND):
        doc = V0_DOCUMENT | {"people": [{"id": "p1", "name": "A", "full_name": "B"}]}
        (p,) = problems(hdnd.loads, orjson.dumps(doc))
    assert (p.location, p.message) == ("people[0].name", "unknown field; did you mean 'full_name'?")


def test_unreadable_versions_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown schema_version 0"):
        migrate.MIGRATIONS.upgrade(0)


def test_using_leaks_nothing() -> None:
    with using(PRETEND):
        assert migrate.active() is PRETEND
    assert migrate.active() is migrate.MIGRATIONS
    p = problems(hdnd.loads, orjson.dumps(V0_DOCUMENT))[0]
    assert p.message == "unknown schema_version 0; this hdnd reads versions 1 to 2"


# ------------------------------------------------------------------ reading old files


def test_old_document_is_read_into_the_current_shape() -> None:
    with using(PRETEND):
        ds = hdnd.loads(orjson.dumps(V0_DOCUMENT))
    assert ds == hdnd.loads(orjson.dumps(v1_of(V0_DOCUMENT)))
    assert ds.schema_version == 2
    assert ds.people == (Person(id="p1", full_name="Nguyễn Văn Đô"),)


@pytest.mark.parametrize("read", ["load", "stream"])
def test_old_lines_are_read_into_the_current_shape(read: str) -> None:
    data = as_lines(V0_DOCUMENT)
    expected = hdnd.loads(orjson.dumps(v1_of(V0_DOCUMENT)))
    with using(PRETEND):
        if read == "load":
            assert read_lines(io.BytesIO(data)) == expected
        else:
            assert list(iter_lines(io.BytesIO(data))) == list(expected.records())


def test_lines_without_a_header_are_version_1() -> None:
    with using(PRETEND):
        ds = read_lines(io.BytesIO(as_lines(v1_of(V0_DOCUMENT), header=False)))
        assert ds.people[0].full_name == "Nguyễn Văn Đô"
        found = problems(read_lines, io.BytesIO(b'{"type": "person", "id": "p", "name": "An"}'))
    assert {p.location for p in found} == {"full_name", "name"}  # "name" is not version 1's


def broken_v0() -> dict[str, Any]:
    """:data:`V0_DOCUMENT` with faults in renamed fields, a moved record and a good one."""
    return V0_DOCUMENT | {
        "people": [
            {"id": "p1", "name": "Nguyễn Văn Đô"},
            {"id": "p2", "name": "  "},
            {"id": "p3"},
        ],
        "positions": [
            {"id": "pos1", "holder_id": "p1", "body_id": "tt", "role": "chair"},
            {"id": "pos2", "holder_id": "nobody", "body_id": "tt", "role": "delegate"},
        ],
    }


def test_problems_in_an_old_document_name_its_fields() -> None:
    with using(PRETEND):
        found = problems(hdnd.loads, orjson.dumps(broken_v0()), file="v0.json")
    assert [(p.file, p.location, p.record_id, p.message) for p in found] == [
        ("v0.json", "people[1].name", "p2", "must not be empty"),
        ("v0.json", "people[2].name", "p3", "required field missing"),
        ("v0.json", "positions[1].holder_id", "pos2", "no person with id 'nobody'"),
    ]


def test_problems_in_old_lines_name_their_fields_and_lines() -> None:
    data = as_lines(broken_v0())  # line 1 header, 2 council, 3-5 people, 6 body, 7-8 positions
    with using(PRETEND):
        found = problems(read_lines, io.BytesIO(data), "v0.jsonl")
        (first,) = problems(list, iter_lines(io.BytesIO(data), "v0.jsonl"))
    assert [(p.file, p.line, p.location, p.record_id, p.message) for p in found] == [
        ("v0.jsonl", 4, "name", "p2", "must not be empty"),
        ("v0.jsonl", 5, "name", "p3", "required field missing"),
        ("v0.jsonl", 8, "holder_id", "pos2", "no person with id 'nobody'"),
    ]
    assert str(first) == "v0.jsonl:4: name (id 'p2'): must not be empty"


@pytest.mark.parametrize("form", ["json", "jsonl"])
def test_a_newer_file_asks_for_a_newer_hdnd(form: str) -> None:
    doc = {"schema_version": 3}
    data = orjson.dumps(doc) if form == "json" else as_lines(doc)
    (p,) = problems(hdnd.loads, data, format=form)
    assert p.location == "schema_version"
    assert p.message.startswith("unknown schema_version 3: this file is newer than this hdnd (")
    assert p.message.endswith(
        "which reads versions 1 to 2 — upgrade hdnd to read files newer than schema_version 2"
    )


def test_an_old_version_is_unknown_without_its_history() -> None:
    p = problems(hdnd.loads, as_lines(V0_DOCUMENT), format="jsonl")[0]
    assert (p.line, p.location) == (1, "schema_version")
    assert p.message == "unknown schema_version 0; this hdnd reads versions 1 to 2"
