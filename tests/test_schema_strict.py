"""Strict validators accept the JSON Schemas ``hdnd schema`` prints.

ajv, in its default strict mode, refuses a schema holding any keyword it does not know
(``x-enum-labels`` once) or a ``format`` it has no plug-in for. CI installs nothing from
npm, so the rule is held in Python: every schema is valid against the draft 2020-12
metaschema and uses only the keywords of the draft 2020-12 vocabularies, ``format``
aside. Where ``node`` and the ajv module are at hand (for example after
``npm install ajv`` in a folder named in ``NODE_PATH``), ajv itself compiles every
schema in strict mode, without a warning, and validates files as Python's jsonschema
does.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from hdnd.dataset import COLLECTIONS
from hdnd.schema import json_schema

FORMAT_V1 = Path(__file__).parent / "data" / "format-v1"
SCHEMAS = [(r, jsonl) for r in [None, *(c.tag for c in COLLECTIONS)] for jsonl in (False, True)]

# The keywords of draft 2020-12 (core, applicator, unevaluated, validation, content and
# meta-data vocabularies), by what their value is.
SUBSCHEMA = {"not", "if", "then", "else", "items", "contains", "additionalProperties"}
SUBSCHEMA |= {"propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"}
SUBSCHEMA_LIST = {"allOf", "anyOf", "oneOf", "prefixItems"}
SUBSCHEMA_MAP = {"$defs", "properties", "patternProperties", "dependentSchemas"}
OTHER = {"$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary"}
OTHER |= {"$comment", "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum"}
OTHER |= {"minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems"}
OTHER |= {"minItems", "uniqueItems", "maxContains", "minContains", "maxProperties"}
OTHER |= {"minProperties", "required", "dependentRequired", "contentEncoding"}
OTHER |= {"contentMediaType", "title", "description", "default", "deprecated", "readOnly"}
OTHER |= {"writeOnly", "examples"}
# "format" is standard too, but ajv's strict mode refuses a format it has no plug-in for.
KEYWORDS = SUBSCHEMA | SUBSCHEMA_LIST | SUBSCHEMA_MAP | OTHER


def keywords_used(schema: dict[str, Any] | bool, where: str = "#") -> set[tuple[str, str]]:
    """Every keyword of ``schema`` and its subschemas, with where it is."""
    used: set[tuple[str, str]] = set()
    if isinstance(schema, bool):  # true or false: a schema without keywords
        return used
    for key, value in schema.items():
        used.add((key, where))
        if key in SUBSCHEMA:
            used |= keywords_used(value, f"{where}/{key}")
        elif key in SUBSCHEMA_LIST:
            for i, sub in enumerate(value):
                used |= keywords_used(sub, f"{where}/{key}/{i}")
        elif key in SUBSCHEMA_MAP:
            for name, sub in value.items():
                used |= keywords_used(sub, f"{where}/{key}/{name}")
    return used


def test_the_walk_finds_what_is_not_a_keyword() -> None:
    schema = {
        "properties": {"a": {"oneOf": [{"const": 1, "x-label": "A"}]}, "b": False},
        "format": "date",
    }
    unknown = {(k, w) for k, w in keywords_used(schema) if k not in KEYWORDS}
    assert unknown == {("x-label", "#/properties/a/oneOf/0"), ("format", "#")}


@pytest.mark.parametrize(("record", "jsonl"), SCHEMAS, ids=str)
def test_schemas_use_standard_keywords_only(record: str | None, jsonl: bool) -> None:
    schema = json_schema(record, jsonl=jsonl)
    Draft202012Validator.check_schema(schema)
    assert {(k, w) for k, w in keywords_used(schema) if k not in KEYWORDS} == set()


def test_enumeration_labels_are_standard_annotations() -> None:
    level = json_schema()["$defs"]["Level"]
    assert {"const": "province", "title": "cấp tỉnh", "description": "provincial level"} in (
        level["oneOf"]
    )
    assert [one["const"] for one in level["oneOf"]] == level["enum"]


# ------------------------------------------------------------------------ ajv itself

# Compiles each schema of stdin's list with ajv's defaults (strict mode) and validates
# each instance with it; prints what it found, warnings included.
AJV = """
const Ajv2020 = require("ajv/dist/2020");
const {schemas, instances} = JSON.parse(require("fs").readFileSync(0, "utf8"));
const warnings = [];
const say = (...a) => warnings.push(a.join(" "));
const ajv = new Ajv2020({logger: {log: () => {}, warn: say, error: say}});
const out = {errors: [], valid: []};
const compiled = schemas.map((s) => {
  try { return ajv.compile(s); } catch (e) { out.errors.push(e.message); return null; }
});
for (const [i, instance] of instances) out.valid.push(compiled[i] ? compiled[i](instance) : null);
out.warnings = warnings;
console.log(JSON.stringify(out));
"""


def ajv(schemas: list[dict[str, Any]], instances: list[tuple[int, Any]]) -> dict[str, Any]:
    """What ajv makes of ``schemas``, and whether each (schema index, instance) is valid."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    found = subprocess.run(
        [node, "-e", 'require.resolve("ajv/dist/2020")'], capture_output=True, check=False
    )
    if found.returncode != 0:
        pytest.skip("the ajv module is not installed (npm install ajv; NODE_PATH)")
    given = json.dumps({"schemas": schemas, "instances": instances})
    done = subprocess.run(
        [node, "-e", AJV], input=given, capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_ajv_compiles_every_schema_in_strict_mode_and_agrees_on_files(example_path: Path) -> None:
    schemas = [json_schema(record, jsonl=jsonl) for record, jsonl in SCHEMAS]
    # ajv keeps schemas by $id: each compiled once, in a fresh instance per run.
    document = json.loads(example_path.read_text(encoding="utf-8"))
    broken = copy.deepcopy(document)
    broken["councils"][0]["level"] = "cấp tỉnh"  # a label, not the identifier
    lines = [json.loads(x) for x in (FORMAT_V1 / "records.jsonl").read_text().splitlines()]
    invisible = dict(lines[-1], id="\u200bx")  # the patterns refuse an invisible character
    instances = [(0, document), (0, broken), *((1, line) for line in lines), (1, invisible)]
    found = ajv(schemas, instances)
    assert found["errors"] == []
    assert found["warnings"] == []
    line = Draft202012Validator(schemas[1])
    expected = [True, False, *(line.is_valid(x) for x in lines), False]
    assert found["valid"] == expected
    assert all(expected[2:-1])
