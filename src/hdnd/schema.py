"""JSON Schema (draft 2020-12) of hdnd files, generated from the record classes.

Nothing here is written by hand: each field's JSON type, whether it is required
(no default) or optional (a default; ``null`` then means the default), the rules
its type carries (:class:`~hdnd.model.Rule` states itself in JSON Schema terms),
what an id refers to (:class:`~hdnd.model.Ref`), the enumerations with their
labels and every description (the classes' docstrings and their ``:ivar:``
fields) come from :mod:`hdnd.model` and :mod:`hdnd.enums`. Other tools can
check hdnd files with any JSON Schema validator; ``hdnd schema`` prints them.

Four schemas, each with a ``$id`` naming the format version:

* ``urn:hdnd:schema:v1:document``: a document (``.json``);
* ``urn:hdnd:schema:v1:record:<type>``: one record in a document, such as ``reception``;
* ``urn:hdnd:schema:v1:jsonl``: one line of JSON Lines, a record or the header;
* ``urn:hdnd:schema:v1:jsonl:<type>``: one line holding a record of ``<type>``.

The ids are URNs, not URLs: they name the schema and its format version and will
never change, wherever the files end up published. Only standard draft 2020-12
keywords are used, so that strict validators (ajv's default strict mode) compile the
schemas: enumerations list their identifiers in ``enum`` (so validators give their
plain "not one of" message), and again in a ``oneOf`` of ``const`` values, each
with its Vietnamese label as ``title`` and its English label as ``description``
(``{"const": "province", "title": "cấp tỉnh", "description": "provincial level"}``),
which form generators show and tools can read; the enumeration's ``description``
lists them too, for documentation generators. Dates are checked by a pattern of the
calendar, without the ``format`` annotation, which strict validators refuse unless a
format plug-in is loaded.

The schemas describe files as hdnd writes them, with text stripped and document
numbers in canonical form; hdnd's reader is more lenient with such details. What
JSON Schema cannot say, and ``hdnd validate`` checks:

* ids are unique within their record type, and every reference names a record;
* an ``end`` or ``closed`` date is not before its ``start`` or ``received`` date;
* a term's second year is its first plus five;
* a document number follows hdnd's grammar of document numbers: codes of letters and
  digits, a known type code where one is due, a year 1945–2100 (the pattern only
  checks its shape);
* text is NFC-normalised; blank text is white space as Python defines it (a few
  control characters differ from ECMA-262 regular expressions);
* a whole number written with a fraction or an exponent (``7.0``, ``1e3``) is one
  for hdnd as for JSON Schema, but only up to 2**53 (9,007,199,254,740,992): beyond,
  it does not name one integer exactly; nor is an integer beyond 64 bits read (a
  count is at most a billion anyway, a session number has no bound);
* a JSON Lines header comes first: each line is checked on its own.

A body's ``committee_field`` is required exactly when its ``kind`` is ``committee``:
that one cross-field rule is expressed with ``if``/``then``/``else``.

>>> schema = json_schema()
>>> schema["$id"], schema["required"]
('urn:hdnd:schema:v2:document', ['schema_version'])
>>> schema["$defs"]["reception"]["properties"]["turns"]
{'description': 'Visits received (lượt).', 'type': 'integer', 'minimum': 0, 'maximum': 1000000000}
>>> json_schema("council")["properties"]["parent_id"]["type"]
['string', 'null']
>>> schema["$defs"]["Level"]["oneOf"][0]
{'const': 'province', 'title': 'cấp tỉnh', 'description': 'provincial level'}
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from typing import Any, Final

from hdnd.dataset import COLLECTIONS, SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS, collection_of
from hdnd.docnum import DocumentNumber
from hdnd.enums import BodyKind, LabelledEnum
from hdnd.io.jsonl import HEADER_TAG, HEADERLESS_VERSION
from hdnd.model import Body
from hdnd.spec import RECORDS, FieldSpec, RecordSpec, spec_of

__all__ = ["DATE_PATTERN", "DIALECT", "DOCUMENT_NUMBER_PATTERN", "json_schema", "schema_id"]

Schema = dict[str, Any]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of the schemas (their ``$schema``).

>>> json_schema()["$schema"] == DIALECT
True
"""

# Calendar dates only: 31 February fits \d{4}-\d{2}-\d{2}, and "format": "date" is only
# an annotation in 2020-12 unless a validator opts in. So months get their own days,
# and 29 February its leap years (every 4th year but centuries, except every 4th
# century). Python's dates, which hdnd reads, start at year 1: 0000 is refused.
_MONTH_31 = "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
_MONTH_30 = "(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
_FEBRUARY = "02-(?:0[1-9]|1[0-9]|2[0-8])"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE_PATTERN: Final = (
    f"^(?!0000)(?:[0-9]{{4}}-(?:{_MONTH_31}|{_MONTH_30}|{_FEBRUARY})|{_LEAP_YEAR}-02-29)$"
)
"""A date written YYYY-MM-DD that exists in the calendar.

>>> import re
>>> [bool(re.search(DATE_PATTERN, d)) for d in ("2024-02-29", "2023-02-29", "2023-04-31")]
[True, False, False]
"""

DOCUMENT_NUMBER_PATTERN: Final = r"^(?:0[1-9]|[1-9][0-9]+)/(?:[0-9]{4}/)?[^\s/-]+(?:-[^\s/-]+)*$"
"""The shape of a document number in canonical form: ``146/NQ-HĐND``, ``05/2023/NĐ-CP``.

The number is zero-padded to two digits; a year follows for normative documents,
then the codes (type and issuer, Decree 30/2020/NĐ-CP) separated by hyphens.

>>> import re
>>> [bool(re.search(DOCUMENT_NUMBER_PATTERN, n)) for n in ("146/NQ-HĐND", "5/NQ-HĐND")]
[True, False]
"""


def schema_id(name: str, version: int = SCHEMA_VERSION) -> str:
    """The ``$id`` of the schema ``name`` for format ``version``.

    >>> schema_id("record:council")
    'urn:hdnd:schema:v2:record:council'
    """
    return f"urn:hdnd:schema:v{version}:{name}"


def json_schema(record: str | None = None, *, jsonl: bool = False) -> Schema:
    """The JSON Schema of a document, or of one ``record`` type (a tag such as ``"reception"``).

    With ``jsonl``, the schema of a JSON Lines line instead: any line, or a line
    holding a ``record``. An unknown ``record`` raises ``KeyError``. Each call
    builds a new dictionary.

    >>> json_schema("body")["required"]
    ['id', 'council_id', 'kind']
    >>> json_schema("person", jsonl=True)["properties"]["type"]
    {'description': 'The record type.', 'const': 'person'}
    >>> sorted(json_schema(jsonl=True)["properties"]["type"]["enum"])[:3]
    ['body', 'confidence_vote', 'council']
    """
    enums: dict[str, type[LabelledEnum]] = {}
    if record is not None:
        name = f"jsonl:{record}" if jsonl else f"record:{record}"
        body = _record_schema(spec_of(collection_of(record).tag), enums, tagged=jsonl)
        return _root(name, body, _enum_defs(enums))
    defs = {r.tag: _record_schema(r, enums, tagged=jsonl) for r in RECORDS}
    if jsonl:
        return _root(
            "jsonl", _lines_schema(), {HEADER_TAG: _header_schema()} | defs | _enum_defs(enums)
        )
    return _root("document", _document_schema(), defs | _enum_defs(enums))


def _root(name: str, body: Schema, defs: Schema) -> Schema:
    root = {"$schema": DIALECT, "$id": schema_id(name), **body}
    if defs:
        root["$defs"] = defs
    return root


def _version_schema(description: str) -> Schema:
    """The versions a file may say: the current one, or an older one whose records are
    current records as they are (version 1: version 2 only added types and fields)."""
    versions = sorted(SUPPORTED_SCHEMA_VERSIONS)
    if len(versions) == 1:
        return {"description": description, "const": SCHEMA_VERSION}
    return {
        "description": f"{description} Files written are version {SCHEMA_VERSION}.",
        "enum": versions,
    }


def _document_schema() -> Schema:
    properties: Schema = {"schema_version": _version_schema("The format version of the document.")}
    for c in COLLECTIONS:
        properties[c.key] = {
            "description": f"The {c.tag} records; absent means none. {_summary(c.cls)}",
            "type": "array",
            "items": {"$ref": f"#/$defs/{c.tag}"},
        }
    return {
        "title": f"hdnd document, format version {SCHEMA_VERSION}",
        "description": (
            "The records of one hdnd file, a list per record type. Ids are unique within "
            "a record type and references name existing records: not checked here "
            "(hdnd validate does)."
        ),
        "type": "object",
        "properties": properties,
        "required": ["schema_version"],
        "additionalProperties": False,
    }


def _header_schema() -> Schema:
    return {
        "title": "header",
        "description": (
            "The optional first line: the format version of the lines after it. "
            f"Without it, a stream is version {HEADERLESS_VERSION}."
        ),
        "type": "object",
        "properties": {
            "type": {"const": HEADER_TAG},
            "schema_version": _version_schema("The format version of the lines after it."),
        },
        "required": ["type", "schema_version"],
        "additionalProperties": False,
    }


def _lines_schema() -> Schema:
    tags = [HEADER_TAG] + [c.tag for c in COLLECTIONS]
    # if/then per type rather than oneOf: a validator then reports what is wrong with
    # the record, not that the line matches none of twelve alternatives.
    return {
        "title": f"hdnd JSON Lines line, format version {SCHEMA_VERSION}",
        "description": (
            'One line of an hdnd JSON Lines stream: a record with its type in "type", '
            "or the header, which must be the first line (not checked here)."
        ),
        "type": "object",
        "properties": {"type": {"description": "The record type.", "enum": tags}},
        "required": ["type"],
        "allOf": [
            {
                "if": {"properties": {"type": {"const": tag}}, "required": ["type"]},
                "then": {"$ref": f"#/$defs/{tag}"},
            }
            for tag in tags
        ],
    }


def _required_iff(field: str, on: str, value: LabelledEnum) -> Schema:
    """``field`` is required (and not null) when ``on`` is ``value``, absent or null otherwise."""
    return {
        "if": {"properties": {on: {"const": value.value}}, "required": [on]},
        "then": {"properties": {field: {"not": {"type": "null"}}}, "required": [field]},
        "else": {"properties": {field: {"type": "null"}}},
    }


# The cross-field rules JSON Schema can state. They mirror validators of hdnd.model,
# which, being functions, cannot describe themselves; tests check the two agree.
_CONDITIONS: Final[dict[type, Schema]] = {
    Body: _required_iff("committee_field", "kind", BodyKind.committee),
}


def _record_schema(
    record: RecordSpec, enums: dict[str, type[LabelledEnum]], tagged: bool
) -> Schema:
    cls: Any = record.cls
    docs = _attribute_docs(cls)
    properties: Schema = {}
    required: list[str] = []
    if tagged:
        properties["type"] = {"description": "The record type.", "const": cls.type_tag}
        required.append("type")
    fields = record.fields
    if unknown := docs.keys() - {f.name for f in fields}:
        raise TypeError(f"{cls.__name__} documents no such attributes: {sorted(unknown)}")
    for f in fields:
        if f.name not in docs:
            raise TypeError(f"{cls.__name__}.{f.name} is not described by an :ivar: field")
        prop = {"description": docs[f.name]}
        value = _field_schema(f, enums)
        if f.ref is not None:
            prop["description"] += _reference_note(f.ref, value)
        if not f.required:
            value = _nullable(value)
            value["default"] = _json_value(f.default)
        else:
            required.append(f.name)
        properties[f.name] = prop | value
    return {
        "title": cls.__name__,
        "description": _description(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        **_CONDITIONS.get(cls, {}),
    }


def _field_schema(field: FieldSpec, enums: dict[str, type[LabelledEnum]]) -> Schema:
    """The schema of the field's value (``None`` aside): its type's, then its rules'."""
    schema = _value_schema(field.item, enums)
    for rule in field.rules:
        if clash := schema.keys() & rule.json_schema.keys():
            raise TypeError(f"rules of {field.name!r} both set {sorted(clash)}")
        schema |= rule.json_schema
    if field.kind != "list":
        return schema
    return {"type": "array", "items": schema} | _min_items(field)


def _min_items(field: FieldSpec) -> Schema:
    """``minItems`` for a list declared with :func:`attrs.validators.min_len` (a coverage's
    record types: at least one)."""
    declared = field.attribute.validator
    declared = getattr(declared, "declared", declared)  # under the rules' validator
    least = getattr(declared, "min_length", 0)
    return {"minItems": least} if least else {}


def _value_schema(tp: Any, enums: dict[str, type[LabelledEnum]]) -> Schema:
    """The schema of a value of type ``tp``, a field's type without ``None``, list or rules."""
    if isinstance(tp, type) and issubclass(tp, LabelledEnum):
        enums[tp.__name__] = tp
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    raise TypeError(f"no JSON Schema for the field type {tp!r}")


_SCALARS: Final[dict[Any, Schema]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "pattern": DATE_PATTERN},
    DocumentNumber: {
        "type": "string",
        "pattern": DOCUMENT_NUMBER_PATTERN,
        "examples": ["146/NQ-HĐND", "15/2022/NQ-HĐND"],
    },
}


def _nullable(schema: Schema) -> Schema:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema | {"type": [schema["type"], "null"]}


def _json_value(value: Any) -> Any:
    """A default value as JSON writes it."""
    if isinstance(value, LabelledEnum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _reference_note(tag: str, value: Schema) -> str:
    each = "Each is" if value.get("type") == "array" else "It is"
    return f" {each} the id of a {tag} record."


def _enum_defs(enums: dict[str, type[LabelledEnum]]) -> Schema:
    return {name: _enum_schema(enums[name]) for name in sorted(enums)}


def _enum_schema(cls: type[LabelledEnum]) -> Schema:
    members = list(cls)
    listing = "\n".join(f"- `{m.value}`: {m.label_vi} ({m.label_en})" for m in members)
    return {
        "title": cls.__name__,
        "description": f"{_summary(cls)}\n\n{listing}",
        "type": "string",
        "enum": [m.value for m in members],
        "oneOf": [
            {"const": m.value, "title": m.label_vi, "description": m.label_en} for m in members
        ],
    }


# ------------------------------------------------------------------ docstrings

_ROLE = re.compile(r":[a-z]+:`~?(?:[\w.]+\.)?([\w]+)`")
_LITERAL = re.compile(r"``(.+?)``")
_FIELD = re.compile(r":ivar (\w+): (.*)")


def _plain(text: str) -> str:
    """reStructuredText markup as Markdown: ``x`` → `x`, :class:`~a.B` → `B`."""
    return _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", text))


def _paragraphs(cls: type) -> list[str]:
    """The prose paragraphs of a docstring (no examples, no fields), each on one line."""
    doc = inspect.cleandoc(cls.__doc__ or "")
    prose = re.split(r"^(?:>>> |:ivar )", doc, maxsplit=1, flags=re.MULTILINE)[0]
    return [" ".join(p.split()) for p in prose.split("\n\n") if p.strip()]


def _summary(cls: type) -> str:
    """The first line of a class's docstring."""
    return _plain(_paragraphs(cls)[0])


def _description(cls: type) -> str:
    return _plain("\n\n".join(_paragraphs(cls)))


def _attribute_docs(cls: type) -> dict[str, str]:
    """A class's attributes as its docstring describes them, each on one line.

    The docstring ends with Sphinx fields, ``:ivar name: text``, continued on
    indented lines (the style the API reference reads).
    """
    docs: dict[str, str] = {}
    name = None
    for line in inspect.cleandoc(cls.__doc__ or "").splitlines():
        if field := _FIELD.fullmatch(line):
            name, docs[field[1]] = field[1], field[2]
        elif name is not None and line.startswith(" "):
            docs[name] += " " + line.strip()
        else:
            name = None
    return {name: _plain(text) for name, text in docs.items()}
