"""``hdnd validate FILE...``: shape, integrity and domain checks, every problem reported."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from hdnd import i18n
from hdnd.cli._common import (
    EXIT_CHECKS_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    TOO_LARGE,
    add_limit_options,
    add_quiet_option,
    described,
    kind_name,
    limited,
    load,
    load_all,
    os_reason,
    sources_of,
)
from hdnd.errors import Dropped, HdndError, InvalidData, Problem
from hdnd.i18n import N_, ngettext
from hdnd.i18n import gettext as _

if TYPE_CHECKING:  # imported when a file is checked, not for `hdnd --help`
    from hdnd.checks import Finding
    from hdnd.io.sources import SourceMap

NAME = "validate"
HELP = N_("check files: shape, integrity and domain rules")
EPILOG = N_("""\
examples:
  hdnd validate examples/data/city-q1-2023.json
  hdnd validate --format json --lang vi data/*.jsonl > findings.json
  hdnd validate --together city.json x-an-phu.xlsx x-hoa-loc.xlsx

Each file is checked on its own. With --together, the files are checked as one dataset,
as `hdnd summary` and `hdnd merge` merge them: each file's shape and ids, then ids that
clash across files, references from one file to another, and the domain checks on the
whole (a commune's workbook may name its parent council described in the city's file).

exit status: 0 valid, 1 a check at error level failed, 2 unreadable or invalid input""")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = _("Load each file, report every problem and every check finding.")
    parser.add_argument("files", nargs="+", metavar="FILE", help=_("files to check"))
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help=_(
            "lines for people to read, or one JSON document for programs (default: %(default)s)"
        ),
    )
    parser.add_argument(
        "--together",
        action="store_true",
        help=_("check the files merged into one dataset, not each on its own"),
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
        _print(results, len(args.files) if args.together else None)
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
        reason = (
            _("cannot read: {reason}").format(reason=os_reason(e))
            if isinstance(e, OSError)
            else str(e)
        )
        return _Result(name, None, problems=[Problem(file=name, message=reason)])
    except MemoryError:  # a last resort; the next file may fit
        return _Result(name, None, problems=[Problem(file=name, message=_(TOO_LARGE))])
    return _Result(name, dataset.counts(), findings=findings, sources=sources_of(dataset))


def _print(results: list[_Result], together: int | None) -> None:

    out = sys.stdout
    lang = i18n.current()
    for r in results:
        if r.counts is None:
            n = r.problem_count
            invalid = ngettext("{file}: INVALID, {n} problem", "{file}: INVALID, {n} problems", n)
            out.write(invalid.format(file=r.file, n=f"{n:,}") + "\n")
            out.writelines(f"  {p}\n" for p in r.problems)
            if r.dropped:
                out.write(f"  {r.dropped}\n")
            continue
        counts = ", ".join(f"{_key(key)}: {n}" for key, n in r.counts.items() if n)
        valid = _("{file}: valid ({counts})").format(file=r.file, counts=counts or _("no records"))
        out.write(valid + "\n")
        out.writelines(f"  {described(f, r.sources, lang)}\n" for f in r.findings)
    out.write(_summary_line(results, together) + "\n")


def _key(key: str) -> str:
    """A record type in the counts of a valid file: its key in English (as the JSON
    output), its title in Vietnamese."""
    return kind_name(key) if i18n.current() == "vi" else key


def _summary_line(results: list[_Result], together: int | None) -> str:
    """The last line: how many files, invalid ones, check errors and warnings.

    >>> _summary_line([_Result("a.json", None)], together=None)
    '1 file: 1 invalid, 0 check errors, 0 warnings'
    >>> with i18n.language("vi"):
    ...     _summary_line([_Result("a.json", {})], together=2)
    '2 tệp gộp chung: 0 tệp không hợp lệ, 0 lỗi kiểm tra, 0 cảnh báo'
    """
    from hdnd.checks import Severity

    findings = [f for r in results for f in r.findings]
    n = len(results) if together is None else together
    files = (
        ngettext("{n} file", "{n} files", n)
        if together is None
        else ngettext("{n} file together", "{n} files together", n)
    )
    return _("{files}: {invalid} invalid, {errors} check errors, {warnings} warnings").format(
        files=files.format(n=n),
        invalid=sum(r.counts is None for r in results),
        errors=sum(f.severity is Severity.error for f in findings),
        warnings=sum(f.severity is Severity.warning for f in findings),
    )
