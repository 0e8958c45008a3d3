"""The command line's manners: help that says each default, a suggestion for a mistyped
command, a line saying what was written, shell completion."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hdnd.cli import make_parser
from hdnd.cli._common import subparsers
from hdnd.cli.completion import help_of

HdndCli = Callable[..., subprocess.CompletedProcess[str]]  # the fixture in conftest.py

COMMANDS = ["summary", "report", "validate", "merge", "convert", "template", "export", "schema"]
COMMANDS += ["completion"]

Q1 = ["--period", "quý I/2023"]


def parsers() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    parser = make_parser()
    yield "hdnd", parser
    yield from subparsers(parser).items()


def options() -> Iterator[tuple[str, argparse.Action]]:
    for name, parser in parsers():
        for action in parser._actions:
            if action.option_strings and action.dest not in ("help", "version"):
                yield f"{name} {action.option_strings[-1]}", action


def test_every_command_is_there() -> None:
    assert list(subparsers(make_parser())) == COMMANDS


@pytest.mark.parametrize(("option", "action"), list(options()), ids=lambda v: str(v))
def test_every_option_says_what_it_does_and_its_default(
    option: str, action: argparse.Action
) -> None:
    said = help_of(action)
    assert len(said.split()) >= 3, f"{option}: no help that says what it does"
    if action.default not in (None, False, [], argparse.SUPPRESS):
        assert f"default: {action.default}" in said, f"{option}: default not said"
    elif action.nargs != 0 and not action.required:
        # a value to give: say what happens without it
        assert "default" in said or "otherwise" in said, f"{option}: {said!r}"


def test_help_lists_the_commands(hdnd_cli: HdndCli) -> None:
    result = hdnd_cli("--help")
    assert result.returncode == 0
    listed = re.findall(r"^ {4}(\w+)", result.stdout, re.MULTILINE)  # not wrapped lines
    assert listed == COMMANDS


def test_option_help_shows_its_default(hdnd_cli: HdndCli) -> None:
    out = " ".join(hdnd_cli("summary", "--help").stdout.split())
    assert "(default: same-period-last-year)" in out
    assert "then count the others (default: 1000)" in out


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("sumary", "did you mean 'summary'?"),
        ("valdate", "did you mean 'validate'?"),
        ("conver", "did you mean 'convert'?"),
        (
            "frobnicate",
            "the commands are summary, report, validate, merge, convert, template, export",
        ),
    ],
)
def test_a_mistyped_command_gets_a_suggestion(word: str, said: str, hdnd_cli: HdndCli) -> None:
    result = hdnd_cli(word, "data.json", "--period", "Q1 2023")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"hdnd: error: unknown command '{word}'; {said}" + (
        ", schema, completion (hdnd --help)\n" if word == "frobnicate" else "\n"
    )


def test_a_mistyped_option_gets_a_suggestion(hdnd_cli: HdndCli) -> None:
    result = hdnd_cli("summary", "data.json", *Q1, "--formt", "markdown")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "hdnd: error: unrecognized arguments: --formt markdown; did you mean --format?"
    )


def test_a_mistyped_command_imports_no_command() -> None:
    script = (
        "import sys, hdnd.cli; status = hdnd.cli.main(['sumary']); "
        "print(status, sorted(m for m in sys.modules if m.startswith('hdnd.cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout == "2 ['hdnd.cli._common', 'hdnd.cli._language']\n"


# -- what was written ------------------------------------------------------------------


def test_template_says_what_it_wrote(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    out = tmp_path / "mau.xlsx"
    done = hdnd_cli("template", str(out))
    assert done.returncode == 0
    assert (
        done.stderr == f"hdnd: wrote {out}: an empty workbook, a README and 16 sheets to fill in\n"
    )
    quiet = hdnd_cli("template", str(out), "--force", "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


EXAMPLE_COUNTS = (
    "777 records (councils: 13, people: 42, bodies: 19, positions: 2, deputies: 42, "
    "sessions: 2, meetings: 4, resolutions: 3, oversight: 77, recommendations: 13, "
    "questions: 20, confidence votes: 6, receptions: 429, petitions: 61, voter petitions: 43, "
    "coverage: 1)"
)
"""What examples/data/city-q1-2023.json holds: the lengths of its lists, as ``json.load``
reads them."""


def test_convert_says_what_it_wrote(tmp_path: Path, example_path: Path, hdnd_cli: HdndCli) -> None:
    out = tmp_path / "city.jsonl"
    done = hdnd_cli("convert", str(example_path), str(out))
    assert done.returncode == 0
    assert done.stderr == f"hdnd: wrote {out}: {EXAMPLE_COUNTS}\n"
    assert hdnd_cli("convert", str(example_path), str(out), "-q").stderr == ""
    to_stdout = hdnd_cli("convert", str(out), "-", "--to", "jsonl")
    assert to_stdout.returncode == 0
    assert to_stdout.stderr == ""  # never for standard output
    assert to_stdout.stdout == out.read_text(encoding="utf-8")


def test_convert_by_duckdb_says_what_it_wrote(
    tmp_path: Path, example_path: Path, hdnd_cli: HdndCli
) -> None:
    pytest.importorskip("duckdb")
    lines = tmp_path / "city.jsonl"
    assert hdnd_cli("convert", str(example_path), str(lines), "-q").returncode == 0
    folder = tmp_path / "city.parquet"
    done = hdnd_cli("convert", str(lines), str(folder))  # by DuckDB, not loaded in Python
    assert done.returncode == 0
    assert done.stderr == f"hdnd: wrote {folder}: {EXAMPLE_COUNTS}\n"


def test_report_says_what_it_wrote(tmp_path: Path, example_path: Path, hdnd_cli: HdndCli) -> None:
    out = tmp_path / "bc.docx"
    args = ["report", str(example_path), *Q1, "--output", str(out)]
    done = hdnd_cli(*args, "--council", "tp", "--with-subordinates")
    assert done.returncode == 0
    assert done.stderr == (
        f"hdnd: wrote {out}: a Word report on quý I/2023 for HĐND thành phố (tp) "
        "and the councils under it\n"
    )
    page = tmp_path / "bc.html"
    done = hdnd_cli("report", str(example_path), *Q1, "--format", "html", "--output", str(page))
    assert done.stderr == (
        f"hdnd: wrote {page}: a web page on quý I/2023 for every council in the file (13), "
        "by level\n"
    )
    assert hdnd_cli(*args, "--quiet").stderr == ""
    to_stdout = hdnd_cli("report", str(example_path), *Q1, "--format", "html")
    assert to_stdout.returncode == 0
    assert to_stdout.stderr == ""
    assert to_stdout.stdout.startswith("<!DOCTYPE html>")


# -- shell completion ------------------------------------------------------------------


def every_option() -> set[str]:
    return {flag for _, parser in parsers() for a in parser._actions for flag in a.option_strings}


def completed(script: Path, *words: str) -> list[str]:
    """What the bash script offers after ``words`` (the last one being completed)."""
    test = f"""
source {script}
COMP_WORDS=({" ".join(f"'{w}'" for w in words)}); COMP_CWORD={len(words) - 1}
_hdnd; printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(["bash", "-c", test], capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hdnd.cli.completion import script

    path = tmp_path_factory.mktemp("completion") / "hdnd.bash"
    path.write_text(script("bash", make_parser()), encoding="utf-8")
    return path


def test_the_bash_script_is_bash_naming_every_command_and_option(bash_script: Path) -> None:
    text = bash_script.read_text(encoding="utf-8")
    words = set(text.replace("'", " ").replace("|", " ").replace(")", " ").split())
    assert set(COMMANDS) <= words
    assert every_option() <= words
    if shutil.which("bash"):
        subprocess.run(["bash", "-n", str(bash_script)], check=True)


@pytest.mark.skipif(not shutil.which("bash"), reason="bash is not installed")
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["hdnd", "sum"], ["summary"]),
        (["hdnd", "co"], ["convert", "completion"]),
        (["hdnd", "summary", "--wi"], ["--with-subordinates", "--with-predecessors"]),
        (["hdnd", "summary", "--format", ""], ["text", "markdown", "csv", "json", "xlsx"]),
        (["hdnd", "report", "--format", "=", "h"], ["html"]),
        (["hdnd", "validate", "--lang", "="], ["vi", "en"]),
        (["hdnd", "schema", "--la"], ["--lang"]),
        (["hdnd", "completion", ""], ["bash", "zsh", "fish"]),
        (["hdnd", "summary", "--period", ""], []),
    ],
)
def test_bash_completes(words: list[str], offered: list[str], bash_script: Path) -> None:
    assert completed(bash_script, *words) == offered


@pytest.mark.skipif(not shutil.which("bash"), reason="bash is not installed")
def test_bash_completes_file_names(tmp_path: Path, bash_script: Path) -> None:
    (tmp_path / "q1 2023.xlsx").touch()
    (tmp_path / "q1.json").touch()
    done = subprocess.run(
        [
            "bash",
            "-c",
            f"cd '{tmp_path}' && source {bash_script} && "
            "COMP_WORDS=(hdnd convert q1); COMP_CWORD=2; _hdnd; printf '%s\\n' \"${COMPREPLY[@]}\"",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert sorted(done.stdout.splitlines()) == ["q1 2023.xlsx", "q1.json"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command(shell: str, hdnd_cli: HdndCli) -> None:
    done = hdnd_cli("completion", shell)
    assert done.returncode == 0
    for command in COMMANDS:
        assert f"'{command}:" in done.stdout or f"-a {command} " in done.stdout
    assert "with-subordinates" in done.stdout
    if shutil.which(shell):
        checked = subprocess.run([shell, "-n"], input=done.stdout, capture_output=True, text=True)
        assert (checked.returncode, checked.stderr) == (0, "")


def test_an_unknown_shell_is_a_usage_error(hdnd_cli: HdndCli) -> None:
    done = hdnd_cli("completion", "tcsh")
    assert done.returncode == 2
    assert "invalid choice: 'tcsh'" in done.stderr


@pytest.mark.skipif(not shutil.which("fish"), reason="fish is not installed")
def test_fish_completes(tmp_path: Path, hdnd_cli: HdndCli) -> None:
    script = tmp_path / "hdnd.fish"
    script.write_text(hdnd_cli("completion", "fish").stdout, encoding="utf-8")
    asked = ["hdnd sum", "hdnd summary --format ", "hdnd summary --wi", "hdnd completion "]
    test = f"source {script}; " + "; ".join(f"complete -C '{line}'" for line in asked)
    done = subprocess.run(["fish", "-c", test], capture_output=True, text=True, check=True)
    offered = [line.split("\t")[0] for line in done.stdout.splitlines()]
    assert offered == [
        "summary",
        *["csv", "json", "markdown", "text", "xlsx"],
        *["--with-predecessors", "--with-subordinates"],
        *["bash", "fish", "zsh"],
    ]


ZSHRC = """\
PROMPT=''
autoload -U compinit && compinit -u -D
source $HDND_SCRIPT
compadd() {
  local -a hits
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rl -- ${^hits} >> $HDND_OFFERED
  builtin compadd "$@"
}
complete-then-exit() {
  BUFFER=$HDND_LINE CURSOR=${#HDND_LINE}
  zle complete-word
  BUFFER=exit
  zle accept-line
}
zle -N zle-line-init complete-then-exit
"""
"""An interactive zsh's start-up: with the script sourced, its line editor starts with
$HDND_LINE, completes it (what is offered goes to $HDND_OFFERED), and exits. Nothing is
typed, so nothing depends on when the shell reads its input."""

ZSH_TERMINAL = "zmodload zsh/zpty; zpty z zsh -i; while zpty -r z line; do :; done; zpty -d z"
"""Run that interactive zsh on a terminal (a pseudo-terminal) until it exits."""


@pytest.mark.skipif(not shutil.which("zsh"), reason="zsh is not installed")
@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("hdnd co", ["completion", "convert"]),
        ("hdnd summary --format ", ["csv", "json", "markdown", "text", "xlsx"]),
        ("hdnd report --wi", ["--with-predecessors", "--with-subordinates"]),
        ("hdnd completion ", ["bash", "fish", "zsh"]),
    ],
)
def test_zsh_completes(line: str, offered: list[str], tmp_path: Path, hdnd_cli: HdndCli) -> None:
    script = tmp_path / "_hdnd"
    script.write_text(hdnd_cli("completion", "zsh").stdout, encoding="utf-8")
    (tmp_path / ".zshrc").write_text(ZSHRC, encoding="utf-8")
    out = tmp_path / "offered"
    env = {"ZDOTDIR": str(tmp_path), "HDND_SCRIPT": str(script), "HDND_OFFERED": str(out)}
    env |= {"HDND_LINE": line, "PATH": os.environ.get("PATH", ""), "TERM": "dumb"}
    subprocess.run(["zsh", "-f", "-c", ZSH_TERMINAL], env=env, check=True, timeout=120)
    assert sorted(set(out.read_text(encoding="utf-8").split())) == offered
