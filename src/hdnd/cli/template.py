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
from hdnd.i18n import N_
from hdnd.i18n import gettext as _

NAME = "template"
HELP = N_("write an empty Excel workbook (.xlsx) to fill in by hand")
EPILOG = N_("""\
examples:
  hdnd template hdnd-q1-2023.xlsx
  hdnd convert hdnd-q1-2023.xlsx q1-2023.json      (once it is filled in)

The workbook has a README sheet (in Vietnamese and English: what each sheet holds,
how to fill it in, the allowed values) and a sheet per record type, with drop-down
lists and date formats. Needs hdnd[excel]. An existing file is kept unless --force.""")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = _("Write the empty workbook, in the layout hdnd reads back.")
    parser.add_argument("output", metavar="OUT", help=_("the workbook to write, ending in .xlsx"))
    parser.add_argument(
        "--force", action="store_true", help=_("replace OUT if it exists (otherwise refuse)")
    )
    add_quiet_option(parser, CONFIRMATION)


@guarded
def execute(args: argparse.Namespace) -> int:
    from hdnd.io import UnsupportedFormat, format_of
    from hdnd.io.xlsx import write_template

    if format_of(args.output) != "xlsx":
        raise UnsupportedFormat(
            _("{output}: a template is an Excel workbook, name it .xlsx").format(output=args.output)
        )
    # a filled-in workbook is an office's work: never replace one by accident
    if os.path.exists(args.output) and not args.force:
        raise RefusedOutput(
            _("{output}: already exists; add --force to replace it").format(output=args.output)
        )
    from hdnd.spec import RECORDS

    write_template(args.output)
    what = _("an empty workbook, a README and {n} sheets to fill in").format(n=len(RECORDS))
    confirm(args, args.output, what)
    return EXIT_OK
