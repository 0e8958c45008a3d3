"""``hdnd export --to popolo FILE OUT``: the data in another standard's terms."""

from __future__ import annotations

import argparse
import sys

from hdnd.cli._common import (
    EXIT_OK,
    add_limit_options,
    guarded,
    limited,
    load,
    refuse_overwriting,
    write_text,
)

NAME = "export"
HELP = "export to another standard: Popolo JSON"
EPILOG = """\
examples:
  hdnd export --to popolo examples/data/city-q1-2023.json city.popolo.json
  hdnd export --to popolo data.jsonl - | jq '.memberships | length'

Popolo (popoloproject.com) has organizations, persons, memberships, posts, events and
motions; petitions and voter petitions have no place there and are left out, with a
note on standard error. Ids are stable: hdnd:council/tp, hdnd:person/p1, ...
The output is written to a temporary file beside OUT and renamed over it when complete."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = "Read FILE, check it, and write it to OUT in another standard's format."
    parser.add_argument("file", metavar="FILE", help="the data file, or - for a JSON document")
    parser.add_argument("output", metavar="OUT", help="output file, or - for standard output")
    parser.add_argument(
        "--to",
        dest="to_format",
        choices=["popolo"],
        required=True,
        help="the standard to export to (required; Popolo JSON is the only one)",
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
    left_out = [f"{counts[key]} {key.replace('_', ' ')}" for key in NOT_EXPORTED if counts[key]]
    if left_out:
        note = f"not exported, Popolo has no place for them: {', '.join(left_out)}"
        sys.stderr.write(f"hdnd: note: {note}\n")
    return EXIT_OK
