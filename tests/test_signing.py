"""Reports refuse to sign over failed checks; warnings and empty periods are said (issue 15).

``hdnd summary`` and ``hdnd report`` run the domain checks on a file loaded whole: an
error on the councils and period reported stops the report (exit 1, nothing written)
unless ``--allow-errors``, which marks it "DỰ THẢO"; warnings go to standard error.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import attrs
import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hdnd
from hdnd.checks import check
from hdnd.cli._signing import concerning, is_empty

HdndCli = Callable[..., "object"]
Q1 = "quý I/2023"


def _reception(rid: str, council: str, day: dt.date) -> hdnd.ReceptionSession:
    """A reception with fewer persons than turns: warning HDND-R011."""
    return hdnd.ReceptionSession(
        id=rid,
        council_id=council,
        date=day,
        kind=hdnd.ReceptionKind.periodic,
        turns=6,
        persons=4,
        cases=6,
    )


@pytest.fixture(scope="module")
def reused(city: hdnd.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with resolution 06/NQ-HĐND of 24/2/2023 (tp) numbered 05 as well."""
    resolutions = list(city.resolutions)
    resolutions[2] = attrs.evolve(resolutions[2], number=resolutions[1].number)
    path = tmp_path_factory.mktemp("signing") / "reused.json"
    hdnd.dump(attrs.evolve(city, resolutions=resolutions), path)
    return path


@pytest.fixture(scope="module")
def warned(city: hdnd.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with two odd receptions of tp: one in Q1 2023, one in Q1 2022."""
    odd = [
        _reception("odd-2023", "tp", dt.date(2023, 2, 7)),
        _reception("odd-2022", "tp", dt.date(2022, 2, 7)),
    ]
    path = tmp_path_factory.mktemp("signing") / "warned.json"
    hdnd.dump(attrs.evolve(city, receptions=[*city.receptions, *odd]), path)
    return path


def test_report_over_an_error_exits_1_and_writes_nothing(
    reused: Path, tmp_path: Path, hdnd_cli: HdndCli
) -> None:
    out = tmp_path / "bc.docx"
    result = hdnd_cli(
        "report", str(reused), "--period", Q1, "--council", "tp", "--output", str(out)
    )
    assert result.returncode == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left either
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert "1 check error on the councils and period reported; nothing written" in lines[0]
    assert lines[1] == (
        "  HDND-R017 error resolutions[2].number (id 'tp-nq-06-2023'): "
        "number 05/NQ-HĐND is already used in 2023, by resolution 'tp-nq-05-2023'"
    )
    assert "--allow-errors" in lines[-1]


def test_allow_errors_writes_a_word_draft(reused: Path, tmp_path: Path, hdnd_cli: HdndCli) -> None:
    out = tmp_path / "bc.docx"
    args = ("report", str(reused), "--period", Q1, "--council", "tp", "--output", str(out))
    result = hdnd_cli(*args, "--allow-errors")
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "DỰ THẢO"
    assert document.paragraphs[1].text == "BÁO CÁO"
    section = document.sections[0]
    # the first page says it once, in red above the letterhead; every later page's header
    assert "DỰ THẢO" not in [p.text for p in section.first_page_header.paragraphs]
    assert "DỰ THẢO" in [p.text for p in section.header.paragraphs]
    assert document.core_properties.content_status == "DỰ THẢO"
    assert "marked as a draft" in result.stderr


def test_a_clean_report_is_no_draft(example_path: Path, tmp_path: Path, hdnd_cli: HdndCli) -> None:
    out = tmp_path / "bc.docx"
    args = ("report", str(example_path), "--period", Q1, "--council", "tp", "--output", str(out))
    result = hdnd_cli(*args)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "BÁO CÁO"
    assert all("DỰ THẢO" not in p.text for p in document.sections[0].header.paragraphs)
    # nothing said but what was written
    assert result.stderr == f"hdnd: wrote {out}: a Word report on {Q1} for HĐND thành phố (tp)\n"


def test_html_refused_then_a_draft_with_a_banner(reused: Path, hdnd_cli: HdndCli) -> None:
    args = ("report", str(reused), "--period", Q1, "--council", "tp", "--format", "html")
    refused = hdnd_cli(*args)
    assert (refused.returncode, refused.stdout) == (1, "")
    assert "HDND-R017" in refused.stderr
    drafted = hdnd_cli(*args, "--lang", "en", "--allow-errors")
    assert drafted.returncode == 0
    assert '<p class="draft" role="note">DRAFT</p>' in drafted.stdout


def test_summary_text_draft_starts_with_the_word(reused: Path, hdnd_cli: HdndCli) -> None:
    args = ("summary", str(reused), "--period", Q1, "--council", "tp")
    refused = hdnd_cli(*args)
    assert (refused.returncode, refused.stdout) == (1, "")
    drafted = hdnd_cli(*args, "--allow-errors", "--lang", "vi")
    assert drafted.returncode == 0
    assert drafted.stdout.startswith("DỰ THẢO\n\nKẾT QUẢ HOẠT ĐỘNG CỦA HĐND THÀNH PHỐ QUÝ I/2023")
    markdown = hdnd_cli(*args, "--allow-errors", "--format", "markdown", "--lang", "en")
    assert markdown.stdout.startswith("**DRAFT**\n\n")


@pytest.mark.parametrize(
    ("period", "council"),
    [("quý I/2022", "tp"), (Q1, "x-an-phu")],
    ids=["error-after-the-period", "error-of-a-council-out-of-scope"],
)
def test_an_error_elsewhere_does_not_block(
    reused: Path, period: str, council: str, hdnd_cli: HdndCli
) -> None:
    result = hdnd_cli("summary", str(reused), "--period", period, "--council", council)
    assert result.returncode == 0
    assert "HDND-R017" not in result.stderr
    assert not result.stdout.startswith("DỰ THẢO")


def test_an_error_of_a_subordinate_blocks_its_parent(reused: Path, hdnd_cli: HdndCli) -> None:
    # x-an-phu is under tp: tp with subordinates counts the error; x-an-phu alone does not
    result = hdnd_cli(
        "summary", str(reused), "--period", Q1, "--council", "tp", "--with-subordinates"
    )
    assert result.returncode == 1


def test_warnings_of_the_period_on_stderr(warned: Path, hdnd_cli: HdndCli) -> None:
    result = hdnd_cli("summary", str(warned), "--period", Q1, "--council", "tp")
    assert result.returncode == 0
    said = [line for line in result.stderr.splitlines() if "HDND-R011" in line]
    assert said == [
        f"hdnd: warning: {warned}: HDND-R011 warning receptions[429].persons (id 'odd-2023'): "
        "persons (4) fewer than turns (6)"
    ]
    assert result.stdout.startswith("ACTIVITY OF HĐND THÀNH PHỐ, Q1 2023")  # in the run's language


def test_empty_period_said_and_strict(example_path: Path, hdnd_cli: HdndCli) -> None:
    args = ("summary", str(example_path), "--period", "quý I/2019", "--council", "tp")
    result = hdnd_cli(*args)
    assert result.returncode == 0
    assert "no records for HĐND thành phố (tp) in quý I/2019" in result.stderr
    strict = hdnd_cli(*args, "--strict")
    assert (strict.returncode, strict.stdout) == (1, "")
    assert "no records for HĐND thành phố (tp) in quý I/2019" in strict.stderr


def test_a_period_with_records_is_not_said_empty(example_path: Path, hdnd_cli: HdndCli) -> None:
    result = hdnd_cli("summary", str(example_path), "--period", Q1, "--council", "tp", "--strict")
    assert result.returncode == 0
    assert "no records" not in result.stderr


def test_streamed_file_says_checks_were_not_run(
    reused: Path, tmp_path: Path, hdnd_cli: HdndCli
) -> None:
    lines = tmp_path / "reused.jsonl"
    assert hdnd_cli("convert", str(reused), str(lines)).returncode == 0
    args = ("summary", str(lines), "--period", Q1, "--council", "tp")
    result = hdnd_cli(*args)
    assert result.returncode == 0
    assert result.stderr.count("checks not run on a streamed file") == 1
    assert f"run `hdnd validate {lines}`" in result.stderr
    assert "checks not run" not in hdnd_cli(*args, "--quiet").stderr


MONTHS = st.integers(min_value=1, max_value=12)


@given(months=st.lists(st.tuples(MONTHS, st.sampled_from(["a", "b"])), max_size=6))
def test_concerning_keeps_the_records_of_the_scope_and_period(
    months: list[tuple[int, str]],
) -> None:
    councils = [
        hdnd.Council(
            id=c, name=f"HĐND xã {c}", level=hdnd.Level.commune, unit_type=hdnd.UnitType.commune
        )
        for c in ("a", "b")
    ]
    receptions = [
        _reception(f"r{i}", council, dt.date(2023, month, 10))
        for i, (month, council) in enumerate(months)
    ]
    dataset = hdnd.Dataset(councils=councils, receptions=receptions)
    summary = hdnd.summarize(dataset, hdnd.parse_period(Q1), council="a")
    kept = {f.record_id for f in concerning(dataset, check(dataset), summary)}
    assert kept == {
        f"r{i}" for i, (month, council) in enumerate(months) if month <= 3 and council == "a"
    }


def test_undated_records_concern_every_period() -> None:
    # a council whose unit code does not fit its level (HDND-R005): no date, every period
    council = hdnd.Council(
        id="a",
        name="HĐND xã A",
        level=hdnd.Level.commune,
        unit_type=hdnd.UnitType.commune,
        unit_code="1",
    )
    dataset = hdnd.Dataset(councils=[council])
    summary = hdnd.summarize(dataset, hdnd.parse_period("năm 2019"), council="a")
    assert [f.code for f in concerning(dataset, check(dataset), summary)] == ["HDND-R005"]


def test_empty_means_no_figure_counts(city: hdnd.Dataset) -> None:
    assert is_empty(hdnd.summarize(city, hdnd.parse_period("quý I/2019"), council="tp"))
    assert not is_empty(hdnd.summarize(city, hdnd.parse_period(Q1), council="tp"))


def test_a_doubtful_date_concerns_every_period() -> None:
    # dated before its council was established (HDND-R020, on the date itself): the record
    # may belong to any period of the council, the one reported included
    council = hdnd.Council(
        id="a",
        name="HĐND xã A",
        level=hdnd.Level.commune,
        unit_type=hdnd.UnitType.commune,
        established=dt.date(2025, 7, 1),
    )
    early = _reception("early", "a", dt.date(2025, 5, 10))
    dataset = hdnd.Dataset(councils=[council], receptions=[early])
    summary = hdnd.summarize(dataset, hdnd.parse_period("quý IV/2025"), council="a")
    found = concerning(dataset, check(dataset), summary)
    assert ("HDND-R020", "early") in {(f.code, f.record_id) for f in found}


def test_json_is_data_written_unmarked_with_the_errors_said(
    reused: Path, hdnd_cli: HdndCli
) -> None:
    args = ("summary", str(reused), "--period", Q1, "--council", "tp", "--format", "json")
    result = hdnd_cli(*args)
    assert result.returncode == 0
    assert json.loads(result.stdout)["summary"]["council_id"] == "tp"
    assert "HDND-R017 error resolutions[2].number" in result.stderr
    assert "written over 1 check error: data, not a document, unmarked" in result.stderr


def test_report_without_council_is_by_level(
    example_path: Path, tmp_path: Path, hdnd_cli: HdndCli
) -> None:
    out = tmp_path / "all.docx"
    result = hdnd_cli("report", str(example_path), "--period", Q1, "--output", str(out))
    assert result.returncode == 0, result.stderr
    figures = docx.Document(str(out)).tables[1]
    # a level's title spans the table: its first and last cells are one merged cell
    titles = [r.cells[1].text for r in figures.rows if r.cells[1].text == r.cells[-1].text]
    assert titles == ["Tổng hợp các cấp", "HĐND cấp huyện", "HĐND cấp xã"]
