"""``hdnd summary FILE --period ...``: the main job, a period report with its comparison."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from hdnd.cli._common import (
    EXIT_OK,
    add_limit_options,
    add_period_options,
    add_quiet_option,
    confirm,
    fail,
    guarded,
    limited,
    load_all,
    opener,
    periods_of,
    refuse_overwriting,
    write_text,
)
from hdnd.cli._language import of_document
from hdnd.cli._signing import add_signing_options, note_unchecked, vet
from hdnd.i18n import N_
from hdnd.i18n import gettext as _
from hdnd.report import TEXT_FORMATS

NAME = "summary"
HELP = N_("summarise a period, compared with the same period last year")
EPILOG = N_("""\
examples:
  hdnd summary examples/data/city-q1-2023.json --period "quý I/2023" \\
      --council tp --with-subordinates
  hdnd summary data.jsonl --period "6 tháng đầu năm 2023" --lang en --format markdown
  hdnd summary data.json --period "Q1 2023" --compare previous-period --format csv --output q1.csv
  hdnd summary term.parquet --period "năm 2027" --engine duckdb
  hdnd summary city.json x-an-phu.xlsx x-hoa-loc.xlsx --period "quý I/2025" \\
      --council "thành phố" --with-subordinates

Periods: "quý I/2023", "Q1 2023", "tháng 3/2023", "6 tháng đầu năm 2023", "9 tháng năm 2023",
"năm 2023", "nhiệm kỳ 2021-2026", "2023-01-01/2023-03-31". A .jsonl file is read as a stream.
Several files are merged into one dataset, as `hdnd merge` does, and loaded whole (a .jsonl
too): ids must not clash across them; a record found identical in several counts once.
--council takes an id, a unit code or a name ("tan phong" finds "HĐND phường Tân Phong").

The domain checks run first on a file loaded whole (those of `hdnd validate`; not on a
stream): a finding on the councils and period summarised is printed on standard error; an
error stops a text or markdown report (exit 1, nothing written) unless --allow-errors is
given, which writes it marked "DỰ THẢO" (draft); csv and json, data rather than documents,
are written unmarked. A period with no records is said on standard error (exit 0;
--strict: 1).""")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = _("Count what the councils did in a period and write a report.")
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help=_("the data file; several are merged into one")
    )
    add_period_options(parser, _("the council to summarise (default: every council in the file)"))
    parser.add_argument(
        "--format",
        choices=[*TEXT_FORMATS, "xlsx"],
        default="text",
        help=_(
            "the report as prose (text, markdown) or as data (csv, json; xlsx, an Excel "
            "workbook, needs --output) (default: %(default)s)"
        ),
    )
    parser.add_argument(
        "--template",
        default=None,
        metavar="PATH",
        help=_("a Jinja2 prose template of your own (format text; default: hdnd's prose)"),
    )
    parser.add_argument(
        "--output",
        default=None,
        metavar="PATH",
        help=_("write the report here, atomically (default or -: standard output)"),
    )
    parser.add_argument(
        "--engine",
        choices=["python", "duckdb"],
        default="python",
        help=_(
            "who counts a Parquet folder (default: %(default)s): Python, which loads it "
            "whole, or DuckDB, in a "
            "fifth of the time and two thirds of the memory at a million records (needs "
            "hdnd[duckdb]; the same figures and the same errors). A .jsonl file is always "
            "streamed by Python: DuckDB took twice the time and 6 times the memory "
            "(docs/performance.md)"
        ),
    )
    add_trend_option(parser)
    add_signing_options(parser)
    add_quiet_option(parser)
    add_limit_options(parser)


def add_trend_option(parser: argparse.ArgumentParser) -> None:
    """``--trend N``: the main figures over the last N periods of the kind of ``--period``."""
    from hdnd.trend import MAX_PERIODS, MIN_PERIODS

    parser.add_argument(
        "--trend",
        type=_trend_length,
        default=None,
        metavar="N",
        help=_(
            "also give the main figures over the last N periods of the same kind, ending "
            "with --period (4 quarters, 3 years...): a table, and a chart in a web page or "
            "Word report (N from {least} to {most}; default: none)"
        ).format(least=MIN_PERIODS, most=MAX_PERIODS),
    )


def _trend_length(text: str) -> int:
    """How many periods ``--trend`` asks for, checked while the command line is read."""
    from hdnd.trend import MAX_PERIODS, MIN_PERIODS

    if not text.isdigit() or not MIN_PERIODS <= int(text) <= MAX_PERIODS:
        raise argparse.ArgumentTypeError(
            _("expected a whole number from {least} to {most}, got {text!r}").format(
                least=MIN_PERIODS, most=MAX_PERIODS, text=text
            )
        )
    return int(text)


def with_trend(args: argparse.Namespace, periods: list[Any]) -> list[Any]:
    """``periods``, then those of ``--trend`` (ending with the first), to count in one pass."""
    from hdnd.trend import trend_periods

    return periods if args.trend is None else [*periods, *trend_periods(periods[0], args.trend)]


def split_trend(summaries: list[Any], asked: int) -> tuple[list[Any], Any]:
    """The summaries of the ``asked`` periods, and the trend of the others (``None``: none).

    >>> split_trend(["q1", "q1 last year"], 2)
    (['q1', 'q1 last year'], None)
    """
    from hdnd.trend import Trend

    rest = summaries[asked:]
    return summaries[:asked], Trend(tuple(rest)) if rest else None


@guarded
@limited
def execute(args: argparse.Namespace) -> int:
    import hdnd
    from hdnd.io import format_of
    from hdnd.report import json_bytes, render

    refuse_overwriting([*args.files, *([args.template] if args.template else [])], args.output)
    if args.format == "xlsx" and args.output in (None, "-"):
        return fail(_("an Excel workbook is a file: give --output PATH.xlsx"))
    if args.format == "csv" and args.trend is not None:
        return fail(_("--trend: a csv report is one table; use --format json, markdown or xlsx"))
    several = len(args.files) > 1
    if several and args.engine == "duckdb":
        return fail(
            _("--engine duckdb reads one file; several files are merged and counted by Python")
        )
    # prose without --council goes level by level (a national file names levels, not
    # thousands of councils); data (csv, json) splits by level only when asked to
    document = args.format in ("text", "markdown")
    by_level = args.with_subordinates or (args.council is None and document)
    dataset = None
    file = args.files[0]
    if not several and (args.engine == "duckdb" or format_of(file) == "jsonl"):
        note_unchecked(file, args.quiet)  # before the progress line, which ends last
    if args.engine == "duckdb" and not streamed_anyway(file, args.quiet):
        from hdnd._progress import wanted
        from hdnd.sql import summarize_file

        summaries = summarize_file(
            file,
            with_trend(args, periods_of(args)),
            args.council,
            by_level,
            args.with_predecessors,
            progress=wanted(args.quiet),
        )
    else:
        summaries, dataset = summaries_of(
            args.files,
            with_trend(args, periods_of(args)),
            args.council,
            by_level,
            args.with_predecessors,
            quiet=args.quiet,
        )
    summaries, trend = split_trend(summaries, len(periods_of(args)))
    # CSV, JSON and a workbook are data: written, with the errors said, unmarked
    verdict = vet(args, dataset, summaries[0], document=document)
    if verdict.status is not None:
        return verdict.status
    comparison = hdnd.compare(*summaries) if len(summaries) == 2 else None
    if args.format == "xlsx":
        from hdnd.report.xlsx import write_xlsx

        write_xlsx(summaries[0], comparison, args.output, lang=of_document(args), trend=trend)
        what = _("an Excel workbook on {period}").format(period=summaries[0].period)
        confirm(args, args.output, what)
        return EXIT_OK
    if args.format == "json":  # bytes as they are: a national summary is some 5 MB
        data = json_bytes(summaries[0], comparison, trend=trend, lang=of_document(args))
        write_text(args.output, data)
        return EXIT_OK
    text = render(
        summaries[0],
        comparison,
        lang=of_document(args),
        format=args.format,
        template=args.template,
        draft=verdict.draft,
        trend=trend,
    )
    write_text(args.output, text)
    return EXIT_OK


def streamed_anyway(name: str, quiet: bool) -> bool:
    """Whether ``--engine duckdb`` gives way to Python, which streams a ``.jsonl`` file
    faster and in less memory; unless ``quiet``, a note on a terminal says so.

    >>> streamed_anyway("national.jsonl", quiet=True), streamed_anyway("term.parquet", True)
    (True, False)
    """
    from hdnd._progress import wanted
    from hdnd.io import format_of

    if format_of(name) != "jsonl":
        return False
    if wanted(quiet):
        note = _(
            "hdnd: note: {name} is streamed by Python: the DuckDB engine is for Parquet "
            "folders (docs/performance.md)"
        )
        sys.stderr.write(note.format(name=name) + "\n")
    return True


def summaries_of(
    names: list[str],
    periods: list[Any],
    council: str | None,
    with_subordinates: bool,
    with_predecessors: bool = False,
    quiet: bool = True,
    by_council: bool = False,
) -> tuple[list[Any], Any]:
    """Summaries of a file, and its dataset: a document loaded whole (its checks can run),
    JSON Lines streamed (no dataset: ``None``); several files merged, loaded whole.

    See :func:`hdnd.pipeline.summarize_path`; unless ``quiet``, a progress line shows on
    a terminal.
    """
    from hdnd.io import format_of
    from hdnd.pipeline import summarize_path
    from hdnd.summary import summarize_periods

    scope = (council, with_subordinates, with_predecessors)
    if len(names) == 1 and format_of(names[0]) == "jsonl":
        streamed = summarize_path(
            names[0], periods, *scope, by_council=by_council, opener=opener(quiet)
        )
        return streamed, None
    dataset = load_all(names, quiet=quiet)
    return summarize_periods(dataset.records(), periods, *scope, by_council=by_council), dataset
