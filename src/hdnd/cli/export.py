"""``hdnd export --to popolo FILE OUT``: the data in another standard's terms."""

from __future__ import annotations

import argparse
import sys

from hdnd.cli._common import (
    EXIT_OK,
    add_limit_options,
    guarded,
    kind_name,
    limited,
    load,
    refuse_overwriting,
    write_text,
)
from hdnd.i18n import N_
from hdnd.i18n import gettext as _

NAME = "export"
HELP = N_("export to another standard: Popolo JSON")
EPILOG = N_("""\
examples:
  hdnd export --to popolo examples/data/city-q1-2023.json city.popolo.json
  hdnd export --to popolo data.jsonl - | jq '.memberships | length'

Popolo (popoloproject.com) has organizations, persons, memberships, posts, events and
motions; petitions and voter petitions have no place there and are left out, with a
note on standard error. Ids are stable: hdnd:council/tp, hdnd:person/p1, ...
The output is written to a temporary file beside OUT and renamed over it when complete.""")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = _("Read FILE, check it, and write it to OUT in another standard's format.")
    parser.add_argument("file", metavar="FILE", help=_("the data file, or - for a JSON document"))
    parser.add_argument("output", metavar="OUT", help=_("output file, or - for standard output"))
    parser.add_argument(
        "--to",
        dest="to_format",
        choices=["popolo"],
        required=True,
        help=_("the standard to export to (required; Popolo JSON is the only one)"),
    )
    add_limit_options(parser)


@guarded
@limited
def execute(args: argparse.Namespace) -> int:
    import orjson

    from hdnd.popolo import NOT_EXPORTED, to_popolo

    refuse_overwriting([args.file], args.output)
    dataset = load(args.file)
    exported = to_popolo(dataset)
    write_text(args.output, orjson.dumps(exported, option=orjson.OPT_INDENT_2).decode())
    counts = dataset.counts()
    left_out = [
        # Translators: a number of records of a type, e.g. "13 recommendations"
        _("{n} {records}").format(n=counts[key], records=kind_name(key))
        for key in NOT_EXPORTED
        if counts[key]
    ]
    if left_out:
        note = _("hdnd: note: not exported, Popolo has no place for them: {records}")
        sys.stderr.write(note.format(records=", ".join(left_out)) + "\n")
    return EXIT_OK
