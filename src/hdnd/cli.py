"""The ``hdnd`` command: a thin shell over the library.

Exit codes: 0 all good; 1 a domain check at error level failed; 2 the input
could not be read or is not valid hdnd data, or the command line is wrong.

>>> main(["--version"])  # doctest: +ELLIPSIS
hdnd ...
0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from hdnd._version import __version__
from hdnd.checks import Finding, Severity
from hdnd.errors import HdndError, InvalidData, Problem

__all__ = ["EXIT_CHECKS_FAILED", "EXIT_INVALID", "EXIT_OK", "main", "run"]

EXIT_OK = 0
EXIT_CHECKS_FAILED = 1
EXIT_INVALID = 2

_VALIDATE_EXAMPLE = """\
examples:
  hdnd validate examples/data/city-q1-2023.json
  hdnd validate --format json --lang vi data/*.jsonl > findings.json

exit status: 0 valid, 1 a check at error level failed, 2 unreadable or invalid input"""

_CONVERT_EXAMPLE = """\
examples:
  hdnd convert examples/data/city-q1-2023.json city.jsonl
  hdnd convert city.jsonl - --to json | less
  cat city.jsonl | hdnd convert - city.json --from jsonl

The output is written to a temporary file beside OUT and renamed over it when
complete; hdnd never overwrites its input."""


_SUMMARY_EXAMPLE = """\
examples:
  hdnd summary examples/data/city-q1-2023.json --period "quý I/2023" \\
      --council tp --with-subordinates
  hdnd summary data.jsonl --period "6 tháng đầu năm 2023" --lang en --format markdown
  hdnd summary data.json --period "Q1 2023" --compare previous-period --format csv --output q1.csv

Periods: "quý I/2023", "Q1 2023", "tháng 3/2023", "6 tháng đầu năm 2023", "9 tháng năm 2023",
"năm 2023", "nhiệm kỳ 2021-2026", "2023-01-01/2023-03-31". A .jsonl file is read as a stream."""


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors, as we want; keep its messages short."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"hdnd: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="hdnd",
        description="Typed data, validation and reports for Vietnam's People's Councils (HĐND).",
        epilog="example: hdnd validate examples/data/city-q1-2023.json",
    )
    parser.add_argument("--version", action="version", version=f"hdnd {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    fmt = argparse.RawDescriptionHelpFormatter
    validate = commands.add_parser(
        "validate",
        help="check files: shape, integrity and domain rules",
        description="Load each file, report every problem and every check finding.",
        epilog=_VALIDATE_EXAMPLE,
        formatter_class=fmt,
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help=".json or .jsonl files")
    validate.add_argument("--format", choices=["text", "json"], default="text")
    validate.add_argument("--lang", choices=["en", "vi"], default="en", help="findings' language")

    convert = commands.add_parser(
        "convert",
        help="convert between .json and .jsonl",
        description="Read IN, check it, and write it to OUT in the format OUT's extension names.",
        epilog=_CONVERT_EXAMPLE,
        formatter_class=fmt,
    )
    convert.add_argument("input", metavar="IN", help="input file, or - for standard input")
    convert.add_argument("output", metavar="OUT", help="output file, or - for standard output")
    convert.add_argument(
        "--from",
        dest="from_format",
        choices=["json", "jsonl"],
        default="json",
        help="format of standard input (default json)",
    )
    convert.add_argument(
        "--to",
        dest="to_format",
        choices=["json", "jsonl"],
        default="json",
        help="format of standard output (default json)",
    )

    summary = commands.add_parser(
        "summary",
        help="summarise a period, compared with the same period last year",
        description="Count what the councils did in a period and write a report.",
        epilog=_SUMMARY_EXAMPLE,
        formatter_class=fmt,
    )
    summary.add_argument("file", metavar="FILE", help=".json or .jsonl file")
    summary.add_argument("--period", required=True, help='e.g. "quý I/2023"')
    summary.add_argument(
        "--cutoff-day",
        type=int,
        default=None,
        metavar="DAY",
        help="close monthly figures on this day (default: calendar months)",
    )
    summary.add_argument(
        "--council",
        default=None,
        metavar="ID",
        help="the council to summarise (default: every council in the file)",
    )
    summary.add_argument(
        "--with-subordinates",
        action="store_true",
        help="add every council under it, with a breakdown by level",
    )
    summary.add_argument(
        "--compare",
        choices=["same-period-last-year", "previous-period", "none"],
        default="same-period-last-year",
    )
    summary.add_argument("--format", choices=["text", "markdown", "json", "csv"], default="text")
    summary.add_argument("--lang", choices=["vi", "en"], default="vi")
    summary.add_argument(
        "--template",
        default=None,
        metavar="PATH",
        help="a Jinja2 prose template of your own (format text)",
    )
    summary.add_argument(
        "--output",
        default=None,
        metavar="PATH",
        help="write the report here, atomically (default: standard output)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``hdnd`` command with ``argv`` (default: the process's arguments).

    >>> main(["validate"])
    Traceback (most recent call last):
    ...
    SystemExit: 2
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version: argparse printed already
        if e.code in (0, None):
            return EXIT_OK
        raise
    if args.command == "validate":
        return _validate(args.files, args.format, args.lang)
    if args.command == "convert":
        return _convert(args.input, args.output, args.from_format, args.to_format)
    if args.command == "summary":
        return _summary(args)
    parser.print_help(sys.stderr)
    return EXIT_INVALID


@attrs.frozen
class _Result:
    file: str
    counts: dict[str, int] | None  # None: the file did not load
    problems: Sequence[Problem] = ()
    findings: Sequence[Finding] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "valid": self.counts is not None,
            "counts": self.counts,
            "problems": [p.as_dict() for p in self.problems],
            "findings": [f.as_dict() for f in self.findings],
        }


def _validate(files: list[str], fmt: str, lang: Literal["en", "vi"]) -> int:
    from hdnd.checks import check

    results = []
    for name in files:
        try:
            dataset = _load(name)
        except InvalidData as e:
            results.append(_Result(name, None, problems=e.problems))
        except (HdndError, OSError) as e:
            results.append(_Result(name, None, problems=[Problem(file=name, message=_message(e))]))
        else:
            results.append(_Result(name, dataset.counts(), findings=check(dataset)))
    if any(r.counts is None for r in results):
        status = EXIT_INVALID
    elif any(f.severity is Severity.error for r in results for f in r.findings):
        status = EXIT_CHECKS_FAILED
    else:
        status = EXIT_OK
    if fmt == "json":
        report = {"files": [r.as_dict() for r in results], "exit_status": status}
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_results(results, lang)
    return status


def _print_results(results: list[_Result], lang: Literal["en", "vi"]) -> None:
    out = sys.stdout
    for r in results:
        if r.counts is None:
            n = len(r.problems)
            out.write(f"{r.file}: INVALID, {n} problem{'s' * (n != 1)}\n")
            out.writelines(f"  {p}\n" for p in r.problems)
            continue
        counts = ", ".join(f"{key}: {n}" for key, n in r.counts.items() if n)
        out.write(f"{r.file}: valid ({counts or 'no records'})\n")
        out.writelines(f"  {f.describe(lang)}\n" for f in r.findings)
    invalid = sum(r.counts is None for r in results)
    errors = sum(f.severity is Severity.error for r in results for f in r.findings)
    warnings = sum(f.severity is Severity.warning for r in results for f in r.findings)
    n = len(results)
    out.write(
        f"{n} file{'s' * (n != 1)}: {invalid} invalid, {errors} check errors, {warnings} warnings\n"
    )


def _load(name: str, stdin_format: str = "json") -> Any:
    import hdnd

    if name == "-":
        return hdnd.loads(sys.stdin.buffer.read(), format=stdin_format, file="<stdin>")  # type: ignore[arg-type]
    return hdnd.load(name)


def _message(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror}"  # the file name is said elsewhere
    return str(error)


def _convert(source: str, target: str, from_format: str, to_format: str) -> int:
    import hdnd
    from hdnd.io import format_of

    try:
        if target != "-":
            format_of(target)
            if source != "-" and _same_file(source, target):
                return _fail(f"{target}: refusing to overwrite the input file")
        dataset = _load(source, from_format)
        if target == "-":
            sys.stdout.write(hdnd.dumps(dataset, format=to_format))  # type: ignore[arg-type]
        else:
            hdnd.dump(dataset, target)
    except InvalidData as e:
        return _fail("\n".join(str(p) for p in e.problems))
    except (HdndError, OSError) as e:
        name = getattr(e, "filename", None) or source
        return _fail(f"{name}: {_message(e)}" if isinstance(e, OSError) else str(e))
    return EXIT_OK


def _summary(args: argparse.Namespace) -> int:
    import hdnd
    from hdnd.periods import parse_period
    from hdnd.report import render

    try:
        if args.output is not None and _same_file(args.file, args.output):
            return _fail(f"{args.output}: refusing to overwrite the input file")
        period = parse_period(args.period, cutoff_day=args.cutoff_day)
        periods = (
            [period] if args.compare == "none" else [period, hdnd.baseline(period, args.compare)]
        )
        summaries = _summarize(args.file, periods, args.council, args.with_subordinates)
        comparison = hdnd.compare(*summaries) if len(summaries) == 2 else None
        text = render(
            summaries[0], comparison, lang=args.lang, format=args.format, template=args.template
        )
    except InvalidData as e:
        return _fail("\n".join(str(p) for p in e.problems))
    except (HdndError, OSError) as e:
        name = getattr(e, "filename", None) or args.file
        return _fail(f"{name}: {_message(e)}" if isinstance(e, OSError) else str(e))
    if args.output is None:
        sys.stdout.write(text + "\n")
    else:
        from hdnd.io.files import write_atomic

        write_atomic(args.output, lambda f: f.write(text.encode() + b"\n"))
    return EXIT_OK


def _summarize(
    name: str, periods: list[Any], council: str | None, with_subordinates: bool
) -> list[Any]:
    """Summaries of a file: a document loaded and checked, JSON Lines streamed.

    A stream is checked line by line and stops at its first bad line; the file is
    then loaded whole, so that the error lists every problem, as ``validate`` would.
    """
    import hdnd
    from hdnd.io import format_of
    from hdnd.summary import summarize_periods

    if format_of(name) != "jsonl":
        return summarize_periods(hdnd.load(name).records(), periods, council, with_subordinates)
    try:
        return summarize_periods(hdnd.iter_records(name), periods, council, with_subordinates)
    except InvalidData:
        hdnd.load(name)  # raises with every problem
        raise


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def _fail(message: str) -> int:
    sys.stderr.write(f"hdnd: error: {message}\n")
    return EXIT_INVALID


def run() -> None:
    """Console-script entry point: run :func:`main` and exit with its status.

    >>> import sys
    >>> sys.argv = ["hdnd", "--version"]
    >>> run()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    SystemExit: 0
    """
    sys.exit(main())
