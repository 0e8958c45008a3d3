"""The ``hdnd`` command, run as a user runs it: a process, its exit status and its output."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

BAD = {
    "schema_version": 1,
    "councils": [
        {"id": "tp", "name": "HĐND thành phố", "level": "distrct", "unit_type": "provincial_city"},
    ],
    "bodies": [
        {"id": "tt", "council_id": "tp", "kind": "standing_committee"},
        {"id": "tt", "council_id": "tp", "kind": "standing_committee"},
        {"id": "b2", "council_id": "nowhere", "kind": "standing_committee"},
    ],
    "sessions": [
        {
            "id": "s1",
            "council_id": "tp",
            "number": 3,
            "kind": "regular",
            "start": "2023-03-02",
            "end": "2023-03-01",
        },
    ],
    "receptions": [
        {
            "id": "r1",
            "council_id": "tp",
            "date": "2023-02-31",
            "kind": "periodic",
            "turns": 1,
            "persons": 1,
            "cases": 1,
        },
        {
            "id": "r2",
            "council_id": "tp",
            "date": "2023-02-01",
            "kind": "periodic",
            "turns": -4,
            "persons": 1,
        },
    ],
}


HdndCli = Callable[..., subprocess.CompletedProcess[str]]  # the fixture in conftest.py


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_validate_example_exits_0(example_path: Path, hdnd_cli: HdndCli) -> None:
    result = hdnd_cli("validate", str(example_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout
    assert "0 invalid, 0 check errors" in result.stdout


def test_validate_reports_every_problem_with_its_location(
    tmp_path: Path, hdnd_cli: HdndCli
) -> None:
    bad = write(tmp_path, "bad.json", json.dumps(BAD))
    result = hdnd_cli("validate", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    expected = [
        "councils[0].level (id 'tp'): unknown Level 'distrct'; did you mean 'district'?",
        "sessions[0].end (id 's1'): 2023-03-01 is before start 2023-03-02",
        "receptions[0].date (id 'r1'): '2023-02-31' is not a real calendar date",
        "receptions[1].turns (id 'r2'): must be ≥ 0, got -4",
        "receptions[1].cases (id 'r2'): required field missing",
        "bodies[1].id (id 'tt'): duplicate id, first used at bodies[0]",
        "bodies[2].council_id (id 'b2'): no council with id 'nowhere'",
    ]
    for message in expected:
        assert f"  {bad}: {message}" in lines
    assert f"{bad}: INVALID, 7 problems" in lines


def test_validate_json_output(tmp_path: Path, example_path: Path, hdnd_cli: HdndCli) -> None:
    bad = write(tmp_path, "bad.json", json.dumps(BAD))
    result = hdnd_cli("validate", "--format", "json", str(bad), str(example_path))
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["exit_status"] == 2
    first, second = report["files"]
    assert first["valid"] is False
    assert {p["location"] for p in first["problems"]} >= {"receptions[1].turns", "bodies[1].id"}
    assert second["valid"] is True
    assert second["counts"]["councils"] == 13


def test_truncated_json_names_line_and_column(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    bad = write(tmp_path, "cut.json", '{"schema_version": 1,\n "people": [{"id": "p1"')
    result = hdnd_cli("validate", str(bad))
    assert result.returncode == 2
    assert f"{bad}:2:24: invalid JSON: unexpected end of data" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_not_utf8_and_deep_nesting_refused_cleanly(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    legacy = write(tmp_path, "legacy.json", b'{"schema_version": 1, "x": "H\xf4i"}')
    deep = write(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    result = hdnd_cli("validate", str(legacy), str(deep))
    assert result.returncode == 2
    assert f"{legacy}:1:30: not UTF-8 text" in result.stdout
    assert "nested too deeply" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_file_and_unknown_extension(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    result = hdnd_cli("validate", str(tmp_path / "none.json"), str(tmp_path / "x.docx"))
    assert result.returncode == 2
    assert "none.json: cannot read: No such file or directory" in result.stdout
    assert "unknown file type '.docx'" in result.stdout


def test_check_error_exits_1(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    doc = {
        "schema_version": 1,
        "councils": [
            {"id": "q", "name": "HĐND quận", "level": "commune", "unit_type": "urban_district"}
        ],
    }
    result = hdnd_cli("validate", "--lang", "vi", str(write(tmp_path, "c.json", json.dumps(doc))))
    assert result.returncode == 1
    assert "HDND-R002 lỗi councils[0].unit_type (mã 'q'): quận thuộc cấp huyện" in result.stdout


def test_version_2_findings_in_both_languages(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    council = {"id": "x", "name": "HĐND xã", "level": "commune", "unit_type": "commune"}
    person = {"id": "p", "full_name": "Nguyễn Văn A"}
    deputy = {"id": "d", "council_id": "x", "person_id": "p", "start": "2021-06-01"}
    left = {"schema_version": 2, "councils": [council], "people": [person]}
    left["deputies"] = [deputy | {"end": "2023-03-01"}]  # no reason given: an error
    unexplained = hdnd_cli("validate", str(write(tmp_path, "left.json", json.dumps(left))))
    assert unexplained.returncode == 1
    assert (
        "HDND-R022 error deputies[0].end_reason (id 'd'): left on 2023-03-01 without an "
        "end reason" in unexplained.stdout
    )
    reason = dict(left, deputies=[deputy | {"end_reason": "deceased"}])  # a reason, no end
    failed = hdnd_cli(
        "validate", "--lang", "vi", str(write(tmp_path, "reason.json", json.dumps(reason)))
    )
    assert failed.returncode == 1
    assert (
        "HDND-R021 lỗi deputies[0].end_reason (mã 'd'): có lý do thôi làm nhiệm vụ (từ trần) "
        "nhưng không có ngày thôi làm nhiệm vụ" in failed.stdout
    )


def test_convert_round_trip_and_refusals(
    tmp_path: Path, example_path: Path, hdnd_cli: HdndCli
) -> None:
    lines = tmp_path / "city.jsonl"
    assert hdnd_cli("convert", str(example_path), str(lines)).returncode == 0
    back = tmp_path / "city.json"
    assert hdnd_cli("convert", str(lines), str(back)).returncode == 0
    assert back.read_bytes() == example_path.read_bytes()

    same = hdnd_cli("convert", str(back), str(back))
    assert same.returncode == 2
    assert "refusing to overwrite the input file" in same.stderr
    assert back.read_bytes() == example_path.read_bytes()

    out = hdnd_cli("convert", "-", "-", "--from", "jsonl", "--to", "json", stdin=lines.read_text())
    assert out.returncode == 0
    assert out.stdout == example_path.read_text(encoding="utf-8")


def test_convert_invalid_input_leaves_output_alone(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    target = write(tmp_path, "out.jsonl", "precious\n")
    bad = write(tmp_path, "bad.json", json.dumps(BAD))
    result = hdnd_cli("convert", str(bad), str(target))
    assert result.returncode == 2
    assert "receptions[1].turns" in result.stderr
    assert target.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "out.jsonl"]


@pytest.mark.parametrize("args", [["--help"], ["validate", "--help"], ["convert", "--help"]])
def test_help_has_an_example(args: list[str], hdnd_cli: HdndCli) -> None:
    result = hdnd_cli(*args)
    assert result.returncode == 0
    assert "example" in result.stdout


def test_version_and_usage_errors(hdnd_cli: HdndCli) -> None:
    assert hdnd_cli("--version").stdout.startswith("hdnd ")
    assert hdnd_cli().returncode == 2
    wrong = hdnd_cli("validate", "--format", "xml", "x.json")
    assert wrong.returncode == 2
    assert "invalid choice" in wrong.stderr


SUMMARY = ["--period", "quý I/2023", "--council", "tp", "--with-subordinates"]


def test_summary_prints_the_report_in_vietnamese_and_english(
    example_path: Path, hdnd_cli: HdndCli
) -> None:
    vi = hdnd_cli("summary", str(example_path), *SUMMARY, "--lang", "vi")
    assert vi.returncode == 0, vi.stderr
    assert (
        "11 cuộc giám sát chuyên đề, 27 cuộc giám sát, khảo sát đột xuất, thường xuyên" in vi.stdout
    )
    assert (
        "74 lượt với 144 công dân, 74 vụ việc (giảm 4 lượt, giảm 6 vụ việc so cùng kỳ)" in vi.stdout
    )
    assert "204 buổi tiếp công dân định kỳ" in vi.stdout
    en = hdnd_cli("summary", str(example_path), *SUMMARY, "--lang", "en")
    assert "74 turns of 144 citizens with 74 cases (down 4 turns, down 6 cases" in en.stdout


def test_summary_json_and_output_file(
    tmp_path: Path, example_path: Path, hdnd_cli: HdndCli
) -> None:
    out = tmp_path / "q1.json"
    result = hdnd_cli(
        "summary", str(example_path), *SUMMARY, "--format", "json", "--output", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["figures"]["receptions"]["by_host"]["tp-tt"]["turns"] == 74
    assert data["changes"]["receptions.by_host.tp-tt.cases"]["change"] == -6
    refused = hdnd_cli("summary", str(out), *SUMMARY, "--output", str(out))
    assert refused.returncode == 2
    assert "refusing to overwrite the input file" in refused.stderr


def test_summary_streams_json_lines_and_reports_all_problems(
    tmp_path: Path, example_path: Path, hdnd_cli: HdndCli
) -> None:
    lines = tmp_path / "city.jsonl"
    assert hdnd_cli("convert", str(example_path), str(lines)).returncode == 0
    streamed = hdnd_cli("summary", str(lines), *SUMMARY, "--compare", "none", "--lang", "vi")
    assert streamed.returncode == 0, streamed.stderr
    assert "74 lượt với 144 công dân, 74 vụ việc." in streamed.stdout
    broken = lines.read_text(encoding="utf-8").splitlines()
    first, second = [i for i, line in enumerate(broken) if '"type":"reception"' in line][:2]
    broken[first] = broken[first].replace('"turns":', '"turn":')
    broken[second] = broken[second][:20]
    lines.write_text("\n".join(broken) + "\n", encoding="utf-8")
    failed = hdnd_cli("summary", str(lines), *SUMMARY)
    assert failed.returncode == 2
    assert f"{lines}:{first + 1}: turn" in failed.stderr
    assert f"{lines}:{second + 1}:21: invalid JSON" in failed.stderr
    assert "Traceback" not in failed.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "quý V/2023"], "quarter must be I–IV (1–4), got 'V'"),
        (["--period", "quý I/2023", "--council", "nowhere"], "no council with id 'nowhere'"),
    ],
)
def test_summary_bad_arguments_exit_2(
    args: list[str], message: str, example_path: Path, hdnd_cli: HdndCli
) -> None:
    result = hdnd_cli("summary", str(example_path), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
