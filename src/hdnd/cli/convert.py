"""``hdnd convert IN OUT``: between any two formats, by path; never over its input."""

from __future__ import annotations

import argparse
import sys
from typing import get_args

from hdnd.cli._common import (
    EXIT_OK,
    add_limit_options,
    add_quiet_option,
    confirm,
    counted,
    guarded,
    limited,
    load,
    refuse_overwriting,
)
from hdnd.errors import Problem
from hdnd.i18n import N_
from hdnd.i18n import gettext as _
from hdnd.io import TextFormat

NAME = "convert"
HELP = N_("convert between formats (.json, .jsonl, CSV tables, .zip, .xlsx, .parquet)")
EPILOG = N_("""\
examples:
  hdnd convert examples/data/city-q1-2023.json city.xlsx
  hdnd convert city.xlsx city.json
  hdnd convert city.json tables/ --bom          (CSV tables in a directory, for Excel)
  hdnd convert tables/ city.zip
  hdnd convert city.jsonl - --to json | less
  cat city.jsonl | hdnd convert - city.json --from jsonl
  hdnd convert term.jsonl term.parquet          (a Parquet file per record type)

The format follows each path: .json, .jsonl (.ndjson), .zip (CSV tables), .xlsx
(Excel workbook, needs hdnd[excel]), .parquet (a folder of Parquet files, one per
record type, needs hdnd[duckdb]; from .jsonl, converted by DuckDB without loading
the file in Python); a directory, or a path ending in / or without extension, is
CSV tables, one file per record type. A file is written to a temporary
file beside OUT and renamed over it when complete; a directory (CSV tables, a
.parquet folder) is written whole beside OUT and renamed into its place, and must
be new, empty or hold only hdnd tables. hdnd never overwrites its input.""")


QUIET = N_(
    "no progress line on standard error while reading (shown on a terminal only), "
    "and no line saying what was written"
)
"""What ``--quiet`` silences: the progress line and the confirmation."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = _("Read IN, check it, and write it to OUT in the format OUT names.")
    parser.add_argument(
        "input", metavar="IN", help=_("input file or directory, or - for standard input")
    )
    parser.add_argument(
        "output", metavar="OUT", help=_("output file or directory, or - for standard output")
    )
    parser.add_argument(
        "--from",
        dest="from_format",
        choices=get_args(TextFormat),
        default="json",
        help=_("format of standard input, IN being - (default: %(default)s)"),
    )
    parser.add_argument(
        "--to",
        dest="to_format",
        choices=get_args(TextFormat),
        default="json",
        help=_("format of standard output, OUT being - (default: %(default)s)"),
    )
    parser.add_argument(
        "--bom",
        action="store_true",
        help=_("start CSV tables with a byte order mark, so that Excel opens them as UTF-8"),
    )
    add_quiet_option(parser, QUIET)
    add_limit_options(parser)


@guarded
@limited
def execute(args: argparse.Namespace) -> int:
    import hdnd
    from hdnd.io import UnsupportedFormat, format_of

    # an unknown extension or a misplaced --bom fails before any reading
    fmt = "stdout" if args.output == "-" else format_of(args.output)
    if args.bom and fmt not in ("csv", "zip"):
        raise UnsupportedFormat(_("--bom is for CSV tables: OUT must be a directory or a .zip"))
    refuse_overwriting([args.input], args.output)
    if fmt == "parquet" and args.input != "-" and format_of(args.input) == "jsonl":
        from hdnd._progress import wanted
        from hdnd.io.parquet import jsonl_to_parquet

        # in DuckDB: never loaded whole in Python
        jsonl_to_parquet(args.input, args.output, progress=wanted(args.quiet))
        confirm(args, args.output, _written(args.output))
        return EXIT_OK
    dataset = load(args.input, args.from_format, quiet=args.quiet)
    if args.output == "-":
        sys.stdout.write(hdnd.dumps(dataset, format=args.to_format))
    else:
        hdnd.dump(dataset, args.output, bom=args.bom)
        confirm(args, args.output, counted(dataset.counts()))
    return EXIT_OK


def _written(folder: str) -> str:
    """What a Parquet folder DuckDB wrote holds, as its manifest (``_meta.csv``) says."""
    from pathlib import Path

    from hdnd.io.csvtables import META_FILE, read_manifest_file

    manifest = read_manifest_file(Path(folder, META_FILE))
    return _("a Parquet folder") if isinstance(manifest, Problem) else counted(manifest.counts)
