"""The generated JSON Schema agrees with hdnd's reader: on valid files, and on broken ones.

Valid: the example, the frozen version 1 files and every generated dataset pass, as
documents and as JSON Lines. Broken: :func:`broken_records` breaks one thing in a valid
generated document, checks that hdnd refuses it for its *shape* (structuring the
record fails; integrity is not shape, so dangling references and duplicate ids are
never made) and that the schema refuses it too, at that place. The kinds of break
(:data:`MUTATIONS`):

* ``wrong_type``: text, number, true/false or list replaced by a value of another
  JSON type (``null`` only for required fields: for optional ones it means the default;
  never a whole float such as ``2.0``, which both take as the integer 2);
* ``bad_enum``: an enumeration value that is not an identifier (a label, another case);
* ``missing_required``: a required field left out;
* ``empty_id``: an id or a reference empty or blank;
* ``blank_text``: required or optional text empty or blank;
* ``negative_count``: a count below 0, a session number below 1;
* ``impossible_date``: a date that does not exist (2023-02-29, 2023-04-31, month 13);
* ``malformed_date``: a date not written YYYY-MM-DD;
* ``bad_code``: a unit code that is not digits, a term not written YYYY-YYYY (a term
  whose years are not five apart is left out: a pattern cannot do arithmetic);
* ``extra_field``: a field the record type does not have;
* ``committee_field_mismatch``: a committee without its field, or another body with one;
* ``bad_record_type``: a coverage's record types empty, or holding what is not a record
  type's tag (a collection key, another case, ``coverage`` itself);

and at the top of a document: ``schema_version`` missing or wrong, an unknown
collection, a collection that is not a list.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import types
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import hdnd
from hdnd import model
from hdnd.cli import main
from hdnd.converter import structure_record
from hdnd.dataset import COLLECTIONS, Collection
from hdnd.docnum import DocumentNumber
from hdnd.enums import BodyKind, CommitteeField, LabelledEnum
from hdnd.errors import InvalidData, InvalidValue
from hdnd.io.jsonl import iter_lines
from hdnd.schema import DATE_PATTERN, DOCUMENT_NUMBER_PATTERN, json_schema
from hdnd.testing import datasets, document_numbers

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "data" / "city-q1-2023.json"
FORMAT_V1 = Path(__file__).parent / "data" / "format-v1"
FORMAT_V2 = Path(__file__).parent / "data" / "format-v2"
TAGS = [c.tag for c in COLLECTIONS]

DOCUMENT = Draft202012Validator(json_schema())
LINE = Draft202012Validator(json_schema(jsonl=True))
RECORD = {tag: Draft202012Validator(json_schema(tag)) for tag in TAGS}

EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def errors_at(validator: Draft202012Validator, instance: Any) -> list[tuple[str | int, ...]]:
    """Where the validator finds ``instance`` wrong (paths into it); empty if valid."""
    return [tuple(e.absolute_path) for e in validator.iter_errors(instance)]


# -------------------------------------------------------------------- the schemas


@pytest.mark.parametrize("jsonl", [False, True])
@pytest.mark.parametrize("record", [None, *TAGS])
def test_schemas_are_valid_2020_12(record: str | None, jsonl: bool) -> None:
    schema = json_schema(record, jsonl=jsonl)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:hdnd:schema:v2:")


def test_schema_ids() -> None:
    assert json_schema()["$id"] == "urn:hdnd:schema:v2:document"
    assert json_schema("reception")["$id"] == "urn:hdnd:schema:v2:record:reception"
    assert json_schema(jsonl=True)["$id"] == "urn:hdnd:schema:v2:jsonl"
    assert json_schema("reception", jsonl=True)["$id"] == "urn:hdnd:schema:v2:jsonl:reception"


def test_unknown_record_type() -> None:
    with pytest.raises(KeyError):
        json_schema("receptions")


def test_records_follow_the_model() -> None:
    defs = json_schema()["$defs"]
    for c in COLLECTIONS:
        schema = defs[c.tag]
        fields = attrs.fields(c.cls)
        assert list(schema["properties"]) == [f.name for f in fields]
        assert schema["required"] == [f.name for f in fields if f.default is attrs.NOTHING]
        assert schema["additionalProperties"] is False
        for f in fields:
            assert schema["properties"][f.name]["description"], f"{c.tag}.{f.name}"


def test_optional_fields_are_nullable_with_their_default() -> None:
    props = json_schema("oversight")["properties"]
    assert props["status"]["default"] == "completed"
    assert props["status"]["anyOf"][1] == {"type": "null"}
    assert props["fields"]["type"] == ["array", "null"]
    assert props["fields"]["default"] == []
    assert props["unannounced"] == {
        "description": "Whether it was unannounced (không báo trước).",
        "type": ["boolean", "null"],
        "default": False,
    }


def test_rules_come_from_the_model() -> None:
    rules = [v for v in vars(model).values() if isinstance(v, model.Rule)]
    assert rules
    assert all(rule.json_schema for rule in rules)
    props = json_schema("council")["properties"]
    assert props["unit_code"]["pattern"] == model.DIGITS.json_schema["pattern"]
    assert props["name"]["minLength"] == 1
    assert json_schema("session")["properties"]["number"]["minimum"] == 1


def test_references_are_described() -> None:
    props = json_schema("meeting")["properties"]
    assert props["council_id"]["description"].endswith("It is the id of a council record.")
    assert props["participant_council_ids"]["description"].endswith(
        "Each is the id of a council record."
    )


def test_descriptions_come_from_the_docstrings() -> None:
    schema = json_schema("resolution")
    assert schema["description"].startswith("A resolution (nghị quyết) passed by a council")
    assert "`DocumentNumber`" in schema["description"]  # reST roles made Markdown
    assert schema["properties"]["title"]["description"] == "Its title (trích yếu)."


def test_enumerations_carry_their_labels() -> None:
    defs = json_schema()["$defs"]
    enums = {name: d for name, d in defs.items() if "enum" in d}
    used = {
        _scalar(f.type).__name__
        for c in COLLECTIONS
        for f in attrs.fields(c.cls)
        if isinstance(_scalar(f.type), type) and issubclass(_scalar(f.type), LabelledEnum)
    }
    assert set(enums) == used
    for name, schema in enums.items():
        cls = getattr(hdnd.enums, name)
        assert schema["enum"] == [m.value for m in cls]
        assert schema["oneOf"] == [
            {"const": m.value, "title": m.label_vi, "description": m.label_en} for m in cls
        ]
        assert all(m.label_vi in schema["description"] for m in cls)


def test_cannot_describe_an_unknown_field_type() -> None:
    from hdnd.schema import _value_schema

    with pytest.raises(TypeError, match="no JSON Schema"):
        _value_schema(dt.datetime, {})


@pytest.mark.parametrize("kind", list(BodyKind))
@pytest.mark.parametrize("field", [None, "null", *CommitteeField])
def test_committee_field_rule_agrees_with_the_model(kind: BodyKind, field: Any) -> None:
    raw: dict[str, Any] = {"id": "b", "council_id": "c", "kind": kind.value}
    if field is not None:
        raw["committee_field"] = None if field == "null" else field.value
    try:
        structure_record(raw, model.Body)
    except InvalidData:
        accepted = False
    else:
        accepted = True
    assert RECORD["body"].is_valid(raw) == accepted


def test_date_pattern_is_the_calendar() -> None:
    pattern = re.compile(DATE_PATTERN)
    for year in (0, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 2400, 9999):
        for month in range(14):
            for day in range(33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    real = dt.date.fromisoformat(text) is not None
                except ValueError:
                    real = False
                assert (pattern.search(text) is not None) == real, text


@settings(max_examples=200, deadline=None)
@given(document_numbers())
def test_canonical_document_numbers_fit_the_pattern(number: DocumentNumber) -> None:
    assert re.search(DOCUMENT_NUMBER_PATTERN, str(number))


# ------------------------------------------------------------------ valid files


@pytest.mark.parametrize(
    "path",
    [EXAMPLE, FORMAT_V1 / "document.json", FORMAT_V2 / "document.json"],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_documents_validate(path: Path) -> None:
    assert errors_at(DOCUMENT, json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("folder", [FORMAT_V1, FORMAT_V2], ids=lambda p: p.name)
def test_frozen_lines_validate(folder: Path) -> None:
    for line in (folder / "records.jsonl").read_text(encoding="utf-8").splitlines():
        assert errors_at(LINE, json.loads(line)) == [], line


@EXAMPLES
@given(datasets(max_councils=4))
def test_every_generated_dataset_validates(ds: hdnd.Dataset) -> None:
    document = json.loads(hdnd.dumps(ds))
    assert errors_at(DOCUMENT, document) == []
    for line in hdnd.dumps(ds, format="jsonl").splitlines():
        raw = json.loads(line)
        assert errors_at(LINE, raw) == [], line
        if raw["type"] != "header":
            tag = raw.pop("type")
            assert errors_at(RECORD[tag], raw) == [], line


# ----------------------------------------------------------------- broken files


def _base(tp: Any) -> Any:
    """A field type without ``| None``."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        (tp,) = (a for a in typing.get_args(tp) if a is not type(None))
    return tp


def _scalar(tp: Any) -> Any:
    """A field type without ``| None``, ``tuple[...]`` and ``Annotated``."""
    tp = _base(tp)
    if typing.get_origin(tp) is tuple:
        tp = typing.get_args(tp)[0]
    return typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp


def _rules(tp: Any) -> tuple[model.Rule, ...]:
    return model.rules_of(_base(tp))


def _wrong_types(value: Any, required: bool) -> list[Any]:
    """Values of another JSON type than ``value``'s; ``null`` only where a value is required."""
    wrong = [v for v in ("5", 5, 2.5, True, [], {}) if type(v) is not type(value)]
    if isinstance(value, list):
        wrong.append([7])  # a list, but of numbers
    return [*wrong, None] if required else wrong


Mutation = tuple[str, str, int, str]  # kind, collection key, index, field


def collection_of_key(key: str) -> Collection:
    return next(c for c in COLLECTIONS if c.key == key)


def _mutations(document: dict[str, Any]) -> list[Mutation]:
    """Every way :func:`_break` can break a record of ``document``."""
    found: list[Mutation] = []
    for c in COLLECTIONS:
        refs = {name for name, _ in model.references(c.cls)}
        for i, record in enumerate(document[c.key]):
            found.append(("extra_field", c.key, i, ""))
            if c.cls is model.Body:
                found.append(("committee_field_mismatch", c.key, i, "committee_field"))
            for f in attrs.fields(c.cls):
                scalar, rules = _scalar(f.type), _rules(f.type)
                present = f.name in record
                kinds = []
                if f.default is attrs.NOTHING:
                    kinds.append("missing_required")
                if present:
                    kinds.append("wrong_type")
                if isinstance(scalar, type) and issubclass(scalar, LabelledEnum):
                    kinds.append("bad_enum")
                elif f.name == "id" or f.name in refs:
                    kinds.append("empty_id")
                elif model.NON_EMPTY in rules:
                    kinds.append("blank_text")
                if model.VISIBLE in rules:
                    kinds.append("invisible_id")
                if model.NO_CONTROL in rules:
                    kinds.append("control_text")
                if model.NON_NEGATIVE in rules or model.POSITIVE in rules:
                    kinds.append("negative_count")
                if model.AT_MOST_A_BILLION in rules:
                    kinds.append("huge_count")
                if scalar is dt.date:
                    kinds += ["impossible_date", "malformed_date"]
                if model.DIGITS in rules or model.TERM in rules:
                    kinds.append("bad_code")
                if model.RECORD_TYPE in rules:
                    kinds.append("bad_record_type")
                found += [(kind, c.key, i, f.name) for kind in kinds]
    return found


IMPOSSIBLE_DATES = [
    *("2023-02-29", "2100-02-29", "2023-02-30", "2024-02-31", "2023-04-31", "2023-06-31"),
    *("2023-13-01", "2023-00-10", "2023-01-00", "2023-01-32", "0000-01-01"),
]
MALFORMED_DATES = [
    *("2023-2-3", "15/02/2023", "2023/02/14", "20230214", " 2023-02-14", "2023-02-14T00:00"),
    *("２０２３-02-14", "2023-02", ""),
]
MUTATIONS = (
    *("wrong_type", "bad_enum", "missing_required", "empty_id", "blank_text"),
    *("negative_count", "impossible_date", "malformed_date", "bad_code", "extra_field"),
    *("committee_field_mismatch", "invisible_id", "control_text", "huge_count"),
    "bad_record_type",
)
# Characters put into ids and text: each kind that ids refuse (Cc, Cf, Zl, Zp), then the
# control characters text refuses; inside the value, where stripping does not reach.
INVISIBLE = ["\u200b", "\u00ad", "\u2028", "\u202e", "\ufeff", "\x85", "\x01", "\t", "\U000e0041"]
CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f"]


def _break(draw: st.DrawFn, kind: str, record: dict[str, Any], name: str, cls: type) -> None:
    """Break ``record`` in place, the ``kind`` way, at field ``name`` (if about a field)."""
    if kind == "extra_field":
        record[draw(st.sampled_from(["notes", "fullname", "type", "schema_version"]))] = "x"
        return
    if kind == "committee_field_mismatch":
        if record["kind"] != "committee":
            record["committee_field"] = draw(st.sampled_from([m.value for m in CommitteeField]))
        elif draw(st.booleans()):
            del record["committee_field"]
        else:
            record["committee_field"] = None
        return
    f = attrs.fields_dict(cls)[name]
    value = record.get(name)
    is_list = typing.get_origin(_base(f.type)) is tuple
    if kind == "wrong_type":
        record[name] = draw(st.sampled_from(_wrong_types(value, f.default is attrs.NOTHING)))
    elif kind == "bad_enum":
        member = draw(st.sampled_from(list(_scalar(f.type))))
        bad = ["unknown", member.value.upper(), member.label_vi, member.label_en.title(), ""]
        record[name] = draw(st.sampled_from(bad).filter(lambda v: v != member.value))
    elif kind == "missing_required":
        del record[name]
    elif kind in ("empty_id", "blank_text"):
        blank = draw(st.sampled_from(["", " ", "\t\n"]))
        if is_list and value:
            value[draw(st.integers(0, len(value) - 1))] = blank
        else:
            record[name] = [blank] if is_list else blank
    elif kind in ("invisible_id", "control_text"):
        char = draw(st.sampled_from(INVISIBLE if kind == "invisible_id" else CONTROL))
        if is_list and value:
            at = draw(st.integers(0, len(value) - 1))
            value[at] = f"{value[at]}{char}x"
        else:
            record[name] = [f"a{char}b"] if is_list else f"{value}{char}x"
    elif kind == "bad_record_type":
        bad = draw(st.sampled_from(["receptions", "Reception", "coverage", "header", "", "x"]))
        if value and draw(st.booleans()):
            value[draw(st.integers(0, len(value) - 1))] = bad
        else:
            record[name] = [] if bad == "x" else [bad]  # none at all, or an unknown tag
    elif kind == "huge_count":
        record[name] = draw(st.sampled_from([10**9 + 1, 10**12, 2**63 - 1]))
    elif kind == "negative_count":
        floor = 0 if model.POSITIVE in _rules(f.type) else -1
        record[name] = draw(st.integers(-10_000, floor))
    elif kind == "impossible_date":
        record[name] = draw(st.sampled_from(IMPOSSIBLE_DATES))
    elif kind == "malformed_date":
        record[name] = draw(st.sampled_from(MALFORMED_DATES))
    elif kind == "bad_code":
        # Not "27 ": hdnd reads codes stripped, the schema wants them as hdnd writes them.
        codes = ["7a", "", "٢٧"] if name == "unit_code" else ["2021", "2021-26", "2021–2026"]
        record[name] = draw(st.sampled_from(codes))
    else:
        raise AssertionError(kind)


@st.composite
def broken_records(draw: st.DrawFn, kind: str) -> tuple[Mutation, dict[str, Any]]:
    """A valid generated document with one record broken the ``kind`` way, and where."""
    ds = draw(datasets(max_councils=3, max_records=3))
    document = json.loads(hdnd.dumps(ds))
    places = [m for m in _mutations(document) if m[0] == kind]
    assume(places)  # a committee_field_mismatch needs a body
    mutation = draw(st.sampled_from(places))
    _, key, i, name = mutation
    _break(draw, kind, document[key][i], name, collection_of_key(key).cls)
    return mutation, document


@pytest.mark.parametrize("kind", MUTATIONS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_record_hdnd_refuses_for_its_shape_the_schema_refuses(
    kind: str, data: st.DataObject
) -> None:
    (_, key, i, name), document = data.draw(broken_records(kind))
    c = collection_of_key(key)
    record = document[key][i]
    with pytest.raises(InvalidData):  # hdnd refuses the record itself: a matter of shape
        structure_record(copy.deepcopy(record), c.cls)
    where = [path[:2] for path in errors_at(DOCUMENT, document)]
    assert (key, i) in where, (kind, name, record)
    assert errors_at(RECORD[c.tag], record) != []
    line = {"type": c.tag, **record}
    with pytest.raises(InvalidData):
        list(iter_lines([json.dumps(line).encode()]))
    assert errors_at(LINE, line) != []


def test_every_kind_of_break_can_happen() -> None:
    document = json.loads((FORMAT_V2 / "document.json").read_text(encoding="utf-8"))
    assert {kind for kind, *_ in _mutations(document)} == set(MUTATIONS)


@pytest.mark.parametrize(
    "change",
    [
        {"schema_version": None},
        {"schema_version": "1"},
        {"schema_version": 3},
        {"schema_version": 0},
        {"schema_version": True},
        {"councils": {}},
        {"councils": None},
        {"people": "p1"},
        {"counsils": []},
    ],
    ids=str,
)
def test_a_document_hdnd_refuses_at_the_top_the_schema_refuses(change: dict[str, Any]) -> None:
    document = json.loads((FORMAT_V1 / "document.json").read_text(encoding="utf-8"))
    document |= change
    document = {k: v for k, v in document.items() if not (k == "schema_version" and v is None)}
    with pytest.raises(InvalidData):
        hdnd.loads(json.dumps(document))
    assert errors_at(DOCUMENT, document) != []


@pytest.mark.parametrize(
    "line",
    [
        {"type": "header", "schema_version": 3},
        {"type": "header", "schema_version": 1, "note": "x"},
        {"type": "persons", "id": "p1", "full_name": "An"},
        {"id": "p1", "full_name": "An"},
        {"type": "person", "id": "p1", "full_name": "An", "level": "province"},
    ],
    ids=str,
)
def test_a_line_hdnd_refuses_the_schema_refuses(line: dict[str, Any]) -> None:
    with pytest.raises(InvalidData):
        list(iter_lines([json.dumps(line).encode()]))
    assert errors_at(LINE, line) != []


# ------------------------------------------------------------------------ the CLI


def test_cli_prints_the_document_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_cli_writes_a_record_line_schema(tmp_path: Path) -> None:
    out = tmp_path / "reception.schema.json"
    assert main(["schema", "--record", "reception", "--jsonl", "--output", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json_schema("reception", jsonl=True)


def test_cli_refuses_an_unknown_record_type(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["schema", "--record", "receptions"])
    assert e.value.code == 2
    assert "invalid choice: 'receptions'" in capsys.readouterr().err


# -------------------------------------------------------- rules on characters


BOUNDARIES = [
    chr(c)
    for a, b in (*model._INVISIBLE, *model._CONTROL)
    for c in (a - 1, a, b, b + 1)
    if 0 <= c < 0x110000 and not 0xD800 <= c < 0xE000
]
ANY_TEXT = st.text(st.characters(codec=None) | st.sampled_from(BOUNDARIES), max_size=6)


@settings(max_examples=2000, deadline=None)
@given(ANY_TEXT)
def test_character_rules_and_their_schemas_agree(text: str) -> None:
    """The rules refusing invisible and control characters say what their JSON Schema
    says, for any text (the schema read by Python's ``re``, as jsonschema does)."""
    for rule in (model.VISIBLE, model.NO_CONTROL):
        assert Draft202012Validator(rule.json_schema).is_valid(text) == bool(rule.test(text))


def _accepted(make: Any) -> bool:
    try:
        make()
    except InvalidValue:
        return False
    return True


@settings(max_examples=1000, deadline=None)
@given(ANY_TEXT)
def test_ids_references_and_text_the_schema_and_hdnd_take_are_the_same(text: str) -> None:
    value = model.normalize_text(text)  # the schema describes text as hdnd writes it
    assume(value)
    person = {"id": value, "full_name": value}
    assert RECORD["person"].is_valid(person) == _accepted(lambda: model.Person(**person))
    position = {"id": "pos", "person_id": value, "body_id": "b", "role": "chair"}
    assert RECORD["position"].is_valid(position) == _accepted(lambda: model.Position(**position))
