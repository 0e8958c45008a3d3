"""The Popolo export: valid against Popolo's own schemas, complete, linked and deterministic.

Popolo's JSON Schemas (draft-03) are read from ``../shared/popolo-schemas/`` beside
the clone; they ``$ref`` one another by URL, which a registry of the local files
answers, so no network is used. Without the folder the schema tests are skipped.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft3Validator
from referencing import Registry
from referencing.jsonschema import DRAFT3

import hdnd
from hdnd.cli import main
from hdnd.popolo import NOT_EXPORTED, popolo_id, to_popolo
from hdnd.testing import datasets

POPOLO_SCHEMAS = Path(__file__).parents[2] / "shared" / "popolo-schemas"
FIXTURE = Path(__file__).parent / "data" / "format-v1" / "document.json"
FIXTURE_V2 = Path(__file__).parent / "data" / "format-v2" / "document.json"

SCHEMA_OF = {
    "organizations": "organization",
    "persons": "person",
    "memberships": "membership",
    "posts": "post",
    "events": "event",
    "motions": "motion",
}

needs_schemas = pytest.mark.skipif(
    not POPOLO_SCHEMAS.is_dir(),
    reason=f"Popolo's schemas are not at {POPOLO_SCHEMAS} (CI puts shared/ beside the clone)",
)


def _offline(uri: str) -> Any:
    raise LookupError(f"{uri}: not among the local Popolo schemas, and no network is used")


@functools.cache
def validators() -> dict[str, Draft3Validator]:
    """A validator per list of the export, from the local schemas (built once)."""
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in POPOLO_SCHEMAS.glob("*.json")]
    # mypy's attrs plugin misses that Registry's private _retrieve takes the name "retrieve"
    registry: Registry[Any] = Registry(retrieve=_offline).with_resources(  # type: ignore[call-arg]
        (s["id"].rstrip("#"), DRAFT3.create_resource(s)) for s in schemas
    )
    by_name = {s["id"].rsplit("/", 1)[1].removesuffix(".json#"): s for s in schemas}
    return {
        key: Draft3Validator(by_name[name], registry=registry) for key, name in SCHEMA_OF.items()
    }


def invalid(popolo: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Every object of the export that its Popolo schema refuses, and why."""
    return [
        f"{key}[{i}]: {error.message}"
        for key, objects in popolo.items()
        for i, obj in enumerate(objects)
        for error in validators()[key].iter_errors(obj)
    ]


def dangling(popolo: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Ids used but not defined, and ids defined twice."""
    ids: dict[str, set[str]] = {key: {o["id"] for o in objects} for key, objects in popolo.items()}
    every = [o["id"] for objects in popolo.values() for o in objects]
    problems = [f"duplicate id {i}" for i in sorted({i for i in every if every.count(i) > 1})]
    links = [
        ("organizations", "parent_id", "organizations"),
        ("memberships", "person_id", "persons"),
        ("memberships", "organization_id", "organizations"),
        ("memberships", "post_id", "posts"),
        ("posts", "organization_id", "organizations"),
        ("events", "organization_id", "organizations"),
        ("motions", "organization_id", "organizations"),
        ("motions", "legislative_session_id", "events"),
    ]
    for key, field, target in links:
        for obj in popolo[key]:
            if field in obj and obj[field] not in ids[target]:
                problems.append(f"{obj['id']}.{field}: no {target} with id {obj[field]}")
    for org in popolo["organizations"]:
        for predecessor in org.get("extras", {}).get("predecessor_ids", []):
            if predecessor not in ids["organizations"]:
                problems.append(
                    f"{org['id']}.extras.predecessor_ids: no organization {predecessor}"
                )
    for event in popolo["events"]:
        extras = event.get("extras", {})
        for org in [extras.get("council_id"), *extras.get("participant_organization_ids", [])]:
            if org is not None and org not in ids["organizations"]:
                problems.append(f"{event['id']}.extras: no organization {org}")
        if "host_person_id" in extras and extras["host_person_id"] not in ids["persons"]:
            problems.append(f"{event['id']}.extras.host_person_id: no person")
    return problems


def counts(ds: hdnd.Dataset) -> dict[str, int]:
    """How many Popolo objects each list should hold: one per record, none left out."""
    n = ds.counts()
    return {
        "organizations": n["councils"] + n["bodies"],
        "persons": n["people"],
        "memberships": n["positions"]
        + sum(len(p.other_posts) for p in ds.people)
        + n["deputies"]
        + sum(d.group_id is not None for d in ds.deputies),
        "posts": len({(p.body_id, p.role) for p in ds.positions}),
        "events": n["sessions"] + n["meetings"] + n["oversight"] + n["receptions"],
        "motions": n["resolutions"],
    }


# ------------------------------------------------------------------ validity


@needs_schemas
@pytest.mark.parametrize("name", ["city-q1-2023.json", "merged", "format-v1", "format-v2"])
def test_export_is_valid_popolo(name: str, example_path: Path) -> None:
    merged = example_path.with_name("merged-commune-2025.json")
    files = {example_path.name: example_path, "merged": merged}
    ds = hdnd.load((files | {"format-v1": FIXTURE, "format-v2": FIXTURE_V2})[name])
    popolo = to_popolo(ds)
    assert invalid(popolo) == []
    assert dangling(popolo) == []
    assert {key: len(objects) for key, objects in popolo.items()} == counts(ds)


@needs_schemas
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(max_councils=4))
def test_every_dataset_exports_valid_linked_popolo(ds: hdnd.Dataset) -> None:
    popolo = to_popolo(ds)
    assert invalid(popolo) == []
    assert dangling(popolo) == []
    assert {key: len(objects) for key, objects in popolo.items()} == counts(ds)


@needs_schemas
def test_the_schemas_catch_mistakes_through_their_references() -> None:
    empty: dict[str, list[dict[str, Any]]] = {key: [] for key in SCHEMA_OF}
    wrong = empty | {
        "organizations": [{"id": 5}],
        "motions": [{"id": "m", "identifiers": [], "vote_events": [{"counts": [{"value": 1}]}]}],
        "persons": [{"id": "p", "identifiers": [{"scheme": "hdnd"}]}],  # identifier.json
    }
    assert sorted(invalid(wrong)) == [
        "motions[0]: 'option' is a required property",
        "organizations[0]: 5 is not of type 'string', 'null'",
        "persons[0]: 'identifier' is a required property",
    ]


def test_validation_uses_no_network() -> None:
    with pytest.raises(LookupError, match="no network"):
        _offline("http://www.popoloproject.com/schemas/unknown.json")


# ------------------------------------------------------------------ the mapping


@pytest.fixture(scope="module")
def fixture_popolo() -> dict[str, list[dict[str, Any]]]:
    return to_popolo(hdnd.load(FIXTURE))


def by_id(popolo: dict[str, list[dict[str, Any]]], key: str, id: str) -> dict[str, Any]:
    return next(o for o in popolo[key] if o["id"] == id)


def test_councils_and_bodies_become_organizations(fixture_popolo: Any) -> None:
    tp = by_id(fixture_popolo, "organizations", "hdnd:council/tp")
    assert tp == {
        "id": "hdnd:council/tp",
        "name": "HĐND thành phố Bắc Ninh",
        "classification": "council",
        "identifiers": [
            {"scheme": "hdnd", "identifier": "tp"},
            {"scheme": "vn-unit-code", "identifier": "256"},
        ],
        "parent_id": "hdnd:council/bn",
        "extras": {"level": "district", "unit_type": "provincial_city", "term": "2021-2026"},
    }
    bpc = by_id(fixture_popolo, "organizations", "hdnd:body/tp-bpc")
    assert (bpc["classification"], bpc["parent_id"]) == ("committee", "hdnd:council/tp")
    assert bpc["extras"] == {"committee_field": "legal"}
    unnamed = by_id(fixture_popolo, "organizations", "hdnd:body/tp-to-1")
    assert (unnamed["name"], unnamed["classification"]) == ("Tổ đại biểu", "delegate_group")


def test_positions_become_memberships_of_posts(fixture_popolo: Any) -> None:
    assert by_id(fixture_popolo, "memberships", "hdnd:position/pos-1") == {
        "id": "hdnd:position/pos-1",
        "person_id": "hdnd:person/nguyen-van-do",
        "organization_id": "hdnd:body/tp-tt",
        "post_id": "hdnd:body/tp-tt/post/chair",
        "role": "Chủ tịch",
        "label": "Chair",
        "start_date": "2021-06-25",
        "end_date": "2026-03-14",
        "extras": {"role": "chair"},
    }
    assert by_id(fixture_popolo, "posts", "hdnd:body/tp-tt/post/chair") == {
        "id": "hdnd:body/tp-tt/post/chair",
        "label": "Chủ tịch – Thường trực HĐND thành phố",
        "other_label": ["Chair"],
        "role": "Chủ tịch",
        "organization_id": "hdnd:body/tp-tt",
    }


def test_other_posts_are_kept_as_memberships_without_an_organization(fixture_popolo: Any) -> None:
    other = [m for m in fixture_popolo["memberships"] if "/other_post/" in m["id"]]
    assert other == [
        {
            "id": "hdnd:person/nguyen-van-do/other_post/1",
            "person_id": "hdnd:person/nguyen-van-do",
            "label": "Phó Bí thư Thường trực Thành ủy",
        },
        {
            "id": "hdnd:person/nguyen-van-do/other_post/2",
            "person_id": "hdnd:person/nguyen-van-do",
            "label": "Ủy viên Ban Thường vụ Tỉnh ủy",
        },
    ]


def test_sessions_meetings_oversight_and_receptions_become_events(fixture_popolo: Any) -> None:
    session = by_id(fixture_popolo, "events", "hdnd:session/s-12")
    assert session == {
        "id": "hdnd:session/s-12",
        "name": "Kỳ họp thứ 12",
        "description": "Kỳ họp thường lệ",
        "classification": "session",
        "organization_id": "hdnd:council/tp",
        "start_date": "2022-12-14",
        "end_date": "2022-12-15",
        "identifiers": [{"scheme": "hdnd", "identifier": "s-12"}],
        "extras": {"number": 12, "kind": "regular"},
    }
    meeting = by_id(fixture_popolo, "events", "hdnd:meeting/m-txct")
    assert (meeting["classification"], meeting["start_date"]) == ("voter_meeting", "2023-02-22")
    assert meeting["extras"] == {"attendees": 120, "opinions": 14}
    oversight = by_id(fixture_popolo, "events", "hdnd:oversight/gs-1")
    assert (oversight["organization_id"], oversight["status"]) == (
        "hdnd:body/tp-bpc",
        "in_progress",
    )
    reception = by_id(fixture_popolo, "events", "hdnd:reception/tcd-1")
    assert reception["organization_id"] == "hdnd:body/tp-tt"
    assert reception["location"] == "Trụ sở tiếp công dân thành phố"
    assert reception["extras"]["host_person_id"] == "hdnd:person/nguyen-van-do"
    hostless = by_id(fixture_popolo, "events", "hdnd:reception/tcd-2")
    assert hostless["organization_id"] == "hdnd:council/p-vu-ninh"
    assert hostless["extras"]["turns"] == 0  # zero is a count, not an absence


@pytest.fixture(scope="module")
def fixture_v2_popolo() -> dict[str, list[dict[str, Any]]]:
    return to_popolo(hdnd.load(FIXTURE_V2))


def test_deputies_become_memberships_of_their_council_and_group(fixture_v2_popolo: Any) -> None:
    deputies = [m for m in fixture_v2_popolo["memberships"] if m["id"].startswith("hdnd:deputy/")]
    assert deputies == [
        {
            "id": "hdnd:deputy/db-1",
            "person_id": "hdnd:person/nguyen-van-do",
            "organization_id": "hdnd:council/tp",
            "role": "Đại biểu HĐND",
            "label": "Deputy",
            "start_date": "2021-06-25",
            "extras": {"full_time": True},
        },
        {
            "id": "hdnd:deputy/db-1/group",
            "person_id": "hdnd:person/nguyen-van-do",
            "organization_id": "hdnd:body/tp-to-1",
            "role": "Thành viên Tổ đại biểu",
            "label": "Member of the delegate group",
            "start_date": "2021-06-25",
        },
        {
            "id": "hdnd:deputy/db-2",
            "person_id": "hdnd:person/duong-thi-hue",
            "organization_id": "hdnd:council/tp",
            "role": "Đại biểu HĐND",
            "label": "Deputy",
            "start_date": "2021-06-25",
            "end_date": "2023-03-01",
            "extras": {"end_reason": "transferred", "full_time": False},
        },
    ]


def test_council_life_and_predecessors(fixture_v2_popolo: Any) -> None:
    merged = by_id(fixture_v2_popolo, "organizations", "hdnd:council/p-kinh-bac")
    assert merged["founding_date"] == "2025-07-01"
    assert "dissolution_date" not in merged
    assert merged["extras"]["predecessor_ids"] == ["hdnd:council/p-vu-ninh"]
    old = by_id(fixture_v2_popolo, "organizations", "hdnd:council/p-vu-ninh")
    assert (old["founding_date"], old["dissolution_date"]) == ("2008-01-01", "2025-06-30")
    assert "predecessor_ids" not in old["extras"]


def test_resolutions_become_motions(fixture_popolo: Any) -> None:
    assert fixture_popolo["motions"] == [
        {
            "id": "hdnd:resolution/nq-146",
            "organization_id": "hdnd:council/tp",
            "legislative_session_id": "hdnd:session/s-12",
            "identifier": "146/NQ-HĐND",
            "text": "Nhiệm vụ phát triển kinh tế - xã hội năm 2023",
            "classification": "resolution",
            "date": "2022-12-15",
            "result": "pass",
        },
        {
            "id": "hdnd:resolution/nq-15",
            "organization_id": "hdnd:council/tp",
            "identifier": "15/2023/NQ-HĐND",
            "text": "Quy định mức chi hỗ trợ hoạt động giám sát",
            "classification": "resolution",
            "date": "2023-03-10",
            "result": "pass",
        },
    ]


def test_what_popolo_has_no_place_for_is_left_out(fixture_v2_popolo: Any) -> None:
    assert NOT_EXPORTED == (
        "recommendations",
        "questions",
        "confidence_votes",
        "petitions",
        "voter_petitions",
        "coverage",
    )
    every_id = json.dumps(fixture_v2_popolo)
    for tag in ("recommendation", "question", "confidence_vote", "coverage"):
        assert f"hdnd:{tag}/" not in every_id


def test_ids_never_collide() -> None:
    assert popolo_id("person", "a/b") != popolo_id("person", "a", "b")
    assert popolo_id("person", "a%2Fb") != popolo_id("person", "a/b")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets(max_councils=3))
def test_export_is_deterministic(ds: hdnd.Dataset) -> None:
    again = hdnd.loads(hdnd.dumps(ds, format="jsonl"), format="jsonl")  # as a later run reads it
    assert json.dumps(to_popolo(ds)) == json.dumps(to_popolo(again))


# ------------------------------------------------------------------------ the CLI


def test_cli_exports_the_same_file_every_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example_path: Path, city: hdnd.Dataset
) -> None:
    first, second = tmp_path / "a.popolo.json", tmp_path / "b.popolo.json"
    assert main(["export", "--to", "popolo", str(example_path), str(first)]) == 0
    assert main(["export", "--to", "popolo", str(example_path), str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_bytes()) == to_popolo(city)
    err = capsys.readouterr().err
    assert (
        "not exported, Popolo has no place for them: 13 recommendations, 20 questions, "
        "6 confidence votes, 61 petitions, 43 voter petitions, 1 coverage"
    ) in err


def test_cli_writes_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--to", "popolo", str(FIXTURE), "-"]) == 0
    assert json.loads(capsys.readouterr().out) == to_popolo(hdnd.load(FIXTURE))


def test_cli_refuses_to_overwrite_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data.json"
    data.write_bytes(FIXTURE.read_bytes())
    assert main(["export", "--to", "popolo", str(data), str(data)]) == 2
    assert "refusing to overwrite the input file" in capsys.readouterr().err
    assert data.read_bytes() == FIXTURE.read_bytes()


def test_cli_needs_a_target(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["export", str(FIXTURE), "-"])
    assert e.value.code == 2
    assert "--to" in capsys.readouterr().err


def test_cli_invalid_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "people": [{"id": ""}]}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "hdnd", "export", "--to", "popolo", str(bad), "-"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "people[0].id (id ''): must not be empty" in done.stderr
    assert "Traceback" not in done.stderr
