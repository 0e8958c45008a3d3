"""``hdnd validate FILE...``: shape, integrity and domain checks, every problem reported."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from hdnd.cli._common import (
    EXIT_CHECKS_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    TOO_LARGE,
    add_limit_options,
    add_quiet_option,
    described,
    limited,
    load,
    load_all,
    sources_of,
)
from hdnd.errors import Dropped, HdndError, InvalidData, Problem

if TYPE_CHECKING:  # imported when a file is checked, not for `hdnd --help`
    from hdnd.checks import Finding
    from hdnd.io.sources import SourceMap

NAME = "validate"
HELP = "check files: shape, integrity and domain rules"
EPILOG = """\
examples:
  hdnd validate examples/data/city-q1-2023.json
  hdnd validate --format json --lang vi data/*.jsonl > findings.json
  hdnd validate --together city.json x-an-phu.xlsx x-hoa-loc.xlsx

Each file is checked on its own. With --together, the files are checked as one dataset,
as `hdnd summary` and `hdnd merge` merge them: each file's shape and ids, then ids that
clash across files, references from one file to another, and the domain checks on the
whole (a commune's workbook may name its parent council described in the city's file).

exit status: 0 valid, 1 a check at error level failed, 2 unreadable or invalid input"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Load each file, report every problem and every check finding."
    parser.add_argument("files", nargs="+", metavar="FILE", help="files to check")
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="lines for people to read, or one JSON document for programs (default: %(default)s)",
    )
    parser.add_argument(
        "--lang",
        choices=["en", "vi"],
        default="en",
        help="the language of the checks' findings (default: %(default)s)",
    )
    parser.add_argument(
        "--together",
        action="store_true",
        help="check the files merged into one dataset, not each on its own",
    )
    add_quiet_option(parser)
    add_limit_options(parser)


@attrs.frozen
class _Result:
    file: str
    counts: dict[str, int] | None  # None: the file did not load
    problems: Sequence[Problem] = ()
    findings: Sequence[Finding] = ()
    dropped: Dropped | None = None  # the problems past --max-problems, counted
    sources: SourceMap | None = None  # where the records came from

    @property
    def problem_count(self) -> int:
        return len(self.problems) + (self.dropped.count if self.dropped else 0)

    def as_dict(self) -> dict[str, Any]:
        more = self.dropped
        return {
            "file": self.file,
            "valid": self.counts is not None,
            "counts": self.counts,
            "problem_count": self.problem_count,
            "problems": [p.as_dict() for p in self.problems],
            "more_problems": None
            if more is None
            else {"count": more.count, "first": more.first.as_dict(), "last": more.last.as_dict()},
            "findings": [self._finding(f) for f in self.findings],
        }

    def _finding(self, finding: Finding) -> dict[str, Any]:
        """A finding as JSON, with ``source``: where its record is in the input."""
        if self.sources is None:
            return finding.as_dict()
        at = self.sources.locate(finding.path, finding.record_id).as_dict()
        del at["message"]
        return {**finding.as_dict(), "source": at}


@limited
def execute(args: argparse.Namespace) -> int:
    from hdnd.checks import Severity

    if args.together:
        merged = functools.partial(load_all, args.files, quiet=args.quiet)
        results = [_validated(" + ".join(args.files), merged)]
    else:
        results = [
            _validated(name, functools.partial(load, name, quiet=args.quiet)) for name in args.files
        ]
    if any(r.counts is None for r in results):
        status = EXIT_INVALID
    elif any(f.severity is Severity.error for r in results for f in r.findings):
        status = EXIT_CHECKS_FAILED
    else:
        status = EXIT_OK
    if args.format == "json":
        report = {"files": [r.as_dict() for r in results], "exit_status": status}
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        _print(results, args.lang, len(args.files) if args.together else None)
    return status


def _validated(name: str, loaded: Callable[[], Any]) -> _Result:
    """The result of checking what ``loaded`` loads, named ``name``."""
    from hdnd.checks import check

    try:
        dataset = loaded()
        findings = check(dataset)
    except InvalidData as e:
        return _Result(name, None, problems=e.problems, dropped=e.dropped)
    except (HdndError, OSError) as e:
        reason = f"cannot read: {e.strerror}" if isinstance(e, OSError) else str(e)
        return _Result(name, None, problems=[Problem(file=name, message=reason)])
    except MemoryError:  # a last resort; the next file may fit
        return _Result(name, None, problems=[Problem(file=name, message=TOO_LARGE)])
    return _Result(name, dataset.counts(), findings=findings, sources=sources_of(dataset))


def _print(results: list[_Result], lang: Literal["en", "vi"], together: int | None) -> None:
    from hdnd.checks import Severity

    out = sys.stdout
    for r in results:
        if r.counts is None:
            n = r.problem_count
            out.write(f"{r.file}: INVALID, {n:,} problem{'s' * (n != 1)}\n")
            out.writelines(f"  {p}\n" for p in r.problems)
            if r.dropped:
                out.write(f"  {r.dropped}\n")
            continue
        counts = ", ".join(f"{key}: {n}" for key, n in r.counts.items() if n)
        out.write(f"{r.file}: valid ({counts or 'no records'})\n")
        out.writelines(f"  {described(f, r.sources, lang)}\n" for f in r.findings)
    invalid = sum(r.counts is None for r in results)
    errors = sum(f.severity is Severity.error for r in results for f in r.findings)
    warnings = sum(f.severity is Severity.warning for r in results for f in r.findings)
    n = len(results) if together is None else together
    files = f"{n} file{'s' * (n != 1)}{' together' if together is not None else ''}"
    out.write(f"{files}: {invalid} invalid, {errors} check errors, {warnings} warnings\n")
