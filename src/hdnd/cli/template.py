"""``hdnd template OUT.xlsx``: the empty Excel workbook an office fills in."""

from __future__ import annotations

import argparse
import os

from hdnd.cli._common import (
    CONFIRMATION,
    EXIT_OK,
    RefusedOutput,
    add_quiet_option,
    confirm,
    guarded,
)

NAME = "template"
HELP = "write an empty Excel workbook (.xlsx) to fill in by hand"
EPILOG = """\
examples:
  hdnd template hdnd-q1-2023.xlsx
  hdnd convert hdnd-q1-2023.xlsx q1-2023.json      (once it is filled in)

The workbook has a README sheet (in Vietnamese and English: what each sheet holds,
how to fill it in, the allowed values) and a sheet per record type, with drop-down
lists and date formats. Needs hdnd[excel]. An existing file is kept unless --force."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Write the empty workbook, in the layout hdnd reads back."
    parser.add_argument("output", metavar="OUT", help="the workbook to write, ending in .xlsx")
    parser.add_argument(
        "--force", action="store_true", help="replace OUT if it exists (otherwise refuse)"
    )
    add_quiet_option(parser, CONFIRMATION)


@guarded
def execute(args: argparse.Namespace) -> int:
    from hdnd.io import UnsupportedFormat, format_of
    from hdnd.io.xlsx import write_template

    if format_of(args.output) != "xlsx":
        raise UnsupportedFormat(f"{args.output}: a template is an Excel workbook, name it .xlsx")
    # a filled-in workbook is an office's work: never replace one by accident
    if os.path.exists(args.output) and not args.force:
        raise RefusedOutput(f"{args.output}: already exists; add --force to replace it")
    from hdnd.spec import RECORDS

    write_template(args.output)
    confirm(args, args.output, f"an empty workbook, a README and {len(RECORDS)} sheets to fill in")
    return EXIT_OK
