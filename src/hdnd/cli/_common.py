"""What every command shares: exit codes, the parser class, errors turned into messages."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hdnd import errors, i18n, limits
from hdnd.errors import HdndError, InvalidData
from hdnd.i18n import N_
from hdnd.i18n import gettext as _

if TYPE_CHECKING:
    from hdnd.checks import Finding
    from hdnd.dataset import Dataset
    from hdnd.i18n import Language
    from hdnd.io.sources import SourceMap

EXIT_OK = 0
EXIT_CHECKS_FAILED = 1
EXIT_INVALID = 2

TOO_LARGE = N_("too large to process in the memory available")
"""What is said of an input that ran the process out of memory (a last resort: the
readers' own limits name the record or line)."""


class Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors, as we want; keep its messages short, and
    name the option meant when one is mistyped."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        near = nearest_option(self, message)
        if near:
            message = _("{message}; did you mean {option}?").format(message=message, option=near)
        self.exit(EXIT_INVALID, _("hdnd: error: {message}").format(message=message) + "\n")


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each subcommand's parser, by name, in the order ``--help`` lists them.

    >>> from hdnd.cli import make_parser
    >>> list(subparsers(make_parser(["schema"])))
    ['schema']
    """
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def nearest_option(parser: argparse.ArgumentParser, message: str) -> str:
    """The option meant, when argparse's ``message`` (in the language in use) is about
    an unknown option close to one of ``parser``'s (or its subcommands'); else ``""``.

    >>> from hdnd.cli import make_parser
    >>> nearest_option(make_parser(["summary"]), "unrecognized arguments: --formt text")
    '--format'
    >>> nearest_option(make_parser(["summary"]), "unrecognized arguments: data.json")
    ''
    """
    import difflib

    before, _s, after = _("unrecognized arguments: %s").partition("%s")
    if not (message.startswith(before) and message.endswith(after)):
        return ""
    unknown = message[len(before) : len(message) - len(after)]
    known = [
        flag
        for each in (parser, *subparsers(parser).values())
        for action in each._actions
        for flag in action.option_strings
    ]
    for word in unknown.split():
        near = difflib.get_close_matches(word.partition("=")[0], known, n=1, cutoff=0.7)
        if word.startswith("--") and near:
            return near[0]
    return ""


def fail(message: str) -> int:
    """Say what went wrong on standard error; the exit status for invalid input."""
    sys.stderr.write(_("hdnd: error: {message}").format(message=message) + "\n")
    return EXIT_INVALID


OS_REASONS = (
    N_("No such file or directory"),
    N_("Permission denied"),
    N_("Is a directory"),
    N_("Not a directory"),
    N_("File exists"),
    N_("Directory not empty"),
    N_("No space left on device"),
    N_("Read-only file system"),
    N_("File name too long"),
)
"""The system's words for the errors a file most often meets (as ``strerror`` gives
them in English), marked for the catalog; others are left as the system says them."""


def os_reason(error: OSError) -> str:
    """Why the system refused, in the language in use when the catalog knows its words.

    >>> with i18n.language("vi"):
    ...     os_reason(FileNotFoundError(2, "No such file or directory"))
    'không có tệp hoặc thư mục này'
    """
    return _(error.strerror) if error.strerror else str(error)


def describe(error: Exception, name: str | None = None) -> str:
    """A one-line (or one-line-per-problem) account of an error, with the file it concerns."""
    if isinstance(error, InvalidData):
        more = [str(error.dropped)] if error.dropped else []
        return "\n".join([*map(str, error.problems), *more])
    if isinstance(error, OSError):
        where = getattr(error, "filename", None) or name
        reason = os_reason(error)
        return f"{where}: {reason}" if where else reason
    return str(error)


def guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a command; bad input (hdnd's own errors, unreadable files, an input too large
    for the memory) becomes exit status 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except BrokenPipeError:
            raise  # not about the input: the reader of standard output went away (see run)
        except (HdndError, OSError) as e:
            return fail(describe(e))
        except MemoryError:
            pass  # answered below, once the frames that hold the memory are let go
        name = input_name(args)
        return fail(f"{name}: {_(TOO_LARGE)}" if name else _(TOO_LARGE))

    run.__doc__ = command.__doc__
    return run


def input_name(args: argparse.Namespace) -> str | None:
    """The input a command reads, as messages name it: FILE (IN for ``convert``), if any;
    several FILEs (INs for ``merge``) joined by " + "."""
    names = getattr(args, "files", None) or getattr(args, "inputs", None)
    if names is not None:
        return " + ".join("<stdin>" if n == "-" else n for n in names)
    name: str | None = getattr(args, "file", None) or getattr(args, "input", None)
    return "<stdin>" if name == "-" else name


def same_file(a: str, b: str) -> bool:
    """Whether two paths name the same file (an output must never overwrite an input)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def refuse_overwriting(inputs: list[str], output: str | None) -> None:
    """Raise unless ``output`` is standard output or a file that is none of ``inputs``."""
    if output is None or output == "-":
        return
    for name in inputs:
        if name != "-" and same_file(name, output):
            raise RefusedOutput(
                _("{output}: refusing to overwrite the input file").format(output=output)
            )


class RefusedOutput(HdndError):
    """The output named would overwrite an input."""


def load(name: str, stdin_format: str = "json", quiet: bool = True) -> Any:
    """Load a file, or standard input for ``-``; a progress line unless ``quiet``. Where
    each record came from is kept (:func:`sources_of`)."""
    import hdnd

    if name == "-":
        data = sys.stdin.buffer.read()
        return _kept(lambda: hdnd.loads(data, format=stdin_format, file="<stdin>"))  # type: ignore[arg-type]
    return _kept(lambda: hdnd.load(name, opener=opener(quiet)))


def load_all(names: Sequence[str], quiet: bool = True) -> Any:
    """Load one file (or standard input, ``-``), or several merged into one dataset
    (:func:`hdnd.load_merged`); a progress line unless ``quiet``. Where each record came
    from is kept (:func:`sources_of`)."""
    import hdnd

    if len(names) == 1:
        return load(names[0], quiet=quiet)
    if "-" in names:
        raise HdndError(_("standard input (-) is read alone: it cannot be merged with files"))
    return _kept(lambda: hdnd.load_merged(names, opener=opener(quiet)))


# The source map of each dataset loaded (by the dataset's id, while it lives): the
# commands pass datasets around, and the lines of findings need their sources.
_SOURCES: dict[int, SourceMap] = {}


def _kept(load: Callable[[], Dataset]) -> Dataset:
    """The dataset ``load`` loads; its source map kept for :func:`sources_of`."""
    import weakref

    from hdnd.io.sources import located

    loaded = located(load)
    key = id(loaded.dataset)
    _SOURCES[key] = loaded.sources
    weakref.finalize(loaded.dataset, _SOURCES.pop, key, None)
    return loaded.dataset


def sources_of(dataset: Dataset | None) -> SourceMap | None:
    """Where the records of ``dataset``, loaded by :func:`load` or :func:`load_all`, came
    from (``None``: not loaded so, or no dataset)."""
    return None if dataset is None else _SOURCES.get(id(dataset))


def described(finding: Finding, sources: SourceMap | None, lang: Language = "en") -> str:
    """A finding as a line: at its place in a workbook or CSV table (sheet, row, column) or
    in one of several files merged; else as :meth:`~hdnd.checks.Finding.describe` writes it.

    >>> from hdnd.checks import Finding, Severity
    >>> from hdnd.io.sources import Origin, SourceMap
    >>> f = Finding(code="HDND-R011", severity=Severity.warning, path=("receptions", 0, "persons"),
    ...             record_id="r1", message_vi="số người ít hơn số lượt",
    ...             message_en="persons fewer than turns")
    >>> sheet = Origin("receptions", "q1.xlsx", "table", [5], sheet="Tiếp công dân",
    ...                columns={"persons": ("D", "Công dân / Persons")}, spreadsheet=True)
    >>> print(described(f, SourceMap({"receptions": sheet})))
    q1.xlsx, sheet Tiếp công dân, row 5, column D (Persons): HDND-R011 warning: persons fewer \
than turns
    >>> print(described(f, None))
    HDND-R011 warning receptions[0].persons (id 'r1'): persons fewer than turns
    """
    return finding.describe(lang, at=located_at(finding, sources))


def located_at(finding: Finding, sources: SourceMap | None) -> str | None:
    """Where a finding's record is in the input, file first, when that says more than its
    path: a workbook's or CSV table's row and column, or one of several files merged."""
    if sources is None:
        return None
    at = sources.locate(finding.path)
    if at.in_table:  # the record's id is in its row: not repeated
        return at.position
    if sources.parts:
        return sources.locate(finding.path, finding.record_id).position
    return None


def opener(quiet: bool) -> Callable[[Any], Any]:
    """How to open an input file: with a progress line on a terminal, unless ``quiet``."""
    import functools

    from hdnd._progress import opened, wanted

    return functools.partial(opened, show=wanted(quiet))


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """``--max-problems N`` and ``--limit NAME=VALUE``, which :func:`limited` applies."""
    parser.add_argument(
        "--max-problems",
        type=_positive,
        default=errors.MAX_PROBLEMS,
        metavar="N",
        help=_(
            "list at most N problems of a bad file, then count the others (default: %(default)s)"
        ),
    )
    parser.add_argument(
        "--limit",
        action="append",
        type=_assignment,
        default=[],
        metavar="NAME=VALUE",
        help=_(
            "raise (or lower) one of the limits on what is read, e.g. xlsx.MAX_ROWS=500000 "
            "or parquet.MAX_TEXT_BYTES=8MiB; may be given again (default: every limit at its "
            "default, all listed in docs/security.md)"
        ),
    )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            _("expected a whole number of at least 1, got {text!r}").format(text=text)
        )
    return int(text)


def _assignment(text: str) -> tuple[str, str]:
    """A ``--limit``, checked while the command line is read (a usage error, exit 2)."""
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(_("expected NAME=VALUE, got {text!r}").format(text=text))
    try:
        limit = limits.find(name.strip())
        limits.parse_value(value, limit.value)
    except limits.UnknownLimit as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return limit.name, value


def limited(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a command with its ``--limit`` values and ``--max-problems`` in force, then
    put the limits back (:func:`hdnd.limits.raised`)."""

    def run(args: argparse.Namespace) -> int:
        values = dict(args.limit)
        values.setdefault("hdnd.errors.MAX_PROBLEMS", str(args.max_problems))
        with limits.raised(values):
            return command(args)

    run.__doc__ = command.__doc__
    return run


PROGRESS = N_("no progress line on standard error while reading (shown on a terminal only)")
"""What ``--quiet`` silences for a command that reads a file and writes no file."""

CONFIRMATION = N_("no line on standard error saying what was written")
"""What ``--quiet`` silences for a command that writes a file (:func:`confirm`)."""


def add_quiet_option(parser: argparse.ArgumentParser, silences: str = PROGRESS) -> None:
    """``-q``/``--quiet``: no progress line (there is one only on a terminal anyway), or
    no confirmation, as ``silences`` (a message marked with ``N_``) says."""
    parser.add_argument("-q", "--quiet", action="store_true", help=_(silences))


def confirm(args: argparse.Namespace, output: str | None, what: str) -> None:
    """Say on standard error, in one line, that ``output`` was written and what it holds;
    nothing for standard output (``None`` or ``-``) or with ``--quiet``.

    >>> saved, sys.stderr = sys.stderr, sys.stdout  # as a terminal shows both
    >>> confirm(argparse.Namespace(quiet=False), "q1.json", "813 records")
    hdnd: wrote q1.json: 813 records
    >>> confirm(argparse.Namespace(quiet=False), "-", "813 records")
    >>> confirm(argparse.Namespace(quiet=True), "q1.json", "813 records")
    >>> sys.stderr = saved
    """
    if output is None or output == "-" or getattr(args, "quiet", False):
        return
    sys.stderr.write(_("hdnd: wrote {output}: {what}").format(output=output, what=what) + "\n")


def counted(counts: Mapping[str, int]) -> str:
    """What a dataset holds, for a confirmation: its records, then each type's number.

    >>> counted({"councils": 13, "people": 0, "voter_petitions": 2})
    '15 records (councils: 13, voter petitions: 2)'
    >>> counted({"councils": 1})
    '1 record (councils: 1)'
    >>> with i18n.language("vi"):
    ...     counted({"councils": 13, "voter_petitions": 2})
    '15 bản ghi (Hội đồng nhân dân: 13, Ý kiến, kiến nghị cử tri: 2)'
    """
    total = sum(counts.values())
    each = ", ".join(f"{kind_name(key)}: {n:,}" for key, n in counts.items() if n)
    records = i18n.ngettext("{n} record", "{n} records", total).format(n=f"{total:,}")
    return records + (f" ({each})" if each else "")


def kind_name(key: str) -> str:
    """The name of a record type, by its collection key, in the language in use: the
    key's words in English, the field spec's title in Vietnamese (:mod:`hdnd.spec`).

    >>> kind_name("voter_petitions")
    'voter petitions'
    >>> with i18n.language("vi"):
    ...     kind_name("receptions")
    'Tiếp công dân'
    """
    if i18n.current() == "vi":
        from hdnd.spec import RECORDS

        return next(r.title_vi for r in RECORDS if r.key == key)
    return key.replace("_", " ")


def write_text(output: str | None, text: str | bytes) -> None:
    """Write a command's text output (UTF-8 bytes or text), ending in a newline:
    standard output, or a file written atomically."""
    data = text if isinstance(text, bytes) else text.encode()
    if not data.endswith(b"\n"):
        data += b"\n"
    if output is None or output == "-":
        out = sys.stdout
        buffer = getattr(out, "buffer", None)
        if buffer is None or out.isatty():  # a terminal shows text in its own encoding
            out.write(data.decode())
            return
        # a pipe or a file takes UTF-8 as it is, whatever the system's code page
        out.flush()
        buffer.write(data)
        buffer.flush()
        return
    from hdnd.io.files import write_atomic

    write_atomic(output, lambda f: f.write(data))


def add_period_options(parser: argparse.ArgumentParser, council_help: str) -> None:
    """The options that say what to summarise: period, cut-off, council, levels, comparison
    (``council_help``: what ``--council`` names, translated)."""
    parser.add_argument(
        "--period",
        required=True,
        help=_('the period, e.g. "quý I/2023", "6 tháng đầu năm 2023", "năm 2023" (required)'),
    )
    parser.add_argument(
        "--cutoff-day",
        type=int,
        default=None,
        metavar="DAY",
        help=_("close monthly figures on this day (default: calendar months)"),
    )
    parser.add_argument(
        "--council",
        default=None,
        metavar="COUNCIL",
        help=_("{council}; its id, unit code or name, case and diacritics aside").format(
            council=council_help
        ),
    )
    parser.add_argument(
        "--with-subordinates",
        action="store_true",
        help=_("add every council under it, with a breakdown by level"),
    )
    parser.add_argument(
        "--with-predecessors",
        action="store_true",
        help=_("add the councils merged into it (predecessor_ids), and theirs"),
    )
    parser.add_argument(
        "--compare",
        choices=["same-period-last-year", "previous-period", "none"],
        default="same-period-last-year",
        help=_(
            "compare the figures with the same period a year before, the period just "
            "before, or nothing (default: %(default)s)"
        ),
    )


def periods_of(args: argparse.Namespace) -> list[Any]:
    """The period asked for, then the one to compare it with (unless ``--compare none``)."""
    import hdnd

    period = hdnd.parse_period(args.period, cutoff_day=args.cutoff_day)
    if args.compare == "none":
        return [period]
    return [period, hdnd.baseline(period, args.compare)]
