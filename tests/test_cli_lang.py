"""The command line speaks the run's language: ``--lang``, else ``HDND_LANG``, else the
locale, else English; help, argparse's own words, errors, confirmations and the report."""

from __future__ import annotations

import argparse
import gettext
import io
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hdnd
from hdnd import i18n
from hdnd._progress import Progress
from hdnd.cli import main, make_parser
from hdnd.cli._common import subparsers
from hdnd.cli._language import asked, speaking
from hdnd.cli.completion import help_of

from .conftest import run_hdnd

Q1 = ["--period", "quý I/2023"]


def hdnd_in(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``hdnd args`` with the locale variables of ``env`` only."""
    return run_hdnd(*args, locale=env)


@pytest.fixture(scope="module")
def bad_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A document whose one reception counts -1 persons."""
    path = tmp_path_factory.mktemp("lang") / "bad.json"
    reception = {
        "id": "r1",
        "council_id": "tp",
        "date": "2023-02-05",
        "kind": "periodic",
        "turns": 1,
        "persons": -1,
        "cases": 1,
    }
    council = {"id": "tp", "name": "HĐND thành phố", "level": "province"}
    council["unit_type"] = "central_city"
    doc = {"schema_version": 2, "councils": [council], "receptions": [reception]}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# -- which language -----------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_vi_gives_vietnamese_help(where: str) -> None:
    args = ["--lang", "vi", "summary", "--help"] if where == "before" else ["summary", "--help"]
    done = hdnd_in({"LANG": "en_US.UTF-8"}, *args, *(["--lang=vi"] if where == "after" else []))
    assert done.returncode == 0
    out = " ".join(done.stdout.split())
    assert done.stdout.startswith("cách dùng: hdnd summary")
    assert "tùy chọn: -h, --help hiện trợ giúp này rồi thoát" in out
    assert "(mặc định: text)" in out
    assert "kỳ báo cáo, ví dụ" in out
    assert "ví dụ: hdnd summary examples/data/city-q1-2023.json" in out  # the epilog


def test_the_locale_gives_vietnamese_help() -> None:
    done = hdnd_in({"LANG": "vi_VN.UTF-8"}, "summary", "--help")
    assert done.stdout.startswith("cách dùng: hdnd summary")
    english = hdnd_in({"LANG": "en_US.UTF-8"}, "summary", "--help")
    assert english.stdout.startswith("usage: hdnd summary")


def test_validate_speaks_the_locale(bad_json: Path) -> None:
    done = hdnd_in({"LANG": "vi_VN.UTF-8"}, "validate", str(bad_json))
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert lines[0] == f"{bad_json}: KHÔNG HỢP LỆ, 1 lỗi"
    assert "phải ≥ 0; đã nhập -1" in lines[1]
    assert lines[-1] == "1 tệp: 1 tệp không hợp lệ, 0 lỗi kiểm tra, 0 cảnh báo"


@pytest.mark.parametrize(
    ("env", "args", "first"),
    [
        ({"HDND_LANG": "vi", "LANG": "en_US.UTF-8"}, [], "1 tệp: "),
        ({"HDND_LANG": "en", "LANG": "vi_VN.UTF-8"}, [], "1 file: "),
        ({"HDND_LANG": "vi", "LANG": "vi_VN.UTF-8"}, ["--lang", "en"], "1 file: "),
        ({"LC_ALL": "vi_VN.UTF-8"}, ["--lang", "en"], "1 file: "),
        ({"LANG": "en_US.UTF-8"}, ["--lang", "vi"], "1 tệp: "),
        ({}, [], "1 file: "),
    ],
)
def test_lang_wins_over_hdnd_lang_which_wins_over_the_locale(
    env: dict[str, str], args: list[str], first: str, bad_json: Path
) -> None:
    done = hdnd_in(env, *args, "validate", str(bad_json))
    assert done.stdout.splitlines()[-1].startswith(first)


def test_findings_follow_the_run_language(example_path: Path) -> None:
    """One language per run: validate's findings too (no separate --lang for them)."""
    vi = main_output(["validate", str(example_path), "--lang", "vi"])
    en = main_output(["validate", str(example_path)])
    assert vi.splitlines()[0].startswith(f"{example_path}: hợp lệ (Hội đồng nhân dân: 13,")
    assert en.splitlines()[0].startswith(f"{example_path}: valid (councils: 13,")


def main_output(argv: list[str]) -> str:
    """What ``hdnd argv`` prints on standard output, run in this process."""
    saved, sys.stdout = sys.stdout, io.StringIO()
    try:
        main(argv)
        return sys.stdout.getvalue()
    finally:
        sys.stdout = saved


# -- what is said -------------------------------------------------------------------------


def test_a_usage_error_in_vietnamese() -> None:
    done = hdnd_in({}, "--lang", "vi", "summary")
    assert done.returncode == 2
    assert done.stderr.startswith("cách dùng: hdnd summary")
    assert done.stderr.splitlines()[-1] == (
        "hdnd: lỗi: còn thiếu các tham số bắt buộc: FILE, --period"
    )


def test_an_invalid_choice_in_vietnamese() -> None:
    done = hdnd_in({"LANG": "vi_VN.UTF-8"}, "completion", "tcsh")
    assert done.returncode == 2
    assert "lựa chọn không hợp lệ: 'tcsh'" in done.stderr.splitlines()[-1]


def test_did_you_mean_a_command_in_vietnamese() -> None:
    done = hdnd_in({}, "--lang", "vi", "sumary", "data.json")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "hdnd: lỗi: không có lệnh 'sumary'. Có phải là 'summary'?\n"


def test_did_you_mean_an_option_in_vietnamese() -> None:
    done = hdnd_in({}, "summary", "data.json", *Q1, "--formt", "csv", "--lang", "vi")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "hdnd: lỗi: không nhận ra tham số: --formt csv. Có phải là --format?"
    )


def test_a_word_report_refused_in_vietnamese(example_path: Path) -> None:
    done = hdnd_in({}, "--lang", "vi", "report", str(example_path), *Q1)
    assert done.returncode == 2
    assert done.stderr == "hdnd: lỗi: báo cáo Word là một tệp: hãy ghi --output ĐƯỜNG-DẪN.docx\n"


def test_a_report_over_a_check_error_refused_in_vietnamese(
    city: hdnd.Dataset, tmp_path: Path
) -> None:
    resolutions = list(city.resolutions)
    resolutions[2] = attrs.evolve(resolutions[2], number=resolutions[1].number)
    reused = tmp_path / "reused.json"
    hdnd.dump(attrs.evolve(city, resolutions=resolutions), reused)
    out = tmp_path / "bc.docx"
    args = ["report", str(reused), *Q1, "--council", "tp", "--output", str(out)]
    done = hdnd_in({"LANG": "vi_VN.UTF-8"}, *args)
    assert done.returncode == 1
    assert not out.exists()
    lines = done.stderr.splitlines()
    assert lines[0] == (
        f"hdnd: lỗi: {reused}: 1 lỗi kiểm tra về các HĐND và kỳ báo cáo; không ghi gì:"
    )
    assert lines[-1].startswith(f"hdnd: hãy sửa dữ liệu (`hdnd validate {reused}` liệt kê")


def test_the_word_report_is_vietnamese_whatever_the_environment(
    example_path: Path, tmp_path: Path
) -> None:
    """The environment's English is no request for an English Word report: it is written
    (in Vietnamese), the messages in English; ``--lang en`` is refused, as before."""
    out = tmp_path / "bc.docx"
    args = ["report", str(example_path), *Q1, "--council", "tp", "--output", str(out)]
    done = hdnd_in({"LANG": "en_US.UTF-8"}, *args)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"hdnd: wrote {out}: a Word report on quý I/2023")
    refused = hdnd_in({}, *args, "--lang", "en")
    assert refused.returncode == 2
    assert "it is in Vietnamese only" in refused.stderr


def test_a_confirmation_in_vietnamese(tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    done = hdnd_in({}, "template", str(out), "--lang", "vi")
    assert done.returncode == 0
    assert done.stderr == (
        f"hdnd: đã ghi {out}: tệp Excel mẫu để trống, một Sheet hướng dẫn (README) "
        "và 16 Sheet để điền\n"
    )


def test_the_summary_is_written_in_the_run_language(example_path: Path) -> None:
    vi = hdnd_in({"LANG": "vi_VN.UTF-8"}, "summary", str(example_path), *Q1, "--council", "tp")
    en = hdnd_in({"HDND_LANG": "en"}, "summary", str(example_path), *Q1, "--council", "tp")
    assert vi.stdout.startswith("KẾT QUẢ HOẠT ĐỘNG CỦA HĐND THÀNH PHỐ QUÝ I/2023")
    assert not en.stdout.startswith("KẾT QUẢ")


def test_a_progress_line_in_vietnamese() -> None:
    err = io.StringIO()
    with i18n.language("vi"):
        Progress("lon.jsonl", 4_000_000, err, interval=0).advance(2_000_000, 10_000)
    assert "lon.jsonl: 10,000 bản ghi, 2.0/4.0 MB, 50%" in err.getvalue()


# -- help texts ---------------------------------------------------------------------------


def vietnamese_options() -> Iterator[tuple[str, argparse.Action]]:
    with speaking("vi"):
        parser = make_parser()
    for name, each in [("hdnd", parser), *subparsers(parser).items()]:
        for action in each._actions:
            if action.option_strings and action.dest not in ("help", "version"):
                yield f"{name} {action.option_strings[-1]}", action


@pytest.mark.parametrize(("option", "action"), list(vietnamese_options()), ids=str)
def test_every_option_says_its_default_in_vietnamese(option: str, action: argparse.Action) -> None:
    """The Vietnamese twin of test_cli_manners' test of the English help."""
    said = help_of(action)
    assert len(said.split()) >= 3, f"{option}: no help that says what it does"
    if action.default not in (None, False, [], argparse.SUPPRESS):
        assert f"mặc định: {action.default}" in said, f"{option}: default not said"
    elif action.nargs != 0 and not action.required:
        assert "mặc định" in said or "nếu không" in said, f"{option}: {said!r}"


def test_argparse_speaks_hdnd_only_during_a_run() -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "vi", "schema", "--bogus"])
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]


# -- reading --lang before the parser -----------------------------------------------------

_WORDS = st.lists(
    st.text(alphabet="abcdeqz-=.0123", min_size=1, max_size=8).filter(
        lambda w: not w.startswith("--l") and w != "--"
    ),
    max_size=6,
)


@given(words=_WORDS, at=st.integers(min_value=0), lang=st.sampled_from(i18n.LANGUAGES))
def test_lang_is_found_wherever_it_stands(words: list[str], at: int, lang: str) -> None:
    at %= len(words) + 1
    spelt = [["--lang", lang], [f"--lang={lang}"], ["--lan", lang]][at % 3]
    assert asked(words) is None
    assert asked([*words[:at], *spelt, *words[at:]]) == lang


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_in_vietnamese_are_scripts(shell: str) -> None:
    """The help shown beside each option in zsh and fish is the run's language; the
    script stays valid shell whatever the words."""
    done = hdnd_in({"LANG": "vi_VN.UTF-8"}, "completion", shell)
    assert done.returncode == 0
    assert "with-subordinates" in done.stdout
    if shell != "bash":
        assert "tính cả mọi HĐND cấp dưới" in done.stdout
    if shutil.which(shell):
        checked = subprocess.run([shell, "-n"], input=done.stdout, capture_output=True, text=True)
        assert (checked.returncode, checked.stderr) == (0, "")
