"""Loading bad input: every problem found, each with its exact location and a useful message.

Expected locations and messages are written out by hand from the input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

import hdnd
from hdnd.errors import InvalidData, Problem
from hdnd.io import UnsupportedFormat

COUNCIL = {
    "id": "tp",
    "name": "HĐND thành phố Bắc Ninh",
    "level": "district",
    "unit_type": "provincial_city",
}
BODY = {"id": "tp-tt", "council_id": "tp", "kind": "standing_committee"}
PERSON = {"id": "p1", "full_name": "Dương Thị Huệ"}
SESSION = {"id": "s12", "council_id": "tp", "number": 12, "kind": "regular", "start": "2022-12-14"}
RECEPTION = {
    "id": "r1",
    "council_id": "tp",
    "date": "2023-02-14",
    "kind": "periodic",
    "turns": 74,
    "persons": 144,
    "cases": 74,
}
PETITION = {
    "id": "d1",
    "council_id": "tp",
    "received": "2023-02-01",
    "kind": "complaint",
    "field": "land",
    "status": "resolved",
}


def document(**collections: Any) -> str:
    """A document with schema_version 1, the council ``tp`` and ``collections``."""
    return orjson.dumps({"schema_version": 1, "councils": [COUNCIL]} | collections).decode()


def lines(*records: dict[str, Any] | str) -> str:
    """JSON Lines: dicts are written as JSON, strings as they are."""
    return "".join((r if isinstance(r, str) else orjson.dumps(r).decode()) + "\n" for r in records)


def tagged(tag: str, record: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {"type": tag} | record | changes


def problems(data: str | bytes, *, format: Any = "json", file: str = "q1.json") -> list[Problem]:
    with pytest.raises(InvalidData) as info:
        hdnd.loads(data, format=format, file=file)
    assert info.value.problems, "InvalidData without problems"
    return list(info.value.problems)


def one_problem(data: str | bytes, **kwargs: Any) -> Problem:
    [problem] = problems(data, **kwargs)
    return problem


def located(p: Problem) -> tuple[str | None, int | None, int | None, str]:
    return (p.file, p.line, p.column, p.location)


# ---------------------------------------------------------------- record fields


def test_misspelt_enum_value_suggests_the_identifier() -> None:
    p = one_problem(document(councils=[COUNCIL | {"level": "provnce"}]))
    assert located(p) == ("q1.json", None, None, "councils[0].level")
    assert p.record_id == "tp"
    assert p.message == "unknown Level 'provnce'; did you mean 'province'?"
    assert str(p) == (
        "q1.json: councils[0].level (id 'tp'): unknown Level 'provnce'; did you mean 'province'?"
    )


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [("cấp tỉnh", "province"), ("Commune", "commune"), ("commune level", "commune")],
)
def test_enum_label_or_other_case_suggests_the_identifier(value: str, suggestion: str) -> None:
    p = one_problem(document(councils=[COUNCIL | {"level": value}]))
    assert p.location == "councils[0].level"
    assert f"did you mean '{suggestion}'?" in p.message


def test_enum_value_nothing_like_lists_the_identifiers() -> None:
    p = one_problem(document(bodies=[BODY | {"kind": "xyzzy"}]))
    assert p.location == "bodies[0].kind"
    assert "unknown BodyKind 'xyzzy'" in p.message
    assert "standing_committee, committee, delegate_group" in p.message


def test_missing_required_field() -> None:
    p = one_problem(document(people=[{"id": "p1"}]))
    assert located(p) == ("q1.json", None, None, "people[0].full_name")
    assert p.record_id == "p1"
    assert p.message == "required field missing"


def test_committee_without_field() -> None:
    p = one_problem(document(bodies=[BODY | {"kind": "committee"}]))
    assert p.location == "bodies[0].committee_field"
    assert "required when kind is 'committee'" in p.message


def test_dangling_id() -> None:
    p = one_problem(document(bodies=[BODY | {"council_id": "nowhere"}]))
    assert located(p) == ("q1.json", None, None, "bodies[0].council_id")
    assert p.record_id == "tp-tt"
    assert p.message == "no council with id 'nowhere'"


def test_dangling_id_in_a_list() -> None:
    meeting = {
        "id": "m1",
        "council_id": "tp",
        "kind": "briefing",
        "date": "2023-04-17",
        "participant_council_ids": ["tp", "x9"],
    }
    p = one_problem(document(meetings=[meeting]))
    assert p.location == "meetings[0].participant_council_ids[1]"
    assert p.message == "no council with id 'x9'"


def test_duplicate_id() -> None:
    p = one_problem(document(people=[PERSON, PERSON | {"full_name": "Trần Văn Bình"}]))
    assert located(p) == ("q1.json", None, None, "people[1].id")
    assert p.record_id == "p1"
    assert p.message == "duplicate id, first used at people[0]"


def test_ids_are_compared_after_normalisation() -> None:
    p = one_problem(document(people=[PERSON | {"id": "Hòa"}, PERSON | {"id": " Ho\u0300a "}]))
    assert p.location == "people[1].id"
    assert "duplicate id" in p.message


def test_negative_count() -> None:
    p = one_problem(document(receptions=[RECEPTION | {"turns": -4}]))
    assert located(p) == ("q1.json", None, None, "receptions[0].turns")
    assert p.record_id == "r1"
    assert p.message == "must be ≥ 0, got -4"


def test_date_that_does_not_exist() -> None:
    p = one_problem(document(receptions=[RECEPTION | {"date": "2023-02-31"}]))
    assert p.location == "receptions[0].date"
    assert p.message == "'2023-02-31' is not a real calendar date"


@pytest.mark.parametrize("value", ["14/02/2023", "2023-2-14", "2023-02-14T08:00:00", ""])
def test_date_not_written_iso(value: str) -> None:
    p = one_problem(document(receptions=[RECEPTION | {"date": value}]))
    assert p.location == "receptions[0].date"
    assert p.message.startswith("expected a date written YYYY-MM-DD, got text")


def test_end_before_start() -> None:
    p = one_problem(document(sessions=[SESSION | {"end": "2022-12-13"}]))
    assert located(p) == ("q1.json", None, None, "sessions[0].end")
    assert p.record_id == "s12"
    assert p.message == "2022-12-13 is before start 2022-12-14"


def test_closed_before_received() -> None:
    p = one_problem(document(petitions=[PETITION | {"closed": "2023-01-31"}]))
    assert p.location == "petitions[0].closed"
    assert "before received 2023-02-01" in p.message


def test_unknown_field_with_suggestion() -> None:
    p = one_problem(document(people=[PERSON | {"full_nam": "x"}]))
    assert located(p) == ("q1.json", None, None, "people[0].full_nam")
    assert p.message == "unknown field; did you mean 'full_name'?"


def test_misspelt_required_field_reports_both_sides() -> None:
    record = {k: v for k, v in RECEPTION.items() if k != "turns"} | {"turn": 74}
    found = {(p.location, p.message) for p in problems(document(receptions=[record]))}
    assert found == {
        ("receptions[0].turns", "required field missing"),
        ("receptions[0].turn", "unknown field; did you mean 'turns'?"),
    }


def test_unknown_collection_with_suggestion() -> None:
    p = one_problem(document(peopel=[PERSON]))
    assert p.location == "peopel"
    assert p.message == "unknown collection; did you mean 'people'?"


@pytest.mark.parametrize(
    ("collection", "record", "location", "message"),
    [
        (
            "receptions",
            RECEPTION | {"turns": "5"},
            "turns",
            "expected a whole number, got text '5'",
        ),
        ("receptions", RECEPTION | {"turns": True}, "turns", "expected a whole number, got true"),
        (
            "receptions",
            RECEPTION | {"cases": 5.5},  # 5.0 is the whole number 5 (issue 13)
            "cases",
            "expected a whole number, got the number 5.5",
        ),
        (
            "people",
            PERSON | {"other_posts": "Bí thư"},
            "other_posts",
            "expected a list, got text 'Bí thư'",
        ),
        (
            "people",
            PERSON | {"other_posts": [1]},
            "other_posts[0]",
            "expected text, got the number 1",
        ),
        ("people", PERSON | {"full_name": 5}, "full_name", "expected text, got the number 5"),
        ("people", PERSON | {"id": None}, "id", "expected text, got null"),
        (
            "oversight",
            {
                "id": "gs1",
                "council_id": "tp",
                "body_id": "tp-tt",
                "kind": "thematic",
                "subject": "Thu chi ngân sách",
                "start": "2023-03-01",
                "unannounced": "yes",
            },
            "unannounced",
            "expected true or false, got text 'yes'",
        ),
        (
            "receptions",
            RECEPTION | {"date": 20230214},
            "date",
            "expected a date written YYYY-MM-DD, got the number 20230214",
        ),
        ("sessions", SESSION | {"number": 0}, "number", "must be ≥ 1, got 0"),
    ],
)
def test_wrong_json_types(
    collection: str, record: dict[str, Any], location: str, message: str
) -> None:
    extra = {"bodies": [BODY]} if collection == "oversight" else {}
    p = one_problem(document(**{collection: [record]}, **extra))
    assert p.location == f"{collection}[0].{location}"
    assert p.message == message


def test_record_that_is_not_an_object() -> None:
    p = one_problem(document(people=[["p1", "Dương Thị Huệ"]]))
    assert p.location == "people[0]"
    assert p.message == "expected an object, got a list"
    assert p.record_id is None


def test_collection_that_is_not_a_list() -> None:
    p = one_problem(document(people={"p1": PERSON}))
    assert p.location == "people"
    assert p.message == "expected a list, got an object"


# ----------------------------------------------------------------- the document


def test_unknown_schema_version() -> None:
    p = one_problem('{"schema_version": 3, "people": []}')
    assert located(p) == ("q1.json", None, None, "schema_version")
    assert "unknown schema_version" in p.message
    assert "3" in p.message
    assert "reads versions 1 to 2" in p.message


@pytest.mark.parametrize("version", ['"1"', "1.0", "true", "null"])
def test_schema_version_must_be_the_integer_one(version: str) -> None:
    p = one_problem('{"schema_version": ' + version + "}")
    assert p.location == "schema_version"


def test_missing_schema_version() -> None:
    p = one_problem('{"people": [{"id": "p1", "full_name": "An"}]}')
    assert located(p) == ("q1.json", None, None, "schema_version")
    assert p.message == "required field missing"


@pytest.mark.parametrize(
    ("data", "described"),
    [("[]", "a list"), ('"hdnd"', "text 'hdnd'"), ("null", "null"), ("42", "the number 42")],
)
def test_top_level_not_an_object(data: str, described: str) -> None:
    p = one_problem(data)
    assert located(p) == ("q1.json", None, None, "")
    assert p.message == f"expected a JSON object at the top, got {described}"


def test_truncated_json_gives_line_and_column() -> None:
    data = '{"schema_version": 1,\n "people": [{"id": "p1"'
    p = one_problem(data)
    # line 2 is ' "people": [{"id": "p1"' (23 characters): the data ends at column 24
    assert located(p) == ("q1.json", 2, 24, "")
    assert p.message.startswith("invalid JSON")
    assert "end of data" in p.message


def test_stray_character_gives_line_and_column() -> None:
    p = one_problem('{"schema_version": 1,\n\n  "people": [}\n')
    assert (p.line, p.column) == (3, 14)
    assert p.message.startswith("invalid JSON")


@pytest.mark.parametrize("data", ["", "   \n\t"])
def test_empty_input(data: str) -> None:
    p = one_problem(data)
    assert p.line == 1
    assert p.message == "empty: expected a JSON object"


def test_non_utf8_bytes_located() -> None:
    data = b'{"schema_version": 1,\n "people": [{"id": "p1", "full_name": "H\xf4i"}]}'
    p = one_problem(data)
    # line 2: ' "people": [{"id": "p1", "full_name": "H' is 40 characters, 0xf4 is the 41st
    assert located(p) == ("q1.json", 2, 41, "")
    assert "UTF-8" in p.message
    assert "0xf4" in p.message


def test_non_utf8_column_counts_characters_not_bytes() -> None:
    data = '{"id": "Đỗ", "x": "'.encode() + b'\xff"}'
    p = one_problem(data)
    # '{"id": "Đỗ", "x": "' is 19 characters (23 bytes): the bad byte is in column 20
    assert (p.line, p.column) == (1, 20)
    assert "UTF-8" in p.message


def test_windows_1258_text_refused_with_advice() -> None:
    data = '{"schema_version": 1, "people": [{"id": "p1", "full_name": "Hà"}]}'.encode("cp1258")
    p = one_problem(data)
    assert p.line == 1
    assert "UTF-8" in p.message
    assert "Windows-1258" in p.message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark(codec: str) -> None:
    text = '{"schema_version": 1, "people": [{"id": "p1", "full_name": "Huệ"}]}'
    data = text.encode(codec)
    if codec != "utf-16":  # the -le/-be codecs write no byte order mark: add it, as Notepad does
        data = "\ufeff".encode(codec) + data
    p = one_problem(data)
    assert located(p) == ("q1.json", 1, 1, "")
    assert "UTF-16" in p.message
    assert "UTF-8" in p.message


def test_utf8_byte_order_mark_accepted() -> None:
    ds = hdnd.loads("\ufeff" + document(people=[PERSON]))
    assert ds.people[0].full_name == "Dương Thị Huệ"
    assert ds.councils[0].id == "tp"


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deeply_nested_json_refused_cleanly(opening: str) -> None:
    p = one_problem(opening * 100_000)
    assert p.line == 1
    assert "nested too deeply" in p.message


def test_deep_but_allowed_nesting_is_a_type_problem() -> None:
    nested = "[" * 500 + "]" * 500
    data = '{"schema_version": 1, "people": [{"id": "p1", "full_name": ' + nested + "}]}"
    p = one_problem(data)
    assert p.location == "people[0].full_name"
    assert p.message == "expected text, got a list"


def test_optional_fields_may_be_null() -> None:
    ds = hdnd.loads(
        document(
            councils=[COUNCIL | {"unit_code": None, "parent_id": None, "term": None}],
            sessions=[SESSION | {"end": None}],
            receptions=[RECEPTION | {"host_body_id": None, "first_time_cases": None}],
        )
    )
    assert ds.councils[0].unit_code is None
    assert ds.sessions[0].end is None
    assert ds.receptions[0].first_time_cases is None


NULLABLE_DEFAULTS = [
    ("people", PERSON, "other_posts"),
    (
        "meetings",
        {"id": "m", "council_id": "tp", "kind": "other", "date": "2023-01-02"},
        "participant_council_ids",
    ),
    ("receptions", RECEPTION, "mass_groups"),
    ("petitions", PETITION, "duplicate"),
    ("petitions", PETITION, "eligible"),
]


@pytest.mark.parametrize(("collection", "record", "field"), NULLABLE_DEFAULTS)
def test_optional_fields_with_defaults_may_be_null(
    collection: str, record: dict[str, Any], field: str
) -> None:
    absent = hdnd.loads(document(**{collection: [record]}))
    null = hdnd.loads(document(**{collection: [record | {field: None}]}))
    assert null == absent


@pytest.mark.parametrize("field", ["unannounced", "status", "fields"])
def test_oversight_optional_fields_may_be_null(field: str) -> None:
    oversight = {
        "id": "gs1",
        "council_id": "tp",
        "body_id": "tp-tt",
        "kind": "thematic",
        "subject": "Thu chi ngân sách",
        "start": "2023-03-01",
    }
    absent = hdnd.loads(document(bodies=[BODY], oversight=[oversight]))
    null = hdnd.loads(document(bodies=[BODY], oversight=[oversight | {field: None}]))
    assert null == absent


# -------------------------------------------------------- every problem at once


def test_every_problem_of_a_document_reported_at_once() -> None:
    data = document(
        councils=[COUNCIL, COUNCIL | {"id": "x1", "level": "provnce"}],  # 1
        people=[PERSON, PERSON | {"full_name": "Trần Văn Bình"}],  # 2 duplicate
        bodies=[BODY | {"council_id": "nowhere"}],  # 3 dangling
        sessions=[SESSION | {"end": "2022-12-13"}],  # 4 end before start
        receptions=[RECEPTION | {"turns": -4, "date": "2023-02-31"}],  # 5, 6
        petitions=[{k: v for k, v in PETITION.items() if k != "kind"}],  # 7 missing
    )
    found = problems(data)
    assert len(found) == 7
    assert {(p.location, p.record_id) for p in found} == {
        ("councils[1].level", "x1"),
        ("people[1].id", "p1"),
        ("bodies[0].council_id", "tp-tt"),
        ("sessions[0].end", "s12"),
        ("receptions[0].turns", "r1"),
        ("receptions[0].date", "r1"),
        ("petitions[0].kind", "d1"),
    }
    assert all(p.file == "q1.json" for p in found)
    messages = "\n".join(p.message for p in found)
    for words in [
        "did you mean 'province'?",
        "duplicate id",
        "no council with id 'nowhere'",
        "is before start",
        "must be ≥ 0, got -4",
        "not a real calendar date",
        "required field missing",
    ]:
        assert words in messages


def test_invalid_data_message_lists_every_problem() -> None:
    data = document(people=[{"id": "p1"}, {"id": "p2", "full_name": ""}])
    with pytest.raises(InvalidData) as info:
        hdnd.loads(data, file="q1.json")
    assert str(info.value) == (
        "2 problems:\n"
        "  q1.json: people[0].full_name (id 'p1'): required field missing\n"
        "  q1.json: people[1].full_name (id 'p2'): must not be empty"
    )


def test_reference_to_a_broken_record_is_not_also_dangling() -> None:
    found = problems(
        document(
            bodies=[BODY | {"council_id": "x1"}],
            councils=[COUNCIL, COUNCIL | {"id": "x1", "level": "provnce"}],
        )
    )
    assert [p.location for p in found] == ["councils[1].level"]


def test_dangling_reference_after_a_broken_record_located_by_its_own_index() -> None:
    data = document(
        bodies=[
            BODY | {"id": "b0", "kind": "comitee"},
            BODY | {"id": "b1", "council_id": "zz"},
        ]
    )
    found = {(p.location, p.record_id) for p in problems(data)}
    assert found == {("bodies[0].kind", "b0"), ("bodies[1].council_id", "b1")}


def test_duplicate_after_a_broken_record_located_by_its_own_index() -> None:
    data = document(people=[{"id": "p0"}, PERSON, PERSON | {"full_name": "B"}])
    found = {(p.location, p.message) for p in problems(data)}
    assert found == {
        ("people[0].full_name", "required field missing"),
        ("people[2].id", "duplicate id, first used at people[1]"),
    }


# ------------------------------------------------------------------ JSON Lines


def test_json_lines_forward_references_resolve() -> None:
    data = lines(
        tagged("reception", RECEPTION, host_body_id="tp-tt", host_person_id="p1"),
        tagged("body", BODY),
        tagged("person", PERSON),
        tagged("council", COUNCIL),
    )
    ds = hdnd.loads(data, format="jsonl")
    assert ds.receptions[0].host_body_id == "tp-tt"
    assert ds.get(hdnd.Body, "tp-tt").council_id == "tp"
    assert ds.councils[0].id == "tp"


def test_json_lines_bad_json_line_numbers() -> None:
    data = lines(
        tagged("council", COUNCIL),
        "",
        '{"type": "person", "id": "p1", "full_name": }',
        tagged("person", PERSON, id="p2"),
        "[1, 2]",
    )
    found = problems(data, format="jsonl", file="q1.jsonl")
    assert [(p.file, p.line, p.column) for p in found] == [
        ("q1.jsonl", 3, 45),
        ("q1.jsonl", 5, None),
    ]
    assert found[0].message.startswith("invalid JSON")
    assert found[1].message == "expected a JSON object, got a list"


def test_json_lines_record_problems_located_by_line_and_field() -> None:
    data = lines(
        {"type": "header", "schema_version": 1},
        tagged("council", COUNCIL),
        tagged("reception", RECEPTION, turns=-4),
        tagged("person", {"id": "p1"}),
    )
    found = problems(data, format="jsonl", file="q1.jsonl")
    assert [(p.line, p.location, p.record_id, p.message) for p in found] == [
        (3, "turns", "r1", "must be ≥ 0, got -4"),
        (4, "full_name", "p1", "required field missing"),
    ]
    assert str(found[0]) == "q1.jsonl:3: turns (id 'r1'): must be ≥ 0, got -4"


def test_json_lines_unknown_type_tag_with_suggestion() -> None:
    p = one_problem(lines(tagged("persn", PERSON)), format="jsonl", file="q1.jsonl")
    assert (p.file, p.line, p.location) == ("q1.jsonl", 1, "type")
    assert p.message == "unknown record type text 'persn'; did you mean 'person'?"


def test_json_lines_missing_type_tag() -> None:
    p = one_problem(lines(PERSON), format="jsonl", file="q1.jsonl")
    assert (p.line, p.location) == (1, "type")
    assert "every line names its record type" in p.message


def test_json_lines_header_not_first() -> None:
    data = lines(tagged("person", PERSON), {"type": "header", "schema_version": 1})
    p = one_problem(data, format="jsonl", file="q1.jsonl")
    assert (p.file, p.line) == ("q1.jsonl", 2)
    assert p.message == "a header must be the first line"


def test_json_lines_header_after_blank_lines_is_first() -> None:
    data = "\n\n" + lines({"type": "header", "schema_version": 1}, tagged("person", PERSON))
    assert hdnd.loads(data, format="jsonl").people[0].id == "p1"


def test_json_lines_unknown_schema_version() -> None:
    p = one_problem(lines({"type": "header", "schema_version": 3}), format="jsonl", file="a.jsonl")
    assert (p.line, p.location) == (1, "schema_version")
    assert "reads versions 1 to 2" in p.message


def test_json_lines_integrity_problems_reported_by_line() -> None:
    data = lines(
        tagged("council", COUNCIL),
        tagged("person", PERSON),
        tagged("body", BODY, council_id="nowhere"),
        tagged("person", PERSON, full_name="Trần Văn Bình"),
    )
    found = problems(data, format="jsonl", file="q1.jsonl")
    assert [(p.file, p.line, p.location, p.record_id) for p in found] == [
        ("q1.jsonl", 4, "id", "p1"),
        ("q1.jsonl", 3, "council_id", "tp-tt"),
    ]
    assert "duplicate id" in found[0].message
    assert found[1].message == "no council with id 'nowhere'"


def test_json_lines_duplicate_names_the_first_line() -> None:
    data = lines(
        tagged("council", COUNCIL),
        tagged("person", PERSON),
        tagged("person", PERSON, full_name="Trần Văn Bình"),
    )
    p = one_problem(data, format="jsonl", file="q1.jsonl")
    assert p.line == 3
    assert "line 2" in p.message
    assert "people[" not in p.message


def test_json_lines_integrity_after_broken_lines_keeps_line_numbers() -> None:
    data = lines(
        tagged("council", COUNCIL),
        tagged("body", BODY, id="b0", kind="comitee"),
        tagged("body", BODY, id="b1", council_id="zz"),
    )
    found = problems(data, format="jsonl", file="q1.jsonl")
    assert [(p.line, p.location) for p in found] == [(2, "kind"), (3, "council_id")]


def test_json_lines_every_problem_at_once() -> None:
    data = lines(
        {"type": "header", "schema_version": 1},
        tagged("council", COUNCIL),
        tagged("council", COUNCIL, id="x1", level="provnce"),  # 3
        '{"type": "person", "id": "p1", "full_name": "An",}',  # 4 trailing comma
        tagged("persn", PERSON, id="p2"),  # 5
        tagged("session", SESSION, end="2022-12-13"),  # 6
        {"type": "header", "schema_version": 1},  # 7
        tagged("body", BODY, council_id="nowhere"),  # 8
        tagged("reception", RECEPTION, turns="74"),  # 9
    )
    found = problems(data, format="jsonl", file="q1.jsonl")
    assert sorted((p.line or 0, p.location) for p in found) == [
        (3, "level"),
        (4, ""),
        (5, "type"),
        (6, "end"),
        (7, ""),
        (8, "council_id"),
        (9, "turns"),
    ]


def test_json_lines_non_utf8_line_located() -> None:
    data = lines(tagged("council", COUNCIL)).encode() + b'{"type": "person", "id": "\xe0"}\n'
    p = one_problem(data, format="jsonl", file="q1.jsonl")
    # '{"type": "person", "id": "' is 26 characters: the bad byte is in column 27
    assert (p.file, p.line, p.column) == ("q1.jsonl", 2, 27)
    assert "UTF-8" in p.message


def test_json_lines_utf8_byte_order_mark_accepted() -> None:
    data = "\ufeff" + lines({"type": "header", "schema_version": 1}, tagged("person", PERSON))
    assert hdnd.loads(data, format="jsonl").people[0].full_name == "Dương Thị Huệ"


def test_json_lines_windows_line_endings_accepted() -> None:
    data = lines(tagged("council", COUNCIL), tagged("person", PERSON)).replace("\n", "\r\n")
    ds = hdnd.loads(data, format="jsonl")
    assert (ds.councils[0].id, ds.people[0].id) == ("tp", "p1")


def test_json_lines_utf16_refused() -> None:
    data = lines(tagged("person", PERSON)).encode("utf-16")
    found = problems(data, format="jsonl", file="q1.jsonl")
    assert found[0].line == 1
    assert "UTF-16" in found[0].message


def test_json_lines_deep_nesting_refused_cleanly() -> None:
    data = lines(tagged("person", PERSON)) + "[" * 100_000 + "\n"
    p = one_problem(data, format="jsonl", file="q1.jsonl")
    assert p.line == 2
    assert "nested too deeply" in p.message


def test_json_lines_truncated_last_line_without_newline() -> None:
    data = lines(tagged("council", COUNCIL)) + '{"type":"person","id":"p1","full_name":"A"'
    p = one_problem(data, format="jsonl", file="q1.jsonl")
    # line 2 is 42 characters long: the data ends at column 43
    assert (p.line, p.column) == (2, 43)
    assert "end of data" in p.message


def test_json_lines_truncated_line_located_on_its_own_line() -> None:
    data = lines(tagged("council", COUNCIL), '{"type":"person","id":"p1","full_name":"A"')
    p = one_problem(data, format="jsonl", file="q1.jsonl")
    assert (p.line, p.column) == (2, 43)


def test_empty_json_lines_is_an_empty_dataset() -> None:
    assert hdnd.loads("", format="jsonl") == hdnd.Dataset()
    assert hdnd.loads(lines({"type": "header", "schema_version": 1}), format="jsonl") == (
        hdnd.Dataset()
    )


# ------------------------------------------------------------------------ files


def test_load_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "q1-2023.json"
    path.write_text(document(receptions=[RECEPTION | {"turns": -4}]), encoding="utf-8")
    p = one_problem_from_file(path)
    assert (p.file, p.location) == (str(path), "receptions[0].turns")
    assert str(p) == f"{path}: receptions[0].turns (id 'r1'): must be ≥ 0, got -4"


def test_load_json_lines_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "q1-2023.jsonl"
    path.write_text(lines(tagged("council", COUNCIL), tagged("persn", PERSON)), encoding="utf-8")
    p = one_problem_from_file(path)
    assert (p.file, p.line, p.location) == (str(path), 2, "type")


def test_load_accepts_utf8_bom_files(tmp_path: Path) -> None:
    for name, text in [
        ("bom.json", document(people=[PERSON])),
        ("bom.jsonl", lines(tagged("council", COUNCIL), tagged("person", PERSON))),
    ]:
        path = tmp_path / name
        path.write_bytes(b"\xef\xbb\xbf" + text.encode())
        assert hdnd.load(path).people[0].id == "p1"


def test_iter_records_stops_at_the_first_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "stream.jsonl"
    path.write_text(
        lines(
            tagged("person", PERSON),
            tagged("body", BODY),  # a dangling reference: not checked when streaming
            tagged("person", PERSON, id="p2", full_name=""),
            tagged("person", PERSON, id="p3"),
        ),
        encoding="utf-8",
    )
    records = hdnd.iter_records(path)
    assert next(records).id == "p1"
    assert next(records).id == "tp-tt"
    with pytest.raises(InvalidData) as info:
        next(records)
    [p] = info.value.problems
    assert (p.file, p.line, p.location, p.record_id) == (str(path), 3, "full_name", "p2")


def test_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match=r"'\.csv'"):
        hdnd.load(tmp_path / "data.csv")
    with pytest.raises(UnsupportedFormat):
        hdnd.dump(hdnd.Dataset(), tmp_path / "data.docx")
    with pytest.raises(UnsupportedFormat, match="JSON Lines"):
        hdnd.iter_records(tmp_path / "data.json")
    assert list(tmp_path.iterdir()) == []


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        hdnd.load(tmp_path / "missing.json")


def one_problem_from_file(path: Path) -> Problem:
    with pytest.raises(InvalidData) as info:
        hdnd.load(path)
    [problem] = info.value.problems
    return problem
