"""Property tests: every valid dataset survives writing and reading, in both formats."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hdnd
from hdnd.converter import converter
from hdnd.dataset import COLLECTIONS
from hdnd.enums import BodyKind, CommitteeField, LabelledEnum, Level
from hdnd.io.jsonl import write_lines
from hdnd.model import Body, Person, Record, normalize_text
from hdnd.testing import (
    bodies,
    confidence_votes,
    councils,
    coverages,
    datasets,
    deputies,
    meetings,
    oversight_activities,
    people,
    petitions,
    positions,
    questions,
    receptions,
    recommendations,
    resolutions,
    sessions,
    text,
    voter_petitions,
)

DATASET = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMATS = ["json", "jsonl"]

RECORDS = {
    "council": councils(parent_ids=["p"], predecessor_ids=["x1", "x2"]),
    "person": people(),
    "body": bodies(),
    "position": positions(),
    "session": sessions(),
    "meeting": meetings(participant_council_ids=["x1", "x2", "x3"]),
    "resolution": resolutions(session_ids=["s1"]),
    "oversight": oversight_activities(),
    "reception": receptions(body_ids=["b1"], person_ids=["p1"]),
    "petition": petitions(),
    "voter_petition": voter_petitions(meeting_ids=["m1"], session_ids=["s1"]),
    "deputy": deputies(group_ids=["g1"]),
    "recommendation": recommendations(),
    "question": questions(session_ids=["s1"], meeting_ids=["m1"], person_ids=["p1"]),
    "confidence_vote": confidence_votes(session_ids=["s1"]),
    "coverage": coverages(),
}


def nfd(value: Any) -> Any:
    """``value`` with every plain string (not enum members) in NFD; tuples element-wise."""
    if type(value) is str:
        return unicodedata.normalize("NFD", value)
    if isinstance(value, tuple):
        return tuple(nfd(v) for v in value)
    return value


def text_values(record: Record) -> list[str]:
    """Every text value of a record (ids and references included, enum members not)."""
    out: list[str] = []
    for value in attrs.asdict(record, recurse=False).values():
        for v in value if isinstance(value, tuple) else (value,):
            if isinstance(v, str) and not isinstance(v, LabelledEnum):
                out.append(v)
    return out


# ------------------------------------------------------------------ the strategies


@pytest.mark.parametrize("tag", sorted(RECORDS))
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_generated_records_hold_stripped_nfc_text(tag: str, data: st.DataObject) -> None:
    record = data.draw(RECORDS[tag])
    assert record.type_tag == tag
    for value in text_values(record):
        assert value
        assert value == value.strip()
        assert unicodedata.is_normalized("NFC", value)


@given(text())
def test_text_is_non_empty_and_stripped(value: str) -> None:
    assert value
    assert value == value.strip()
    assert normalize_text(value) == unicodedata.normalize("NFC", value)


@given(st.sampled_from(["NFC", "NFD"]), st.data())
def test_text_in_one_form(form: Any, data: st.DataObject) -> None:
    value = data.draw(text(form=form, min_words=2, max_words=3))
    assert unicodedata.is_normalized(form, value)
    assert 2 <= len(value.split(" ")) <= 3


def test_text_includes_both_forms_of_vietnamese_letters() -> None:
    from hypothesis import find

    decomposed = find(text(), lambda s: not unicodedata.is_normalized("NFC", s))
    assert unicodedata.normalize("NFC", decomposed) != decomposed
    assert find(text(), lambda s: any(ch in s for ch in "ăâđêôơư"))


@DATASET
@given(datasets(levels=[Level.province, Level.commune]))
def test_datasets_after_the_reform_have_no_district(ds: hdnd.Dataset) -> None:
    assert all(c.level is not Level.district for c in ds.councils)


@DATASET
@given(datasets())
def test_datasets_form_a_council_tree(ds: hdnd.Dataset) -> None:
    by_id = {c.id: c for c in ds.councils}
    rank = {Level.province: 0, Level.district: 1, Level.commune: 2}
    for c in ds.councils:
        assert c.unit_type.level is c.level
        if c.parent_id is not None:
            assert rank[by_id[c.parent_id].level] < rank[c.level]
        if c.unit_code is not None:
            assert len(c.unit_code) == {0: 2, 1: 3, 2: 5}[rank[c.level]]
    bodies_by_id = {b.id: b for b in ds.bodies}
    sessions_by_id = {s.id: s for s in ds.sessions}
    meetings_by_id = {m.id: m for m in ds.meetings}
    for o in ds.oversight:
        assert bodies_by_id[o.body_id].council_id == o.council_id
    for r in ds.receptions:
        if r.host_body_id is not None:
            assert bodies_by_id[r.host_body_id].council_id == r.council_id
    for nq in ds.resolutions:
        if nq.session_id is not None:
            assert sessions_by_id[nq.session_id].council_id == nq.council_id
    for v in ds.voter_petitions:
        if v.session_id is not None:
            assert sessions_by_id[v.session_id].council_id == v.council_id
        if v.meeting_id is not None:
            assert meetings_by_id[v.meeting_id].council_id == v.council_id


@settings(max_examples=30, deadline=None)
@given(datasets(min_councils=2, max_councils=2, levels=[Level.commune], max_records=0))
def test_dataset_size_options(ds: hdnd.Dataset) -> None:
    counts = ds.counts()
    assert counts.pop("councils") == 2
    assert set(counts.values()) == {0}


# ----------------------------------------------------------------------- round trips


@DATASET
@given(datasets())
def test_document_round_trip(ds: hdnd.Dataset) -> None:
    out = hdnd.dumps(ds)
    again = hdnd.loads(out)
    assert again == ds
    assert hdnd.dumps(again) == out


@DATASET
@given(datasets())
def test_json_lines_round_trip(ds: hdnd.Dataset) -> None:
    out = hdnd.dumps(ds, format="jsonl")
    again = hdnd.loads(out, format="jsonl")
    assert again == ds
    assert hdnd.dumps(again, format="jsonl") == out
    assert len(out.splitlines()) == 1 + sum(ds.counts().values())


@DATASET
@given(datasets())
def test_formats_convert_into_each_other(ds: hdnd.Dataset) -> None:
    via_lines = hdnd.loads(hdnd.dumps(ds, format="jsonl"), format="jsonl")
    assert hdnd.dumps(via_lines) == hdnd.dumps(ds)


@settings(max_examples=50, deadline=None)
@given(datasets())
def test_files_round_trip(ds: hdnd.Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in ("data.json", "data.jsonl", "DATA.JSONL", "data.ndjson"):
            path = Path(folder) / name
            hdnd.dump(ds, path)
            assert hdnd.load(path) == ds
            assert hdnd.load(str(path)) == ds
        assert (Path(folder) / "data.json").read_text(encoding="utf-8") == hdnd.dumps(ds)
        lines = (Path(folder) / "data.jsonl").read_text(encoding="utf-8")
        assert lines == hdnd.dumps(ds, format="jsonl")
        assert list(hdnd.iter_records(Path(folder) / "data.jsonl")) == list(ds.records())


@settings(max_examples=50, deadline=None)
@given(datasets())
def test_dump_replaces_an_existing_file(ds: hdnd.Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_text("old content, longer than nothing " * 100, encoding="utf-8")
        hdnd.dump(ds, path)
        assert hdnd.load(path) == ds
        assert sorted(p.name for p in Path(folder).iterdir()) == ["data.json"]


@DATASET
@given(datasets(), st.sampled_from(FORMATS))
def test_dumps_is_deterministic_and_writes_vietnamese_as_is(ds: hdnd.Dataset, fmt: Any) -> None:
    out = hdnd.dumps(ds, format=fmt)
    assert hdnd.dumps(ds, format=fmt) == out
    assert out.endswith("\n")
    assert unicodedata.is_normalized("NFC", out)
    assert out.count("HĐND ") >= len(ds.councils)  # every council's name, not escaped


@DATASET
@given(datasets())
def test_records_in_any_order_load_the_same(ds: hdnd.Dataset) -> None:
    """Types in reverse order, so every reference points forward (order within a type kept)."""
    header, *lines = hdnd.dumps(ds, format="jsonl").splitlines()
    order = {c.tag: i for i, c in enumerate(COLLECTIONS)}
    backwards = sorted(lines, key=lambda line: -order[orjson.loads(line)["type"]])
    stream = "".join(line + "\n" for line in backwards)
    assert hdnd.loads(header + "\n" + stream, format="jsonl") == ds
    assert hdnd.loads(stream, format="jsonl") == ds  # the header is optional


# -------------------------------------------------------------------- NFC on input


@DATASET
@given(datasets(), st.sampled_from(FORMATS))
def test_nfd_file_loads_equal_to_the_original(ds: hdnd.Dataset, fmt: Any) -> None:
    decomposed = unicodedata.normalize("NFD", hdnd.dumps(ds, format=fmt))
    loaded = hdnd.loads(decomposed, format=fmt)
    assert loaded == ds
    assert hdnd.dumps(loaded, format=fmt) == hdnd.dumps(ds, format=fmt)


@DATASET
@given(datasets())
def test_nfd_file_on_disk_loads_equal_to_the_original(ds: hdnd.Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            path = Path(folder) / f"nfd.{fmt}"
            decomposed = unicodedata.normalize("NFD", hdnd.dumps(ds, format=fmt))
            path.write_bytes(decomposed.encode("utf-8"))
            assert hdnd.load(path) == ds


@pytest.mark.parametrize("tag", sorted(RECORDS))
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_records_built_from_nfd_text_equal_nfc_ones(tag: str, data: st.DataObject) -> None:
    record = data.draw(RECORDS[tag])
    fields = attrs.asdict(record, recurse=False)
    rebuilt = type(record)(**{name: nfd(value) for name, value in fields.items()})
    assert rebuilt == record
    assert text_values(rebuilt) == text_values(record)
    padded = {name: f"  {v}\t" if type(v) is str else v for name, v in nfd(fields).items()}
    assert type(record)(**padded) == record


@pytest.mark.parametrize("tag", sorted(RECORDS))
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_streamed_nfd_record_equals_the_record(tag: str, data: st.DataObject) -> None:
    record = data.draw(RECORDS[tag])
    buf = io.BytesIO()
    write_lines([record], buf)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.jsonl"
        path.write_text(unicodedata.normalize("NFD", buf.getvalue().decode()), encoding="utf-8")
        assert list(hdnd.iter_records(path)) == [record]
    parsed = orjson.loads(unicodedata.normalize("NFD", buf.getvalue().decode()).splitlines()[1])
    del parsed["type"]
    assert converter.structure(parsed, type(record)) == record


# ---------------------------------------------------- beyond realistic text: any text


# Any text the model takes: no lone surrogates, no control characters but tab and line breaks
CONTROL = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
ANY_TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters=CONTROL), min_size=1, max_size=30
).filter(lambda s: normalize_text(s) != "")


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, ANY_TEXT, st.sampled_from(FORMATS))
def test_any_unicode_text_round_trips(name: str, post: str, fmt: Any) -> None:
    person = Person(id="p1", full_name=name, other_posts=[post])
    ds = hdnd.Dataset(people=[person])
    out = hdnd.dumps(ds, format=fmt)
    again = hdnd.loads(out, format=fmt)
    assert again == ds
    assert again.people[0].full_name == normalize_text(name)
    assert hdnd.dumps(again, format=fmt) == out


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_normalising_twice_changes_nothing(value: str) -> None:
    once = normalize_text(value)
    assert normalize_text(once) == once
    assert Person(id="p", full_name=once) == Person(id="p", full_name=value)


def test_collections_cover_every_record_strategy() -> None:
    assert sorted(c.tag for c in COLLECTIONS) == sorted(RECORDS)


def test_datasets_draw_every_record_type() -> None:
    """So that the round trips of datasets() through every format cover every type."""
    seen: set[str] = set()

    @settings(max_examples=50, database=None, derandomize=True)
    @given(datasets(max_councils=3))
    def collect(ds: hdnd.Dataset) -> None:
        seen.update(key for key, n in ds.counts().items() if n)

    collect()
    assert seen == {c.key for c in COLLECTIONS}


@settings(max_examples=20, deadline=None)
@given(
    receptions(council_ids=["c1", "c2"], body_ids=st.sampled_from(["b1"]), person_ids=[]),
    st.dates(dt.date(2016, 1, 1), dt.date(2030, 12, 31)),
)
def test_reference_sources_compose(reception: Any, date: dt.date) -> None:
    assert reception.council_id in ("c1", "c2")
    assert reception.host_body_id in (None, "b1")
    assert reception.host_person_id is None
    assert attrs.evolve(reception, date=date).date == date


# ------------------------------------------------------------- the converter alone


def committee() -> Body:
    return Body(
        id="b", council_id="c", kind=BodyKind.committee, committee_field=CommitteeField.legal
    )


def test_converter_unstructures_enums_to_their_identifiers() -> None:
    data = converter.unstructure(committee())
    assert data == {"id": "b", "council_id": "c", "kind": "committee", "committee_field": "legal"}
    assert type(data["kind"]) is str
    assert converter.structure(data, Body) == committee()


def test_converter_accepts_enum_members_as_values() -> None:
    data = {"id": "b", "council_id": "c", "kind": BodyKind.committee, "committee_field": "legal"}
    assert converter.structure(data, Body) == committee()


def test_converter_round_trips_records_without_enums() -> None:
    person = Person(id="p1", full_name="Dương Thị Huệ", other_posts=["Bí thư Đảng ủy"])
    data = converter.unstructure(person)
    assert data == {"id": "p1", "full_name": "Dương Thị Huệ", "other_posts": ["Bí thư Đảng ủy"]}
    assert converter.structure(data, Person) == person
