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
    kind_name,
    limited,
    load_all,
    refuse_overwriting,
)
from hdnd.i18n import N_, ngettext
from hdnd.i18n import gettext as _

NAME = "merge"
HELP = N_("merge several files into one (a city's file and its communes' workbooks)")
EPILOG = N_("""\
examples:
  hdnd merge city.json x-an-phu.xlsx x-hoa-loc.xlsx city-all.json
  hdnd merge q1/*.xlsx q1.xlsx

Ids must not clash across the files: a record whose id another file gives to a different
record of its type is an error naming both files. A record found identical in several
files (a commune's workbook repeating its council and the city's council) is written once.
References may name records of another file (a commune council's parent). The format of
OUT follows its extension, as for `hdnd convert`; OUT is written atomically and is never
one of the inputs.""")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = _("Read every IN, check them as one dataset, and write it to OUT.")
    parser.add_argument("inputs", nargs="+", metavar="IN", help=_("the files to merge"))
    parser.add_argument("output", metavar="OUT", help=_("the merged file or directory to write"))
    add_quiet_option(parser)
    add_limit_options(parser)


@guarded
@limited
def execute(args: argparse.Namespace) -> int:
    import hdnd
    from hdnd.io import format_of

    if len(args.inputs) < 2:
        return fail(_("give at least two files to merge, then the file to write"))
    format_of(args.output)  # an unknown extension fails before any reading
    refuse_overwriting(args.inputs, args.output)
    dataset = load_all(args.inputs, quiet=args.quiet)
    hdnd.dump(dataset, args.output)
    counts = ", ".join(
        _("{n} {records}").format(n=f"{n:,}", records=kind_name(key))
        for key, n in dataset.counts().items()
        if n
    )
    files = ngettext("{n} file", "{n} files", len(args.inputs)).format(n=len(args.inputs))
    what = f"{files}, {counts or _('no records')}"
    sys.stderr.write(_("hdnd: wrote {output}: {what}").format(output=args.output, what=what) + "\n")
    return EXIT_OK
