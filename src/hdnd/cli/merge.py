"""``hdnd merge IN... OUT``: several files written as one, each record once."""

from __future__ import annotations

import argparse
import sys

from hdnd.cli._common import (
    EXIT_OK,
    add_limit_options,
    add_quiet_option,
    fail,
    guarded,
    limited,
    load_all,
    refuse_overwriting,
)

NAME = "merge"
HELP = "merge several files into one (a city's file and its communes' workbooks)"
EPILOG = """\
examples:
  hdnd merge city.json x-an-phu.xlsx x-hoa-loc.xlsx city-all.json
  hdnd merge q1/*.xlsx q1.xlsx

Ids must not clash across the files: a record whose id another file gives to a different
record of its type is an error naming both files. A record found identical in several
files (a commune's workbook repeating its council and the city's council) is written once.
References may name records of another file (a commune council's parent). The format of
OUT follows its extension, as for `hdnd convert`; OUT is written atomically and is never
one of the inputs."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Read every IN, check them as one dataset, and write it to OUT."
    parser.add_argument("inputs", nargs="+", metavar="IN", help="the files to merge")
    parser.add_argument("output", metavar="OUT", help="the merged file or directory to write")
    add_quiet_option(parser)
    add_limit_options(parser)


@guarded
@limited
def execute(args: argparse.Namespace) -> int:
    import hdnd
    from hdnd.io import format_of

    if len(args.inputs) < 2:
        return fail("give at least two files to merge, then the file to write")
    format_of(args.output)  # an unknown extension fails before any reading
    refuse_overwriting(args.inputs, args.output)
    dataset = load_all(args.inputs, quiet=args.quiet)
    hdnd.dump(dataset, args.output)
    counts = ", ".join(f"{n:,} {key.replace('_', ' ')}" for key, n in dataset.counts().items() if n)
    files = len(args.inputs)
    sys.stderr.write(f"hdnd: wrote {args.output}: {files} files, {counts or 'no records'}\n")
    return EXIT_OK
